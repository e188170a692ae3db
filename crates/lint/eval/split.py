#!/usr/bin/env python3
"""Recompute the tune/holdout split of sentences.jsonl (standard library only).

    python3 crates/lint/eval/split.py           # recompute; report whether the file agrees
    python3 crates/lint/eval/split.py --write   # rewrite the split field with the recomputed one

Whole documents (the `doc` field) go to one split. About 30 % goes to the holdout, stratified by
category and by source: 300 seeded passes, each a greedy pass over the documents in a random
order followed by single-document flips while they help, minimise the squared distance of the
holdout from 30 % of the total for the sentence count, each category's positives, hard negatives,
unflagged sentences and each source family (the id prefix); the best pass is kept. Only rerun it
after changing the set's content, never after looking at results on the holdout.
"""
import collections
import json
import os
import random
import sys

CATEGORIES = ["counterfactual", "blame", "minimiser", "single-cause"]
TARGET = 0.3
WEIGHTS = {"all": 3.0, "counterfactual": 3.0, "blame": 3.0, "minimiser": 3.0, "single-cause": 3.0,
           "hn": 1.0, "neg": 1.0}  # source families weigh 1.0


def vec(records):
    v = collections.Counter()
    for r in records:
        v["all"] += 1
        for c in r["labels"]:
            v[c] += 1
        if r["hard_negative"]:
            v["hn"] += 1
        if not r["labels"]:
            v["neg"] += 1
        v["fam:" + r["id"].split("-")[0]] += 1
    return v


def compute(records):
    docs = collections.defaultdict(list)
    for r in records:
        docs[r["doc"]].append(r)
    keys = sorted(docs)
    vecs = {k: vec(docs[k]) for k in keys}
    total = vec(records)

    def cost(h):
        return sum(WEIGHTS.get(d, 1.0) * (h[d] - TARGET * t) ** 2 / max(t, 1) for d, t in total.items())

    best = None
    for seed in range(300):
        rng = random.Random(seed)
        order = keys[:]
        rng.shuffle(order)
        hold = collections.Counter()
        inh = set()
        for k in order:
            if cost(hold + vecs[k]) < cost(hold):
                hold = hold + vecs[k]
                inh.add(k)
        improved = True
        while improved:
            improved = False
            for k in order:
                h2 = collections.Counter(hold)
                if k in inh:
                    h2.subtract(vecs[k])
                else:
                    h2.update(vecs[k])
                if cost(h2) < cost(hold) - 1e-12:
                    hold = h2
                    inh ^= {k}
                    improved = True
        c = cost(hold)
        if best is None or c < best[0]:
            best = (c, set(inh), seed)
    return {k: ("holdout" if k in best[1] else "tune") for k in keys}, best


def main(argv):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sentences.jsonl")
    lines = [l for l in open(path, encoding="utf-8") if l.strip()]
    records = [json.loads(l) for l in lines]
    split, best = compute(records)
    differ = [r["id"] for r in records if r["split"] != split[r["doc"]]]
    print("best seed %d, cost %.3f; holdout %d of %d sentences" % (
        best[2], best[0], sum(1 for r in records if split[r["doc"]] == "holdout"), len(records)))
    if "--write" in argv:
        with open(path, "w", encoding="utf-8") as f:
            for r in records:
                r["split"] = split[r["doc"]]
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print("split written")
        return 0
    if differ:
        print("%d sentences differ from the recomputed split, e.g. %s" % (len(differ), differ[:5]))
        return 1
    print("the file's split matches the recomputed one")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
