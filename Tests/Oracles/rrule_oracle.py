#!/usr/bin/env python3
"""Recurrence cases expanded by python-dateutil, for partnerd's property test.

    rrule_oracle.py --seed N --count 5000 --out FILE

Writes JSON: for every case the RRULE text, DTSTART (a wall time, or a date for all-day cases), the
zone, optional EXDATE/RDATE values, and the occurrences dateutil computes: the first 100, or all within
7,305 days (20 years) of DTSTART, whichever ends first. `RecurrenceOracleTests.swift` reads the file
(named by $PARTNERD_RRULE_ORACLE) and compares partnerd's expansion occurrence by occurrence.

How the cases are made, deterministically from the seed:

* Every frequency with every combination of BY parts that RFC 5545 §3.3.10 allows for it (the
  expand/limit table; BYSETPOS only beside another BY part) is a "combination"; the cases cycle through
  all of them, so 5,000 cases cover each one about three times. All-day (DATE) starts get the daily and
  longer frequencies without BYHOUR/BYMINUTE/BYSECOND.
* Values are drawn around a random anchor date so that most rules produce something; about 85% of the
  starts are then moved to the rule's first occurrence at or after the anchor (a start that matches the
  rule), the rest keep the anchor (RFC 5545 leaves such sets undefined, partnerd puts DTSTART first).
* Timed starts are in Europe/Berlin, Europe/Brussels, America/New_York, Australia/Lord_Howe,
  Asia/Kathmandu, Pacific/Chatham or UTC. dateutil gets DTSTART as an aware datetime (zoneinfo), so a
  UTC UNTIL is compared as instants, the way RFC 5545 §3.3.10 defines it: dateutil iterates the wall
  clock and Python compares aware datetimes with different tzinfo in UTC, reading a wall time in a DST
  gap with the offset before the gap and a repeated wall time as its first instant, which are partnerd's
  rules too. The occurrences are written as naive wall times.

dateutil is stopped as soon as it starts a period after the window (rules that never produce would
make it walk to year 9999). Rules that it rejects (it refuses BYHOUR/BYMINUTE/BYSECOND values that an
INTERVAL can never reach) or that it cannot finish within a fixed budget of periods are drawn again
from the same seeded stream, so the output depends on the seed only (not on --jobs). When the budget
runs out after at least five occurrences, those are kept as a prefix ("complete": false) and only that
prefix is compared. Zones come from the system tz database through zoneinfo.

Known departures of dateutil from RFC 5545 (the Swift test lists the ones it meets and how they are
recognised):
* BYWEEKNO weeks that straddle New Year (see _CorrectedWeekIterInfo). For rules with BYWEEKNO the file
  also carries "week_fixed_occurrences": dateutil's result with only its week mask corrected, written
  where it differs from the plain result.
* BYDAY mixing plain and numbered weekdays (BYDAY=1MO,FR): dateutil keeps only days that match both
  kinds; the RFC's list is a choice of alternatives. Such cases also carry "byday_fixed_occurrences":
  dateutil's result for the same rule with every plain weekday written as all its numbered forms
  (FR as 1FR,...,5FR within a month, 1FR,...,53FR within a year), which means the same days.
* WEEKLY with BYSETPOS: dateutil's first week starts at DTSTART, not at WKST. Generated mostly with
  DTSTART on the WKST weekday, plus a share with other weekdays whose first week the Swift test sets
  aside.
"""

import argparse
import datetime as dt
import itertools
import json
import multiprocessing
import os
import random
import sys
from zoneinfo import ZoneInfo

import dateutil
import dateutil.rrule as du

ZONES = [
    "Europe/Berlin", "Europe/Brussels", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
    "Pacific/Chatham", "UTC",
]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
FREQUENCIES = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"]
LIMIT = 100
WINDOW_DAYS = 7305
PERIOD_BUDGET = 8_000
MINIMUM_PREFIX = 5
# Share of starts moved onto the rule's own first occurrence (the rest keep the random anchor).
SYNCHRONIZED_SHARE = 0.85
# Share of rules without any occurrence in the window that are drawn again (the rest stay, as checks
# that partnerd finds nothing there either).
EMPTY_REDRAW_SHARE = 0.85
# Share of numbered BYDAY lists that get a plain weekday as well.
MIXED_WEEKDAY_SHARE = 0.25
CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

# BY parts each frequency allows (RFC 5545 §3.3.10 table; BYSETPOS is added separately).
DAY_PARTS = {
    "YEARLY": ["BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"],
    "MONTHLY": ["BYMONTH", "BYMONTHDAY", "BYDAY"],
    "WEEKLY": ["BYMONTH", "BYDAY"],
    "DAILY": ["BYMONTH", "BYMONTHDAY", "BYDAY"],
    "HOURLY": ["BYMONTH", "BYYEARDAY", "BYMONTHDAY", "BYDAY"],
    "MINUTELY": ["BYMONTH", "BYYEARDAY", "BYMONTHDAY", "BYDAY"],
    "SECONDLY": ["BYMONTH", "BYYEARDAY", "BYMONTHDAY", "BYDAY"],
}
TIME_PARTS = ["BYHOUR", "BYMINUTE", "BYSECOND"]


class BudgetExceeded(Exception):
    pass


class WindowPassed(Exception):
    pass


class _Budget:
    remaining = PERIOD_BUDGET
    # dateutil's next period starts after this date: nothing more can fall inside the window.
    last_date = dt.date.max


class _CountingIterInfo(du._iterinfo):
    """dateutil's per-period helper, watched so that a rule that never produces is cut off: once a period
    begins after the window (exact: the list is complete), or after a fixed number of periods
    (deterministic, unlike a timeout)."""

    def _tick(self, year, month, day):
        _Budget.remaining -= 1
        if _Budget.remaining < 0:
            raise BudgetExceeded()
        if (year, month, day) > (_Budget.last_date.year, _Budget.last_date.month, _Budget.last_date.day):
            raise WindowPassed()

    def ydayset(self, year, month, day):
        self._tick(year, 1, 1)
        return super().ydayset(year, month, day)

    def mdayset(self, year, month, day):
        self._tick(year, month, 1)
        return super().mdayset(year, month, day)

    def wdayset(self, year, month, day):
        self._tick(year, month, day)
        return super().wdayset(year, month, day)

    def ddayset(self, year, month, day):
        self._tick(year, month, day)
        return super().ddayset(year, month, day)


du._iterinfo = _CountingIterInfo


def week_number_mask(year, byweekno, wkst):
    """Which days from 1 January of `year` on (year length + 7 of them) lie in a listed week.

    A day belongs to the week (starting on `wkst`, 0 = Monday) that contains it, and that week to the
    year holding at least four of its days (RFC 5545 §3.3.10, BYWEEKNO, after ISO 8601); the week matches
    when its number in that year, counted from the start (1 ...) or from the end (-1 ...), is listed.
    """
    def week_start(ordinal):
        return ordinal - ((ordinal - 1) % 7 - wkst) % 7

    def first_week_start(y):
        return week_start(dt.date(y, 1, 4).toordinal())

    first = dt.date(year, 1, 1).toordinal()
    length = 366 if dt.date(year, 12, 31).timetuple().tm_yday == 366 else 365
    mask = []
    for ordinal in range(first, first + length + 7):
        start = week_start(ordinal)
        week_year = year - 1 if start < first_week_start(year) else year
        if start >= first_week_start(week_year + 1):
            week_year += 1
        number = (start - first_week_start(week_year)) // 7 + 1
        weeks = (first_week_start(week_year + 1) - first_week_start(week_year)) // 7
        mask.append(1 if number in byweekno or number - weeks - 1 in byweekno else 0)
    return mask


class _CorrectedWeekIterInfo(_CountingIterInfo):
    """dateutil with its BYWEEKNO mask replaced by `week_number_mask`, for the documented deviation.

    dateutil 2.9 gets the weeks that straddle New Year wrong: a late-December day in week 1 of the next
    year is matched by 1 but not by the same week's negative number (its code marks that as a TODO), and
    the previous year's last week, reaching into January, gets its number from a formula that is off
    for some years. Everything else in the expansion stays dateutil's.
    """

    def rebuild(self, year, month):
        new_year = year != self.lastyear
        super().rebuild(year, month)
        if new_year and self.rrule._byweekno:
            self.wnomask = week_number_mask(year, self.rrule._byweekno, self.rrule._wkst)
_mod_distance = du.rrule._rrule__mod_distance


def _counting_mod_distance(self, value, byxxx, base):
    """Sub-daily rules step through BYHOUR/BYMINUTE/BYSECOND inside one period; count those steps too."""
    _Budget.remaining -= 1
    if _Budget.remaining < 0:
        raise BudgetExceeded()
    return _mod_distance(self, value, byxxx, base)


du.rrule._rrule__mod_distance = _counting_mod_distance


def combinations():
    """Every (kind, frequency, parts) the RFC allows, kind being "timed" or "date"."""
    result = []
    for kind in ("timed", "date"):
        for freq in FREQUENCIES:
            if kind == "date" and freq in ("HOURLY", "MINUTELY", "SECONDLY"):
                continue
            available = DAY_PARTS[freq] + (TIME_PARTS if kind == "timed" else [])
            for size in range(len(available) + 1):
                for parts in itertools.combinations(available, size):
                    result.append((kind, freq, parts))
                    if parts:
                        result.append((kind, freq, parts + ("BYSETPOS",)))
    return result


def signed(rng, value, negative_share, length):
    """`value` (1-based), or the same position counted from the end of a `length`-long range."""
    if rng.random() < negative_share:
        return value - length - 1
    return value


def draw_rule(rng, freq, parts, anchor):
    by = {}
    months = []
    if "BYMONTH" in parts:
        months = sorted({anchor.month} if rng.random() < 0.6 else set())
        while len(months) < rng.choice([1, 1, 2, 3]):
            months = sorted(set(months) | {rng.randint(1, 12)})
        by["BYMONTH"] = months
    if "BYWEEKNO" in parts:
        weeks = set()
        for _ in range(rng.choice([1, 1, 2])):
            if months:
                month = rng.choice(months)
                week = (CUMULATIVE_DAYS[month - 1] + rng.randint(1, 28)) // 7 + 1
            elif rng.random() < 0.5:
                week = anchor.isocalendar()[1]
            else:
                week = rng.randint(1, 53)
            weeks.add(signed(rng, min(week, 53), 0.25, 53))
        by["BYWEEKNO"] = sorted(weeks)
    year_days = []
    if "BYYEARDAY" in parts:
        for _ in range(rng.choice([1, 2, 3])):
            if months:
                month = rng.choice(months)
                day = CUMULATIVE_DAYS[month - 1] + rng.randint(1, 28)
            elif rng.random() < 0.4:
                day = anchor.timetuple().tm_yday
            else:
                day = rng.randint(1, 366)
            year_days.append(day)
        by["BYYEARDAY"] = sorted({signed(rng, day, 0.3, 366) for day in year_days})
    if "BYMONTHDAY" in parts:
        days = set()
        if year_days:
            first = year_days[0]
            month = max(i for i in range(12) if CUMULATIVE_DAYS[i] < first)
            days.add(min(first - CUMULATIVE_DAYS[month], 31))
        elif rng.random() < 0.5:
            days.add(anchor.day)
        while len(days) < rng.choice([1, 2, 3, 4]):
            days.add(signed(rng, rng.randint(1, 31), 0.3, 31) if rng.random() < 0.7 else -rng.randint(1, 7))
        by["BYMONTHDAY"] = sorted(days)
    if "BYDAY" in parts:
        numbered = freq in ("MONTHLY", "YEARLY") and "BYWEEKNO" not in parts and rng.random() < 0.5
        entries = set()
        if numbered:
            within_month = freq == "MONTHLY" or "BYMONTH" in parts
            for _ in range(rng.choice([1, 1, 2])):
                if within_month:
                    ordinal = rng.choice([1, 2, 3, 4, 5, -1, -1, -2, -5])
                else:
                    ordinal = rng.choice([1, 2, 20, 52, 53, -1, -2, -20, -53, rng.randint(1, 52)])
                entries.add(f"{ordinal}{rng.choice(WEEKDAYS)}")
            if rng.random() < MIXED_WEEKDAY_SHARE:
                entries.add(rng.choice(WEEKDAYS))
        else:
            if rng.random() < 0.5:
                entries.add(WEEKDAYS[anchor.weekday()])
            while len(entries) < rng.choice([1, 2, 3, 4]):
                entries.add(rng.choice(WEEKDAYS))
        by["BYDAY"] = sorted(entries)
    # dateutil's minutely and secondly rules walk minute by minute (second by second) from midnight to the
    # first allowed hour and minute on every day, even on days the day parts rule out; starting the lists at
    # 0 keeps that walk short without changing which combinations are covered.
    walks_from_midnight = freq in ("MINUTELY", "SECONDLY")
    if "BYHOUR" in parts:
        hours = {anchor.hour} if rng.random() < 0.5 else set()
        if walks_from_midnight:
            hours.add(0)
        while len(hours) < rng.choice([1, 2, 3]):
            hours.add(rng.randint(0, 23))
        by["BYHOUR"] = sorted(hours)
    if "BYMINUTE" in parts:
        minutes = {anchor.minute} if rng.random() < 0.4 else set()
        if walks_from_midnight:
            minutes.add(0)
        while len(minutes) < rng.choice([1, 2, 3]):
            minutes.add(rng.choice([0, 15, 30, 45, rng.randint(0, 59)]))
        by["BYMINUTE"] = sorted(minutes)
    if "BYSECOND" in parts:
        seconds = {anchor.second} if rng.random() < 0.4 else set()
        while len(seconds) < rng.choice([1, 2]):
            seconds.add(rng.choice([0, 30, rng.randint(0, 59)]))
        by["BYSECOND"] = sorted(seconds)
    if "BYSETPOS" in parts:
        positions = set()
        while len(positions) < rng.choice([1, 1, 2]):
            magnitude = rng.choice([1, 1, 2, 3, rng.randint(4, 10)])
            positions.add(magnitude if rng.random() < 0.6 else -magnitude)
        by["BYSETPOS"] = sorted(positions)

    if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
        interval = rng.choice([1, 1, 2, 3, 5, 7, 13, 90])
    else:
        interval = rng.choice([1, 1, 1, 2, 3, 4])
    text = [f"FREQ={freq}"]
    if interval != 1 or rng.random() < 0.1:
        text.append(f"INTERVAL={interval}")
    for name in ["BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND",
                 "BYSETPOS"]:
        if name in by:
            text.append(f"{name}={','.join(str(v) for v in by[name])}")
    if rng.random() < 0.3 or (freq == "WEEKLY" and rng.random() < 0.3):
        text.append(f"WKST={rng.choice(WEEKDAYS)}")
    return text


def bound(rng, dtstart, all_day):
    """COUNT, UNTIL (a DATE for all-day starts, UTC otherwise) or nothing."""
    roll = rng.random()
    if roll < 0.35:
        return f"COUNT={rng.randint(1, 60)}"
    if roll < 0.65:
        span = dt.timedelta(days=rng.choice([3, 20, 100, 400, 2000, 5000]), seconds=rng.randint(0, 86399))
        end = dtstart + span
        if all_day:
            return f"UNTIL={end:%Y%m%d}"
        return f"UNTIL={end.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}"
    return None


def expand(rule, dtstart, exdates=(), rdates=()):
    """dateutil's occurrences: the first LIMIT, or those within WINDOW_DAYS of dtstart.

    Returns (occurrences, complete). When dateutil runs out of its period budget after MINIMUM_PREFIX
    occurrences, what it found is still a correct prefix and is kept with complete=False.

    With EXDATE or RDATE values, the rule's occurrences are expanded first (enough of them that the
    exceptions cannot leave fewer than LIMIT) and then combined by dateutil's rruleset, since stopping the
    rule at the window must not cut the set's iteration short.
    """
    if not exdates and not rdates:
        return _expand_rule(rule, dtstart, LIMIT)
    ruled, complete = _expand_rule(rule, dtstart, LIMIT + len(exdates))
    rule_set = du.rruleset()
    for value in ruled + list(rdates):
        rule_set.rdate(value)
    for value in exdates:
        rule_set.exdate(value)
    end = dtstart + dt.timedelta(days=WINDOW_DAYS)
    cut_by_count = len(ruled) == LIMIT + len(exdates)
    combined = [
        value for value in rule_set
        if value.replace(tzinfo=None) <= end.replace(tzinfo=None)
        and not ((cut_by_count or not complete) and value > ruled[-1])
    ]
    return combined[:LIMIT], complete


def _expand_rule(rule, dtstart, limit):
    _Budget.remaining = PERIOD_BUDGET
    end = dtstart + dt.timedelta(days=WINDOW_DAYS)
    _Budget.last_date = end.date()
    result = []
    try:
        for occurrence in du.rrulestr(rule, dtstart=dtstart):
            if occurrence.replace(tzinfo=None) > end.replace(tzinfo=None) or len(result) == limit:
                break
            result.append(occurrence)
    except WindowPassed:
        pass
    except BudgetExceeded:
        if len(result) < MINIMUM_PREFIX:
            raise
        return result, False
    return result, True


def numbered_weekdays_only(rule, parts):
    """The rule with each plain BYDAY weekday replaced by all its numbered forms, when BYDAY mixes both.

    Within a month a weekday occurs at most 5 times and within a year at most 53, so FR and
    1FR,2FR,...,5FR (or ...,53FR) select the same days; dateutil handles the numbered forms as a list of
    alternatives, as RFC 5545 §3.3.10 wants for the whole list. Returns None when BYDAY is not mixed.
    """
    fields = rule.split(";")
    for index, field in enumerate(fields):
        if not field.startswith("BYDAY="):
            continue
        entries = field[len("BYDAY="):].split(",")
        plain = [entry for entry in entries if entry in WEEKDAYS]
        if not plain or len(plain) == len(entries):
            return None
        within_month = rule.startswith("FREQ=MONTHLY") or "BYMONTH" in parts
        last = 5 if within_month else 53
        numbered = [entry for entry in entries if entry not in WEEKDAYS]
        numbered += [f"{n}{day}" for day in plain for n in range(1, last + 1)]
        fields[index] = "BYDAY=" + ",".join(numbered)
        return ";".join(fields)
    return None


def first_at_or_after(rule_parts, anchor):
    _Budget.remaining = PERIOD_BUDGET
    _Budget.last_date = (anchor + dt.timedelta(days=WINDOW_DAYS)).date()
    try:
        for occurrence in du.rrulestr(";".join(rule_parts), dtstart=anchor):
            return occurrence
    except (BudgetExceeded, WindowPassed):
        pass
    return None


def wall(value, all_day):
    naive = value.replace(tzinfo=None)
    return naive.date().isoformat() if all_day else naive.isoformat()


def random_anchor(rng, kind, zone):
    year = rng.randint(1995, 2032)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28) if rng.random() < 0.8 else rng.randint(1, 31)
    while True:
        try:
            date = dt.date(year, month, day)
            break
        except ValueError:
            day -= 1
    if kind == "date":
        return dt.datetime(date.year, date.month, date.day)
    if rng.random() < 0.15:
        # Around the hours that DST changes skip or repeat.
        hour, minute = rng.choice([(2, 30), (1, 30), (2, 15), (3, 45), (2, 0)])
    else:
        hour, minute = rng.randint(0, 23), rng.choice([0, 0, 15, 30, 45, rng.randint(0, 59)])
    second = 0 if rng.random() < 0.8 else rng.randint(0, 59)
    return dt.datetime(date.year, date.month, date.day, hour, minute, second, tzinfo=ZoneInfo(zone))


def make_case(index, seed, combination):
    kind, freq, parts = combination
    rng = random.Random(f"{seed}:{index}")
    for _attempt in range(40):
        zone = rng.choice(ZONES)
        all_day = kind == "date"
        anchor = random_anchor(rng, kind, zone)
        rule_parts = draw_rule(rng, freq, parts, anchor)
        weekly_set_position = freq == "WEEKLY" and "BYSETPOS" in parts
        keep_mid_week = weekly_set_position and rng.random() < 0.2
        try:
            dtstart = anchor
            if rng.random() < SYNCHRONIZED_SHARE:
                first = first_at_or_after(rule_parts, anchor)
                if first is not None:
                    dtstart = first
            if weekly_set_position and not keep_mid_week:
                # Start on the WKST weekday so that dateutil's first week is the whole week.
                week_start = next((WEEKDAYS.index(p[5:]) for p in rule_parts if p.startswith("WKST=")), 0)
                dtstart = dtstart - dt.timedelta(days=(dtstart.weekday() - week_start) % 7)
            limit = bound(rng, dtstart, all_day)
            rule = ";".join(rule_parts[:1] + ([limit] if limit else []) + rule_parts[1:])
            exdates, rdates = [], []
            if rng.random() < 0.1:
                plain, complete = expand(rule, dtstart)
                if complete and plain and plain[0] == dtstart:
                    exdates = sorted(rng.sample(plain[1:], min(len(plain) - 1, rng.randint(1, 2))))
                    for _ in range(rng.randint(1, 2)):
                        days = rng.randint(1, 700)
                        hours = 0 if all_day else rng.randint(-5, 5)
                        offset = dt.timedelta(days=days, hours=hours)
                        rdates.append(dtstart + offset)
                    rdates.sort()
            occurrences, complete = expand(rule, dtstart, exdates, rdates)
            corrected = None
            if "BYWEEKNO" in parts:
                du._iterinfo = _CorrectedWeekIterInfo
                try:
                    corrected, corrected_complete = expand(rule, dtstart, exdates, rdates)
                finally:
                    du._iterinfo = _CountingIterInfo
                if corrected == occurrences and corrected_complete == complete:
                    corrected = None
            weekday_fixed = None
            equivalent = numbered_weekdays_only(rule, parts)
            if equivalent is not None:
                weekday_fixed, weekday_fixed_complete = expand(equivalent, dtstart, exdates, rdates)
                if weekday_fixed == occurrences and weekday_fixed_complete == complete:
                    weekday_fixed = None
        except (BudgetExceeded, ValueError):
            continue
        if not occurrences and rng.random() < EMPTY_REDRAW_SHARE:
            continue
        case = {
            "id": index,
            "combination": f"{kind} {freq} {'+'.join(parts) or '-'}",
            "rrule": rule,
            "zone": zone,
            "all_day": all_day,
            "dtstart": wall(dtstart, all_day),
            "occurrences": [wall(o, all_day) for o in occurrences],
            "complete": complete,
        }
        if corrected is not None:
            # dateutil with the week-number fix of _CorrectedWeekIterInfo, where that changes the result.
            case["week_fixed_occurrences"] = [wall(o, all_day) for o in corrected]
            case["week_fixed_complete"] = corrected_complete
        if weekday_fixed is not None:
            # dateutil on the same rule with plain weekdays written as numbered ones (same days, RFC reading).
            case["byday_fixed_occurrences"] = [wall(o, all_day) for o in weekday_fixed]
            case["byday_fixed_complete"] = weekday_fixed_complete
        if exdates:
            case["exdate"] = [wall(v, all_day) for v in exdates]
        if rdates:
            case["rdate"] = [wall(v, all_day) for v in rdates]
        return case
    raise SystemExit(f"case {index} ({combination}): no usable rule in 40 draws")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output is the same)")
    arguments = parser.parse_args()

    combos = combinations()
    random.Random(arguments.seed).shuffle(combos)
    jobs = [(i, arguments.seed, combos[i % len(combos)]) for i in range(arguments.count)]
    with multiprocessing.Pool(arguments.jobs) as pool:
        cases = pool.starmap(make_case, jobs, chunksize=5)
    document = {
        "generator": "rrule_oracle.py",
        "seed": arguments.seed,
        "dateutil": dateutil.__version__,
        "limit": LIMIT,
        "window_days": WINDOW_DAYS,
        "combinations": len(combos),
        "cases": cases,
    }
    with open(arguments.out, "w", encoding="utf-8") as handle:
        json.dump(document, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"rrule_oracle: {len(cases)} cases over {len(combos)} combinations -> {arguments.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
