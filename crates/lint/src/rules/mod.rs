//! The rules, one module per category. Each reads one sentence's words and reports the words
//! it flags (a run of tokens) and a rewrite of the sentence that keeps its facts.

mod blame;
pub mod clause;
mod counterfactual;
mod minimiser;
mod single_cause;

use std::ops::Range;

use crate::Category;
use crate::text::{Sentence, Token};

/// What a rule found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub category: Category,
    /// The flagged words, as indexes of the sentence's tokens (inclusive range).
    pub first: usize,
    pub last: usize,
    pub suggestion: String,
}

/// Every rule over one sentence; a category flags the same words once.
pub fn check(text: &str, sentence: &Sentence) -> Vec<Found> {
    let mut found = Vec::new();
    let view = View { text, sentence };
    counterfactual::check(&view, &mut found);
    blame::check(&view, &mut found);
    minimiser::check(&view, &mut found);
    single_cause::check(&view, &mut found);
    found.sort_by_key(|f| (f.first, f.last, f.category));
    found.dedup_by(|a, b| a.category == b.category && a.first <= b.last && b.first <= a.last);
    found
}

/// A sentence and the document it is in, with helpers the rules share.
pub struct View<'a> {
    pub text: &'a str,
    pub sentence: &'a Sentence,
}

/// A flag's suggestion: the rewritten sentence, where changing or taking out the flagged
/// words leaves one ([`View::rewrite`] is empty where it would not), then the advice.
pub fn suggestion(rewritten: &str, advice: &str) -> String {
    if rewritten.is_empty() {
        advice.to_owned()
    } else {
        format!("{rewritten} {advice}")
    }
}

impl View<'_> {
    pub fn tokens(&self) -> &[Token] {
        &self.sentence.tokens
    }

    /// The word at `i`, when it is a word the rules may read.
    pub fn word(&self, i: usize) -> Option<&Token> {
        self.tokens().get(i).filter(|t| !t.punct && !t.masked)
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).is_some_and(|t| t.is(word))
    }

    pub fn any(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|t| t.any(words))
    }

    /// The first place at or after `i` whose word is not one of `words`: past the adverbs
    /// and auxiliaries a shape allows between its parts.
    pub fn past(&self, i: usize, words: &[&str]) -> usize {
        (i..).find(|&k| !self.any(k, words)).unwrap_or(i)
    }

    /// Words `i..` read as the phrase `words` ("of", "course").
    pub fn phrase(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }

    /// The input's text of tokens `first..=last`.
    pub fn span(&self, first: usize, last: usize) -> &str {
        let t = self.tokens();
        &self.text[t[first].range.start..t[last].range.end]
    }

    /// The sentence with tokens `first..=last` replaced by `with` (and, when `with` is
    /// empty, the space after them removed), its line breaks made spaces.
    pub fn rewrite(&self, first: usize, last: usize, with: &str) -> String {
        let t = self.tokens();
        // A replacement with its own article ("an action that made sense at the time") takes
        // the place of the article before the words too ("caused by a human error" → "caused
        // by an action …"), and is not offered after a word that would modify it ("a silly
        // mistake" would read "a silly an action").
        let mut first = first;
        if with.starts_with("a ") || with.starts_with("an ") {
            let prev = first.checked_sub(1).and_then(|k| self.word(k));
            if prev.is_some_and(|w| w.any(DETERMINERS)) {
                first -= 1;
            } else if prev.is_some_and(|w| !w.any(BEFORE_A_NOUN_PHRASE)) {
                return String::new();
            }
        }
        let range = self.sentence.range.clone();
        let before = &self.text[range.start..t[first].range.start];
        let mut after = &self.text[t[last].range.end..range.end];
        let mut before = before.to_owned();
        if with.is_empty() {
            if !self.removal_reads(first, last) {
                return String::new();
            }
            after = after.trim_start();
            if before.ends_with('(') && after.starts_with(')') {
                // "I assumed (wrongly) that": the brackets go with the word.
                before = before[..before.len() - 1].trim_end().to_owned();
                after = &after[1..];
                return one_line(&format!("{before}{after}"));
            }
            if before.trim().is_empty() {
                // The sentence began with the words: the mark that set them off goes with
                // them ("My bad: I merged it"), and the next word takes their capital.
                let after = after.trim_start_matches(SETTING_OFF).trim_start();
                let mut chars = after.chars();
                let capitalised: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                return one_line(&format!("{before}{capitalised}"));
            }
            if after.starts_with([',', '.', ';', ':', '!', '?', '—', '–', ')']) {
                before = before.trim_end().to_owned();
                // Words set off on both sides leave one mark where a clause follows ("failed,
                // my bad, and we" → "failed, and we") and none where the sentence goes on
                // ("It was, of course, a simple fix" → "It was a simple fix") or ends.
                if before.ends_with(SETTING_OFF) {
                    if !after.starts_with(['.', '!', '?']) {
                        after =
                            after[after.chars().next().map_or(0, char::len_utf8)..].trim_start();
                    }
                    let next = after
                        .split(|c: char| !c.is_alphabetic())
                        .next()
                        .unwrap_or("");
                    let clause_follows = ["and", "but", "or", "so", "yet", "then"]
                        .iter()
                        .any(|w| next.eq_ignore_ascii_case(w));
                    if !clause_follows || after.starts_with(['.', '!', '?']) {
                        before = before.trim_end_matches(SETTING_OFF).trim_end().to_owned();
                    }
                    if !after.starts_with(['.', '!', '?', ',', ';', ':']) {
                        before.push(' ');
                    }
                }
            }
        }
        if with.is_empty() {
            // "an easy five-minute job" less "easy" is "a five-minute job".
            agree_article(&mut before, after);
        }
        let with = if before.trim().is_empty() && t[first].capital {
            let mut chars = with.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            with.to_owned()
        };
        one_line(&format!("{before}{with}{after}"))
    }

    /// Whether the sentence still reads with tokens `first..=last` taken out: words set off
    /// by the sentence's edges or by punctuation ("My bad: I merged it", "failed, my bad,
    /// and"), one adverb ("simply", "carelessly"), or one word between an article or owner
    /// and its noun ("a careless change"); and something of the sentence is left. Otherwise
    /// ("we did not catch in our migration", "Like a total I forgot", "Sorry for the silly
    /// mistake.") a suggestion offers no rewritten sentence, only its question.
    fn removal_reads(&self, first: usize, last: usize) -> bool {
        let t = self.tokens();
        let left = (0..first).filter(|&k| !t[k].punct).count();
        let right = (last + 1..t.len()).filter(|&k| !t[k].punct).count();
        if left + right < 2 {
            return false;
        }
        let range = self.sentence.range.clone();
        let before = self.text[range.start..t[first].range.start].trim_end();
        let after = self.text[t[last].range.end..range.end].trim_start();
        let set_off_before =
            before.is_empty() || before.ends_with(SETTING_OFF) || before.ends_with('(');
        let set_off_after = after.is_empty()
            || after.starts_with(SETTING_OFF)
            || after.starts_with(['.', '!', '?', ')', '…']);
        if set_off_before && set_off_after {
            return true;
        }
        if self.phrase(first, &["of", "course"]) && last == first + 1 {
            return true;
        }
        if first != last {
            return false;
        }
        let word = self.text[t[first].range.clone()].to_lowercase();
        let owner_before = first > 0
            && self.any(
                first - 1,
                &[
                    "a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this",
                    "that",
                ],
            );
        // "a simpler and quicker solution" less "simpler" would read "a and quicker".
        let word_after = t.get(first + 1).is_some_and(|n| !n.punct)
            && !self.any(first + 1, &["and", "or", "but", "nor"]);
        word.ends_with("ly")
            || ["just", "simply", "merely"].contains(&word.as_str())
            || (owner_before && word_after)
    }

    /// The sentence as written, on one line.
    pub fn sentence_text(&self) -> String {
        one_line(&self.text[self.sentence.range.clone()])
    }

    /// An utterance ends between token `i` and the next one: a stop, "..", "!", "?" or ";"
    /// that did not end the sentence (chat goes on in lower case: "i should have. hanks").
    pub fn stop_after(&self, i: usize) -> bool {
        let t = self.tokens();
        match t.get(i + 1) {
            None => true,
            Some(n) => self.text[t[i].range.end..n.range.start].contains(['.', '!', '?', '…', ';']),
        }
    }

    pub fn range(&self, first: usize, last: usize) -> Range<usize> {
        let t = self.tokens();
        t[first].range.start..t[last].range.end
    }
}

pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marks that set words off inside a sentence: removing the words removes one of them.
const SETTING_OFF: &[char] = &[',', ';', ':', '—', '–'];

/// Words a replacement with its own article stands in for.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "my", "our", "your", "his", "her", "their", "its",
];

/// Words after which a noun phrase with its own article reads ("caused by", "was", "of").
const BEFORE_A_NOUN_PHRASE: &[&str] = &[
    "by",
    "was",
    "is",
    "were",
    "are",
    "be",
    "been",
    "of",
    "to",
    "from",
    "through",
    "for",
    "with",
    "as",
    "at",
    "in",
    "on",
    "into",
    "and",
    "or",
    "but",
    "that",
    "it",
    "considered",
    "made",
    "make",
    "makes",
    "call",
    "called",
    "remove",
    "after",
    "before",
    "than",
    "like",
];

/// The article that ends `before` made to agree with the word `after` starts with, by its
/// first letter (a vowel takes "an"): "an easy five-minute job" without "easy" reads "a
/// five-minute job", "a simple outage" without "simple" "an outage".
fn agree_article(before: &mut String, after: &str) {
    let Some(first) = after.trim_start().chars().next() else {
        return;
    };
    if !first.is_alphanumeric() {
        return;
    }
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let lower = word.to_lowercase();
    let vowel = if word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
        // An initialism is said by its letters: "an IT contractor", "a UI".
        "AEFHILMNORSX".contains(first)
    } else if ["one", "once", "uni", "use", "usu", "eu"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        false
    } else if ["hour", "honest", "honour", "honor", "heir"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        true
    } else {
        matches!(first.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
    };
    let trimmed = before.trim_end();
    let space = &before[trimmed.len()..];
    let (stem, article) = match trimmed.rsplit_once(' ') {
        Some((stem, word)) => (format!("{stem} "), word),
        None => (String::new(), trimmed),
    };
    let fixed = match (article, vowel) {
        ("a", true) => "an",
        ("A", true) => "An",
        ("an", false) => "a",
        ("An", false) => "A",
        _ => return,
    };
    *before = format!("{stem}{fixed}{space}");
}
