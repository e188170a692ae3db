//! The yearly award for the most memorable incident story (`/award`, `/award/{year}`): the
//! round's rules (safe Markdown through `lore-render`), its phase, the nomination form and
//! every nomination with its reasons (escaped text), the vote form (one radio per nominated
//! incident), the results after the close, and the winners of past rounds; for admins, the
//! forms that set a round's year, title, rules and windows (times in UTC). The store decides
//! what is allowed when (`lore_store::AwardRound::phase` at the request's instant) and what
//! each person is shown (only incidents they may read); the badge "Award winner YEAR" on an
//! incident's page and in the library comes from [`award_years`].

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Redirect};
use lore_core::{Account, Slug};
use lore_render::SafeHtml;
use lore_store::{AwardNominee, AwardPhase, AwardRound, AwardRoundPlan, AwardTally, AwardWinner};
use serde::Deserialize;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, PrimitiveDateTime};

use crate::auth::{Admin, Reader};
use crate::error::AppError;
use crate::format::utc_text;
use crate::pages::{UserView, render};
use crate::prose::{off_the_workers, within_limits};
use crate::state::AppState;

/// The years each incident won the award in, for the badge on its page and in the library.
pub fn award_years(winners: &[AwardWinner]) -> HashMap<i64, Vec<i32>> {
    let mut years: HashMap<i64, Vec<i32>> = HashMap::new();
    for w in winners {
        years.entry(w.incident_id).or_default().push(w.year);
    }
    years
}

/// What a round's form shows: its values as the inputs take them (`datetime-local`, UTC).
pub struct RoundFields {
    pub year: String,
    pub title: String,
    pub rules: String,
    pub nominations_open_at: String,
    pub nominations_close_at: String,
    pub voting_close_at: String,
}

fn local_input(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        .unwrap_or_default()
}

impl From<&AwardRound> for RoundFields {
    fn from(r: &AwardRound) -> Self {
        RoundFields {
            year: r.year.to_string(),
            title: r.title.clone(),
            rules: r.rules.clone(),
            nominations_open_at: local_input(r.nominations_open_at),
            nominations_close_at: local_input(r.nominations_close_at),
            voting_close_at: local_input(r.voting_close_at),
        }
    }
}

impl RoundFields {
    /// A new round's suggestion: this year, nominations for two weeks from the coming hour,
    /// then two weeks of voting.
    fn suggested(now: OffsetDateTime) -> Self {
        let start = now
            .replace_minute(0)
            .unwrap_or(now)
            .replace_second(0)
            .unwrap_or(now)
            + Duration::hours(1);
        RoundFields {
            year: now.year().to_string(),
            title: format!("The most memorable incident story of {}", now.year()),
            rules: String::new(),
            nominations_open_at: local_input(start),
            nominations_close_at: local_input(start + Duration::days(14)),
            voting_close_at: local_input(start + Duration::days(28)),
        }
    }
}

pub struct ReasonView {
    pub by: String,
    pub reason: String,
    pub when: String,
}

pub struct NomineeView {
    pub slug: String,
    pub title: String,
    pub reasons: Vec<ReasonView>,
    /// The reader's vote is for this one.
    pub chosen: bool,
}

impl NomineeView {
    fn new(n: &AwardNominee, my_vote: Option<i64>) -> Self {
        NomineeView {
            slug: n.slug.clone(),
            title: n.title.clone(),
            reasons: n
                .reasons
                .iter()
                .map(|r| ReasonView {
                    by: r.by.clone(),
                    reason: r.reason.clone(),
                    when: utc_text(r.at),
                })
                .collect(),
            chosen: my_vote == Some(n.incident_id),
        }
    }
}

pub struct TallyView {
    pub slug: String,
    pub title: String,
    pub votes: String,
    pub winner: bool,
}

impl From<&AwardTally> for TallyView {
    fn from(t: &AwardTally) -> Self {
        TallyView {
            slug: t.slug.clone(),
            title: t.title.clone(),
            votes: votes_text(t.votes),
            winner: t.winner,
        }
    }
}

fn votes_text(n: u64) -> String {
    if n == 1 {
        "1 vote".to_owned()
    } else {
        format!("{n} votes")
    }
}

pub struct WinnerView {
    pub year: i32,
    pub slug: String,
    pub title: String,
    pub votes: String,
}

/// The round on show.
pub struct RoundView {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub rules_html: SafeHtml,
    pub has_rules: bool,
    /// "Nominations are open until …".
    pub phase_text: String,
    pub nominating: bool,
    pub voting: bool,
    pub closed: bool,
    pub nominees: Vec<NomineeView>,
    pub voted: bool,
    /// After the close: the tallies the reader may see, most votes first.
    pub results: Vec<TallyView>,
    pub tie: bool,
    pub fields: RoundFields,
}

#[derive(Template)]
#[template(path = "award.html")]
pub struct AwardPage {
    pub user: Option<UserView>,
    pub round: Option<RoundView>,
    /// Every round, for links: year and title.
    pub rounds: Vec<(i32, String)>,
    pub winners: Vec<WinnerView>,
    pub is_admin: bool,
    pub new_round: RoundFields,
    /// The incident the nomination form starts with (`?nominate=slug`).
    pub nominate: String,
}

fn phase_text(round: &AwardRound, phase: AwardPhase) -> String {
    let open = utc_text(round.nominations_open_at);
    let close = utc_text(round.nominations_close_at);
    let voting = utc_text(round.voting_close_at);
    match phase {
        AwardPhase::Upcoming => {
            format!(
                "Nominations open on {open} and close on {close}; voting follows until {voting}."
            )
        }
        AwardPhase::Nominating => {
            format!("Nominations are open until {close}. Then voting, until {voting}.")
        }
        AwardPhase::Voting => {
            format!(
                "Nominations are closed. Voting is open until {voting}: one vote each, which you may change until then."
            )
        }
        AwardPhase::Closed => format!("Voting closed on {voting}."),
    }
}

#[derive(Deserialize)]
pub struct AwardQuery {
    #[serde(default)]
    nominate: String,
}

/// `GET /award`: the current round (the one whose nominations opened last, or the next).
pub async fn award(
    State(state): State<AppState>,
    Reader(user): Reader,
    Query(query): Query<AwardQuery>,
) -> Result<Html<String>, AppError> {
    let now = OffsetDateTime::now_utc();
    let round = state.store().current_award_round(now).await?;
    page(state, user, round, query.nominate, now).await
}

/// `GET /award/{year}`: that year's round.
pub async fn award_of_year(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(year): Path<i32>,
    Query(query): Query<AwardQuery>,
) -> Result<Html<String>, AppError> {
    let now = OffsetDateTime::now_utc();
    let round = state
        .store()
        .award_round_of_year(year)
        .await?
        .ok_or(AppError::NotFound)?;
    page(state, user, Some(round), query.nominate, now).await
}

async fn page(
    state: AppState,
    user: Account,
    round: Option<AwardRound>,
    nominate: String,
    now: OffsetDateTime,
) -> Result<Html<String>, AppError> {
    let store = state.store();
    let (rounds, winners) = tokio::try_join!(
        store.award_rounds(),
        store.award_winners_visible_to(&user, now)
    )?;
    let (nominees, my_vote, results) = match &round {
        Some(r) => tokio::try_join!(
            store.award_nominations(r.id, &user),
            store.award_vote_of(r.id, &user),
            store.award_results(r.id, &user, now),
        )?,
        None => (Vec::new(), None, None),
    };
    let shared = state.clone();
    let html = off_the_workers(&state, move || {
        let round = round.map(|r| {
            let cache = shared.render_cache();
            let key = cache.key_of(("award rules", &r.rules));
            let rules_html =
                cache.get_or_insert_with(key, || lore_render::markdown_to_safe_html(&r.rules));
            let phase = r.phase(now);
            let results: Vec<TallyView> = results.iter().flatten().map(Into::into).collect();
            RoundView {
                id: r.id,
                year: r.year,
                title: r.title.clone(),
                rules_html: (*rules_html).clone(),
                has_rules: !r.rules.trim().is_empty(),
                phase_text: phase_text(&r, phase),
                nominating: phase == AwardPhase::Nominating,
                voting: phase == AwardPhase::Voting,
                closed: phase == AwardPhase::Closed,
                voted: my_vote.is_some(),
                nominees: nominees
                    .iter()
                    .map(|n| NomineeView::new(n, my_vote))
                    .collect(),
                tie: results.iter().filter(|t| t.winner).count() > 1,
                results,
                fields: (&r).into(),
            }
        });
        render(&AwardPage {
            user: Some((&user).into()),
            round,
            rounds: rounds.iter().map(|r| (r.year, r.title.clone())).collect(),
            winners: winners
                .iter()
                .map(|w| WinnerView {
                    year: w.year,
                    slug: w.slug.clone(),
                    title: w.title.clone(),
                    votes: votes_text(w.votes),
                })
                .collect(),
            is_admin: user.role == lore_core::Role::Admin,
            new_round: RoundFields::suggested(now),
            nominate,
        })
    })
    .await?;
    Ok(Html(html))
}

#[derive(Deserialize)]
pub struct RoundForm {
    year: String,
    title: String,
    #[serde(default)]
    rules: String,
    nominations_open_at: String,
    nominations_close_at: String,
    voting_close_at: String,
}

/// A `datetime-local` value (minutes, or seconds), read as UTC.
fn utc_input(what: &str, value: &str) -> Result<OffsetDateTime, AppError> {
    let value = value.trim();
    PrimitiveDateTime::parse(
        value,
        format_description!("[year]-[month]-[day]T[hour]:[minute]"),
    )
    .or_else(|_| {
        PrimitiveDateTime::parse(
            value,
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        )
    })
    .map(PrimitiveDateTime::assume_utc)
    .map_err(|_| AppError::BadRequest(format!("give {what} as a date and time (UTC)")))
}

impl RoundForm {
    fn plan(&self) -> Result<AwardRoundPlan, AppError> {
        within_limits("the rules", &self.rules)?;
        Ok(AwardRoundPlan {
            year: self
                .year
                .trim()
                .parse()
                .map_err(|_| AppError::BadRequest("give the round's year, such as 2026".into()))?,
            title: self.title.clone(),
            rules: self.rules.clone(),
            nominations_open_at: utc_input("when nominations open", &self.nominations_open_at)?,
            nominations_close_at: utc_input("when nominations close", &self.nominations_close_at)?,
            voting_close_at: utc_input("when voting closes", &self.voting_close_at)?,
        })
    }
}

/// `POST /award/rounds` (admins): a new round.
pub async fn create_round(
    State(state): State<AppState>,
    Admin(user): Admin,
    Form(form): Form<RoundForm>,
) -> Result<Redirect, AppError> {
    let plan = form.plan()?;
    let id = state
        .store()
        .create_award_round(&user, &plan, OffsetDateTime::now_utc())
        .await?;
    tracing::info!(user = %user.username, round = id, year = plan.year, "award round created");
    Ok(Redirect::to(&format!("/award/{}", plan.year)))
}

/// `POST /award/rounds/{id}` (admins): changes a round's year, title, rules and windows.
pub async fn change_round(
    State(state): State<AppState>,
    Admin(user): Admin,
    Path(id): Path<i64>,
    Form(form): Form<RoundForm>,
) -> Result<Redirect, AppError> {
    let plan = form.plan()?;
    state.store().change_award_round(&user, id, &plan).await?;
    tracing::info!(user = %user.username, round = id, year = plan.year, "award round changed");
    Ok(Redirect::to(&format!("/award/{}", plan.year)))
}

/// The year of a round, for the redirect back to it.
async fn year_of(state: &AppState, id: i64) -> Result<i32, AppError> {
    let rounds = state.store().award_rounds().await?;
    rounds
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.year)
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize)]
pub struct NominationForm {
    incident: String,
    reason: String,
}

/// `POST /award/rounds/{id}/nominations`: nominates an incident the reader may see, by the
/// name in its address (any other name, hidden or missing, is the same 400).
pub async fn nominate(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(id): Path<i64>,
    Form(form): Form<NominationForm>,
) -> Result<Redirect, AppError> {
    let year = year_of(&state, id).await?;
    let name = form.incident.trim();
    let bad = || AppError::BadRequest(format!("there is no incident {name:?} that you may see"));
    let slug = Slug::parse(name).map_err(|_| bad())?;
    let incident = state
        .store()
        .incident_visible_to(&slug, &user)
        .await?
        .ok_or_else(bad)?;
    state
        .store()
        .nominate_for_award(
            id,
            &user,
            incident.id,
            &form.reason,
            OffsetDateTime::now_utc(),
        )
        .await?;
    tracing::info!(user = %user.username, round = id, incident = %incident.slug, "nominated for the award");
    Ok(Redirect::to(&format!("/award/{year}#nominations")))
}

#[derive(Deserialize)]
pub struct VoteForm {
    incident: String,
}

/// `POST /award/rounds/{id}/vote`: casts or changes the reader's vote. An incident the reader
/// may not see, or one not nominated, is a 404.
pub async fn vote(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(id): Path<i64>,
    Form(form): Form<VoteForm>,
) -> Result<Redirect, AppError> {
    let year = year_of(&state, id).await?;
    let slug = Slug::parse(form.incident.trim()).map_err(|_| AppError::NotFound)?;
    let incident = state
        .store()
        .incident_visible_to(&slug, &user)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store()
        .vote_for_award(id, &user, incident.id, OffsetDateTime::now_utc())
        .await?;
    tracing::info!(user = %user.username, round = id, "voted for the award");
    Ok(Redirect::to(&format!("/award/{year}#vote")))
}
