//! Text as search sees it: tokens, snippets with the matched words marked, and a narrative cut
//! into the sections a hit links to. Every function here is one pass over its input.

/// Marks the start of a matched word in a snippet. A private-use character, so it cannot be
/// confused with text and the page can escape the snippet first and then turn the marks into
/// `<mark>` tags.
pub const MATCH_START: char = '\u{E000}';
/// Marks the end of a matched word in a snippet.
pub const MATCH_END: char = '\u{E001}';

/// Words shown in a snippet.
const SNIPPET_WORDS: usize = 32;
/// Words shown before the first match.
const SNIPPET_LEAD: usize = 8;
/// Bytes of a text looked at for a snippet: a snippet comes from the start of a long text.
const SNIPPET_SCAN_BYTES: usize = 64 * 1024;

/// The runs of letters and digits in `text`, with their byte offsets: the tokens both stores'
/// indexes are built from (SQLite's `unicode61` tokenizer and PostgreSQL's `simple`
/// configuration over text whose other characters are made spaces).
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_token_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_token_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A short passage of `text` around the first words that match, with each matched token
/// between [`MATCH_START`] and [`MATCH_END`]. Without a match (a hit found by its title, or by
/// a filter alone) it is the text's beginning. `looked_for` holds lower-case tokens, each
/// with whether it is a prefix.
pub fn snippet(text: &str, looked_for: &[(String, bool)]) -> String {
    let text = cut_at_char(text, SNIPPET_SCAN_BYTES);
    let is_match = |token: &str| {
        let lower = token.to_lowercase();
        looked_for.iter().any(|(t, prefix)| {
            if *prefix {
                lower.starts_with(t.as_str())
            } else {
                lower == *t
            }
        })
    };
    // Reads tokens only until the window after the first match is full: the work is bounded
    // by where the first match is, not by the text's length.
    let mut words: std::collections::VecDeque<(usize, &str)> = std::collections::VecDeque::new();
    let mut dropped_before = false;
    let mut matched = false;
    let mut more_after = false;
    for (offset, word) in tokens(text) {
        if words.len() >= SNIPPET_WORDS {
            more_after = true;
            break;
        }
        if !matched && is_match(word) {
            matched = true;
        }
        words.push_back((offset, word));
        if !matched && words.len() > SNIPPET_LEAD {
            words.pop_front();
            dropped_before = true;
        }
    }
    if !matched {
        // No match in the text (found by its title, or by a filter): its beginning.
        return snippet_of_start(text);
    }
    let (Some(&(start, _)), Some(&(last, last_word))) = (words.front(), words.back()) else {
        return String::new();
    };
    let start = if dropped_before { start } else { 0 };
    let end = if more_after {
        last + last_word.len()
    } else {
        text.len()
    };
    let mut out = String::new();
    if dropped_before {
        out.push('…');
    }
    let mut at = start;
    for &(offset, word) in &words {
        if is_match(word) {
            push_spaced(&mut out, &text[at..offset]);
            out.push(MATCH_START);
            out.push_str(word);
            out.push(MATCH_END);
            at = offset + word.len();
        }
    }
    push_spaced(&mut out, &text[at..end]);
    out.truncate(out.trim_end().len());
    if more_after {
        out.push('…');
    }
    out
}

fn snippet_of_start(text: &str) -> String {
    let mut out = String::new();
    match tokens(text).nth(SNIPPET_WORDS) {
        Some((offset, _)) => {
            push_spaced(&mut out, &text[..offset]);
            out.truncate(out.trim_end().len());
            out.push('…');
        }
        None => {
            push_spaced(&mut out, text);
            out.truncate(out.trim_end().len());
        }
    }
    out
}

/// Appends text with runs of white space (line breaks included) shown as one space.
fn push_spaced(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        // A mark character in the text itself must not open or close a highlight.
        let c = if c == MATCH_START || c == MATCH_END {
            '\u{FFFD}'
        } else {
            c
        };
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
}

/// Words too common to say what a text is about.
const STOPWORDS: &[&str] = &[
    "about", "after", "again", "also", "been", "before", "being", "between", "both", "came",
    "could", "does", "doing", "down", "during", "each", "even", "every", "from", "further", "have",
    "having", "here", "into", "just", "like", "made", "more", "most", "much", "must", "once",
    "only", "other", "over", "same", "should", "since", "some", "such", "than", "that", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "under", "until", "very",
    "was", "were", "what", "when", "where", "which", "while", "who", "whom", "will", "with",
    "would", "your", "because", "still", "what's", "didn", "doesn", "wasn",
];

/// The `n` words a text uses most that say what it is about: at least four letters, not a
/// number, not a common English word; ties in the order they first appear. Reads at most the
/// first [`SNIPPET_SCAN_BYTES`] × 4 bytes.
pub fn distinctive_terms(text: &str, n: usize) -> Vec<String> {
    let text = cut_at_char(text, SNIPPET_SCAN_BYTES * 4);
    let mut counts: std::collections::HashMap<String, (usize, usize)> = Default::default();
    for (i, (_, word)) in tokens(text).enumerate() {
        if word.chars().count() < 4 || word.chars().all(|c| c.is_numeric()) {
            continue;
        }
        let lower = word.to_lowercase();
        if STOPWORDS.contains(&lower.as_str()) {
            continue;
        }
        counts.entry(lower).or_insert((0, i)).0 += 1;
    }
    let mut words: Vec<(String, (usize, usize))> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    words.into_iter().take(n).map(|(w, _)| w).collect()
}

/// A snippet without its match marks: plain text.
pub fn strip_marks(snippet: &str) -> String {
    snippet
        .chars()
        .filter(|&c| c != MATCH_START && c != MATCH_END)
        .collect()
}

fn cut_at_char(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// One section of a narrative: what a narrative hit links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's words; empty for text before the first heading.
    pub heading: String,
    /// The id the rendered heading carries (`#anchor`); empty before the first heading.
    pub anchor: String,
    /// The section's words, Markdown punctuation taken out.
    pub text: String,
}

/// Cuts Markdown at its ATX headings (`#` to `######`, outside fenced code), giving each
/// section the anchor the rendered page gives its heading (comrak's rule: lower case, letters,
/// digits, `_`, `-` and spaces kept, spaces as `-`, a repeat gets `-1`, `-2`…).
pub fn narrative_sections(markdown: &str) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: String::new(),
        anchor: String::new(),
        text: String::new(),
    }];
    let mut seen = std::collections::HashSet::new();
    let mut fence: Option<(char, usize)> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent < 4 {
            if let Some(f) = fence_marker(trimmed) {
                match fence {
                    None => fence = Some(f),
                    Some((c, n)) if f.0 == c && f.1 >= n => fence = None,
                    Some(_) => {}
                }
            } else if let (None, Some(heading)) = (fence, atx_heading(trimmed)) {
                let text = plain_words(heading);
                let anchor = unique_anchor(&anchorize(&text), &mut seen);
                sections.push(Section {
                    heading: text,
                    anchor,
                    text: String::new(),
                });
                continue;
            }
        }
        let section = sections.last_mut().expect("one section at least");
        section.text.push_str(&plain_words(line));
        section.text.push('\n');
    }
    sections.retain(|s| !(s.heading.is_empty() && s.text.trim().is_empty()));
    sections
}

fn fence_marker(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = line.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    // A closing run of #s is not part of the heading.
    let rest = rest.trim();
    let rest = rest.trim_end_matches('#');
    Some(rest.trim_end())
}

/// The words of one line of Markdown: link targets, images' addresses, emphasis and code
/// marks taken out, so snippets read as prose and anchors match the rendered heading.
pub fn plain_words(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let c = bytes[i];
        match c {
            b'*' | b'_' | b'`' => {
                // Emphasis and code marks; a `_` inside a word is kept (snake_case).
                let inside_word = c == b'_'
                    && i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric());
                if inside_word {
                    out.push('_');
                }
                i += 1;
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => i += 1,
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                // `](target)`: skip to the closing parenthesis on this line.
                match line[i + 2..].find(')') {
                    Some(close) => i = i + 2 + close + 1,
                    None => i += 1,
                }
            }
            b'[' | b']' => i += 1,
            _ => {
                let ch = line[i..].chars().next().expect("on a char boundary");
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// A heading's id as comrak gives it, before repeats are numbered.
pub fn anchorize(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|&c| c.is_alphanumeric() || c == '_' || c == '-' || c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn unique_anchor(base: &str, seen: &mut std::collections::HashSet<String>) -> String {
    let mut n = 0;
    loop {
        let candidate = if n == 0 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        };
        if seen.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_runs_of_letters_and_digits() {
        let t: Vec<&str> = tokens("dock-broker v1.2 café_OK  ")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(t, ["dock", "broker", "v1", "2", "café", "OK"]);
    }

    #[test]
    fn snippet_marks_matches_around_the_first_one() {
        let text = format!(
            "{} the NAT gateway dropped\nconnections, nat again",
            "filler ".repeat(20)
        );
        let s = snippet(&text, &[("nat".into(), false), ("conn".into(), true)]);
        assert!(s.starts_with('…'), "{s}");
        assert!(s.contains("the \u{E000}NAT\u{E001} gateway dropped \u{E000}connections\u{E001}, \u{E000}nat\u{E001} again"), "{s}");
    }

    #[test]
    fn marks_in_the_text_itself_are_not_highlights() {
        let s = snippet("x \u{E001}\u{E000} nat", &[("nat".into(), false)]);
        assert_eq!(s, "x \u{FFFD}\u{FFFD} \u{E000}nat\u{E001}");
        assert_eq!(strip_marks(&s), "x \u{FFFD}\u{FFFD} nat");
    }

    #[test]
    fn distinctive_terms_skip_short_common_and_numeric_words() {
        let t = distinctive_terms(
            "The broker kept the retained notice; the broker re-sent the notice at 0900. Broker!",
            3,
        );
        assert_eq!(t, ["broker", "notice", "kept"]);
    }

    #[test]
    fn snippet_without_a_match_is_the_beginning() {
        let s = snippet("one two three", &[("zzz".into(), false)]);
        assert_eq!(s, "one two three");
    }

    #[test]
    fn sections_follow_headings_outside_fences_with_comrak_anchors() {
        let md = "Intro *text*.\n\n## What **we** saw\n\nA [link](https://x.test/a) here.\n\n```\n# not a heading\n```\n\n## What we saw\n\n### Q&A: 5 whys?\n";
        let s = narrative_sections(md);
        let heads: Vec<(&str, &str)> = s
            .iter()
            .map(|s| (s.heading.as_str(), s.anchor.as_str()))
            .collect();
        assert_eq!(
            heads,
            [
                ("", ""),
                ("What we saw", "what-we-saw"),
                ("What we saw", "what-we-saw-1"),
                ("Q&A: 5 whys?", "qa-5-whys")
            ]
        );
        assert!(s[1].text.contains("A link here."), "{:?}", s[1].text);
        assert!(s[1].text.contains("# not a heading"));
    }
}
