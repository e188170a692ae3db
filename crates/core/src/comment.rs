//! Comments on an incident: threaded replies, optionally anchored to a part of the write-up,
//! in Markdown; edits keep every earlier version; a removed comment stays in its thread as
//! "comment removed" so that its replies keep their place.

use time::{Duration, OffsetDateTime};

use crate::incident::IncidentTimes;

/// What a comment is about, inside its incident: a narrative section (by its anchor), a
/// timeline entry, a moment or a perspective (by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentAnchor {
    Section(String),
    Entry(i64),
    Moment(i64),
    Perspective(i64),
}

impl CommentAnchor {
    /// The kind as stored (`anchor_kind`) and as forms write it (`entry:12`).
    pub fn kind(&self) -> &'static str {
        match self {
            CommentAnchor::Section(_) => "section",
            CommentAnchor::Entry(_) => "entry",
            CommentAnchor::Moment(_) => "moment",
            CommentAnchor::Perspective(_) => "perspective",
        }
    }

    /// From the stored kind, section anchor and id; `None` for a kind this version does not know.
    pub fn from_stored(kind: &str, section: Option<String>, id: Option<i64>) -> Option<Self> {
        match (kind, section, id) {
            ("section", Some(s), _) => Some(CommentAnchor::Section(s)),
            ("entry", _, Some(id)) => Some(CommentAnchor::Entry(id)),
            ("moment", _, Some(id)) => Some(CommentAnchor::Moment(id)),
            ("perspective", _, Some(id)) => Some(CommentAnchor::Perspective(id)),
            _ => None,
        }
    }

    /// From a form's `kind:value` (`section:what-happened`, `entry:12`); empty is no anchor.
    pub fn parse(text: &str) -> Result<Option<Self>, CommentError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let bad = || CommentError::Anchor(text.chars().take(80).collect());
        let (kind, value) = text.split_once(':').ok_or_else(bad)?;
        let value = value.trim();
        let id = || {
            value
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(bad)
        };
        Ok(Some(match kind.trim() {
            "section" if !value.is_empty() && value.len() <= 200 => {
                CommentAnchor::Section(value.to_owned())
            }
            "entry" => CommentAnchor::Entry(id()?),
            "moment" => CommentAnchor::Moment(id()?),
            "perspective" => CommentAnchor::Perspective(id()?),
            _ => return Err(bad()),
        }))
    }

    /// The section anchor, if a section.
    pub fn section(&self) -> Option<&str> {
        match self {
            CommentAnchor::Section(s) => Some(s),
            _ => None,
        }
    }

    /// The id, for all but a section.
    pub fn id(&self) -> Option<i64> {
        match self {
            CommentAnchor::Section(_) => None,
            CommentAnchor::Entry(id)
            | CommentAnchor::Moment(id)
            | CommentAnchor::Perspective(id) => Some(*id),
        }
    }
}

/// The most characters of a comment's Markdown (the render limits also apply).
pub const MAX_COMMENT_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommentError {
    #[error("a comment needs some text")]
    Empty,
    #[error("a comment is at most {MAX_COMMENT_CHARS} characters")]
    TooLong,
    #[error(
        "a comment is anchored as section:ANCHOR, entry:ID, moment:ID or perspective:ID, not {0:?}"
    )]
    Anchor(String),
}

/// Checks a comment's text: not blank, not over [`MAX_COMMENT_CHARS`].
pub fn validate_comment_body(body: &str) -> Result<(), CommentError> {
    if body.trim().is_empty() {
        Err(CommentError::Empty)
    } else if body.chars().count() > MAX_COMMENT_CHARS {
        Err(CommentError::TooLong)
    } else {
        Ok(())
    }
}

/// A comment to add. `created_at` is now for people; the demo sets it in the past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub incident_id: i64,
    /// The account's username.
    pub author: String,
    pub body: String,
    /// The comment this one replies to, in the same incident.
    pub parent_id: Option<i64>,
    pub anchor: Option<CommentAnchor>,
    pub created_at: OffsetDateTime,
}

/// An earlier text of a comment, as it read until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentVersion {
    pub body: String,
    pub written_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub incident_id: i64,
    pub author: String,
    /// Empty once removed.
    pub body: String,
    pub parent_id: Option<i64>,
    pub anchor: Option<CommentAnchor>,
    pub created_at: OffsetDateTime,
    /// When the current text was written, if edited.
    pub edited_at: Option<OffsetDateTime>,
    /// Who removed it (its author or an admin), and when.
    pub removed: Option<(String, OffsetDateTime)>,
    /// Earlier texts, oldest first (none once removed).
    pub history: Vec<CommentVersion>,
}

/// How many comments came long after the incident ended: the signal that people still read
/// and think about it months later.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LongTail {
    pub total: u64,
    pub after_30_days: u64,
    pub after_90_days: u64,
    pub after_365_days: u64,
}

impl LongTail {
    /// The thresholds, in days, in the order the fields have them.
    pub const DAYS: [i64; 3] = [30, 90, 365];

    /// When the incident ended, for the long tail: when it was resolved, else the latest of
    /// its times; `None` with no time at all.
    pub fn ended(times: &IncidentTimes) -> Option<OffsetDateTime> {
        times
            .resolved_at
            .or_else(|| times.started_at.max(times.detected_at))
    }

    /// The instants after which a comment counts for each threshold.
    pub fn cutoffs(ended: OffsetDateTime) -> [OffsetDateTime; 3] {
        Self::DAYS.map(|d| ended + Duration::days(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn anchors_parse_from_forms_and_round_trip() {
        assert_eq!(CommentAnchor::parse(" ").unwrap(), None);
        let a = CommentAnchor::parse("entry:12").unwrap().unwrap();
        assert_eq!(a, CommentAnchor::Entry(12));
        assert_eq!(
            CommentAnchor::from_stored(a.kind(), None, a.id()),
            Some(a.clone())
        );
        let s = CommentAnchor::parse("section:what-happened")
            .unwrap()
            .unwrap();
        assert_eq!(
            CommentAnchor::from_stored(s.kind(), s.section().map(str::to_owned), None),
            Some(s)
        );
        for bad in ["entry:x", "entry:-1", "pony:1", "section:", "entry"] {
            assert!(CommentAnchor::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ended_is_resolved_else_the_latest_time() {
        let mut t = IncidentTimes::default();
        assert_eq!(LongTail::ended(&t), None);
        t.started_at = Some(datetime!(2026-01-01 0:00 UTC));
        t.detected_at = Some(datetime!(2026-01-02 0:00 UTC));
        assert_eq!(LongTail::ended(&t), t.detected_at);
        t.resolved_at = Some(datetime!(2026-01-01 12:00 UTC));
        assert_eq!(LongTail::ended(&t), t.resolved_at);
    }

    #[test]
    fn bodies_must_have_text() {
        assert_eq!(validate_comment_body("  \n"), Err(CommentError::Empty));
        assert!(validate_comment_body("ok").is_ok());
    }
}
