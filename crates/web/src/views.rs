//! What the templates print: plain structs built from domain types, with every value already
//! formatted, so templates hold no logic beyond loops and conditions. askama escapes every
//! `{{ }}` for HTML, which is what keeps imported chat text inert.

use askama::Template;
use std::collections::HashMap;

use lore_core::{
    Account, Annotation, EntryKind, GlossaryTerm, Incident, MarkedOn, Perspective, Source, Theme,
    TimelineEntry,
};
use lore_store::Narrative;

use crate::timeline_filter::{ThemeChoice, TimelineFilter, TimelineQuery};

/// Silences at least this long are marked in the timeline.
const GAP_SHOWN: time::Duration = time::Duration::minutes(15);
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// Renders a template; a rendering failure is a bug, logged, and shown as a bare message.
pub fn render(t: &impl Template) -> String {
    t.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "template failed to render");
        "Lore could not render this page.".to_owned()
    })
}

/// Percent-encodes a value for a query string.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn utc_text(t: OffsetDateTime) -> String {
    t.format(format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
    ))
    .unwrap_or_default()
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn duration_text(d: time::Duration) -> String {
    let minutes = d.whole_minutes();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The navigation bar's view of who is signed in.
pub struct UserView {
    pub username: String,
    pub role: &'static str,
    pub is_admin: bool,
}

impl From<&Account> for UserView {
    fn from(a: &Account) -> Self {
        UserView {
            username: a.username.to_string(),
            role: a.role.as_str(),
            is_admin: a.role == lore_core::Role::Admin,
        }
    }
}

pub struct IncidentCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub severity: Option<String>,
    pub when: Option<String>,
    pub when_iso: Option<String>,
    pub tags: Vec<String>,
    pub restricted: bool,
}

impl From<&Incident> for IncidentCard {
    fn from(i: &Incident) -> Self {
        let when = i.times.started_at.or(i.times.detected_at);
        IncidentCard {
            slug: i.slug.to_string(),
            title: i.title.clone(),
            summary: i.summary.clone(),
            severity: i.severity.clone(),
            when: when.map(|t| {
                t.format(format_description!("[year]-[month]-[day]"))
                    .unwrap_or_default()
            }),
            when_iso: when.map(iso),
            tags: i.tags.clone(),
            restricted: i.restricted,
        }
    }
}

#[derive(Template)]
#[template(path = "library.html")]
pub struct LibraryPage {
    pub user: Option<UserView>,
    pub incidents: Vec<IncidentCard>,
}

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

pub struct EntryView {
    pub anchor: String,
    /// The date, on the first entry of each UTC day.
    pub day: Option<String>,
    /// "47 min without entries", when the entry follows a long silence.
    pub gap_before: Option<String>,
    pub id: i64,
    /// Themes of the annotations that start at this entry, with their anchors.
    pub marks: Vec<(String, String)>,
    pub time: String,
    pub time_iso: String,
    pub time_text: String,
    pub author: String,
    pub kind: &'static str,
    pub text: String,
    pub noise: bool,
    /// For a reply whose thread is not shown: a link to what it replies to.
    pub reply_to: Option<(String, String)>,
    pub provenance: String,
    pub message_id: Option<String>,
    /// The thread under this entry, in time order (replies have none of their own).
    pub replies: Vec<EntryView>,
}

/// Everything stored about an incident that its page shows.
#[derive(Clone, Copy)]
pub struct IncidentContent<'a> {
    pub incident: &'a Incident,
    pub narrative: Option<&'a Narrative>,
    pub sources: &'a [Source],
    pub timeline: &'a [TimelineEntry],
    pub annotations: &'a [Annotation],
    pub perspectives: &'a [Perspective],
    /// Glossary terms to link in the narrative and perspectives.
    pub glossary: &'a [lore_render::GlossaryLink],
    /// The channels each person was in, for "seen by" (in timeline blocks too).
    pub channels: &'a crate::timeline_filter::ChannelAccess,
}

/// Markdown people wrote, as the page shows it: sanitised, marked passages highlighted,
/// glossary terms linked, cited entries carrying their words on hover, and
/// ```` ```lore-timeline ```` blocks drawn as diagrams (their ids starting with `diagram_ids`,
/// unique on the page). Also says which passages were highlighted.
fn prose_html(
    markdown: &str,
    content: &IncidentContent<'_>,
    by_id: &HashMap<i64, &TimelineEntry>,
    diagram_ids: &str,
    passages: &[lore_render::PassageMark],
) -> (String, Vec<bool>) {
    // Passages first: glossary links would split the text runs a passage lies in.
    let (html, highlighted) =
        lore_render::mark_passages(&lore_render::markdown_to_safe_html(markdown), passages);
    let html = lore_render::link_glossary(&html, content.glossary);
    let drawn = std::cell::Cell::new(0usize);
    let html = lore_render::embed_timeline_blocks(&html, |text| {
        let settings = lore_render::parse_block_settings(text)?;
        let q = TimelineQuery::from_settings(&settings)?;
        let mut filter = TimelineFilter::from_query(&q).map_err(|e| match e {
            crate::AppError::BadRequest(m) => m,
            other => other.to_string(),
        })?;
        filter.narrow_to_marks(content.annotations, content.timeline);
        filter.narrow_to_channels(content.channels);
        let mut d = diagram(content, &filter, q.lanes_by_people());
        if d.entries.is_empty() {
            return Err("no timeline entries fall in this slice".into());
        }
        drawn.set(drawn.get() + 1);
        d.id = format!("{diagram_ids}-{}", drawn.get());
        Ok(lore_render::timeline_svg(&d))
    });
    let html = lore_render::annotate_citations(&html, |id| {
        by_id.get(&id).map(|e| {
            let who = e.author_name.as_deref().unwrap_or("unknown");
            let text: String = e.text.chars().take(280).collect();
            format!("{who} at {} UTC: {text}", hhmmss(e.occurred_at))
        })
    });
    (html, highlighted)
}

/// A draft as the incident page will show it (the editor's preview).
pub fn preview_html(markdown: &str, content: &IncidentContent<'_>) -> String {
    let by_id: HashMap<i64, &TimelineEntry> = content.timeline.iter().map(|e| (e.id, e)).collect();
    prose_html(markdown, content, &by_id, "preview-diagram", &[]).0
}

/// The narrative as the page shows it, with the passages analysts marked highlighted. Also
/// says, per passage mark, where its passage stands in the text (`None`: no longer there) and
/// whether it could be highlighted.
fn narrative_html(
    narrative: &Narrative,
    content: &IncidentContent<'_>,
    by_id: &HashMap<i64, &TimelineEntry>,
) -> (String, HashMap<i64, Option<(usize, bool)>>) {
    let passages: Vec<(&Annotation, &str)> = content
        .annotations
        .iter()
        .filter_map(|a| match &a.on {
            MarkedOn::Passage { quote, .. } => Some((a, quote.as_str())),
            MarkedOn::Entries { .. } => None,
        })
        .collect();
    let marks: Vec<lore_render::PassageMark> = passages
        .iter()
        .map(|(a, quote)| lore_render::PassageMark {
            quote: (*quote).to_owned(),
            anchor: format!("passage-{}", a.id),
            href: format!("#moment-{}", a.id),
            theme: a.theme.as_str().to_owned(),
            label: a.label().to_owned(),
            note: a.note.clone(),
        })
        .collect();
    // The text as written, to place passages (only when there are any: it is a second render).
    let plain = if passages.is_empty() {
        String::new()
    } else {
        lore_render::markdown_to_safe_html(&narrative.body)
    };
    let (html, highlighted) =
        prose_html(&narrative.body, content, by_id, "narrative-diagram", &marks);
    let found = passages
        .iter()
        .zip(highlighted)
        .map(|((a, quote), lit)| {
            (
                a.id,
                lore_render::find_passage(&plain, quote).map(|at| (at, lit)),
            )
        })
        .collect();
    (html, found)
}

/// The glossary as links for `lore_render::link_glossary`.
pub fn glossary_links(terms: &[GlossaryTerm]) -> Vec<lore_render::GlossaryLink> {
    terms
        .iter()
        .map(|t| {
            let plain: String = t
                .definition
                .chars()
                .filter(|c| !matches!(c, '*' | '_' | '`' | '#'))
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let definition = if plain.chars().count() > 300 {
                format!("{}…", plain.chars().take(299).collect::<String>())
            } else {
                plain
            };
            lore_render::GlossaryLink {
                spellings: t.spellings().map(str::to_owned).collect(),
                href: format!("/glossary#{}", t.anchor()),
                definition,
            }
        })
        .collect()
}

pub struct TermView {
    pub anchor: String,
    pub term: String,
    pub aliases: String,
    pub definition_html: String,
    pub link: Option<String>,
    pub used_in: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "glossary.html")]
pub struct GlossaryPage {
    pub user: Option<UserView>,
    pub terms: Vec<TermView>,
    pub can_edit: bool,
}

/// A perspective as the page shows it: its Markdown already rendered safe.
pub struct PerspectiveView {
    pub id: i64,
    pub anchor: String,
    pub heading: String,
    pub byline: String,
    pub html: String,
}

/// How the reader asked to read the page, apart from the timeline's filters.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    /// The perspective to show on its own.
    pub perspective: Option<i64>,
    /// Every thread folded, to scan the timeline's first messages.
    pub fold_threads: bool,
}

/// How the perspectives are read: side by side, or one at a time with the way to the others.
pub struct PerspectiveReading {
    /// The one shown on its own, and its place ("2 of 3").
    pub alone: Option<String>,
    pub previous: Option<i64>,
    pub next: Option<i64>,
    pub total: usize,
}

#[derive(Template)]
#[template(path = "incident.html")]
pub struct IncidentPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The narrative as sanitised HTML from `lore_render`: the only HTML the templates print
    /// unescaped.
    pub narrative_html: Option<String>,
    pub narrative_meta: Option<String>,
    pub restricted: bool,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub facts: Vec<Fact>,
    pub contradictions: Vec<&'static str>,
    pub sources: Vec<SourceView>,
    pub entries: Vec<EntryView>,
    pub hidden_noise: usize,
    pub show_noise: bool,
    /// Entries after the "as known at" moment, left out.
    pub hidden_later: usize,
    /// "Seen by": the person's name, the channels they were in, and those they joined only
    /// after the "as known at" moment.
    pub seen_by: Option<(String, String, String)>,
    /// Entries in channels the "seen by" person was not in, left out.
    pub hidden_unseen: usize,
    pub seen_by_options: Vec<Choice>,
    pub known_at: Option<String>,
    pub known_at_field: String,
    /// Query strings for the noise toggle, keeping the rest of the filter.
    pub show_noise_query: String,
    pub hide_noise_query: String,
    pub filtered: bool,
    pub source_options: Vec<Choice>,
    pub person_options: Vec<Choice>,
    pub kind_options: Vec<Choice>,
    pub can_annotate: bool,
    pub narrative_version: Option<i64>,
    pub perspectives: Vec<PerspectiveView>,
    pub perspective_reading: PerspectiveReading,
    pub me: String,
    pub themes: Vec<Choice>,
    pub moments: Vec<MomentView>,
    pub theme_options: Vec<Choice>,
    /// The timeline diagram, inline SVG from `lore_render` (printed unescaped).
    pub diagram_svg: String,
    pub lanes_by_people: bool,
    /// The query string that downloads the diagram as shown.
    pub diagram_query: String,
    pub fold_threads: bool,
    /// The page as it is, with threads folded or unfolded (for the toggle).
    pub threads_toggle_query: String,
    pub has_threads: bool,
}

/// An annotation, as the Moments section lists it.
pub struct MomentView {
    pub anchor: String,
    pub theme: &'static str,
    pub label: String,
    pub note: String,
    pub author: String,
    /// Where the evidence is on the page: an entry, or the highlighted passage.
    pub evidence_anchor: String,
    pub evidence: String,
    /// For a passage of the narrative: the words marked.
    pub quote: Option<String>,
}

/// An option of a filter's select box.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl IncidentPage {
    pub fn build(
        user: &Account,
        content: &IncidentContent<'_>,
        filter: &TimelineFilter,
        lanes_by_people: bool,
        reading: Reading,
    ) -> Self {
        let one_perspective = reading.perspective;
        let IncidentContent {
            incident,
            narrative,
            sources,
            timeline,
            annotations,
            perspectives,
            glossary: _,
            channels: _,
        } = *content;
        let show_noise = filter.show_noise;
        let diagram_svg = lore_render::timeline_svg(&diagram(content, filter, lanes_by_people));
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

        let by_id: HashMap<i64, &TimelineEntry> = timeline.iter().map(|e| (e.id, e)).collect();
        let mut ranges: HashMap<i64, (OffsetDateTime, OffsetDateTime)> = HashMap::new();
        for e in timeline {
            let r = ranges
                .entry(e.source_id)
                .or_insert((e.occurred_at, e.occurred_at));
            r.0 = r.0.min(e.occurred_at);
            r.1 = r.1.max(e.occurred_at);
        }

        let selected: Vec<&TimelineEntry> = timeline.iter().filter(|e| filter.selects(e)).collect();
        let hidden_noise = if show_noise {
            0
        } else {
            selected.iter().filter(|e| e.noise).count()
        };
        let hidden_later = filter
            .known_at
            .map_or(0, |t| timeline.iter().filter(|e| e.occurred_at > t).count());
        // Entries of the moment that the person could not have seen.
        let hidden_unseen = timeline
            .iter()
            .filter(|e| filter.known_at.is_none_or(|t| e.occurred_at <= t) && !filter.seen(e))
            .count();
        let shown: Vec<&TimelineEntry> = selected
            .into_iter()
            .filter(|e| show_noise || !e.noise)
            .collect();
        let entries = thread_views(&shown, &by_id, annotations);
        let has_threads = entries.iter().any(|e| !e.replies.is_empty());
        let (narrative_html, passage_places) = match narrative {
            Some(n) => {
                let (html, places) = narrative_html(n, content, &by_id);
                (Some(html), places)
            }
            None => (None, HashMap::new()),
        };

        IncidentPage {
            user: Some(user.into()),
            slug: incident.slug.to_string(),
            title: incident.title.clone(),
            summary: incident.summary.clone(),
            narrative_html,
            narrative_meta: narrative.map(|n| {
                format!(
                    "Narrative version {}, by {}, {}",
                    n.version,
                    n.author.as_deref().unwrap_or("unknown"),
                    utc_text(n.created_at)
                )
            }),
            restricted: incident.restricted,
            services: incident.services.clone(),
            tags: incident.tags.clone(),
            facts,
            contradictions: t
                .contradictions()
                .into_iter()
                .map(|c| c.describe())
                .collect(),
            sources: sources
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
                .collect(),
            entries,
            hidden_noise,
            show_noise,
            hidden_later,
            hidden_unseen,
            seen_by: filter.seen_by.map(|p| {
                let name = timeline
                    .iter()
                    .find(|e| e.author_person_id == Some(p))
                    .and_then(|e| e.author_name.clone())
                    .unwrap_or_else(|| format!("person {p}"));
                let channels = filter.seen_channels().map_or_else(String::new, |c| {
                    c.iter()
                        .map(|c| format!("#{c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                });
                let later = filter
                    .joined_later()
                    .iter()
                    .map(|(c, at)| format!("#{c} (joined {})", utc_text(*at)))
                    .collect::<Vec<_>>()
                    .join(", ");
                (name, channels, later)
            }),
            known_at: filter.known_at.map(utc_text),
            known_at_field: filter.known_at_field(),
            show_noise_query: filter.query_with_noise(true),
            hide_noise_query: filter.query_with_noise(false),
            filtered: filter.source.is_some()
                || filter.person.is_some()
                || filter.kind.is_some()
                || filter.theme.is_some()
                || filter.from.is_some()
                || filter.to.is_some()
                || filter.seen_by.is_some()
                || filter.known_at.is_some(),
            source_options: sources
                .iter()
                .map(|s| Choice {
                    value: s.id.to_string(),
                    label: format!("{} ({})", s.file_name, s.kind),
                    selected: filter.source == Some(s.id),
                })
                .collect(),
            seen_by_options: person_choices(timeline, filter.seen_by),
            person_options: person_choices(timeline, filter.person),
            kind_options: EntryKind::ALL
                .into_iter()
                .filter(|k| timeline.iter().any(|e| e.kind == *k))
                .map(|k| Choice {
                    value: k.as_str().to_owned(),
                    label: k.as_str().to_owned(),
                    selected: filter.kind == Some(k),
                })
                .collect(),
            diagram_svg,
            lanes_by_people,
            fold_threads: reading.fold_threads,
            threads_toggle_query: {
                let q = filter.query_with_noise(show_noise);
                let mut parts: Vec<&str> = Vec::new();
                if lanes_by_people {
                    parts.push("lanes=people");
                }
                if !reading.fold_threads {
                    parts.push("threads=folded");
                }
                match (q.is_empty(), parts.is_empty()) {
                    (_, true) => q,
                    (true, false) => format!("?{}", parts.join("&")),
                    (false, false) => format!("{q}&{}", parts.join("&")),
                }
            },
            has_threads,
            diagram_query: {
                let q = filter.query_with_noise(show_noise);
                match (lanes_by_people, q.is_empty()) {
                    (false, _) => q,
                    (true, true) => "?lanes=people".to_owned(),
                    (true, false) => format!("{q}&lanes=people"),
                }
            },
            can_annotate: user.role.allows(lore_core::Role::Analyst),
            narrative_version: narrative.map(|n| n.version),
            themes: all_themes(None),
            moments: moments(annotations, &by_id, &passage_places),
            theme_options: theme_options(annotations, filter.theme.as_ref()),
            perspective_reading: {
                let at =
                    one_perspective.and_then(|id| perspectives.iter().position(|p| p.id == id));
                PerspectiveReading {
                    alone: at.map(|i| format!("{} of {}", i + 1, perspectives.len())),
                    previous: at
                        .and_then(|i| i.checked_sub(1))
                        .map(|i| perspectives[i].id),
                    next: at.and_then(|i| perspectives.get(i + 1)).map(|p| p.id),
                    total: perspectives.len(),
                }
            },
            perspectives: perspectives
                .iter()
                .filter(|p| {
                    one_perspective.is_none_or(|id| p.id == id)
                        || !perspectives.iter().any(|q| Some(q.id) == one_perspective)
                })
                .map(|p| PerspectiveView {
                    id: p.id,
                    anchor: format!("perspective-{}", p.id),
                    heading: if p.interview {
                        format!("Interview with {}", p.person)
                    } else {
                        format!("{}'s account", p.person)
                    },
                    byline: format!("Written by {}, {}", p.written_by, utc_text(p.created_at)),
                    html: prose_html(
                        &p.body,
                        content,
                        &by_id,
                        &format!("perspective-{}-diagram", p.id),
                        &[],
                    )
                    .0,
                })
                .collect(),
            me: user.username.to_string(),
        }
    }
}

/// One entry as the timeline shows it, without its thread.
fn entry_view(
    e: &TimelineEntry,
    by_id: &HashMap<i64, &TimelineEntry>,
    annotations: &[Annotation],
    reply_to_shown: bool,
) -> EntryView {
    let reply_to = e
        .thread_parent
        .filter(|_| !reply_to_shown)
        .and_then(|p| by_id.get(&p))
        .map(|p| {
            let who = p.author_name.clone().unwrap_or_else(|| "unknown".into());
            (
                format!("entry-{}", p.id),
                format!("{who} at {}", hhmmss(p.occurred_at)),
            )
        });
    let mut provenance = e.provenance.path.clone();
    if let Some(line) = e.provenance.line {
        provenance.push_str(&format!(", line {line}"));
    }
    EntryView {
        anchor: format!("entry-{}", e.id),
        day: None,
        gap_before: None,
        id: e.id,
        marks: annotations
            .iter()
            .filter(|a| a.on.first_entry() == Some(e.id))
            .map(|a| (a.label().to_owned(), format!("moment-{}", a.id)))
            .collect(),
        time: hhmmss(e.occurred_at),
        time_iso: iso(e.occurred_at),
        time_text: e.time_text.clone(),
        author: e.author_name.clone().unwrap_or_else(|| "unknown".into()),
        kind: e.kind.as_str(),
        text: e.text.clone(),
        noise: e.noise,
        reply_to,
        provenance,
        message_id: e.provenance.message_id.clone(),
        replies: Vec::new(),
    }
}

/// The shown entries as the timeline lists them: replies gathered under the entry that
/// started their thread (when that one is shown too), days and long silences marked between
/// the entries that stand on their own.
fn thread_views(
    shown: &[&TimelineEntry],
    by_id: &HashMap<i64, &TimelineEntry>,
    annotations: &[Annotation],
) -> Vec<EntryView> {
    let shown_ids: std::collections::HashSet<i64> = shown.iter().map(|e| e.id).collect();
    // The thread's first entry, following parents as far as they are shown.
    let root = |e: &TimelineEntry| -> Option<i64> {
        let mut at = e.thread_parent.filter(|p| shown_ids.contains(p))?;
        for _ in 0..64 {
            match by_id.get(&at).and_then(|p| p.thread_parent) {
                Some(up) if shown_ids.contains(&up) && up != at => at = up,
                _ => break,
            }
        }
        Some(at)
    };
    let mut replies: HashMap<i64, Vec<EntryView>> = HashMap::new();
    let mut top: Vec<&TimelineEntry> = Vec::new();
    for e in shown {
        match root(e) {
            Some(r) => replies
                .entry(r)
                .or_default()
                .push(entry_view(e, by_id, annotations, true)),
            None => top.push(e),
        }
    }
    let mut previous: Option<OffsetDateTime> = None;
    top.into_iter()
        .map(|e| {
            let mut view = entry_view(e, by_id, annotations, false);
            let date = e.occurred_at.date();
            view.day = (previous.map(|p| p.date()) != Some(date)).then(|| date.to_string());
            // Silence is part of the story: long stretches without entries are shown.
            view.gap_before = previous
                .map(|p| e.occurred_at - p)
                .filter(|gap| *gap >= GAP_SHOWN)
                .map(|gap| format!("{} without entries", duration_text(gap)));
            previous = Some(e.occurred_at);
            view.replies = replies.remove(&e.id).unwrap_or_default();
            view
        })
        .collect()
}

/// The people who wrote entries, by name, as the options of a select box.
fn person_choices(timeline: &[TimelineEntry], chosen: Option<i64>) -> Vec<Choice> {
    let mut people: Vec<(i64, String)> = timeline
        .iter()
        .filter_map(|e| Some((e.author_person_id?, e.author_name.clone()?)))
        .collect();
    people.sort_by(|a, b| {
        a.1.to_lowercase()
            .cmp(&b.1.to_lowercase())
            .then(a.0.cmp(&b.0))
    });
    people.dedup();
    people
        .into_iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
            selected: chosen == Some(id),
        })
        .collect()
}

/// The theme filter's options: the themes and own tags marked in this incident.
fn theme_options(annotations: &[Annotation], chosen: Option<&ThemeChoice>) -> Vec<Choice> {
    let mut options: Vec<(ThemeChoice, String)> = Vec::new();
    for a in annotations {
        let choice = match (&a.theme, &a.tag) {
            (Theme::Custom, Some(tag)) => ThemeChoice::Tag(tag.clone()),
            (theme, _) => ThemeChoice::Theme(*theme),
        };
        if !options
            .iter()
            .any(|(c, _)| c.value().eq_ignore_ascii_case(&choice.value()))
        {
            options.push((choice, a.label().to_owned()));
        }
    }
    options.sort_by_key(|(_, label)| label.to_lowercase());
    options
        .into_iter()
        .map(|(c, label)| Choice {
            selected: chosen.is_some_and(|chosen| chosen.value().eq_ignore_ascii_case(&c.value())),
            value: c.value(),
            label,
        })
        .collect()
}

/// Moments on the timeline in the order they happened, then passages of the narrative in the
/// order they are read (those no longer in the narrative last).
fn moments(
    annotations: &[Annotation],
    by_id: &HashMap<i64, &TimelineEntry>,
    passage_places: &HashMap<i64, Option<(usize, bool)>>,
) -> Vec<MomentView> {
    let mut on_timeline: Vec<(OffsetDateTime, i64, MomentView)> = Vec::new();
    let mut in_narrative: Vec<(usize, i64, MomentView)> = Vec::new();
    for a in annotations {
        let view = |evidence_anchor: String, evidence: String, quote: Option<String>| MomentView {
            anchor: format!("moment-{}", a.id),
            theme: a.theme.as_str(),
            label: a.label().to_owned(),
            note: a.note.clone(),
            author: a.author.clone(),
            evidence_anchor,
            evidence,
            quote,
        };
        match &a.on {
            MarkedOn::Entries { first, last } => {
                let Some(first) = by_id.get(first) else {
                    continue;
                };
                let who = first.author_name.as_deref().unwrap_or("unknown");
                let mut evidence = format!("{who} at {} UTC", hhmmss(first.occurred_at));
                if last != &first.id
                    && let Some(last) = by_id.get(last)
                {
                    evidence.push_str(&format!(" to {} UTC", hhmmss(last.occurred_at)));
                }
                on_timeline.push((
                    first.occurred_at,
                    a.id,
                    view(format!("entry-{}", first.id), evidence, None),
                ));
            }
            MarkedOn::Passage {
                quote,
                narrative_version,
            } => {
                let place = passage_places.get(&a.id).copied().flatten();
                let (anchor, evidence) = match place {
                    Some((_, true)) => (format!("passage-{}", a.id), "in the narrative".to_owned()),
                    Some((_, false)) => ("narrative".to_owned(), "in the narrative".to_owned()),
                    None => (
                        "narrative".to_owned(),
                        match narrative_version {
                            Some(v) => format!("in narrative version {v}, no longer in the text"),
                            None => "no longer in the narrative".to_owned(),
                        },
                    ),
                };
                in_narrative.push((
                    place.map_or(usize::MAX, |(at, _)| at),
                    a.id,
                    view(anchor, evidence, Some(quote.clone())),
                ));
            }
        }
    }
    on_timeline.sort_by_key(|(t, id, _)| (*t, *id));
    in_narrative.sort_by_key(|(at, id, _)| (*at, *id));
    on_timeline
        .into_iter()
        .map(|(_, _, m)| m)
        .chain(in_narrative.into_iter().map(|(_, _, m)| m))
        .collect()
}

/// The diagram of the entries a filter selects (noise left out unless shown), one lane per
/// source or per person.
pub fn diagram(
    content: &IncidentContent<'_>,
    filter: &TimelineFilter,
    lanes_by_people: bool,
) -> lore_render::TimelineDiagram {
    let (incident, sources, timeline) = (content.incident, content.sources, content.timeline);
    let shown: Vec<&TimelineEntry> = timeline
        .iter()
        .filter(|e| filter.selects(e) && (filter.show_noise || !e.noise))
        .collect();
    let mut lanes: Vec<(Option<i64>, String)> = Vec::new();
    let lane_key = |e: &TimelineEntry| -> (Option<i64>, String) {
        if lanes_by_people {
            (
                e.author_person_id,
                e.author_name.clone().unwrap_or_else(|| "unknown".into()),
            )
        } else {
            let file = sources
                .iter()
                .find(|s| s.id == e.source_id)
                .map_or_else(|| "unknown source".to_owned(), |s| s.file_name.clone());
            (Some(e.source_id), file)
        }
    };
    let mut entries = Vec::with_capacity(shown.len());
    for e in shown {
        let key = lane_key(e);
        let lane = match lanes.iter().position(|l| l.0 == key.0) {
            Some(i) => i,
            None => {
                lanes.push(key);
                lanes.len() - 1
            }
        };
        let who = e.author_name.as_deref().unwrap_or("unknown");
        entries.push(lore_render::DiagramEntry {
            lane,
            at: e.occurred_at,
            kind: e.kind.as_str().to_owned(),
            entry_id: e.id,
            summary: format!("{who}: {}", e.text),
        });
    }
    lore_render::TimelineDiagram {
        id: "lore-diagram".into(),
        title: format!(
            "{}: timeline by {}",
            incident.title,
            if lanes_by_people { "person" } else { "source" }
        ),
        lanes: lanes
            .into_iter()
            .map(|(_, label)| lore_render::Lane { label })
            .collect(),
        // Moments whose first entry is on the diagram.
        moments: content
            .annotations
            .iter()
            .filter_map(|a| {
                let first_id = a.on.first_entry()?;
                let first = entries.iter().find(|e| e.entry_id == first_id)?;
                let mut label = a.label().to_owned();
                if !a.note.is_empty() {
                    label.push_str(": ");
                    label.push_str(&a.note);
                }
                Some(lore_render::DiagramMoment {
                    at: first.at,
                    theme: a.theme.as_str().to_owned(),
                    label,
                    moment_id: a.id,
                })
            })
            .collect(),
        entries,
    }
}

fn hhmmss(t: OffsetDateTime) -> String {
    t.format(format_description!("[hour]:[minute]:[second]"))
        .unwrap_or_default()
}

/// The choices of the theme select box: every theme, the chosen one selected.
fn all_themes(chosen: Option<&ThemeChoice>) -> Vec<Choice> {
    Theme::ALL
        .into_iter()
        .map(|t| Choice {
            value: t.as_str().to_owned(),
            label: t.label().to_owned(),
            selected: chosen == Some(&ThemeChoice::Theme(t)),
        })
        .collect()
}

/// The form for marking a moment on one entry.
#[derive(Template)]
#[template(path = "mark.html")]
pub struct MarkPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub entry_id: i64,
    pub who: String,
    pub when: String,
    pub text: String,
    pub themes: Vec<Choice>,
}

impl MarkPage {
    pub fn build(user: &Account, incident: &Incident, entry: &TimelineEntry) -> Self {
        MarkPage {
            user: Some(user.into()),
            slug: incident.slug.to_string(),
            title: incident.title.clone(),
            entry_id: entry.id,
            who: entry
                .author_name
                .clone()
                .unwrap_or_else(|| "unknown".into()),
            when: utc_text(entry.occurred_at),
            text: entry.text.clone(),
            themes: all_themes(None),
        }
    }
}

/// How many moments the search page lists.
pub const MOMENTS_SHOWN: i64 = 200;

/// A moment found across incidents.
pub struct FoundMomentView {
    pub theme: &'static str,
    pub label: String,
    pub note: String,
    pub author: String,
    pub slug: String,
    pub incident_title: String,
    pub anchor: String,
    /// What was marked: the entry's words with who and when, or the passage.
    pub evidence: String,
}

#[derive(Template)]
#[template(path = "moments.html")]
pub struct MomentsPage {
    pub user: Option<UserView>,
    pub themes: Vec<Choice>,
    pub text: String,
    pub searched: bool,
    pub found: Vec<FoundMomentView>,
    pub more: bool,
}

impl MomentsPage {
    pub fn build(
        user: &Account,
        found: &[lore_store::FoundMoment],
        chosen: Option<&ThemeChoice>,
        text: &str,
    ) -> Self {
        let mut themes = all_themes(chosen);
        // An own tag asked for by link (`theme=tag:…`) stays chosen in the form.
        if let Some(ThemeChoice::Tag(tag)) = chosen {
            themes.push(Choice {
                value: format!("tag:{tag}"),
                label: format!("Own tag: {tag}"),
                selected: true,
            });
        }
        let shown = found.len().min(MOMENTS_SHOWN as usize);
        MomentsPage {
            user: Some(user.into()),
            themes,
            text: text.to_owned(),
            searched: chosen.is_some() || !text.is_empty(),
            more: found.len() > shown,
            found: found[..shown]
                .iter()
                .map(|f| {
                    let a = &f.annotation;
                    let evidence = match (&a.on, &f.evidence) {
                        (MarkedOn::Passage { quote, .. }, _) => {
                            format!("In the narrative: “{quote}”")
                        }
                        (MarkedOn::Entries { .. }, Some((at, who, body))) => {
                            let words: String = body.chars().take(280).collect();
                            format!(
                                "{} at {}: {words}",
                                who.as_deref().unwrap_or("unknown"),
                                utc_text(*at)
                            )
                        }
                        (MarkedOn::Entries { .. }, None) => "an entry".to_owned(),
                    };
                    FoundMomentView {
                        theme: a.theme.as_str(),
                        label: a.label().to_owned(),
                        note: a.note.clone(),
                        author: a.author.clone(),
                        slug: f.incident_slug.clone(),
                        incident_title: f.incident_title.clone(),
                        anchor: format!("moment-{}", a.id),
                        evidence,
                    }
                })
                .collect(),
        }
    }
}

/// One person as the People page shows them: the record that stands for them, and the other
/// records merged into it.
pub struct PersonView {
    pub id: i64,
    pub name: String,
    pub handles: String,
    pub entries: i64,
    /// Records merged into this one: id, name, handles, entries.
    pub merged: Vec<(i64, String, String, i64)>,
}

pub struct SuggestionView {
    pub from: i64,
    pub from_name: String,
    pub into: i64,
    pub into_name: String,
    pub reason: &'static str,
}

#[derive(Template)]
#[template(path = "people.html")]
pub struct PeoplePage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub people: Vec<PersonView>,
    pub suggestions: Vec<SuggestionView>,
    pub can_merge: bool,
    /// Every standing person, for the manual merge form.
    pub choices: Vec<Choice>,
}

impl PeoplePage {
    pub fn build(
        user: &Account,
        incident: &Incident,
        people: &[lore_store::PersonInIncident],
    ) -> Self {
        let handles = |p: &lore_core::Person| {
            p.handles
                .iter()
                .map(|h| format!("{} {}", h.source_kind, h.handle))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let standing: Vec<&lore_store::PersonInIncident> = people
            .iter()
            .filter(|p| p.person.merged_into.is_none())
            .collect();
        let mut views: Vec<PersonView> = standing
            .iter()
            .map(|p| {
                let merged: Vec<(i64, String, String, i64)> = people
                    .iter()
                    .filter(|m| m.person.merged_into == Some(p.person.id))
                    .map(|m| {
                        (
                            m.person.id,
                            m.person.display_name.clone(),
                            handles(&m.person),
                            m.entries,
                        )
                    })
                    .collect();
                PersonView {
                    id: p.person.id,
                    name: p.person.display_name.clone(),
                    handles: handles(&p.person),
                    entries: p.entries + merged.iter().map(|m| m.3).sum::<i64>(),
                    merged,
                }
            })
            .collect();
        views.sort_by(|a, b| {
            b.entries
                .cmp(&a.entries)
                .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let all: Vec<lore_core::Person> = people.iter().map(|p| p.person.clone()).collect();
        let name = |id: i64| {
            all.iter()
                .find(|p| p.id == id)
                .map_or_else(String::new, |p| p.display_name.clone())
        };
        PeoplePage {
            user: Some(user.into()),
            slug: incident.slug.to_string(),
            title: incident.title.clone(),
            suggestions: lore_core::merge_suggestions(&all)
                .into_iter()
                .map(|s| SuggestionView {
                    from_name: name(s.from),
                    into_name: name(s.into),
                    from: s.from,
                    into: s.into,
                    reason: s.reason,
                })
                .collect(),
            choices: views
                .iter()
                .map(|v| Choice {
                    value: v.id.to_string(),
                    label: format!("{} ({})", v.name, v.handles),
                    selected: false,
                })
                .collect(),
            people: views,
            can_merge: user.role.allows(lore_core::Role::Analyst),
        }
    }
}

/// What the editor says when a save was refused.
pub struct ConflictView {
    pub base_label: String,
    pub current_label: String,
    pub their_body: String,
}

#[derive(Template)]
#[template(path = "narrative_edit.html")]
pub struct NarrativeEditPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    /// The version this edit builds on; empty when there is none yet.
    pub base_version: String,
    pub save_label: String,
    pub body: String,
    pub preview_html: Option<String>,
    pub conflict: Option<ConflictView>,
    /// Acronyms the text uses that the glossary does not define.
    pub undefined_acronyms: Vec<String>,
    /// The id of an image just uploaded, to show how to use it.
    pub uploaded: Option<i64>,
}

pub struct VersionRow {
    pub version: i64,
    pub author: String,
    pub saved: String,
    pub lines: usize,
}

pub struct DiffLineView {
    pub op: &'static str,
    pub text: String,
}

#[derive(Template)]
#[template(path = "narrative_history.html")]
pub struct NarrativeHistoryPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub versions: Vec<VersionRow>,
    pub from: i64,
    pub to: i64,
    pub diff: Vec<DiffLineView>,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub user: Option<UserView>,
    pub next: String,
    pub username: String,
    pub error: Option<String>,
}

pub struct AccountRow {
    pub username: String,
    pub role: &'static str,
    pub created: String,
}

#[derive(Template)]
#[template(path = "users.html")]
pub struct UsersPage {
    pub user: Option<UserView>,
    pub accounts: Vec<AccountRow>,
    pub roles: [&'static str; 3],
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    /// Always `None`: error pages may be rendered before anyone is known.
    pub user: Option<UserView>,
    pub title: &'a str,
    pub message: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(url_encode("/incidents/a?b=c&d"), "/incidents/a%3Fb%3Dc%26d");
        assert_eq!(url_encode("ü"), "%C3%BC");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(time::Duration::minutes(45)), "45 min");
        assert_eq!(duration_text(time::Duration::minutes(120)), "2 h");
        assert_eq!(duration_text(time::Duration::minutes(229)), "3 h 49 min");
    }
}
