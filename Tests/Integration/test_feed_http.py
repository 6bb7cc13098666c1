"""The feed server of a running partnerd, over real HTTP on 127.0.0.1: every row of SPEC.md's "HTTP feeds"
table, revalidation across a reload, feed files, and `partnerctl export` giving the bytes the daemon serves.

Until the daemon runs its feed server these tests are skipped with the reason; set PARTNERD_REQUIRE_DAEMON=1
to make that a failure instead.
"""

from __future__ import annotations

import http.client
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Oracles"))

import feed_oracle  # noqa: E402
from daemon import Daemon, free_port  # noqa: E402
from test_feed_oracles import TOKEN, single_config  # noqa: E402


def request(port: int, method: str, target: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, target, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, body
    finally:
        connection.close()


@pytest.fixture
def served(partnerd, partnerctl, tmp_path):
    """A partnerd on a generated config (private items, token, feed.directory) with its port and paths."""
    config = single_config(tmp_path)
    feeds = tmp_path / "feeds"
    text = config.read_text(encoding="utf-8").replace("alarms = true", f'alarms = true\ndirectory = "{feeds}"')
    config.write_text(text, encoding="utf-8")
    port = free_port()
    daemon = Daemon(partnerd, config, tmp_path, log_target="stderr", listen=f"127.0.0.1:{port}").start()
    # The daemon logs "started" once every service is up (READY=1 waits for the feed server to listen); a few seconds
    # more are allowed before concluding that it serves no feeds.
    started = daemon.wait_for_output("started with", deadline_s=20)
    deadline = time.monotonic() + (3 if started else 0)
    while True:
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                break
        except OSError:
            pass
        if daemon.process.poll() is not None or time.monotonic() > deadline:
            daemon.stop()
            message = f"partnerd does not serve feeds on --listen yet; log: {daemon.output()[-600:]!r}"
            if os.environ.get("PARTNERD_REQUIRE_DAEMON") == "1":
                pytest.fail(message)
            pytest.skip(message)
        time.sleep(0.1)
    # READY does not wait for the first rendering: until it is there, feeds answer 503 with Retry-After.
    deadline = time.monotonic() + 20
    while request(port, "GET", "/calendar.ics")[0] == 503 and time.monotonic() < deadline:
        time.sleep(0.05)
    yield {"port": port, "daemon": daemon, "config": config, "feeds": feeds, "state": daemon.state}
    assert daemon.stop() == 0


def test_every_row_of_the_table(served):
    port = served["port"]
    status, headers, body = request(port, "GET", "/calendar.ics")
    assert status == 200
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["etag"].startswith('"') and headers["etag"].endswith('"')
    assert "last-modified" in headers
    assert b"Private meeting" not in body and b"Secret plan" not in body
    feed_oracle.strict_parse(body)
    assert feed_oracle.icalendar_problems(body) == []

    status, head_headers, head_body = request(port, "HEAD", "/calendar.ics")
    assert status == 200 and head_body == b""
    assert head_headers["content-length"] == str(len(body)) and head_headers["etag"] == headers["etag"]

    status, _, one = request(port, "GET", "/partnerships/berlin-new-york.ics")
    assert status == 200 and b"UID:visit.berlin-new-york@partnerd" in one and b"berlin-lord-howe" not in one
    assert request(port, "HEAD", "/partnerships/berlin-new-york.ics")[0] == 200
    assert request(port, "GET", "/partnerships/nowhere.ics")[0] == 404

    unknown = request(port, "GET", "/partnerships/nowhere.ics")
    for target in ["/partnerships/berlin-kathmandu.ics", "/partnerships/berlin-kathmandu.ics?token=wrong",
                   "/calendar.ics?token=wrong", f"/calendar.ics?token={TOKEN[:-1]}", "/calendar.ics?token="]:
        status, response_headers, response_body = request(port, "GET", target)
        assert status == 404, target
        assert response_body == unknown[2]
        assert {k: v for k, v in response_headers.items() if k != "date"} == \
            {k: v for k, v in unknown[1].items() if k != "date"}

    status, _, private = request(port, "GET", f"/calendar.ics?token={TOKEN}")
    assert status == 200 and b"Private meeting" in private and b"Secret plan" in private
    status, _, private_one = request(port, "GET", f"/partnerships/berlin-kathmandu.ics?token={TOKEN}")
    assert status == 200 and b"UID:meeting.berlin-kathmandu@partnerd" in private_one

    status, _, health = request(port, "GET", "/healthz")
    assert status == 200 and health.strip() == b"ok"

    for target in ["/index.html", "/calendar.ics/x", "/partnerships/", "/../etc/passwd"]:
        assert request(port, "GET", target)[0] == 404, target
    # "/" is the subscribe page (test_feed_people.py).
    assert request(port, "GET", "/")[0] == 200
    for method, target in [("POST", "/calendar.ics"), ("PUT", "/partnerships/berlin-new-york.ics"),
                           ("DELETE", "/healthz")]:
        status, response_headers, _ = request(port, method, target)
        assert status == 405, (method, target)
        assert response_headers["allow"] == "GET, HEAD"


def test_revalidation_and_reload(served):
    port = served["port"]
    _, headers, body = request(port, "GET", "/calendar.ics")
    etag, modified = headers["etag"], headers["last-modified"]
    status, _, empty = request(port, "GET", "/calendar.ics", {"If-None-Match": etag})
    assert status == 304 and empty == b""
    assert request(port, "GET", "/calendar.ics", {"If-Modified-Since": modified})[0] == 304
    assert request(port, "GET", "/calendar.ics", {"If-None-Match": '"old"', "If-Modified-Since": modified})[0] == 200

    # A reload with the same config changes nothing; one with a new description changes the feed.
    served["daemon"].signal(signal.SIGHUP)
    assert served["daemon"].wait_for_output("reloaded")
    assert request(port, "GET", "/calendar.ics", {"If-None-Match": etag})[0] == 304
    config = served["config"]
    config.write_text(config.read_text(encoding="utf-8").replace("Room 5", "Room 6"), encoding="utf-8")
    served["daemon"].signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while request(port, "GET", "/calendar.ics", {"If-None-Match": etag})[0] == 304:
        assert time.monotonic() < deadline, "the reloaded config is not served"
        time.sleep(0.1)
    status, new_headers, new_body = request(port, "GET", "/calendar.ics", {"If-None-Match": etag})
    assert status == 200 and new_headers["etag"] != etag
    assert b"Room 6" in new_body.replace(b"\r\n ", b"")


def test_export_prints_the_served_bytes_and_files_hold_the_public_feeds(served, partnerctl):
    port = served["port"]
    _, _, body = request(port, "GET", "/calendar.ics")
    exported = subprocess.run(
        [str(partnerctl), "export", "--config", str(served["config"]), "--state-directory", str(served["state"])],
        capture_output=True, timeout=60)
    assert exported.returncode == 0, exported.stderr.decode()
    assert exported.stdout == body
    assert (served["feeds"] / "calendar.ics").read_bytes() == body
    _, _, one = request(port, "GET", "/partnerships/berlin-new-york.ics")
    assert (served["feeds"] / "partnerships" / "berlin-new-york.ics").read_bytes() == one
    assert not (served["feeds"] / "partnerships" / "berlin-kathmandu.ics").exists()


def test_oversized_and_slow_clients(served):
    port = served["port"]
    status, _, _ = request(port, "GET", "/calendar.ics", {"X-Filler": "a" * 20_000})
    assert status == 431
    with socket.create_connection(("127.0.0.1", port), timeout=30) as slow:
        slow.sendall(b"GET /calendar.ics HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        dropped = False
        while time.monotonic() - started < 25:
            try:
                slow.sendall(b"X")
                slow.settimeout(0.5)
                if slow.recv(1024) == b"":
                    dropped = True
                    break
            except socket.timeout:
                continue
            except OSError:
                dropped = True
                break
        assert dropped, "a client trickling its headers was not dropped"
    assert request(port, "GET", "/healthz")[0] == 200
