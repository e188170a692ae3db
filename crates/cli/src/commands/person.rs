//! `lore person`: the people in an incident's record, and merging the records that are one
//! person (a Slack id, a CSV handle and a call's speaker label for the same responder).

use clap::Subcommand;
use lore_core::{Slug, merge_suggestions};
use lore_store::Store;

use super::find_incident;
use super::incident::parse_slug;

#[derive(Subcommand)]
pub enum Command {
    /// List the people of an incident's record: id, name, handles, entries, merges, and the
    /// merges Lore suggests.
    List {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
    },
    /// Record that person FROM is the same as person INTO (ids from `lore person list`).
    Merge {
        from: i64,
        #[arg(long)]
        into: i64,
    },
    /// Apply every merge `lore person list` suggests for an incident.
    MergeSuggested {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
    },
    /// Undo a merge: the person reads as their own record again.
    Unmerge { id: i64 },
}

pub async fn run(store: &Store, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::List { slug } => {
            let incident = find_incident(store, &slug).await?;
            let people = store.people_of_incident(incident.id).await?;
            for p in &people {
                let handles: Vec<String> = p
                    .person
                    .handles
                    .iter()
                    .map(|h| format!("{}:{}", h.source_kind, h.handle))
                    .collect();
                let merged = p
                    .person
                    .merged_into
                    .map(|into| format!("  (merged into {into})"))
                    .unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{} {}{merged}",
                    p.person.id,
                    p.person.display_name,
                    handles.join(", "),
                    p.entries,
                    if p.entries == 1 { "entry" } else { "entries" }
                );
            }
            let all: Vec<_> = people.into_iter().map(|p| p.person).collect();
            for s in merge_suggestions(&all) {
                let name = |id: i64| {
                    all.iter()
                        .find(|p| p.id == id)
                        .map_or("?", |p| p.display_name.as_str())
                };
                println!(
                    "suggested ({}): lore person merge {} --into {}   # {} -> {}",
                    s.reason,
                    s.from,
                    s.into,
                    name(s.from),
                    name(s.into)
                );
            }
        }
        Command::Merge { from, into } => {
            let into = store.merge_person(from, into).await?;
            println!("Merged person {from} into person {into}.");
        }
        Command::MergeSuggested { slug } => {
            let incident = find_incident(store, &slug).await?;
            let people: Vec<_> = store
                .people_of_incident(incident.id)
                .await?
                .into_iter()
                .map(|p| p.person)
                .collect();
            let suggestions = merge_suggestions(&people);
            for s in &suggestions {
                store.merge_person(s.from, s.into).await?;
            }
            println!("Merged {} records.", suggestions.len());
        }
        Command::Unmerge { id } => {
            store.unmerge_person(id).await?;
            println!("Person {id} reads as their own record again.");
        }
    }
    Ok(())
}
