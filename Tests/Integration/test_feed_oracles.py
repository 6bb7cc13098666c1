"""Every feed partnerd produces is read by three independent iCalendar readers, and what they expand is
exactly what `partnerctl upcoming --json` lists (SPEC.md, issue 4)."""

from __future__ import annotations

import datetime
import json
import pathlib
import subprocess
import sys
import zoneinfo

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Oracles"))

import feed_oracle  # noqa: E402

TOKEN = "s3cr3t-t0ken-0123456789"


def today_in(zone: str) -> datetime.date:
    return datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()


def last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1) if month < 12 else datetime.date(year, 12, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def run(partnerctl: pathlib.Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(partnerctl), *arguments], capture_output=True, timeout=120)


def export(partnerctl, config: pathlib.Path, *arguments: str, state: pathlib.Path) -> bytes:
    result = run(partnerctl, "export", "--config", str(config), "--state-directory", str(state), *arguments)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def upcoming(partnerctl, config: pathlib.Path, first: datetime.date, last: datetime.date, *arguments: str) -> list[dict]:
    result = run(
        partnerctl, "upcoming", "--config", str(config), "--from", first.isoformat(), "--to", last.isoformat(),
        "--json", *arguments)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


# MARK: - Generated configurations


def write_config(directory: pathlib.Path, feed_extra: str, partnerships: str) -> pathlib.Path:
    path = directory / "partnerd.toml"
    path.write_text(
        f"""
[daemon]
timezone = "Europe/Berlin"
language = "en"
notify_at = "09:00"

[feed]
listen = ""
name = "Twinnings „test“; with, specials \\\\ and 日本語 😀"
refresh = "1d 12h"
horizon = "5y"
token = "{TOKEN}"
{feed_extra}

{partnerships}
""",
        encoding="utf-8")
    return path


def single_config(directory: pathlib.Path) -> pathlib.Path:
    """All-day and timed events in several zones, DST gaps and overlaps, private items, no recurrence."""
    today = today_in("Europe/Berlin")
    year = today.year + 1
    gap = last_sunday(year, 3)
    overlap = last_sunday(year, 10)
    soon = today + datetime.timedelta(days=40)
    later = today + datetime.timedelta(days=400)
    long_text = "Ein „sehr“ langer Text; mit Kommas, Semikolons; Backslash \\\\ und Zeilen\\nUmbruch — 東京都 🎉 " * 3
    return write_config(directory, "alarms = true", f"""
[[partnership]]
id = "berlin-new-york"
city = "Berlin"
partner = "New York"
country = "US"
signed = 1996-02-29
leap_day = "mar1"
timezone = "America/New_York"

[[partnership.event]]
id = "visit"
title = "Visit: New York delegation, „Kultur“; talks, dinner"
start = {soon.isoformat()}T18:30:00
end = {soon.isoformat()}T21:00:00
location = "City Hall, 1 Main St; Room 5"
description = "{long_text}"
url = "https://example.org/a/very/long/path/that/goes/on/and/on/to/make/the/line/longer/than/seventy-five/octets?x=1&y=2"

[[partnership.event]]
id = "festival"
title = "Festival week"
start = {later.isoformat()}
end = {(later + datetime.timedelta(days=6)).isoformat()}

[[partnership]]
id = "berlin-lord-howe"
city = "Berlin"
partner = "Lord Howe Island"
country = "AU"
signed = 2001-10-07
timezone = "Australia/Lord_Howe"

[[partnership.event]]
id = "gap"
title = "Starts in Berlin's spring gap"
start = {gap.isoformat()}T02:30:00
duration = "1h 30min"
timezone = "Europe/Berlin"

[[partnership.event]]
id = "overlap"
title = "Starts in Berlin's autumn overlap"
start = {overlap.isoformat()}T02:30:00
duration = "1d 2h"
timezone = "Europe/Berlin"

[[partnership.event]]
id = "island"
title = "Island call"
start = {soon.isoformat()}T07:00:00
end = {soon.isoformat()}T08:00:00

[[partnership]]
id = "berlin-kathmandu"
city = "Berlin"
partner = "Kathmandu"
country = "NP"
signed = 2005-05-05
timezone = "Asia/Kathmandu"
private = true

[[partnership.event]]
id = "meeting"
title = "Private meeting"
start = {soon.isoformat()}T10:15:00
end = {soon.isoformat()}T11:45:00

[[partnership]]
id = "berlin-utc"
city = "Berlin"
partner = "Greenwich"
country = "GB"
signed = 1990-01-01
timezone = "UTC"

[[partnership.event]]
id = "call"
title = "UTC call"
start = {soon.isoformat()}T12:00:00
end = {soon.isoformat()}T13:00:00

[[partnership.event]]
id = "secret"
title = "Secret plan"
start = {(soon + datetime.timedelta(days=3)).isoformat()}
private = true
""")


def recurring_config(directory: pathlib.Path) -> pathlib.Path:
    """Recurring events with EXDATE and RDATE in several zones."""
    today = today_in("Europe/Berlin")
    first = today + datetime.timedelta(days=10)
    weekly_start = first - datetime.timedelta(days=first.weekday())  # a Monday
    excluded = weekly_start + datetime.timedelta(weeks=3)
    extra = weekly_start + datetime.timedelta(days=2)
    monthly = today.replace(day=15) + datetime.timedelta(days=31)
    monthly = monthly.replace(day=15)
    return write_config(directory, "", f"""
[[partnership]]
id = "berlin-bruessel"
city = "Berlin"
partner = "Brüssel"
country = "BE"
signed = 1992-06-01
timezone = "Europe/Brussels"

[[partnership.event]]
id = "weekly"
title = "Weekly call"
start = {weekly_start.isoformat()}T17:00:00
duration = "1h"
rrule = "FREQ=WEEKLY;COUNT=20"
exdate = [{excluded.isoformat()}T17:00:00]
rdate = [{extra.isoformat()}T09:00:00]

[[partnership.event]]
id = "tournament"
title = "Youth athletics"
start = 2022-11-26
rrule = "FREQ=YEARLY;BYMONTH=11;BYDAY=-1SA"
exdate = [2023-11-25]

[[partnership]]
id = "berlin-new-york"
city = "Berlin"
partner = "New York"
country = "US"
signed = 1996-03-01
timezone = "America/New_York"

[[partnership.event]]
id = "monthly"
title = "Monthly board"
start = {monthly.isoformat()}T08:00:00
end = {monthly.isoformat()}T09:30:00
rrule = "FREQ=MONTHLY;INTERVAL=2"
private = true
""")


# MARK: - Checks


def all_feeds(partnerctl, config: pathlib.Path, state: pathlib.Path, partnerships: list[str]) -> dict[str, bytes]:
    feeds = {"calendar": export(partnerctl, config, state=state)}
    feeds["calendar+private"] = export(partnerctl, config, "--include-private", state=state)
    for partnership in partnerships:
        feeds[f"{partnership}+private"] = export(
            partnerctl, config, "--partnership", partnership, "--include-private", state=state)
        public = run(partnerctl, "export", "--config", str(config), "--state-directory", str(state),
                     "--partnership", partnership)
        if public.returncode == 0:
            feeds[partnership] = public.stdout
    return feeds


def partnership_ids(config: pathlib.Path) -> list[str]:
    ids = []
    for path in [config, *sorted((config.parent / "partnerships.d").glob("*.toml"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("id = ") and "[[partnership]]" in previous:
                ids.append(line.split('"')[1])
            if line.strip():
                previous = line
    return ids


def assert_valid(name: str, data: bytes) -> None:
    assert feed_oracle.lexical_problems(data) == [], name
    assert feed_oracle.icalendar_problems(data) == [], name
    feed_oracle.strict_parse(data)
    text = data.decode("utf-8")
    used = {part.split("=", 1)[1].split(":")[0].split(";")[0] for part in text.replace("\r\n ", "").split(";")
            if part.startswith("TZID=")}
    defined = {line[5:] for line in text.replace("\r\n ", "").split("\r\n") if line.startswith("TZID:")}
    assert used <= defined, f"{name}: TZIDs without VTIMEZONE: {used - defined}"
    # The feed covers one year back (and its events); its recurring rules must hold well beyond the horizon.
    now = datetime.datetime.now(datetime.timezone.utc)
    start = now - datetime.timedelta(days=360)
    end = now + datetime.timedelta(days=12 * 366)
    assert feed_oracle.timezone_mismatches(data, start, end) == [], name


def expected_from_upcoming(occurrences: list[dict], today: datetime.date, horizon_years: int) -> list[tuple[str, str]]:
    """The (UID, start) pairs the feed must expand to: every event occurrence, and the anniversaries inside
    the feed's window (one year back to the horizon; a day of margin at each end for the clock)."""
    low = today.replace(year=today.year - 1) + datetime.timedelta(days=2)
    high = today.replace(year=today.year + horizon_years) - datetime.timedelta(days=2)
    result = []
    for occurrence in occurrences:
        if occurrence["kind"] != "event":
            day = datetime.date.fromisoformat(occurrence["start"])
            if not low <= day <= high:
                continue
        result.append((occurrence["uid"], feed_oracle.normalized_start(occurrence["start"])))
    return sorted(result)


def restrict(pairs, today: datetime.date, horizon_years: int) -> list[tuple[str, str]]:
    """The feed's instances, with anniversaries cut to the same window as `expected_from_upcoming`."""
    low = today.replace(year=today.year - 1) + datetime.timedelta(days=2)
    high = today.replace(year=today.year + horizon_years) - datetime.timedelta(days=2)
    return sorted(
        (uid, start) for uid, start in pairs
        if not uid.startswith("anniversary-") or low <= datetime.date.fromisoformat(start[:10]) <= high)


def three_year_window() -> tuple[datetime.date, datetime.date]:
    today = today_in("Europe/Berlin")
    first = today - datetime.timedelta(days=200)
    return first, first + datetime.timedelta(days=3 * 365)


# MARK: - Tests


def test_sample_feeds_parse_without_errors(partnerctl, sample_config, tmp_path):
    ids = partnership_ids(sample_config)
    assert "berlin-bruessel" in ids
    feeds = all_feeds(partnerctl, sample_config, tmp_path, ids)
    assert len(feeds) == 2 + 2 * len(ids)
    for name, data in feeds.items():
        assert_valid(name, data)


@pytest.mark.parametrize("make_config", [single_config, recurring_config])
def test_generated_feeds_parse_without_errors(partnerctl, tmp_path, make_config):
    config = make_config(tmp_path)
    assert run(partnerctl, "check", "--config", str(config)).returncode == 0
    ids = partnership_ids(config)
    feeds = all_feeds(partnerctl, config, tmp_path / "state", ids)
    for name, data in feeds.items():
        assert_valid(name, data)


def test_sample_expands_to_upcoming(partnerctl, sample_config, tmp_path):
    first, last = three_year_window()
    listed = upcoming(partnerctl, sample_config, first, last)
    data = export(partnerctl, sample_config, state=tmp_path)
    today = today_in("Europe/Berlin")
    assert any(occurrence["kind"] == "jubilee" for occurrence in listed)
    assert restrict(feed_oracle.expanded_occurrences(data, first, last), today, 5) == \
        expected_from_upcoming(listed, today, 5)


def test_sample_events_of_2022_expand_to_upcoming(partnerctl, sample_config, tmp_path):
    """The sample's events lie in 2022, before the anniversary window: compare events only."""
    first, last = datetime.date(2022, 1, 1), datetime.date(2024, 12, 31)
    listed = [o for o in upcoming(partnerctl, sample_config, first, last) if o["kind"] == "event"]
    assert len(listed) >= 5
    data = export(partnerctl, sample_config, state=tmp_path)
    actual = [pair for pair in feed_oracle.expanded_occurrences(data, first, last)
              if not pair[0].startswith("anniversary-")]
    assert actual == sorted((o["uid"], feed_oracle.normalized_start(o["start"])) for o in listed)


@pytest.mark.parametrize("private", [False, True])
def test_timed_zones_and_private_items_expand_to_upcoming(partnerctl, tmp_path, private):
    config = single_config(tmp_path)
    first, last = three_year_window()
    today = today_in("Europe/Berlin")
    arguments = ["--include-private"] if private else []
    data = export(partnerctl, config, *arguments, state=tmp_path / "state")
    listed = upcoming(partnerctl, config, first, last)
    if not private:
        listed = [o for o in listed if o["partnership"] != "berlin-kathmandu" and o["event"] != "secret"]
    expected = expected_from_upcoming(listed, today, 5)
    kathmandu = [o for o in listed if o["partnership"] == "berlin-kathmandu" and o["kind"] == "event"]
    assert (len(kathmandu) == 1 and kathmandu[0]["start"].endswith("+05:45")) == private
    assert restrict(feed_oracle.expanded_occurrences(data, first, last), today, 5) == expected


@pytest.mark.parametrize("private", [False, True])
def test_recurring_feed_expands_to_upcoming(partnerctl, tmp_path, private):
    """RRULE, RDATE and EXDATE as recurring-ical-events expands them are what the planner plans."""
    config = recurring_config(tmp_path)
    first, last = three_year_window()
    today = today_in("Europe/Berlin")
    arguments = ["--include-private"] if private else []
    data = export(partnerctl, config, *arguments, state=tmp_path / "state")
    listed = upcoming(partnerctl, config, first, last)
    if not private:
        listed = [o for o in listed if o["event"] != "monthly"]
    expected = expected_from_upcoming(listed, today, 5)
    assert len([uid for uid, _ in expected if uid.startswith("weekly.")]) >= 15
    assert restrict(feed_oracle.expanded_occurrences(data, first, last), today, 5) == expected


def test_export_is_byte_identical_for_the_same_config_on_the_same_day(partnerctl, sample_config, tmp_path):
    first = export(partnerctl, sample_config, state=tmp_path)
    second = export(partnerctl, sample_config, state=tmp_path)
    assert first == second
    output = tmp_path / "out.ics"
    result = run(partnerctl, "export", "--config", str(sample_config), "--state-directory", str(tmp_path),
                 "-o", str(output))
    assert result.returncode == 0, result.stderr.decode()
    assert output.read_bytes() == first


def test_export_exit_statuses(partnerctl, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[feed]\nhorizon = \"soon\"\n", encoding="utf-8")
    assert run(partnerctl, "export", "--config", str(broken)).returncode == 1
    config = single_config(tmp_path)
    assert run(partnerctl, "export", "--config", str(config), "--partnership", "nowhere").returncode == 2
    private = run(partnerctl, "export", "--config", str(config), "--partnership", "berlin-kathmandu")
    assert private.returncode == 2 and b"private" in private.stderr
    public = run(partnerctl, "export", "--config", str(config), "--state-directory", str(tmp_path / "s"))
    assert public.returncode == 0
    assert b"Private meeting" not in public.stdout and b"Secret plan" not in public.stdout
    with_private = run(partnerctl, "export", "--config", str(config), "--include-private",
                       "--state-directory", str(tmp_path / "s"))
    assert b"Private meeting" in with_private.stdout and b"Secret plan" in with_private.stdout
