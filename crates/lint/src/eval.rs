//! Precision and recall of the rules on a labelled set of sentences (`eval/sentences.jsonl`,
//! labelled by the written rule in `eval/RULES.md`), per category and for counterfactual,
//! blame and minimiser together, on the part used for tuning and on the part held out.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{Category, categories_of};

/// One labelled sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub id: String,
    pub text: String,
    pub labels: Vec<String>,
    /// `tune` or `holdout`.
    pub split: String,
    #[serde(default)]
    pub hard_negative: Option<String>,
    /// Where the sentence is from; `written-for-the-set` for the few written for it.
    #[serde(default)]
    pub source: String,
}

/// Reads the set, one JSON object a line; an error names the line.
pub fn read_set(jsonl: &str) -> Result<Vec<Labelled>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let record: Labelled =
                serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1))?;
            for label in &record.labels {
                if Category::parse(label).is_none() {
                    return Err(format!("line {}: unknown label {label:?}", n + 1));
                }
            }
            Ok(record)
        })
        .collect()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: u32,
    pub false_positives: u32,
    pub false_negatives: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        let flagged = self.true_positives + self.false_positives;
        if flagged == 0 {
            1.0
        } else {
            f64::from(self.true_positives) / f64::from(flagged)
        }
    }
    pub fn recall(&self) -> f64 {
        let labelled = self.true_positives + self.false_negatives;
        if labelled == 0 {
            1.0
        } else {
            f64::from(self.true_positives) / f64::from(labelled)
        }
    }
    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// A mistake: the sentence, what the rules said and what the label says.
#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub text: String,
    pub category: Category,
    /// `true`: flagged but not labelled; `false`: labelled but not flagged.
    pub false_positive: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub sentences: usize,
    pub by_category: BTreeMap<Category, Counts>,
    pub misses: Vec<Miss>,
}

impl Report {
    /// Counterfactual, blame and minimiser together: the goal.
    pub fn core(&self) -> Counts {
        let mut c = Counts::default();
        for cat in [
            Category::Counterfactual,
            Category::Blame,
            Category::Minimiser,
        ] {
            c.add(self.by_category.get(&cat).copied().unwrap_or_default());
        }
        c
    }
}

/// Runs the rules over every sentence of one split.
pub fn evaluate(set: &[Labelled], split: &str) -> Report {
    let mut report = Report::default();
    for record in set.iter().filter(|r| r.split == split) {
        report.sentences += 1;
        let found = categories_of(&record.text);
        for cat in Category::ALL {
            let flagged = found.contains(&cat);
            let labelled = record.labels.iter().any(|l| l == cat.as_str());
            let c = report.by_category.entry(cat).or_default();
            match (flagged, labelled) {
                (true, true) => c.true_positives += 1,
                (true, false) => c.false_positives += 1,
                (false, true) => c.false_negatives += 1,
                (false, false) => continue,
            }
            if flagged != labelled {
                report.misses.push(Miss {
                    id: record.id.clone(),
                    text: record.text.clone(),
                    category: cat,
                    false_positive: flagged,
                });
            }
        }
    }
    report
}

/// The report as a table.
pub fn table(split: &str, report: &Report) -> String {
    let mut out = format!(
        "{split}: {} sentences\n{:<16} {:>4} {:>4} {:>4} {:>9} {:>7}\n",
        report.sentences, "category", "tp", "fp", "fn", "precision", "recall"
    );
    let row = |name: &str, c: &Counts| {
        format!(
            "{:<16} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}\n",
            name,
            c.true_positives,
            c.false_positives,
            c.false_negatives,
            c.precision(),
            c.recall()
        )
    };
    for (cat, c) in &report.by_category {
        out.push_str(&row(cat.as_str(), c));
    }
    out.push_str(&row("the three", &report.core()));
    out
}
