//! Causes found in holdout5's mistakes (released for tuning on 2026-12-03), each fixed by its
//! grammatical cause and tested from both sides in other styles: chat, aviation reports,
//! status pages, formal post-mortems, commit messages, the second person. The sentences are
//! written for these tests, not taken from the evaluation sets.

use super::{flagged, none, none_of, one};
use crate::*;

#[test]
fn shame_on_a_person_is_blame() {
    use Category::Blame as B;
    one("ugh, shame on me, I pushed to prod", B, "shame on me");
    one("Shame on you for deploying on a Friday.", B, "Shame on you");
    one("shame on them for ignoring the pager", B, "shame on them");
    // No person after "on": not a judgement of someone.
    none_of(
        "It is a shame on the release notes page that the link broke.",
        B,
    );
    none("What a shame, the build is red again.");
}

#[test]
fn censored_swearing_after_a_person_is_blame_like_messed_up() {
    use Category::Blame as B;
    one("I f***ed up the migration last night", B, "f***ed up");
    one("we fucked up the rollout", B, "fucked up");
    one("He effed up the DNS record.", B, "effed up");
    // A thing as the subject: what broke, not who.
    none_of("The installer f***ed up my partition table", B);
    none_of("the cache got fucked up after the restart", B);
}

#[test]
fn a_scorned_slip_owned_is_blame() {
    use Category::Blame as B;
    one(
        "revert my stupid typo that broke the login page",
        B,
        "my stupid typo",
    );
    one(
        "Our dumb mistake took the API down for an hour.",
        B,
        "Our dumb mistake",
    );
    one(
        "That was his rookie error, and it cost us the weekend.",
        B,
        "his rookie error",
    );
    // A question or a system's slip is not a failing owned.
    none_of("sorry for my stupid question", B);
    none_of("a stupid typo in the README", B);
}

#[test]
fn the_fault_of_people_is_blame() {
    use Category::Blame as B;
    one(
        "The outage was entirely the fault of the on-call engineer.",
        B,
        "fault of the on-call",
    );
    one(
        "It is the fault of the operators, who ignored the alarm.",
        B,
        "fault of the operators",
    );
    // A thing's fault, or a fault in a thing.
    none_of("The fault of the disk controller was logged at 10:02.", B);
    none_of("A fault of unknown origin tripped the breaker.", B);
}

#[test]
fn paying_more_attention_prescribed_is_blame() {
    use Category::Blame as B;
    one(
        "Going forward, engineers need to pay much closer attention to DNS changes.",
        B,
        "pay much closer attention",
    );
    one(
        "the crew must pay more attention to the fuel gauge",
        B,
        "pay more attention",
    );
    one(
        "Pay better attention when you edit prod!",
        B,
        "Pay better attention",
    );
    // Attention a thing needs, or attention given as a fact.
    none_of("The queue needs more attention from the scheduler.", B);
    none_of("The alert drew more attention than the incident itself.", B);
}

#[test]
fn poor_work_owned_after_its_object_is_blame() {
    use Category::Blame as B;
    one(
        "Inadequate installation of the fuel lines by the mechanic.",
        B,
        "Inadequate installation of the fuel lines by the mechanic",
    );
    one(
        "improper handling of the rollback by the on-call engineer",
        B,
        "improper handling of the rollback by the on-call",
    );
    // The doer is a thing, or nobody is named.
    none_of(
        "Improper handling of the request by the proxy caused the 502s.",
        B,
    );
    none_of("Inadequate inspection of the fuel lines was found.", B);
}

#[test]
fn a_failure_owned_with_an_adjective_between_is_counterfactual() {
    use Category::Counterfactual as C;
    assert!(
        flagged("the crew's checklist and their subsequent failure to verify the flap setting")
            .iter()
            .any(|(c, _)| *c == C)
    );
    assert!(
        flagged("His repeated failure to answer the page delayed the escalation.")
            .iter()
            .any(|(c, _)| *c == C)
    );
    // A thing's failure, or a failure with no owner.
    none_of(
        "The subsequent failure to connect was logged by the agent.",
        C,
    );
    none_of("its repeated failure to bind the port crashed the pod", C);
}

#[test]
fn a_question_with_the_person_after_the_modal_is_counterfactual() {
    use Category::Counterfactual as C;
    let has = |t: &str| flagged(t).iter().any(|(c, _)| *c == C);
    assert!(has(
        "Couldn't someone have checked the expiry date before the freeze?"
    ));
    assert!(has("Shouldn't we have paged the DBA first?"));
    assert!(has("should u have run the migration on a friday?"));
    // A question about a thing, or about what people could have lost.
    none_of("Couldn't the cache have expired on its own?", C);
    none_of("Could we have lost data?", C);
    none_of("Would you have a minute to look at this?", C);
}

#[test]
fn easy_for_a_person_in_hindsight_is_counterfactual() {
    use Category::Counterfactual as C;
    let has = |t: &str| flagged(t).iter().any(|(c, _)| *c == C);
    assert!(has("It would have been easy for the on-call to roll back."));
    assert!(has(
        "it would've been trivial for the reviewer to catch this"
    ));
    // Easy for a thing, or easy without "for" someone.
    none_of(
        "It would have been easy for the scheduler to place the pod.",
        C,
    );
    none_of("It would have been easy to miss in the logs.", C);
}

#[test]
fn an_apology_then_the_wrong_thing_done_is_blame() {
    use Category::Blame as B;
    one("sorry, tagged the wrong person there", B, "wrong");
    one("oops pushed the wrong branch to prod", B, "wrong");
    // No apology: what went wrong, or a thing that picked it.
    none_of("The script tagged the wrong release.", B);
    none("sorry, wrong channel");
    none_of("Sorry to bother you, the build picked the wrong mirror.", B);
}

#[test]
fn a_nickname_with_a_number_is_a_person() {
    use Category::Blame as B;
    use Category::Counterfactual as C;
    one(
        "13:05 Guest4821 deletes the wrong branch by mistake.",
        B,
        "by mistake",
    );
    one(
        "Then DevOpsDan77 clones the repo by mistake.",
        B,
        "by mistake",
    );
    // A version is not a person.
    none_of("Python3 was installed by mistake on the runner.", B);
    none_of("Python3 failed to import the module.", C);
}

#[test]
fn nobody_on_a_rota_is_people() {
    use Category::Counterfactual as C;
    assert!(
        flagged("Nobody on the on-call rota looked at the dashboard.")
            .iter()
            .any(|(c, _)| *c == C)
    );
    assert!(
        flagged("nobody on the weekend roster checked the queue")
            .iter()
            .any(|(c, _)| *c == C)
    );
    // A rota's things, not its people.
    none_of("None of the rota changes applied.", C);
}

#[test]
fn what_was_missed_called_obvious_is_a_minimiser() {
    use Category::Minimiser as M;
    for (text, word) in [
        (
            "The capacity review missed the obvious growth trend.",
            "obvious",
        ),
        ("we all overlooked an obvious sign in the logs", "obvious"),
        ("The crew ignored the glaring fuel imbalance.", "glaring"),
    ] {
        assert!(flagged(text).contains(&(M, word.to_owned())), "{text}");
    }
    // Obvious as what was seen, or missed something not called obvious.
    none_of("The obvious candidate was the new load balancer.", M);
    none_of("We missed the deadline by a day.", M);
}

#[test]
fn human_error_as_one_possibility_asked_about_is_not_blame() {
    use Category::Blame as B;
    none_of("Was it human error or a hardware fault?", B);
    none_of("is this user error, or a bug in the CLI?", B);
    // A verdict, or a question with one answer offered.
    one("The outage was human error.", B, "human error");
    one("Was this really human error?", B, "human error");
}
