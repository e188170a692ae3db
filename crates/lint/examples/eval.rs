//! `cargo xtask eval` (which runs this): precision and recall of the second reader on the
//! labelled sentences in `crates/lint/eval/sentences.jsonl`, on the tuning part and on the
//! held-out part, and on the blind `holdout2.jsonl` (figures only: its mistakes are never
//! printed, so that nobody tunes on them). `--misses` lists the mistakes on every sentence of the file: the old
//! held-out part was released for tuning on 2026-12-03 after its totals had been seen (a
//! blind `holdout2`, in its own file, replaces it), so both parts are now tuning data.
//! Its figures are still reported apart, so that the history stays visible. `--real-only`
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
    // Both parts together, the figure now tuned on; the misses are listed once, under it.
    let whole: Vec<_> = set
        .iter()
        .cloned()
        .map(|mut r| {
            r.split = "all".to_owned();
            r
        })
        .collect();
    for (split, set) in [("tune", &set), ("holdout", &set), ("all", &whole)] {
        let report = evaluate(set, split);
        println!("{}", table(split, &report));
        if split == "all" && args.iter().any(|a| a == "--misses") {
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
    // The blind part: figures only, never its mistakes, so that it stays unseen by tuning.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/holdout2.jsonl");
    let blind = match std::fs::read_to_string(path).map(|t| read_set(&t)) {
        Ok(Ok(s)) if args.iter().any(|a| a == "--real-only") => s
            .into_iter()
            .filter(|r| r.source != "written-for-the-set")
            .collect(),
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            eprintln!("error: {path}: {e}");
            return std::process::ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    println!("{}", table("holdout2", &evaluate(&blind, "holdout2")));
    moments()
}

/// Precision of the top ten suggested moments per labelled conversation.
fn moments() -> std::process::ExitCode {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/moments");
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("moments: no labelled conversations in {dir}");
        return std::process::ExitCode::SUCCESS;
    };
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    println!(
        "moments: top {} suggestions per conversation\n{:<36} {:>8} {:>8} {:>6} {:>9} {:>10} {:>7}",
        lore_lint::eval_moments::TOP,
        "conversation",
        "messages",
        "labelled",
        "right",
        "precision",
        "right kind",
        "recall"
    );
    let (mut sum, mut count) = (0.0, 0);
    let (mut sums, mut counts) = ([0.0; 2], [0; 2]);
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let split = if lore_lint::eval_moments::is_tune(&name) {
            "tune"
        } else {
            "holdout"
        };
        if split == "tune" && std::env::args().any(|a| a == "--misses") {
            for (kind, why, label, text) in lore_lint::eval_moments::detail(&text) {
                println!(
                    "  {} {kind:<16} {why:<50} {}",
                    label.as_deref().unwrap_or("-"),
                    text.chars().take(90).collect::<String>()
                );
            }
        }
        match lore_lint::eval_moments::score(&name, &text) {
            Ok(s) => {
                sums[usize::from(split == "holdout")] += s.precision();
                counts[usize::from(split == "holdout")] += 1;
                println!(
                    "{:<36} {:>8} {:>8} {:>6} {:>9.2} {:>10} {:>7.2}",
                    s.name,
                    s.messages,
                    s.labelled,
                    s.right,
                    s.precision(),
                    s.right_kind,
                    s.recall()
                );
                sum += s.precision();
                count += 1;
            }
            Err(e) => {
                eprintln!("error: {e}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    if count > 0 {
        println!(
            "mean precision of the top {}: {:.2} (tuning conversations {:.2}, held out {:.2})",
            lore_lint::eval_moments::TOP,
            sum / count as f64,
            sums[0] / counts[0].max(1) as f64,
            sums[1] / counts[1].max(1) as f64
        );
    }
    std::process::ExitCode::SUCCESS
}
