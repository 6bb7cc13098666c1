"""Runs partnerd's benchmarks side by side with their peers and prints one table of ratios (issue 8).

Started by scripts/bench.sh, which installs the peers and builds the binaries first. Every row runs both
sides in one go on this machine, from inputs that generate.py derives from a fixed seed. A row that
cannot run for a known reason (a feature not merged yet, no journald) says "not measured" and why; a row
whose program fails or gives wrong output is BROKEN, and then the script exits 1. Timings never fail it:
they are reported against the targets, not asserted.

`--smoke` runs every row on tiny inputs for a few seconds each, so that `make test` notices when the
benchmarks rot; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import http.client
import json
import os
import pathlib
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "Tests" / "Integration"))

import daemon as daemons  # noqa: E402  (the integration tests' way to run partnerd)
import journald  # noqa: E402
import receivers  # noqa: E402  (the channel tests' SMTP server and HTTP receiver)

# The bench's own build products, beside the helper package's (scripts/bench.sh builds into the same folder).
BUILD_DIR = REPO / ".build-bench"
LIBICAL_SOURCE = HERE / "peers" / "libical_expand.c"

BEGIN_MARK = "<!-- bench:begin (written by Tests/Benchmarks/bench.py; edit outside these marks) -->"
END_MARK = "<!-- bench:end -->"
FIRST_DAY = "2026-01-01"  # the fixed range of row 2: remind -s12 from here is the calendar year 2026


@dataclasses.dataclass
class Sizes:
    rules: int
    rule_occurrences: int
    swift_rounds: int
    python_rounds: int
    partnerships: int
    events: int
    files: int
    ours_runs: int
    wrk_seconds: int
    reminders: int
    reminder_spread_s: int
    idle_seconds: int
    ready_runs: int
    reloads: int
    pairs: int


FULL = Sizes(rules=1000, rule_occurrences=100, swift_rounds=10, python_rounds=3, partnerships=10_000, events=50_000,
             files=10, ours_runs=5, wrk_seconds=10, reminders=200, reminder_spread_s=10,
             idle_seconds=60, ready_runs=3, reloads=10, pairs=3)
SMOKE = Sizes(rules=40, rule_occurrences=100, swift_rounds=1, python_rounds=1, partnerships=100, events=500,
              files=2, ours_runs=1, wrk_seconds=1, reminders=20, reminder_spread_s=2,
              idle_seconds=3, ready_runs=1, reloads=2, pairs=2)


class NotMeasured(Exception):
    """The row cannot run here for a known reason, which the table prints."""


class Broken(Exception):
    """A program failed or the two sides disagree: the benchmark itself is wrong."""


@dataclasses.dataclass
class Row:
    number: int
    what: str
    target: str
    ours: str = ""
    peer: str = ""
    ratio: str = ""
    verdict: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------
# Measuring


def run_checked(command: list[str], *, env: dict[str, str] | None = None, stdout=subprocess.DEVNULL,
                timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=timeout, check=False)
    if result.returncode != 0:
        tail = result.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise Broken(f"`{' '.join(map(str, command[:3]))} …` exited {result.returncode}: {' | '.join(tail)}")
    return result


GNU_TIME = "/usr/bin/time"


def time_runs(command: list[str], runs: int, *, env: dict[str, str] | None = None) -> dict:
    """Wall and CPU seconds and peak resident memory (MB) of `runs` runs of a command whose output is discarded;
    medians. The peak comes from GNU time (`%M`), which forks from its own small image: a child forked from this
    Python process would report Python's size as its peak, since Linux keeps `ru_maxrss` across exec."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
            began = time.perf_counter()
            process = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", peak.name, *command], stdout=subprocess.DEVNULL,
                                       stderr=errors, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            walls.append(time.perf_counter() - began)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                tail = errors.read().decode(errors="replace").strip().splitlines()[-5:]
                raise Broken(f"`{' '.join(map(str, command[:3]))} …` exited {process.returncode}: {' | '.join(tail)}")
            peaks.append(int(peak.read().split()[-1]) / 1024)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "peak": statistics.median(peaks),
            "runs": runs}


def rounds_median(command: list[str]) -> float:
    """The median of the rounds that an in-process driver (recurrence-bench, toml-bench, a peer's) reports as JSON."""
    return statistics.median(json.loads(run_checked(command, stdout=subprocess.PIPE).stdout)["seconds"])


def paired_processes(pairs: int, ours_command: list[str], peer_command: list[str], *, env: dict[str, str],
                     figure: str) -> tuple[Paired, dict, dict]:
    """Whole-process runs of both commands in pairs, each pair compared by `figure` ("wall" or "cpu"); with the
    medians of each side's wall, CPU and peak memory over its runs."""
    runs: dict[str, list[dict]] = {"ours": [], "peer": []}

    def measure(which: str, command: list[str]) -> float:
        runs[which].append(time_runs(command, 1, env=env))
        return runs[which][-1][figure]

    result = paired(pairs, lambda: measure("ours", ours_command), lambda: measure("peer", peer_command))
    sides = ({key: statistics.median(run[key] for run in runs[which]) for key in ("wall", "cpu", "peak")}
             for which in ("ours", "peer"))
    return result, *sides


def paired_wrk(pairs: int, port: int, peer_port: int, seconds: int, headers: dict[str, str] | None = None,
               peer_headers: dict[str, str] | None = None, connections: int = 64) -> tuple[Paired, dict, dict]:
    """wrk against partnerd and the peer in pairs, compared by requests per second; with each side's run of the
    median requests per second (its p99 goes with it)."""
    runs: dict[str, list[dict]] = {"ours": [], "peer": []}

    def measure(which: str, use_port: int, use_headers: dict[str, str] | None) -> float:
        runs[which].append(wrk(use_port, seconds, use_headers, connections=connections))
        return runs[which][-1]["rps"]

    result = paired(pairs, lambda: measure("ours", port, headers), lambda: measure("peer", peer_port, peer_headers),
                    higher_is_better=True)
    sides = (sorted(runs[which], key=lambda run: run["rps"])[len(runs[which]) // 2] for which in ("ours", "peer"))
    return result, *sides


def seconds_text(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms"


def ratio_text(value: float) -> str:
    return f"{value:.1f}×" if value >= 10 else f"{value:.2f}×"


@dataclasses.dataclass
class Paired:
    """Ratios of runs made in pairs, ours and the peer's back to back, so that a slow moment of the machine
    weighs on both sides of the same ratio instead of on one median."""
    ours: list[float]
    peer: list[float]
    ratios: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours)

    @property
    def peer_median(self) -> float:
        return statistics.median(self.peer)

    def spread(self, digits: int = 2) -> str:
        low, high = min(self.ratios), max(self.ratios)
        return f"spread {low:.{digits}f}–{high:.{digits}f}, {len(self.ratios)} pairs"


def paired(pairs: int, ours, peer, *, higher_is_better: bool = False) -> Paired:
    """Runs `ours()` and `peer()` `pairs` times each, alternating which goes first; each returns one figure
    (seconds, or requests per second with higher_is_better). A pair's ratio is how many times better ours is."""
    result = Paired([], [], [])
    for index in range(pairs):
        if index % 2 == 0:
            mine, theirs = ours(), peer()
        else:
            theirs = peer()
            mine = ours()
        result.ours.append(mine)
        result.peer.append(theirs)
        result.ratios.append(mine / theirs if higher_is_better else theirs / mine)
    return result


def free_port() -> int:
    return daemons.free_port()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# ---------------------------------------------------------------------------------------------------------
# The bench


class Bench:
    def __init__(self, arguments: argparse.Namespace) -> None:
        self.arguments = arguments
        self.sizes = SMOKE if arguments.smoke else FULL
        self.bin = pathlib.Path(arguments.bin_dir).resolve()
        self.partnerd = self.bin / "partnerd"
        self.partnerctl = self.bin / "partnerctl"
        self.work = pathlib.Path(arguments.work).resolve()
        self.python = arguments.python
        self.rows: list[Row] = []
        self.broken = False

    # -- inputs

    def generate(self) -> None:
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        s = self.sizes
        run_checked([self.python, str(HERE / "generate.py"), "--seed", str(self.arguments.seed), "--out",
                     str(self.work), "--rules", str(s.rules), "--partnerships", str(s.partnerships),
                     "--events", str(s.events), "--files", str(s.files)])

    def scratch(self, name: str) -> pathlib.Path:
        path = self.work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def environment(self, state: pathlib.Path) -> dict[str, str]:
        """No config, state or notify socket from the caller's environment leaks into a measured run."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("PARTNERD_CONFIG", "CONFIGURATION_DIRECTORY", "NOTIFY_SOCKET", "JOURNAL_STREAM")}
        env["STATE_DIRECTORY"] = str(state)
        env["LC_ALL"] = env.get("LC_ALL", "C.UTF-8")
        return env

    def start_daemon(self, config: pathlib.Path, name: str, *, listen: str | None = None,
                     log_target: str = "stderr", ready_deadline: float = 60.0):
        """A partnerd with its own directory; returns (daemon, listener, seconds from spawn to READY=1)."""
        workdir = self.scratch(name)
        listener = daemons.NotifyListener(workdir / "notify.sock")
        env = {"NOTIFY_SOCKET": str(workdir / "notify.sock")}
        process = daemons.Daemon(self.partnerd, config, workdir, log_target=log_target, env=env, listen=listen)
        process.env = {**self.environment(workdir / "state"), **env}
        began = time.perf_counter()
        process.start()
        if not listener.wait_for("READY=1", deadline_s=ready_deadline):
            output = process.output()[-2000:]
            process.stop()
            listener.close()
            raise Broken(f"partnerd ({name}) sent no READY=1 within {ready_deadline:.0f} s: {output}")
        return process, listener, time.perf_counter() - began

    @staticmethod
    def stop_daemon(process, listener) -> None:
        status = process.stop()
        listener.close()
        if status != 0:
            raise Broken(f"partnerd exited {status} on SIGTERM: {process.output()[-1000:]}")

    # -- row 1

    def row_recurrence(self) -> Row:
        s = self.sizes
        row = Row(1, f"expand {s.rules:,} RRULEs × {s.rule_occurrences} occurrences (in-process, parse + expand)",
                  "≥ 30× dateutil")
        rules = self.work / "rules.tsv"
        ours_dump, peer_dump = self.work / "rules.partnerd.txt", self.work / "rules.dateutil.txt"
        common = [str(rules), "--occurrences", str(s.rule_occurrences)]
        helper = str(pathlib.Path(self.arguments.helper_dir) / "recurrence-bench")
        # One run of each writes its occurrences for the comparison; the timed runs come after, in pairs.
        ours = json.loads(run_checked([helper, *common, "--rounds", "1", "--dump", str(ours_dump)],
                                      stdout=subprocess.PIPE).stdout)
        peer = json.loads(run_checked([self.python, str(HERE / "peers" / "dateutil_expand.py"), *common, "--rounds",
                                       "1", "--dump", str(peer_dump)], stdout=subprocess.PIPE).stdout)
        expected = s.rules * s.rule_occurrences
        if ours["occurrences"] != expected or peer["occurrences"] != expected:
            raise Broken(f"expected {expected} occurrences, partnerd gave {ours['occurrences']}, "
                         f"dateutil {peer['occurrences']}")
        if ours_dump.read_bytes() != peer_dump.read_bytes():
            first = next(i for i, (a, b) in enumerate(zip(ours_dump.read_text().splitlines(),
                                                          peer_dump.read_text().splitlines())) if a != b)
            raise Broken(f"partnerd and dateutil disagree; first difference at line {first + 1} "
                         f"(see {ours_dump.name} and {peer_dump.name})")
        ours_command = [helper, *common, "--rounds", str(s.swift_rounds)]
        peer_command = [self.python, str(HERE / "peers" / "dateutil_expand.py"), *common, "--rounds",
                        str(s.python_rounds)]
        pairs = paired(s.pairs, lambda: rounds_median(ours_command), lambda: rounds_median(peer_command))
        ours_s, peer_s = pairs.ours_median, pairs.peer_median
        row.ours = f"{seconds_text(ours_s)} (median of {s.swift_rounds} rounds, {s.pairs} runs)"
        row.peer = f"dateutil {seconds_text(peer_s)} (median of {s.python_rounds} rounds, {s.pairs} runs)"
        row.ratio = f"{ratio_text(pairs.ratio)} dateutil ({pairs.spread(1)})"
        row.verdict = "met" if pairs.ratio >= 30 else "missed"
        row.notes.append(f"partnerd and dateutil produce the same {expected:,} occurrences, compared line by line; "
                         f"{ours_s / expected * 1e9:.0f} ns per occurrence in partnerd, "
                         f"{peer_s / expected * 1e9:.0f} ns in dateutil")
        self.libical_recurrence(row, rules, ours_dump, common, ours_command, peer_s)
        return row

    def libical_recurrence(self, row: Row, rules: pathlib.Path, ours_dump: pathlib.Path, common: list[str],
                           ours_command: list[str], dateutil_s: float) -> None:
        """Row 1's second peer: libical's iterator on the same rules, compared rule by rule with partnerd's dump
        (identical to dateutil's by now). Where libical differs, the rules are counted and one is named, and only
        they are left out of its comparison; that never breaks the row, since the target is dateutil's."""
        s = self.sizes
        driver, missing = build_libical_expand()
        if driver is None:
            row.notes.append(f"libical not measured: {missing}")
            return
        dump = self.work / "rules.libical.txt"
        result = json.loads(run_checked([str(driver), *common, "--rounds", "1", "--dump", str(dump)],
                                        stdout=subprocess.PIPE).stdout)
        if result["rules"] != s.rules:
            raise Broken(f"libical-expand read {result['rules']} rules from {rules.name}, not {s.rules}")
        libical_command = [str(driver), *common, "--rounds", str(s.swift_rounds)]
        pairs = paired(s.pairs, lambda: rounds_median(ours_command), lambda: rounds_median(libical_command))
        libical_s = pairs.peer_median
        row.peer += f"; libical {seconds_text(libical_s)} (median of {s.swift_rounds} rounds, {s.pairs} runs)"
        row.ratio += f", {ratio_text(pairs.ratio)} libical ({pairs.spread(1)})"
        ours_by_rule, libical_by_rule = occurrences_by_rule(ours_dump), occurrences_by_rule(dump)
        differing = [index for index in range(s.rules)
                     if ours_by_rule.get(index, []) != libical_by_rule.get(index, [])]
        faster = (f"{ratio_text(dateutil_s / libical_s)} faster than dateutil" if libical_s <= dateutil_s
                  else f"{ratio_text(libical_s / dateutil_s)} slower than dateutil")
        note = (f"libical {seconds_text(libical_s)}, {libical_s / (s.rules * s.rule_occurrences) * 1e9:.0f} ns per "
                f"occurrence ({faster}); ")
        if not differing:
            note += f"it agrees with both on all {s.rules:,} rules"
        else:
            index = differing[0]
            start, text = rules.read_text(encoding="utf-8").splitlines()[index].split("\t")
            ours_list, libical_list = ours_by_rule.get(index, []), libical_by_rule.get(index, [])
            position = next((n for n, (a, b) in enumerate(zip(ours_list, libical_list)) if a != b),
                            min(len(ours_list), len(libical_list)))
            if position < min(len(ours_list), len(libical_list)):
                how = (f"occurrence {position + 1} is {libical_list[position]} in libical, "
                       f"{ours_list[position]} in the other two")
            else:
                how = f"libical gives {len(libical_list)} occurrences, the other two {len(ours_list)}"
            note += (f"the three agree on {s.rules - len(differing):,} of {s.rules:,} rules; libical differs on "
                     f"{len(differing)}, left out of its comparison (e.g. line {index + 1} of {rules.name}, "
                     f"DTSTART {start} with {text}: {how})")
        if result.get("refused"):
            note += f"; libical refused {result['refused']} of the rules"
        row.notes.append(note)

    # -- row 2

    def row_upcoming(self) -> Row:
        s = self.sizes
        row = Row(2, f"`upcoming --days 365`, {s.partnerships:,} partnerships, {s.events:,} events (whole process)",
                  "≥ 10× remind")
        if shutil.which("remind") is None:
            raise NotMeasured("remind is not installed (Debian package remind)")
        config = self.work / "big" / "partnerd.toml"
        env = self.environment(self.scratch("upcoming-state"))
        ours_command = [str(self.partnerctl), "upcoming", "--config", str(config), "--from", FIRST_DAY,
                        "--days", "365"]
        peer_command = ["remind", "-s12", str(self.work / "big.rem"), FIRST_DAY]
        ours_text = run_checked(ours_command, env=env, stdout=subprocess.PIPE).stdout.decode()
        peer_text = run_checked(peer_command, env=env, stdout=subprocess.PIPE).stdout.decode()
        occurrences = sum(1 for line in ours_text.splitlines() if line and not line.startswith(" "))
        peer_lines = len(peer_text.splitlines())
        if occurrences == 0 or peer_lines == 0:
            raise Broken(f"empty output: partnerctl listed {occurrences} occurrences, remind {peer_lines} lines")
        # CPU, as issue 14 measures it (both are single-threaded, so wall is about the same).
        pairs, ours, peer = paired_processes(s.pairs, ours_command, peer_command, env=env, figure="cpu")
        row.ours = f"{seconds_text(ours['wall'])} wall, {seconds_text(ours['cpu'])} CPU"
        row.peer = f"{seconds_text(peer['wall'])} wall, {seconds_text(peer['cpu'])} CPU"
        row.ratio = f"{ratio_text(pairs.ratio)} (CPU; {pairs.spread()})"
        row.verdict = "met" if pairs.ratio >= 10 else "missed"
        row.notes.append(f"partnerctl listed {occurrences:,} occurrences with their reminders; remind printed "
                         f"{peer_lines:,} calendar lines (one per day of a multi-day event); {s.pairs} pairs of "
                         f"runs; peak memory {ours['peak']:.1f} MB and {peer['peak']:.1f} MB")
        self.remind_peak = peer["peak"]
        return row

    # -- row 3

    def row_export(self) -> Row:
        s = self.sizes
        row = Row(3, f"`export` of the {s.partnerships:,}-partnership config (whole process)",
                  "≥ 20× icalendar; peak ≤ 60 MB")
        commands = subprocess.run([str(self.partnerctl), "--help"], capture_output=True, text=True).stdout
        if not re.search(r"^\s+export\b", commands, flags=re.MULTILINE):
            raise NotMeasured("this build has no `partnerctl export` (issue 4, branch feed, not merged yet)")
        config = self.work / "big" / "partnerd.toml"
        env = self.environment(self.scratch("export-state"))
        ours_out, peer_out = self.work / "export.partnerd.ics", self.work / "export.icalendar.ics"
        today = datetime.date.today().isoformat()
        ours_command = [str(self.partnerctl), "export", "--config", str(config), "-o", str(ours_out)]
        peer_command = [self.python, str(HERE / "peers" / "icalendar_build.py"), str(self.work / "big.json"),
                        "-o", str(peer_out), "--today", today]
        pairs, ours, peer = paired_processes(s.pairs, ours_command, peer_command, env=env, figure="wall")
        ours_uids, peer_uids = uids(ours_out), uids(peer_out)
        if not ours_uids or ours_uids != peer_uids:
            missing = sorted(peer_uids - ours_uids)[:3]
            extra = sorted(ours_uids - peer_uids)[:3]
            raise Broken(f"the calendars differ: {len(ours_uids)} VEVENTs from partnerd, {len(peer_uids)} from "
                         f"icalendar; missing in partnerd {missing}, only in partnerd {extra}")
        row.ours = f"{seconds_text(ours['wall'])} wall, {seconds_text(ours['cpu'])} CPU, peak {ours['peak']:.0f} MB"
        row.peer = f"{seconds_text(peer['wall'])} wall, {seconds_text(peer['cpu'])} CPU, peak {peer['peak']:.0f} MB"
        row.ratio = f"{ratio_text(pairs.ratio)} ({pairs.spread()})"
        row.verdict = "met" if pairs.ratio >= 20 and ours["peak"] <= 60 else "missed"
        row.notes.append(f"both calendars hold the same {len(ours_uids):,} VEVENT UIDs; "
                         f"{ours_out.stat().st_size:,} bytes from partnerd, {peer_out.stat().st_size:,} from icalendar; "
                         f"{s.pairs} pairs of runs")
        return row

    # -- row 4

    def row_feed(self) -> Row:
        s = self.sizes
        row = Row(4, "`GET /calendar.ics` (sample feed), wrk, 64 connections", "≥ 0.9 of nginx; 304: ≥ 1.0")
        for tool in ("wrk", "nginx"):
            if shutil.which(tool) is None and not pathlib.Path(f"/usr/sbin/{tool}").exists():
                raise NotMeasured(f"{tool} is not installed (Debian package {tool})")
        port = free_port()
        process, listener, _ = self.start_daemon(REPO / "Config" / "partnerd.toml", "feed",
                                                 listen=f"127.0.0.1:{port}")
        nginx = None
        try:
            # READY=1 does not wait for the first rendering: until it is there the feed answers 503.
            deadline = time.monotonic() + 30
            while True:
                try:
                    status, headers, body = http_get(port, "/calendar.ics")
                except OSError as error:
                    raise NotMeasured(f"partnerd does not serve feeds in this build ({error.strerror or error})") from None
                if status != 503 or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            if status != 200 or not body.startswith(b"BEGIN:VCALENDAR"):
                raise Broken(f"GET /calendar.ics answered {status} with {body[:60]!r}")
            etag = headers.get("etag")
            if not etag:
                raise Broken("GET /calendar.ics has no ETag")
            nginx_port = free_port()
            nginx = start_nginx(self.scratch("nginx"), nginx_port, body)
            _, nginx_headers, nginx_body = http_get(nginx_port, "/calendar.ics")
            if nginx_body != body:
                raise Broken("nginx does not serve the same bytes")
            nginx_etag = nginx_headers.get("etag", "")
            for which, use_port, tag in (("partnerd", port, etag), ("nginx", nginx_port, nginx_etag)):
                code = http_get(use_port, "/calendar.ics", {"If-None-Match": tag})[0]
                if code != 304:
                    raise Broken(f"{which} answered a matching If-None-Match with {code}, not 304")
            seconds = s.wrk_seconds
            pairs_200, ours_200, peer_200 = paired_wrk(s.pairs, port, nginx_port, seconds)
            pairs_304, ours_304, peer_304 = paired_wrk(s.pairs, port, nginx_port, seconds,
                                                       {"If-None-Match": etag}, {"If-None-Match": nginx_etag})
        finally:
            if nginx is not None:
                stop_nginx(nginx)
            self.stop_daemon(process, listener)
        ratio, ratio_304 = pairs_200.ratio, pairs_304.ratio
        row.ours = f"{ours_200['rps']:,.0f} req/s (p99 {ours_200['p99']}); 304: {ours_304['rps']:,.0f} req/s"
        row.peer = f"{peer_200['rps']:,.0f} req/s (p99 {peer_200['p99']}); 304: {peer_304['rps']:,.0f} req/s"
        row.ratio = f"{ratio:.2f} ({pairs_200.spread()}; 304: {ratio_304:.2f}, {pairs_304.spread()})"
        row.verdict = "met" if ratio >= 0.9 and ratio_304 >= 1.0 else "missed"
        row.notes.append(f"{len(body):,}-byte feed; wrk -t2 -c64 -d{seconds}s on loopback, client and servers "
                         f"sharing the machine's cores; nginx with worker_processes auto, sendfile on, access_log off")
        return row

    # -- row 5

    def row_latency(self) -> Row:
        s = self.sizes
        row = Row(5, f"delivery latency, {s.reminders} reminders (journal time − due time)", "p99 < 20 ms")
        if not journald.socket_accepts():
            raise NotMeasured("no journald listens on /run/systemd/journal/socket (scripts/start-journald.sh)")
        partnership = daemons.unique_id("bench")
        lead_s = 4
        offsets = [lead_s + index % s.reminder_spread_s for index in range(s.reminders)]
        dues = daemons.seconds_ahead(*offsets)
        config = self.scratch("latency") / "partnerd.toml"
        config.write_text(daemons.config_with_reminders(partnership, dues), encoding="utf-8")
        process, listener, ready = self.start_daemon(config, "latency", log_target="journald")
        try:
            last_due = max(dues)
            wait = (last_due - datetime.datetime.now(daemons.UTC)).total_seconds() + 1
            if wait > 0:
                time.sleep(wait)
            entries = journald.Journal().entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=10,
                                                 count=s.reminders)
        finally:
            self.stop_daemon(process, listener)
        if len(entries) != s.reminders:
            raise Broken(f"{len(entries)} of {s.reminders} reminders reached the journal")
        late = [entry for entry in entries if entry.get("PARTNERD_LATE") == "1"]
        latencies = []
        for entry in entries:
            due = datetime.datetime.fromisoformat(str(entry["PARTNERD_DUE"]))
            due_us = int(due.timestamp()) * 1_000_000 + due.microsecond
            latencies.append((int(str(entry["__REALTIME_TIMESTAMP"])) - due_us) / 1000)
        p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
        row.ours = f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(latencies):.1f} ms"
        row.peer = "—"
        row.ratio = "—"
        row.verdict = "met" if p99 < 20 and min(latencies) >= 0 else "missed"
        row.notes.append(f"{s.reminders} reminders, {s.reminders // s.reminder_spread_s} due in each of "
                         f"{s.reminder_spread_s} consecutive seconds, {lead_s} s after the start; READY after "
                         f"{ready * 1000:.0f} ms; {len(late)} marked late; earliest {min(latencies):.1f} ms "
                         "(negative would mean delivered early)")
        return row

    # -- row 8

    def row_channels(self) -> Row:
        """The same reminders as row 5, also sent to a webhook and through an SMTP server with STARTTLS and AUTH;
        the journal's latency with channels beside row 5's without them."""
        s = self.sizes
        row = Row(8, f"channel latency, {s.reminders} reminders (received − due time)",
                  "p99 < 100 ms per channel; journal p99 < 5 ms with channels")
        if not journald.socket_accepts():
            raise NotMeasured("no journald listens on /run/systemd/journal/socket (scripts/start-journald.sh)")
        work = self.scratch("channels")
        certificates = receivers.Certificates.generate(work / "tls")
        smtp = receivers.SmtpServer(certificates).start()
        hook = receivers.HttpReceiver().start()
        (work / "smtp-password").write_text(smtp.password)
        partnership = daemons.unique_id("bench")
        lead_s = 4
        dues = daemons.seconds_ahead(*[lead_s + index % s.reminder_spread_s for index in range(s.reminders)])
        channels = (
            '[reminders]\nchannels = ["hook", "mail"]\n\n'
            f'[[channel]]\nid = "hook"\ntype = "webhook"\nurl = "{hook.url}/bench"\n\n'
            f'[[channel]]\nid = "mail"\ntype = "mail"\nserver = "localhost:{smtp.port}"\nusername = "{smtp.username}"\n'
            f'password_file = "smtp-password"\nca_file = "{smtp.ca_file}"\nfrom = "partnerd@example.org"\n'
            'to = ["office@example.org"]\n\n')
        config = work / "partnerd.toml"
        config.write_text(daemons.config_with_reminders(partnership, dues).replace("[feed]", channels + "[feed]", 1),
                          encoding="utf-8")
        process, listener, _ = self.start_daemon(config, "channels-run", log_target="journald")
        try:
            wait = (max(dues) - datetime.datetime.now(daemons.UTC)).total_seconds() + 1
            if wait > 0:
                time.sleep(wait)
            entries = journald.Journal().entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=10,
                                                 count=s.reminders)
            hook.wait_for(s.reminders, timeout=30)
            smtp.wait_for(s.reminders, timeout=60)
        except AssertionError as failure:
            raise Broken(f"the channels did not receive every reminder: {failure}") from None
        finally:
            self.stop_daemon(process, listener)
            offset = time.time() - time.monotonic()
            hook_requests, mails = hook.requests, smtp.messages
            hook.stop()
            smtp.stop()
        if len(entries) != s.reminders or len(hook_requests) != s.reminders or len(mails) != s.reminders:
            raise Broken(f"{len(entries)} journal entries, {len(hook_requests)} webhook requests, {len(mails)} mails "
                         f"for {s.reminders} reminders")

        def due_of(text: str) -> float:
            return datetime.datetime.fromisoformat(text).timestamp()

        journal_ms = [(int(str(entry["__REALTIME_TIMESTAMP"])) / 1e6 - due_of(str(entry["PARTNERD_DUE"]))) * 1000
                      for entry in entries]
        hook_ms = [(request.time + offset - due_of(request.json()["due"])) * 1000 for request in hook_requests]
        dues_by_uid = {f"e{index}.{partnership}@partnerd": due.timestamp() for index, due in enumerate(dues)}
        mail_ms = []
        for mail in mails:
            uid = next(str(part.get_content()).split("UID:")[1].split()[0]
                       for part in mail.message().walk() if part.get_content_type() == "text/calendar")
            mail_ms.append((mail.time + offset - dues_by_uid[uid]) * 1000)
        journal_p99 = percentile(journal_ms, 0.99)
        without = next((r for r in self.rows if r.number == 5), None)
        row.ours = (f"webhook p50 {percentile(hook_ms, 0.5):.1f} / p99 {percentile(hook_ms, 0.99):.1f} ms; "
                    f"SMTP p50 {percentile(mail_ms, 0.5):.1f} / p99 {percentile(mail_ms, 0.99):.1f} ms; "
                    f"journal p99 {journal_p99:.1f} ms")
        row.peer = f"journal without channels (row 5): {without.ours}" if without and without.ours else "—"
        row.ratio = "—"
        met = percentile(hook_ms, 0.99) < 100 and percentile(mail_ms, 0.99) < 100 and journal_p99 < 5
        row.verdict = "met" if met else "missed"
        row.notes.append(f"{s.reminders} reminders to the journal, a webhook (json) and an SMTP server with STARTTLS "
                         f"and AUTH PLAIN on loopback (aiosmtpd), {s.reminders // s.reminder_spread_s} due in each of "
                         f"{s.reminder_spread_s} consecutive seconds; one SMTP session per server, RSET between "
                         f"messages; max webhook {max(hook_ms):.1f} ms, max SMTP {max(mail_ms):.1f} ms")
        return row

    # -- row 6

    def row_idle(self) -> Row:
        s = self.sizes
        row = Row(6, f"idle: voluntary context switches in {s.idle_seconds} s, nothing due", "0 from the scheduler")
        now = datetime.datetime.now(daemons.UTC)
        notify_at = (now + datetime.timedelta(hours=6)).strftime("%H:%M")
        config = self.scratch("idle") / "partnerd.toml"
        config.write_text(
            f'[daemon]\ntimezone = "UTC"\nlanguage = "en"\nnotify_at = "{notify_at}"\ncatch_up = "0"\n\n'
            '[[partnership]]\nid = "idle"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
            "signed = 1992-06-01\n", encoding="utf-8")
        process, listener, _ = self.start_daemon(config, "idle", listen=f"127.0.0.1:{free_port()}")
        cron = baseline = None
        try:
            cron, cron_note = start_cron(self.scratch("cron"))
            if self.arguments.dispatch_idle:
                baseline = subprocess.Popen([self.arguments.dispatch_idle],
                                            stdin=subprocess.DEVNULL)
            time.sleep(2)  # let start-up work finish before the window opens
            watched = {"partnerd": process.pid, "cron": cron.pid if cron else None,
                       "dispatch": baseline.pid if baseline else None}
            before = {name: thread_switches(pid) for name, pid in watched.items() if pid}
            time.sleep(s.idle_seconds)
            after = {name: thread_switches(pid) for name, pid in watched.items() if pid}
        finally:
            for helper in (cron, baseline):
                if helper is not None:
                    helper.terminate()
                    helper.wait(timeout=10)
            self.stop_daemon(process, listener)
        ours_total, ours_threads = switch_delta(before["partnerd"], after["partnerd"])
        row.ours = f"{ours_total} in {s.idle_seconds} s ({len(after['partnerd'])} threads)"
        peers = []
        if cron is not None:
            cron_total, _ = switch_delta(before["cron"], after["cron"])
            peers.append(f"cron {cron_total}")
            row.ratio = f"{ours_total} : {cron_total}"
        else:
            peers.append(f"cron not run ({cron_note})")
            row.ratio = "—"
        busy = [f"{name} {count}" for name, count in ours_threads if count]
        row.notes.append("partnerd per thread: " + (", ".join(busy) if busy else "every thread asleep")
                         + "; cron -f ran with empty crontabs in a private mount namespace")
        if baseline is not None:
            base_total, base_threads = switch_delta(before["dispatch"], after["dispatch"])
            peers.append(f"bare Dispatch process {base_total}")
            own = ours_total - base_total
            # Both processes carry libdispatch's 1 Hz worker-pool monitor; their phases differ, so ±1.
            row.verdict = "met" if own <= 1 else "missed"
            row.notes.append(f"a process that only touched Dispatch's global queues woke {base_total} times in the "
                             "same window (libdispatch's worker-pool monitor, 1 Hz on Linux); partnerd beyond it: "
                             f"{max(0, own)} (±1 for the monitors' phases)")
        else:
            row.verdict = "met" if ours_total == 0 else "missed"
            row.notes.append("no dispatch-idle baseline was given")
        row.peer = f"{', '.join(peers)} in {s.idle_seconds} s"
        return row

    # -- row 7

    def row_memory(self) -> Row:
        s = self.sizes
        row = Row(7, f"start-up and memory with {s.partnerships:,} partnerships (sample config beside it)",
                  "READY ≤ 0.5 s; first 200 ≤ 1 s; RSS ≤ 100 MB, peak ≤ 150 MB")
        figures = {}
        for name, config in (("sample", REPO / "Config" / "partnerd.toml"),
                             ("big", self.work / "big" / "partnerd.toml")):
            readies, firsts = [], []
            memory = None
            for run in range(s.ready_runs if name == "big" else 1):
                port = free_port()
                process, listener, ready = self.start_daemon(config, f"memory-{name}-{run}",
                                                             listen=f"127.0.0.1:{port}")
                try:
                    first = ready + first_feed_after(port)
                    time.sleep(1)
                    memory = memory_of(process.pid)
                finally:
                    self.stop_daemon(process, listener)
                readies.append(ready)
                firsts.append(first)
            figures[name] = (memory, statistics.median(readies), statistics.median(firsts), len(readies))
        (sample_rss, sample_hwm), sample_ready, sample_first, _ = figures["sample"]
        (big_rss, big_hwm), big_ready, big_first, runs = figures["big"]
        # The same config without its warnings of past events (their `remind` left out): a start must not cost more
        # for printing them. Paired: one start of each, in turn.
        warnings = self.warning_count(self.work / "big" / "partnerd.toml")
        quiet_warnings = self.warning_count(self.work / "big-quiet" / "partnerd.toml")
        noisy, quiet = [], []
        for run in range(max(3, s.ready_runs)):
            for name, into in (("big", noisy), ("big-quiet", quiet)):
                process, listener, ready = self.start_daemon(
                    self.work / name / "partnerd.toml", f"warnings-{name}-{run}")
                self.stop_daemon(process, listener)
                into.append(ready)
        ratios = sorted(n / q for n, q in zip(noisy, quiet))
        row.ours = (f"READY {seconds_text(big_ready)}; first 200 {seconds_text(big_first)}; RSS {big_rss:.1f} MB, "
                    f"peak {big_hwm:.1f} MB")
        row.peer = f"sample config: READY {seconds_text(sample_ready)}; RSS {sample_rss:.1f} MB, peak {sample_hwm:.1f} MB"
        row.ratio = "—"
        met = big_ready <= 0.5 and big_first <= 1 and big_rss <= 100 and big_hwm <= 150
        row.verdict = "met" if met else "missed"
        row.notes.append(f"from spawn to the READY=1 datagram on NOTIFY_SOCKET, and to the first 200 for /calendar.ics "
                         f"(polled every 20 ms after READY); VmRSS and VmHWM 1 s after that 200; medians of {runs} "
                         f"starts; the sample config's first 200 after {seconds_text(sample_first)}")
        row.notes.append(f"{warnings:,} warnings of past events whose reminders never fire: READY "
                         f"{seconds_text(statistics.median(noisy))}; the same config without them ({quiet_warnings:,} "
                         f"left): {seconds_text(statistics.median(quiet))}; paired ratio {statistics.median(ratios):.2f} "
                         f"(spread {ratios[0]:.2f}–{ratios[-1]:.2f}, {len(ratios)} pairs)")
        return row

    def warning_count(self, config: pathlib.Path) -> int:
        """How many of `partnerctl check`'s warnings are of past events whose reminders never fire."""
        result = subprocess.run([str(self.partnerctl), "check", "--config", str(config)], capture_output=True,
                                text=True, timeout=600, env=self.environment(self.scratch("check-state")))
        return sum(1 for line in result.stderr.splitlines() if "so its reminders will never fire" in line)

    # -- row 9

    def row_reload(self) -> Row:
        s = self.sizes
        row = Row(9, f"reload (SIGHUP) of the same {s.partnerships:,}-partnership config, {s.reloads} times",
                  "≤ 1 s; RSS flat")
        port = free_port()
        process, listener, _ = self.start_daemon(self.work / "big" / "partnerd.toml", "reload",
                                                 listen=f"127.0.0.1:{port}")
        durations, resident = [], []
        try:
            first_feed_after(port)
            time.sleep(1)
            resident.append(memory_of(process.pid)[0])
            for number in range(1, s.reloads + 1):
                began = time.perf_counter()
                process.signal(signal.SIGHUP)
                if not listener.wait_for("READY=1", deadline_s=120, times=number + 1):
                    raise Broken(f"no READY=1 after reload {number}: {process.output()[-1000:]}")
                durations.append(time.perf_counter() - began)
                # The feeds are rendered again after the new config is in force: memory is read once that is done.
                renders_reach(port, number + 1)
                time.sleep(1)
                resident.append(memory_of(process.pid)[0])
        finally:
            self.stop_daemon(process, listener)
        median = statistics.median(durations)
        # The first reload replaces what the start made; flat means nothing grows after it.
        growth = resident[-1] - resident[1]
        row.ours = (f"{seconds_text(median)} median (max {seconds_text(max(durations))}); RSS {resident[0]:.1f} MB "
                    f"after start, {resident[1]:.1f} after reload 1, {resident[-1]:.1f} after reload {s.reloads}")
        row.peer = "—"
        row.ratio = "—"
        row.verdict = "met" if median <= 1 and growth <= 5 else "missed"
        row.notes.append("from SIGHUP to the READY=1 that ends the reload on NOTIFY_SOCKET (RELOADING=1 comes first); "
                         "VmRSS 1 s after the feeds are rendered again (counted on /metrics); "
                         f"growth from reload 1 to reload {s.reloads}: {growth:+.1f} MB "
                         "(flat: at most 5 MB)")
        return row

    # -- row 10

    def row_upcoming_json(self) -> Row:
        s = self.sizes
        row = Row(10, f"`upcoming --days 365 --json`, {s.partnerships:,} partnerships: peak memory", "≤ 40 MB")
        config = self.work / "big" / "partnerd.toml"
        env = self.environment(self.scratch("upcoming-json-state"))
        command = [str(self.partnerctl), "upcoming", "--config", str(config), "--from", FIRST_DAY, "--days", "365",
                   "--json"]
        text = run_checked(command, env=env, stdout=subprocess.PIPE).stdout
        listed = json.loads(text)
        count = len(listed) if isinstance(listed, list) else len(listed.get("occurrences", []))
        if count == 0:
            raise Broken("`upcoming --json` listed nothing")
        ours = time_runs(command, s.ours_runs, env=env)
        row.ours = f"peak {ours['peak']:.1f} MB; {seconds_text(ours['wall'])} wall"
        remind = getattr(self, "remind_peak", None)
        row.peer = f"remind -s12 (row 2): peak {remind:.1f} MB" if remind is not None else "—"
        row.ratio = "—"
        row.verdict = "met" if ours["peak"] <= 40 else "missed"
        row.notes.append(f"{len(text):,} bytes of JSON, {count:,} occurrences; peak is GNU time's %M (maximum "
                         f"resident set); median of {ours['runs']} runs")
        return row

    # -- row 11

    def row_big_feed(self) -> Row:
        s = self.sizes
        row = Row(11, f"`GET /calendar.ics` of {s.partnerships:,} partnerships, wrk, 8 connections", "≥ 1.0 of nginx")
        for tool in ("wrk", "nginx"):
            if shutil.which(tool) is None and not pathlib.Path(f"/usr/sbin/{tool}").exists():
                raise NotMeasured(f"{tool} is not installed (Debian package {tool})")
        port = free_port()
        process, listener, _ = self.start_daemon(self.work / "big" / "partnerd.toml", "big-feed",
                                                 listen=f"127.0.0.1:{port}")
        nginx = None
        try:
            first_feed_after(port)
            status, _, body = http_get(port, "/calendar.ics")
            if status != 200:
                raise Broken(f"GET /calendar.ics answered {status}")
            nginx_port = free_port()
            nginx = start_nginx(self.scratch("nginx-big"), nginx_port, body)
            if http_get(nginx_port, "/calendar.ics")[2] != body:
                raise Broken("nginx does not serve the same bytes")
            pairs, ours, peer = paired_wrk(s.pairs, port, nginx_port, s.wrk_seconds, connections=8)
        finally:
            if nginx is not None:
                stop_nginx(nginx)
            self.stop_daemon(process, listener)
        ratio = pairs.ratio
        row.ours = f"{ours['rps']:,.1f} req/s ({ours['rps'] * len(body) / 1e9:.2f} GB/s, p99 {ours['p99']})"
        row.peer = f"{peer['rps']:,.1f} req/s ({peer['rps'] * len(body) / 1e9:.2f} GB/s, p99 {peer['p99']})"
        row.ratio = f"{ratio:.2f} ({pairs.spread()})"
        row.verdict = "met" if ratio >= 1.0 else "missed"
        row.notes.append(f"{len(body):,}-byte calendar; wrk -t2 -c8 -d{s.wrk_seconds}s on loopback; nginx as in row 4")
        return row

    # -- the run

    # -- row 12

    def row_toml(self) -> Row:
        s = self.sizes
        files = sorted((self.work / "big").rglob("*.toml"))
        size = sum(path.stat().st_size for path in files)
        row = Row(12, f"read the {s.partnerships:,}-partnership config ({len(files)} files, {size / 1e6:.1f} MB of TOML; "
                      "in-process, parse only)", "≥ 1.5× toml++")
        driver, missing = build_tomlpp_parse()
        if driver is None:
            raise NotMeasured(missing)
        paths = [str(path) for path in files]
        rounds = ["--rounds", str(s.swift_rounds)]
        helper = str(pathlib.Path(self.arguments.helper_dir) / "toml-bench")
        # One untimed run of each counts the values; the timed runs come after, in pairs.
        ours = json.loads(run_checked([helper, *paths, "--rounds", "1"], stdout=subprocess.PIPE).stdout)
        peer = json.loads(run_checked([str(driver), *paths, "--rounds", "1"], stdout=subprocess.PIPE).stdout)
        pairs = paired(s.pairs, lambda: rounds_median([helper, *paths, *rounds]),
                       lambda: rounds_median([str(driver), *paths, *rounds]))
        pythons = {}
        for module in ("tomllib", "rtoml"):
            pythons[module] = json.loads(run_checked(
                [self.python, str(HERE / "peers" / "toml_parse.py"), "--module", module, "--rounds",
                 str(s.python_rounds), *paths], stdout=subprocess.PIPE).stdout)
        counts = {"partnerd": ours["values"], "toml++": peer["values"],
                  **{module: result["values"] for module, result in pythons.items()}}
        if len(set(counts.values())) != 1:
            raise Broken("the readers found different numbers of values: "
                         + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
        ours_s, peer_s = pairs.ours_median, pairs.peer_median
        ratio = pairs.ratio
        row.ours = f"{seconds_text(ours_s)} (median of {s.swift_rounds} rounds, {s.pairs} runs)"
        row.peer = f"toml++ {seconds_text(peer_s)} (median of {s.swift_rounds} rounds, {s.pairs} runs)"
        row.ratio = f"{ratio_text(ratio)} toml++ ({pairs.spread()})"
        for module, result in pythons.items():
            module_s = statistics.median(result["seconds"])
            row.peer += f"; {module} {seconds_text(module_s)}"
            row.ratio += f", {ratio_text(module_s / ours_s)} {module}"
        row.verdict = "met" if ratio >= 1.5 else "missed"
        row.notes.append(f"all four readers find the same {ours['values']:,} values in {ours['bytes'] / 1e6:.1f} MB; "
                         f"partnerd {ours['bytes'] / ours_s / 1e6:.0f} MB/s, toml++ {peer['bytes'] / peer_s / 1e6:.0f} "
                         "MB/s; partnerd's tree also holds the position of every key and value, toml++'s holds its "
                         "source regions")
        return row

    def run(self) -> int:
        self.generate()
        methods = (self.row_recurrence, self.row_upcoming, self.row_export, self.row_feed, self.row_latency,
                   self.row_idle, self.row_memory, self.row_channels, self.row_reload, self.row_upcoming_json,
                   self.row_big_feed, self.row_toml)
        for number, method in enumerate(methods, start=1):
            if self.arguments.rows and number not in self.arguments.rows:
                continue
            began = time.perf_counter()
            try:
                row = method()
            except NotMeasured as reason:
                row = Row(number, ROW_NAMES[number], "", verdict=f"not measured: {reason}")
            except (Broken, subprocess.TimeoutExpired) as failure:
                row = Row(number, ROW_NAMES[number], "", verdict=f"BROKEN: {failure}")
                self.broken = True
            row.notes.append(f"row took {time.perf_counter() - began:.0f} s")
            print(f"row {number}: {row.verdict}", file=sys.stderr, flush=True)
            self.rows.append(row)
        report = self.report()
        print(report)
        if self.arguments.results and not self.arguments.rows:
            write_results(pathlib.Path(self.arguments.results), report)
        (self.work / "RESULTS.md").write_text(report + "\n", encoding="utf-8")
        return 1 if self.broken else 0

    def report(self) -> str:
        lines = [f"## Run of {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}"
                 + (" (smoke: tiny inputs, figures mean nothing)" if self.arguments.smoke else ""), ""]
        lines.append(f"- commit: `{commit()}`")
        for item in machine("debug" if self.arguments.smoke else "release"):
            lines.append(f"- {item}")
        lines += ["", "| # | comparison | partnerd | peer | ratio | target | verdict |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for row in self.rows:
            lines.append(f"| {row.number} | {row.what} | {row.ours} | {row.peer} | {row.ratio} | {row.target} | "
                         f"{row.verdict} |")
        lines += ["", "Ratios are peer time ÷ partnerd time (rows 1, 3 and 12; CPU time in row 2) and partnerd ÷ nginx throughput (rows 4 and 11). Each ratio is the median of the ratios of runs made in pairs (ours and the peer back to back, the order alternating); the spread is the lowest and highest of them.", ""]
        for row in self.rows:
            lines.append(f"{row.number}. " + "; ".join(row.notes))
        return "\n".join(lines)


ROW_NAMES = {1: "expand RRULEs vs dateutil and libical", 2: "`upcoming --days 365` vs remind",
             3: "`export` vs icalendar", 4: "`GET /calendar.ics` vs nginx", 5: "delivery latency",
             6: "idle context switches vs cron", 7: "memory and start-up", 8: "channel latency",
             9: "reload of 10,000 partnerships", 10: "`upcoming --json` memory", 11: "big calendar vs nginx",
             12: "reading the TOML config vs toml++, tomllib and rtoml"}


# ---------------------------------------------------------------------------------------------------------
# Pieces


def build_peer(source: pathlib.Path, binary: pathlib.Path, compiler_name: str, module: str, package: str,
               flags: list[str]) -> tuple[pathlib.Path | None, str]:
    """Compiles a peer's driver against the system's `module` (pkg-config) into the bench's build folder when the
    binary is missing or older than its source; returns the binary, or None and why the peer cannot be measured."""
    if binary.exists() and binary.stat().st_mtime >= source.stat().st_mtime:
        return binary, ""
    compiler = shutil.which(compiler_name)
    if compiler is None:
        return None, f"no compiler ({compiler_name}) to build {source.relative_to(HERE)}"
    if shutil.which("pkg-config") is None:
        return None, "pkg-config is not installed (Debian package pkg-config)"
    found = subprocess.run(["pkg-config", "--cflags", "--libs", module], capture_output=True, text=True)
    if found.returncode != 0:
        return None, f"{module} is not installed (Debian package {package})"
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    partial = binary.with_name(binary.name + ".partial")
    run_checked([compiler, *flags, "-o", str(partial), str(source), *found.stdout.split()])
    os.replace(partial, binary)
    return binary, ""


def build_libical_expand() -> tuple[pathlib.Path | None, str]:
    """peers/libical_expand.c against libical."""
    return build_peer(LIBICAL_SOURCE, BUILD_DIR / "libical-expand", "cc", "libical", "libical-dev", ["-O2"])


def build_tomlpp_parse() -> tuple[pathlib.Path | None, str]:
    """peers/tomlpp_parse.cpp against toml++."""
    return build_peer(HERE / "peers" / "tomlpp_parse.cpp", BUILD_DIR / "tomlpp-parse", "c++", "tomlplusplus",
                      "libtomlplusplus-dev", ["-O2", "-std=c++17"])


def occurrences_by_rule(dump: pathlib.Path) -> dict[int, list[str]]:
    """A row 1 dump (`<rule index> <occurrence>` lines) as each rule's occurrences in order."""
    result: dict[int, list[str]] = {}
    for line in dump.read_text(encoding="utf-8").splitlines():
        index, occurrence = line.split(" ", 1)
        result.setdefault(int(index), []).append(occurrence)
    return result


def uids(path: pathlib.Path) -> set[str]:
    unfolded = re.sub(r"\r?\n[ \t]", "", path.read_text(encoding="utf-8", errors="replace"))
    return set(re.findall(r"^UID:(.*?)\r?$", unfolded, flags=re.MULTILINE))


def http_get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def stop_nginx(nginx: subprocess.Popen) -> None:
    """Graceful stop (SIGQUIT), then a kill if it does not end within 10 s."""
    nginx.send_signal(signal.SIGQUIT)
    try:
        nginx.wait(timeout=10)
    except subprocess.TimeoutExpired:
        nginx.kill()
        nginx.wait()


def start_nginx(directory: pathlib.Path, port: int, body: bytes) -> subprocess.Popen:
    """nginx in the foreground, serving `body` as /calendar.ics from a file, on loopback."""
    (directory / "www").mkdir(exist_ok=True)
    (directory / "www" / "calendar.ics").write_bytes(body)
    temp = directory / "temp"
    temp.mkdir(exist_ok=True)
    conf = directory / "nginx.conf"
    conf.write_text(f"""worker_processes auto;
daemon off;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    types {{ text/calendar ics; }}
    charset utf-8;
    charset_types text/calendar;
    server {{
        listen 127.0.0.1:{port};
        root {directory}/www;
    }}
}}
""", encoding="utf-8")
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(directory), "-e", str(directory / "error.log")],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    end = time.monotonic() + 10
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise Broken(f"nginx exited: {process.stderr.read().decode(errors='replace')}") from None
            time.sleep(0.05)
    process.kill()
    raise Broken("nginx did not listen within 10 s")


def renders_reach(port: int, count: int, deadline_s: float = 120) -> None:
    """Waits until the daemon's /metrics counts `count` renderings of its feeds."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/metrics")
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for line in text.splitlines():
                if line.startswith("partnerd_feed_renders_total ") and float(line.split()[1]) >= count:
                    return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.05)
    raise Broken(f"the feeds were not rendered {count} times within {deadline_s:.0f} s")


def first_feed_after(port: int, deadline_s: float = 120) -> float:
    """Seconds until GET /calendar.ics first answers 200 (503 until the first rendering), polled every 20 ms."""
    began = time.perf_counter()
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/calendar.ics")
            response = connection.getresponse()
            if response.status == 200:
                elapsed = time.perf_counter() - began
                response.read()
                return elapsed
            response.read()
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.02)
    raise Broken(f"GET /calendar.ics did not answer 200 within {deadline_s:.0f} s")


def wrk(port: int, seconds: int, headers: dict[str, str] | None = None, connections: int = 64) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}/calendar.ics")
    output = run_checked(command, stdout=subprocess.PIPE, timeout=seconds + 60).stdout.decode()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, flags=re.MULTILINE)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if rps is None:
        raise Broken(f"cannot read wrk's output: {output[-300:]}")
    if errors or socket_errors:
        raise Broken(f"wrk saw failures: {(errors or socket_errors).group(0)}")
    return {"rps": float(rps.group(1)), "p99": p99.group(1) if p99 else "?"}


def start_cron(directory: pathlib.Path) -> tuple[subprocess.Popen | None, str]:
    """cron -f with no crontabs at all, in a private mount namespace, so it runs nothing of the host's."""
    binary = shutil.which("cron") or ("/usr/sbin/cron" if os.path.exists("/usr/sbin/cron") else None)
    if binary is None:
        return None, "cron is not installed (Debian package cron)"
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return None, "needs root and unshare(1) to hide the host's crontabs"
    empty = directory / "crontab"
    empty.write_text("")
    script = ("set -e; mount -t tmpfs none /etc/cron.d; mount --bind \"$1\" /etc/crontab; "
              "mkdir -p /var/spool/cron/crontabs; mount -t tmpfs none /var/spool/cron/crontabs; "
              "mount -t tmpfs none /run; exec \"$2\" -f -L 0")
    process = subprocess.Popen(["unshare", "--mount", "sh", "-c", script, "cron", str(empty), binary],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    end = time.monotonic() + 5
    while time.monotonic() < end:
        if process.poll() is not None:
            return None, f"cron did not start: {process.stderr.read().decode(errors='replace').strip()}"
        try:
            if pathlib.Path(f"/proc/{process.pid}/comm").read_text().strip() == "cron":
                return process, ""
        except OSError:
            pass
        time.sleep(0.05)
    process.kill()
    process.wait()
    return None, "cron did not start within 5 s"


def thread_switches(pid: int) -> dict[int, tuple[str, int]]:
    """Each thread's name and voluntary context switches so far, from /proc/<pid>/task/*/status."""
    result = {}
    for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except OSError:
            continue
        name = re.search(r"^Name:\s*(.*)$", status, flags=re.MULTILINE)
        count = re.search(r"^voluntary_ctxt_switches:\s*(\d+)", status, flags=re.MULTILINE)
        if name and count:
            result[int(task.name)] = (name.group(1), int(count.group(1)))
    return result


def switch_delta(before: dict, after: dict) -> tuple[int, list[tuple[str, int]]]:
    """Switches in the window, in total and per thread (a thread born in the window counts from 0)."""
    per_thread = []
    for tid, (name, count) in sorted(after.items()):
        per_thread.append((f"{name}[{tid}]", count - before.get(tid, (name, 0))[1]))
    gone = set(before) - set(after)
    if gone:
        per_thread.append((f"{len(gone)} threads that ended", 0))
    return sum(count for _, count in per_thread), per_thread


def memory_of(pid: int) -> tuple[float, float]:
    status = pathlib.Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"^VmRSS:\s*(\d+) kB", status, flags=re.MULTILINE).group(1))
    hwm = int(re.search(r"^VmHWM:\s*(\d+) kB", status, flags=re.MULTILINE).group(1))
    return rss / 1024, hwm / 1024


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return head + (" (with uncommitted changes)" if dirty else "")


def machine(build: str) -> list[str]:
    cpu = "unknown CPU"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(re.search(r"MemTotal:\s*(\d+)", pathlib.Path("/proc/meminfo").read_text()).group(1)) / 1024 / 1024
    release = "Linux"
    if os.path.exists("/etc/os-release"):
        found = re.search(r'^PRETTY_NAME="?(.*?)"?$', pathlib.Path("/etc/os-release").read_text(), flags=re.MULTILINE)
        release = found.group(1) if found else release
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    peers = []
    for package in ("remind", "wrk", "nginx", "cron", "libical-dev"):
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                                 text=True).stdout.strip()
        peers.append(f"{package} {version or 'missing'}")
    python_peers = subprocess.run(
        [sys.executable, "-c", "import dateutil, icalendar; print(dateutil.__version__, icalendar.__version__)"],
        capture_output=True, text=True).stdout.split()
    if len(python_peers) == 2:
        peers.append(f"python-dateutil {python_peers[0]}, icalendar {python_peers[1]} (Python {platform.python_version()})")
    return [f"machine: {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {release}, kernel {platform.release()}",
            f"toolchain: {swift[0] if swift else 'swift not found'}, {build} build",
            "peers: " + ", ".join(peers)]


def write_results(path: pathlib.Path, report: str) -> None:
    """Replaces the generated part of RESULTS.md, keeping what was written by hand around it."""
    block = f"{BEGIN_MARK}\n{report}\n{END_MARK}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if BEGIN_MARK in text and END_MARK in text:
            head, rest = text.split(BEGIN_MARK, 1)
            tail = rest.split(END_MARK, 1)[1]
            path.write_text(head + block + tail, encoding="utf-8")
            return
        path.write_text(text.rstrip("\n") + "\n\n" + block + "\n", encoding="utf-8")
        return
    path.write_text("# Benchmark results\n\n" + block + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin-dir", required=True, help="where partnerd and partnerctl are")
    parser.add_argument("--helper-dir", default="", help="where recurrence-bench is")
    parser.add_argument("--dispatch-idle", default="", help="the dispatch-idle baseline of row 6")
    parser.add_argument("--python", default=sys.executable, help="the Python with dateutil and icalendar")
    parser.add_argument("--work", required=True, help="a directory for inputs and outputs (emptied first)")
    parser.add_argument("--results", help="the RESULTS.md to update")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, seconds per row")
    parser.add_argument("--rows", type=lambda text: {int(part) for part in text.split(",")}, default=set(),
                        help="only these rows, e.g. 7,9,12 (RESULTS.md is then not updated)")
    return Bench(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
