//! Dumps, for every sentence of the five released sets, the rules' flags and the crate's
//! tokens, one JSON object a line, for prototyping a learned model outside the crate.
use lore_lint::eval::read_set;

fn main() {
    // The labelled sets are read from the first argument when given (the rules of an older
    // commit run over today's labels).
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/eval").to_owned());
    for name in ["sentences", "holdout2", "holdout3", "holdout4", "holdout5"] {
        let text = std::fs::read_to_string(format!("{dir}/{name}.jsonl")).unwrap();
        for r in read_set(&text).unwrap() {
            let flags = lore_lint::lint(&r.text).unwrap_or_default();
            let mut toks = Vec::new();
            for block in lore_lint::markdown::blocks(&r.text) {
                for s in lore_lint::text::sentences(&r.text, &block) {
                    for t in &s.tokens {
                        toks.push(serde_json::json!([t.lower, t.punct, t.masked, t.capital]));
                    }
                }
            }
            let fl: Vec<_> = flags
                .iter()
                .map(|f| serde_json::json!({"category": f.category, "span": f.span}))
                .collect();
            println!(
                "{}",
                serde_json::json!({"set": name, "id": r.id, "source": r.source, "text": r.text,
                    "labels": r.labels, "flags": fl, "tokens": toks, "hard_negative": r.hard_negative})
            );
        }
    }
}
