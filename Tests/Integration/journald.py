"""A real systemd-journald for the integration tests, and a way to read back what it stored.

libsystemd's `sd_journal_sendv` always writes to journald's native socket,
/run/systemd/journal/socket; there is no variable that points a client elsewhere. So the
tests use the journald at that fixed place:

* when one already accepts connections there (a systemd host, or `scripts/start-journald.sh`
  ran before the tests), it is used as it is and left running;
* otherwise, as root, the session starts `systemd-journald` itself. Without systemd as PID 1 it
  binds the sockets under /run/systemd/journal/ on its own and keeps a runtime journal in
  /run/log/journal/ (nothing asks it to flush to /var). The session stops it at the end.

Entries are read back with `journalctl -o json`, matched on fields that are unique to one test
(`_PID=` of the process under test, or a random value from `Journal.unique()`), so entries of
earlier runs or of other programs never match.

Tests use the `journal` fixture; register this module with `pytest_plugins = ["journald"]` in
conftest.py, or import the fixtures into the test module.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest

SOCKET = pathlib.Path("/run/systemd/journal/socket")
JOURNALD_CANDIDATES = ("/lib/systemd/systemd-journald", "/usr/lib/systemd/systemd-journald")


def socket_accepts(path: pathlib.Path = SOCKET) -> bool:
    """Whether a journald listens on `path`: a datagram connect succeeds only then."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def journald_executable() -> pathlib.Path | None:
    for candidate in JOURNALD_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return pathlib.Path(candidate)
    return None


class Journald:
    """Makes sure a journald is listening; stops it afterwards only if it was started here."""

    def __init__(self, log: pathlib.Path) -> None:
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def ensure_running(self, deadline_s: float = 10.0) -> None:
        if socket_accepts():
            return
        executable = journald_executable()
        if executable is None:
            raise RuntimeError("systemd-journald is not installed (Debian package: systemd)")
        if os.geteuid() != 0:
            raise RuntimeError(
                "no journald listens on /run/systemd/journal/socket and only root can start one; "
                "run the tests as root or on a host where systemd-journald runs"
            )
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [str(executable)],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        end = time.monotonic() + deadline_s
        while not socket_accepts():
            if self.process.poll() is not None:
                raise RuntimeError(f"systemd-journald exited with {self.process.returncode}; see {self.log}")
            if time.monotonic() > end:
                raise RuntimeError(f"systemd-journald did not open its socket within {deadline_s}s")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def _decode(value: object) -> object:
    """journalctl's JSON gives a binary value as an array of byte values, a repeated field as an
    array of values; turn both into text (lists of text for repeated fields)."""
    if isinstance(value, list):
        if all(isinstance(item, int) for item in value):
            return bytes(value).decode("utf-8", errors="replace")
        return [_decode(item) for item in value]
    return value


class Journal:
    """Reads the journal with journalctl."""

    def __init__(self) -> None:
        self.journalctl = shutil.which("journalctl") or "journalctl"

    @staticmethod
    def unique(prefix: str = "partnerd-test") -> str:
        """A value no other entry has, to tag the entries of one test."""
        return f"{prefix}-{uuid.uuid4().hex}"

    def read(self, match: dict[str, object]) -> list[dict[str, object]]:
        """Every entry whose fields equal all of `match` (one journalctl run, no waiting)."""
        command = [self.journalctl, "--no-pager", "--all", "--output=json", "--merge"]
        command += [f"{name}={value}" for name, value in match.items()]
        result = subprocess.run(command, capture_output=True, check=False)
        # journalctl exits 1 with "No entries" on stderr when nothing has matched yet.
        if result.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.decode(errors='replace')}")
        entries = []
        for line in result.stdout.splitlines():
            if line.strip():
                entries.append({name: _decode(value) for name, value in json.loads(line).items()})
        return entries

    def entries(
        self, match: dict[str, object], deadline_s: float = 10.0, count: int = 1
    ) -> list[dict[str, object]]:
        """The entries matching `match`, waiting up to `deadline_s` until at least `count` are there.

        Returns what was found by the deadline, possibly fewer than `count` (the test asserts).
        To check that something appears only once, wait for it, then read again after the time in
        which a duplicate would have appeared.
        """
        end = time.monotonic() + deadline_s
        while True:
            found = self.read(match)
            if len(found) >= count or time.monotonic() >= end:
                return found
            time.sleep(0.1)


@pytest.fixture(scope="session")
def journald_service(tmp_path_factory: pytest.TempPathFactory):
    """A running journald for the whole session (started here only if none runs)."""
    service = Journald(tmp_path_factory.mktemp("journald") / "journald.log")
    try:
        service.ensure_running()
    except RuntimeError as error:
        pytest.fail(str(error))
    yield service
    service.stop()


@pytest.fixture
def journal(journald_service: Journald) -> Journal:
    """Read access to the journal that the process under test writes to."""
    return Journal()
