//! One timeline entry as a row of `timeline_entries`, the shape both backends' bulk inserts
//! write (`import::sqlite`, `import::postgres`).

/// One entry's column values, in the column order of both backends' bulk inserts (SQLite's
/// prepared statement, PostgreSQL's COPY), so that an entry is turned into a row in one place.
pub(crate) struct EntryValues<'a> {
    pub incident_id: i64,
    pub source_id: i64,
    pub seq: i64,
    pub occurred_at: String,
    pub time_text: &'a str,
    pub time_zone: Option<&'a str>,
    pub author_person_id: Option<i64>,
    pub kind: &'a str,
    pub body: &'a str,
    pub message_key: Option<&'a str>,
    pub thread_parent_key: Option<&'a str>,
    pub noise: bool,
    pub prov_path: &'a str,
    pub prov_line: Option<i64>,
    pub raw: &'a str,
    pub content_hash: String,
    pub channel: Option<&'a str>,
}
