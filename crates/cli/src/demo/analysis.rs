//! What people added to the demo incident after its files were imported, so that a newcomer's
//! first incident shows the two ideas Lore exists for: **perspectives** (`demo/perspectives/`,
//! one Markdown file each), **moments** (`demo/moments.json`), and the **glossary terms** the
//! story uses (`demo/glossary.json`).
//!
//! Moments and perspectives point at timeline entries by name (`demo/entries.json`). Entry ids
//! are the database's: they depend on the store and on whatever was imported before the demo.
//! A record of a demo file (a Slack message's `ts`, a call's cue number, a CSV line) does not,
//! so a name stands for one record, with words it says to catch a name that drifted onto
//! another record when the files were regenerated.
//!
//! The formats:
//! - `entries.json`: `{"NAME": {"file": F, "record": ID, "says": WORDS}}`, where `F` is the
//!   file as the demo imports it (`demo/files/slack-export`), `ID` the record's id as its
//!   importer keeps it (the entry's provenance `message_id`: `channel/ts` for Slack, the cue
//!   number for the call), or `"line": N` instead of `record` for CSV rows, which have no id;
//! - `moments.json`: `[{"name", "theme", "tag"?, "on", "note"}]`, `on` being `{"entry": NAME}`,
//!   `{"entries": {"first": NAME, "last": NAME}}` or `{"passage": WORDS}` (words of the
//!   narrative as readers see them: no Markdown);
//! - perspectives cite entries as `[words](#entry:NAME)`, written into the stored perspective as
//!   the `#entry-ID` link the page knows;
//! - `glossary.json`: `[{"term", "aliases"?, "definition", "link"?}]`.
//!
//! [`Analysis::read`] parses all of it and checks it against the demo's files before the import
//! starts: a name that resolves to no record, or a passage the narrative no longer has, fails
//! the load (naming the file and the moment) before anything is stored.

use std::collections::BTreeMap;
use std::fmt::Write;

use anyhow::{Context, anyhow, bail, ensure};
use lore_core::{MarkedOn, NewAnnotation, NewGlossaryTerm, NewPerspective, Provenance, Theme};
use lore_store::{Store, StoreError};
use serde::Deserialize;

use super::{DemoSource, NARRATIVE_MD, USERNAME};

const ENTRIES_FILE: &str = "demo/entries.json";
const ENTRIES_JSON: &str = include_str!("../../../../demo/entries.json");
const MOMENTS_FILE: &str = "demo/moments.json";
const MOMENTS_JSON: &str = include_str!("../../../../demo/moments.json");
const GLOSSARY_FILE: &str = "demo/glossary.json";
const GLOSSARY_JSON: &str = include_str!("../../../../demo/glossary.json");

/// One person's account of the incident.
struct DemoPerspective {
    file: &'static str,
    person: &'static str,
    /// The account that saved it: the responder's own for their own words, the analyst's for
    /// an interview write-up (as the incident page's form records it).
    written_by: &'static str,
    interview: bool,
    markdown: &'static str,
}

/// In the order the page shows them: Tomás's own account first, then the interview that
/// weighs one of his calls differently, then Mei-Lin's.
const PERSPECTIVES: [DemoPerspective; 3] = [
    DemoPerspective {
        file: "demo/perspectives/tomas-brennan.md",
        person: "Tomás Brennan",
        written_by: "tomas",
        interview: false,
        markdown: include_str!("../../../../demo/perspectives/tomas-brennan.md"),
    },
    DemoPerspective {
        file: "demo/perspectives/rafael-quintero-interview.md",
        person: "Rafael Quintero",
        written_by: USERNAME,
        interview: true,
        markdown: include_str!("../../../../demo/perspectives/rafael-quintero-interview.md"),
    },
    DemoPerspective {
        file: "demo/perspectives/mei-lin-tan.md",
        person: "Mei-Lin Tan",
        written_by: "meilin",
        interview: false,
        markdown: include_str!("../../../../demo/perspectives/mei-lin-tan.md"),
    },
];

/// A timeline entry by the record it was imported from (see the module's documentation).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryRef {
    file: String,
    record: Option<String>,
    line: Option<u64>,
    /// Words the entry's text contains.
    says: String,
}

impl EntryRef {
    fn describe(&self) -> String {
        match (&self.record, self.line) {
            (Some(record), _) => format!("record {record:?} of {}", self.file),
            (None, Some(line)) => format!("line {line} of {}", self.file),
            (None, None) => format!("a record of {}", self.file),
        }
    }

    fn is_record(&self, file: &str, provenance: &Provenance) -> bool {
        file == self.file
            && match (&self.record, self.line) {
                (Some(record), None) => provenance.message_id.as_deref() == Some(record.as_str()),
                (None, Some(line)) => provenance.line == Some(line),
                _ => false,
            }
    }

    /// The one candidate (its file, provenance and text, and what to return for it) that is
    /// this record, if it still says what it should.
    fn locate<'a, T>(
        &self,
        name: &str,
        candidates: impl IntoIterator<Item = (&'a str, &'a Provenance, &'a str, T)>,
    ) -> anyhow::Result<T> {
        let mut found = candidates
            .into_iter()
            .filter(|(file, provenance, _, _)| self.is_record(file, provenance));
        let (_, _, text, value) = found.next().ok_or_else(|| {
            anyhow!(
                "{ENTRIES_FILE}: entry {name:?}: no timeline entry comes from {}",
                self.describe()
            )
        })?;
        ensure!(
            found.next().is_none(),
            "{ENTRIES_FILE}: entry {name:?}: more than one timeline entry comes from {}",
            self.describe()
        );
        ensure!(
            text.contains(&self.says),
            "{ENTRIES_FILE}: entry {name:?}: {} no longer says {:?}",
            self.describe(),
            self.says
        );
        Ok(value)
    }
}

/// A moment as `demo/moments.json` gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoMoment {
    /// Names the moment in errors; not stored.
    name: String,
    theme: String,
    tag: Option<String>,
    on: DemoMarkedOn,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum DemoMarkedOn {
    Entry(String),
    Entries { first: String, last: String },
    Passage(String),
}

impl DemoMarkedOn {
    /// The entry names it points at.
    fn names(&self) -> Vec<&str> {
        match self {
            DemoMarkedOn::Entry(name) => vec![name],
            DemoMarkedOn::Entries { first, last } => vec![first, last],
            DemoMarkedOn::Passage(_) => vec![],
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTerm {
    term: String,
    #[serde(default)]
    aliases: Vec<String>,
    definition: String,
    link: Option<String>,
}

/// The demo's perspectives, moments and glossary terms, read and checked.
pub(super) struct Analysis {
    entries: BTreeMap<String, EntryRef>,
    moments: Vec<(DemoMoment, Theme)>,
    terms: Vec<NewGlossaryTerm>,
}

impl Analysis {
    /// Parses the demo's data files and checks them against the files about to be imported
    /// (`sources`) and the narrative, before anything is stored.
    pub(super) fn read(sources: &[DemoSource]) -> anyhow::Result<Self> {
        let entries = parse_entries(ENTRIES_JSON, sources)?;
        let moments = parse_moments(MOMENTS_JSON, &entries, NARRATIVE_MD)?;
        for p in &PERSPECTIVES {
            cite_entries(p.markdown, p.file, |name| {
                entries.contains_key(name).then_some(0)
            })?;
            new_perspective(p, 0, p.markdown.to_owned())
                .validate()
                .with_context(|| format!("{}: not a valid perspective", p.file))?;
        }
        let terms = parse_glossary(GLOSSARY_JSON)?;
        Ok(Analysis {
            entries,
            moments,
            terms,
        })
    }

    /// Adds the perspectives and moments to the demo incident. Called once, when the load
    /// creates the incident: loading again must not add them twice.
    pub(super) async fn add_to_incident(
        &self,
        store: &Store,
        incident_id: i64,
    ) -> anyhow::Result<()> {
        let ids = self.entry_ids(store, incident_id).await?;
        let glossary = store.glossary().await?;
        let id_of = |name: &str| ids.get(name).copied();
        for p in &PERSPECTIVES {
            let body = cite_entries(p.markdown, p.file, id_of)?;
            let refs = lore_render::references(&body, &glossary);
            store
                .add_perspective(&new_perspective(p, incident_id, body), &refs)
                .await
                .with_context(|| format!("adding the perspective in {}", p.file))?;
        }
        let narrative_version = store.narrative(incident_id).await?.map(|n| n.version);
        for (moment, theme) in &self.moments {
            let entry = |name: &String| {
                id_of(name).with_context(|| {
                    format!(
                        "{MOMENTS_FILE}: moment {:?}: no entry {name:?}",
                        moment.name
                    )
                })
            };
            let on = match &moment.on {
                DemoMarkedOn::Entry(name) => {
                    let id = entry(name)?;
                    MarkedOn::Entries {
                        first: id,
                        last: id,
                    }
                }
                DemoMarkedOn::Entries { first, last } => MarkedOn::Entries {
                    first: entry(first)?,
                    last: entry(last)?,
                },
                DemoMarkedOn::Passage(quote) => MarkedOn::Passage {
                    quote: quote.clone(),
                    narrative_version,
                },
            };
            store
                .add_annotation(&new_annotation(moment, *theme, incident_id, on))
                .await
                .with_context(|| format!("{MOMENTS_FILE}: adding moment {:?}", moment.name))?;
        }
        Ok(())
    }

    /// Adds the glossary terms the glossary does not have yet (an organisation's own
    /// definition of a term is kept), on every load.
    pub(super) async fn add_glossary(&self, store: &Store) -> anyhow::Result<()> {
        for term in &self.terms {
            match store.add_glossary_term(term).await {
                Ok(()) | Err(StoreError::AlreadyExists(_)) => {}
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("{GLOSSARY_FILE}: adding the term {:?}", term.term)
                    });
                }
            }
        }
        Ok(())
    }

    /// Each named entry's id in this store.
    async fn entry_ids(
        &self,
        store: &Store,
        incident_id: i64,
    ) -> anyhow::Result<BTreeMap<String, i64>> {
        let sources = store.sources(incident_id).await?;
        let file_of: BTreeMap<i64, &str> = sources
            .iter()
            .map(|s| (s.id, s.file_name.as_str()))
            .collect();
        let timeline = store.timeline(incident_id).await?;
        let mut ids = BTreeMap::new();
        for (name, entry) in &self.entries {
            let candidates = timeline.iter().filter_map(|e| {
                let file = *file_of.get(&e.source_id)?;
                Some((file, &e.provenance, e.text.as_str(), e.id))
            });
            ids.insert(name.clone(), entry.locate(name, candidates)?);
        }
        Ok(ids)
    }
}

fn new_perspective(p: &DemoPerspective, incident_id: i64, body: String) -> NewPerspective {
    NewPerspective {
        incident_id,
        person: p.person.to_owned(),
        written_by: p.written_by.to_owned(),
        interview: p.interview,
        body,
    }
}

fn new_annotation(
    moment: &DemoMoment,
    theme: Theme,
    incident_id: i64,
    on: MarkedOn,
) -> NewAnnotation {
    NewAnnotation {
        incident_id,
        on,
        theme,
        tag: moment.tag.clone(),
        note: moment.note.clone(),
        author: USERNAME.to_owned(),
    }
}

/// The named entries, each found exactly once among the entries the demo's files give.
fn parse_entries(json: &str, sources: &[DemoSource]) -> anyhow::Result<BTreeMap<String, EntryRef>> {
    let entries: BTreeMap<String, EntryRef> =
        serde_json::from_str(json).with_context(|| format!("{ENTRIES_FILE} is invalid"))?;
    for (name, entry) in &entries {
        ensure!(
            entry.record.is_some() != entry.line.is_some(),
            "{ENTRIES_FILE}: entry {name:?}: give either \"record\" or \"line\", not both or neither"
        );
        let candidates = sources.iter().flat_map(|s| {
            s.timeline
                .entries
                .iter()
                .map(|e| (s.file, &e.provenance, e.text.as_str(), ()))
        });
        entry.locate(name, candidates)?;
    }
    Ok(entries)
}

/// The moments, each with its theme, marking named entries or words the narrative has.
fn parse_moments(
    json: &str,
    entries: &BTreeMap<String, EntryRef>,
    narrative: &str,
) -> anyhow::Result<Vec<(DemoMoment, Theme)>> {
    let moments: Vec<DemoMoment> =
        serde_json::from_str(json).with_context(|| format!("{MOMENTS_FILE} is invalid"))?;
    // The words a reader sees, which is what a passage quotes.
    let narrative_html = lore_render::markdown_to_safe_html(narrative);
    moments
        .into_iter()
        .map(|moment| {
            let context = || format!("{MOMENTS_FILE}: moment {:?}", moment.name);
            let theme: Theme = moment.theme.parse().with_context(context)?;
            for name in moment.on.names() {
                if !entries.contains_key(name) {
                    bail!("{}: no entry {name:?} in {ENTRIES_FILE}", context());
                }
            }
            if let DemoMarkedOn::Passage(quote) = &moment.on
                && lore_render::find_passage(&narrative_html, quote).is_none()
            {
                bail!("{}: the narrative does not say {quote:?}", context());
            }
            let placeholder = MarkedOn::Entries { first: 0, last: 0 };
            let on = match &moment.on {
                DemoMarkedOn::Passage(quote) => MarkedOn::Passage {
                    quote: quote.clone(),
                    narrative_version: None,
                },
                _ => placeholder,
            };
            new_annotation(&moment, theme, 0, on)
                .validate()
                .with_context(context)?;
            Ok((moment, theme))
        })
        .collect()
}

fn parse_glossary(json: &str) -> anyhow::Result<Vec<NewGlossaryTerm>> {
    let terms: Vec<DemoTerm> =
        serde_json::from_str(json).with_context(|| format!("{GLOSSARY_FILE} is invalid"))?;
    terms
        .into_iter()
        .map(|t| {
            let term = NewGlossaryTerm {
                term: t.term,
                aliases: t.aliases,
                definition: t.definition,
                link: t.link,
                created_by: USERNAME.to_owned(),
            };
            term.validate()
                .with_context(|| format!("{GLOSSARY_FILE}: the term {:?}", term.term))?;
            Ok(term)
        })
        .collect()
}

/// Writes each citation by name, `[words](#entry:NAME)`, as the link the incident page knows,
/// `[words](#entry-ID)`. A perspective that cites an entry by id is refused: ids are not the
/// same from one store to the next.
fn cite_entries(
    markdown: &str,
    file: &str,
    id_of: impl Fn(&str) -> Option<i64>,
) -> anyhow::Result<String> {
    const BY_NAME: &str = "](#entry:";
    ensure!(
        !markdown.contains("](#entry-"),
        "{file}: cite entries by their name in {ENTRIES_FILE}, as [words](#entry:NAME), not by id"
    );
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find(BY_NAME) {
        let after = &rest[at + BY_NAME.len()..];
        let name = after
            .find(')')
            .map(|end| &after[..end])
            .with_context(|| format!("{file}: a citation has no closing parenthesis"))?;
        let id = id_of(name).with_context(|| {
            format!("{file}: cites {name:?}, which {ENTRIES_FILE} does not name")
        })?;
        out.push_str(&rest[..at]);
        write!(out, "](#entry-{id})").expect("writing to a String");
        rest = &after[name.len() + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use lore_store::ConnectOptions;

    use super::*;

    fn entries(json: &str) -> BTreeMap<String, EntryRef> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn citations_by_name_become_links_to_this_stores_entries() {
        let ids = |name: &str| (name == "solid").then_some(42);
        assert_eq!(
            cite_entries(
                "It was [solid](#entry:solid), twice: [solid](#entry:solid).",
                "t.md",
                ids
            )
            .unwrap(),
            "It was [solid](#entry-42), twice: [solid](#entry-42)."
        );
        let unknown = cite_entries("[gone](#entry:flashing)", "t.md", ids).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "t.md: cites \"flashing\", which demo/entries.json does not name"
        );
        let by_id = cite_entries("[mine](#entry-3)", "t.md", ids).unwrap_err();
        assert!(by_id.to_string().contains("not by id"), "{by_id}");
        assert!(cite_entries("[open](#entry:solid", "t.md", ids).is_err());
    }

    #[test]
    fn a_name_resolves_to_one_record_that_still_says_its_words() {
        let refs = entries(
            r#"{
                "solid": {"file": "a.vtt", "record": "12", "says": "solid"},
                "row": {"file": "t.csv", "line": 3, "says": "created"}
            }"#,
        );
        let at = |message_id: Option<&str>, line: Option<u64>| Provenance {
            path: "x".into(),
            line,
            message_id: message_id.map(str::to_owned),
        };
        let (cue, row, other) = (
            at(Some("12"), None),
            at(None, Some(3)),
            at(Some("12"), None),
        );
        let candidates = [
            ("a.vtt", &cue, "it was solid", 1),
            ("t.csv", &row, "KIT-5120 created", 2),
            // The same record id in another file is another record.
            ("b.vtt", &other, "solid too", 3),
        ];
        assert_eq!(refs["solid"].locate("solid", candidates).unwrap(), 1);
        assert_eq!(refs["row"].locate("row", candidates).unwrap(), 2);

        let drifted =
            entries(r#"{"solid": {"file": "a.vtt", "record": "12", "says": "flashing"}}"#);
        assert_eq!(
            drifted["solid"]
                .locate("solid", candidates)
                .unwrap_err()
                .to_string(),
            "demo/entries.json: entry \"solid\": record \"12\" of a.vtt no longer says \"flashing\""
        );
        let missing = entries(r#"{"gone": {"file": "a.vtt", "record": "99", "says": "x"}}"#);
        assert_eq!(
            missing["gone"]
                .locate("gone", candidates)
                .unwrap_err()
                .to_string(),
            "demo/entries.json: entry \"gone\": no timeline entry comes from record \"99\" of a.vtt"
        );
    }

    #[test]
    fn a_moment_that_no_longer_resolves_is_named() {
        let refs = entries(r#"{"solid": {"file": "a.vtt", "record": "12", "says": "solid"}}"#);
        let narrative = "## What happened\n\nMaintenance is **solid**.";
        let parse = |json: &str| {
            parse_moments(json, &refs, narrative)
                .map(|m| m.len())
                .map_err(|e| format!("{e:#}"))
        };
        assert_eq!(
            parse(
                r#"[{"name": "lights", "theme": "surprise", "on": {"entry": "solid"}, "note": "n"},
                    {"name": "words", "theme": "paradox", "on": {"passage": "Maintenance is solid."}, "note": "n"}]"#
            ),
            Ok(2)
        );
        assert_eq!(
            parse(
                r#"[{"name": "lights", "theme": "surprise", "on": {"entries": {"first": "solid", "last": "flashing"}}, "note": "n"}]"#
            ),
            Err(
                "demo/moments.json: moment \"lights\": no entry \"flashing\" in demo/entries.json"
                    .into()
            )
        );
        assert_eq!(
            parse(
                r#"[{"name": "words", "theme": "paradox", "on": {"passage": "**solid**"}, "note": "n"}]"#
            ),
            Err(
                "demo/moments.json: moment \"words\": the narrative does not say \"**solid**\""
                    .into()
            )
        );
        let theme =
            parse(r#"[{"name": "odd", "theme": "boring", "on": {"entry": "solid"}, "note": "n"}]"#)
                .unwrap_err();
        assert!(
            theme.starts_with("demo/moments.json: moment \"odd\": unknown theme"),
            "{theme}"
        );
        let untagged =
            parse(r#"[{"name": "own", "theme": "custom", "on": {"entry": "solid"}, "note": "n"}]"#)
                .unwrap_err();
        assert!(untagged.contains("needs a tag"), "{untagged}");
    }

    /// The names in a perspective's Markdown, in order.
    fn cited_names(markdown: &str) -> Vec<&str> {
        markdown
            .split("](#entry:")
            .skip(1)
            .map(|rest| &rest[..rest.find(')').unwrap()])
            .collect()
    }

    /// Every name lands on the entry it means in the loaded demo: the perspectives' citations
    /// and the moments' marks point at entries saying the words `entries.json` gives.
    #[tokio::test]
    async fn names_land_on_the_entries_they_mean() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&ConnectOptions::sqlite_in(dir.path()))
            .await
            .unwrap();
        let loaded = crate::demo::load(&store, dir.path()).await.unwrap();
        let incident = store.incident_by_slug(&loaded.slug).await.unwrap().unwrap();
        let timeline = store.timeline(incident.id).await.unwrap();
        let says = |id: i64, name: &str| {
            let text = &timeline.iter().find(|e| e.id == id).unwrap().text;
            let words = &entries(ENTRIES_JSON)[name].says;
            assert!(text.contains(words.as_str()), "{name}: {id} says {text:?}");
        };

        let stored = store.perspectives(incident.id).await.unwrap();
        assert_eq!(stored.len(), PERSPECTIVES.len());
        for (p, stored) in PERSPECTIVES.iter().zip(&stored) {
            assert_eq!(
                (stored.person.as_str(), stored.interview),
                (p.person, p.interview)
            );
            let names = cited_names(p.markdown);
            let ids: Vec<i64> = stored
                .body
                .split("](#entry-")
                .skip(1)
                .map(|rest| rest[..rest.find(')').unwrap()].parse().unwrap())
                .collect();
            assert_eq!(names.len(), ids.len(), "{}", p.file);
            for (name, id) in names.into_iter().zip(ids) {
                says(id, name);
            }
        }

        let moments: Vec<DemoMoment> = serde_json::from_str(MOMENTS_JSON).unwrap();
        let stored = store.annotations(incident.id).await.unwrap();
        assert_eq!(stored.len(), moments.len());
        for (moment, stored) in moments.iter().zip(&stored) {
            assert_eq!(stored.note, moment.note);
            assert_eq!(stored.theme.as_str(), moment.theme);
            match (&moment.on, &stored.on) {
                (DemoMarkedOn::Entry(name), MarkedOn::Entries { first, last }) => {
                    assert_eq!(first, last);
                    says(*first, name);
                }
                (
                    DemoMarkedOn::Entries { first, last },
                    MarkedOn::Entries { first: f, last: l },
                ) => {
                    says(*f, first);
                    says(*l, last);
                }
                (DemoMarkedOn::Passage(words), MarkedOn::Passage { quote, .. }) => {
                    assert_eq!(quote, words);
                }
                (demo, stored) => panic!("{}: {demo:?} stored as {stored:?}", moment.name),
            }
        }
    }
}
