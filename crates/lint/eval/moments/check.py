#!/usr/bin/env python3
"""Validate the labelled chat set for moment suggestions (issue 12, item 5).

Standard library only. For every *.jsonl file beside this script it checks

  * the fields of every line (source, line, at, author, text, moment, note, and kind on join lines);
  * that `at` is UTC RFC 3339 and never goes backwards, and that (source, line) is unique;
  * that every `moment` is one of the seven kinds and carries a one-sentence `note`;
  * that every `text` (and author, kind and time) is what the source says at that place:
    the IRC log file at that 1-based line, or the Slack export (day file, 1-based position);
  * that the conversation is complete: every message and join of the source between its first
    and last line is present, nothing else is;
  * that the two mechanical kinds follow RULES.md exactly: every message the silence rule and the
    joining rule select carries a label, and every `silence` / `joining` label sits on one;
  * 150-400 messages per conversation (join lines not counted).

It prints the counts per conversation and kind. Exit status 0 when everything passes.

    python3 check.py [--data PATH_TO_SHARED_DATA] [--quiet]

The data directory defaults to $LORE_SHARED_DATA, else the first `shared/data` found next to a
parent directory of this file (the project keeps its data in ../shared/data).
"""
import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("surprise", "misunderstanding", "disagreement", "change-of-plan", "silence", "joining", "severity")
REQUIRED = ("source", "line", "at", "author", "text", "moment", "note")
BOTS = {"wikibugs", "gerrit-wm", "wm-bot", "MootBot", "ubottu", "eval", "rustbot", "github"}
SLACK_ZIP = "slack/slack-export-viewer-testarchive/testarchive.zip"
# The 2004 #ubuntu log counts hours 00..11 and wraps (a 12-hour clock): see README.md.
TWELVE_HOUR = {"irc/irc-ubuntu-disentanglement/data/train/2004-12-25.train-c.raw.txt"}
AT_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
MIN_MSGS, MAX_MSGS = 150, 400

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_at(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- sources

def read_irc(data, source):
    """Every message and join line of an IRC log, keyed by 1-based line number:
    {line: (kind, author, text, at)} with kind None for a message, 'join' for a join."""
    path = data / source
    lines = path.read_bytes().decode("utf-8").split("\n")
    out = {}
    m = re.search(r"(\d{4}-\d\d-\d\d)\.", path.name)
    file_day = dt.datetime.strptime(m.group(1), "%Y-%m-%d") if m else None
    last = None      # datetime of the last timestamped line
    prev_clock = None
    wrapped = False
    for no, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        if file_day is not None:
            # irclogs.ubuntu.com style: "[HH:MM] <nick> text", "=== ..." system and action lines
            mm = re.match(r"^\[(\d\d):(\d\d)\] <([^>]+)> (.*)$", raw)
            if mm:
                clock = int(mm[1]) * 60 + int(mm[2])
                if prev_clock is not None and clock < prev_clock:
                    if source in TWELVE_HOUR and not wrapped:
                        wrapped = True
                    else:
                        raise ValueError(f"{source}:{no}: clock goes backwards")
                prev_clock = clock
                last = file_day + dt.timedelta(minutes=clock + (720 if wrapped else 0))
                out[no] = (None, mm[3], mm[4], last)
                continue
            mm = re.match(r"^=== (\S+) \[[^\]]*\]\s+has joined #\S+$", raw)
            if mm:
                out[no] = ("join", mm[1], raw, last)
                continue
            if re.match(r"^=== \S+ \[[^\]]*\]\s+has (left|quit)\b", raw) or re.match(r"^=== \S+ is now known as \S+$", raw):
                continue
            mm = re.match(r"^=== (\S+) (.*)$", raw)   # a /me action
            if mm:
                out[no] = (None, mm[1], mm[2], last)
                continue
            raise ValueError(f"{source}:{no}: unparsed line")
        # new-domains style: "channel YYYY-MM-DD [HH:MM(:SS)] <nick>\t text"
        mm = re.match(r"^\S+ (\d{4}-\d\d-\d\d) (?:\[(\d\d:\d\d(?::\d\d)?)\] )?(.*)$", raw)
        if not mm:
            raise ValueError(f"{source}:{no}: unparsed line")
        if mm[2] is None:
            if not re.match(r"^=== \S+ is now known as \S+\s*$", mm[3]):
                raise ValueError(f"{source}:{no}: line without time")
            continue
        clock = mm[2] if len(mm[2]) == 8 else mm[2] + ":00"
        at = dt.datetime.strptime(f"{mm[1]} {clock}", "%Y-%m-%d %H:%M:%S")
        rest = mm[3].strip()
        for pat in (r"^<([^>]+)>\s*(.*)$", r"^\*\s+(\S+)\s+(.*)$", r"^-(\S+)-\s+(.*)$"):
            m2 = re.match(pat, rest)
            if m2:
                out[no] = (None, m2[1], m2[2].strip(), at)
                break
        else:
            raise ValueError(f"{source}:{no}: unparsed line")
    return out


def read_slack(data):
    """Every entry of the Slack export: {(source, position): (kind, author, text, at)}."""
    z = zipfile.ZipFile(data / SLACK_ZIP)
    users = {u["id"]: u["name"] for u in json.loads(z.read("users.json"))}
    out = {}
    for name in z.namelist():
        if name.count("/") != 1 or not name.endswith(".json"):
            continue
        for pos, m in enumerate(json.loads(z.read(name)), 1):
            sub = m.get("subtype")
            if sub == "file_comment":
                author = users.get(m["comment"]["user"])
            else:
                author = users.get(m.get("user")) or m.get("username") or ("github" if m.get("bot_id") else None)
            text = m.get("text") or ""
            if not text:   # integration posts keep their words in the first attachment
                a = (m.get("attachments") or [{}])[0]
                text = a.get("text") or a.get("fallback") or ""
            at = dt.datetime.fromtimestamp(float(m["ts"]), dt.timezone.utc).replace(tzinfo=None)
            at = at.replace(microsecond=0)
            out[(f"{SLACK_ZIP}/{name}", pos)] = ("join" if sub == "channel_join" else None, author, text, at)
    return out


# ---------------------------------------------------------------- mechanical rules (RULES.md)

def norm(nick):
    return re.sub(r"[_^]+$", "", nick.split("|")[0]).lower()


def silence_points(msgs):
    """msgs: ordinary messages in order, as (key, author, at). Returns {key: (gap, span)}."""
    hum = [m for m in msgs if m[1] not in BOTS]
    out = {}
    for i in range(10, len(hum)):
        gap = (hum[i][2] - hum[i - 1][2]).total_seconds() / 60
        gaps = [(hum[j][2] - hum[j - 1][2]).total_seconds() / 60 for j in range(i - 9, i)]
        med = max(statistics.median(gaps), 0.5)
        span = (hum[i - 1][2] - hum[i - 10][2]).total_seconds() / 60
        authors = {hum[j][1] for j in range(i - 10, i)}
        if gap >= 5 and gap >= 10 * med and span <= 30 and len(authors) >= 2:
            out[hum[i][0]] = (gap, span)
    return out


def joining_points(conv, context):
    """conv, context: lists of (key, kind, author, at) in order; context = the source up to the
    end of the conversation (for 'not seen in the last hour'). Returns {key: [names]}."""
    in_conv = {c[0] for c in conv}
    has_joins = any(c[1] == "join" for c in context)
    msgs = [c for c in conv if c[1] is None and c[2] not in BOTS]
    arrivals, seen = [], {}
    for key, kind, author, at in context:
        if author in BOTS:
            continue
        nick = norm(author)
        new = nick not in seen or (at - seen[nick]).total_seconds() > 3600
        if key in in_conv and new:
            if has_joins and kind == "join":
                if any(norm(m[2]) == nick and m[0] > key and 0 <= (m[3] - at).total_seconds() <= 600 for m in msgs):
                    arrivals.append((key, nick, author, at))
            elif not has_joins and kind is None:
                arrivals.append((key, nick, author, at))
        seen[nick] = at
    if not arrivals:
        return {}
    t0, t1 = conv[0][3], conv[-1][3]
    bins = [0] * (int((t1 - t0).total_seconds() // 300) + 1)
    for a in arrivals:
        bins[int((a[3] - t0).total_seconds() // 300)] += 1
    threshold = max(3, 3 * statistics.median(bins))
    order = [c[0] for c in conv]
    out, last = {}, None
    for i, (key, nick, author, at) in enumerate(arrivals):
        window = {a[1] for a in arrivals[: i + 1] if 0 <= (at - a[3]).total_seconds() <= 300}
        if len(window) >= threshold:
            if last is None or (at - last).total_seconds() > 600:
                start = order.index(key)
                target = next(c[0] for c in conv[start:] if c[1] is None)
                out[target] = sorted({a[2] for a in arrivals[: i + 1] if a[1] in window}, key=str.lower)
            last = at
    return out


# ---------------------------------------------------------------- checking one file

def check_file(path, data, irc_cache, slack):
    name = path.name
    rows = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{name}:{no}"
        try:
            r = json.loads(raw)
        except json.JSONDecodeError as e:
            err(where, f"not JSON ({e})")
            continue
        if not isinstance(r, dict):
            err(where, "not an object")
            continue
        missing = [f for f in REQUIRED if f not in r]
        extra = [f for f in r if f not in REQUIRED and f != "kind"]
        if missing or extra:
            err(where, f"fields: missing {missing}, unexpected {extra}")
            continue
        if "kind" in r and r["kind"] != "join":
            err(where, f"kind must be 'join' when present, not {r['kind']!r}")
        if not isinstance(r["line"], int) or isinstance(r["line"], bool) or r["line"] < 1:
            err(where, "line must be a positive integer")
            continue
        if not isinstance(r["at"], str) or not AT_RE.match(r["at"]):
            err(where, f"at is not UTC RFC 3339 (YYYY-MM-DDTHH:MM:SSZ): {r['at']!r}")
            continue
        for f in ("source", "author", "text"):
            if not isinstance(r[f], str) or (f != "text" and not r[f]):
                err(where, f"{f} must be a non-empty string")
        if r["moment"] is not None and r["moment"] not in KINDS:
            err(where, f"moment {r['moment']!r} is not one of {KINDS}")
        if r["moment"] is None and r["note"] is not None:
            err(where, "note without a moment")
        if r["moment"] is not None and (not isinstance(r["note"], str) or not r["note"].strip()):
            err(where, "a moment needs a note")
        if r.get("kind") == "join" and r["moment"] is not None:
            err(where, "join lines carry no moment; the label goes on the next message")
        rows.append((no, r))
    if not rows:
        err(name, "empty")
        return None

    # order and uniqueness
    keys = set()
    prev = None
    for no, r in rows:
        k = (r["source"], r["line"])
        if k in keys:
            err(f"{name}:{no}", f"duplicate {k}")
        keys.add(k)
        t = parse_at(r["at"])
        if prev is not None and t < prev:
            err(f"{name}:{no}", f"at goes backwards ({r['at']})")
        prev = t

    # against the source
    sources = {r["source"] for _, r in rows}
    if any(s.startswith(SLACK_ZIP + "/") for s in sources):
        truth = slack
        expect = sorted(truth, key=lambda k: (truth[k][3], k))
        if not all(s.startswith(SLACK_ZIP + "/") for s in sources):
            err(name, "mixes Slack and IRC sources")
        context_keys = expect
    else:
        if len(sources) != 1:
            err(name, f"one IRC source per conversation, found {sorted(sources)}")
            return None
        (src,) = sources
        if src not in irc_cache:
            try:
                irc_cache[src] = {(src, n): v for n, v in read_irc(data, src).items()}
            except (OSError, ValueError) as e:
                err(name, f"cannot read source {src}: {e}")
                return None
        truth = irc_cache[src]
        lo = min(r["line"] for _, r in rows)
        hi = max(r["line"] for _, r in rows)
        expect = [k for k in sorted(truth) if lo <= k[1] <= hi]
        context_keys = [k for k in sorted(truth) if k[1] <= hi]
    for no, r in rows:
        k = (r["source"], r["line"])
        if k not in truth:
            err(f"{name}:{no}", f"{k[0]} has no message or join at line {k[1]}")
            continue
        kind, author, text, at = truth[k]
        if r["text"] != text:
            err(f"{name}:{no}", f"text differs from the source: {r['text'][:60]!r} vs {text[:60]!r}")
        if r["author"] != author:
            err(f"{name}:{no}", f"author {r['author']!r}, source says {author!r}")
        if r.get("kind") != kind:
            err(f"{name}:{no}", f"kind {r.get('kind')!r}, source says {kind!r}")
        if at is None or r["at"] != fmt(at):
            err(f"{name}:{no}", f"at {r['at']}, source says {at and fmt(at)}")
    have = [(r["source"], r["line"]) for _, r in rows]
    if set(have) != set(expect):
        miss = sorted(set(expect) - set(have))[:5]
        more = sorted(set(have) - set(expect))[:5]
        err(name, f"not the complete stretch: missing {miss}, unexpected {more}")
    if have != [k for k in expect if k in set(have)] and truth is not slack:
        err(name, "lines are not in source order")

    # mechanical kinds
    by_key = {(r["source"], r["line"]): r for _, r in rows}
    conv = [(k, truth[k][0], truth[k][1], truth[k][3]) for k in have if k in truth]
    context = [(k, truth[k][0], truth[k][1], truth[k][3]) for k in context_keys]
    msgs = [(c[0], c[2], c[3]) for c in conv if c[1] is None]
    for kind, points in (("silence", silence_points(msgs)), ("joining", joining_points(conv, context))):
        for k in points:
            if by_key[k]["moment"] is None:
                err(name, f"line {k[1]} meets the {kind} rule but carries no label")
        for k, r in by_key.items():
            if r["moment"] == kind and k not in points:
                err(name, f"line {k[1]} is labelled {kind} but does not meet the rule")

    messages = [r for _, r in rows if r.get("kind") != "join"]
    if not MIN_MSGS <= len(messages) <= MAX_MSGS:
        err(name, f"{len(messages)} messages, expected {MIN_MSGS}-{MAX_MSGS}")
    counts = {k: 0 for k in KINDS}
    for r in messages:
        if r["moment"] in counts:
            counts[r["moment"]] += 1
    return {
        "messages": len(messages),
        "joins": len(rows) - len(messages),
        "labelled": sum(1 for r in messages if r["moment"] is not None),
        "counts": counts,
        "range": "export" if truth is slack else f"{min(r['line'] for _, r in rows)}-{max(r['line'] for _, r in rows)}",
    }


def find_data(arg):
    if arg:
        return Path(arg)
    if os.environ.get("LORE_SHARED_DATA"):
        return Path(os.environ["LORE_SHARED_DATA"])
    for p in HERE.parents:
        if (p / "shared" / "data").is_dir():
            return p / "shared" / "data"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="path to the shared data directory (../shared/data)")
    ap.add_argument("--quiet", action="store_true", help="print only failures and the total")
    args = ap.parse_args()
    data = find_data(args.data)
    if data is None or not data.is_dir():
        print("check.py: cannot find ../shared/data; pass --data or set LORE_SHARED_DATA", file=sys.stderr)
        return 2
    try:
        slack = read_slack(data)
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        print(f"check.py: cannot read the Slack export: {e}", file=sys.stderr)
        return 2
    files = sorted(HERE.glob("*.jsonl"))
    if not 6 <= len(files) <= 8:
        err("set", f"{len(files)} conversations, expected 6-8")
    irc_cache = {}
    results = {}
    for f in files:
        res = check_file(f, data, irc_cache, slack)
        if res:
            results[f.stem] = res
    if not args.quiet:
        short = {"surprise": "sur", "misunderstanding": "mis", "disagreement": "dis",
                 "change-of-plan": "chg", "silence": "sil", "joining": "join", "severity": "sev"}
        head = f"{'conversation':46} {'lines':>10} {'msgs':>5} {'joins':>5} {'lab':>4} " + " ".join(f"{short[k]:>4}" for k in KINDS)
        print(head)
        total = {k: 0 for k in KINDS}
        tm = tj = 0
        for n, r in results.items():
            print(f"{n:46} {r['range']:>10} {r['messages']:5} {r['joins']:5} {r['labelled']:4} "
                  + " ".join(f"{r['counts'][k]:4}" for k in KINDS))
            for k in KINDS:
                total[k] += r["counts"][k]
            tm += r["messages"]
            tj += r["joins"]
        print(f"{'total':46} {'':>10} {tm:5} {tj:5} {sum(total.values()):4} " + " ".join(f"{total[k]:4}" for k in KINDS))
    for e in errors:
        print("FAIL", e)
    print(f"{len(results)} conversations, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
