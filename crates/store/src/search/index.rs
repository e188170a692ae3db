//! Keeping `search_docs` in step with what it indexes. Each write that changes something a
//! reader can find replaces that thing's rows in the same transaction ([`replace_docs!`]), so
//! the index is never behind the text. Timeline entries are not here: they are indexed where
//! they are stored (`timeline_fts` on SQLite, an expression index on PostgreSQL).

use lore_core::search::{HitKind, narrative_sections, plain_words};
use lore_core::{GlossaryTerm, MarkedOn, NewAnnotation};

/// One row of `search_docs`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Doc {
    pub incident_id: Option<i64>,
    pub kind: HitKind,
    pub ref_id: Option<i64>,
    /// Where in the page the hit links to (a narrative section, a glossary term).
    pub anchor: String,
    pub title: String,
    pub body: String,
    /// Whose account it is, for `person:` (perspectives).
    pub person: Option<String>,
}

/// What a set of rows belongs to: replacing an owner's rows deletes exactly these.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    /// The incident's title, summary, services and tags.
    Incident(i64),
    /// Every section of the incident's current narrative.
    Narrative(i64),
    Perspective(i64),
    Moment(i64),
    Glossary(i64),
    Comment(i64),
}

impl Owner {
    pub fn kind(self) -> &'static str {
        match self {
            Owner::Incident(_) => HitKind::Incident.as_str(),
            Owner::Narrative(_) => HitKind::Narrative.as_str(),
            Owner::Perspective(_) => HitKind::Perspective.as_str(),
            Owner::Moment(_) => HitKind::Moment.as_str(),
            Owner::Glossary(_) => HitKind::Glossary.as_str(),
            Owner::Comment(_) => HitKind::Comment.as_str(),
        }
    }

    /// The statement deleting this owner's rows; binds `$1` kind and `$2` id.
    pub fn delete_sql(self) -> &'static str {
        match self {
            Owner::Incident(_) | Owner::Narrative(_) => {
                "DELETE FROM search_docs WHERE kind = $1 AND incident_id = $2"
            }
            Owner::Perspective(_) | Owner::Moment(_) | Owner::Glossary(_) | Owner::Comment(_) => {
                "DELETE FROM search_docs WHERE kind = $1 AND ref_id = $2"
            }
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Owner::Incident(id)
            | Owner::Narrative(id)
            | Owner::Perspective(id)
            | Owner::Moment(id)
            | Owner::Glossary(id)
            | Owner::Comment(id) => id,
        }
    }
}

/// Inserts `docs` on an open connection or transaction (`$conn` is something `&mut *$conn`
/// makes an executor of). Used inside `with_write_tx!` and `on_tx!` bodies, which are compiled
/// once per backend.
macro_rules! insert_docs {
    ($conn:expr, $docs:expr) => {{
        for doc in $docs {
            let doc: $crate::search::index::Doc = doc;
            sqlx::query(
                "INSERT INTO search_docs (incident_id, kind, ref_id, anchor, title, body, person) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(doc.incident_id)
            .bind(doc.kind.as_str())
            .bind(doc.ref_id)
            .bind(doc.anchor)
            .bind(doc.title)
            .bind(doc.body)
            .bind(doc.person)
            .execute(&mut *$conn)
            .await?;
        }
    }};
}
pub(crate) use insert_docs;

/// Replaces an owner's rows with `docs` (see [`insert_docs!`]).
macro_rules! replace_docs {
    ($conn:expr, $owner:expr, $docs:expr) => {{
        let owner: $crate::search::index::Owner = $owner;
        sqlx::query(owner.delete_sql())
            .bind(owner.kind())
            .bind(owner.id())
            .execute(&mut *$conn)
            .await?;
        $crate::search::index::insert_docs!($conn, $docs);
    }};
}
pub(crate) use replace_docs;

/// The incident's own row: its title, and its summary, services and tags as the text.
pub(crate) fn incident_doc(
    incident_id: i64,
    title: &str,
    summary: &str,
    services: &[String],
    tags: &[String],
) -> Doc {
    let mut body = summary.to_string();
    for word in services.iter().chain(tags) {
        body.push('\n');
        body.push_str(word);
    }
    Doc {
        incident_id: Some(incident_id),
        kind: HitKind::Incident,
        ref_id: None,
        anchor: String::new(),
        title: title.to_string(),
        body,
        person: None,
    }
}

/// One row per section of the narrative, each linking to its heading.
pub(crate) fn narrative_docs(incident_id: i64, version: i64, body: &str) -> Vec<Doc> {
    narrative_sections(body)
        .into_iter()
        .map(|s| Doc {
            incident_id: Some(incident_id),
            kind: HitKind::Narrative,
            ref_id: Some(version),
            anchor: s.anchor,
            title: s.heading,
            body: s.text,
            person: None,
        })
        .collect()
}

pub(crate) fn perspective_doc(id: i64, incident_id: i64, person: &str, body: &str) -> Doc {
    Doc {
        incident_id: Some(incident_id),
        kind: HitKind::Perspective,
        ref_id: Some(id),
        anchor: format!("perspective-{id}"),
        title: person.to_string(),
        body: markdown_text(body),
        person: Some(person.to_string()),
    }
}

/// A comment: its author as the title, its words as the text; linking to `#comment-ID`.
pub(crate) fn comment_doc(id: i64, incident_id: i64, author: &str, body: &str) -> Doc {
    Doc {
        incident_id: Some(incident_id),
        kind: HitKind::Comment,
        ref_id: Some(id),
        anchor: format!("comment-{id}"),
        title: format!("Comment by {author}"),
        body: markdown_text(body),
        person: None,
    }
}

/// A moment: its theme and own tag as the title; its note and the passage it marks as the text.
pub(crate) fn moment_doc(id: i64, a: &NewAnnotation) -> Doc {
    let mut title = a.theme.as_str().to_string();
    if let Some(tag) = &a.tag {
        title.push(' ');
        title.push_str(tag.trim());
    }
    let mut body = a.note.clone();
    if let MarkedOn::Passage { quote, .. } = &a.on {
        body.push('\n');
        body.push_str(quote.trim());
    }
    Doc {
        incident_id: Some(a.incident_id),
        kind: HitKind::Moment,
        ref_id: Some(id),
        anchor: format!("moment-{id}"),
        title,
        body,
        person: None,
    }
}

pub(crate) fn glossary_doc(t: &GlossaryTerm) -> Doc {
    let mut title = t.term.clone();
    for alias in &t.aliases {
        title.push(' ');
        title.push_str(alias);
    }
    Doc {
        incident_id: None,
        kind: HitKind::Glossary,
        ref_id: Some(t.id),
        anchor: t.anchor(),
        title,
        body: markdown_text(&t.definition),
        person: None,
    }
}

fn markdown_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        out.push_str(&plain_words(line));
        out.push('\n');
    }
    out
}
