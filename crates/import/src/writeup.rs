//! Markdown write-ups: one postmortem per file, imported as an incident whose narrative is the
//! write-up and whose timeline is read out of it.
//!
//! What is read:
//! - front matter, YAML between `---` lines or TOML between `+++` lines at the very top:
//!   `title`/`name`, `date`, `slug`, `summary`/`description`, `severity`/`sev`/`impact`,
//!   `services`/`service`/`components`, `tags`, `start`/`started`/`started_at`,
//!   `detected`/`detected_at`, `resolved`/`end`/`resolved_at`/`fixed`, `restricted`. Other
//!   fields stay in the file and are named in one warning;
//! - timelines as pipe tables whose first column is a time (`| 2023-02-14 10:46 | event |`),
//!   further columns joined into the text as `Header: value` and a `Who`/`Owner`/`Person`
//!   column taken as the author;
//! - timelines as list items that start with a time, plain or bold
//!   (`- 2023-09-18 15:34 text`, `- **16:58 UTC** - text`, `- **22:30 UTC (Oct 29)** - text`),
//!   with their indented or wrapped continuation lines and untimed sub-items as part of the
//!   text, and paragraphs that start with a time and a dash (`15:35 – text`);
//! - a heading with a date (`### October 21, 2025 - Redis Overload`, `## Tuesday 2 May 2023`)
//!   or a paragraph that is only a date (`**May 3**`, or `24/07/25` when only one reading of
//!   it falls within a month of the date above it) starts a new day;
//! - the zone of a table from its first header (`Date and Time in CET`, `Time (UTC)`) and of
//!   a section from a line like "All times in UTC.";
//! - incident times the write-up states in words (`First detected: 2023-09-18 13:42`,
//!   `Fault occurs ...`, `Resolved ...`, `**Duration:** 21:45 to 23:28 UTC`). Nothing is
//!   inferred from the timeline.
//!
//! A time without a date takes the nearest date written above it in its list or table, else
//! the nearest heading with a date, else the front matter's `date`, else a date at the start
//! of the file name (`2025-09-29-flags-is-down.md`), else [`WriteupOptions::default_date`].
//! A time without a zone takes the zone of its table header (`Time (UTC)`), else its section's
//! ("All times in CET."), else [`WriteupOptions::tz`], else UTC, with a warning.
//!
//! A server admin log (`## 2019-12-31` headings, then `* 19:45 nick: action`) gives each
//! entry its nick as author (`sal`).
//!
//! Each entry is a `note`. Its provenance is the line it starts on; its raw record is that line
//! byte for byte, followed by any continuation lines that joined its text. When the write-up
//! states an incident time twice (a page that covers several incidents), the first is kept and
//! the others are reported; contradictions between different times are kept as written.
//!
//! Nothing is dropped silently: a line in a timeline section or in a list or table that has
//! times, which has no time that can be placed, is reported as `FILE:LINE: could not place:
//! LINE`.

mod blocks;
mod body;
mod front_matter;
mod sal;
mod timed;
mod when;

use std::collections::BTreeMap;

use lore_core::{IncidentTimes, NewIncident, Slug};
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::zone::Zone;
use crate::{ImportError, IncidentRecord, MAX_LINE_BYTES, Timeline};
use body::{DETECTED, RESOLVED, STARTED, Stated};
use front_matter::{FrontMatter, Value};

/// The largest write-up accepted. Real postmortems are tens of kilobytes; anything near this
/// is the wrong file or a hostile one.
pub const MAX_WRITEUP_BYTES: usize = 16 * 1024 * 1024;

/// How to read times the write-up leaves open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteupOptions {
    /// The zone of times written without one. `None` reads them as UTC and says so in a
    /// warning.
    pub tz: Option<Zone>,
    /// The day of times written without a date when the write-up gives none anywhere.
    pub default_date: Option<Date>,
}

/// Reads a write-up from bytes: refuses more than [`MAX_WRITEUP_BYTES`] and text that is not
/// UTF-8 (naming the line), then [`read`]s it.
pub fn read_bytes(
    bytes: &[u8],
    file: &str,
    opts: &WriteupOptions,
) -> Result<IncidentRecord, ImportError> {
    check_size(bytes.len(), file)?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let bad = e.valid_up_to();
        let before = &bytes[..bad];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        ImportError::Line {
            file: file.to_owned(),
            line,
            message: format!("not UTF-8 (byte {} of the line)", bad - line_start + 1),
        }
    })?;
    read(text, file, opts)
}

/// Reads one write-up. `file` is the name used for the title when the write-up has none, in
/// provenance and in messages.
pub fn read(text: &str, file: &str, opts: &WriteupOptions) -> Result<IncidentRecord, ImportError> {
    check_size(text.len(), file)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(i) = text.split('\n').position(|l| l.len() > MAX_LINE_BYTES) {
        return Err(ImportError::Line {
            file: file.to_owned(),
            line: i as u64 + 1,
            message: format!("line is longer than {MAX_LINE_BYTES} bytes"),
        });
    }
    let fm = front_matter::parse(text, file)?;
    let (body, body_line) = match &fm {
        Some(f) => (text.get(f.body_offset..).unwrap_or(""), f.body_line),
        None => (text, 1),
    };

    let mut warnings: Vec<(u64, String)> = Vec::new();
    let mut fields = Fields::default();
    if let Some(fm) = &fm {
        fields = interpret(fm, file, opts, &mut warnings)?;
    }
    let name_day = when::leading_iso_day(base_name(file));
    let doc_date = fields.date.or(name_day).or(opts.default_date);

    let scan = body::scan(
        body.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)),
        body_line,
        body::Settings {
            file,
            tz: opts.tz.as_ref(),
            doc_date,
            utc_already_assumed: fields.utc_assumed,
        },
        fields.times,
    );
    let mut entries = scan.entries;
    sal::take_nicks(body, body_line, &mut entries);
    warnings.extend(scan.warnings);
    warnings.sort_by_key(|(line, _)| *line);

    let title = fields
        .title
        .clone()
        .or(scan.first_h1.clone())
        .unwrap_or_else(|| file_title(file));
    let slug = match fields.slug {
        Some(slug) => slug,
        None => {
            // The same title recurs ("All services returning 503"), so a date goes in front:
            // the one the write-up gives, else the first day its timeline names.
            let title_day = when::day_in(&title).and_then(|d| d.resolve(doc_date));
            let day = fields
                .date
                .or(name_day)
                .or(title_day)
                .or(opts.default_date)
                .or(scan.first_entry_day);
            match day {
                Some(d) if !title.contains(&d.to_string()) => Slug::derive(&format!("{d} {title}")),
                _ => Slug::derive(&title),
            }
        }
    };
    let times = IncidentTimes {
        started_at: scan.times[STARTED].map(|s| s.at),
        detected_at: scan.times[DETECTED].map(|s| s.at),
        resolved_at: scan.times[RESOLVED].map(|s| s.at),
    };
    let incident = NewIncident {
        slug,
        title,
        summary: fields.summary.or(scan.summary).unwrap_or_default(),
        severity: fields.severity,
        services: fields.services,
        tags: fields.tags,
        restricted: fields.restricted,
        times,
    };
    Ok(IncidentRecord {
        incident,
        narrative: (!body.trim().is_empty()).then(|| body.to_owned()),
        timeline: Timeline {
            entries,
            warnings: warnings.into_iter().map(|(_, w)| w).collect(),
            ..Timeline::default()
        },
    })
}

fn check_size(len: usize, file: &str) -> Result<(), ImportError> {
    if len > MAX_WRITEUP_BYTES {
        return Err(ImportError::File {
            file: file.to_owned(),
            message: format!(
                "{len} bytes is more than a write-up may be ({MAX_WRITEUP_BYTES} bytes)"
            ),
        });
    }
    Ok(())
}

/// The incident fields the front matter gives.
#[derive(Default)]
struct Fields {
    title: Option<String>,
    slug: Option<Slug>,
    date: Option<Date>,
    summary: Option<String>,
    severity: Option<String>,
    services: Vec<String>,
    tags: Vec<String>,
    restricted: bool,
    times: [Option<Stated>; 3],
    /// A time was read as UTC for want of a zone (and a warning said so).
    utc_assumed: bool,
}

fn interpret(
    fm: &FrontMatter,
    file: &str,
    opts: &WriteupOptions,
    warnings: &mut Vec<(u64, String)>,
) -> Result<Fields, ImportError> {
    use front_matter as f;
    let mut used = BTreeMap::new();
    let bad = |key: &str, line: u64, what: String| ImportError::Line {
        file: file.to_owned(),
        line,
        message: format!("front matter field `{key}`: {what}"),
    };
    let text = |key: &str, v: &Value, line: u64| match v {
        Value::Text(s) => Ok(s.trim().to_owned()),
        other => Err(bad(
            key,
            line,
            format!("expected text, found {}", other.describe()),
        )),
    };
    let list = |key: &str, v: &Value, line: u64| -> Result<Vec<String>, ImportError> {
        let items: Vec<String> = match v {
            // `services: api, db` is as common as a YAML list.
            Value::Text(s) => s.split(',').map(|p| p.trim().to_owned()).collect(),
            Value::List(items) => items
                .iter()
                .map(|i| match i {
                    Value::Text(s) => Ok(s.trim().to_owned()),
                    other => Err(bad(
                        key,
                        line,
                        format!("expected a list of text, found {} in it", other.describe()),
                    )),
                })
                .collect::<Result<_, _>>()?,
            other => {
                return Err(bad(
                    key,
                    line,
                    format!("expected text or a list, found {}", other.describe()),
                ));
            }
        };
        Ok(items.into_iter().filter(|s| !s.is_empty()).collect())
    };

    let mut out = Fields::default();
    if let Some((k, v, line)) = fm.take(f::TITLE, &mut used) {
        out.title = Some(text(k, v, line)?).filter(|t| !t.is_empty());
    }
    if let Some((k, v, line)) = fm.take(f::DATE, &mut used) {
        let raw = text(k, v, line)?;
        let day = when::stamp(&raw)
            .filter(|s| s.len == raw.len())
            .and_then(|s| match s.day {
                Some(when::Day::Full(d)) => Some(d),
                _ => None,
            })
            .ok_or_else(|| bad(k, line, format!("{raw:?} is not a date like 2023-09-18")))?;
        out.date = Some(day);
    }
    if let Some((k, v, line)) = fm.take(f::SLUG, &mut used) {
        let raw = text(k, v, line)?;
        match Slug::parse(&raw) {
            Ok(slug) => out.slug = Some(slug),
            Err(e) => warnings.push((
                line,
                format!("{file}:{line}: front matter slug not used: {e}; made one from the title"),
            )),
        }
    }
    if let Some((k, v, line)) = fm.take(f::SUMMARY, &mut used) {
        out.summary = Some(text(k, v, line)?).filter(|s| !s.is_empty());
    }
    if let Some((k, v, line)) = fm.take(f::SEVERITY, &mut used) {
        out.severity = Some(text(k, v, line)?).filter(|s| !s.is_empty());
    }
    if let Some((k, v, line)) = fm.take(f::SERVICES, &mut used) {
        out.services = list(k, v, line)?;
    }
    if let Some((k, v, line)) = fm.take(f::TAGS, &mut used) {
        out.tags = list(k, v, line)?;
    }
    if let Some((k, v, line)) = fm.take(f::RESTRICTED, &mut used) {
        out.restricted = match v {
            Value::Bool(b) => *b,
            Value::Text(s) if s.eq_ignore_ascii_case("true") || s == "yes" => true,
            Value::Text(s) if s.eq_ignore_ascii_case("false") || s == "no" => false,
            other => {
                return Err(bad(
                    k,
                    line,
                    format!("expected true or false, found {}", other.describe()),
                ));
            }
        };
    }
    for (slot, names) in [
        (STARTED, f::STARTED),
        (DETECTED, f::DETECTED),
        (RESOLVED, f::RESOLVED),
    ] {
        let Some((k, v, line)) = fm.take(names, &mut used) else {
            continue;
        };
        let raw = text(k, v, line)?;
        let at = instant(&raw, out.date, opts.tz.as_ref()).ok_or_else(|| {
            bad(
                k,
                line,
                format!("{raw:?} is not a date and time like 2023-09-18 13:42 UTC"),
            )
        })?;
        if at.1 && !out.utc_assumed {
            out.utc_assumed = true;
            warnings.push((
                line,
                format!("{file}:{line}: no time zone given; times without one are read as UTC"),
            ));
        }
        out.times[slot] = Some(Stated { at: at.0, line });
    }

    let known: Vec<&str> = [
        f::TITLE,
        f::DATE,
        f::SLUG,
        f::SUMMARY,
        f::SEVERITY,
        f::SERVICES,
        f::TAGS,
        f::STARTED,
        f::DETECTED,
        f::RESOLVED,
        f::RESTRICTED,
    ]
    .concat();
    let unused: Vec<&str> = fm
        .fields
        .iter()
        .filter(|(k, v, _)| {
            let empty_known = *v == Value::Null && known.iter().any(|n| n.eq_ignore_ascii_case(k));
            !used.contains_key(k) && !empty_known
        })
        .map(|(k, _, _)| k.as_str())
        .collect();
    if !unused.is_empty() {
        let line = fm.open_line;
        warnings.push((
            line,
            format!(
                "{file}:{line}: front matter fields not imported: {}",
                unused.join(", ")
            ),
        ));
    }
    Ok(out)
}

/// A front matter date and time, in the zone it names, else `tz`, else UTC (the flag says
/// UTC was assumed). A time without a date takes `date`.
fn instant(raw: &str, date: Option<Date>, tz: Option<&Zone>) -> Option<(OffsetDateTime, bool)> {
    let s = when::stamp(raw).filter(|s| s.len == raw.len())?;
    let time = s.time?;
    let day = match s.day {
        Some(d) => d.resolve(date)?,
        None => date?,
    };
    let local = PrimitiveDateTime::new(day, time);
    let (offset, assumed) = match (s.zone, tz) {
        (Some(z), _) => (z.offset, false),
        (None, Some(tz)) => (tz.offset_at(local)?, false),
        (None, None) => (UtcOffset::UTC, true),
    };
    let at = local
        .assume_offset(offset)
        .checked_to_offset(UtcOffset::UTC)?;
    Some((at, assumed))
}

/// The last component of a path, whichever separator it uses.
fn base_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// The file name without its extensions (`2023-09-18-disk.html.md.erb` →
/// `2023-09-18-disk`), for a write-up with no title of its own.
fn file_title(file: &str) -> String {
    const EXTENSIONS: [&str; 9] = [
        ".erb",
        ".md",
        ".markdown",
        ".mdown",
        ".mkd",
        ".mdx",
        ".html",
        ".htm",
        ".txt",
    ];
    let mut name = base_name(file);
    while let Some(ext) = EXTENSIONS.iter().find(|e| {
        name.len() > e.len()
            && name
                .get(name.len() - e.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(e))
    }) {
        name = &name[..name.len() - ext.len()];
    }
    let name = name.trim();
    if name.is_empty() {
        "Untitled write-up".to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_file_names() {
        assert_eq!(
            file_title("incidents/2023-09-18-lack-of-diskspace.html.md.erb"),
            "2023-09-18-lack-of-diskspace"
        );
        assert_eq!(
            file_title("PM2022-009 - Bad AWS EKS AMI causing Kubernetes issues"),
            "PM2022-009 - Bad AWS EKS AMI causing Kubernetes issues"
        );
        assert_eq!(file_title(".md"), ".md");
        assert_eq!(file_title("dir/"), "Untitled write-up");
    }
}
