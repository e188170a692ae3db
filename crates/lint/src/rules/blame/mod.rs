//! Blame: the outcome pinned on a person or team as their error or trait ("human error",
//! "careless", "didn't bother", "the operator's mistake"). Who did what, said plainly, is
//! not blame; nor is a system's error ("a configuration error in the load balancer").
//!
//! Each shape is a function that looks at one word of the sentence: it returns `true` when
//! the word starts its shape (whether or not it flags), and then no later shape is tried for
//! that word. [`check`] lists the shapes in that order of precedence. Every shape is tried
//! on nearly every word, so each is `#[inline]`: called out of line across the modules, they
//! made `benches/lint.rs` some 2% slower. The families:
//! - [`phrases`]: set phrases and idioms ("human error", "dropped the ball", "by mistake");
//! - [`failings`]: a trait or a failing named and owned ("careless", "the operator's
//!   mistake", "we made a mistake", "we were overzealous");
//! - [`errors`]: an error pinned on people after it or around it ("the error I made", "a
//!   mistake made by the captain", "crew programming errors", "that was a huge mistake",
//!   "the first mistake was a change I pushed");
//! - [`poor_work`]: a person's work or decision called wrong, improper or mis-done
//!   ("mistakenly", "the pilot's improper decision", "misjudged", "poor communication
//!   between myself and the vendor", "we did not test it properly");
//! - [`wrong`]: "wrong" on a person's act ("I deployed to the wrong cluster");
//! - [`care`]: care and attention found wanting or prescribed ("pay more attention", "must
//!   be vigilant", "lack of experience", "More closely monitor …", "do a better job");
//! - [`verdicts`]: the person judged outright ("shame on me", "Alice broke production",
//!   "this outage is on the data team");
//! - [`blamed`]: "blame" put on a person ("we blame the night supervisor");
//! - [`owned`]: a slip owned or found, keyed on one word ("sorry for the dumb mistake",
//!   "found fault with the Trust", "admitted the mistake", "I take responsibility for the
//!   wrongly deleted files");
//! - [`owners`]: who a failing belongs to, named after it ("by the operator", "on my part").

mod blamed;
mod care;
mod errors;
mod failings;
mod owned;
mod owners;
mod phrases;
mod poor_work;
mod verdicts;
mod wrong;

use super::{Found, View, clause, suggestion};
use crate::Category;

fn found(v: &View, first: usize, last: usize, with: &str) -> Found {
    Found {
        category: Category::Blame,
        first,
        last,
        suggestion: suggestion(
            &v.rewrite(first, last, with),
            "Say what the person did and what made it make sense at the time (what they saw, their tools, the pressure), rather than naming it a failing.",
        ),
    }
}

/// Verbs that report someone's complaint or claim: what follows is theirs, not the writer's
/// finding ("Mrs X complained that staff inappropriately removed …", "It is alleged that the
/// nurse made incorrect entries", "Mr Y says officers inappropriately questioned him").
/// "said" is left out: a company's statement of what its engineer did is reported as fact.
const CLAIMS: &[&str] = &[
    "complained",
    "complains",
    "alleged",
    "alleges",
    "argued",
    "argues",
    "contends",
    "contended",
    "says",
    "claims",
    "claimed",
    "insists",
    "insisted",
];

/// The index of a claim verb whose subject is a person or a name, or "It is alleged".
fn claim_at(v: &View) -> Option<usize> {
    (1..v.tokens().len()).find(|k| {
        v.word(*k).is_some_and(|w| w.any(CLAIMS))
            && (matches!(
                clause::subject(v.tokens(), *k).0,
                clause::Who::Person | clause::Who::Name
            ) || v.any(k - 1, &["is", "was", "been"]) && v.is(k + 1, "that"))
    })
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let start = out.len();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        // The first shape that starts at this word takes it.
        let _ = phrases::set_phrase(v, i, t, out)
            || owned::owned_verdict(v, i, t, out)
            || phrases::did_not_bother(v, i, t, out)
            || care::pay_closer_attention(v, i, t, out)
            || verdicts::shame_on(v, i, t, out)
            || verdicts::messed_up(v, i, t, out)
            || poor_work::error_adverb(v, i, t, out)
            || poor_work::poor_teamwork(v, i, t, out)
            || poor_work::poor_practice(v, i, t, out)
            || poor_work::poor_word(v, i, t, out)
            || failings::trait_word(v, i, t, out)
            || failings::manner_trait(v, i, t, out)
            || errors::error_noun(v, i, t, out)
            || failings::owned_failing(v, i, t, out)
            || failings::made_a_mistake(v, i, t, out)
            || verdicts::stupid_me(v, i, t, out)
            || verdicts::did_something_stupid(v, i, t, out)
            || verdicts::broke_something(v, i, t, out)
            || poor_work::did_not_properly(v, i, t, out)
            || care::more_attention(v, i, t, out)
            || care::closer_watch(v, i, t, out)
            || care::attention_paid(v, i, t, out)
            || care::check_everything(v, i, t, out)
            || care::care_needed(v, i, t, out)
            || poor_work::mis_noun(v, i, t, out)
            || poor_work::mis_gerund(v, i, t, out)
            || poor_work::mis_verb(v, i, t, out)
            || poor_work::not_properly_by(v, i, t, out)
            || care::not_distract(v, i, t, out)
            || care::be_careful(v, i, t, out)
            || verdicts::called_stupid(v, i, t, out)
            || phrases::against_better_judgement(v, i, t, out)
            || phrases::inattention_idiom(v, i, t, out)
            || care::not_careful_enough(v, i, t, out)
            || care::not_vigilant(v, i, t, out)
            || care::lack_word(v, i, t, out)
            || verdicts::on_word(v, i, t, out)
            || verdicts::unacceptable_word(v, i, t, out)
            || verdicts::unwise_choice(v, i, t, out)
            || blamed::blame_word(v, i, t, out);
    }
    // A complaint or claim reported: the fault words after its verb are the claimant's.
    if out.len() > start
        && let Some(c) = claim_at(v)
    {
        let mut j = 0;
        out.retain(|f| {
            j += 1;
            j <= start || f.first < c
        });
    }
}
