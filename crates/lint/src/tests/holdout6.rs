//! Causes found in holdout6's mistakes (released for tuning on 2026-12-03), each fixed by its
//! grammatical cause and tested from both sides in other styles: formal post-mortems, chat,
//! commit messages, aviation reports, the second person. The sentences are written for these
//! tests, not taken from the evaluation sets.

use super::{has, none, none_of, one};
use crate::*;

#[test]
fn an_adverb_between_have_and_the_participle_keeps_the_modal_perfect() {
    use Category::Counterfactual as C;
    one(
        "you could have always restored it from the nightly snapshot",
        C,
        "could have always restored",
    );
    one(
        "The reviewer should have even asked for a second pair of eyes.",
        C,
        "should have even asked",
    );
    // A system's doing, or what people would have lived through, stays unflagged.
    none("The cache could have always expired sooner than we thought.");
    none("Customers would have even lost their drafts.");
}

#[test]
fn getting_rid_of_something_is_an_action_not_an_experience() {
    use Category::Counterfactual as C;
    one(
        "I wish the maintainers wouldn't have gotten rid of the 32-bit libraries.",
        C,
        "wouldn't have gotten",
    );
    one(
        "we should've got rid of the old cron job first",
        C,
        "should've got",
    );
    // What people would have received is still impact, not an action.
    none("Users would have gotten an error page for an hour.");
}

#[test]
fn chat_spellings_of_didnt_before_a_perception_verb() {
    use Category::Counterfactual as C;
    one("sry, dint notice your reply", C, "dint notice");
    one(
        "i didint check the logs before restarting",
        C,
        "didint check",
    );
    // The old noun "dint" is not a negation.
    none("By dint of careful testing the migration went smoothly.");
}

#[test]
fn a_role_between_the_modal_and_have_in_a_question() {
    use Category::Counterfactual as C;
    one(
        "Couldn't the release manager have waited until Monday?",
        C,
        "Couldn't the release manager have waited",
    );
    one(
        "Shouldn't the on-call engineer have paged the DBA?",
        C,
        "Shouldn't the on-call engineer have paged",
    );
    // A thing in that place is a system counterfactual.
    none("Couldn't the cache have expired on its own?");
    none("Shouldn't the backup job have finished by then?");
}

#[test]
fn damage_that_could_have_been_done_is_a_guess_not_a_course() {
    use Category::Counterfactual as C;
    // A guess at the harm: the person may have damaged it.
    none("Oh, you could have fried the power supply doing that.");
    none("We could have corrupted the disk when the power dropped.");
    // A course of action not taken is still flagged.
    one(
        "You could have unplugged the power supply first.",
        C,
        "could have unplugged",
    );
}

#[test]
fn wrong_without_its_article_in_chat_is_the_doers_slip() {
    use Category::Blame as B;
    one(
        "i cloned wrong disk and lost the partition table",
        B,
        "wrong",
    );
    one(
        "I do that a lot, push commits to wrong branch, oops",
        B,
        "wrong",
    );
    // No noun after it, a thing as the doer, or a new utterance in between.
    none_of("the cable is wired wrong", B);
    none_of("the installer picked wrong partition", B);
    none_of(
        "what disk are you using? maybe the installer picked the wrong one",
        B,
    );
}

#[test]
fn the_outage_on_a_named_person_is_blame() {
    use Category::Blame as B;
    has(
        "Honestly this outage is on Dmitri, who merged it without review.",
        B,
        "on Dmitri",
    );
    has(
        "The incident was entirely on Keiko.",
        B,
        "entirely on Keiko",
    );
    // A day, a vendor, a place: where or when, not whose fault.
    none_of("The incident review is on Monday, after standup.", B);
    none_of("The outage is on AWS, in us-east-1.", B);
}

#[test]
fn a_team_handling_something_in_an_unacceptable_way_is_blame() {
    use Category::Blame as B;
    one(
        "The on-call team handled the escalation in a completely unacceptable way.",
        B,
        "completely unacceptable way",
    );
    one(
        "we communicated it in an utterly unacceptable manner",
        B,
        "utterly unacceptable manner",
    );
    // A thing behaving unacceptably judges no one.
    none("The page renders in an unacceptable way on mobile.");
}

#[test]
fn a_persons_act_judged_unwise_is_blame() {
    use Category::Blame as B;
    one(
        "you compiled the driver by hand (not a wise choice on a laptop), so apt can't remove it",
        B,
        "not a wise choice",
    );
    one(
        "The crew continued the approach, an unwise decision in that weather.",
        B,
        "unwise decision",
    );
    // Advice for later, or a tool judged, with nothing done by anyone.
    none("It's not a wise choice to run the installer as root.");
    none("Postgres is not a smart choice for a job queue.");
}

#[test]
fn chat_insults_are_blame_unless_an_adjective_on_a_thing() {
    use Category::Blame as B;
    has(
        "the admins were dimwitted dumbasses about it",
        B,
        "dumbasses",
    );
    one("he is a total dimwit", B, "dimwit");
    // "my dumbass laptop": the insult on a thing.
    none_of("my dumbass laptop rebooted again", B);
    none_of("this idiot script deleted the wrong folder", B);
}

#[test]
fn making_the_same_mistake_is_blame_for_a_person() {
    use Category::Blame as B;
    one(
        "we kept making the same mistake with the DNS TTLs",
        B,
        "making the same mistake",
    );
    has(
        "after the rollback and making the same mistake again, I finally read the runbook",
        B,
        "making the same mistake",
    );
    // A thing's repeated error.
    none_of("The parser kept making the same mistake on every line.", B);
}

#[test]
fn of_course_about_things_only_is_not_a_minimiser() {
    use Category::Minimiser as M;
    none("Sure, of course other editors work with that plugin :)");
    none("(both drivers do list the right model name of course)");
    // A person or a task in the utterance: knowledge or a choice made to look obvious.
    has(
        "Of course the on-call engineer should have seen the alert.",
        Category::Counterfactual,
        "should have seen",
    );
    has(
        "Of course the on-call engineer should have seen the alert.",
        M,
        "Of course",
    );
    one("Of course the fix was to roll back.", M, "Of course");
    one("jdoe: sudo, of course", M, "of course");
    one(
        "don't be silly, of course that's safe to do",
        M,
        "of course",
    );
}

#[test]
fn just_starting_a_chat_utterance_is_advice() {
    use Category::Minimiser as M;
    one("not the installer. just run the upgrade", M, "just");
    one(
        "kmartin, but i'm renaming it later, ill just reboot now",
        M,
        "just",
    );
    // "just not" is an exception, a way asked for is not a task made small, and a noun
    // phrase after a stop is "only".
    none("just not in the terminal, the settings apply elsewhere");
    none("is there any way to just reload that config without a restart?");
    none("that was the bug. just a typo");
}

#[test]
fn an_easier_tag_on_advice_is_a_minimiser() {
    use Category::Minimiser as M;
    one(
        "If you boot the rescue image you can fix it from there, much easier, if grub is broken",
        M,
        "much easier",
    );
    one(
        "Boot the live USB and come back here, far simpler to work from that environment.",
        M,
        "far simpler",
    );
    one(
        "kat, easy https://example.org/howto with the CLI as example",
        M,
        "easy",
    );
    // A list of qualities, or no advice and no task.
    none(
        "We invest so that incidents become less likely, easier to detect early, and faster to fix.",
    );
    none("The new API is faster, much simpler, and cheaper.");
}
