-- Each comment's age when written: microseconds from the moment its incident ended to the
-- comment. An incident ended when it was resolved, else at the later of its start and its
-- detection, else when it was created (as `LongTail::ended` in lore-core, which the incident
-- page uses; the dashboard used to take detection before start, and now agrees). The dashboard sorts a year of comments into age bands and counts the late ones;
-- computed per row from the text times that cost ~150 ms over 100,000 comments, read from an
-- integer it costs a compare. Kept by triggers: on a new comment, on a comment moved or
-- re-dated, and for all of an incident's comments when the incident's times change.
--
-- Times are stored in the fixed-width form `YYYY-MM-DDTHH:MM:SS.ffffffZ` (DbTime), so whole
-- seconds come from strftime('%s') and the microseconds from characters 21–26: exact, where
-- julianday's floating point would be ~20 µs off.
ALTER TABLE comments ADD COLUMN age_micros INTEGER;

UPDATE comments SET age_micros = (
    SELECT (CAST(strftime('%s', comments.created_at) AS INTEGER) * 1000000 + CAST(substr(comments.created_at, 21, 6) AS INTEGER))
         - (CAST(strftime('%s', e.ended) AS INTEGER) * 1000000 + CAST(substr(e.ended, 21, 6) AS INTEGER))
    FROM (SELECT COALESCE(i.resolved_at, max(i.started_at, i.detected_at), i.started_at, i.detected_at, i.created_at) AS ended
          FROM incidents i WHERE i.id = comments.incident_id) e
);

CREATE TRIGGER comments_age_insert AFTER INSERT ON comments BEGIN
    UPDATE comments SET age_micros = (
        SELECT (CAST(strftime('%s', new.created_at) AS INTEGER) * 1000000 + CAST(substr(new.created_at, 21, 6) AS INTEGER))
             - (CAST(strftime('%s', e.ended) AS INTEGER) * 1000000 + CAST(substr(e.ended, 21, 6) AS INTEGER))
        FROM (SELECT COALESCE(i.resolved_at, max(i.started_at, i.detected_at), i.started_at, i.detected_at, i.created_at) AS ended
              FROM incidents i WHERE i.id = new.incident_id) e
    ) WHERE id = new.id;
END;

CREATE TRIGGER comments_age_update AFTER UPDATE OF incident_id, created_at ON comments BEGIN
    UPDATE comments SET age_micros = (
        SELECT (CAST(strftime('%s', new.created_at) AS INTEGER) * 1000000 + CAST(substr(new.created_at, 21, 6) AS INTEGER))
             - (CAST(strftime('%s', e.ended) AS INTEGER) * 1000000 + CAST(substr(e.ended, 21, 6) AS INTEGER))
        FROM (SELECT COALESCE(i.resolved_at, max(i.started_at, i.detected_at), i.started_at, i.detected_at, i.created_at) AS ended
              FROM incidents i WHERE i.id = new.incident_id) e
    ) WHERE id = new.id;
END;

CREATE TRIGGER incidents_end_comment_ages AFTER UPDATE OF resolved_at, detected_at, started_at, created_at ON incidents
WHEN old.resolved_at IS NOT new.resolved_at OR old.detected_at IS NOT new.detected_at
  OR old.started_at IS NOT new.started_at OR old.created_at IS NOT new.created_at
BEGIN
    UPDATE comments SET age_micros =
        (CAST(strftime('%s', comments.created_at) AS INTEGER) * 1000000 + CAST(substr(comments.created_at, 21, 6) AS INTEGER))
      - (SELECT CAST(strftime('%s', e.ended) AS INTEGER) * 1000000 + CAST(substr(e.ended, 21, 6) AS INTEGER)
         FROM (SELECT COALESCE(new.resolved_at, max(new.started_at, new.detected_at), new.started_at, new.detected_at, new.created_at) AS ended) e)
    WHERE incident_id = new.id;
END;

-- The month index, covering the age too (the dashboard's monthly comments and late comments,
-- and its comments by age, read nothing else).
DROP INDEX comments_month;
CREATE INDEX comments_month ON comments (substr(created_at, 1, 7), incident_id, removed_at, created_at, age_micros);

-- The most read incidents are ranked by summing each incident's months: in incident order,
-- no sort of a year of month rows.
CREATE INDEX reads_by_incident_month_incident ON reads_by_incident_month (incident_id, month, visits);
