-- What write-ups refer to, found when each text is saved and replaced with it.

-- Links from a text of one incident (its narrative, a perspective; later comments) to another
-- incident, kept by the cited incident's id so that renames keep them.
CREATE TABLE incident_links (
    id                  INTEGER PRIMARY KEY,
    citing_incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    -- 'narrative' (source_id 0: an incident has one) or 'perspective' (source_id its id).
    source_kind         TEXT    NOT NULL,
    source_id           INTEGER NOT NULL,
    -- The link's place among the text's links.
    seq                 INTEGER NOT NULL,
    cited_incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    -- What under the cited incident it points at ('/entries/12', '#backdrop'), or ''.
    target              TEXT    NOT NULL,
    -- The heading the link sits under, as the page shows it, and its anchor.
    section_heading     TEXT,
    section_anchor      TEXT,
    -- The text around the link (at most 200 characters).
    context             TEXT    NOT NULL
);
CREATE INDEX incident_links_cited ON incident_links (cited_incident_id);
CREATE INDEX incident_links_source ON incident_links (citing_incident_id, source_kind, source_id);

-- The glossary terms each text uses, found when it is saved (for related incidents).
CREATE TABLE incident_terms (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    source_kind  TEXT    NOT NULL,
    source_id    INTEGER NOT NULL,
    term_id      INTEGER NOT NULL REFERENCES glossary_terms (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, source_kind, source_id, term_id)
);
CREATE INDEX incident_terms_term ON incident_terms (term_id, incident_id);

-- The incidents each person wrote in, for people two incidents share.
CREATE INDEX timeline_entries_author ON timeline_entries (author_person_id, incident_id);
-- The records merged into each person.
CREATE INDEX people_merged_into ON people (merged_into);
