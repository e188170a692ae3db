//! Reading and writing the sanitised HTML this crate makes: escaping what goes in, and finding
//! where a tag ends.
//!
//! html5ever (inside ammonia) escapes `&`, `<` and `>` in text but only `&` and `"` in attribute
//! values, so an `alt` or `title` may hold a raw `>`: a tag ends at the first `>` outside a
//! quoted value, never simply at the first `>`.

/// Escapes for an attribute value (quotes too) or for text (`&`, `<`, `>` only).
fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn escape_attr(s: &str) -> String {
    escape(s, true)
}

pub(crate) fn escape_text(s: &str) -> String {
    escape(s, false)
}

/// Where the tag that starts at `start` (a `<`) ends: just after its `>`, skipping quoted
/// attribute values; the end of `html` if it never closes.
pub(crate) fn tag_end(html: &str, start: usize) -> usize {
    let bytes = html.as_bytes();
    let mut in_quotes = false;
    for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'>' if !in_quotes => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The element name of a tag (`<h2 id="x">`, `</h2>`), lowercase.
pub(crate) fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The longest entity we decode or step over (`&#x10FFFF;`).
pub(crate) const MAX_ENTITY: usize = 10;

/// Whether byte offset `at` of escaped text falls strictly inside an entity such as `&lt;`
/// (after its `&`, up to and including its `;`). Looks at most [`MAX_ENTITY`] bytes each way.
pub(crate) fn inside_entity(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at == 0 || at > bytes.len() {
        return false;
    }
    let name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'#';
    let before = bytes[..at]
        .iter()
        .rev()
        .take(MAX_ENTITY)
        .take_while(|b| name(b));
    let back = before.count();
    if at < back + 1 || bytes[at - back - 1] != b'&' {
        return false;
    }
    let ahead = bytes[at..]
        .iter()
        .take(MAX_ENTITY)
        .take_while(|b| name(b))
        .count();
    back + ahead >= 1 && bytes.get(at + ahead) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_end_outside_quoted_values() {
        let html = "<img src=\"x\" alt=\"a>b\">after";
        assert_eq!(&html[..tag_end(html, 0)], "<img src=\"x\" alt=\"a>b\">");
        assert_eq!(tag_end("<p", 0), 2);
        assert_eq!(tag_name("</H2>"), "h2");
    }

    #[test]
    fn positions_inside_entities() {
        let t = "a &lt;script&gt; &amp; b";
        let inside: Vec<usize> = (0..=t.len()).filter(|&i| inside_entity(t, i)).collect();
        // After each `&`, up to and including its `;`.
        assert_eq!(inside, [3, 4, 5, 13, 14, 15, 18, 19, 20, 21]);
        assert!(!inside_entity("AT&T and T;", 3));
        assert_eq!(escape_text("<a & b>"), "&lt;a &amp; b&gt;");
        assert_eq!(escape_attr("\"'"), "&quot;&#39;");
    }
}
