//! Which dialect a log is written in, when the caller does not say: the one that fits most of
//! the first non-empty lines, decoded as [`read`](super::read) decodes them.

use std::io::BufRead;

use super::parse;
use super::{Decoded, Dialect, PREFERENCE, SAMPLE_LINES};
use crate::ImportError;
use crate::lines::LineReader;

/// The dialect of a log, as [`read`] detects it when not told: the one that fits most of the
/// first 50 non-empty lines, provided it fits at least half of them.
pub fn detect<R: BufRead>(reader: R, file: &str) -> Result<Dialect, ImportError> {
    let mut lines = LineReader::new(reader, file);
    let sample = take_sample(&mut lines, &mut Decoded::default())?;
    detect_in(&sample, file)
}

/// The lines up to the [`SAMPLE_LINES`]th non-empty one, numbered and decoded.
pub(super) fn take_sample<R: BufRead>(
    lines: &mut LineReader<R>,
    decoded: &mut Decoded,
) -> Result<Vec<(u64, String)>, ImportError> {
    let mut sample = Vec::new();
    let mut non_empty = 0;
    while non_empty < SAMPLE_LINES {
        let Some((n, bytes)) = lines.next_bytes()? else {
            break;
        };
        let text = decoded.decode(n, bytes);
        if !text.trim().is_empty() {
            non_empty += 1;
        }
        sample.push((n, text));
    }
    Ok(sample)
}

pub(super) fn detect_in(sample: &[(u64, String)], file: &str) -> Result<Dialect, ImportError> {
    let lines: Vec<_> = sample
        .iter()
        .map(|(_, text)| parse::strip_formatting(text))
        .filter(|text| !text.trim().is_empty())
        .collect();
    let fits = |d: Dialect| {
        lines
            .iter()
            .filter(|l| parse::parse(d, l).is_some())
            .count()
    };
    let mut best = (Dialect::Plain, 0);
    for d in PREFERENCE {
        let n = fits(d);
        if n > best.1 {
            best = (d, n);
        }
    }
    if best.1 == 0 || best.1 * 2 < lines.len() {
        return Err(ImportError::File {
            file: file.to_owned(),
            message: format!(
                "not a recognised IRC log (tried {}); use --format",
                Dialect::ALL.map(Dialect::as_str).join(", ")
            ),
        });
    }
    Ok(best.0)
}
