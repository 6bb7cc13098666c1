"""Running a real partnerd for the integration tests: configs with reminders a few seconds ahead,
a process handle, and a NOTIFY_SOCKET listener."""

from __future__ import annotations

import datetime
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import time

UTC = datetime.timezone.utc


def require(tool: str) -> str:
    """The path of `tool`; the test fails when it is missing (scripts/install-deps.sh installs the test tools)."""
    import pytest
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed (scripts/install-deps.sh installs it)")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unique_id(prefix: str = "t") -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


def config_with_reminders(
    partnership: str, dues: list[datetime.datetime], *, language: str = "en", extra: str = "", listen: str = ""
) -> str:
    """A config whose events each have one reminder ("1d") due at the given UTC instants. Every day is a working
    day, so that no reminder moves off a weekend: the tests run on any day of the week."""
    text = (
        f'[daemon]\ntimezone = "UTC"\nlanguage = "{language}"\ncatch_up = "1d"\n'
        'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n\n'
        f'[feed]\nlisten = "{listen}"\n\n'
        f'[[partnership]]\nid = "{partnership}"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        f"signed = 1992-06-01\n{extra}\n"
    )
    for index, due in enumerate(dues):
        start = (due + datetime.timedelta(days=1)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
        text += (
            f'\n[[partnership.event]]\nid = "e{index}"\ntitle = "Event {index}"\nstart = {start}\n'
            f'remind = ["1d"]\n'
        )
    return text


def seconds_ahead(*offsets: float) -> list[datetime.datetime]:
    now = datetime.datetime.now(UTC).replace(microsecond=0)
    return [now + datetime.timedelta(seconds=offset) for offset in offsets]


class Daemon:
    """A partnerd process with its own state directory, socket and log file."""

    def __init__(self, binary: pathlib.Path, config: pathlib.Path, workdir: pathlib.Path, *,
                 log_target: str = "journald", env: dict[str, str] | None = None, listen: str | None = None,
                 arguments: list[str] | None = None) -> None:
        self.arguments = arguments or []
        self.binary = binary
        self.config = config
        self.state = workdir / "state"
        self.socket = workdir / "partnerd.sock"
        self.log = workdir / "partnerd.log"
        self.log_target = log_target
        self.listen = listen
        self.env = {**os.environ, **(env or {})}
        self.env.pop("NOTIFY_SOCKET", None) if env is None or "NOTIFY_SOCKET" not in env else None
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> "Daemon":
        command = [str(self.binary), "--config", str(self.config), "--state-directory", str(self.state),
                   "--socket", str(self.socket), "--log-target", self.log_target]
        if self.listen is not None:
            command += ["--listen", self.listen]
        command += self.arguments
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output,
                                            env=self.env)
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def signal(self, number: int) -> None:
        assert self.process is not None
        self.process.send_signal(number)

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, then the exit status (SIGKILL after the timeout, which the caller's assert will catch)."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return -9

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_for_output(self, text: str, deadline_s: float = 10.0) -> bool:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if text in self.output():
                return True
            if self.process is not None and self.process.poll() is not None:
                return text in self.output()
            time.sleep(0.05)
        return False


class NotifyListener:
    """A datagram socket to pass as NOTIFY_SOCKET; collects what the daemon sends."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(str(path))
        self.messages: list[str] = []

    def count(self, line: str) -> int:
        return sum(line in message.split("\n") for message in self.messages)

    def wait_for(self, line: str, deadline_s: float = 10.0, times: int = 1) -> bool:
        """Waits until `times` messages containing the line `line` (e.g. READY=1) have arrived."""
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if self.count(line) >= times:
                return True
            self.socket.settimeout(max(0.01, end - time.monotonic()))
            try:
                data = self.socket.recv(65536)
            except (TimeoutError, socket.timeout):
                break
            self.messages.append(data.decode(errors="replace"))
        return self.count(line) >= times

    def close(self) -> None:
        self.socket.close()
