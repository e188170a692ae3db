//! The counterfactual rules' shared word lists: the modals, what people experience rather
//! than do, what is done to them, the words allowed between a modal and its verb, and the
//! participles and judgements the modal perfect and the conditional read.

#[rustfmt::skip]
pub(super) const MODALS: &[&str] = &[
    "should", "could", "ought", "shouldn't", "couldn't", "oughtn't", "might", "would", "wouldn't",
    // Only with an activity and what it would have averted (modal.rs).
    "may",
];
pub(super) const CONTRACTED: &[&str] = &[
    "should've",
    "could've",
    "shouldn't've",
    "couldn't've",
    "might've",
    "would've",
    // Chat: "u shoulda checked", "we shouldve waited".
    "shoulda",
    "coulda",
    "shouldve",
    "couldve",
];
/// What people experience rather than do: "we would have lost data" is impact.
#[rustfmt::skip]
pub(super) const EXPERIENCED: &[&str] = &[
    "experienced", "lost", "had", "been", "received", "needed", "gotten", "got", "suffered",
    "felt", "liked", "seen", "noticed", "wanted", "preferred", "caused", "resulted", "meant",
    "made",
];

#[rustfmt::skip]
pub(super) const BETWEEN: &[&str] = &[
    "not", "never", "really", "perhaps", "probably", "also", "definitely", "ideally", "easily", "simply",
    "just", "reasonably", "realistically", "possibly", "maybe", "have", "to", "obviously",
    "clearly", "at", "least", "then", "already",
    // "you could have always accessed it", "we could have even asked".
    "always", "even",
    // "should have more fully investigated", "should have absolutely piloted", "could
    // safely have gone elsewhere": adverbs of manner and degree.
    "more", "fully", "properly", "absolutely", "safely", "certainly", "immediately", "promptly",
    "carefully", "thoroughly", "closely",
];

/// Passives of people's work in care, casework and reviews, beyond the shared list: "should
/// have been recognised and treated earlier", "could have been referred", "should have been
/// offered an appointment". The people who should have done it are left out.
#[rustfmt::skip]
pub(super) const PEOPLE_PASSIVES: &[&str] = &[
    "recognised", "recognized", "diagnosed", "referred", "assessed", "reassessed", "examined",
    "offered", "prescribed", "discussed", "explained", "followed-up", "chased", "challenged",
    "supervised", "briefed", "instigated",
    // "a problem that could have been solved in four hours": people's work on the incident.
    "solved", "resolved", "mitigated",
    // "The flaw could have been discovered in advance by aligning with …": found by people.
    "discovered", "uncovered",
];

/// Irregular past participles: "Had the pilot flown the pattern …", "had we known".
#[rustfmt::skip]
pub(super) const IRREGULAR_PARTICIPLES: &[&str] = &[
    "flown", "taken", "known", "done", "gone", "seen", "written", "given", "drawn", "driven",
    "chosen", "spoken", "begun", "run", "made", "kept", "read", "heard", "left", "held", "sent",
    "brought", "thought", "caught", "told", "put", "set",
];

/// What being done to a person is not their doing: "we should have been alerted".
#[rustfmt::skip]
pub(super) const DONE_TO_THEM: &[&str] = &[
    "alerted", "notified", "paged", "told", "informed", "warned", "called", "contacted", "given",
    "shown", "sent", "asked", "consulted", "invited", "involved", "included",
];

/// Harm done to a thing: after "could have", a guess at the damage ("you could have shorted
/// out the board"), not a course of action.
#[rustfmt::skip]
pub(super) const DAMAGE: &[&str] = &[
    "shorted", "fried", "damaged", "bricked", "corrupted", "destroyed", "wiped", "burnt",
    "burned", "hurt", "injured",
];

/// Verbs that report an assumption: what follows them is not asserted.
pub(super) const ASSUMED: &[&str] = &[
    "assume", "assumed", "assumes", "assuming", "believed", "expected", "supposed",
];

/// What a check shows: "checking the logs would have shown / revealed the errors".
pub(super) const REVEALED: &[&str] = &[
    "shown",
    "showed",
    "revealed",
    "exposed",
    "surfaced",
    "highlighted",
    "uncovered",
    "caught",
    "detected",
    "found",
];

/// "It would have been better / wiser / safer to …".
pub(super) const BETTER: &[&str] = &[
    "better",
    "wiser",
    "safer",
    "smarter",
    "prudent",
    "preferable",
    "best",
    "sensible",
    // "It would have been useful / helpful to get a describe of the node".
    "useful",
    "helpful",
];

/// People's duties in care, casework and operations, as the verb after "failure to" or
/// "failed to": "a failure to diagnose", "Failure to comply with the signal", "failed to
/// provide reasonable care", "a failure to carry out the assessment".
#[rustfmt::skip]
pub(super) const DUTIES: &[&str] = &[
    "diagnose", "assess", "reassess", "comply", "obey", "adhere", "carry", "undertake",
    "provide", "offer", "treat", "refer", "observe", "recognise", "recognize", "meet",
    "maintain", "record", "escalate", "examine", "arrange", "administer", "prescribe",
    "consult", "notify", "advise", "supervise", "investigate", "monitor", "reflect", "clarify",
];

/// What an action not taken would have averted: "Pinning the version would have saved us a
/// weekend", "would have spared the on-call a page".
pub(super) const AVERTED: &[&str] = &["saved", "spared", "averted"];

/// Nouns of people's work, as a subject: "A consensus on the format would have prevented
/// it", "If the monitoring work had been started sooner". Not artefacts ("documentation",
/// "a runbook"), which are things.
#[rustfmt::skip]
pub(super) const PEOPLE_WORK: &[&str] = &[
    "consensus", "agreement", "work", "task", "tasks", "discussion", "discussions",
    "conversation", "conversations", "research", "meeting", "meetings", "outreach",
];
