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

mod blocks;
mod citations;
mod diagram;
pub use blocks::{embed_timeline_blocks, parse_block_settings};
pub use citations::annotate_citations;
mod diff;
mod glossary;
mod passages;
mod safe_html;
pub use diagram::{DiagramEntry, DiagramMoment, Lane, TimelineDiagram, timeline_svg};
pub use diff::{DiffLine, DiffOp, diff_lines};
pub use glossary::{GlossaryLink, link_glossary};
pub use passages::{PassageMark, find_passage, mark_passages, normalise_space, plain_text};
pub use safe_html::SafeHtml;

/// Renders Markdown to sanitised HTML. Headings get ids (`#what-happened`) for permalinks.
pub fn markdown_to_safe_html(markdown: &str) -> SafeHtml {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.header_id_prefix = Some(String::new());
    // Raw HTML in Markdown is shown as text, never passed through.
    options.render.r#unsafe = false;
    options.render.escape = true;
    let html = comrak::markdown_to_html(markdown, &options);
    // Other languages' classes are dropped by the allow-list, leaving an empty attribute.
    let clean = sanitiser()
        .clean(&html)
        .to_string()
        .replace("<code class=\"\">", "<code>");
    SafeHtml::new(label_heading_links(&clean))
}

/// comrak puts an empty link to each heading inside it; a link without text helps nobody
/// (and fails accessibility checks), so it becomes a visible permalink. Runs after
/// sanitising: the markup added here is Lore's own, and the `href` it reuses is one ammonia
/// already wrote out as a quoted, escaped attribute.
fn label_heading_links(html: &str) -> String {
    const START: &str = "<a href=\"#";
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find(START) {
        let candidate = &rest[i..];
        let empty_link = candidate
            .find("></a>")
            .filter(|&end| !candidate[..end].contains('>'))
            .and_then(|end| {
                let href = candidate[START.len() - 1..].split('"').next()?;
                Some((end, href))
            });
        match empty_link {
            Some((end, href)) => {
                out.push_str(&rest[..i]);
                out.push_str(&format!(
                    "<a class=\"permalink\" href=\"{href}\">#<span class=\"visually-hidden\"> link to this section</span></a>"
                ));
                rest = &candidate[end + "></a>".len()..];
            }
            None => {
                out.push_str(&rest[..i + START.len()]);
                rest = &rest[i + START.len()..];
            }
        }
    }
    out.push_str(rest);
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
