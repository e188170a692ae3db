//! Minimisers: words that make someone's difficulty look trivial ("just", "simply",
//! "obviously", "clearly", "of course", "easy", "simple") where they describe what a person
//! did, had to do, should do or should have seen — in any tense, advice included. Not
//! flagged: "just" as only, exactly or recently ("just after midnight", "I've just installed"),
//! "not just", the words about systems and things ("the service simply returned 503"),
//! presentation ("a dashboard that clearly showed"), intensifiers and acknowledgements of
//! difficulty ("not trivial", "easily missed").
//!
//! Each shape is a function that looks at one word of the sentence: it returns `true` when
//! the word starts its shape (whether or not it flags), and then no later shape is tried for
//! that word. [`check`] lists the shapes in that order of precedence. Every shape is tried
//! on nearly every word, so each is `#[inline]`: called out of line across the modules, they
//! made `benches/lint.rs` some 2% slower. The families:
//! - [`just`]: "just", "simply", "merely" ("just roll it back", "she just never checked");
//! - [`obvious`]: "obviously", "clearly", "of course", "missed the obvious";
//! - [`easy`]: "easy", "simple", "obvious" and the like as a predicate or attribute, "as
//!   simple as", "how hard can it be", "it's not hard to", "easily";
//! - [`one_step`]: the task made one step ("all you need is", "all they had to do");
//! - [`context`]: what the families ask about a word's surroundings;
//! - [`words`]: the word lists.

mod context;
mod easy;
mod just;
mod obvious;
mod one_step;
mod words;

use super::{Found, View, suggestion};
use crate::Category;

fn found(v: &View, first: usize, last: usize) -> Found {
    Found {
        category: Category::Minimiser,
        first,
        last,
        suggestion: suggestion(
            // "only had to reissue": the adverb goes, the rest stays ("had to reissue").
            &if last > first && v.any(first, &["only", "just", "simply", "merely"]) {
                v.rewrite(first, first, "")
            } else {
                v.rewrite(first, last, "")
            },
            "(What looks easy afterwards was rarely easy then: say what made it hard.)",
        ),
    }
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let recently = v.tokens().iter().any(|t| t.is("ago"));
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        let prev = i.checked_sub(1).and_then(|k| v.word(k));
        // The first shape that starts at this word takes it.
        let _ = obvious::missed_the_obvious(v, i, t, out)
            || just::just(v, i, t, prev, recently, out)
            || obvious::obviously(v, i, t, prev, out)
            || obvious::clearly(v, i, t, prev, out)
            || obvious::of_course(v, i, t, out)
            || obvious::goes_without_saying(v, i, t, out)
            || easy::as_simple_as(v, i, t, prev, out)
            || easy::easy_adjective(v, i, t, prev, out)
            || easy::how_hard(v, i, t, out)
            || easy::task_not_hard(v, i, out)
            || easy::easily(v, i, t, prev, out)
            || one_step::all_you_need(v, i, t, out)
            || one_step::only_had_to(v, i, t, out)
            || one_step::all_they_had_to_do(v, i, t, out)
            || one_step::not_rocket_science(v, i, t, out);
    }
}
