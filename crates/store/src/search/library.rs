//! The library as pages: the incidents an account may see, newest first, narrowed by the
//! search's incident filters (year, service, tag, theme, severity), with the same facets.
//! Each request reads one page of incidents and a handful of grouped counts, however many
//! incidents there are.

use lore_core::search::SearchQuery;
use lore_core::{Account, Incident};

use super::sql::{Bind, Dialect, Sql, bind_all, incident_conditions, incident_year};
use super::{FacetCount, Facets, SearchPage};
use crate::incidents::{IncidentRow, SELECT_INCIDENT};
use crate::{Result, Store, on_db};

/// Values listed per facet of the library.
const LIBRARY_FACET_VALUES: i64 = 12;

/// One page of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryResults {
    pub incidents: Vec<Incident>,
    /// Incidents matching the filters, across all pages.
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// Incidents per value, over every matching incident (people and kinds stay empty).
    pub facets: Facets,
}

impl Store {
    /// One page of the incidents `account` may see that pass `filters`' incident filters
    /// (theme, service, tag, year, severity, incident), newest first, with facet counts.
    pub async fn library(
        &self,
        account: &Account,
        filters: &SearchQuery,
        page: SearchPage,
    ) -> Result<LibraryResults> {
        let dialect = self.search_dialect();
        let per_page = page.per_page.clamp(1, super::MAX_PER_PAGE);
        let number = page.number.max(1);

        let mut count = Sql::for_account(account);
        let cond = incident_conditions(filters, dialect, &mut count);
        count.text = format!("SELECT COUNT(*) FROM incidents WHERE {cond}");
        let (total,): (i64,) = self.fetch_one_sql(&count).await?;

        let mut list = Sql::for_account(account);
        let cond = incident_conditions(filters, dialect, &mut list);
        let limit = list.param(Bind::Int(i64::from(per_page)));
        let offset = list.param(Bind::Int(i64::from(number - 1) * i64::from(per_page)));
        list.text = format!(
            "{SELECT_INCIDENT} WHERE {cond} \
             ORDER BY COALESCE(started_at, detected_at, created_at) DESC, id DESC \
             LIMIT {limit} OFFSET {offset}"
        );
        let rows: Vec<IncidentRow> = self.fetch_all_sql(&list).await?;
        let incidents = rows
            .into_iter()
            .map(IncidentRow::into_incident)
            .collect::<Result<_>>()?;

        let facets = Facets {
            services: self.list_facet(account, filters, "services").await?,
            tags: self.list_facet(account, filters, "tags").await?,
            themes: self
                .grouped_facet(
                    account,
                    filters,
                    "a.theme",
                    "incidents JOIN annotations a ON a.incident_id = incidents.id",
                    "COUNT(DISTINCT incidents.id) DESC, 1",
                )
                .await?,
            years: self
                .grouped_facet(
                    account,
                    filters,
                    &format!("CAST({} AS TEXT)", incident_year(dialect)),
                    "incidents",
                    "1 DESC",
                )
                .await?,
            severities: self
                .grouped_facet(
                    account,
                    filters,
                    "incidents.severity",
                    "incidents",
                    "COUNT(DISTINCT incidents.id) DESC, 1",
                )
                .await?,
            ..Facets::default()
        };
        let total = total as u64;
        Ok(LibraryResults {
            incidents,
            total,
            page: number,
            pages: total.div_ceil(u64::from(per_page)) as u32,
            facets,
        })
    }

    pub(crate) fn search_dialect(&self) -> Dialect {
        match self.db {
            crate::Db::Sqlite(_) => Dialect::Sqlite,
            crate::Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Incidents per value of a grouped expression over `from`, most first.
    async fn grouped_facet(
        &self,
        account: &Account,
        filters: &SearchQuery,
        value: &str,
        from: &str,
        order: &str,
    ) -> Result<Vec<FacetCount>> {
        let mut sql = Sql::for_account(account);
        let cond = incident_conditions(filters, self.search_dialect(), &mut sql);
        sql.text = format!(
            "SELECT {value} AS value, COUNT(DISTINCT incidents.id) AS n FROM {from} \
             WHERE {cond} AND {value} IS NOT NULL GROUP BY {value} ORDER BY {order} \
             LIMIT {LIBRARY_FACET_VALUES}"
        );
        let rows: Vec<(String, i64)> = self.fetch_all_sql(&sql).await?;
        Ok(rows
            .into_iter()
            .map(|(value, n)| FacetCount {
                value,
                count: n as u64,
            })
            .collect())
    }

    /// Incidents per element of a JSON list column (`services`, `tags`).
    async fn list_facet(
        &self,
        account: &Account,
        filters: &SearchQuery,
        column: &str,
    ) -> Result<Vec<FacetCount>> {
        let from = match self.search_dialect() {
            Dialect::Sqlite => format!("incidents, json_each(incidents.{column}) j"),
            Dialect::Postgres => format!(
                "incidents CROSS JOIN LATERAL jsonb_array_elements_text(incidents.{column}::jsonb) j(value)"
            ),
        };
        self.grouped_facet(
            account,
            filters,
            "j.value",
            &from,
            "COUNT(DISTINCT incidents.id) DESC, 1",
        )
        .await
    }

    /// Whether search statements are kept prepared. Not on PostgreSQL: a kept statement
    /// gets a generic plan after five runs, planned without its values, which guesses that a
    /// `tsquery` matches thousands of rows: a rare word's candidates took 100 ms (a parallel
    /// hash join over every incident) where a plan for the word takes 1 ms. An unnamed
    /// statement is planned with its values each time (`benches/search.rs`).
    fn keep_search_plans(&self) -> bool {
        matches!(self.db, crate::Db::Sqlite(_))
    }

    pub(crate) async fn fetch_all_sql<R>(&self, sql: &Sql) -> Result<Vec<R>>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        let persistent = self.keep_search_plans();
        Ok(on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .persistent(persistent)
                .fetch_all(pool)
                .await
        })?)
    }

    pub(crate) async fn fetch_one_sql<R>(&self, sql: &Sql) -> Result<R>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        let persistent = self.keep_search_plans();
        Ok(on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .persistent(persistent)
                .fetch_one(pool)
                .await
        })?)
    }
}
