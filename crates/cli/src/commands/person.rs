//! `lore person`: the people in an incident's record, and merging the records that are one
//! person (a Slack id, a CSV handle and a call's speaker label for the same responder).
//!
//! These commands run as an operator on the server, with direct access to the database, so
//! they merge and unmerge any records: no access rule applies (each merge is recorded with
//! the operating-system user who ran it). Through the web, an analyst may merge only people
//! who appear solely in incidents they can see (`Store::merge_person_as`).

use clap::Subcommand;
use lore_core::{Slug, merge_suggestions};
use lore_store::Store;

use super::incident::parse_slug;
use super::{find_incident, os_user};

#[derive(Subcommand)]
pub enum Command {
    /// List the people of an incident's record: id, name, handles, entries, merges, and the
    /// merges Lore suggests.
    List {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
    },
    /// Record that person FROM is the same as person INTO (ids from `lore person list`).
    ///
    /// As an operator: any records, whatever incidents they appear in (the web allows an
    /// analyst only people whose every appearance is in incidents they can see).
    Merge {
        from: i64,
        #[arg(long)]
        into: i64,
    },
    /// Apply every merge `lore person list` suggests for an incident (as an operator: no
    /// access rule).
    MergeSuggested {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
    },
    /// Undo the merge that put person ID where it is: every record that merge moved points
    /// again exactly where it did before. Undos go last-first: a merge that a later one moved
    /// the same records after is refused until the later one is undone. As an operator: no
    /// access rule.
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
                outln!(
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
                outln!(
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
            let merged = store.merge_person(from, into, &os_user()).await?;
            let into = merged.into;
            match merged.moved.len() {
                0 => outln!("Person {from} already reads as person {into}."),
                1 => outln!("Merged person {from} into person {into}."),
                n => outln!(
                    "Merged person {from} into person {into} ({} records merged into {from} moved with it).",
                    n - 1
                ),
            }
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
                store.merge_person(s.from, s.into, &os_user()).await?;
            }
            outln!("Merged {} records.", suggestions.len());
        }
        Command::Unmerge { id } => {
            let undone = store.unmerge_person(id, &os_user()).await?;
            outln!(
                "Undid the merge of person {} into person {}.",
                undone.merge.from,
                undone.merge.into
            );
            for (person, back) in &undone.restored {
                match back {
                    None => outln!("Person {person} reads as their own record again."),
                    Some(back) => outln!("Person {person} reads as person {back} again."),
                }
            }
        }
    }
    Ok(())
}
