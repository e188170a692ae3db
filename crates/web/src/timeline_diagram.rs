//! The timeline diagram's content: the entries a filter shows, in lanes by source or by
//! person, with the moments whose first entry is on it. `lore-render` draws it.

use lore_core::TimelineEntry;
use lore_render::{DiagramEntry, DiagramMoment, Lane, TimelineDiagram};

use crate::incident_access::IncidentRecord;
use crate::timeline_filter::TimelineFilter;

/// The diagram of the entries `filter` shows (noise left out unless shown).
pub fn diagram(record: &IncidentRecord, filter: &TimelineFilter) -> TimelineDiagram {
    let by_people = filter.query().lanes_by_people();
    let lane_key = |e: &TimelineEntry| -> (Option<i64>, String) {
        if by_people {
            (
                e.author_person_id,
                e.author_name.clone().unwrap_or_else(|| "unknown".into()),
            )
        } else {
            let file = record
                .sources
                .iter()
                .find(|s| s.id == e.source_id)
                .map_or_else(|| "unknown source".to_owned(), |s| s.file_name.clone());
            (Some(e.source_id), file)
        }
    };
    let mut lanes: Vec<(Option<i64>, String)> = Vec::new();
    let mut entries = Vec::new();
    for e in record.timeline.iter().filter(|e| filter.shows(e)) {
        let key = lane_key(e);
        let lane = match lanes.iter().position(|l| l.0 == key.0) {
            Some(i) => i,
            None => {
                lanes.push(key);
                lanes.len() - 1
            }
        };
        let who = e.author_name.as_deref().unwrap_or("unknown");
        entries.push(DiagramEntry {
            lane,
            at: e.occurred_at,
            kind: e.kind.as_str().to_owned(),
            entry_id: e.id,
            summary: format!("{who}: {}", e.text),
        });
    }
    // Moments whose first entry is on the diagram.
    let moments = record
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
            Some(DiagramMoment {
                at: first.at,
                theme: a.theme.as_str().to_owned(),
                label,
                moment_id: a.id,
            })
        })
        .collect();
    TimelineDiagram {
        id: "lore-diagram".into(),
        title: format!(
            "{}: timeline by {}",
            record.incident.title,
            if by_people { "person" } else { "source" }
        ),
        lanes: lanes.into_iter().map(|(_, label)| Lane { label }).collect(),
        moments,
        entries,
    }
}
