//! `lore lint PATH…|-`: the second reader over Markdown files, for a writer at a terminal or
//! a docs repository's CI. Exit 0 when nothing is flagged, 1 when something is, 2 when an
//! argument or a file could not be read (the other files are still linted). Needs no store.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lore_lint::{Flag, MAX_INPUT_BYTES};
use serde::Serialize;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Markdown files or directories (every `.md` and `.markdown` file under them); `-`
    /// reads standard input.
    #[arg(required = true)]
    paths: Vec<String>,
    /// `text`: `path:line:column`, the words, why and a suggestion; `jsonl`: one JSON object
    /// per flag.
    #[arg(long, default_value = "text", value_parser = ["text", "jsonl"])]
    format: String,
}

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    flag: &'a Flag,
}

/// The Markdown files a path names, sorted; hidden directories are skipped.
fn markdown_files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        out.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if p.is_dir() && !hidden {
            markdown_files(&p, out)?;
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// The text of a file or of standard input, or why it cannot be linted.
fn read(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| e.to_string())?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "is larger than {MAX_INPUT_BYTES} bytes, the most Lore lints"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        format!("is not UTF-8 text (line {line}, byte {at})")
    })
}

fn print_text(out: &mut impl Write, path: &str, f: &Flag) -> std::io::Result<()> {
    writeln!(
        out,
        "{path}:{}:{}: {}: \"{}\"\n  why: {}\n  try: {}",
        f.line,
        f.column,
        f.category.as_str(),
        f.span,
        f.explanation,
        f.suggestion
    )
}

pub fn run(args: Args) -> ExitCode {
    let mut files = Vec::new();
    let mut failed = false;
    for p in &args.paths {
        if p == "-" {
            files.push(PathBuf::from("-"));
        } else if let Err(e) = markdown_files(Path::new(p), &mut files) {
            eprintln!("error: {p}: {e}");
            failed = true;
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut flagged = 0usize;
    for file in &files {
        let name = file.to_string_lossy();
        let shown = if name == "-" { "<stdin>" } else { &name };
        let flags =
            match read(&name).and_then(|text| lore_lint::lint(&text).map_err(|e| e.to_string())) {
                Ok(flags) => flags,
                Err(e) => {
                    eprintln!("error: {shown} {e}");
                    failed = true;
                    continue;
                }
            };
        flagged += flags.len();
        for f in &flags {
            let written = if args.format == "jsonl" {
                serde_json::to_writer(
                    &mut out,
                    &Line {
                        path: shown,
                        flag: f,
                    },
                )
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
            } else {
                print_text(&mut out, shown, f)
            };
            // `lore lint … | head`: the reader left.
            if written.is_err() {
                return ExitCode::from(if failed { 2 } else { 1 });
            }
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else if flagged > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
