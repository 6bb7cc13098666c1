"""The python `icalendar` side of row 3: builds the calendar that `partnerctl export` writes for the same data.

Reads the generator's big.json and writes one VCALENDAR: the calendar properties, a VTIMEZONE for the zone,
one VEVENT per anniversary from a year back to the horizon ahead, and one VEVENT per event with its RRULE.
UIDs follow partnerd's scheme, so the caller can check that both calendars hold the same events.
"""

from __future__ import annotations

import argparse
import datetime
import json
import zoneinfo

from icalendar import Calendar, Event, Timezone, vDuration, vRecur

MILESTONES = {1, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100}


def anniversary_dates(signed: datetime.date, first: datetime.date, last: datetime.date):
    for year in range(max(signed.year + 1, first.year), last.year + 1):
        day = signed.replace(year=year)
        if first <= day <= last:
            yield year - signed.year, day


def build(data: dict, today: datetime.date) -> Calendar:
    zone = zoneinfo.ZoneInfo(data["timezone"])
    stamp = datetime.datetime.combine(today, datetime.time(), tzinfo=zone).astimezone(datetime.timezone.utc)
    first = today.replace(year=today.year - 1)
    last = today.replace(year=today.year + data["horizon_years"])

    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//partnerd benchmarks//icalendar peer//DE")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", data["name"])
    calendar.add("x-wr-calname", data["name"])
    calendar.add("refresh-interval", vDuration(datetime.timedelta(hours=12)), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(datetime.timedelta(hours=12)))
    calendar.add_component(Timezone.from_tzid(data["timezone"], first_date=datetime.date(1950, 1, 1),
                                              last_date=last))

    events: list[tuple[datetime.datetime, str, Event]] = []
    for partnership in data["partnerships"]:
        pid = partnership["id"]
        signed = datetime.date.fromisoformat(partnership["signed"])
        for number, day in anniversary_dates(signed, first, last):
            event = Event()
            uid = f"anniversary-{number}.{pid}@partnerd"
            event.add("uid", uid)
            event.add("dtstamp", stamp)
            event.add("sequence", 0)
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            event.add("summary", f"{number}. Jahrestag der Städtepartnerschaft "
                                 f"{partnership['city']} – {partnership['partner']}")
            event.add("categories", ["Jahrestag", "Jubiläum"] if number in MILESTONES else ["Jahrestag"])
            event.add("transp", "TRANSPARENT")
            events.append((datetime.datetime.combine(day, datetime.time(), tzinfo=zone), uid, event))
        for item in partnership["events"]:
            event = Event()
            uid = f"{item['id']}.{pid}@partnerd"
            event.add("uid", uid)
            event.add("dtstamp", stamp)
            event.add("sequence", 0)
            if "T" in item["start"]:
                start = datetime.datetime.fromisoformat(item["start"]).replace(tzinfo=zone)
                event.add("dtstart", start)
                if "end" in item:
                    event.add("dtend", datetime.datetime.fromisoformat(item["end"]).replace(tzinfo=zone))
                else:
                    event.add("duration", datetime.timedelta(hours=int(item["duration"].rstrip("h"))))
                first_start = start
            else:
                day = datetime.date.fromisoformat(item["start"])
                event.add("dtstart", day)
                last_day = datetime.date.fromisoformat(item.get("end", item["start"]))
                event.add("dtend", last_day + datetime.timedelta(days=1))
                first_start = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
            if "rrule" in item:
                event.add("rrule", vRecur.from_ical(item["rrule"]))
            event.add("summary", item["title"])
            event.add("location", item["location"])
            events.append((first_start, uid, event))
    events.sort(key=lambda entry: (entry[0], entry[1]))
    for _, _, event in events:
        calendar.add_component(event)
    return calendar


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--today", help="YYYY-MM-DD (default: today)")
    arguments = parser.parse_args()
    with open(arguments.data, encoding="utf-8") as source:
        data = json.load(source)
    today = datetime.date.fromisoformat(arguments.today) if arguments.today else datetime.date.today()
    with open(arguments.output, "wb") as out:
        out.write(build(data, today).to_ical())


if __name__ == "__main__":
    main()
