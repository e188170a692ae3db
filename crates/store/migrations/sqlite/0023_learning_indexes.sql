-- The learning dashboard at scale (issue 11: 2,000,000 reads, 200,000 comments, p95 < 200 ms).

-- Reads per account and month ('YYYY-MM' of read_at, UTC): visits and seconds, kept exact by
-- the triggers below, so that the dashboard counts each month's readers and reading time from
-- at most one row per person a month instead of every read (a year of reads is half of them).
-- The dashboard subtracts the reads of the incidents the viewer may not see, from `reads`.
CREATE TABLE reads_by_month (
    month       TEXT    NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    visits      INTEGER NOT NULL,
    seconds     INTEGER NOT NULL,
    PRIMARY KEY (month, account_id)
) WITHOUT ROWID;

INSERT INTO reads_by_month (month, account_id, visits, seconds)
SELECT substr(read_at, 1, 7), account_id, COUNT(*), SUM(seconds) FROM reads GROUP BY 1, 2;

CREATE TRIGGER reads_by_month_insert AFTER INSERT ON reads BEGIN
    INSERT INTO reads_by_month (month, account_id, visits, seconds)
    VALUES (substr(new.read_at, 1, 7), new.account_id, 1, new.seconds)
    ON CONFLICT (month, account_id)
    DO UPDATE SET visits = visits + 1, seconds = seconds + excluded.seconds;
END;
CREATE TRIGGER reads_by_month_update AFTER UPDATE OF account_id, read_at, seconds ON reads BEGIN
    UPDATE reads_by_month SET visits = visits - 1, seconds = seconds - old.seconds
    WHERE month = substr(old.read_at, 1, 7) AND account_id = old.account_id;
    INSERT INTO reads_by_month (month, account_id, visits, seconds)
    VALUES (substr(new.read_at, 1, 7), new.account_id, 1, new.seconds)
    ON CONFLICT (month, account_id)
    DO UPDATE SET visits = visits + 1, seconds = seconds + excluded.seconds;
END;
CREATE TRIGGER reads_by_month_delete AFTER DELETE ON reads BEGIN
    UPDATE reads_by_month SET visits = visits - 1, seconds = seconds - old.seconds
    WHERE month = substr(old.read_at, 1, 7) AND account_id = old.account_id;
    DELETE FROM reads_by_month
    WHERE month = substr(old.read_at, 1, 7) AND account_id = old.account_id AND visits <= 0;
END;

-- One account's reads of one incident (the recent visit record_read looks for, the latest one
-- add_reading_time adds to, reading lists' progress), and an incident's readers and seconds
-- (reading_stats, and the dashboard's reads of hidden incidents) from the index alone.
DROP INDEX reads_incident;
CREATE INDEX reads_incident ON reads (incident_id, account_id, read_at, seconds);

-- Comments by month, in the order the dashboard groups them (no sort of a year of comments).
-- The expression must stay the one learning.rs groups by: substr(created_at, 1, 7).
CREATE INDEX comments_month ON comments (substr(created_at, 1, 7), incident_id, removed_at, created_at);
