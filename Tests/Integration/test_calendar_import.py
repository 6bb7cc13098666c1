"""partnerctl calendar: the RFC 5545 reader of imported calendars, against python recurring-ical-events on the calendars
of its own test suite (real exports of Google, Outlook, Nextcloud and others, in the test venv)."""

import json
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600)


def test_the_occurrences_agree_with_recurring_ical_events_or_the_departure_is_listed(partnerctl):
    result = run(sys.executable, REPO / "Tests" / "Oracles" / "ics_oracle.py", "--tool", partnerctl, "calendar")
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    files, agreed = (int(word) for word in result.stdout.split()[1:4:2])
    assert files >= 90 and agreed >= files - 10, result.stdout


def test_a_preview_names_the_zone_and_every_line_it_skipped(partnerctl, tmp_path):
    calendar = tmp_path / "agenda.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Agenda Bruxelles\r\nBEGIN:VEVENT\r\nUID:jazz@agenda\r\n"
        "DTSTART;TZID=Romance Standard Time:20270721T200000\r\nSUMMARY:Jazz au parc\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:lost@agenda\r\nDTSTART;TZID=Atlantis:20270722T100000\r\nBROKEN\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n", encoding="utf-8")
    text = run(partnerctl, "calendar", calendar, "--from", "2027-07-01", "--to", "2027-07-31", "--timezone", "Europe/Brussels")
    assert text.returncode == 0, text.stderr
    assert "Agenda Bruxelles\n2027-07-21T20:00:00+02:00  Jazz au parc  (jazz@agenda, Europe/Paris)\n" in text.stdout
    assert f"{calendar}:11: warning: BROKEN has no ':' before its value: the line is skipped" in text.stderr
    assert f"{calendar}:10: warning: TZID Atlantis is no zone partnerd knows" in text.stderr
    rows = json.loads(run(partnerctl, "calendar", calendar, "--from", "2027-07-01", "--to", "2027-07-31", "--json").stdout)
    assert [row["uid"] for row in rows] == ["jazz@agenda", "lost@agenda"]
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n", encoding="utf-8")
    refused = run(partnerctl, "calendar", broken)
    assert refused.returncode == 1
    assert f"{broken}:3: error: END:VTODO where BEGIN:VEVENT of line 2 is open" in refused.stderr
