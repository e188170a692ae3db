//! A parsed query written as each backend's SQL: FTS5 `MATCH` expressions for SQLite,
//! `tsquery` text for PostgreSQL, and the filters as conditions on `incidents` and on hits.
//! Every value the reader typed is a bound parameter; only tokens (letters and digits, quoted)
//! are written into a match expression, so no query text can break out of it.

use lore_core::Account;
use lore_core::Role;
use lore_core::search::{SearchQuery, Term};

use crate::incidents::VISIBLE_TO;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub(crate) enum Bind {
    Text(String),
    Int(i64),
    Bool(bool),
    Time(crate::DbTime),
}

/// SQL text with its parameters, numbered as they are added. `$1` and `$2` are always the
/// account's admin flag and id, for [`VISIBLE_TO`].
#[derive(Debug, Clone)]
pub(crate) struct Sql {
    pub text: String,
    pub binds: Vec<Bind>,
}

impl Sql {
    /// No parameters yet.
    pub fn new() -> Sql {
        Sql {
            text: String::new(),
            binds: Vec::new(),
        }
    }

    pub fn for_account(account: &Account) -> Sql {
        Sql {
            text: String::new(),
            binds: vec![
                Bind::Bool(account.role == Role::Admin),
                Bind::Int(account.id),
            ],
        }
    }

    /// Adds a parameter and returns its placeholder.
    pub fn param(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    /// Placeholders for a list of text values.
    pub fn params_text(&mut self, values: impl IntoIterator<Item = String>) -> String {
        self.params(values.into_iter().map(Bind::Text))
    }

    fn params(&mut self, values: impl IntoIterator<Item = Bind>) -> String {
        let list: Vec<String> = values.into_iter().map(|v| self.param(v)).collect();
        list.join(", ")
    }
}

/// Binds every parameter of an [`Sql`] to a query, in order.
macro_rules! bind_all {
    ($query:expr, $sql:expr) => {{
        let mut q = $query;
        for b in &$sql.binds {
            q = match b {
                $crate::search::sql::Bind::Text(s) => q.bind(s.clone()),
                $crate::search::sql::Bind::Int(i) => q.bind(*i),
                $crate::search::sql::Bind::Bool(v) => q.bind(*v),
                $crate::search::sql::Bind::Time(t) => q.bind(*t),
            };
        }
        q
    }};
}
pub(crate) use bind_all;

/// The FTS5 expression: `("a b" AND "c"*) NOT "d"`.
pub(crate) fn fts5_match(query: &SearchQuery) -> String {
    let phrase = |t: &Term| {
        let mut s = format!("\"{}\"", t.tokens.join(" "));
        if t.prefix {
            s.push('*');
        }
        s
    };
    let mut out = format!(
        "({})",
        query
            .include
            .iter()
            .map(phrase)
            .collect::<Vec<_>>()
            .join(" AND ")
    );
    for t in &query.exclude {
        out.push_str(" NOT ");
        out.push_str(&phrase(t));
    }
    out
}

/// The `tsquery` text: `('a' <-> 'b') & ('c':*) & !('d')`.
pub(crate) fn tsquery(query: &SearchQuery) -> String {
    let phrase = |t: &Term| {
        let last = t.tokens.len() - 1;
        let parts: Vec<String> = t
            .tokens
            .iter()
            .enumerate()
            .map(|(i, tok)| {
                if t.prefix && i == last {
                    format!("'{tok}':*")
                } else {
                    format!("'{tok}'")
                }
            })
            .collect();
        format!("({})", parts.join(" <-> "))
    };
    let mut parts: Vec<String> = query.include.iter().map(phrase).collect();
    parts.extend(query.exclude.iter().map(|t| format!("!{}", phrase(t))));
    parts.join(" & ")
}

/// The conditions on `incidents` (aliased `incidents`) that the query's incident filters set:
/// `TRUE` when there are none. The account's visibility ([`VISIBLE_TO`]) is always included.
pub(crate) fn incident_conditions(query: &SearchQuery, dialect: Dialect, sql: &mut Sql) -> String {
    let mut parts = vec![VISIBLE_TO.to_string()];
    let list_has = |column: &str, sql: &mut Sql, values: &[String]| -> String {
        let params = sql.params(values.iter().map(|v| Bind::Text(v.to_lowercase())));
        match dialect {
            Dialect::Sqlite => format!(
                "EXISTS (SELECT 1 FROM json_each(incidents.{column}) j WHERE lower(j.value) IN ({params}))"
            ),
            Dialect::Postgres => format!(
                "EXISTS (SELECT 1 FROM jsonb_array_elements_text(incidents.{column}::jsonb) j(v) \
                 WHERE lower(j.v) IN ({params}))"
            ),
        }
    };
    if !query.services.is_empty() {
        parts.push(list_has("services", sql, &query.services));
    }
    if !query.tags.is_empty() {
        parts.push(list_has("tags", sql, &query.tags));
    }
    if !query.themes.is_empty() {
        let params = sql.params(query.themes.iter().map(|t| Bind::Text(t.as_str().into())));
        parts.push(format!(
            "EXISTS (SELECT 1 FROM annotations a WHERE a.incident_id = incidents.id AND a.theme IN ({params}))"
        ));
    }
    if !query.years.is_empty() {
        let params = sql.params(query.years.iter().map(|y| Bind::Int(i64::from(*y))));
        parts.push(format!("{} IN ({params})", incident_year(dialect)));
    }
    if !query.severities.is_empty() {
        let params = sql.params(
            query
                .severities
                .iter()
                .map(|s| Bind::Text(s.to_lowercase())),
        );
        parts.push(format!("lower(incidents.severity) IN ({params})"));
    }
    if !query.incidents.is_empty() {
        let params = sql.params(
            query
                .incidents
                .iter()
                .map(|s| Bind::Text(s.as_str().into())),
        );
        parts.push(format!("incidents.slug IN ({params})"));
    }
    parts.join(" AND ")
}

/// The year an incident is filed under: when it started, else when it was detected, else
/// when it was recorded (UTC).
pub(crate) fn incident_year(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => {
            "CAST(substr(COALESCE(incidents.started_at, incidents.detected_at, incidents.created_at), 1, 4) AS INTEGER)"
        }
        Dialect::Postgres => {
            "CAST(EXTRACT(YEAR FROM COALESCE(incidents.started_at, incidents.detected_at, incidents.created_at) \
             AT TIME ZONE 'UTC') AS BIGINT)"
        }
    }
}

/// `column IN (…)` for a list of ids passed as one JSON text parameter.
pub(crate) fn ids_in(column: &str, ids: &[i64], dialect: Dialect, sql: &mut Sql) -> String {
    let json = serde_json::to_string(ids).expect("numbers serialise");
    let p = sql.param(Bind::Text(json));
    match dialect {
        Dialect::Sqlite => format!("{column} IN (SELECT value FROM json_each({p}))"),
        Dialect::Postgres => {
            format!("{column} IN (SELECT value::bigint FROM jsonb_array_elements_text({p}::jsonb))")
        }
    }
}

/// `column IN (…)` for a list of texts passed as one JSON text parameter.
pub(crate) fn texts_in(column: &str, values: &[String], dialect: Dialect, sql: &mut Sql) -> String {
    let json = serde_json::to_string(values).expect("strings serialise");
    let p = sql.param(Bind::Text(json));
    match dialect {
        Dialect::Sqlite => format!("{column} IN (SELECT value FROM json_each({p}))"),
        Dialect::Postgres => {
            format!("{column} IN (SELECT value FROM jsonb_array_elements_text({p}::jsonb))")
        }
    }
}

/// `lower(column) IN (…)` over lower-cased values.
pub(crate) fn lower_in(column: &str, values: &[String], sql: &mut Sql) -> String {
    let params = sql.params(values.iter().map(|v| Bind::Text(v.to_lowercase())));
    format!("lower({column}) IN ({params})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_expressions_quote_every_token() {
        let q = SearchQuery::parse(r#"dock-broker retr* -"stale cache""#).unwrap();
        assert_eq!(
            fts5_match(&q),
            r#"("dock broker" AND "retr"*) NOT "stale cache""#
        );
        assert_eq!(
            tsquery(&q),
            "('dock' <-> 'broker') & ('retr':*) & !('stale' <-> 'cache')"
        );
    }
}
