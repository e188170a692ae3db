use std::io::Write;

use anyhow::Context;
use clap::Subcommand;
use lore_core::{Account, CitationPlace, NewIncident, Role, Slug, Username};
use lore_store::Store;

use super::find_incident;

#[derive(Subcommand)]
pub enum Command {
    /// Create an incident.
    Create {
        /// Permalink key: lowercase letters, digits and hyphens, e.g. 2026-03-17-stations-stuck.
        #[arg(value_parser = parse_slug)]
        slug: Slug,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long)]
        severity: Option<String>,
        /// Only admins (and, later, an access list) can see it.
        #[arg(long)]
        restricted: bool,
    },
    /// List incidents, newest first.
    List,
    /// Give an incident a new slug; links to the old one keep working.
    Rename {
        #[arg(value_parser = parse_slug)]
        from: Slug,
        #[arg(value_parser = parse_slug)]
        to: Slug,
    },
    /// Let a user see a restricted incident (admins always can).
    Grant {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
        username: String,
    },
    /// Take back a user's access to a restricted incident.
    Revoke {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
        username: String,
    },
    /// Add names other systems give the incident (INC-3117, a ticket key, a status page id):
    /// `lore scan git` finds them in commits, code and docs.
    Alias {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
        #[arg(required = true, num_args = 1..)]
        aliases: Vec<String>,
    },
    /// Show one incident's facts and sources.
    Show {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
    },
    /// List what cites an incident: other incidents' narratives and perspectives (with the
    /// section), and later reading lists, code comments, commits and docs.
    CitedBy {
        #[arg(value_parser = parse_slug)]
        slug: Slug,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// See only what this user may see (citations from restricted incidents they cannot
        /// read are left out). Without it: everything.
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One line per citation, for people.
    Text,
    /// One JSON object per citation (kind, where, target, text), for scripts and tests.
    Jsonl,
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

pub fn parse_slug(s: &str) -> Result<Slug, String> {
    Slug::parse(s).map_err(|e| e.to_string())
}

pub async fn run(store: &Store, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Create {
            slug,
            title,
            summary,
            severity,
            restricted,
        } => {
            anyhow::ensure!(!title.trim().is_empty(), "--title must not be empty");
            let mut new = NewIncident::new(slug, title.trim());
            new.summary = summary;
            new.severity = severity;
            new.restricted = restricted;
            let created = store.create_incident(&new).await?;
            outln!("Created incident {}: {}", created.slug, created.title);
        }
        Command::List => {
            for i in store.list_incidents(true).await? {
                let when = i
                    .times
                    .started_at
                    .or(i.times.detected_at)
                    .map_or_else(|| "—".to_owned(), |t| t.date().to_string());
                let restricted = if i.restricted { "  [restricted]" } else { "" };
                outln!("{:<11} {}  {}{restricted}", when, i.slug, i.title);
            }
        }
        Command::Rename { from, to } => {
            let i = store.rename_incident(&from, &to).await?;
            outln!("{from} is now {}; links to {from} lead there.", i.slug);
        }
        Command::Grant { slug, username } => {
            let i = find_incident(store, &slug).await?;
            let username = lore_core::Username::parse(&username)?;
            store.grant_access(&i, &username, &super::os_user()).await?;
            if !i.restricted {
                outln!(
                    "Note: {} is not restricted; everyone signed in can see it.",
                    i.slug
                );
            }
            outln!("{username} can now see {}.", i.slug);
        }
        Command::Revoke { slug, username } => {
            let i = find_incident(store, &slug).await?;
            let username = lore_core::Username::parse(&username)?;
            store.revoke_access(&i, &username).await?;
            outln!("{username} no longer has access to {}.", i.slug);
        }
        Command::Alias { slug, aliases } => {
            let i = find_incident(store, &slug).await?;
            for alias in &aliases {
                store
                    .add_incident_alias(&i, alias, &super::os_user())
                    .await?;
                outln!("{} is now also known as {}.", i.slug, alias.trim());
            }
        }
        Command::CitedBy {
            slug,
            format,
            as_user,
        } => cited_by(store, &slug, format, as_user.as_deref()).await?,
        Command::Show { slug } => {
            let i = find_incident(store, &slug).await?;
            outln!("{}\n{}", i.title, "=".repeat(i.title.chars().count()));
            outln!("slug:        {}", i.slug);
            if let Some(sev) = &i.severity {
                outln!("severity:    {sev}");
            }
            for (label, t) in [
                ("started:", i.times.started_at),
                ("detected:", i.times.detected_at),
                ("resolved:", i.times.resolved_at),
            ] {
                let shown = t.map_or_else(|| "not recorded".to_owned(), rfc3339);
                outln!("{label:<12} {shown}");
            }
            for c in i.times.contradictions() {
                outln!("warning:     the record says it was {}", c.describe());
            }
            if !i.services.is_empty() {
                outln!("services:    {}", i.services.join(", "));
            }
            if !i.tags.is_empty() {
                outln!("tags:        {}", i.tags.join(", "));
            }
            let aliases = store.incident_aliases(i.id).await?;
            if !aliases.is_empty() {
                outln!("aliases:     {}", aliases.join(", "));
            }
            outln!("restricted:  {}", i.restricted);
            if i.restricted {
                let access = store.access_list(&i).await?;
                let shown = if access.is_empty() {
                    "admins only".to_owned()
                } else {
                    format!("admins and {}", access.join(", "))
                };
                outln!("access:      {shown}");
            }
            if !i.summary.is_empty() {
                outln!("\n{}", i.summary);
            }
            match store.narrative(i.id).await? {
                Some(n) => outln!(
                    "\nNarrative: version {}, {} lines, by {}",
                    n.version,
                    n.body.lines().count(),
                    n.author.as_deref().unwrap_or("unknown")
                ),
                None => outln!("\nNarrative: none yet"),
            }
            let sources = store.sources(i.id).await?;
            outln!("\nSources ({}):", sources.len());
            for s in sources {
                outln!(
                    "  {} ({}): {} entries, imported {} by {}",
                    s.file_name,
                    s.kind,
                    s.entry_count,
                    rfc3339(s.imported_at),
                    s.imported_by.as_deref().unwrap_or("unknown")
                );
            }
        }
    }
    Ok(())
}

/// `lore incident cited-by`: as `--as USER` may see it (an incident they may not see is not
/// found, as on the web), or as an operator, who sees everything.
async fn cited_by(
    store: &Store,
    slug: &Slug,
    format: Format,
    as_user: Option<&str>,
) -> anyhow::Result<()> {
    let not_found = || {
        format!(
            "no incident with slug {:?} (see `lore incident list`)",
            slug.as_str()
        )
    };
    let (incident, account) = match as_user {
        Some(name) => {
            let username = Username::parse(name)?;
            let account = store
                .account_by_username(username.as_str())
                .await?
                .with_context(|| format!("no user {name:?} (see `lore user list`)"))?
                .account;
            let incident = store
                .incident_visible_to(slug, &account)
                .await?
                .with_context(not_found)?;
            (incident, account)
        }
        None => {
            let incident = find_incident(store, slug).await?;
            // The operator on the server: an admin's sight, for no account in particular.
            let operator = Account {
                id: 0,
                username: Username::parse("operator")?,
                role: Role::Admin,
                created_at: time::OffsetDateTime::now_utc(),
            };
            (incident, operator)
        }
    };
    let citations = store.cited_by(&incident, &account).await?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for c in &citations {
        match format {
            Format::Jsonl => {
                serde_json::to_writer(&mut out, c)?;
                writeln!(out)?;
            }
            Format::Text => {
                let place = match &c.place {
                    CitationPlace::Incident {
                        slug,
                        section,
                        perspective,
                        ..
                    } => match (perspective, section) {
                        (Some(p), _) => format!("{slug} (perspective of {})", p.person),
                        (None, Some(s)) => format!("{slug}#{} ({})", s.anchor, s.heading),
                        (None, None) => format!("{slug} (narrative)"),
                    },
                    CitationPlace::ReadingList { id, title } => {
                        format!("reading list {id} ({title})")
                    }
                    CitationPlace::Repository {
                        repository,
                        commit,
                        path,
                        line,
                    } => {
                        let mut p = format!("{repository}@{commit}");
                        if let Some(path) = path {
                            p.push_str(&format!(" {path}"));
                        }
                        if let Some(line) = line {
                            p.push_str(&format!(":{line}"));
                        }
                        p
                    }
                };
                writeln!(
                    out,
                    "{:<12} {place}\n             {}",
                    c.kind.as_str(),
                    c.text
                )?;
            }
        }
    }
    if matches!(format, Format::Text) && citations.is_empty() {
        writeln!(out, "Nothing cites {} yet.", incident.slug)?;
    }
    out.flush()?;
    Ok(())
}
