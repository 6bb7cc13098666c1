"""partnerctl holidays, and partnerd's public holidays against python holidays for every region shipped, 1990-2100."""

import json
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)


def test_every_region_agrees_with_python_holidays_or_the_departure_is_listed(partnerctl):
    result = run(sys.executable, REPO / "Tests" / "Oracles" / "holiday_oracle.py", "--tool", partnerctl, "holidays")
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "0 not listed, 0 listed but not found" in result.stdout
    # Germany with its 16 Länder and the 19 other countries of the sample's partnerships.
    assert result.stdout.startswith("holidays: 36 regions, 1990-2100"), result.stdout[:200]


def test_a_year_of_berlin_in_text_and_json(partnerctl):
    text = run(partnerctl, "holidays", "DE-BE", "--year", "2027")
    assert text.returncode == 0, text.stderr
    assert "2027-03-08  Mon  Internationaler Frauentag (International Women's Day)\n" in text.stdout
    assert "2027-05-17  Mon  Pfingstmontag (Whit Monday)\n" in text.stdout
    rows = json.loads(run(partnerctl, "holidays", "DE-BE", "--year", "2027", "--json").stdout)
    assert [row["date"] for row in rows][:3] == ["2027-01-01", "2027-03-08", "2027-03-26"]
    assert rows[0]["names"]["fr"] == "Jour de l'an" and rows[0]["substitute"] is False


def test_substitute_days_are_marked(partnerctl):
    rows = json.loads(run(partnerctl, "holidays", "GB", "--year", "2021", "--json").stdout)
    substitutes = [row["date"] for row in rows if row["substitute"]]
    assert substitutes == ["2021-12-27", "2021-12-28"]


def test_unknown_regions_name_what_is_known(partnerctl):
    unknown = run(partnerctl, "holidays", "DE-XY")
    assert unknown.returncode == 2
    assert "no holiday data for DE-XY" in unknown.stderr and "DE-BE" in unknown.stderr
    country = run(partnerctl, "holidays", "NZ")
    assert country.returncode == 2 and "partnerctl holidays --list" in country.stderr
    garbage = run(partnerctl, "holidays", "Berlin")
    assert garbage.returncode == 2 and "is not a region" in garbage.stderr
    listed = run(partnerctl, "holidays", "--list")
    assert listed.returncode == 0 and "DE-BE   Berlin\n" in listed.stdout and "BE      Belgium\n" in listed.stdout


def test_the_partnership_feed_shows_the_partners_holidays_on_their_days(partnerctl, tmp_path):
    import datetime

    import icalendar
    import recurring_ical_events

    config = tmp_path / "partnerd.toml"
    config.write_text(
        '[daemon]\ntimezone = "Europe/Berlin"\nlanguage = "de"\n\n[feed]\npartner_holidays = true\n\n'
        '[[partnership]]\nid = "berlin-bruessel"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        'signed = 1992-06-01\ntimezone = "Europe/Brussels"\n', encoding="utf-8")
    exported = run(partnerctl, "export", "--config", config, "--partnership", "berlin-bruessel")
    assert exported.returncode == 0, exported.stderr
    calendar = icalendar.Calendar.from_ical(exported.stdout)
    year = datetime.date.today().year + 1
    events = recurring_ical_events.of(calendar).between(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))
    holidays = {event["DTSTART"].dt: str(event["SUMMARY"]) for event in events if "Feiertag" in str(event.get("CATEGORIES").cats)}
    assert holidays[datetime.date(year, 7, 21)] == "Feiertag in Brüssel: Nationalfeiertag"
    assert holidays[datetime.date(year, 11, 11)] == "Feiertag in Brüssel: Waffenstillstand"
    assert len(holidays) == 12, holidays
    assert all(event["TRANSP"] == "TRANSPARENT" for event in events if event["UID"].startswith("holiday-"))
    # The whole registry's feed does not repeat every partner's national days.
    everything = run(partnerctl, "export", "--config", config)
    assert "holiday-be-" not in everything.stdout


def test_check_warns_of_an_event_on_the_partners_national_day(partnerctl, tmp_path):
    import datetime

    today = datetime.date.today()
    national_day = datetime.date(today.year, 7, 21)
    if national_day <= today:
        national_day = datetime.date(today.year + 1, 7, 21)
    config = tmp_path / "partnerd.toml"
    config.write_text(
        '[daemon]\ntimezone = "Europe/Berlin"\nholidays = "DE-BE"\n\n'
        '[[partnership]]\nid = "berlin-bruessel"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        f'signed = 1992-06-01\n\n[[partnership.event]]\nid = "jazz"\ntitle = "Jazz"\nstart = {national_day}\n',
        encoding="utf-8")
    result = run(partnerctl, "check", "--config", config)
    assert result.returncode == 0, result.stderr
    expected = f'event "jazz" on {national_day} is Belgium\'s National Day (Nationale feestdag) in Brüssel'
    assert expected in result.stderr, result.stderr
    assert "warning" in result.stderr and "1 warning" in result.stdout
