-- See ../sqlite/0027_reads_by_incident_month.sql.
CREATE TABLE reads_by_incident_month (
    month        TEXT   NOT NULL,
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    visits       BIGINT NOT NULL,
    seconds      BIGINT NOT NULL,
    PRIMARY KEY (month, incident_id)
);

INSERT INTO reads_by_incident_month (month, incident_id, visits, seconds)
SELECT to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM'), incident_id, COUNT(*), SUM(seconds)
FROM reads GROUP BY 1, 2;

CREATE FUNCTION reads_by_incident_month_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE reads_by_incident_month SET visits = visits - 1, seconds = seconds - OLD.seconds
        WHERE month = to_char(OLD.read_at AT TIME ZONE 'UTC', 'YYYY-MM')
          AND incident_id = OLD.incident_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM reads_by_incident_month
        WHERE month = to_char(OLD.read_at AT TIME ZONE 'UTC', 'YYYY-MM')
          AND incident_id = OLD.incident_id AND visits <= 0;
    ELSE
        INSERT INTO reads_by_incident_month AS b (month, incident_id, visits, seconds)
        VALUES (to_char(NEW.read_at AT TIME ZONE 'UTC', 'YYYY-MM'), NEW.incident_id, 1, NEW.seconds)
        ON CONFLICT (month, incident_id)
        DO UPDATE SET visits = b.visits + 1, seconds = b.seconds + EXCLUDED.seconds;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER reads_by_incident_month_insert AFTER INSERT ON reads
    FOR EACH ROW EXECUTE FUNCTION reads_by_incident_month_change();
CREATE TRIGGER reads_by_incident_month_update AFTER UPDATE OF incident_id, read_at, seconds ON reads
    FOR EACH ROW EXECUTE FUNCTION reads_by_incident_month_change();
CREATE TRIGGER reads_by_incident_month_delete AFTER DELETE ON reads
    FOR EACH ROW EXECUTE FUNCTION reads_by_incident_month_change();
