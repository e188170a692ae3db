//! Inline flags in a preview: the second reader's flagged words underlined where they are in
//! the rendered text, with the explanation shown on hover and on keyboard focus.
//!
//! The Markdown gets private-use markers around each flagged span before it is rendered
//! ([`insert_flag_markers`]); after rendering, each marked run that stayed within one run of
//! text becomes a `<mark>` with its tooltip ([`mark_flags`]). A run that crosses an element
//! (the words span a link or emphasis) is left unmarked; the editor still lists it. Markers
//! already in the text are removed first, so nobody can forge a mark.

use std::ops::Range;

use crate::SafeHtml;
use crate::markup::{escape_attr, escape_text};

const START: char = '\u{E020}';
const END: char = '\u{E021}';
/// A flag's number is written as one private-use character from here.
const NUMBER_BASE: u32 = 0xE100;
/// The most flags marked inline.
pub const MAX_INLINE_FLAGS: usize = 1000;

/// One flag's mark: its number (ids `lint-N` and `lint-tip-N`), a CSS class suffix and the
/// tooltip's text (plain text, escaped here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagMark {
    pub number: usize,
    pub class: String,
    pub tip: String,
}

fn is_marker(c: char) -> bool {
    c == START
        || c == END
        || (NUMBER_BASE..NUMBER_BASE + MAX_INLINE_FLAGS as u32).contains(&(c as u32))
}

/// The Markdown with markers around each span (byte ranges, numbered by position in
/// `spans`); overlapping spans after the first are skipped. Markers in the input are removed
/// (the ranges are of the input as given).
pub fn insert_flag_markers(markdown: &str, spans: &[Range<usize>]) -> String {
    let mut order: Vec<(usize, &Range<usize>)> =
        spans.iter().enumerate().take(MAX_INLINE_FLAGS).collect();
    order.sort_by_key(|(_, r)| r.start);
    let mut out = String::with_capacity(markdown.len() + spans.len() * 9);
    let mut at = 0;
    let clean = |s: &str, out: &mut String| out.extend(s.chars().filter(|c| !is_marker(*c)));
    for (n, r) in order {
        if r.start < at
            || r.end > markdown.len()
            || !markdown.is_char_boundary(r.start)
            || !markdown.is_char_boundary(r.end)
        {
            continue;
        }
        clean(&markdown[at..r.start], &mut out);
        out.push(START);
        out.push(char::from_u32(NUMBER_BASE + n as u32).expect("a private-use character"));
        clean(&markdown[r.clone()], &mut out);
        out.push(END);
        at = r.end;
    }
    clean(&markdown[at..], &mut out);
    out
}

/// The rendered preview with each marked run that stayed inside one run of text made a
/// `<mark>` with its tooltip, and every other marker removed.
pub fn mark_flags(html: &SafeHtml, marks: &[FlagMark]) -> SafeHtml {
    let s = html.as_str();
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(START) {
        out.push_str(&rest[..i]);
        let after = &rest[i + START.len_utf8()..];
        let mut chars = after.chars();
        let number = chars
            .next()
            .map(|c| c as u32)
            .filter(|c| (NUMBER_BASE..NUMBER_BASE + MAX_INLINE_FLAGS as u32).contains(c))
            .map(|c| (c - NUMBER_BASE) as usize);
        let body = chars.as_str();
        let (Some(number), Some(end)) = (number, body.find(END)) else {
            rest = after;
            continue;
        };
        let inner = &body[..end];
        let mark = marks.iter().find(|m| m.number == number);
        match mark {
            Some(m) if !inner.contains(['<', '>', START]) => {
                out.push_str(&format!(
                    "<mark class=\"lint-flag lint-{class}\" id=\"lint-{number}\" tabindex=\"0\" aria-describedby=\"lint-tip-{number}\">{inner}<span class=\"lint-tip\" role=\"tooltip\" id=\"lint-tip-{number}\">{tip}</span></mark>",
                    class = escape_attr(&m.class),
                    tip = escape_text(&m.tip),
                ));
                rest = &body[end + END.len_utf8()..];
            }
            _ => rest = body,
        }
    }
    out.push_str(rest);
    SafeHtml::new(out.chars().filter(|c| !is_marker(*c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown_to_safe_html;

    fn mark(n: usize) -> FlagMark {
        FlagMark {
            number: n,
            class: "counterfactual".into(),
            tip: format!("Tip <{n}> & more"),
        }
    }

    #[test]
    fn flagged_words_are_marked_where_they_render() {
        let md = "We should have checked.\n\nThey **should have** asked.\n";
        let first = md.find("should have checked").unwrap();
        let second = md.find("should have** asked").unwrap();
        let marked = insert_flag_markers(md, &[first..first + 19, second..second + 21]);
        let html = mark_flags(&markdown_to_safe_html(&marked), &[mark(0), mark(1)]);
        let html = html.as_str();
        assert!(html.contains(r#"<mark class="lint-flag lint-counterfactual" id="lint-0" tabindex="0" aria-describedby="lint-tip-0">should have checked<span class="lint-tip" role="tooltip" id="lint-tip-0">Tip &lt;0&gt; &amp; more</span></mark>"#), "{html}");
        // Crossing the emphasis: not marked inline, and no marker left behind.
        assert!(!html.contains("lint-1"), "{html}");
        assert!(
            html.contains("<strong>should have</strong> asked"),
            "{html}"
        );
        assert!(!html.chars().any(is_marker));
    }

    #[test]
    fn markers_in_the_text_cannot_forge_a_mark() {
        let forged = format!(
            "Text {START}{}x{END} and <b>",
            char::from_u32(NUMBER_BASE).unwrap()
        );
        let marked = insert_flag_markers(&forged, &[]);
        assert!(!marked.chars().any(is_marker));
        let html = mark_flags(&markdown_to_safe_html(&marked), &[mark(0)]);
        assert!(!html.as_str().contains("<mark"), "{}", html.as_str());
    }
}
