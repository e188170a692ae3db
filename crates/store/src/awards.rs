//! The yearly award for the most memorable incident story. An admin sets each round: its year,
//! title, rules (Markdown) and three instants, which make four phases ([`AwardPhase`]):
//! upcoming, nominating (anyone signed in nominates incidents they may read, each with a
//! reason; several people may nominate the same incident and every reason is kept), voting
//! (after nominations close and until voting closes: one vote per person, for a nominated
//! incident they may read, changeable until the close) and closed (results). The phase is
//! computed from the instants and a `now` the caller passes, never stored, so tests move time
//! and the demo seeds a past round with explicit instants.
//!
//! Results: every vote counts and the winners are the incidents with the most votes (a tie
//! makes every tied incident a winner; no votes, no winner). What a person is shown of a round
//! goes through [`VISIBLE_TO`]: nominations, tallies and winners list only incidents the
//! viewer may read, so a restricted incident is never named or counted to anyone else. A
//! winner the viewer may not read is left out of what they see (they see the other tallies
//! without a winner marked; that a round closed without a visible winner is all they learn).

use std::collections::HashMap;

use lore_core::{Account, Role};
use time::OffsetDateTime;

use crate::error::is_unique_violation;
use crate::incidents::VISIBLE_TO;
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// The longest title of a round, in characters.
pub const MAX_AWARD_TITLE_CHARS: usize = 200;
/// The longest rules of a round, in bytes (the web also checks them against the render limits).
pub const MAX_AWARD_RULES_BYTES: usize = 16 * 1024;
/// The longest reason for a nomination, in characters.
pub const MAX_AWARD_REASON_CHARS: usize = 2000;
/// How many incidents one person may nominate in one round.
pub const MAX_NOMINATIONS_PER_PERSON: i64 = 5;

/// A round as an admin sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardRoundPlan {
    pub year: i32,
    pub title: String,
    /// Markdown.
    pub rules: String,
    pub nominations_open_at: OffsetDateTime,
    pub nominations_close_at: OffsetDateTime,
    pub voting_close_at: OffsetDateTime,
}

impl AwardRoundPlan {
    /// Checks the year, the sizes, and that the windows follow each other: nominations open
    /// before they close, and voting (which starts when nominations close) closes after that.
    pub fn validate(&self) -> Result<()> {
        let invalid = |m: &str| Err(StoreError::Invalid(m.to_owned()));
        if !(1970..=9999).contains(&self.year) {
            return invalid("an award round's year is between 1970 and 9999");
        }
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > MAX_AWARD_TITLE_CHARS {
            return invalid("an award round needs a title of at most 200 characters");
        }
        if self.rules.len() > MAX_AWARD_RULES_BYTES {
            return invalid("an award round's rules are at most 16 KiB");
        }
        if self.nominations_open_at >= self.nominations_close_at {
            return invalid("nominations must open before they close");
        }
        if self.nominations_close_at >= self.voting_close_at {
            return invalid("voting must close after nominations close");
        }
        Ok(())
    }
}

/// Where a round is at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwardPhase {
    /// Nominations have not opened.
    Upcoming,
    Nominating,
    /// Nominations are closed; voting is open.
    Voting,
    /// Voting is closed: the results are out.
    Closed,
}

/// A round as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardRound {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub rules: String,
    pub nominations_open_at: OffsetDateTime,
    pub nominations_close_at: OffsetDateTime,
    pub voting_close_at: OffsetDateTime,
    pub created_by: String,
    pub created_at: OffsetDateTime,
}

impl AwardRound {
    /// The phase at `now`: each window includes its start and excludes its end.
    pub fn phase(&self, now: OffsetDateTime) -> AwardPhase {
        if now < self.nominations_open_at {
            AwardPhase::Upcoming
        } else if now < self.nominations_close_at {
            AwardPhase::Nominating
        } else if now < self.voting_close_at {
            AwardPhase::Voting
        } else {
            AwardPhase::Closed
        }
    }
}

/// One reason given for a nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardReason {
    pub by: String,
    pub reason: String,
    pub at: OffsetDateTime,
}

/// A nominated incident with every reason given for it, in the order they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardNominee {
    pub incident_id: i64,
    pub slug: String,
    pub title: String,
    pub reasons: Vec<AwardReason>,
}

/// One nominated incident's votes after the close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardTally {
    pub incident_id: i64,
    pub slug: String,
    pub title: String,
    pub votes: u64,
    /// Most votes of the round (counting every vote); tied incidents are all winners.
    pub winner: bool,
}

/// A winner of a closed round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardWinner {
    pub round_id: i64,
    pub year: i32,
    pub round_title: String,
    pub incident_id: i64,
    pub slug: String,
    pub title: String,
    pub votes: u64,
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    year: i64,
    title: String,
    rules: String,
    nominations_open_at: DbTime,
    nominations_close_at: DbTime,
    voting_close_at: DbTime,
    created_by: String,
    created_at: DbTime,
}

impl From<RoundRow> for AwardRound {
    fn from(r: RoundRow) -> Self {
        AwardRound {
            id: r.id,
            year: r.year as i32,
            title: r.title,
            rules: r.rules,
            nominations_open_at: r.nominations_open_at.0,
            nominations_close_at: r.nominations_close_at.0,
            voting_close_at: r.voting_close_at.0,
            created_by: r.created_by,
            created_at: r.created_at.0,
        }
    }
}

const SELECT_ROUND: &str = "SELECT id, year, title, rules, nominations_open_at, \
     nominations_close_at, voting_close_at, created_by, created_at FROM award_rounds";

fn only_admins(account: &Account) -> Result<()> {
    if account.role != Role::Admin {
        return Err(StoreError::Invalid(
            "only an admin may set an award round's windows and rules".into(),
        ));
    }
    Ok(())
}

fn taken(e: sqlx::Error, year: i32) -> StoreError {
    if is_unique_violation(&e) {
        StoreError::AlreadyExists(format!("an award round for {year}"))
    } else {
        e.into()
    }
}

/// Inside a transaction: the round, or `NotFound`.
macro_rules! round_in {
    ($tx:expr, $id:expr) => {
        AwardRound::from(
            sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(format!(
                "{SELECT_ROUND} WHERE id = $1"
            )))
            .bind($id)
            .fetch_optional(&mut *$tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("award round {}", $id)))?,
        )
    };
}

/// "13 March 2026 09:00 UTC"-like text for a refusal's message.
fn utc(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

/// The refusal of a nomination or a vote outside its window, saying when the window is.
fn outside_window(round: &AwardRound, wanted: AwardPhase) -> StoreError {
    let (what, from, until) = match wanted {
        AwardPhase::Nominating => (
            "nominations are",
            round.nominations_open_at,
            round.nominations_close_at,
        ),
        _ => (
            "voting is",
            round.nominations_close_at,
            round.voting_close_at,
        ),
    };
    StoreError::Invalid(format!(
        "for the {} award, {what} open from {} until {}, not now",
        round.year,
        utc(from),
        utc(until)
    ))
}

impl Store {
    /// Creates a round (admins only, else `Invalid`); one round per year (`AlreadyExists`).
    /// `now` is the creation instant, so a past round can be recorded as it happened.
    pub async fn create_award_round(
        &self,
        admin: &Account,
        plan: &AwardRoundPlan,
        now: OffsetDateTime,
    ) -> Result<i64> {
        only_admins(admin)?;
        plan.validate()?;
        let inserted: std::result::Result<(i64,), sqlx::Error> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "INSERT INTO award_rounds (year, title, rules, nominations_open_at, \
                 nominations_close_at, voting_close_at, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(i64::from(plan.year))
            .bind(plan.title.trim())
            .bind(&plan.rules)
            .bind(DbTime::new(plan.nominations_open_at))
            .bind(DbTime::new(plan.nominations_close_at))
            .bind(DbTime::new(plan.voting_close_at))
            .bind(admin.username.as_str())
            .bind(DbTime::new(now))
            .fetch_one(pool)
            .await
        });
        Ok(inserted.map_err(|e| taken(e, plan.year))?.0)
    }

    /// Changes a round's year, title, rules and windows (admins only). Nominations and votes
    /// already made stay; the new windows decide what may happen next.
    pub async fn change_award_round(
        &self,
        admin: &Account,
        id: i64,
        plan: &AwardRoundPlan,
    ) -> Result<()> {
        only_admins(admin)?;
        plan.validate()?;
        let changed: std::result::Result<u64, sqlx::Error> = on_db!(&self.db, pool => {
            sqlx::query(
                "UPDATE award_rounds SET year = $1, title = $2, rules = $3, \
                 nominations_open_at = $4, nominations_close_at = $5, voting_close_at = $6 \
                 WHERE id = $7",
            )
            .bind(i64::from(plan.year))
            .bind(plan.title.trim())
            .bind(&plan.rules)
            .bind(DbTime::new(plan.nominations_open_at))
            .bind(DbTime::new(plan.nominations_close_at))
            .bind(DbTime::new(plan.voting_close_at))
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        });
        match changed.map_err(|e| taken(e, plan.year))? {
            0 => Err(StoreError::NotFound(format!("award round {id}"))),
            _ => Ok(()),
        }
    }

    /// Every round, latest year first.
    pub async fn award_rounds(&self) -> Result<Vec<AwardRound>> {
        let sql = format!("{SELECT_ROUND} ORDER BY year DESC, id DESC LIMIT 200");
        let rows: Vec<RoundRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The round of a year.
    pub async fn award_round_of_year(&self, year: i32) -> Result<Option<AwardRound>> {
        let sql = format!("{SELECT_ROUND} WHERE year = $1");
        let row: Option<RoundRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(i64::from(year)).fetch_optional(pool).await
        })?;
        Ok(row.map(Into::into))
    }

    /// The round the award page shows at `now`: the one whose nominations opened last, or,
    /// before any has opened, the next to open.
    pub async fn current_award_round(&self, now: OffsetDateTime) -> Result<Option<AwardRound>> {
        let rounds = self.award_rounds().await?;
        let opened = rounds
            .iter()
            .filter(|r| r.nominations_open_at <= now)
            .max_by_key(|r| (r.nominations_open_at, r.id));
        let next = || {
            rounds
                .iter()
                .filter(|r| r.nominations_open_at > now)
                .min_by_key(|r| (r.nominations_open_at, r.id))
        };
        Ok(opened.or_else(next).cloned())
    }

    /// Nominates an incident, with a reason, while the round's nominations are open (else
    /// `Invalid`). The incident must be one the nominator may read (else `NotFound`, as for
    /// an incident that does not exist). Nominating the same incident again replaces the
    /// reason; one person nominates at most [`MAX_NOMINATIONS_PER_PERSON`] incidents a round.
    pub async fn nominate_for_award(
        &self,
        round_id: i64,
        nominator: &Account,
        incident_id: i64,
        reason: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_AWARD_REASON_CHARS {
            return Err(StoreError::Invalid(
                "a nomination needs a reason of at most 2000 characters".into(),
            ));
        }
        let visible = format!("SELECT COUNT(*) FROM incidents WHERE id = $3 AND {VISIBLE_TO}");
        with_write_tx!(&self.db, tx => {
            let round = round_in!(tx, round_id);
            if round.phase(now) != AwardPhase::Nominating {
                return Err(outside_window(&round, AwardPhase::Nominating));
            }
            let (seen,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(visible))
                .bind(nominator.role == Role::Admin)
                .bind(nominator.id)
                .bind(incident_id)
                .fetch_one(&mut *tx)
                .await?;
            if seen == 0 {
                return Err(StoreError::NotFound(format!("incident {incident_id}")));
            }
            let (others,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM award_nominations \
                 WHERE round_id = $1 AND nominated_by = $2 AND incident_id <> $3",
            )
            .bind(round_id)
            .bind(nominator.id)
            .bind(incident_id)
            .fetch_one(&mut *tx)
            .await?;
            if others >= MAX_NOMINATIONS_PER_PERSON {
                return Err(StoreError::Invalid(format!(
                    "you have nominated {others} incidents this round; at most {MAX_NOMINATIONS_PER_PERSON}"
                )));
            }
            sqlx::query(
                "INSERT INTO award_nominations (round_id, incident_id, nominated_by, reason, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (round_id, incident_id, nominated_by) \
                 DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at",
            )
            .bind(round_id)
            .bind(incident_id)
            .bind(nominator.id)
            .bind(reason)
            .bind(DbTime::new(now))
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// The round's nominated incidents that the viewer may read, in the order they were first
    /// nominated, each with every reason given.
    pub async fn award_nominations(
        &self,
        round_id: i64,
        viewer: &Account,
    ) -> Result<Vec<AwardNominee>> {
        let sql = format!(
            "SELECT n.incident_id, incidents.slug, incidents.title, a.username, n.reason, n.created_at \
             FROM award_nominations n JOIN incidents ON incidents.id = n.incident_id \
             JOIN accounts a ON a.id = n.nominated_by \
             WHERE n.round_id = $3 AND {VISIBLE_TO} ORDER BY n.id"
        );
        let rows: Vec<(i64, String, String, String, String, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(viewer.role == Role::Admin)
                .bind(viewer.id)
                .bind(round_id)
                .fetch_all(pool)
                .await
        })?;
        let mut nominees: Vec<AwardNominee> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        for (incident_id, slug, title, by, reason, when) in rows {
            let i = *at.entry(incident_id).or_insert_with(|| {
                nominees.push(AwardNominee {
                    incident_id,
                    slug,
                    title,
                    reasons: Vec::new(),
                });
                nominees.len() - 1
            });
            nominees[i].reasons.push(AwardReason {
                by,
                reason,
                at: when.0,
            });
        }
        Ok(nominees)
    }

    /// Casts or changes the voter's one vote of the round, while voting is open (after
    /// nominations close, before voting closes; else `Invalid`), for an incident nominated in
    /// this round that the voter may read (else `NotFound`).
    pub async fn vote_for_award(
        &self,
        round_id: i64,
        voter: &Account,
        incident_id: i64,
        now: OffsetDateTime,
    ) -> Result<()> {
        let nominated = format!(
            "SELECT COUNT(*) FROM incidents WHERE id = $3 AND {VISIBLE_TO} AND EXISTS \
             (SELECT 1 FROM award_nominations n WHERE n.round_id = $4 AND n.incident_id = incidents.id)"
        );
        with_write_tx!(&self.db, tx => {
            let round = round_in!(tx, round_id);
            if round.phase(now) != AwardPhase::Voting {
                return Err(outside_window(&round, AwardPhase::Voting));
            }
            let (found,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(nominated))
                .bind(voter.role == Role::Admin)
                .bind(voter.id)
                .bind(incident_id)
                .bind(round_id)
                .fetch_one(&mut *tx)
                .await?;
            if found == 0 {
                return Err(StoreError::NotFound(format!(
                    "a nomination of incident {incident_id}"
                )));
            }
            sqlx::query(
                "INSERT INTO award_votes (round_id, voter_id, incident_id, voted_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (round_id, voter_id) \
                 DO UPDATE SET incident_id = excluded.incident_id, voted_at = excluded.voted_at",
            )
            .bind(round_id)
            .bind(voter.id)
            .bind(incident_id)
            .bind(DbTime::new(now))
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// The incident the voter voted for in this round, if any.
    pub async fn award_vote_of(&self, round_id: i64, voter: &Account) -> Result<Option<i64>> {
        let row: Option<(i64,)> = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT incident_id FROM award_votes WHERE round_id = $1 AND voter_id = $2")
                .bind(round_id)
                .bind(voter.id)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(|(id,)| id))
    }

    /// The round's results once voting has closed at `now` (`None` before): each nominated
    /// incident the viewer may read with its votes, most votes first. Winners are decided by
    /// every vote; see the module's notes on restricted incidents.
    pub async fn award_results(
        &self,
        round_id: i64,
        viewer: &Account,
        now: OffsetDateTime,
    ) -> Result<Option<Vec<AwardTally>>> {
        let round_sql = format!("{SELECT_ROUND} WHERE id = $1");
        let round: Option<RoundRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(round_sql)).bind(round_id).fetch_optional(pool).await
        })?;
        let round = round.ok_or_else(|| StoreError::NotFound(format!("award round {round_id}")))?;
        if AwardRound::from(round).phase(now) != AwardPhase::Closed {
            return Ok(None);
        }
        let sql = format!(
            "SELECT incidents.id, incidents.slug, incidents.title, \
             (SELECT COUNT(*) FROM award_votes v WHERE v.round_id = $3 AND v.incident_id = incidents.id) \
             FROM incidents WHERE incidents.id IN \
             (SELECT incident_id FROM award_nominations WHERE round_id = $3) AND {VISIBLE_TO}"
        );
        let (top, rows) = on_db!(&self.db, pool => {
            let (top,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(c), 0) FROM \
                 (SELECT COUNT(*) AS c FROM award_votes WHERE round_id = $1 GROUP BY incident_id) t",
            )
            .bind(round_id)
            .fetch_one(pool)
            .await?;
            let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(viewer.role == Role::Admin)
                .bind(viewer.id)
                .bind(round_id)
                .fetch_all(pool)
                .await?;
            Ok::<_, sqlx::Error>((top, rows))
        })?;
        let mut tallies: Vec<AwardTally> = rows
            .into_iter()
            .map(|(incident_id, slug, title, votes)| AwardTally {
                incident_id,
                slug,
                title,
                votes: votes.max(0) as u64,
                winner: votes > 0 && votes == top,
            })
            .collect();
        tallies.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.title.cmp(&b.title)));
        Ok(Some(tallies))
    }

    /// The winners of every round closed at `now` that the viewer may read, latest year first:
    /// for the award page, and the badge on an incident's page and in the library.
    pub async fn award_winners_visible_to(
        &self,
        viewer: &Account,
        now: OffsetDateTime,
    ) -> Result<Vec<AwardWinner>> {
        let sql = format!(
            "WITH tallies AS (SELECT v.round_id, v.incident_id, COUNT(*) AS votes \
               FROM award_votes v JOIN award_rounds r ON r.id = v.round_id \
               WHERE r.voting_close_at <= $3 GROUP BY v.round_id, v.incident_id), \
             tops AS (SELECT round_id, MAX(votes) AS top FROM tallies GROUP BY round_id) \
             SELECT r.id, r.year, r.title, incidents.id, incidents.slug, incidents.title, t.votes \
             FROM tallies t JOIN tops ON tops.round_id = t.round_id AND t.votes = tops.top \
             JOIN award_rounds r ON r.id = t.round_id \
             JOIN incidents ON incidents.id = t.incident_id \
             WHERE {VISIBLE_TO} ORDER BY r.year DESC, incidents.title"
        );
        type Row = (i64, i64, String, i64, String, String, i64);
        let rows: Vec<Row> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(viewer.role == Role::Admin)
                .bind(viewer.id)
                .bind(DbTime::new(now))
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(round_id, year, round_title, incident_id, slug, title, votes)| AwardWinner {
                    round_id,
                    year: year as i32,
                    round_title,
                    incident_id,
                    slug,
                    title,
                    votes: votes.max(0) as u64,
                },
            )
            .collect())
    }
}
