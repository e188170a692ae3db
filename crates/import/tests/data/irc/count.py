#!/usr/bin/env python3
"""Counts the figures tests/it/irc.rs asserts on the real logs, independently of the Rust reader.

Written from the logs' shapes, not from the reader's code: `[HH:MM] <nick> msg`, `* nick does`,
`-nick- notice`, untimed `=== ...` lines (joins, parts, renames, and in 2004 `/me` actions), with
or without the corpus prefix `CHANNEL YYYY-MM-DD `. Rules mirrored from the reader's contract:
- a rename onto a nick another person used earlier makes them one person, named by the nick seen
  first; nicks compare without case (RFC 1459: []\\~ are the capitals of {}|^);
- a time-only log whose time goes back more than 12 hours moves to the next day;
- an untimed line takes the time of the line before it, or, dated on a later day than that line,
  the start of its day.

Run from this directory: python3 count.py
"""
import collections
import datetime as dt
import re


def fold(nick):
    return nick.lower().translate(str.maketrans('[]\\~', '{}|^'))


def figures(path, tz_hours, file_date=None):
    lines = open(path, encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    tz = dt.timezone(dt.timedelta(hours=tz_hours))
    by_nick, first_seen, boss = {}, [], {}

    def top(h):
        while boss[h] != h:
            h = boss[h]
        return h

    def person(nick):
        if fold(nick) not in by_nick:
            by_nick[fold(nick)] = nick
            first_seen.append(nick)
            boss[nick] = nick
        return top(by_nick[fold(nick)])

    kinds = collections.Counter()
    authors, placed, warnings = {}, [], []
    date, last_time, last, last_date = file_date, None, None, None
    untimed = 0
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        m = re.match(r'^(\S+) (\d{4}-\d\d-\d\d) (.*)$', line)
        if m and not line.startswith('['):
            line_date, rest = dt.date.fromisoformat(m.group(2)), m.group(3)
        else:
            line_date, rest = None, line
        m = re.match(r'^\[(\d\d):(\d\d)(?::(\d\d))?\] +(.*)$', rest)
        if m:
            t = dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
            body = m.group(4)
        else:
            t, body = None, rest

        if body.startswith('<'):
            kind, nick = 'message', body[1:body.index('>')].lstrip('@+%~& ')
        elif body.startswith('* '):
            kind, nick = 'action', body[2:].split()[0]
        elif body.startswith('-') and '- ' in body:
            kind, nick = 'notice', body[1:body.index('- ')]
        elif body.startswith('=== '):
            words = body[4:].split()
            nick = words[0]
            if len(words) == 6 and words[1:5] == ['is', 'now', 'known', 'as']:
                kind = 'rename'
            elif ' has joined' in body:
                kind = 'join'
            elif ' has left' in body:
                kind = 'part'
            elif ' has quit' in body:
                kind = 'quit'
            else:
                kind = 'action'
        else:
            raise SystemExit(f'{path}:{no}: unexpected line {line!r}')
        kinds[kind] += 1

        who = person(nick)
        if kind == 'rename':
            new = fold(words[5])
            if new in by_nick and top(by_nick[new]) != who:
                other = top(by_nick[new])
                keep, gone = sorted([who, other], key=first_seen.index)
                boss[gone] = keep
                who = keep
                warnings.append((no, 'merge', keep))
            by_nick[new] = who
        authors[no] = who

        if t is not None:
            day = line_date or date
            if line_date is None and last_time is not None and t < last_time:
                back = dt.datetime.combine(day, last_time) - dt.datetime.combine(day, t)
                if back > dt.timedelta(hours=12):
                    day = date = day + dt.timedelta(days=1)
                    warnings.append((no, 'next day', str(day)))
                else:
                    warnings.append((no, 'back, same day', str(back)))
            if line_date is None:
                last_time = t
            last = dt.datetime.combine(day, t, tz).astimezone(dt.timezone.utc)
            last_date = day
        elif line_date is not None and (last_date is None or line_date > last_date):
            last = dt.datetime.combine(line_date, dt.time(0), tz).astimezone(dt.timezone.utc)
            last_date = line_date
            warnings.append((no, 'start of day', str(line_date)))
        else:
            untimed += 1
        placed.append((no, last, line))

    seen, repeats = {}, []
    for no, when, raw in placed:
        if (when, raw) in seen:
            repeats.append((no, seen[(when, raw)]))
        else:
            seen[(when, raw)] = no
    noise = sum(kinds[k] for k in ('join', 'part', 'quit', 'rename'))
    print(f'{path} (tz {tz_hours:+d}h)')
    print(f'  entries {len(placed)}, not noise {len(placed) - noise}, noise {noise}: {dict(kinds)}')
    print(f'  people {len({top(p) for p in first_seen})}')
    print(f'  first {placed[0][1].isoformat()} (line {placed[0][0]}), '
          f'last {placed[-1][1].isoformat()} (line {placed[-1][0]})')
    print(f'  untimed lines taking the time before them: {untimed}')
    print(f'  warnings: {warnings}; same line, same time: {repeats}')
    return {no: top(who) for no, who in authors.items()}


authors = figures('2004-12-25.train-c.raw.txt', -5, dt.date(2004, 12, 25))
print('  authors:', {n: authors[n] for n in (772, 1018, 1319, 1320, 1348, 1351)})
authors = figures('ubuntu-meeting.0.ascii.txt', 0)
print('  authors:', {n: authors[n] for n in (1, 98)})
figures('rust.0.ascii.txt', 2)
figures('mediawiki.0.ascii.txt', 0)
