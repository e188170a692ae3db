use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use time::OffsetDateTime;

/// What makes a moment memorable: the themes analysts mark in the messy details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Surprise,
    Difficulty,
    Misunderstanding,
    Dilemma,
    Paradox,
    /// Something still not understood.
    Mystery,
    /// The analyst's own tag (`Annotation::tag`).
    Custom,
}

impl Theme {
    pub const ALL: [Theme; 7] = [
        Theme::Surprise,
        Theme::Difficulty,
        Theme::Misunderstanding,
        Theme::Dilemma,
        Theme::Paradox,
        Theme::Mystery,
        Theme::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Surprise => "surprise",
            Theme::Difficulty => "difficulty",
            Theme::Misunderstanding => "misunderstanding",
            Theme::Dilemma => "dilemma",
            Theme::Paradox => "paradox",
            Theme::Mystery => "mystery",
            Theme::Custom => "custom",
        }
    }

    /// How the theme reads in a sentence ("mystery remaining").
    pub fn label(self) -> &'static str {
        match self {
            Theme::Surprise => "Surprise",
            Theme::Difficulty => "Difficulty",
            Theme::Misunderstanding => "Misunderstanding",
            Theme::Dilemma => "Dilemma",
            Theme::Paradox => "Paradox",
            Theme::Mystery => "Mystery remaining",
            Theme::Custom => "Own tag",
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown theme {0:?}: expected one of surprise, difficulty, misunderstanding, dilemma, paradox, mystery, custom"
)]
pub struct ThemeError(pub String);

impl FromStr for Theme {
    type Err = ThemeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Theme::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| ThemeError(s.to_owned()))
    }
}

/// What a moment is marked on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum MarkedOn {
    /// One timeline entry (`first == last`), or the range from `first` through `last`.
    Entries { first: i64, last: i64 },
    /// Words of the narrative, quoted as readers saw them. The narrative keeps changing; the
    /// quote and the version it was marked on keep the mark meaningful when the words go.
    Passage {
        quote: String,
        narrative_version: Option<i64>,
    },
}

impl MarkedOn {
    /// The first entry marked, for marks on the timeline.
    pub fn first_entry(&self) -> Option<i64> {
        match self {
            MarkedOn::Entries { first, .. } => Some(*first),
            MarkedOn::Passage { .. } => None,
        }
    }
}

/// An analyst's mark on the record: a theme (or own tag) and a note on one timeline entry, a
/// range of them, or a passage of the narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    pub id: i64,
    pub incident_id: i64,
    #[serde(flatten)]
    pub on: MarkedOn,
    pub theme: Theme,
    pub tag: Option<String>,
    pub note: String,
    pub author: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Annotation {
    /// "Surprise", or the analyst's own tag.
    pub fn label(&self) -> &str {
        match (&self.theme, &self.tag) {
            (Theme::Custom, Some(tag)) => tag,
            (theme, _) => theme.label(),
        }
    }
}

/// What it takes to annotate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnnotation {
    pub incident_id: i64,
    pub on: MarkedOn,
    pub theme: Theme,
    pub tag: Option<String>,
    pub note: String,
    pub author: String,
}

/// The longest passage a mark may quote.
pub const MAX_PASSAGE_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnnotationError {
    #[error("an own tag needs a tag (1 to 40 characters)")]
    MissingTag,
    #[error("a tag is at most 40 characters")]
    TagTooLong,
    #[error("a note is at most 4000 characters")]
    NoteTooLong,
    #[error("the passage is empty: copy the words you mean from the narrative")]
    EmptyPassage,
    #[error("a passage is at most {MAX_PASSAGE_CHARS} characters: mark a shorter part")]
    PassageTooLong,
}

impl NewAnnotation {
    /// Checks the parts people type: a custom theme needs its tag; sizes are bounded.
    pub fn validate(&self) -> Result<(), AnnotationError> {
        match (&self.theme, self.tag.as_deref().map(str::trim)) {
            (Theme::Custom, None | Some("")) => return Err(AnnotationError::MissingTag),
            (_, Some(tag)) if tag.chars().count() > 40 => return Err(AnnotationError::TagTooLong),
            _ => {}
        }
        if self.note.chars().count() > 4000 {
            return Err(AnnotationError::NoteTooLong);
        }
        if let MarkedOn::Passage { quote, .. } = &self.on {
            if quote.trim().is_empty() {
                return Err(AnnotationError::EmptyPassage);
            }
            if quote.chars().count() > MAX_PASSAGE_CHARS {
                return Err(AnnotationError::PassageTooLong);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(theme: Theme, tag: Option<&str>) -> NewAnnotation {
        NewAnnotation {
            incident_id: 1,
            on: MarkedOn::Entries { first: 1, last: 1 },
            theme,
            tag: tag.map(str::to_owned),
            note: String::new(),
            author: "a".into(),
        }
    }

    #[test]
    fn themes_parse_and_custom_needs_a_tag() {
        for t in Theme::ALL {
            assert_eq!(t.as_str().parse::<Theme>().unwrap(), t);
        }
        assert!(
            "boring"
                .parse::<Theme>()
                .unwrap_err()
                .to_string()
                .contains("\"boring\"")
        );
        assert_eq!(
            new(Theme::Custom, None).validate(),
            Err(AnnotationError::MissingTag)
        );
        assert_eq!(
            new(Theme::Custom, Some("  ")).validate(),
            Err(AnnotationError::MissingTag)
        );
        assert!(
            new(Theme::Custom, Some("retained-messages"))
                .validate()
                .is_ok()
        );
        assert!(new(Theme::Surprise, None).validate().is_ok());
        assert_eq!(
            new(Theme::Surprise, Some(&"x".repeat(41))).validate(),
            Err(AnnotationError::TagTooLong)
        );
    }

    #[test]
    fn passages_are_bounded_and_serialise_with_their_target() {
        let passage = |quote: &str| NewAnnotation {
            on: MarkedOn::Passage {
                quote: quote.to_owned(),
                narrative_version: Some(3),
            },
            ..new(Theme::Paradox, None)
        };
        assert_eq!(
            passage(" \n ").validate(),
            Err(AnnotationError::EmptyPassage)
        );
        assert_eq!(
            passage(&"w".repeat(MAX_PASSAGE_CHARS + 1)).validate(),
            Err(AnnotationError::PassageTooLong)
        );
        assert!(passage("the notice was retained").validate().is_ok());
        let stored = Annotation {
            id: 7,
            incident_id: 1,
            on: passage("the notice was retained").on,
            theme: Theme::Paradox,
            tag: None,
            note: String::new(),
            author: "a".into(),
            created_at: time::macros::datetime!(2026-03-17 07:45 UTC),
        };
        let json = serde_json::to_value(&stored).unwrap();
        assert_eq!(json["on"], "passage");
        assert_eq!(json["quote"], "the notice was retained");
        assert_eq!(json["narrative_version"], 3);
        assert_eq!(stored.label(), "Paradox");
    }
}
