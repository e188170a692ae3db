//! Dumps, for every sentence of the named sets (default: the five released first), the rules'
//! flags and the crate's tokens, one JSON object a line, for prototyping a learned model outside
//! the crate.
//!
//!     cargo run -p lore-lint --example ml_dump --release -- [DIR [SET...]]
use lore_lint::eval::read_set;

fn main() {
    // The labelled sets are read from the first argument when given (the rules of an older
    // commit run over today's labels).
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/eval").to_owned());
    let named: Vec<String> = std::env::args().skip(2).collect();
    let sets: Vec<&str> = if named.is_empty() {
        vec!["sentences", "holdout2", "holdout3", "holdout4", "holdout5"]
    } else {
        named.iter().map(String::as_str).collect()
    };
    for name in sets {
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
