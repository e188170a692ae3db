//! Speed of the second reader: `lore lint` on a 5,000-word write-up (goal: under 50 ms), and
//! the moment suggestions on a 100,000-line chat. The write-up is the demo's narrative and
//! perspectives, repeated to 5,000 words, with every judgement the rules look for scattered
//! through it, so the rules do their full work. Reports p50, p95 and the maximum.
//!
//! Run: `cargo bench -p lore-lint`.

use std::time::Instant;

use lore_lint::moments::{ChatLine, suggest};

const TEXTS: &[&str] = &[
    include_str!("../../../demo/narrative.md"),
    include_str!("../../../demo/perspectives/tomas-brennan.md"),
    include_str!("../../../demo/perspectives/mei-lin-tan.md"),
    include_str!("../../../demo/perspectives/rafael-quintero-interview.md"),
];
const JUDGEMENTS: &str = "The on-call engineer should have checked the flag. It was obvious that the disk was full. \
    The root cause was a careless change. The cache should have expired after five minutes. ";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    println!(
        "{what}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} runs)",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().unwrap(),
        times.len()
    );
}

fn main() {
    let mut doc = String::new();
    let mut i = 0;
    while doc.split_whitespace().count() < 5_000 {
        doc.push_str(TEXTS[i % TEXTS.len()]);
        doc.push_str("\n\n");
        doc.push_str(JUDGEMENTS);
        doc.push_str("\n\n");
        i += 1;
    }
    let words = doc.split_whitespace().count();
    let flags = lore_lint::lint(&doc).unwrap().len();
    let times: Vec<f64> = (0..200)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(lore_lint::lint(std::hint::black_box(&doc)).unwrap());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    report(&format!("lint, {words} words, {flags} flags"), times);

    let texts = [
        "checking the broker logs now",
        "wait, what? the stations went back into maintenance",
        "I don't think we should restart it yet",
        "let's try clearing the retained message instead",
        "ok",
        "bumping to SEV2",
    ];
    let lines: Vec<ChatLine> = (0..100_000)
        .map(|i| ChatLine {
            at: i as i64 * 20 + if i % 5_000 == 0 { 3_600 } else { 0 },
            author: Some(["nadia", "jonah", "rafa", "mei", "tomas"][i % 5]),
            text: texts[(i * 7) % texts.len()],
            system: false,
        })
        .collect();
    let times: Vec<f64> = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(suggest(std::hint::black_box(&lines), 10));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    report("moment suggestions, 100,000 lines", times);
}
