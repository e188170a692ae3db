//! The incident page's panel of its own learning signals: who read it and when they came back
//! (counted from when it ended), its comments by the same ages, its review meetings, the
//! stories told about it and the reading lists that hold it. Counts only, never who.

use lore_store::{IncidentSignals, ReadingStats, ReviewTotals};

use crate::pages::reading::{ReadingView, duration};

/// One age band's row of the panel's table.
pub struct BandRow {
    pub label: &'static str,
    pub readers: u64,
    pub reading: String,
    pub comments: u64,
}

pub struct SignalsView {
    pub reading: ReadingView,
    /// Empty when nothing has come in at all.
    pub bands: Vec<BandRow>,
    /// "1 review held: …", when any was held or planned.
    pub reviews: Option<String>,
    /// "1 story told about it", "In 2 reading lists".
    pub others: Vec<String>,
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn reviews_line(r: &ReviewTotals) -> Option<String> {
    if r.held == 0 && r.planned == 0 {
        return None;
    }
    let mut line = plural(r.held, "review held", "reviews held");
    if r.held > 0 {
        line.push_str(&format!(
            ": {} invited, {} said yes, {} attended",
            r.invited, r.said_yes, r.attended
        ));
        if r.uninvited > 0 {
            line.push_str(&format!(" ({} without an invitation)", r.uninvited));
        }
        line.push_str(&format!(", {} took part", r.took_part));
    }
    if r.planned > 0 {
        line.push_str(&format!("; {} planned", r.planned));
    }
    line.push('.');
    Some(line)
}

impl SignalsView {
    pub fn build(reading: &ReadingStats, signals: &IncidentSignals) -> Self {
        let any = signals
            .by_age
            .iter()
            .any(|b| b.readers > 0 || b.comments > 0);
        let bands = if any {
            signals
                .by_age
                .iter()
                .map(|b| BandRow {
                    label: b.label,
                    readers: b.readers,
                    reading: if b.seconds > 0 {
                        duration(b.seconds)
                    } else {
                        "–".into()
                    },
                    comments: b.comments,
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut others = Vec::new();
        if signals.stories > 0 {
            others.push(format!(
                "{} told about it.",
                plural(signals.stories, "story", "stories")
            ));
        }
        if signals.reading_lists > 0 {
            others.push(format!(
                "In {}.",
                plural(signals.reading_lists, "reading list", "reading lists")
            ));
        }
        SignalsView {
            reading: ReadingView::from(reading),
            bands,
            reviews: reviews_line(&signals.reviews),
            others,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reviews_line_says_what_was_counted() {
        assert_eq!(reviews_line(&ReviewTotals::default()), None);
        let held = ReviewTotals {
            held: 2,
            planned: 1,
            invited: 9,
            said_yes: 6,
            attended: 8,
            took_part: 5,
            uninvited: 2,
        };
        assert_eq!(
            reviews_line(&held).unwrap(),
            "2 reviews held: 9 invited, 6 said yes, 8 attended (2 without an invitation), \
             5 took part; 1 planned."
        );
        let planned = ReviewTotals {
            planned: 1,
            ..Default::default()
        };
        assert_eq!(
            reviews_line(&planned).unwrap(),
            "0 reviews held; 1 planned."
        );
    }
}
