//! Blame, minimisers and single-cause framing the rules had no pattern for on unseen text
//! (holdout3, released for tuning on 2026-12-03; counterfactuals are in `tests_phrasing`),
//! each fixed by its grammatical cause and tested from both sides in other
//! styles: chat, aviation and maintenance reports, status pages, formal post-mortems, the
//! second person, the passive. The sentences are written for these tests, not taken from the
//! evaluation sets.

use super::*;

fn flagged(text: &str) -> Vec<(Category, String)> {
    lint(text)
        .unwrap()
        .into_iter()
        .map(|f| (f.category, f.span))
        .collect()
}

fn one(text: &str, category: Category, span: &str) {
    assert_eq!(flagged(text), [(category, span.to_owned())], "{text}");
}

fn none(text: &str) {
    assert_eq!(flagged(text), [], "{text}");
}

#[test]
fn mis_words_judge_a_persons_handling() {
    use Category::Blame as B;
    one(
        "The accident resulted from the pilot's mismanagement of the fuel.",
        B,
        "pilot's mismanagement",
    );
    one(
        "The fuel was mismanaged by the pilot.",
        B,
        "mismanaged by the pilot",
    );
    one("The crew misjudged the approach.", B, "misjudged");
    one(
        "Mishandling of the alert by the on-call delayed recovery.",
        B,
        "Mishandling of the alert by the on-call",
    );
    none("The scheduler misjudged the load.");
    none("The misuse of the shared cache by the importer filled the disk.");
}

#[test]
fn a_failing_owned_after_the_noun() {
    use Category::Blame as B;
    one(
        "A lapse by the operator let the certificate expire.",
        B,
        "lapse by the operator",
    );
    one(
        "An error on my part caused the outage.",
        B,
        "error on my part",
    );
    one(
        "It was a mistake on the part of the crew.",
        B,
        "mistake on the part of the crew",
    );
    none("An error by the load balancer dropped requests.");
    none("Errors by the hundred filled the log.");
}

#[test]
fn counted_blunders_and_the_passive_with_a_person_as_agent() {
    use Category::Blame as B;
    one("I made 2 blunders.", B, "made 2 blunders");
    one(
        "We made a couple of mistakes during the rollback.",
        B,
        "made a couple of mistakes",
    );
    none("The parser made 2 passes over the file.");
    one(
        "Situational awareness was not properly maintained by myself.",
        B,
        "not properly maintained by myself",
    );
    one(
        "The checklist was not correctly followed by the crew.",
        B,
        "not correctly followed by the crew",
    );
    none("The index was not properly maintained by the cron job.");
    // "by mistake" after a passive names no one who erred.
    none("If you see failures, the lock record has probably been left in place by mistake.");
    one(
        "The engineer ran the destroy on the manager cluster by mistake.",
        B,
        "by mistake",
    );
}

#[test]
fn care_and_vigilance_wanting_in_people() {
    use Category::Blame as B;
    one(
        "I am reporting my lack of pilot vigilance.",
        B,
        "my lack of pilot vigilance",
    );
    one(
        "The team's lack of caution showed.",
        B,
        "team's lack of caution",
    );
    none("The lack of caution signs at the site was noted.");
    // The "be more careful" fix, without "more" and in the negative.
    one(
        "Crews need to be aware of the danger of oil and oxygen.",
        B,
        "be aware",
    );
    one(
        "We need to be careful when deploying on Fridays.",
        B,
        "be careful",
    );
    one(
        "A pilot's watch coming apart should never distract a pilot from their duties.",
        B,
        "distract",
    );
    one("Operators must not be distracted by chat.", B, "distracted");
    none("Customers should be aware that the API changes next week.");
    none("You should be careful with rm -rf on that host.");
    none("The alarm distracted the operator.");
    none("If we need to be careful, say so in the runbook.");
}

#[test]
fn easily_on_a_persons_action_and_the_task_called_obvious() {
    use Category::Minimiser as M;
    one(
        "Fortunately, I easily recovered from this attitude.",
        M,
        "easily",
    );
    one("She easily fixed the config once she saw it.", M, "easily");
    none("The disk easily fits the backups.");
    none("The bug was easily missed.");
    one("The fix was clearly to drain the node first.", M, "clearly");
    one("The answer is obviously to roll back.", M, "obviously");
    one("The fix was simply to restart the pod.", M, "simply");
    none("The goal was clearly to reduce load on the primary.");
    none("The cache is obviously to speed up reads.");
    none("It was clearly to be expected.");
}

#[test]
fn poor_words_as_the_predicate_of_a_persons_act() {
    use Category::Blame as B;
    one(
        "The crew's decision to continue the approach was improper.",
        B,
        "was improper",
    );
    one(
        "The team's handling of the rollback was poor.",
        B,
        "was poor",
    );
    one(
        "Our response to the first alert was inadequate.",
        B,
        "was inadequate",
    );
    none("The decision to continue was improper.");
    none("The cluster's configuration was improper.");
    none("The alert's response time was poor.");
    one("That one's on us.", B, "on us");
    none("The pager rotation's on the wiki.");
}

#[test]
fn a_choice_called_obviously_wrong() {
    use Category::Minimiser as M;
    one(
        "It was obviously a bad idea to deploy at 5pm.",
        M,
        "obviously",
    );
    none("It is obviously a good time to upgrade.");
    none("The service obviously made a call to the wrong endpoint.");
}

#[test]
fn improperly_and_fault_denied() {
    use Category::Blame as B;
    one("The mechanic improperly torqued the bolt.", B, "improperly");
    one(
        "The on-call inadequately briefed the incoming shift.",
        B,
        "inadequately",
    );
    none("The bolt was improperly torqued.");
    none("The outage was not anyone's fault.");
    none("It was nobody's fault.");
    one("The outage was entirely the DBA's fault.", B, "DBA's fault");
}

#[test]
fn simply_as_advice_and_acknowledged_ease() {
    use Category::Minimiser as M;
    one(
        "Simply restart the pod and it'll pick up the new config.",
        M,
        "Simply",
    );
    none("Simply put, the cache was stale.");
    none("To put it simply, the cache was stale.");
    none("Simply restarting did not help.");
    none("None of this was easy.");
    none("The fix is simple in principle but risky in practice.");
    one("Rolling back was trivial.", M, "was trivial");
}

#[test]
fn single_cause_named_in_status_page_shapes() {
    use Category::SingleCause as S;
    one(
        "The cause was traced to SNAT port exhaustion after a deployment.",
        S,
        "The cause was",
    );
    one(
        "The cause of this was a rollout of a new feature.",
        S,
        "The cause of this was",
    );
    one(
        "The delays were caused by serialization errors in one region.",
        S,
        "caused by",
    );
    one(
        "We identified the root cause as a sudden spike in publishing.",
        S,
        "the root cause",
    );
    one(
        "From preliminary analysis, the root cause of the issue appears to be a race.",
        S,
        "the root cause",
    );
    none("The cause was identified and mitigated at 14:10 UTC.");
    none("The team is aware of the root cause of this issue and is working to mitigate it.");
    none("We are fixing the underlying cause of connection exhaustion in our proxy layer.");
    none("The changes to the VPC CNI were caused by refactoring.");
}

#[test]
fn two_causes_joined_by_and() {
    none(
        "The job failures were caused by timeouts to a dependent service and gaps in the jobs' resilience.",
    );
    one(
        "The delays were caused by lag and were mitigated at 14:10.",
        Category::SingleCause,
        "caused by",
    );
}

#[test]
fn care_denied_and_a_persons_belief_called_wrong() {
    use Category::Blame as B;
    one("The crew was not vigilant.", B, "not vigilant");
    one(
        "We were not careful enough with the schema.",
        B,
        "not careful",
    );
    none("The monitoring was not thorough enough to catch it.");
    none("The pager was not alert to the new route.");
    one(
        "The postmortem author's conclusion was wrong.",
        B,
        "was wrong",
    );
    none("The dashboard's conclusion was wrong.");
}

#[test]
fn chat_spellings_and_self_blame() {
    use Category::Blame as B;
    one(
        "I should of checked the fuel.",
        Category::Counterfactual,
        "should of checked",
    );
    one("i was being dumb, the service wasn't running", B, "dumb");
    one(
        "I was rushed and made a poor decision.",
        B,
        "made a poor decision",
    );
    none("The scheduler made a poor choice of node.");
    none("sorry for the stupid question");
    none("The UI is dumb about timezones.");
    none("It was a stupid bug.");
}

#[test]
fn not_thinking_of_an_action_and_idioms_of_inattention() {
    use Category::Blame as B;
    one(
        "Nobody thought to ask the database team.",
        Category::Counterfactual,
        "Nobody thought to ask",
    );
    none("We didn't think to have a backup.");
    one("We took our eye off the ball.", B, "eye off the ball");
    one(
        "The team was asleep at the wheel.",
        B,
        "asleep at the wheel",
    );
    none("Keep your eye on the ball.");
}

#[test]
fn just_before_a_verb_of_saying_or_wondering_is_not_advice() {
    none("Just wondering if anyone has seen this error.");
    one("Just file it against UNKNOWN.", Category::Minimiser, "Just");
}

#[test]
fn poor_judgment_shown_by_a_person() {
    one(
        "The pilot exhibited poor judgment by departing into weather.",
        Category::Blame,
        "exhibited poor judgment",
    );
    none("The logs showed errors.");
    none("The dashboard showed poor response times.");
}

#[test]
fn runbook_minimisers() {
    use Category::Minimiser as M;
    one("This is easily fixed by re-running the job.", M, "easily");
    one("It's a simple matter of restarting the pod.", M, "simple");
    none("The problem is easily fixed by the autoscaler.");
    none("The bug was easily missed.");
    none("It was a simple matter of time before the disk filled.");
}
