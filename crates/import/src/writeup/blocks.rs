//! The Markdown block structure the body scanner follows, a line at a time: list items and
//! their indent, ATX and setext headings, thematic breaks, code fences, pipe-table rows and
//! cells, and the emphasis and decoration around a line's text.

pub(super) struct Item<'a> {
    pub(super) indent: usize,
    pub(super) content_indent: usize,
    pub(super) content: &'a str,
}

/// A list item: `-`, `*`, `+`, `1.` or `1)`, and (as some real logs write it) `–`, each
/// followed by a space.
pub(super) fn list_item(line: &str) -> Option<Item<'_>> {
    let indent = indent_of(line);
    let rest = line.trim_start_matches([' ', '\t']);
    let (marker_bytes, marker_cols) = if rest.starts_with(['-', '*', '+']) {
        (1, 1)
    } else if rest.starts_with('\u{2013}') {
        (3, 1)
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits) && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) {
            (digits + 1, digits + 1)
        } else {
            return None;
        }
    };
    let after = rest.get(marker_bytes..)?;
    if after.is_empty() {
        return Some(Item {
            indent,
            content_indent: indent + marker_cols + 1,
            content: "",
        });
    }
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    Some(Item {
        indent,
        content_indent: indent + marker_cols + spaces.clamp(1, 4),
        content: after.trim(),
    })
}

/// Columns of leading whitespace, a tab counting as four.
pub(super) fn indent_of(line: &str) -> usize {
    line.chars()
        .map_while(|c| match c {
            ' ' => Some(1),
            '\t' => Some(4),
            _ => None,
        })
        .sum()
}

pub(super) fn atx_heading(line: &str) -> Option<(usize, String)> {
    if indent_of(line) > 3 {
        return None;
    }
    let t = line.trim_start();
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    // A closing run of `#` is decoration.
    let without = text.trim_end_matches('#');
    if without.is_empty() || without.ends_with([' ', '\t']) {
        text = without.trim_end();
    }
    Some((level, text.to_owned()))
}

pub(super) fn setext_level(next: &str) -> Option<usize> {
    if indent_of(next) > 3 {
        return None;
    }
    let t = next.trim();
    if !t.is_empty() && t.bytes().all(|b| b == b'=') {
        Some(1)
    } else if t.len() >= 2 && t.bytes().all(|b| b == b'-') {
        Some(2)
    } else {
        None
    }
}

pub(super) fn is_thematic_break(trimmed: &str) -> bool {
    let mut chars = trimmed.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_')
        && trimmed.chars().filter(|&c| c == first).count() >= 3
        && chars.all(|c| c == first)
}

pub(super) fn opens_fence(trimmed: &str) -> Option<(char, usize)> {
    let first = trimmed.chars().next()?;
    if first != '`' && first != '~' {
        return None;
    }
    let n = trimmed.chars().take_while(|&c| c == first).count();
    // A backtick fence's info string may not contain backticks (that is inline code).
    let info = &trimmed[n..];
    (n >= 3 && !(first == '`' && info.contains('`'))).then_some((first, n))
}

pub(super) fn closes_fence(line: &str, (ch, n): (char, usize)) -> bool {
    let t = line.trim();
    let run = t.chars().take_while(|&c| c == ch).count();
    run >= n && t.len() == run * ch.len_utf8()
}

pub(super) fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a pipe-table row, trimmed, with `\|` read as a literal bar.
pub(super) fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = match t.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => t,
    };
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cell).trim().to_owned()),
            c => cell.push(c),
        }
    }
    out.push(cell.trim().to_owned());
    out
}

/// The event cell, then any further columns as `Header: value`.
pub(super) fn row_text(headers: &[String], row: &[String], author_col: Option<usize>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (i, cell) in row.iter().enumerate().skip(1) {
        if cell.is_empty() {
            continue;
        }
        if i == 1 && author_col != Some(1) {
            parts.push(cell.clone());
        } else {
            let header = headers.get(i).map_or("", String::as_str);
            if header.is_empty() {
                parts.push(cell.clone());
            } else {
                parts.push(format!("{header}: {cell}"));
            }
        }
    }
    parts.join("; ")
}

/// Text without one pair of wrapping `**` or `__`.
pub(super) fn strip_emphasis(text: &str) -> &str {
    for m in ["**", "__"] {
        if let Some(inner) = text.strip_prefix(m).and_then(|t| t.strip_suffix(m)) {
            return inner.trim();
        }
    }
    text
}

/// Text without wrapping `**`, `__`, `*` or `_`.
pub(super) fn strip_any_emphasis(text: &str) -> &str {
    let t = strip_emphasis(text);
    for m in ['*', '_'] {
        if let Some(inner) = t.strip_prefix(m).and_then(|t| t.strip_suffix(m)) {
            return inner.trim();
        }
    }
    t
}

pub(super) fn is_summary_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    matches!(
        t.as_str(),
        "summary" | "incident summary" | "executive summary" | "tl;dr" | "tldr"
    )
}

/// Images, HTML and rules: lines in a timeline section that are not events.
pub(super) fn is_decoration(trimmed: &str) -> bool {
    trimmed.starts_with('<')
        || trimmed.starts_with("![")
        || trimmed
            .chars()
            .all(|c| matches!(c, '*' | '_' | '-' | '=' | '~' | '|' | ':' | ' '))
}
