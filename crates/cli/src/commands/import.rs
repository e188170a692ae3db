use std::io::BufReader;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use lore_core::{NewSource, Slug, content_hash};
use lore_store::{ImportBatch, ImportReport, Store};

use super::incident::parse_slug;
use super::{find_incident, os_user};

#[derive(Subcommand)]
pub enum Command {
    /// A JSON Lines timeline (Timesketch-compatible: `datetime`, `message`, ...).
    Jsonl {
        path: PathBuf,
        #[arg(long, value_parser = parse_slug)]
        incident: Slug,
    },
}

pub async fn run(store: &Store, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Jsonl { path, incident } => {
            let incident = find_incident(store, &incident).await?;
            let name = path.display().to_string();
            let bytes = std::fs::read(&path).with_context(|| format!("{name}: cannot read"))?;
            let parsed = lore_import::jsonl::read(BufReader::new(&bytes[..]), &name)?;
            let batch = ImportBatch {
                incident_id: incident.id,
                source: NewSource {
                    kind: "jsonl".into(),
                    file_name: name,
                    content_hash: content_hash(&bytes),
                },
                imported_by: Some(os_user()),
                people: Vec::new(),
                entries: parsed.entries,
            };
            let report = store.import(&batch).await?;
            print_report(&batch.source.file_name, &report);
        }
    }
    Ok(())
}

pub fn print_report(file: &str, r: &ImportReport) {
    if r.already_imported {
        println!(
            "{file}: already imported into this incident; nothing added ({} entries).",
            r.duplicates
        );
        return;
    }
    println!(
        "{file}: {} entries added, {} skipped as duplicates, {} marked as noise, {} people ({} new)",
        r.added, r.duplicates, r.noise, r.people_found, r.people_created
    );
    if let (Some(first), Some(last)) = (r.first, r.last) {
        println!("  time range: {first} to {last}");
    }
}
