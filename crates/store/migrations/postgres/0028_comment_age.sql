-- See ../sqlite/0028_comment_age.sql.
ALTER TABLE comments ADD COLUMN age_micros BIGINT;

UPDATE comments c SET age_micros = CAST(EXTRACT(EPOCH FROM (c.created_at - COALESCE(i.resolved_at, GREATEST(i.started_at, i.detected_at), i.created_at))) * 1000000 AS BIGINT)
FROM incidents i WHERE i.id = c.incident_id;

CREATE FUNCTION comments_age() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.age_micros := (
        SELECT CAST(EXTRACT(EPOCH FROM (NEW.created_at - COALESCE(i.resolved_at, GREATEST(i.started_at, i.detected_at), i.created_at))) * 1000000 AS BIGINT)
        FROM incidents i WHERE i.id = NEW.incident_id);
    RETURN NEW;
END
$$;

CREATE TRIGGER comments_age_insert BEFORE INSERT ON comments
    FOR EACH ROW EXECUTE FUNCTION comments_age();
CREATE TRIGGER comments_age_update BEFORE UPDATE OF incident_id, created_at ON comments
    FOR EACH ROW EXECUTE FUNCTION comments_age();

CREATE FUNCTION incidents_end_comment_ages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE comments SET age_micros = CAST(EXTRACT(EPOCH FROM (created_at - COALESCE(NEW.resolved_at, GREATEST(NEW.started_at, NEW.detected_at), NEW.created_at))) * 1000000 AS BIGINT)
    WHERE incident_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER incidents_end_comment_ages AFTER UPDATE OF resolved_at, detected_at, started_at, created_at ON incidents
    FOR EACH ROW
    WHEN (OLD.resolved_at IS DISTINCT FROM NEW.resolved_at OR OLD.detected_at IS DISTINCT FROM NEW.detected_at
          OR OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION incidents_end_comment_ages();

-- A year of comments found by time with the fields the dashboard reads, without the table.
DROP INDEX comments_created;
CREATE INDEX comments_created ON comments (created_at) INCLUDE (incident_id, removed_at, age_micros);

CREATE INDEX reads_by_incident_month_incident ON reads_by_incident_month (incident_id, month) INCLUDE (visits);
