//! The organisation's glossary, and finding its terms (and undefined acronyms) in prose.

use serde::Serialize;
use time::OffsetDateTime;

/// A term newcomers may not know, with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryTerm {
    pub id: i64,
    pub term: String,
    pub aliases: Vec<String>,
    /// Markdown.
    pub definition: String,
    pub link: Option<String>,
    pub created_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl GlossaryTerm {
    /// The anchor of the term on the glossary page.
    pub fn anchor(&self) -> String {
        format!("term-{}", crate::Slug::derive(&self.term))
    }

    /// The term and its aliases: every spelling that links to it.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGlossaryTerm {
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: String,
    pub link: Option<String>,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GlossaryError {
    #[error("a term is 1 to 60 characters")]
    Term,
    #[error("a definition is 1 to 10,000 characters")]
    Definition,
    #[error("a link must start with https:// or http://")]
    Link,
}

impl NewGlossaryTerm {
    pub fn validate(&self) -> Result<(), GlossaryError> {
        let ok_term = |t: &str| (1..=60).contains(&t.trim().chars().count());
        if !ok_term(&self.term) || !self.aliases.iter().all(|a| ok_term(a)) {
            return Err(GlossaryError::Term);
        }
        if !(1..=10_000).contains(&self.definition.trim().chars().count()) {
            return Err(GlossaryError::Definition);
        }
        if let Some(link) = &self.link
            && !(link.starts_with("https://") || link.starts_with("http://"))
        {
            return Err(GlossaryError::Link);
        }
        Ok(())
    }
}

/// Where `word` stands in `text` as a whole word (not inside a longer word), ignoring ASCII
/// case; byte offsets.
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let lower_text = text.to_ascii_lowercase();
    let lower_word = word.to_ascii_lowercase();
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(i) = lower_text[from..].find(&lower_word) {
        let start = from + i;
        let end = start + lower_word.len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after_ok = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok && text.is_char_boundary(start) && text.is_char_boundary(end) {
            return Some(start);
        }
        from = start + lower_word.len().max(1);
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Acronyms in `text` (2–6 capital letters or digits, starting with a letter, as a whole word)
/// that no glossary spelling covers, each once, in order of first use.
pub fn undefined_acronyms(text: &str, terms: &[GlossaryTerm]) -> Vec<String> {
    let known: Vec<String> = terms
        .iter()
        .flat_map(|t| {
            t.spellings()
                .map(str::to_ascii_uppercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut found: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric())) {
        let is_acronym = (2..=6).contains(&word.len())
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && word.chars().filter(char::is_ascii_uppercase).count() >= 2;
        if is_acronym && !known.contains(&word.to_owned()) && !found.iter().any(|f| f == word) {
            found.push(word.to_owned());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str, aliases: &[&str]) -> GlossaryTerm {
        GlossaryTerm {
            id: 1,
            term: t.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            definition: "d".into(),
            link: None,
            created_by: "a".into(),
            created_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(find_word("the MQTT broker", "mqtt"), Some(4));
        assert_eq!(find_word("MQTTv5 broker", "mqtt"), None);
        assert_eq!(
            find_word("retained message, Retained", "retained message"),
            Some(0)
        );
        assert_eq!(find_word("ünïcode IC here", "IC"), Some(10));
        assert_eq!(find_word("", "x"), None);
    }

    #[test]
    fn acronyms_not_in_the_glossary() {
        let terms = [term("MQTT", &[]), term("incident commander", &["IC"])];
        assert_eq!(
            undefined_acronyms(
                "The IC asked SRE about MQTT and NAT, then NAT again; OK? A. 2FA",
                &terms
            ),
            ["SRE", "NAT", "OK"]
        );
    }

    #[test]
    fn validation() {
        let ok = NewGlossaryTerm {
            term: "MQTT".into(),
            aliases: vec![],
            definition: "A publish/subscribe protocol.".into(),
            link: Some("https://mqtt.org".into()),
            created_by: "a".into(),
        };
        assert!(ok.validate().is_ok());
        let bad_link = NewGlossaryTerm {
            link: Some("javascript:alert(1)".into()),
            ..ok.clone()
        };
        assert_eq!(bad_link.validate(), Err(GlossaryError::Link));
        let no_def = NewGlossaryTerm {
            definition: " ".into(),
            ..ok
        };
        assert_eq!(no_def.validate(), Err(GlossaryError::Definition));
    }
}
