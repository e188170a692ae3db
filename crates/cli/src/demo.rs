//! `lore serve --demo`: an invented incident at Kittiwake Cycles, loaded from the files a team
//! would have had afterwards (`demo/files/`: a Slack export, a deploy log, alerts, the status
//! page's API dump, the bridge call's transcript, ticket history) through the same readers as
//! `lore import`, and an analyst account to read it with. On top of the import, what people
//! wrote afterwards (`analysis`): the responders' perspectives, the moments an analyst marked
//! and the glossary terms the story uses. The files are compiled into the binary, so the demo
//! works wherever `lore` runs; nothing is written to disk but the store.

mod activity;
mod analysis;
mod follow_up;
mod library;
pub mod repository;

use std::io::{Cursor, Write};

use anyhow::Context;
use lore_core::{NewIncident, NewSource, Password, PersonHint, Role, Slug, Username, content_hash};
use lore_import::field_map::FieldMap;
use lore_import::slack::SlackOptions;
use lore_import::{ImportError, Timeline};
use lore_store::{NewAccount, Store, StoreError};
use serde::Deserialize;
use time::OffsetDateTime;
use time::macros::datetime;

pub const USERNAME: &str = "demo";
/// Fixed and public: which is why demo mode only listens on loopback.
pub const PASSWORD: &str = "demo-password";

const INCIDENT_JSON: &str = include_str!("../../../demo/incident.json");
/// The analysts' write-up: the narrative's first version.
const NARRATIVE_MD: &str = include_str!("../../../demo/narrative.md");

/// The Slack export's files, by their path inside the export.
const SLACK_EXPORT: &[(&str, &str)] = &[
    (
        "users.json",
        include_str!("../../../demo/files/slack-export/users.json"),
    ),
    (
        "channels.json",
        include_str!("../../../demo/files/slack-export/channels.json"),
    ),
    (
        "inc-3117-riverton-stations/2026-03-17.json",
        include_str!("../../../demo/files/slack-export/inc-3117-riverton-stations/2026-03-17.json"),
    ),
    (
        "ops/2026-03-17.json",
        include_str!("../../../demo/files/slack-export/ops/2026-03-17.json"),
    ),
    (
        "deploys/2026-03-17.json",
        include_str!("../../../demo/files/slack-export/deploys/2026-03-17.json"),
    ),
];
const DEPLOYS_CSV: &str = include_str!("../../../demo/files/deploys.csv");
const ALERTS_JSONL: &str = include_str!("../../../demo/files/alerts.jsonl");
const STATUSPAGE_JSON: &str = include_str!("../../../demo/files/statuspage-incidents.json");
const BRIDGE_CALL_VTT: &str = include_str!("../../../demo/files/bridge-call.vtt");
const TICKETS_CSV: &str = include_str!("../../../demo/files/tickets.csv");
const NOTES_JSONL: &str = include_str!("../../../demo/files/notes.jsonl");
/// When the bridge call's recording started (see demo/files/README.md).
const CALL_STARTED_AT: OffsetDateTime = datetime!(2026-03-17 07:34:12 -4);

#[derive(Deserialize)]
struct DemoIncident {
    #[serde(flatten)]
    incident: NewIncident,
    people: Vec<PersonHint>,
}

pub struct Loaded {
    pub slug: Slug,
}

/// One demo file read, as `lore import KIND` would have read it.
struct DemoSource {
    kind: &'static str,
    file: &'static str,
    hash: String,
    timeline: Timeline,
}

fn mapped(args: &[&str], kind: lore_core::EntryKind) -> anyhow::Result<FieldMap> {
    let mut map = FieldMap::from_args(args.iter().copied()).map_err(anyhow::Error::msg)?;
    map.default_kind = Some(kind);
    Ok(map)
}

/// The Slack export as a ZIP in memory, so the real archive reader reads it.
fn slack_zip() -> anyhow::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, text) in SLACK_EXPORT {
        zip.start_file(*path, zip::write::SimpleFileOptions::default())?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn read_sources() -> anyhow::Result<Vec<DemoSource>> {
    use lore_core::EntryKind;
    let source = |kind, file, bytes: &[u8], timeline: Result<Timeline, ImportError>| {
        Ok::<_, anyhow::Error>(DemoSource {
            kind,
            file,
            hash: content_hash(bytes),
            timeline: timeline?,
        })
    };
    let zip = slack_zip()?;
    let status: Timeline = {
        let records = lore_import::status::statuspage::read_json(
            STATUSPAGE_JSON.as_bytes(),
            "demo/files/statuspage-incidents.json",
        )?;
        let mut t = Timeline::default();
        for r in records {
            t.entries.extend(r.timeline.entries);
            t.people.extend(r.timeline.people);
        }
        t
    };
    Ok(vec![
        source(
            "slack",
            "demo/files/slack-export",
            &zip,
            lore_import::slack::read_zip_bytes(
                &zip,
                "demo/files/slack-export",
                &SlackOptions::default(),
            ),
        )?,
        source(
            "csv",
            "demo/files/deploys.csv",
            DEPLOYS_CSV.as_bytes(),
            lore_import::csv_timeline::read(
                DEPLOYS_CSV.as_bytes(),
                "demo/files/deploys.csv",
                &mapped(
                    &["deployed_at=datetime", "deployer=author", "notes=message"],
                    EntryKind::Deploy,
                )?,
            ),
        )?,
        source(
            "jsonl",
            "demo/files/alerts.jsonl",
            ALERTS_JSONL.as_bytes(),
            lore_import::jsonl::read(ALERTS_JSONL.as_bytes(), "demo/files/alerts.jsonl"),
        )?,
        DemoSource {
            kind: "statuspage",
            file: "demo/files/statuspage-incidents.json",
            hash: content_hash(STATUSPAGE_JSON),
            timeline: status,
        },
        source(
            "vtt",
            "demo/files/bridge-call.vtt",
            BRIDGE_CALL_VTT.as_bytes(),
            lore_import::vtt::read(
                BRIDGE_CALL_VTT.as_bytes(),
                "demo/files/bridge-call.vtt",
                CALL_STARTED_AT,
            ),
        )?,
        source(
            "csv",
            "demo/files/tickets.csv",
            TICKETS_CSV.as_bytes(),
            lore_import::csv_timeline::read(
                TICKETS_CSV.as_bytes(),
                "demo/files/tickets.csv",
                &mapped(
                    &[
                        "changed_at=datetime",
                        "changed_by=author",
                        "summary=message",
                    ],
                    EntryKind::Ticket,
                )?,
            ),
        )?,
        source(
            "jsonl",
            "demo/files/notes.jsonl",
            NOTES_JSONL.as_bytes(),
            lore_import::jsonl::read(NOTES_JSONL.as_bytes(), "demo/files/notes.jsonl"),
        )?,
    ])
}

/// Each responder appears in several files under several names (a Slack id with a first name,
/// a CSV handle, a call's speaker label): the demo merges them as `lore person
/// merge-suggested` would, once, when it creates the incident. "Rafa" stays apart from Rafael
/// Quintero, as a nickname is not guessed: the People page is where a reader merges him.
async fn merge_suggested_people(store: &Store, incident_id: i64) -> anyhow::Result<()> {
    let people: Vec<_> = store
        .people_of_incident(incident_id)
        .await?
        .into_iter()
        .map(|p| p.person)
        .collect();
    for s in lore_core::merge_suggestions(&people) {
        store.merge_person(s.from, s.into, "lore demo").await?;
    }
    Ok(())
}

/// Loads the demo; running it again changes nothing.
/// `data_dir` holds the demo's git repository, built there once.
pub async fn load(store: &Store, data_dir: &std::path::Path) -> anyhow::Result<Loaded> {
    let demo: DemoIncident =
        serde_json::from_str(INCIDENT_JSON).context("demo/incident.json is invalid")?;
    let slug = demo.incident.slug.clone();
    let sources = read_sources().context("reading the demo's files")?;
    let analysis = analysis::Analysis::read(&sources)
        .context("reading the demo's perspectives, moments and glossary")?;

    // The glossary first, so that the terms the narrative uses are recorded with it.
    analysis.add_glossary(store).await?;
    let glossary = store.glossary().await?;
    let mut session = store.begin_import(Some("lore demo")).await?;
    let (incident_id, created) = session.find_or_create_incident(&demo.incident).await?;
    session
        .set_first_narrative(
            incident_id,
            NARRATIVE_MD,
            &lore_render::references(NARRATIVE_MD, &glossary),
        )
        .await?;
    session.add_people(&demo.people);
    for s in &sources {
        let source = NewSource {
            kind: s.kind.to_owned(),
            file_name: s.file.to_owned(),
            content_hash: s.hash.clone(),
        };
        session
            .add_source(
                incident_id,
                &source,
                &s.timeline.people,
                &s.timeline.entries,
                &s.timeline.channel_members,
            )
            .await?;
    }
    session.commit().await?;
    // Only when this load created the incident, so that loading again adds nothing twice.
    if created {
        merge_suggested_people(store, incident_id).await?;
        analysis.add_to_incident(store, incident_id).await?;
    }
    follow_up::load(store).await?;
    library::load(store).await?;
    let repository = data_dir.join("demo-repository");
    repository::build(&repository).context("building the demo's git repository")?;
    crate::commands::scan::scan_repository(store, &repository, None, Some(repository::NAME))
        .await
        .context("scanning the demo's git repository")?;
    activity::load(store)
        .await
        .context("loading the demo's year of activity")?;

    let username = Username::parse(USERNAME)?;
    if store.account_by_username(USERNAME).await?.is_none() {
        let password_hash = lore_web::auth::hash_password(&Password::parse(PASSWORD)?).await?;
        let created = store
            .create_account(&NewAccount {
                username,
                password_hash,
                role: Role::Analyst,
            })
            .await;
        // Another `lore serve --demo` on the same database may have just created it.
        if let Err(e) = created
            && !matches!(e, StoreError::AlreadyExists(_))
        {
            return Err(e.into());
        }
    }
    Ok(Loaded { slug })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use lore_core::{MarkedOn, Theme};
    use lore_store::ConnectOptions;

    use super::*;

    /// Channel → its members, from the demo's `channels.json` read on its own.
    fn listed_members() -> BTreeMap<String, BTreeSet<String>> {
        let (_, text) = SLACK_EXPORT
            .iter()
            .find(|(path, _)| *path == "channels.json")
            .unwrap();
        let list: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        list.iter()
            .map(|c| {
                let members = c["members"].as_array().unwrap();
                let members = members.iter().map(|m| m.as_str().unwrap().to_owned());
                (c["name"].as_str().unwrap().to_owned(), members.collect())
            })
            .collect()
    }

    #[tokio::test]
    async fn the_demo_records_who_was_in_each_slack_channel() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&ConnectOptions::sqlite_in(dir.path()))
            .await
            .unwrap();
        let loaded = load(&store, dir.path()).await.unwrap();
        let incident = store.incident_by_slug(&loaded.slug).await.unwrap().unwrap();
        let listed = listed_members();
        assert_eq!(
            store.channels(incident.id).await.unwrap(),
            listed.keys().cloned().collect::<Vec<_>>(),
            "only the Slack export names channels"
        );

        // Everyone in a channel: its listed members and whoever wrote in it (the bots post
        // under their bot ids, which are not the user ids the member lists give, and the demo
        // merges the two).
        let slack = lore_import::slack::read_zip_bytes(
            &slack_zip().unwrap(),
            "demo/files/slack-export",
            &SlackOptions::default(),
        )
        .unwrap();
        let by_person = store.channels_by_person(incident.id).await.unwrap();
        for (channel, members) in &listed {
            let mut handles = members.clone();
            handles.extend(
                slack
                    .entries
                    .iter()
                    .filter(|e| e.channel.as_deref() == Some(channel))
                    .filter_map(|e| e.author_handle.clone()),
            );
            // The demo merges records of one name (a bot's bot id and user id are one bot).
            let names: BTreeSet<&str> = handles
                .iter()
                .map(|h| {
                    slack
                        .people
                        .iter()
                        .find(|p| &p.handle == h)
                        .map_or(h.as_str(), |p| p.display_name.as_str())
                })
                .collect();
            let people = by_person.values().filter(|c| c.contains(channel)).count();
            assert_eq!(people, names.len(), "{channel}");
        }

        // Loading again changes nothing.
        load(&store, dir.path()).await.unwrap();
        assert_eq!(
            store.channels_by_person(incident.id).await.unwrap(),
            by_person
        );
    }

    /// The ids `[words](#entry-ID)` links in Markdown point at.
    fn cited_ids(markdown: &str) -> Vec<i64> {
        markdown
            .split("](#entry-")
            .skip(1)
            .map(|rest| rest[..rest.find(')').unwrap()].parse().unwrap())
            .collect()
    }

    /// A newcomer's first incident shows what Lore is for: perspectives side by side (one an
    /// interview), moments across the themes, and the glossary explaining the story's terms.
    #[tokio::test]
    async fn the_demo_carries_perspectives_moments_and_glossary_terms() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&ConnectOptions::sqlite_in(dir.path()))
            .await
            .unwrap();
        // Another incident's entries first, from files of the same names (the demo's CSVs,
        // whose rows moments and citations point at): the demo's entries do not get the ids a
        // fresh store would give them, and its marks must find its own incident's records.
        let earlier = store
            .create_incident(&NewIncident::new(
                Slug::parse("earlier").unwrap(),
                "Earlier",
            ))
            .await
            .unwrap();
        let mut session = store.begin_import(Some("test")).await.unwrap();
        for s in read_sources().unwrap().iter().filter(|s| s.kind == "csv") {
            let source = NewSource {
                kind: s.kind.to_owned(),
                file_name: s.file.to_owned(),
                content_hash: s.hash.clone(),
            };
            let t = &s.timeline;
            session
                .add_source(earlier.id, &source, &t.people, &t.entries, &[])
                .await
                .unwrap();
        }
        session.commit().await.unwrap();

        let loaded = load(&store, dir.path()).await.unwrap();
        let incident = store.incident_by_slug(&loaded.slug).await.unwrap().unwrap();
        let timeline = store.timeline(incident.id).await.unwrap();
        let entry = |id: i64| timeline.iter().find(|e| e.id == id);
        let narrative = store.narrative(incident.id).await.unwrap().unwrap();
        let narrative_html = lore_render::markdown_to_safe_html(&narrative.body);

        let perspectives = store.perspectives(incident.id).await.unwrap();
        assert!(
            perspectives.len() >= 2,
            "{} perspectives",
            perspectives.len()
        );
        assert_eq!(
            perspectives.iter().filter(|p| p.interview).count(),
            1,
            "exactly one interview write-up among the accounts"
        );
        for p in &perspectives {
            assert!(
                !p.body.contains("#entry:"),
                "{}: a citation by name was left in",
                p.person
            );
            let cited = cited_ids(&p.body);
            assert!(!cited.is_empty(), "{} cites no entry", p.person);
            for id in cited {
                assert!(
                    entry(id).is_some(),
                    "{} cites {id}, not in the incident",
                    p.person
                );
            }
        }

        let moments = store.annotations(incident.id).await.unwrap();
        assert!(moments.len() >= 6, "{} moments", moments.len());
        let themes: BTreeSet<&str> = moments.iter().map(|m| m.theme.as_str()).collect();
        assert!(themes.len() >= 5, "themes {themes:?}");
        let mut passages = 0;
        for m in &moments {
            assert!(!m.note.is_empty(), "every moment says why it matters");
            match &m.on {
                MarkedOn::Entries { first, last } => {
                    let (first, last) = (entry(*first).unwrap(), entry(*last).unwrap());
                    assert!(first.occurred_at <= last.occurred_at, "{}", m.note);
                }
                MarkedOn::Passage {
                    quote,
                    narrative_version,
                } => {
                    passages += 1;
                    assert!(
                        lore_render::find_passage(&narrative_html, quote).is_some(),
                        "the narrative a reader sees says {quote:?}"
                    );
                    assert_eq!(*narrative_version, Some(narrative.version));
                }
            }
        }
        assert!(passages >= 1, "a moment on a passage of the narrative");
        let mystery = moments
            .iter()
            .find(|m| m.theme == Theme::Mystery)
            .expect("a mystery remaining");
        let first = entry(mystery.on.first_entry().unwrap()).unwrap();
        assert!(first.text.contains("v4.2.1"), "{}", first.text);

        // Every term is used in the story, and linked where a reader meets it (not only inside
        // code, which is never linked).
        let glossary = store.glossary().await.unwrap();
        assert!(glossary.len() >= 5, "{} terms", glossary.len());
        let prose: Vec<&str> = std::iter::once(narrative.body.as_str())
            .chain(perspectives.iter().map(|p| p.body.as_str()))
            .collect();
        for term in &glossary {
            assert!(
                term.spellings().any(|s| prose
                    .iter()
                    .any(|text| lore_core::find_word(text, s).is_some())),
                "{:?} is used nowhere in the story",
                term.term
            );
            let link = lore_render::GlossaryLink {
                spellings: term.spellings().map(str::to_owned).collect(),
                href: format!("/glossary#{}", term.anchor()),
                definition: term.definition.clone(),
            };
            let href = format!("href=\"{}\"", link.href);
            let glossary = lore_render::GlossaryIndex::new(vec![link]);
            assert!(
                prose.iter().any(|text| {
                    let html = lore_render::markdown_to_safe_html(text);
                    lore_render::link_glossary(&html, &glossary).contains(&href)
                }),
                "{:?} is linked nowhere",
                term.term
            );
        }
        for term in [
            "MQTT",
            "retained message",
            "keepalive",
            "NAT idle timeout",
            "IC",
        ] {
            assert!(
                glossary.iter().any(|t| t.spellings().any(|s| s == term)),
                "{term} was in the narrative's own list of terms"
            );
        }
        assert!(
            !narrative.body.contains("## Terms"),
            "the glossary explains the terms now"
        );

        // Loading again changes nothing.
        load(&store, dir.path()).await.unwrap();
        assert_eq!(store.perspectives(incident.id).await.unwrap(), perspectives);
        assert_eq!(store.annotations(incident.id).await.unwrap(), moments);
        assert_eq!(store.glossary().await.unwrap(), glossary);
    }
}
