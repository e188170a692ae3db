//! The yearly award: rounds set by admins, nominations and votes only in their windows, one
//! vote per person, results after the close, restricted incidents only for their readers.

use lore_core::{NewIncident, Role};
use lore_store::{AwardPhase, AwardRoundPlan, Store, StoreError};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use super::{account, slug};

const OPEN: OffsetDateTime = datetime!(2026-11-01 09:00 UTC);
const NOMINATIONS_CLOSE: OffsetDateTime = datetime!(2026-11-15 17:00 UTC);
const VOTING_CLOSE: OffsetDateTime = datetime!(2026-11-30 17:00 UTC);

fn plan(year: i32) -> AwardRoundPlan {
    AwardRoundPlan {
        year,
        title: "The three-armed sweater".into(),
        rules: "Nominate the story you *still* tell.".into(),
        nominations_open_at: OPEN,
        nominations_close_at: NOMINATIONS_CLOSE,
        voting_close_at: VOTING_CLOSE,
    }
}

fn nominating() -> OffsetDateTime {
    OPEN + Duration::days(1)
}

fn voting() -> OffsetDateTime {
    NOMINATIONS_CLOSE + Duration::days(1)
}

fn closed() -> OffsetDateTime {
    VOTING_CLOSE + Duration::minutes(1)
}

fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(why)) => why,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

pub async fn award_rounds_are_set_by_admins_within_valid_windows(store: &Store) {
    let ada = account(store, "ada", Role::Admin).await;
    let ana = account(store, "ana", Role::Analyst).await;
    let now = datetime!(2026-10-01 12:00 UTC);

    let why = invalid(store.create_award_round(&ana, &plan(2026), now).await);
    assert!(why.contains("only an admin"), "{why}");

    let mut bad = plan(2026);
    bad.nominations_close_at = OPEN;
    assert!(invalid(store.create_award_round(&ada, &bad, now).await).contains("open before"));
    let mut bad = plan(2026);
    bad.voting_close_at = NOMINATIONS_CLOSE;
    assert!(invalid(store.create_award_round(&ada, &bad, now).await).contains("voting must"));
    let mut bad = plan(2026);
    bad.title = " ".into();
    invalid(store.create_award_round(&ada, &bad, now).await);
    bad.title = "t".repeat(201);
    invalid(store.create_award_round(&ada, &bad, now).await);
    let mut bad = plan(2026);
    bad.rules = "r".repeat(16 * 1024 + 1);
    invalid(store.create_award_round(&ada, &bad, now).await);
    invalid(store.create_award_round(&ada, &plan(1969), now).await);
    assert!(store.award_rounds().await.unwrap().is_empty());

    let id = store
        .create_award_round(&ada, &plan(2026), now)
        .await
        .unwrap();
    assert!(matches!(
        store.create_award_round(&ada, &plan(2026), now).await,
        Err(StoreError::AlreadyExists(_))
    ));
    let round = store.award_round_of_year(2026).await.unwrap().unwrap();
    assert_eq!(round.id, id);
    assert_eq!(round.created_by, "ada");
    assert_eq!(round.created_at, now);
    assert_eq!(round.nominations_close_at, NOMINATIONS_CLOSE);
    assert_eq!(
        round.phase(OPEN - Duration::seconds(1)),
        AwardPhase::Upcoming
    );
    assert_eq!(round.phase(OPEN), AwardPhase::Nominating);
    assert_eq!(round.phase(NOMINATIONS_CLOSE), AwardPhase::Voting);
    assert_eq!(round.phase(VOTING_CLOSE), AwardPhase::Closed);

    // Changes: admins only, validated, and a year taken by another round is refused.
    let mut changed = plan(2026);
    changed.title = "Most memorable story".into();
    changed.voting_close_at = VOTING_CLOSE + Duration::days(7);
    invalid(store.change_award_round(&ana, id, &changed).await);
    store.change_award_round(&ada, id, &changed).await.unwrap();
    let round = store.award_round_of_year(2026).await.unwrap().unwrap();
    assert_eq!(round.title, "Most memorable story");
    assert_eq!(round.voting_close_at, VOTING_CLOSE + Duration::days(7));
    let mut earlier = plan(2025);
    earlier.nominations_open_at = OPEN - Duration::days(365);
    earlier.nominations_close_at = NOMINATIONS_CLOSE - Duration::days(365);
    earlier.voting_close_at = VOTING_CLOSE - Duration::days(365);
    let last_year = store.create_award_round(&ada, &earlier, now).await.unwrap();
    assert!(matches!(
        store.change_award_round(&ada, last_year, &changed).await,
        Err(StoreError::AlreadyExists(_))
    ));
    assert!(matches!(
        store.change_award_round(&ada, 9999, &changed).await,
        Err(StoreError::NotFound(_))
    ));

    // The current round: the one opened last; before this year's opens, last year's.
    let years = |r: Option<lore_store::AwardRound>| r.map(|r| r.year);
    assert_eq!(
        years(store.current_award_round(now).await.unwrap()),
        Some(2025)
    );
    assert_eq!(
        years(store.current_award_round(OPEN).await.unwrap()),
        Some(2026)
    );
    let long_ago = datetime!(2000-01-01 00:00 UTC);
    assert_eq!(
        years(store.current_award_round(long_ago).await.unwrap()),
        Some(2025)
    );
    let all: Vec<i32> = store
        .award_rounds()
        .await
        .unwrap()
        .iter()
        .map(|r| r.year)
        .collect();
    assert_eq!(all, [2026, 2025]);
}

pub async fn award_nominations_and_votes_keep_their_windows(store: &Store) {
    let ada = account(store, "ada", Role::Admin).await;
    let rita = account(store, "rita", Role::Reader).await;
    let bob = account(store, "bob", Role::Reader).await;
    let cy = account(store, "cy", Role::Analyst).await;
    let sweater = store
        .create_incident(&NewIncident::new(
            slug("sweater"),
            "The three-armed sweater",
        ))
        .await
        .unwrap();
    let quiet = store
        .create_incident(&NewIncident::new(slug("quiet"), "The quiet pager"))
        .await
        .unwrap();
    let never = store
        .create_incident(&NewIncident::new(slug("never"), "Never nominated"))
        .await
        .unwrap();
    let round = store
        .create_award_round(&ada, &plan(2026), OPEN - Duration::days(30))
        .await
        .unwrap();

    // Nominations: only in their window, with a reason.
    let early = invalid(
        store
            .nominate_for_award(
                round,
                &rita,
                sweater.id,
                "Still told",
                OPEN - Duration::seconds(1),
            )
            .await,
    );
    assert!(
        early.contains("nominations are open from 2026-11-01 09:00 UTC"),
        "{early}"
    );
    invalid(
        store
            .nominate_for_award(round, &rita, sweater.id, "Still told", voting())
            .await,
    );
    invalid(
        store
            .nominate_for_award(round, &rita, sweater.id, "  ", nominating())
            .await,
    );
    invalid(
        store
            .nominate_for_award(round, &rita, sweater.id, &"r".repeat(2001), nominating())
            .await,
    );
    assert!(matches!(
        store
            .nominate_for_award(9999, &rita, sweater.id, "x", nominating())
            .await,
        Err(StoreError::NotFound(_))
    ));
    store
        .nominate_for_award(round, &rita, sweater.id, "first reason", nominating())
        .await
        .unwrap();
    // Again: the reason is replaced, not doubled.
    store
        .nominate_for_award(
            round,
            &rita,
            sweater.id,
            "Everyone still tells it",
            nominating(),
        )
        .await
        .unwrap();
    store
        .nominate_for_award(
            round,
            &bob,
            sweater.id,
            "It changed how we deploy",
            nominating(),
        )
        .await
        .unwrap();
    store
        .nominate_for_award(round, &bob, quiet.id, "Nobody was paged", nominating())
        .await
        .unwrap();
    let nominees = store.award_nominations(round, &cy).await.unwrap();
    let seen: Vec<(&str, Vec<(&str, &str)>)> = nominees
        .iter()
        .map(|n| {
            let reasons = n.reasons.iter().map(|r| (r.by.as_str(), r.reason.as_str()));
            (n.slug.as_str(), reasons.collect())
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "sweater",
                vec![
                    ("rita", "Everyone still tells it"),
                    ("bob", "It changed how we deploy")
                ]
            ),
            ("quiet", vec![("bob", "Nobody was paged")]),
        ]
    );

    // Votes: only in their window, only for a nominated incident; one per person.
    invalid(
        store
            .vote_for_award(round, &rita, sweater.id, nominating())
            .await,
    );
    let late = invalid(
        store
            .vote_for_award(round, &rita, sweater.id, closed())
            .await,
    );
    assert!(
        late.contains("voting is open from 2026-11-15 17:00 UTC until 2026-11-30 17:00 UTC"),
        "{late}"
    );
    assert!(matches!(
        store.vote_for_award(round, &rita, never.id, voting()).await,
        Err(StoreError::NotFound(_))
    ));
    store
        .vote_for_award(round, &rita, quiet.id, voting())
        .await
        .unwrap();
    assert_eq!(
        store.award_vote_of(round, &rita).await.unwrap(),
        Some(quiet.id)
    );
    // Changing one's mind replaces the vote.
    store
        .vote_for_award(round, &rita, sweater.id, voting())
        .await
        .unwrap();
    assert_eq!(
        store.award_vote_of(round, &rita).await.unwrap(),
        Some(sweater.id)
    );
    store
        .vote_for_award(round, &bob, sweater.id, voting())
        .await
        .unwrap();
    store
        .vote_for_award(round, &cy, quiet.id, voting())
        .await
        .unwrap();
    assert_eq!(store.award_vote_of(round, &ada).await.unwrap(), None);

    // Results: none before the close; then the counts and the winner.
    assert!(
        store
            .award_results(round, &cy, voting())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .award_winners_visible_to(&cy, voting())
            .await
            .unwrap()
            .is_empty()
    );
    let results = store
        .award_results(round, &cy, closed())
        .await
        .unwrap()
        .unwrap();
    let tallies: Vec<(&str, u64, bool)> = results
        .iter()
        .map(|t| (t.slug.as_str(), t.votes, t.winner))
        .collect();
    assert_eq!(tallies, [("sweater", 2, true), ("quiet", 1, false)]);
    let winners = store.award_winners_visible_to(&cy, closed()).await.unwrap();
    assert_eq!(winners.len(), 1);
    assert_eq!(
        (winners[0].year, winners[0].incident_id, winners[0].votes),
        (2026, sweater.id, 2)
    );

    // A tie makes both winners.
    store
        .vote_for_award(round, &ada, quiet.id, voting())
        .await
        .unwrap();
    let results = store
        .award_results(round, &cy, closed())
        .await
        .unwrap()
        .unwrap();
    assert!(
        results.iter().all(|t| t.winner && t.votes == 2),
        "{results:?}"
    );
    assert_eq!(
        store
            .award_winners_visible_to(&cy, closed())
            .await
            .unwrap()
            .len(),
        2
    );

    // One person nominates at most five incidents a round.
    let mut ids = Vec::new();
    for i in 0..5 {
        let s = format!("many-{i}");
        ids.push(
            store
                .create_incident(&NewIncident::new(slug(&s), s.clone()))
                .await
                .unwrap()
                .id,
        );
    }
    for id in &ids[..4] {
        store
            .nominate_for_award(round, &cy, *id, "why not", nominating())
            .await
            .unwrap();
    }
    store
        .nominate_for_award(round, &cy, sweater.id, "why not", nominating())
        .await
        .unwrap();
    let why = invalid(
        store
            .nominate_for_award(round, &cy, ids[4], "one more", nominating())
            .await,
    );
    assert!(why.contains("at most 5"), "{why}");
}

pub async fn award_of_restricted_incidents_reaches_only_their_readers(store: &Store) {
    let ada = account(store, "ada", Role::Admin).await;
    let rita = account(store, "rita", Role::Reader).await;
    let sam = account(store, "sam", Role::Reader).await;
    let open = store
        .create_incident(&NewIncident::new(slug("open"), "Open story"))
        .await
        .unwrap();
    let mut secret = NewIncident::new(slug("secret"), "Secret story");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    store
        .grant_access(&secret, &sam.username, "ada")
        .await
        .unwrap();
    let round = store
        .create_award_round(&ada, &plan(2026), OPEN - Duration::days(30))
        .await
        .unwrap();

    // Rita cannot nominate what she may not read; Sam can.
    assert!(matches!(
        store
            .nominate_for_award(round, &rita, secret.id, "?", nominating())
            .await,
        Err(StoreError::NotFound(_))
    ));
    store
        .nominate_for_award(
            round,
            &sam,
            secret.id,
            "The one we cannot talk about",
            nominating(),
        )
        .await
        .unwrap();
    store
        .nominate_for_award(round, &rita, open.id, "Open and memorable", nominating())
        .await
        .unwrap();
    let slugs =
        |n: Vec<lore_store::AwardNominee>| n.into_iter().map(|n| n.slug).collect::<Vec<_>>();
    assert_eq!(
        slugs(store.award_nominations(round, &rita).await.unwrap()),
        ["open"]
    );
    assert_eq!(
        slugs(store.award_nominations(round, &sam).await.unwrap()),
        ["secret", "open"]
    );

    // Rita cannot vote for it; Sam and Ada can.
    assert!(matches!(
        store
            .vote_for_award(round, &rita, secret.id, voting())
            .await,
        Err(StoreError::NotFound(_))
    ));
    store
        .vote_for_award(round, &rita, open.id, voting())
        .await
        .unwrap();
    store
        .vote_for_award(round, &sam, secret.id, voting())
        .await
        .unwrap();
    store
        .vote_for_award(round, &ada, secret.id, voting())
        .await
        .unwrap();

    // The secret incident won. Rita's results name and count only what she may read, and
    // mark no winner she cannot see; Sam sees both.
    let rita_sees = store
        .award_results(round, &rita, closed())
        .await
        .unwrap()
        .unwrap();
    let tallies: Vec<(&str, u64, bool)> = rita_sees
        .iter()
        .map(|t| (t.slug.as_str(), t.votes, t.winner))
        .collect();
    assert_eq!(tallies, [("open", 1, false)]);
    assert!(
        store
            .award_winners_visible_to(&rita, closed())
            .await
            .unwrap()
            .is_empty()
    );
    let sam_sees = store
        .award_results(round, &sam, closed())
        .await
        .unwrap()
        .unwrap();
    let tallies: Vec<(&str, u64, bool)> = sam_sees
        .iter()
        .map(|t| (t.slug.as_str(), t.votes, t.winner))
        .collect();
    assert_eq!(tallies, [("secret", 2, true), ("open", 1, false)]);
    let winners = store
        .award_winners_visible_to(&sam, closed())
        .await
        .unwrap();
    assert_eq!(
        winners.iter().map(|w| w.incident_id).collect::<Vec<_>>(),
        [secret.id]
    );
}
