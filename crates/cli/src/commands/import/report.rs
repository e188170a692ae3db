//! What an import tells the person running it: progress while reading (on a terminal only),
//! then one report per source.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lore_store::ImportReport;
use time::format_description::well_known::Rfc3339;

/// A progress bar over the bytes of the files being read. indicatif draws nothing when
/// standard error is not a terminal, so scripts and CI logs stay quiet.
pub struct Progress(ProgressBar);

impl Progress {
    pub fn over_files(kind: &str, paths: &[PathBuf]) -> Progress {
        let total: u64 = paths.iter().map(|p| size_of(p)).sum();
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{prefix} {wide_msg} [{bar:30}] {bytes}/{total_bytes}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar.set_prefix(format!("reading {kind}"));
        Progress(bar)
    }

    /// A counter of entries read, for inputs whose size is known only at the end.
    pub fn counting(what: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix}: {pos} entries ({per_sec})")
                .expect("valid template"),
        );
        bar.set_prefix(what.to_owned());
        Progress(bar)
    }

    pub fn add(&self, n: u64) {
        self.0.inc(n);
    }

    pub fn start(&self, name: &str) {
        self.0.set_message(name.to_owned());
    }

    pub fn done(&self, path: &Path) {
        self.0.inc(size_of(path));
    }

    pub fn finish(self) {
        self.0.finish_and_clear();
    }
}

/// Bytes in a file, or in all files under a folder.
fn size_of(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path)
            .map(|rd| rd.flatten().map(|e| size_of(&e.path())).sum())
            .unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

pub fn print_source(name: &str, r: &ImportReport, warnings: &[String]) -> std::io::Result<()> {
    if r.already_imported {
        // Streamed sources are not read again just to count what is being skipped.
        let count = match r.duplicates {
            0 => String::new(),
            n => format!(" ({n} entries)"),
        };
        outln!("{name}: already imported into this incident; nothing added{count}.");
    } else {
        outln!(
            "{name}: {} entries added, {} skipped as duplicates, {} marked as noise, {} people ({} new)",
            r.added,
            r.duplicates,
            r.noise,
            r.people_found,
            r.people_created
        );
        if let (Some(first), Some(last)) = (r.first, r.last) {
            let rfc = |t: time::OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
            outln!("  time range: {} to {}", rfc(first), rfc(last));
        }
        if r.channel_members > 0 {
            outln!(
                "  channel members recorded: {} (for \"as seen by\" a person)",
                r.channel_members
            );
        }
    }
    const SHOWN: usize = 20;
    for w in warnings.iter().take(SHOWN) {
        outln!("  warning: {w}");
    }
    if warnings.len() > SHOWN {
        outln!("  … and {} more warnings", warnings.len() - SHOWN);
    }
    Ok(())
}
