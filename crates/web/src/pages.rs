//! Page handlers. Each takes the role extractor it needs; none touches SQL or HTML directly.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use lore_core::{MarkedOn, NewAnnotation, NewPerspective, Role, Slug, Theme, Username};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::{self, Admin, Analyst, Reader};
use crate::timeline_filter::{TimelineFilter, TimelineQuery};
use crate::views::{
    self, AccountRow, IncidentContent, IncidentPage, LibraryPage, LoginPage, NarrativeEditPage,
    NarrativeHistoryPage, UsersPage,
};
use crate::{AppError, AppState};

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        include_str!("../static/lore.css"),
    )
        .into_response()
}

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        include_str!("../static/lore.js"),
    )
        .into_response()
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

pub async fn library(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let incidents = state.store().incidents_visible_to(&user).await?;
    Ok(Html(views::render(&LibraryPage {
        user: Some((&user).into()),
        incidents: incidents.iter().map(Into::into).collect(),
    })))
}

pub async fn incident(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(slug): Path<String>,
    Query(q): Query<TimelineQuery>,
    Query(reading): Query<ReadingQuery>,
) -> Result<Html<String>, AppError> {
    let mut filter = TimelineFilter::from_query(&q)?;
    let incident = visible_incident(&state, &user, &slug).await?;
    // Independent reads, side by side: each takes a pooled connection (SQLite's WAL lets
    // readers run together), so the page waits for the slowest, not for the sum.
    let store = state.store();
    let (narrative, sources, timeline, annotations, channels, perspectives, glossary) = tokio::try_join!(
        store.narrative(incident.id),
        store.sources(incident.id),
        store.timeline(incident.id),
        store.annotations(incident.id),
        channel_access(&state, incident.id),
        store.perspectives(incident.id),
        store.glossary(),
    )?;
    let glossary = views::glossary_links(&glossary);
    filter.narrow_to_marks(&annotations, &timeline);
    filter.narrow_to_channels(&channels);
    let content = IncidentContent {
        incident: &incident,
        narrative: narrative.as_ref(),
        sources: &sources,
        timeline: &timeline,
        annotations: &annotations,
        perspectives: &perspectives,
        glossary: &glossary,
        channels: &channels,
    };
    Ok(Html(views::render(&IncidentPage::build(
        &user,
        &content,
        &filter,
        q.lanes_by_people(),
        views::Reading {
            perspective: reading.perspective,
            fold_threads: reading.threads.as_deref() == Some("folded"),
        },
    ))))
}

/// How the page is read, apart from the timeline's filters.
#[derive(Deserialize)]
pub struct ReadingQuery {
    /// A perspective to read on its own.
    perspective: Option<i64>,
    /// `folded` to show every thread folded.
    threads: Option<String>,
}

#[derive(Deserialize)]
pub struct AnnotationForm {
    /// The entry marked (or the first of a range); absent for a passage.
    #[serde(default)]
    entry: String,
    #[serde(default)]
    through: String,
    /// Words of the narrative, for a passage.
    #[serde(default)]
    passage: String,
    theme: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    note: String,
}

/// An entry number as people type it: `42` or `#42`.
fn entry_number(field: &str, value: &str) -> Result<i64, AppError> {
    value.trim().trim_start_matches('#').parse().map_err(|_| {
        AppError::BadRequest(format!("{field} must be an entry number, not {value:?}"))
    })
}

/// Marks a moment: a theme (or own tag) and a note on an entry, on a range of entries up to
/// `through` (an entry number), or on a passage of the narrative, which must be in its current
/// text. Then back to the page, at the new moment.
pub async fn annotate(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(slug): Path<String>,
    Form(form): Form<AnnotationForm>,
) -> Result<Redirect, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let theme: Theme = form
        .theme
        .parse()
        .map_err(|e: lore_core::ThemeError| AppError::BadRequest(e.to_string()))?;
    let on = match (form.entry.trim(), form.passage.trim()) {
        ("", "") => {
            return Err(AppError::BadRequest(
                "say what to mark: an entry, or a passage of the narrative".into(),
            ));
        }
        ("", quote) => {
            let narrative = state.store().narrative(incident.id).await?.ok_or_else(|| {
                AppError::BadRequest("this incident has no narrative to mark yet".into())
            })?;
            let html = lore_render::markdown_to_safe_html(&narrative.body);
            if lore_render::find_passage(&html, quote).is_none() {
                return Err(AppError::BadRequest(
                    "those words are not in the current narrative: copy the passage from the page as it reads"
                        .into(),
                ));
            }
            MarkedOn::Passage {
                quote: lore_render::normalise_space(quote),
                narrative_version: Some(narrative.version),
            }
        }
        (entry, _) => {
            let first = entry_number("entry", entry)?;
            let last = match form.through.trim() {
                "" => first,
                n => entry_number("\"through\"", n)?,
            };
            MarkedOn::Entries { first, last }
        }
    };
    let tag = Some(form.tag.trim().to_owned()).filter(|t| !t.is_empty());
    let new = NewAnnotation {
        incident_id: incident.id,
        on,
        theme,
        tag,
        note: form.note.trim().to_owned(),
        author: user.username.to_string(),
    };
    new.validate()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let added = match state.store().add_annotation(&new).await {
        Err(lore_store::StoreError::NotFound(_)) => {
            return Err(AppError::BadRequest(
                "that entry is not in this incident's timeline".into(),
            ));
        }
        other => other?,
    };
    tracing::info!(user = %user.username, incident = %incident.slug, theme = %added.theme, "moment marked");
    Ok(Redirect::to(&format!(
        "/incidents/{}#moment-{}",
        incident.slug, added.id
    )))
}

#[derive(Deserialize)]
pub struct MarkQuery {
    entry: String,
}

/// The form for marking a moment on one entry (linked from every entry, so the timeline
/// carries a link per entry instead of a form per entry).
pub async fn mark_form(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(slug): Path<String>,
    Query(q): Query<MarkQuery>,
) -> Result<Html<String>, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let id = entry_number("entry", &q.entry)?;
    let timeline = state.store().timeline(incident.id).await?;
    let entry = timeline
        .iter()
        .find(|e| e.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(Html(views::render(&views::MarkPage::build(
        &user, &incident, entry,
    ))))
}

/// The people of an incident's record, with the records that are one person merged (or
/// suggested for merging).
pub async fn people(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let people = state.store().people_of_incident(incident.id).await?;
    Ok(Html(views::render(&views::PeoplePage::build(
        &user, &incident, &people,
    ))))
}

#[derive(Deserialize)]
pub struct MergeForm {
    from: i64,
    #[serde(default)]
    into: Option<i64>,
    /// `unmerge` to undo the merge of `from`.
    #[serde(default)]
    action: String,
}

/// Merges two records of this incident's people (or undoes a merge). Both must be in this
/// incident's record, so that nobody merges people they cannot see.
pub async fn merge_people(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(slug): Path<String>,
    Form(form): Form<MergeForm>,
) -> Result<Redirect, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let people = state.store().people_of_incident(incident.id).await?;
    let known = |id: i64| people.iter().any(|p| p.person.id == id);
    if !known(form.from) || form.into.is_some_and(|i| !known(i)) {
        return Err(AppError::BadRequest(
            "both people must be in this incident's record".into(),
        ));
    }
    match (form.action.as_str(), form.into) {
        ("unmerge", _) => state.store().unmerge_person(form.from).await?,
        (_, Some(into)) => {
            match state.store().merge_person(form.from, into).await {
                Err(lore_store::StoreError::Invalid(why)) => return Err(AppError::BadRequest(why)),
                other => other?,
            };
        }
        (_, None) => return Err(AppError::BadRequest("say whom to merge into".into())),
    }
    tracing::info!(user = %user.username, incident = %incident.slug, from = form.from, into = ?form.into, action = %form.action, "people merged");
    Ok(Redirect::to(&format!(
        "/incidents/{}/people",
        incident.slug
    )))
}

#[derive(Deserialize)]
pub struct MomentsQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    q: String,
}

/// Moments across every incident the reader may see, by theme or own tag and by words.
pub async fn moments(
    State(state): State<AppState>,
    Reader(user): Reader,
    Query(q): Query<MomentsQuery>,
) -> Result<Html<String>, AppError> {
    let choice = match q.theme.trim() {
        "" => None,
        t => Some(crate::timeline_filter::ThemeChoice::parse(t)?),
    };
    let (theme, tag) = match &choice {
        Some(crate::timeline_filter::ThemeChoice::Theme(t)) => (Some(*t), None),
        Some(crate::timeline_filter::ThemeChoice::Tag(tag)) => (None, Some(tag.clone())),
        None => (None, None),
    };
    let text = Some(q.q.trim().to_owned()).filter(|t| !t.is_empty());
    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err(AppError::BadRequest(
            "search words are at most 200 characters".into(),
        ));
    }
    let found = state
        .store()
        .search_moments(
            &user,
            &lore_store::MomentSearch {
                theme,
                tag,
                text: text.clone(),
                limit: views::MOMENTS_SHOWN + 1,
            },
        )
        .await?;
    Ok(Html(views::render(&views::MomentsPage::build(
        &user,
        &found,
        choice.as_ref(),
        text.as_deref().unwrap_or_default(),
    ))))
}

#[derive(Deserialize)]
pub struct PerspectiveForm {
    person: String,
    #[serde(default)]
    interview: Option<String>,
    body: String,
}

/// Adds a perspective: anyone signed in may tell their story (responders their own, analysts
/// their interview write-ups); it is kept beside the others, never merged.
pub async fn add_perspective(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(slug): Path<String>,
    Form(form): Form<PerspectiveForm>,
) -> Result<Redirect, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let new = NewPerspective {
        incident_id: incident.id,
        person: form.person,
        written_by: user.username.to_string(),
        interview: form.interview.is_some(),
        body: form.body,
    };
    new.validate()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let id = state.store().add_perspective(&new).await?;
    tracing::info!(user = %user.username, incident = %incident.slug, "perspective added");
    Ok(Redirect::to(&format!(
        "/incidents/{}#perspective-{id}",
        incident.slug
    )))
}

struct Editing<'a> {
    user: &'a lore_core::Account,
    incident: &'a lore_core::Incident,
    glossary: &'a [lore_core::GlossaryTerm],
    uploaded: Option<i64>,
}

#[derive(Deserialize)]
pub struct EditQuery {
    uploaded: Option<i64>,
}

fn editor_page(
    e: &Editing<'_>,
    base: Option<i64>,
    body: String,
    preview_html: Option<String>,
    conflict: Option<views::ConflictView>,
) -> NarrativeEditPage {
    let (user, incident) = (e.user, e.incident);
    NarrativeEditPage {
        uploaded: e.uploaded,
        undefined_acronyms: lore_core::undefined_acronyms(&body, e.glossary),
        user: Some(user.into()),
        slug: incident.slug.to_string(),
        title: incident.title.clone(),
        base_version: base.map(|v| v.to_string()).unwrap_or_default(),
        save_label: format!("as version {}", base.unwrap_or(0) + 1),
        preview_html,
        body,
        conflict,
    }
}

/// Markdown rendered exactly as the incident page will show it, diagrams and all.
pub(crate) async fn preview(
    state: &AppState,
    incident: &lore_core::Incident,
    glossary: &[lore_core::GlossaryTerm],
    body: &str,
) -> Result<String, AppError> {
    let sources = state.store().sources(incident.id).await?;
    let timeline = state.store().timeline(incident.id).await?;
    let annotations = state.store().annotations(incident.id).await?;
    let channels = channel_access(state, incident.id).await?;
    let links = views::glossary_links(glossary);
    let content = IncidentContent {
        incident,
        narrative: None,
        sources: &sources,
        timeline: &timeline,
        annotations: &annotations,
        perspectives: &[],
        glossary: &links,
        channels: &channels,
    };
    Ok(views::preview_html(body, &content))
}

/// How a new narrative starts: the sections a good write-up has, to fill or delete.
const NARRATIVE_OUTLINE: &str = "## Backdrop\n\nWhat else was going on that day: launches, \
    changes, people away, the season.\n\n## What happened\n\n## What was surprising\n\n\
    ## What was hard\n\n## What people understood at the time\n\n## Still unclear\n";

pub(crate) fn check_narrative_size(body: &str) -> Result<(), AppError> {
    if body.chars().count() > 500_000 {
        return Err(AppError::BadRequest(
            "a narrative is at most 500,000 characters".into(),
        ));
    }
    Ok(())
}

/// The narrative editor, on the current version.
pub async fn edit_narrative(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(slug): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Html<String>, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let current = state.store().narrative(incident.id).await?;
    let base = current.as_ref().map(|n| n.version);
    let body = current.map_or_else(|| NARRATIVE_OUTLINE.to_owned(), |n| n.body);
    let glossary = state.store().glossary().await?;
    let editing = Editing {
        user: &user,
        incident: &incident,
        glossary: &glossary,
        uploaded: q.uploaded,
    };
    Ok(Html(views::render(&editor_page(
        &editing, base, body, None, None,
    ))))
}

#[derive(Deserialize)]
pub struct NarrativeForm {
    #[serde(default)]
    base_version: String,
    body: String,
    action: String,
}

/// Preview (a plain form round trip: nothing saved) or save. A save names the version it
/// edits; if someone saved since, it is refused with both texts shown to merge.
pub async fn save_narrative(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(slug): Path<String>,
    Form(form): Form<NarrativeForm>,
) -> Result<Response, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let base = match form.base_version.trim() {
        "" => None,
        v => Some(v.parse::<i64>().map_err(|_| {
            AppError::BadRequest(format!("base_version must be a number, not {v:?}"))
        })?),
    };
    check_narrative_size(&form.body)?;
    let body = form.body.replace("\r\n", "\n");
    let glossary = state.store().glossary().await?;
    let editing = Editing {
        user: &user,
        incident: &incident,
        glossary: &glossary,
        uploaded: None,
    };
    match form.action.as_str() {
        "preview" => {
            let html = preview(&state, &incident, &glossary, &body).await?;
            Ok(Html(views::render(&editor_page(
                &editing,
                base,
                body,
                Some(html),
                None,
            )))
            .into_response())
        }
        "save" => {
            match state
                .store()
                .save_narrative(incident.id, base, &body, user.username.as_str())
                .await
            {
                Ok(saved) => {
                    tracing::info!(user = %user.username, incident = %incident.slug, version = saved.version, "narrative saved");
                    Ok(
                        Redirect::to(&format!("/incidents/{}#narrative", incident.slug))
                            .into_response(),
                    )
                }
                Err(lore_store::StoreError::Conflict(current)) => {
                    let current = *current;
                    let conflict = views::ConflictView {
                        base_label: base.map_or_else(
                            || "a new narrative".to_owned(),
                            |v| format!("version {v}"),
                        ),
                        current_label: current.as_ref().map_or_else(
                            || "the narrative changed".to_owned(),
                            |n| {
                                format!(
                                    "version {} was saved by {} at {}",
                                    n.version,
                                    n.author.as_deref().unwrap_or("someone"),
                                    views::utc_text(n.created_at)
                                )
                            },
                        ),
                        their_body: current.as_ref().map(|n| n.body.clone()).unwrap_or_default(),
                    };
                    let page = editor_page(
                        &editing,
                        current.as_ref().map(|n| n.version),
                        body,
                        None,
                        Some(conflict),
                    );
                    Ok((StatusCode::CONFLICT, Html(views::render(&page))).into_response())
                }
                Err(e) => Err(e.into()),
            }
        }
        other => Err(AppError::BadRequest(format!("unknown action {other:?}"))),
    }
}

#[derive(Deserialize)]
pub struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// Every version, and the line differences between any two.
pub async fn narrative_history(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(slug): Path<String>,
    Query(q): Query<DiffQuery>,
) -> Result<Html<String>, AppError> {
    let incident = visible_incident(&state, &user, &slug).await?;
    let versions = state.store().narrative_versions(incident.id).await?;
    let newest = versions.first().map_or(0, |n| n.version);
    let to = q.to.unwrap_or(newest);
    let from = q.from.unwrap_or((to - 1).max(1));
    let body_of = |v: i64| {
        versions
            .iter()
            .find(|n| n.version == v)
            .map(|n| n.body.as_str())
    };
    let diff = match (
        q.from.is_some() || q.to.is_some(),
        body_of(from),
        body_of(to),
    ) {
        (true, Some(a), Some(b)) => lore_render::diff_lines(a, b)
            .into_iter()
            .map(|l| views::DiffLineView {
                op: l.op.as_str(),
                text: l.text,
            })
            .collect(),
        (true, _, _) => return Err(AppError::NotFound),
        _ => Vec::new(),
    };
    Ok(Html(views::render(&NarrativeHistoryPage {
        user: Some((&user).into()),
        slug: incident.slug.to_string(),
        title: incident.title.clone(),
        versions: versions
            .iter()
            .map(|n| views::VersionRow {
                version: n.version,
                author: n.author.clone().unwrap_or_else(|| "unknown".into()),
                saved: views::utc_text(n.created_at),
                lines: n.body.lines().count(),
            })
            .collect(),
        from,
        to,
        diff,
    })))
}

/// The glossary: every term, where it is used, and (for analysts) a form to add one.
pub async fn glossary(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let terms = state.store().glossary().await?;
    let incidents = state.store().incidents_visible_to(&user).await?;
    // The words each visible incident's write-up uses: summary, narrative and perspectives.
    let mut texts: Vec<(String, String, String)> = Vec::new();
    for i in &incidents {
        let mut text = i.summary.clone();
        if let Some(n) = state.store().narrative(i.id).await? {
            text.push('\n');
            text.push_str(&n.body);
        }
        for p in state.store().perspectives(i.id).await? {
            text.push('\n');
            text.push_str(&p.body);
        }
        texts.push((i.slug.to_string(), i.title.clone(), text));
    }
    let views = terms
        .iter()
        .map(|t| views::TermView {
            anchor: t.anchor(),
            term: t.term.clone(),
            aliases: t.aliases.join(", "),
            definition_html: lore_render::markdown_to_safe_html(&t.definition),
            link: t.link.clone(),
            used_in: texts
                .iter()
                .filter(|(_, _, text)| {
                    t.spellings()
                        .any(|s| lore_core::find_word(text, s).is_some())
                })
                .map(|(slug, title, _)| (slug.clone(), title.clone()))
                .collect(),
        })
        .collect();
    Ok(Html(views::render(&views::GlossaryPage {
        user: Some((&user).into()),
        terms: views,
        can_edit: user.role.allows(Role::Analyst),
    })))
}

#[derive(Deserialize)]
pub struct TermForm {
    term: String,
    #[serde(default)]
    aliases: String,
    definition: String,
    #[serde(default)]
    link: String,
}

pub async fn add_term(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Form(form): Form<TermForm>,
) -> Result<Redirect, AppError> {
    let new = lore_core::NewGlossaryTerm {
        term: form.term.trim().to_owned(),
        aliases: form
            .aliases
            .split(',')
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect(),
        definition: form.definition,
        link: Some(form.link.trim().to_owned()).filter(|l| !l.is_empty()),
        created_by: user.username.to_string(),
    };
    new.validate()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    match state.store().add_glossary_term(&new).await {
        Err(lore_store::StoreError::AlreadyExists(what)) => {
            return Err(AppError::BadRequest(format!("{what} already exists")));
        }
        other => other?,
    }
    let anchor = format!("term-{}", Slug::derive(&new.term));
    Ok(Redirect::to(&format!("/glossary#{anchor}")))
}

/// The timeline diagram as a standalone SVG file, for download and for slides.
pub async fn diagram_svg(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(slug): Path<String>,
    Query(q): Query<TimelineQuery>,
) -> Result<Response, AppError> {
    let mut filter = TimelineFilter::from_query(&q)?;
    let incident = visible_incident(&state, &user, &slug).await?;
    let sources = state.store().sources(incident.id).await?;
    let timeline = state.store().timeline(incident.id).await?;
    let annotations = state.store().annotations(incident.id).await?;
    let channels = channel_access(&state, incident.id).await?;
    filter.narrow_to_marks(&annotations, &timeline);
    filter.narrow_to_channels(&channels);
    let content = IncidentContent {
        incident: &incident,
        narrative: None,
        sources: &sources,
        timeline: &timeline,
        annotations: &annotations,
        perspectives: &[],
        glossary: &[],
        channels: &channels,
    };
    let svg = lore_render::timeline_svg(&views::diagram(&content, &filter, q.lanes_by_people()));
    let disposition = format!("attachment; filename=\"{}-timeline.svg\"", incident.slug);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "image/svg+xml; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        svg,
    )
        .into_response())
}

/// Who was in which of the incident's channels, and since when: what "seen by" needs.
pub(crate) async fn channel_access(
    state: &AppState,
    incident_id: i64,
) -> lore_store::Result<crate::timeline_filter::ChannelAccess> {
    let (channels, joins) = tokio::try_join!(
        state.store().channels_by_person(incident_id),
        state.store().channel_joins(incident_id),
    )?;
    Ok(crate::timeline_filter::ChannelAccess { channels, joins })
}

/// The incident with this slug, if this person may see it: restricted incidents are
/// invisible, not forbidden, to those without access.
pub(crate) async fn visible_incident(
    state: &AppState,
    user: &lore_core::Account,
    slug: &str,
) -> Result<lore_core::Incident, AppError> {
    let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
    let incident = state
        .store()
        .incident_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if state.store().can_read(&incident, user).await? {
        Ok(incident)
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// Only paths on this site: `//evil.example` and `https://…` would make sign-in an open
/// redirect.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

pub async fn login_form(
    session: Session,
    State(state): State<AppState>,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let next = safe_next(q.next.as_deref());
    if auth::current_account(&session, &state).await?.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(Html(views::render(&LoginPage {
        user: None,
        next,
        username: String::new(),
        error: None,
    }))
    .into_response())
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

pub async fn login(
    session: Session,
    State(state): State<AppState>,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_next(form.next.as_deref());
    let found = match Username::parse(form.username.trim()) {
        Ok(name) => state.store().account_by_username(name.as_str()).await?,
        Err(_) => None,
    };
    let hash = found
        .as_ref()
        .map_or(auth::DUMMY_HASH, |f| f.password_hash.as_str());
    let password_ok = auth::verify_password(&form.password, hash).await;
    match found {
        Some(f) if password_ok => {
            auth::begin_session(&session, &f.account).await?;
            tracing::info!(user = %f.account.username, "signed in");
            Ok(Redirect::to(&next).into_response())
        }
        _ => {
            tracing::info!(user = form.username.trim(), "sign-in refused");
            let page = LoginPage {
                user: None,
                next,
                username: form.username,
                error: Some("Wrong username or password.".into()),
            };
            Ok((StatusCode::UNAUTHORIZED, Html(views::render(&page))).into_response())
        }
    }
}

pub async fn logout(session: Session) -> Result<Redirect, AppError> {
    auth::end_session(&session).await?;
    Ok(Redirect::to("/login"))
}

async fn users_page(
    state: &AppState,
    admin: &lore_core::Account,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    let accounts = state.store().list_accounts().await?;
    Ok(Html(views::render(&UsersPage {
        user: Some(admin.into()),
        accounts: accounts
            .iter()
            .map(|a| AccountRow {
                username: a.username.to_string(),
                role: a.role.as_str(),
                created: views::utc_text(a.created_at),
            })
            .collect(),
        roles: Role::ALL.map(Role::as_str),
        notice,
    })))
}

pub async fn users(
    State(state): State<AppState>,
    Admin(admin): Admin,
) -> Result<Html<String>, AppError> {
    users_page(&state, &admin, None).await
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(username): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Html<String>, AppError> {
    let username = Username::parse(&username).map_err(|_| AppError::NotFound)?;
    let role: Role = form
        .role
        .parse()
        .map_err(|e: lore_core::RoleError| AppError::BadRequest(e.to_string()))?;
    let changed = match state.store().set_role(&username, role).await {
        Err(lore_store::StoreError::NotFound(_)) => return Err(AppError::NotFound),
        other => other?,
    };
    tracing::info!(by = %admin.username, user = %changed.username, role = %changed.role, "role changed");
    let notice = format!("{} is now {}.", changed.username, changed.role);
    users_page(&state, &admin, Some(notice)).await
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn sign_in_never_redirects_off_site() {
        assert_eq!(
            safe_next(Some("/incidents/x?noise=show")),
            "/incidents/x?noise=show"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
