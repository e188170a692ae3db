//! The write-up's body, line by line: headings, tables, lists, and the times in them.
//!
//! This is not a Markdown parser. It follows the few block structures timelines are written
//! in (headings, fenced code, pipe tables, list items with their continuation lines,
//! paragraphs) closely enough to know which section and which list or table a line belongs
//! to, and leaves the text itself alone.

use lore_core::{EntryKind, NewTimelineEntry, Provenance};
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use super::blocks::{
    Item, atx_heading, cells, closes_fence, indent_of, is_decoration, is_delimiter_row,
    is_summary_heading, is_thematic_break, list_item, opens_fence, row_text, setext_level,
    strip_any_emphasis, strip_emphasis,
};
use super::timed::{Label, Timed, duration_range, split_label, split_timed, zone_declaration};
use super::when::{self, Stamp, Zone};

mod placing;
mod tables;

use tables::Table;

/// The incident times a write-up can state, as indexes into [`Scan::times`].
pub(crate) const STARTED: usize = 0;
pub(crate) const DETECTED: usize = 1;
pub(crate) const RESOLVED: usize = 2;
const TIME_NAMES: [&str; 3] = ["start", "detection", "resolution"];

/// An incident time and the file line that stated it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stated {
    pub at: OffsetDateTime,
    pub line: u64,
}

/// What the body says.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub entries: Vec<NewTimelineEntry>,
    /// Warnings with the line they are about, for sorting into file order.
    pub warnings: Vec<(u64, String)>,
    pub times: [Option<Stated>; 3],
    pub first_h1: Option<String>,
    pub summary: Option<String>,
    /// The day (as written, before conversion to UTC) of the first entry placed.
    pub first_entry_day: Option<Date>,
}

/// What the body is read with.
pub(crate) struct Settings<'a> {
    pub file: &'a str,
    /// The zone for times written without one; `None` assumes UTC and says so.
    pub tz: Option<&'a crate::zone::Zone>,
    /// The day for times that have no date of their own, in a heading or in their list.
    pub doc_date: Option<Date>,
    /// Whether the front matter already said that UTC is assumed (it is said once a file).
    pub utc_already_assumed: bool,
}

/// A run of sibling list items at one indentation.
struct Group {
    indent: usize,
    /// Where the content of the group's last item starts: deeper lines belong to it.
    content_indent: usize,
    /// The entry that continuation lines of the last item extend.
    target: Option<usize>,
    /// The entry of the item this group is nested under, if that item was placed: untimed
    /// sub-items are part of its text.
    parent_target: Option<usize>,
    has_times: bool,
    /// Items without a time: reported if the group turns out to be a timeline.
    untimed: Vec<(u64, String)>,
    /// The last date an item in this group wrote out, for the items after it that give
    /// only a time.
    carry: Option<Date>,
    /// Whether the group is under a heading that names a timeline.
    timeline: bool,
}

impl Group {
    fn new(indent: usize, parent_target: Option<usize>, timeline: bool) -> Self {
        Group {
            indent,
            content_indent: indent + 2,
            target: None,
            parent_target,
            has_times: false,
            untimed: Vec::new(),
            carry: None,
            timeline,
        }
    }
}

enum Summary {
    Idle,
    Waiting,
    Collecting(Vec<String>),
}

enum Placed {
    At {
        at: OffsetDateTime,
        zone: String,
        day: Date,
    },
    DayOnly(Date),
    Nothing,
}

struct Scanner<'a> {
    s: Settings<'a>,
    out: Scan,
    /// The open code fence: its character and length.
    fence: Option<(char, usize)>,
    level: usize,
    heading_day: Option<Date>,
    /// A date line could not be read: times below it have no day until the next date.
    day_unknown: bool,
    timeline: bool,
    /// Zones declared in prose ("All times in CET."), with the level of the section that
    /// declared them: they hold until a heading at that level or above.
    zones: Vec<(usize, Zone)>,
    groups: Vec<Group>,
    table: Option<Table>,
    /// A paragraph entry (`15:35 – text`) that the next lines, until a blank one, extend.
    para_target: Option<usize>,
    blank: bool,
    summary: Summary,
    assumed_utc_warned: bool,
    cet_warned: bool,
}

/// Reads `lines`, the first of which is file line `first_line`. `stated` holds the incident
/// times the front matter already gave: they win over the body's.
pub(crate) fn scan<'t>(
    lines: impl Iterator<Item = &'t str>,
    first_line: u64,
    settings: Settings,
    stated: [Option<Stated>; 3],
) -> Scan {
    let assumed_utc_warned = settings.utc_already_assumed;
    let mut sc = Scanner {
        s: settings,
        out: Scan {
            times: stated,
            ..Scan::default()
        },
        fence: None,
        level: 0,
        heading_day: None,
        day_unknown: false,
        timeline: false,
        zones: Vec::new(),
        groups: Vec::new(),
        table: None,
        para_target: None,
        blank: true,
        summary: Summary::Idle,
        assumed_utc_warned,
        cet_warned: false,
    };
    let mut lines = lines.peekable();
    let mut no = first_line;
    while let Some(line) = lines.next() {
        if sc.line(no, line, lines.peek().copied()) == 2 {
            lines.next();
            no += 1;
        }
        no += 1;
    }
    sc.finish()
}

impl Scanner<'_> {
    /// Handles one line (and the next, for a setext heading or a table's delimiter row);
    /// returns how many lines it used.
    fn line(&mut self, no: u64, line: &str, next: Option<&str>) -> usize {
        if let Some(fence) = self.fence {
            if closes_fence(line, fence) {
                self.fence = None;
            }
            return 1;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.end_table();
            self.para_target = None;
            self.end_summary();
            self.blank = true;
            return 1;
        }
        let was_blank = std::mem::replace(&mut self.blank, false);
        if let Some(fence) = opens_fence(trimmed) {
            // Code inside a list (logs, commands) belongs to the item above it; the list
            // goes on after the fence, so lists are left open.
            self.fence = Some(fence);
            self.para_target = None;
            self.end_summary();
            return 1;
        }
        if self.table.is_some() {
            if trimmed.contains('|') {
                self.table_row(no, line);
                return 1;
            }
            self.end_table();
        }
        if let Some((level, text)) = atx_heading(line) {
            self.heading(level, &text);
            return 1;
        }
        if indent_of(line) < 4 && trimmed.contains('|') && next.is_some_and(is_delimiter_row) {
            self.start_table(trimmed);
            return 2;
        }
        if is_thematic_break(trimmed) {
            self.end_lists();
            self.para_target = None;
            self.end_summary();
            return 1;
        }
        if let Some(item) = list_item(line) {
            self.item(no, line, item);
            return 1;
        }
        if self.continuation(line, was_blank) {
            return 1;
        }
        if let Some(level) = next.and_then(setext_level) {
            self.heading(level, trimmed);
            return 2;
        }
        self.end_lists();
        self.paragraph(no, line, trimmed);
        1
    }

    fn finish(mut self) -> Scan {
        self.end_table();
        self.end_lists();
        self.end_summary();
        // Warnings are found out of order (a list's untimed items are reported when the
        // list ends); the report reads best in file order.
        self.out.warnings.sort_by_key(|(line, _)| *line);
        self.out
    }

    fn warn(&mut self, line: u64, message: impl std::fmt::Display) {
        let text = format!("{}:{line}: {message}", self.s.file);
        self.out.warnings.push((line, text));
    }

    fn unplaced(&mut self, line: u64, text: &str) {
        self.warn(line, format_args!("could not place: {text}"));
    }

    fn heading(&mut self, level: usize, text: &str) {
        self.end_table();
        self.end_lists();
        self.para_target = None;
        self.end_summary();
        let text = strip_emphasis(text.trim());
        if level == 1 && self.out.first_h1.is_none() && !text.is_empty() {
            self.out.first_h1 = Some(text.to_owned());
        }
        if let Some(day) = when::day_in(text).and_then(|d| d.resolve(self.last_day())) {
            self.heading_day = Some(day);
            self.day_unknown = false;
        }
        self.timeline = text.to_lowercase().contains("timeline");
        while self.zones.last().is_some_and(|(l, _)| *l >= level) {
            self.zones.pop();
        }
        self.level = level;
        self.summary = if self.out.summary.is_none() && is_summary_heading(text) {
            Summary::Waiting
        } else {
            Summary::Idle
        };
    }

    /// The day a time-only stamp falls on when its list or table gives none.
    fn context_day(&self) -> Option<Date> {
        if self.day_unknown {
            return None;
        }
        self.last_day()
    }

    /// The last day known above, for the year of a date written without one.
    fn last_day(&self) -> Option<Date> {
        self.heading_day.or(self.s.doc_date)
    }

    /// A paragraph that is only a date (`**May 3**`, `2023-05-03:`, `24/07/25`) starts a new
    /// day like a heading does. True if the line was one.
    fn date_line(&mut self, no: u64, trimmed: &str) -> bool {
        let t = strip_any_emphasis(trimmed.trim_end_matches(':').trim());
        let t = t.trim_end_matches(':').trim();
        let context = self.last_day();
        let day = match when::stamp(t) {
            Some(st) if st.len == t.len() && st.time.is_none() => {
                st.day.and_then(|d| d.resolve(context))
            }
            _ => match when::slashed_day(t, context) {
                Some(day) => day,
                None => return false,
            },
        };
        match day {
            Some(d) => {
                self.heading_day = Some(d);
                self.day_unknown = false;
            }
            None => {
                self.day_unknown = true;
                self.warn(no, format_args!("could not read the date: {trimmed}"));
            }
        }
        true
    }

    /// Ends the summary paragraph being collected; a summary section that has not reached
    /// its first paragraph yet (a blank line, a list) keeps waiting for it.
    fn end_summary(&mut self) {
        if let Summary::Collecting(lines) = &mut self.summary {
            self.out.summary = Some(std::mem::take(lines).join("\n"));
            self.summary = Summary::Idle;
        }
    }

    fn paragraph(&mut self, no: u64, line: &str, trimmed: &str) {
        match &mut self.summary {
            Summary::Waiting => self.summary = Summary::Collecting(vec![trimmed.to_owned()]),
            Summary::Collecting(lines) => lines.push(trimmed.to_owned()),
            Summary::Idle => {}
        }
        if let Some(zone) = zone_declaration(trimmed) {
            self.zones.push((self.level, zone));
            return;
        }
        if self.date_line(no, trimmed) {
            return;
        }
        if let Some(t) = split_timed(trimmed, true)
            && t.stamp.time.is_some()
        {
            let context = self.context_day();
            match self.place(no, &t.stamp, context, None) {
                Placed::At { at, zone, day } => {
                    let idx = self.push_entry(no, line, &t, at, zone, day, None);
                    self.para_target = Some(idx);
                }
                _ => self.unplaced(no, trimmed),
            }
            return;
        }
        if self.label(no, trimmed) {
            return;
        }
        if self.timeline && !is_decoration(trimmed) {
            self.unplaced(no, trimmed);
        }
    }

    fn item(&mut self, no: u64, line: &str, item: Item) {
        self.para_target = None;
        self.end_summary();
        loop {
            match self.groups.last() {
                None => {
                    self.groups
                        .push(Group::new(item.indent, None, self.timeline));
                    break;
                }
                Some(g) if item.indent >= g.content_indent => {
                    let parent = g.target;
                    self.groups
                        .push(Group::new(item.indent, parent, self.timeline));
                    break;
                }
                Some(g) if item.indent >= g.indent => break,
                Some(_) => self.close_group(),
            }
        }
        let gi = self.groups.len() - 1;
        self.groups[gi].content_indent = item.content_indent;
        self.groups[gi].target = None;
        let content = item.content;
        if let Some(t) = split_timed(content, false) {
            // The nearest date written above, in this list or the lists it is nested in.
            let carry = self.groups.iter().rev().find_map(|g| g.carry);
            let context = carry.or(self.context_day());
            match self.place(no, &t.stamp, context, None) {
                Placed::At { at, zone, day } => {
                    let idx = self.push_entry(no, line, &t, at, zone, day, None);
                    let g = &mut self.groups[gi];
                    g.has_times = true;
                    g.target = Some(idx);
                    g.carry = Some(day);
                    return;
                }
                Placed::DayOnly(day) => self.groups[gi].carry = Some(day),
                Placed::Nothing if t.stamp.time.is_some() => {
                    self.groups[gi].has_times = true;
                    self.unplaced(no, line.trim());
                    return;
                }
                Placed::Nothing => {}
            }
        }
        if self.label(no, content) {
            return;
        }
        if let Some(parent) = self.groups[gi].parent_target {
            self.append(parent, line);
            self.groups[gi].target = Some(parent);
            return;
        }
        if !content.is_empty() {
            self.groups[gi].untimed.push((no, line.trim().to_owned()));
        }
    }

    /// Whether `line` continues the list item or timed paragraph above it (and if so, adds
    /// it to that entry's text).
    fn continuation(&mut self, line: &str, was_blank: bool) -> bool {
        if let Some(idx) = self.para_target {
            if !was_blank {
                self.append(idx, line);
                return true;
            }
            self.para_target = None;
        }
        if self.groups.is_empty() {
            return false;
        }
        if was_blank {
            // After a blank line only indented text stays in an item: that of the
            // innermost item it is indented under.
            let indent = indent_of(line);
            while self
                .groups
                .last()
                .is_some_and(|g| indent < g.content_indent)
            {
                self.close_group();
            }
            if self.groups.is_empty() {
                return false;
            }
        }
        if let Some(idx) = self.groups.last().and_then(|g| g.target) {
            self.append(idx, line);
        }
        true
    }

    fn append(&mut self, idx: usize, line: &str) {
        if let Some(e) = self.out.entries.get_mut(idx) {
            e.text.push('\n');
            e.text.push_str(line.trim());
            e.raw.push('\n');
            e.raw.push_str(line);
        }
    }

    fn close_group(&mut self) {
        if let Some(g) = self.groups.pop()
            && (g.has_times || g.timeline)
        {
            for (no, text) in g.untimed {
                self.unplaced(no, &text);
            }
        }
    }

    fn end_lists(&mut self) {
        while !self.groups.is_empty() {
            self.close_group();
        }
    }
}

/// `2023-09-18 13:42 UTC`, for messages.
pub(crate) fn show_utc(at: OffsetDateTime) -> String {
    format!("{} {:02}:{:02} UTC", at.date(), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn run(text: &str, tz: Option<&crate::zone::Zone>, doc_date: Option<Date>) -> Scan {
        scan(
            text.lines(),
            1,
            Settings {
                file: "t.md",
                tz,
                doc_date,
                utc_already_assumed: false,
            },
            [None; 3],
        )
    }

    #[test]
    fn list_items_nest_continue_and_carry_dates() {
        let s = run(
            "## Tuesday 2 May 2023\n\n- 09:14 first\n  more of it\n  - sub point\n- **10:00 UTC (May 3)** - second\n- 11:00 third\n- no time here\n\nSome prose.\n\n- 12:00 new list\n",
            None,
            None,
        );
        let texts: Vec<_> = s.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "first\nmore of it\n- sub point",
                "second",
                "third",
                "new list"
            ]
        );
        assert_eq!(s.entries[0].occurred_at, datetime!(2023-05-02 09:14 UTC));
        assert_eq!(
            s.entries[0].raw,
            "- 09:14 first\n  more of it\n  - sub point"
        );
        assert_eq!(s.entries[1].occurred_at, datetime!(2023-05-03 10:00 UTC));
        assert_eq!(s.entries[1].time_text, "10:00 UTC (May 3)");
        // The date carries down its list, not into the next one.
        assert_eq!(s.entries[2].occurred_at, datetime!(2023-05-03 11:00 UTC));
        assert_eq!(s.entries[3].occurred_at, datetime!(2023-05-02 12:00 UTC));
        let w: Vec<_> = s.warnings.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            w,
            [
                "t.md:3: no time zone given; times without one are read as UTC",
                "t.md:8: could not place: - no time here"
            ]
        );
        assert_eq!(s.first_entry_day, Some(date!(2023 - 05 - 02)));
    }

    #[test]
    fn labels_zones_and_tables() {
        let s = run(
            "# X\n\n- **Key events**\n  - Fault occurs 2020-02-12 11:45\n  - Resolved: 2020-02-12 12:07\n  - First detected 2020-02-1 (TBC)\n\n## Timeline\n\nAll times in CET.\n\n| Time | Event | Who |\n|---|---|---|\n| 2020-02-12 11:50 | paged | ana |\n| 2020-02-12 HH:mm | later |\n| 12:10 | back |\n\nResolved 2020-02-12 12:30\n",
            None,
            None,
        );
        let t = s.times;
        assert_eq!(t[STARTED].unwrap().at, datetime!(2020-02-12 11:45 UTC));
        assert_eq!(t[RESOLVED].unwrap().at, datetime!(2020-02-12 12:07 UTC));
        assert_eq!(t[RESOLVED].unwrap().line, 5);
        assert!(t[DETECTED].is_none());
        assert_eq!(s.entries.len(), 2);
        let e = &s.entries[0];
        assert_eq!(e.occurred_at, datetime!(2020-02-12 10:50 UTC));
        assert_eq!(e.time_zone.as_deref(), Some("CET"));
        assert_eq!(e.author_handle.as_deref(), Some("ana"));
        assert_eq!(e.text, "paged; Who: ana");
        assert_eq!(s.entries[1].occurred_at, datetime!(2020-02-12 11:10 UTC));
        let w: Vec<_> = s.warnings.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            w,
            [
                "t.md:4: no time zone given; times without one are read as UTC",
                "t.md:6: could not read the detection time: First detected 2020-02-1 (TBC)",
                "t.md:15: could not place: | 2020-02-12 HH:mm | later |",
                "t.md:18: another resolution time, 2020-02-12 11:30 UTC; kept 2020-02-12 12:07 UTC from line 5",
            ]
        );
    }
}
