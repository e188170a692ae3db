//! Stories from anyone: submitted by every account, handled by analysts, hidden with their
//! restricted incident.

use lore_core::{NewIncident, Role};
use lore_store::{NewStory, Store, StoreError, StoryStatus};

use super::{account, slug};

fn story(incident_id: Option<i64>, about: &str, consent: bool) -> NewStory {
    NewStory {
        incident_id,
        about: about.into(),
        title: "The night the pager stayed quiet".into(),
        body: "We only found out from a customer.".into(),
        consent,
    }
}

pub async fn stories_are_handled_once_and_hidden_with_their_incident(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let ana = account(store, "ana", Role::Analyst).await;
    let open = store
        .create_incident(&NewIncident::new(slug("open"), "Open"))
        .await
        .unwrap();
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();

    assert!(matches!(
        store.submit_story(&rita, &story(None, " ", true)).await,
        Err(StoreError::Invalid(_))
    ));
    let about_open = store
        .submit_story(&rita, &story(Some(open.id), "", false))
        .await
        .unwrap();
    let unknown = store
        .submit_story(&rita, &story(None, "the 2019 payments outage", true))
        .await
        .unwrap();
    let about_secret = store
        .submit_story(&rita, &story(Some(secret.id), "", true))
        .await
        .unwrap();

    // The analyst's queue: oldest first, without the restricted incident's story.
    let queue: Vec<i64> = store
        .stories_to_handle(&ana)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(queue, [about_open, unknown]);
    assert!(store.story(about_secret, &ana).await.unwrap().is_none());
    let admin = account(store, "ada", Role::Admin).await;
    assert_eq!(store.stories_to_handle(&admin).await.unwrap().len(), 3);

    // No consent, no perspective; handled once.
    assert!(matches!(
        store
            .mark_story(about_open, StoryStatus::Perspective, None, None, "ana")
            .await,
        Err(StoreError::Invalid(_))
    ));
    store
        .mark_story(about_open, StoryStatus::Attached, None, None, "ana")
        .await
        .unwrap();
    assert!(
        store
            .mark_story(about_open, StoryStatus::Attached, None, None, "ana")
            .await
            .is_err()
    );
    store
        .mark_story(unknown, StoryStatus::Incident, Some(open.id), None, "ana")
        .await
        .unwrap();
    assert!(store.stories_to_handle(&ana).await.unwrap().is_empty());

    // The author sees her own, with what became of them (not the one she may no longer see).
    let mine = store.my_stories(&rita).await.unwrap();
    let statuses: Vec<(i64, StoryStatus)> = mine.iter().map(|s| (s.id, s.status)).collect();
    assert_eq!(
        statuses,
        [
            (unknown, StoryStatus::Incident),
            (about_open, StoryStatus::Attached)
        ]
    );
    assert_eq!(mine[0].incident_slug.as_deref(), Some("open"));
}
