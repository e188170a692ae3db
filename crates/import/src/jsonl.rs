//! JSON Lines timelines: one JSON object per line, compatible with Timesketch's import format.
//!
//! Recognised fields:
//! - `datetime` (RFC 3339 with an offset) or `timestamp` (microseconds since the Unix epoch):
//!   when it happened; one of them is required;
//! - `message`: the text (required);
//! - `timestamp_desc`: Timesketch's description of the time (kept in the raw record);
//! - `author`: the handle of who wrote or did it;
//! - `kind`: `chat`, `status`, `deploy`, `alert`, `ticket`, `transcript` or `note` (default `note`);
//! - `id`: the record's id within the file, used for threads and provenance;
//! - `thread_parent`: the `id` of the record this one replies to;
//! - `noise`: `true` for joins, bot chatter and the like;
//! - `channel`: the conversation it was said in, as the file names it (`#ops`).
//!
//! Other fields are kept: the raw line is stored with every entry.
//!
//! Other layouts are read with a [`FieldMap`] (`--map KEY=FIELD`, `--kind`, `--tz`), as CSV
//! timelines are: mapped keys stand for the fields above, `epoch_seconds` (seconds since the
//! epoch, a number or a string) is a third way to give the time, and `datetime` also takes the
//! layouts [`crate::field_map::parse_datetime`] reads (without an offset only with `--tz`).

use std::io::BufRead;

use lore_core::{EntryKind, NewTimelineEntry, Provenance};
use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::field_map::{Field, FieldMap, parse_datetime, parse_epoch_seconds};
use crate::lines::LineReader;
use crate::{ImportError, Timeline};

#[derive(Deserialize)]
struct Record {
    datetime: Option<String>,
    timestamp: Option<i64>,
    epoch_seconds: Option<Value>,
    message: Option<Value>,
    author: Option<String>,
    kind: Option<String>,
    id: Option<Value>,
    thread_parent: Option<Value>,
    #[serde(default)]
    noise: bool,
    channel: Option<String>,
}

/// Reads a JSONL timeline with Lore's field names. `file` is the name used in provenance and
/// error messages. Blank lines are skipped (editors and `jq` leave them).
pub fn read<R: BufRead>(reader: R, file: &str) -> Result<Timeline, ImportError> {
    read_with_map(reader, file, &FieldMap::default())
}

/// Reads a JSONL timeline whose keys are mapped to Lore's fields by `map`.
pub fn read_with_map<R: BufRead>(
    reader: R,
    file: &str,
    map: &FieldMap,
) -> Result<Timeline, ImportError> {
    let mut out = Timeline::default();
    let mut lines = LineReader::new(reader, file);
    while let Some((line, text)) = lines.next_utf8()? {
        if text.trim().is_empty() {
            continue;
        }
        let entry = parse_line(text, file, line, map).map_err(|m| lines.error_here(m))?;
        out.entries.push(entry);
    }
    Ok(out)
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_line(
    text: &str,
    file: &str,
    line: u64,
    map: &FieldMap,
) -> Result<NewTimelineEntry, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("invalid JSON at column {}: {e}", e.column()))?;
    let Value::Object(mut object) = value else {
        return Err("expected a JSON object".into());
    };
    // Mapped keys are renamed to Lore's field names, so that one struct reads every layout;
    // with the default map this keeps exactly the keys named like the fields.
    let keys: Vec<String> = object.keys().cloned().collect();
    let resolved = map.resolve(&keys);
    let mut fields = serde_json::Map::new();
    for field in Field::ALL {
        if let Some(v) = resolved
            .get(field)
            .and_then(|i| keys.get(i))
            .and_then(|k| object.remove(k))
        {
            fields.insert(field.name().to_owned(), v);
        }
    }
    let record: Record = serde_json::from_value(Value::Object(fields))
        .map_err(|e| format!("unexpected field type: {e}"))?;
    let name = |field| map.name_for(field);

    let (occurred_at, time_text, time_zone) =
        match (&record.datetime, record.timestamp, &record.epoch_seconds) {
            (Some(dt), _, _) => {
                let t = match OffsetDateTime::parse(dt, &Rfc3339) {
                    Ok(t) => t,
                    Err(e) => parse_datetime(dt, map.assume_tz.as_ref()).map_err(|_| {
                        format!(
                            "field `{}`: {dt:?} is not RFC 3339 with an offset: {e}",
                            name(Field::Datetime)
                        )
                    })?,
                };
                (t, dt.clone(), Some(t.offset().to_string()))
            }
            (None, Some(us), _) => {
                let t = OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1000).map_err(
                    |e| {
                        format!(
                            "field `{}`: {us} is out of range: {e}",
                            name(Field::Timestamp)
                        )
                    },
                )?;
                (t, us.to_string(), Some("UTC".to_owned()))
            }
            (None, None, Some(secs)) => {
                let secs = match secs {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let t = parse_epoch_seconds(&secs).map_err(|why| {
                    format!("field `{}`: {secs} {why}", name(Field::EpochSeconds))
                })?;
                (t, secs, Some("UTC".to_owned()))
            }
            (None, None, None) => {
                let mut also = format!("`{}`", name(Field::Timestamp));
                if map
                    .mappings()
                    .iter()
                    .any(|(_, f)| *f == Field::EpochSeconds)
                {
                    also = format!("{also} or `{}`", name(Field::EpochSeconds));
                }
                return Err(format!(
                    "missing field `{}` (or {also})",
                    name(Field::Datetime)
                ));
            }
        };
    let text_value = match record.message {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => {
            return Err(format!("missing field `{}`", name(Field::Message)));
        }
        Some(other) => other.to_string(),
    };
    let kind = match record.kind.as_deref() {
        None => map.default_kind.unwrap_or(EntryKind::Note),
        Some(k) => k
            .parse()
            .map_err(|e| format!("field `{}`: {e}", name(Field::Kind)))?,
    };
    let message_id =
        match &record.id {
            None => None,
            Some(v) => Some(id_text(v).ok_or_else(|| {
                format!("field `{}` must be a string or a number", name(Field::Id))
            })?),
        };
    let thread_parent = match &record.thread_parent {
        None | Some(Value::Null) => None,
        Some(v) => Some(id_text(v).ok_or_else(|| {
            format!(
                "field `{}` must be a string or a number",
                name(Field::ThreadParent)
            )
        })?),
    };
    Ok(NewTimelineEntry {
        occurred_at,
        time_text,
        time_zone,
        author_handle: record.author.filter(|a| !a.trim().is_empty()),
        channel: record.channel.filter(|c| !c.trim().is_empty()),
        kind,
        text: text_value,
        thread_parent,
        noise: record.noise,
        provenance: Provenance {
            path: file.to_owned(),
            line: Some(line),
            message_id,
        },
        raw: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MAX_LINE_BYTES;
    use time::macros::datetime;

    fn err(input: &str) -> String {
        read(input.as_bytes(), "t.jsonl").unwrap_err().to_string()
    }

    #[test]
    fn reads_fields_provenance_and_raw_line() {
        let input = "\u{feff}{\"id\":\"m1\",\"datetime\":\"2026-03-17T07:30:00-04:00\",\"message\":\"hi <b>\",\"author\":\"nadia\",\"kind\":\"chat\",\"channel\":\"#inc\"}\n\n{\"id\":2,\"timestamp\":1773747000000000,\"message\":\"joined\",\"thread_parent\":\"m1\",\"noise\":true}\r\n";
        let t = read(input.as_bytes(), "t.jsonl").unwrap();
        assert_eq!(t.entries.len(), 2);
        let a = &t.entries[0];
        assert_eq!(a.occurred_at, datetime!(2026-03-17 11:30 UTC));
        assert_eq!(a.time_text, "2026-03-17T07:30:00-04:00");
        assert_eq!(a.time_zone.as_deref(), Some("-04:00:00"));
        assert_eq!(a.kind, EntryKind::Chat);
        assert_eq!(a.author_handle.as_deref(), Some("nadia"));
        assert_eq!(a.text, "hi <b>");
        assert_eq!(a.provenance.line, Some(1));
        assert_eq!(a.provenance.message_id.as_deref(), Some("m1"));
        assert!(
            a.raw.contains("\"channel\":\"#inc\""),
            "the raw line is kept whole"
        );
        assert_eq!(a.channel.as_deref(), Some("#inc"));
        let b = &t.entries[1];
        assert_eq!(b.channel, None);
        assert_eq!(b.kind, EntryKind::Note);
        assert_eq!(b.provenance.line, Some(3));
        assert_eq!(b.provenance.message_id.as_deref(), Some("2"));
        assert_eq!(b.thread_parent.as_deref(), Some("m1"));
        assert!(b.noise);
        assert_eq!(b.occurred_at, datetime!(2026-03-17 11:30 UTC));
        assert!(!b.raw.ends_with('\r'));
    }

    #[test]
    fn errors_name_file_line_and_field() {
        assert_eq!(
            err("{\"message\":\"x\"}"),
            "t.jsonl:1: missing field `datetime` (or `timestamp`)"
        );
        assert!(
            err("{\"datetime\":\"2026-03-17T07:30:00Z\",\"message\":\"ok\"}\n{\"datetime\":\"2026-03-17 07:30\",\"message\":\"x\"}")
                .starts_with("t.jsonl:2: field `datetime`: \"2026-03-17 07:30\" is not RFC 3339 with an offset: ")
        );
        assert!(
            err("{\"datetime\":\"2026-03-17T07:30:00Z\"}").ends_with(":1: missing field `message`")
        );
        assert!(err("[1,2]").ends_with(":1: expected a JSON object"));
        assert!(err("{\"datetime\":").starts_with("t.jsonl:1: invalid JSON at column"));
        assert_eq!(
            err("{\"datetime\":\"2026-03-17T07:30:00Z\",\"message\":\"x\",\"kind\":\"tweet\"}"),
            "t.jsonl:1: field `kind`: unknown entry kind \"tweet\": expected one of chat, status, deploy, alert, ticket, transcript, note"
        );
        assert!(
            err("{\"timestamp\":9223372036854775807,\"message\":\"x\"}").contains("out of range")
        );
    }

    #[test]
    fn reads_other_layouts_through_a_field_map() {
        let mut map = FieldMap::from_args([
            "when=datetime",
            "secs=epoch_seconds",
            "who=author",
            "what=message",
        ])
        .unwrap();
        map.default_kind = Some(EntryKind::Deploy);
        map.assume_tz = Some(crate::zone::Zone::UTC);
        let input = concat!(
            "{\"when\":\"2026-03-17 07:30\",\"what\":\"api 1.2.3\",\"who\":\"omar\",\"datetime\":\"ignored\"}\n",
            "{\"secs\":1773747000.25,\"what\":\"api 1.2.2\",\"kind\":\"alert\"}\n",
            "{\"secs\":\"1773747001\",\"what\":\"web 7\"}\n",
        );
        let t = read_with_map(input.as_bytes(), "d.jsonl", &map).unwrap();
        let e = &t.entries;
        assert_eq!(e[0].occurred_at, datetime!(2026-03-17 07:30 UTC));
        assert_eq!(e[0].time_zone.as_deref(), Some("+00:00:00"));
        assert_eq!(e[0].author_handle.as_deref(), Some("omar"));
        assert_eq!(e[0].text, "api 1.2.3");
        assert_eq!(e[0].kind, EntryKind::Deploy);
        assert!(e[0].raw.contains("\"datetime\":\"ignored\""));
        assert_eq!(e[1].occurred_at, datetime!(2026-03-17 11:30:00.25 UTC));
        assert_eq!(e[1].time_text, "1773747000.25");
        assert_eq!(e[1].kind, EntryKind::Alert);
        assert_eq!(e[2].occurred_at, datetime!(2026-03-17 11:30:01 UTC));

        let err = |input: &str| {
            read_with_map(input.as_bytes(), "d.jsonl", &map)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("{\"what\":\"x\"}"),
            "d.jsonl:1: missing field `when` (or `timestamp` or `secs`)"
        );
        assert_eq!(err("{\"secs\":1}"), "d.jsonl:1: missing field `what`");
        assert!(err("{\"when\":\"17/03/2026\",\"what\":\"x\"}").starts_with(
            "d.jsonl:1: field `when`: \"17/03/2026\" is not RFC 3339 with an offset: "
        ));
        assert_eq!(
            err("{\"secs\":true,\"what\":\"x\"}"),
            "d.jsonl:1: field `secs`: true is not a number of seconds since 1970-01-01"
        );
    }

    #[test]
    fn refuses_overlong_lines_and_bad_utf8() {
        let long = format!("{{\"message\":\"{}\"}}", "x".repeat(MAX_LINE_BYTES));
        assert_eq!(
            err(&long),
            format!("t.jsonl:1: line is longer than {MAX_LINE_BYTES} bytes")
        );
        let bad = read(&b"{\"message\":\"\xff\"}"[..], "t.jsonl").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "t.jsonl:1: not UTF-8 (byte 13 of the line)"
        );
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        // A cheap deterministic sweep over mangled inputs; the fuzz target goes further.
        let seed = br#"{"id":"m1","datetime":"2026-03-17T07:30:00-04:00","message":"hi","thread_parent":3,"noise":true}"#;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let mut bytes = seed.to_vec();
            for _ in 0..4 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = (state as usize) % bytes.len();
                bytes[i] = (state >> 32) as u8;
            }
            let _ = read(&bytes[..], "fuzz.jsonl");
        }
    }
}
