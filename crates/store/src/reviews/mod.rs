//! Review meetings of an incident (issue 11, item 3): who was invited (accounts or e-mail
//! addresses), what they answered (voluntarily), who attended (invited or not) and took part,
//! and the facilitator's notes anchored to sections of the narrative.
//!
//! The incident has already been checked by the caller (`Visible` in the web crate) for the
//! per-incident reads and writes; the one read across incidents,
//! [`Store::upcoming_reviews_visible_to`], applies [`VISIBLE_TO`] itself.

use std::collections::HashMap;

use lore_core::{Account, Role};
use time::OffsetDateTime;

use crate::incidents::VISIBLE_TO;

mod model;
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};
pub use model::*;

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    incident_id: i64,
    uid: String,
    starts_at: DbTime,
    minutes: i64,
    zone: String,
    place: String,
    facilitator: Option<String>,
    created_by: String,
    sequence: i64,
    cancelled: bool,
    updated_at: DbTime,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    review_id: i64,
    username: Option<String>,
    email: Option<String>,
    answer: Option<String>,
    spoke: bool,
    asked: bool,
    added_note: bool,
}

impl PersonRow {
    fn person(&self) -> ReviewPerson {
        match (&self.username, &self.email) {
            (Some(u), _) => ReviewPerson::Account(u.clone()),
            (None, e) => ReviewPerson::Email(e.clone().unwrap_or_default()),
        }
    }
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: i64,
    review_id: i64,
    anchor: String,
    body: String,
    written_by: String,
    created_at: DbTime,
}

const SELECT_REVIEW: &str = "SELECT r.id, r.incident_id, r.uid, r.starts_at, r.minutes, r.zone, \
     r.place, f.username AS facilitator, r.created_by, r.sequence, r.cancelled, r.updated_at \
     FROM reviews r LEFT JOIN accounts f ON f.id = r.facilitator_id";

fn check(plan: &ReviewPlan) -> Result<()> {
    if !(5..=480).contains(&plan.minutes) {
        return Err(StoreError::Invalid(
            "a review lasts from 5 to 480 minutes".into(),
        ));
    }
    let place = plan.place.trim();
    if place.is_empty() || place.chars().count() > 500 {
        return Err(StoreError::Invalid(
            "give a place or a call link of at most 500 characters".into(),
        ));
    }
    if plan.zone.trim().is_empty() {
        return Err(StoreError::Invalid("give the organiser's time zone".into()));
    }
    if plan.invitees.len() > 500 {
        return Err(StoreError::Invalid("at most 500 invitees".into()));
    }
    Ok(())
}

/// The id of each account named, or `Invalid` naming the first that does not exist.
macro_rules! account_id {
    ($tx:expr, $name:expr) => {{
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE username = $1")
            .bind($name)
            .fetch_optional(&mut *$tx)
            .await?;
        match row {
            Some((id,)) => id,
            None => {
                return Err(StoreError::Invalid(format!(
                    "no account is called {:?}",
                    $name
                )));
            }
        }
    }};
}

/// Replaces a review's invitees, keeping the answers of those still invited.
macro_rules! write_invitees {
    ($tx:expr, $review:expr, $people:expr) => {{
        let mut seen = std::collections::BTreeSet::new();
        let mut keep_accounts = Vec::new();
        let mut keep_emails = Vec::new();
        for person in $people {
            if !seen.insert(person.clone()) {
                continue;
            }
            match person {
                ReviewPerson::Account(name) => {
                    let id = account_id!($tx, name);
                    keep_accounts.push(id);
                    sqlx::query(
                        "INSERT INTO review_invitees (review_id, account_id) VALUES ($1, $2) \
                         ON CONFLICT (review_id, account_id) DO NOTHING",
                    )
                    .bind($review)
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
                }
                ReviewPerson::Email(address) => {
                    keep_emails.push(address.clone());
                    sqlx::query(
                        "INSERT INTO review_invitees (review_id, email) VALUES ($1, $2) \
                         ON CONFLICT (review_id, email) DO NOTHING",
                    )
                    .bind($review)
                    .bind(address)
                    .execute(&mut *$tx)
                    .await?;
                }
            }
        }
        let existing: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT id, account_id, email FROM review_invitees WHERE review_id = $1",
        )
        .bind($review)
        .fetch_all(&mut *$tx)
        .await?;
        for (id, account, email) in existing {
            let kept = account.is_some_and(|a| keep_accounts.contains(&a))
                || email.is_some_and(|e| keep_emails.contains(&e));
            if !kept {
                sqlx::query("DELETE FROM review_invitees WHERE id = $1")
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
    }};
}

impl Store {
    /// Schedules a review of an incident; `uid` is the invitation's UID, kept for good.
    pub async fn schedule_review(
        &self,
        incident_id: i64,
        uid: &str,
        plan: &ReviewPlan,
        created_by: &str,
    ) -> Result<i64> {
        check(plan)?;
        let now = self.db_now();
        Ok(with_write_tx!(&self.db, tx => {
            let facilitator = match &plan.facilitator {
                Some(name) => Some(account_id!(tx, name)),
                None => None,
            };
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO reviews (incident_id, uid, starts_at, minutes, zone, place, \
                 facilitator_id, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
            )
            .bind(incident_id)
            .bind(uid)
            .bind(DbTime::new(plan.starts_at))
            .bind(plan.minutes)
            .bind(plan.zone.trim())
            .bind(plan.place.trim())
            .bind(facilitator)
            .bind(created_by)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            write_invitees!(tx, id, &plan.invitees);
            id
        }))
    }

    /// Changes a review: its sequence goes up by one; answers of those still invited stay.
    pub async fn change_review(&self, incident_id: i64, id: i64, plan: &ReviewPlan) -> Result<()> {
        check(plan)?;
        with_write_tx!(&self.db, tx => {
            let facilitator = match &plan.facilitator {
                Some(name) => Some(account_id!(tx, name)),
                None => None,
            };
            let changed = sqlx::query(
                "UPDATE reviews SET starts_at = $1, minutes = $2, zone = $3, place = $4, \
                 facilitator_id = $5, sequence = sequence + 1, updated_at = $6 \
                 WHERE id = $7 AND incident_id = $8 AND NOT cancelled",
            )
            .bind(DbTime::new(plan.starts_at))
            .bind(plan.minutes)
            .bind(plan.zone.trim())
            .bind(plan.place.trim())
            .bind(facilitator)
            .bind(self.db_now())
            .bind(id)
            .bind(incident_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::NotFound(format!("review {id}")));
            }
            write_invitees!(tx, id, &plan.invitees);
        });
        Ok(())
    }

    /// Cancels a review (the sequence goes up once more); a cancelled one stays, marked.
    pub async fn cancel_review(&self, incident_id: i64, id: i64) -> Result<()> {
        let changed = on_db!(&self.db, pool => {
            sqlx::query(
                "UPDATE reviews SET cancelled = TRUE, sequence = sequence + 1, updated_at = $1 \
                 WHERE id = $2 AND incident_id = $3 AND NOT cancelled",
            )
            .bind(self.db_now())
            .bind(id)
            .bind(incident_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("review {id}")));
        }
        Ok(())
    }

    /// An invitee's answer (`None` takes it back). Not invited: not found.
    pub async fn answer_review(
        &self,
        review_id: i64,
        username: &str,
        answer: Option<Answer>,
    ) -> Result<()> {
        let changed = on_db!(&self.db, pool => {
            sqlx::query(
                "UPDATE review_invitees SET answer = $1, answered_at = $2 WHERE review_id = $3 \
                 AND account_id = (SELECT id FROM accounts WHERE username = $4)",
            )
            .bind(answer.map(Answer::as_str))
            .bind(answer.map(|_| self.db_now()))
            .bind(review_id)
            .bind(username)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "an invitation of {username} to review {review_id}"
            )));
        }
        Ok(())
    }

    /// Replaces who attended and how they took part.
    pub async fn record_attendance(&self, review_id: i64, attendees: &[Attendee]) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            sqlx::query("DELETE FROM review_attendance WHERE review_id = $1")
                .bind(review_id)
                .execute(&mut *tx)
                .await?;
            let mut seen = std::collections::BTreeSet::new();
            for a in attendees.iter().filter(|a| seen.insert(a.person.clone())) {
                let (account, email) = match &a.person {
                    ReviewPerson::Account(name) => (Some(account_id!(tx, name)), None),
                    ReviewPerson::Email(address) => (None, Some(address.as_str())),
                };
                sqlx::query(
                    "INSERT INTO review_attendance (review_id, account_id, email, spoke, asked, \
                     added_note) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(review_id)
                .bind(account)
                .bind(email)
                .bind(a.spoke)
                .bind(a.asked)
                .bind(a.added_note)
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }

    /// A note by the facilitator, anchored to a narrative section's id.
    pub async fn add_review_note(
        &self,
        review_id: i64,
        anchor: &str,
        body: &str,
        written_by: &str,
    ) -> Result<i64> {
        let anchor = anchor.trim();
        if anchor.is_empty() || anchor.len() > 200 || body.trim().is_empty() || body.len() > 20_000
        {
            return Err(StoreError::Invalid(
                "a note needs a section and at most 20,000 bytes of text".into(),
            ));
        }
        let (id,): (i64,) = on_db!(&self.db, pool => {
            sqlx::query_as(
                "INSERT INTO review_notes (review_id, anchor, body, written_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(review_id)
            .bind(anchor)
            .bind(body.trim())
            .bind(written_by)
            .bind(self.db_now())
            .fetch_one(pool)
            .await
        })?;
        Ok(id)
    }

    /// Every review of an incident, earliest first, with invitees, attendance and notes.
    pub async fn reviews(&self, incident_id: i64) -> Result<Vec<Review>> {
        let sql = format!("{SELECT_REVIEW} WHERE r.incident_id = $1 ORDER BY r.starts_at, r.id");
        let rows: Vec<ReviewRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(incident_id).fetch_all(pool).await
        })?;
        self.complete(incident_id, rows).await
    }

    /// One review of an incident.
    pub async fn review(&self, incident_id: i64, id: i64) -> Result<Option<Review>> {
        Ok(self
            .reviews(incident_id)
            .await?
            .into_iter()
            .find(|r| r.id == id))
    }

    async fn complete(&self, incident_id: i64, rows: Vec<ReviewRow>) -> Result<Vec<Review>> {
        let invitees: Vec<PersonRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT i.review_id, a.username, i.email, i.answer, FALSE AS spoke, \
                 FALSE AS asked, FALSE AS added_note FROM review_invitees i \
                 JOIN reviews r ON r.id = i.review_id LEFT JOIN accounts a ON a.id = i.account_id \
                 WHERE r.incident_id = $1 ORDER BY i.id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let attendance: Vec<PersonRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT t.review_id, a.username, t.email, NULL AS answer, t.spoke, t.asked, \
                 t.added_note FROM review_attendance t \
                 JOIN reviews r ON r.id = t.review_id LEFT JOIN accounts a ON a.id = t.account_id \
                 WHERE r.incident_id = $1 ORDER BY t.id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let notes: Vec<NoteRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT n.id, n.review_id, n.anchor, n.body, n.written_by, n.created_at \
                 FROM review_notes n JOIN reviews r ON r.id = n.review_id \
                 WHERE r.incident_id = $1 ORDER BY n.id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let mut reviews: Vec<Review> = rows
            .into_iter()
            .map(|r| Review {
                id: r.id,
                incident_id: r.incident_id,
                uid: r.uid,
                starts_at: r.starts_at.into(),
                minutes: r.minutes,
                zone: r.zone,
                place: r.place,
                facilitator: r.facilitator,
                created_by: r.created_by,
                sequence: r.sequence,
                cancelled: r.cancelled,
                updated_at: r.updated_at.into(),
                invitees: Vec::new(),
                attendance: Vec::new(),
                notes: Vec::new(),
            })
            .collect();
        let at: HashMap<i64, usize> = reviews.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        for row in invitees {
            if let Some(&i) = at.get(&row.review_id) {
                let answer = row.answer.as_deref().map(Answer::parse).transpose()?;
                reviews[i].invitees.push(Invitee {
                    person: row.person(),
                    answer,
                });
            }
        }
        for row in attendance {
            if let Some(&i) = at.get(&row.review_id) {
                reviews[i].attendance.push(Attendee {
                    person: row.person(),
                    spoke: row.spoke,
                    asked: row.asked,
                    added_note: row.added_note,
                });
            }
        }
        for n in notes {
            if let Some(&i) = at.get(&n.review_id) {
                reviews[i].notes.push(ReviewNote {
                    id: n.id,
                    anchor: n.anchor,
                    body: n.body,
                    written_by: n.written_by,
                    created_at: n.created_at.into(),
                });
            }
        }
        Ok(reviews)
    }

    /// Reviews not cancelled that start after `after`, of every incident the account may see
    /// ([`VISIBLE_TO`]), earliest first.
    pub async fn upcoming_reviews_visible_to(
        &self,
        account: &Account,
        after: OffsetDateTime,
    ) -> Result<Vec<ReviewSummary>> {
        let sql = format!(
            "SELECT incidents.slug, incidents.title, r.id, r.starts_at FROM reviews r \
             JOIN incidents ON incidents.id = r.incident_id \
             WHERE {VISIBLE_TO} AND NOT r.cancelled AND r.starts_at >= $3 \
             ORDER BY r.starts_at, r.id LIMIT 200"
        );
        let rows: Vec<(String, String, i64, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(account.role == Role::Admin)
                .bind(account.id)
                .bind(DbTime::new(after))
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(slug, title, review_id, at)| ReviewSummary {
                slug,
                title,
                review_id,
                starts_at: at.into(),
            })
            .collect())
    }
}
