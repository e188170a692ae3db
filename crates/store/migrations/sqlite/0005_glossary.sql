-- The organisation's glossary: one row per term; aliases as a JSON array.
CREATE TABLE glossary_terms (
    id          INTEGER PRIMARY KEY,
    term        TEXT NOT NULL,
    term_key    TEXT NOT NULL UNIQUE,
    aliases     TEXT NOT NULL DEFAULT '[]',
    definition  TEXT NOT NULL,
    link        TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
