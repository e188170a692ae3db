//! Lines and kinds of text: what a reference shows of the line it is on, and what kind of file
//! it is in.

use serde::{Deserialize, Serialize};

/// At most this many characters of a line are kept (then an ellipsis): enough to read the
/// sentence, and a minified file's one line cannot bloat the store.
pub const MAX_LINE_CHARS: usize = 400;

/// Blobs larger than this are skipped with a warning: generated or vendored data, not prose.
pub const MAX_BLOB_BYTES: u64 = 2 * 1024 * 1024;

/// A NUL byte in this many leading bytes makes a blob binary, as git decides it.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// What kind of file a reference is in, from its name.
///
/// A match in code counts whether or not it is inside a comment: an incident id in a string
/// or a constant (`// see INC-3117`, `SKIP_REASON = "INC-3117"`) is a citation just the same,
/// and telling comments apart for every language is not worth its cost here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Source code (`.rs`, `.go`, `.py`, … and `Dockerfile`, `Makefile`).
    Code,
    /// Prose: Markdown, AsciiDoc, reStructuredText, plain text.
    Doc,
    /// Configuration: YAML, TOML, JSON, INI, Terraform.
    Config,
    /// Anything else.
    Other,
}

const DOC: &[&str] = &["md", "markdown", "adoc", "asciidoc", "txt", "rst"];
const CONFIG: &[&str] = &[
    "yaml",
    "yml",
    "toml",
    "json",
    "ini",
    "conf",
    "cfg",
    "tf",
    "tfvars",
    "hcl",
    "properties",
    "env",
];
const CODE: &[&str] = &[
    "rs",
    "go",
    "py",
    "rb",
    "js",
    "mjs",
    "cjs",
    "ts",
    "tsx",
    "jsx",
    "java",
    "kt",
    "kts",
    "scala",
    "groovy",
    "c",
    "h",
    "cc",
    "cpp",
    "cxx",
    "hpp",
    "hh",
    "cs",
    "fs",
    "swift",
    "m",
    "mm",
    "php",
    "pl",
    "pm",
    "sh",
    "bash",
    "zsh",
    "fish",
    "ps1",
    "sql",
    "lua",
    "ex",
    "exs",
    "erl",
    "hrl",
    "hs",
    "ml",
    "mli",
    "clj",
    "cljs",
    "dart",
    "r",
    "jl",
    "nix",
    "vue",
    "svelte",
    "html",
    "css",
    "scss",
    "proto",
    "zig",
    "nim",
    "v",
    "elm",
    "rego",
    "cue",
    "jsonnet",
    "libsonnet",
];
/// Template suffixes: `runbook.html.md.erb` is Markdown, so the kind is the inner extension's.
const TEMPLATE: &[&str] = &[
    "erb", "j2", "jinja", "jinja2", "tmpl", "tpl", "in", "template", "mustache", "hbs",
];
const CODE_NAMES: &[&str] = &[
    "dockerfile",
    "makefile",
    "jenkinsfile",
    "rakefile",
    "gemfile",
    "justfile",
    "vagrantfile",
];

impl FileKind {
    /// The kind of the file at `path` (a `/`-separated repository path), by extension,
    /// ASCII-case-insensitively.
    pub fn of_path(path: &str) -> FileKind {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        if CODE_NAMES.contains(&name.as_str()) || name.starts_with("dockerfile.") {
            return FileKind::Code;
        }
        let mut parts = name.rsplit('.');
        let mut ext = parts.next();
        if ext.is_some_and(|e| TEMPLATE.contains(&e)) {
            ext = parts.next();
        }
        // A name without a dot has no extension.
        let Some(ext) = ext.filter(|_| name.contains('.')) else {
            return FileKind::Other;
        };
        if DOC.contains(&ext) {
            FileKind::Doc
        } else if CONFIG.contains(&ext) {
            FileKind::Config
        } else if CODE.contains(&ext) {
            FileKind::Code
        } else {
            FileKind::Other
        }
    }
}

/// Is `data` binary (a NUL byte among its first [`BINARY_SNIFF_BYTES`])?
pub fn is_binary(data: &[u8]) -> bool {
    data[..data.len().min(BINARY_SNIFF_BYTES)].contains(&0)
}

/// Turns byte offsets of matches into line numbers, reading the text once from left to right
/// however many matches there are.
pub(crate) struct LineCursor<'a> {
    text: &'a [u8],
    pos: usize,
    line: u32,
    /// The line last returned: its end offset and text, reused for further hits on it, so
    /// that many hits on one long (minified) line do not each search it again.
    current: Option<(usize, String)>,
}

impl<'a> LineCursor<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        LineCursor {
            text,
            pos: 0,
            line: 1,
            current: None,
        }
    }

    /// The 1-based line number of byte `offset` and that line's text, trimmed and capped.
    /// Offsets must not decrease between calls.
    pub(crate) fn line_at(&mut self, offset: usize) -> (u32, String) {
        let offset = offset.max(self.pos);
        if let Some((end, text)) = &self.current
            && offset < *end
        {
            self.pos = offset;
            return (self.line, text.clone());
        }
        let newlines = self.text[self.pos..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += u32::try_from(newlines).unwrap_or(u32::MAX);
        self.pos = offset;
        let start = self.text[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.text.len(), |i| offset + i);
        let text = line_text(&self.text[start..end]);
        self.current = Some((end, text.clone()));
        (self.line, text)
    }
}

/// A line as a reference shows it: decoded lossily, trimmed, at most [`MAX_LINE_CHARS`]
/// characters and then `…`.
pub fn line_text(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    match text.char_indices().nth(MAX_LINE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(FileKind::of_path("docs/README.md"), FileKind::Doc);
        assert_eq!(
            FileKind::of_path("source/incident-log.html.md.erb"),
            FileKind::Doc
        );
        assert_eq!(FileKind::of_path("deploy/values.YAML"), FileKind::Config);
        assert_eq!(FileKind::of_path("src/lib.rs"), FileKind::Code);
        assert_eq!(FileKind::of_path("Dockerfile"), FileKind::Code);
        assert_eq!(FileKind::of_path("LICENSE"), FileKind::Other);
        assert_eq!(FileKind::of_path("logo.png"), FileKind::Other);
    }

    #[test]
    fn lines_are_counted_and_capped() {
        let text = b"one\n  two INC-1 \nthree";
        let mut cursor = LineCursor::new(text);
        assert_eq!(cursor.line_at(1), (1, "one".to_owned()));
        assert_eq!(cursor.line_at(10), (2, "two INC-1".to_owned()));
        assert_eq!(cursor.line_at(12), (2, "two INC-1".to_owned()));
        assert_eq!(cursor.line_at(18), (3, "three".to_owned()));
        let long = "é".repeat(500);
        let capped = line_text(long.as_bytes());
        assert_eq!(capped.chars().count(), MAX_LINE_CHARS + 1);
        assert!(capped.ends_with('…'));
    }
}
