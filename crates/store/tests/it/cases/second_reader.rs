//! What the second reader suggested and people set aside: dismissed flags kept with their
//! narrative version, and suggested moments set aside for good, within their incident.

use lore_core::{NewIncident, References};
use lore_store::{Store, StoreError};
use time::macros::datetime;

use super::{batch, chat, slug};

/// The second reader's dismissed flags are kept with the narrative version, all or none.
pub async fn flag_dismissals_are_kept_with_their_version(store: &Store) {
    use lore_store::{FlagDismissal, MAX_DISMISSALS_PER_SAVE};
    let _ = References::default();
    let one = store
        .create_incident(&NewIncident::new(slug("dismissed"), "Dismissed"))
        .await
        .unwrap();
    let d = |category: &str, reason: &str| FlagDismissal {
        category: category.into(),
        sentence: "We should have checked.".into(),
        span: "should have checked".into(),
        reason: reason.into(),
    };
    store
        .record_flag_dismissals(
            one.id,
            1,
            &[d(
                "counterfactual",
                " Nadia's own words, with her consent. ",
            )],
            "mei",
        )
        .await
        .unwrap();
    store
        .record_flag_dismissals(one.id, 2, &[d("minimiser", "A quantity here.")], "mei")
        .await
        .unwrap();
    let kept = store.flag_dismissals(one.id).await.unwrap();
    let listed: Vec<(i64, &str, &str)> = kept
        .iter()
        .map(|k| {
            (
                k.version,
                k.dismissal.category.as_str(),
                k.dismissal.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (2, "minimiser", "A quantity here."),
            (1, "counterfactual", "Nadia's own words, with her consent.")
        ]
    );
    assert_eq!(kept[1].dismissed_by, "mei");
    // Refused, and nothing of the batch kept: no reason, an unknown category, too many.
    for bad in [
        vec![d("blame", "fine"), d("blame", "  ")],
        vec![d("hindsight", "why")],
        vec![d("blame", "x"); MAX_DISMISSALS_PER_SAVE + 1],
    ] {
        assert!(matches!(
            store.record_flag_dismissals(one.id, 3, &bad, "mei").await,
            Err(StoreError::Invalid(_))
        ));
    }
    assert_eq!(store.flag_dismissals(one.id).await.unwrap().len(), 2);
}

pub async fn set_aside_moment_suggestions_stay_set_aside(store: &Store) {
    let one = store
        .create_incident(&NewIncident::new(slug("suggested"), "Suggested"))
        .await
        .unwrap();
    let other = store
        .create_incident(&NewIncident::new(slug("elsewhere"), "Elsewhere"))
        .await
        .unwrap();
    let t0 = datetime!(2026-03-17 11:00 UTC);
    store
        .import(&batch(
            one.id,
            "a.jsonl",
            vec![chat("1", t0, "nadia", "wait, what?")],
        ))
        .await
        .unwrap();
    store
        .import(&batch(
            other.id,
            "b.jsonl",
            vec![chat("2", t0, "nadia", "huh")],
        ))
        .await
        .unwrap();
    let mine = store.timeline(one.id).await.unwrap()[0].id;
    let theirs = store.timeline(other.id).await.unwrap()[0].id;
    store
        .dismiss_moment_suggestion(one.id, mine, "surprise", "ana")
        .await
        .unwrap();
    // Twice is the same as once.
    store
        .dismiss_moment_suggestion(one.id, mine, "surprise", "ana")
        .await
        .unwrap();
    assert_eq!(
        store.dismissed_moment_suggestions(one.id).await.unwrap(),
        [mine]
    );
    // Another incident's entry, through this incident: not found, nothing kept.
    assert!(matches!(
        store
            .dismiss_moment_suggestion(one.id, theirs, "surprise", "ana")
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(
        store
            .dismissed_moment_suggestions(other.id)
            .await
            .unwrap()
            .is_empty()
    );
}
