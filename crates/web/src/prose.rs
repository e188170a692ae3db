//! Markdown people wrote, as a page shows it, in one order: Markdown → safe HTML → marked
//! passages highlighted → glossary terms linked → ```` ```lore-timeline ```` blocks drawn →
//! cited entries carrying their words on hover. Passages come first because glossary links
//! would split the runs of text a passage lies in.

use std::collections::HashMap;

use lore_core::{GlossaryTerm, TimelineEntry};
use lore_render::{GlossaryLink, PassageMark, SafeHtml};

use crate::format::hhmmss;
use crate::incident_access::IncidentRecord;
use crate::timeline_diagram::diagram;
use crate::timeline_filter::TimelineFilter;
use crate::timeline_query::TimelineQuery;

/// How long a cited entry's words may be in a link's title.
const CITATION_CHARS: usize = 280;
/// How long a glossary definition may be in a link's title.
const DEFINITION_CHARS: usize = 300;

/// Renders prose in the context of one incident's record (its timeline for citations and
/// blocks, the glossary for links).
pub struct Prose<'a> {
    record: &'a IncidentRecord,
    by_id: HashMap<i64, &'a TimelineEntry>,
    glossary: Vec<GlossaryLink>,
}

impl<'a> Prose<'a> {
    pub fn new(record: &'a IncidentRecord) -> Self {
        Prose {
            record,
            by_id: record.timeline.iter().map(|e| (e.id, e)).collect(),
            glossary: glossary_links(&record.glossary),
        }
    }

    /// The timeline entry with this id, if it is in the record.
    pub fn entry(&self, id: i64) -> Option<&'a TimelineEntry> {
        self.by_id.get(&id).copied()
    }

    /// The Markdown as the page shows it. Diagrams drawn from blocks get ids starting with
    /// `diagram_ids` (unique on the page). Also says which of `passages` were highlighted.
    pub fn render(
        &self,
        markdown: &str,
        diagram_ids: &str,
        passages: &[PassageMark],
    ) -> (SafeHtml, Vec<bool>) {
        let (html, highlighted) =
            lore_render::mark_passages(&lore_render::markdown_to_safe_html(markdown), passages);
        let html = lore_render::link_glossary(&html, &self.glossary);
        let drawn = std::cell::Cell::new(0usize);
        let html = lore_render::embed_timeline_blocks(&html, |text| {
            let settings = lore_render::parse_block_settings(text)?;
            let query = TimelineQuery::from_block_settings(&settings)?;
            let filter = TimelineFilter::new(
                &query,
                &self.record.annotations,
                &self.record.timeline,
                &self.record.channels,
            );
            let mut d = diagram(self.record, &filter);
            if d.entries.is_empty() {
                return Err("no timeline entries fall in this slice".into());
            }
            drawn.set(drawn.get() + 1);
            d.id = format!("{diagram_ids}-{}", drawn.get());
            Ok(lore_render::timeline_svg(&d))
        });
        let html = lore_render::annotate_citations(&html, |id| {
            self.entry(id).map(|e| {
                let who = e.author_name.as_deref().unwrap_or("unknown");
                let text: String = e.text.chars().take(CITATION_CHARS).collect();
                format!("{who} at {} UTC: {text}", hhmmss(e.occurred_at))
            })
        });
        (html, highlighted)
    }
}

/// The glossary as links for `lore_render::link_glossary`: each definition as one line of
/// plain text for the link's title.
pub fn glossary_links(terms: &[GlossaryTerm]) -> Vec<GlossaryLink> {
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
            let definition = if plain.chars().count() > DEFINITION_CHARS {
                let cut: String = plain.chars().take(DEFINITION_CHARS - 1).collect();
                format!("{cut}…")
            } else {
                plain
            };
            GlossaryLink {
                spellings: t.spellings().map(str::to_owned).collect(),
                href: format!("/glossary#{}", t.anchor()),
                definition,
            }
        })
        .collect()
}
