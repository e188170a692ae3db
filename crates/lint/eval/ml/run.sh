#!/usr/bin/env bash
# Reproduces "A learned model, tried" in ../README.md. Dumps the rules' flags over the five
# released sets (never holdout6 or later: examples/ml_dump.rs names the five) with today's
# rules and with the rules each of holdout2..5 was measured blind with, then runs
# experiment.py (needs scikit-learn; run with 1.9.1, numpy 2.4.6).
#
#   bash crates/lint/eval/ml/run.sh [OUT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
out=${1:-$(mktemp -d)}
mkdir -p "$out"
export CARGO_TARGET_DIR="$out/target"
(cd "$repo" && cargo run -q -p lore-lint --example ml_dump --release) >"$out/ml_dump.jsonl"
# The commits whose rules gave each set's recorded blind figures (holdout2 0.71/0.68,
# holdout3 0.825/0.673, holdout4 0.807/0.733, holdout5 0.933/0.737); experiment.py names them
# by their first seven digits.
for c in cab1745cbb616c27ec5715329d3f56baf68660c8 1d2ad8f7d6d902413db6525bdcac45a08ca51113 \
    b17c5407647be9f01d3770feb59ebdab11a49a36 c3fbf11d41fdb51976954a6a48b1306fbb6f1591; do
    wt="$out/wt-${c:0:7}"
    git -C "$repo" worktree add --detach "$wt" "$c" >/dev/null
    cp "$repo/crates/lint/examples/ml_dump.rs" "$wt/crates/lint/examples/"
    # The worktrees share one target folder, and cargo keys a path package on its path within
    # the workspace: touched, each commit's rules are rebuilt rather than reused.
    find "$wt/crates/lint" -name '*.rs' -exec touch {} +
    (cd "$wt" && cargo run -q -p lore-lint --example ml_dump --release -- "$repo/crates/lint/eval") \
        >"$out/ml_dump_${c:0:7}.jsonl"
    git -C "$repo" worktree remove --force "$wt"
done
cd "$here"
for args in "current override" "current lr" "blind-b override" "blind-b lr" \
    "blind-a override" "blind-b override --precise" "blind-b words --balanced" \
    "blind-b oracle"; do
    echo "== $args"
    # shellcheck disable=SC2086
    python3 experiment.py "$out" $args
done
