//! Sentences and words of a prose block, each with its byte range in the input.

use std::ops::Range;

use crate::markdown::Block;

/// The longest sentence read, in words: past it a sentence is cut, so no input makes the
/// rules' work grow faster than its length.
pub const MAX_SENTENCE_WORDS: usize = 400;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    /// Lower-cased, with typographic apostrophes made straight.
    pub lower: String,
    /// The word begins with a capital letter.
    pub capital: bool,
    /// Punctuation that ends a clause or a phrase: `,` `;` `:` `(` `)` dashes.
    pub punct: bool,
    /// Inside code, a link address or quoted speech: no rule reads it.
    pub masked: bool,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        !self.punct && self.lower == word
    }
    pub fn any(&self, words: &[&str]) -> bool {
        !self.punct && words.contains(&self.lower.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub tokens: Vec<Token>,
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "approx", "incl", "cf", "fig", "no", "st",
    "eg", "ie", "al", "resp", "min", "max", "sec",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The sentences of a block.
pub fn sentences(text: &str, block: &Block) -> Vec<Sentence> {
    let s = &text[block.range.clone()];
    let base = block.range.start;
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') || block.is_masked(base + i) {
            continue;
        }
        let next = chars.get(k + 1).map(|x| x.1);
        if !next.is_none_or(char::is_whitespace) {
            continue;
        }
        // The next word must begin like a sentence.
        let following = chars[k + 1..]
            .iter()
            .map(|x| x.1)
            .find(|c| !c.is_whitespace());
        if following.is_some_and(|f| f.is_lowercase()) {
            continue;
        }
        if c == '.' {
            let word: String = s[start..i]
                .chars()
                .rev()
                .take_while(|c| is_word_char(*c) || *c == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let lower = word.to_lowercase();
            if ABBREVIATIONS.contains(&lower.as_str())
                || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
            {
                continue;
            }
        }
        push(text, block, base + start..base + i + c.len_utf8(), &mut out);
        start = i + c.len_utf8();
    }
    push(text, block, base + start..block.range.end, &mut out);
    out
}

fn push(text: &str, block: &Block, range: Range<usize>, out: &mut Vec<Sentence>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let range = range.start + lead..range.end - trail;
    if range.is_empty() {
        return;
    }
    let tokens = tokens(text, block, range.clone());
    if tokens.iter().any(|t| !t.punct) {
        out.push(Sentence { range, tokens });
    }
}

fn tokens(text: &str, block: &Block, range: Range<usize>) -> Vec<Token> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut words = 0;
    let end_word = |from: usize, to: usize, out: &mut Vec<Token>| {
        let w = &s[from..to];
        let w = w.trim_end_matches(['\'', '’', '‘', '´', '-', '.']);
        if w.is_empty() {
            return;
        }
        let at = range.start + from;
        out.push(Token {
            range: at..at + w.len(),
            // Scraped reports write the possessive with other marks ("the captain‘s"):
            // all of them read as the apostrophe.
            lower: w.to_lowercase().replace(['’', '‘', '´'], "'"),
            capital: w.chars().next().is_some_and(char::is_uppercase),
            punct: false,
            masked: block.is_masked(at),
        });
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        // Apostrophes, hyphens and dots inside a word keep it whole (don't, on-call, v1.2).
        let inner = matches!(c, '\'' | '’' | '‘' | '´' | '-' | '.')
            && word.is_some()
            && next.is_some_and(is_word_char);
        if is_word_char(c) || inner {
            word.get_or_insert(i);
            continue;
        }
        if let Some(from) = word.take() {
            end_word(from, i, &mut out);
            words += 1;
        }
        // A hyphen with spaces on both sides is a dash: "Sorry - totally missed it".
        let spaced_hyphen = c == '-'
            && k > 0
            && chars[k - 1].1.is_whitespace()
            && next.is_some_and(char::is_whitespace);
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–') || spaced_hyphen {
            let at = range.start + i;
            out.push(Token {
                range: at..at + c.len_utf8(),
                lower: c.to_string(),
                capital: false,
                punct: true,
                masked: block.is_masked(at),
            });
        }
        if words >= MAX_SENTENCE_WORDS {
            return out;
        }
    }
    if let Some(from) = word {
        end_word(from, s.len(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::blocks;

    fn split(md: &str) -> Vec<&str> {
        blocks(md)
            .iter()
            .flat_map(|b| sentences(md, b))
            .map(|s| &md[s.range])
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_abbreviations_or_versions() {
        assert_eq!(
            split("We upgraded to v1.2.3 at 10.30, e.g. the nodes. It broke! Why? Mr. Ng knew."),
            [
                "We upgraded to v1.2.3 at 10.30, e.g. the nodes.",
                "It broke!",
                "Why?",
                "Mr. Ng knew."
            ]
        );
        assert_eq!(
            split("see fig. 3 and the end. then more"),
            ["see fig. 3 and the end. then more"]
        );
    }

    #[test]
    fn words_keep_apostrophes_and_hyphens() {
        let md = "The on-call engineer didn’t check, sadly.";
        let b = &blocks(md)[0];
        let s = &sentences(md, b)[0];
        let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "the", "on-call", "engineer", "didn't", "check", ",", "sadly"
            ]
        );
        assert_eq!(&md[s.tokens[3].range.clone()], "didn’t");
    }
}
