"""Leave-one-training-set-out, 2026-12-04 (see "A learned model, tried" in ../README.md): the
n-gram model of experiment.py trained on three of train1-4 and tested on the fourth. The rules had
never seen any of the four when their flags were dumped, so every fold's flags, training and
test alike, are blind: the model learns how the rules fail on unseen text.

    cargo run -q -p lore-lint --example ml_dump --release -- crates/lint/eval train1 train2 train3 train4 > DUMP
    python3 trainsets.py DUMP [override|lr|words] [--precise] [--balanced]

Run it on a dump made with the rules as they were before train1-4 were tuned on (commit
c59baab or earlier); after that the flags are no longer blind.
"""
import json
import sys

import experiment as X

SETS = ["train1", "train2", "train3", "train4"]


def main():
    rows = [json.loads(line) for line in open(sys.argv[1])]
    by = {s: [r for r in rows if r["set"] == s] for s in SETS}
    folds = []
    for held in SETS:
        others = [s for s in SETS if s != held]
        inner = [([r for s in others if s != ih for r in by[s]], by[ih]) for ih in others]
        folds.append((held, [r for s in others for r in by[s]], by[held], inner))
    variant = next((a for a in sys.argv[2:] if not a.startswith("--")), "override")
    if "--precise" in sys.argv:
        X.OBJECTIVE = "precise"
    X.run(folds, variant, cw="balanced" if "--balanced" in sys.argv else None)


if __name__ == "__main__":
    main()
