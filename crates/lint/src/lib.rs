//! The second reader: reads a write-up's Markdown for hindsight and reports each flag with
//! its exact place, the words, why it matters and a rewrite that keeps the facts. It never
//! forbids anything: a flag is a question for the writer.
//!
//! Four categories (see `eval/RULES.md` for the labelling rule and examples):
//! - [`Category::Counterfactual`]: what a person or team should, could or ought to have
//!   done, or failed to do;
//! - [`Category::Blame`]: the outcome pinned on a person as their error or trait;
//! - [`Category::Minimiser`]: "just", "obviously" and the like about what a person did or
//!   should have seen;
//! - [`Category::SingleCause`]: one root cause framed as the story.
//!
//! How: the Markdown's prose is found ([`markdown`]: no code, quotes, headings), split into
//! sentences and words ([`text`]), and each sentence goes through rules that find the
//! clause's subject and verb ([`rules`]), so that a counterfactual about a person is told
//! from one about a system. Work is linear in the input: every rule looks at a bounded window
//! around each word, and sentences are cut at [`text::MAX_SENTENCE_WORDS`].

pub mod eval;
pub mod eval_moments;
pub mod lexicon;
pub mod markdown;
pub mod moments;
pub mod rules;
pub mod text;

use serde::Serialize;

/// The largest input linted, in bytes.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Counterfactual,
    Blame,
    Minimiser,
    SingleCause,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Counterfactual,
        Category::Blame,
        Category::Minimiser,
        Category::SingleCause,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Counterfactual => "counterfactual",
            Category::Blame => "blame",
            Category::Minimiser => "minimiser",
            Category::SingleCause => "single-cause",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Why the writer might reconsider: what a good facilitator would say.
    pub fn explanation(self) -> &'static str {
        match self {
            Category::Counterfactual => {
                "This says what someone should or could have done, judged with what was learnt afterwards. At the time they did not know what the write-up knows now; what they saw, knew and were trying to do teaches more than an imagined better past."
            }
            Category::Blame => {
                "This pins the outcome on a person or team as their error or failing. It ends the inquiry at the person; the useful story is what made the action make sense at the time: the signals, the tools, the pressure."
            }
            Category::Minimiser => {
                "This makes someone's difficulty look trivial. What is obvious afterwards was rarely obvious in the moment, and readers who were there will hear a judgement."
            }
            Category::SingleCause => {
                "This frames one root cause as the story. Incidents in complex systems have several contributors; naming one hides the others, and the search for it usually stops at a person or a change."
            }
        }
    }
}

/// A flag: the words, where they are, and what to do about them. Lines and columns are
/// 1-based on the input as given; columns count characters; `end_line`/`end_column` are just
/// past the last flagged character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub category: Category,
    /// Byte offsets in the input.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The flagged words, as written.
    pub span: String,
    /// The sentence they are in, on one line.
    pub sentence: String,
    pub explanation: &'static str,
    pub suggestion: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LintError {
    TooLarge { bytes: usize },
    Binary { at: usize },
}

impl std::fmt::Display for LintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LintError::TooLarge { bytes } => write!(
                f,
                "is {bytes} bytes; the most Lore lints is {MAX_INPUT_BYTES} bytes"
            ),
            LintError::Binary { at } => {
                write!(f, "looks binary (a NUL byte at byte {at}), not Markdown")
            }
        }
    }
}

impl std::error::Error for LintError {}

/// Lines and columns of byte offsets, found in one pass.
struct Positions<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Positions { text, line_starts }
    }

    /// (line, column), 1-based, of byte offset `at`.
    fn of(&self, at: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|s| *s <= at);
        let start = self.line_starts[line - 1];
        (line, self.text[start..at].chars().count() + 1)
    }
}

/// Every flag in a Markdown document, in the order they appear.
pub fn lint(text: &str) -> Result<Vec<Flag>, LintError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(LintError::TooLarge { bytes: text.len() });
    }
    if let Some(at) = text.bytes().position(|b| b == 0) {
        return Err(LintError::Binary { at });
    }
    let positions = Positions::new(text);
    let mut flags = Vec::new();
    for block in markdown::blocks(text) {
        for sentence in text::sentences(text, &block) {
            for found in rules::check(text, &sentence) {
                let view = rules::View {
                    text,
                    sentence: &sentence,
                };
                let range = view.range(found.first, found.last);
                let (line, column) = positions.of(range.start);
                let (end_line, end_column) = positions.of(range.end);
                flags.push(Flag {
                    category: found.category,
                    start: range.start,
                    end: range.end,
                    line,
                    column,
                    end_line,
                    end_column,
                    span: text[range].to_owned(),
                    sentence: view.sentence_text(),
                    explanation: found.category.explanation(),
                    suggestion: found.suggestion,
                });
            }
        }
    }
    Ok(flags)
}

/// The categories flagged in one sentence of plain text (the evaluation's unit).
pub fn categories_of(sentence: &str) -> Vec<Category> {
    let mut found: Vec<Category> = lint(sentence)
        .map(|flags| flags.into_iter().map(|f| f.category).collect())
        .unwrap_or_default();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_judgements;
#[cfg(test)]
mod tests_phrasing;
#[cfg(test)]
mod tests_styles;
