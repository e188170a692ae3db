//! Markdown to HTML that is safe to put in a page, for narratives, perspectives and anything
//! else people write in Lore; and the timeline diagram as SVG (`diagram`).
//!
//! Two layers, on purpose: comrak renders CommonMark (+ tables, strikethrough, autolinks,
//! task lists, footnotes) with raw HTML disabled, and ammonia then cleans the result against
//! an allow-list, so a bug or a future option in either one alone cannot let script through.
//! Invariant: the output contains no script, no event-handler attributes, no `javascript:` or
//! `data:` URLs, no styles, no frames or forms. Everything else in Lore is escaped by askama;
//! this is the one place that produces HTML from user text.

use std::collections::HashSet;
use std::fmt;

mod blocks;
mod chart;
mod citations;
mod diagram;
pub use blocks::{BlockDiagrams, Piece, Settled, parse_block_settings, split_timeline_blocks};
pub use chart::{MAX_BARS, bar_chart};
pub use citations::annotate_citations;
mod diff;
mod flags;
mod glossary;
mod highlight;
mod limits;
mod links;
mod markup;
mod passages;
mod safe_html;
mod stats;
pub use diagram::{DensityBar, DiagramEntry, DiagramMoment, Lane, TimelineDiagram, timeline_svg};
pub use diff::{DiffLine, DiffOp, diff_lines};
pub use flags::{FlagMark, MAX_INLINE_FLAGS, insert_flag_markers, mark_flags};
pub use glossary::{GlossaryIndex, GlossaryLink, link_glossary};
pub use highlight::highlighted_snippet;
pub use limits::{LimitExceeded, Limits, Scan, check_markdown};
pub use links::{incident_links, incident_url, references};
pub use passages::{
    PassageMark, find_passage, find_passages, mark_passages, normalise_space, plain_text,
};
pub use safe_html::SafeHtml;
pub use stats::RenderStats;

/// How Lore reads Markdown: CommonMark with tables, strikethrough, autolinks, task lists,
/// footnotes and wiki links to incidents; raw HTML shown as text, never passed through.
pub(crate) fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.header_id_prefix = Some(String::new());
    // `[[slug]]` and `[[slug|words]]` link to an incident (see `links::parse`).
    options.extension.wikilinks_title_after_pipe = true;
    options.extension.wikilinks_ignore_embeds = true;
    options.render.r#unsafe = false;
    options.render.escape = true;
    options
}

/// Renders Markdown to sanitised HTML, if it fits `limits`; headings get ids
/// (`#what-happened`) for permalinks. The limits are checked before comrak sees the text
/// ([`check_markdown`]), and comrak's HTML is cut off at `limits.max_html_bytes`, so neither
/// comrak nor ammonia ever works on more than the limits allow.
pub fn try_markdown_to_safe_html(
    markdown: &str,
    limits: &Limits,
) -> Result<SafeHtml, LimitExceeded> {
    check_markdown(markdown, limits)?;
    let html = comrak_html(markdown, limits.max_html_bytes)?;
    stats::count(|s| s.ammonia_runs += 1);
    // Other languages' classes are dropped by the allow-list, leaving an empty attribute.
    let clean = sanitiser()
        .clean(&html)
        .to_string()
        .replace("<code class=\"\">", "<code>");
    Ok(SafeHtml::new(label_heading_links(&clean)))
}

/// Renders Markdown to sanitised HTML within [`Limits::DEFAULT`]. Text over a limit (stored
/// before the limits existed, or imported) is shown as written, escaped, in a `<pre>`, with a
/// note that says which limit: cheap and safe whatever the text.
pub fn markdown_to_safe_html(markdown: &str) -> SafeHtml {
    try_markdown_to_safe_html(markdown, &Limits::DEFAULT)
        .unwrap_or_else(|over| plain_text_fallback(markdown, &over))
}

/// The text of Markdown as a reader sees it, whitespace collapsed (for a link's title): the
/// Markdown rendered and its text taken, so `clean_session` keeps its underscore and `**x**`
/// loses its stars. Text over the limits is returned as written, whitespace collapsed.
pub fn markdown_to_plain_text(markdown: &str) -> String {
    let limits = Limits::DEFAULT;
    match check_markdown(markdown, &limits)
        .and_then(|_| comrak_html(markdown, limits.max_html_bytes))
    {
        // comrak escapes all text and raw HTML is off: its HTML is fine to read text from.
        Ok(html) => plain_text(&html),
        Err(_) => normalise_space(markdown),
    }
}

/// Markdown shown as written, for text over a limit.
fn plain_text_fallback(markdown: &str, over: &LimitExceeded) -> SafeHtml {
    stats::count(|s| s.plain_fallbacks += 1);
    let note = markup::escape_text(&over.to_string());
    let body = markup::escape_text(markdown);
    let mut html = String::with_capacity(body.len() + note.len() + 160);
    html.push_str("<p class=\"render-limit\">Shown as written, without formatting: this text ");
    html.push_str(&note);
    html.push_str(".</p>\n<pre class=\"as-written\">");
    html.push_str(&body);
    html.push_str("</pre>\n");
    SafeHtml::new(html)
}

/// A `fmt::Write` that refuses to grow past `max` bytes, so comrak stops writing there.
struct Capped {
    out: String,
    max: usize,
}

impl fmt::Write for Capped {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.out.len() + s.len() > self.max {
            return Err(fmt::Error);
        }
        self.out.push_str(s);
        Ok(())
    }
}

/// comrak's HTML for Markdown already checked against the limits.
fn comrak_html(markdown: &str, max_html_bytes: usize) -> Result<String, LimitExceeded> {
    stats::count(|s| s.comrak_runs += 1);
    let options = comrak_options();
    let arena = comrak::Arena::new();
    let root = links::parse(&arena, markdown, &options);
    let mut html = Capped {
        out: String::with_capacity(markdown.len() + markdown.len() / 2),
        max: max_html_bytes,
    };
    comrak::format_html(root, &options, &mut html).map_err(|_| LimitExceeded::Html {
        max: max_html_bytes,
    })?;
    Ok(html.out)
}

/// comrak puts an empty link to each heading inside it; a link without text helps nobody
/// (and fails accessibility checks), so it becomes a visible permalink. Runs after
/// sanitising: the markup added here is Lore's own, and the `href` it reuses is one ammonia
/// already wrote out as a quoted, escaped attribute. One pass: each link's tag is read once,
/// and a link that is not empty is left at its own end (never searched past).
fn label_heading_links(html: &str) -> String {
    const START: &str = "<a href=\"#";
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    let mut from = 0;
    // Bytes searched and tags read: at most the length of the HTML.
    let mut looked_at = 0;
    while let Some(found) = html[from..].find(START) {
        let i = from + found;
        let end = markup::tag_end(html, i);
        looked_at += end - from;
        let empty = html[end..].starts_with("</a>") && html[..end].ends_with('>');
        let href = html[i + START.len() - 1..end]
            .split('"')
            .next()
            .unwrap_or_default();
        if empty {
            out.push_str(&html[copied..i]);
            out.push_str("<a class=\"permalink\" href=\"");
            out.push_str(href);
            out.push_str("\">#<span class=\"visually-hidden\"> link to this section</span></a>");
            copied = end + "</a>".len();
        }
        from = end;
    }
    looked_at += html.len() - from;
    stats::count(|s| s.heading_bytes += looked_at as u64);
    out.push_str(&html[copied..]);
    out
}

fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_generic_attributes(["id"])
        // Footnote and heading links point within the page.
        .id_prefix(None::<&str>)
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .add_tag_attribute_values("input", "type", ["checkbox"])
        // The one class kept: it marks a timeline block for `embed_timeline_blocks`.
        .add_allowed_classes("code", ["language-lore-timeline"]);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_markdown_write_ups_use() {
        let html = markdown_to_safe_html(
            "## What happened\n\nThe **retained** message on `rvt/broadcast/config`.\n\n\
             | Time | Event |\n|---|---|\n| 07:30 | amber |\n\n- [x] refunds\n\n> quoted\n\n\
             See https://status.example.com/incidents/1.\n\n![the board](/incidents/x/images/3)",
        );
        assert!(
            html.contains(
                "<h2 id=\"what-happened\">What happened<a class=\"permalink\" href=\"#what-happened\">#<span class=\"visually-hidden\"> link to this section</span></a></h2>"
            ),
            "{html}"
        );
        assert!(html.contains("<strong>retained</strong>"));
        assert!(html.contains("<code>rvt/broadcast/config</code>"));
        assert!(html.contains("<table>") && html.contains("<td>07:30</td>"));
        assert!(html.contains("<blockquote>"));
        assert!(html.contains("href=\"https://status.example.com/incidents/1\""));
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
        assert!(
            html.contains("<img src=\"/incidents/x/images/3\" alt=\"the board\">"),
            "uploaded images show: {html}"
        );
    }

    /// Hostile input of every kind must come out inert.
    #[test]
    fn hostile_input_renders_inert() {
        let corpus = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](  javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=alert(1)>",
            "<iframe src=https://evil.example></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<form action=https://evil.example><input name=p></form>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "`<script>` in code is text",
            "<<script>script>alert(1)<</script>/script>",
            "<a href='https://x' onclick='alert(1)'>x</a>",
            "[x](vbscript:msgbox(1))",
            "<object data=x></object><embed src=x>",
            "<base href=https://evil.example/>",
            "<meta http-equiv=refresh content='0;url=https://evil.example'>",
        ];
        for input in corpus {
            let html = markdown_to_safe_html(input);
            for tag in tags(&html) {
                let tag = tag.to_ascii_lowercase();
                let name = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                assert!(
                    !matches!(
                        name,
                        "script"
                            | "iframe"
                            | "object"
                            | "embed"
                            | "form"
                            | "base"
                            | "meta"
                            | "svg"
                            | "math"
                            | "style"
                            | "link"
                    ),
                    "{input:?} produced <{tag}>: {html}"
                );
                for attr in tag.split_whitespace().skip(1) {
                    assert!(!attr.starts_with("on"), "{input:?} produced {attr}: {html}");
                    assert!(
                        !attr.starts_with("style"),
                        "{input:?} produced {attr}: {html}"
                    );
                }
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !tag.contains(scheme),
                        "{input:?} produced {scheme} in <{tag}>: {html}"
                    );
                }
            }
        }
    }

    /// The markup of every element in the output (text `<` is always escaped as `&lt;`).
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
            .collect()
    }
}
