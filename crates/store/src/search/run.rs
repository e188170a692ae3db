//! Running a search: candidates from both indexes, then ranking, grouping and facets in Rust,
//! then details for one page (see the module above for why in that order).

use std::collections::{HashMap, HashSet};

use lore_core::search::{HitKind, SearchQuery, snippet};
use lore_core::{Account, Theme};

use super::candidates::{doc_candidates_sql, entry_candidates_sql, relevance};
use super::facets::facets;
use super::sql::{Dialect, Sql, ids_in, incident_year};
use super::{
    CANDIDATE_CAP, Facets, GroupIncident, HITS_PER_GROUP, HitGroup, MAX_PER_PAGE, SearchHit,
    SearchPage, SearchResults,
};
use crate::{DbTime, Result, Store, StoreError};

/// Bytes of a body read for its snippet.
const SNIPPET_SOURCE_BYTES: i64 = 64 * 1024;

/// A match found in step 1.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub kind: HitKind,
    /// `search_docs.id`, or `timeline_entries.id` for entries.
    pub id: i64,
    pub incident_id: Option<i64>,
    pub score: f64,
    pub entry_kind: Option<String>,
    pub person: Option<String>,
}

/// A candidate from step 1: id, incident, kind, person, relevance.
type CandidateRow = (i64, Option<i64>, String, Option<String>, f64);

/// Columns of a candidate query, in [`CandidateRow`]'s order.
const CANDIDATE_COLUMNS: &str = "id, incident_id, kind, person, relevance";

/// An incident's facts: id, slug, title, severity, services and tags (JSON), year.
type IncidentFactsRow = (i64, String, String, Option<String>, String, String, i64);

#[derive(sqlx::FromRow)]
struct DocDetailRow {
    id: i64,
    ref_id: Option<i64>,
    anchor: String,
    title: String,
    body: String,
}

#[derive(sqlx::FromRow)]
struct EntryDetailRow {
    id: i64,
    occurred_at: DbTime,
    body: String,
    author: Option<String>,
}

/// What step 1 needs to know about an incident for facets and group headings.
pub(crate) struct IncidentFacts {
    pub slug: String,
    pub title: String,
    pub severity: Option<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub year: i32,
    pub themes: Vec<Theme>,
}

impl Store {
    /// Searches every incident `account` may see (and the glossary) for `query`, and returns
    /// one page of results grouped by incident. An empty query finds nothing.
    pub async fn search(
        &self,
        account: &Account,
        query: &SearchQuery,
        page: SearchPage,
    ) -> Result<SearchResults> {
        let page = SearchPage {
            number: page.number.max(1),
            per_page: page.per_page.clamp(1, MAX_PER_PAGE),
        };
        if query.is_empty() {
            return Ok(SearchResults {
                groups: Vec::new(),
                total_hits: 0,
                total_groups: 0,
                total_incidents: 0,
                capped: false,
                facets: Facets::default(),
                page: 1,
                pages: 0,
            });
        }
        let dialect = self.search_dialect();
        let (mut candidates, mut capped) = (Vec::new(), false);
        if let Some(sql) = doc_candidates_sql(query, account, dialect) {
            let rows: Vec<CandidateRow> = self.fetch_json_rows(&sql, CANDIDATE_COLUMNS).await?;
            capped |= rows.len() >= CANDIDATE_CAP;
            for (id, incident_id, kind, person, raw) in rows {
                let kind = HitKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("search doc kind {kind:?}")))?;
                candidates.push(Candidate {
                    kind,
                    id,
                    incident_id,
                    score: relevance(dialect, raw) * kind.weight(),
                    entry_kind: None,
                    person,
                });
            }
        }
        if let Some(sql) = entry_candidates_sql(query, account, dialect) {
            let rows: Vec<CandidateRow> = self.fetch_json_rows(&sql, CANDIDATE_COLUMNS).await?;
            capped |= rows.len() >= CANDIDATE_CAP;
            candidates.extend(
                rows.into_iter()
                    .map(|(id, incident_id, kind, person, raw)| Candidate {
                        kind: HitKind::Entry,
                        id,
                        incident_id,
                        score: relevance(dialect, raw) * HitKind::Entry.weight(),
                        entry_kind: Some(kind),
                        person,
                    }),
            );
        }

        let incident_ids: Vec<i64> = {
            let set: HashSet<i64> = candidates.iter().filter_map(|c| c.incident_id).collect();
            let mut v: Vec<i64> = set.into_iter().collect();
            v.sort_unstable();
            v
        };
        let facts = self.incident_facts(&incident_ids).await?;
        let facets = facets(&candidates, &facts);

        // Group, rank, page.
        let mut groups: HashMap<Option<i64>, Vec<Candidate>> = HashMap::new();
        for c in candidates {
            groups.entry(c.incident_id).or_default().push(c);
        }
        let mut ranked: Vec<(Option<i64>, Vec<Candidate>, f64)> = groups
            .into_iter()
            .map(|(id, mut hits)| {
                hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.id.cmp(&a.id)));
                let best = hits.first().map_or(0.0, |h| h.score);
                (id, hits, best)
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.2.total_cmp(&a.2)
                .then(b.1.len().cmp(&a.1.len()))
                .then(b.0.cmp(&a.0))
        });
        let total_hits = ranked.iter().map(|g| g.1.len() as u64).sum();
        let total_groups = ranked.len() as u64;
        let total_incidents = ranked.iter().filter(|g| g.0.is_some()).count() as u64;
        let pages = total_groups.div_ceil(u64::from(page.per_page)) as u32;
        let skip = (page.number as usize - 1).saturating_mul(page.per_page as usize);
        let shown: Vec<_> = ranked
            .into_iter()
            .skip(skip)
            .take(page.per_page as usize)
            .collect();

        let groups = self.detail(query, shown, &facts).await?;
        Ok(SearchResults {
            groups,
            total_hits,
            total_groups,
            total_incidents,
            capped,
            facets,
            page: page.number,
            pages,
        })
    }

    async fn incident_facts(&self, ids: &[i64]) -> Result<HashMap<i64, IncidentFacts>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let dialect = self.search_dialect();
        let mut sql = Sql {
            text: String::new(),
            binds: Vec::new(),
        };
        let cond = ids_in("incidents.id", ids, dialect, &mut sql);
        sql.text = format!(
            "SELECT id, slug, title, severity, services, tags, {} AS year FROM incidents WHERE {cond}",
            incident_year(dialect)
        );
        let rows: Vec<IncidentFactsRow> = self
            .fetch_json_rows(&sql, "id, slug, title, severity, services, tags, year")
            .await?;
        let mut themes_sql = Sql {
            text: String::new(),
            binds: Vec::new(),
        };
        let cond = ids_in("incident_id", ids, dialect, &mut themes_sql);
        themes_sql.text =
            format!("SELECT DISTINCT incident_id, theme FROM annotations WHERE {cond}");
        let theme_rows: Vec<(i64, String)> = self
            .fetch_json_rows(&themes_sql, "incident_id, theme")
            .await?;
        let mut out = HashMap::with_capacity(rows.len());
        for (id, slug, title, severity, services, tags, year) in rows {
            let list = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default();
            out.insert(
                id,
                IncidentFacts {
                    slug,
                    title,
                    severity,
                    services: list(&services),
                    tags: list(&tags),
                    year: i32::try_from(year).unwrap_or_default(),
                    themes: Vec::new(),
                },
            );
        }
        for (id, theme) in theme_rows {
            if let (Some(f), Ok(t)) = (out.get_mut(&id), theme.parse::<Theme>()) {
                f.themes.push(t);
            }
        }
        Ok(out)
    }

    /// The rows of `sql` (whose result has `columns`), read as one JSON array: one row from
    /// the database however many it holds. A search reads thousands of candidate rows, and
    /// each row sqlx hands over costs more than SQLite took to find it (5,000 entry
    /// candidates: about 15 ms in SQLite, 30 ms more to receive them one by one;
    /// `benches/search.rs`).
    async fn fetch_json_rows<T: serde::de::DeserializeOwned>(
        &self,
        sql: &Sql,
        columns: &str,
    ) -> Result<Vec<T>> {
        let (group, row) = match self.search_dialect() {
            Dialect::Sqlite => ("json_group_array", "json_array"),
            Dialect::Postgres => ("json_agg", "json_build_array"),
        };
        let wrapped = Sql {
            text: format!(
                "SELECT CAST(COALESCE({group}({row}({columns})), '[]') AS TEXT) AS found \
                 FROM ({}) AS c",
                sql.text
            ),
            binds: sql.binds.clone(),
        };
        let (json,): (String,) = self.fetch_one_sql(&wrapped).await?;
        serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("search rows as JSON: {e}")))
    }

    /// Step 3: titles, snippets, permalinks and times for the groups on the page.
    async fn detail(
        &self,
        query: &SearchQuery,
        shown: Vec<(Option<i64>, Vec<Candidate>, f64)>,
        facts: &HashMap<i64, IncidentFacts>,
    ) -> Result<Vec<HitGroup>> {
        let dialect = self.search_dialect();
        let visible: Vec<&Candidate> = shown
            .iter()
            .flat_map(|g| g.1.iter().take(HITS_PER_GROUP))
            .collect();
        let doc_ids: Vec<i64> = visible
            .iter()
            .filter(|c| c.kind != HitKind::Entry)
            .map(|c| c.id)
            .collect();
        let entry_ids: Vec<i64> = visible
            .iter()
            .filter(|c| c.kind == HitKind::Entry)
            .map(|c| c.id)
            .collect();
        let mut docs: HashMap<i64, DocDetailRow> = HashMap::new();
        if !doc_ids.is_empty() {
            let mut sql = Sql {
                text: String::new(),
                binds: Vec::new(),
            };
            let cap = SNIPPET_SOURCE_BYTES;
            let cond = ids_in("id", &doc_ids, dialect, &mut sql);
            sql.text = format!(
                "SELECT id, ref_id, anchor, title, substr(body, 1, {cap}) AS body FROM search_docs WHERE {cond}"
            );
            let rows: Vec<DocDetailRow> = self.fetch_all_sql(&sql).await?;
            docs = rows.into_iter().map(|r| (r.id, r)).collect();
        }
        let mut entries: HashMap<i64, EntryDetailRow> = HashMap::new();
        if !entry_ids.is_empty() {
            let mut sql = Sql {
                text: String::new(),
                binds: Vec::new(),
            };
            let cap = SNIPPET_SOURCE_BYTES;
            let cond = ids_in("e.id", &entry_ids, dialect, &mut sql);
            sql.text = format!(
                "SELECT e.id, e.occurred_at, substr(e.body, 1, {cap}) AS body, \
                 COALESCE(m.display_name, p.display_name) AS author \
                 FROM timeline_entries e LEFT JOIN people p ON p.id = e.author_person_id \
                 LEFT JOIN people m ON m.id = p.merged_into WHERE {cond}"
            );
            let rows: Vec<EntryDetailRow> = self.fetch_all_sql(&sql).await?;
            entries = rows.into_iter().map(|r| (r.id, r)).collect();
        }
        let looked_for = query.highlight_tokens();
        let mut out = Vec::with_capacity(shown.len());
        for (incident_id, hits, score) in shown {
            let incident = incident_id.and_then(|id| facts.get(&id));
            let slug = incident.map_or("", |f| f.slug.as_str());
            let mut shown_hits = Vec::new();
            for c in hits.iter().take(HITS_PER_GROUP) {
                let hit = if c.kind == HitKind::Entry {
                    let Some(e) = entries.get(&c.id) else {
                        continue;
                    };
                    SearchHit {
                        kind: c.kind,
                        entry_kind: c.entry_kind.clone(),
                        title: e.author.clone().unwrap_or_default(),
                        snippet: snippet(&e.body, &looked_for),
                        permalink: format!("/incidents/{slug}#entry-{}", e.id),
                        score: c.score,
                        at: Some(e.occurred_at.0),
                    }
                } else {
                    let Some(d) = docs.get(&c.id) else { continue };
                    SearchHit {
                        kind: c.kind,
                        entry_kind: None,
                        title: d.title.clone(),
                        snippet: snippet(&d.body, &looked_for),
                        permalink: doc_permalink(c.kind, slug, d),
                        score: c.score,
                        at: None,
                    }
                };
                shown_hits.push(hit);
            }
            out.push(HitGroup {
                incident: incident.map(|f| GroupIncident {
                    slug: f.slug.clone(),
                    title: f.title.clone(),
                    year: Some(f.year),
                    severity: f.severity.clone(),
                }),
                hits: shown_hits,
                hit_count: hits.len() as u64,
                score,
            });
        }
        Ok(out)
    }
}

fn doc_permalink(kind: HitKind, slug: &str, d: &DocDetailRow) -> String {
    match kind {
        HitKind::Glossary => format!("/glossary#{}", d.anchor),
        HitKind::Incident => format!("/incidents/{slug}"),
        HitKind::Narrative if d.anchor.is_empty() => format!("/incidents/{slug}#narrative"),
        // The comment's permalink, which finds the page that holds it.
        HitKind::Comment => format!("/incidents/{slug}/comments/{}", d.ref_id.unwrap_or(0)),
        _ => format!("/incidents/{slug}#{}", d.anchor),
    }
}
