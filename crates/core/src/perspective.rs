use serde::Serialize;
use time::OffsetDateTime;

/// One person's account of an incident: their own, or an interview write-up. Perspectives are
/// kept side by side; nothing merges them into one story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Perspective {
    pub id: i64,
    pub incident_id: i64,
    /// Whose perspective it is.
    pub person: String,
    /// Who wrote it down (the account that saved it).
    pub written_by: String,
    /// An analyst's write-up of an interview, rather than the person's own words.
    pub interview: bool,
    /// Markdown.
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerspective {
    pub incident_id: i64,
    pub person: String,
    pub written_by: String,
    pub interview: bool,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PerspectiveError {
    #[error("say whose perspective this is (1 to 100 characters)")]
    Person,
    #[error("a perspective needs some words (at most 200,000 characters)")]
    Body,
}

impl NewPerspective {
    pub fn validate(&self) -> Result<(), PerspectiveError> {
        let person = self.person.trim().chars().count();
        if !(1..=100).contains(&person) {
            return Err(PerspectiveError::Person);
        }
        let body = self.body.trim().chars().count();
        if !(1..=200_000).contains(&body) {
            return Err(PerspectiveError::Body);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_a_person_and_words() {
        let ok = NewPerspective {
            incident_id: 1,
            person: "Tomás Brennan".into(),
            written_by: "demo".into(),
            interview: true,
            body: "I read \"kill the window\" as cancel it.".into(),
        };
        assert!(ok.validate().is_ok());
        let no_person = NewPerspective {
            person: "  ".into(),
            ..ok.clone()
        };
        assert_eq!(no_person.validate(), Err(PerspectiveError::Person));
        let no_words = NewPerspective {
            body: "\n".into(),
            ..ok
        };
        assert_eq!(no_words.validate(), Err(PerspectiveError::Body));
    }
}
