//! The engine's behaviour on small chats, and the streaming engine against the one it replaced.

use std::collections::{HashMap, HashSet};

use super::*;

fn line(at: i64, author: &str, text: &'static str) -> ChatLine<'static> {
    let author: &'static str = Box::leak(author.to_owned().into_boxed_str());
    ChatLine {
        at,
        author: Some(author),
        text,
        system: false,
    }
}

#[test]
fn phrases_suggest_moments_and_look_alikes_do_not() {
    let lines = [
        line(0, "nadia", "wait, what? the broker says maintenance"),
        line(60, "jonah", "please wait a minute, checking"),
        line(120, "rafa", "what do you mean by the window?"),
        line(
            180,
            "nadia",
            "let's try clearing the retained message instead",
        ),
        line(240, "tomas", "I don't think that is safe"),
        line(300, "jonah", "this is now a sev1, riders are stuck"),
        line(360, "rafa", "ok"),
    ];
    let got: Vec<(usize, MomentKind)> = suggest(&lines, 10)
        .iter()
        .map(|s| (s.index, s.kind))
        .collect();
    assert!(got.contains(&(0, MomentKind::Surprise)), "{got:?}");
    assert!(got.contains(&(2, MomentKind::Misunderstanding)), "{got:?}");
    assert!(got.contains(&(3, MomentKind::ChangeOfPlan)), "{got:?}");
    assert!(got.contains(&(4, MomentKind::Disagreement)), "{got:?}");
    assert!(got.contains(&(5, MomentKind::Severity)), "{got:?}");
    assert!(!got.iter().any(|(i, _)| *i == 1 || *i == 6), "{got:?}");
    assert_eq!(suggest(&lines, 10)[0].why, "nadia says \"wait, what\"");
}

#[test]
fn silences_arrivals_and_unanswered_questions() {
    let mut lines: Vec<ChatLine> = (0..8)
        .map(|i| {
            line(
                i * 60,
                if i % 2 == 0 { "a" } else { "b" },
                "checking the logs",
            )
        })
        .collect();
    lines.push(line(8 * 60 + 3600, "a", "back: the disk was full"));
    for (k, who) in ["c", "d", "e", "f"].iter().enumerate() {
        lines.push(line(
            8 * 60 + 3600 + 30 * (k as i64 + 1),
            who,
            "hello, what is broken",
        ));
    }
    lines.push(line(9000, "c", "can someone restart the broker?"));
    lines.push(line(9100, "d", "looking at graphs"));
    lines.push(line(9200, "c", "anyone? the broker?"));
    let got = suggest(&lines, 10);
    let kinds: Vec<(usize, MomentKind)> = got.iter().map(|s| (s.index, s.kind)).collect();
    assert!(kinds.contains(&(8, MomentKind::Silence)), "{kinds:?}");
    assert!(
        kinds.iter().any(|(_, k)| *k == MomentKind::Joining),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(13, MomentKind::Misunderstanding)),
        "{kinds:?}"
    );
    let silence = got.iter().find(|s| s.kind == MomentKind::Silence).unwrap();
    assert_eq!(
        silence.why,
        "nobody wrote for 61 minutes after a busy exchange"
    );
}

#[test]
fn work_is_linear_and_bounded() {
    let lines: Vec<ChatLine> = (0..50_000)
        .map(|i| line(i, "x", "wait, what? weird"))
        .collect();
    assert_eq!(suggest(&lines, 1000).len(), MAX_SUGGESTIONS);
}

/// The engine as it was before it read a line at a time: every line in memory, every
/// candidate kept. The streaming [`Suggester`] must give exactly its answers.
pub(super) fn reference_suggest(lines: &[ChatLine], limit: usize) -> Vec<Suggestion> {
    let matcher = Matcher::new();
    let mut found: Vec<Suggestion> = Vec::new();
    let spoken: Vec<usize> = (0..lines.len()).filter(|i| !lines[*i].system).collect();

    // Phrases.
    let mut asked: HashMap<&str, (usize, i64)> = HashMap::new();
    for &i in &spoken {
        let line = &lines[i];
        let lower = line.text.to_lowercase();
        for (kind, weight, phrase) in matcher.read(&lower) {
            let boost = if line.text.contains('?') && kind == MomentKind::Surprise {
                0.5
            } else {
                0.0
            };
            found.push(Suggestion {
                index: i,
                kind,
                score: weight + boost,
                why: format!("{} says \"{phrase}\"", line.author.unwrap_or("someone")),
            });
        }
        // A question asked again by the same person, nobody having answered: it mattered to
        // them, and it went unanswered.
        if let Some(author) = line.author {
            let addressed_to_them = |j: usize| {
                lines[j].author != Some(author)
                    && lines[j]
                        .text
                        .to_lowercase()
                        .contains(&author.to_lowercase())
            };
            if let Some(&(first, at)) = asked.get(author)
                && line.at - at <= 30 * 60
                && ["anyone", "anybody", "ping", "again", "still"]
                    .iter()
                    .any(|w| lower.contains(w))
                && !(first + 1..i).any(addressed_to_them)
            {
                found.push(Suggestion {
                    index: first,
                    kind: MomentKind::Misunderstanding,
                    score: 1.8,
                    why: format!("{author} asked, nobody answered, and they asked again"),
                });
                asked.remove(author);
            } else if line.text.trim_end().ends_with('?') {
                asked.insert(author, (i, line.at));
            }
        }
    }

    // A long silence in a busy exchange: the line that breaks it.
    let mut gaps: Vec<i64> = spoken
        .windows(2)
        .map(|w| lines[w[1]].at - lines[w[0]].at)
        .collect();
    gaps.sort_unstable();
    let median = gaps.get(gaps.len() / 2).copied().unwrap_or(0);
    let threshold = (median * 8).max(15 * 60);
    for (k, w) in spoken.windows(2).enumerate() {
        let gap = lines[w[1]].at - lines[w[0]].at;
        // Busy before: the five lines before the gap came within ten minutes.
        let busy = k >= 5 && lines[w[0]].at - lines[spoken[k - 5]].at <= 10 * 60;
        if gap >= threshold && busy {
            found.push(Suggestion {
                index: w[1],
                kind: MomentKind::Silence,
                score: 2.5,
                why: format!("nobody wrote for {} after a busy exchange", minutes(gap)),
            });
        }
    }

    // People joining in numbers: three or more new voices within five minutes.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut arrivals: Vec<(usize, i64)> = Vec::new();
    let mut last_joining: Option<i64> = None;
    for (i, line) in lines.iter().enumerate() {
        let Some(author) = line.author else { continue };
        if !seen.insert(author) {
            continue;
        }
        arrivals.push((i, line.at));
        arrivals.retain(|(_, at)| line.at - at <= 5 * 60);
        if arrivals.len() >= 4
            && last_joining.is_none_or(|t| line.at - t > 30 * 60)
            && seen.len() > 4
        {
            let at = arrivals
                .iter()
                .map(|(i, _)| *i)
                .find(|i| !lines[*i].system)
                .unwrap_or(i);
            found.push(Suggestion {
                index: at,
                kind: MomentKind::Joining,
                score: 1.5 + 0.5 * (arrivals.len() as f32 - 4.0).min(2.0),
                why: format!("{} people joined within five minutes", arrivals.len()),
            });
            last_joining = Some(line.at);
        }
    }

    // One suggestion per line: its strongest.
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    let mut taken: HashSet<usize> = HashSet::new();
    found.retain(|s| !lines[s.index].system && taken.insert(s.index));
    found.truncate(limit.min(MAX_SUGGESTIONS));
    found
}

/// Generated chats: a few authors (two alike but for case, one with an empty name), phrases,
/// questions, names, system lines and gaps from seconds to hours (stretched by a tempo, so that the
/// median gap, which sets how long a silence must be, varies too).
fn chat() -> impl proptest::strategy::Strategy<Value = Vec<(i64, Option<usize>, Vec<usize>, bool)>>
{
    use proptest::prelude::*;
    proptest::collection::vec(
        (
            prop_oneof![6 => 0_i64..90, 1 => 90_i64..5_000],
            proptest::option::weighted(0.9, 0..AUTHORS.len()),
            proptest::collection::vec(0..FRAGMENTS.len(), 1..4),
            proptest::bool::weighted(0.15),
        ),
        0..160,
    )
}

const AUTHORS: [&str; 6] = ["ana", "Ana", "bo", "cy", "dee", ""];
const FRAGMENTS: [&str; 16] = [
    "wait, what",
    "anyone?",
    "ping",
    "ana",
    "bo can you look",
    "rollback",
    "instead",
    "sev1",
    "ok",
    "is it down?",
    "still broken?",
    "i thought so",
    "cy",
    "weird",
    "checking",
    "again",
];

proptest::proptest! {
    #[test]
    fn reading_a_line_at_a_time_gives_the_one_pass_answers(
        rows in chat(),
        tempo in 1_i64..8,
        limit in proptest::prelude::prop_oneof![
            proptest::prelude::Just(1_usize),
            proptest::prelude::Just(3),
            proptest::prelude::Just(10),
            proptest::prelude::Just(50),
        ],
    ) {
        let mut at = 0;
        let texts: Vec<String> = rows
            .iter()
            .map(|(_, _, parts, _)| parts.iter().map(|p| FRAGMENTS[*p]).collect::<Vec<_>>().join(" "))
            .collect();
        let lines: Vec<ChatLine> = rows
            .iter()
            .zip(&texts)
            .map(|((gap, author, _, system), text)| {
                at += gap * tempo;
                ChatLine { at, author: author.map(|a| AUTHORS[a]), text, system: *system }
            })
            .collect();
        let key = |s: &Suggestion| (s.index, s.kind, s.score.to_bits(), s.why.clone());
        let streamed: Vec<_> = suggest(&lines, limit).iter().map(key).collect();
        let one_pass: Vec<_> = reference_suggest(&lines, limit).iter().map(key).collect();
        proptest::prop_assert_eq!(streamed, one_pass);
    }
}

#[test]
fn a_silence_is_long_against_the_timelines_own_pace() {
    // The usual gap here is five minutes, so a silence must last eight of them (40 minutes):
    // 36 minutes after a busy exchange is not one, 42 minutes is.
    let mut at = 0;
    let mut lines = Vec::new();
    let mut say = |gap: i64, lines: &mut Vec<ChatLine<'static>>| {
        at += gap;
        lines.push(line(
            at,
            if lines.len().is_multiple_of(2) {
                "a"
            } else {
                "b"
            },
            "looking",
        ));
    };
    for _ in 0..30 {
        say(300, &mut lines);
    }
    for gap in [
        100,
        100,
        100,
        100,
        100,
        100,
        36 * 60,
        100,
        100,
        100,
        100,
        100,
        42 * 60,
    ] {
        say(gap, &mut lines);
    }
    let silences: Vec<usize> = suggest(&lines, 50)
        .iter()
        .filter(|s| s.kind == MomentKind::Silence)
        .map(|s| s.index)
        .collect();
    assert_eq!(silences, vec![lines.len() - 1]);
    assert_eq!(
        reference_suggest(&lines, 50).len(),
        suggest(&lines, 50).len()
    );
}
