//! Incident aliases, and the references to incidents found in git repositories by
//! `lore scan git` (the scanning is `lore-gitscan`'s; this keeps what it found).

use lore_core::Incident;
use lore_core::search::HitKind;
use time::OffsetDateTime;

use crate::error::is_unique_violation;
use crate::search::index::{Doc, insert_docs};
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// The longest alias accepted, in characters.
pub const MAX_ALIAS_CHARS: usize = 100;

/// One incident and every name a repository may cite it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentNames {
    pub incident_id: i64,
    pub slug: String,
    /// Slugs it had before a rename: old links still cite it.
    pub old_slugs: Vec<String>,
    pub aliases: Vec<String>,
}

/// A reference found by a scan, about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGitReference {
    /// The cited incident's slug (current or old).
    pub slug: String,
    /// `commit`, `code`, `doc`, `config` or `other`.
    pub kind: String,
    pub commit: String,
    /// `None` for a commit message.
    pub path: Option<String>,
    pub line: i64,
    pub matched: String,
    pub author: Option<String>,
    pub committed_at: Option<OffsetDateTime>,
    pub line_text: String,
}

/// What one scan of one repository found, to be stored in one transaction.
#[derive(Debug, Clone)]
pub struct GitScanRecord {
    /// Where the repository is on this machine.
    pub path: String,
    /// What readers see it called.
    pub name: String,
    pub head: Option<String>,
    /// The scanner's state, for the next scan.
    pub state: String,
    /// Replace every reference of the repository (a full scan).
    pub full_rescan: bool,
    pub commit_references: Vec<NewGitReference>,
    /// Paths whose file references are replaced by `file_references`.
    pub rescanned_paths: Vec<String>,
    pub file_references: Vec<NewGitReference>,
}

/// What storing a scan changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GitScanStored {
    pub added: u64,
    pub removed: u64,
    /// References to names no incident has (any more): not stored.
    pub unknown: u64,
}

/// A stored reference, as "Cited by" shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitReference {
    pub repository: String,
    pub kind: String,
    pub commit: String,
    pub path: Option<String>,
    pub line: i64,
    pub matched: String,
    pub author: Option<String>,
    pub committed_at: Option<OffsetDateTime>,
    pub line_text: String,
}

#[derive(sqlx::FromRow)]
struct GitReferenceRow {
    repository: String,
    kind: String,
    commit_id: String,
    path: Option<String>,
    line: i64,
    matched: String,
    author: Option<String>,
    committed_at: Option<DbTime>,
    line_text: String,
}

impl Store {
    /// Adds an alias to an incident. An alias another incident has (in any case) is refused,
    /// as is an empty or over-long one; the same alias twice on one incident is no change.
    pub async fn add_incident_alias(
        &self,
        incident: &Incident,
        alias: &str,
        by: &str,
    ) -> Result<()> {
        let alias = alias.trim();
        if alias.is_empty()
            || alias.chars().count() > MAX_ALIAS_CHARS
            || alias.contains(char::is_control)
        {
            return Err(StoreError::Invalid(format!(
                "an alias is 1 to {MAX_ALIAS_CHARS} characters on one line, not {alias:?}"
            )));
        }
        let key = alias.to_lowercase();
        let owner: Option<(i64,)> = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT incident_id FROM incident_aliases WHERE alias_key = $1")
                .bind(&key)
                .fetch_optional(pool)
                .await
        })?;
        match owner {
            Some((id,)) if id == incident.id => return Ok(()),
            Some(_) => {
                return Err(StoreError::AlreadyExists(format!(
                    "alias {alias:?} (another incident has it)"
                )));
            }
            None => {}
        }
        let inserted: std::result::Result<(), sqlx::Error> = with_write_tx!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO incident_aliases (incident_id, alias, alias_key, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(incident.id)
            .bind(alias)
            .bind(&key)
            .bind(by)
            .bind(DbTime::now())
            .execute(&mut *tx)
            .await
            .map(|_| ())
        });
        match inserted {
            Err(e) if is_unique_violation(&e) => Err(StoreError::AlreadyExists(format!(
                "alias {alias:?} (another incident has it)"
            ))),
            other => Ok(other?),
        }
    }

    /// An incident's aliases, in the order they were added.
    pub async fn incident_aliases(&self, incident_id: i64) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT alias FROM incident_aliases WHERE incident_id = $1 ORDER BY id")
                .bind(incident_id)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Every incident with every name it may be cited by: what a scan looks for.
    pub async fn incident_names(&self) -> Result<Vec<IncidentNames>> {
        type Pairs = Vec<(i64, String)>;
        let (incidents, old, aliases): (Pairs, Pairs, Pairs) = on_db!(&self.db, pool => {
            let incidents = sqlx::query_as("SELECT id, slug FROM incidents ORDER BY id")
                .fetch_all(pool)
                .await?;
            let old = sqlx::query_as("SELECT incident_id, old_slug FROM incident_slug_history ORDER BY renamed_at, old_slug")
                .fetch_all(pool)
                .await?;
            let aliases = sqlx::query_as("SELECT incident_id, alias FROM incident_aliases ORDER BY id")
                .fetch_all(pool)
                .await?;
            (incidents, old, aliases)
        });
        let mut out: Vec<IncidentNames> = incidents
            .into_iter()
            .map(|(incident_id, slug)| IncidentNames {
                incident_id,
                slug,
                old_slugs: Vec::new(),
                aliases: Vec::new(),
            })
            .collect();
        let index: std::collections::HashMap<i64, usize> = out
            .iter()
            .enumerate()
            .map(|(i, n)| (n.incident_id, i))
            .collect();
        for (id, slug) in old {
            if let Some(&i) = index.get(&id) {
                out[i].old_slugs.push(slug);
            }
        }
        for (id, alias) in aliases {
            if let Some(&i) = index.get(&id) {
                out[i].aliases.push(alias);
            }
        }
        Ok(out)
    }

    /// The name readers see and the scanner state kept for a repository path, if it was
    /// scanned before.
    pub async fn git_scan_state(&self, path: &str) -> Result<Option<(String, String)>> {
        Ok(on_db!(&self.db, pool => {
            sqlx::query_as("SELECT name, state FROM git_repositories WHERE path = $1")
                .bind(path)
                .fetch_optional(pool)
                .await
        })?)
    }

    /// Stores what a scan found, in one transaction: the repository and its state, the
    /// references that are gone removed, the new ones added (each also searchable).
    pub async fn record_git_scan(&self, scan: &GitScanRecord) -> Result<GitScanStored> {
        let names = self.incident_names().await?;
        let mut by_name: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        for n in &names {
            by_name.insert(n.slug.clone(), n.incident_id);
            for old in &n.old_slugs {
                by_name.entry(old.clone()).or_insert(n.incident_id);
            }
        }
        let mut stored = GitScanStored::default();
        let fresh: Vec<(i64, &NewGitReference)> = scan
            .commit_references
            .iter()
            .chain(&scan.file_references)
            .filter_map(|r| match by_name.get(&r.slug) {
                Some(&id) => Some((id, r)),
                None => {
                    stored.unknown += 1;
                    None
                }
            })
            .collect();
        let paths = serde_json::to_string(&scan.rescanned_paths).expect("strings serialise");
        let (added, removed) = with_write_tx!(&self.db, tx => {
            let (repo_id,): (i64,) = sqlx::query_as(
                "INSERT INTO git_repositories (path, name, head, state, scanned_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (path) DO UPDATE SET name = excluded.name, head = excluded.head, \
                 state = excluded.state, scanned_at = excluded.scanned_at RETURNING id",
            )
            .bind(&scan.path)
            .bind(&scan.name)
            .bind(&scan.head)
            .bind(&scan.state)
            .bind(DbTime::now())
            .fetch_one(&mut *tx)
            .await?;
            let gone = if scan.full_rescan {
                "SELECT id FROM git_references WHERE repository_id = $1 AND $2 = $2"
            } else {
                "SELECT id FROM git_references WHERE repository_id = $1 AND path IN \
                 (SELECT value FROM json_each($2))"
            };
            let gone = self.dialect_sql(gone);
            let gone_ids: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(gone))
                .bind(repo_id)
                .bind(&paths)
                .fetch_all(&mut *tx)
                .await?;
            for (id,) in &gone_ids {
                sqlx::query("DELETE FROM search_docs WHERE kind = 'reference' AND ref_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM git_references WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            for (incident_id, r) in &fresh {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO git_references (repository_id, incident_id, kind, commit_id, path, line, \
                     matched, author, committed_at, line_text) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(repo_id)
                .bind(incident_id)
                .bind(&r.kind)
                .bind(&r.commit)
                .bind(&r.path)
                .bind(r.line)
                .bind(&r.matched)
                .bind(&r.author)
                .bind(r.committed_at.map(DbTime::new))
                .bind(&r.line_text)
                .fetch_one(&mut *tx)
                .await?;
                insert_docs!(tx, [reference_doc(id, *incident_id, &scan.name, r)]);
            }
            (fresh.len() as u64, gone_ids.len() as u64)
        });
        stored.added = added;
        stored.removed = removed;
        Ok(stored)
    }

    /// How many git references of each kind (`commit`, `code`, `doc`…) cite an incident.
    pub async fn git_reference_counts(&self, incident_id: i64) -> Result<Vec<(String, u64)>> {
        let rows: Vec<(String, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT kind, COUNT(*) FROM git_references WHERE incident_id = $1 GROUP BY kind ORDER BY kind",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
    }

    /// The git references to an incident, newest commit first, at most `limit`. The caller has
    /// already checked that the reader may see the incident (the references say nothing about
    /// any other).
    pub async fn git_references(&self, incident_id: i64, limit: i64) -> Result<Vec<GitReference>> {
        let rows: Vec<GitReferenceRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT r.name AS repository, g.kind, g.commit_id, g.path, g.line, g.matched, g.author, \
                 g.committed_at, g.line_text FROM git_references g \
                 JOIN git_repositories r ON r.id = g.repository_id WHERE g.incident_id = $1 \
                 ORDER BY g.committed_at DESC, g.id DESC LIMIT $2",
            )
            .bind(incident_id)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|r| GitReference {
                repository: r.repository,
                kind: r.kind,
                commit: r.commit_id,
                path: r.path,
                line: r.line,
                matched: r.matched,
                author: r.author,
                committed_at: r.committed_at.map(|t| t.0),
                line_text: r.line_text,
            })
            .collect())
    }

    /// `json_each($n)` is SQLite's; PostgreSQL reads the same JSON text with
    /// `jsonb_array_elements_text`.
    fn dialect_sql(&self, sql: &str) -> String {
        match self.db {
            crate::Db::Sqlite(_) => sql.to_owned(),
            crate::Db::Postgres(_) => {
                sql.replace("json_each($2)", "jsonb_array_elements_text($2::jsonb)")
            }
        }
    }
}

/// A reference as a search document: found by its line's words, linked to "Cited by".
fn reference_doc(id: i64, incident_id: i64, repository: &str, r: &NewGitReference) -> Doc {
    let place = match &r.path {
        Some(path) => format!("{repository} {path}:{}", r.line),
        None => format!(
            "{repository} commit {}",
            &r.commit[..r.commit.len().min(12)]
        ),
    };
    Doc {
        incident_id: Some(incident_id),
        kind: HitKind::Reference,
        ref_id: Some(id),
        anchor: "cited-by".to_owned(),
        title: place,
        body: r.line_text.clone(),
        person: r.author.clone(),
    }
}
