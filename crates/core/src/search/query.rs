//! The search query language: what a reader types into the search box, parsed once into a
//! [`SearchQuery`] that each store turns into its own full-text syntax.
//!
//! Accepted, and nothing else needs to be learnt:
//! - words: every word must match (`dock broker`);
//! - `"an exact phrase"`;
//! - `-word` or `-"a phrase"`: leave out what contains it;
//! - `prefix*`: words that start with it (at least [`MIN_PREFIX_CHARS`] letters first);
//! - filters `field:value` or `field:"two words"` for [`Field`]s. The same field twice means
//!   either value (`service:a service:b`); different fields must all hold.
//!
//! A word is cut into tokens where a letter or digit run ends (`dock-broker` is the phrase
//! `dock broker`), the same rule both stores' indexes follow, so what is typed and what is
//! indexed agree. Every failure is a [`QueryError`] whose message a reader can act on.

use std::fmt;

use super::text::tokens;
use crate::{EntryKind, Slug, Theme};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most words, phrases and exclusions in one query.
pub const MAX_TERMS: usize = 16;
/// Most filters in one query.
pub const MAX_FILTERS: usize = 12;
/// Most tokens in one phrase.
pub const MAX_PHRASE_TOKENS: usize = 16;
/// Letters a prefix needs before its `*`: shorter prefixes match most of the index.
pub const MIN_PREFIX_CHARS: usize = 2;

/// What matched: the kinds of thing a search finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// The incident's title, summary, services and tags.
    Incident,
    /// A section of the incident's current narrative.
    Narrative,
    Perspective,
    /// A timeline entry.
    Entry,
    /// A moment: its note, tag and marked passage.
    Moment,
    Glossary,
    Comment,
    /// A line in a git repository that cites the incident: a commit message, code, a doc.
    Reference,
}

impl HitKind {
    pub const ALL: [HitKind; 8] = [
        HitKind::Incident,
        HitKind::Narrative,
        HitKind::Perspective,
        HitKind::Entry,
        HitKind::Moment,
        HitKind::Glossary,
        HitKind::Comment,
        HitKind::Reference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::Incident => "incident",
            HitKind::Narrative => "narrative",
            HitKind::Perspective => "perspective",
            HitKind::Entry => "entry",
            HitKind::Moment => "moment",
            HitKind::Glossary => "glossary",
            HitKind::Comment => "comment",
            HitKind::Reference => "reference",
        }
    }

    pub fn parse(s: &str) -> Option<HitKind> {
        HitKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How much a match here weighs against a match elsewhere: what an analyst wrote about the
    /// incident outweighs one line of chat.
    pub fn weight(self) -> f64 {
        match self {
            HitKind::Incident => 4.0,
            HitKind::Narrative | HitKind::Perspective => 2.0,
            HitKind::Moment | HitKind::Glossary | HitKind::Comment | HitKind::Reference => 1.5,
            HitKind::Entry => 1.0,
        }
    }
}

impl fmt::Display for HitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A field a filter narrows by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Incidents with a moment of this theme.
    Theme,
    /// Entries written by this person, perspectives told by them.
    Person,
    /// Incidents listing this service.
    Service,
    /// Incidents with this tag.
    Tag,
    /// What matched ([`HitKind`]) or, for entries, their [`EntryKind`].
    Kind,
    /// Entries from this kind of source (`slack`, `irc`, `csv`…).
    Source,
    /// Incidents that began in this year.
    Year,
    /// Incidents of this severity.
    Severity,
    /// One incident.
    Incident,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Theme,
        Field::Person,
        Field::Service,
        Field::Tag,
        Field::Kind,
        Field::Source,
        Field::Year,
        Field::Severity,
        Field::Incident,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Theme => "theme",
            Field::Person => "person",
            Field::Service => "service",
            Field::Tag => "tag",
            Field::Kind => "kind",
            Field::Source => "source",
            Field::Year => "year",
            Field::Severity => "severity",
            Field::Incident => "incident",
        }
    }

    fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// What `kind:` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindFilter {
    Hit(HitKind),
    Entry(EntryKind),
}

/// One thing to look for in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Lower-case tokens in order; one token for a plain word.
    pub tokens: Vec<String>,
    /// The last token is a prefix (`word*`).
    pub prefix: bool,
}

/// A parsed query: text terms and filters, each valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// All must match.
    pub include: Vec<Term>,
    /// None may match.
    pub exclude: Vec<Term>,
    pub themes: Vec<Theme>,
    /// Names compared without regard to case.
    pub people: Vec<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub kinds: Vec<KindFilter>,
    pub sources: Vec<String>,
    pub years: Vec<i32>,
    pub severities: Vec<String>,
    pub incidents: Vec<Slug>,
}

/// Why a query cannot be run, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("The search is {chars} characters long; at most {MAX_QUERY_CHARS} are searched.")]
    TooLong { chars: usize },
    #[error("A quotation mark is not closed: close it, or remove it to search for the words.")]
    UnclosedQuote,
    #[error("The search has more than {MAX_TERMS} words and phrases; remove some.")]
    TooManyTerms,
    #[error("The search has more than {MAX_FILTERS} filters; remove some.")]
    TooManyFilters,
    #[error("A phrase has more than {MAX_PHRASE_TOKENS} words; shorten it.")]
    PhraseTooLong,
    #[error(
        "\"{word}\" is too short a prefix: put at least {MIN_PREFIX_CHARS} letters before the *."
    )]
    PrefixTooShort { word: String },
    #[error(
        "\"{0}:\" is not a filter. Filters are theme:, person:, service:, tag:, kind:, \
         source:, year:, severity: and incident:. To search for the words, put them in quotes."
    )]
    UnknownField(String),
    #[error("\"{0}:\" needs a value after the colon, such as {0}:something.")]
    EmptyFilter(String),
    #[error("\"{value}\" is not a theme. Themes are {themes}.")]
    UnknownTheme { value: String, themes: String },
    #[error("\"{value}\" is not a kind. Kinds are {kinds}.")]
    UnknownKind { value: String, kinds: String },
    #[error("\"{0}\" is not a year: write four digits, such as year:2025.")]
    BadYear(String),
    #[error("\"{0}\" is not an incident's name as it appears in its address.")]
    BadIncident(String),
    #[error("A filter cannot be excluded with -; search without it instead.")]
    ExcludedFilter,
    #[error(
        "Add a word to look for: -word only leaves out results, so it cannot be searched alone."
    )]
    OnlyExclusions,
}

impl SearchQuery {
    /// Parses what a reader typed. An empty or blank query is an empty `SearchQuery`
    /// ([`SearchQuery::is_empty`]), not an error.
    pub fn parse(input: &str) -> Result<SearchQuery, QueryError> {
        let chars = input.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong { chars });
        }
        let mut query = SearchQuery::default();
        let mut filters = 0;
        for part in split_parts(input)? {
            match part {
                Part::Filter {
                    negated,
                    field,
                    value,
                } => {
                    if negated {
                        return Err(QueryError::ExcludedFilter);
                    }
                    filters += 1;
                    if filters > MAX_FILTERS {
                        return Err(QueryError::TooManyFilters);
                    }
                    query.add_filter(field, &value)?;
                }
                Part::Text {
                    negated,
                    text,
                    quoted,
                } => {
                    let Some(term) = term(&text, quoted)? else {
                        continue;
                    };
                    let list = if negated {
                        &mut query.exclude
                    } else {
                        &mut query.include
                    };
                    list.push(term);
                    if query.include.len() + query.exclude.len() > MAX_TERMS {
                        return Err(QueryError::TooManyTerms);
                    }
                }
            }
        }
        if query.include.is_empty() && !query.exclude.is_empty() {
            return Err(QueryError::OnlyExclusions);
        }
        Ok(query)
    }

    /// Nothing to look for and nothing to narrow by.
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && !self.has_filters()
    }

    pub fn has_filters(&self) -> bool {
        !(self.themes.is_empty()
            && self.people.is_empty()
            && self.services.is_empty()
            && self.tags.is_empty()
            && self.kinds.is_empty()
            && self.sources.is_empty()
            && self.years.is_empty()
            && self.severities.is_empty()
            && self.incidents.is_empty())
    }

    /// Filters that narrow which incidents count (as opposed to which hits within them).
    pub fn has_incident_filters(&self) -> bool {
        !(self.themes.is_empty()
            && self.services.is_empty()
            && self.tags.is_empty()
            && self.years.is_empty()
            && self.severities.is_empty()
            && self.incidents.is_empty())
    }

    /// Whether hits of this kind can match the query's `kind:`, `person:` and `source:`.
    pub fn admits(&self, kind: HitKind) -> bool {
        let kind_ok = self.kinds.is_empty()
            || self.kinds.iter().any(|k| match k {
                KindFilter::Hit(h) => *h == kind,
                KindFilter::Entry(_) => kind == HitKind::Entry,
            });
        let person_ok =
            self.people.is_empty() || matches!(kind, HitKind::Entry | HitKind::Perspective);
        let source_ok = self.sources.is_empty() || kind == HitKind::Entry;
        let incident_ok = !self.has_incident_filters() || kind != HitKind::Glossary;
        kind_ok && person_ok && source_ok && incident_ok
    }

    /// The entry kinds `kind:` asked for; empty when any entry kind will do.
    pub fn entry_kinds(&self) -> Vec<EntryKind> {
        self.kinds
            .iter()
            .filter_map(|k| match k {
                KindFilter::Entry(e) => Some(*e),
                KindFilter::Hit(_) => None,
            })
            .collect()
    }

    /// Every token looked for (not excluded), with whether it is a prefix: what snippets
    /// highlight.
    pub fn highlight_tokens(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for term in &self.include {
            let last = term.tokens.len() - 1;
            for (i, t) in term.tokens.iter().enumerate() {
                out.push((t.clone(), term.prefix && i == last));
            }
        }
        out
    }

    fn add_filter(&mut self, field: Field, value: &str) -> Result<(), QueryError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(QueryError::EmptyFilter(field.as_str().to_string()));
        }
        let lower = value.to_lowercase();
        match field {
            Field::Theme => {
                let theme = lower
                    .parse::<Theme>()
                    .map_err(|_| QueryError::UnknownTheme {
                        value: value.to_string(),
                        themes: Theme::ALL.map(|t| t.as_str()).join(", "),
                    })?;
                push_unique(&mut self.themes, theme);
            }
            Field::Person => push_unique(&mut self.people, lower),
            Field::Service => push_unique(&mut self.services, value.to_string()),
            Field::Tag => push_unique(&mut self.tags, value.to_string()),
            Field::Kind => {
                let kind = if let Some(h) = HitKind::parse(&lower) {
                    KindFilter::Hit(h)
                } else if let Ok(e) = lower.parse::<EntryKind>() {
                    KindFilter::Entry(e)
                } else {
                    let mut kinds: Vec<&str> = HitKind::ALL.map(|k| k.as_str()).to_vec();
                    kinds.extend(EntryKind::ALL.map(|k| k.as_str()));
                    return Err(QueryError::UnknownKind {
                        value: value.to_string(),
                        kinds: kinds.join(", "),
                    });
                };
                push_unique(&mut self.kinds, kind);
            }
            Field::Source => push_unique(&mut self.sources, lower),
            Field::Year => {
                let year = (value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| value.parse::<i32>().ok())
                    .flatten()
                    .ok_or_else(|| QueryError::BadYear(value.to_string()))?;
                push_unique(&mut self.years, year);
            }
            Field::Severity => push_unique(&mut self.severities, value.to_string()),
            Field::Incident => {
                let slug =
                    Slug::parse(&lower).map_err(|_| QueryError::BadIncident(value.to_string()))?;
                push_unique(&mut self.incidents, slug);
            }
        }
        Ok(())
    }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// A text part turned into a term: `None` when it holds no letter or digit (`--`, `&`).
fn term(text: &str, quoted: bool) -> Result<Option<Term>, QueryError> {
    let (text, prefix) = match text.strip_suffix('*') {
        Some(rest) if !quoted => (rest, true),
        _ => (text, false),
    };
    let tokens: Vec<String> = tokens(text).map(|(_, t)| t.to_lowercase()).collect();
    if tokens.is_empty() {
        return Ok(None);
    }
    if tokens.len() > MAX_PHRASE_TOKENS {
        return Err(QueryError::PhraseTooLong);
    }
    if prefix
        && tokens
            .last()
            .is_some_and(|t| t.chars().count() < MIN_PREFIX_CHARS)
    {
        return Err(QueryError::PrefixTooShort {
            word: format!("{text}*"),
        });
    }
    Ok(Some(Term { tokens, prefix }))
}

enum Part {
    Text {
        negated: bool,
        text: String,
        quoted: bool,
    },
    Filter {
        negated: bool,
        field: Field,
        value: String,
    },
}

/// Splits the input at white space outside quotes, one pass.
fn split_parts(input: &str) -> Result<Vec<Part>, QueryError> {
    let mut parts = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negated = c == '-';
        if negated {
            chars.next();
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let text = read_quoted(&mut chars)?;
            parts.push(Part::Text {
                negated,
                text,
                quoted: true,
            });
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            if c == ':' && is_field_name(&word) {
                chars.next();
                if chars.peek() == Some(&'/') {
                    // A web address typed as words (https://…), not a filter.
                    word.push(':');
                    continue;
                }
                let field = Field::parse(&word.to_lowercase())
                    .ok_or_else(|| QueryError::UnknownField(word.clone()))?;
                let value = if chars.peek() == Some(&'"') {
                    chars.next();
                    read_quoted(&mut chars)?
                } else {
                    let mut v = String::new();
                    while let Some(&c) = chars.peek() {
                        if c.is_whitespace() {
                            break;
                        }
                        v.push(c);
                        chars.next();
                    }
                    v
                };
                parts.push(Part::Filter {
                    negated,
                    field,
                    value,
                });
                word.clear();
                break;
            }
            word.push(c);
            chars.next();
        }
        if !word.is_empty() {
            parts.push(Part::Text {
                negated,
                text: word,
                quoted: false,
            });
        }
    }
    Ok(parts)
}

/// Letters only, so `12:30` and `a1:b` stay words.
fn is_field_name(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic())
}

fn read_quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<String, QueryError> {
    let mut text = String::new();
    for c in chars.by_ref() {
        if c == '"' {
            return Ok(text);
        }
        text.push(c);
    }
    Err(QueryError::UnclosedQuote)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &[&str]) -> Term {
        Term {
            tokens: t.iter().map(|s| s.to_string()).collect(),
            prefix: false,
        }
    }

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        let q = SearchQuery::parse(r#"Dock-Broker "stale  cache" retr* -flaky"#).unwrap();
        assert_eq!(
            q.include,
            vec![
                words(&["dock", "broker"]),
                words(&["stale", "cache"]),
                Term {
                    tokens: vec!["retr".into()],
                    prefix: true
                },
            ]
        );
        assert_eq!(q.exclude, vec![words(&["flaky"])]);
        assert_eq!(
            q.highlight_tokens(),
            vec![
                ("dock".into(), false),
                ("broker".into(), false),
                ("stale".into(), false),
                ("cache".into(), false),
                ("retr".into(), true)
            ]
        );
    }

    #[test]
    fn filters_are_parsed_and_validated() {
        let q = SearchQuery::parse(
            r#"nat theme:Misunderstanding person:"Nadia Okafor" service:dock-broker tag:mqtt kind:deploy kind:narrative source:slack year:2025 incident:riverton-2026 severity:SEV2"#,
        )
        .unwrap();
        assert_eq!(q.include, vec![words(&["nat"])]);
        assert_eq!(q.themes, vec![Theme::Misunderstanding]);
        assert_eq!(q.people, vec!["nadia okafor".to_string()]);
        assert_eq!(q.services, vec!["dock-broker".to_string()]);
        assert_eq!(q.tags, vec!["mqtt".to_string()]);
        assert_eq!(
            q.kinds,
            vec![
                KindFilter::Entry(EntryKind::Deploy),
                KindFilter::Hit(HitKind::Narrative)
            ]
        );
        assert_eq!(q.sources, vec!["slack".to_string()]);
        assert_eq!(q.years, vec![2025]);
        assert_eq!(q.severities, vec!["SEV2".to_string()]);
        assert_eq!(q.incidents[0].as_str(), "riverton-2026");
    }

    #[test]
    fn times_and_addresses_are_words_not_filters() {
        let q = SearchQuery::parse("12:30 https://example.com/x").unwrap();
        assert_eq!(
            q.include,
            vec![
                words(&["12", "30"]),
                words(&["https", "example", "com", "x"])
            ]
        );
    }

    #[test]
    fn malformed_queries_get_readable_errors() {
        let cases: &[(&str, &str)] = &[
            ("\"open phrase", "not closed"),
            ("colour:red", "not a filter"),
            ("theme:anger", "not a theme"),
            ("kind:meeting", "not a kind"),
            ("year:25", "not a year"),
            ("incident:Not/A/Slug", "address"),
            ("-flaky", "cannot be searched alone"),
            ("-theme:surprise", "cannot be excluded"),
            ("a*", "too short a prefix"),
            ("service:", "needs a value"),
        ];
        for (input, expected) in cases {
            let err = SearchQuery::parse(input).unwrap_err().to_string();
            assert!(err.contains(expected), "{input}: {err}");
        }
        let long = "word ".repeat(120);
        assert!(matches!(
            SearchQuery::parse(&long),
            Err(QueryError::TooLong { .. })
        ));
        let many = "w ".repeat(17);
        assert_eq!(SearchQuery::parse(&many), Err(QueryError::TooManyTerms));
    }

    #[test]
    fn punctuation_alone_is_ignored_and_blank_is_empty() {
        assert!(SearchQuery::parse("  -- & ").unwrap().is_empty());
        assert!(SearchQuery::parse("").unwrap().is_empty());
    }
}
