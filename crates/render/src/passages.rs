//! Passages of rendered prose that analysts marked as moments: finding a quoted passage in the
//! text a reader sees, and highlighting it in place with a link to its moment.

use crate::glossary::{escape_attr, escape_text};

/// A marked passage to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageMark {
    /// The words as the reader saw them (plain text, not Markdown).
    pub quote: String,
    /// The highlight's id, e.g. `passage-12`. Made by Lore.
    pub anchor: String,
    /// Where the highlight's marker links, e.g. `#moment-12`. Made by Lore.
    pub href: String,
    /// The theme as a CSS class suffix (`surprise`). Made by Lore.
    pub theme: String,
    /// The marker's text ("Surprise" or the analyst's tag).
    pub label: String,
    /// The note, shown on hover.
    pub note: String,
}

/// Elements whose text is never wrapped: a link inside a link is invalid, and code is shown
/// exactly as written.
fn protected(name: &str) -> bool {
    matches!(name, "a" | "code" | "pre")
}

/// Elements that end a line of text: their tags separate words in `plain_text`.
fn breaks_text(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "li"
            | "div"
            | "blockquote"
            | "pre"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Whitespace collapsed to single spaces, ends trimmed: how quotes and text are compared.
pub fn normalise_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader sees in sanitised HTML, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            if breaks_text(&tag_name(&rest[..end])) {
                out.push(' ');
            }
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push_str(&unescape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    normalise_space(&out)
}

/// Where `quote` starts in the text of `html` (a character offset into `plain_text`), if it is
/// there at all.
pub fn find_passage(html: &str, quote: &str) -> Option<usize> {
    let text = plain_text(html);
    let quote = normalise_space(quote);
    if quote.is_empty() {
        return None;
    }
    text.find(&quote).map(|byte| text[..byte].chars().count())
}

/// The byte range of the first match of `words` in `text`, any run of whitespace matching any
/// other.
fn find_words(text: &str, words: &[String]) -> Option<(usize, usize)> {
    let first = words.first()?;
    let mut from = 0;
    while let Some(i) = text[from..].find(first.as_str()) {
        let start = from + i;
        let mut end = start + first.len();
        let matched = words[1..].iter().all(|w| {
            let rest = &text[end..];
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest[gap..].starts_with(w.as_str()) {
                return false;
            }
            end += gap + w.len();
            true
        });
        if matched {
            return Some((start, end));
        }
        from = start + first.len();
    }
    None
}

/// Highlights the first occurrence of each passage that lies within one run of text (outside
/// links and code), with a marker linking to its moment. Returns the HTML and, per mark, whether
/// it was found; a passage that spans formatting or has left the narrative is not highlighted
/// (its moment still quotes it).
///
/// Works on sanitised HTML as `markdown_to_safe_html` makes it: text `<` and `&` are escaped,
/// so the escaped quote is what appears in the text.
pub fn mark_passages(html: &str, marks: &[PassageMark]) -> (String, Vec<bool>) {
    let mut html = html.to_owned();
    let mut found = Vec::with_capacity(marks.len());
    for mark in marks {
        let words: Vec<String> = mark.quote.split_whitespace().map(escape_text).collect();
        match mark_first(&html, &words, mark) {
            Some(marked) => {
                html = marked;
                found.push(true);
            }
            None => found.push(false),
        }
    }
    (html, found)
}

fn mark_first(html: &str, words: &[String], mark: &PassageMark) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    let mut depth = 0usize;
    let mut pos = 0;
    while pos < html.len() {
        let rest = &html[pos..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            if protected(&tag_name(tag)) && !tag.ends_with("/>") {
                if tag.starts_with("</") {
                    depth = depth.saturating_sub(1);
                } else {
                    depth += 1;
                }
            }
            pos += end;
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        if depth == 0
            && let Some((s, e)) = find_words(&rest[..end], words)
        {
            let (s, e) = (pos + s, pos + e);
            let title = if mark.note.is_empty() {
                mark.label.clone()
            } else {
                format!("{}: {}", mark.label, mark.note)
            };
            return Some(format!(
                "{}<mark id=\"{}\" class=\"passage theme-{}\" title=\"{}\">{}</mark><a class=\"passage-ref\" href=\"{}\">{}</a>{}",
                &html[..s],
                escape_attr(&mark.anchor),
                escape_attr(&mark.theme),
                escape_attr(&title),
                &html[s..e],
                escape_attr(&mark.href),
                escape_text(&mark.label),
                &html[e..]
            ));
        }
        pos += end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown_to_safe_html;

    fn mark(quote: &str, label: &str) -> PassageMark {
        PassageMark {
            quote: quote.into(),
            anchor: "passage-3".into(),
            href: "#moment-3".into(),
            theme: "paradox".into(),
            label: label.into(),
            note: "a \"note\" <b>".into(),
        }
    }

    #[test]
    fn finds_what_the_reader_sees_not_the_markdown() {
        let html = markdown_to_safe_html(
            "## What happened\n\nThe *retained* notice\ncame back on every reconnect.\n\n- a & b < c",
        );
        assert_eq!(
            plain_text(&html),
            "What happened# link to this section The retained notice came back on every reconnect. a & b < c"
        );
        assert_eq!(
            find_passage(&html, "retained  notice came\n back"),
            Some(40)
        );
        assert_eq!(find_passage(&html, "a & b < c"), Some(86));
        assert_eq!(find_passage(&html, "not in it"), None);
        assert_eq!(find_passage(&html, "   "), None);
    }

    #[test]
    fn highlights_within_a_text_run_and_escapes_what_it_adds() {
        let html = markdown_to_safe_html(
            "Stations went back into\nmaintenance & stayed. See [stations went back](#entry-4).",
        );
        let (out, found) = mark_passages(
            &html,
            &[
                mark("went back into maintenance &", "Paradox"),
                mark("stations went back", "<tag>"),
                mark("never written", "x"),
            ],
        );
        assert_eq!(found, [true, false, false], "{out}");
        assert!(
            out.contains(
                "Stations <mark id=\"passage-3\" class=\"passage theme-paradox\" \
                 title=\"Paradox: a &quot;note&quot; &lt;b&gt;\">went back into\nmaintenance &amp;</mark>\
                 <a class=\"passage-ref\" href=\"#moment-3\">Paradox</a> stayed."
            ),
            "{out}"
        );
        // The second quote only occurs inside a link: left alone rather than nesting links.
        assert!(out.contains("nofollow\">stations went back</a>"), "{out}");
    }

    /// Markup in a narrative is text (raw HTML is off), and so is a quote of it: marking it
    /// highlights the escaped text and adds nothing executable.
    #[test]
    fn hostile_quotes_stay_text() {
        let html = markdown_to_safe_html("They pasted <script>alert(1)</script> & <b>bold</b>.");
        let quote = "<script>alert(1)</script> & <b>bold</b>";
        assert!(find_passage(&html, quote).is_some(), "{html}");
        let (out, found) = mark_passages(
            &html,
            &[PassageMark {
                quote: quote.into(),
                anchor: "passage-1".into(),
                href: "#moment-1".into(),
                theme: "surprise".into(),
                label: "<img src=x onerror=alert(1)>".into(),
                note: "\" onmouseover=\"alert(1)".into(),
            }],
        );
        assert_eq!(found, [true], "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert!(
            out.contains(
                "title=\"&lt;img src=x onerror=alert(1)&gt;: &quot; onmouseover=&quot;alert(1)\""
            ),
            "{out}"
        );
    }
}
