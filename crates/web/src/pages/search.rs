//! Search across every incident the reader may see: `/search?q=…`, results grouped by
//! incident with highlighted snippets that link to where each hit is, facets that narrow the
//! search when clicked, and pages. The query language is `lore_core::search`'s; the access
//! rule is the store's (`VISIBLE_TO` in every query it runs).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use lore_core::search::{HitKind, SearchQuery};
use lore_render::{SafeHtml, highlighted_snippet};
use lore_store::{FacetCount, HitGroup, SearchPage, SearchResults};
use serde::Deserialize;

use crate::auth::Reader;
use crate::error::AppError;
use crate::format::{url_encode, utc_text};
use crate::pages::{Facet, FacetLink, UserView, render};
use crate::state::AppState;

/// Incidents per page.
pub const GROUPS_PER_PAGE: u32 = 20;
/// The highest page number accepted: past it a reader should narrow the search.
pub const MAX_PAGE: u32 = 500;

#[derive(Deserialize, Default)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: Option<u32>,
}

impl SearchParams {
    /// The page asked for, within 1..=[`MAX_PAGE`].
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).clamp(1, MAX_PAGE)
    }
}

pub struct HitView {
    pub kind: &'static str,
    pub title: String,
    pub snippet: SafeHtml,
    pub href: String,
    pub when: Option<String>,
}

pub struct GroupView {
    pub title: String,
    pub href: String,
    pub meta: String,
    pub hits: Vec<HitView>,
    /// "3 more in this incident": the search narrowed to it.
    pub more: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPageView {
    pub user: Option<UserView>,
    pub q: String,
    pub error: Option<String>,
    pub searched: bool,
    pub summary: String,
    pub capped: bool,
    pub groups: Vec<GroupView>,
    pub facets: Vec<Facet>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub page_label: String,
}

pub async fn search(
    State(state): State<AppState>,
    Reader(user): Reader,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    let q = params.q.trim().to_owned();
    let mut view = SearchPageView {
        user: Some((&user).into()),
        q: q.clone(),
        error: None,
        searched: !q.is_empty(),
        summary: String::new(),
        capped: false,
        groups: Vec::new(),
        facets: Vec::new(),
        previous: None,
        next: None,
        page_label: String::new(),
    };
    let query = match SearchQuery::parse(&q) {
        Ok(query) => query,
        Err(e) => {
            // A readable answer on the page the reader typed it on, with the form kept.
            view.error = Some(e.to_string());
            return Ok((StatusCode::BAD_REQUEST, Html(render(&view))).into_response());
        }
    };
    if query.is_empty() {
        return Ok(Html(render(&view)).into_response());
    }
    let page = params.page();
    let results = state
        .store()
        .search(
            &user,
            &query,
            SearchPage {
                number: page,
                per_page: GROUPS_PER_PAGE,
            },
        )
        .await?;
    fill(&mut view, &q, &query, &results, page);
    Ok(Html(render(&view)).into_response())
}

fn fill(view: &mut SearchPageView, q: &str, query: &SearchQuery, r: &SearchResults, page: u32) {
    view.summary = summary(r);
    view.capped = r.capped;
    view.groups = r.groups.iter().map(|g| group_view(q, g)).collect();
    view.facets = facet_views(q, query, r);
    let link = |n: u32| format!("/search?q={}&page={n}", url_encode(q));
    view.previous = (page > 1 && page <= r.pages.max(1)).then(|| link(page - 1));
    view.next = (page < r.pages && page < MAX_PAGE).then(|| link(page + 1));
    view.page_label = if r.pages > 1 {
        format!("Page {page} of {}", r.pages)
    } else {
        String::new()
    };
}

fn summary(r: &SearchResults) -> String {
    if r.total_hits == 0 {
        return "Nothing matches.".to_owned();
    }
    let hits = plural(r.total_hits, "match", "matches");
    let glossary = r.total_groups > r.total_incidents;
    match (r.total_incidents, glossary) {
        (0, _) => format!("{hits} in the glossary."),
        (n, false) => format!("{hits} in {}.", plural(n, "incident", "incidents")),
        (n, true) => format!(
            "{hits} in {} and the glossary.",
            plural(n, "incident", "incidents")
        ),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn kind_label(kind: HitKind, entry_kind: Option<&str>) -> &'static str {
    match (kind, entry_kind) {
        (HitKind::Entry, Some("deploy")) => "Deploy",
        (HitKind::Entry, Some("alert")) => "Alert",
        (HitKind::Entry, Some("status")) => "Status update",
        (HitKind::Entry, Some("ticket")) => "Ticket",
        (HitKind::Entry, Some("transcript")) => "Said on a call",
        (HitKind::Entry, Some("note")) => "Note",
        (HitKind::Entry, _) => "Chat",
        (HitKind::Incident, _) => "Title and summary",
        (HitKind::Narrative, _) => "Narrative",
        (HitKind::Perspective, _) => "Perspective",
        (HitKind::Moment, _) => "Moment",
        (HitKind::Glossary, _) => "Glossary",
        (HitKind::Comment, _) => "Comment",
        (HitKind::Reference, _) => "Cited in git",
    }
}

fn group_view(q: &str, g: &HitGroup) -> GroupView {
    let hits = g
        .hits
        .iter()
        .map(|h| HitView {
            kind: kind_label(h.kind, h.entry_kind.as_deref()),
            title: match h.kind {
                HitKind::Narrative if h.title.is_empty() => "Opening".to_owned(),
                HitKind::Perspective => format!("{}'s account", h.title),
                _ => h.title.clone(),
            },
            snippet: highlighted_snippet(&h.snippet),
            href: h.permalink.clone(),
            when: h.at.map(utc_text),
        })
        .collect();
    let shown = g.hits.len() as u64;
    match &g.incident {
        Some(i) => {
            let mut meta = Vec::new();
            if let Some(y) = i.year {
                meta.push(y.to_string());
            }
            if let Some(s) = &i.severity {
                meta.push(s.clone());
            }
            let more = (g.hit_count > shown).then(|| {
                let narrowed = format!("{q} incident:{}", i.slug);
                (
                    format!("/search?q={}", url_encode(&narrowed)),
                    format!("{} more in this incident", g.hit_count - shown),
                )
            });
            GroupView {
                title: i.title.clone(),
                href: format!("/incidents/{}", i.slug),
                meta: meta.join(" · "),
                hits,
                more,
            }
        }
        None => GroupView {
            title: "Glossary".to_owned(),
            href: "/glossary".to_owned(),
            meta: String::new(),
            hits,
            more: None,
        },
    }
}

/// A filter as typed: `field:value`, quoted when the value has spaces or quotes.
fn filter_text(field: &str, value: &str) -> String {
    if value.chars().all(|c| !c.is_whitespace() && c != '"') {
        format!("{field}:{value}")
    } else {
        format!("{field}:\"{}\"", value.replace('"', ""))
    }
}

/// The query with one filter taken out (as it was added by a facet link, in any case).
fn without_filter(q: &str, field: &str, value: &str) -> String {
    let typed = filter_text(field, value).to_lowercase();
    let mut out = q.to_owned();
    if let Some(at) = out.to_lowercase().find(&typed) {
        out.replace_range(at..at + typed.len(), "");
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn facet_views(q: &str, query: &SearchQuery, r: &SearchResults) -> Vec<Facet> {
    let is_active = |field: &str, value: &str| -> bool {
        let v = value.to_lowercase();
        match field {
            "theme" => query.themes.iter().any(|t| t.as_str() == v),
            "service" => query.services.iter().any(|s| s.to_lowercase() == v),
            "tag" => query.tags.iter().any(|s| s.to_lowercase() == v),
            "person" => query.people.contains(&v),
            "year" => query.years.iter().any(|y| y.to_string() == v),
            "severity" => query.severities.iter().any(|s| s.to_lowercase() == v),
            "kind" => SearchQuery::parse(&format!("kind:{v}"))
                .is_ok_and(|k| query.kinds.contains(&k.kinds[0])),
            _ => false,
        }
    };
    let facet = |name: &'static str, field: &'static str, counts: &[FacetCount]| Facet {
        name,
        values: counts
            .iter()
            .map(|c| {
                let active = is_active(field, &c.value);
                let next_q = if active {
                    without_filter(q, field, &c.value)
                } else {
                    format!("{q} {}", filter_text(field, &c.value))
                };
                FacetLink {
                    label: c.value.clone(),
                    count: c.count,
                    href: format!("/search?q={}", url_encode(next_q.trim())),
                    active,
                }
            })
            .collect(),
    };
    let f = &r.facets;
    [
        facet("Theme", "theme", &f.themes),
        facet("Service", "service", &f.services),
        facet("Person", "person", &f.people),
        facet("Year", "year", &f.years),
        facet("Kind", "kind", &f.kinds),
        facet("Tag", "tag", &f.tags),
        facet("Severity", "severity", &f.severities),
    ]
    .into_iter()
    .filter(|f| !f.values.is_empty())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_filters_are_added_and_taken_out_as_typed() {
        assert_eq!(
            filter_text("person", "Nadia Okafor"),
            "person:\"Nadia Okafor\""
        );
        assert_eq!(filter_text("service", "dock-broker"), "service:dock-broker");
        assert_eq!(
            without_filter(
                "nat Person:\"Nadia Okafor\" year:2025",
                "person",
                "Nadia Okafor"
            ),
            "nat year:2025"
        );
    }
}
