//! The second reader's unit tests: each category from both sides with the exact words, one
//! module per family of shapes. The sentences are written for these tests, not taken from the
//! evaluation sets.

use crate::{Category, lint};

mod basics;
mod floors;
mod holdout4;
mod holdout5;
mod holdout6;
mod holdout7;
mod judgements;
mod phrasing;
mod probes;
mod styles;
mod train_blame;
mod train_counterfactual;
mod train_minimiser;

/// The flagged words and their categories.
fn flagged(text: &str) -> Vec<(Category, String)> {
    lint(text)
        .unwrap()
        .into_iter()
        .map(|f| (f.category, f.span))
        .collect()
}

/// Exactly one flag: these words, this category.
fn one(text: &str, category: Category, span: &str) {
    assert_eq!(flagged(text), [(category, span.to_owned())], "{text}");
}

/// Nothing flagged.
fn none(text: &str) {
    assert_eq!(flagged(text), [], "{text}");
}

/// These words flagged in this category (other flags may be there too).
fn has(text: &str, category: Category, span: &str) {
    assert!(
        flagged(text)
            .iter()
            .any(|(c, s)| *c == category && s == span),
        "{text}: {:?}",
        flagged(text)
    );
}

/// Nothing flagged in this category (other categories may be).
fn none_of(text: &str, category: Category) {
    assert!(
        !flagged(text).iter().any(|(c, _)| *c == category),
        "{text}: {:?}",
        flagged(text)
    );
}
