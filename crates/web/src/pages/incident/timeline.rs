//! The incident page's Timeline section: the diagram, the filter form, what the slice leaves
//! out ("as known at", "as seen by", noise), and one window of the entries with their threads,
//! with the way to earlier and later windows and a time to jump to. Every link here is the
//! page's [`TimelineQuery`] with one thing changed.

use std::collections::{HashMap, HashSet};

use lore_core::{Annotation, EntryKind, Theme, TimelineEntry};
use lore_render::SafeHtml;
use time::OffsetDateTime;

use super::window::WindowedTimeline;
use crate::format::{duration_text, hhmmss, iso, url_encode, utc_text};
use crate::incident_access::IncidentRecord;
use crate::pages::Choice;
use crate::timeline_filter::TimelineFilter;
use crate::timeline_query::{Lanes, ThemeChoice, TimelineQuery};
use crate::timeline_window::{WindowAt, with_params};

/// Silences at least this long are marked in the timeline.
const GAP_SHOWN: time::Duration = time::Duration::minutes(15);
/// How far up a thread the page follows parents to find its first message.
const THREAD_DEPTH: usize = 64;

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
    /// For a reply whose thread is not shown: a link to what it replies to (its anchor on
    /// this page, or its permalink when another window holds it) and who said it when.
    pub reply_to: Option<(String, String)>,
    /// A reply to a message this incident does not hold (its thread began before the export).
    pub reply_elsewhere: bool,
    pub provenance: String,
    pub message_id: Option<String>,
    /// The thread under this entry, in time order (replies have none of their own).
    pub replies: Vec<EntryView>,
}

/// "As seen by" a person: their name, the channels they were in, and those they joined only
/// after the "as known at" moment.
pub struct SeenByView {
    pub name: String,
    pub channels: String,
    pub joined_later: String,
}

/// The filter form: its select boxes, its time fields, and the way of reading it carries
/// along as hidden fields.
pub struct FilterForm {
    pub sources: Vec<Choice>,
    pub people: Vec<Choice>,
    pub kinds: Vec<Choice>,
    /// The themes and own tags marked in this incident.
    pub themes: Vec<Choice>,
    pub seen_by: Vec<Choice>,
    pub known_at: String,
    pub from: String,
    pub to: String,
    /// Carried as they are: noise shown, lanes by people, threads folded, the perspective.
    pub hidden: Vec<(&'static str, String)>,
    /// Whether anything narrows the timeline, and the page without it.
    pub filtered: bool,
    pub clear_query: String,
    /// The time the window was asked around (to jump to another).
    pub around: String,
    /// The window's size, when not the default.
    pub per: Option<u32>,
}

/// The way between windows: each link the page with the reader's query and window size.
pub struct WindowNav {
    /// The slice has more entries than this window shows.
    pub windowed: bool,
    pub first: Option<String>,
    pub earlier: Option<String>,
    pub later: Option<String>,
    pub last: Option<String>,
    /// The window's first and last times (UTC).
    pub from: String,
    pub to: String,
}

pub struct TimelineSection {
    pub diagram_svg: SafeHtml,
    /// The diagram counts entries per stretch instead of a dot each.
    pub dense: bool,
    pub lanes_by_people: bool,
    /// The page with the diagram's lanes the other way.
    pub lanes_toggle_query: String,
    /// The query that downloads the diagram as shown.
    pub diagram_query: String,
    pub form: FilterForm,
    pub known_at: Option<String>,
    /// Entries after the "as known at" moment, left out.
    pub hidden_later: u64,
    pub seen_by: Option<SeenByView>,
    /// Entries in channels the "seen by" person was not in, left out.
    pub hidden_unseen: u64,
    /// Entries the slice shows, in every window (exact).
    pub total: u64,
    pub nav: WindowNav,
    pub entries: Vec<EntryView>,
    pub show_noise: bool,
    pub hidden_noise: u64,
    pub noise_toggle_query: String,
    pub has_threads: bool,
    pub fold_threads: bool,
    pub threads_toggle_query: String,
}

impl TimelineSection {
    pub fn build(record: &IncidentRecord, query: &TimelineQuery, read: &WindowedTimeline) -> Self {
        let slug = record.incident.slug.as_str();
        let filter = TimelineFilter::new(query, &record.annotations, &[], &read.access);
        let shown: Vec<&TimelineEntry> = read.window.entries.iter().collect();
        let by_id: HashMap<i64, &TimelineEntry> = read
            .window
            .entries
            .iter()
            .chain(&read.parents)
            .map(|e| (e.id, e))
            .collect();
        let entries = thread_views(slug, &shown, &by_id, &record.annotations);
        let link = |change: fn(&mut TimelineQuery)| query.with(change).to_query();
        let people = people_choices(read);
        TimelineSection {
            diagram_svg: lore_render::timeline_svg(&read.diagram),
            dense: !read.diagram.density.is_empty(),
            lanes_by_people: query.lanes_by_people(),
            lanes_toggle_query: link(|q| {
                q.lanes = match q.lanes {
                    Lanes::Sources => Lanes::People,
                    Lanes::People => Lanes::Sources,
                }
            }),
            diagram_query: query.to_query(),
            form: filter_form(record, query, read, &people),
            known_at: query.known_at.map(utc_text),
            hidden_later: read.counts.hidden_later,
            seen_by: query.seen_by.map(|p| seen_by_view(p, &people, &filter)),
            hidden_unseen: read.counts.hidden_unseen,
            total: read.counts.shown,
            nav: nav(slug, query, read),
            has_threads: entries.iter().any(|e| !e.replies.is_empty()),
            entries,
            show_noise: query.show_noise,
            hidden_noise: read.counts.hidden_noise,
            noise_toggle_query: link(|q| q.show_noise = !q.show_noise),
            fold_threads: query.fold_threads,
            threads_toggle_query: link(|q| q.fold_threads = !q.fold_threads),
        }
    }
}

/// Links to the first, earlier, later and last windows, keeping the query and the size.
fn nav(slug: &str, query: &TimelineQuery, read: &WindowedTimeline) -> WindowNav {
    let base = query.to_query();
    let size = read.at.size_param();
    let href = |place: Option<String>| {
        let params: Vec<String> = place.into_iter().chain(size.clone()).collect();
        format!(
            "/incidents/{slug}{}#timeline-heading",
            with_params(&base, &params)
        )
    };
    let entries = &read.window.entries;
    let (first, last) = (entries.first(), entries.last());
    let at_start = read.at.at == WindowAt::Start;
    WindowNav {
        windowed: read.windowed() || read.at.at != WindowAt::Start,
        first: (read.window.earlier || (first.is_none() && !at_start)).then(|| href(None)),
        earlier: first
            .filter(|_| read.window.earlier)
            .map(|e| href(Some(format!("before={}", e.id)))),
        later: last
            .filter(|_| read.window.later)
            .map(|e| href(Some(format!("after={}", e.id)))),
        last: (read.window.later || (last.is_none() && read.counts.shown > 0))
            .then(|| href(Some("last=1".into()))),
        from: first.map(|e| utc_text(e.occurred_at)).unwrap_or_default(),
        to: last.map(|e| utc_text(e.occurred_at)).unwrap_or_default(),
    }
}

/// The people who wrote entries, as merged, by name: the filter form's choices.
fn people_choices(read: &WindowedTimeline) -> Vec<(i64, String)> {
    let mut people: Vec<(i64, String)> = read
        .facets
        .0
        .iter()
        .filter_map(|f| read.people.get(&f.author?).cloned())
        .collect();
    people.sort_by(|a, b| {
        a.1.to_lowercase()
            .cmp(&b.1.to_lowercase())
            .then(a.0.cmp(&b.0))
    });
    people.dedup();
    people
}

fn seen_by_view(person: i64, people: &[(i64, String)], filter: &TimelineFilter) -> SeenByView {
    let name = people
        .iter()
        .find(|(p, _)| *p == person)
        .map_or_else(|| format!("person {person}"), |(_, name)| name.clone());
    let channels = filter.seen_channels().map_or_else(String::new, |c| {
        c.iter()
            .map(|c| format!("#{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let joined_later = filter
        .joined_later()
        .iter()
        .map(|(c, at)| format!("#{c} (joined {})", utc_text(*at)))
        .collect::<Vec<_>>()
        .join(", ");
    SeenByView {
        name,
        channels,
        joined_later,
    }
}

fn filter_form(
    record: &IncidentRecord,
    query: &TimelineQuery,
    read: &WindowedTimeline,
    people: &[(i64, String)],
) -> FilterForm {
    let mut hidden = Vec::new();
    if query.show_noise {
        hidden.push(("noise", "show".to_owned()));
    }
    if query.lanes_by_people() {
        hidden.push(("lanes", "people".to_owned()));
    }
    if query.fold_threads {
        hidden.push(("threads", "folded".to_owned()));
    }
    if let Some(p) = query.perspective {
        hidden.push(("perspective", p.to_string()));
    }
    FilterForm {
        sources: record
            .sources
            .iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                label: format!("{} ({})", s.file_name, s.kind),
                selected: query.source == Some(s.id),
            })
            .collect(),
        people: person_choices(people, query.person),
        kinds: EntryKind::ALL
            .into_iter()
            .filter(|k| read.facets.0.iter().any(|f| f.kind == *k))
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                label: k.as_str().to_owned(),
                selected: query.kind == Some(k),
            })
            .collect(),
        themes: theme_options(&record.annotations, query.theme.as_ref()),
        seen_by: person_choices(people, query.seen_by),
        known_at: TimelineQuery::field_value(query.known_at),
        from: TimelineQuery::field_value(query.from),
        to: TimelineQuery::field_value(query.to),
        hidden,
        filtered: query.is_filtered(),
        clear_query: query.without_filters().to_query(),
        around: match read.at.at {
            WindowAt::Around(t) => TimelineQuery::field_value(Some(t)),
            _ => String::new(),
        },
        per: read.at.size_param().map(|_| read.at.size),
    }
}

/// One entry as the timeline shows it, without its thread.
fn entry_view(
    slug: &str,
    e: &TimelineEntry,
    by_id: &HashMap<i64, &TimelineEntry>,
    shown: &HashSet<i64>,
    annotations: &[Annotation],
    reply_to_shown: bool,
) -> EntryView {
    let reply_to = e
        .thread_parent
        .filter(|_| !reply_to_shown)
        .and_then(|p| by_id.get(&p))
        .map(|p| {
            let who = p.author_name.clone().unwrap_or_else(|| "unknown".into());
            // In this window, its anchor; in another, its permalink opens that window.
            let href = if shown.contains(&p.id) {
                format!("#entry-{}", p.id)
            } else {
                format!("/incidents/{}/entries/{}", url_encode(slug), p.id)
            };
            (href, format!("{who} at {}", hhmmss(p.occurred_at)))
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
        reply_elsewhere: e.thread_parent.is_none() && e.thread_parent_key.is_some(),
        provenance,
        message_id: e.provenance.message_id.clone(),
        replies: Vec::new(),
    }
}

/// The shown entries as the timeline lists them: replies gathered under the entry that
/// started their thread (when that one is shown too), days and long silences marked between
/// the entries that stand on their own.
fn thread_views(
    slug: &str,
    shown: &[&TimelineEntry],
    by_id: &HashMap<i64, &TimelineEntry>,
    annotations: &[Annotation],
) -> Vec<EntryView> {
    let shown_ids: HashSet<i64> = shown.iter().map(|e| e.id).collect();
    // The thread's first entry, following parents as far as they are shown.
    let root = |e: &TimelineEntry| -> Option<i64> {
        let mut at = e.thread_parent.filter(|p| shown_ids.contains(p))?;
        for _ in 0..THREAD_DEPTH {
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
            Some(r) => replies.entry(r).or_default().push(entry_view(
                slug,
                e,
                by_id,
                &shown_ids,
                annotations,
                true,
            )),
            None => top.push(e),
        }
    }
    let mut previous: Option<OffsetDateTime> = None;
    top.into_iter()
        .map(|e| {
            let mut view = entry_view(slug, e, by_id, &shown_ids, annotations, false);
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
fn person_choices(people: &[(i64, String)], chosen: Option<i64>) -> Vec<Choice> {
    people
        .iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name.clone(),
            selected: chosen == Some(*id),
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

#[cfg(test)]
mod tests {
    use super::*;
    use lore_core::{EntryKind, Provenance};
    use time::macros::datetime;

    fn entry(id: i64, parent: Option<i64>, parent_key: Option<&str>) -> TimelineEntry {
        TimelineEntry {
            id,
            incident_id: 1,
            source_id: 1,
            occurred_at: datetime!(2020-01-01 00:01 UTC),
            time_text: "1577836860.000100".into(),
            time_zone: None,
            author_person_id: None,
            author_name: Some("Jonah".into()),
            channel: Some("general".into()),
            kind: EntryKind::Chat,
            text: "me".into(),
            thread_parent: parent,
            thread_parent_key: parent_key.map(str::to_owned),
            noise: false,
            provenance: Provenance {
                path: "general/2020-01-01.json".into(),
                line: None,
                message_id: Some(format!("general/{id}")),
            },
            raw: String::new(),
        }
    }

    #[test]
    fn a_reply_whose_parent_is_not_held_is_still_marked_a_reply() {
        let by_id = HashMap::new();
        let orphan = entry(2, None, Some("general/1577750400.000100"));
        let none = HashSet::new();
        let view = entry_view("x", &orphan, &by_id, &none, &[], false);
        assert!(view.reply_elsewhere && view.reply_to.is_none());
        let standalone = entry(3, None, None);
        assert!(!entry_view("x", &standalone, &by_id, &none, &[], false).reply_elsewhere);
        let parent = entry(4, None, None);
        let by_id = HashMap::from([(4, &parent)]);
        let linked = entry(5, Some(4), Some("general/4"));
        let view = entry_view("x", &linked, &by_id, &none, &[], false);
        assert!(!view.reply_elsewhere);
        assert_eq!(
            view.reply_to.unwrap().0,
            "/incidents/x/entries/4",
            "a parent in another window is reached by its permalink"
        );
        let here = HashSet::from([4]);
        let view = entry_view("x", &linked, &by_id, &here, &[], false);
        assert_eq!(view.reply_to.unwrap().0, "#entry-4");
    }
}
