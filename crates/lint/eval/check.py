#!/usr/bin/env python3
"""Validate crates/lint/eval/sentences.jsonl and holdout2.jsonl and print their counts (standard
library only).

    python3 crates/lint/eval/check.py [--data DIR] [--holdout2 FILE2] [--holdout3 FILE3] [--SPLIT FILE]
        [FILE]   (SPLIT: any set of LATER_SETS, e.g. --holdout8 FILE8)

DIR is the shared data folder the sources are relative to (default: $LORE_SHARED_DATA, else
../shared/data next to the repository, else /work/shared/data). FILE defaults to
sentences.jsonl beside this script. Exit status 0 when every check passes, 1 otherwise.

Checks: one JSON object per line; required fields; ids unique and well formed; labels drawn from
the four categories; split is tune or holdout; hard_negative from the documented kinds and only on
sentences without labels; every local source exists under DIR; every text occurs in its source
after joining lines and collapsing whitespace (Markdown blockquote markers are dropped at line
starts; JSON and JSONL sources are searched in their decoded string values, HTML tags removed;
the Slack ZIP in its day files); the given line holds the start of the text; a document (the
`doc` field) sits in one split only.

holdout2.jsonl (beside this script, or FILE2) gets the same checks with split "holdout2" and ids
like 'h2-dfds-0001', and must share no document (`doc`) and no sentence text with FILE; it needs
at least 375 sentences, 104 with counterfactual, blame or minimiser (105 until h2-irc-0061 was
relabelled on 2026-12-03), 227 hard negatives, and at
most 10 % written for the set.

The sets made since (holdout7.jsonl, holdout8.jsonl, ...; the LATER_SETS table below, one row
each) get the same checks with their own split and id pattern, and each must share no document
and no sentence text with sentences.jsonl, holdout2.jsonl ... holdout6.jsonl or any set above it
in the table; each row gives its minimum counts (sentences, real positives, hard negatives) and
its share of written sentences.
"""
import collections
import html
import json
import os
import re
import sys
import zipfile

CATEGORIES = ["counterfactual", "blame", "minimiser", "single-cause"]
HARD_NEGATIVES = [
    "system-counterfactual", "future-should", "expectation-at-the-time", "quoted-speech",
    "neutral-root-cause", "quantity-just", "hypothetical-impact", "neutral-who-did-what",
    "system-error", "non-minimising-word",
]
SPLITS = ["tune", "holdout"]
REQUIRED = ["id", "source", "line", "text", "labels", "split", "hard_negative"]
OPTIONAL = ["note", "doc"]
WRITTEN = "written-for-the-set"
# The sets made after holdout6, checked alike: each shares no document, web source or sentence
# text with any set before it in this list (or with sentences.jsonl and holdout2..6), and must hold
# at least `total` sentences, `real_pos` real (not written) sentences with counterfactual, blame or
# minimiser, `hard` hard negatives (and, where `quarter`, a quarter of its sentences), and at most
# `written_pct` per cent written for the set. `web_disjoint`: no web source shared with earlier sets.
LATER_SETS = [
    {"split": "holdout7", "ids": r"h7-[a-z]+-\d{4}", "total": 329, "real_pos": 62, "hard": 143,
     "quarter": False, "written_pct": 15, "web_disjoint": False},
    {"split": "holdout8", "ids": r"h8-[a-z]+-\d{4}", "total": 388, "real_pos": 65, "hard": 182,
     "quarter": True, "written_pct": 10, "web_disjoint": True},
    {"split": "train1", "ids": r"t1-[a-z]+-\d{4}", "total": 813, "real_pos": 135, "hard": 347,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "train2", "ids": r"t2-[a-z]+-\d{4}", "total": 828, "real_pos": 133, "hard": 341,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "train3", "ids": r"t3-[a-z]+-\d{4}", "total": 625, "real_pos": 122, "hard": 309,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "train4", "ids": r"t4-[a-z]+-\d{4}", "total": 650, "real_pos": 132, "hard": 225,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "holdout9", "ids": r"h9-[a-z]+-\d{4}", "total": 603, "real_pos": 72, "hard": 298,
     "quarter": True, "written_pct": 10, "web_disjoint": True},
    {"split": "train5", "ids": r"t5-[a-z]+-\d{4}", "total": 900, "real_pos": 120, "hard": 300,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "train6", "ids": r"t6-[a-z]+-\d{4}", "total": 900, "real_pos": 120, "hard": 300,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "train7", "ids": r"t7-[a-z]+-\d{4}", "total": 900, "real_pos": 120, "hard": 300,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "train8", "ids": r"t8-[a-z]+-\d{4}", "total": 900, "real_pos": 120, "hard": 300,
     "quarter": False, "written_pct": 10, "web_disjoint": True},
    {"split": "holdout10", "ids": r"h10-[a-z]+-\d{4}", "total": 550, "real_pos": 70, "hard": 250,
     "quarter": True, "written_pct": 10, "web_disjoint": True},
]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def default_data_dir():
    if os.environ.get("LORE_SHARED_DATA"):
        return os.environ["LORE_SHARED_DATA"]
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
    sibling = os.path.join(os.path.dirname(repo), "shared", "data")
    if os.path.isdir(sibling):
        return sibling
    return "/work/shared/data"


def strings_of(value, out):
    """Collect every string inside a decoded JSON value."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, list):
        for v in value:
            strings_of(v, out)
    elif isinstance(value, dict):
        for v in value.values():
            strings_of(v, out)
    return out


def clean_markup(s):
    return norm(re.sub(r"<[^>]+>", " ", html.unescape(s)))


class Sources:
    """Loads each source once and answers 'does this text occur (at this line)?'."""

    def __init__(self, data):
        self.data = data
        self.cache = {}

    def load(self, rel):
        if rel in self.cache:
            return self.cache[rel]
        path = os.path.join(self.data, rel)
        entry = {"kind": None}
        if rel.endswith(".zip"):
            blobs = []
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.endswith(".json"):
                        try:
                            blobs.append(clean_markup(" ".join(strings_of(json.loads(z.read(name)), []))))
                        except ValueError:
                            pass
            entry = {"kind": "zip", "blob": " \n ".join(blobs)}
        elif rel.endswith(".jsonl"):
            lines = open(path, encoding="utf-8").read().split("\n")
            recs = []
            for l in lines:
                recs.append(clean_markup(" ".join(strings_of(json.loads(l), []))) if l.strip() else "")
            entry = {"kind": "jsonl", "records": recs}
        elif rel.endswith(".json"):
            entry = {"kind": "json", "blob": clean_markup(" \n ".join(strings_of(json.load(open(path, encoding="utf-8")), [])))}
        else:
            raw = open(path, encoding="utf-8").read().split("\n")
            stripped = [re.sub(r"^\s*(>\s*)*", "", l) for l in raw]
            entry = {"kind": "text", "lines": [norm(l) for l in stripped], "blob": norm(" ".join(stripped))}
        self.cache[rel] = entry
        return entry

    def check(self, rel, line, text):
        """Return None when the text is found (at the line), else a message."""
        e = self.load(rel)
        t = norm(text)
        if e["kind"] == "jsonl":
            if not isinstance(line, int) or not 1 <= line <= len(e["records"]):
                return "line %r is not a record of %s" % (line, rel)
            if t not in e["records"][line - 1]:
                return "text not found in record %d of %s" % (line, rel)
            return None
        if t not in e["blob"]:
            return "text not found in %s" % rel
        if e["kind"] == "text":
            if not isinstance(line, int) or not 1 <= line <= len(e["lines"]):
                return "line %r out of range for %s" % (line, rel)
            head = t[:24]
            # the start of the sentence is on the given line, or the sentence starts on it and
            # continues on the next line(s)
            window = norm(" ".join(e["lines"][line - 1:line + 3]))
            if head not in window:
                return "text does not start on line %d of %s" % (line, rel)
        return None


def main(argv):
    data = default_data_dir()
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "sentences.jsonl")
    holdout2 = os.path.join(here, "holdout2.jsonl")
    holdout3 = os.path.join(here, "holdout3.jsonl")
    overrides = {}
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a == "--data":
            data = args.pop(0)
        elif a == "--holdout2":
            holdout2 = args.pop(0)
        elif a == "--holdout3":
            holdout3 = args.pop(0)
        elif a[2:] in [spec["split"] for spec in LATER_SETS]:
            overrides[a[2:]] = args.pop(0)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            path = a
    errors, records = validate(path, data, SPLITS, r"[a-z]+-\d{4}")
    records2 = []
    records3 = []
    report(records)
    total = len(records)
    written = sum(1 for r in records if r.get("source") == WRITTEN)
    hard = sum(1 for r in records if r.get("hard_negative"))
    if total < 400:
        errors.append("only %d sentences (at least 400 wanted)" % total)
    if total and written * 10 >= total:
        errors.append("written-for-the-set sentences are %d of %d (must stay under 10%%)" % (written, total))
    if total and hard * 4 < total:
        errors.append("hard negatives are %d of %d (at least a quarter wanted)" % (hard, total))
    if os.path.isfile(holdout2):
        print("\n== holdout2 (%s)" % os.path.basename(holdout2))
        errors2, records2 = validate(holdout2, data, ["holdout2"], r"h2-[a-z]+-\d{4}")
        report_holdout2(records2)
        errors += ["holdout2: " + e for e in errors2]
        errors += ["holdout2: " + e for e in cross_check(records, records2)]
        total2 = len(records2)
        written2 = sum(1 for r in records2 if r.get("source") == WRITTEN)
        hard2 = sum(1 for r in records2 if r.get("hard_negative"))
        pos2 = sum(1 for r in records2 if set(r.get("labels") or []) & set(CATEGORIES[:3]))
        if total2 < 375:
            errors.append("holdout2: only %d sentences (at least 375 wanted)" % total2)
        if total2 and written2 * 10 > total2:
            errors.append("holdout2: written-for-the-set sentences are %d of %d (at most 10%%)" % (written2, total2))
        if pos2 < 104:
            errors.append("holdout2: %d sentences with counterfactual, blame or minimiser (at least 104 wanted)" % pos2)
        if hard2 < 227:
            errors.append("holdout2: %d hard negatives (at least 227 wanted)" % hard2)
        total += total2
    if os.path.isfile(holdout3):
        print("\n== holdout3 (%s)" % os.path.basename(holdout3))
        errors3, records3 = validate(holdout3, data, ["holdout3"], r"h3-[a-z]+-\d{4}")
        report_holdout2(records3)
        report_holdout3_extra(records3)
        errors += ["holdout3: " + e for e in errors3]
        errors += ["holdout3: " + e for e in cross_check(records, records3)]
        errors += ["holdout3: " + e.replace("sentences.jsonl", "holdout2.jsonl")
                   for e in cross_check(records2, records3)]
        total3 = len(records3)
        written3 = sum(1 for r in records3 if r.get("source") == WRITTEN)
        real3 = [r for r in records3 if r.get("source") != WRITTEN]
        hard3 = sum(1 for r in real3 if r.get("hard_negative"))
        pos3 = sum(1 for r in real3 if set(r.get("labels") or []) & set(CATEGORIES[:3]))
        if total3 < 227:
            errors.append("holdout3: only %d sentences (at least 227 wanted)" % total3)
        if total3 and written3 * 10 > total3:
            errors.append("holdout3: written-for-the-set sentences are %d of %d (at most 10%%)" % (written3, total3))
        if pos3 < 31:
            errors.append("holdout3: %d real sentences with counterfactual, blame or minimiser (at least 31 wanted)" % pos3)
        if hard3 < 109:
            errors.append("holdout3: %d real hard negatives (at least 109 wanted)" % hard3)
        total += total3
    earlier = [("sentences.jsonl", records), ("holdout2.jsonl", records2), ("holdout3.jsonl", records3)]
    for k in (4, 5, 6):
        name = "holdout%d.jsonl" % k
        path_k = os.path.join(here, name)
        if os.path.isfile(path_k):
            earlier.append((name, [json.loads(l) for l in open(path_k, encoding="utf-8") if l.strip()]))
    for spec in LATER_SETS:
        set_path = overrides.get(spec["split"], os.path.join(here, spec["split"] + ".jsonl"))
        if not os.path.isfile(set_path):
            continue
        recs, errs = check_later_set(spec, set_path, data, earlier)
        errors += errs
        total += len(recs)
        earlier.append((spec["split"] + ".jsonl", recs))
    if errors:
        print("\nFAILED: %d problem(s)" % len(errors))
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("\nOK: %d sentences pass every check" % total)
    return 0


def check_later_set(spec, path, data, earlier):
    """Validate one set of LATER_SETS against the sets before it; returns (records, errors)."""
    name = spec["split"]
    print("\n== %s (%s)" % (name, os.path.basename(path)))
    errs, recs = validate(path, data, [name], spec["ids"])
    report_holdout2(recs)
    errors = [name + ": " + e for e in errs]
    for other, other_recs in earlier:
        errors += [name + ": " + e.replace("sentences.jsonl", other) for e in cross_check(other_recs, recs)]
        if spec["web_disjoint"]:
            used = set(r.get("source") for r in other_recs if str(r.get("source", "")).startswith("http"))
            for r in recs:
                if r.get("source") in used:
                    errors.append("%s: %s: web source also in %s: %s" % (name, r.get("id"), other, r.get("source")))
    total = len(recs)
    written = sum(1 for r in recs if r.get("source") == WRITTEN)
    real = [r for r in recs if r.get("source") != WRITTEN]
    hard = sum(1 for r in recs if r.get("hard_negative"))
    pos = sum(1 for r in real if set(r.get("labels") or []) & set(CATEGORIES[:3]))
    print("\nreal (not written) sentences with counterfactual, blame or minimiser: %d" % pos)
    if total < spec["total"]:
        errors.append("%s: only %d sentences (at least %d wanted)" % (name, total, spec["total"]))
    if total and written * 100 > total * spec["written_pct"]:
        errors.append("%s: written-for-the-set sentences are %d of %d (at most %d%%)" % (name, written, total, spec["written_pct"]))
    if pos < spec["real_pos"]:
        errors.append("%s: %d real sentences with counterfactual, blame or minimiser (at least %d wanted)" % (name, pos, spec["real_pos"]))
    if hard < spec["hard"] or (spec["quarter"] and hard * 4 < total):
        errors.append("%s: %d hard negatives (at least %d%s wanted)" % (name, hard, spec["hard"], " and a quarter of the sentences" if spec["quarter"] else ""))
    return recs, errors


def cross_check(records, records2):
    """holdout2 shares no document and no sentence text with sentences.jsonl."""
    errors = []
    docs = set(r.get("doc") for r in records if r.get("doc"))
    for r in records2:
        if r.get("doc") in docs:
            errors.append("%s: document %s is also in sentences.jsonl" % (r.get("id"), r.get("doc")))
    texts = set(norm(r.get("text", "")).lower() for r in records)
    for r in records2:
        if norm(r.get("text", "")).lower() in texts:
            errors.append("%s: text also in sentences.jsonl: %s" % (r.get("id"), r.get("text", "")[:80]))
    return errors


def validate(path, data, splits, id_pattern):
    errors = []
    records = []
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        if not raw.strip():
            errors.append("line %d: empty line" % n)
            continue
        try:
            r = json.loads(raw)
        except ValueError as e:
            errors.append("line %d: not JSON (%s)" % (n, e))
            continue
        if not isinstance(r, dict):
            errors.append("line %d: not an object" % n)
            continue
        r["_n"] = n
        records.append(r)

    sources = Sources(data)
    ids = set()
    doc_splits = collections.defaultdict(set)
    for r in records:
        where = "line %d (%s)" % (r["_n"], r.get("id"))
        for f in REQUIRED:
            if f not in r:
                errors.append("%s: missing field %r" % (where, f))
        extra = set(r) - set(REQUIRED) - set(OPTIONAL) - {"_n"}
        if extra:
            errors.append("%s: unknown fields %s" % (where, sorted(extra)))
        if any(f not in r for f in REQUIRED):
            continue
        if not isinstance(r["id"], str) or not re.fullmatch(id_pattern, r["id"]):
            errors.append("%s: id must match %s" % (where, id_pattern))
        if r["id"] in ids:
            errors.append("%s: duplicate id" % where)
        ids.add(r["id"])
        if not isinstance(r["text"], str) or not r["text"].strip():
            errors.append("%s: empty text" % where)
        labels = r["labels"]
        if not isinstance(labels, list) or any(l not in CATEGORIES for l in labels) or len(set(labels)) != len(labels):
            errors.append("%s: labels must be a list of distinct categories from %s" % (where, CATEGORIES))
        if r["split"] not in splits:
            errors.append("%s: split must be one of %s" % (where, splits))
        hn = r["hard_negative"]
        if hn is not None and hn not in HARD_NEGATIVES:
            errors.append("%s: hard_negative %r is not one of %s" % (where, hn, HARD_NEGATIVES))
        if hn is not None and labels:
            errors.append("%s: a flagged sentence cannot be a hard negative" % where)
        if "note" in r and not isinstance(r["note"], str):
            errors.append("%s: note must be a string" % where)
        if "doc" in r:
            doc_splits[r["doc"]].add(r["split"])
        src = r["source"]
        if not isinstance(src, str) or not src:
            errors.append("%s: empty source" % where)
            continue
        if src.startswith("http://") or src.startswith("https://"):
            if r["line"] is not None and not isinstance(r["line"], int):
                errors.append("%s: line must be an integer or null" % where)
            continue
        if src == WRITTEN:
            if r["line"] is not None:
                errors.append("%s: written sentences have line null" % where)
            continue
        full = os.path.join(data, src)
        if not os.path.isfile(full):
            errors.append("%s: source %s does not exist under %s" % (where, src, data))
            continue
        if src.endswith(".zip"):
            if r["line"] is not None:
                errors.append("%s: sentences from a ZIP have line null" % where)
        elif not isinstance(r["line"], int) or r["line"] < 1:
            errors.append("%s: line must be a positive integer for a local file" % where)
        msg = sources.check(src, r["line"], r["text"])
        if msg:
            errors.append("%s: %s" % (where, msg))

    texts = collections.Counter(norm(r.get("text", "")).lower() for r in records)
    for t, c in texts.items():
        if c > 1:
            errors.append("duplicate text (%d times): %s" % (c, t[:80]))
    for d, sp in doc_splits.items():
        if len(sp) > 1:
            errors.append("document %s is in both splits" % d)
    return errors, records


def family(r):
    parts = r.get("id", "?-").split("-")
    return parts[1] if re.fullmatch(r"[ht]\d+", parts[0]) and len(parts) > 2 else parts[0]


def is_chat(r):
    return family(r) in ("irc", "slack")


def report_holdout3_extra(records):
    """Real (not written) counts and the goals of the holdout3 brief, printed as a note."""
    real = [r for r in records if r.get("source") != WRITTEN]
    pos = [r for r in real if set(r.get("labels") or []) & set(CATEGORIES[:3])]
    mins = [r for r in real if "minimiser" in (r.get("labels") or [])]
    chat_mins = sum(1 for r in mins if is_chat(r))
    hard = sum(1 for r in real if r.get("hard_negative"))
    print("\nreal (not written): sentences %d, with counterfactual/blame/minimiser %d, minimisers %d "
          "(%d from chat), hard negatives %d" % (len(real), len(pos), len(mins), chat_mins, hard))
    goals = []
    if len(records) < 300:
        goals.append("300 sentences (has %d)" % len(records))
    if len(pos) < 90:
        goals.append("90 real positives (has %d)" % len(pos))
    if len(mins) < 25:
        goals.append("25 real minimisers (has %d)" % len(mins))
    if mins and chat_mins * 2 > len(mins):
        goals.append("at most half the real minimisers from chat (has %d of %d)" % (chat_mins, len(mins)))
    if hard < 100:
        goals.append("100 real hard negatives (has %d)" % hard)
    if goals:
        print("note: goals of the holdout3 brief not yet met: " + "; ".join(goals))


def report_holdout2(records):
    by = collections.Counter()
    kinds = collections.Counter()
    fams = collections.Counter()
    for r in records:
        labels = r.get("labels") or []
        by["sentences"] += 1
        by["flagged (any label)" if labels else "not flagged"] += 1
        for c in labels:
            by[c] += 1
        if any(c in labels for c in CATEGORIES[:3]):
            by["cf+blame+minimiser"] += 1
            if r.get("source") != WRITTEN:
                by["cf+blame+minimiser (real)"] += 1
        if r.get("hard_negative"):
            by["hard negatives"] += 1
            kinds["hn: " + r["hard_negative"]] += 1
        fams["source: " + family(r)] += 1
    for k in ["sentences", "flagged (any label)", "not flagged"] + CATEGORIES + ["cf+blame+minimiser", "cf+blame+minimiser (real)", "hard negatives"]:
        print("%-28s %6d" % (k, by[k]))
    print()
    for k in sorted(kinds):
        print("%-28s %6d" % (k, kinds[k]))
    print()
    for k in sorted(fams):
        print("%-28s %6d" % (k, fams[k]))
    print("\nsentences with more than one label: %d" % sum(1 for r in records if len(r.get("labels") or []) > 1))


def report(records):
    def row(name, counts):
        return "%-24s %6s %8s %6s" % (name, counts.get("tune", 0), counts.get("holdout", 0),
                                       counts.get("tune", 0) + counts.get("holdout", 0))
    by = collections.defaultdict(collections.Counter)
    for r in records:
        s = r.get("split")
        by["sentences"][s] += 1
        labels = r.get("labels") or []
        if labels:
            by["flagged (any label)"][s] += 1
        else:
            by["not flagged"][s] += 1
        for c in labels:
            by[c][s] += 1
        if any(c in labels for c in CATEGORIES[:3]):
            by["cf+blame+minimiser"][s] += 1
        if r.get("hard_negative"):
            by["hard negatives"][s] += 1
            by["hn: " + r["hard_negative"]][s] += 1
        by["source: " + family(r)][s] += 1
    print("%-24s %6s %8s %6s" % ("", "tune", "holdout", "all"))
    order = ["sentences", "flagged (any label)", "not flagged"] + CATEGORIES + ["cf+blame+minimiser", "hard negatives"]
    for k in order:
        print(row(k, by[k]))
    print()
    for k in sorted(x for x in by if x.startswith("hn: ")):
        print(row(k, by[k]))
    print()
    for k in sorted(x for x in by if x.startswith("source: ")):
        print(row(k, by[k]))
    multi = sum(1 for r in records if len(r.get("labels") or []) > 1)
    print("\nsentences with more than one label: %d" % multi)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
