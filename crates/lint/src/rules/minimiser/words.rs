//! The minimiser's word lists: the easy words themselves, and the words around them that tell
//! a task made small from "just" as only or recently, a thing's property, or a difficulty
//! acknowledged.

pub(super) const EASY: &[&str] = &["just", "simply", "merely"];
/// After "just", verbs of wanting, wondering, saying and trying: "I just want to know", "I
/// just tried it" are not a difficulty made small.
pub(super) const NOT_AFTER_JUST: &[&str] = &[
    "want",
    "wanted",
    "wanna",
    "wondering",
    "wondered",
    "curious",
    "asking",
    "asked",
    "saying",
    "sayin",
    "said",
    "mean",
    "meant",
    "thought",
    "think",
    "noticed",
    "realized",
    "realised",
    "happen",
    "happens",
    "happened",
    "kidding",
    "joking",
    "trying",
    "tried",
    "like",
    "love",
    "hate",
    "hope",
    "hoping",
    "checking",
    "pointing",
    "suggesting",
    "guessing",
    "because",
    "making",
    // Feelings and beliefs: "I'm just glad", "I just knew it would work" intensify a state.
    "glad",
    "happy",
    "sad",
    "sorry",
    "tired",
    "confused",
    "surprised",
    "annoyed",
    "frustrated",
    "worried",
    "relieved",
    "lucky",
    "afraid",
    "bored",
    "busy",
    "knew",
    "know",
    "felt",
    "feel",
    "figured",
    "assumed",
    "believed",
    "guess",
    "suppose",
    "wish",
    // "Just FYI", "just so you know", "just out of curiosity": a remark announced.
    "fyi",
    "so",
    "out",
    // "we simply failed to prioritise it", "they just refused to roll back": an intensifier
    // on a failing (itself the counterfactual), not a task made small.
    "failed",
    "fail",
    "fails",
    "neglected",
    "refused",
    "omitted",
    // Perceptions and reliance: "they just saw it all break", "everyone just trusts their
    // antivirus" report what happened to someone or a habit of mind.
    "saw",
    "heard",
    "trust",
    "trusts",
    "trusted",
    "rely",
    "relies",
    "relied",
];

/// Past tenses that are not also base forms: after "I just" or a chat line's "just" they
/// narrate what the writer has just done ("just checked the logs"), not advice.
pub(super) const IRREGULAR_PAST: &[&str] = &[
    "did", "went", "made", "ran", "saw", "took", "gave", "found", "wrote", "left", "sent", "built",
    "told", "came", "became", "lost", "broke", "bought", "brought", "caught", "fell", "began",
    "chose", "drove", "flew", "forgot", "held", "kept", "paid", "spent", "stood", "threw", "won",
    "woke",
    // "i just spun up a container", "we just rebuilt the image": more of the same.
    "spun", "dug", "hung", "stuck", "struck", "swept", "dealt", "rebuilt", "rewrote", "reran",
    "redid", "undid", "overrode", "withdrew", "shook", "tore", "wore", "hid", "rode", "sold",
    "fed", "bent", "lent", // "Just met with my boss": the same.
    "met",
];

/// "-ed" words that are base forms: "just need to", "just embed it".
pub(super) const ED_BASE: &[&str] = &[
    "need", "feed", "seed", "speed", "embed", "shed", "bleed", "proceed", "exceed",
];

/// Prepositions before "just"/"simply" + a gerund: the means presented as all it took ("by
/// just calling", "rather than simply reverting", "instead of just restarting").
pub(super) const MEANS: &[&str] = &["by", "than", "then", "of", "without", "instead"];

/// Of the things systems do, those people do as well: "why didn't you just restart it?".
pub(super) const PEOPLE_DO_TOO: &[&str] = &[
    "restart",
    "retry",
    "ignore",
    "drop",
    "stop",
    "run",
    "reject",
    "keep",
    "wait",
    // "Then I simply ran the restore program": the past, with a person before it.
    "ran",
    "kept",
    "ignored",
    "dropped",
    "stopped",
    "waited",
    "restarted",
];

/// Slips after "easy to": "easy to accidentally switch context" names a hazard.
pub(super) const SLIP_ADVERBS: &[&str] = &[
    "accidentally",
    "inadvertently",
    "unintentionally",
    "mistakenly",
];
/// Easy words as a predicate or attribute: "the repair was simple", "the obvious choice".
#[rustfmt::skip]
pub(super) const EASY_ADJECTIVES: &[&str] = &[
    "easy", "simple", "trivial", "obvious", "straightforward", "evident", "apparent", "plain",
    "clear", "simpler", "easier", "easiest", "simplest",
    // The same judgement in other words: "creating the fix was straight-forward", "rolling
    // back was a no-brainer", "the change looked effortless".
    "straight-forward", "no-brainer", "effortless", "painless", "self-evident",
];
/// "all they had to do", "all you have to do", "all we need to do": the task made one step.
pub(super) const HAD_TO: &[&str] = &["needed", "had", "have", "has", "need", "needs"];
pub(super) const COPULAS: &[&str] = &[
    "was", "is", "were", "are", "be", "been", "'s", "sounds", "seems", "looks", "seemed", "looked",
    "sounded",
];
#[rustfmt::skip]
pub(super) const DEGREE: &[&str] = &[
    "pretty", "fairly", "very", "quite", "really", "so", "rather", "all", "too", "relatively",
    // "it's just obvious": the word as a degree, not "only".
    "just",
    "reasonably", "extremely", "incredibly", "super", "dead", "trivially",
    // "it was absolutely obvious what caused it", "blindingly obvious".
    "absolutely", "completely", "totally", "blindingly", "painfully", "patently", "perfectly",
    "entirely", "utterly",
];
/// After "easy to": verbs for what a thing is like to use or read, and the slips that easy
/// words acknowledge ("easy to miss"), not a task made small ("easy to roll back").
#[rustfmt::skip]
pub(super) const PROPERTY_VERBS: &[&str] = &[
    "use", "read", "understand", "describe", "explain", "follow", "see", "say", "miss", "overlook",
    "forget", "confuse", "misread", "misunderstand", "mistake", "break", "lose", "get", "mix",
    "make", "reproduce", "trigger", "hit", "exploit", "abuse", "guess",
    // The temptations easy words acknowledge: "it's easy to jump to the root cause", "easy
    // to blame the last person who touched it", "easy to underestimate".
    "jump", "fall", "assume", "blame", "underestimate", "overestimate", "dismiss", "panic",
    "rush", "think", "believe", "imagine", "criticise", "criticize", "judge",
];
/// What a person does or decides, when it is called easy.
#[rustfmt::skip]
pub(super) const TASKS: &[&str] = &[
    "repair", "fix", "workaround", "solution", "choice", "answer", "option", "decision", "task",
    "step", "one", "thing", "remedy", "mitigation", "action", "approach", "bit", "part", "piece",
    // The work itself: "the upgrade process was simple", "simple task, right?". Not
    // "change", "patch", "feature" or "job": as often the artefact or the system (a pull
    // request called a trivial change, "the CI job was simple").
    "upgrade", "process", "procedure", "edit", "tweak", "rollback", "chore",
    // "the resolution was just to keep re-releasing", "recovery was easy enough": what the
    // team did to end the incident.
    "resolution", "recovery",
];
/// Fixes that "easily" makes look trivial, in the passive.
#[rustfmt::skip]
pub(super) const EASY_FIXES: &[&str] = &[
    "fixed", "avoided", "prevented", "resolved", "solved", "remedied", "corrected", "recovered",
    "mitigated", "repaired", "reverted",
];
#[rustfmt::skip]
pub(super) const SEE_VERBS: &[&str] = &[
    "seen", "spotted", "noticed", "caught", "avoided", "prevented", "detected", "identified",
    "fixed", "found", "realised", "realized",
];

/// Chat's negations without an apostrophe: "X just doesnt start".
#[rustfmt::skip]
pub(super) const CHAT_NEGATIONS: &[&str] = &[
    "doesnt", "dont", "didnt", "isnt", "wasnt", "wont", "cant", "arent", "werent", "couldnt",
    "wouldnt", "shouldnt", "aint", "havent", "hasnt",
];

/// Adjectives of evidence: what became known, not a task made small.
pub(super) const EVIDENCE_ADJECTIVES: &[&str] = &["clear", "evident", "apparent", "plain"];
