use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// The human-readable key of an incident in URLs and commands, e.g. `2026-03-12-ferry-tickets`.
///
/// Lowercase ASCII letters, digits and single hyphens, 1–100 characters. Slugs are permalinks:
/// keeping them this plain means they survive chat clients, e-mail and printed pages unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("slug must be 1 to 100 characters long, got {0}")]
    Length(usize),
    #[error(
        "slug {0:?} may only contain lowercase letters, digits and single hyphens, and may not start or end with a hyphen"
    )]
    Characters(String),
}

impl Slug {
    pub const MAX_LEN: usize = 100;

    pub fn parse(s: &str) -> Result<Self, SlugError> {
        let len = s.chars().count();
        if !(1..=Self::MAX_LEN).contains(&len) {
            return Err(SlugError::Length(len));
        }
        let chars_ok = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !chars_ok || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(SlugError::Characters(s.to_owned()));
        }
        Ok(Slug(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A slug made from free text, such as a title with its date: ASCII letters and digits
    /// kept (lowercased), accents dropped, everything else a single hyphen, cut at a word
    /// boundary to fit. Text with nothing usable gives `incident`.
    pub fn derive(text: &str) -> Slug {
        let mut out = String::new();
        for c in text.chars() {
            let c = fold_accent(c);
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        if out.len() > Self::MAX_LEN {
            let cut = out[..=Self::MAX_LEN]
                .rfind('-')
                .filter(|&i| i > 0)
                .unwrap_or(Self::MAX_LEN);
            out.truncate(cut);
        }
        let trimmed = out.trim_matches('-');
        Slug::parse(trimmed).unwrap_or_else(|_| Slug("incident".to_owned()))
    }
}

/// The unaccented letter for common Latin accented letters, so `Café` becomes `cafe`.
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Slug::parse(&s)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// When an incident started, was detected and was resolved, as the record says.
///
/// Any of them may be missing, and they may contradict each other (a detection logged after
/// the resolution happens when clocks or people disagree). Lore keeps what the sources say and
/// points out contradictions; it never reorders or "fixes" them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentTimes {
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub started_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub detected_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub resolved_at: Option<OffsetDateTime>,
}

/// A pair of incident times that are in the wrong order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeContradiction {
    DetectedBeforeStarted,
    ResolvedBeforeStarted,
    ResolvedBeforeDetected,
}

impl TimeContradiction {
    pub fn describe(self) -> &'static str {
        match self {
            TimeContradiction::DetectedBeforeStarted => "detected before it started",
            TimeContradiction::ResolvedBeforeStarted => "resolved before it started",
            TimeContradiction::ResolvedBeforeDetected => "resolved before it was detected",
        }
    }
}

impl IncidentTimes {
    pub fn contradictions(&self) -> Vec<TimeContradiction> {
        let before = |a: Option<OffsetDateTime>, b: Option<OffsetDateTime>| match (a, b) {
            (Some(a), Some(b)) => a < b,
            _ => false,
        };
        let mut found = Vec::new();
        if before(self.detected_at, self.started_at) {
            found.push(TimeContradiction::DetectedBeforeStarted);
        }
        if before(self.resolved_at, self.started_at) {
            found.push(TimeContradiction::ResolvedBeforeStarted);
        }
        if before(self.resolved_at, self.detected_at) {
            found.push(TimeContradiction::ResolvedBeforeDetected);
        }
        found
    }

    /// Start (or detection, when the start is unknown) to resolution, when both are known and
    /// in order. A fact for the facts box, never the headline.
    pub fn duration(&self) -> Option<Duration> {
        let from = self.started_at.or(self.detected_at)?;
        let to = self.resolved_at?;
        (to >= from).then_some(to - from)
    }
}

/// An incident as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incident {
    pub id: i64,
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    pub severity: Option<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub restricted: bool,
    pub times: IncidentTimes,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What it takes to create an incident.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewIncident {
    pub slug: Slug,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub restricted: bool,
    #[serde(flatten)]
    pub times: IncidentTimes,
}

impl NewIncident {
    pub fn new(slug: Slug, title: impl Into<String>) -> Self {
        NewIncident {
            slug,
            title: title.into(),
            summary: String::new(),
            severity: None,
            services: Vec::new(),
            tags: Vec::new(),
            restricted: false,
            times: IncidentTimes::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn slugs_are_plain() {
        assert!(Slug::parse("2026-03-12-ferry-tickets").is_ok());
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a/b", "ä"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(matches!(
            Slug::parse(&"a".repeat(101)),
            Err(SlugError::Length(101))
        ));
    }

    #[test]
    fn slugs_derive_from_titles() {
        assert_eq!(
            Slug::derive("2019-10-02: Café API — 503s (us-east)").as_str(),
            "2019-10-02-cafe-api-503s-us-east"
        );
        assert_eq!(Slug::derive("!!!").as_str(), "incident");
        let long = Slug::derive(&"word ".repeat(60));
        assert!(long.as_str().len() <= Slug::MAX_LEN);
        assert!(long.as_str().ends_with("word"));
    }

    #[test]
    fn contradictions_are_reported_not_fixed() {
        let times = IncidentTimes {
            started_at: Some(datetime!(2026-03-12 14:00 UTC)),
            detected_at: Some(datetime!(2026-03-12 16:00 UTC)),
            resolved_at: Some(datetime!(2026-03-12 15:00 UTC)),
        };
        assert_eq!(
            times.contradictions(),
            vec![TimeContradiction::ResolvedBeforeDetected]
        );
        assert_eq!(times.duration(), Some(Duration::hours(1)));
        assert_eq!(times.started_at, Some(datetime!(2026-03-12 14:00 UTC)));
    }

    #[test]
    fn duration_needs_ordered_known_ends() {
        let mut times = IncidentTimes {
            started_at: None,
            detected_at: Some(datetime!(2026-03-12 14:10 UTC)),
            resolved_at: Some(datetime!(2026-03-12 15:20 UTC)),
        };
        assert_eq!(times.duration(), Some(Duration::minutes(70)));
        times.resolved_at = Some(datetime!(2026-03-12 13:00 UTC));
        assert_eq!(times.duration(), None);
        assert!(IncidentTimes::default().contradictions().is_empty());
    }
}
