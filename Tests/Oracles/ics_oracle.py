#!/usr/bin/env python3
"""Compares the occurrences partnerd imports from iCalendar files with python `recurring-ical-events` over the same files.

    ics_oracle.py --tool .build/debug/partnerctl calendar [--corpus DIR ...] [--departures FILE]

For each .ics file: the window is two years from its earliest DTSTART; both sides list the occurrences that start in it
(floating times in UTC), as (UID, start) pairs, all-day ones by their date, timed ones as UTC instants. Every pair one
side has and the other lacks is a departure; a file either side cannot read is one too. A departure is allowed only when
the departures file lists it, one per line:

    <file name> <start, or *> <+ or -> <reason>

`+` partnerd has it and the oracle does not, `-` the other way round; `*` stands for every start of that file (and for
a file one side refuses). A listed departure that does not occur is an error too. Exit status 0 when everything agrees
or is listed.
"""
import argparse
import datetime
import json
import pathlib
import subprocess
import sys

import icalendar
import recurring_ical_events

HERE = pathlib.Path(__file__).resolve().parent
UTC = datetime.timezone.utc


def key(value) -> str:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def window(calendar) -> tuple[datetime.date, datetime.date]:
    starts = []
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART")
        if start is None:
            continue
        value = start.dt
        starts.append(value.date() if isinstance(value, datetime.datetime) else value)
    first = min(starts) if starts else datetime.date(2020, 1, 1)
    return first, first + datetime.timedelta(days=730)


def oracle(path: pathlib.Path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    first, last = window(calendar)
    pairs = set()
    for event in recurring_ical_events.of(calendar, skip_bad_series=True).between(first, last):
        start = event["DTSTART"].dt
        day = start.astimezone(UTC).date() if isinstance(start, datetime.datetime) and start.tzinfo else (
            start.date() if isinstance(start, datetime.datetime) else start)
        if first <= day < last:
            pairs.add((str(event.get("UID", "")), key(start)))
    return first, last, pairs


def ours(tool: list[str], path: pathlib.Path, first: datetime.date, last: datetime.date):
    result = subprocess.run([*tool, str(path), "--from", first.isoformat(),
                             "--to", (last - datetime.timedelta(days=1)).isoformat(), "--json"],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}")
    pairs = set()
    for row in json.loads(result.stdout):
        uid = "" if row["uid_is_made"] else row["uid"]
        if row["all_day"]:
            pairs.add((uid, row["start"]))
        else:
            pairs.add((uid, key(datetime.datetime.fromisoformat(row["start"]))))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", nargs="+", required=True)
    parser.add_argument("--corpus", action="append", type=pathlib.Path, default=[])
    parser.add_argument("--departures", type=pathlib.Path, default=HERE / "ics-departures.txt")
    arguments = parser.parse_args()
    corpus = arguments.corpus or [pathlib.Path(recurring_ical_events.__file__).parent / "test" / "calendars"]
    listed = []
    if arguments.departures.exists():
        for number, line in enumerate(arguments.departures.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                name, start, sign, reason = line.split(None, 3)
                listed.append({"name": name, "start": start, "sign": sign, "reason": reason, "used": 0, "line": number})

    def allowed(name: str, start: str, sign: str) -> bool:
        found = False
        for entry in listed:
            if entry["name"] == name and entry["sign"] == sign and entry["start"] in ("*", start):
                entry["used"] += 1
                found = True
        return found

    files = sorted(path for directory in corpus for path in directory.glob("*.ics"))
    agreed = unlisted = 0
    problems = []
    for path in files:
        try:
            first, last, theirs = oracle(path)
        except Exception as error:  # the oracle cannot read it: only partnerd's answer is checked (no crash)
            try:
                ours(arguments.tool, path, datetime.date(2020, 1, 1), datetime.date(2022, 1, 1))
            except RuntimeError:
                pass
            continue
        try:
            mine = ours(arguments.tool, path, first, last)
        except RuntimeError as error:
            if not allowed(path.name, "*", "-"):
                problems.append(f"{path.name}: partnerd refuses it: {error}")
            continue
        differences = [("+", pair) for pair in sorted(mine - theirs)] + [("-", pair) for pair in sorted(theirs - mine)]
        if not differences:
            agreed += 1
        for sign, (uid, start) in differences:
            if not allowed(path.name, start, sign):
                unlisted += 1
                problems.append(f"{path.name} {start} {sign} {uid}")
    stale = [f"ics-departures.txt:{entry['line']}: {entry['name']} {entry['start']} {entry['sign']} never occurs"
             for entry in listed if entry["used"] == 0]
    print(f"ics: {len(files)} files, {agreed} with the same occurrences as recurring-ical-events "
          f"; {len(problems)} unlisted departures, {len(stale)} stale")
    for line in problems[:300] + stale:
        print("  ", line)
    return 1 if problems or stale else 0


if __name__ == "__main__":
    sys.exit(main())
