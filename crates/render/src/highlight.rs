//! Search snippets as HTML: the text escaped, each matched word in a `<mark>`.

use lore_core::search::{MATCH_END, MATCH_START};

use crate::SafeHtml;
use crate::markup::escape_text;

/// Escapes a snippet from [`lore_core::search::snippet`] and turns its match marks into
/// `<mark>` elements. Marks are balanced whatever the input: a start inside a highlight, or
/// an end outside one, is dropped, and a highlight still open at the end is closed.
pub fn highlighted_snippet(snippet: &str) -> SafeHtml {
    let mut out = String::with_capacity(snippet.len() + 32);
    let mut open = false;
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        out.push_str(&escape_text(run));
        run.clear();
    };
    for c in snippet.chars() {
        match c {
            MATCH_START if !open => {
                flush(&mut run, &mut out);
                out.push_str("<mark>");
                open = true;
            }
            MATCH_END if open => {
                flush(&mut run, &mut out);
                out.push_str("</mark>");
                open = false;
            }
            MATCH_START | MATCH_END => {}
            c => run.push(c),
        }
    }
    flush(&mut run, &mut out);
    if open {
        out.push_str("</mark>");
    }
    SafeHtml::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_balances_marks() {
        let s = "a <b> \u{E000}nat\u{E001} \u{E001}\u{E000}x\u{E000}y";
        assert_eq!(
            highlighted_snippet(s).as_str(),
            "a &lt;b&gt; <mark>nat</mark> <mark>xy</mark>"
        );
    }
}
