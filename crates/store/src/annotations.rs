use lore_core::{Account, Annotation, MarkedOn, NewAnnotation, Role, Theme};
use time::OffsetDateTime;

use crate::incidents::VISIBLE_TO;
use crate::search::index::{Owner, moment_doc, replace_docs};
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

const SELECT_ANNOTATION: &str = "SELECT a.id, a.incident_id, a.first_entry_id, a.last_entry_id, \
     a.passage, a.narrative_version, a.theme, a.tag, a.note, a.author, a.created_at";

#[derive(sqlx::FromRow)]
struct AnnotationRow {
    id: i64,
    incident_id: i64,
    first_entry_id: Option<i64>,
    last_entry_id: Option<i64>,
    passage: Option<String>,
    narrative_version: Option<i64>,
    theme: String,
    tag: Option<String>,
    note: String,
    author: String,
    created_at: DbTime,
}

impl AnnotationRow {
    fn into_annotation(self) -> Result<Annotation> {
        let on = match (self.first_entry_id, self.last_entry_id, self.passage) {
            (Some(first), Some(last), None) => MarkedOn::Entries { first, last },
            (None, None, Some(quote)) => MarkedOn::Passage {
                quote,
                narrative_version: self.narrative_version,
            },
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "annotation {} marks neither entries nor a passage",
                    self.id
                )));
            }
        };
        Ok(Annotation {
            id: self.id,
            incident_id: self.incident_id,
            on,
            theme: self
                .theme
                .parse()
                .map_err(|e: lore_core::ThemeError| StoreError::Corrupt(e.to_string()))?,
            tag: self.tag,
            note: self.note,
            author: self.author,
            created_at: self.created_at.into(),
        })
    }
}

/// A moment found across incidents, with what a reader needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundMoment {
    pub annotation: Annotation,
    pub incident_slug: String,
    pub incident_title: String,
    /// For marks on the timeline: the first marked entry's time, author and words.
    pub evidence: Option<(OffsetDateTime, Option<String>, String)>,
}

#[derive(sqlx::FromRow)]
struct FoundRow {
    #[sqlx(flatten)]
    annotation: AnnotationRow,
    slug: String,
    title: String,
    occurred_at: Option<DbTime>,
    author_name: Option<String>,
    body: Option<String>,
}

/// What to look for across incidents; empty parts match everything.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MomentSearch {
    pub theme: Option<Theme>,
    /// An analyst's own tag, matched without regard to case.
    pub tag: Option<String>,
    /// Words looked for in the note, the tag, the passage and the marked entry's text.
    pub text: Option<String>,
    pub limit: i64,
}

/// `%text%` for LIKE, with the user's own `%`, `_` and `\` taken literally.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Store {
    /// Adds an annotation. Marked entries must be entries of the incident: otherwise
    /// `Invalid` (the request named something that is not there to mark).
    pub async fn add_annotation(&self, new: &NewAnnotation) -> Result<Annotation> {
        let (first, last, passage, version) = match &new.on {
            MarkedOn::Entries { first, last } => (Some(*first), Some(*last), None, None),
            MarkedOn::Passage {
                quote,
                narrative_version,
            } => (None, None, Some(quote.trim()), *narrative_version),
        };
        let id: Option<i64> = with_write_tx!(&self.db, tx => {
            let wanted = match (first, last) {
                (Some(f), Some(l)) if f == l => 1,
                (Some(_), Some(_)) => 2,
                _ => 0,
            };
            let (found,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM timeline_entries WHERE incident_id = $1 AND id IN ($2, $3)",
            )
            .bind(new.incident_id)
            .bind(first.unwrap_or(-1))
            .bind(last.unwrap_or(-1))
            .fetch_one(&mut *tx)
            .await?;
            if found != wanted {
                None
            } else {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO annotations (incident_id, first_entry_id, last_entry_id, passage, \
                     narrative_version, theme, tag, note, author, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(new.incident_id)
                .bind(first)
                .bind(last)
                .bind(passage)
                .bind(version)
                .bind(new.theme.as_str())
                .bind(new.tag.as_deref().map(str::trim))
                .bind(&new.note)
                .bind(&new.author)
                .bind(self.db_now())
                .fetch_one(&mut *tx)
                .await?;
                replace_docs!(tx, Owner::Moment(id), [moment_doc(id, new)]);
                Some(id)
            }
        });
        let id = id.ok_or_else(|| {
            StoreError::Invalid("that entry is not in this incident's timeline".into())
        })?;
        self.annotations(new.incident_id)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("annotation {id}")))
    }

    /// An incident's annotations, oldest first.
    pub async fn annotations(&self, incident_id: i64) -> Result<Vec<Annotation>> {
        let sql = format!(
            "{SELECT_ANNOTATION} FROM annotations a WHERE a.incident_id = $1 ORDER BY a.id"
        );
        let rows: Vec<AnnotationRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(incident_id).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(AnnotationRow::into_annotation)
            .collect()
    }

    /// Moments across every incident the account may see, newest incident first and in the
    /// order they were marked within one: how themes are found again across the library.
    pub async fn search_moments(
        &self,
        account: &Account,
        search: &MomentSearch,
    ) -> Result<Vec<FoundMoment>> {
        let sql = format!(
            "{SELECT_ANNOTATION}, incidents.slug, incidents.title, e.occurred_at, \
             p.display_name AS author_name, e.body \
             FROM annotations a JOIN incidents ON incidents.id = a.incident_id \
             LEFT JOIN timeline_entries e ON e.id = a.first_entry_id \
             LEFT JOIN people a0 ON a0.id = e.author_person_id \
             LEFT JOIN people p ON p.id = COALESCE(a0.merged_into, a0.id) \
             WHERE {VISIBLE_TO} \
             AND ($3 = '' OR a.theme = $3) \
             AND ($4 = '' OR LOWER(COALESCE(a.tag, '')) = $4) \
             AND ($5 = '' OR LOWER(a.note || ' ' || COALESCE(a.tag, '') || ' ' || \
                  COALESCE(a.passage, '') || ' ' || COALESCE(e.body, '')) LIKE $6 ESCAPE '\\') \
             ORDER BY COALESCE(incidents.started_at, incidents.detected_at, incidents.created_at) DESC, \
             incidents.id DESC, a.id LIMIT $7"
        );
        let text = search.text.as_deref().map(str::trim).unwrap_or_default();
        let tag = search
            .tag
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .unwrap_or_default();
        let rows: Vec<FoundRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(account.role == Role::Admin)
                .bind(account.id)
                .bind(search.theme.map_or("", Theme::as_str))
                .bind(&tag)
                .bind(text)
                .bind(like_pattern(text))
                .bind(search.limit.max(1))
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(FoundMoment {
                    annotation: r.annotation.into_annotation()?,
                    incident_slug: r.slug,
                    incident_title: r.title,
                    evidence: match (r.occurred_at, r.body) {
                        (Some(at), Some(body)) => Some((at.into(), r.author_name, body)),
                        _ => None,
                    },
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(super::like_pattern("NAT"), "%nat%");
        assert_eq!(super::like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
