//! Each category, both sides: what is flagged and what is not, with the exact words.

use super::*;

/// The flagged words and their categories.
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
fn counterfactuals_about_people_are_flagged() {
    use Category::Counterfactual as C;
    one(
        "Tomás should have cancelled the notice, not the window.",
        C,
        "should have cancelled",
    );
    one(
        "The on-call engineer should have checked the flag.",
        C,
        "should have checked",
    );
    one(
        "We should have tested the upgrade in staging first.",
        C,
        "should have tested",
    );
    one(
        "They could have rolled back sooner.",
        C,
        "could have rolled",
    );
    one(
        "The team ought to have known about the limit.",
        C,
        "ought to have known",
    );
    one(
        "The responder failed to notice the second alert.",
        C,
        "failed to notice",
    );
    one(
        "This should have been caught in code review.",
        C,
        "should have been caught",
    );
    one(
        "If we had tested the change, we would have seen the error.",
        C,
        "If we had tested",
    );
    one(
        "Had the engineer checked the dashboard, the outage would have been shorter.",
        C,
        "Had the engineer checked",
    );
    one("We missed the alert because it went to email.", C, "missed");
    one(
        "We should've asked the database team.",
        C,
        "should've asked",
    );
}

#[test]
fn counterfactuals_about_systems_and_impact_are_not() {
    none("The cache should have expired after five minutes.");
    none("The health check should have caught the bad node.");
    none("Had the failover worked, users would not have noticed.");
    none("It could have been much worse.");
    none("We could have lost customer data.");
    none("We couldn't have known that the limit existed.");
    none("We should add an alert for certificate expiry.");
    none("The job should run nightly.");
    none("The deploy failed to complete within the timeout.");
    none("We should have been paged by the alert.");
    none("If the certificate had been renewed, nothing would have happened.");
    none("The fix must have been applied by the nightly job.");
    none("We should have a talk with the platform team about ingress.");
    none("The SDK lazy loaded extensions from the CDN.");
}

#[test]
fn blame_is_flagged_and_plain_description_is_not() {
    use Category::Blame as B;
    assert_eq!(
        flagged("The outage was caused by human error."),
        [
            (Category::SingleCause, "caused by".to_owned()),
            (Category::Blame, "human error".to_owned())
        ]
    );
    one("A careless change took the cluster down.", B, "careless");
    one(
        "The operator's mistake deleted the volume.",
        B,
        "operator's mistake",
    );
    one("He didn't bother to read the runbook.", B, "didn't bother");
    one("Our mistake was deploying on a Friday.", B, "Our mistake");
    assert_eq!(
        flagged("They just forgot to renew the certificate."),
        [
            (Category::Minimiser, "just".to_owned()),
            (Category::Counterfactual, "forgot to renew".to_owned())
        ]
    );
    none("Alice deployed the change at 14:02.");
    none("A configuration error in the load balancer returned 502s.");
    none("The script exited with an error.");
    none("We run blameless reviews.");
}

#[test]
fn minimisers_about_people_are_flagged_quantities_are_not() {
    use Category::Minimiser as M;
    one("The engineer simply had to restart the pod.", M, "simply");
    one("They just restarted the broker.", M, "just");
    one("It was obvious that the disk was full.", M, "was obvious");
    one("Obviously, the migration needed a lock.", M, "Obviously");
    none("The spike is clearly visible on the dashboard.");
    one(
        "Of course, the responders restarted the pod first.",
        M,
        "Of course",
    );
    none("The alert fired just after midnight.");
    none("Just 5 minutes later the nodes recovered.");
    none("The service simply returned 503 to every request.");
    none("We wrote the runbook clearly and briefly.");
    none("The fix was just a one-line change to the manifest.");
    none("We have a dashboard that clearly showed the problem.");
    none("I've just installed MediaWiki, but the page is blank.");
    none("Our service needed fundamental improvements, not just quick fixes.");
}

#[test]
fn single_causes_are_flagged_the_activity_is_not() {
    use Category::SingleCause as S;
    one(
        "The root cause was an expired certificate.",
        S,
        "The root cause",
    );
    one(
        "Root cause: a missing index on the events table.",
        S,
        "Root cause",
    );
    one(
        "The primary cause of the outage was a DNS change.",
        S,
        "The primary cause",
    );
    none("We held a root cause analysis on Tuesday.");
    none("Root cause investigation started.");
    none("Several root causes can display similar symptoms.");
    one(
        "This incident was caused by a 32-bit key reaching its maximum.",
        S,
        "caused by",
    );
    none("The outage was caused by a DNS change and a missing alert.");
}

#[test]
fn quoted_speech_code_and_headings_are_not_the_writers_judgement() {
    none("At 10:02 Sam wrote \"we should have checked the flag\" in the channel.");
    none("> we should have checked the flag\n");
    none("## Root cause\n\nIt expired.\n");
    none("Run `just restart-all` to recover.");
    none("```\nshould have checked\n```\n");
}

#[test]
fn positions_are_exact_on_the_input_as_given() {
    let text = "# Notes\n\nFirst line.\nThe café’s on-call engineer\nshould have checked it.\n";
    let flags = lint(text).unwrap();
    assert_eq!(flags.len(), 1);
    let f = &flags[0];
    assert_eq!((f.line, f.column, f.end_line, f.end_column), (5, 1, 5, 20));
    assert_eq!(f.span, "should have checked");
    assert_eq!(&text[f.start..f.end], "should have checked");
    assert_eq!(
        f.sentence,
        "The café’s on-call engineer should have checked it."
    );
    // Columns count characters, not bytes.
    let text = "Ünïcödé: we should have asked.";
    let f = &lint(text).unwrap()[0];
    assert_eq!((f.line, f.column, f.end_column), (1, 13, 30));
}

#[test]
fn suggestions_keep_the_facts() {
    let f = &lint("The on-call engineer should have checked the flag.").unwrap()[0];
    assert!(
        f.suggestion
            .starts_with("The on-call engineer had not checked the flag."),
        "{}",
        f.suggestion
    );
    let f = &lint("The engineer simply had to restart the pod.").unwrap()[0];
    assert!(
        f.suggestion
            .starts_with("The engineer had to restart the pod."),
        "{}",
        f.suggestion
    );
    let f = &lint("The root cause was an expired certificate.").unwrap()[0];
    assert!(
        f.suggestion
            .starts_with("One contributor was an expired certificate."),
        "{}",
        f.suggestion
    );
    let f = &lint("The responder failed to notice the alert.").unwrap()[0];
    assert!(
        f.suggestion
            .starts_with("The responder did not notice the alert."),
        "{}",
        f.suggestion
    );
}

#[test]
fn hostile_input_is_refused_or_bounded() {
    assert!(matches!(lint("a\0b"), Err(LintError::Binary { at: 1 })));
    let huge = "x".repeat(MAX_INPUT_BYTES + 1);
    assert!(matches!(lint(&huge), Err(LintError::TooLarge { .. })));
    // One enormous line of judgement: every flag found, none missed at the cut.
    let line = "We should have checked. ".repeat(10_000);
    assert_eq!(lint(&line).unwrap().len(), 10_000);
    // A sentence with no end is cut at MAX_SENTENCE_WORDS words and still read.
    let long = format!("{} we should have checked", "word ".repeat(100_000));
    assert!(lint(&long).is_ok());
}

proptest::proptest! {
    #[test]
    fn any_text_lints_without_panicking_and_spans_are_exact(s in "\\PC{0,400}") {
        for f in lint(&s).unwrap_or_default() {
            proptest::prop_assert_eq!(&s[f.start..f.end], f.span.as_str());
        }
    }
}

/// The labelled set (eval/sentences.jsonl) keeps its figures: a change to the rules that
/// makes them worse on it fails here. Floors a little under the figures at the time of
/// writing (tune 0.977 / 0.947, holdout 0.807 / 0.821 for the three categories together).
#[test]
fn the_labelled_set_keeps_its_precision_and_recall() {
    let text = include_str!("../eval/sentences.jsonl");
    let set = crate::eval::read_set(text).unwrap();
    assert!(set.len() >= 400, "{} sentences", set.len());
    let tune = crate::eval::evaluate(&set, "tune").core();
    assert!(
        tune.precision() >= 0.95 && tune.recall() >= 0.92,
        "tune: {tune:?}"
    );
    let holdout = crate::eval::evaluate(&set, "holdout").core();
    assert!(
        holdout.precision() >= 0.78 && holdout.recall() >= 0.8,
        "holdout: {holdout:?}"
    );
}
