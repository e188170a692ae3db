//! WebVTT transcripts, as Zoom and other meeting tools write them for recorded calls.
//!
//! The file is read as the W3C WebVTT specification describes: a `WEBVTT` signature line
//! (optionally followed by a space or tab and text), header lines, then blocks separated by
//! blank lines. `NOTE`, `STYLE` and `REGION` blocks are skipped. A cue is an optional identifier
//! line, a timing line `START --> END [settings]` (timestamps `HH:MM:SS.mmm` or `MM:SS.mmm`)
//! and payload lines up to a blank line, or up to a line containing `-->`, which starts the
//! next cue as the specification says.
//!
//! Cue times are offsets into the recording, so the caller gives the instant the recording
//! started. Each cue becomes one transcript entry, consecutive cues by one speaker included
//! (each keeps its own provenance):
//! - the speaker is the first voice span's annotation (`<v Nadia Okafor>...`), or else the
//!   label Zoom writes before the text (`Nadia Okafor: ...`): the first line's text up to the
//!   first `": "`, when that is at most 64 characters long and has a letter in it;
//! - markup is removed: the tags WebVTT defines (`<b>`, `<i>`, `<u>`, `<c.class>`, `<v ...>`,
//!   `<lang ...>`, `<ruby>`, `<rt>`, their end tags, and timestamps like `<00:00:01.000>`).
//!   Anything else that starts with `<` is kept as text: the specification requires `&lt;` there,
//!   but transcription tools do not all escape, and dropping words of a transcript is worse than
//!   keeping a stray bracket;
//! - `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&lrm;`, `&rlm;`, `&quot;`, `&apos;` and numeric
//!   references (`&#39;`, `&#x27;`) are decoded; other `&` text is kept as is;
//! - the raw record is the whole cue block, identifier and timing line included.

use std::io::BufRead;

use lore_core::{EntryKind, NewTimelineEntry, PersonHint, Provenance};
use time::{Duration, OffsetDateTime};

use crate::lines::LineReader;
use crate::{ImportError, MAX_LINE_BYTES, Timeline};

/// Speaker labels longer than this are taken for text that happens to contain `": "`.
const MAX_LABEL_CHARS: usize = 64;

/// Reads a WebVTT transcript of a recording that started at `starts_at`. `file` is the name
/// used in provenance and error messages.
pub fn read<R: BufRead>(
    reader: R,
    file: &str,
    starts_at: OffsetDateTime,
) -> Result<Timeline, ImportError> {
    let mut lines = Lines {
        inner: LineReader::new(reader, file),
        pushed_back: None,
    };
    let signed = match lines.inner.next_bytes()? {
        Some((_, first)) => {
            first.starts_with(b"WEBVTT") && matches!(first.get(6), None | Some(b' ' | b'\t'))
        }
        None => false,
    };
    if !signed {
        return Err(ImportError::Line {
            file: file.to_owned(),
            line: 1,
            message: "not a WebVTT file: the first line must start with WEBVTT".into(),
        });
    }
    // Header lines (`Kind: captions`, ...) run to the first blank line; a timing line ends them
    // too, since some writers put the first cue right under the signature.
    while let Some((number, line)) = lines.next()? {
        if line.is_empty() {
            break;
        }
        if line.contains("-->") {
            lines.push_back(number, line);
            break;
        }
    }

    let mut out = Timeline::default();
    let mut reader = Reader {
        file,
        starts_at,
        out: &mut out,
        unattributed: 0,
        first_unattributed: 0,
    };
    while let Some((number, first)) = lines.next()? {
        if first.is_empty() {
            continue;
        }
        if first.contains("-->") {
            let cue = lines.cue(None, number, first)?;
            reader.cue(cue)?;
        } else if ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| is_keyword_line(&first, k))
        {
            lines.skip_block()?;
        } else {
            match lines.next()? {
                Some((timing_number, timing)) if timing.contains("-->") => {
                    let cue = lines.cue(Some(first), timing_number, timing)?;
                    reader.cue(cue)?;
                }
                next => {
                    if let Some((n, line)) = next {
                        lines.push_back(n, line);
                        lines.skip_block()?;
                    }
                    reader.out.warnings.push(format!(
                        "{file}:{number}: skipped a block that is not a cue (no `-->` timing line)"
                    ));
                }
            }
        }
    }
    if reader.unattributed > 0 {
        let (n, first) = (reader.unattributed, reader.first_unattributed);
        let counted = if n == 1 {
            "1 cue has".to_owned()
        } else {
            format!("{n} cues have")
        };
        out.warnings.push(format!(
            "{file}:{first}: {counted} no speaker (the first is here); imported without an author"
        ));
    }
    Ok(out)
}

/// `NOTE`, `STYLE` and `REGION` open a block when alone on the line or followed by a space or
/// tab.
fn is_keyword_line(line: &str, keyword: &str) -> bool {
    line.strip_prefix(keyword)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Lines of the file, with one line of look-back for blocks that end at a timing line.
struct Lines<R> {
    inner: LineReader<R>,
    pushed_back: Option<(u64, String)>,
}

/// One cue block as written.
struct Cue {
    id: Option<String>,
    timing_line: u64,
    timing: String,
    payload: Vec<String>,
    raw: String,
}

impl<R: BufRead> Lines<R> {
    fn next(&mut self) -> Result<Option<(u64, String)>, ImportError> {
        if let Some(line) = self.pushed_back.take() {
            return Ok(Some(line));
        }
        Ok(self
            .inner
            .next_utf8()?
            .map(|(number, text)| (number, text.to_owned())))
    }

    fn push_back(&mut self, number: u64, line: String) {
        self.pushed_back = Some((number, line));
    }

    /// Skips the rest of a block that is not a cue. Such blocks cannot hold `-->`; a line with
    /// it starts a cue.
    fn skip_block(&mut self) -> Result<(), ImportError> {
        while let Some((number, line)) = self.next()? {
            if line.is_empty() {
                break;
            }
            if line.contains("-->") {
                self.push_back(number, line);
                break;
            }
        }
        Ok(())
    }

    /// Reads a cue's payload after its timing line, and keeps the block's text.
    fn cue(
        &mut self,
        id: Option<String>,
        timing_line: u64,
        timing: String,
    ) -> Result<Cue, ImportError> {
        let mut raw = String::new();
        if let Some(id) = &id {
            raw.push_str(id);
            raw.push('\n');
        }
        raw.push_str(&timing);
        let mut payload = Vec::new();
        while let Some((number, line)) = self.next()? {
            if line.is_empty() {
                break;
            }
            if line.contains("-->") {
                self.push_back(number, line);
                break;
            }
            // Lines are capped by the line reader; the cue as a whole is capped here, so that
            // a file with no blank lines cannot make one entry of any size.
            if raw.len() + 1 + line.len() > MAX_LINE_BYTES {
                return Err(ImportError::Line {
                    file: self.inner.file().to_owned(),
                    line: timing_line,
                    message: format!("cue is longer than {MAX_LINE_BYTES} bytes"),
                });
            }
            raw.push('\n');
            raw.push_str(&line);
            payload.push(line);
        }
        Ok(Cue {
            id,
            timing_line,
            timing,
            payload,
            raw,
        })
    }
}

/// Turns cue blocks into entries.
struct Reader<'a> {
    file: &'a str,
    starts_at: OffsetDateTime,
    out: &'a mut Timeline,
    unattributed: u64,
    first_unattributed: u64,
}

impl Reader<'_> {
    fn cue(&mut self, cue: Cue) -> Result<(), ImportError> {
        let file = self.file;
        let here = |message: String| ImportError::Line {
            file: file.to_owned(),
            line: cue.timing_line,
            message,
        };
        let (start, end) = parse_timing(&cue.timing)
            .map_err(|why| here(format!("malformed cue timing line {:?}: {why}", cue.timing)))?;
        if end.ms < start.ms {
            return Err(here(format!(
                "cue ends ({}) before it starts ({})",
                end.text, start.text
            )));
        }
        let occurred_at = i64::try_from(start.ms)
            .ok()
            .and_then(|ms| self.starts_at.checked_add(Duration::milliseconds(ms)))
            .ok_or_else(|| here(format!("cue start {} is out of range", start.text)))?;

        let Text {
            speaker,
            text,
            other_voices,
        } = cue_text(&cue.payload);
        if text.is_empty() {
            self.out.warnings.push(format!(
                "{file}:{}: skipped a cue with no text",
                cue.timing_line
            ));
            return Ok(());
        }
        if !other_voices.is_empty() {
            self.out.warnings.push(format!(
                "{file}:{}: cue has several voices ({}, {}); attributed to the first",
                cue.timing_line,
                speaker.as_deref().unwrap_or_default(),
                other_voices.join(", ")
            ));
        }
        match &speaker {
            Some(name) => {
                if !self.out.people.iter().any(|p| p.handle == *name) {
                    self.out.people.push(PersonHint {
                        handle: name.clone(),
                        display_name: name.clone(),
                    });
                }
            }
            None => {
                if self.unattributed == 0 {
                    self.first_unattributed = cue.timing_line;
                }
                self.unattributed += 1;
            }
        }
        self.out.entries.push(NewTimelineEntry {
            occurred_at,
            time_text: cue.timing,
            time_zone: Some(self.starts_at.offset().to_string()),
            author_handle: speaker,
            // A call is one conversation; the recording does not name it.
            channel: None,
            kind: EntryKind::Transcript,
            text,
            thread_parent: None,
            noise: false,
            provenance: Provenance {
                path: file.to_owned(),
                line: Some(cue.timing_line),
                message_id: cue.id,
            },
            raw: cue.raw,
        });
        Ok(())
    }
}

/// A cue time: milliseconds from the start of the recording, and the text as written.
struct Stamp<'a> {
    ms: u64,
    text: &'a str,
}

/// Reads `START --> END [settings]`; the settings (position, alignment) do not matter here.
fn parse_timing(line: &str) -> Result<(Stamp<'_>, Stamp<'_>), String> {
    let rest = line.trim_start_matches([' ', '\t']);
    let (start, rest) =
        timestamp(rest).ok_or("the start is not a timestamp like 00:00:01.000 or 00:01.000")?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("-->")
        .ok_or("expected `-->` after the start time")?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let (end, rest) =
        timestamp(rest).ok_or("the end is not a timestamp like 00:00:04.000 or 00:04.000")?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return Err("expected a space before the cue settings".into());
    }
    Ok((start, end))
}

/// Reads a WebVTT timestamp at the start of `s` (the specification's "collect a WebVTT
/// timestamp"): `[H+:]MM:SS.mmm`, where a first number that is not two digits or is over 59
/// is hours. Returns it and the text after it.
fn timestamp(s: &str) -> Option<(Stamp<'_>, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    let number = |i: &mut usize, max_digits: usize| -> Option<(u64, usize)> {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        let len = *i - start;
        if len == 0 || len > max_digits {
            return None;
        }
        let v = s.get(start..*i)?.parse().ok()?;
        Some((v, len))
    };
    // Hours beyond nine digits would be over 100,000 years of recording.
    let (first, first_len) = number(&mut i, 9)?;
    let hours_first = first_len != 2 || first > 59;
    (b.get(i) == Some(&b':')).then_some(())?;
    i += 1;
    let (second, second_len) = number(&mut i, 2)?;
    (second_len == 2).then_some(())?;
    let (hours, minutes, seconds) = if hours_first || b.get(i) == Some(&b':') {
        (b.get(i) == Some(&b':')).then_some(())?;
        i += 1;
        let (third, third_len) = number(&mut i, 2)?;
        (third_len == 2).then_some(())?;
        (first, second, third)
    } else {
        (0, first, second)
    };
    (b.get(i) == Some(&b'.')).then_some(())?;
    i += 1;
    let (millis, millis_len) = number(&mut i, 3)?;
    if millis_len != 3 || minutes > 59 || seconds > 59 {
        return None;
    }
    let ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
    Some((
        Stamp {
            ms,
            text: s.get(..i)?,
        },
        s.get(i..)?,
    ))
}

/// What a cue says and who says it.
struct Text {
    speaker: Option<String>,
    text: String,
    /// Voices after the first that differ from it.
    other_voices: Vec<String>,
}

fn cue_text(payload: &[String]) -> Text {
    let joined = payload.join("\n");
    let mut voices: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut rest = joined.as_str();
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        match tag(after) {
            Some((tag, len)) => {
                if let Some(voice) = tag.strip_prefix('v').and_then(voice_annotation)
                    && !voices.contains(&voice)
                {
                    voices.push(voice);
                }
                rest = &after[len..];
            }
            None => {
                text.push('<');
                rest = after;
            }
        }
    }
    text.push_str(&decode_entities(rest));
    let mut text = text.trim().to_owned();

    let mut speaker = None;
    if voices.is_empty() {
        let first_line = text.lines().next().unwrap_or_default();
        if let Some((label, _)) = first_line.split_once(": ") {
            let label = label.trim();
            if !label.is_empty()
                && label.chars().count() <= MAX_LABEL_CHARS
                && label.chars().any(char::is_alphabetic)
            {
                speaker = Some(label.to_owned());
                text = text
                    .split_once(": ")
                    .map(|(_, said)| said.trim().to_owned())
                    .unwrap_or_default();
            }
        }
    } else {
        speaker = Some(voices.remove(0));
    }
    Text {
        speaker,
        text,
        other_voices: voices,
    }
}

/// The tags WebVTT defines; other text after `<` is kept (see the module documentation).
const TAG_NAMES: [&str; 8] = ["c", "i", "b", "u", "ruby", "rt", "v", "lang"];

/// If `s` (the text after a `<`) is a WebVTT tag, its content and its length with the `>`.
fn tag(s: &str) -> Option<(&str, usize)> {
    let end = s.find(['>', '<', '\n'])?;
    (s.as_bytes().get(end) == Some(&b'>')).then_some(())?;
    let content = &s[..end];
    let name_of = |t: &str| {
        let end = t.find(['.', ' ', '\t']).unwrap_or(t.len());
        t[..end].to_owned()
    };
    let known = match content.strip_prefix('/') {
        Some(closing) => TAG_NAMES.contains(&name_of(closing).as_str()),
        None if content.starts_with(|c: char| c.is_ascii_digit()) => {
            timestamp(content).is_some_and(|(_, rest)| rest.is_empty())
        }
        None => TAG_NAMES.contains(&name_of(content).as_str()),
    };
    known.then_some((content, end + 1))
}

/// The speaker of a `<v ...>` tag, given the text after the `v`: classes (`.loud`) and then,
/// after whitespace, the annotation.
fn voice_annotation(after_v: &str) -> Option<String> {
    let (_, annotation) = after_v.split_once([' ', '\t'])?;
    let annotation = decode_entities(annotation.trim());
    (!annotation.is_empty()).then_some(annotation)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let c = match &after[..semi] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "nbsp" => '\u{a0}',
                "lrm" => '\u{200e}',
                "rlm" => '\u{200f}',
                "quot" => '"',
                "apos" => '\'',
                name => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> Option<u64> {
        timestamp(s)
            .filter(|(_, rest)| rest.is_empty())
            .map(|(t, _)| t.ms)
    }

    #[test]
    fn timestamps_as_the_specification_collects_them() {
        assert_eq!(ms("00:00:01.250"), Some(1250));
        assert_eq!(ms("01:02.003"), Some(62_003));
        assert_eq!(ms("1:00:00.000"), Some(3_600_000), "one-digit hours");
        assert_eq!(ms("100:00:00.000"), Some(360_000_000));
        assert_eq!(ms("60:00.000"), None, "60 is hours, so seconds are missing");
        assert_eq!(ms("00:60.000"), None);
        assert_eq!(ms("00:00:01,000"), None, "SubRip's comma");
        assert_eq!(ms("00:00:01.00"), None);
        assert_eq!(ms("00:00:01.0000"), None);
        assert_eq!(ms("0000000000:00:00.000"), None);
    }

    #[test]
    fn markup_and_entities() {
        let t = cue_text(&[
            "<v.loud Esme &amp; Co>It&apos;s <b>down</b> &lt;3 <00:00:02.000>now".into(),
        ]);
        assert_eq!(t.speaker.as_deref(), Some("Esme & Co"));
        assert_eq!(t.text, "It's down <3 now");
        let t = cue_text(&["x<y and a<bc> 1 &#x41;&#66;&bogus; & &#0;".into()]);
        assert_eq!(t.speaker, None);
        assert_eq!(t.text, "x<y and a<bc> 1 AB&bogus; & &#0;");
        let t = cue_text(&["<v Ann>hi</v> <v Bob>yo</v><v Ann>".into()]);
        assert_eq!(t.speaker.as_deref(), Some("Ann"));
        assert_eq!(t.other_voices, ["Bob"]);
        let t = cue_text(&["12: 30 we paged".into()]);
        assert_eq!(t.speaker, None, "a label needs a letter");
    }
}
