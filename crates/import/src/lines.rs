//! Line-by-line reading with a cap on line length, for every line-oriented format.

use std::io::{BufRead, Read};

use crate::{ImportError, MAX_LINE_BYTES};

/// Reads lines from a file, numbering them from 1, refusing any line longer than
/// [`MAX_LINE_BYTES`] before it is held in memory whole.
pub struct LineReader<R> {
    reader: R,
    file: String,
    line: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(reader: R, file: &str) -> Self {
        LineReader {
            reader,
            file: file.to_owned(),
            line: 0,
            buf: Vec::new(),
        }
    }

    /// The file name given at construction, for error messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The number of the line last returned.
    pub fn line_number(&self) -> u64 {
        self.line
    }

    /// An error at the line last returned.
    pub fn error_here(&self, message: impl Into<String>) -> ImportError {
        ImportError::Line {
            file: self.file.clone(),
            line: self.line,
            message: message.into(),
        }
    }

    /// The next line's number and bytes without its `\n` or `\r\n`, or `None` at the end of
    /// the file.
    pub fn next_bytes(&mut self) -> Result<Option<(u64, &[u8])>, ImportError> {
        self.buf.clear();
        let read = self
            .reader
            .by_ref()
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut self.buf)
            .map_err(|source| ImportError::Read {
                file: self.file.clone(),
                source,
            })?;
        if read == 0 {
            return Ok(None);
        }
        self.line += 1;
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        } else if self.buf.len() > MAX_LINE_BYTES {
            return Err(self.error_here(format!("line is longer than {MAX_LINE_BYTES} bytes")));
        }
        if self.line == 1 && self.buf.starts_with(b"\xEF\xBB\xBF") {
            self.buf.drain(..3);
        }
        Ok(Some((self.line, &self.buf)))
    }

    /// The next line's number and UTF-8 text; bytes that are not UTF-8 are an error naming
    /// the line.
    pub fn next_utf8(&mut self) -> Result<Option<(u64, &str)>, ImportError> {
        let file = self.file.clone();
        match self.next_bytes()? {
            None => Ok(None),
            Some((line, bytes)) => match std::str::from_utf8(bytes) {
                Ok(text) => Ok(Some((line, text))),
                Err(e) => Err(ImportError::Line {
                    file,
                    line,
                    message: format!("not UTF-8 (byte {} of the line)", e.valid_up_to() + 1),
                }),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_strips_endings_and_bom() {
        let mut r = LineReader::new(&b"\xEF\xBB\xBFone\r\ntwo\n\nlast"[..], "f.txt");
        assert_eq!(r.next_utf8().unwrap(), Some((1, "one")));
        assert_eq!(r.next_utf8().unwrap(), Some((2, "two")));
        assert_eq!(r.next_utf8().unwrap(), Some((3, "")));
        assert_eq!(r.next_utf8().unwrap(), Some((4, "last")));
        assert_eq!(r.line_number(), 4);
        assert_eq!(r.next_utf8().unwrap(), None);
    }

    #[test]
    fn refuses_long_lines_and_names_bad_utf8() {
        let long = vec![b'x'; MAX_LINE_BYTES + 1];
        let mut r = LineReader::new(&long[..], "big.log");
        assert_eq!(
            r.next_bytes().unwrap_err().to_string(),
            format!("big.log:1: line is longer than {MAX_LINE_BYTES} bytes")
        );
        let mut exact = vec![b'x'; MAX_LINE_BYTES];
        exact.push(b'\n');
        assert_eq!(
            LineReader::new(&exact[..], "f")
                .next_bytes()
                .unwrap()
                .unwrap()
                .1
                .len(),
            MAX_LINE_BYTES
        );
        let mut r = LineReader::new(&b"ok\nbad \xff\n"[..], "x.log");
        r.next_utf8().unwrap();
        assert_eq!(
            r.next_utf8().unwrap_err().to_string(),
            "x.log:2: not UTF-8 (byte 5 of the line)"
        );
    }
}
