//! Incidents whose write-ups read alike, from the search index: the words an incident's title,
//! summary and narrative use most (`distinctive_terms`), each looked for in every other
//! incident's title, summary and narrative. A word weighs ln(1 + incidents / incidents using
//! it), so rare shared words count most; an incident's score is the weight of the words it
//! shares over the weight of all of them, 0 to 100. (bm25 was tried first: in a small
//! library it gives words most incidents use a weight of almost nothing, and the texts that
//! share them look unrelated.) One query per word, at most [`TERMS`].

use std::collections::HashMap;

use lore_core::Account;
use lore_core::search::{distinctive_terms, tokens};

use super::sql::{Bind, Dialect, Sql, incident_conditions};
use crate::{Result, Store};

/// Words looked for.
const TERMS: usize = 12;
/// Fewer words than this say too little to compare texts by.
const MIN_TERMS: usize = 4;
/// Incidents read per word: a word in more than this many says little anyway.
const INCIDENTS_PER_WORD: i64 = 2_000;

/// Another incident that reads like this one.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarIncident {
    pub incident_id: i64,
    /// 0 to 100: the weight of the words it shares over the weight of all of them.
    pub score: u32,
}

impl Store {
    /// Up to `limit` incidents the account may see whose title, summary and narrative read
    /// like this incident's, most alike first.
    pub async fn similar_incidents(
        &self,
        incident_id: i64,
        account: &Account,
        limit: usize,
    ) -> Result<Vec<SimilarIncident>> {
        let own: Vec<(String, String)> = self
            .fetch_all_sql(&Sql {
                text: "SELECT title, body FROM search_docs WHERE incident_id = $1 \
                       AND kind IN ('incident', 'narrative') ORDER BY id"
                    .to_owned(),
                binds: vec![Bind::Int(incident_id)],
            })
            .await?;
        let mut text = String::new();
        for (title, body) in &own {
            // Titles twice: they say what the incident is about.
            for part in [title, title, body] {
                text.push_str(part);
                text.push('\n');
            }
        }
        // Services and tags are reasons of their own (and are in the incident's document):
        // their words do not count twice.
        let listed: Vec<(String, String)> = self
            .fetch_all_sql(&Sql {
                text: "SELECT services, tags FROM incidents WHERE id = $1".to_owned(),
                binds: vec![Bind::Int(incident_id)],
            })
            .await?;
        let listed_words: Vec<String> = listed
            .iter()
            .flat_map(|(services, tags)| [services, tags])
            .flat_map(|json| serde_json::from_str::<Vec<String>>(json).unwrap_or_default())
            .flat_map(|v| {
                tokens(&v)
                    .map(|(_, t)| t.to_lowercase())
                    .collect::<Vec<_>>()
            })
            .collect();
        let terms: Vec<String> = distinctive_terms(&text, TERMS + listed_words.len())
            .into_iter()
            .filter(|t| !listed_words.contains(t))
            .take(TERMS)
            .collect();
        if terms.len() < MIN_TERMS {
            return Ok(Vec::new());
        }
        // Which visible incidents use each word, and how many incidents there are: a word few
        // incidents use says more than one most use (weight ln(1 + N / n), never below 0).
        let dialect = self.search_dialect();
        let mut count = Sql::for_account(account);
        let visible = incident_conditions(&Default::default(), dialect, &mut count);
        count.text = format!("SELECT COUNT(*) FROM incidents WHERE {visible}");
        let (total,): (i64,) = self.fetch_all_sql(&count).await?.pop().unwrap_or((0,));
        let mut weights: Vec<f64> = Vec::with_capacity(terms.len());
        let mut sums: HashMap<i64, f64> = HashMap::new();
        for term in &terms {
            let mut sql = Sql::for_account(account);
            let visible = incident_conditions(&Default::default(), dialect, &mut sql);
            let (from, matches) = match dialect {
                Dialect::Sqlite => {
                    let m = sql.param(Bind::Text(format!("\"{term}\"")));
                    (
                        "search_fts JOIN search_docs d ON d.id = search_fts.rowid",
                        format!("search_fts MATCH {m}"),
                    )
                }
                Dialect::Postgres => {
                    let q = sql.param(Bind::Text(format!("'{term}'")));
                    (
                        "search_docs d",
                        format!(
                            "(setweight(to_tsvector('simple', lore_search_text(d.title)), 'A') \
                             || setweight(to_tsvector('simple', lore_search_text(d.body)), 'B')) \
                             @@ to_tsquery('simple', {q})"
                        ),
                    )
                }
            };
            let cap = sql.param(Bind::Int(INCIDENTS_PER_WORD));
            sql.text = format!(
                "SELECT DISTINCT d.incident_id FROM {from} JOIN incidents ON incidents.id = d.incident_id \
                 WHERE {matches} AND d.kind IN ('incident', 'narrative') AND {visible} LIMIT {cap}"
            );
            let ids: Vec<(i64,)> = self.fetch_all_sql(&sql).await?;
            let weight = (1.0 + total.max(1) as f64 / ids.len().max(1) as f64).ln();
            weights.push(weight);
            for (id,) in ids {
                *sums.entry(id).or_default() += weight;
            }
        }
        sums.remove(&incident_id);
        let own_sum: f64 = weights.iter().sum();
        if own_sum <= 0.0 {
            return Ok(Vec::new());
        }
        let mut similar: Vec<SimilarIncident> = sums
            .into_iter()
            .map(|(id, sum)| SimilarIncident {
                incident_id: id,
                score: ((sum / own_sum) * 100.0).round().clamp(0.0, 100.0) as u32,
            })
            .filter(|s| s.score > 0)
            .collect();
        similar.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(b.incident_id.cmp(&a.incident_id))
        });
        similar.truncate(limit);
        Ok(similar)
    }
}
