//! The prose of a Markdown document, as byte ranges of the input: paragraphs, list items and
//! table cells, without what is not the writer's own prose. Fenced code, front matter, HTML
//! blocks, headings and block quotes (quoted speech: someone's words at the time) are left
//! out; within a block, inline code, link addresses, URLs, HTML tags and text in double
//! quotation marks are masked, so no rule looks at them. Positions stay those of the input as
//! given, so a flag points at the exact words.

use std::ops::Range;

/// A run of the writer's prose, and the parts of it no rule reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    /// Sorted, not overlapping, inside `range`.
    pub masked: Vec<Range<usize>>,
}

impl Block {
    pub fn is_masked(&self, at: usize) -> bool {
        self.masked.iter().any(|m| m.contains(&at))
    }
}

fn list_marker_len(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    match bytes.first()? {
        b'-' | b'*' | b'+' if bytes.get(1).is_some_and(|b| *b == b' ' || *b == b'\t') => Some(2),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let after = bytes.get(digits)?;
            ((*after == b'.' || *after == b')')
                && bytes
                    .get(digits + 1)
                    .is_none_or(|b| *b == b' ' || *b == b'\t'))
            .then_some(digits + 2)
        }
        _ => None,
    }
}

/// An ATX heading as CommonMark has it: one to six `#` and then a space, a tab or the line's end.
/// "#9120 broke the site" is a paragraph that starts with a pull request's number.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(line.as_bytes().get(hashes), None | Some(b' ' | b'\t'))
}

/// The start of an HTML block: `<` then a tag name, `/`, `!` or `?`. "<5% of requests failed"
/// is prose.
fn is_html_block(line: &str) -> bool {
    let mut bytes = line.bytes();
    bytes.next() == Some(b'<')
        && matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
}

fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The prose blocks of `text`, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut fence: Option<&str> = None;
    let mut in_front_matter = false;
    let mut offset = 0;
    let flush = |current: &mut Option<Range<usize>>, out: &mut Vec<Block>| {
        if let Some(r) = current.take()
            && !text[r.clone()].trim().is_empty()
        {
            out.push(Block {
                masked: inline_masks(text, r.clone()),
                range: r,
            });
        }
    };
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if n == 0 && line.trim_end() == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            if matches!(line.trim_end(), "---" | "...") {
                in_front_matter = false;
            }
            continue;
        }
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut current, &mut out);
            fence = Some(&trimmed[..3]);
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        // Quoted speech, headings, HTML blocks: not the writer's running prose.
        if trimmed.starts_with('>')
            || (indent < 4 && (is_atx_heading(trimmed) || is_html_block(trimmed)))
        {
            flush(&mut current, &mut out);
            continue;
        }
        if trimmed.starts_with('|') {
            flush(&mut current, &mut out);
            if is_table_separator(trimmed) {
                continue;
            }
            // Each cell is a block of its own.
            let row_start = start + indent;
            let mut cell_start = row_start + 1;
            let mut escaped = false;
            for (i, c) in trimmed.char_indices().skip(1) {
                let at = row_start + i;
                match c {
                    '\\' => escaped = !escaped,
                    '|' if !escaped => {
                        flush(&mut Some(cell_start..at), &mut out);
                        cell_start = at + 1;
                    }
                    _ => escaped = false,
                }
            }
            let end = start + line.len();
            if cell_start < end {
                flush(&mut Some(cell_start..end), &mut out);
            }
            continue;
        }
        if let Some(marker) = list_marker_len(trimmed) {
            flush(&mut current, &mut out);
            let from = start + indent + marker.min(trimmed.len());
            current = Some(from..start + line.len());
            continue;
        }
        let end = start + line.len();
        current = Some(match current {
            Some(r) => r.start..end,
            None => start + indent..end,
        });
    }
    flush(&mut current, &mut out);
    out
}

/// Inline code, link addresses, URLs, HTML tags and double-quoted text within `range`.
fn inline_masks(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let b = s.as_bytes();
    let base = range.start;
    let mut masks = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &s[i..];
        let found = if b[i] == b'`' {
            let ticks = rest.bytes().take_while(|c| *c == b'`').count();
            let closing = "`".repeat(ticks);
            rest[ticks..]
                .find(&closing)
                .map(|e| e + 2 * ticks)
                .or(Some(ticks))
        } else if rest.starts_with("](") {
            rest.find(')').map(|e| e + 1)
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            Some(rest.find(char::is_whitespace).unwrap_or(rest.len()))
        } else if b[i] == b'<'
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            rest.find('>').map(|e| e + 1)
        } else if (rest.starts_with('\'') || rest.starts_with('‘')) && after_speech_verb(&s[..i])
        {
            // `Tom wrote: 'we should have caught that'`: single quotes after a verb of
            // saying are someone's words too. The closing quote is a mark not followed by a
            // letter (not the apostrophe of "didn't").
            let open = rest.chars().next().map_or(1, char::len_utf8);
            let body = &rest[open..];
            body.char_indices()
                .find(|(k, c)| {
                    matches!(c, '\'' | '’')
                        && !body[k + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                })
                .map(|(k, c)| open + k + c.len_utf8())
                // `The pilot wrote, 'With this distraction, I failed to …` with the quote
                // closing in a later sentence: the rest of the paragraph is their words.
                .or(Some(rest.len()))
        } else if rest.starts_with('"') || rest.starts_with('“') {
            let open = if rest.starts_with('"') { '"' } else { '“' };
            let close = if open == '"' { '"' } else { '”' };
            rest[open.len_utf8()..]
                .find(close)
                .map(|e| e + open.len_utf8() + close.len_utf8())
                // `AWS say, "The root cause was …` with the quote closing in a later
                // paragraph: the rest of this one is still their words.
                .or_else(|| {
                    let before = s[..i].trim_end();
                    (before.ends_with(',') || before.ends_with(':')).then_some(rest.len())
                })
        } else {
            None
        };
        match found {
            Some(len) if len > 0 => {
                masks.push(base + i..base + i + len);
                i += len;
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    masks
}

/// Verbs of saying that introduce someone's words: "said", "wrote: ".
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "wrote",
    "writes",
    "asked",
    "asks",
    "replied",
    "replies",
    "added",
    "posted",
    "typed",
    "messaged",
    "commented",
    "responded",
    "answered",
    "told",
    "tells",
    "shouted",
    "yelled",
    "exclaimed",
    "remarked",
];

/// The text before a quote ends with a verb of saying, perhaps with a colon or a comma
/// ("Tom wrote: ", "she said, "), or "told us" / "told the team".
fn after_speech_verb(before: &str) -> bool {
    let before = before.trim_end();
    if !before.ends_with(|c: char| c.is_whitespace() || c == ':' || c == ',' || c.is_alphabetic()) {
        return false;
    }
    let before = before.trim_end_matches([':', ',']).trim_end();
    let mut words = before.rsplit(|c: char| !c.is_alphanumeric() && c != '\'');
    let last = words.next().unwrap_or("").to_lowercase();
    let second = words.next().unwrap_or("").to_lowercase();
    SPEECH_VERBS.contains(&last.as_str()) || (second == "told" && !last.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<&str> {
        blocks(md).into_iter().map(|b| &md[b.range]).collect()
    }

    #[test]
    fn prose_blocks_leave_out_code_quotes_headings_and_front_matter() {
        let md = "---\ntitle: x\n---\n# Root cause\n\nWe should have\nchecked it.\n\n```\nshould have\n```\n> they should have known\n\n- one item\n  continued\n- two\n\n| when | what |\n|---|---|\n| 10:00 | it broke |\n";
        assert_eq!(
            texts(md),
            [
                "We should have\nchecked it.",
                "one item\n  continued",
                "two",
                " when ",
                " what ",
                " 10:00 ",
                " it broke "
            ]
        );
    }

    #[test]
    fn a_hash_or_angle_bracket_without_a_heading_or_tag_after_it_starts_prose() {
        let md = "#9120 broke the site, my bad.\n\n<5% of requests failed.\n\n## Impact\n\n#\n\n####### seven is not a heading\n\n<details>\n\n</div>\n";
        assert_eq!(
            texts(md),
            [
                "#9120 broke the site, my bad.",
                "<5% of requests failed.",
                "####### seven is not a heading"
            ]
        );
    }

    #[test]
    fn code_links_urls_and_quotes_are_masked() {
        let md = "Run `just restart` then see [the doc](https://x.example/just) or https://y.example and \"we simply forgot\" <b>x</b>.";
        let block = &blocks(md)[0];
        let masked: Vec<&str> = block.masked.iter().map(|m| &md[m.clone()]).collect();
        assert_eq!(
            masked,
            [
                "`just restart`",
                "](https://x.example/just)",
                "https://y.example",
                "\"we simply forgot\"",
                "<b>",
                "</b>"
            ]
        );
    }
}
