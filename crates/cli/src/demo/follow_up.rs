//! A second, shorter demo incident (`demo/follow-up/`): seven weeks later the same retained-
//! message trap paused a firmware rollout. Its narrative links to the main demo incident (a
//! permalink, a section and `[[slug]]`), and it shares services, tags, a theme, glossary
//! terms and people with it, so that "Cited by" and "Related incidents" have something to
//! show on both pages.

use anyhow::Context;
use lore_core::{MarkedOn, NewAnnotation, NewSource, Theme, content_hash};
use lore_store::Store;

use super::{DemoIncident, USERNAME};

const INCIDENT_JSON: &str = include_str!("../../../../demo/follow-up/incident.json");
const NARRATIVE_MD: &str = include_str!("../../../../demo/follow-up/narrative.md");
const TIMELINE_FILE: &str = "demo/follow-up/timeline.jsonl";
const TIMELINE_JSONL: &str = include_str!("../../../../demo/follow-up/timeline.jsonl");

/// The entry the moment marks, by its record's id, and what the moment says.
const MOMENT_ENTRY: &str = "fw-3";
const MOMENT_NOTE: &str = "To Nadia the rollout tool was the record of every pause, and it said \
    nothing was paused; to the stations the broker's retained notice was the pause. Both were \
    right about what they were looking at.";

/// Loads the follow-up incident unless it exists (the main incident first, so the links
/// resolve). Running it again changes nothing.
pub(super) async fn load(store: &Store) -> anyhow::Result<()> {
    let demo: DemoIncident =
        serde_json::from_str(INCIDENT_JSON).context("demo/follow-up/incident.json is invalid")?;
    let timeline = lore_import::jsonl::read(TIMELINE_JSONL.as_bytes(), TIMELINE_FILE)
        .with_context(|| format!("reading {TIMELINE_FILE}"))?;
    let glossary = store.glossary().await?;
    let mut session = store.begin_import(Some("lore demo")).await?;
    let (incident_id, created) = session.find_or_create_incident(&demo.incident).await?;
    if !created {
        return Ok(());
    }
    session
        .set_first_narrative(
            incident_id,
            NARRATIVE_MD,
            &lore_render::references(NARRATIVE_MD, &glossary),
        )
        .await?;
    session.add_people(&demo.people);
    let source = NewSource {
        kind: "jsonl".into(),
        file_name: TIMELINE_FILE.into(),
        content_hash: content_hash(TIMELINE_JSONL.as_bytes()),
    };
    session
        .add_source(
            incident_id,
            &source,
            &timeline.people,
            &timeline.entries,
            &timeline.channel_members,
        )
        .await?;
    session.commit().await?;
    let entry = store
        .timeline(incident_id)
        .await?
        .into_iter()
        .find(|e| e.provenance.message_id.as_deref() == Some(MOMENT_ENTRY))
        .with_context(|| format!("{TIMELINE_FILE}: no record {MOMENT_ENTRY:?}"))?;
    store
        .add_annotation(&NewAnnotation {
            incident_id,
            on: MarkedOn::Entries {
                first: entry.id,
                last: entry.id,
            },
            theme: Theme::Misunderstanding,
            tag: None,
            note: MOMENT_NOTE.into(),
            author: USERNAME.to_owned(),
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use lore_core::{Account, CitationPlace, RelatedReason, Role, Username};
    use lore_store::ConnectOptions;

    use super::*;

    #[tokio::test]
    async fn both_demo_incidents_show_what_cites_them_and_what_is_related() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&ConnectOptions::sqlite_in(dir.path()))
            .await
            .unwrap();
        let loaded = crate::demo::load(&store, dir.path()).await.unwrap();
        // Loading again changes nothing.
        crate::demo::load(&store, dir.path()).await.unwrap();
        let reader = Account {
            id: 0,
            username: Username::parse("someone").unwrap(),
            role: Role::Reader,
            created_at: time::OffsetDateTime::now_utc(),
        };
        let main = store.incident_by_slug(&loaded.slug).await.unwrap().unwrap();
        let cited = store.cited_by(&main, &reader).await.unwrap();
        let follow_up = related_incident(&store).await.slug;
        // The follow-up's three links first (the newest citing incident), each in its section;
        // the older library incidents and the demo repository cite it too.
        let sections: Vec<Option<String>> = cited
            .iter()
            .filter_map(|c| match &c.place {
                CitationPlace::Incident { slug, section, .. } if *slug == follow_up => {
                    Some(section.as_ref().map(|s| s.anchor.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            sections,
            [
                Some("backdrop".to_owned()),
                Some("what-was-surprising".to_owned()),
                Some("what-was-surprising".to_owned()),
            ]
        );
        let kinds: std::collections::BTreeSet<&str> =
            cited.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["code-comment", "commit", "doc", "incident", "reading-list"]
                .into_iter()
                .collect()
        );
        assert_eq!(cited[2].target, "#what-was-surprising");

        let related = store.related_incidents(&main, &reader, 5).await.unwrap();
        assert_eq!(related[0].slug, follow_up, "{related:?}");
        let reasons = &related[0].reasons;
        for expected in [
            RelatedReason::Linked,
            RelatedReason::Service("dock-broker".into()),
            RelatedReason::Theme("misunderstanding".into()),
            RelatedReason::Tag("mqtt".into()),
            RelatedReason::Term("retained message".into()),
            RelatedReason::People(1),
        ] {
            assert!(reasons.contains(&expected), "{expected:?} in {reasons:?}");
        }
        let back = store
            .related_incidents(&related_incident(&store).await, &reader, 5)
            .await
            .unwrap();
        assert_eq!(back[0].slug, loaded.slug);
    }

    async fn related_incident(store: &Store) -> lore_core::Incident {
        let demo: DemoIncident = serde_json::from_str(INCIDENT_JSON).unwrap();
        store
            .incident_by_slug(&demo.incident.slug)
            .await
            .unwrap()
            .unwrap()
    }
}
