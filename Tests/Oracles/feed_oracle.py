"""Oracles for partnerd's iCalendar feeds.

Three independent readers judge a feed: python `icalendar` (lenient, but it records every problem it
skips in each component's `errors`), the strict `ical` package (pydantic models that reject what RFC 5545
forbids), and `recurring-ical-events` (which expands RRULE, RDATE and EXDATE as RFC 5545 §3.8.5 says).
The VTIMEZONE check rebuilds a tzinfo from the feed's own definition and compares it with the system's
zoneinfo, since the other readers look a TZID up in their own tz data and would never notice a wrong one.
"""

from __future__ import annotations

import datetime
import zoneinfo

import icalendar
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

MAXIMUM_LINE_OCTETS = 75


def lexical_problems(data: bytes) -> list[str]:
    """RFC 5545 §3.1: CRLF line ends, no BOM, lines of at most 75 octets, folds between UTF-8 sequences."""
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a byte order mark")
    if not data.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a bare LF or CR")
        if len(line) > MAXIMUM_LINE_OCTETS:
            problems.append(f"line {number}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"line {number}: not UTF-8 on its own (a fold split a sequence): {error}")
    return problems


def icalendar_problems(data: bytes) -> list[str]:
    """Every error python `icalendar` recorded while parsing, component by component."""
    calendar = icalendar.Calendar.from_ical(data)
    return [f"{component.name}: {error}" for component in calendar.walk() for error in component.errors]


def strict_parse(data: bytes):
    """Parses with the strict `ical` package; raises on anything it rejects."""
    return IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))


def timezone_mismatches(data: bytes, start: datetime.datetime, end: datetime.datetime) -> list[str]:
    """Instants in [start, end) where a VTIMEZONE of the feed gives another UTC offset than zoneinfo.

    Checks every six hours and both sides of every transition zoneinfo knows in the range.
    """
    calendar = icalendar.Calendar.from_ical(data)
    mismatches = []
    for definition in calendar.walk("VTIMEZONE"):
        name = str(definition["TZID"])
        ours = definition.to_tz(lookup_tzid=False)
        system = zoneinfo.ZoneInfo(name)
        instants = []
        moment = start
        step = datetime.timedelta(hours=6)
        while moment < end:
            instants.append(moment)
            before = moment.astimezone(system).utcoffset()
            after = (moment + step).astimezone(system).utcoffset()
            if before != after:
                low, high = moment, moment + step
                while high - low > datetime.timedelta(seconds=1):
                    middle = low + (high - low) / 2
                    if middle.astimezone(system).utcoffset() == before:
                        low = middle
                    else:
                        high = middle
                instants += [low - datetime.timedelta(minutes=1), high, high + datetime.timedelta(minutes=1)]
            moment += step
        for instant in instants:
            expected = instant.astimezone(system).utcoffset()
            actual = instant.astimezone(ours).utcoffset()
            if expected != actual:
                mismatches.append(f"{name} at {instant.isoformat()}: feed {actual}, zoneinfo {expected}")
                if len(mismatches) > 20:
                    return mismatches
    return mismatches


def normalized_start(value) -> str:
    """A start as a comparable text: `YYYY-MM-DD` for a date, the UTC instant for a date-time.

    Instants, not local texts, are compared, because a wall time in a DST gap has two spellings of one
    instant: `upcoming` moves it forward (03:30+02:00), zoneinfo keeps it with the offset before the gap
    (02:30+01:00), which RFC 5545 §3.3.5 says is the same moment.
    """
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat()
    if isinstance(value, str):
        if "T" in value:
            return datetime.datetime.fromisoformat(value).astimezone(datetime.timezone.utc).isoformat()
        return value
    return value.isoformat()


def start_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def expanded_occurrences(data: bytes, first: datetime.date, last: datetime.date) -> list[tuple[str, str]]:
    """(UID, start) of every instance whose first day, in its own zone, lies in [first, last]."""
    calendar = icalendar.Calendar.from_ical(data)
    window_start = first - datetime.timedelta(days=2)
    window_end = last + datetime.timedelta(days=3)
    instances = recurring_ical_events.of(calendar).between(window_start, window_end)
    result = []
    for instance in instances:
        start = instance["DTSTART"].dt
        if first <= start_date(start) <= last:
            result.append((str(instance["UID"]), normalized_start(start)))
    return sorted(result)
