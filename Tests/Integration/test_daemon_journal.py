"""The daemon against a real systemd-journald: on-time delivery with every field, reloads, kill -9,
catch-up, sd_notify, a corrupt ledger."""

from __future__ import annotations

import datetime
import json
import signal
import subprocess
import time

from daemon import Daemon, NotifyListener, config_with_reminders, seconds_ahead, unique_id

REMINDER_DUE = "1f9ae9df9063435a837a898553dd92d1"
RELOAD_REJECTED = "a166208673d2477499594936d34b4717"
LEDGER_CORRUPT = "95276da068614de98eaeb14ed554e8bf"
STARTED = "5c1c2e12a31a4779b384d6fdcd2f8fac"
STOPPING = "168713f51541489fb6e5b72dc73e237f"


def parse_iso(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def test_reminders_arrive_on_time_once_with_every_field(partnerd, journal, tmp_path):
    partnership = unique_id()
    dues = seconds_ahead(3, 4, 4)
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(partnership, dues), encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        entries = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=15, count=3)
        assert len(entries) == 3, daemon.output()
        time.sleep(1.5)
        entries = journal.read({"PARTNERD_PARTNERSHIP": partnership})
        assert len(entries) == 3, "a reminder was delivered twice"
    finally:
        assert daemon.stop() == 0
    by_event = {entry["PARTNERD_EVENT"]: entry for entry in entries}
    assert sorted(by_event) == ["e0", "e1", "e2"]
    for index, due in enumerate(dues):
        entry = by_event[f"e{index}"]
        assert entry["MESSAGE_ID"] == REMINDER_DUE
        assert entry["PRIORITY"] == "5"
        assert entry["SYSLOG_IDENTIFIER"] == "partnerd"
        assert entry["_PID"] == str(daemon.pid)
        assert entry["PARTNERD_KIND"] == "event"
        assert entry["PARTNERD_UID"] == f"e{index}.{partnership}@partnerd"
        assert entry["PARTNERD_LEAD"] == "1d"
        assert parse_iso(entry["PARTNERD_DUE"]) == due
        assert parse_iso(entry["PARTNERD_OCCURRENCE"]) == due + datetime.timedelta(days=1)
        assert "PARTNERD_LATE" not in entry and "PARTNERD_ANNIVERSARY" not in entry
        assert entry["MESSAGE"].startswith(f"In 1 day: Event {index} (")
        delivered = int(entry["__REALTIME_TIMESTAMP"]) / 1e6
        assert delivered >= due.timestamp(), "delivered before its due time"


def test_a_rejected_reload_keeps_the_old_schedule(partnerd, journal, tmp_path):
    partnership = unique_id()
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(partnership, seconds_ahead(5)), encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        assert journal.entries({"MESSAGE_ID": STARTED, "_PID": daemon.pid}, deadline_s=10), daemon.output()
        config.write_text("[daemon]\nlanguage = \"xx\"\n", encoding="utf-8")
        daemon.signal(signal.SIGHUP)
        rejected = journal.entries({"MESSAGE_ID": RELOAD_REJECTED, "_PID": daemon.pid}, deadline_s=10)
        assert rejected and '"xx" is not a supported language' in rejected[0]["MESSAGE"]
        delivered = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=15)
        assert len(delivered) == 1, daemon.output()
    finally:
        assert daemon.stop() == 0


def test_kill_9_then_restart_delivers_the_missed_reminder_late_once(partnerd, journal, tmp_path):
    partnership = unique_id()
    dues = seconds_ahead(2, 6)
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(partnership, dues), encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path).start()
    first = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=15)
    assert [entry["PARTNERD_EVENT"] for entry in first] == ["e0"], daemon.output()
    # Kill only once the ledger holds e0: a kill between the journal write and the ledger write is the
    # one in-flight case that SPEC.md allows to repeat, and this test is about the other one.
    ledger = tmp_path / "state" / "ledger.json"
    end = time.monotonic() + 10
    while time.monotonic() < end and '"uid":"e0.' not in (ledger.read_text() if ledger.exists() else ""):
        time.sleep(0.02)
    daemon.kill()
    while time.time() < dues[1].timestamp() + 1.5:
        time.sleep(0.1)
    restarted = Daemon(partnerd, config, tmp_path).start()
    try:
        late = journal.entries({"PARTNERD_PARTNERSHIP": partnership, "PARTNERD_EVENT": "e1"}, deadline_s=15)
        assert len(late) == 1, restarted.output()
        assert late[0]["PARTNERD_LATE"] == "1"
        assert late[0]["PRIORITY"] == "4"
        assert late[0]["_PID"] == str(restarted.pid)
        time.sleep(1.5)
        assert len(journal.read({"PARTNERD_PARTNERSHIP": partnership, "PARTNERD_EVENT": "e0"})) == 1
        assert len(journal.read({"PARTNERD_PARTNERSHIP": partnership, "PARTNERD_EVENT": "e1"})) == 1
    finally:
        assert restarted.stop() == 0


def test_a_first_start_delivers_nothing_from_the_past(partnerd, journal, tmp_path):
    partnership = unique_id()
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(partnership, seconds_ahead(-120, 3)), encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        delivered = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=15)
        time.sleep(1)
        delivered = journal.read({"PARTNERD_PARTNERSHIP": partnership})
        assert [entry["PARTNERD_EVENT"] for entry in delivered] == ["e1"], daemon.output()
    finally:
        assert daemon.stop() == 0


def test_sd_notify_ready_status_reloading_stopping(partnerd, journal, tmp_path):
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(unique_id(), seconds_ahead(3600)), encoding="utf-8")
    listener = NotifyListener(tmp_path / "notify.sock")
    daemon = Daemon(partnerd, config, tmp_path, env={"NOTIFY_SOCKET": str(listener.path)}).start()
    try:
        assert listener.wait_for("READY=1"), (listener.messages, daemon.output())
        assert any(line.startswith("STATUS=Next: Event 0") for m in listener.messages for line in m.split("\n")), \
            listener.messages
        daemon.signal(signal.SIGHUP)
        assert listener.wait_for("RELOADING=1"), listener.messages
        reloading = next(m for m in listener.messages if "RELOADING=1" in m.split("\n"))
        assert any(line.startswith("MONOTONIC_USEC=") for line in reloading.split("\n"))
        assert listener.wait_for("READY=1", times=2), listener.messages
        daemon.signal(signal.SIGTERM)
        assert listener.wait_for("STOPPING=1"), listener.messages
        assert daemon.stop() == 0
    finally:
        daemon.stop()
        listener.close()


def test_sigterm_stops_quickly_and_writes_the_ledger(partnerd, journal, tmp_path):
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(unique_id(), seconds_ahead(3600)), encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path).start()
    assert journal.entries({"MESSAGE_ID": STARTED, "_PID": daemon.pid}, deadline_s=10), daemon.output()
    before = time.time()
    daemon.signal(signal.SIGTERM)
    assert daemon.stop(timeout=5) == 0
    ledger = json.loads((tmp_path / "state" / "ledger.json").read_text())
    assert ledger["version"] == 2 and ledger["lastSeen"] >= int(before) - 1
    assert journal.entries({"MESSAGE_ID": STOPPING, "_PID": daemon.pid}, deadline_s=10)


def test_a_corrupt_ledger_is_set_aside_and_the_daemon_runs_on(partnerd, journal, tmp_path):
    partnership = unique_id()
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(partnership, seconds_ahead(3)), encoding="utf-8")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "ledger.json").write_text("{ this is not json", encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        corrupt = journal.entries({"MESSAGE_ID": LEDGER_CORRUPT, "_PID": daemon.pid}, deadline_s=10)
        assert corrupt and "set aside" in corrupt[0]["MESSAGE"], daemon.output()
        assert list((tmp_path / "state").glob("ledger.json.corrupt-*"))
        assert journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=15), daemon.output()
    finally:
        assert daemon.stop() == 0


def test_stderr_target_prints_the_same_facts(partnerd, tmp_path):
    partnership = unique_id()
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(partnership, seconds_ahead(2), language="de"), encoding="utf-8")
    daemon = Daemon(partnerd, config, tmp_path, log_target="stderr").start()
    try:
        assert daemon.wait_for_output(f"PARTNERD_PARTNERSHIP={partnership}", deadline_s=15), daemon.output()
    finally:
        assert daemon.stop() == 0
    line = next(l for l in daemon.output().splitlines() if f"PARTNERD_PARTNERSHIP={partnership}" in l)
    assert "notice: In 1 Tag: Event 0" in line
    for field in ("MESSAGE_ID=" + REMINDER_DUE, "PARTNERD_EVENT=e0", "PARTNERD_LEAD=1d", "PARTNERD_DUE="):
        assert field in line


def test_invalid_config_exits_1_and_bad_arguments_exit_2(partnerd, tmp_path):
    config = tmp_path / "partnerd.toml"
    config.write_text("[daemon]\nnotify_at = \"noon\"\n", encoding="utf-8")
    result = subprocess.run([str(partnerd), "--config", str(config), "--log-target", "stderr",
                             "--state-directory", str(tmp_path / "s")], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert '"noon" is not a time of day' in result.stderr
    for arguments in (["--log-target", "syslog"], ["--listen", "nowhere"], ["--frobnicate"]):
        result = subprocess.run([str(partnerd), *arguments], capture_output=True, text=True, timeout=30)
        assert result.returncode == 2, (arguments, result.stderr)
    version = subprocess.run([str(partnerd), "--version"], capture_output=True, text=True, timeout=30)
    assert version.returncode == 0 and version.stdout.strip()


START_FAILED = "7614b336fa414cdc8e947cdc2735d974"


def test_a_rejected_reload_says_so_in_the_unit_status(partnerd, journal, tmp_path):
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(unique_id(), seconds_ahead(3600)), encoding="utf-8")
    listener = NotifyListener(tmp_path / "notify.sock")
    daemon = Daemon(partnerd, config, tmp_path, env={"NOTIFY_SOCKET": str(listener.path)}).start()
    try:
        assert listener.wait_for("READY=1"), (listener.messages, daemon.output())
        config.write_text("[daemon]\nlanguage = \"xx\"\n", encoding="utf-8")
        daemon.signal(signal.SIGHUP)
        assert listener.wait_for("READY=1", times=2), listener.messages
        last_ready = [m for m in listener.messages if "READY=1" in m.split("\n")][-1]
        status = [line for line in last_ready.split("\n") if line.startswith("STATUS=")]
        assert status and status[0].startswith("STATUS=Reload rejected: 1 error in "), last_ready
        assert "previous config stays in force" in status[0]
    finally:
        assert daemon.stop() == 0
        listener.close()


def start_with_invalid_config(partnerd, tmp_path, stderr, env):
    config = tmp_path / "partnerd.toml"
    config.write_text("[daemon]\nnotify_at = \"noon\"\n", encoding="utf-8")
    process = subprocess.Popen(
        [str(partnerd), "--config", str(config), "--log-target", "journald", "--state-directory", str(tmp_path / "s")],
        stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    assert process.wait(timeout=30) == 1
    return process.pid


def test_a_start_failure_is_one_journal_entry_with_its_message_id(partnerd, journal, tmp_path):
    import os
    # Under systemd, standard error is the journal stream that $JOURNAL_STREAM names: nothing more goes there.
    stream_file = tmp_path / "stderr-as-journal-stream"
    with open(stream_file, "w") as stream:
        info = os.fstat(stream.fileno())
        env = {**os.environ, "JOURNAL_STREAM": f"{info.st_dev}:{info.st_ino}"}
        pid = start_with_invalid_config(partnerd, tmp_path, stream, env)
    entries = journal.entries({"MESSAGE_ID": START_FAILED, "_PID": str(pid)}, deadline_s=10)
    assert len(entries) == 1 and '"noon" is not a time of day' in entries[0]["MESSAGE"]
    assert entries[0]["PRIORITY"] == "2"
    assert stream_file.read_text() == ""
    # Started from a terminal (stderr is not the journal), the error shows there as well.
    terminal_file = tmp_path / "stderr-as-terminal"
    with open(terminal_file, "w") as terminal:
        env = {key: value for key, value in os.environ.items() if key != "JOURNAL_STREAM"}
        start_with_invalid_config(partnerd, tmp_path, terminal, env)
    assert '"noon" is not a time of day' in terminal_file.read_text()


def test_socket_group_gives_the_control_socket_to_the_operators(partnerd, partnerctl, journal, tmp_path):
    import grp
    import os
    import stat as stat_module
    import pathlib
    import tempfile
    group = grp.getgrnam("nogroup")
    # pytest's own folders are private to root; the other users must reach the socket.
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="partnerd-socket-group-"))
    workdir.chmod(0o755)
    config = workdir / "partnerd.toml"
    config.write_text(config_with_reminders(unique_id(), seconds_ahead(3600)), encoding="utf-8")
    daemon = Daemon(partnerd, config, workdir, arguments=["--socket-group", "nogroup"]).start()
    try:
        assert journal.entries({"MESSAGE_ID": STARTED, "_PID": daemon.pid}, deadline_s=10), daemon.output()
        info = os.stat(daemon.socket)
        assert stat_module.S_ISSOCK(info.st_mode) and info.st_mode & 0o777 == 0o660
        assert info.st_gid == group.gr_gid
        # Someone outside the group is told which group to join.
        refused = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65533", "--clear-groups", str(partnerctl), "status",
             "--socket", str(daemon.socket)], capture_output=True, text=True, timeout=30)
        assert refused.returncode == 4, refused.stderr
        assert 'members of the group "nogroup"' in refused.stderr and "usermod -aG nogroup" in refused.stderr
        # A member of the group may ask.
        member = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65533", f"--groups={group.gr_gid}", str(partnerctl), "status",
             "--socket", str(daemon.socket)], capture_output=True, text=True, timeout=30)
        assert member.returncode == 0, member.stderr
    finally:
        assert daemon.stop() == 0


def test_an_unknown_socket_group_stops_the_start_with_the_fix(partnerd, tmp_path):
    config = tmp_path / "partnerd.toml"
    config.write_text(config_with_reminders(unique_id(), seconds_ahead(3600)), encoding="utf-8")
    result = subprocess.run(
        [str(partnerd), "--config", str(config), "--log-target", "stderr", "--state-directory", str(tmp_path / "s"),
         "--socket", str(tmp_path / "p.sock"), "--socket-group", "no-such-group-here"],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert 'giving it to the group "no-such-group-here"' in result.stderr
    assert "groupadd --system no-such-group-here" in result.stderr
