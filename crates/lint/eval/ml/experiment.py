"""Leave-one-set-out experiment: the rules alone against the rules plus a small learned model
(per category, a logistic regression over word unigrams and bigrams, a few shape features and
the rules' own flags and flagged words). See "A learned model, tried" in ../README.md.

Input: a folder of dumps made by run.sh with `examples/ml_dump.rs` (the five released sets
with the rules' flags and the crate's tokens): `ml_dump.jsonl` with today's rules and
`ml_dump_COMMIT.jsonl` with the rules each holdout was measured blind with. Never reads
holdout6 or later.

    python3 experiment.py DIR MODE [VARIANT] [--balanced] [--precise]

MODE:
  current  five folds, every set's flags from today's rules (tuned on all five: optimistic);
  blind-a  four folds (holdout2..5), the held-out set's flags from the rules it was measured
           blind with, the training sets' flags from that same commit;
  blind-b  as blind-a, but each earlier training set's flags from the rules it was itself
           measured blind with, so the model learns how the rules fail on unseen text.
VARIANT:
  override  the rule's answer unless the model is confident the other way; both thresholds
            chosen by an inner leave-one-set-out on the training sets (default);
  lr        the model alone decides at 0.5, the rules' flags being among its features;
  words     the model without the rules' features, at 0.5;
  oracle    diagnosis only: override with thresholds chosen on the held-out set itself.
"""
import json
import sys
import collections

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

SETS = ["sentences", "holdout2", "holdout3", "holdout4", "holdout5"]
CORE = ["counterfactual", "blame", "minimiser"]
SHORT = {"counterfactual": "cf", "blame": "bl", "minimiser": "mn", "single-cause": "sc"}
PRONOUNS = {"i", "we", "you", "he", "she", "they", "someone", "somebody", "nobody", "u"}
MODALS = {"should", "could", "would", "might", "must", "ought", "shouldn't", "couldn't",
          "wouldn't", "should've", "could've", "would've"}
PERSONISH = PRONOUNS | {"engineer", "operator", "team", "developer", "admin", "user", "he", "they"}


def features(r, use_rules=True, use_words=True):
    f = {}
    toks = r["tokens"]
    words = [t[0] for t in toks if not t[1] and not t[2]]
    if use_words:
        for w in words:
            f["w:" + w] = 1
        for a, b in zip(words, words[1:]):
            f["b:" + a + " " + b] = 1
        if words:
            f["first:" + words[0]] = 1
            f["first_pronoun"] = int(words[0] in PRONOUNS)
        # chat-shaped: "nick: ..." at the start
        if len(toks) > 1 and toks[1][0] == ":" and not toks[0][1]:
            f["chat_nick"] = 1
        if any(t[2] for t in toks):
            f["has_masked"] = 1
        for i, w in enumerate(words[:-1]):
            if w in MODALS and words[i + 1] in ("have", "of", "'ve"):
                f["modal_have"] = 1
                if i > 0 and words[i - 1] in PERSONISH:
                    f["person_modal_have"] = 1
            if w in MODALS and i > 0 and words[i - 1] in PERSONISH:
                f["person_modal"] = 1
    if use_rules:
        cats = {fl["category"] for fl in r["flags"]}
        for c in SHORT:
            if c in cats:
                f["R:" + SHORT[c]] = 1
        if not cats:
            f["R:none"] = 1
        for fl in r["flags"]:
            for w in fl["span"].lower().split():
                f["RS:%s:%s" % (SHORT[fl["category"]], w.strip(".,;:!?\"'()"))] = 1
    return f


def rules_pred(r, c):
    return any(fl["category"] == c for fl in r["flags"])


def counts(rows, preds):
    tp = fp = fn = 0
    for r, p in zip(rows, preds):
        for c in CORE:
            lab = c in r["labels"]
            if p[c] and lab:
                tp += 1
            elif p[c]:
                fp += 1
            elif lab:
                fn += 1
    return tp, fp, fn


def pr(t):
    tp, fp, fn = t
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def fit(train, c, C, cw=None, **kw):
    vec = DictVectorizer()
    X = vec.fit_transform([features(r, **kw) for r in train]).astype(np.float64)
    X.indices = X.indices.astype(np.int32)
    X.indptr = X.indptr.astype(np.int32)
    y = np.array([c in r["labels"] for r in train])
    m = LogisticRegression(C=C, max_iter=5000, solver="liblinear", class_weight=cw)
    m.fit(X, y)
    return vec, m


def proba(vm, rows, **kw):
    vec, m = vm
    X = vec.transform([features(r, **kw) for r in rows])
    X.indices = X.indices.astype(np.int32)
    X.indptr = X.indptr.astype(np.int32)
    return m.predict_proba(X)[:, 1]


def combine(rule, p, lo, hi):
    """The rule's answer unless the model is confident the other way."""
    return (rule and p >= lo) or (not rule and p >= hi)


BLIND = {"holdout2": "cab1745", "holdout3": "1d2ad8f", "holdout4": "b17c540",
         "holdout5": "c3fbf11"}


def load(path):
    rows = [json.loads(line) for line in open(path)]
    return {s: [r for r in rows if r["set"] == s] for s in SETS}


def choose(inner, c, objective):
    """Thresholds (lo, hi) chosen on the inner folds' (rows, probabilities).

    `f1`: the pair with the best F1 for the category. `precise`: each side on its own, the
    lowest `hi` whose additions were right at least 3 times in 4 (and the highest `lo` whose
    vetoes were), so that the model only adds or removes where it was reliable."""
    if objective == "precise":
        pairs = [(rules_pred(r, c), pp, c in r["labels"]) for itest, p in inner
                 for r, pp in zip(itest, p)]
        hi = 1.01
        for h in sorted({round(x, 2) for x in np.arange(0.1, 1.0, 0.05)}, reverse=True):
            added = [lab for rule, pp, lab in pairs if not rule and pp >= h]
            if added and sum(added) / len(added) >= 0.75:
                hi = h
        lo = 0.0
        for lo_ in (0.02, 0.05, 0.1, 0.15, 0.2, 0.3):
            vetoed = [lab for rule, pp, lab in pairs if rule and pp < lo_]
            if vetoed and 1 - sum(vetoed) / len(vetoed) >= 0.75:
                lo = lo_
        return lo, hi
    grid_lo = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4]
    grid_hi = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    best = None
    for lo in grid_lo:
        for hi in grid_hi:
            tp = fp = fn = 0
            for itest, p in inner:
                for r, pp in zip(itest, p):
                    pred = combine(rules_pred(r, c), pp, lo, hi)
                    lab = c in r["labels"]
                    tp += pred and lab
                    fp += pred and not lab
                    fn += (not pred) and lab
            f = 2 * tp / (2 * tp + fp + fn)
            key = (round(f, 4), -lo, hi)
            best = max(best, (key, lo, hi)) if best else (key, lo, hi)
    return best[1:]


def run(folds, variant, C=1.0, cw=None):
    """folds: list of (name, train_rows, test_rows, inner) where inner is a list of
    (inner_train_rows, inner_test_rows)."""
    pooled = collections.defaultdict(lambda: [0, 0, 0])
    kw = {"use_rules": False} if variant == "words" else {}
    for held, train, test, inner in folds:
        chosen = {}
        for c in CORE:
            if variant in ("lr", "words"):
                continue
            if variant == "oracle":
                # diagnosis only: thresholds chosen on the test set itself (an upper bound)
                chosen[c] = choose([(test, proba(fit(train, c, C, cw=cw), test))], c, "f1")
                continue
            got = []
            for itrain, itest in inner:
                got.append((itest, proba(fit(itrain, c, C, cw=cw), itest)))
            chosen[c] = choose(got, c, OBJECTIVE)
        probs = {c: proba(fit(train, c, C, cw=cw, **kw), test, **kw) for c in CORE}
        preds_rules, preds_comb = [], []
        for i, r in enumerate(test):
            pr_ = {c: rules_pred(r, c) for c in CORE}
            if variant in ("lr", "words"):
                pc = {c: probs[c][i] >= 0.5 for c in CORE}
            else:
                pc = {c: combine(pr_[c], probs[c][i], *chosen[c]) for c in CORE}
            preds_rules.append(pr_)
            preds_comb.append(pc)
        for label, filt in (("all", lambda r: True),
                            ("real", lambda r: r["source"] != "written-for-the-set")):
            idx = [i for i, r in enumerate(test) if filt(r)]
            sub = [test[i] for i in idx]
            a = counts(sub, [preds_rules[i] for i in idx])
            b = counts(sub, [preds_comb[i] for i in idx])
            for k in range(3):
                pooled[(label, "rules")][k] += a[k]
                pooled[(label, "comb")][k] += b[k]
            print("%-10s %-4s n=%3d rules P %.3f R %.3f %-14s | combined P %.3f R %.3f %s" % (
                held, label, len(sub), *pr(a), a, *pr(b), b))
        if chosen:
            print("   thresholds", chosen)
    for label in ("all", "real"):
        a = pooled[(label, "rules")]
        b = pooled[(label, "comb")]
        print("POOLED     %-4s rules P %.3f R %.3f %-14s | combined P %.3f R %.3f %s" % (
            label, *pr(a), tuple(a), *pr(b), tuple(b)))


OBJECTIVE = "f1"


def main():
    global OBJECTIVE
    if "--precise" in sys.argv:
        OBJECTIVE = "precise"
    dumps = sys.argv[1]  # folder with ml_dump.jsonl and ml_dump_COMMIT.jsonl
    mode = sys.argv[2]   # current | blind-a | blind-b
    variant = sys.argv[3] if len(sys.argv) > 3 else "override"
    cw = "balanced" if "--balanced" in sys.argv else None
    cur = load(dumps + "/ml_dump.jsonl")
    old = {c: load("%s/ml_dump_%s.jsonl" % (dumps, c)) for c in BLIND.values()}
    folds = []
    if mode == "current":
        for held in SETS:
            others = [s for s in SETS if s != held]
            train = [r for s in others for r in cur[s]]
            inner = [([r for s in others if s != ih for r in cur[s]], cur[ih]) for ih in others]
            folds.append((held, train, cur[held], inner))
    else:
        for held, commit in BLIND.items():
            k = SETS.index(held)

            def feats(j, k=k, commit=commit):
                # the rows of set j with the rules of a commit that never saw set k
                if mode == "blind-a" or j == "sentences" or SETS.index(j) > k:
                    return old[commit][j]
                return old[BLIND[j]][j]
            others = [s for s in SETS if s != held]
            train = [r for s in others for r in feats(s)]
            inner = [([r for s in others if s != ih for r in feats(s)], feats(ih))
                     for ih in others]
            folds.append((held, train, old[commit][held], inner))
    run(folds, variant, cw=cw)


if __name__ == "__main__":
    main()
