//! The budget Markdown must fit before it is rendered, and the one linear pass that checks it.
//!
//! comrak and ammonia are fast on what people write, but not on everything: 100,000 nested
//! block quotes cost html5ever (inside ammonia) over a minute, and some shapes multiply the
//! HTML (a footnote reference becomes two links and a list item). So every text is scanned
//! first, line by line, in time linear in its length, and text over a limit never reaches
//! comrak: writers get an error naming the limit; text stored before the limits existed is
//! shown as plain text (see [`crate::markdown_to_safe_html`]).
//!
//! The scan over-counts rather than under-counts: it does not parse inlines, so it counts
//! what *could* be a link (`](`, `][`, `[[`, `<x`, `://`, `www.`, an email address, and every `[`
//! once the text defines a reference) and what could nest (every block-quote and list marker
//! that opens a container, kept open across lazy continuation lines). The limits leave room
//! for that: the largest real write-ups we have use a small fraction of each (see
//! [`Limits::DEFAULT`]).

use std::fmt;

/// How much one Markdown document may ask of the renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Length in bytes.
    pub max_bytes: usize,
    /// Containers inside containers: block quotes, list items and footnote definitions.
    pub max_nesting: usize,
    /// Links and images, counted generously (see the module documentation).
    pub max_links: usize,
    /// Footnote references or definitions, whichever is more.
    pub max_footnotes: usize,
    /// ```` ```lore-timeline ```` blocks: each may draw a whole diagram.
    pub max_timeline_blocks: usize,
    /// Columns of a table: rows with fewer cells are padded to this many.
    pub max_table_columns: usize,
    /// Cells of a table (columns times rows, the header included): every row has as many
    /// cells as the header, however short it is written, so a narrow text can ask for a
    /// wide page.
    pub max_table_cells: usize,
    /// The HTML comrak may write for it, in bytes; past that the text is shown as plain text.
    pub max_html_bytes: usize,
}

impl Limits {
    /// The limits for everything people write in Lore (narratives, perspectives, glossary
    /// definitions).
    ///
    /// Measured on the real write-ups we have (`crates/import/tests/data/writeups`, the same
    /// 93 postmortems of three organisations as `../shared/data/writeups`, and the demo's
    /// narrative and perspectives; `tests/it/real_writeups.rs` keeps the figures): the
    /// largest is 72,646 bytes (an incident log), the deepest nests list items four deep (and
    /// a block quote once elsewhere), the most links in one is 96 (207 by this scan's generous
    /// count, which takes every bracket as a link once a reference is defined), the most
    /// footnotes 3, the largest table 2 columns and 58 cells (4 columns in the demo's
    /// README), and none has a timeline block yet (a narrative might embed a few slices).
    /// Each limit leaves at least eight times the room the largest needs.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 1_048_576,
        max_nesting: 32,
        max_links: 2_000,
        max_footnotes: 200,
        max_timeline_blocks: 16,
        max_table_columns: 64,
        max_table_cells: 50_000,
        max_html_bytes: 8 * 1_048_576,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// What the scan counted (upper bounds, see the module documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan {
    pub bytes: usize,
    pub nesting: usize,
    /// At the deepest point: how many of the containers were block quotes.
    pub nesting_quotes: usize,
    /// The nesting is a lower bound: past the limit the scan stops following deeper
    /// containers from line to line (its work stays bounded), so it counts what it can see.
    pub nesting_at_least: bool,
    pub links: usize,
    pub footnotes: usize,
    pub timeline_blocks: usize,
    pub table_columns: usize,
    /// Cells of the largest table, counting every line up to a blank one as a row.
    pub table_cells: usize,
}

/// The limit a text is over, with how far. Its `Display` completes a sentence that names the
/// text: "a perspective " + "nests block quotes 400 deep; at most 32".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitExceeded {
    Size {
        bytes: usize,
        max: usize,
    },
    Nesting {
        what: &'static str,
        depth: usize,
        /// `depth` is a lower bound ("at least 34 deep").
        at_least: bool,
        max: usize,
    },
    Links {
        count: usize,
        max: usize,
    },
    Footnotes {
        count: usize,
        max: usize,
    },
    TimelineBlocks {
        count: usize,
        max: usize,
    },
    TableColumns {
        count: usize,
        max: usize,
    },
    TableCells {
        count: usize,
        max: usize,
    },
    /// Found while rendering, not by the scan: the HTML would be larger than this.
    Html {
        max: usize,
    },
}

/// `12345` as `12,345`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |v: &usize| thousands(*v);
        match self {
            LimitExceeded::Size { bytes, max } => {
                write!(f, "is {} bytes long; at most {}", n(bytes), n(max))
            }
            LimitExceeded::Nesting {
                what,
                depth,
                at_least,
                max,
            } => {
                let at_least = if *at_least { "at least " } else { "" };
                write!(
                    f,
                    "nests {what} {at_least}{} deep; at most {}",
                    n(depth),
                    n(max)
                )
            }
            LimitExceeded::Links { count, max } => {
                write!(f, "has {} links; at most {}", n(count), n(max))
            }
            LimitExceeded::Footnotes { count, max } => {
                write!(f, "has {} footnotes; at most {}", n(count), n(max))
            }
            LimitExceeded::TimelineBlocks { count, max } => write!(
                f,
                "has {} lore-timeline blocks; at most {}",
                n(count),
                n(max)
            ),
            LimitExceeded::TableColumns { count, max } => {
                write!(f, "has a table of {} columns; at most {}", n(count), n(max))
            }
            LimitExceeded::TableCells { count, max } => {
                write!(f, "has a table of {} cells; at most {}", n(count), n(max))
            }
            LimitExceeded::Html { max } => {
                write!(f, "would render to more than {} bytes of HTML", n(max))
            }
        }
    }
}

impl std::error::Error for LimitExceeded {}

/// Checks `markdown` against `limits` in one pass, linear in its length; returns what it
/// counted. Nothing here allocates more than the nesting limit allows.
pub fn check_markdown(markdown: &str, limits: &Limits) -> Result<Scan, LimitExceeded> {
    if markdown.len() > limits.max_bytes {
        return Err(LimitExceeded::Size {
            bytes: markdown.len(),
            max: limits.max_bytes,
        });
    }
    let scan = scan(markdown, limits.max_nesting);
    if scan.nesting > limits.max_nesting {
        let what = match scan.nesting_quotes {
            0 => "lists",
            q if q == scan.nesting => "block quotes",
            _ => "block quotes and lists",
        };
        return Err(LimitExceeded::Nesting {
            what,
            depth: scan.nesting,
            at_least: scan.nesting_at_least,
            max: limits.max_nesting,
        });
    }
    let over = |count: usize, max: usize| count > max;
    if over(scan.links, limits.max_links) {
        return Err(LimitExceeded::Links {
            count: scan.links,
            max: limits.max_links,
        });
    }
    if over(scan.footnotes, limits.max_footnotes) {
        return Err(LimitExceeded::Footnotes {
            count: scan.footnotes,
            max: limits.max_footnotes,
        });
    }
    if over(scan.timeline_blocks, limits.max_timeline_blocks) {
        return Err(LimitExceeded::TimelineBlocks {
            count: scan.timeline_blocks,
            max: limits.max_timeline_blocks,
        });
    }
    if over(scan.table_columns, limits.max_table_columns) {
        return Err(LimitExceeded::TableColumns {
            count: scan.table_columns,
            max: limits.max_table_columns,
        });
    }
    if over(scan.table_cells, limits.max_table_cells) {
        return Err(LimitExceeded::TableCells {
            count: scan.table_cells,
            max: limits.max_table_cells,
        });
    }
    Ok(scan)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    /// A list item or footnote definition: its content starts at this column.
    Item(usize),
}

/// An open fenced code block: its character, its length, and how many containers held it.
struct Fence {
    ch: u8,
    len: usize,
    depth: usize,
}

/// A position in a line: byte offset and column (tabs to the next multiple of 4).
#[derive(Clone, Copy)]
struct At {
    i: usize,
    col: usize,
}

fn skip_spaces(line: &[u8], mut at: At) -> At {
    while let Some(&b) = line.get(at.i) {
        match b {
            b' ' => at.col += 1,
            b'\t' => at.col += 4 - at.col % 4,
            _ => break,
        }
        at.i += 1;
    }
    at
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t'))
}

/// `* * *`, `---`, `___`: not list items, however they start.
fn is_thematic_break(rest: &[u8]) -> bool {
    let Some(&first) = rest.iter().find(|b| !matches!(b, b' ' | b'\t')) else {
        return false;
    };
    matches!(first, b'*' | b'-' | b'_')
        && rest
            .iter()
            .all(|&b| b == first || matches!(b, b' ' | b'\t'))
        && rest.iter().filter(|&&b| b == first).count() >= 3
}

/// A list marker at `at` (`-`, `+`, `*`, or up to 9 digits and `.` or `)`), followed by a
/// space, a tab or the end of the line: where the marker ends.
fn list_marker(line: &[u8], at: At) -> Option<At> {
    let mut i = at.i;
    match line.get(i)? {
        b'-' | b'+' | b'*' => i += 1,
        b'0'..=b'9' => {
            let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(line.get(i + digits), Some(b'.' | b')')) {
                return None;
            }
            i += digits + 1;
        }
        _ => return None,
    }
    match line.get(i) {
        None | Some(b' ' | b'\t') => Some(At {
            i,
            col: at.col + (i - at.i),
        }),
        _ => None,
    }
}

/// `[^label]:` at `at`: where it ends.
fn footnote_definition(line: &[u8], at: At) -> Option<At> {
    let rest = &line[at.i..];
    if !rest.starts_with(b"[^") {
        return None;
    }
    let close = rest.iter().take(1002).position(|&b| b == b']')?;
    (close > 2 && rest.get(close + 1) == Some(&b':')).then(|| At {
        i: at.i + close + 2,
        col: at.col + close + 2,
    })
}

/// An opening or closing code fence: its character and length, and the info string.
fn fence(rest: &[u8]) -> Option<(u8, usize, &[u8])> {
    let ch = *rest.first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.iter().take_while(|&&b| b == ch).count();
    let info = &rest[len..];
    (len >= 3 && !(ch == b'`' && info.contains(&b'`'))).then_some((ch, len, info))
}

/// A table's delimiter row (`| --- | :-: |`): its number of columns.
fn delimiter_row_columns(rest: &[u8]) -> Option<usize> {
    if !rest.contains(&b'|') || !rest.contains(&b'-') {
        return None;
    }
    if !rest
        .iter()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
    {
        return None;
    }
    let mut columns = 0;
    let mut in_dashes = false;
    for &b in rest {
        if b == b'-' && !in_dashes {
            columns += 1;
        }
        in_dashes = b == b'-' || (in_dashes && b == b':');
        if b == b'|' {
            in_dashes = false;
        }
    }
    Some(columns)
}

/// Counts what could become a link or a footnote in a line outside code blocks.
#[derive(Default)]
struct InlineCounts {
    links: usize,
    brackets: usize,
    footnote_refs: usize,
    footnote_defs: usize,
    reference_definitions: bool,
}

impl InlineCounts {
    fn line(&mut self, rest: &[u8]) {
        let trimmed = &rest[rest.iter().take_while(|&&b| b == b' ').count()..];
        if trimmed.starts_with(b"[^") && footnote_definition(trimmed, At { i: 0, col: 0 }).is_some()
        {
            self.footnote_defs += 1;
        } else if trimmed.starts_with(b"[") && is_reference_definition(trimmed) {
            self.reference_definitions = true;
        }
        let mut i = 0;
        while i < rest.len() {
            match rest[i] {
                b'[' => {
                    self.brackets += 1;
                    match rest.get(i + 1) {
                        Some(b'^') => self.footnote_refs += 1,
                        // A wiki link to an incident, `[[slug]]`.
                        Some(b'[') => self.links += 1,
                        _ => {}
                    }
                }
                b']' if matches!(rest.get(i + 1), Some(b'(' | b'[')) => {
                    self.links += 1;
                    // The destination is part of this link, whatever it holds.
                    i += skip_destination(&rest[i + 2..], b')');
                }
                b'<' if rest.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                    self.links += 1;
                    i += skip_destination(&rest[i + 1..], b'>');
                }
                b':' if rest[i..].starts_with(b"://") => self.links += 1,
                b'w' | b'W'
                    if rest[i..].len() >= 4 && rest[i..i + 4].eq_ignore_ascii_case(b"www.") =>
                {
                    self.links += 1;
                    i += 3;
                }
                b'@' if is_email_domain(&rest[i + 1..]) => self.links += 1,
                _ => {}
            }
            i += 1;
        }
    }

    fn links(&self) -> usize {
        // Once a reference is defined, any bracketed text may be a link to it.
        self.links
            + if self.reference_definitions {
                self.brackets
            } else {
                0
            }
    }

    fn footnotes(&self) -> usize {
        // A definition line starts with `[^` too: it was counted as a reference as well.
        self.footnote_defs
            .max(self.footnote_refs.saturating_sub(self.footnote_defs))
    }
}

/// How many bytes of a link destination to step over: up to `close` or a space.
fn skip_destination(rest: &[u8], close: u8) -> usize {
    rest.iter()
        .take_while(|&&b| b != close && !b.is_ascii_whitespace())
        .count()
}

/// `[label]: destination`, as a reference definition starts (not `[^note]:`).
fn is_reference_definition(line: &[u8]) -> bool {
    line.iter()
        .take(1002)
        .position(|&b| b == b']')
        .is_some_and(|close| close > 1 && line.get(close + 1) == Some(&b':'))
}

/// After an `@`: `name.domain` as an email autolink needs (looked at over a bounded window).
fn is_email_domain(rest: &[u8]) -> bool {
    let word: Vec<u8> = rest
        .iter()
        .take(256)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        .copied()
        .collect();
    word.first().is_some_and(u8::is_ascii_alphanumeric) && word.contains(&b'.')
}

/// The pass itself. The stack of open containers never grows past `max_nesting + 1`, so a
/// line costs its length plus at most that many steps.
fn scan(markdown: &str, max_nesting: usize) -> Scan {
    let mut out = Scan {
        bytes: markdown.len(),
        ..Scan::default()
    };
    let mut stack: Vec<Container> = Vec::new();
    let mut fence_open: Option<Fence> = None;
    let mut counts = InlineCounts::default();
    // The open table: its columns and cells so far.
    let mut table: Option<(usize, usize)> = None;
    for line in markdown.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line).as_bytes();
        let blank = is_blank(line);
        // Which open containers this line continues.
        let mut at = At { i: 0, col: 0 };
        let (mut matched, mut matched_quotes) = (0, 0);
        for c in &stack {
            match *c {
                Container::Quote => {
                    let s = skip_spaces(line, at);
                    if s.col - at.col > 3 || line.get(s.i) != Some(&b'>') {
                        break;
                    }
                    at = after_quote_marker(line, s);
                    matched_quotes += 1;
                }
                Container::Item(content) if !blank => {
                    let s = skip_spaces(line, at);
                    if s.col < content {
                        break;
                    }
                    at = s;
                }
                // Blank lines continue list items.
                Container::Item(_) => {}
            }
            matched += 1;
        }
        if let Some(f) = &fence_open {
            if matched >= f.depth {
                let s = skip_spaces(line, at);
                if let Some((ch, len, info)) = fence(&line[s.i..]).filter(|_| s.col - at.col <= 3)
                    && ch == f.ch
                    && len >= f.len
                    && is_blank(info)
                {
                    fence_open = None;
                }
                continue;
            }
            // The containers that held the fence were closed, and the fence with them.
            fence_open = None;
        }
        // Which containers the line opens.
        let mut opened: Vec<Container> = Vec::new();
        let (mut opened_count, mut opened_quotes) = (0, 0);
        loop {
            let s = skip_spaces(line, at);
            if s.col - at.col > 3 || s.i >= line.len() {
                break;
            }
            let (container, next) = if line[s.i] == b'>' {
                opened_quotes += 1;
                (Container::Quote, after_quote_marker(line, s))
            } else if is_thematic_break(&line[s.i..]) {
                break;
            } else if let Some(end) = list_marker(line, s) {
                let after = skip_spaces(line, end);
                let spaces = after.col - end.col;
                if after.i >= line.len() || spaces > 4 {
                    // Content starts one column after the marker.
                    (Container::Item(end.col + 1), end)
                } else {
                    (Container::Item(after.col), after)
                }
            } else if let Some(end) = footnote_definition(line, s) {
                // Its content continues on lines indented four columns.
                (Container::Item(s.col + 4), skip_spaces(line, end))
            } else {
                break;
            };
            opened_count += 1;
            if matched + opened.len() <= max_nesting {
                opened.push(container);
            }
            at = next;
        }
        if !opened.is_empty() {
            stack.truncate(matched);
            stack.extend(opened.iter().copied());
        } else if blank {
            // A blank line closes the block quotes it does not continue.
            stack.truncate(matched);
        }
        // (A line that continues fewer containers and opens none may be a lazy continuation:
        // the containers stay open, which can only over-count.)
        if matched + opened_count > out.nesting {
            out.nesting = matched + opened_count;
            out.nesting_quotes = matched_quotes + opened_quotes;
            out.nesting_at_least = matched > max_nesting;
        }
        let s = skip_spaces(line, at);
        let rest = &line[s.i..];
        if let Some((ch, len, info)) = fence(rest).filter(|_| s.col - at.col <= 3) {
            let word = info
                .split(|b| b.is_ascii_whitespace())
                .find(|w| !w.is_empty())
                .unwrap_or_default();
            if word == b"lore-timeline" {
                out.timeline_blocks += 1;
            }
            table = None;
            // A fence is no lazy continuation: the containers it does not continue close.
            if opened.is_empty() {
                stack.truncate(matched);
            }
            fence_open = Some(Fence {
                ch,
                len,
                depth: stack.len(),
            });
            continue;
        }
        if let Some(columns) = delimiter_row_columns(rest) {
            out.table_columns = out.table_columns.max(columns);
            // The header row above it, and this one's columns for every row to come.
            table = Some((columns, columns));
        } else if is_blank(rest) {
            table = None;
        } else if let Some((columns, cells)) = &mut table {
            *cells += *columns;
        }
        if let Some((_, cells)) = table {
            out.table_cells = out.table_cells.max(cells);
        }
        counts.line(rest);
    }
    out.links = counts.links();
    out.footnotes = counts.footnotes();
    out
}

fn after_quote_marker(line: &[u8], at: At) -> At {
    let mut next = At {
        i: at.i + 1,
        col: at.col + 1,
    };
    match line.get(next.i) {
        Some(b' ') => {
            next.i += 1;
            next.col += 1;
        }
        // A tab after `>` gives one of its columns as the optional space.
        Some(b'\t') => {
            if next.col % 4 == 3 {
                next.i += 1;
            }
            next.col += 1;
        }
        _ => {}
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_of(md: &str) -> Scan {
        scan(md, Limits::DEFAULT.max_nesting)
    }

    #[test]
    fn nesting_of_quotes_and_lists() {
        assert_eq!(scan_of("plain text\n\nmore").nesting, 0);
        assert_eq!(scan_of("> quoted\n> still").nesting, 1);
        assert_eq!(scan_of("> > > three").nesting, 3);
        assert_eq!(scan_of(">>> three").nesting, 3);
        let list = "- a\n  - b\n    - c\n      text\n- d\n";
        assert_eq!(scan_of(list).nesting, 3);
        assert_eq!(scan_of("1. a\n   1. b\n").nesting, 2);
        assert_eq!(scan_of("> - a\n>   - b\n").nesting, 3);
        assert_eq!(scan_of("- - - -\n").nesting, 0, "a thematic break");
        assert_eq!(scan_of("* * *\n").nesting, 0);
        // A quote ends at a blank line; the next starts again from the top.
        assert_eq!(scan_of("> a\n\n> b\n\n> c").nesting, 1);
        // Code is not nesting.
        assert_eq!(scan_of("```\n> > > > x\n- - a\n```\n").nesting, 0);
        assert_eq!(scan_of("    > > > indented code\n").nesting, 0);
        let deep = "> ".repeat(400);
        let s = scan_of(&deep);
        assert_eq!((s.nesting, s.nesting_quotes), (400, 400));
        // Tabs after `>` and tabs before a fence (cases proptest found).
        assert!(scan_of("1\n* >>\t>").nesting >= 4);
        assert!(scan_of(" >>\t- ").nesting >= 3);
        assert!(
            scan_of("\t```\n>").nesting >= 1,
            "an indented fence is code, not a fence"
        );
        // Lazy lines keep the quotes open: the next line nests from there.
        let lazy = format!("{}x\ny\n{}z", "> ".repeat(20), "> ".repeat(21));
        assert_eq!(scan_of(&lazy).nesting, 21);
    }

    #[test]
    fn links_footnotes_blocks_and_columns() {
        let s = scan_of(
            "See [the log](https://example.com/x) and <https://a.b>, www.c.d, e@f.gh.\n\n\
             Footnote[^1] and [^2].\n\n[^1]: one\n[^2]: two\n\n\
             ```lore-timeline\nfrom=07:00 [x](y)\n```\n\n~~~ lore-timeline lanes=people\n~~~\n\n\
             | a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n",
        );
        assert_eq!(s.links, 4, "{s:?}");
        assert_eq!(s.footnotes, 2, "{s:?}");
        assert_eq!(s.timeline_blocks, 2, "{s:?}");
        assert_eq!(s.table_columns, 3, "{s:?}");
        assert_eq!(s.table_cells, 6, "{s:?}");
        // With a reference defined, any brackets may be links to it.
        assert_eq!(scan_of("[a] [a] [a]\n\n[a]: /x").links, 4);
        assert_eq!(scan_of("[a] [a] [a]").links, 0);
    }

    #[test]
    fn refusals_name_the_limit() {
        let err = |md: &str| {
            check_markdown(md, &Limits::DEFAULT)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(&"> ".repeat(400)),
            "nests block quotes 400 deep; at most 32"
        );
        assert_eq!(
            err(&format!("{}a", "- ".repeat(40))),
            "nests lists 40 deep; at most 32"
        );
        let indented: String = (0..40)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect();
        assert_eq!(err(&indented), "nests lists at least 34 deep; at most 32");
        assert_eq!(
            err(&"[x](#a)".repeat(25_000)),
            "has 25,000 links; at most 2,000"
        );
        let mut notes = String::new();
        for i in 0..300 {
            notes.push_str(&format!("x[^{i}]\n\n[^{i}]: n\n\n"));
        }
        assert_eq!(err(&notes), "has 300 footnotes; at most 200");
        assert_eq!(
            err(&"```lore-timeline\n```\n\n".repeat(4000)),
            "has 4,000 lore-timeline blocks; at most 16"
        );
        assert_eq!(
            err(&format!("|{}\n|{}\n", "a|".repeat(100), "-|".repeat(100))),
            "has a table of 100 columns; at most 64"
        );
        assert_eq!(
            err(&format!(
                "|{}\n|{}\n{}",
                "a|".repeat(60),
                "-|".repeat(60),
                "x\n".repeat(1000)
            )),
            "has a table of 60,060 cells; at most 50,000"
        );
        assert_eq!(
            err(&"x".repeat(2_000_000)),
            "is 2,000,000 bytes long; at most 1,048,576"
        );
        assert!(check_markdown("## Fine\n\n> a quote\n\n- a list", &Limits::DEFAULT).is_ok());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }

    proptest::proptest! {
        /// Whatever the text, the scan never counts less nesting than comrak builds.
        #[test]
        fn scan_never_under_counts_nesting(md in "(?s)[>\\- *+1.)\\[\\]^:a\n\t`~]{0,200}") {
            let scanned = scan_of(&md).nesting;
            let built = comrak_depth(&md);
            proptest::prop_assert!(built <= scanned, "comrak {built} > scan {scanned} for {md:?}");
        }
    }

    /// The container depth comrak builds (block quotes, list items, footnote definitions).
    fn comrak_depth(md: &str) -> usize {
        use comrak::nodes::{AstNode, NodeValue};
        fn walk<'a>(n: &'a AstNode<'a>, depth: usize) -> usize {
            let here = depth
                + usize::from(matches!(
                    n.data.borrow().value,
                    NodeValue::BlockQuote
                        | NodeValue::Item(_)
                        | NodeValue::TaskItem(_)
                        | NodeValue::FootnoteDefinition(_)
                ));
            n.children().map(|c| walk(c, here)).max().unwrap_or(here)
        }
        let arena = comrak::Arena::new();
        walk(
            comrak::parse_document(&arena, md, &crate::comrak_options()),
            0,
        )
    }
}
