use std::collections::HashMap;
use std::io::Write;

use clap::ValueEnum;
use lore_core::{EntryRecord, Slug};
use lore_store::{EntryKey, EntrySlice, Store, WindowFrom};
use time::format_description::well_known::Rfc3339;

use super::find_incident;
use super::incident::parse_slug;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One line per entry, for people.
    Text,
    /// One JSON object per entry, for scripts and tests.
    Jsonl,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_parser = parse_slug)]
    slug: Slug,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub async fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let incident = find_incident(store, &args.slug).await?;
    let sources: HashMap<i64, lore_core::Source> = store
        .sources(incident.id)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Streamed: a batch at a time by keyset, each written before the next is read, so memory
    // is one batch however long the timeline (and a reader of the pipe sees entries at once).
    let everything = EntrySlice {
        noise: true,
        ..EntrySlice::default()
    };
    let mut from = WindowFrom::First;
    loop {
        let batch = store
            .timeline_window(incident.id, &everything, from, BATCH)
            .await?;
        let Some(last) = batch.last() else { break };
        from = WindowFrom::After(EntryKey::of(last));
        write_batch(&mut out, &batch, &sources, args.format)?;
        out.flush()?;
        if batch.len() < BATCH as usize {
            break;
        }
    }
    Ok(())
}

/// Entries read from the store at a time.
const BATCH: u32 = 1_000;

fn write_batch(
    out: &mut impl Write,
    entries: &[lore_core::TimelineEntry],
    sources: &HashMap<i64, lore_core::Source>,
    format: Format,
) -> anyhow::Result<()> {
    for e in entries {
        let time = e.occurred_at.format(&Rfc3339)?;
        let source = sources.get(&e.source_id);
        match format {
            Format::Jsonl => {
                let record = serde_json::to_string(&EntryRecord::new(e, source))?;
                writeln!(out, "{record}")?;
            }
            Format::Text => {
                let mut place = e.provenance.path.clone();
                if let Some(line) = e.provenance.line {
                    place.push_str(&format!(":{line}"));
                }
                let reply = e
                    .thread_parent
                    .map(|p| format!(" ↳{p}"))
                    .or_else(|| e.thread_parent_key.as_ref().map(|k| format!(" ↳({k})")))
                    .unwrap_or_default();
                let noise = if e.noise { " (noise)" } else { "" };
                writeln!(
                    out,
                    "{time}  #{id}{reply}  {author}  [{kind}]{noise}  {text}  ({place})",
                    id = e.id,
                    author = e.author_name.as_deref().unwrap_or("unknown"),
                    kind = e.kind,
                    text = e.text.replace('\n', " ⏎ "),
                )?;
            }
        }
    }
    Ok(())
}
