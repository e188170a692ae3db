//! Passages of rendered prose that analysts marked as moments: finding a quoted passage in the
//! text a reader sees, and highlighting it in place with a link to its moment.

use crate::SafeHtml;
use crate::markup::{MAX_ENTITY, escape_attr, escape_text, tag_end, tag_name};
use crate::stats;

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
    let mut pos = 0;
    while pos < html.len() {
        let rest = &html[pos..];
        if rest.starts_with('<') {
            let end = tag_end(html, pos);
            if breaks_text(&tag_name(&html[pos..end])) {
                out.push(' ');
            }
            pos = end;
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push_str(&unescape(&rest[..end]));
            pos += end;
        }
    }
    normalise_space(&out)
}

/// Where `quote` starts in the text of `html` (a character offset into `plain_text`), if it is
/// there at all.
pub fn find_passage(html: &str, quote: &str) -> Option<usize> {
    find_passages(html, &[quote])[0]
}

/// [`find_passage`] for several quotes, reading the HTML once.
pub fn find_passages<Q: AsRef<str>>(html: &str, quotes: &[Q]) -> Vec<Option<usize>> {
    let text = plain_text(html);
    quotes
        .iter()
        .map(|quote| {
            let quote = normalise_space(quote.as_ref());
            if quote.is_empty() {
                return None;
            }
            text.find(&quote).map(|byte| text[..byte].chars().count())
        })
        .collect()
}

/// Highlights the first occurrence of each passage with a marker linking to its moment.
/// Returns the HTML and, per mark, whether it was found; a passage that has left the narrative
/// is not highlighted (its moment still quotes it).
///
/// Works on sanitised HTML as `markdown_to_safe_html` makes it: tags are Lore's and text is
/// escaped, so what is inserted here lands between tags and characters, never inside them.
pub fn mark_passages(html: &SafeHtml, marks: &[PassageMark]) -> (SafeHtml, Vec<bool>) {
    let mut html = html.as_str().to_owned();
    let mut found = Vec::with_capacity(marks.len());
    for mark in marks {
        match mark_first(&html, mark) {
            Some(marked) => {
                html = marked;
                found.push(true);
            }
            None => found.push(false),
        }
    }
    (SafeHtml::new(html), found)
}

/// One character of the text a reader sees, and where it came from in the HTML.
struct Seen {
    ch: char,
    /// The byte range of its source in the HTML (a character, or an entity like `&amp;`).
    from: usize,
    to: usize,
    /// The run of text it is in (`None`: a break between blocks, not in the HTML).
    run: Option<usize>,
}

fn decode_entity(entity: &str) -> Option<char> {
    match entity {
        "&lt;" => Some('<'),
        "&gt;" => Some('>'),
        "&amp;" => Some('&'),
        "&quot;" => Some('"'),
        "&#39;" | "&apos;" => Some('\''),
        "&nbsp;" => Some(' '),
        _ => {
            let n = entity.strip_prefix("&#")?.strip_suffix(';')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The text of sanitised HTML as a reader sees it, character by character, each run of text
/// numbered and flagged when it lies inside a link. Markers added by earlier marks are not
/// text.
fn seen_text(html: &str) -> (Vec<Seen>, Vec<bool>) {
    let mut seen = Vec::with_capacity(html.len());
    let mut runs_in_link = Vec::new();
    let mut link_depth = 0usize;
    let mut in_marker = false;
    let mut pos = 0;
    while pos < html.len() {
        let rest = &html[pos..];
        if rest.starts_with('<') {
            let end = tag_end(html, pos) - pos;
            let tag = &rest[..end];
            let name = tag_name(tag);
            if tag.starts_with("<a class=\"passage-ref\"") {
                in_marker = true;
            } else if name == "a" && tag.starts_with("</") {
                if in_marker {
                    in_marker = false;
                } else {
                    link_depth = link_depth.saturating_sub(1);
                }
            } else if name == "a" && !tag.ends_with("/>") {
                link_depth += 1;
            }
            if breaks_text(&name) {
                seen.push(Seen {
                    ch: ' ',
                    from: pos,
                    to: pos,
                    run: None,
                });
            }
            pos += end;
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        if !in_marker {
            let run = runs_in_link.len();
            runs_in_link.push(link_depth > 0);
            let text = &rest[..end];
            let mut i = 0;
            while let Some(c) = text[i..].chars().next() {
                let entity = (c == '&')
                    .then(|| {
                        text.as_bytes()[i..]
                            .iter()
                            .take(MAX_ENTITY + 2)
                            .position(|&b| b == b';')
                    })
                    .flatten()
                    .and_then(|semi| decode_entity(&text[i..=i + semi]).map(|ch| (ch, semi + 1)));
                let (ch, len) = entity.unwrap_or((c, c.len_utf8()));
                seen.push(Seen {
                    ch,
                    from: pos + i,
                    to: pos + i + len,
                    run: Some(run),
                });
                i += len;
            }
        }
        pos += end;
    }
    (seen, runs_in_link)
}

/// Highlights the first occurrence of the quote, whitespace-insensitive, even across formatting
/// (`**solid**`), links and paragraphs: each run of text it covers gets its own `<mark>`, the
/// first carrying the id and title, and the marker goes after the last (after the link, when
/// the passage ends inside one, so that links never nest).
fn mark_first(html: &str, mark: &PassageMark) -> Option<String> {
    let quote = normalise_space(&mark.quote);
    if quote.is_empty() {
        return None;
    }
    stats::count(|s| s.passage_bytes += html.len() as u64);
    let (seen, runs_in_link) = seen_text(html);
    // The seen text with whitespace collapsed, and for each of its characters its `seen` index.
    let mut text = String::with_capacity(seen.len());
    let mut origin: Vec<usize> = Vec::with_capacity(seen.len());
    for (i, s) in seen.iter().enumerate() {
        let space = s.ch.is_whitespace();
        if space && (text.is_empty() || text.ends_with(' ')) {
            continue;
        }
        text.push(if space { ' ' } else { s.ch });
        origin.push(i);
    }
    let byte = text.find(&quote)?;
    let first = text[..byte].chars().count();
    let last = first + quote.chars().count() - 1;
    // The covered characters, one HTML range per run of text.
    let mut segments: Vec<(usize, usize, usize)> = Vec::new();
    for s in &seen[origin[first]..=origin[last]] {
        let Some(run) = s.run else { continue };
        match segments.last_mut() {
            Some((r, _, to)) if *r == run => *to = s.to,
            _ => segments.push((run, s.from, s.to)),
        }
    }
    // Whitespace between blocks (`</p>\n<p>`) is no part of the passage a reader sees.
    segments.retain(|&(_, from, to)| !html[from..to].trim().is_empty());
    let title = if mark.note.is_empty() {
        mark.label.clone()
    } else {
        format!("{}: {}", mark.label, mark.note)
    };
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (n, &(_, from, to)) in segments.iter().enumerate() {
        let open = if n == 0 {
            format!(
                "<mark id=\"{}\" class=\"passage theme-{}\" title=\"{}\">",
                escape_attr(&mark.anchor),
                escape_attr(&mark.theme),
                escape_attr(&title)
            )
        } else {
            format!(
                "<mark class=\"passage theme-{}\">",
                escape_attr(&mark.theme)
            )
        };
        inserts.push((from, open));
        inserts.push((to, "</mark>".to_owned()));
    }
    let &(last_run, _, last_to) = segments.last()?;
    let marker_at = if runs_in_link[last_run] {
        html[last_to..]
            .find("</a>")
            .map_or(html.len(), |i| last_to + i + "</a>".len())
    } else {
        last_to
    };
    inserts.push((
        marker_at,
        format!(
            "<a class=\"passage-ref\" href=\"{}\">{}</a>",
            escape_attr(&mark.href),
            escape_text(&mark.label)
        ),
    ));
    // Stable by position: at one position, a `</mark>` stays before the marker that follows.
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(html.len() + 512);
    let mut at = 0;
    for (pos, piece) in inserts {
        out.push_str(&html[at..pos]);
        out.push_str(&piece);
        at = pos;
    }
    out.push_str(&html[at..]);
    Some(out)
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
        assert_eq!(found, [true, true, false], "{out}");
        assert!(
            out.contains(
                "Stations <mark id=\"passage-3\" class=\"passage theme-paradox\" \
                 title=\"Paradox: a &quot;note&quot; &lt;b&gt;\">went back into\nmaintenance &amp;</mark>\
                 <a class=\"passage-ref\" href=\"#moment-3\">Paradox</a> stayed."
            ),
            "{out}"
        );
        // Inside a link the words are marked, and the marker waits until the link has closed:
        // links never nest.
        assert!(
            out.contains(
                "nofollow\"><mark id=\"passage-3\" class=\"passage theme-paradox\" \
                 title=\"&lt;tag&gt;: a &quot;note&quot; &lt;b&gt;\">stations went back</mark></a>\
                 <a class=\"passage-ref\" href=\"#moment-3\">&lt;tag&gt;</a>."
            ),
            "{out}"
        );
    }

    /// A passage across emphasis, code and a paragraph break is marked run by run; a second
    /// mark does not read the first one's marker as text.
    #[test]
    fn passages_across_formatting_are_marked_run_by_run() {
        let html = markdown_to_safe_html(
            "Offline fallback flashes; maintenance is **solid**, which is what `MAINT` means.\n\nNext paragraph.",
        );
        let (out, found) = mark_passages(
            &html,
            &[
                mark(
                    "maintenance is solid, which is what MAINT means. Next",
                    "Paradox",
                ),
                mark("Paradox", "Twice"),
            ],
        );
        assert_eq!(found, [true, false], "the first marker is not text: {out}");
        assert_eq!(
            out.as_str(),
            "<p>Offline fallback flashes; <mark id=\"passage-3\" class=\"passage theme-paradox\" \
             title=\"Paradox: a &quot;note&quot; &lt;b&gt;\">maintenance is </mark><strong>\
             <mark class=\"passage theme-paradox\">solid</mark></strong>\
             <mark class=\"passage theme-paradox\">, which is what </mark><code>\
             <mark class=\"passage theme-paradox\">MAINT</mark></code>\
             <mark class=\"passage theme-paradox\"> means.</mark></p>\n<p>\
             <mark class=\"passage theme-paradox\">Next</mark>\
             <a class=\"passage-ref\" href=\"#moment-3\">Paradox</a> paragraph.</p>\n"
        );
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

    proptest::proptest! {
        /// Whatever the Markdown, any words a reader sees are found, marked once, with tags
        /// balanced, and nothing executable appears.
        #[test]
        fn what_readers_see_can_be_marked(
            markdown in "(?s)[a-z &<>*_`#\\[\\]()\n\"'-]{0,160}",
            start in 0usize..200,
            len in 1usize..40,
        ) {
            let html = markdown_to_safe_html(&markdown);
            let text: Vec<char> = plain_text(&html).chars().collect();
            let start = start.min(text.len());
            let end = (start + len).min(text.len());
            let quote: String = text[start..end].iter().collect();
            let (out, found) = mark_passages(&html, &[mark(&quote, "Theme")]);
            if normalise_space(&quote).is_empty() {
                proptest::prop_assert_eq!(found, vec![false]);
            } else {
                proptest::prop_assert!(find_passage(&html, &quote).is_some());
                proptest::prop_assert_eq!(found, vec![true], "{:?} in {}", quote, html);
                proptest::prop_assert_eq!(out.matches("<mark").count(), out.matches("</mark>").count());
                proptest::prop_assert_eq!(out.matches("class=\"passage-ref\"").count(), 1);
            }
            proptest::prop_assert!(!out.contains("<script"));
        }
    }
}
