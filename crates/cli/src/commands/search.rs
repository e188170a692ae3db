//! `lore search QUERY…`: the web's search from the command line, as a named account (`--as`)
//! or, by default, as an administrator who sees every incident.

use std::io::Write;

use anyhow::Context;
use clap::ValueEnum;
use lore_core::search::{MATCH_END, MATCH_START, SearchQuery, strip_marks};
use lore_core::{Account, Role, Username};
use lore_store::{SearchPage, Store};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Hits grouped by incident, matched words in [brackets], for people.
    Text,
    /// One JSON object per hit, for scripts.
    Jsonl,
}

#[derive(clap::Args)]
pub struct Args {
    /// What to look for, in the search box's language (words, "phrases", -excluded, prefix*,
    /// field:value filters). Several arguments are one query.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Search as this account: only incidents it may read are searched.
    #[arg(long = "as", value_name = "USER")]
    as_user: Option<String>,
    /// Which page of incidents.
    #[arg(long, default_value_t = 1)]
    page: u32,
    /// Incidents per page (at most 100).
    #[arg(long, default_value_t = 20)]
    per_page: u32,
}

/// One hit as a JSON line.
#[derive(Serialize)]
struct HitRecord<'a> {
    /// The incident's slug; absent for glossary hits.
    incident: Option<&'a str>,
    kind: &'a str,
    entry_kind: Option<&'a str>,
    title: &'a str,
    permalink: &'a str,
    snippet: String,
    score: f64,
    at: Option<String>,
}

pub async fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let text = args.query.join(" ");
    let query = SearchQuery::parse(&text).map_err(|e| anyhow::anyhow!("{e}"))?;
    let account = match &args.as_user {
        Some(name) => {
            let username =
                Username::parse(name).map_err(|e| anyhow::anyhow!("--as {name:?}: {e}"))?;
            store
                .account_by_username(username.as_str())
                .await?
                .with_context(|| format!("--as {name:?}: no such account (see `lore user list`)"))?
                .account
        }
        None => Account {
            id: 0,
            username: Username::parse("cli").expect("a valid username"),
            role: Role::Admin,
            created_at: time::OffsetDateTime::now_utc(),
        },
    };
    let results = store
        .search(
            &account,
            &query,
            SearchPage {
                number: args.page.max(1),
                per_page: args.per_page,
            },
        )
        .await?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Jsonl => {
            for g in &results.groups {
                for h in &g.hits {
                    let record = HitRecord {
                        incident: g.incident.as_ref().map(|i| i.slug.as_str()),
                        kind: h.kind.as_str(),
                        entry_kind: h.entry_kind.as_deref(),
                        title: &h.title,
                        permalink: &h.permalink,
                        snippet: strip_marks(&h.snippet),
                        score: h.score,
                        at: h.at.and_then(|t| t.format(&Rfc3339).ok()),
                    };
                    writeln!(out, "{}", serde_json::to_string(&record)?)?;
                }
            }
        }
        Format::Text => {
            writeln!(
                out,
                "{} {} in {} {}{}{}",
                results.total_hits,
                if results.total_hits == 1 {
                    "match"
                } else {
                    "matches"
                },
                results.total_incidents,
                if results.total_incidents == 1 {
                    "incident"
                } else {
                    "incidents"
                },
                if results.total_groups > results.total_incidents {
                    " and the glossary"
                } else {
                    ""
                },
                if results.pages > 1 {
                    format!(" (page {} of {})", results.page, results.pages)
                } else {
                    String::new()
                }
            )?;
            if results.capped {
                writeln!(
                    out,
                    "(more matched than one search reads: these are the most recent; narrow it)"
                )?;
            }
            for g in &results.groups {
                match &g.incident {
                    Some(i) => writeln!(out, "\n{}  {}", i.slug, i.title)?,
                    None => writeln!(out, "\nglossary")?,
                }
                for h in &g.hits {
                    let kind = h.entry_kind.as_deref().unwrap_or(h.kind.as_str());
                    writeln!(out, "  [{kind}] {}  {}", h.title, h.permalink)?;
                    let snippet: String = h
                        .snippet
                        .chars()
                        .map(|c| match c {
                            MATCH_START => '[',
                            MATCH_END => ']',
                            c => c,
                        })
                        .collect();
                    writeln!(out, "      {snippet}")?;
                }
                if g.hit_count > g.hits.len() as u64 {
                    writeln!(out, "  … {} more", g.hit_count - g.hits.len() as u64)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
