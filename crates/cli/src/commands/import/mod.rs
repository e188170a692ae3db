//! `lore import KIND PATH… [--incident SLUG]`: reads files with `lore-import`, then stores
//! everything one command read in one transaction. Parsing comes first, so a file that fails
//! to parse leaves the store exactly as it was.

mod args;
mod report;

use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use lore_core::{ContentHasher, NewSource, Slug};
use lore_import::field_map::FieldMap;
use lore_import::irc::IrcOptions;
use lore_import::slack::SlackOptions;
use lore_import::writeup::WriteupOptions;
use lore_import::{ImportError, IncidentRecord, Timeline, zone::Zone};
use lore_store::{PreparedEntries, Store};
use time::{Date, OffsetDateTime};

use super::incident::parse_slug;
use super::{find_incident, os_user};
use args::{parse_date, parse_instant};
use report::Progress;

/// Options shared by the timeline formats that `--map` applies to (CSV, JSONL).
#[derive(clap::Args)]
pub struct Mapping {
    /// Read COLUMN as FIELD (message, datetime, timestamp, epoch_seconds, timestamp_desc,
    /// author, kind, id, thread_parent, noise, channel). Repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    maps: Vec<String>,
    /// Kind for rows that do not say (chat, status, deploy, alert, ticket, transcript, note).
    #[arg(long)]
    kind: Option<lore_core::EntryKind>,
    /// Zone of times written without an offset (+02:00, -0500, UTC, Europe/Athens). Never guessed.
    #[arg(long, value_parser = Zone::parse, allow_hyphen_values = true)]
    tz: Option<Zone>,
}

impl Mapping {
    fn field_map(&self) -> anyhow::Result<FieldMap> {
        let mut map = FieldMap::from_args(self.maps.iter().map(String::as_str))
            .map_err(|e| anyhow::anyhow!("--map: {e}"))?;
        map.default_kind = self.kind;
        map.assume_tz = self.tz.clone();
        Ok(map)
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// A Slack workspace export (ZIP file or unpacked folder).
    Slack {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Slug,
        /// Only these channels (comma-separated names).
        #[arg(long, value_delimiter = ',')]
        channels: Option<Vec<String>>,
        /// Only messages at or after this time (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_instant)]
        from: Option<OffsetDateTime>,
        /// Only messages at or before this time (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_instant)]
        to: Option<OffsetDateTime>,
    },
    /// IRC logs (irssi, weechat, ZNC, Limnoria, irclogs.ubuntu.com, plain), detected or named.
    Irc {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Slug,
        /// The zone the log was written in (+02:00, -0500, UTC, or Europe/Athens: each line
        /// takes its own offset). IRC logs never say, so Lore never guesses.
        #[arg(long, value_parser = Zone::parse, allow_hyphen_values = true)]
        tz: Zone,
        /// The log's dialect: irssi, weechat, znc, limnoria, ubuntu, plain (default: detect).
        #[arg(long)]
        format: Option<lore_import::irc::Dialect>,
        /// The date of a log that gives only times (default: from a header or the file name).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Only this channel's lines, in logs that name the channel on each line.
        #[arg(long)]
        channel: Option<String>,
    },
    /// CSV timelines (Timesketch-compatible: `datetime`, `message`, `timestamp_desc`, ...).
    Csv {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Slug,
        #[command(flatten)]
        mapping: Mapping,
    },
    /// JSON Lines timelines (Timesketch-compatible: `datetime`, `message`, ...).
    Jsonl {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Slug,
        #[command(flatten)]
        mapping: Mapping,
    },
    /// Atlassian Statuspage: API v2 `summary.json` / `incidents.json`, or the `history.atom`
    /// feed. Creates one incident per status incident, or attaches all to `--incident`.
    Statuspage {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Option<Slug>,
    },
    /// Google Cloud's status `incidents.json`. Creates one incident per status incident, or
    /// attaches all to `--incident`.
    GcpStatus {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Option<Slug>,
    },
    /// Markdown write-ups (old postmortems), one incident per file: front matter (YAML or
    /// TOML) to incident fields, the body as the narrative, timelines from time-led tables
    /// and lists. Creates the incidents, or attaches all entries to `--incident`.
    Writeup {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Option<Slug>,
        /// Zone for times written without one: an offset (+02:00, -0500, UTC) or a zone name
        /// (Europe/Athens); else UTC, with a warning.
        #[arg(long, value_parser = Zone::parse, allow_hyphen_values = true)]
        tz: Option<Zone>,
        /// Date for times that the write-up gives without one.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
    /// WebVTT transcripts of recorded calls (speaker-labelled cues, as Zoom writes them).
    Vtt {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_parser = parse_slug)]
        incident: Slug,
        /// When the recording started (RFC 3339 with offset): cue times count from it.
        #[arg(long, value_parser = parse_instant)]
        start: OffsetDateTime,
    },
}

pub async fn run(store: &Store, cmd: Command) -> anyhow::Result<()> {
    crate::release_freed_memory_at_once();
    match cmd {
        Command::Slack {
            paths,
            incident,
            channels,
            from,
            to,
        } => {
            let opts = SlackOptions {
                channels,
                from,
                to,
                ..SlackOptions::default()
            };
            slack(store, &incident, &paths, opts).await
        }
        Command::Irc {
            paths,
            incident,
            tz,
            format,
            date,
            channel,
        } => {
            let opts = IrcOptions {
                dialect: format,
                tz,
                date,
                channel,
            };
            attach(store, &incident, "irc", &paths, |path, name| {
                lore_import::irc::read(BufReader::new(open(path, name)?), name, &opts)
            })
            .await
        }
        Command::Csv {
            paths,
            incident,
            mapping,
        } => {
            let map = mapping.field_map()?;
            attach(store, &incident, "csv", &paths, |path, name| {
                lore_import::csv_timeline::read(open(path, name)?, name, &map)
            })
            .await
        }
        Command::Jsonl {
            paths,
            incident,
            mapping,
        } => {
            let map = mapping.field_map()?;
            attach(store, &incident, "jsonl", &paths, |path, name| {
                lore_import::jsonl::read_with_map(BufReader::new(open(path, name)?), name, &map)
            })
            .await
        }
        Command::Statuspage { paths, incident } => {
            describe(
                store,
                incident.as_ref(),
                "statuspage",
                &paths,
                |path, name| {
                    let bytes = read_document(path, name)?;
                    // The Atom feed is XML; the API's documents are JSON.
                    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
                        lore_import::status::atom::read_feed(&bytes, name)
                    } else {
                        lore_import::status::statuspage::read_json(&bytes, name)
                    }
                },
            )
            .await
        }
        Command::GcpStatus { paths, incident } => {
            describe(
                store,
                incident.as_ref(),
                "gcp-status",
                &paths,
                |path, name| {
                    lore_import::status::gcp::read_incidents(&read_document(path, name)?, name)
                },
            )
            .await
        }
        Command::Writeup {
            paths,
            incident,
            tz,
            date,
        } => {
            let opts = WriteupOptions {
                tz,
                default_date: date,
            };
            describe(store, incident.as_ref(), "writeup", &paths, |path, name| {
                let bytes = read_document(path, name)?;
                lore_import::writeup::read_bytes(&bytes, name, &opts).map(|record| vec![record])
            })
            .await
        }
        Command::Vtt {
            paths,
            incident,
            start,
        } => {
            attach(store, &incident, "vtt", &paths, |path, name| {
                lore_import::vtt::read(BufReader::new(open(path, name)?), name, start)
            })
            .await
        }
    }
}

/// A file opened for reading, or an error naming it.
/// How a file is named in the store, and so to every reader: as the command line gave it when
/// that was a relative path, relative to where the command ran when it is below it, or by its
/// name alone — never an absolute path on the server.
fn source_name(path: &Path) -> String {
    if path.is_relative() {
        return path.display().to_string();
    }
    let below_here = std::env::current_dir()
        .ok()
        .and_then(|here| path.strip_prefix(here).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty());
    match below_here {
        Some(relative) => relative.display().to_string(),
        None => path.file_name().map_or_else(
            || "imported file".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        ),
    }
}

fn open(path: &Path, name: &str) -> Result<std::fs::File, ImportError> {
    std::fs::File::open(path).map_err(|source| ImportError::Read {
        file: name.to_owned(),
        source,
    })
}

/// Entries per message from the reading thread to the import session.
const SLICE: usize = 5_000;

/// What a Slack import's reading threads hand the session: a channel's people and members, then
/// its entries a slice at a time.
enum Piece {
    Members {
        people: Vec<lore_core::PersonHint>,
        channel_members: Vec<lore_core::ChannelMembers>,
    },
    Entries(PreparedEntries),
}

/// Slack exports are streamed a channel at a time from a reading thread into the import
/// session, so memory stays bounded by the largest channel whatever the export's size.
async fn slack(
    store: &Store,
    slug: &Slug,
    paths: &[PathBuf],
    opts: SlackOptions,
) -> anyhow::Result<()> {
    let incident = find_incident(store, slug).await?;
    let mut session = store.begin_import(Some(&os_user())).await?;
    let mut reports = Vec::new();
    for path in paths {
        let name = source_name(path);
        // The slice taken is part of what was imported: another channel or time window of
        // the same export is a different source.
        let mut channels = opts.channels.clone().unwrap_or_default();
        channels.sort();
        let selection = format!(
            "{}\nchannels={}\nfrom={:?}\nto={:?}",
            content_hash_of(path)?,
            channels.join(","),
            opts.from,
            opts.to
        );
        let source = NewSource {
            kind: "slack".to_owned(),
            file_name: name.clone(),
            content_hash: lore_core::content_hash(selection),
        };
        if !session.begin_source(incident.id, &source).await? {
            reports.push((name, session.skip_source(0), Vec::new()));
            continue;
        }
        let progress = Progress::counting(&format!("reading {name}"));
        // Three stages, so that one channel is read while the one before is stored: the reader
        // parses a whole channel (it must, to put it in time order); a second thread cuts the
        // channel before into slices and prepares them (`PreparedEntries`: hashing, formatting);
        // the session stores the slices. The reader hands a channel over only when the second
        // thread takes it (a rendezvous), so at most two channels and a few slices are held.
        let (channels_tx, channels_rx) = std::sync::mpsc::sync_channel::<Timeline>(0);
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Piece>(2);
        let stopped = {
            let name = name.clone();
            // The receiver is gone only when storing failed; that error is the one reported.
            move || ImportError::File {
                file: name.clone(),
                message: "import stopped".into(),
            }
        };
        let reader = {
            let (path, opts, stopped) = (path.clone(), opts.clone(), stopped.clone());
            tokio::task::spawn_blocking(move || {
                lore_import::slack::read_export_by_channel(&path, &opts, |batch| {
                    channels_tx.send(batch).map_err(|_| stopped())
                })
            })
        };
        let slicer = tokio::task::spawn_blocking(move || {
            for batch in channels_rx {
                tx.blocking_send(Piece::Members {
                    people: batch.people,
                    channel_members: batch.channel_members,
                })
                .map_err(|_| stopped())?;
                // Taken from the front a slice at a time (splitting off the rest instead
                // moved the whole remainder once per slice).
                let mut entries = batch.entries.into_iter();
                loop {
                    let slice: Vec<_> = entries.by_ref().take(SLICE).collect();
                    if slice.is_empty() {
                        break;
                    }
                    tx.blocking_send(Piece::Entries(PreparedEntries::new(slice)))
                        .map_err(|_| stopped())?;
                }
            }
            Ok::<(), ImportError>(())
        });
        while let Some(piece) = rx.recv().await {
            match piece {
                Piece::Members {
                    people,
                    channel_members,
                } => {
                    session.add_people(&people);
                    session.add_channel_members(&channel_members);
                }
                Piece::Entries(entries) => {
                    session.add_prepared(&entries).await?;
                    progress.add(entries.len() as u64);
                }
            }
        }
        // A reader's error is the cause of the slicer's, so it is the one reported.
        let warnings = reader
            .await
            .context("the Slack reader stopped unexpectedly")??;
        slicer
            .await
            .context("the Slack import's slicer stopped unexpectedly")??;
        progress.finish();
        reports.push((name, session.end_source().await?, warnings));
    }
    session.commit().await?;
    for (name, report, warnings) in &reports {
        report::print_source(name, report, warnings)?;
    }
    Ok(())
}

/// A whole document, for formats that are parsed as one (JSON, XML), refused before reading
/// when it is over the readers' cap.
fn read_document(path: &Path, name: &str) -> Result<Vec<u8>, ImportError> {
    let cap = lore_import::status::MAX_DOCUMENT_BYTES as u64;
    let file = open(path, name)?;
    let read_err = |source| ImportError::Read {
        file: name.to_owned(),
        source,
    };
    let len = file.metadata().map_err(read_err)?.len();
    if len > cap {
        return Err(ImportError::File {
            file: name.to_owned(),
            message: format!("{len} bytes is over the {cap}-byte limit for one document"),
        });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, cap + 1), &mut bytes)
        .map_err(read_err)?;
    Ok(bytes)
}

/// Hashes a file's bytes, or a folder's files (names and bytes, in name order), so that the
/// same input imported twice is recognised.
fn content_hash_of(path: &Path) -> anyhow::Result<String> {
    let mut hasher = ContentHasher::default();
    hash_into(&mut hasher, path, Path::new(""))?;
    Ok(hasher.finish())
}

fn hash_into(hasher: &mut ContentHasher, path: &Path, relative: &Path) -> anyhow::Result<()> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if meta.is_dir() {
        let mut children: Vec<_> = std::fs::read_dir(path)
            .with_context(|| format!("{}: cannot list", path.display()))?
            .collect::<Result<_, _>>()?;
        children.sort_by_key(|e| e.file_name());
        for child in children {
            hash_into(hasher, &child.path(), &relative.join(child.file_name()))?;
        }
    } else {
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update([0u8]);
        let mut file = std::fs::File::open(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = std::io::Read::read(&mut file, &mut buf)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
    }
    Ok(())
}

/// A file read and ready to store.
struct ReadFile<T> {
    name: String,
    hash: String,
    content: T,
}

impl<T> ReadFile<T> {
    /// The source row this file becomes.
    fn source(&self, kind: &str) -> NewSource {
        NewSource {
            kind: kind.to_owned(),
            file_name: self.name.clone(),
            content_hash: self.hash.clone(),
        }
    }
}

/// Reads every file first (showing progress on a terminal), stopping at the first error.
fn read_all<T>(
    kind: &str,
    paths: &[PathBuf],
    read: impl Fn(&Path, &str) -> Result<T, ImportError>,
) -> anyhow::Result<Vec<ReadFile<T>>> {
    let progress = Progress::over_files(kind, paths);
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let name = source_name(path);
        progress.start(&name);
        let hash = content_hash_of(path)?;
        let content = read(path, &name)?;
        progress.done(path);
        out.push(ReadFile {
            name,
            hash,
            content,
        });
    }
    progress.finish();
    Ok(out)
}

/// Imports files that hold timelines into one existing incident.
async fn attach(
    store: &Store,
    slug: &Slug,
    kind: &str,
    paths: &[PathBuf],
    read: impl Fn(&Path, &str) -> Result<Timeline, ImportError>,
) -> anyhow::Result<()> {
    let incident = find_incident(store, slug).await?;
    let files = read_all(kind, paths, read)?;
    let mut session = store.begin_import(Some(&os_user())).await?;
    let mut reports = Vec::new();
    for file in &files {
        let source = file.source(kind);
        let content = &file.content;
        reports.push(
            session
                .add_source(
                    incident.id,
                    &source,
                    &content.people,
                    &content.entries,
                    &content.channel_members,
                )
                .await?,
        );
    }
    session.commit().await?;
    for (file, r) in files.iter().zip(&reports) {
        report::print_source(&file.name, r, &file.content.warnings)?;
    }
    Ok(())
}

/// Imports files that describe incidents themselves (status pages, write-ups): each incident
/// is created unless its slug exists, or, with `--incident`, everything is attached to one.
async fn describe(
    store: &Store,
    target: Option<&Slug>,
    kind: &str,
    paths: &[PathBuf],
    read: impl Fn(&Path, &str) -> Result<Vec<IncidentRecord>, ImportError>,
) -> anyhow::Result<()> {
    let target = match target {
        Some(slug) => Some(find_incident(store, slug).await?),
        None => None,
    };
    let files = read_all(kind, paths, read)?;
    // For the glossary terms each narrative uses (recorded with it).
    let glossary = store.glossary().await?;
    let mut session = store.begin_import(Some(&os_user())).await?;
    let mut lines = Vec::new();
    for file in &files {
        let source = file.source(kind);
        if let Some(incident) = &target {
            let mut merged = Timeline::default();
            for record in &file.content {
                let t = &record.timeline;
                merged.people.extend(t.people.iter().cloned());
                merged.entries.extend(t.entries.iter().cloned());
                merged
                    .channel_members
                    .extend(t.channel_members.iter().cloned());
                merged.warnings.extend(t.warnings.iter().cloned());
            }
            let report = session
                .add_source(
                    incident.id,
                    &source,
                    &merged.people,
                    &merged.entries,
                    &merged.channel_members,
                )
                .await?;
            let warnings = merged.warnings;
            lines.push((file.name.clone(), None, report, warnings));
            continue;
        }
        for record in &file.content {
            let (incident_id, created) = session.find_or_create_incident(&record.incident).await?;
            if let Some(body) = &record.narrative {
                let refs = lore_render::references(body, &glossary);
                session
                    .set_first_narrative(incident_id, body, &refs)
                    .await?;
            }
            let t = &record.timeline;
            let report = session
                .add_source(
                    incident_id,
                    &source,
                    &t.people,
                    &t.entries,
                    &t.channel_members,
                )
                .await?;
            let label = format!(
                "{} {}",
                if created { "created" } else { "existing" },
                record.incident.slug
            );
            lines.push((
                file.name.clone(),
                Some(label),
                report,
                record.timeline.warnings.clone(),
            ));
        }
    }
    session.commit().await?;
    for (name, label, report, warnings) in &lines {
        match label {
            Some(label) => report::print_source(&format!("{name} → {label}"), report, warnings)?,
            None => report::print_source(name, report, warnings)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_never_carry_a_server_path() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(source_name(Path::new("export.zip")), "export.zip");
        assert_eq!(source_name(Path::new("logs/ops.log")), "logs/ops.log");
        assert_eq!(source_name(&here.join("logs/ops.log")), "logs/ops.log");
        assert_eq!(
            source_name(Path::new("/nowhere-like-here/secret/export/")),
            "export"
        );
    }
}
