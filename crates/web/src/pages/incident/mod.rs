//! The incident page: the story as people read it — facts, summary, narrative, perspectives,
//! moments — then the timeline and the data it was built from.

mod connections;
mod signals;
mod story;
mod timeline;
pub mod window;

use std::collections::HashMap;

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use lore_core::{Account, Incident, Role};

use crate::auth::Reader;
use crate::error::AppError;
use crate::format::{duration_text, iso, utc_text};
use crate::incident_access::{IncidentRecord, Needs, Visible};
use crate::page_cache::RenderedFor;
use crate::pages::awards::award_years;
use crate::pages::comments::{CommentText, CommentsView};
use crate::pages::perspectives::PerspectivesView;
use crate::pages::{Choice, UserView, render, theme_choices};
use crate::prose::{Prose, off_the_workers};
use crate::render_cache::RenderCache;
use crate::state::AppState;
use crate::timeline_query::TimelineQuery;
use crate::timeline_window::WindowQuery;

use connections::{CitedByView, RelatedView};
use story::{MomentView, NarrativeView};
use timeline::TimelineSection;
use window::WindowedTimeline;

pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub iso: Option<String>,
}

pub struct SourceView {
    pub kind: String,
    pub file_name: String,
    pub entries: i64,
    pub imported_by: String,
    pub imported_at: String,
    pub imported_at_iso: String,
    pub first: Option<String>,
    pub last: Option<String>,
}

#[derive(Template)]
#[template(path = "incident.html")]
pub struct IncidentPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub restricted: bool,
    /// The years it won the award ("Award winner 2026").
    pub awards: Vec<i32>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    /// Names other systems give it (`INC-3117`): what `lore scan git` also looks for.
    pub aliases: Vec<String>,
    /// "Read by 12 people …", and when they came back: counts, never who.
    pub signals: signals::SignalsView,
    pub facts: Vec<Fact>,
    pub contradictions: Vec<&'static str>,
    pub narrative: Option<NarrativeView>,
    pub perspectives: PerspectivesView,
    pub comments: CommentsView,
    pub moments: Vec<MomentView>,
    /// What points at this incident, by kind.
    pub cited_by: CitedByView,
    pub related: Vec<RelatedView>,
    pub timeline: TimelineSection,
    /// "Data we relied on".
    pub sources: Vec<SourceView>,
    pub can_annotate: bool,
    /// The themes, for the form that marks a passage.
    pub themes: Vec<Choice>,
    /// Who is reading, as the perspective form's default author.
    pub me: String,
}

/// The page is kept whole for the account while nothing it shows changes (`page_cache`: the
/// route's layer answers from memory before this runs). Otherwise it is built and rendered on
/// the blocking pool (its prose, diagrams and template are
/// the CPU work of a view), with its prose from the render cache when unchanged. Its timeline
/// is one window (`window`): what it reads and renders is bounded by the window, not by the
/// incident.
pub async fn incident(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    query: TimelineQuery,
    at: WindowQuery,
) -> Result<(Extension<RenderedFor>, Html<String>), AppError> {
    let (mut record, winners) = tokio::try_join!(seen.load(&state, Needs::PAGE), async {
        let now = time::OffsetDateTime::now_utc();
        Ok(state
            .store()
            .award_winners_visible_to(&seen.user, now)
            .await?)
    })?;
    let (store, cache) = (state.store(), state.render_cache());
    let (read, cited, blocks) = tokio::try_join!(
        window::load(store, cache, &record, &query, at),
        window::cited_entries(store, &record),
        window::block_diagrams(store, cache, &record),
    )?;
    record.timeline = cited;
    record.block_diagrams = blocks;
    let user = seen.user;
    let reader = user.clone();
    let rendered = RenderedFor {
        account: user.clone(),
        read_of: Some(record.incident.id),
    };
    let record_id = record.incident.id;
    let shared = state.clone();
    let page = off_the_workers(&state, move || {
        let mut page = IncidentPage::build(&user, &record, &query, &read, shared.render_cache());
        page.awards = award_years(&winners).remove(&record_id).unwrap_or_default();
        render(&page)
    })
    .await?;
    // Recorded after the page is built, off the request's path: a slow write never delays
    // reading, and a failed one is only logged.
    crate::page_cache::record_read(&state, record_id, reader);
    Ok((Extension(rendered), Html(page)))
}

impl IncidentPage {
    pub fn build(
        user: &Account,
        record: &IncidentRecord,
        query: &TimelineQuery,
        read: &WindowedTimeline,
        cache: &RenderCache,
    ) -> Self {
        let incident = &record.incident;
        let prose = Prose::new(record, cache);
        let (narrative, passage_places) = match &record.narrative {
            Some(n) => {
                let (view, places) = story::narrative(n, &record.annotations, &prose);
                (Some(view), places)
            }
            None => (None, HashMap::new()),
        };
        IncidentPage {
            user: Some(user.into()),
            slug: incident.slug.to_string(),
            title: incident.title.clone(),
            summary: incident.summary.clone(),
            restricted: incident.restricted,
            awards: Vec::new(),
            services: incident.services.clone(),
            tags: incident.tags.clone(),
            aliases: record.aliases.clone(),
            signals: signals::SignalsView::build(&record.reading, &record.signals),
            facts: facts(incident),
            contradictions: incident
                .times
                .contradictions()
                .into_iter()
                .map(|c| c.describe())
                .collect(),
            narrative,
            perspectives: PerspectivesView::build(&record.perspectives, query, &prose),
            comments: CommentsView::build(user, record, &prose, 1, true),
            moments: story::moments(&record.annotations, &prose, &passage_places),
            cited_by: CitedByView::build(&record.cited_by),
            related: connections::related(&record.related),
            timeline: TimelineSection::build(record, query, read),
            sources: sources(record, read),
            can_annotate: user.role.allows(Role::Analyst),
            themes: theme_choices(None),
            me: user.username.to_string(),
        }
    }
}

/// The facts box: severity, the times as the record has them, and the duration — a fact,
/// never the headline.
fn facts(incident: &Incident) -> Vec<Fact> {
    let t = &incident.times;
    let mut facts = Vec::new();
    if let Some(sev) = &incident.severity {
        facts.push(Fact {
            label: "Severity",
            value: sev.clone(),
            iso: None,
        });
    }
    for (label, at) in [
        ("Started", t.started_at),
        ("Detected", t.detected_at),
        ("Resolved", t.resolved_at),
    ] {
        facts.push(Fact {
            label,
            value: at.map_or_else(|| "not recorded".to_owned(), utc_text),
            iso: at.map(iso),
        });
    }
    if let Some(d) = t.duration() {
        facts.push(Fact {
            label: "Duration",
            value: duration_text(d),
            iso: None,
        });
    }
    facts
}

/// "Data we relied on": every imported source with the time its entries cover.
fn sources(record: &IncidentRecord, read: &WindowedTimeline) -> Vec<SourceView> {
    let mut ranges: HashMap<i64, (time::OffsetDateTime, time::OffsetDateTime)> = HashMap::new();
    for f in &read.facets.0 {
        let r = ranges.entry(f.source_id).or_insert((f.first, f.last));
        r.0 = r.0.min(f.first);
        r.1 = r.1.max(f.last);
    }
    record
        .sources
        .iter()
        .map(|s| SourceView {
            kind: s.kind.clone(),
            file_name: s.file_name.clone(),
            entries: s.entry_count,
            imported_by: s.imported_by.clone().unwrap_or_else(|| "unknown".into()),
            imported_at: utc_text(s.imported_at),
            imported_at_iso: iso(s.imported_at),
            first: ranges.get(&s.id).map(|r| utc_text(r.0)),
            last: ranges.get(&s.id).map(|r| utc_text(r.1)),
        })
        .collect()
}

/// `GET /incidents/{slug}/entries/{id}`: an entry's permalink, which opens the window of the
/// timeline that holds it (with the reader's query, and noise shown if the entry is noise).
/// Through the same seam as the page: an entry of an incident the account may not read is a
/// 404, as is an entry of another incident.
pub async fn entry_permalink(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    axum::extract::Path((_, id)): axum::extract::Path<(String, String)>,
    query: TimelineQuery,
    at: WindowQuery,
) -> Result<axum::response::Redirect, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let entry = state
        .store()
        .entries_by_id(seen.incident.id, &[id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let query = query.with(|q| q.show_noise |= entry.noise);
    let params: Vec<String> = std::iter::once(format!("entry={id}"))
        .chain(at.size_param())
        .collect();
    Ok(axum::response::Redirect::to(&format!(
        "/incidents/{}{}#entry-{id}",
        seen.incident.slug,
        crate::timeline_window::with_params(&query.to_query(), &params)
    )))
}
