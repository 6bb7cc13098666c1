"""Inputs for the benchmarks, all derived from one seed so that every run measures the same work.

Writes into OUT:

* ``rules.tsv`` (row 1): recurrence rules, one ``<DTSTART>\\t<RRULE>`` a line. Each DTSTART is the rule's
  own first instance (found with python-dateutil), because RFC 5545 §3.8.5.3 leaves a start that the rule
  does not produce undefined, and the benchmark compares both engines' output.
* ``big/partnerd.toml`` and ``big/partnerships.d/*.toml`` (rows 2, 3, 7): the partnerships with their
  events, in one zone so that the remind file can say the same thing.
* ``big.rem`` (row 2): the same anniversaries and events as remind(1) reminders.
* ``big.json`` (row 3): the same data for the python ``icalendar`` peer.

Only kinds of rules that remind can express go into the big config: one-off timed and multi-day events,
yearly dates, the nth or last weekday of a month, weekly and fortnightly, and monthly by day or weekday.
"""

from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import random

from dateutil import rrule as du

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
REMIND_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
REMIND_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

CITIES = [
    "Berlin", "Brüssel", "Paris", "Madrid", "Warschau", "Prag", "Wien", "Budapest", "Tokio", "Peking",
    "Buenos Aires", "Mexiko-Stadt", "Jakarta", "Taschkent", "Windhuk", "London", "Istanbul", "Los Angeles",
    "Köln", "Lüttich", "Kraków", "Göteborg", "Île-de-Ré", "Zürich", "Málaga", "Łódź", "Reykjavík", "Tartu",
    "Ljubljana", "Cluj-Napoca", "Aarhus", "Turku", "Gent", "Nantes", "Bologna", "Porto", "Brno", "Pécs",
]
COUNTRIES = ["BE", "FR", "ES", "PL", "CZ", "AT", "HU", "JP", "CN", "AR", "MX", "ID", "UZ", "NA", "GB", "TR",
             "US", "DE", "SE", "CH", "IS", "EE", "SI", "RO", "DK", "FI", "IT", "PT", "NL", "LU"]
EVENT_WORDS = [
    "Jugendaustausch", "Delegationsbesuch", "Konzert", "Städtepartnerschaftsfest", "Fachkonferenz",
    "Schüleraustausch", "Chorreise", "Kunstausstellung", "Sportturnier", "Bürgerreise", "Filmwoche",
    "Stammtisch", "Partnerschaftsabend", "Sprachcafé", "Umwelttag", "Lesung", "Marktfest",
]
PLACES = ["Rathaus", "Stadthalle", "Sportpark", "Musikschule", "Bibliothek", "Marktplatz", "Kulturzentrum"]

ZONE = "Europe/Berlin"
FIRST_DAY = datetime.date(2026, 1, 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The nth (from the end when negative) `weekday` (0 = Monday) of a month."""
    if n > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = following - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))


# ---------------------------------------------------------------------------------------------------------
# Row 1: recurrence rules


def random_rule(rng: random.Random, all_day: bool) -> str:
    """One RRULE with enough instances for 100 occurrences, drawn from the shapes real calendars use."""
    shapes = ["daily", "weekly", "monthly-day", "monthly-weekday", "monthly-setpos", "yearly-weekday",
              "yearly-day", "yearly-plain", "friday13", "weekno"]
    if not all_day:
        shapes += ["hourly", "daily-hours"]
    shape = rng.choice(shapes)
    parts: list[str]
    if shape == "daily":
        parts = ["FREQ=DAILY", f"INTERVAL={rng.randint(1, 9)}"]
        if rng.random() < 0.3:
            parts.append("BYMONTH=" + ",".join(str(m) for m in sorted(rng.sample(range(1, 13), rng.randint(3, 8)))))
    elif shape == "weekly":
        days = sorted(rng.sample(range(7), rng.randint(1, 3)))
        parts = ["FREQ=WEEKLY", f"INTERVAL={rng.randint(1, 4)}", "BYDAY=" + ",".join(WEEKDAYS[d] for d in days)]
        if rng.random() < 0.3:
            parts.append("WKST=" + rng.choice(["SU", "MO", "SA"]))
    elif shape == "monthly-day":
        days = sorted(rng.sample(list(range(1, 29)) + [-1, -2], rng.randint(1, 3)))
        parts = ["FREQ=MONTHLY", f"INTERVAL={rng.randint(1, 3)}", "BYMONTHDAY=" + ",".join(map(str, days))]
    elif shape == "monthly-weekday":
        parts = ["FREQ=MONTHLY", f"BYDAY={rng.choice([1, 2, 3, 4, -1, -2])}{rng.choice(WEEKDAYS)}"]
    elif shape == "monthly-setpos":
        parts = ["FREQ=MONTHLY", "BYDAY=MO,TU,WE,TH,FR", f"BYSETPOS={rng.choice([1, 2, -1, -2])}"]
    elif shape == "yearly-weekday":
        months = sorted(rng.sample(range(1, 13), rng.randint(1, 4)))
        parts = ["FREQ=YEARLY", "BYMONTH=" + ",".join(map(str, months)),
                 f"BYDAY={rng.choice([1, 2, 3, -1])}{rng.choice(WEEKDAYS)}"]
    elif shape == "yearly-day":
        parts = ["FREQ=YEARLY", "BYYEARDAY=" + ",".join(map(str, sorted(rng.sample(range(1, 366), 3))))]
    elif shape == "yearly-plain":
        parts = ["FREQ=YEARLY", f"BYMONTH={rng.randint(1, 12)}", f"BYMONTHDAY={rng.randint(1, 28)}"]
    elif shape == "friday13":
        parts = ["FREQ=MONTHLY", "BYDAY=FR", "BYMONTHDAY=13"]
    elif shape == "weekno":
        parts = ["FREQ=YEARLY", f"BYWEEKNO={rng.choice([2, 10, 20, 33, 50])}", f"BYDAY={rng.choice(WEEKDAYS)}"]
    elif shape == "hourly":
        parts = ["FREQ=HOURLY", f"INTERVAL={rng.choice([3, 6, 8, 12, 25])}"]
    else:  # daily-hours
        hours = sorted(rng.sample(range(24), rng.randint(2, 4)))
        parts = ["FREQ=DAILY", "BYHOUR=" + ",".join(map(str, hours)), f"BYMINUTE={rng.choice([0, 15, 30])}"]
    bound = rng.random()
    if bound < 0.2:
        parts.append(f"COUNT={rng.randint(100, 400)}")
    elif bound < 0.35:
        parts.append("UNTIL=" + ("21991231" if all_day else "21991231T235959"))
    return ";".join(parts)


def generate_rules(rng: random.Random, count: int) -> list[str]:
    lines = []
    while len(lines) < count:
        all_day = rng.random() < 0.3
        rule = random_rule(rng, all_day)
        seed = datetime.datetime(rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28),
                                 0 if all_day else rng.randint(0, 23), 0 if all_day else rng.choice([0, 15, 30, 45]))
        # Synchronise DTSTART with the rule: its first instance on or after the drawn day becomes the start.
        first = du.rrulestr(rule, dtstart=seed)[0] if rule else None
        if first is None:
            continue
        start = first.date().isoformat() if all_day else first.isoformat()
        if len(list(du.rrulestr(rule, dtstart=first).xafter(first, count=100, inc=True))) < 100:
            continue
        lines.append(f"{start}\t{rule}")
    return lines


# ---------------------------------------------------------------------------------------------------------
# Rows 2 and 3: partnerships and events


def random_event(rng: random.Random, index: int) -> dict:
    """One event as a dict: its TOML keys plus `remind_line`, the same event as a remind(1) reminder."""
    title = f"{rng.choice(EVENT_WORDS)} {index}"
    event: dict = {"id": f"e{index}", "title": title, "location": f"{rng.choice(PLACES)}, {rng.choice(CITIES)}"}
    lead = rng.choice([7, 7, 7, 14])
    if lead != 7:
        event["remind"] = [f"{lead}d", "1d"]
    kind = rng.random()
    hour = rng.randint(8, 20)
    minute = rng.choice([0, 0, 15, 30])
    hours = rng.randint(1, 4)
    at = f"AT {hour:02d}:{minute:02d} DURATION {hours}:00"
    if kind < 0.40:  # one-off, timed
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(4 * 365))
        start = datetime.datetime.combine(day, datetime.time(hour, minute))
        event["start"] = start
        event["end"] = start + datetime.timedelta(hours=hours)
        when = f"{day.day} {REMIND_MONTHS[day.month - 1]} {day.year} +{lead} {at}"
    elif kind < 0.55:  # one-off, all day, one to five days
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(4 * 365))
        last = day + datetime.timedelta(days=rng.randint(0, 4))
        event["start"] = day
        event["end"] = last
        when = f"{day.day} {REMIND_MONTHS[day.month - 1]} {day.year} +{lead}"
        if last != day:
            when = f"{day.day} {REMIND_MONTHS[day.month - 1]} {day.year} THROUGH " \
                   f"{last.day} {REMIND_MONTHS[last.month - 1]} {last.year} +{lead}"
    elif kind < 0.75:  # yearly on its date, timed
        day = datetime.date(rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28))
        event["start"] = datetime.datetime.combine(day, datetime.time(hour, minute))
        event["duration"] = f"{hours}h"
        event["rrule"] = "FREQ=YEARLY"
        when = f"{day.day} {REMIND_MONTHS[day.month - 1]} +{lead} {at}"
    elif kind < 0.87:  # yearly on the nth or last weekday of a month, all day
        year, month, weekday = rng.randint(2015, 2025), rng.randint(1, 12), rng.randrange(7)
        n = rng.choice([1, 2, 3, -1])
        day = nth_weekday(year, month, weekday, n)
        event["start"] = day
        event["rrule"] = f"FREQ=YEARLY;BYMONTH={month};BYDAY={n}{WEEKDAYS[weekday]}"
        if n > 0:
            when = f"{REMIND_WEEKDAYS[weekday]} {1 + 7 * (n - 1)} {REMIND_MONTHS[month - 1]} +{lead}"
        else:  # the weekday on or after the first of the next month, a week back
            when = f"{REMIND_WEEKDAYS[weekday]} 1 {REMIND_MONTHS[month % 12]} --7 +{lead}"
    elif kind < 0.95:  # monthly, timed
        year, month = rng.randint(2015, 2025), rng.randint(1, 12)
        if rng.random() < 0.5:
            monthday = rng.randint(1, 28)
            day = datetime.date(year, month, monthday)
            event["rrule"] = f"FREQ=MONTHLY;BYMONTHDAY={monthday}"
            when = f"{monthday} +{lead} {at}"
        else:
            weekday, n = rng.randrange(7), rng.choice([1, 2, 3, -1])
            day = nth_weekday(year, month, weekday, n)
            event["rrule"] = f"FREQ=MONTHLY;BYDAY={n}{WEEKDAYS[weekday]}"
            when = (f"{REMIND_WEEKDAYS[weekday]} {1 + 7 * (n - 1)} +{lead} {at}" if n > 0
                    else f"{REMIND_WEEKDAYS[weekday]} 1 --7 +{lead} {at}")
        event["start"] = datetime.datetime.combine(day, datetime.time(hour, minute))
        event["duration"] = f"{hours}h"
    else:  # weekly or fortnightly, timed
        weekday = rng.randrange(7)
        day = datetime.date(rng.randint(2015, 2025), rng.randint(1, 12), 1)
        day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
        event["start"] = datetime.datetime.combine(day, datetime.time(hour, minute))
        event["duration"] = f"{hours}h"
        if rng.random() < 0.5:
            event["rrule"] = f"FREQ=WEEKLY;BYDAY={WEEKDAYS[weekday]}"
            when = f"{REMIND_WEEKDAYS[weekday]} +{lead} {at}"
        else:
            event["rrule"] = f"FREQ=WEEKLY;INTERVAL=2;BYDAY={WEEKDAYS[weekday]}"
            when = f"{day.day} {REMIND_MONTHS[day.month - 1]} {day.year} *14 +{lead} {at}"
    event["remind_line"] = f"REM {when} MSG {title} ({event['location']})"
    return event


def generate_partnerships(rng: random.Random, partnerships: int, events: int) -> list[dict]:
    result = []
    for index in range(partnerships):
        city, partner = rng.sample(CITIES, 2)
        signed = datetime.date(rng.randint(1950, 2024), rng.randint(1, 12), rng.randint(1, 28))
        result.append({"id": f"p{index:05d}", "city": city, "partner": partner, "country": rng.choice(COUNTRIES),
                       "signed": signed, "events": []})
    for index in range(events):
        result[index % partnerships]["events"].append(random_event(rng, index))
    return result


def toml_value(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def write_config(directory: pathlib.Path, partnerships: list[dict], files: int,
                 quiet_before: datetime.date | None = None) -> None:
    """The config in `directory`. With `quiet_before`, one-off events that ended before it have no `remind`: the same
    config without the warnings of past events whose reminders never fire (row 7 compares the two)."""
    (directory / "partnerships.d").mkdir(parents=True, exist_ok=True)
    (directory / "partnerd.toml").write_text(
        "# Generated by Tests/Benchmarks/generate.py; every run makes the same file from the same seed.\n"
        f'[daemon]\ntimezone = "{ZONE}"\nlanguage = "de"\nnotify_at = "09:00"\ncatch_up = "0"\n'
        'include = ["partnerships.d/*.toml"]\n\n'
        '[feed]\nlisten = ""\nname = "Benchmark"\nhorizon = "5y"\n',
        encoding="utf-8")
    per_file = (len(partnerships) + files - 1) // files
    for number in range(files):
        chunk = partnerships[number * per_file:(number + 1) * per_file]
        lines = []
        for partnership in chunk:
            lines.append("[[partnership]]")
            for key in ("id", "city", "partner", "country", "signed"):
                lines.append(f"{key} = {toml_value(partnership[key])}")
            for event in partnership["events"]:
                lines.append("\n[[partnership.event]]")
                last = event.get("end", event["start"])
                last = last.date() if isinstance(last, datetime.datetime) else last
                past = quiet_before is not None and "rrule" not in event and last < quiet_before
                for key in ("id", "title", "start", "end", "duration", "location", "rrule", "remind"):
                    if key == "remind" and past:
                        continue
                    if key in event:
                        lines.append(f"{key} = {toml_value(event[key])}")
            lines.append("")
        (directory / "partnerships.d" / f"part-{number:02d}.toml").write_text("\n".join(lines), encoding="utf-8")


def write_remind(path: pathlib.Path, partnerships: list[dict]) -> None:
    lines = ["# Generated by Tests/Benchmarks/generate.py from the same data as big/partnerd.toml."]
    for partnership in partnerships:
        signed = partnership["signed"]
        lines.append(
            f"REM {signed.day} {REMIND_MONTHS[signed.month - 1]} +30 MSG "
            f"[year(trigdate())-{signed.year}]. Jahrestag der Städtepartnerschaft "
            f"{partnership['city']} – {partnership['partner']}")
        lines.extend(event["remind_line"] for event in partnership["events"])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_json(path: pathlib.Path, partnerships: list[dict]) -> None:
    def plain(value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        raise TypeError(value)

    data = {"timezone": ZONE, "name": "Benchmark", "horizon_years": 5,
            "partnerships": [{**p, "events": [{k: v for k, v in e.items() if k != "remind_line"}
                                              for e in p["events"]]} for p in partnerships]}
    path.write_text(json.dumps(data, default=plain, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--rules", type=int, default=1000)
    parser.add_argument("--partnerships", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--files", type=int, default=10)
    arguments = parser.parse_args()

    arguments.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(arguments.seed)
    (arguments.out / "rules.tsv").write_text("\n".join(generate_rules(rng, arguments.rules)) + "\n")
    partnerships = generate_partnerships(rng, arguments.partnerships, arguments.events)
    files = max(1, min(arguments.files, arguments.partnerships))
    write_config(arguments.out / "big", partnerships, files)
    write_config(arguments.out / "big-quiet", partnerships, files,
                 quiet_before=datetime.date.today() - datetime.timedelta(days=366))
    write_remind(arguments.out / "big.rem", partnerships)
    write_json(arguments.out / "big.json", partnerships)


if __name__ == "__main__":
    main()
