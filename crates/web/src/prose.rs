//! Markdown people wrote, as a page shows it, in one order: Markdown → safe HTML → marked
//! passages highlighted → glossary terms linked → cited entries carrying their words on hover
//! → ```` ```lore-timeline ```` blocks drawn. Passages come first because glossary links
//! would split the runs of text a passage lies in.
//!
//! Budget: Markdown over `lore_render::Limits::DEFAULT` is refused when written
//! ([`within_limits`]: a 400 naming the limit) and shown as plain text if it was stored
//! before; everything up to the blocks is kept in the [`RenderCache`] under a key made of
//! everything it depends on (the text, the passages, the glossary, the cited entries' words),
//! so an unchanged page renders no Markdown; the blocks are drawn per page, each distinct
//! diagram once, within `lore_render::BlockDiagrams`' budget (the SVGs are cached too). All of
//! it runs on the blocking pool ([`off_the_workers`]), never on the async workers.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use lore_core::{GlossaryTerm, TimelineEntry};
use lore_render::{
    BlockDiagrams, GlossaryIndex, GlossaryLink, Limits, PassageMark, Piece, SafeHtml, Settled,
};

use crate::error::AppError;
use crate::format::hhmmss;
use crate::incident_access::IncidentRecord;
use crate::render_cache::{Key, KeyHasher, RenderCache, Weigh};
use crate::state::AppState;
use crate::timeline_diagram::diagram;
use crate::timeline_filter::TimelineFilter;
use crate::timeline_query::TimelineQuery;

/// How long a cited entry's words may be in a link's title.
const CITATION_CHARS: usize = 280;
/// How long a glossary definition may be in a link's title.
const DEFINITION_CHARS: usize = 300;

/// Refuses Markdown over the render limits, naming the text and the limit: "a perspective
/// nests block quotes 400 deep; at most 32". Linear in the text; nothing is rendered.
pub fn within_limits(what: &str, markdown: &str) -> Result<(), AppError> {
    lore_render::check_markdown(markdown, &Limits::DEFAULT)
        .map(|_| ())
        .map_err(|over| AppError::BadRequest(format!("{what} {over}")))
}

/// Runs `job` (rendering, building a page) on the blocking pool, at most one per core at a
/// time, so that no text, however large, holds up the async workers (`/healthz`, sign-in,
/// every other page).
pub async fn off_the_workers<T: Send + 'static>(
    state: &AppState,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = state
        .render_permits()
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// Prose as a page shows it, and what the page needs to know about it.
pub struct Rendered {
    pub html: SafeHtml,
    /// Per passage mark: whether it was highlighted.
    pub highlighted: Vec<bool>,
    /// Per passage mark: where its quote starts in the text readers see (characters), if it
    /// is there.
    pub places: Vec<Option<usize>>,
}

/// What is cached of one document: everything but its diagrams.
struct Document {
    pieces: Vec<Piece>,
    highlighted: Vec<bool>,
    places: Vec<Option<usize>>,
}

impl Weigh for Document {
    fn weight(&self) -> usize {
        self.pieces.iter().map(|p| p.len() + 32).sum::<usize>()
            + self.highlighted.len()
            + self.places.len() * 16
    }
}

impl Weigh for GlossaryIndex {
    fn weight(&self) -> usize {
        self.memory_usage()
    }
}

/// Renders prose in the context of one incident's record (its timeline for citations and
/// blocks, the glossary for links), for one page: the page's blocks share one diagram budget.
pub struct Prose<'a> {
    record: &'a IncidentRecord,
    cache: &'a RenderCache,
    by_id: HashMap<i64, &'a TimelineEntry>,
    /// Everything a document's HTML depends on besides its own text and marks.
    context: Key,
    glossary_key: Key,
    glossary: OnceCell<Arc<GlossaryIndex>>,
    diagrams: RefCell<BlockDiagrams>,
    /// The query of each block setting seen on this page, by its canonical form.
    block_queries: RefCell<HashMap<String, TimelineQuery>>,
}

impl<'a> Prose<'a> {
    pub fn new(record: &'a IncidentRecord, cache: &'a RenderCache) -> Self {
        let glossary_key = glossary_key(cache, &record.glossary);
        let mut h = cache.hasher();
        ("prose context", record.incident.id, glossary_key).hash(&mut h);
        // Citations show who said what, when: a merge of people or an edit changes them.
        for e in &record.timeline {
            (e.id, &e.author_name, e.occurred_at, &e.text).hash(&mut h);
        }
        Prose {
            record,
            cache,
            by_id: record.timeline.iter().map(|e| (e.id, e)).collect(),
            context: h.key(),
            glossary_key,
            glossary: OnceCell::new(),
            diagrams: RefCell::new(BlockDiagrams::new(
                BlockDiagrams::MAX_DRAWINGS,
                BlockDiagrams::MAX_SVG_BYTES,
            )),
            block_queries: RefCell::new(HashMap::new()),
        }
    }

    /// The timeline entry with this id, if it is in the record.
    pub fn entry(&self, id: i64) -> Option<&'a TimelineEntry> {
        self.by_id.get(&id).copied()
    }

    /// The Markdown as the page shows it. Diagrams drawn from blocks get ids starting with
    /// `diagram_ids` (unique on the page). Rendered once per content: a second call with the
    /// same text, marks and context (on this page or any later one) reads the cache.
    pub fn render(&self, markdown: &str, diagram_ids: &str, passages: &[PassageMark]) -> Rendered {
        let mut h = self.cache.hasher();
        ("document", self.context, markdown).hash(&mut h);
        hash_marks(&mut h, passages);
        let document = self
            .cache
            .get_or_insert_with(h.key(), || self.document(markdown, passages));
        Rendered {
            html: self.embed(&document.pieces, diagram_ids),
            highlighted: document.highlighted.clone(),
            places: document.places.clone(),
        }
    }

    /// A draft as the page would show it: rendered every time (drafts change with every
    /// keystroke), never kept.
    pub fn preview(&self, markdown: &str) -> SafeHtml {
        let document = self.document(markdown, &[]);
        self.embed(&document.pieces, "preview-diagram")
    }

    fn glossary(&self) -> &GlossaryIndex {
        self.glossary.get_or_init(|| {
            self.cache.get_or_insert_with(self.glossary_key, || {
                GlossaryIndex::new(glossary_links(&self.record.glossary))
            })
        })
    }

    fn document(&self, markdown: &str, passages: &[PassageMark]) -> Document {
        let base = lore_render::markdown_to_safe_html(markdown);
        let places = if passages.is_empty() {
            Vec::new()
        } else {
            let quotes: Vec<&str> = passages.iter().map(|p| p.quote.as_str()).collect();
            lore_render::find_passages(&base, &quotes)
        };
        let (html, highlighted) = lore_render::mark_passages(&base, passages);
        let html = lore_render::link_glossary(&html, self.glossary());
        let html = lore_render::annotate_citations(&html, |id| {
            self.entry(id).map(|e| {
                let who = e.author_name.as_deref().unwrap_or("unknown");
                let text: String = e.text.chars().take(CITATION_CHARS).collect();
                format!("{who} at {} UTC: {text}", hhmmss(e.occurred_at))
            })
        });
        Document {
            pieces: lore_render::split_timeline_blocks(&html),
            highlighted,
            places,
        }
    }

    /// The document's pieces with their blocks drawn, within the page's budget.
    fn embed(&self, pieces: &[Piece], diagram_ids: &str) -> SafeHtml {
        let settle = |text: &str| -> Result<Settled, String> {
            let settings = lore_render::parse_block_settings(text)?;
            let query = TimelineQuery::from_block_settings(&settings)?;
            let key = query.to_query();
            let href = format!("/incidents/{}{key}#diagram", self.record.incident.slug);
            self.block_queries.borrow_mut().insert(key.clone(), query);
            Ok(Settled { key, href })
        };
        let draw = |key: &str, id: &str| -> Result<SafeHtml, String> {
            let queries = self.block_queries.borrow();
            let query = queries.get(key).ok_or("this block was not read")?;
            // A page that reads its timeline a window at a time brings its blocks' diagrams.
            let mut d = match self.record.block_diagrams.get(key) {
                Some(d) => d.clone(),
                None => {
                    let filter = TimelineFilter::new(
                        query,
                        &self.record.annotations,
                        &self.record.timeline,
                        &self.record.channels,
                    );
                    diagram(self.record, &filter)
                }
            };
            if d.entries.is_empty() {
                return Err("no timeline entries fall in this slice".into());
            }
            d.id = id.to_owned();
            let svg_key = self
                .cache
                .key_of(("block diagram", self.record.incident.id, &d));
            Ok((*self
                .cache
                .get_or_insert_with(svg_key, || lore_render::timeline_svg(&d)))
            .clone())
        };
        self.diagrams
            .borrow_mut()
            .embed(pieces, diagram_ids, settle, draw)
    }
}

fn hash_marks(h: &mut KeyHasher, marks: &[PassageMark]) {
    marks.len().hash(h);
    for m in marks {
        (&m.quote, &m.anchor, &m.href, &m.theme, &m.label, &m.note).hash(h);
    }
}

/// The key of the glossary as links: every field a link shows.
fn glossary_key(cache: &RenderCache, terms: &[GlossaryTerm]) -> Key {
    let mut h = cache.hasher();
    "glossary index".hash(&mut h);
    terms.len().hash(&mut h);
    for t in terms {
        (&t.term, &t.aliases, &t.definition).hash(&mut h);
    }
    h.key()
}

/// The glossary as links for `lore_render::link_glossary`: each definition as one line of
/// plain text for the link's title (the Markdown rendered and its text taken, so
/// `clean_session` keeps its underscore).
pub fn glossary_links(terms: &[GlossaryTerm]) -> Vec<GlossaryLink> {
    terms
        .iter()
        .map(|t| {
            let plain = lore_render::markdown_to_plain_text(&t.definition);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn term(term: &str, definition: &str) -> GlossaryTerm {
        GlossaryTerm {
            id: 1,
            term: term.into(),
            aliases: vec![],
            definition: definition.into(),
            link: None,
            created_by: "a".into(),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    /// Hover titles are the definition as a reader sees it: underscores in words stay,
    /// Markdown's own marks go.
    #[test]
    fn definitions_become_their_plain_text() {
        let links = glossary_links(&[term(
            "clean session",
            "MQTT's **`clean_session`** flag: *new* session on\n\n# connect, see [spec](https://mqtt.org).",
        )]);
        assert_eq!(
            links[0].definition,
            "MQTT's clean_session flag: new session on connect, see spec."
        );
        let long = glossary_links(&[term("x", &"word ".repeat(100))]);
        assert_eq!(long[0].definition.chars().count(), DEFINITION_CHARS);
        assert!(long[0].definition.ends_with('…'));
    }
}
