//! Text as the status readers write it: status labels, entry text, summaries cut at words,
//! and the HTML of updates as plain text.

use super::SUMMARY_CHARS;

/// `Investigating`, `In progress`, `Service disruption`: a status as a page shows it.
pub(crate) fn status_label(status: &str) -> String {
    let lower = status.trim().replace('_', " ").to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An entry's text: `Label: body`, or whichever of the two there is.
pub(crate) fn entry_text(label: &str, body: &str) -> String {
    match (label.is_empty(), body.is_empty()) {
        (false, false) => format!("{label}: {body}"),
        (false, true) => label.to_owned(),
        _ => body.to_owned(),
    }
}

/// A summary cut from an update's text: whitespace collapsed, at most [`SUMMARY_CHARS`]
/// characters, cut at a word boundary with an ellipsis when it is longer.
pub(crate) fn summarize(text: &str) -> String {
    shorten(text, SUMMARY_CHARS)
}

/// `text` with whitespace collapsed, cut to at most `max` characters (the ellipsis included)
/// at a word boundary when it is longer.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((limit, _)) = flat.char_indices().nth(max) else {
        return flat;
    };
    // Leave room for the ellipsis, and prefer the last space unless that drops most of it.
    let head = &flat[..limit];
    let head = match head.rfind(' ') {
        Some(space) if space > limit / 2 => &head[..space],
        _ => match head.char_indices().last() {
            Some((last, _)) => &head[..last],
            None => head,
        },
    };
    format!("{}…", head.trim_end_matches([' ', ',', ';', ':']))
}

/// Plain text from the small HTML that status pages write: tags dropped (`<br>` and block
/// ends become line breaks), the common entities decoded, runs of spaces collapsed and lines
/// trimmed. With `keep_newlines`, a newline in the source is a line break too (Statuspage
/// bodies in JSON), otherwise it is a space (as in HTML).
///
/// A `<` that does not start a tag (`latency < 5ms`) and an `&` that does not start a known
/// entity (`AT&T`) are kept as text.
pub(crate) fn html_to_text(html: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some((tag_len, name, closing)) = tag_at(rest)
        {
            let block = matches!(
                name.as_str(),
                "p" | "div" | "li" | "ul" | "ol" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            );
            if name == "br" || (block && closing) {
                out.push('\n');
            } else if block {
                out.push(' ');
            }
            rest = &rest[tag_len..];
            continue;
        }
        if c == '&'
            && let Some((len, decoded)) = entity_at(rest)
        {
            out.push(decoded);
            rest = &rest[len..];
            continue;
        }
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {}
            ' ' | '\t' | '\n' | '\r' | '\x0c' => out.push(' '),
            other => out.push(other),
        }
        rest = &rest[c.len_utf8()..];
    }
    let lines: Vec<String> = out
        .split('\n')
        .map(|line| {
            let mut collapsed = String::with_capacity(line.len());
            for word in line.split(' ').filter(|w| !w.is_empty()) {
                if !collapsed.is_empty() {
                    collapsed.push(' ');
                }
                collapsed.push_str(word);
            }
            collapsed
        })
        .collect();
    lines.join("\n").trim_matches('\n').to_owned()
}

/// When `s` starts with a tag (`<br />`, `</p>`, `<a href="x>y">`, `<!-- -->`): its length,
/// lowercased name and whether it closes. `None` when the `<` is text.
pub(super) fn tag_at(s: &str) -> Option<(usize, String, bool)> {
    let b = s.as_bytes();
    let (closing, name_start) = match b.get(1)? {
        b'/' => (true, 2),
        b'!' => (false, 2),
        c if c.is_ascii_alphabetic() => (false, 1),
        _ => return None,
    };
    if closing && !b.get(2)?.is_ascii_alphabetic() {
        return None;
    }
    if b.get(1) == Some(&b'!') && s.starts_with("<!--") {
        let end = s.get(4..)?.find("-->")? + 4 + 3;
        return Some((end, "!--".to_owned(), false));
    }
    let mut i = name_start;
    while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        i += 1;
    }
    let name = s.get(name_start..i)?.to_ascii_lowercase();
    // Find the closing `>`, stepping over quoted attribute values.
    let mut quote = None;
    while let Some(&c) = b.get(i) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some((i + 1, name, closing)),
            None if c == b'<' => return None,
            None => {}
        }
        i += 1;
    }
    None
}

/// When `s` starts with a known entity: its length and the character.
fn entity_at(s: &str) -> Option<(usize, char)> {
    let end = s.bytes().take(12).position(|c| c == b';')?;
    let name = s.get(1..end)?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((end + 1, c))
}

pub(crate) fn push_unique(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() && !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text(
                " We &amp; they<br />saw <a href='x>y'>this</a> &lt;5ms &#39;ok&#x27; AT&T &bogus; <br><br>  end ",
                false
            ),
            "We & they\nsaw this <5ms 'ok' AT&T &bogus;\n\nend"
        );
        assert_eq!(html_to_text("a < b and c<d", false), "a < b and c<d");
        assert_eq!(html_to_text("one\ntwo", true), "one\ntwo");
        assert_eq!(html_to_text("one\ntwo", false), "one two");
        assert_eq!(
            html_to_text("<!-- x --><p>para</p><p>two", false),
            "para\ntwo"
        );
    }

    #[test]
    fn summaries_cut_at_words() {
        assert_eq!(summarize("  short\n text "), "short text");
        let long = "word ".repeat(100);
        let s = summarize(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SUMMARY_CHARS);
        let unbroken = "x".repeat(400);
        assert_eq!(summarize(&unbroken).chars().count(), SUMMARY_CHARS);
    }
}
