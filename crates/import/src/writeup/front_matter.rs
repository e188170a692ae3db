//! YAML (`---`) or TOML (`+++`) front matter at the top of a write-up.

use std::collections::{BTreeMap, HashMap};

use crate::ImportError;

/// Where the front matter is and what it says, before any value is interpreted.
pub(crate) struct FrontMatter {
    /// Fields in file order: key, value, and the file line the key is on.
    pub fields: Vec<(String, Value, u64)>,
    /// The 1-based file line of the opening delimiter (always 1).
    pub open_line: u64,
    /// The byte offset in the text where the body starts, after the closing delimiter.
    pub body_offset: usize,
    /// The file line the body starts on.
    pub body_line: u64,
}

/// A front matter value reduced to what incident fields can use.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Bool(bool),
    List(Vec<Value>),
    Null,
    /// A nested table or mapping: kept in the file, never used for incident fields.
    Table,
}

impl Value {
    /// What the value is, for messages: the text itself, or its kind.
    pub fn describe(&self) -> String {
        match self {
            Value::Text(s) => format!("{s:?}"),
            Value::Bool(b) => b.to_string(),
            Value::List(_) => "a list".to_owned(),
            Value::Null => "nothing".to_owned(),
            Value::Table => "a table".to_owned(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

fn without_ending(line: &str) -> &str {
    let l = line.strip_suffix('\n').unwrap_or(line);
    l.strip_suffix('\r').unwrap_or(l)
}

/// Finds and parses front matter at the very top of `text`. No front matter is `Ok(None)`;
/// a fence that is never closed, or content that does not parse, is an error naming the line.
pub(crate) fn parse(text: &str, file: &str) -> Result<Option<FrontMatter>, ImportError> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    let format = match without_ending(first).trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return Ok(None),
    };
    let closes = |l: &str| match format {
        Format::Yaml => matches!(l.trim_end(), "---" | "..."),
        Format::Toml => l.trim_end() == "+++",
    };
    let mut inner: Vec<&str> = Vec::new();
    let mut offset = first.len();
    let mut end = None;
    for raw in lines {
        let l = without_ending(raw);
        offset += raw.len();
        if closes(l) {
            end = Some(offset);
            break;
        }
        inner.push(l);
    }
    let Some(body_offset) = end else {
        let fence = if format == Format::Yaml { "---" } else { "+++" };
        return Err(ImportError::Line {
            file: file.to_owned(),
            line: 1,
            message: format!("front matter opened with `{fence}` is never closed"),
        });
    };
    let source = inner.join("\n");
    // File line of the front matter's own line `n` (1-based): the opening fence is line 1.
    let file_line = |n: usize| n as u64 + 1;
    let error = |line: u64, message: String| ImportError::Line {
        file: file.to_owned(),
        line,
        message,
    };
    let pairs: Vec<(String, Value)> = match format {
        Format::Yaml => {
            let value: serde_norway::Value = serde_norway::from_str(&source).map_err(|e| {
                let line = e.location().map_or(1, |l| file_line(l.line()));
                error(
                    line,
                    format!("invalid YAML front matter: {}", without_position(&e)),
                )
            })?;
            match value {
                serde_norway::Value::Null => Vec::new(),
                serde_norway::Value::Mapping(map) => map
                    .into_iter()
                    .map(|(k, v)| (yaml_key(k), from_yaml(v)))
                    .collect(),
                _ => {
                    return Err(error(
                        2,
                        "front matter must be `key: value` fields".to_owned(),
                    ));
                }
            }
        }
        Format::Toml => {
            let table: toml::Table = source.parse().map_err(|e: toml::de::Error| {
                let line = e.span().map_or(1, |span| {
                    let upto = source.get(..span.start).unwrap_or(&source);
                    file_line(upto.matches('\n').count() + 1)
                });
                error(
                    line,
                    format!("invalid TOML front matter: {}", e.message().trim_end()),
                )
            })?;
            table.into_iter().map(|(k, v)| (k, from_toml(v))).collect()
        }
    };
    let lines = key_lines(&inner, format);
    let fields = pairs
        .into_iter()
        .map(|(key, value)| {
            let line = lines.get(&key).map_or(1, |&n| file_line(n));
            (key, value, line)
        })
        .collect();
    Ok(Some(FrontMatter {
        fields,
        open_line: 1,
        body_offset,
        body_line: inner.len() as u64 + 3,
    }))
}

/// serde_norway's message with its positions made file positions: the first (where the
/// problem is) is dropped, since the error already names that line; later ones (where the
/// enclosing construct starts, "while parsing a flow sequence at line 3 column 7") are moved
/// by the lines before the front matter.
fn without_position(e: &serde_norway::Error) -> String {
    let text = e.to_string();
    let mut out = String::new();
    let mut rest = text.as_str();
    let mut first = true;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let Ok(line) = after[..digits].parse::<u64>() else {
            out.push_str(" at line ");
            rest = after;
            continue;
        };
        let mut tail = &after[digits..];
        let mut column = "";
        if let Some(c) = tail.strip_prefix(" column ") {
            let n = c.bytes().take_while(u8::is_ascii_digit).count();
            column = &c[..n];
            tail = &c[n..];
        }
        if !first {
            out.push_str(&format!(" at line {}", line + 1));
            if !column.is_empty() {
                out.push_str(&format!(" column {column}"));
            }
        }
        first = false;
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn yaml_key(k: serde_norway::Value) -> String {
    match from_yaml(k) {
        Value::Text(s) => s,
        Value::Bool(b) => b.to_string(),
        other => other.describe(),
    }
}

fn from_yaml(v: serde_norway::Value) -> Value {
    use serde_norway::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => Value::Text(n.to_string()),
        Y::String(s) => Value::Text(s),
        Y::Sequence(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        Y::Mapping(_) => Value::Table,
        Y::Tagged(t) => from_yaml(t.value),
    }
}

fn from_toml(v: toml::Value) -> Value {
    use toml::Value as T;
    match v {
        T::String(s) => Value::Text(s),
        T::Integer(i) => Value::Text(i.to_string()),
        T::Float(f) => Value::Text(f.to_string()),
        T::Boolean(b) => Value::Bool(b),
        T::Datetime(d) => Value::Text(d.to_string()),
        T::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        T::Table(_) => Value::Table,
    }
}

/// The 1-based line within the front matter of each top-level key, found in one pass (a
/// search per key would be quadratic in a hostile file with many keys).
fn key_lines(inner: &[&str], format: Format) -> HashMap<String, usize> {
    let sep = match format {
        Format::Yaml => ':',
        Format::Toml => '=',
    };
    let mut lines = HashMap::new();
    for (i, l) in inner.iter().enumerate() {
        if l.starts_with([' ', '\t', '#', '-', '[']) {
            continue;
        }
        let Some(at) = l.find(sep) else {
            continue;
        };
        let key = l[..at].trim().trim_matches(['"', '\'']);
        lines.entry(key.to_owned()).or_insert(i + 1);
    }
    lines
}

/// Field names grouped by what they mean, in order of preference.
pub(crate) const TITLE: &[&str] = &["title", "name"];
pub(crate) const DATE: &[&str] = &["date"];
pub(crate) const SLUG: &[&str] = &["slug"];
pub(crate) const SUMMARY: &[&str] = &["summary", "description"];
pub(crate) const SEVERITY: &[&str] = &["severity", "sev", "impact"];
pub(crate) const SERVICES: &[&str] = &["services", "service", "components"];
pub(crate) const TAGS: &[&str] = &["tags"];
pub(crate) const STARTED: &[&str] = &["start", "started", "started_at"];
pub(crate) const DETECTED: &[&str] = &["detected", "detected_at"];
pub(crate) const RESOLVED: &[&str] = &["resolved", "end", "resolved_at", "fixed"];
pub(crate) const RESTRICTED: &[&str] = &["restricted"];

impl FrontMatter {
    /// The first present, non-null field among `names`, marking it used.
    pub fn take(
        &self,
        names: &[&str],
        used: &mut BTreeMap<String, bool>,
    ) -> Option<(&str, &Value, u64)> {
        let found = names.iter().find_map(|name| {
            self.fields
                .iter()
                .find(|(k, v, _)| k.eq_ignore_ascii_case(name) && *v != Value::Null)
        })?;
        used.insert(found.0.clone(), true);
        Some((found.0.as_str(), &found.1, found.2))
    }
}
