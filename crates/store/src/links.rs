//! Connections between incidents: the references a text makes (links to incidents, glossary
//! terms it uses), replaced whenever that text is saved; what cites an incident; and which
//! incidents are related to one, and why.
//!
//! Links are kept by the cited incident's id, resolved when the text is saved from the slug
//! as written (a current slug, or an old one through `incident_slug_history`), so renames
//! keep them; links to no known incident and links of an incident to itself are not kept.
//! Every read across incidents applies [`VISIBLE_TO`] to the citing (or related) incident.

use std::collections::BTreeMap;

use lore_core::{
    Account, Citation, CitationCounts, CitationKind, CitationPlace, Incident, PerspectiveRef,
    References, RelatedIncident, RelatedReason, Role, Section, Slug, TextSource,
};

use crate::incidents::VISIBLE_TO;
use crate::{Db, Result, Store, StoreError, on_db, with_write_tx};

/// The most citations [`Store::cited_by`] lists (the counts count them all).
pub const MAX_CITATIONS_LISTED: i64 = 500;
/// The least text similarity (0 to 100) shown as a reason: what weighs at least 1
/// ([`RelatedReason::weight`]).
const MIN_SIMILARITY: u32 = 25;

/// How many related incidents the database ranks by its sum of weights before the exact
/// score (people counted at most three) picks the top ones.
const RELATED_CANDIDATES: i64 = 20;

/// Inside a write transaction: replaces what one text (`$source`, a [`TextSource`]) of an
/// incident refers to with `$refs` (a [`References`]). Expanded once per backend.
macro_rules! replace_references {
    ($conn:expr, $incident_id:expr, $source:expr, $refs:expr) => {{
        let (incident_id, source, refs): (i64, lore_core::TextSource, &lore_core::References) =
            ($incident_id, $source, $refs);
        for table in [
            "DELETE FROM incident_links WHERE citing_incident_id = $1 AND source_kind = $2 AND source_id = $3",
            "DELETE FROM incident_terms WHERE incident_id = $1 AND source_kind = $2 AND source_id = $3",
        ] {
            sqlx::query(table)
                .bind(incident_id)
                .bind(source.kind())
                .bind(source.id())
                .execute(&mut *$conn)
                .await?;
        }
        for (seq, link) in refs
            .incidents
            .iter()
            .take(lore_core::MAX_LINKS_PER_TEXT)
            .enumerate()
        {
            // The slug as written: current, or one the incident had before a rename.
            sqlx::query(
                "INSERT INTO incident_links (citing_incident_id, source_kind, source_id, seq, \
                 cited_incident_id, target, section_heading, section_anchor, context) \
                 SELECT $1, $2, $3, $4, i.id, $5, $6, $7, $8 FROM incidents i \
                 WHERE i.id = COALESCE((SELECT id FROM incidents WHERE slug = $9), \
                 (SELECT incident_id FROM incident_slug_history WHERE old_slug = $9)) \
                 AND i.id <> $1",
            )
            .bind(incident_id)
            .bind(source.kind())
            .bind(source.id())
            .bind(seq as i64)
            .bind(&link.target)
            .bind(link.section.as_ref().map(|s| s.heading.as_str()))
            .bind(link.section.as_ref().map(|s| s.anchor.as_str()))
            .bind(&link.context)
            .bind(link.slug.as_str())
            .execute(&mut *$conn)
            .await?;
        }
        for term in &refs.terms {
            sqlx::query(
                "INSERT INTO incident_terms (incident_id, source_kind, source_id, term_id) \
                 SELECT $1, $2, $3, id FROM glossary_terms WHERE id = $4 \
                 ON CONFLICT DO NOTHING",
            )
            .bind(incident_id)
            .bind(source.kind())
            .bind(source.id())
            .bind(*term)
            .execute(&mut *$conn)
            .await?;
        }
    }};
}
pub(crate) use replace_references;

#[derive(sqlx::FromRow)]
struct CitationRow {
    slug: String,
    title: String,
    source_kind: String,
    source_id: i64,
    person: Option<String>,
    target: String,
    section_heading: Option<String>,
    section_anchor: Option<String>,
    context: String,
}

impl Store {
    /// Records what one text of an incident refers to, replacing what it referred to before,
    /// in a transaction of its own (saves do this inside theirs). For texts whose references
    /// must be found again, such as after glossary terms were added.
    pub async fn record_references(
        &self,
        incident_id: i64,
        source: TextSource,
        refs: &References,
    ) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            replace_references!(tx, incident_id, source, refs);
        });
        Ok(())
    }

    /// What cites this incident, as this account may see it: a citation from a restricted
    /// incident only for those who may read that incident ([`VISIBLE_TO`] on the citing side).
    /// Newest citing incident first, then in the order of its text; at most
    /// [`MAX_CITATIONS_LISTED`].
    pub async fn cited_by(&self, incident: &Incident, account: &Account) -> Result<Vec<Citation>> {
        let sql = format!(
            "SELECT incidents.slug, incidents.title, l.source_kind, l.source_id, p.person, \
             l.target, l.section_heading, l.section_anchor, l.context \
             FROM incident_links l JOIN incidents ON incidents.id = l.citing_incident_id \
             LEFT JOIN perspectives p ON l.source_kind = 'perspective' AND p.id = l.source_id \
             WHERE l.cited_incident_id = $3 AND {VISIBLE_TO} \
             ORDER BY COALESCE(incidents.started_at, incidents.detected_at, incidents.created_at) DESC, \
             incidents.id DESC, l.source_kind, l.source_id, l.seq LIMIT {MAX_CITATIONS_LISTED}"
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<CitationRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(incident.id)
                .fetch_all(pool)
                .await
        })?;
        // Reading lists cite the incident itself: whoever may see it may see them.
        let room = (MAX_CITATIONS_LISTED - rows.len() as i64).max(0);
        let lists = self.reading_list_citations(incident, account, room).await?;
        let room = (room - lists.len() as i64).max(0);
        // So do repositories.
        let git = self.git_references(incident.id, room).await?;
        rows.into_iter()
            .map(|r| {
                let slug = Slug::parse(&r.slug)
                    .map_err(|e| StoreError::Corrupt(format!("incident link: {e}")))?;
                let perspective = match TextSource::from_stored(&r.source_kind, r.source_id) {
                    Some(TextSource::Perspective(id)) => Some(PerspectiveRef {
                        id,
                        person: r.person.unwrap_or_default(),
                    }),
                    _ => None,
                };
                let section = match (r.section_heading, r.section_anchor) {
                    (Some(heading), Some(anchor)) => Some(Section { heading, anchor }),
                    _ => None,
                };
                Ok(Citation {
                    kind: CitationKind::Incident,
                    place: CitationPlace::Incident {
                        slug,
                        title: r.title,
                        section,
                        perspective,
                    },
                    target: r.target,
                    text: r.context,
                })
            })
            .collect::<Result<Vec<_>>>()
            .map(|mut citations| {
                citations.extend(lists);
                citations.extend(git_citations(git));
                citations
            })
    }

    /// How many citations of each kind this incident has that this account may see (the same
    /// rule as [`Store::cited_by`]).
    pub async fn citation_counts(
        &self,
        incident: &Incident,
        account: &Account,
    ) -> Result<CitationCounts> {
        let sql = format!(
            "SELECT COUNT(*) FROM incident_links l JOIN incidents ON incidents.id = l.citing_incident_id \
             WHERE l.cited_incident_id = $3 AND {VISIBLE_TO}"
        );
        let count = self.count_visible(sql, incident, account).await?;
        let mut counts = CitationCounts::default();
        if count > 0 {
            counts.0.insert(CitationKind::Incident, count);
        }
        let lists = self.reading_list_citation_count(incident, account).await?;
        if lists > 0 {
            counts.0.insert(CitationKind::ReadingList, lists);
        }
        for (kind, n) in self.git_reference_counts(incident.id).await? {
            *counts.0.entry(git_citation_kind(&kind)).or_default() += n;
        }
        Ok(counts)
    }

    /// The incidents most related to this one that the account may see, at most `limit`,
    /// strongest first, each with its reasons: services and tags both list, themes both have
    /// moments of, glossary terms both write-ups use, people who wrote in both timelines (as
    /// merged), and links either way (weights: [`RelatedReason::weight`]).
    ///
    /// One query, whatever the library's size: each reason is a join from this incident's own
    /// services, tags, themes, terms, people and links to the incidents that share them (by
    /// index, except services and tags, which are read from each incident's JSON list); the
    /// database sums the weights and keeps the best [`RELATED_CANDIDATES`], whose reasons
    /// come back to be scored exactly here.
    pub async fn related_incidents(
        &self,
        incident: &Incident,
        account: &Account,
        limit: usize,
    ) -> Result<Vec<RelatedIncident>> {
        self.related_incidents_among(incident, account, limit, None)
            .await
    }

    /// [`Store::related_incidents`], given the people records that wrote this incident's
    /// entries (as `TimelineFacet::author`s, which the web keeps per timeline version): the
    /// query then starts from those few records instead of reading every entry of the
    /// incident for its authors.
    pub async fn related_incidents_among(
        &self,
        incident: &Incident,
        account: &Account,
        limit: usize,
        authors: Option<&[i64]>,
    ) -> Result<Vec<RelatedIncident>> {
        let authors_json =
            serde_json::to_string(authors.unwrap_or_default()).expect("numbers serialise");
        let these_authors = match (authors, &self.db) {
            (None, _) => {
                "SELECT DISTINCT COALESCE(p.merged_into, p.id) AS person FROM timeline_entries xe \
                 JOIN people p ON p.id = xe.author_person_id WHERE xe.incident_id = $3"
            }
            (Some(_), Db::Sqlite(_)) => {
                "SELECT DISTINCT COALESCE(p.merged_into, p.id) AS person FROM people p \
                 WHERE p.id IN (SELECT value FROM json_each($4))"
            }
            (Some(_), Db::Postgres(_)) => {
                "SELECT DISTINCT COALESCE(p.merged_into, p.id) AS person FROM people p \
                 WHERE p.id IN (SELECT value::bigint FROM jsonb_array_elements_text($4::jsonb))"
            }
        };
        let lists = |column: &str| match &self.db {
            Db::Sqlite(_) => format!(
                "SELECT o.id AS other_id, '{column}' AS kind, so.value AS value \
                 FROM incidents x, json_each(x.{column}s) sx, incidents o, json_each(o.{column}s) so \
                 WHERE x.id = $3 AND o.id <> x.id AND so.value = sx.value"
            ),
            // Each other incident's list is asked whether it holds the value, not expanded.
            Db::Postgres(_) => format!(
                "SELECT o.id AS other_id, '{column}' AS kind, sx.value AS value \
                 FROM incidents x CROSS JOIN LATERAL json_array_elements_text(x.{column}s::json) sx(value) \
                 JOIN incidents o ON o.id <> x.id AND jsonb_exists(o.{column}s::jsonb, sx.value) \
                 WHERE x.id = $3"
            ),
        };
        // Other incidents these people wrote in, as two ranges of the author index on each
        // side of this incident (`<>` would step over every entry they wrote here).
        let by_people = |side: &str| {
            format!(
                "SELECT e.incident_id, 'person', CAST(xp.person AS TEXT) FROM ({these_authors}) xp \
                 JOIN people r ON r.id = xp.person OR r.merged_into = xp.person \
                 JOIN timeline_entries e ON e.author_person_id = r.id AND e.incident_id {side} $3"
            )
        };
        let sql = format!(
            "WITH reasons AS ( \
               {services} UNION {tags} \
               UNION SELECT o.incident_id, 'theme', o.theme FROM annotations x \
                 JOIN annotations o ON o.theme = x.theme AND o.incident_id <> x.incident_id \
                 WHERE x.incident_id = $3 AND x.theme <> 'custom' \
               UNION SELECT o.incident_id, 'term', g.term FROM incident_terms x \
                 JOIN incident_terms o ON o.term_id = x.term_id AND o.incident_id <> x.incident_id \
                 JOIN glossary_terms g ON g.id = x.term_id WHERE x.incident_id = $3 \
               UNION {by_people_before} UNION {by_people_after} \
               UNION SELECT cited_incident_id, 'link', '' FROM incident_links WHERE citing_incident_id = $3 \
               UNION SELECT citing_incident_id, 'link', '' FROM incident_links WHERE cited_incident_id = $3 \
             ), \
             top AS ( \
               SELECT r.other_id, incidents.slug, incidents.title, \
                 SUM(CASE r.kind WHEN 'link' THEN 6 WHEN 'service' THEN 3 \
                 WHEN 'person' THEN 2 WHEN 'theme' THEN 2 ELSE 1 END) AS score \
               FROM reasons r JOIN incidents ON incidents.id = r.other_id \
               WHERE {VISIBLE_TO} GROUP BY r.other_id, incidents.slug, incidents.title \
               ORDER BY score DESC, r.other_id DESC LIMIT {RELATED_CANDIDATES} \
             ) \
             SELECT top.other_id, top.slug, top.title, r.kind, r.value FROM top \
             JOIN reasons r ON r.other_id = top.other_id \
             ORDER BY top.other_id, r.kind, r.value",
            services = lists("service"),
            tags = lists("tag"),
            by_people_before = by_people("<"),
            by_people_after = by_people(">"),
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<(i64, String, String, String, String)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(incident.id)
                .bind(&authors_json)
                .fetch_all(pool)
                .await
        })?;
        let mut by_incident: BTreeMap<i64, (String, String, Vec<RelatedReason>, u32)> =
            BTreeMap::new();
        for (id, slug, title, kind, value) in rows {
            let entry = by_incident
                .entry(id)
                .or_insert_with(|| (slug, title, Vec::new(), 0));
            match kind.as_str() {
                "service" => entry.2.push(RelatedReason::Service(value)),
                "tag" => entry.2.push(RelatedReason::Tag(value)),
                "theme" => entry.2.push(RelatedReason::Theme(value)),
                "term" => entry.2.push(RelatedReason::Term(value)),
                "link" => entry.2.push(RelatedReason::Linked),
                "person" => entry.3 += 1,
                _ => {}
            }
        }
        // Text similarity from the search index (already limited to what the account sees).
        let similar = self
            .similar_incidents(incident.id, account, RELATED_CANDIDATES as usize)
            .await?;
        let missing: Vec<i64> = similar
            .iter()
            .map(|s| s.incident_id)
            .filter(|id| !by_incident.contains_key(id))
            .collect();
        for (id, slug, title) in self.slugs_and_titles(&missing).await? {
            by_incident.insert(id, (slug, title, Vec::new(), 0));
        }
        for s in similar.iter().filter(|s| s.score >= MIN_SIMILARITY) {
            if let Some(entry) = by_incident.get_mut(&s.incident_id) {
                entry.2.push(RelatedReason::SimilarText(s.score));
            }
        }
        by_incident.retain(|_, (_, _, reasons, people)| !reasons.is_empty() || *people > 0);
        let mut related = Vec::with_capacity(by_incident.len());
        for (id, (slug, title, mut reasons, people)) in by_incident {
            if people > 0 {
                reasons.push(RelatedReason::People(people));
            }
            let slug = Slug::parse(&slug)
                .map_err(|e| StoreError::Corrupt(format!("incident {id}: {e}")))?;
            related.push((id, RelatedIncident::new(slug, title, reasons)));
        }
        related.sort_by(|(a_id, a), (b_id, b)| b.score.cmp(&a.score).then(b_id.cmp(a_id)));
        Ok(related.into_iter().take(limit).map(|(_, r)| r).collect())
    }
}

impl Store {
    /// The reading lists this incident is an item of, oldest list first, at most `limit`:
    /// none when the account may not see the incident ([`VISIBLE_TO`] on the cited side).
    async fn reading_list_citations(
        &self,
        incident: &Incident,
        account: &Account,
        limit: i64,
    ) -> Result<Vec<Citation>> {
        let sql = format!(
            "SELECT l.id, l.title, i.note FROM reading_list_items i \
             JOIN reading_lists l ON l.id = i.list_id JOIN incidents ON incidents.id = i.incident_id \
             WHERE i.incident_id = $3 AND {VISIBLE_TO} ORDER BY l.id LIMIT $4"
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<(i64, String, String)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(incident.id)
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(id, title, note)| Citation {
                kind: CitationKind::ReadingList,
                place: CitationPlace::ReadingList { id, title },
                target: String::new(),
                text: note,
            })
            .collect())
    }

    /// How many reading lists cite this incident, as [`Store::cited_by`] lists them.
    async fn reading_list_citation_count(
        &self,
        incident: &Incident,
        account: &Account,
    ) -> Result<u64> {
        let sql = format!(
            "SELECT COUNT(*) FROM reading_list_items i JOIN incidents ON incidents.id = i.incident_id \
             WHERE i.incident_id = $3 AND {VISIBLE_TO}"
        );
        self.count_visible(sql, incident, account).await
    }

    /// Runs a `COUNT(*)` whose `$1`/`$2` are [`VISIBLE_TO`]'s and `$3` the incident's id.
    async fn count_visible(
        &self,
        sql: String,
        incident: &Incident,
        account: &Account,
    ) -> Result<u64> {
        let admin = account.role == Role::Admin;
        let (count,): (i64,) = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(incident.id)
                .fetch_one(pool)
                .await
        })?;
        Ok(count.max(0) as u64)
    }

    /// Slug and title of each incident id (for incidents already known to be visible).
    async fn slugs_and_titles(&self, ids: &[i64]) -> Result<Vec<(i64, String, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let json = serde_json::to_string(ids).expect("numbers serialise");
        Ok(on_db!(&self.db, pool => {
            let sql = match &self.db {
                Db::Sqlite(_) => "SELECT id, slug, title FROM incidents WHERE id IN (SELECT value FROM json_each($1))",
                Db::Postgres(_) => "SELECT id, slug, title FROM incidents WHERE id IN \
                    (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))",
            };
            sqlx::query_as(sql).bind(&json).fetch_all(pool).await
        })?)
    }
}

/// Which "Cited by" group a git reference is in: configuration and other files count with
/// code.
fn git_citation_kind(kind: &str) -> CitationKind {
    match kind {
        "commit" => CitationKind::Commit,
        "doc" => CitationKind::Doc,
        _ => CitationKind::CodeComment,
    }
}

fn git_citations(refs: Vec<crate::GitReference>) -> impl Iterator<Item = Citation> {
    refs.into_iter().map(|r| Citation {
        kind: git_citation_kind(&r.kind),
        place: CitationPlace::Repository {
            repository: r.repository,
            commit: r.commit,
            path: r.path,
            line: u32::try_from(r.line).ok(),
        },
        target: String::new(),
        text: r.line_text,
    })
}
