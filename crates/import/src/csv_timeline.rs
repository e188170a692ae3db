//! CSV timelines: a header row naming the columns, one record per event. Compatible with
//! Timesketch's CSV import format, and with other layouts through a [`FieldMap`].
//!
//! Columns (by name, or mapped with `--map COLUMN=FIELD`; see [`crate::field_map`]):
//! - `datetime` (ISO 8601 / RFC 3339, e.g. `2019-10-02T08:25:06+00:00`), `timestamp`
//!   (microseconds since the Unix epoch) or `epoch_seconds`: when it happened. The header must
//!   have one of them; in a record the first non-empty one, in that order, is used (Timesketch
//!   treats `datetime` as the authoritative one too);
//! - `message`: the text. When no column is `message`, the text is built from the columns that
//!   are not Lore fields, in header order, as `name=value` pairs separated by spaces
//!   (`service=api version=1.2.3 title="Incident with Codespaces"`): empty values are left out,
//!   and values with spaces, quotes, `=` or control characters are quoted with `\"` and `\\`
//!   escapes;
//! - `timestamp_desc`: Timesketch's description of the time (kept in the raw record);
//! - `author`, `kind` (`chat`, `status`, `deploy`, `alert`, `ticket`, `transcript`, `note`;
//!   empty: [`FieldMap::default_kind`], else `note`), `id`, `thread_parent`, `noise` (`true`,
//!   `false`, `1`, `0`, `yes`, `no` or empty), `channel` as in the JSONL format.
//!
//! Every other column is kept: `raw` is the record as a JSON object from column name to value,
//! in header order, values exactly as in the file after CSV unquoting. (The record's CSV text
//! alone would lose what each value means.)
//!
//! Provenance: the record's first line in the file (the header is line 1; a quoted value may
//! span lines) and its `id`.

use std::io::{self, Read};

use csv::ByteRecord;
use lore_core::{EntryKind, NewTimelineEntry, Provenance};
use serde_json::Value;
use time::OffsetDateTime;

use crate::field_map::{
    DatetimeError, Field, FieldMap, Resolved, parse_datetime, parse_epoch_seconds,
    parse_timestamp_micros,
};
use crate::{ImportError, MAX_LINE_BYTES, Timeline};

/// The csv crate's read-ahead; records are tracked in a window at most this much past the
/// record being parsed.
const READ_AHEAD: usize = 8 * 1024;

/// Reads a CSV timeline. `file` is the name used in provenance and error messages.
pub fn read<R: Read>(reader: R, file: &str, map: &FieldMap) -> Result<Timeline, ImportError> {
    // Lengths are checked here rather than by the csv crate (`flexible(false)`), so the error
    // can name the line the way every other reader does.
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(READ_AHEAD)
        .from_reader(Tracked::new(reader));
    let mut record = ByteRecord::new();
    let mut lines_before = 0u64;
    let mut layout: Option<Layout> = None;
    let mut out = Timeline::default();
    loop {
        let start = csv.position().byte();
        let result = csv.read_byte_record(&mut record);
        let end = csv.position().byte();
        let tracked = csv.get_mut();
        // The csv crate's own line count is wrong after CRLF and blank lines, so lines are
        // counted here from the bytes the record spans: blank lines skipped before it, then
        // its own line breaks.
        let (blank_lines, breaks, len) = tracked.consume(end.saturating_sub(start));
        let line = lines_before + 1 + blank_lines;
        lines_before += breaks;
        let here = |message: String| ImportError::Line {
            file: file.to_owned(),
            line,
            message,
        };
        let too_long = || here(format!("record is longer than {MAX_LINE_BYTES} bytes"));
        match result {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) if tracked.overlong => return Err(too_long()),
            Err(e) => {
                let source = match e.into_kind() {
                    csv::ErrorKind::Io(source) => source,
                    other => io::Error::other(format!("{other:?}")),
                };
                return Err(ImportError::Read {
                    file: file.to_owned(),
                    source,
                });
            }
        }
        if len > MAX_LINE_BYTES {
            return Err(too_long());
        }
        match &layout {
            None => layout = Some(Layout::new(&record, file, line, map)?),
            Some(layout) => {
                if record.len() != layout.columns.len() {
                    return Err(here(format!(
                        "record has {} fields, the header has {}",
                        record.len(),
                        layout.columns.len()
                    )));
                }
                let entry = layout.entry(&record, file, line, map).map_err(here)?;
                out.entries.push(entry);
            }
        }
    }
    if layout.is_none() {
        return Err(ImportError::File {
            file: file.to_owned(),
            message: "empty file: no header row".into(),
        });
    }
    Ok(out)
}

/// The header's columns and which of them hold Lore's fields.
struct Layout {
    columns: Vec<String>,
    resolved: Resolved,
}

impl Layout {
    fn new(
        header: &ByteRecord,
        file: &str,
        line: u64,
        map: &FieldMap,
    ) -> Result<Self, ImportError> {
        let at_line = |message: String| ImportError::Line {
            file: file.to_owned(),
            line,
            message,
        };
        let in_file = |message: String| ImportError::File {
            file: file.to_owned(),
            message,
        };
        let mut columns: Vec<String> = Vec::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            let name = std::str::from_utf8(name).map_err(|e| {
                at_line(format!(
                    "header: column {} is not UTF-8 (byte {} of the name)",
                    i + 1,
                    e.valid_up_to() + 1
                ))
            })?;
            // Fields and the raw record are found by name: two columns with one name would
            // leave it to chance which value is read.
            if columns.iter().any(|c| c == name) {
                return Err(at_line(format!("header: column `{name}` appears twice")));
            }
            columns.push(name.to_owned());
        }
        let list = columns.join(", ");
        for (column, field) in map.mappings() {
            if !columns.contains(column) {
                return Err(in_file(format!(
                    "--map {column}={field}: there is no column `{column}` (columns: {list})"
                )));
            }
        }
        let resolved = map.resolve(&columns);
        if [Field::Datetime, Field::Timestamp, Field::EpochSeconds]
            .iter()
            .all(|f| resolved.get(*f).is_none())
        {
            return Err(in_file(format!(
                "no `datetime` or `timestamp` column (columns: {list}); \
                 map one with --map COLUMN=datetime"
            )));
        }
        Ok(Layout { columns, resolved })
    }

    fn entry(
        &self,
        record: &ByteRecord,
        file: &str,
        line: u64,
        map: &FieldMap,
    ) -> Result<NewTimelineEntry, String> {
        let mut values = Vec::with_capacity(record.len());
        for (name, value) in self.columns.iter().zip(record.iter()) {
            values.push(std::str::from_utf8(value).map_err(|e| {
                format!(
                    "column `{name}`: not UTF-8 (byte {} of the value)",
                    e.valid_up_to() + 1
                )
            })?);
        }
        // (column name, value) of a field, when the header has it.
        let cell = |field: Field| {
            let i = self.resolved.get(field)?;
            Some((self.columns.get(i)?.as_str(), *values.get(i)?))
        };
        let non_empty = |field: Field| cell(field).filter(|(_, v)| !v.trim().is_empty());

        let (occurred_at, time_text, time_zone) = self.time(&cell, map)?;
        let text = match cell(Field::Message) {
            Some((_, v)) => v.to_owned(),
            None => self.built_message(&values),
        };
        let kind = match non_empty(Field::Kind) {
            Some((name, v)) => v.parse().map_err(|e| format!("column `{name}`: {e}"))?,
            None => map.default_kind.unwrap_or(EntryKind::Note),
        };
        let noise = match non_empty(Field::Noise) {
            None => false,
            Some((name, v)) => match v.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                _ => return Err(format!("column `{name}`: {v:?} is not true or false")),
            },
        };
        let owned = |field| non_empty(field).map(|(_, v)| v.to_owned());
        Ok(NewTimelineEntry {
            occurred_at,
            time_text,
            time_zone: Some(time_zone),
            author_handle: owned(Field::Author),
            channel: owned(Field::Channel),
            kind,
            text,
            thread_parent: owned(Field::ThreadParent),
            noise,
            provenance: Provenance {
                path: file.to_owned(),
                line: Some(line),
                message_id: owned(Field::Id),
            },
            raw: self.raw(&values),
        })
    }

    /// The instant, the time as written and the offset, from the first time column with a
    /// value.
    fn time<'v>(
        &self,
        cell: &impl Fn(Field) -> Option<(&'v str, &'v str)>,
        map: &FieldMap,
    ) -> Result<(OffsetDateTime, String, String), String> {
        let mut empty = Vec::new();
        for field in [Field::Datetime, Field::Timestamp, Field::EpochSeconds] {
            let Some((name, v)) = cell(field) else {
                continue;
            };
            if v.trim().is_empty() {
                empty.push(format!("`{name}`"));
                continue;
            }
            let at = match field {
                Field::Datetime => {
                    parse_datetime(v, map.assume_tz.as_ref()).map_err(|e| match e {
                        DatetimeError::NoOffset => {
                            format!("column `{name}`: {v:?} has no UTC offset; pass --tz")
                        }
                        DatetimeError::Invalid(why) => format!(
                            "column `{name}`: {v:?} is not a date and time \
                         like 2019-10-02T08:25:06+00:00 ({why})"
                        ),
                    })?
                }
                Field::Timestamp => parse_timestamp_micros(v)
                    .map_err(|why| format!("column `{name}`: {v:?} {why}"))?,
                _ => {
                    parse_epoch_seconds(v).map_err(|why| format!("column `{name}`: {v:?} {why}"))?
                }
            };
            let zone = match field {
                Field::Datetime => at.offset().to_string(),
                _ => "UTC".to_owned(),
            };
            return Ok((at, v.to_owned(), zone));
        }
        Err(match empty.as_slice() {
            [one] => format!("no time: column {one} is empty"),
            _ => format!("no time: columns {} are empty", empty.join(" and ")),
        })
    }

    /// `name=value ...` from the columns that are not Lore fields (see the module docs).
    fn built_message(&self, values: &[&str]) -> String {
        let mut text = String::new();
        for (i, (name, value)) in self.columns.iter().zip(values).enumerate() {
            if self.resolved.is_mapped(i) || value.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(name);
            text.push('=');
            push_value(&mut text, value);
        }
        text
    }

    /// The record as a JSON object, keys in header order.
    fn raw(&self, values: &[&str]) -> String {
        let mut raw = String::from("{");
        for (i, (name, value)) in self.columns.iter().zip(values).enumerate() {
            if i > 0 {
                raw.push(',');
            }
            raw.push_str(&Value::from(name.as_str()).to_string());
            raw.push(':');
            raw.push_str(&Value::from(*value).to_string());
        }
        raw.push('}');
        raw
    }
}

/// A value in a built message: bare when it reads unambiguously, quoted otherwise.
fn push_value(text: &mut String, value: &str) {
    let bare = !value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '=');
    if bare {
        text.push_str(value);
        return;
    }
    text.push('"');
    for c in value.chars() {
        match c {
            '"' => text.push_str("\\\""),
            '\\' => text.push_str("\\\\"),
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            '\t' => text.push_str("\\t"),
            c if c.is_control() => text.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => text.push(c),
        }
    }
    text.push('"');
}

/// The input reader, as the csv crate sees it: drops a UTF-8 byte order mark, keeps the bytes
/// of the record being parsed (to number its lines) and refuses to read far past the start of
/// a record, so that a hostile record is refused before it is held in memory whole.
struct Tracked<R> {
    inner: R,
    /// Whether the start of the input has been checked for a byte order mark.
    started: bool,
    /// The first bytes of the input (but a byte order mark), read ahead to look for one.
    head: Vec<u8>,
    /// Bytes handed to the csv crate; those from `parsed` on are the record being parsed and
    /// the read-ahead. The parsed ones are dropped now and then, not after every record, to
    /// keep from moving the read-ahead once per record.
    window: Vec<u8>,
    parsed: usize,
    /// Whether the last parsed byte is a carriage return, so that a CRLF split between two
    /// records counts as one line break.
    after_cr: bool,
    overlong: bool,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl<R: Read> Tracked<R> {
    fn new(inner: R) -> Self {
        Tracked {
            inner,
            started: false,
            head: Vec::new(),
            window: Vec::new(),
            parsed: 0,
            after_cr: false,
            overlong: false,
        }
    }

    /// Marks the next `n` bytes parsed: the record just parsed and the blank lines before it.
    /// Returns how many line breaks the blank lines hold, how many all of them hold, and the
    /// record's length without blank lines and line ending. A line break is LF, CRLF or a lone
    /// CR, as the csv crate reads them (old spreadsheets on the Mac end lines with CR alone).
    fn consume(&mut self, n: u64) -> (u64, u64, usize) {
        let pending = self.window.get(self.parsed..).unwrap_or_default();
        let n = usize::try_from(n).unwrap_or(usize::MAX).min(pending.len());
        let span = pending.get(..n).unwrap_or_default();
        let is_end = |c: &u8| matches!(c, b'\r' | b'\n');
        let blank = span.iter().take_while(|c| is_end(c)).count();
        let ending = span.iter().rev().take_while(|c| is_end(c)).count();
        let (mut breaks, mut blank_breaks) = (0, 0);
        for (i, &c) in span.iter().enumerate() {
            if c == b'\r' || (c == b'\n' && !self.after_cr) {
                breaks += 1;
            }
            self.after_cr = c == b'\r';
            if i + 1 == blank {
                blank_breaks = breaks;
            }
        }
        self.parsed += n;
        (blank_breaks, breaks, n.saturating_sub(blank + ending))
    }

    fn read_head(&mut self) -> io::Result<()> {
        let mut head = vec![0; BOM.len()];
        let mut len = 0;
        while len < head.len() {
            match self.inner.read(&mut head[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        head.truncate(len);
        if head != BOM {
            self.head = head;
        }
        self.started = true;
        Ok(())
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // The csv crate reads at most READ_AHEAD bytes past what it has parsed, so a window
        // this long means a record longer than the cap.
        if self.window.len().saturating_sub(self.parsed) > MAX_LINE_BYTES + 2 * READ_AHEAD {
            self.overlong = true;
            return Err(io::Error::other("record too long"));
        }
        if !self.started {
            self.read_head()?;
        }
        if self.parsed > self.window.len() / 2 {
            self.window.drain(..self.parsed);
            self.parsed = 0;
        }
        let n = if self.head.is_empty() {
            self.inner.read(buf)?
        } else {
            let n = self.head.len().min(buf.len());
            for (b, h) in buf.iter_mut().zip(self.head.drain(..n)) {
                *b = h;
            }
            n
        };
        self.window
            .extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// A reader that hands out one byte per call, as a pipe may.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(slot)) => {
                    *slot = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn lines_count_crlf_blank_lines_and_quoted_newlines() {
        let input = b"\xEF\xBB\xBFdatetime,message\r\n\r\n2026-03-17T10:00:00Z,\"two\r\nlines\"\r\n2026-03-17T10:01:00Z,x\r\n";
        for t in [
            read(&input[..], "f.csv", &FieldMap::default()).unwrap(),
            read(Trickle(input), "f.csv", &FieldMap::default()).unwrap(),
        ] {
            let lines: Vec<_> = t.entries.iter().map(|e| e.provenance.line).collect();
            assert_eq!(lines, [Some(3), Some(5)]);
            assert_eq!(t.entries[0].text, "two\r\nlines");
            assert_eq!(t.entries[1].occurred_at, datetime!(2026-03-17 10:01 UTC));
        }
    }

    #[test]
    fn lines_end_with_lf_crlf_or_cr_alone() {
        for input in [
            "datetime,message\n2026-03-17T10:00:00Z,a\n\n2026-03-17T10:01:00Z,b\n",
            "datetime,message\r\n2026-03-17T10:00:00Z,a\r\n\r\n2026-03-17T10:01:00Z,b\r\n",
            "datetime,message\r2026-03-17T10:00:00Z,a\r\r2026-03-17T10:01:00Z,b",
        ] {
            let t = read(Trickle(input.as_bytes()), "f.csv", &FieldMap::default()).unwrap();
            let lines: Vec<_> = t.entries.iter().map(|e| e.provenance.line).collect();
            assert_eq!(lines, [Some(2), Some(4)], "{input:?}");
        }
    }

    #[test]
    fn messages_built_from_other_columns_quote_when_needed() {
        let mut text = String::new();
        push_value(&mut text, "a \"b\"\\\n\u{7}");
        assert_eq!(text, r#""a \"b\"\\\n\u{7}""#);
    }
}
