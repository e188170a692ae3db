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

use crate::SafeHtml;
use crate::glossary::escape_text;

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

/// Replaces each ```` ```lore-timeline ```` block in sanitised HTML with what `draw` makes of
/// its text: `Ok` is Lore's own SVG and goes in as it is; `Err` is shown, escaped, in place of
/// the diagram so the writer sees what to fix.
pub fn embed_timeline_blocks(
    html: &SafeHtml,
    draw: impl Fn(&str) -> Result<SafeHtml, String>,
) -> SafeHtml {
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else { break };
        out.push_str(&rest[..i]);
        let text = after[..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        match draw(&text) {
            Ok(svg) => {
                out.push_str("<figure class=\"diagram embedded\"><div class=\"diagram-scroll\">");
                out.push_str(&svg);
                out.push_str("</div></figure>");
            }
            Err(message) => {
                out.push_str("<p class=\"warning\">This timeline block could not be drawn: ");
                out.push_str(&escape_text(&message));
                out.push_str("</p>");
            }
        }
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    SafeHtml::new(out)
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

    #[test]
    fn blocks_become_diagrams_and_errors_are_shown_escaped() {
        let html = markdown_to_safe_html(
            "Before.\n\n```lore-timeline\nfrom=a&b lanes=people\n```\n\n```rust\nlet x = 1;\n```\n\n\
             ```lore-timeline\n<script>\n```\n",
        );
        let out = embed_timeline_blocks(&html, |text| {
            if text.contains("lanes=people") {
                assert_eq!(text, "from=a&b lanes=people\n");
                Ok(SafeHtml::new("<svg>drawn</svg>".to_owned()))
            } else {
                Err(format!("cannot read {text:?}"))
            }
        });
        assert!(
            out.contains("<figure class=\"diagram embedded\"><div class=\"diagram-scroll\"><svg>drawn</svg></div></figure>"),
            "{out}"
        );
        assert!(
            out.contains("<pre><code>let x = 1;"),
            "other code blocks stay: {out}"
        );
        assert!(
            out.contains("could not be drawn: cannot read \"&lt;script&gt;\\n\"</p>"),
            "{out}"
        );
        assert!(!out.contains("<script>"));
    }

    /// Raw HTML cannot fake a block: the class only survives on comrak's own fence output, and
    /// a hand-written one is escaped text.
    #[test]
    fn raw_html_cannot_fake_a_block() {
        let html = markdown_to_safe_html(
            "<pre><code class=\"language-lore-timeline\">x=1</code></pre>\n\n`<code class=\"language-lore-timeline\">`",
        );
        let out =
            embed_timeline_blocks(&html, |_| Ok(SafeHtml::new("<svg>drawn</svg>".to_owned())));
        assert!(!out.contains("<svg>"), "{out}");
    }
}
