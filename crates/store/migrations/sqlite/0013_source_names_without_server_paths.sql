-- Imports used to record a file as the command line named it, so an absolute path on the
-- server reached every reader ("Data we relied on", the API's source.file and
-- provenance.path). They now record it relative to where the command ran, or by its name
-- alone; this keeps only the name of what was stored before. The directory part of a path is
-- what rtrim leaves when it strips the trailing run of characters that are not '/' (after
-- any trailing '/' of a folder).
UPDATE sources
SET file_name = substr(rtrim(file_name, '/'), length(rtrim(rtrim(file_name, '/'), replace(rtrim(file_name, '/'), '/', ''))) + 1)
WHERE file_name LIKE '/%';

UPDATE timeline_entries
SET prov_path = substr(rtrim(prov_path, '/'), length(rtrim(rtrim(prov_path, '/'), replace(rtrim(prov_path, '/'), '/', ''))) + 1)
WHERE prov_path LIKE '/%';
