//! The bytes of each message as the export wrote them.
//!
//! An entry's raw record feeds its content hash, so it must not depend on how this binary was
//! built: `serde_json::Value` orders object keys alphabetically or as written depending on a
//! Cargo feature that other crates in the workspace may switch on. Instead, each message's own
//! text is cut out of the day file and stripped of insignificant whitespace: the original record
//! in its original key order, compact, and the same in every build.

use serde_json::Value;

/// Byte ranges of the elements of the top-level array in `json`. Only called on text that
/// `serde_json` has already accepted as an array, so it only needs to find boundaries; `None`
/// if it cannot (which would be a bug, handled by falling back to re-serialising).
pub(super) fn array_element_spans(json: &[u8]) -> Option<Vec<(usize, usize)>> {
    let mut i = 0;
    skip_ws(json, &mut i);
    if json.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut spans = Vec::new();
    loop {
        skip_ws(json, &mut i);
        match json.get(i)? {
            b']' => return Some(spans),
            b',' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let start = i;
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            let b = *json.get(i)?;
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b',' | b']' if depth == 0 => break,
                    _ => {}
                }
            }
            i += 1;
        }
        let mut end = i;
        while end > start && json[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        spans.push((start, end));
    }
}

fn skip_ws(json: &[u8], i: &mut usize) {
    while json.get(*i).is_some_and(u8::is_ascii_whitespace) {
        *i += 1;
    }
}

/// `json` without whitespace outside strings.
pub(super) fn compact(json: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for &b in json {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            out.push(b);
        } else if !b.is_ascii_whitespace() {
            if b == b'"' {
                in_string = true;
            }
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

/// The raw record for each message of a day file: its compacted original text, or the value
/// re-serialised if the text could not be cut out.
pub(super) fn raw_records(json: &[u8], messages: &[Value]) -> Vec<String> {
    let spans = array_element_spans(json).filter(|s| s.len() == messages.len());
    messages
        .iter()
        .enumerate()
        .map(|(n, message)| {
            spans
                .as_ref()
                .and_then(|s| s.get(n))
                .and_then(|&(a, b)| json.get(a..b))
                .and_then(compact)
                .unwrap_or_else(|| message.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_out_and_compacts_each_element_in_its_own_key_order() {
        let json = br#" [ {"z": 1, "a": "x, ]}\" y"} ,
            [1, [2]], "s" ,3 ]"#;
        let values: Vec<Value> = serde_json::from_slice(json).unwrap();
        assert_eq!(
            raw_records(json, &values),
            [r#"{"z":1,"a":"x, ]}\" y"}"#, "[1,[2]]", r#""s""#, "3"]
        );
        assert_eq!(array_element_spans(b"[]"), Some(vec![]));
        assert_eq!(array_element_spans(b"{}"), None);
        assert_eq!(array_element_spans(b"[1"), None);
    }
}
