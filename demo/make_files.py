#!/usr/bin/env python3
"""Builds demo/files/ -- the demo incident as the files a real team would have -- from
demo/timeline.jsonl and demo/incident.json.

Python 3.11, standard library only, deterministic: re-running it writes identical bytes
(ids, UUIDs and milliseconds are derived from hashes of the timeline, never from the clock
or a random source). It checks its own output at the end: every file is parsed back and the
multiset of (instant in UTC, text) across the files must equal timeline.jsonl's, after the
documented conversions (Slack mention syntax and escaping, Statuspage's status label, the
bridge transcript split into one cue per speaker) are undone.

Usage: python3 demo/make_files.py
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import unicodedata
import uuid
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

DEMO = Path(__file__).resolve().parent
OUT = DEMO / "files"
UTC = timezone.utc
# The status page's zone is America/New_York; every instant in this story falls on
# 2026-03-16/17, after the 2026-03-08 switch to daylight time, so the offset is -04:00
# (asserted below rather than relying on a tz database being installed).
EDT = timezone(timedelta(hours=-4))
DST_START = datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
DST_END = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)

# The recorded bridge call (Zoom cloud recording) began here; cue times are relative to it.
CALL_STARTED_AT = datetime(2026, 3, 17, 7, 34, 12, tzinfo=EDT)

SLACK_CHANNELS = ["inc-3117-riverton-stations", "ops", "deploys"]
TEAM_ID = "T02KTWKCYC"

# ---------------------------------------------------------------------------------------
# Invented people details: Slack ids, job titles, short display names.
# ---------------------------------------------------------------------------------------
HUMANS = {
    # handle: (user id, display name, title)
    "nadia": ("U04NADIA01", "Nadia", "SRE"),
    "jonah": ("U04JONAH02", "Jonah", "Platform engineer"),
    "rafa": ("U04RAFAQ03", "Rafa", "Backend engineer, dock-gateway"),
    "meilin": ("U04MEILIN4", "Mei-Lin", "Firmware lead, station controllers"),
    "tomas": ("U04TOMAS05", "Tomás", "Field operations lead, Riverton"),
    "greta": ("U04GRETA06", "Greta", "Rider support lead"),
    "devika": ("U04DEVIKA7", "Devika", "Launch manager, Port Albany"),
}
BOTS = {
    # handle: (user id, bot id, app id)
    "pagerbot": ("U05PAGERB1", "B05PAGERB1", "A05PAGERB1"),
    "schedbot": ("U05SCHEDB2", "B05SCHEDB2", "A05SCHEDB2"),
    "deploybot": ("U05DEPLOY3", "B05DEPLOY3", "A05DEPLOY3"),
}
CHANNELS = {
    # name: (id, created, creator, topic, purpose, member handles)
    "ops": (
        "C02OPS7KQ1",
        datetime(2021, 9, 14, 13, 2, 51, tzinfo=UTC),
        "nadia",
        "Riverton + Port Albany operations. Pages land here; on-call roster from pagerbot every morning.",
        "Day-to-day operations: stations, field crews, support escalations.",
        ["nadia", "jonah", "rafa", "meilin", "tomas", "greta", "devika", "pagerbot", "schedbot"],
    ),
    "deploys": (
        "C02DPLY8M4",
        datetime(2022, 2, 3, 15, 40, 9, tzinfo=UTC),
        "jonah",
        "Production deploys, posted by deploybot. Questions about a deploy go in a thread.",
        "Every production deploy, automatically.",
        ["nadia", "jonah", "rafa", "meilin", "devika", "deploybot"],
    ),
    "inc-3117-riverton-stations": (
        "C07INC3117",
        # Before m011 (07:29:15), which links to the channel.
        datetime(2026, 3, 17, 7, 28, 52, tzinfo=EDT),
        "nadia",
        "INC-3117 · IC: Nadia · Riverton stations rejecting unlocks and returns",
        "Incident channel for INC-3117. Decisions go here; the bridge is for talking.",
        ["nadia", "jonah", "greta", "tomas", "rafa", "meilin", "devika"],
    ),
}
# Two human messages that were edited a minute after posting (the text is the final one).
EDITED = ["m016", "m068"]

# Deploy pipelines: #88213 is in the message; the others are invented, increasing in time.
PIPELINES = {
    "m002": "88213",
    "m041": "88241",
    "m076": "88259",
    "m084": "88266",
    "m098": "88274",
    "m104": "88290",
}

# ---------------------------------------------------------------------------------------
# The bridge call. Transcript entries name speakers by short name.
# ---------------------------------------------------------------------------------------
SPEAKER_LABELS = {"Nadia": "nadia", "Tomás": "tomas", "Rafa": "rafa", "Meilin": "meilin"}
# Gaps (seconds) for the cues split off a multi-speaker transcript entry: a speaker before
# the entry's author starts this much earlier, one after starts this much after the
# previous cue's start.
SPLIT_BEFORE = {"m086": 6.6}
SPLIT_AFTER = {"m066": 5.6}
# Invented bridge chatter, consistent with the story; listed in demo/files/README.md.
INVENTED_CUES = [
    ("07:34:31.220", "nadia", "Okay, we're recording. This is the INC-3117 bridge. The channel stays the record — if we decide something here, somebody types it there."),
    ("07:47:20.640", "greta", "I'm posting \"investigating\" on the status page now. Riverton only, Port Albany is fine."),
    ("07:56:40.310", "jonah", "Rafa's hotfix is out. Reason codes should start showing up in a minute or two."),
    ("08:38:04.870", "meilin", "Found it. It's on the broker, not in the scheduler. I'm pasting it in the channel, it's easier to read than to hear."),
    ("08:47:31.150", "tomas", "Give me five minutes with that list. I'm checking every station against the open work orders."),
    ("09:06:41.900", "nadia", "Okay. Meilin, how long before we'd know it's holding?"),
    ("09:06:47.450", "meilin", "One reconnect cycle, so five to twelve minutes. If nothing is back in maintenance by quarter past, it's holding."),
    ("09:23:05.700", "nadia", "Greta, go ahead and move the status page to monitoring."),
    ("10:47:12.380", "nadia", "No objections, so we're resolved. Thank you, everyone. I'm stopping the recording."),
]

STATUS_PREFIX = re.compile(r"^(Investigating|Identified|Monitoring|Resolved) — (.*)$", re.S)


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------
def h(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode()).digest()


def sp_id(*parts: str) -> str:
    """A Statuspage-style id: 12 characters of [a-z0-9]."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    n = int.from_bytes(h("statuspage", *parts), "big")
    out = []
    for _ in range(12):
        n, r = divmod(n, len(alphabet))
        out.append(alphabet[r])
    return "".join(out)


def short_id(prefix: str, *parts: str, length: int = 8) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    n = int.from_bytes(h(prefix, *parts), "big")
    out = []
    for _ in range(length):
        n, r = divmod(n, len(alphabet))
        out.append(alphabet[r])
    return prefix + "".join(out)


def msg_uuid(entry_id: str) -> str:
    """A client_msg_id: UUID v4-shaped, derived from the entry id."""
    return str(uuid.UUID(bytes=h("client_msg_id", entry_id)[:16], version=4))


def millis(*parts: str) -> int:
    return int.from_bytes(h("ms", *parts)[:4], "big") % 1000


def parse_dt(s: str) -> datetime:
    dt = datetime.fromisoformat(s)
    assert dt.tzinfo is not None, s
    return dt


def utc_z(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_york_offset(dt: datetime) -> timezone:
    """America/New_York's offset at dt (US rules since 2007), without a tz database."""
    def nth_sunday(year: int, month: int, n: int) -> int:
        first = datetime(year, month, 1).weekday()  # Monday = 0
        return 1 + (6 - first) % 7 + 7 * (n - 1)
    y = dt.astimezone(UTC).year
    start = datetime(y, 3, nth_sunday(y, 3, 2), 7, tzinfo=UTC)   # 02:00 EST
    end = datetime(y, 11, nth_sunday(y, 11, 1), 6, tzinfo=UTC)   # 02:00 EDT
    return EDT if start <= dt < end else timezone(timedelta(hours=-5))


def page_time(dt: datetime) -> str:
    """A Statuspage timestamp: milliseconds, in the page's zone's offset."""
    return dt.astimezone(new_york_offset(dt)).isoformat(timespec="milliseconds")


def second_key(dt: datetime) -> str:
    """An instant in UTC to the second, the resolution the timeline has."""
    return dt.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def ascii_fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_json(path: Path, value, *, ensure_ascii: bool, indent: int) -> None:
    text = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent) + "\n"
    write_bytes(path, text.encode("utf-8"))


def write_jsonl(path: Path, records: list[dict]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    write_bytes(path, text.encode("utf-8"))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    write_bytes(path, buf.getvalue().encode("utf-8"))


def vtt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    hh, rem = divmod(ms, 3_600_000)
    mm, rem = divmod(rem, 60_000)
    ss, ms = divmod(rem, 1000)
    return f"{hh:02d}:{mm:02d}:{ss:02d}.{ms:03d}"


def parse_vtt_time(s: str) -> float:
    m = re.fullmatch(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)", s)
    assert m, s
    hh, mm, ss, ms = (int(x) for x in m.groups())
    return hh * 3600 + mm * 60 + ss + ms / 1000


# ---------------------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------------------
incident = json.loads((DEMO / "incident.json").read_text(encoding="utf-8"))
entries = [json.loads(line) for line in (DEMO / "timeline.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
assert len(entries) == 114, len(entries)
by_id = {e["id"]: e for e in entries}
assert len(by_id) == len(entries)
people = {p["handle"]: p["display_name"] for p in incident["people"]}
for e in entries:
    e["_dt"] = parse_dt(e["datetime"])
    assert DST_START <= e["_dt"] < DST_END
    for bad in ("&amp;", "&lt;", "&gt;", "<@", "<#"):
        assert bad not in e["message"], (e["id"], bad)

USER_ID = {k: v[0] for k, v in HUMANS.items()} | {k: v[0] for k, v in BOTS.items()}
HANDLE_OF_USER = {v: k for k, v in USER_ID.items()}
CHANNEL_ID = {name: v[0] for name, v in CHANNELS.items()}
assert set(HUMANS) | set(BOTS) <= set(people)


# ---------------------------------------------------------------------------------------
# Assign every entry to exactly one file.
# ---------------------------------------------------------------------------------------
def destination(e: dict) -> str:
    kind = e["kind"]
    channel = (e.get("channel") or "").lstrip("#")
    if kind == "chat" and channel in SLACK_CHANNELS:
        return "slack"
    return {
        "deploy": "deploys",
        "alert": "alerts",
        "status": "statuspage",
        "transcript": "vtt",
        "ticket": "tickets",
    }.get(kind, "notes")


groups: dict[str, list[dict]] = defaultdict(list)
for e in sorted(entries, key=lambda e: (e["_dt"], e["id"])):
    groups[destination(e)].append(e)
assert sum(len(g) for g in groups.values()) == 114
assert Counter(e["kind"] for e in entries) == sum(
    (Counter(e["kind"] for e in g) for g in groups.values()), Counter()
)

if OUT.exists():
    # Only what this script writes; README.md is maintained by hand.
    shutil.rmtree(OUT / "slack-export", ignore_errors=True)
OUT.mkdir(exist_ok=True)


# ---------------------------------------------------------------------------------------
# 1. Slack export
# ---------------------------------------------------------------------------------------
def slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


MENTION_AT = re.compile(r"(?<![\w@])@(" + "|".join(HUMANS) + r")\b")
MENTION_START = re.compile(r"^(" + "|".join(HUMANS) + r"):")
MENTION_CHANNEL = re.compile(r"(?<![\w#&])#(" + "|".join(re.escape(c) for c in SLACK_CHANNELS) + r")(?![\w-])")
converted_mentions: list[tuple[str, str]] = []


def slack_text(e: dict) -> str:
    text = slack_escape(e["message"])
    new = MENTION_AT.sub(lambda m: f"<@{USER_ID[m.group(1)]}>", text)
    new = MENTION_START.sub(lambda m: f"<@{USER_ID[m.group(1)]}>:", new)
    new = MENTION_CHANNEL.sub(lambda m: f"<#{CHANNEL_ID[m.group(1)]}|{m.group(1)}>", new)
    for tok in re.findall(r"<[@#][^>]+>", new):
        converted_mentions.append((e["id"], tok))
    return new


def slack_unconvert(text: str) -> str:
    text = re.sub(r"<@(U[A-Z0-9]+)>", lambda m: "@" + HANDLE_OF_USER[m.group(1)], text)
    text = re.sub(r"<#C[A-Z0-9]+\|([^>]+)>", lambda m: "#" + m.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def user_profile(handle: str) -> dict:
    uid, display, _ = HUMANS[handle]
    real = people[handle]
    first, _, last = real.partition(" ")
    return {
        "avatar_hash": "g" + h("avatar", handle).hex()[:11],
        "first_name": first,
        "real_name": real,
        "display_name": display,
        "team": TEAM_ID,
        "name": handle,
        "is_restricted": False,
        "is_ultra_restricted": False,
    }


slack_users = []
for handle, (uid, display, title) in HUMANS.items():
    real = people[handle]
    first, _, last = real.partition(" ")
    slack_users.append({
        "id": uid,
        "team_id": TEAM_ID,
        "name": handle,
        "deleted": False,
        "color": h("color", handle).hex()[:6],
        "real_name": real,
        "tz": "America/New_York",
        "tz_label": "Eastern Daylight Time",
        "tz_offset": -14400,
        "profile": {
            "title": title,
            "phone": "",
            "skype": "",
            "real_name": real,
            "real_name_normalized": ascii_fold(real),
            "display_name": display,
            "display_name_normalized": ascii_fold(display),
            "status_text": "",
            "status_emoji": "",
            "status_expiration": 0,
            "avatar_hash": "g" + h("avatar", handle).hex()[:11],
            "first_name": first,
            "last_name": last,
            "team": TEAM_ID,
        },
        "is_admin": handle == "nadia",
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": False,
        "is_app_user": False,
        "updated": 1767225600 + int.from_bytes(h("updated", handle)[:3], "big") % 5_000_000,
    })
for handle, (uid, bot_id, app_id) in BOTS.items():
    real = people[handle]
    slack_users.append({
        "id": uid,
        "team_id": TEAM_ID,
        "name": handle,
        "deleted": False,
        "color": h("color", handle).hex()[:6],
        "real_name": real,
        "tz": "America/Los_Angeles",
        "tz_label": "Pacific Daylight Time",
        "tz_offset": -25200,
        "profile": {
            "title": "",
            "phone": "",
            "skype": "",
            "real_name": real,
            "real_name_normalized": ascii_fold(real),
            "display_name": handle,
            "display_name_normalized": handle,
            "status_text": "",
            "status_emoji": "",
            "status_expiration": 0,
            "avatar_hash": short_id("", "bot-avatar", handle, length=12).lower(),
            "api_app_id": app_id,
            "always_active": True,
            "bot_id": bot_id,
            "first_name": real,
            "last_name": "",
            "team": TEAM_ID,
        },
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": True,
        "is_app_user": False,
        "updated": 1767225600 + int.from_bytes(h("updated", handle)[:3], "big") % 5_000_000,
    })

slack_channels = []
for name in sorted(SLACK_CHANNELS):
    cid, created, creator, topic, purpose, members = CHANNELS[name]
    created_s = int(created.timestamp())
    slack_channels.append({
        "id": cid,
        "name": name,
        "created": created_s,
        "creator": USER_ID[creator],
        "is_archived": False,
        "is_general": False,
        "members": [USER_ID[m] for m in members],
        "topic": {"value": topic, "creator": USER_ID[creator], "last_set": created_s},
        "purpose": {"value": purpose, "creator": USER_ID[creator], "last_set": created_s},
    })

slack_ts: dict[str, str] = {}
slack_msgs: dict[str, dict] = {}
per_channel: dict[str, list[dict]] = defaultdict(list)
for e in groups["slack"]:
    per_channel[e["channel"].lstrip("#")].append(e)
for name in SLACK_CHANNELS:
    for i, e in enumerate(per_channel[name]):
        secs = int(e["_dt"].timestamp())
        slack_ts[e["id"]] = f"{secs}.{(i + 1) * 100:06d}"

for e in groups["slack"]:
    author = e["author"]
    ts = slack_ts[e["id"]]
    if e["message"] == "has joined the channel":
        assert e.get("noise") and author in HUMANS, e["id"]
        msg = {
            "type": "message",
            "subtype": "channel_join",
            "ts": ts,
            "user": USER_ID[author],
            "text": f"<@{USER_ID[author]}> has joined the channel",
        }
    elif author in BOTS:
        msg = {
            "type": "message",
            "subtype": "bot_message",
            "text": slack_text(e),
            "ts": ts,
            "username": author,
            "bot_id": BOTS[author][1],
        }
    else:
        assert author in HUMANS, e["id"]
        msg = {
            "client_msg_id": msg_uuid(e["id"]),
            "type": "message",
            "text": slack_text(e),
            "user": USER_ID[author],
            "ts": ts,
            "team": TEAM_ID,
            "user_team": TEAM_ID,
            "source_team": TEAM_ID,
            "user_profile": user_profile(author),
        }
        if e["id"] in EDITED:
            msg["edited"] = {"user": USER_ID[author], "ts": f"{int(e['_dt'].timestamp()) + 60}.000000"}
    slack_msgs[e["id"]] = msg

# Threads
replies_of: dict[str, list[dict]] = defaultdict(list)
for e in groups["slack"]:
    parent = e.get("thread_parent")
    if parent:
        assert destination(by_id[parent]) == "slack" and by_id[parent]["channel"] == e["channel"], e["id"]
        replies_of[parent].append(e)
for parent_id, reps in replies_of.items():
    parent = slack_msgs[parent_id]
    assert "user" in parent and "subtype" not in parent
    parent_ts = slack_ts[parent_id]
    for r in reps:
        m = slack_msgs[r["id"]]
        m["thread_ts"] = parent_ts
        m["parent_user_id"] = parent["user"]
    users_in_order = list(dict.fromkeys(slack_msgs[r["id"]]["user"] for r in reps))
    parent["thread_ts"] = parent_ts
    parent["reply_count"] = len(reps)
    parent["reply_users_count"] = len(users_in_order)
    parent["latest_reply"] = slack_ts[reps[-1]["id"]]
    parent["reply_users"] = users_in_order
    parent["replies"] = [{"user": slack_msgs[r["id"]]["user"], "ts": slack_ts[r["id"]]} for r in reps]
    parent["is_locked"] = False
    parent["subscribed"] = False

SLACK = OUT / "slack-export"
write_json(SLACK / "users.json", slack_users, ensure_ascii=True, indent=4)
write_json(SLACK / "channels.json", slack_channels, ensure_ascii=True, indent=4)
for name in SLACK_CHANNELS:
    days: dict[str, list[dict]] = defaultdict(list)
    for e in per_channel[name]:
        days[e["_dt"].astimezone(UTC).strftime("%Y-%m-%d")].append(slack_msgs[e["id"]])
    for day, msgs in sorted(days.items()):
        msgs.sort(key=lambda m: (int(m["ts"].split(".")[0]), int(m["ts"].split(".")[1])))
        write_json(SLACK / name / f"{day}.json", msgs, ensure_ascii=True, indent=4)


# ---------------------------------------------------------------------------------------
# 2. deploys.csv
# ---------------------------------------------------------------------------------------
DEPLOY = re.compile(
    r"^✅ (?P<service>\S+) (?P<version>v\S+) deployed to (?P<env>\w+)(?: \((?P<scope>[^)]*)\))?"
    r" — commit (?P<commit>[0-9a-f]{7}) \"(?P<title>[^\"]*)\" — (?P<tail>.*)$"
)
deploy_rows = []
for e in groups["deploys"]:
    m = DEPLOY.match(e["message"])
    assert m, e["id"]
    tail = m.group("tail")
    by = re.search(r"\bby (\w+)", tail)
    assert by and by.group(1) in HUMANS, e["id"]
    pipe = re.search(r"pipeline #(\d+)", tail)
    if pipe:
        assert pipe.group(1) == PIPELINES[e["id"]]
    deploy_rows.append([
        utc_z(e["_dt"]),
        m.group("service"),
        m.group("version"),
        m.group("commit"),
        PIPELINES[e["id"]],
        by.group(1),
        m.group("env"),
        "succeeded",
        e["message"],
    ])
DEPLOY_HEADER = ["deployed_at", "service", "version", "commit", "pipeline", "deployer", "environment", "status", "notes"]
write_csv(OUT / "deploys.csv", DEPLOY_HEADER, deploy_rows)


# ---------------------------------------------------------------------------------------
# 3. alerts.jsonl and 7. notes.jsonl (Timesketch JSONL)
# ---------------------------------------------------------------------------------------
ALERT_SUBJECT = re.compile(r"\b([a-z]+(?:-[a-z]+)+) ([a-z0-9_]+)\{city=\"(\w+)\"\}")
alert_records = []
for e in groups["alerts"]:
    m = ALERT_SUBJECT.search(e["message"])
    assert m, e["id"]
    state = {"Alert fired": "triggered", "Alert resolved": "resolved", "Alert silenced": "silenced"}[e["timestamp_desc"]]
    alert_records.append({
        "datetime": utc_z(e["_dt"]),
        "timestamp_desc": e["timestamp_desc"],
        "message": e["message"],
        "kind": "alert",
        "author": e["author"],
        "id": short_id("PB", "alert", e["id"]),
        "service": m.group(1),
        "alert_rule": m.group(2),
        "city": m.group(3),
        "dedup_key": f"{m.group(3)}/{m.group(1)}/{m.group(2)}",
        "state": state,
    })
write_jsonl(OUT / "alerts.jsonl", alert_records)

note_records = []
for i, e in enumerate(groups["notes"], start=1):
    note_records.append({
        "datetime": e["datetime"],
        "timestamp_desc": e["timestamp_desc"],
        "message": e["message"],
        "kind": e["kind"],
        "author": e["author"],
        "id": f"note-{i}",
    })
write_jsonl(OUT / "notes.jsonl", note_records)


# ---------------------------------------------------------------------------------------
# 4. statuspage-incidents.json (Atlassian Statuspage API v2 /api/v2/incidents.json)
# ---------------------------------------------------------------------------------------
PAGE_ID = sp_id("page")
INCIDENT_ID = sp_id("incident", incident["slug"])
components = [
    # (key, name, description, position)
    ("riverton-stations", "Riverton stations", "Docking stations in Riverton: unlocks and returns.", 1),
    ("port-albany-stations", "Port Albany stations", "Docking stations in Port Albany: unlocks and returns.", 2),
    ("rider-app", "Rider app", "The Kittiwake app on iOS and Android, and the website.", 3),
    ("payments", "Payments and billing", "Ride charges, passes and refunds.", 4),
]
COMPONENT_CREATED = datetime(2023, 4, 11, 14, 22, 5, 318000, tzinfo=UTC)
RIVERTON = sp_id("component", "riverton-stations")
# Riverton stations: partial outage (99 of 212) until the fix held.
component_change = {
    "investigating": ("operational", "partial_outage"),
    "identified": ("partial_outage", "partial_outage"),
    "monitoring": ("partial_outage", "operational"),
    "resolved": ("operational", "operational"),
}
updates = []
for e in groups["statuspage"]:
    m = STATUS_PREFIX.match(e["message"])
    assert m, e["id"]
    status = m.group(1).lower()
    t = e["_dt"] + timedelta(milliseconds=millis("update", e["id"]))
    old, new = component_change[status]
    updates.append({
        "id": sp_id("update", e["id"]),
        "status": status,
        "body": m.group(2),
        "incident_id": INCIDENT_ID,
        "created_at": page_time(t),
        "updated_at": page_time(t),
        "display_at": page_time(t),
        "affected_components": [
            {"code": RIVERTON, "name": "Riverton stations", "old_status": old, "new_status": new}
        ],
        "deliver_notifications": True,
        "custom_tweet": None,
        "tweet_id": None,
        "_t": t,
    })
assert [u["status"] for u in updates] == ["investigating", "identified", "monitoring", "resolved"]
first_t, monitoring_t, resolved_t = updates[0]["_t"], updates[2]["_t"], updates[3]["_t"]
# Created a few milliseconds before its first update, within the same second.
incident_created = first_t - timedelta(milliseconds=4)
assert (incident_created - timedelta(milliseconds=2)).replace(microsecond=0) == first_t.replace(microsecond=0)
incident_updated = resolved_t + timedelta(milliseconds=16)
riverton_component = None
component_objs = []
for key, name, desc, pos in components:
    obj = {
        "id": sp_id("component", key),
        "name": name,
        "status": "operational",
        "created_at": page_time(COMPONENT_CREATED + timedelta(seconds=pos * 3, milliseconds=millis("c", key))),
        "updated_at": page_time(resolved_t - timedelta(milliseconds=11)) if key == "riverton-stations"
        else page_time(COMPONENT_CREATED + timedelta(seconds=pos * 3, milliseconds=millis("c", key))),
        "position": pos,
        "description": desc,
        "showcase": True,
        "start_date": "2023-04-11",
        "group_id": None,
        "page_id": PAGE_ID,
        "group": False,
        "only_show_if_degraded": False,
    }
    component_objs.append(obj)
    if key == "riverton-stations":
        riverton_component = obj
statuspage = {
    "page": {
        "id": PAGE_ID,
        "name": "Kittiwake Cycles",
        "url": "https://status.kittiwakecycles.com",
        "time_zone": "America/New_York",
        "updated_at": page_time(incident_updated),
    },
    "incidents": [
        {
            "id": INCIDENT_ID,
            "name": "Riverton stations not accepting returns or unlocks",
            "status": "resolved",
            "created_at": page_time(incident_created),
            "updated_at": page_time(incident_updated),
            "monitoring_at": page_time(monitoring_t),
            "resolved_at": page_time(resolved_t),
            "impact": "major",
            "shortlink": "https://stspg.io/" + sp_id("shortlink")[:9],
            "started_at": page_time(incident_created - timedelta(milliseconds=2)),
            "page_id": PAGE_ID,
            "incident_updates": [
                {k: v for k, v in u.items() if not k.startswith("_")} for u in reversed(updates)
            ],
            "components": [riverton_component],
        }
    ],
}
write_json(OUT / "statuspage-incidents.json", statuspage, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------------------
# 5. bridge-call.vtt (Zoom cloud recording transcript)
# ---------------------------------------------------------------------------------------
SEGMENT = re.compile(r"^\[bridge (\d\d:\d\d)\] (.*)$", re.S)
PART = re.compile(r"(?:^| / )(" + "|".join(SPEAKER_LABELS) + r"): ")


def split_segment(text: str) -> tuple[str, list[tuple[str, str]]]:
    m = SEGMENT.match(text)
    assert m, text
    hhmm, body = m.groups()
    marks = list(PART.finditer(body))
    assert marks and marks[0].start() == 0, text
    parts = []
    for i, mk in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        parts.append((mk.group(1), body[mk.end():end]))
    return hhmm, parts


# cue plan: (start datetime, handle, text, role); role is ("entry", id, part index, parts)
# for cues from transcript entries, ("invented",) for invented chatter.
cue_plan = []
for e in groups["vtt"]:
    hhmm, parts = split_segment(e["message"])
    assert hhmm == e["_dt"].astimezone(EDT).strftime("%H:%M"), e["id"]
    author_idx = [SPEAKER_LABELS[label] for label, _ in parts].index(e["author"])
    for i, (label, text) in enumerate(parts):
        if i == author_idx:
            start = e["_dt"]
        elif i < author_idx:
            assert i == author_idx - 1
            start = e["_dt"] - timedelta(seconds=SPLIT_BEFORE[e["id"]])
        else:
            assert i == author_idx + 1
            start = e["_dt"] + timedelta(seconds=SPLIT_AFTER[e["id"]])
        cue_plan.append((start, SPEAKER_LABELS[label], text, ("entry", e["id"], i, len(parts))))
for hms, handle, text in INVENTED_CUES:
    start = datetime.fromisoformat(f"2026-03-17T{hms}-04:00")
    cue_plan.append((start, handle, text, ("invented",)))
cue_plan.sort(key=lambda c: c[0])
assert len(cue_plan) - len(groups["vtt"]) <= 12

vtt_lines = ["WEBVTT", ""]
for n, (start, handle, text, _) in enumerate(cue_plan, start=1):
    s = (start - CALL_STARTED_AT).total_seconds()
    assert s >= 0
    dur = min(9.0, max(1.4, len(text.split()) / 2.7))
    end = s + dur
    if n < len(cue_plan):
        end = min(end, (cue_plan[n][0] - CALL_STARTED_AT).total_seconds() - 0.12)
    end = round(end, 2)
    assert end > s
    vtt_lines += [str(n), f"{vtt_time(s)} --> {vtt_time(end)}", f"{people[handle]}: {text}", ""]
write_bytes(OUT / "bridge-call.vtt", "\n".join(vtt_lines).encode("utf-8"))


# ---------------------------------------------------------------------------------------
# 6. tickets.csv
# ---------------------------------------------------------------------------------------
TICKET_CREATED = re.compile(r"^(?P<t>[A-Z]+-\d+) (?:created|opened) by (?P<by>\w+) — \"(?P<title>[^\"]*)\"")
TICKET_CHANGED = re.compile(r"^(?P<t>[A-Z]+-\d+) updated by (?P<by>\w+) — (?P<field>.+?):? (?P<old>\S+) → (?P<new>\S+)$")
ticket_rows = []
for e in groups["tickets"]:
    m = TICKET_CREATED.match(e["message"])
    if m:
        assert e["timestamp_desc"] == "Ticket created"
        row = [utc_z(e["_dt"]), m.group("t"), "created", "", m.group("title"), m.group("by"), e["message"]]
    else:
        m = TICKET_CHANGED.match(e["message"])
        assert m and e["timestamp_desc"] == "Ticket updated", e["id"]
        row = [utc_z(e["_dt"]), m.group("t"), m.group("field"), m.group("old"), m.group("new"), m.group("by"), e["message"]]
    ticket_rows.append(row)
TICKET_HEADER = ["changed_at", "ticket", "field", "old_value", "new_value", "changed_by", "summary"]
write_csv(OUT / "tickets.csv", TICKET_HEADER, ticket_rows)


# =======================================================================================
# Validation: parse every file back, independently of the structures above where possible.
# =======================================================================================
def check() -> None:
    found: Counter = Counter()      # (instant to the second, text)
    count: Counter = Counter()      # per file
    kinds: Counter = Counter()      # per kind, entries recovered from the files
    authors: Counter = Counter()    # (instant, text, author) where the file names the author

    # Slack
    users = json.loads((SLACK / "users.json").read_text(encoding="utf-8"))
    chans = json.loads((SLACK / "channels.json").read_text(encoding="utf-8"))
    uname = {u["id"]: u["name"] for u in users}
    assert len(uname) == len(users) == len(HUMANS) + len(BOTS)
    for u in users:
        assert re.fullmatch(r"U[0-9A-Z]{8,10}", u["id"]) and u["profile"]["real_name"] and u["profile"]["display_name"]
        assert u["is_bot"] == (u["name"] in BOTS)
    bot_name = {u["profile"]["bot_id"]: u["name"] for u in users if u["is_bot"]}
    assert sorted(c["name"] for c in chans) == sorted(SLACK_CHANNELS)
    chan_dirs = {p.name for p in SLACK.iterdir() if p.is_dir()}
    assert chan_dirs == set(SLACK_CHANNELS), chan_dirs
    edits = []
    for c in chans:
        assert re.fullmatch(r"C[0-9A-Z]{8,10}", c["id"]) and set(c["members"]) <= set(uname)
        all_msgs = []
        for f in sorted((SLACK / c["name"]).iterdir()):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d\.json", f.name)
            msgs = json.loads(f.read_text(encoding="utf-8"))
            assert isinstance(msgs, list) and msgs
            for m in msgs:
                day = datetime.fromtimestamp(int(m["ts"].split(".")[0]), UTC).strftime("%Y-%m-%d")
                assert f.name == f"{day}.json", (f, m["ts"])
            all_msgs += msgs
        keys = [(int(m["ts"].split(".")[0]), int(m["ts"].split(".")[1])) for m in all_msgs]
        assert keys == sorted(keys), c["name"]
        micros = [m["ts"].split(".")[1] for m in all_msgs]
        assert len(set(micros)) == len(micros) and all(len(x) == 6 for x in micros), c["name"]
        by_ts = {m["ts"]: m for m in all_msgs}
        assert len(by_ts) == len(all_msgs)
        for m in all_msgs:
            assert m["type"] == "message"
            sub = m.get("subtype")
            if sub == "channel_join":
                prefix = f"<@{m['user']}> "
                assert m["text"].startswith(prefix)
                text, author = m["text"][len(prefix):], uname[m["user"]]
            elif sub == "bot_message":
                assert bot_name[m["bot_id"]] == m["username"] and "user" not in m
                text, author = slack_unconvert(m["text"]), m["username"]
            else:
                assert sub is None and m["user_profile"]["name"] == uname[m["user"]]
                uuid.UUID(m["client_msg_id"])
                text, author = slack_unconvert(m["text"]), uname[m["user"]]
            if "edited" in m:
                edits.append((c["name"], m["ts"], author, text))
                assert int(m["edited"]["ts"].split(".")[0]) == int(m["ts"].split(".")[0]) + 60
            if "thread_ts" in m and m["thread_ts"] != m["ts"]:
                parent = by_ts[m["thread_ts"]]
                assert m["parent_user_id"] == parent["user"]
                assert {"user": m["user"], "ts": m["ts"]} in parent["replies"]
            if "replies" in m:
                assert m["thread_ts"] == m["ts"] and m["reply_count"] == len(m["replies"])
                assert m["latest_reply"] == m["replies"][-1]["ts"]
                assert all(by_ts[r["ts"]]["thread_ts"] == m["ts"] for r in m["replies"])
            instant = datetime.fromtimestamp(int(m["ts"].split(".")[0]), UTC)
            found[(second_key(instant), text)] += 1
            authors[(second_key(instant), text, author)] += 1
            count["slack-export"] += 1
            kinds["chat"] += 1
    assert len(edits) == 2, edits

    # deploys.csv
    with open(OUT / "deploys.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == DEPLOY_HEADER
    for r in rows:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["deployed_at"])
        assert all(r[k] for k in DEPLOY_HEADER)
        found[(second_key(parse_dt(r["deployed_at"])), r["notes"])] += 1
        count["deploys.csv"] += 1
        kinds["deploy"] += 1

    # alerts.jsonl, notes.jsonl
    for name, kind in (("alerts.jsonl", "alert"), ("notes.jsonl", None)):
        for line in (OUT / name).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            assert {"datetime", "message", "timestamp_desc", "kind", "author", "id"} <= set(r)
            assert kind is None or r["kind"] == kind
            found[(second_key(parse_dt(r["datetime"])), r["message"])] += 1
            authors[(second_key(parse_dt(r["datetime"])), r["message"], r["author"])] += 1
            count[name] += 1
            kinds[r["kind"]] += 1

    # statuspage-incidents.json
    sp = json.loads((OUT / "statuspage-incidents.json").read_text(encoding="utf-8"))
    assert sp["page"]["time_zone"] == "America/New_York" and len(sp["incidents"]) == 1
    inc = sp["incidents"][0]
    ups = inc["incident_updates"]
    times = [parse_dt(u["created_at"]) for u in ups]
    assert times == sorted(times, reverse=True), "newest first"
    assert inc["resolved_at"] == ups[0]["created_at"] and inc["status"] == "resolved"
    for u in ups:
        assert u["incident_id"] == inc["id"] and u["created_at"].endswith("-04:00")
        text = f"{u['status'].capitalize()} — {u['body']}"
        found[(second_key(parse_dt(u["display_at"])), text)] += 1
        count["statuspage-incidents.json"] += 1
        kinds["status"] += 1

    # tickets.csv
    with open(OUT / "tickets.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == TICKET_HEADER
    for r in rows:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["changed_at"])
        found[(second_key(parse_dt(r["changed_at"])), r["summary"])] += 1
        count["tickets.csv"] += 1
        kinds["ticket"] += 1

    # bridge-call.vtt: a simple parse, then the transcript entries rebuilt from their cues
    vtt = (OUT / "bridge-call.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n")
    cues = []
    for block in vtt.split("\n\n")[1:]:
        if not block.strip():
            continue
        num, timing, payload = block.strip("\n").split("\n")
        a, b = timing.split(" --> ")
        speaker, _, text = payload.partition(": ")
        cues.append((int(num), parse_vtt_time(a), parse_vtt_time(b), speaker, text))
    assert [c[0] for c in cues] == list(range(1, len(cues) + 1))
    for (_, s1, e1, _, _), (_, s2, _, _, _) in zip(cues, cues[1:]):
        assert s1 < e1 < s2
    assert len(cues) == len(cue_plan)
    name_to_handle = {v: k for k, v in people.items()}
    rebuilt: dict[str, list] = defaultdict(list)
    invented = 0
    for (_, s, _, speaker, text), plan in zip(cues, cue_plan):
        handle = name_to_handle[speaker]
        assert handle in HUMANS
        instant = CALL_STARTED_AT + timedelta(seconds=s)
        count["bridge-call.vtt"] += 1
        if plan[3][0] == "invented":
            invented += 1
            continue
        _, eid, idx, nparts = plan[3]
        rebuilt[eid].append((idx, nparts, instant, handle, text))
    for eid, parts in rebuilt.items():
        parts.sort()
        assert len(parts) == parts[0][1]
        author = by_id[eid]["author"]
        author_part = next(p for p in parts if p[3] == author)
        labels = {v: k for k, v in SPEAKER_LABELS.items()}
        hhmm = parts[0][2].astimezone(EDT).strftime("%H:%M")
        text = f"[bridge {hhmm}] " + " / ".join(f"{labels[p[3]]}: {p[4]}" for p in parts)
        found[(second_key(author_part[2]), text)] += 1
        authors[(second_key(author_part[2]), text, author)] += 1
        kinds["transcript"] += 1
    extra_cues = count["bridge-call.vtt"] - len(rebuilt)

    # The whole: every timeline entry exactly once, nothing else.
    expected = Counter((second_key(e["_dt"]), e["message"]) for e in entries)
    assert found == expected, (found - expected, expected - found)
    assert sum(kinds.values()) == 114 and kinds == Counter(e["kind"] for e in entries), kinds
    total_records = sum(count.values())
    assert total_records == 114 + extra_cues, (total_records, extra_cues)
    for (instant, text, author), n in authors.items():
        assert any(e["author"] == author for e in entries if second_key(e["_dt"]) == instant and e["message"] == text), (instant, text, author)

    print("files and records:")
    for name in ["slack-export", "deploys.csv", "alerts.jsonl", "statuspage-incidents.json", "bridge-call.vtt", "tickets.csv", "notes.jsonl"]:
        print(f"  {name:28} {count[name]}")
    print(f"  {'total':28} {total_records} = 114 timeline entries + {extra_cues} extra cues "
          f"({extra_cues - invented} split off multi-speaker transcript entries, {invented} invented)")
    print("timeline entries by kind:", dict(sorted(kinds.items())))
    print("call started at:", CALL_STARTED_AT.isoformat(), "=", utc_z(CALL_STARTED_AT))
    print("edited messages:")
    for ch, ts, author, text in edits:
        print(f"  #{ch} ts={ts} {author}: {text[:60]!r}...")
    print("mentions converted:", ", ".join(f"{i} {tok}" for i, tok in converted_mentions))


check()
