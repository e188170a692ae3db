-- Imports used to record a file as the command line named it, so an absolute path on the
-- server reached every reader ("Data we relied on", the API's source.file and
-- provenance.path). They now record it relative to where the command ran, or by its name
-- alone; this keeps only the name of what was stored before.
UPDATE sources
SET file_name = regexp_replace(rtrim(file_name, '/'), '^.*/', '')
WHERE file_name LIKE '/%';

UPDATE timeline_entries
SET prov_path = regexp_replace(rtrim(prov_path, '/'), '^.*/', '')
WHERE prov_path LIKE '/%';
