#!/usr/bin/env python3
"""Figures the Slack reader's tests assert about testarchive.zip, computed from the JSON alone.

Run: python3 expected.py   (reads testarchive.zip beside this file; writes nothing)

The rules applied are the reader's documented ones, re-implemented here independently:
- one entry per message in every CHANNEL/DAY.json file;
- noise: subtypes channel_join and bot_add (the kinds present in this archive) and bot posts
  (subtype bot_message, or a bot_id without a user);
- author: `user`, else `bot_id`, else the user inside `comment` (old file_comment messages);
- a user's name: profile.display_name, else real_name, else name; a bot's name: the label of
  the `<https://.../services/BOT_ID|label>` link in its bot_add message.
"""
import collections
import datetime
import json
import pathlib
import zipfile

UTC = datetime.timezone.utc
z = zipfile.ZipFile(pathlib.Path(__file__).with_name("testarchive.zip"))


def at(ts):
    secs, micros = ts.split(".")
    return datetime.datetime.fromtimestamp(int(secs), UTC).replace(microsecond=int(micros))


users = {u["id"]: u for u in json.loads(z.read("users.json"))}
messages = []  # (channel, member, message)
for name in sorted(z.namelist()):
    parts = name.split("/")
    if len(parts) == 2 and parts[1].endswith(".json"):
        for m in json.loads(z.read(name)):
            messages.append((parts[0], name, m))


def noisy(m):
    return (
        m.get("subtype") in ("channel_join", "bot_add", "bot_message")
        or (bool(m.get("bot_id")) and not m.get("user"))
    )


def author(m):
    return m.get("user") or m.get("bot_id") or (m.get("comment") or {}).get("user")


def user_name(u):
    return u.get("profile", {}).get("display_name") or u.get("real_name") or u["name"]


bot_names = {}
for _, _, m in messages:
    if m.get("subtype") == "bot_add":
        key = "/services/%s|" % m["bot_id"]
        label = m["text"].split(key, 1)[1].split(">", 1)[0]
        bot_names[m["bot_id"]] = label

print("messages:", len(messages))
print("per channel:", dict(collections.Counter(c for c, _, _ in messages)))
print("noise:", sum(noisy(m) for _, _, m in messages))
print("noise per channel:", dict(collections.Counter(c for c, _, m in messages if noisy(m))))
people = sorted({author(m) for _, _, m in messages})
print("people:", [(h, user_name(users[h]) if h in users else bot_names[h]) for h in people])
ordered = sorted(messages, key=lambda x: (at(x[2]["ts"]), x[0], x[2]["ts"]))
for label, (c, f, m) in (("first", ordered[0]), ("last", ordered[-1])):
    print(label, c, m["ts"], at(m["ts"]).isoformat(), f)

lo = datetime.datetime(2016, 1, 15, 5, 55, 52, tzinfo=UTC)
hi = datetime.datetime(2016, 1, 16, tzinfo=UTC)
print("enrique 2016-01-15T05:55:52Z..2016-01-16T00:00Z:",
      [m["ts"] for c, _, m in ordered if c == "enrique" and lo <= at(m["ts"]) <= hi])
since = datetime.datetime(2016, 3, 28, tzinfo=UTC)
print("from 2016-03-28T00:00Z:",
      dict(collections.Counter(c for c, _, m in messages if at(m["ts"]) >= since)))
for _, f, m in messages:
    if m.get("edited"):
        print("edited", f, m["ts"], "at", at(m["edited"]["ts"]).isoformat())
sizes = {i.filename: i.file_size for i in z.infolist()}
print("bytes: users.json", sizes["users.json"], "largest", max(sizes.items(), key=lambda x: x[1]),
      "total", sum(sizes.values()), "integration_logs.json", sizes["integration_logs.json"],
      "members", len(sizes))
