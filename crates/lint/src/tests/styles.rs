//! Patterns found on text in other styles than the write-ups first tuned on (aviation and
//! maintenance reports, chat, status pages, runbooks, commit messages): each pattern from both
//! sides, with the exact words. The sentences are written for these tests, not taken from
//! the evaluation sets.

use super::{flagged, has, none, one};
use crate::*;

#[test]
fn report_roles_and_odd_apostrophes_are_people() {
    use Category::Counterfactual as C;
    one(
        "The first officer’s failure to cross-check the altimeter setting.",
        C,
        "officer’s failure",
    );
    one(
        "The mechanic‘s failure to torque the bolts.",
        C,
        "mechanic‘s failure",
    );
    one(
        "The flight instructor's failure to maintain control.",
        C,
        "instructor's failure",
    );
    none("The kernel's failure to allocate memory triggered the OOM killer.");
}

#[test]
fn omissions_in_more_shapes() {
    use Category::Counterfactual as C;
    one(
        "Neither of us noticed the low fuel warning.",
        C,
        "Neither of us noticed",
    );
    none("Neither of the replicas had the latest data.");
    one(
        "The crew did not keep track of the fuel.",
        C,
        "did not keep track",
    );
    one(
        "We did not take into account how long it would take.",
        C,
        "did not take into account",
    );
    none("The rate limiter did not take into account the second region.");
    one(
        "The warning had not been noticed by anyone on shift.",
        C,
        "had not been noticed",
    );
    none("The root cause had not been identified until Tuesday.");
    one(
        "The notice was either overlooked or ignored.",
        C,
        "overlooked",
    );
    one("This was an oversight on my part.", C, "oversight");
    // Supposed, not asserted.
    none("If you think I missed a step, tell me.");
    none("Let me know if I forgot anything.");
    none("and if testing fails to occur, we are roadblocked?");
    // A standing fact learnt now, not a state missed then.
    none("I never realized that nautilus doesn't have invert selection.");
    one(
        "We didn't notice that the disk was full.",
        C,
        "didn't notice",
    );
}

#[test]
fn modal_perfects_in_more_shapes() {
    use Category::Counterfactual as C;
    one("nick: i should have. oh well", C, "should have");
    none("Should have a fix out by noon.");
    one(
        "The handover could have been more thorough.",
        C,
        "could have been more",
    );
    one(
        "Another engineer could have been available to review it.",
        C,
        "could have been available",
    );
    none("We could have been down for hours.");
    none("We could have been worse off.");
    one(
        "A manual review of the diff would have caught this.",
        C,
        "would have caught",
    );
    none("An automated test would have caught this.");
    one(
        "The patch could have been backported to the 1.x branch.",
        C,
        "could have been backported",
    );
    none("Without the pager we could have noticed it much later.");
    one(
        "Anyone reading the logs would have spotted it.",
        C,
        "would have spotted",
    );
    one(
        "The outage would have been avoided had the crew followed the checklist.",
        C,
        "had the crew followed",
    );
    none("The job would have finished had the disk not filled up.");
    // A verb phrase after "and" shares the subject before it.
    none("Replication was also degraded and may have failed to catch up.");
    none("The Pull Requests service was degraded and failed to update refs.");
}

#[test]
fn blame_in_more_shapes() {
    use Category::Blame as B;
    one("The captain's erroneous callout.", B, "captain's erroneous");
    none("The faulty sensor reported a false reading.");
    one(
        "The new hire's inexperience took the site down.",
        B,
        "inexperience",
    );
    one(
        "I kept making mistakes after the long shift.",
        B,
        "making mistakes",
    );
    one("We started to make errors.", B, "make errors");
    none("The parser kept making errors on malformed input.");
    one(
        "you've probably already broken something",
        B,
        "broken something",
    );
    none("The upgrade broke something in the login flow.");
    none("The pod did not start properly after the upgrade.");
    assert_eq!(
        flagged("We did not properly test the rollback."),
        [
            (Category::Blame, "did not properly".to_owned()),
            (Category::Counterfactual, "did not properly test".to_owned())
        ]
    );
    // "the wrong database" is flagged too (train_blame.rs).
    has(
        "Sam deleted the wrong database by mistake.",
        B,
        "by mistake",
    );
    none("During an investigation, the issue was made public by mistake.");
    none("I feel like it's Rust's fault");
}

#[test]
fn just_narrating_ones_own_doing_is_not_a_minimiser() {
    use Category::Minimiser as M;
    none("I just installed ubuntu on my laptop.");
    none("just checked the logs, here's what i got");
    none("we just voted on and approved the new text");
    none("But we just committed a runway incursion.");
    none("just keeping an eye on this window");
    none("are we merely voting on its acceptance?");
    none("I'm only just learning Rust.");
    none("I'm just glad it's over.");
    none("as I just knew that it would work");
    none("Why wouldn't they just come uncommented?");
    none("I'm guessing your original setup just used /var/www/html");
    // The means as all it took, a gerund subject, someone else's doing, advice.
    one("By just calling foo, I got rid of the errors.", M, "just");
    one("Instead of simply reverting, we debugged.", M, "simply");
    one("You're just shadowing it all over the place.", M, "just");
    one("Just restart the router.", M, "Just");
    one(
        "I'm guessing you just restarted it without draining.",
        M,
        "just",
    );
}

#[test]
fn easy_words_in_more_shapes() {
    use Category::Minimiser as M;
    none("When building a cluster, it is easy to accidentally switch context.");
    one(
        "It's easy to roll back: run the previous release.",
        M,
        "It's easy",
    );
    none("that's nooooot a simple task.");
    one(
        "This is straight forward and simple.",
        M,
        "is straight forward",
    );
    one("The fix is quick and simple.", M, "is quick and simple");
    one("there's a script for it.. really easy", M, "really easy");
    one("Very relaxed; easy approach; no traffic.", M, "easy");
    one(
        "I can't even solve this very simple problem.",
        M,
        "very simple",
    );
    // "Obviously" outside a clause: a person or what happened must follow.
    none("Obviously, mistakes tend to happen early in a career.");
    none("Windows Defender, obviously.");
    one("Obviously, the disk was full.", M, "Obviously");
}
