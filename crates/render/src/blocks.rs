//! Timeline diagrams embedded in prose: a fenced block
//!
//! ````text
//! ```lore-timeline
//! from=2026-03-17T07:30 to=2026-03-17T09:00 lanes=people
//! ```
//! ````
//!
//! becomes the incident's diagram for that slice. The block's words are parsed here; drawing
//! it needs the incident, so the caller does that.

use std::collections::HashMap;

use crate::SafeHtml;
use crate::markup::{escape_attr, escape_text};
use crate::stats;

/// How comrak writes the block, once ammonia has let the one class through.
const OPEN: &str = "<pre><code class=\"language-lore-timeline\">";
const CLOSE: &str = "</code></pre>";

/// The block's settings, `key=value` separated by spaces or lines, in the order written.
/// A word without `=` is an error naming it.
pub fn parse_block_settings(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split_whitespace()
        .map(|word| {
            word.split_once('=')
                .filter(|(k, _)| !k.is_empty())
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .ok_or_else(|| format!("expected key=value, found {word:?}"))
        })
        .collect()
}

/// Rendered prose cut at its timeline blocks: HTML as it is, and each block's text, to be drawn
/// for the page it goes into ([`BlockDiagrams::embed`]). Caching the pieces keeps the
/// document's rendering independent of what else is on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Html(SafeHtml),
    /// A block's text, unescaped.
    Block(String),
}

impl Piece {
    /// Bytes held (for cache accounting).
    pub fn len(&self) -> usize {
        match self {
            Piece::Html(h) => h.len(),
            Piece::Block(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Cuts sanitised HTML at its ```` ```lore-timeline ```` blocks, in one pass.
pub fn split_timeline_blocks(html: &SafeHtml) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else { break };
        if i > 0 {
            pieces.push(Piece::Html(SafeHtml::new(rest[..i].to_owned())));
        }
        let text = after[..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        pieces.push(Piece::Block(text));
        rest = &after[end + CLOSE.len()..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Html(SafeHtml::new(rest.to_owned())));
    }
    pieces
}

/// What a block's settings mean, as the caller reads them: `key` is the same for blocks that
/// draw the same diagram (their settings in one canonical order); `href` is where the reader
/// can see that diagram when it is not drawn here (a link made by Lore).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub key: String,
    pub href: String,
}

#[derive(Debug, Clone)]
enum Outcome {
    /// Drawn in the figure with this id.
    Drawn(String),
    Failed(String),
}

/// The diagrams of one page's timeline blocks, across all the documents on it. Each distinct
/// diagram is drawn once: a block asking for one already drawn links to it. Past
/// `max_drawings` diagrams or `max_svg_bytes` of SVG, blocks link to the timeline instead of
/// drawing, so a page carries at most that much from blocks however many there are.
#[derive(Debug)]
pub struct BlockDiagrams {
    seen: HashMap<String, Outcome>,
    drawings: usize,
    svg_bytes: usize,
    max_drawings: usize,
    max_svg_bytes: usize,
}

impl BlockDiagrams {
    /// Distinct diagrams one page may draw from blocks.
    pub const MAX_DRAWINGS: usize = 16;
    /// SVG bytes one page may carry from blocks.
    pub const MAX_SVG_BYTES: usize = 4 * 1_048_576;

    pub fn new(max_drawings: usize, max_svg_bytes: usize) -> Self {
        BlockDiagrams {
            seen: HashMap::new(),
            drawings: 0,
            svg_bytes: 0,
            max_drawings,
            max_svg_bytes,
        }
    }

    /// How many diagrams were drawn, and their SVG bytes.
    pub fn drawn(&self) -> (usize, usize) {
        (self.drawings, self.svg_bytes)
    }

    /// The document's pieces as HTML, each block replaced: by its diagram (`draw(key, id)`:
    /// Lore's own SVG, put in a figure with that id, `{id_prefix}-N`), by a link to the same
    /// diagram drawn earlier on the page, or by a warning when `settle` or `draw` refuses
    /// (their message is shown escaped, so the writer sees what to fix).
    pub fn embed(
        &mut self,
        pieces: &[Piece],
        id_prefix: &str,
        settle: impl Fn(&str) -> Result<Settled, String>,
        mut draw: impl FnMut(&str, &str) -> Result<SafeHtml, String>,
    ) -> SafeHtml {
        let mut out = String::with_capacity(pieces.iter().map(Piece::len).sum::<usize>());
        let mut numbered = 0;
        for piece in pieces {
            let text = match piece {
                Piece::Html(html) => {
                    out.push_str(html);
                    continue;
                }
                Piece::Block(text) => text,
            };
            let settled = match settle(text) {
                Ok(s) => s,
                Err(message) => {
                    warn(&mut out, &message);
                    continue;
                }
            };
            match self.seen.get(&settled.key) {
                Some(Outcome::Drawn(id)) => {
                    out.push_str("<p class=\"diagram-again\"><a href=\"#");
                    out.push_str(&escape_attr(id));
                    out.push_str("\">The same timeline diagram is drawn above.</a></p>");
                    continue;
                }
                Some(Outcome::Failed(message)) => {
                    let message = message.clone();
                    warn(&mut out, &message);
                    continue;
                }
                None => {}
            }
            if self.drawings >= self.max_drawings || self.svg_bytes >= self.max_svg_bytes {
                not_drawn(&mut out, &settled.href);
                continue;
            }
            numbered += 1;
            let id = format!("{id_prefix}-{numbered}");
            stats::count(|s| s.diagrams_drawn += 1);
            match draw(&settled.key, &id) {
                Ok(svg) if self.svg_bytes + svg.len() > self.max_svg_bytes => {
                    // Too big for what is left: the page keeps its budget.
                    self.svg_bytes = self.max_svg_bytes;
                    not_drawn(&mut out, &settled.href);
                }
                Ok(svg) => {
                    self.drawings += 1;
                    self.svg_bytes += svg.len();
                    out.push_str("<figure class=\"diagram embedded\" id=\"");
                    out.push_str(&escape_attr(&id));
                    out.push_str("\"><div class=\"diagram-scroll\">");
                    out.push_str(&svg);
                    out.push_str("</div></figure>");
                    self.seen.insert(settled.key, Outcome::Drawn(id));
                }
                Err(message) => {
                    warn(&mut out, &message);
                    self.seen.insert(settled.key, Outcome::Failed(message));
                }
            }
        }
        SafeHtml::new(out)
    }
}

fn warn(out: &mut String, message: &str) {
    out.push_str("<p class=\"warning\">This timeline block could not be drawn: ");
    out.push_str(&escape_text(message));
    out.push_str("</p>");
}

fn not_drawn(out: &mut String, href: &str) {
    out.push_str("<p class=\"diagram-again\">This page already carries as many diagrams as it can: <a href=\"");
    out.push_str(&escape_attr(href));
    out.push_str("\">see this slice in the timeline</a>.</p>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown_to_safe_html;

    #[test]
    fn settings_are_key_value_words() {
        assert_eq!(
            parse_block_settings("from=07:30\n lanes=people").unwrap(),
            [
                ("from".to_owned(), "07:30".to_owned()),
                ("lanes".to_owned(), "people".to_owned())
            ]
        );
        assert_eq!(
            parse_block_settings("from=1 oops").unwrap_err(),
            "expected key=value, found \"oops\""
        );
        assert!(parse_block_settings("=x").is_err());
    }

    fn settle(text: &str) -> Result<Settled, String> {
        let settings = parse_block_settings(text)?;
        let key = settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        Ok(Settled {
            href: format!("/incidents/x?{key}#diagram"),
            key,
        })
    }

    fn embed(html: &SafeHtml, diagrams: &mut BlockDiagrams, prefix: &str) -> SafeHtml {
        diagrams.embed(&split_timeline_blocks(html), prefix, settle, |key, id| {
            if key.contains("lanes=people") {
                Ok(SafeHtml::new(format!("<svg>{key} as {id}</svg>")))
            } else {
                Err(format!("cannot read {key:?} <b>"))
            }
        })
    }

    #[test]
    fn blocks_become_diagrams_and_errors_are_shown_escaped() {
        let html = markdown_to_safe_html(
            "Before.\n\n```lore-timeline\nfrom=a&b lanes=people\n```\n\n```rust\nlet x = 1;\n```\n\n\
             ```lore-timeline\n<script>\n```\n\n```lore-timeline\nfrom=x\n```\n",
        );
        let pieces = split_timeline_blocks(&html);
        assert_eq!(
            pieces
                .iter()
                .filter_map(|p| match p {
                    Piece::Block(text) => Some(text.as_str()),
                    Piece::Html(_) => None,
                })
                .collect::<Vec<_>>(),
            ["from=a&b lanes=people\n", "<script>\n", "from=x\n"]
        );
        let out = embed(&html, &mut BlockDiagrams::new(16, 1 << 20), "d");
        assert!(
            out.contains("<figure class=\"diagram embedded\" id=\"d-1\"><div class=\"diagram-scroll\"><svg>from=a&b&lanes=people as d-1</svg></div></figure>"),
            "{out}"
        );
        assert!(
            out.contains("<pre><code>let x = 1;"),
            "other code blocks stay: {out}"
        );
        assert!(
            out.contains("could not be drawn: expected key=value, found \"&lt;script&gt;\"</p>"),
            "{out}"
        );
        assert!(
            out.contains("could not be drawn: cannot read \"from=x\" &lt;b&gt;</p>"),
            "{out}"
        );
        assert!(!out.contains("<script>"));
    }

    /// Issue 9: 4,000 identical blocks redrew the whole diagram 4,000 times (181 MB a view).
    /// Each distinct diagram is drawn once per page; the page's budget holds across documents.
    #[test]
    fn each_distinct_diagram_is_drawn_once_per_page_within_a_budget() {
        let md = "```lore-timeline\nlanes=people\n```\n\n".repeat(4000);
        let html = SafeHtml::new(
            comrak::markdown_to_html(&md, &crate::comrak_options())
                .replace("<pre><code class=\"language-lore-timeline\">", OPEN),
        );
        let mut diagrams = BlockDiagrams::new(16, 1 << 20);
        let mut draws = 0;
        let out = diagrams.embed(&split_timeline_blocks(&html), "n", settle, |_, id| {
            draws += 1;
            Ok(SafeHtml::new(format!(
                "<svg id-prefix=\"{id}\">{}</svg>",
                "x".repeat(1000)
            )))
        });
        assert_eq!(draws, 1);
        assert_eq!(out.matches("<svg").count(), 1);
        assert_eq!(
            out.matches("<a href=\"#n-1\">").count(),
            3999,
            "the rest link to it"
        );
        assert!(out.len() < 4000 * 120, "{} bytes", out.len());
        // Another document on the same page: the same diagram is not drawn again.
        let again = embed(
            &markdown_to_safe_html("```lore-timeline\nlanes=people\n```"),
            &mut diagrams,
            "p",
        );
        assert!(again.contains("<a href=\"#n-1\">"), "{again}");
        // Distinct diagrams stop at the page's limit and link to the timeline instead.
        let mut small = BlockDiagrams::new(2, 1 << 20);
        let many: String = (0..5)
            .map(|i| format!("```lore-timeline\nlanes=people from={i}\n```\n\n"))
            .collect();
        let out = embed(&markdown_to_safe_html(&many), &mut small, "m");
        assert_eq!(out.matches("<svg").count(), 2, "{out}");
        assert_eq!(
            out.matches("<a href=\"/incidents/x?lanes=people&amp;from=")
                .count(),
            3,
            "{out}"
        );
        // And at its budget of bytes.
        let mut tight = BlockDiagrams::new(16, 50);
        let out = embed(&markdown_to_safe_html(&many), &mut tight, "t");
        assert_eq!(out.matches("<svg").count(), 1, "{out}");
        assert!(tight.drawn().1 <= 50);
    }

    /// Raw HTML cannot fake a block: the class only survives on comrak's own fence output, and
    /// a hand-written one is escaped text.
    #[test]
    fn raw_html_cannot_fake_a_block() {
        let html = markdown_to_safe_html(
            "<pre><code class=\"language-lore-timeline\">x=1</code></pre>\n\n`<code class=\"language-lore-timeline\">`",
        );
        assert!(
            split_timeline_blocks(&html)
                .iter()
                .all(|p| matches!(p, Piece::Html(_))),
            "{html}"
        );
    }
}
