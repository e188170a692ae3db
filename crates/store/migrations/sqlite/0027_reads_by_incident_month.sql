-- Reads per incident and month ('YYYY-MM' of read_at, UTC): visits and seconds, kept exact by
-- triggers, so that the dashboard ranks the year's most read incidents from at most one row
-- per incident a month instead of every read; their readers are then counted from `reads`.
CREATE TABLE reads_by_incident_month (
    month        TEXT    NOT NULL,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    visits       INTEGER NOT NULL,
    seconds      INTEGER NOT NULL,
    PRIMARY KEY (month, incident_id)
) WITHOUT ROWID;

INSERT INTO reads_by_incident_month (month, incident_id, visits, seconds)
SELECT substr(read_at, 1, 7), incident_id, COUNT(*), SUM(seconds) FROM reads GROUP BY 1, 2;

CREATE TRIGGER reads_by_incident_month_insert AFTER INSERT ON reads BEGIN
    INSERT INTO reads_by_incident_month (month, incident_id, visits, seconds)
    VALUES (substr(new.read_at, 1, 7), new.incident_id, 1, new.seconds)
    ON CONFLICT (month, incident_id)
    DO UPDATE SET visits = visits + 1, seconds = seconds + excluded.seconds;
END;
CREATE TRIGGER reads_by_incident_month_update AFTER UPDATE OF incident_id, read_at, seconds ON reads BEGIN
    UPDATE reads_by_incident_month SET visits = visits - 1, seconds = seconds - old.seconds
    WHERE month = substr(old.read_at, 1, 7) AND incident_id = old.incident_id;
    INSERT INTO reads_by_incident_month (month, incident_id, visits, seconds)
    VALUES (substr(new.read_at, 1, 7), new.incident_id, 1, new.seconds)
    ON CONFLICT (month, incident_id)
    DO UPDATE SET visits = visits + 1, seconds = seconds + excluded.seconds;
END;
CREATE TRIGGER reads_by_incident_month_delete AFTER DELETE ON reads BEGIN
    UPDATE reads_by_incident_month SET visits = visits - 1, seconds = seconds - old.seconds
    WHERE month = substr(old.read_at, 1, 7) AND incident_id = old.incident_id;
    DELETE FROM reads_by_incident_month
    WHERE month = substr(old.read_at, 1, 7) AND incident_id = old.incident_id AND visits <= 0;
END;
