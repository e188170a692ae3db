//! Step 1 of a search as SQL: the queries that read candidates from the documents index and
//! from the timeline index, with visibility and every filter as conditions.

use lore_core::Account;
use lore_core::search::{HitKind, KindFilter, SearchQuery};

use super::CANDIDATE_CAP;
use super::sql::{Bind, Dialect, Sql, fts5_match, incident_conditions, lower_in, tsquery};

/// Higher is better on both backends: FTS5's bm25 is negative (lower is better), PostgreSQL's
/// `ts_rank_cd` positive. A filter-only search has no relevance: every hit scores 1.
pub(crate) fn relevance(dialect: Dialect, raw: f64) -> f64 {
    match dialect {
        Dialect::Sqlite => -raw,
        Dialect::Postgres => raw,
    }
}

/// The relevance of a hit found by filters alone: 1 once [`relevance`] has read it.
fn filter_only_relevance(dialect: Dialect) -> String {
    match dialect {
        Dialect::Sqlite => "CAST(-1 AS DOUBLE PRECISION)".to_owned(),
        Dialect::Postgres => "CAST(1 AS DOUBLE PRECISION)".to_owned(),
    }
}

/// An FTS5 table joined to the rows it indexes, with `CROSS JOIN`, which SQLite reads as
/// "the left table is the outer loop": the match runs once and its rows are read newest first
/// until the cap. Left to choose, SQLite 3.51 starts some candidate queries from an index of
/// the other table (`search_docs_owner`, for `kind IN (…) AND incident_id IS NOT NULL` when an
/// incident filter is set) and runs the whole match again for each of its rows: `rollback
/// year:2019` over 10,000 incidents took 7 s instead of 3 ms (`benches/search.rs`).
fn fts_first(fts: &str, table: &str, alias: &str) -> String {
    format!("{fts} CROSS JOIN {table} {alias} ON {alias}.id = {fts}.rowid")
}

/// The query for document candidates, or `None` when no document kind can match.
pub(crate) fn doc_candidates_sql(
    query: &SearchQuery,
    account: &Account,
    dialect: Dialect,
) -> Option<Sql> {
    let kinds: Vec<HitKind> = HitKind::ALL
        .into_iter()
        .filter(|k| *k != HitKind::Entry && query.admits(*k))
        .filter(|k| {
            // Without words, a filter lists incidents (or what it names), not every section.
            !query.include.is_empty()
                || query.kinds.contains(&KindFilter::Hit(*k))
                || (query.kinds.is_empty()
                    && if query.people.is_empty() {
                        *k == HitKind::Incident
                    } else {
                        *k == HitKind::Perspective
                    })
        })
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let mut sql = Sql::for_account(account);
    let kind_list = sql.params_text(kinds.iter().map(|k| k.as_str().to_string()));
    let visible = incident_conditions(query, dialect, &mut sql);
    let mut conditions = vec![format!("d.kind IN ({kind_list})")];
    conditions.push(if query.has_incident_filters() {
        format!("d.incident_id IS NOT NULL AND {visible}")
    } else {
        format!("(d.incident_id IS NULL OR ({visible}))")
    });
    if !query.people.is_empty() {
        conditions.push(lower_in("d.person", &query.people, &mut sql));
    }
    let (from, relevance, order) = if query.include.is_empty() {
        (
            "search_docs d".to_string(),
            filter_only_relevance(dialect),
            "d.id",
        )
    } else {
        match dialect {
            Dialect::Sqlite => {
                let m = sql.param(Bind::Text(fts5_match(query)));
                conditions.push(format!("search_fts MATCH {m}"));
                (
                    fts_first("search_fts", "search_docs", "d"),
                    "bm25(search_fts, 10.0, 1.0)".to_string(),
                    "search_fts.rowid",
                )
            }
            Dialect::Postgres => {
                let q = sql.param(Bind::Text(tsquery(query)));
                let vector = "(setweight(to_tsvector('simple', lore_search_text(d.title)), 'A') \
                     || setweight(to_tsvector('simple', lore_search_text(d.body)), 'B'))";
                conditions.push(format!("{vector} @@ to_tsquery('simple', {q})"));
                (
                    "search_docs d".to_string(),
                    format!(
                        "CAST(ts_rank_cd('{{0.1, 0.1, 0.1, 1.0}}', {vector}, to_tsquery('simple', {q})) AS DOUBLE PRECISION)"
                    ),
                    "d.id",
                )
            }
        }
    };
    let cap = sql.param(Bind::Int(CANDIDATE_CAP as i64));
    sql.text = format!(
        "SELECT d.id, d.incident_id, d.kind, d.person, {relevance} AS relevance \
         FROM {from} LEFT JOIN incidents ON incidents.id = d.incident_id \
         WHERE {} ORDER BY {order} DESC LIMIT {cap}",
        conditions.join(" AND ")
    );
    Some(sql)
}

/// The query for timeline entry candidates, or `None` when entries cannot match (or, without
/// words, when no filter names something about entries).
pub(crate) fn entry_candidates_sql(
    query: &SearchQuery,
    account: &Account,
    dialect: Dialect,
) -> Option<Sql> {
    if !query.admits(HitKind::Entry) {
        return None;
    }
    let entry_filtered = !query.people.is_empty()
        || !query.sources.is_empty()
        || query
            .kinds
            .iter()
            .any(|k| matches!(k, KindFilter::Entry(_) | KindFilter::Hit(HitKind::Entry)));
    if query.include.is_empty() && !entry_filtered {
        return None;
    }
    let mut sql = Sql::for_account(account);
    let mut conditions = vec![
        incident_conditions(query, dialect, &mut sql),
        "NOT e.noise".to_string(),
    ];
    let kinds = query.entry_kinds();
    if !kinds.is_empty() {
        let list = sql.params_text(kinds.iter().map(|k| k.as_str().to_string()));
        conditions.push(format!("e.kind IN ({list})"));
    }
    if !query.sources.is_empty() {
        conditions.push(lower_in("s.kind", &query.sources, &mut sql));
    }
    if !query.people.is_empty() {
        conditions.push(lower_in(
            "COALESCE(m.display_name, p.display_name)",
            &query.people,
            &mut sql,
        ));
    }
    let (from, relevance, order) = if query.include.is_empty() {
        (
            "timeline_entries e".to_string(),
            filter_only_relevance(dialect),
            "e.id",
        )
    } else {
        match dialect {
            Dialect::Sqlite => {
                let m = sql.param(Bind::Text(fts5_match(query)));
                conditions.push(format!("timeline_fts MATCH {m}"));
                (
                    fts_first("timeline_fts", "timeline_entries", "e"),
                    "bm25(timeline_fts)".to_string(),
                    "timeline_fts.rowid",
                )
            }
            Dialect::Postgres => {
                let q = sql.param(Bind::Text(tsquery(query)));
                let vector = "to_tsvector('simple', lore_search_text(e.body))";
                conditions.push(format!("{vector} @@ to_tsquery('simple', {q})"));
                (
                    "timeline_entries e".to_string(),
                    format!(
                        "CAST(ts_rank_cd({vector}, to_tsquery('simple', {q})) AS DOUBLE PRECISION)"
                    ),
                    "e.id",
                )
            }
        }
    };
    let cap = sql.param(Bind::Int(CANDIDATE_CAP as i64));
    sql.text = format!(
        "SELECT e.id, e.incident_id, e.kind, COALESCE(m.display_name, p.display_name) AS person, \
         {relevance} AS relevance \
         FROM {from} JOIN incidents ON incidents.id = e.incident_id \
         JOIN sources s ON s.id = e.source_id \
         LEFT JOIN people p ON p.id = e.author_person_id LEFT JOIN people m ON m.id = p.merged_into \
         WHERE {} ORDER BY {order} DESC LIMIT {cap}",
        conditions.join(" AND ")
    );
    Some(sql)
}
