//! The demo's year of activity (`demo/activity/activity.json`): the people of Kittiwake Cycles
//! reading the write-ups, commenting on them months later, coming to review meetings and
//! taking part, telling stories, curating reading lists and choosing last year's most
//! memorable incident story, so that a newcomer sees every
//! signal on the learning dashboard and on each incident's page filled in. The script says
//! when things happen relative to an incident's end (`after_days`) or to today (`days_ago`),
//! so the activity is recent whenever the demo starts; the pages compute everything from the
//! rows written here, through the same store calls the web uses, each dated with
//! `Store::dated`. Nothing is written for a moment still in the future, except the review
//! meeting the script plans ahead.
//!
//! The script's people are accounts nobody can sign in as (their password hash matches no
//! password).

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use lore_core::{Account, CommentAnchor, Incident, LongTail, NewComment, Role, Slug, Username};
use lore_store::{Answer, Attendee, NewAccount, NewStory, ReviewPerson, ReviewPlan, Store};
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

const ACTIVITY_JSON: &str = include_str!("../../../../demo/activity/activity.json");
const FILE: &str = "demo/activity/activity.json";
/// Matches no password: the script's people read and write, nobody signs in as them.
const NO_SIGN_IN: &str = "!demo-person-without-a-password";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Script {
    people: Vec<Person>,
    reading: Vec<Reading>,
    comments: Vec<Comment>,
    reviews: Vec<Review>,
    stories: Vec<Story>,
    awards: Vec<Award>,
    reading_lists: Vec<List>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Person {
    username: String,
    role: Role,
}

/// When something happened: days after the incident ended, days before today, or (only for
/// a planned review) days ahead.
#[derive(Default, Clone, Copy)]
struct When {
    after_days: Option<f64>,
    days_ago: Option<f64>,
    days_ahead: Option<f64>,
}

/// A cluster of reads: `readers` people from the script's roster (or the named `people`),
/// each at a moment spread over the range, reading for a time in `minutes`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reading {
    incident: Slug,
    after_days: Option<[f64; 2]>,
    days_ago: Option<[f64; 2]>,
    #[serde(default)]
    readers: usize,
    #[serde(default)]
    people: Vec<String>,
    minutes: [f64; 2],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Comment {
    #[serde(default)]
    incident: Option<Slug>,
    #[serde(default)]
    after_days: Option<f64>,
    #[serde(default)]
    days_ago: Option<f64>,
    #[serde(default)]
    days_ahead: Option<f64>,
    author: String,
    #[serde(default)]
    anchor: Option<String>,
    body: String,
    #[serde(default)]
    replies: Vec<Comment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Review {
    incident: Slug,
    #[serde(default)]
    after_days: Option<f64>,
    #[serde(default)]
    days_ago: Option<f64>,
    #[serde(default)]
    days_ahead: Option<f64>,
    hour_utc: u8,
    minutes: i64,
    zone: String,
    place: String,
    facilitator: String,
    invitees: Vec<String>,
    #[serde(default)]
    answers: BTreeMap<String, String>,
    #[serde(default)]
    attended: Vec<Attended>,
    #[serde(default)]
    notes: Vec<ReviewNote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Attended {
    who: String,
    #[serde(default)]
    spoke: bool,
    #[serde(default)]
    asked: bool,
    #[serde(default)]
    added_note: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewNote {
    anchor: String,
    by: String,
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    author: String,
    #[serde(default)]
    incident: Option<Slug>,
    #[serde(default)]
    about: String,
    #[serde(default)]
    after_days: Option<f64>,
    #[serde(default)]
    days_ago: Option<f64>,
    #[serde(default)]
    days_ahead: Option<f64>,
    consent: bool,
    title: String,
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct List {
    title: String,
    by: String,
    days_ago: f64,
    description: String,
    items: Vec<ListItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListItem {
    incident: Slug,
    note: String,
}

/// The moment fields the comments, reviews and stories share (serde's `flatten` would lose
/// `deny_unknown_fields`, which catches a mistyped field in the script).
macro_rules! when {
    ($($t:ty),*) => {$(
        impl $t {
            fn when(&self) -> When {
                When {
                    after_days: self.after_days,
                    days_ago: self.days_ago,
                    days_ahead: self.days_ahead,
                }
            }
        }
    )*};
}
when!(Comment, Review, Story);

/// A round of the yearly award: its windows in days from today (negative: ago), its
/// nominations (made while nominations were open) and votes (made while voting was open).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Award {
    /// The round is for this year minus `years_ago`.
    years_ago: i32,
    by: String,
    title: String,
    rules: String,
    nominations_open: f64,
    nominations_close: f64,
    voting_close: f64,
    nominations: Vec<Nomination>,
    /// Voter → the incident voted for.
    votes: BTreeMap<String, Slug>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Nomination {
    incident: Slug,
    by: String,
    reason: String,
}

/// A small deterministic generator (splitmix64), so the demo is the same on every machine.
struct Spread(u64);

impl Spread {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `[low, high]`.
    fn between(&mut self, [low, high]: [f64; 2]) -> f64 {
        low + (high - low) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn days(d: f64) -> Duration {
    Duration::seconds_f64(d * 86_400.0)
}

/// Everything the script refers to, looked up once.
struct Cast {
    accounts: BTreeMap<String, Account>,
    /// For the links and terms each comment's text refers to; read once.
    glossary: Vec<lore_core::GlossaryTerm>,
    incidents: BTreeMap<String, Incident>,
    now: OffsetDateTime,
}

impl Cast {
    fn account(&self, name: &str) -> anyhow::Result<&Account> {
        self.accounts
            .get(name)
            .with_context(|| format!("{FILE}: {name:?} is not one of the script's people"))
    }

    fn incident(&self, slug: &Slug) -> anyhow::Result<&Incident> {
        self.incidents
            .get(slug.as_str())
            .with_context(|| format!("{FILE}: no demo incident {slug}"))
    }

    fn ended(incident: &Incident) -> OffsetDateTime {
        LongTail::ended(&incident.times).unwrap_or(incident.created_at)
    }

    /// The moment `when` names for `incident`; `None` when it is still to come (only a
    /// planned review may be).
    fn at(
        &self,
        when: When,
        incident: Option<&Incident>,
        what: &str,
    ) -> anyhow::Result<Option<OffsetDateTime>> {
        let at = match (when.after_days, when.days_ago, when.days_ahead, incident) {
            (Some(d), None, None, Some(i)) => Self::ended(i) + days(d),
            (None, Some(d), None, _) => self.now - days(d),
            (None, None, Some(d), _) => return Ok(Some(self.now + days(d))),
            _ => bail!(
                "{FILE}: {what} needs exactly one of after_days (with an incident), days_ago or days_ahead"
            ),
        };
        // Nobody comments on an incident before it ended, whatever day the demo starts.
        let at = match incident {
            Some(i) => at.max(Self::ended(i) + Duration::hours(2)),
            None => at,
        };
        Ok((at <= self.now).then_some(at))
    }
}

/// Loads the year of activity unless it is there already (its first reading list exists), so
/// starting the demo again adds nothing. The demo's incidents must be loaded first. A person
/// of the script who already has an account (made with `lore user add`) keeps it.
pub(super) async fn load(store: &Store) -> anyhow::Result<()> {
    let script: Script =
        serde_json::from_str(ACTIVITY_JSON).with_context(|| format!("{FILE} is invalid"))?;
    let mut accounts = BTreeMap::new();
    for p in &script.people {
        let account = match store.account_by_username(&p.username).await? {
            Some(existing) => existing.account,
            None => {
                store
                    .create_account(&NewAccount {
                        username: Username::parse(&p.username)
                            .with_context(|| format!("{FILE}: person {:?}", p.username))?,
                        password_hash: NO_SIGN_IN.into(),
                        role: p.role,
                    })
                    .await?
            }
        };
        accounts.insert(p.username.clone(), account);
    }
    if let (Some(list), Some(someone)) = (script.reading_lists.first(), accounts.values().next()) {
        let lists = store.reading_lists(someone).await?;
        if lists.iter().any(|l| l.title == list.title) {
            return Ok(());
        }
    }
    let incidents = store
        .list_incidents(true)
        .await?
        .into_iter()
        .map(|i| (i.slug.to_string(), i))
        .collect();
    let cast = Cast {
        glossary: store.glossary().await?,
        accounts,
        incidents,
        now: OffsetDateTime::now_utc(),
    };
    let roster: Vec<&str> = script.people.iter().map(|p| p.username.as_str()).collect();
    let mut spread = Spread(0x4C6F_7265_4465_6D6F);
    // Lists first: their items count as reads' context and as citations.
    for list in &script.reading_lists {
        load_list(store, &cast, list).await?;
    }
    for reading in &script.reading {
        load_reading(store, &cast, reading, &roster, &mut spread).await?;
    }
    for comment in &script.comments {
        load_comment(store, &cast, comment, None, None).await?;
    }
    for review in &script.reviews {
        load_review(store, &cast, review).await?;
    }
    for story in &script.stories {
        load_story(store, &cast, story).await?;
    }
    for award in &script.awards {
        load_award(store, &cast, award).await?;
    }
    Ok(())
}

async fn load_list(store: &Store, cast: &Cast, list: &List) -> anyhow::Result<()> {
    cast.account(&list.by)?;
    let at = cast.now - days(list.days_ago);
    let id = store
        .dated(at)
        .create_reading_list(&list.title, &list.description, &list.by)
        .await
        .with_context(|| format!("{FILE}: reading list {:?}", list.title))?;
    for item in &list.items {
        let incident = cast.incident(&item.incident)?;
        store
            .add_reading_list_item(id, incident.id, &item.note)
            .await?;
    }
    Ok(())
}

async fn load_reading(
    store: &Store,
    cast: &Cast,
    reading: &Reading,
    roster: &[&str],
    spread: &mut Spread,
) -> anyhow::Result<()> {
    let incident = cast.incident(&reading.incident)?;
    let ended = Cast::ended(incident);
    let (from, to) = match (reading.after_days, reading.days_ago) {
        (Some([a, b]), None) => (ended + days(a), ended + days(b)),
        (None, Some([a, b])) => (cast.now - days(b), cast.now - days(a)),
        _ => bail!(
            "{FILE}: reading of {} needs after_days or days_ago",
            reading.incident
        ),
    };
    // Only what falls between the incident's end and now.
    let from = from.max(ended);
    let to = to.min(cast.now);
    if from >= to {
        return Ok(());
    }
    let people: Vec<&str> = if reading.people.is_empty() {
        // `readers` different people, starting at a place in the roster the spread picks.
        let start = spread.next() as usize % roster.len();
        (0..reading.readers.min(roster.len()))
            .map(|i| roster[(start + i * 7) % roster.len()])
            .collect()
    } else {
        reading.people.iter().map(String::as_str).collect()
    };
    let span = (to - from).as_seconds_f64() / 86_400.0;
    for name in people {
        let account = cast.account(name)?;
        let at = from + days(spread.between([0.0, span]));
        let dated = store.dated(at);
        dated.record_read(incident.id, account).await?;
        let seconds = (spread.between(reading.minutes) * 60.0) as i64;
        dated
            .add_reading_time(incident.id, account, seconds)
            .await?;
    }
    Ok(())
}

/// One comment and its replies, each dated; a reply to a comment not written is skipped.
async fn load_comment(
    store: &Store,
    cast: &Cast,
    comment: &Comment,
    parent: Option<i64>,
    parent_incident: Option<&Incident>,
) -> anyhow::Result<()> {
    let incident = match (&comment.incident, parent_incident) {
        (Some(slug), _) => cast.incident(slug)?,
        (None, Some(i)) => i,
        (None, None) => bail!("{FILE}: a comment by {} needs an incident", comment.author),
    };
    cast.account(&comment.author)?;
    let Some(at) = cast.at(comment.when(), Some(incident), "a comment")? else {
        return Ok(());
    };
    let anchor = match &comment.anchor {
        Some(a) => CommentAnchor::parse(a).with_context(|| format!("{FILE}: anchor {a:?}"))?,
        None => None,
    };
    let id = store
        .add_comment(
            &NewComment {
                incident_id: incident.id,
                author: comment.author.clone(),
                body: comment.body.clone(),
                parent_id: parent,
                anchor,
                created_at: at,
            },
            &lore_render::references(&comment.body, &cast.glossary),
        )
        .await
        .with_context(|| format!("{FILE}: comment by {} on {}", comment.author, incident.slug))?;
    for reply in &comment.replies {
        Box::pin(load_comment(store, cast, reply, Some(id), Some(incident))).await?;
    }
    Ok(())
}

fn review_person(name: &str) -> anyhow::Result<ReviewPerson> {
    ReviewPerson::parse(name).with_context(|| format!("{FILE}: review person {name:?}"))
}

async fn load_review(store: &Store, cast: &Cast, review: &Review) -> anyhow::Result<()> {
    let incident = cast.incident(&review.incident)?;
    let Some(day) = cast.at(review.when(), Some(incident), "a review")? else {
        return Ok(());
    };
    let starts_at = day
        .replace_time(time::Time::from_hms(review.hour_utc, 0, 0)?)
        .replace_offset(time::UtcOffset::UTC);
    let plan = ReviewPlan {
        starts_at,
        minutes: review.minutes,
        zone: review.zone.clone(),
        place: review.place.clone(),
        facilitator: Some(review.facilitator.clone()),
        invitees: review
            .invitees
            .iter()
            .map(|n| review_person(n))
            .collect::<anyhow::Result<_>>()?,
    };
    // Planned a week ahead, or today when that would be in the future.
    let planned_at = (starts_at - Duration::days(7)).min(cast.now);
    let uid = format!(
        "demo-{}-{}@lore.demo",
        incident.id,
        starts_at.unix_timestamp()
    );
    let id = store
        .dated(planned_at)
        .schedule_review(incident.id, &uid, &plan, &review.facilitator)
        .await
        .with_context(|| format!("{FILE}: review of {}", incident.slug))?;
    for (n, (who, answer)) in review.answers.iter().enumerate() {
        let answer = match answer.as_str() {
            "yes" => Answer::Yes,
            "no" => Answer::No,
            "maybe" => Answer::Maybe,
            other => bail!("{FILE}: answer {other:?} (yes, no or maybe)"),
        };
        let answered_at = (planned_at + Duration::hours(3 + 5 * n as i64)).min(cast.now);
        store
            .dated(answered_at)
            .answer_review(id, who, Some(answer))
            .await
            .with_context(|| format!("{FILE}: {who}'s answer"))?;
    }
    if starts_at > cast.now {
        return Ok(());
    }
    let attendees = review
        .attended
        .iter()
        .map(|a| {
            Ok(Attendee {
                person: review_person(&a.who)?,
                spoke: a.spoke,
                asked: a.asked,
                added_note: a.added_note,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    store.record_attendance(id, &attendees).await?;
    for (n, note) in review.notes.iter().enumerate() {
        store
            .dated(starts_at + Duration::minutes(10 + 15 * n as i64))
            .add_review_note(id, &note.anchor, &note.body, &note.by)
            .await?;
    }
    Ok(())
}

async fn load_award(store: &Store, cast: &Cast, award: &Award) -> anyhow::Result<()> {
    let when = |d: f64| cast.now + days(d);
    let (opens, closes, voting_closes) = (
        when(award.nominations_open),
        when(award.nominations_close),
        when(award.voting_close),
    );
    let plan = lore_store::AwardRoundPlan {
        year: cast.now.year() - award.years_ago,
        title: award.title.clone(),
        rules: award.rules.clone(),
        nominations_open_at: opens,
        nominations_close_at: closes,
        voting_close_at: voting_closes,
    };
    let round = store
        .create_award_round(cast.account(&award.by)?, &plan, opens.min(cast.now))
        .await
        .with_context(|| format!("{FILE}: the award round of {}", plan.year))?;
    // Nominations spread over the part of the window that has passed, votes likewise.
    let spread_over = |from: OffsetDateTime, to: OffsetDateTime, i: usize, n: usize| {
        let to = to.min(cast.now);
        from + (to - from) * ((i as f64 + 0.5) / n.max(1) as f64)
    };
    for (i, n) in award.nominations.iter().enumerate() {
        let at = spread_over(opens, closes, i, award.nominations.len());
        store
            .nominate_for_award(
                round,
                cast.account(&n.by)?,
                cast.incident(&n.incident)?.id,
                &n.reason,
                at,
            )
            .await
            .with_context(|| format!("{FILE}: {}'s nomination of {}", n.by, n.incident))?;
    }
    for (i, (voter, slug)) in award.votes.iter().enumerate() {
        let at = spread_over(closes, voting_closes, i, award.votes.len());
        store
            .vote_for_award(round, cast.account(voter)?, cast.incident(slug)?.id, at)
            .await
            .with_context(|| format!("{FILE}: {voter}'s vote"))?;
    }
    Ok(())
}

async fn load_story(store: &Store, cast: &Cast, story: &Story) -> anyhow::Result<()> {
    let incident = story
        .incident
        .as_ref()
        .map(|s| cast.incident(s))
        .transpose()?;
    let Some(at) = cast.at(story.when(), incident, "a story")? else {
        return Ok(());
    };
    store
        .dated(at)
        .submit_story(
            cast.account(&story.author)?,
            &NewStory {
                incident_id: incident.map(|i| i.id),
                about: story.about.clone(),
                title: story.title.clone(),
                body: story.body.clone(),
                consent: story.consent,
            },
        )
        .await
        .with_context(|| format!("{FILE}: story {:?}", story.title))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use lore_store::ConnectOptions;

    use super::*;

    /// Every chart of the dashboard has something in it, computed from the rows the script
    /// wrote, and starting the demo again adds nothing.
    #[tokio::test]
    async fn the_year_of_activity_fills_every_signal_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&ConnectOptions::sqlite_in(dir.path()))
            .await
            .unwrap();
        let loaded = crate::demo::load(&store, dir.path()).await.unwrap();
        let admin = store
            .account_by_username("meilin")
            .await
            .unwrap()
            .unwrap()
            .account;
        let now = OffsetDateTime::now_utc();
        let signals = store.learning_signals(&admin, now).await.unwrap();
        let total =
            |f: fn(&lore_store::MonthSignals) -> u64| signals.months.iter().map(f).sum::<u64>();
        assert!(total(|m| m.readers) >= 20, "{signals:#?}");
        assert!(total(|m| m.comments) >= 3, "{signals:#?}");
        assert!(total(|m| m.stories) >= 2, "{signals:#?}");
        assert!(total(|m| m.attendees) >= 6, "{signals:#?}");
        assert!(total(|m| m.took_part) >= 4, "{signals:#?}");
        assert!(signals.months.iter().map(|m| m.reading_hours).sum::<f64>() > 1.0);
        let year_ago = now - Duration::days(365);
        assert!(
            !store
                .most_read_incidents(&admin, year_ago)
                .await
                .unwrap()
                .is_empty()
        );
        let lists = store.reading_list_progress(&admin).await.unwrap();
        assert_eq!(lists.len(), 2);
        let boot_camp = lists
            .iter()
            .find(|l| l.title.starts_with("Boot camp"))
            .unwrap();
        assert_eq!((boot_camp.items, boot_camp.finished), (4, 1), "{lists:?}");

        // Last year's award went to the dock broker's certificate; this year's is open for
        // nominations, with two incidents nominated by three people.
        let winners = store.award_winners_visible_to(&admin, now).await.unwrap();
        let won: Vec<(i32, &str)> = winners.iter().map(|w| (w.year, w.slug.as_str())).collect();
        assert_eq!(
            won,
            [(now.year() - 1, "2025-02-11-dock-broker-certificate-expired")]
        );
        let round = store.current_award_round(now).await.unwrap().unwrap();
        assert_eq!(round.year, now.year());
        let nominees = store.award_nominations(round.id, &admin).await.unwrap();
        assert_eq!(nominees.len(), 2, "{nominees:?}");

        let incident = store.incident_by_slug(&loaded.slug).await.unwrap().unwrap();
        let own = store.incident_signals(&incident).await.unwrap();
        assert!(own.by_age[0].readers >= 10, "{own:?}");
        assert!(
            own.by_age.iter().skip(2).any(|b| b.comments > 0),
            "comments months later: {own:?}"
        );
        assert_eq!(
            (
                own.reviews.held,
                own.reviews.attended,
                own.reviews.uninvited
            ),
            (1, 10, 4)
        );
        assert_eq!((own.stories, own.reading_lists), (1, 1));
        let comments = store.comments(incident.id).await.unwrap();
        assert!(comments.iter().any(|c| c.parent_id.is_some()), "replies");

        let count = || async {
            let lore_store::Db::Sqlite(pool) = store.db() else {
                unreachable!()
            };
            let n: (i64, i64, i64) = sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM reads), (SELECT COUNT(*) FROM comments), (SELECT COUNT(*) FROM reviews)",
            )
            .fetch_one(pool)
            .await
            .unwrap();
            n
        };
        let before = count().await;
        crate::demo::load(&store, dir.path()).await.unwrap();
        assert_eq!(count().await, before);
    }
}
