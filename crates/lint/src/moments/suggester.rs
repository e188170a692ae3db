//! The moment engine reading a timeline one line at a time, so that an incident of any size is
//! read in pages with memory that does not grow with it: what it keeps is bounded by the
//! authors (their open questions, who has spoken, recent arrivals), the distinct gap lengths,
//! the busy silences, and the best `10 × limit` candidates.
//!
//! It gives exactly the answers of reading every line at once (`tests::reference_suggest`,
//! compared on generated chats): candidates rank by score, then line, then the order the
//! one-pass engine found them in (phrases and unanswered questions, then silences, then
//! arrivals), and one line gives at most ten candidates (one per phrase kind, an unanswered
//! question, a silence, an arrival), so the best `10 × limit` hold the best `limit` lines.

use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet, VecDeque};

use aho_corasick::AhoCorasick;

use super::{ChatLine, MAX_SUGGESTIONS, Matcher, MomentKind, Suggestion, minutes};

/// At most this many candidates per line (see the module's comment).
const CANDIDATES_PER_LINE: usize = 10;

/// An author's question nobody has answered yet.
struct OpenQuestion<K> {
    index: usize,
    at: i64,
    key: K,
    /// Someone else wrote their name since.
    addressed: bool,
}

/// Where a candidate was found: ties in score and line rank in this order, as in the one-pass
/// engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Phrases,
    Silences,
    Arrivals,
}

struct Candidate<K> {
    suggestion: Suggestion,
    phase: Phase,
    seq: u64,
    key: K,
}

impl<K> Candidate<K> {
    /// Better candidates order first.
    fn rank(&self, other: &Self) -> std::cmp::Ordering {
        other
            .suggestion
            .score
            .total_cmp(&self.suggestion.score)
            .then(self.suggestion.index.cmp(&other.suggestion.index))
            .then(self.phase.cmp(&other.phase))
            .then(self.seq.cmp(&other.seq))
    }
}

// The heap keeps the worst candidate on top, to be dropped when a better one comes.
impl<K> PartialEq for Candidate<K> {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other).is_eq()
    }
}
impl<K> Eq for Candidate<K> {}
impl<K> PartialOrd for Candidate<K> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<K> Ord for Candidate<K> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank(other)
    }
}

/// Suggests moments from lines pushed in timeline order; each line carries a key of the
/// caller's (its entry id, say), returned with its suggestions.
pub struct Suggester<K> {
    matcher: Matcher,
    /// Every author's name, lower-cased, to find who a line names.
    names: AhoCorasick,
    /// The authors each of `names`' patterns stands for (names equal once lower-cased).
    named: Vec<Vec<String>>,
    /// Authors whose name lower-cases to nothing: every line names them.
    unnamed: Vec<String>,
    limit: usize,
    lines: usize,
    seq: u64,
    best: BinaryHeap<Candidate<K>>,
    open: HashMap<String, OpenQuestion<K>>,
    /// The times of the last six lines spoken (not system lines).
    recent: VecDeque<i64>,
    spoken: usize,
    /// How many gaps between spoken lines had each length.
    gaps: BTreeMap<i64, u64>,
    /// Gaps of 15 minutes or more after a busy exchange: (the line after, the gap, its key).
    quiet: Vec<(usize, i64, K)>,
    seen: HashSet<String>,
    /// New voices of the last five minutes: (line, time, system line, key).
    arrivals: Vec<(usize, i64, bool, K)>,
    last_joining: Option<i64>,
}

impl<K: Copy> Suggester<K> {
    /// An engine for a timeline whose lines are written by `authors` (every author the lines
    /// will carry: a question's answer is found by its asker's name), giving at most `limit`
    /// suggestions (and [`MAX_SUGGESTIONS`]).
    pub fn new<'a>(authors: impl IntoIterator<Item = &'a str>, limit: usize) -> Self {
        let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut unnamed = Vec::new();
        for author in authors {
            let lower = author.to_lowercase();
            if lower.is_empty() {
                unnamed.push(author.to_owned());
            } else {
                by_name.entry(lower).or_default().push(author.to_owned());
            }
        }
        let names = AhoCorasick::new(by_name.keys()).expect("names build an automaton");
        let limit = limit.min(MAX_SUGGESTIONS);
        Suggester {
            matcher: Matcher::new(),
            names,
            named: by_name.into_values().collect(),
            unnamed,
            limit,
            lines: 0,
            seq: 0,
            best: BinaryHeap::with_capacity(limit * CANDIDATES_PER_LINE + 1),
            open: HashMap::new(),
            recent: VecDeque::with_capacity(6),
            spoken: 0,
            gaps: BTreeMap::new(),
            quiet: Vec::new(),
            seen: HashSet::new(),
            arrivals: Vec::new(),
            last_joining: None,
        }
    }

    /// Reads the next line of the timeline.
    pub fn push(&mut self, line: &ChatLine<'_>, key: K) {
        let i = self.lines;
        self.lines += 1;
        let lower = (!line.system || !self.open.is_empty()).then(|| line.text.to_lowercase());
        if let (false, Some(lower)) = (line.system, &lower) {
            self.read_spoken(i, line, lower, key);
        }
        if let Some(lower) = &lower {
            self.mark_addressed(line.author, lower);
        }
        self.count_arrival(i, line, key);
    }

    /// Phrases, questions asked again unanswered, and the gap before a spoken line.
    fn read_spoken(&mut self, i: usize, line: &ChatLine<'_>, lower: &str, key: K) {
        for (kind, weight, phrase) in self.matcher.read(lower) {
            let boost = if line.text.contains('?') && kind == MomentKind::Surprise {
                0.5
            } else {
                0.0
            };
            let why = format!("{} says \"{phrase}\"", line.author.unwrap_or("someone"));
            self.offer(i, kind, weight + boost, why, Phase::Phrases, key);
        }
        // A question asked again by the same person, nobody having answered: it mattered to
        // them, and it went unanswered.
        if let Some(author) = line.author {
            let asked_again = self.open.get(author).is_some_and(|q| {
                line.at - q.at <= 30 * 60
                    && ["anyone", "anybody", "ping", "again", "still"]
                        .iter()
                        .any(|w| lower.contains(w))
                    && !q.addressed
            });
            if asked_again {
                let q = self
                    .open
                    .remove(author)
                    .expect("the question was found above");
                let why = format!("{author} asked, nobody answered, and they asked again");
                self.offer(
                    q.index,
                    MomentKind::Misunderstanding,
                    1.8,
                    why,
                    Phase::Phrases,
                    q.key,
                );
            } else if line.text.trim_end().ends_with('?') {
                let question = OpenQuestion {
                    index: i,
                    at: line.at,
                    key,
                    addressed: false,
                };
                self.open.insert(author.to_owned(), question);
            }
        }
        // A long silence in a busy exchange: the gap before this line, judged at the end
        // against the timeline's median gap.
        if let Some(&before) = self.recent.back() {
            let gap = line.at - before;
            *self.gaps.entry(gap).or_default() += 1;
            // Busy before: the five lines before the gap came within ten minutes.
            let k = self.spoken - 1;
            let busy = k >= 5 && before - self.recent[self.recent.len() - 6] <= 10 * 60;
            if gap >= 15 * 60 && busy {
                self.quiet.push((i, gap, key));
            }
        }
        self.spoken += 1;
        if self.recent.len() == 6 {
            self.recent.pop_front();
        }
        self.recent.push_back(line.at);
    }

    /// Open questions whose asker this line names, written by someone else, are answered.
    fn mark_addressed(&mut self, author: Option<&str>, lower: &str) {
        if self.open.is_empty() {
            return;
        }
        let answer = |name: &str, open: &mut HashMap<String, OpenQuestion<K>>| {
            if author != Some(name)
                && let Some(q) = open.get_mut(name)
            {
                q.addressed = true;
            }
        };
        for name in &self.unnamed {
            answer(name, &mut self.open);
        }
        for m in self.names.find_overlapping_iter(lower) {
            for name in &self.named[m.pattern().as_usize()] {
                answer(name, &mut self.open);
            }
        }
    }

    /// People joining in numbers: four or more new voices within five minutes.
    fn count_arrival(&mut self, i: usize, line: &ChatLine<'_>, key: K) {
        let Some(author) = line.author else { return };
        if self.seen.contains(author) {
            return;
        }
        self.seen.insert(author.to_owned());
        self.arrivals.push((i, line.at, line.system, key));
        self.arrivals.retain(|(_, at, _, _)| line.at - at <= 5 * 60);
        if self.arrivals.len() >= 4
            && self.last_joining.is_none_or(|t| line.at - t > 30 * 60)
            && self.seen.len() > 4
        {
            let (at, at_key, system) = self
                .arrivals
                .iter()
                .find(|(_, _, system, _)| !system)
                .map_or((i, key, line.system), |(j, _, _, k)| (*j, *k, false));
            let why = format!("{} people joined within five minutes", self.arrivals.len());
            let score = 1.5 + 0.5 * (self.arrivals.len() as f32 - 4.0).min(2.0);
            // A system line is never suggested.
            if !system {
                self.offer(at, MomentKind::Joining, score, why, Phase::Arrivals, at_key);
            }
            self.last_joining = Some(line.at);
        }
    }

    /// Keeps a candidate if it is among the best `10 × limit` so far.
    fn offer(
        &mut self,
        index: usize,
        kind: MomentKind,
        score: f32,
        why: String,
        phase: Phase,
        key: K,
    ) {
        self.seq += 1;
        let candidate = Candidate {
            suggestion: Suggestion {
                index,
                kind,
                score,
                why,
            },
            phase,
            seq: self.seq,
            key,
        };
        if self.best.len() < self.limit * CANDIDATES_PER_LINE {
            self.best.push(candidate);
        } else if let Some(worst) = self.best.peek()
            && candidate < *worst
        {
            self.best.pop();
            self.best.push(candidate);
        }
    }

    /// The strongest suggestions, best first, one per line, each with its line's key.
    pub fn finish(mut self) -> Vec<(Suggestion, K)> {
        let gaps: u64 = self.gaps.values().sum();
        let mut below = gaps / 2;
        let median = self
            .gaps
            .iter()
            .find(|(_, n)| {
                let here = below < **n;
                below = below.saturating_sub(**n);
                here
            })
            .map_or(0, |(gap, _)| *gap);
        let threshold = (median * 8).max(15 * 60);
        for (index, gap, key) in std::mem::take(&mut self.quiet) {
            if gap >= threshold {
                let why = format!("nobody wrote for {} after a busy exchange", minutes(gap));
                self.offer(index, MomentKind::Silence, 2.5, why, Phase::Silences, key);
            }
        }
        let mut found = self.best.into_sorted_vec();
        let mut taken: HashSet<usize> = HashSet::new();
        found.retain(|c| taken.insert(c.suggestion.index));
        found.truncate(self.limit);
        found.into_iter().map(|c| (c.suggestion, c.key)).collect()
    }
}
