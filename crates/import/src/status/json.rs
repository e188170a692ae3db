//! JSON for the status readers: validated by serde_json once, then navigated by byte range, so
//! that every record's raw text can be its original bytes (compacted).

use std::ops::Range;

use super::{Stamp, check_size, file_error, push_unique, quoted};
use crate::ImportError;

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
}
