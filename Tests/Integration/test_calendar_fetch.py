"""[[partnership.calendar]] url: a real partnerd fetching a partner's calendar over real HTTP, from a server that
changes, goes down, misbehaves in every way the issue lists, and from Radicale serving a collection."""

from __future__ import annotations

import datetime
import http.server
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from daemon import Daemon, free_port, unique_id

REPO = pathlib.Path(__file__).resolve().parents[2]
UTC = datetime.timezone.utc
FETCH_FAILED = "a47fff179cd14f52986899ac7ac4b611"


def run(*args, timeout=120):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout)


def ics(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Agenda Bruxelles//FR\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode()


def vevent(uid: str, start: datetime.datetime, summary: str, sequence: int = 0) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:{sequence}\r\n"
            f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}\r\nDURATION:PT2H\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\n")


class Agenda(http.server.ThreadingHTTPServer):
    """A calendar server whose answers the test sets: /agenda.ics with an ETag, and the misbehaving paths."""

    daemon_threads = True

    def __init__(self) -> None:
        self.body = ics()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stop_hanging = threading.Event()
        self.connections: list[socket.socket] = []
        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def etag(self) -> str:
        return '"%x"' % (hash(self.body) & 0xFFFFFFFF)

    def close(self) -> None:
        """Down for good: no more connections, and the kept-alive ones are cut too."""
        self.stop_hanging.set()
        self.shutdown()
        self.server_close()
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Handler(http.server.BaseHTTPRequestHandler):
    server: Agenda
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        self.server.connections.append(self.connection)

    def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        if self.path == "/agenda.ics":
            etag = self.server.etag()
            if self.headers.get("If-None-Match") == etag:
                return self.answer(304, headers={"ETag": etag})
            return self.answer(200, self.server.body, {"ETag": etag, "Content-Type": "text/calendar"})
        if self.path == "/error.ics":
            return self.answer(500, b"database on fire")
        if self.path == "/garbage.ics":
            return self.answer(200, b"<html>Bienvenue</html>")
        if self.path == "/loop.ics":
            return self.answer(302, headers={"Location": "/loop.ics"})
        if self.path == "/elsewhere.ics":
            return self.answer(301, headers={"Location": "http://agenda.example.net/agenda.ics"})
        if self.path == "/moved.ics":
            return self.answer(308, headers={"Location": "/agenda.ics"})
        if self.path == "/huge.ics":  # 50 MB without a Content-Length: only the reader's limit stops it
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"X" * 65536
            try:
                for _ in range(800):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
            return
        if self.path == "/hang.ics":
            self.server.stop_hanging.wait(60)
            return
        return self.answer(404, b"no such calendar")


@pytest.fixture
def agenda():
    server = Agenda()
    yield server
    server.close()


def config(partnership: str, calendars: str, listen: str = "") -> str:
    return (
        '[daemon]\ntimezone = "UTC"\nlanguage = "en"\ncatch_up = "1d"\n'
        'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n\n'
        f'[feed]\nlisten = "{listen}"\nmetrics = true\n\n'
        f'[[partnership]]\nid = "{partnership}"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        f'signed = 1992-06-01\nstatus = "suspended"\n\n{calendars}'
    )


def status(partnerctl, daemon) -> dict:
    result = run(partnerctl, "status", "--json", "--socket", daemon.socket)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def wait_until(predicate, deadline_s: float = 15.0) -> bool:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_a_fetched_calendar_follows_its_source_and_survives_it_going_down(partnerd, partnerctl, journal, agenda, tmp_path):
    partnership = unique_id("fetch")
    now = datetime.datetime.now(UTC).replace(microsecond=0)
    # The concert's reminder ("1d" ahead) is due 6 s after the start; the market is a year away.
    concert = now + datetime.timedelta(days=1, seconds=6)
    market = now + datetime.timedelta(days=300)
    agenda.body = ics(vevent("jazz@agenda", concert, "Jazz au parc"), vevent("marche@agenda", market, "Marché"))
    port = free_port()
    path = tmp_path / "partnerd.toml"
    path.write_text(config(partnership, f'[[partnership.calendar]]\nid = "agenda"\nurl = "{agenda.url}/agenda.ics"\n'
                                        'remind = ["1d"]\nrefresh = "6h"\n', listen=f"127.0.0.1:{port}"),
                    encoding="utf-8")
    daemon = Daemon(partnerd, path, tmp_path).start()
    try:
        # The first fetch comes at once, and the reload it triggers brings both events.
        assert wait_until(lambda: status(partnerctl, daemon)["calendars"][0]["events"] == 2 if daemon.socket.exists() else False), daemon.output()
        delivered = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=20)
        assert len(delivered) == 1 and "Jazz au parc" in delivered[0]["MESSAGE"], daemon.output()
        assert delivered[0]["PARTNERD_EVENT"].startswith("agenda-")
        first_requests = len(agenda.requests)
        assert agenda.requests[0][1]["User-Agent"].startswith("partnerd/")

        # Asked again with the validator: 304, nothing reloaded.
        fetched = run(partnerctl, "fetch", "--socket", daemon.socket)
        assert fetched.returncode == 0, fetched.stderr
        assert f"{partnership}/agenda: 304: not modified; 2 events in force" in fetched.stdout
        assert agenda.requests[first_requests][1].get("If-None-Match") == agenda.etag()

        # The source changes: the concert gets a new SEQUENCE (no second reminder), the market goes, a visit comes.
        visit = now + datetime.timedelta(days=200)
        agenda.body = ics(vevent("jazz@agenda", concert, "Jazz au parc", sequence=3),
                          vevent("visite@agenda", visit, "Visite de la délégation"))
        fetched = run(partnerctl, "fetch", "--socket", daemon.socket)
        assert f"{partnership}/agenda: 200: 2 events; 2 events in force" in fetched.stdout, fetched.stdout + fetched.stderr
        upcoming = run(partnerctl, "upcoming", "--config", path, "--state-directory", daemon.state, "--days", "365")
        assert "Visite de la délégation" in upcoming.stdout and "Marché" not in upcoming.stdout, upcoming.stdout

        # The source goes down: the copy stays in use through a fetch, a reload and a restart.
        agenda.close()
        fetched = run(partnerctl, "fetch", "--socket", daemon.socket)
        assert fetched.returncode == 1
        assert f"{partnership}/agenda: " in fetched.stderr and "cannot connect to 127.0.0.1" in fetched.stderr, fetched.stderr
        assert "stays in use" in fetched.stderr
        failing = status(partnerctl, daemon)["calendars"][0]
        assert failing["failures"] == 1 and failing["events"] == 2 and failing["age_seconds"] >= 0
        assert "cannot connect" in failing["last_error"]
        assert journal.entries({"MESSAGE_ID": FETCH_FAILED, "_PID": daemon.pid, "CALENDAR": f"{partnership}/agenda"})
        human = run(partnerctl, "status", "--socket", daemon.socket).stdout
        assert "Calendars:" in human and "the last good copy stays in use" in human, human
        metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
        name = f'calendar="{partnership}/agenda"'
        assert f'partnerd_calendar_fetches_total{{{name},outcome="failed"}} 1' in metrics, metrics
        assert f'partnerd_calendar_fetches_total{{{name},outcome="changed"}} 2' in metrics
        assert f'partnerd_calendar_fetches_total{{{name},outcome="unchanged"}} 1' in metrics
        assert f"partnerd_calendar_copy_age_seconds{{{name}}}" in metrics
        reloaded = run(partnerctl, "reload", "--socket", daemon.socket)
        assert reloaded.returncode == 0 and "2 events" in reloaded.stdout, reloaded.stdout + reloaded.stderr
    finally:
        assert daemon.stop() == 0
    restarted = Daemon(partnerd, path, tmp_path).start()
    try:
        assert wait_until(lambda: daemon.socket.exists() and status(partnerctl, restarted)["events"] == 2), restarted.output()
        time.sleep(1.5)
        assert len(journal.read({"PARTNERD_PARTNERSHIP": partnership})) == 1, "the concert was reminded of twice"
    finally:
        assert restarted.stop() == 0
    check = run(partnerctl, "check", "--config", path, "--state-directory", daemon.state)
    assert check.returncode == 0, check.stderr
    assert f"calendar {partnership}/agenda ({agenda.url}/agenda.ics): last fetched " in check.stdout, check.stdout
    assert "cannot connect" in check.stdout and "stays in use" in check.stdout


def test_every_misbehaving_server_costs_only_its_own_calendar(partnerd, partnerctl, agenda, tmp_path):
    partnership = unique_id("hostile")
    agenda.body = ics(vevent("ok@agenda", datetime.datetime(2030, 5, 1, 10, tzinfo=UTC), "Tout va bien"))
    down = free_port()
    names = ["agenda", "moved", "error", "garbage", "loop", "elsewhere", "huge", "hang"]
    calendars = "".join(
        f'[[partnership.calendar]]\nid = "{name}"\nurl = "{agenda.url}/{name}.ics"\ntimeout = "3s"\n\n' for name in names)
    calendars += f'[[partnership.calendar]]\nid = "down"\nurl = "http://127.0.0.1:{down}/agenda.ics"\n'
    path = tmp_path / "partnerd.toml"
    path.write_text(config(partnership, calendars), encoding="utf-8")
    daemon = Daemon(partnerd, path, tmp_path, log_target="stderr").start()
    try:
        assert wait_until(lambda: daemon.socket.exists()), daemon.output()
        started = time.monotonic()
        fetched = run(partnerctl, "fetch", "--socket", daemon.socket)
        took = time.monotonic() - started
        assert fetched.returncode == 1, fetched.stdout + fetched.stderr
        lines = {line.split(": ", 1)[0].split("/", 1)[1]: line for line in fetched.stdout.splitlines() + fetched.stderr.splitlines() if line.startswith(partnership)}
        assert "1 event in force" in lines["agenda"] and "1 event in force" in lines["moved"], lines
        assert "answered 500 Internal Server Error: database on fire" in lines["error"]
        assert "sent something that is not a calendar" in lines["garbage"]
        assert "redirected more than 3 times" in lines["loop"]
        assert "plain http on another host" in lines["elsewhere"]
        assert "more than the 16777216 bytes" in lines["huge"]
        assert "did not answer within 3 s" in lines["hang"]
        assert "cannot connect" in lines["down"]
        assert all("there is no copy yet" in lines[name] for name in ["error", "garbage", "loop", "elsewhere", "huge", "hang", "down"])
        # Four at a time, each within its own limit: the hanging server is given up after its 3 s, the refused
        # port after the 10 s in which the HTTP client tries to connect again; nothing waits for the 60 s default.
        assert took < 30, took
        # The daemon goes on: the feed of what did come is there, and the status answers at once.
        assert status(partnerctl, daemon)["events"] == 2
    finally:
        assert daemon.stop() == 0


def start_radicale(tmp_path: pathlib.Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    storage = tmp_path / "radicale"
    conf = tmp_path / "radicale.conf"
    rights = tmp_path / "radicale.rights"
    rights.write_text("[everyone]\nuser: .*\ncollection: .*\npermissions: RrWw\n", encoding="utf-8")
    conf.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = none\n[rights]\ntype = from_file\nfile = {rights}\n"
        f"[storage]\nfilesystem_folder = {storage}\n[logging]\nlevel = warning\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 20
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("Radicale did not start: " + process.stderr.read().decode(errors="replace"))


def request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> int:
    import base64
    auth = base64.b64encode(b"jumelage:secret").decode()
    req = urllib.request.Request(url, data=body, method=method, headers={"Authorization": f"Basic {auth}", **(headers or {})})
    with urllib.request.urlopen(req, timeout=10) as response:
        return response.status


def vobject_calendars() -> tuple[bytes, bytes]:
    """The hard cases written by vobject: a weekly series in Brussels with an EXDATE in UTC and an
    override with a RECURRENCE-ID (one resource, as CalDAV keeps a UID), and an all-day event (another)."""
    import vobject
    from dateutil import tz
    brussels = tz.gettz("Europe/Brussels")
    calendar = vobject.iCalendar()
    series = calendar.add("vevent")
    series.add("uid").value = "atelier@radicale"
    series.add("dtstart").value = datetime.datetime(2027, 3, 2, 18, 0, tzinfo=brussels)
    series.add("dtend").value = datetime.datetime(2027, 3, 2, 20, 0, tzinfo=brussels)
    series.add("rrule").value = "FREQ=WEEKLY;COUNT=10"
    # 17:00 UTC is 18:00 in Brussels on 16 March. (vobject writes America/New_York as a VTIMEZONE without daylight
    # time, which puts such an EXDATE an hour off, and writes no VTIMEZONE at all for Asia/Tokyo.)
    series.add("exdate").value = [datetime.datetime(2027, 3, 16, 17, 0, tzinfo=tz.tzutc())]
    series.add("summary").value = "Atelier de langue"
    moved = calendar.add("vevent")
    moved.add("uid").value = "atelier@radicale"
    moved.add("recurrence-id").value = datetime.datetime(2027, 3, 23, 18, 0, tzinfo=brussels)
    moved.add("dtstart").value = datetime.datetime(2027, 3, 24, 19, 0, tzinfo=brussels)
    moved.add("dtend").value = datetime.datetime(2027, 3, 24, 21, 0, tzinfo=brussels)
    moved.add("summary").value = "Atelier de langue (mercredi)"
    other = vobject.iCalendar()
    day = other.add("vevent")
    day.add("uid").value = "fete@radicale"
    day.add("dtstart").value = datetime.date(2027, 7, 21)
    day.add("summary").value = "Fête nationale"
    return calendar.serialize().encode(), other.serialize().encode()


def test_radicale_serves_a_collection_with_etags_and_partnerd_reads_it_as_recurring_ical_events_does(
        partnerd, partnerctl, tmp_path):
    pytest.importorskip("radicale")
    process, base = start_radicale(tmp_path)
    try:
        collection = f"{base}/jumelage/agenda/"
        request("MKCOL", collection, b"""<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
<set><prop><resourcetype><collection/><C:calendar/></resourcetype></prop></set></mkcol>""")
        series, day = vobject_calendars()
        assert request("PUT", collection + "atelier.ics", series, {"Content-Type": "text/calendar"}) in (200, 201)
        assert request("PUT", collection + "fete.ics", day, {"Content-Type": "text/calendar"}) in (200, 201)
        partnership = unique_id("radicale")
        path = tmp_path / "partnerd.toml"
        path.write_text(config(partnership, f'[[partnership.calendar]]\nid = "radicale"\nurl = "{collection}"\n'),
                        encoding="utf-8")
        daemon = Daemon(partnerd, path, tmp_path, log_target="stderr").start()
        try:
            assert wait_until(lambda: daemon.socket.exists()), daemon.output()
            fetched = run(partnerctl, "fetch", "--socket", daemon.socket)
            assert fetched.returncode == 0, fetched.stdout + fetched.stderr + daemon.output()
            assert "; 3 events in force" in fetched.stdout, fetched.stdout
            again = run(partnerctl, "fetch", "--socket", daemon.socket)
            assert "304: not modified" in again.stdout or "unchanged" in again.stdout, again.stdout
        finally:
            assert daemon.stop() == 0
        copies = list((daemon.state / "calendars" / partnership).glob("radicale-*.ics"))
        assert len(copies) == 1
        record = json.loads(copies[0].with_suffix(".json").read_text())
        assert record["etag"], record
        # The copy is the collection as Radicale serves it, and partnerd reads it as recurring-ical-events does.
        result = run(sys.executable, REPO / "Tests" / "Oracles" / "ics_oracle.py", "--tool", partnerctl, "calendar",
                     "--corpus", copies[0].parent, "--departures", tmp_path / "no-departures.txt")
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith("ics: 1 files, 1 with the same occurrences"), result.stdout
    finally:
        process.terminate()
        process.wait(timeout=10)


def icalendar_calendar() -> bytes:
    """The hard cases written by python `icalendar` with the VTIMEZONEs it makes itself: a series in Brussels with an
    EXDATE and an RDATE in Berlin and London time, UNTIL in UTC, a cancelled instance, an override, an override
    whose series is not in the file, a floating event and an all-day one."""
    import zoneinfo
    import icalendar
    brussels, berlin, london = (zoneinfo.ZoneInfo(name) for name in ("Europe/Brussels", "Europe/Berlin", "Europe/London"))
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Jumelages//icalendar//FR")
    calendar.add("version", "2.0")

    def event(uid: str, start, summary: str, **extra) -> icalendar.Event:
        item = icalendar.Event()
        item.add("uid", uid)
        item.add("dtstamp", datetime.datetime(2026, 1, 1, tzinfo=UTC))
        item.add("dtstart", start)
        item.add("summary", summary)
        for name, value in extra.items():
            item.add(name.replace("_", "-"), value)
        calendar.add_component(item)
        return item

    series = event("chorale@jumelages", datetime.datetime(2027, 10, 5, 19, 30, tzinfo=brussels), "Chorale",
                   duration=datetime.timedelta(hours=2),
                   rrule={"freq": "weekly", "until": datetime.datetime(2027, 12, 21, 18, 30, tzinfo=UTC)})
    series.add("exdate", [datetime.datetime(2027, 10, 19, 19, 30, tzinfo=berlin)])
    series.add("rdate", [datetime.datetime(2027, 10, 30, 10, 0, tzinfo=london)])
    event("chorale@jumelages", datetime.datetime(2027, 11, 2, 19, 30, tzinfo=brussels), "Chorale",
          recurrence_id=datetime.datetime(2027, 11, 2, 19, 30, tzinfo=brussels), status="CANCELLED")
    event("chorale@jumelages", datetime.datetime(2027, 11, 10, 20, 0, tzinfo=brussels), "Chorale (mercredi)",
          recurrence_id=datetime.datetime(2027, 11, 9, 19, 30, tzinfo=brussels), sequence=2)
    event("orphan@jumelages", datetime.datetime(2027, 11, 20, 15, 0, tzinfo=brussels), "Visite (seule)",
          recurrence_id=datetime.datetime(2027, 11, 19, 15, 0, tzinfo=brussels))
    event("marche@jumelages", datetime.datetime(2027, 12, 4, 10, 0), "Marché de Noël")
    event("fete@jumelages", datetime.date(2027, 11, 11), "Armistice")
    calendar.add_missing_timezones()
    return calendar.to_ical()


def test_a_calendar_written_by_python_icalendar_is_read_as_recurring_ical_events_reads_it(
        partnerd, partnerctl, agenda, tmp_path):
    agenda.body = icalendar_calendar()
    assert b"BEGIN:VTIMEZONE" in agenda.body and b"TZID=Europe/London" in agenda.body
    partnership = unique_id("icalendar")
    path = tmp_path / "partnerd.toml"
    path.write_text(config(partnership, f'[[partnership.calendar]]\nid = "chorale"\nurl = "{agenda.url}/moved.ics"\n'),
                    encoding="utf-8")
    daemon = Daemon(partnerd, path, tmp_path, log_target="stderr").start()
    try:
        assert wait_until(lambda: daemon.socket.exists()), daemon.output()
        fetched = run(partnerctl, "fetch", "--socket", daemon.socket)
        assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    finally:
        assert daemon.stop() == 0
    copies = list((daemon.state / "calendars" / partnership).glob("chorale-*.ics"))
    assert len(copies) == 1 and copies[0].read_bytes() == agenda.body
    # The one departure, as on the oracle's own suite: recurring-ical-events returns a cancelled instance for its
    # caller to drop; partnerd drops it.
    departures = tmp_path / "departures.txt"
    departures.write_text(f"{copies[0].name} 2027-11-02T18:30:00Z - the cancelled instance (STATUS:CANCELLED)\n",
                          encoding="utf-8")
    result = run(sys.executable, REPO / "Tests" / "Oracles" / "ics_oracle.py", "--tool", partnerctl, "calendar",
                 "--corpus", copies[0].parent, "--departures", departures)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ics: 1 files, 0 with the same occurrences as recurring-ical-events ; 0 unlisted"), result.stdout
    # The daemon's own reading of the copy: the floating market in the partnership's zone (UTC here).
    upcoming = run(partnerctl, "upcoming", "--config", path, "--state-directory", daemon.state,
                   "--from", "2027-10-01", "--to", "2027-12-31", "--json")
    rows = json.loads(upcoming.stdout)
    market = [datetime.datetime.fromisoformat(row["start"]) for row in rows if row["title"] == "Marché de Noël"]
    assert market == [datetime.datetime(2027, 12, 4, 10, 0, tzinfo=UTC)], market
    chorale = sorted(datetime.datetime.fromisoformat(row["start"]).astimezone(UTC).isoformat()
                     for row in rows if row["title"] == "Chorale")
    assert "2027-10-19T17:30:00+00:00" not in chorale and "2027-11-02T18:30:00+00:00" not in chorale
    assert "2027-10-30T09:00:00+00:00" in chorale and chorale[-1] == "2027-12-21T18:30:00+00:00", chorale
