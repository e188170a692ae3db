//! The incident library: the incidents the reader may see, newest first, a page at a time,
//! narrowed by year, service, tag, theme and severity (the search's incident filters, with
//! the same facet counts).

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Html;
use lore_core::Incident;
use lore_core::search::SearchQuery;
use lore_store::{FacetCount, SearchPage};
use serde::Deserialize;

use crate::auth::Reader;
use crate::error::AppError;
use crate::format::{date_text, iso, url_encode};
use crate::page_cache::RenderedFor;
use crate::pages::awards::award_years;
use crate::pages::{Facet, FacetLink, UserView, render};
use crate::state::AppState;

pub struct IncidentCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub severity: Option<String>,
    pub when: Option<String>,
    pub when_iso: Option<String>,
    pub tags: Vec<String>,
    pub restricted: bool,
    /// The years it won the award.
    pub awards: Vec<i32>,
}

impl From<&Incident> for IncidentCard {
    fn from(i: &Incident) -> Self {
        let when = i.times.started_at.or(i.times.detected_at);
        IncidentCard {
            slug: i.slug.to_string(),
            title: i.title.clone(),
            summary: i.summary.clone(),
            severity: i.severity.clone(),
            when: when.map(date_text),
            when_iso: when.map(iso),
            tags: i.tags.clone(),
            restricted: i.restricted,
            awards: Vec::new(),
        }
    }
}

/// Incidents per library page.
pub const LIBRARY_PAGE_SIZE: u32 = 50;

/// The library's filters, one value each, as links and the form set them.
#[derive(Deserialize, Default, Clone)]
pub struct LibraryParams {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub severity: String,
    pub page: Option<u32>,
}

/// The library's facets: field name in the address, heading, values.
const FIELDS: [(&str, &str); 5] = [
    ("year", "Year"),
    ("service", "Service"),
    ("theme", "Theme"),
    ("tag", "Tag"),
    ("severity", "Severity"),
];

impl LibraryParams {
    fn get(&self, field: &str) -> &str {
        match field {
            "year" => &self.year,
            "service" => &self.service,
            "tag" => &self.tag,
            "theme" => &self.theme,
            _ => &self.severity,
        }
    }

    fn set(&mut self, field: &str, value: String) {
        match field {
            "year" => self.year = value,
            "service" => self.service = value,
            "tag" => self.tag = value,
            "theme" => self.theme = value,
            _ => self.severity = value,
        }
    }

    /// The filters in the search language, so they are checked and run as the search's are.
    fn as_query(&self) -> Result<SearchQuery, AppError> {
        let mut text = String::new();
        for (field, _) in FIELDS {
            let value = self.get(field).trim();
            if !value.is_empty() {
                text.push_str(&format!(" {field}:\"{}\"", value.replace('"', "")));
            }
        }
        SearchQuery::parse(&text).map_err(|e| AppError::BadRequest(e.to_string()))
    }

    /// This view's address with one field changed (and back to page 1).
    fn link(&self, field: &str, value: &str, page: Option<u32>) -> String {
        let mut next = self.clone();
        if !field.is_empty() {
            next.set(field, value.to_owned());
        }
        next.page = page;
        let mut parts: Vec<String> = FIELDS
            .iter()
            .filter(|(f, _)| !next.get(f).is_empty())
            .map(|(f, _)| format!("{f}={}", url_encode(next.get(f))))
            .collect();
        if let Some(p) = next.page.filter(|p| *p > 1) {
            parts.push(format!("page={p}"));
        }
        if parts.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{}", parts.join("&"))
        }
    }
}

#[derive(Template)]
#[template(path = "library.html")]
pub struct LibraryPage {
    pub user: Option<UserView>,
    pub incidents: Vec<IncidentCard>,
    pub total: u64,
    pub narrowed: bool,
    pub facets: Vec<Facet>,
    pub page_label: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// "This week, years ago": incidents whose anniversary falls this week.
    pub this_week: Vec<Anniversary>,
}

pub struct Anniversary {
    pub slug: String,
    pub title: String,
    /// "2 years ago, 2024-12-05".
    pub when: String,
}

/// Kept whole for the account while nothing it shows changes (`page_cache`).
pub async fn library(
    State(state): State<AppState>,
    Reader(user): Reader,
    Query(params): Query<LibraryParams>,
) -> Result<(Extension<RenderedFor>, Html<String>), AppError> {
    let filters = params.as_query()?;
    let page = params.page.unwrap_or(1).clamp(1, 10_000);
    let now = time::OffsetDateTime::now_utc();
    let today = now.date();
    let first_page = page == 1 && !filters.has_filters();
    let per_page = SearchPage {
        number: page,
        per_page: LIBRARY_PAGE_SIZE,
    };
    let (found, this_week, winners) = tokio::try_join!(
        state.store().library(&user, &filters, per_page),
        async {
            if first_page {
                state.store().anniversaries(&user, today, 5).await
            } else {
                Ok(Vec::new())
            }
        },
        state.store().award_winners_visible_to(&user, now),
    )?;
    let mut awards = award_years(&winners);
    let this_week = this_week
        .iter()
        .filter_map(|i| {
            let started = i.times.started_at?;
            let years = today.year() - started.year();
            let ago = if years == 1 {
                "a year ago".to_owned()
            } else {
                format!("{years} years ago")
            };
            Some(Anniversary {
                slug: i.slug.to_string(),
                title: i.title.clone(),
                when: format!("{ago}, {}", date_text(started)),
            })
        })
        .collect();
    let f = &found.facets;
    let lists: [&[FacetCount]; 5] = [&f.years, &f.services, &f.themes, &f.tags, &f.severities];
    let facets = FIELDS
        .iter()
        .zip(lists)
        .map(|((field, name), counts)| Facet {
            name,
            values: counts
                .iter()
                .map(|c| {
                    let active = params.get(field).eq_ignore_ascii_case(&c.value);
                    FacetLink {
                        label: c.value.clone(),
                        count: c.count,
                        href: params.link(field, if active { "" } else { &c.value }, None),
                        active,
                    }
                })
                .collect(),
        })
        .filter(|f| !f.values.is_empty())
        .collect();
    let page = render(&LibraryPage {
        user: Some((&user).into()),
        incidents: found
            .incidents
            .iter()
            .map(|i| IncidentCard {
                awards: awards.remove(&i.id).unwrap_or_default(),
                ..i.into()
            })
            .collect(),
        total: found.total,
        narrowed: filters.has_filters(),
        facets,
        page_label: if found.pages > 1 {
            format!("page {page} of {}", found.pages)
        } else {
            String::new()
        },
        previous: (page > 1 && page <= found.pages).then(|| params.link("", "", Some(page - 1))),
        next: (page < found.pages).then(|| params.link("", "", Some(page + 1))),
        this_week,
    });
    let rendered = RenderedFor {
        account: user,
        read_of: None,
    };
    Ok((Extension(rendered), Html(page)))
}
