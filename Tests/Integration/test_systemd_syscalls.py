"""The unit's SystemCallFilter does not break the daemon.

The daemon runs under strace through start, a feed request, a reload and a stop; every system
call it made must lie in the set that the unit's SystemCallFilter= lines allow, expanded with
`systemd-analyze syscall-filter`. A call outside it would fail with EPERM under systemd, as
SystemCallErrorNumber= says. The same trace shows that the other sandbox settings hold: no
writable and executable memory (MemoryDenyWriteExecute=), no /proc files beyond the process's
own (ProcSubset=pid), and writes only below the directories the unit gives it (ProtectSystem=strict).
"""

from __future__ import annotations

import functools
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from journald import journal, journald_service  # noqa: F401

REPO = pathlib.Path(__file__).resolve().parents[2]
UNIT = REPO / "systemd" / "partnerd.service"


@functools.cache
def expand(name: str) -> frozenset[str]:
    """The system calls a filter item stands for: a group (`@system-service`, recursively) or one call."""
    if not name.startswith("@"):
        return frozenset({name})
    result = subprocess.run(
        ["systemd-analyze", "syscall-filter", "--no-pager", name], capture_output=True, text=True, check=True
    )
    calls: set[str] = set()
    for line in result.stdout.splitlines()[1:]:
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        calls |= expand(item)
    return frozenset(calls)


def allowed_system_calls(unit_text: str) -> set[str]:
    """Applies the SystemCallFilter= lines in order, as systemd does: the first line sets the kind of
    list (here an allow list), later lines add (plain) or remove (`~`) calls."""
    lines = [
        line.split("=", 1)[1].strip()
        for line in unit_text.splitlines()
        if line.strip().startswith("SystemCallFilter=")
    ]
    assert lines and not lines[0].startswith("~"), "the unit is expected to use an allow list"
    allowed: set[str] = set()
    for value in lines:
        remove = value.startswith("~")
        names = value.lstrip("~").split()
        calls = set().union(*(expand(name) for name in names))
        if remove:
            allowed -= calls
        else:
            allowed |= calls
    return allowed


def test_filter_expansion() -> None:
    allowed = allowed_system_calls(UNIT.read_text())
    assert {"read", "write", "openat", "epoll_wait", "futex", "setpriority", "sendmsg"} <= allowed
    assert not {"mount", "reboot", "setuid", "sched_setaffinity", "ptrace", "init_module"} & allowed


CALL = re.compile(r"^\d+\s+([a-z_][a-z0-9_]*)\((.*)$")


def traced_calls(trace: str) -> list[tuple[str, str]]:
    """(name, arguments and result) of each call in an `strace -f` log; a call interrupted by
    another thread (`<unfinished ...>`) is listed once, by its first line."""
    calls = []
    for line in trace.splitlines():
        match = CALL.match(line)
        if match:
            calls.append((match.group(1), match.group(2)))
    return calls


# /proc files that code below the daemon probes and that it does without when ProcSubset=pid hides them.
# glibc's malloc reads overcommit_memory before it shrinks a thread's heap (malloc/arena.c,
# check_may_shrink_heap); when the open fails it shrinks with madvise instead, which is just as good.
PROC_PROBES_THAT_COPE = {"/proc/sys/vm/overcommit_memory"}


def sandbox_violations(trace: str, writable: list[pathlib.Path]) -> list[str]:
    """Calls that the unit's sandbox would refuse, other than by SystemCallFilter=."""
    problems = []
    for name, rest in traced_calls(trace):
        if name == "mmap" and "PROT_WRITE" in rest and "PROT_EXEC" in rest:
            problems.append(f"writable and executable mapping: {name}({rest}")
        if name in ("mprotect", "pkey_mprotect") and "PROT_EXEC" in rest:
            problems.append(f"memory made executable: {name}({rest}")
        path = re.search(r'"(/[^"]*)"', rest)
        if path is None:
            continue
        target = path.group(1)
        if (
            target.startswith("/proc/")
            and not re.match(r"^/proc/(self|thread-self|\d+)(/|$)", target)
            and target not in PROC_PROBES_THAT_COPE
        ):
            problems.append(f"/proc file hidden by ProcSubset=pid: {name}({rest}")
        writes = name in ("mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat") or (
            name in ("open", "openat", "creat") and re.search(r"O_WRONLY|O_RDWR|O_CREAT", rest)
        )
        if writes and not target.startswith("/dev/") and not any(
            pathlib.Path(target).is_relative_to(directory) for directory in writable
        ):
            problems.append(f"write outside the unit's writable directories: {name}({rest}")
    return problems


def test_trace_checks_find_violations(tmp_path: pathlib.Path) -> None:
    trace = "\n".join(
        [
            '101 openat(AT_FDCWD, "/proc/self/maps", O_RDONLY|O_CLOEXEC) = 3',
            '101 openat(AT_FDCWD, "/proc/meminfo", O_RDONLY) = 3',
            f'102 openat(AT_FDCWD, "{tmp_path}/state/ledger.tmp", O_WRONLY|O_CREAT|O_TRUNC, 0600) = 4',
            '102 openat(AT_FDCWD, "/etc/partnerd/partnerd.toml", O_RDONLY) = 5',
            '102 openat(AT_FDCWD, "/var/lib/x", O_RDWR|O_CREAT, 0600 <unfinished ...>',
            "102 <... openat resumed>) = 6",
            "103 mmap(NULL, 4096, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f00",
            "103 mprotect(0x7f00, 4096, PROT_READ|PROT_EXEC) = 0",
            "103 mprotect(0x7f00, 4096, PROT_READ) = 0",
            "103 +++ exited with 0 +++",
        ]
    )
    assert [name for name, _ in traced_calls(trace)] == [
        "openat", "openat", "openat", "openat", "openat", "mmap", "mprotect", "mprotect",
    ]  # fmt: skip
    problems = sandbox_violations(trace, [tmp_path / "state"])
    assert [problem.split(":")[0] for problem in problems] == [
        "/proc file hidden by ProcSubset=pid",
        "write outside the unit's writable directories",
        "writable and executable mapping",
        "memory made executable",
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def daemon_assembled(partnerd: pathlib.Path) -> bool:
    result = subprocess.run([str(partnerd), "--help"], capture_output=True, text=True, check=False)
    return "--state-directory" in result.stdout + result.stderr


class NotifySocket:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(str(path))
        self.messages: list[str] = []

    def wait_for(self, assignment: str, deadline_s: float) -> None:
        end = time.monotonic() + deadline_s
        while True:
            remaining = end - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"no {assignment} within {deadline_s}s; received {self.messages}")
            self.socket.settimeout(remaining)
            try:
                message = self.socket.recv(4096).decode()
            except TimeoutError:
                continue
            self.messages.append(message)
            if assignment in message.split("\n"):
                return

    def close(self) -> None:
        self.socket.close()


def test_daemon_stays_within_the_filter(
    partnerd: pathlib.Path, sample_config: pathlib.Path, tmp_path: pathlib.Path, journal  # noqa: F811
) -> None:
    if not daemon_assembled(partnerd):
        pytest.skip("partnerd does not run as a daemon yet (no --state-directory option)")
    strace = shutil.which("strace")
    if strace is None:
        pytest.fail("strace is not installed (Debian package: strace)")

    port = free_port()
    trace = tmp_path / "strace.log"
    notify = NotifySocket(tmp_path / "notify.sock")
    state = tmp_path / "state"
    state.mkdir()
    environment = dict(os.environ, NOTIFY_SOCKET=str(notify.path))
    environment.pop("JOURNAL_STREAM", None)
    command = [
        strace, "-f", "-qq", "-o", str(trace), "--",
        str(partnerd), "--config", str(sample_config), "--state-directory", str(state),
        "--listen", f"127.0.0.1:{port}", "--socket", str(tmp_path / "partnerd.sock"), "--log-target", "journald",
    ]  # fmt: skip
    tracer = subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL)
    try:
        notify.wait_for("READY=1", deadline_s=60)
        daemon = int(pathlib.Path(f"/proc/{tracer.pid}/task/{tracer.pid}/children").read_text().split()[0])
        for path in ("/healthz", "/calendar.ics"):
            # READY=1 does not wait for the first rendering; until then a feed answers 503 with Retry-After.
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                        assert response.status == 200
                        break
                except urllib.error.HTTPError as error:
                    assert error.code == 503 and error.headers.get("Retry-After"), error
                    assert time.monotonic() < deadline, f"{path} still answers 503"
                    time.sleep(0.05)
        os.kill(daemon, signal.SIGHUP)
        notify.wait_for("RELOADING=1", deadline_s=30)
        notify.wait_for("READY=1", deadline_s=30)
        os.kill(daemon, signal.SIGTERM)
        notify.wait_for("STOPPING=1", deadline_s=30)
        assert tracer.wait(timeout=30) == 0
    finally:
        if tracer.poll() is None:
            tracer.kill()
            tracer.wait()
        notify.close()

    text = trace.read_text(errors="replace")
    made = {name for name, _ in traced_calls(text)}
    assert "execve" in made, "the trace looks empty"
    outside = made - allowed_system_calls(UNIT.read_text())
    assert not outside, f"system calls outside the unit's SystemCallFilter: {sorted(outside)}"
    # PrivateTmp= gives the service its own writable /tmp and /var/tmp.
    writable = [tmp_path, pathlib.Path("/tmp"), pathlib.Path("/var/tmp")]
    assert sandbox_violations(text, writable) == []
