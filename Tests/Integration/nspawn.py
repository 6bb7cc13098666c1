"""A Debian 12 system with a real systemd as PID 1, in a systemd-nspawn container, for the unit's tests.

The root file system is made once by debootstrap from the apt mirror this machine uses and cached in
.build-nspawn/rootfs-base (a clean clone builds it again, about 90 s); each test session works on a fresh copy
of it. The container gets a private network (loopback only), its own cgroup on the host, and bpf() so that the
unit's IPAddressDeny= is enforced (nspawn's own seccomp filter blocks bpf() otherwise: systemd issue #9513).
Commands run inside through nsenter into the container's namespaces.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import signal
import subprocess
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
CACHE = REPO / ".build-nspawn"
BASE = CACHE / "rootfs-base"
# procps gives /bin/kill, which the unit's ExecReload= runs, as on every Debian installation.
PACKAGES = "systemd,systemd-sysv,dbus,iproute2,python3,util-linux,passwd,procps"
CGROUP_NAME = "partnerd-nspawn-test"


def unavailable() -> str | None:
    """Why this machine cannot run the container, or None when it can."""
    if os.geteuid() != 0:
        return "systemd-nspawn needs root"
    for tool in ("systemd-nspawn", "debootstrap", "nsenter"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (scripts/install-deps.sh installs it)"
    if not (pathlib.Path("/sys/fs/cgroup/unified").is_dir() or pathlib.Path("/sys/fs/cgroup/cgroup.controllers").exists()):
        return "no cgroup2 hierarchy for the container's systemd"
    return None


def base_rootfs() -> pathlib.Path:
    """The cached Debian 12 root file system, made by debootstrap when missing."""
    stamp = BASE / ".partnerd-packages"
    if stamp.exists() and stamp.read_text() == PACKAGES:
        return BASE
    shutil.rmtree(BASE, ignore_errors=True)
    CACHE.mkdir(exist_ok=True)
    partial = CACHE / "rootfs-partial"
    shutil.rmtree(partial, ignore_errors=True)
    mirror = "http://deb.debian.org/debian"
    result = subprocess.run(
        ["debootstrap", "--variant=minbase", f"--include={PACKAGES}", "bookworm", str(partial), mirror],
        capture_output=True, text=True, timeout=1200)
    if result.returncode != 0:
        raise RuntimeError(f"debootstrap failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    # The container is reached through nsenter only: no console login, no network set-up to wait for.
    (partial / "etc" / "hostname").write_text("partnerd-test\n")
    (partial / ".partnerd-packages").write_text(PACKAGES)
    partial.rename(BASE)
    return BASE


class Container:
    """A booted container; `run` executes a command inside, as root unless `user` is given."""

    def __init__(self, root: pathlib.Path, log: pathlib.Path) -> None:
        self.root = root
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.leader: int | None = None

    def boot(self, deadline_s: float = 90.0) -> "Container":
        environment = {**os.environ, "SYSTEMD_NSPAWN_UNIFIED_HIERARCHY": "1"}
        command = [
            "systemd-nspawn", "--quiet", "--boot", f"--directory={self.root}", "--register=no", "--keep-unit",
            "--private-network", "--machine=partnerd-test", "--system-call-filter=bpf", "--capability=CAP_BPF",
        ]
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, env=environment,
                preexec_fn=_enter_own_cgroup)
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"systemd-nspawn exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
            children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
            if children:
                self.leader = int(children[0])
                state = self.run(["systemctl", "is-system-running"], check=False).stdout.strip()
                if state in ("running", "degraded"):
                    return self
            time.sleep(0.5)
        raise RuntimeError(f"the container did not finish booting in {deadline_s:.0f} s:\n{self.log.read_text()[-3000:]}")

    def run(self, command: list[str], *, user: str | None = None, check: bool = True, timeout: float = 60,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
        assert self.leader is not None
        if user is not None:
            command = ["runuser", "-u", user, "--", *command]
        result = subprocess.run(
            ["nsenter", f"--target={self.leader}", "--all", "--", "env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
             "LANG=C.UTF-8", *command],
            capture_output=True, text=True, timeout=timeout, input=input)
        if check and result.returncode != 0:
            raise AssertionError(f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def show(self, unit: str, *properties: str) -> dict[str, str]:
        text = self.run(["systemctl", "show", unit, *(f"--property={name}" for name in properties)]).stdout
        return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)

    def wait_until(self, predicate, deadline_s: float, interval: float = 0.5):
        end = time.monotonic() + deadline_s
        while True:
            value = predicate()
            if value or time.monotonic() >= end:
                return value
            time.sleep(interval)

    def shut_down(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # nspawn asks the container's systemd to power off
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for base in _hierarchies():
            path = base / CGROUP_NAME
            for child in sorted(path.glob("**/"), key=lambda p: len(p.parts), reverse=True):
                try:
                    child.rmdir()
                except OSError:
                    pass


def _enter_own_cgroup() -> None:
    """Runs in the child before exec: nspawn must not write into the host's root cgroup."""
    pid = str(os.getpid())
    for base in _hierarchies():
        group = base / CGROUP_NAME
        group.mkdir(exist_ok=True)
        (group / "cgroup.procs").write_text(pid)


def _hierarchies() -> list[pathlib.Path]:
    """The cgroup trees to place the container in: cgroup2 and the named systemd tree on a host with cgroup v1
    beside a cgroup2 at /sys/fs/cgroup/unified; the one cgroup2 tree on a host with cgroup2 only."""
    root = pathlib.Path("/sys/fs/cgroup")
    if (root / "unified").is_dir():
        return [path for path in (root / "unified", root / "systemd") if path.is_dir()]
    return [root]


if __name__ == "__main__":
    # `make test` makes the root file system while the compiler works (debootstrap waits mostly on the network
    # and the disk); the nspawn tests then find it made. Where the container cannot run, there is nothing to do.
    reason = unavailable()
    if reason is None:
        began = time.monotonic()
        made = base_rootfs()
        print(f"nspawn root file system ready in {made.relative_to(REPO)} ({time.monotonic() - began:.0f} s)")
    else:
        print(f"nspawn root file system not made: {reason}")
