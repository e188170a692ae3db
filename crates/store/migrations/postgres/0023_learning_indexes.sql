-- See ../sqlite/0023_learning_indexes.sql.
CREATE TABLE reads_by_month (
    month       TEXT   NOT NULL,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    visits      BIGINT NOT NULL,
    seconds     BIGINT NOT NULL,
    PRIMARY KEY (month, account_id)
);

INSERT INTO reads_by_month (month, account_id, visits, seconds)
SELECT to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM'), account_id, COUNT(*), SUM(seconds)
FROM reads GROUP BY 1, 2;

CREATE FUNCTION reads_by_month_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE reads_by_month SET visits = visits - 1, seconds = seconds - OLD.seconds
        WHERE month = to_char(OLD.read_at AT TIME ZONE 'UTC', 'YYYY-MM')
          AND account_id = OLD.account_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM reads_by_month
        WHERE month = to_char(OLD.read_at AT TIME ZONE 'UTC', 'YYYY-MM')
          AND account_id = OLD.account_id AND visits <= 0;
    ELSE
        INSERT INTO reads_by_month AS b (month, account_id, visits, seconds)
        VALUES (to_char(NEW.read_at AT TIME ZONE 'UTC', 'YYYY-MM'), NEW.account_id, 1, NEW.seconds)
        ON CONFLICT (month, account_id)
        DO UPDATE SET visits = b.visits + 1, seconds = b.seconds + EXCLUDED.seconds;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER reads_by_month_insert AFTER INSERT ON reads
    FOR EACH ROW EXECUTE FUNCTION reads_by_month_change();
CREATE TRIGGER reads_by_month_update AFTER UPDATE OF account_id, read_at, seconds ON reads
    FOR EACH ROW EXECUTE FUNCTION reads_by_month_change();
CREATE TRIGGER reads_by_month_delete AFTER DELETE ON reads
    FOR EACH ROW EXECUTE FUNCTION reads_by_month_change();

DROP INDEX reads_incident;
CREATE INDEX reads_incident ON reads (incident_id, account_id, read_at) INCLUDE (seconds);

-- A year of comments is found by its time (PostgreSQL groups by hash: no order needed).
CREATE INDEX comments_created ON comments (created_at);
