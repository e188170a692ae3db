//! The second reader in the narrative editor: the draft's flags (lore-lint) listed under the
//! text, each with its explanation, a suggestion and a field to dismiss it with a reason
//! (kept with the version saved), and underlined inline in the preview. It never blocks a
//! save: a flag is a question for the writer.

use std::collections::HashMap;

use lore_render::{FlagMark, SafeHtml, insert_flag_markers, mark_flags};
use lore_store::{FlagDismissal, MAX_DISMISSAL_CHARS, MAX_DISMISSALS_PER_SAVE, StoredDismissal};
use serde::Serialize;

/// One flag as the editor lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FlagView {
    /// Its number on the page: ids `lint-N` (inline) and `flag-N` (in the list).
    pub number: usize,
    pub category: &'static str,
    pub label: &'static str,
    pub line: usize,
    pub span: String,
    pub sentence: String,
    /// The sentence around the flagged words, to show them marked.
    pub before: String,
    pub after: String,
    pub explanation: &'static str,
    pub suggestion: String,
    /// Why it was dismissed, when a saved version dismissed it.
    pub dismissed: Option<String>,
}

/// The draft's flags, at most [`MAX_DISMISSALS_PER_SAVE`] listed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SecondReader {
    pub flags: Vec<FlagView>,
    /// Flags found, listed or not.
    pub total: usize,
    /// Of those listed, how many are not dismissed.
    pub open: usize,
}

fn label(category: lore_lint::Category) -> &'static str {
    match category {
        lore_lint::Category::Counterfactual => "Counterfactual",
        lore_lint::Category::Blame => "Blame",
        lore_lint::Category::Minimiser => "Minimiser",
        lore_lint::Category::SingleCause => "Single cause",
    }
}

/// Reads the draft: its flags (dismissed ones marked with their reason), and the Markdown
/// with markers around the open flags' words, for [`inline`].
pub fn read(body: &str, dismissals: &[StoredDismissal]) -> (SecondReader, String) {
    let Ok(flags) = lore_lint::lint(body) else {
        return (SecondReader::default(), body.to_owned());
    };
    let dismissed: HashMap<(&str, &str), &str> = dismissals
        .iter()
        .map(|d| {
            (
                (d.dismissal.category.as_str(), d.dismissal.sentence.as_str()),
                d.dismissal.reason.as_str(),
            )
        })
        .collect();
    let total = flags.len();
    let mut views = Vec::new();
    let mut spans = Vec::new();
    for (number, f) in flags.into_iter().take(MAX_DISMISSALS_PER_SAVE).enumerate() {
        let reason = dismissed
            .get(&(f.category.as_str(), f.sentence.as_str()))
            .map(|r| (*r).to_owned());
        let span_one_line = lore_lint::rules::one_line(&f.span);
        let (before, after) = match f.sentence.find(&span_one_line) {
            Some(at) => (
                f.sentence[..at].to_owned(),
                f.sentence[at + span_one_line.len()..].to_owned(),
            ),
            None => (f.sentence.clone(), String::new()),
        };
        if reason.is_none() {
            spans.push(f.start..f.end);
        } else {
            // Keeps the numbering: a dismissed flag gets an empty span nobody marks.
            spans.push(f.start..f.start);
        }
        views.push(FlagView {
            number,
            category: f.category.as_str(),
            label: label(f.category),
            line: f.line,
            span: span_one_line,
            sentence: f.sentence,
            before,
            after,
            explanation: f.explanation,
            suggestion: f.suggestion,
            dismissed: reason,
        });
    }
    let open = views.iter().filter(|v| v.dismissed.is_none()).count();
    (
        SecondReader {
            flags: views,
            total,
            open,
        },
        insert_flag_markers(body, &spans),
    )
}

/// The rendered preview of the marked draft with the open flags underlined inline.
pub fn inline(html: &SafeHtml, reader: &SecondReader) -> SafeHtml {
    let marks: Vec<FlagMark> = reader
        .flags
        .iter()
        .filter(|f| f.dismissed.is_none())
        .map(|f| FlagMark {
            number: f.number,
            class: f.category.to_owned(),
            tip: format!("{}: {} Try: {}", f.label, f.explanation, f.suggestion),
        })
        .collect();
    mark_flags(html, &marks)
}

fn clip(s: &str) -> String {
    s.trim().chars().take(MAX_DISMISSAL_CHARS).collect()
}

/// The dismissals in an editor form's fields: `dismiss-N-reason` with `dismiss-N-category`,
/// `-sentence` and `-span`. A flag without a reason is not dismissed; over-long text is cut,
/// never refused, so that a save is never blocked by the second reader.
pub fn dismissals_from_form(fields: &[(String, String)]) -> Vec<FlagDismissal> {
    let mut by_number: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
    for (key, value) in fields {
        let Some(rest) = key.strip_prefix("dismiss-") else {
            continue;
        };
        let Some((number, part)) = rest.split_once('-') else {
            continue;
        };
        by_number.entry(number).or_default().insert(part, value);
    }
    let mut numbers: Vec<(usize, &HashMap<&str, &str>)> = by_number
        .iter()
        .filter_map(|(n, parts)| n.parse().ok().map(|n| (n, parts)))
        .collect();
    numbers.sort_by_key(|(n, _)| *n);
    numbers
        .into_iter()
        .filter_map(|(_, parts)| {
            let reason = clip(parts.get("reason")?);
            let category = (*parts.get("category")?).to_owned();
            if reason.is_empty() || lore_lint::Category::parse(&category).is_none() {
                return None;
            }
            Some(FlagDismissal {
                category,
                sentence: clip(parts.get("sentence").copied().unwrap_or_default()),
                span: clip(parts.get("span").copied().unwrap_or_default()),
                reason,
            })
        })
        .take(MAX_DISMISSALS_PER_SAVE)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_dismisses_a_flag_and_nothing_else_does() {
        let field = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let fields = vec![
            field("body", "x"),
            field("dismiss-0-category", "counterfactual"),
            field("dismiss-0-sentence", "We should have checked."),
            field("dismiss-0-span", "should have checked"),
            field("dismiss-0-reason", "  Her own words.  "),
            field("dismiss-1-category", "blame"),
            field("dismiss-1-reason", ""),
            field("dismiss-2-category", "made-up"),
            field("dismiss-2-reason", "why"),
        ];
        assert_eq!(
            dismissals_from_form(&fields),
            [FlagDismissal {
                category: "counterfactual".into(),
                sentence: "We should have checked.".into(),
                span: "should have checked".into(),
                reason: "Her own words.".into(),
            }]
        );
    }

    #[test]
    fn dismissed_flags_are_listed_with_their_reason_and_not_underlined() {
        let body = "We should have checked. The engineer simply restarted it.";
        let dismissed = StoredDismissal {
            version: 1,
            dismissal: FlagDismissal {
                category: "counterfactual".into(),
                sentence: "We should have checked.".into(),
                span: "should have checked".into(),
                reason: "Her own words.".into(),
            },
            dismissed_by: "mei".into(),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        };
        let (reader, marked) = read(body, &[dismissed]);
        assert_eq!((reader.total, reader.open), (2, 1));
        assert_eq!(reader.flags[0].dismissed.as_deref(), Some("Her own words."));
        assert_eq!(reader.flags[1].before, "The engineer ");
        let html = inline(&lore_render::markdown_to_safe_html(&marked), &reader);
        assert!(
            html.as_str().contains(r#"id="lint-1""#),
            "{}",
            html.as_str()
        );
        assert!(
            !html.as_str().contains(r#"id="lint-0""#),
            "{}",
            html.as_str()
        );
    }
}
