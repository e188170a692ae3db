//! Reading: the beacon that adds the time a reader spent on a write-up (sent by lore.js), the
//! incident page's counts, and each person's own history with the switch that turns recording
//! off. Everyone sees counts; only the reader sees what they read.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, Redirect};
use lore_core::Slug;
use lore_store::{ReadRecord, ReadingStats};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::Reader;
use crate::beacons::Beacon;
use crate::error::AppError;
use crate::format::utc_text;
use crate::pages::{UserView, render};
use crate::state::AppState;

/// The incident page's panel: counts only.
pub struct ReadingView {
    pub readers: u64,
    pub summary: String,
    pub long_tail: String,
}

impl From<&ReadingStats> for ReadingView {
    fn from(s: &ReadingStats) -> Self {
        let people = if s.readers == 1 {
            "1 person".to_owned()
        } else {
            format!("{} people", s.readers)
        };
        let visits = if s.visits == 1 {
            "1 visit".to_owned()
        } else {
            format!("{} visits", s.visits)
        };
        let summary = if s.seconds > 0 {
            format!(
                "Read by {people} ({visits}, {} of reading).",
                duration(s.seconds)
            )
        } else {
            format!("Read by {people} ({visits}).")
        };
        let long_tail = format!(
            "Readers more than 30 days after it ended: {}; more than 90 days: {}; more than a year: {}.",
            s.readers_after_30_days, s.readers_after_90_days, s.readers_after_365_days
        );
        ReadingView {
            readers: s.readers,
            summary,
            long_tail,
        }
    }
}

/// "2 h 05 min", "4 min", "40 s".
pub(crate) fn duration(seconds: u64) -> String {
    match seconds {
        s if s >= 3600 => format!("{} h {:02} min", s / 3600, (s % 3600) / 60),
        s if s >= 60 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

#[derive(Deserialize)]
pub struct ReadingTime {
    seconds: i64,
}

/// `POST /incidents/{slug}/reading-time` (lore.js, `navigator.sendBeacon`): adds the seconds
/// the page was visible with the narrative in view. Answered at once; who sent it and whether
/// they may read the incident are settled after the answer, and a beacon that may not count
/// records nothing (see `beacons`). Only a malformed form is refused (422).
pub async fn reading_time(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Form(form): Form<ReadingTime>,
) -> StatusCode {
    if let Ok(slug) = Slug::parse(&slug) {
        state.beacons().send(Beacon {
            session,
            slug,
            seconds: form.seconds,
        });
    }
    StatusCode::NO_CONTENT
}

pub struct HistoryRow {
    pub slug: String,
    pub title: String,
    pub visits: u64,
    pub time: String,
    pub last_read: String,
}

impl From<&ReadRecord> for HistoryRow {
    fn from(r: &ReadRecord) -> Self {
        HistoryRow {
            slug: r.slug.clone(),
            title: r.title.clone(),
            visits: r.visits,
            time: if r.seconds > 0 {
                duration(r.seconds)
            } else {
                "—".to_owned()
            },
            last_read: utc_text(r.last_read),
        }
    }
}

#[derive(Template)]
#[template(path = "reading.html")]
pub struct ReadingPage {
    pub user: Option<UserView>,
    pub recorded: bool,
    pub rows: Vec<HistoryRow>,
}

/// `GET /me/reading`: what I read, and the switch.
pub async fn history(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let (recorded, rows) = tokio::try_join!(
        state.store().reading_recorded(&user),
        state.store().reading_history(&user),
    )?;
    Ok(Html(render(&ReadingPage {
        user: Some((&user).into()),
        recorded,
        rows: rows.iter().map(Into::into).collect(),
    })))
}

#[derive(Deserialize)]
pub struct Recording {
    record: String,
}

/// `POST /me/reading`: `record=on` or `record=off`.
pub async fn set_recording(
    State(state): State<AppState>,
    Reader(user): Reader,
    Form(form): Form<Recording>,
) -> Result<Redirect, AppError> {
    let on = match form.record.as_str() {
        "on" => true,
        "off" => false,
        other => {
            return Err(AppError::BadRequest(format!(
                "record must be on or off, not {other:?}"
            )));
        }
    };
    state.store().set_reading_recorded(&user, on).await?;
    Ok(Redirect::to("/me/reading"))
}
