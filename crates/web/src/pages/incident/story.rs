//! The incident's story as the page tells it: the narrative, with the passages analysts
//! marked highlighted, and the Moments section that lists every mark with its evidence.

use std::collections::HashMap;

use lore_core::{Annotation, MarkedOn};
use lore_render::{PassageMark, SafeHtml};
use lore_store::Narrative;
use time::OffsetDateTime;

use crate::format::{hhmmss, utc_text};
use crate::prose::Prose;

/// Where a marked passage stands in the narrative: its place in the text readers see and
/// whether it could be highlighted; `None` when the words are no longer there.
type PassagePlace = Option<(usize, bool)>;

pub struct NarrativeView {
    pub html: SafeHtml,
    /// "Narrative version 3, by ana, 2026-03-20 10:00:00 UTC".
    pub meta: String,
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

/// The narrative as the page shows it, with the passages analysts marked highlighted; and,
/// per passage mark, where its passage stands.
pub fn narrative(
    narrative: &Narrative,
    annotations: &[Annotation],
    prose: &Prose<'_>,
) -> (NarrativeView, HashMap<i64, PassagePlace>) {
    let passages: Vec<(&Annotation, &str)> = annotations
        .iter()
        .filter_map(|a| match &a.on {
            MarkedOn::Passage { quote, .. } => Some((a, quote.as_str())),
            MarkedOn::Entries { .. } => None,
        })
        .collect();
    let marks: Vec<PassageMark> = passages
        .iter()
        .map(|(a, quote)| PassageMark {
            quote: (*quote).to_owned(),
            anchor: format!("passage-{}", a.id),
            href: format!("#moment-{}", a.id),
            theme: a.theme.as_str().to_owned(),
            label: a.label().to_owned(),
            note: a.note.clone(),
        })
        .collect();
    let rendered = prose.render(&narrative.body, "narrative-diagram", &marks);
    let places = passages
        .iter()
        .zip(rendered.highlighted)
        .zip(rendered.places)
        .map(|(((a, _), lit), place)| (a.id, place.map(|at| (at, lit))))
        .collect();
    let view = NarrativeView {
        html: rendered.html,
        meta: format!(
            "Narrative version {}, by {}, {}",
            narrative.version,
            narrative.author.as_deref().unwrap_or("unknown"),
            utc_text(narrative.created_at)
        ),
    };
    (view, places)
}

/// Moments on the timeline in the order they happened, then passages of the narrative in the
/// order they are read (those no longer in the narrative last).
pub fn moments(
    annotations: &[Annotation],
    prose: &Prose<'_>,
    passage_places: &HashMap<i64, PassagePlace>,
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
                let Some(first) = prose.entry(*first) else {
                    continue;
                };
                let who = first.author_name.as_deref().unwrap_or("unknown");
                let mut evidence = format!("{who} at {} UTC", hhmmss(first.occurred_at));
                if *last != first.id
                    && let Some(last) = prose.entry(*last)
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
