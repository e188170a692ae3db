//! Status pages: the incidents a provider published about itself, each update a timeline entry.
//!
//! Three formats, one reader each:
//! - [`statuspage::read_json`]: Atlassian Statuspage API v2 `summary.json` and `incidents.json`;
//! - [`atom::read_feed`]: Statuspage's `history.atom` feed, updates parsed out of its HTML;
//! - [`gcp::read_incidents`]: Google Cloud's `incidents.json`.
//!
//! [`read_json`] picks the JSON reader by the document's shape.
//!
//! Every reader returns one [`IncidentRecord`] per published incident. The caller either creates
//! incidents from them or attaches all their entries to an incident it already has. What the
//! readers share:
//!
//! - Slugs are `{date} {provider} {title}` through [`Slug::derive`], the date being the start
//!   (UTC); the provider is left out when unknown or when the title already begins with it. Two
//!   incidents of one file that would share a slug get the source's id appended to the second.
//! - Entries are `EntryKind::Status`, written by the provider (`GitHub`, `Google Cloud`), their
//!   text `Label: body` in plain text, sorted by time; updates at the same instant keep the
//!   order they were published in.
//! - `time_text` is the time as the source wrote it; `time_zone` is always the offset as
//!   `+HH:MM` (`Z` and `UTC` are `+00:00`), whatever spelling the source used.
//! - The raw record of a JSON update is its original bytes with the whitespace between tokens
//!   removed: an update reads the same from a compact API response and from a pretty-printed
//!   snapshot, so an unchanged update in overlapping snapshots is one entry (same content
//!   hash). Re-serialising a parsed value instead would make the raw text, and so the entry's
//!   identity, depend on serde_json's `preserve_order` feature, which other crates switch on in
//!   a workspace build.
//! - Documents over [`MAX_DOCUMENT_BYTES`] are refused before parsing.

pub mod atom;
pub mod gcp;
pub mod statuspage;

use std::ops::Range;

use lore_core::{IncidentTimes, NewIncident, NewTimelineEntry, PersonHint, Slug};
use time::{OffsetDateTime, UtcOffset, format_description::well_known::Rfc3339};

use crate::{ImportError, IncidentRecord, Timeline};

/// The largest status document a reader accepts. GitHub's whole `history.atom` is about 100 KiB
/// and Google Cloud's full `incidents.json` about 1.3 MiB; anything near this size is the wrong
/// file or a hostile one, and the readers hold the whole document in memory.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// The longest incident summary, in characters, cut from the last update's text.
const SUMMARY_CHARS: usize = 280;

/// Reads a status-page JSON document of either shape: a Statuspage `summary.json` or
/// `incidents.json` (an object) or Google Cloud's `incidents.json` (an array).
pub fn read_json(bytes: &[u8], file: &str) -> Result<Vec<IncidentRecord>, ImportError> {
    let doc = JsonDoc::parse(bytes, file)?;
    match doc.top_kind() {
        b'{' => statuspage::read_doc(&doc, file),
        b'[' => gcp::read_doc(&doc, file),
        other => Err(file_error(
            file,
            format!(
                "not a Statuspage summary.json or incidents.json, nor a Google Cloud incidents.json: the document is {}",
                json_kind_name(other)
            ),
        )),
    }
}

pub(crate) fn file_error(file: &str, message: impl Into<String>) -> ImportError {
    ImportError::File {
        file: file.to_owned(),
        message: message.into(),
    }
}

fn check_size(bytes: &[u8], file: &str) -> Result<(), ImportError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(file_error(
            file,
            format!(
                "document is {} bytes, larger than the {MAX_DOCUMENT_BYTES}-byte limit",
                bytes.len()
            ),
        ));
    }
    Ok(())
}

/// A value from the input, shortened and quoted so that an error message stays one readable
/// line whatever the input holds.
pub(crate) fn quoted(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", &s[..cut]),
        None => format!("{s:?}"),
    }
}

/// An id from the input for an error message: as is when it is short and plain, quoted
/// otherwise.
pub(crate) fn shown_id(s: &str) -> String {
    let plain = s.chars().count() <= 60
        && !s.is_empty()
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control());
    if plain { s.to_owned() } else { quoted(s) }
}

// ---------------------------------------------------------------------------------------------
// JSON: validated by serde_json once, then navigated by byte range.

/// A JSON document that serde_json has accepted, navigated by byte ranges so that every
/// record's raw text can be its original bytes.
pub(crate) struct JsonDoc<'a> {
    bytes: &'a [u8],
    top: Range<usize>,
}

impl<'a> JsonDoc<'a> {
    /// Checks size and syntax. A UTF-8 byte-order mark, which some tools write, is skipped.
    pub(crate) fn parse(bytes: &'a [u8], file: &str) -> Result<Self, ImportError> {
        check_size(bytes, file)?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(file_error(file, "empty document"));
        }
        if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
            return Err(ImportError::Line {
                file: file.to_owned(),
                line: e.line() as u64,
                message: format!(
                    "invalid JSON at column {}: {}",
                    e.column(),
                    json_error_text(&e)
                ),
            });
        }
        let start = skip_ws(bytes, 0);
        let end = value_end(bytes, start)
            .ok_or_else(|| file_error(file, "invalid JSON: cannot find the document's value"))?;
        Ok(JsonDoc {
            bytes,
            top: start..end,
        })
    }

    /// The first byte of the top-level value: `{`, `[`, `"`, ...
    pub(crate) fn top_kind(&self) -> u8 {
        self.bytes.get(self.top.start).copied().unwrap_or(b'?')
    }

    pub(crate) fn top(&self) -> JsonValue<'a> {
        JsonValue {
            doc: self.bytes,
            range: self.top.clone(),
        }
    }
}

/// serde_json's message without the position it appends, which the caller reports itself.
fn json_error_text(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// How an error message names a JSON value by its first byte.
pub(crate) fn json_kind_name(first: u8) -> &'static str {
    match first {
        b'{' => "a JSON object",
        b'[' => "a JSON array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => "a number",
    }
}

/// One value inside a validated document.
#[derive(Clone)]
pub(crate) struct JsonValue<'a> {
    doc: &'a [u8],
    range: Range<usize>,
}

impl<'a> JsonValue<'a> {
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.doc.get(self.range.clone()).unwrap_or_default()
    }

    pub(crate) fn first_byte(&self) -> u8 {
        self.bytes().first().copied().unwrap_or(b'?')
    }

    pub(crate) fn is_null(&self) -> bool {
        self.bytes() == b"null"
    }

    /// The object at `place` and its `id` field (a string or a number), or an error naming
    /// the file and the place: not an object, an `id` of the wrong type, or no `id`.
    pub(crate) fn object_with_id(
        &self,
        place: &str,
        file: &str,
    ) -> Result<(JsonObject<'a>, String), ImportError> {
        let obj = self.object().ok_or_else(|| {
            file_error(
                file,
                format!(
                    "{place}: {} is not an object",
                    json_kind_name(self.first_byte())
                ),
            )
        })?;
        let id = obj
            .id("id")
            .map_err(|m| file_error(file, format!("{place}: {m}")))?
            .ok_or_else(|| file_error(file, format!("{place}: missing `id`")))?;
        Ok((obj, id))
    }

    /// The members of an object, in document order; `None` when this is not an object.
    pub(crate) fn object(&self) -> Option<JsonObject<'a>> {
        if self.first_byte() != b'{' {
            return None;
        }
        let b = self.doc;
        let mut members = Vec::new();
        let mut i = skip_ws(b, self.range.start + 1);
        if b.get(i) == Some(&b'}') {
            return Some(JsonObject { members });
        }
        loop {
            let key_end = string_end(b, i)?;
            let key: String = serde_json::from_slice(b.get(i..key_end)?).ok()?;
            i = skip_ws(b, key_end);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = skip_ws(b, i + 1);
            let end = value_end(b, i)?;
            members.push((
                key,
                JsonValue {
                    doc: b,
                    range: i..end,
                },
            ));
            i = skip_ws(b, end);
            match b.get(i)? {
                b',' => i = skip_ws(b, i + 1),
                b'}' => return Some(JsonObject { members }),
                _ => return None,
            }
        }
    }

    /// The elements of an array; `None` when this is not an array.
    pub(crate) fn elements(&self) -> Option<Vec<JsonValue<'a>>> {
        if self.first_byte() != b'[' {
            return None;
        }
        let b = self.doc;
        let mut out = Vec::new();
        let mut i = skip_ws(b, self.range.start + 1);
        if b.get(i) == Some(&b']') {
            return Some(out);
        }
        loop {
            let end = value_end(b, i)?;
            out.push(JsonValue {
                doc: b,
                range: i..end,
            });
            i = skip_ws(b, end);
            match b.get(i)? {
                b',' => i = skip_ws(b, i + 1),
                b']' => return Some(out),
                _ => return None,
            }
        }
    }

    /// The value's original text without the whitespace between tokens; strings are kept
    /// byte for byte, escapes included.
    pub(crate) fn compact(&self) -> String {
        let bytes = self.bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut in_string = false;
        let mut escaped = false;
        for &c in bytes {
            if in_string {
                out.push(c);
                if escaped {
                    escaped = false;
                } else if c == b'\\' {
                    escaped = true;
                } else if c == b'"' {
                    in_string = false;
                }
            } else if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                if c == b'"' {
                    in_string = true;
                }
                out.push(c);
            }
        }
        // Only ASCII whitespace was dropped from text serde_json accepted as UTF-8.
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// An object's members. A key given twice means its last value, as in serde_json.
pub(crate) struct JsonObject<'a> {
    members: Vec<(String, JsonValue<'a>)>,
}

impl<'a> JsonObject<'a> {
    pub(crate) fn get(&self, key: &str) -> Option<&JsonValue<'a>> {
        self.members
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(k, _)| k.as_str())
    }

    /// A string field; missing and `null` are `None`, other types an error.
    pub(crate) fn str(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if v.is_null() => Ok(None),
            Some(v) if v.first_byte() == b'"' => serde_json::from_slice(v.bytes())
                .map(Some)
                .map_err(|e| format!("`{key}`: {}", json_error_text(&e))),
            Some(v) => Err(format!(
                "`{key}` is {}, not a string",
                json_kind_name(v.first_byte())
            )),
        }
    }

    /// An id: a string or a number, as text. Empty ids count as missing.
    pub(crate) fn id(&self, key: &str) -> Result<Option<String>, String> {
        let text = match self.get(key) {
            Some(v) if v.first_byte() == b'-' || v.first_byte().is_ascii_digit() => {
                Some(String::from_utf8_lossy(v.bytes()).into_owned())
            }
            _ => self.str(key)?,
        };
        Ok(text.filter(|t| !t.trim().is_empty()))
    }

    /// An array field's elements; missing and `null` are empty, other types an error.
    pub(crate) fn array(&self, key: &str) -> Result<Vec<JsonValue<'a>>, String> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(v) if v.is_null() => Ok(Vec::new()),
            Some(v) => v.elements().ok_or_else(|| {
                format!(
                    "`{key}` is {}, not an array",
                    json_kind_name(v.first_byte())
                )
            }),
        }
    }

    /// An object field; missing and `null` are `None`, other types an error.
    pub(crate) fn object(&self, key: &str) -> Result<Option<JsonObject<'a>>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if v.is_null() => Ok(None),
            Some(v) => v.object().map(Some).ok_or_else(|| {
                format!(
                    "`{key}` is {}, not an object",
                    json_kind_name(v.first_byte())
                )
            }),
        }
    }

    /// A time field in RFC 3339; missing and `null` are `None`.
    pub(crate) fn time(&self, key: &str) -> Result<Option<Stamp>, String> {
        match self.str(key)? {
            None => Ok(None),
            Some(text) => Stamp::rfc3339(&text)
                .map(Some)
                .ok_or_else(|| format!("{key} {} is not RFC 3339", quoted(&text))),
        }
    }

    /// The `name` (or, with `title`, `title`) of each object in an array field, skipping
    /// elements without one: component and product lists.
    pub(crate) fn names(&self, key: &str, name_key: &str) -> Result<Vec<String>, String> {
        let mut names = Vec::new();
        for element in self.array(key)? {
            if let Some(obj) = element.object()
                && let Some(name) = obj.str(name_key)?
            {
                push_unique(&mut names, name.trim());
            }
        }
        Ok(names)
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The end (exclusive) of the string that opens at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match *b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The end (exclusive) of the value that starts at `i`. Without recursion, so nesting depth
/// costs nothing (serde_json has already refused documents nested too deeply for it).
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match *b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while let Some(c) = b.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Times.

/// An instant with the text it was read from and the offset as `+HH:MM`.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    pub(crate) at: OffsetDateTime,
    pub(crate) text: String,
    pub(crate) zone: String,
}

impl Stamp {
    pub(crate) fn rfc3339(text: &str) -> Option<Stamp> {
        let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        Some(Stamp {
            at,
            text: text.to_owned(),
            zone: offset_text(at.offset()),
        })
    }
}

/// `+HH:MM`, the one spelling of an offset every status reader records.
pub(crate) fn offset_text(offset: UtcOffset) -> String {
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
}

// ---------------------------------------------------------------------------------------------
// Text.

/// `Investigating`, `In progress`, `Service disruption`: a status as a page shows it.
pub(crate) fn status_label(status: &str) -> String {
    let lower = status.trim().replace('_', " ").to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An entry's text: `Label: body`, or whichever of the two there is.
pub(crate) fn entry_text(label: &str, body: &str) -> String {
    match (label.is_empty(), body.is_empty()) {
        (false, false) => format!("{label}: {body}"),
        (false, true) => label.to_owned(),
        _ => body.to_owned(),
    }
}

/// A summary cut from an update's text: whitespace collapsed, at most [`SUMMARY_CHARS`]
/// characters, cut at a word boundary with an ellipsis when it is longer.
pub(crate) fn summarize(text: &str) -> String {
    shorten(text, SUMMARY_CHARS)
}

/// `text` with whitespace collapsed, cut to at most `max` characters (the ellipsis included)
/// at a word boundary when it is longer.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((limit, _)) = flat.char_indices().nth(max) else {
        return flat;
    };
    // Leave room for the ellipsis, and prefer the last space unless that drops most of it.
    let head = &flat[..limit];
    let head = match head.rfind(' ') {
        Some(space) if space > limit / 2 => &head[..space],
        _ => match head.char_indices().last() {
            Some((last, _)) => &head[..last],
            None => head,
        },
    };
    format!("{}…", head.trim_end_matches([' ', ',', ';', ':']))
}

/// Plain text from the small HTML that status pages write: tags dropped (`<br>` and block
/// ends become line breaks), the common entities decoded, runs of spaces collapsed and lines
/// trimmed. With `keep_newlines`, a newline in the source is a line break too (Statuspage
/// bodies in JSON), otherwise it is a space (as in HTML).
///
/// A `<` that does not start a tag (`latency < 5ms`) and an `&` that does not start a known
/// entity (`AT&T`) are kept as text.
pub(crate) fn html_to_text(html: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some((tag_len, name, closing)) = tag_at(rest)
        {
            let block = matches!(
                name.as_str(),
                "p" | "div" | "li" | "ul" | "ol" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            );
            if name == "br" || (block && closing) {
                out.push('\n');
            } else if block {
                out.push(' ');
            }
            rest = &rest[tag_len..];
            continue;
        }
        if c == '&'
            && let Some((len, decoded)) = entity_at(rest)
        {
            out.push(decoded);
            rest = &rest[len..];
            continue;
        }
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {}
            ' ' | '\t' | '\n' | '\r' | '\x0c' => out.push(' '),
            other => out.push(other),
        }
        rest = &rest[c.len_utf8()..];
    }
    let lines: Vec<String> = out
        .split('\n')
        .map(|line| {
            let mut collapsed = String::with_capacity(line.len());
            for word in line.split(' ').filter(|w| !w.is_empty()) {
                if !collapsed.is_empty() {
                    collapsed.push(' ');
                }
                collapsed.push_str(word);
            }
            collapsed
        })
        .collect();
    lines.join("\n").trim_matches('\n').to_owned()
}

/// When `s` starts with a tag (`<br />`, `</p>`, `<a href="x>y">`, `<!-- -->`): its length,
/// lowercased name and whether it closes. `None` when the `<` is text.
fn tag_at(s: &str) -> Option<(usize, String, bool)> {
    let b = s.as_bytes();
    let (closing, name_start) = match b.get(1)? {
        b'/' => (true, 2),
        b'!' => (false, 2),
        c if c.is_ascii_alphabetic() => (false, 1),
        _ => return None,
    };
    if closing && !b.get(2)?.is_ascii_alphabetic() {
        return None;
    }
    if b.get(1) == Some(&b'!') && s.starts_with("<!--") {
        let end = s.get(4..)?.find("-->")? + 4 + 3;
        return Some((end, "!--".to_owned(), false));
    }
    let mut i = name_start;
    while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        i += 1;
    }
    let name = s.get(name_start..i)?.to_ascii_lowercase();
    // Find the closing `>`, stepping over quoted attribute values.
    let mut quote = None;
    while let Some(&c) = b.get(i) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some((i + 1, name, closing)),
            None if c == b'<' => return None,
            None => {}
        }
        i += 1;
    }
    None
}

/// When `s` starts with a known entity: its length and the character.
fn entity_at(s: &str) -> Option<(usize, char)> {
    let end = s.bytes().take(12).position(|c| c == b';')?;
    let name = s.get(1..end)?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((end + 1, c))
}

pub(crate) fn push_unique(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() && !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}

// ---------------------------------------------------------------------------------------------
// Building records.

/// Who published the page: `GitHub` from a Statuspage page name or feed author, `Google Cloud`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Provider {
    /// Display name and author handle of every entry.
    pub(crate) name: Option<String>,
    /// Short form for slugs and tags: `github`, `gcp`.
    pub(crate) tag: Option<String>,
}

impl Provider {
    /// A provider known by its display name; the short form is the name as a slug.
    pub(crate) fn named(name: Option<String>) -> Provider {
        let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        let tag = name
            .as_deref()
            .map(|n| Slug::derive(n).as_str().to_owned())
            .filter(|t| t != "incident");
        Provider { name, tag }
    }
}

/// One incident as a reader found it, before slugs are settled across the file.
pub(crate) struct Draft {
    /// The source's own id, appended to the slug when two incidents would share one.
    pub(crate) source_id: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) severity: Option<String>,
    pub(crate) services: Vec<String>,
    pub(crate) extra_tags: Vec<String>,
    pub(crate) times: IncidentTimes,
    /// The date for the slug when none of the times is known.
    pub(crate) fallback_date: Option<OffsetDateTime>,
    /// Entries in publication order; [`finish`] sorts them by time, keeping that order for
    /// updates at the same instant.
    pub(crate) entries: Vec<NewTimelineEntry>,
}

/// Turns drafts into records: slugs (unique within the file), tags, authors, sorted entries.
pub(crate) fn finish(drafts: Vec<Draft>, provider: &Provider) -> Vec<IncidentRecord> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(drafts.len());
    for mut d in drafts {
        let slug = unique_slug(&d, provider, &taken);
        taken.push(slug.as_str().to_owned());
        let mut tags = vec!["status-page".to_owned()];
        if let Some(tag) = &provider.tag {
            push_unique(&mut tags, tag);
        }
        for tag in &d.extra_tags {
            push_unique(&mut tags, tag);
        }
        d.entries.sort_by_key(|e| e.occurred_at);
        let people = match &provider.name {
            Some(name) => vec![PersonHint {
                handle: name.clone(),
                display_name: name.clone(),
            }],
            None => Vec::new(),
        };
        out.push(IncidentRecord {
            incident: NewIncident {
                slug,
                title: d.title,
                summary: d.summary,
                severity: d.severity,
                services: d.services,
                tags,
                restricted: false,
                times: d.times,
            },
            narrative: None,
            timeline: Timeline {
                entries: d.entries,
                people,
                ..Timeline::default()
            },
        });
    }
    out
}

fn unique_slug(d: &Draft, provider: &Provider, taken: &[String]) -> Slug {
    let when = d
        .times
        .started_at
        .or(d.times.detected_at)
        .or(d.times.resolved_at)
        .or(d.fallback_date);
    let mut text = String::new();
    if let Some(when) = when {
        // The UTC date, unless that lies past year 9999 (`9999-12-31T23:00:00-02:00`).
        let date = when
            .checked_to_offset(UtcOffset::UTC)
            .map_or(when.date(), |t| t.date());
        text.push_str(&date.to_string());
        text.push(' ');
    }
    if let Some(tag) = &provider.tag {
        // `GitHub Actions outage` on GitHub's page: one `github` in the slug is enough.
        let title = Slug::derive(&d.title);
        if title.as_str() != tag.as_str() && !title.as_str().starts_with(&format!("{tag}-")) {
            text.push_str(tag);
            text.push(' ');
        }
    }
    text.push_str(&d.title);
    let base = Slug::derive(&text);
    if !taken.iter().any(|t| t == base.as_str()) {
        return base;
    }
    // The same title on the same day: tell them apart by the source's id, then by a counter.
    // At most 40 characters of the id, so that the counter always fits.
    let id = Slug::derive(&d.source_id);
    let id = id
        .as_str()
        .get(..40)
        .unwrap_or(id.as_str())
        .trim_matches('-');
    for n in 1..=taken.len() + 1 {
        let suffix = if n == 1 {
            id.to_owned()
        } else {
            format!("{id}-{n}")
        };
        let room = Slug::MAX_LEN.saturating_sub(suffix.len() + 1);
        let mut head = base.as_str().to_owned();
        if head.len() > room {
            let cut = head[..room].rfind('-').unwrap_or(room);
            head.truncate(cut);
        }
        let candidate = Slug::derive(&format!("{head} {suffix}"));
        if !taken.iter().any(|t| t == candidate.as_str()) {
            return candidate;
        }
    }
    base
}

/// An entry written by the provider.
pub(crate) struct EntryParts {
    pub(crate) stamp: Stamp,
    pub(crate) text: String,
    pub(crate) message_id: String,
    pub(crate) raw: String,
}

pub(crate) fn entry(parts: EntryParts, provider: &Provider, file: &str) -> NewTimelineEntry {
    NewTimelineEntry {
        occurred_at: parts.stamp.at,
        time_text: parts.stamp.text,
        time_zone: Some(parts.stamp.zone),
        author_handle: provider.name.clone(),
        // A status page publishes to everyone: it has no conversation.
        channel: None,
        kind: lore_core::EntryKind::Status,
        text: parts.text,
        thread_parent: None,
        noise: false,
        provenance: lore_core::Provenance {
            path: file.to_owned(),
            line: None,
            message_id: Some(parts.message_id),
        },
        raw: parts.raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> JsonDoc<'_> {
        JsonDoc::parse(text.as_bytes(), "t.json").unwrap()
    }

    #[test]
    fn navigates_members_and_elements_by_range() {
        let d = doc(
            " {\"a\" : [1, {\"b\":\"x\\\"}\"} ,[]], \"a\":[2], \"c\":null, \"d\":\"\\u0041\"} ",
        );
        let top = d.top().object().unwrap();
        assert_eq!(top.keys().collect::<Vec<_>>(), ["a", "a", "c", "d"]);
        // The last of a repeated key wins, as in serde_json.
        assert_eq!(top.get("a").unwrap().bytes(), b"[2]");
        assert!(top.get("c").unwrap().is_null());
        assert_eq!(top.str("d").unwrap().as_deref(), Some("A"));
        assert_eq!(top.str("c").unwrap(), None);
        assert_eq!(
            top.str("a").unwrap_err(),
            "`a` is a JSON array, not a string"
        );
        let d = doc("[1, {\"b\":\"x\\\"}\"} ,[]]");
        let els = d.top().elements().unwrap();
        assert_eq!(els.len(), 3);
        assert_eq!(els[1].bytes(), b"{\"b\":\"x\\\"}\"}");
        assert_eq!(els[2].elements().unwrap().len(), 0);
    }

    #[test]
    fn compacts_outside_strings_only() {
        let d = doc("{ \"a b\" :\n [ 1 ,\t\"c  d\\\" e\" ] }");
        assert_eq!(d.top().compact(), "{\"a b\":[1,\"c  d\\\" e\"]}");
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text(
                " We &amp; they<br />saw <a href='x>y'>this</a> &lt;5ms &#39;ok&#x27; AT&T &bogus; <br><br>  end ",
                false
            ),
            "We & they\nsaw this <5ms 'ok' AT&T &bogus;\n\nend"
        );
        assert_eq!(html_to_text("a < b and c<d", false), "a < b and c<d");
        assert_eq!(html_to_text("one\ntwo", true), "one\ntwo");
        assert_eq!(html_to_text("one\ntwo", false), "one two");
        assert_eq!(
            html_to_text("<!-- x --><p>para</p><p>two", false),
            "para\ntwo"
        );
    }

    #[test]
    fn summaries_cut_at_words() {
        assert_eq!(summarize("  short\n text "), "short text");
        let long = "word ".repeat(100);
        let s = summarize(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SUMMARY_CHARS);
        let unbroken = "x".repeat(400);
        assert_eq!(summarize(&unbroken).chars().count(), SUMMARY_CHARS);
    }

    #[test]
    fn labels_and_offsets() {
        assert_eq!(status_label("in_progress"), "In progress");
        assert_eq!(status_label("SERVICE_DISRUPTION"), "Service disruption");
        assert_eq!(status_label(""), "");
        assert_eq!(offset_text(UtcOffset::UTC), "+00:00");
        assert_eq!(
            offset_text(UtcOffset::from_hms(-3, -30, 0).unwrap()),
            "-03:30"
        );
    }

    #[test]
    fn slugs_leave_out_a_repeated_provider_and_stay_unique() {
        let draft = |id: &str, title: &str| Draft {
            source_id: id.into(),
            title: title.into(),
            summary: String::new(),
            severity: None,
            services: Vec::new(),
            extra_tags: Vec::new(),
            times: IncidentTimes {
                started_at: Some(time::macros::datetime!(2023-01-12 23:30 -2)),
                ..IncidentTimes::default()
            },
            fallback_date: None,
            entries: Vec::new(),
        };
        let github = Provider::named(Some("GitHub".into()));
        let recs = finish(
            vec![
                draft("A1", "Incident with Actions"),
                draft("b2", "GitHub Actions outage"),
                draft("c3", "Incident with Actions"),
            ],
            &github,
        );
        let slugs: Vec<_> = recs.iter().map(|r| r.incident.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "2023-01-13-github-incident-with-actions",
                "2023-01-13-github-actions-outage",
                "2023-01-13-github-incident-with-actions-c3"
            ]
        );
        assert_eq!(recs[0].incident.tags, ["status-page", "github"]);
        let none = finish(vec![draft("x", "Something")], &Provider::default());
        assert_eq!(none[0].incident.slug.as_str(), "2023-01-13-something");
        assert_eq!(none[0].incident.tags, ["status-page"]);
    }
}
