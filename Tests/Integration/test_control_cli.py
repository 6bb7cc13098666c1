"""`partnerctl status` and `reload` against no daemon, a stale socket, and a stand-in daemon.

The stand-in speaks the control protocol (one JSON line each way, version 1) with canned answers, so these
tests pin partnerctl's side of the contract: exit statuses, the human view, `--json`, colour rules.
"""

import json
import os
import pathlib
import pty
import select
import socket
import subprocess
import threading
import time

import pytest

STATUS = {
    "version": "0.1.0",
    "pid": 4711,
    "running_since": "2026-05-04T09:12:03+02:00",
    "configuration": {
        "path": "/etc/partnerd/partnerd.toml",
        "files": [
            {"path": "/etc/partnerd/partnerd.toml", "loaded_at": "2026-05-04T09:12:03+02:00"},
            {"path": "/etc/partnerd/partnerships.d/paris.toml", "loaded_at": "2026-05-04T09:12:03+02:00"},
        ],
    },
    "last_reload": {
        "result": "rejected",
        "at": "2026-05-06T08:00:00+02:00",
        "errors": ['partnerships.d/paris.toml:4:1: error: partnership "berlin-paris" → signed: "1987-13-01" is not a date'],
        "warnings": [],
        "partnerships": 2,
        "events": 5,
    },
    "partnerships": 2,
    "events": 5,
    "next_reminders": [
        {
            "title": "Jazzfestival",
            "partnership": "berlin-paris",
            "event": "jazz",
            "kind": "event",
            "uid": "jazz@berlin-paris.partnerd",
            "occurrence": "2099-06-08T20:00:00+02:00",
            "lead": "7d",
            "due": "2099-06-01T20:00:00+02:00",
        }
    ],
    "last_delivered": [
        {
            "title": "Jahrestag",
            "partnership": "berlin-paris",
            "event": "anniversary",
            "kind": "anniversary",
            "uid": "anniversary-39@berlin-paris.partnerd",
            "occurrence": "2026-05-07",
            "lead": "1d",
            "due": "2026-05-06T09:00:00+02:00",
            "delivered_at": "2026-05-06T09:00:01+02:00",
            "late": False,
        }
    ],
    "feed": {
        "listen": "127.0.0.1:8080",
        "links": [
            {"partnership": None, "url": "http://127.0.0.1:8080/calendar.ics"},
            {"partnership": "berlin-paris", "url": "http://127.0.0.1:8080/partnerships/berlin-paris.ics"},
        ],
        "directory": None,
    },
    "state_directory": "/var/lib/partnerd",
    "socket": "/run/partnerd/partnerd.sock",
    "log_target": "journald",
    "language": "de",
    "timezone": "Europe/Berlin",
    "channels": [
        {
            "id": "buero", "type": "mail", "target": "protokoll@example.org via mail.example.org:587",
            "language": "fr", "timezone": "Europe/Brussels", "delivered": 3,
            "last_delivery": "2026-05-06 09:00:00+02:00".replace(" ", "T"), "last_answer": "250 2.0.0 OK",
            "last_error": "mail.example.org:587 answered RCPT TO:<x@example.org> with 550 no such user",
            "last_error_at": "2026-05-06T09:00:05+02:00", "retrying": 1, "failures": 2, "next": None,
        },
    ],
    "calendars": [
        {
            "name": "berlin-bruessel/agenda", "url": "https://agenda.example.be/jumelages.ics", "events": 12,
            "copy_written": "2026-05-05T08:00:00+02:00", "confirmed_at": "2026-05-06T02:00:00+02:00",
            "age_seconds": 25200, "last_attempt": "2026-05-06T09:00:00+02:00",
            "last_result": "https://agenda.example.be/jumelages.ics answered 503 Service Unavailable",
            "last_error": "https://agenda.example.be/jumelages.ics answered 503 Service Unavailable",
            "last_error_at": "2026-05-06T09:00:00+02:00", "failures": 3, "next_attempt": "2026-05-06T09:04:00+02:00",
        },
        {
            "name": "berlin-paris/verein", "url": "https://verein.example.org/termine.ics", "events": 0,
            "copy_written": None, "confirmed_at": None, "age_seconds": None, "last_attempt": None,
            "last_result": None, "last_error": None, "last_error_at": None, "failures": 0,
            "next_attempt": "2026-05-06T09:00:00+02:00",
        },
    ],
    "tasks": {"open": 3, "overdue": 1, "done": 2},
}

APPLIED = {"result": "applied", "at": "2026-05-07T10:00:00+02:00", "errors": [], "warnings": [], "partnerships": 3, "events": 6}
REJECTED = {
    "result": "rejected",
    "at": "2026-05-07T10:00:00+02:00",
    "errors": [
        'partnerd.toml:3:1: error: daemon: unknown key "languge"\n    fix: did you mean "language"?',
        'partnerships.d/paris.toml:9:3: error: partnership "berlin-paris" → event "jazz" → remind[0]: "7x" is not a span',
    ],
    "warnings": [],
    "partnerships": 2,
    "events": 5,
}


class StandInDaemon:
    """Answers each request line on a Unix socket with the canned response for its command."""

    def __init__(self, path: pathlib.Path, answers: dict):
        self.path = path
        self.answers = answers
        self.requests: list[dict] = []
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(path))
        self.listener.listen(16)
        self.listener.settimeout(0.2)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except socket.timeout:
                continue
            with connection:
                connection.settimeout(5)
                data = b""
                while not data.endswith(b"\n"):
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                request = json.loads(data)
                self.requests.append(request)
                answer = {"version": 1, **self.answers[request["command"]]}
                connection.sendall(json.dumps(answer).encode() + b"\n")

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture
def socket_path(tmp_path_factory) -> pathlib.Path:
    # Unix socket paths are limited to 107 bytes; pytest's tmp_path can be longer.
    directory = pathlib.Path(os.path.realpath(tmp_path_factory.mktemp("ctl", numbered=True)))
    path = directory / "partnerd.sock"
    if len(str(path)) > 100:
        import tempfile

        path = pathlib.Path(tempfile.mkdtemp(prefix="pctl-", dir="/tmp")) / "partnerd.sock"
    return path


@pytest.fixture
def stand_in(socket_path):
    daemon = StandInDaemon(socket_path, {"status": {"status": STATUS}, "reload": {"reload": APPLIED}})
    yield daemon
    daemon.stop()


def run(partnerctl, *arguments, env_extra=None):
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env.update(env_extra or {})
    return subprocess.run([str(partnerctl), *arguments], capture_output=True, text=True, timeout=60, env=env)


def make_stale_socket(path: pathlib.Path) -> None:
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(path))
    leftover.close()
    assert path.is_socket()


# --- not running ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["reload"]])
def test_no_socket_file_is_not_running(partnerctl, socket_path, command):
    result = run(partnerctl, *command, "--socket", str(socket_path))
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert f"no control socket at {socket_path}" in result.stderr
    assert "systemctl start partnerd" in result.stderr
    assert f"partnerd --config FILE --socket {socket_path}" in result.stderr


@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["reload"]])
def test_stale_socket_file_is_not_running(partnerctl, socket_path, command):
    make_stale_socket(socket_path)
    result = run(partnerctl, *command, "--socket", str(socket_path))
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert "stale socket file" in result.stderr
    assert "systemctl start partnerd" in result.stderr
    assert socket_path.is_socket(), "partnerctl must not remove the daemon's socket file"


def test_default_socket_path_follows_runtime_directory(partnerctl, socket_path):
    result = run(partnerctl, "status", env_extra={"RUNTIME_DIRECTORY": str(socket_path.parent)})
    assert result.returncode == 3
    assert f"no control socket at {socket_path}" in result.stderr


# --- against a stand-in daemon ---------------------------------------------------------------------------------------


def test_status_human_view(partnerctl, stand_in, socket_path):
    result = run(partnerctl, "status", "--socket", str(socket_path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("● partnerd — running since 2026-05-04 09:12 +02:00 (PID 4711), up ")
    assert "/etc/partnerd/partnerd.toml (loaded 2026-05-04 09:12 +02:00)" in out
    assert "/etc/partnerd/partnerships.d/paris.toml (loaded 2026-05-04 09:12 +02:00)" in out
    assert "Last reload: rejected 2026-05-06 08:00 +02:00" in out
    assert "the previous config stays in force" in out
    assert 'partnerships.d/paris.toml:4:1: error: partnership "berlin-paris" → signed' in out
    assert "Partnerships: 2 with 5 events" in out
    assert "http://127.0.0.1:8080/calendar.ics" in out
    assert "http://127.0.0.1:8080/partnerships/berlin-paris.ics" in out
    assert "State: /var/lib/partnerd" in out
    assert "Log: journald" in out
    assert "buero (mail) protokoll@example.org via mail.example.org:587" in out
    assert "3 deliveries, last 2026-05-06 09:00 +02:00" in out and "1 waiting for a retry, 2 failed" in out
    assert "last error (2026-05-06 09:00 +02:00" in out and "550 no such user" in out
    assert "Calendars: berlin-bruessel/agenda https://agenda.example.be/jumelages.ics" in out
    assert "12 events, copy confirmed 2026-05-06 02:00 +02:00 (" in out and "3 failed attempts in a row" in out
    assert "last error (2026-05-06 09:00 +02:00" in out and "answered 503 Service Unavailable" in out
    assert "the last good copy stays in use" in out
    assert "Tasks: 3 open, 1 overdue, 2 done" in out
    assert "berlin-paris/verein https://verein.example.org/termine.ics" in out and "0 events, no copy yet" in out
    next_line = next(line for line in out.splitlines() if "Jazzfestival" in line)
    assert "2099-06-01 20:00 +02:00" in next_line and " in " in next_line and "years" in next_line
    delivered_line = next(line for line in out.splitlines() if "Jahrestag" in line)
    assert "2026-05-06 09:00 +02:00" in delivered_line and " ago" in delivered_line
    assert "\x1b[" not in out, "no colour when standard output is not a terminal"
    assert stand_in.requests == [{"version": 1, "command": "status"}]


def test_status_json_is_the_status_document(partnerctl, stand_in, socket_path):
    result = run(partnerctl, "status", "--json", "--socket", str(socket_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == STATUS
    assert "secret" not in result.stdout.lower()


def _run_on_terminal(partnerctl, arguments, env_extra):
    """Runs partnerctl with its standard output on a pseudo-terminal; returns (exit status, output)."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["TERM"] = "xterm"
    env.update(env_extra)
    controller, terminal = pty.openpty()
    process = subprocess.Popen([str(partnerctl), *arguments], stdout=terminal, stderr=subprocess.PIPE, env=env)
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(controller)
    return process.wait(timeout=10), output.decode()


def test_status_colour_only_on_a_terminal_and_not_with_no_color(partnerctl, stand_in, socket_path):
    status, coloured = _run_on_terminal(partnerctl, ["status", "--socket", str(socket_path)], {})
    assert status == 0
    assert "\x1b[32m●\x1b[0m" in coloured
    assert "\x1b[31mrejected\x1b[0m" in coloured
    status, plain = _run_on_terminal(partnerctl, ["status", "--socket", str(socket_path)], {"NO_COLOR": "1"})
    assert status == 0
    assert "● partnerd" in plain
    assert "\x1b[" not in plain


def test_reload_applied(partnerctl, stand_in, socket_path):
    result = run(partnerctl, "reload", "--socket", str(socket_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "reload applied at 2026-05-07T10:00:00+02:00: 3 partnerships, 6 events\n"
    assert stand_in.requests == [{"version": 1, "command": "reload"}]


def test_fetch_prints_each_calendar_and_fails_when_one_failed(partnerctl, socket_path):
    daemon = StandInDaemon(socket_path, {"fetch": {"status": STATUS}})
    try:
        result = run(partnerctl, "fetch", "--socket", str(socket_path))
    finally:
        daemon.stop()
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "berlin-bruessel/agenda: https://agenda.example.be/jumelages.ics answered 503 Service Unavailable; "
        "the copy confirmed 2026-05-06T02:00:00+02:00 stays in use")
    assert "berlin-paris/verein: not fetched; 0 events in force" in result.stdout
    assert "the last reload (2026-05-06T08:00:00+02:00) was rejected" in result.stderr
    assert daemon.requests == [{"version": 1, "command": "fetch"}]


def test_reload_rejected_prints_every_error(partnerctl, socket_path):
    daemon = StandInDaemon(socket_path, {"reload": {"reload": REJECTED}})
    try:
        result = run(partnerctl, "reload", "--socket", str(socket_path))
    finally:
        daemon.stop()
    assert result.returncode == 1
    for error in REJECTED["errors"]:
        assert error in result.stderr
    assert "2 errors; the previous config stays in force (2 partnerships, 5 events)" in result.stderr


def test_daemon_error_answer_is_reported(partnerctl, socket_path):
    daemon = StandInDaemon(socket_path, {"status": {"error": {"code": "busy", "message": "try later"}}})
    try:
        result = run(partnerctl, "status", "--socket", str(socket_path))
    finally:
        daemon.stop()
    assert result.returncode == 4
    assert "try later" in result.stderr


def test_protocol_version_mismatch_is_reported(partnerctl, socket_path):
    daemon = StandInDaemon(socket_path, {"status": {"version": 2, "status": {}}})
    try:
        result = run(partnerctl, "status", "--socket", str(socket_path))
    finally:
        daemon.stop()
    assert result.returncode == 4
    assert "version 2" in result.stderr and "version 1" in result.stderr
