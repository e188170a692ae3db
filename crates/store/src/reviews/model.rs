//! What a review meeting is, as the store gives it: who it concerns, answers, attendance and
//! participation, notes, and one meeting's figures ([`Review::counts`]).

use time::OffsetDateTime;

use crate::{Result, StoreError};

/// Who a review concerns: an account (by username) or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReviewPerson {
    Account(String),
    Email(String),
}

impl ReviewPerson {
    /// A username, or an address when it has an `@`; trimmed, addresses lower-cased.
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim();
        let valid = !t.is_empty()
            && t.len() <= 254
            && !t
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"');
        if !valid {
            return Err(StoreError::Invalid(format!(
                "{t:?} is neither a username nor an e-mail address"
            )));
        }
        match t.split_once('@') {
            Some((local, domain))
                if !local.is_empty() && domain.contains('.') && !domain.contains('@') =>
            {
                Ok(ReviewPerson::Email(t.to_lowercase()))
            }
            Some(_) => Err(StoreError::Invalid(format!(
                "{t:?} is not an e-mail address"
            ))),
            None => Ok(ReviewPerson::Account(t.to_owned())),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            ReviewPerson::Account(name) | ReviewPerson::Email(name) => name,
        }
    }
}

/// An invitee's answer; answering at all is voluntary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Maybe,
}

impl Answer {
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "yes" => Ok(Answer::Yes),
            "no" => Ok(Answer::No),
            "maybe" => Ok(Answer::Maybe),
            other => Err(StoreError::Invalid(format!(
                "{other:?} is not yes, no or maybe"
            ))),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Maybe => "maybe",
        }
    }
}

/// What an analyst plans: the same for scheduling and for a change.
#[derive(Debug, Clone)]
pub struct ReviewPlan {
    pub starts_at: OffsetDateTime,
    pub minutes: i64,
    /// The organiser's IANA zone name.
    pub zone: String,
    /// A room or a call link.
    pub place: String,
    /// A username.
    pub facilitator: Option<String>,
    pub invitees: Vec<ReviewPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub person: ReviewPerson,
    pub answer: Option<Answer>,
}

/// Someone who attended, and how they took part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub person: ReviewPerson,
    pub spoke: bool,
    pub asked: bool,
    pub added_note: bool,
}

impl Attendee {
    pub fn took_part(&self) -> bool {
        self.spoke || self.asked || self.added_note
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewNote {
    pub id: i64,
    pub anchor: String,
    pub body: String,
    pub written_by: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub id: i64,
    pub incident_id: i64,
    pub uid: String,
    pub starts_at: OffsetDateTime,
    pub minutes: i64,
    pub zone: String,
    pub place: String,
    pub facilitator: Option<String>,
    pub created_by: String,
    pub sequence: i64,
    pub cancelled: bool,
    pub updated_at: OffsetDateTime,
    pub invitees: Vec<Invitee>,
    pub attendance: Vec<Attendee>,
    pub notes: Vec<ReviewNote>,
}

/// One meeting's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewCounts {
    pub invited: usize,
    pub said_yes: usize,
    pub attended: usize,
    pub took_part: usize,
    pub attended_uninvited: usize,
}

impl Review {
    pub fn ends_at(&self) -> OffsetDateTime {
        self.starts_at + time::Duration::minutes(self.minutes)
    }

    pub fn counts(&self) -> ReviewCounts {
        let invited = |p: &ReviewPerson| self.invitees.iter().any(|i| &i.person == p);
        ReviewCounts {
            invited: self.invitees.len(),
            said_yes: self
                .invitees
                .iter()
                .filter(|i| i.answer == Some(Answer::Yes))
                .count(),
            attended: self.attendance.len(),
            took_part: self.attendance.iter().filter(|a| a.took_part()).count(),
            attended_uninvited: self
                .attendance
                .iter()
                .filter(|a| !invited(&a.person))
                .count(),
        }
    }

    pub fn is_invited(&self, username: &str) -> bool {
        self.invitees
            .iter()
            .any(|i| i.person == ReviewPerson::Account(username.to_owned()))
    }
}

/// A review as the cross-incident list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSummary {
    pub slug: String,
    pub title: String,
    pub review_id: i64,
    pub starts_at: OffsetDateTime,
}
