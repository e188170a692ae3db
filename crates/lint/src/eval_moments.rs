//! How well the moment suggestions pick out what an analyst would mark: on labelled real
//! conversations (`eval/moments/*.jsonl`, one message a line, labelled by the rule in
//! `eval/moments/RULES.md`), the precision of the top ten suggestions per conversation (a
//! suggestion is right when its line is labelled a moment; of the right kind is counted
//! apart), and the share of labelled moments the top ten find.

use serde::Deserialize;

use crate::moments::{ChatLine, MomentKind, suggest};

/// How many suggestions are judged per conversation.
pub const TOP: usize = 10;

#[derive(Debug, Clone, Deserialize)]
pub struct Message {
    pub at: String,
    #[serde(default)]
    pub author: Option<String>,
    pub text: String,
    #[serde(default)]
    pub moment: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM[:SS]Z` (what the labelled files hold).
pub fn epoch_seconds(at: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| at.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, min) = (num(11..13)?, num(14..16)?);
    let s = if at.as_bytes().get(16) == Some(&b':') {
        num(17..19)?
    } else {
        0
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + min * 60 + s)
}

/// One conversation's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationScore {
    pub name: String,
    pub messages: usize,
    pub labelled: usize,
    pub suggested: usize,
    /// Of the suggestions, on a labelled line.
    pub right: usize,
    /// Of those, with the labelled kind.
    pub right_kind: usize,
}

impl ConversationScore {
    pub fn precision(&self) -> f64 {
        if self.suggested == 0 {
            0.0
        } else {
            self.right as f64 / self.suggested as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.labelled == 0 {
            1.0
        } else {
            self.right as f64 / self.labelled as f64
        }
    }
}

/// The conversations tuned on; the others are held out (the file name starts the same).
pub const TUNE: &[&str] = &[
    "mediawiki-2013-01-26",
    "rust-2018-05-30",
    "ubuntu-2004-12-25-server-debate",
    "ubuntu-meeting-2010-11-08",
];

/// Whether a conversation is one tuned on.
pub fn is_tune(name: &str) -> bool {
    TUNE.iter().any(|t| name.starts_with(t))
}

/// The top suggestions of one conversation, each with its line's label (for tuning on the
/// tuning conversations only).
pub fn detail(jsonl: &str) -> Vec<(String, String, Option<String>, String)> {
    let messages: Vec<Message> = jsonl
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let lines: Vec<ChatLine> = messages
        .iter()
        .map(|m| ChatLine {
            at: epoch_seconds(&m.at).unwrap_or(0),
            author: m.author.as_deref(),
            text: &m.text,
            system: m.kind.as_deref().is_some_and(|k| k != "message"),
        })
        .collect();
    suggest(&lines, TOP)
        .into_iter()
        .map(|s| {
            (
                s.kind.as_str().to_owned(),
                s.why,
                messages[s.index].moment.clone(),
                messages[s.index].text.clone(),
            )
        })
        .collect()
}

/// Reads one conversation and scores the top [`TOP`] suggestions; an error names the line.
pub fn score(name: &str, jsonl: &str) -> Result<ConversationScore, String> {
    let messages: Vec<Message> = jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{name}: line {}: {e}", n + 1)))
        .collect::<Result<_, _>>()?;
    let mut lines = Vec::with_capacity(messages.len());
    for (n, m) in messages.iter().enumerate() {
        let at = epoch_seconds(&m.at)
            .ok_or_else(|| format!("{name}: line {}: time {:?}", n + 1, m.at))?;
        lines.push(ChatLine {
            at,
            author: m.author.as_deref(),
            text: &m.text,
            system: m.kind.as_deref().is_some_and(|k| k != "message"),
        });
    }
    let suggestions = suggest(&lines, TOP);
    let right: Vec<&crate::moments::Suggestion> = suggestions
        .iter()
        .filter(|s| messages[s.index].moment.is_some())
        .collect();
    let right_kind = right
        .iter()
        .filter(|s| {
            messages[s.index]
                .moment
                .as_deref()
                .and_then(MomentKind::parse)
                == Some(s.kind)
        })
        .count();
    Ok(ConversationScore {
        name: name.to_owned(),
        messages: messages.len(),
        labelled: messages.iter().filter(|m| m.moment.is_some()).count(),
        suggested: suggestions.len(),
        right: right.len(),
        right_kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_scores() {
        assert_eq!(epoch_seconds("1970-01-01T00:00Z"), Some(0));
        assert_eq!(epoch_seconds("2012-05-01T14:03:00Z"), Some(1_335_880_980));
        assert_eq!(epoch_seconds("2012-05-01T14:03Z"), Some(1_335_880_980));
        assert_eq!(epoch_seconds("May 1st"), None);
        let conversation = [
            r#"{"at":"2012-05-01T14:03Z","author":"a","text":"wait, what? it rebooted","moment":"surprise"}"#,
            r#"{"at":"2012-05-01T14:04Z","author":"b","text":"let's try the other kernel instead","moment":null}"#,
            r#"{"at":"2012-05-01T14:05Z","author":"c","text":"ok"}"#,
        ]
        .join("\n");
        let s = score("c1", &conversation).unwrap();
        assert_eq!(
            (s.messages, s.labelled, s.suggested, s.right, s.right_kind),
            (3, 1, 2, 1, 1)
        );
        assert_eq!(s.precision(), 0.5);
        assert!(
            score("bad", "{not json")
                .unwrap_err()
                .starts_with("bad: line 1:")
        );
    }
}
