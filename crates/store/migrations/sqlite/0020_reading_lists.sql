-- Reading lists: named, ordered lists of incidents an analyst curates ("Boot camp: ten
-- incidents every new engineer reads"), with a note per item. Positions within a list are
-- dense (0, 1, 2, …); moves and removals renumber them. Each item cites its incident.
CREATE TABLE reading_lists (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);

CREATE TABLE reading_list_items (
    list_id      INTEGER NOT NULL REFERENCES reading_lists (id) ON DELETE CASCADE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    note         TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (list_id, incident_id)
);
CREATE INDEX reading_list_items_incident ON reading_list_items (incident_id);
