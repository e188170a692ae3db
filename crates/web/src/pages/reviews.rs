//! Review meetings of an incident (`/incidents/{slug}/reviews`): analysts schedule, change
//! and cancel them; invitees answer whether they will come (voluntary, and the page says so);
//! the facilitator records who attended and took part and notes anchored to sections of the
//! write-up; anyone who may read the incident downloads the `.ics` invitation.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use lore_core::search::narrative_sections;
use lore_core::{Account, Incident, Role};
use lore_store::{Answer, Attendee, Review, ReviewPerson, ReviewPlan};
use serde::Deserialize;
use time::OffsetDateTime;
use time::macros::format_description;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::format::utc_text;
use crate::ics::{CalendarUser, Invitation, account_address, file_name, invitation};
use crate::incident_access::{Needs, Visible};
use crate::layout::{UserView, render};
use crate::state::AppState;

/// What the page says about coming, everywhere it asks.
pub const VOLUNTARY: &str =
    "Attendance is voluntary: come if it is useful to you, and say so only if you wish.";

pub struct PersonView {
    pub label: String,
    pub answer: &'static str,
}

pub struct AttendeeRow {
    pub index: usize,
    pub label: String,
    pub attended: bool,
    pub spoke: bool,
    pub asked: bool,
    pub noted: bool,
}

pub struct NoteView {
    pub anchor: String,
    pub section: String,
    pub body: String,
    pub byline: String,
}

pub struct ReviewView {
    pub id: i64,
    pub when_utc: String,
    pub when_local: String,
    pub minutes: i64,
    pub place: String,
    pub place_is_link: bool,
    pub facilitator: String,
    pub sequence: i64,
    pub cancelled: bool,
    pub invitees: Vec<PersonView>,
    pub attendance: Vec<AttendeeRow>,
    pub guest_rows: Vec<usize>,
    pub notes: Vec<NoteView>,
    /// invited, said yes, attended, took part, attended without being invited
    pub counts: [usize; 5],
    pub my_answer: Option<&'static str>,
    pub can_record: bool,
    /// The change form's values, in the organiser's zone.
    pub date: String,
    pub time: String,
    pub zone: String,
    pub invitee_text: String,
}

pub struct SectionChoice {
    pub anchor: String,
    pub heading: String,
}

#[derive(askama::Template)]
#[template(path = "reviews.html")]
pub struct ReviewsPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub voluntary: &'static str,
    pub can_schedule: bool,
    pub upcoming: Vec<ReviewView>,
    pub past: Vec<ReviewView>,
    pub sections: Vec<SectionChoice>,
}

fn answer_text(a: Option<Answer>) -> &'static str {
    match a {
        Some(Answer::Yes) => "yes",
        Some(Answer::No) => "no",
        Some(Answer::Maybe) => "maybe",
        None => "no answer",
    }
}

/// An instant in an IANA zone, as the organiser planned it.
fn local(t: OffsetDateTime, zone: &str) -> Option<jiff::Zoned> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    Some(
        jiff::Timestamp::from_second(t.unix_timestamp())
            .ok()?
            .to_zoned(tz),
    )
}

fn can_record(review: &Review, user: &Account) -> bool {
    user.role == Role::Admin || review.facilitator.as_deref() == Some(user.username.as_str())
}

fn view(r: &Review, user: &Account, sections: &[SectionChoice]) -> ReviewView {
    let zoned = local(r.starts_at, &r.zone);
    let c = r.counts();
    let mut attendance: Vec<AttendeeRow> = r
        .invitees
        .iter()
        .map(|i| i.person.clone())
        .chain(
            r.attendance
                .iter()
                .map(|a| a.person.clone())
                .filter(|p| !r.invitees.iter().any(|i| &i.person == p)),
        )
        .enumerate()
        .map(|(index, person)| {
            let a = r.attendance.iter().find(|a| a.person == person);
            AttendeeRow {
                index,
                label: person.label().to_owned(),
                attended: a.is_some(),
                spoke: a.is_some_and(|a| a.spoke),
                asked: a.is_some_and(|a| a.asked),
                noted: a.is_some_and(|a| a.added_note),
            }
        })
        .collect();
    attendance.truncate(500);
    let first_guest = attendance.len();
    ReviewView {
        id: r.id,
        when_utc: utc_text(r.starts_at),
        when_local: zoned
            .as_ref()
            .map(|z| z.strftime("%A %-d %B %Y, %H:%M %Z").to_string())
            .unwrap_or_default(),
        minutes: r.minutes,
        place: r.place.clone(),
        place_is_link: r.place.starts_with("https://") || r.place.starts_with("http://"),
        facilitator: r.facilitator.clone().unwrap_or_else(|| "nobody yet".into()),
        sequence: r.sequence,
        cancelled: r.cancelled,
        invitees: r
            .invitees
            .iter()
            .map(|i| PersonView {
                label: i.person.label().to_owned(),
                answer: answer_text(i.answer),
            })
            .collect(),
        attendance,
        guest_rows: (first_guest..first_guest + 3).collect(),
        notes: r
            .notes
            .iter()
            .map(|n| NoteView {
                section: sections
                    .iter()
                    .find(|s| s.anchor == n.anchor)
                    .map(|s| s.heading.clone())
                    .unwrap_or_else(|| n.anchor.clone()),
                anchor: n.anchor.clone(),
                body: n.body.clone(),
                byline: format!("{}, {}", n.written_by, utc_text(n.created_at)),
            })
            .collect(),
        counts: [
            c.invited,
            c.said_yes,
            c.attended,
            c.took_part,
            c.attended_uninvited,
        ],
        my_answer: r
            .invitees
            .iter()
            .find(|i| i.person == ReviewPerson::Account(user.username.to_string()))
            .map(|i| answer_text(i.answer)),
        can_record: can_record(r, user),
        date: zoned
            .as_ref()
            .map(|z| z.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        time: zoned
            .as_ref()
            .map(|z| z.strftime("%H:%M").to_string())
            .unwrap_or_default(),
        zone: r.zone.clone(),
        invitee_text: r
            .invitees
            .iter()
            .map(|i| i.person.label())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The review meetings of an incident, upcoming and past, with the forms.
pub async fn reviews_page(
    State(state): State<AppState>,
    seen: Visible<Reader>,
) -> Result<Html<String>, AppError> {
    let needs = Needs {
        narrative: true,
        ..Needs::default()
    };
    let record = seen.load(&state, needs).await?;
    let reviews = state.store().reviews(seen.incident.id).await?;
    let sections: Vec<SectionChoice> = record
        .narrative
        .as_ref()
        .map(|n| narrative_sections(&n.body))
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !s.anchor.is_empty())
        .map(|s| SectionChoice {
            anchor: s.anchor,
            heading: s.heading,
        })
        .collect();
    let now = OffsetDateTime::now_utc();
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for r in &reviews {
        let v = view(r, &seen.user, &sections);
        if r.ends_at() >= now {
            upcoming.push(v)
        } else {
            past.push(v)
        }
    }
    past.reverse();
    Ok(Html(render(&ReviewsPage {
        user: Some((&seen.user).into()),
        slug: seen.incident.slug.to_string(),
        title: seen.incident.title.clone(),
        voluntary: VOLUNTARY,
        can_schedule: seen.user.role.allows(Role::Analyst),
        upcoming,
        past,
        sections,
    })))
}

#[derive(Deserialize)]
pub struct PlanForm {
    date: String,
    time: String,
    zone: String,
    minutes: String,
    place: String,
    #[serde(default)]
    facilitator: String,
    #[serde(default)]
    invitees: String,
}

impl PlanForm {
    /// The organiser's local time in their IANA zone, to UTC.
    fn plan(&self) -> Result<ReviewPlan, AppError> {
        let bad = |what: &str| AppError::BadRequest(what.to_owned());
        let date = time::Date::parse(
            self.date.trim(),
            format_description!("[year]-[month]-[day]"),
        )
        .map_err(|_| bad("give the date as YYYY-MM-DD"))?;
        let at = time::Time::parse(self.time.trim(), format_description!("[hour]:[minute]"))
            .map_err(|_| bad("give the time as HH:MM"))?;
        let zone = self.zone.trim();
        let tz = jiff::tz::TimeZone::get(zone)
            .map_err(|_| bad("give the time zone as an IANA name, such as Europe/Berlin"))?;
        let civil = jiff::civil::date(date.year() as i16, date.month() as i8, date.day() as i8).at(
            at.hour() as i8,
            at.minute() as i8,
            0,
            0,
        );
        let instant = civil
            .to_zoned(tz)
            .map_err(|_| bad("that time does not exist in that zone"))?
            .timestamp()
            .as_second();
        let starts_at = OffsetDateTime::from_unix_timestamp(instant)
            .map_err(|_| bad("that time is out of range"))?;
        let minutes = self
            .minutes
            .trim()
            .parse()
            .map_err(|_| bad("give the length in minutes"))?;
        let invitees = self
            .invitees
            .split(['\n', ',', ';'])
            .filter(|s| !s.trim().is_empty())
            .map(ReviewPerson::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let facilitator = Some(self.facilitator.trim())
            .filter(|f| !f.is_empty())
            .map(str::to_owned);
        Ok(ReviewPlan {
            starts_at,
            minutes,
            zone: zone.to_owned(),
            place: self.place.clone(),
            facilitator,
            invitees,
        })
    }
}

fn back(incident: &Incident, id: i64) -> Redirect {
    Redirect::to(&format!("/incidents/{}/reviews#review-{id}", incident.slug))
}

pub async fn schedule(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Form(form): Form<PlanForm>,
) -> Result<Redirect, AppError> {
    let plan = form.plan()?;
    let uid = format!("{}@lore", uuid::Uuid::new_v4());
    let by = seen.user.username.to_string();
    let id = state
        .store()
        .schedule_review(seen.incident.id, &uid, &plan, &by)
        .await?;
    tracing::info!(user = %by, incident = %seen.incident.slug, review = id, "review scheduled");
    Ok(back(&seen.incident, id))
}

pub async fn change(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<PlanForm>,
) -> Result<Redirect, AppError> {
    let plan = form.plan()?;
    state
        .store()
        .change_review(seen.incident.id, id, &plan)
        .await?;
    Ok(back(&seen.incident, id))
}

pub async fn cancel(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Redirect, AppError> {
    state.store().cancel_review(seen.incident.id, id).await?;
    Ok(back(&seen.incident, id))
}

async fn one(state: &AppState, incident: &Incident, id: i64) -> Result<Review, AppError> {
    state
        .store()
        .review(incident.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize)]
pub struct AnswerForm {
    answer: String,
}

/// An invitee's answer; "none" takes it back.
pub async fn answer(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<AnswerForm>,
) -> Result<Redirect, AppError> {
    one(&state, &seen.incident, id).await?;
    let answer = match form.answer.as_str() {
        "none" => None,
        other => Some(Answer::parse(other)?),
    };
    state
        .store()
        .answer_review(id, seen.user.username.as_str(), answer)
        .await?;
    Ok(back(&seen.incident, id))
}

/// Who attended and how they took part: rows `person-N` (invitees and those already recorded)
/// with `attended-N`, and rows `guest-N` for anyone else; `spoke-N`, `asked-N`, `noted-N`.
pub async fn attendance(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path((_, id)): Path<(String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Redirect, AppError> {
    let review = one(&state, &seen.incident, id).await?;
    if !can_record(&review, &seen.user) {
        return Err(AppError::Forbidden);
    }
    let get = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim())
    };
    let mut attendees = Vec::new();
    for (key, value) in &fields {
        let (index, listed) = match (key.strip_prefix("person-"), key.strip_prefix("guest-")) {
            (Some(i), _) => (i, true),
            (_, Some(i)) => (i, false),
            _ => continue,
        };
        if value.trim().is_empty() || (listed && get(format!("attended-{index}")).is_none()) {
            continue;
        }
        attendees.push(Attendee {
            person: ReviewPerson::parse(value)?,
            spoke: get(format!("spoke-{index}")).is_some(),
            asked: get(format!("asked-{index}")).is_some(),
            added_note: get(format!("noted-{index}")).is_some(),
        });
    }
    state.store().record_attendance(id, &attendees).await?;
    Ok(back(&seen.incident, id))
}

#[derive(Deserialize)]
pub struct NoteForm {
    anchor: String,
    body: String,
}

pub async fn add_note(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<NoteForm>,
) -> Result<Redirect, AppError> {
    let review = one(&state, &seen.incident, id).await?;
    if !can_record(&review, &seen.user) {
        return Err(AppError::Forbidden);
    }
    let by = seen.user.username.to_string();
    state
        .store()
        .add_review_note(id, &form.anchor, &form.body, &by)
        .await?;
    Ok(back(&seen.incident, id))
}

/// Where this Lore is, as the request reached it (for the incident's link in the invitation).
fn site(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let https = headers
        .get("x-forwarded-proto")
        .is_some_and(|p| p.as_bytes() == b"https");
    format!("{}://{host}", if https { "https" } else { "http" })
}

fn partstat(a: Option<Answer>) -> &'static str {
    match a {
        Some(Answer::Yes) => "ACCEPTED",
        Some(Answer::No) => "DECLINED",
        Some(Answer::Maybe) => "TENTATIVE",
        None => "NEEDS-ACTION",
    }
}

/// The invitation (`text/calendar`, as an attachment).
pub async fn invite_ics(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path((_, id)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let r = one(&state, &seen.incident, id).await?;
    let url = format!("{}/incidents/{}", site(&headers), seen.incident.slug);
    let description = format!(
        "A learning review of \"{}\".\n{url}\n{VOLUNTARY}\nThe review is about how the incident \
         happened and how people handled it, not about who is to blame.",
        seen.incident.title
    );
    let summary = format!("Review: {}", seen.incident.title);
    let user = |person: &ReviewPerson, answer: Option<Answer>| CalendarUser {
        name: person.label().to_owned(),
        email: match person {
            ReviewPerson::Account(name) => account_address(name),
            ReviewPerson::Email(address) => address.clone(),
        },
        partstat: partstat(answer),
    };
    let body = invitation(&Invitation {
        uid: &r.uid,
        sequence: r.sequence,
        stamp: r.updated_at,
        starts_at: r.starts_at,
        ends_at: r.ends_at(),
        summary: &summary,
        description: &description,
        place: &r.place,
        zone: &r.zone,
        organizer: user(
            &ReviewPerson::Account(r.created_by.clone()),
            Some(Answer::Yes),
        ),
        attendees: r
            .invitees
            .iter()
            .map(|i| user(&i.person, i.answer))
            .collect(),
        cancelled: r.cancelled,
    });
    let method = if r.cancelled { "CANCEL" } else { "REQUEST" };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                format!("text/calendar; charset=utf-8; method={method}"),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name(id)),
            ),
        ],
        body,
    )
        .into_response())
}
