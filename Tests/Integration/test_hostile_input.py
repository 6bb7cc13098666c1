"""No input can crash, freeze or bloat partnerd: every class of hostile config that once passed `check` and then
trapped, hung or ate memory is refused by `check` within seconds, and a running daemon rejects a reload of each and
answers `status` right after. Deadlines here are generous guards against hangs, not measurements."""

from __future__ import annotations

import subprocess
import time

import pytest

from daemon import Daemon, config_with_reminders, seconds_ahead, unique_id

PARTNERSHIP = '[[partnership]]\nid = "a"\ncity = "A"\npartner = "B"\ncountry = "BE"\nsigned = 1992-06-01\n'


def event(rrule: str, start: str = "1992-01-01T00:00:00") -> str:
    return f'\n[[partnership.event]]\nid = "e"\ntitle = "E"\nstart = {start}\nrrule = "{rrule}"\n'


HOSTILE = {
    "span of many parts": PARTNERSHIP + 'remind = ["' + " ".join(["999999y"] * 200_000) + '"]\n',
    "header twenty thousand levels deep": "[" + ".".join(["a"] * 20_000) + "]\n",
    "secondly rule counted two billion times": PARTNERSHIP + event("FREQ=SECONDLY;COUNT=2000000000"),
    "count beyond any number": PARTNERSHIP + event("FREQ=DAILY;COUNT=9223372036854775807"),
    "a megabyte of zone name": '[daemon]\ntimezone = "' + "Europe/Berlinn" * 75_000 + '"\n' + PARTNERSHIP,
    "ten megabytes of unknown key": "[daemon]\n" + "k" * 10_000_000 + " = 1\n" + PARTNERSHIP,
    "a horizon of ten thousand years": '[feed]\nhorizon = "999y 999y"\n' + PARTNERSHIP,
    "a newline that forges output": '[daemon]\ntimezone = "X\\nfake.toml:1:1: error: forged"\n' + PARTNERSHIP,
    "daemon as an array of tables": '[[daemon]]\ntimezone = "UTC"\n' + PARTNERSHIP,
    "a NUL byte in a zone": '[daemon]\ntimezone = "Europe/Berlin\\u0000"\n' + PARTNERSHIP,
    "a date with T and no time": "[daemon]\nx = [2023-11-25T$0:00:00]\n" + PARTNERSHIP,
    "a header after a comment with three quotes": "x = 1 # a '''\n[<<reminders]\n" + PARTNERSHIP,
    "a brace where an array element belongs": "[daemon]\nx = [1, }]\n" + PARTNERSHIP,
    "a control character next to a date": "[daemon]\nx = 1992-06-0\x01 1\n" + PARTNERSHIP,
    "a broken date followed by a space and a digit": PARTNERSHIP.replace("1992-06-01", "1967-06-2e 7"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_refuses_each_hostile_config_at_once(partnerctl, tmp_path, name):
    config = tmp_path / "partnerd.toml"
    config.write_text(HOSTILE[name], encoding="utf-8")
    result = subprocess.run([str(partnerctl), "check", "--config", str(config)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1, (name, result.stdout[-500:], result.stderr[-2000:])
    assert ": error: " in result.stderr
    # Every issue is one line, or two with its fix: nothing a value holds can add lines.
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(": error: " in line or ": warning: " in line or line.startswith("    fix: ")
               or ": invalid: " in line for line in lines), lines[:6]
    assert len(result.stderr) < 200_000, "the message quotes a whole hostile value"


def test_a_repeated_include_over_five_thousand_files_loads_once(partnerctl, tmp_path):
    included = tmp_path / "partnerships.d"
    included.mkdir()
    for index in range(5_000):
        (included / f"p{index:04}.toml").write_text(PARTNERSHIP.replace('"a"', f'"p{index}"'), encoding="utf-8")
    patterns = ", ".join(['"partnerships.d/*.toml"'] * 200)
    config = tmp_path / "partnerd.toml"
    config.write_text(f"include = [{patterns}]\n", encoding="utf-8")
    result = subprocess.run([str(partnerctl), "check", "--config", str(config)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "valid: 5000 partnerships" in result.stdout


def test_upcoming_of_a_minutely_rule_over_ten_years_streams(partnerctl, tmp_path):
    config = tmp_path / "partnerd.toml"
    config.write_text(PARTNERSHIP + event("FREQ=MINUTELY;INTERVAL=30", start="2026-01-01T00:00:00"), encoding="utf-8")
    process = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", str(partnerctl), "upcoming", "--config", str(config), "--from", "2026-01-01",
         "--days", "3650", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    count = 0
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(b'  "uid"'):
            count += 1
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors[-2000:]
    assert count > 170_000
    peak_kb = int(errors.decode().strip().splitlines()[-1])
    # Held whole, 175,000 occurrences and their JSON took several hundred megabytes.
    assert peak_kb < 120_000, f"upcoming held {peak_kb} kB for a streamed output"


def test_the_daemon_rejects_a_reload_of_each_and_answers_status(partnerd, partnerctl, journal, tmp_path):
    config = tmp_path / "partnerd.toml"
    good = config_with_reminders(unique_id(), seconds_ahead(3600))
    config.write_text(good, encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path).start()
    socket = str(daemon.socket)
    try:
        status = None
        for _ in range(100):
            status = subprocess.run([str(partnerctl), "status", "--socket", socket], capture_output=True, timeout=30)
            if status.returncode == 0:
                break
            time.sleep(0.1)
        assert status is not None and status.returncode == 0
        for name, text in sorted(HOSTILE.items()):
            config.write_text(text, encoding="utf-8")
            reload = subprocess.run([str(partnerctl), "reload", "--socket", socket], capture_output=True, text=True,
                                    timeout=60)
            assert reload.returncode == 1, (name, reload.stdout[-500:], reload.stderr[-500:])
            after = subprocess.run([str(partnerctl), "status", "--socket", socket], capture_output=True, text=True,
                                   timeout=30)
            assert after.returncode == 0, (name, after.stderr[-500:])
        assert daemon.process.poll() is None
    finally:
        config.write_text(good, encoding="utf-8")
        assert daemon.stop() == 0


def test_resident_memory_stays_flat_over_1000_reloads(partnerd, sample_config, tmp_path):
    """Each reload parses every file of the sample config again; what a parse leaves behind would add up."""
    import socket

    from daemon import free_port

    daemon = Daemon(partnerd, sample_config, tmp_path, log_target="stderr", listen=f"127.0.0.1:{free_port()}").start()

    def resident_kb() -> int:
        with open(f"/proc/{daemon.pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

    def reload() -> None:
        with socket.socket(socket.AF_UNIX) as control:
            control.settimeout(30)
            control.connect(str(daemon.socket))
            control.sendall(b'{"command":"reload","version":1}\n')
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = control.recv(65536)
                if not chunk:
                    break
                answer += chunk
        assert b'"applied"' in answer, answer[:500]

    try:
        deadline = time.monotonic() + 20
        while not daemon.socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        marks = {}
        for count in range(1, 1001):
            reload()
            if count in (250, 500, 750, 1000):
                marks[count] = resident_kb()
    finally:
        assert daemon.stop() == 0, daemon.output()[-2000:]
    # Before the parser's copies were freed, each reload of the sample kept about 17 kB: 12 MB over these 750.
    growth = marks[1000] - marks[250]
    assert growth < 1024, f"resident memory grew by {growth} kB over 750 reloads: {marks}"
