use lore_core::{GlossaryTerm, NewGlossaryTerm};

use crate::error::is_unique_violation;
use crate::search::index::{Owner, glossary_doc, replace_docs};
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

#[derive(sqlx::FromRow)]
struct TermRow {
    id: i64,
    term: String,
    aliases: String,
    definition: String,
    link: Option<String>,
    created_by: String,
    created_at: DbTime,
}

impl Store {
    /// Adds a term; the same term (in any case) twice is refused.
    pub async fn add_glossary_term(&self, new: &NewGlossaryTerm) -> Result<()> {
        let term = new.term.trim();
        let aliases: Vec<&str> = new
            .aliases
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .collect();
        let aliases = serde_json::to_string(&aliases).expect("strings serialise");
        let inserted: std::result::Result<(), sqlx::Error> = with_write_tx!(&self.db, tx => {
            let row = sqlx::query_as::<_, (i64,)>(
                "INSERT INTO glossary_terms (term, term_key, aliases, definition, link, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(term)
            .bind(term.to_lowercase())
            .bind(&aliases)
            .bind(new.definition.trim())
            .bind(&new.link)
            .bind(&new.created_by)
            .bind(DbTime::now())
            .fetch_one(&mut *tx)
            .await;
            match row {
                Ok((id,)) => {
                    let stored = GlossaryTerm {
                        id,
                        term: term.to_string(),
                        aliases: new.aliases.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
                        definition: new.definition.trim().to_string(),
                        link: new.link.clone(),
                        created_by: new.created_by.clone(),
                        created_at: time::OffsetDateTime::now_utc(),
                    };
                    replace_docs!(tx, Owner::Glossary(id), [glossary_doc(&stored)]);
                    Ok(())
                }
                Err(e) => Err(e),
            }
        });
        match inserted {
            Err(e) if is_unique_violation(&e) => {
                Err(StoreError::AlreadyExists(format!("glossary term {term:?}")))
            }
            other => Ok(other?),
        }
    }

    /// Every term, alphabetically.
    pub async fn glossary(&self) -> Result<Vec<GlossaryTerm>> {
        let rows: Vec<TermRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT id, term, aliases, definition, link, created_by, created_at \
                 FROM glossary_terms ORDER BY term_key",
            )
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(GlossaryTerm {
                    id: r.id,
                    aliases: serde_json::from_str(&r.aliases)
                        .map_err(|e| StoreError::Corrupt(format!("glossary term {}: {e}", r.id)))?,
                    term: r.term,
                    definition: r.definition,
                    link: r.link,
                    created_by: r.created_by,
                    created_at: r.created_at.into(),
                })
            })
            .collect()
    }
}
