//! `cargo xtask eval` (which runs this): precision and recall of the second reader on the
//! labelled sentences in `crates/lint/eval/sentences.jsonl`, on the tuning part and on the
//! held-out part. `--misses` lists the tuning part's mistakes (never the held-out part's, so
//! that nobody tunes on it by accident); `--misses-holdout` lists those too; `--real-only`
//! leaves out the sentences written for the set.

use lore_lint::eval::{evaluate, read_set, table};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/sentences.jsonl");
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let set = match read_set(&text) {
        Ok(s) if args.iter().any(|a| a == "--real-only") => s
            .into_iter()
            .filter(|r| r.source != "written-for-the-set")
            .collect(),
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    for split in ["tune", "holdout"] {
        let report = evaluate(&set, split);
        println!("{}", table(split, &report));
        let show = (split == "tune" && args.iter().any(|a| a == "--misses"))
            || (split == "holdout" && args.iter().any(|a| a == "--misses-holdout"));
        if show {
            for m in &report.misses {
                println!(
                    "  {} {} {:<15} {}",
                    if m.false_positive { "FP" } else { "FN" },
                    m.id,
                    m.category.as_str(),
                    m.text
                );
            }
            println!();
        }
    }
    std::process::ExitCode::SUCCESS
}
