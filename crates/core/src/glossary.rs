//! The organisation's glossary, and finding its terms (and undefined acronyms) in prose.

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;
use time::OffsetDateTime;

/// The most aliases one term may have. The demo's terms have at most one; a term with more
/// than a handful of other names is usually several terms.
pub const MAX_ALIASES: usize = 16;
/// The most characters a term's aliases may have together.
pub const MAX_ALIAS_CHARS: usize = 400;

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
    #[error("a term has {count} aliases; at most {max}")]
    Aliases { count: usize, max: usize },
    #[error("a term's aliases have {count} characters together; at most {max}")]
    AliasChars { count: usize, max: usize },
    #[error("a definition is 1 to 10,000 characters")]
    Definition,
    #[error("a link must start with https:// or http://")]
    Link,
}

impl NewGlossaryTerm {
    pub fn validate(&self) -> Result<(), GlossaryError> {
        if self.aliases.len() > MAX_ALIASES {
            return Err(GlossaryError::Aliases {
                count: self.aliases.len(),
                max: MAX_ALIASES,
            });
        }
        let alias_chars: usize = self.aliases.iter().map(|a| a.chars().count()).sum();
        if alias_chars > MAX_ALIAS_CHARS {
            return Err(GlossaryError::AliasChars {
                count: alias_chars,
                max: MAX_ALIAS_CHARS,
            });
        }
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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// One use of a term in a text: byte offsets, and the term's index in the list the
/// [`Spellings`] were made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMatch {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

/// What [`Spellings::find_words_where`] found, and how many candidate matches it looked at
/// (the automaton's work beyond reading the text once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub words: Vec<WordMatch>,
    pub candidates: usize,
}

/// Every spelling of every term in one Aho-Corasick automaton, so that finding all of them in
/// a text is one pass over it, however many terms and aliases there are. Matching is
/// whole-word and ignores ASCII case, as [`find_word`] does.
#[derive(Debug, Clone)]
pub struct Spellings {
    automaton: Option<AhoCorasick>,
    /// The term each pattern spells.
    owners: Vec<usize>,
    terms: usize,
}

impl Spellings {
    /// From each term's spellings, in order; a spelling two terms share belongs to the first.
    pub fn new<T, S>(terms: impl IntoIterator<Item = T>) -> Self
    where
        T: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut count = 0;
        for (term, spellings) in terms.into_iter().enumerate() {
            count = term + 1;
            for s in spellings {
                let s = s.as_ref();
                if !s.is_empty() && seen.insert(s.to_ascii_lowercase()) {
                    patterns.push(s.to_owned());
                    owners.push(term);
                }
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("glossary spellings are bounded in number and length")
        });
        Spellings {
            automaton,
            owners,
            terms: count,
        }
    }

    /// How many terms the spellings came from.
    pub fn terms(&self) -> usize {
        self.terms
    }

    /// The automaton's heap memory, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.automaton.as_ref().map_or(0, AhoCorasick::memory_usage)
    }

    /// Whole-word uses of the terms in `text`, left to right, never overlapping: at each
    /// position the longest spelling wins ("NAT idle timeout", not "NAT"). `ok(start, end)`
    /// may refuse a match (say, one that starts inside an HTML entity); a shorter one at the
    /// same place may then win. Linear in the text: every match the automaton reports ends at
    /// a distinct (pattern, position), and patterns ending at one position differ in length.
    pub fn find_words_where(&self, text: &str, ok: impl Fn(usize, usize) -> bool) -> Found {
        let Some(automaton) = &self.automaton else {
            return Found::default();
        };
        // The longest acceptable match starting at each position.
        let mut longest: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        let mut candidates = 0;
        for m in automaton.find_overlapping_iter(text) {
            candidates += 1;
            let (start, end) = (m.start(), m.end());
            if !is_whole_word(text, start, end) || !ok(start, end) {
                continue;
            }
            let term = self.owners[m.pattern().as_usize()];
            let slot = longest.entry(start).or_insert((end, term));
            if end > slot.0 {
                *slot = (end, term);
            }
        }
        let mut words = Vec::new();
        let mut free_from = 0;
        for (start, (end, term)) in longest {
            if start >= free_from {
                words.push(WordMatch { start, end, term });
                free_from = end;
            }
        }
        Found { words, candidates }
    }

    /// [`Spellings::find_words_where`] accepting every whole word.
    pub fn find_words(&self, text: &str) -> Vec<WordMatch> {
        self.find_words_where(text, |_, _| true).words
    }

    /// Which terms `text` uses anywhere as a whole word (inside a longer term's words too).
    pub fn terms_used(&self, text: &str) -> Vec<bool> {
        let mut used = vec![false; self.terms];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                if is_whole_word(text, m.start(), m.end()) {
                    used[self.owners[m.pattern().as_usize()]] = true;
                }
            }
        }
        used
    }
}

/// Whether `text[start..end]` stands as a whole word, on character boundaries.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    text.is_char_boundary(start)
        && text.is_char_boundary(end)
        && text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c))
        && text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Acronyms in `text` (2–6 capital letters or digits, starting with a letter, as a whole word)
/// that no glossary spelling covers, each once, in order of first use.
pub fn undefined_acronyms(text: &str, terms: &[GlossaryTerm]) -> Vec<String> {
    let known: HashSet<String> = terms
        .iter()
        .flat_map(|t| t.spellings().map(str::to_ascii_uppercase))
        .collect();
    let mut found: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric())) {
        let is_acronym = (2..=6).contains(&word.len())
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && word.chars().filter(char::is_ascii_uppercase).count() >= 2;
        if is_acronym && !known.contains(word) && seen.insert(word) {
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

    /// Issue 9: one post with 20,000 aliases made every page that links terms crawl.
    #[test]
    fn aliases_are_bounded_in_number_and_length() {
        let ok = NewGlossaryTerm {
            term: "NAT".into(),
            aliases: vec!["network address translation".into()],
            definition: "Rewrites addresses.".into(),
            link: None,
            created_by: "a".into(),
        };
        assert!(ok.validate().is_ok());
        let many = NewGlossaryTerm {
            aliases: (0..20_000).map(|i| format!("a{i}")).collect(),
            ..ok.clone()
        };
        let err = many.validate().unwrap_err();
        assert_eq!(
            err,
            GlossaryError::Aliases {
                count: 20_000,
                max: 16
            }
        );
        assert_eq!(err.to_string(), "a term has 20000 aliases; at most 16");
        let long = NewGlossaryTerm {
            aliases: (0..10).map(|i| format!("{i}{}", "x".repeat(59))).collect(),
            ..ok
        };
        assert_eq!(
            long.validate(),
            Err(GlossaryError::AliasChars {
                count: 600,
                max: 400
            })
        );
    }

    fn spellings(terms: &[&[&str]]) -> Spellings {
        Spellings::new(terms.iter().map(|t| t.iter().copied()))
    }

    #[test]
    fn longest_spelling_wins_and_words_stay_whole() {
        let s = spellings(&[
            &["NAT"],
            &["NAT idle timeout"],
            &["IC", "incident commander"],
        ]);
        let text =
            "The NAT idle timeout hit the IC; NAT again, NATS never, the Incident Commander.";
        let words: Vec<(&str, usize)> = s
            .find_words(text)
            .iter()
            .map(|m| (&text[m.start..m.end], m.term))
            .collect();
        assert_eq!(
            words,
            [
                ("NAT idle timeout", 1),
                ("IC", 2),
                ("NAT", 0),
                ("Incident Commander", 2)
            ]
        );
        // A refused longest match leaves the shorter one at the same place.
        let found = s.find_words_where("NAT idle timeout", |_, end| end < 10);
        assert_eq!(
            found.words,
            [WordMatch {
                start: 0,
                end: 3,
                term: 0
            }]
        );
        // "NAT idle timeouts" is not the longer term, but still NAT.
        assert_eq!(s.find_words("NAT idle timeouts")[0].end, 3);
        assert_eq!(s.terms_used("the NAT idle timeout"), [true, true, false]);
        assert!(spellings(&[]).find_words("anything").is_empty());
    }

    /// However the spellings nest, the automaton's work stays linear in the text.
    #[test]
    fn overlapping_spellings_cost_linear_work() {
        let nested: Vec<String> = (1..=30).map(|n| vec!["a"; n].join(" ")).collect();
        let s = Spellings::new(nested.iter().map(|a| [a.as_str()]));
        let text = "a ".repeat(20_000);
        let found = s.find_words_where(&text, |_, _| true);
        assert!(
            found.candidates <= 30 * text.len(),
            "{} candidates for {} bytes",
            found.candidates,
            text.len()
        );
        assert_eq!(
            found.words[0],
            WordMatch {
                start: 0,
                end: 59,
                term: 29
            }
        );
    }
}
