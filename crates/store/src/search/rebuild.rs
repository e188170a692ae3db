//! Building `search_docs` from what is stored: once after the migration that added it (for
//! data written before), and on request (`Store::rebuild_search_index`).

use lore_core::NewAnnotation;

use super::index::{
    Doc, Owner, comment_doc, glossary_doc, incident_doc, moment_doc, narrative_docs,
    perspective_doc, replace_docs,
};
use crate::{Result, Store, on_db, with_write_tx};

impl Store {
    /// Builds the search index if a migration asked for it. Called after migrating.
    pub(crate) async fn ensure_search_index(&self) -> Result<()> {
        let (needed,): (bool,) = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT needs_rebuild FROM search_index_state WHERE id = 1")
                .fetch_one(pool)
                .await
        })?;
        if needed {
            let docs = self.rebuild_search_index().await?;
            if docs > 0 {
                tracing::info!(docs, "built the search index from stored incidents");
            }
        }
        Ok(())
    }

    /// Rebuilds every search document from the stored incidents, narratives, perspectives,
    /// moments, comments and glossary, in one transaction; returns how many documents it wrote.
    pub async fn rebuild_search_index(&self) -> Result<usize> {
        let mut owners: Vec<(Owner, Vec<Doc>)> = Vec::new();
        for incident in self.list_incidents(true).await? {
            let id = incident.id;
            owners.push((
                Owner::Incident(id),
                vec![incident_doc(
                    id,
                    &incident.title,
                    &incident.summary,
                    &incident.services,
                    &incident.tags,
                )],
            ));
            if let Some(n) = self.narrative(id).await? {
                owners.push((Owner::Narrative(id), narrative_docs(id, n.version, &n.body)));
            }
            for p in self.perspectives(id).await? {
                owners.push((
                    Owner::Perspective(p.id),
                    vec![perspective_doc(p.id, id, &p.person, &p.body)],
                ));
            }
            for a in self.annotations(id).await? {
                let new = NewAnnotation {
                    incident_id: a.incident_id,
                    on: a.on.clone(),
                    theme: a.theme,
                    tag: a.tag.clone(),
                    note: a.note.clone(),
                    author: a.author.clone(),
                };
                owners.push((Owner::Moment(a.id), vec![moment_doc(a.id, &new)]));
            }
            for c in self.comments(id).await? {
                if c.removed.is_none() {
                    owners.push((
                        Owner::Comment(c.id),
                        vec![comment_doc(c.id, id, &c.author, &c.body)],
                    ));
                }
            }
        }
        for t in self.glossary().await? {
            owners.push((Owner::Glossary(t.id), vec![glossary_doc(&t)]));
        }
        let count = owners.iter().map(|o| o.1.len()).sum();
        with_write_tx!(&self.db, tx => {
            sqlx::query("DELETE FROM search_docs").execute(&mut *tx).await?;
            for (owner, docs) in owners.clone() {
                replace_docs!(tx, owner, docs);
            }
            sqlx::query("UPDATE search_index_state SET needs_rebuild = FALSE WHERE id = 1")
                .execute(&mut *tx)
                .await?;
        });
        Ok(count)
    }
}
