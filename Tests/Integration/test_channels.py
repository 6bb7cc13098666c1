"""Channels against real receivers: webhooks (json, slack, ntfy) and their faults, exec, mail through an SMTP
server with STARTTLS and AUTH, Matrix through a Synapse homeserver, digests after downtime, reloads, and
`partnerctl test`. Every count is exact: a channel delivers each reminder once."""

from __future__ import annotations

import base64
import email.header
import json
import pathlib
import shutil
import subprocess
import time

import pytest
from icalendar import Calendar

from daemon import Daemon, config_with_reminders, seconds_ahead, unique_id
from receivers import (  # noqa: F401  (fixtures)
    HttpReceiver, Response, SmtpServer, synapse, tls_certificates,
)

CHANNEL_DELIVERED = "c32d4e3e3b344c148cb2d24408f1006f"
CHANNEL_FAILED = "81497ea41bfc4332af1be21bc621d258"
CHANNEL_DROPPED = "43d168f5efee4c0082e3a2229886ced5"
REMINDER_DUE = "1f9ae9df9063435a837a898553dd92d1"


def channel_block(channel_id: str, kind: str, **keys: object) -> str:
    """A [[channel]] table in TOML."""
    lines = [f'[[channel]]\nid = "{channel_id}"\ntype = "{kind}"']
    for key, value in keys.items():
        lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n\n"


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{key}" = {toml_value(item)}' for key, item in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def write_config(path: pathlib.Path, partnership: str, dues, channels: str, defaults: list[str],
                 *, language: str = "en") -> None:
    """The reminders of `config_with_reminders`, sent to `defaults` and the channels described by `channels`."""
    base = config_with_reminders(partnership, dues, language=language)
    head = f"[reminders]\nchannels = {toml_value(defaults)}\n\n{channels}"
    path.write_text(base.replace("[feed]", head + "[feed]", 1), encoding="utf-8")


def status_json(partnerctl, daemon: Daemon) -> dict:
    answer = subprocess.run([str(partnerctl), "status", "--json", "--socket", str(daemon.socket)],
                            capture_output=True, text=True, timeout=10)
    assert answer.returncode == 0, answer.stderr
    return json.loads(answer.stdout)


def channel_status(partnerctl, daemon: Daemon, channel_id: str) -> dict:
    return next(item for item in status_json(partnerctl, daemon)["channels"] if item["id"] == channel_id)


def wait_until(condition, deadline_s: float, what: str):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


# MARK: - Webhooks and exec, with their faults, in one run of the daemon


@pytest.fixture(scope="module")
def webhook_run(partnerd, partnerctl, journald_service, tmp_path_factory):
    """One daemon, one reminder due three seconds after start, sent to nine channels, each with its own receiver
    and fault. The run lasts until every retry has settled (about 40 s); the tests read what it left."""
    from journald import Journal

    work = tmp_path_factory.mktemp("webhooks")
    partnership = unique_id("hooks")
    token = work / "hook-token"
    token.write_text("s3cret-token-value\n")
    receivers = {
        "json": HttpReceiver(), "slack": HttpReceiver(), "ntfy": HttpReceiver(),
        "flaky": HttpReceiver([Response(status=500, body="overloaded")]),
        "limited": HttpReceiver([Response(status=429, headers={"Retry-After": "2"}, body="slow down")]),
        "down": HttpReceiver(), "hang": HttpReceiver(hang=True), "refused": HttpReceiver([Response(status=403)]),
        "broken": HttpReceiver([Response(status=500)] * 10),
    }
    for receiver in receivers.values():
        receiver.start()
    receivers["down"].stop()
    script = work / "record.sh"
    script.write_text(
        "#!/bin/sh\n"
        'env | grep ^PARTNERD_ | sort > "$0.env.$PARTNERD_DELIVERY_ID"\n'
        'cat > "$0.stdin.$PARTNERD_DELIVERY_ID"\n'
        "echo recorded\n")
    script.chmod(0o755)
    ids = {name: f"{name}-{partnership[-6:]}" for name in [*receivers, "exec"]}
    channels = channel_block(ids["json"], "webhook", url=receivers["json"].url + "/hook", token_file=str(token),
                             headers={"X-Team": "protokoll"})
    channels += channel_block(ids["slack"], "webhook", url=receivers["slack"].url + "/slack", format="slack")
    channels += channel_block(ids["ntfy"], "webhook", url=receivers["ntfy"].url + "/partnerd", format="ntfy")
    for name in ["flaky", "limited", "down", "hang", "refused"]:
        channels += channel_block(ids[name], "webhook", url=receivers[name].url + f"/{name}")
    channels += channel_block(ids["broken"], "webhook", url=receivers["broken"].url + "/broken", retry_for="1min")
    channels += channel_block(ids["exec"], "exec", command=[str(script), "--flag"], timeout="10s")
    config = work / "partnerd.toml"
    dues = seconds_ahead(3)
    write_config(config, partnership, dues, channels, list(ids.values()))
    daemon = Daemon(partnerd, config, work).start()
    journal = Journal()
    observed: dict[str, object] = {}
    try:
        entries = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=15, count=1)
        assert len(entries) == 1, daemon.output()
        observed["journal_at"] = int(entries[0]["__REALTIME_TIMESTAMP"]) / 1e6
        receivers["json"].wait_for(1, timeout=10)
        observed["json_at"] = receivers["json"].requests[0].time
        observed["json_wall"] = time.time() - (time.monotonic() - receivers["json"].requests[0].time)
        receivers["exec_done"] = None  # type: ignore[assignment]
        wait_until(lambda: list(work.glob("record.sh.stdin.*")), 10, "the exec channel")
        observed["exec_wall"] = time.time()
        time.sleep(2)
        receivers["down"].start()
        # The hung receiver's delivery times out after 30 s; the flaky and down ones are retried 30 s after their
        # first try, the broken one gives up when its retry_for of a minute would pass.
        wait_until(lambda: len(receivers["flaky"].requests) == 2 and len(receivers["down"].requests) == 1, 45,
                   "the retries of the flaky and the down receiver")
        wait_until(lambda: journal.read({"MESSAGE_ID": CHANNEL_FAILED, "CHANNEL": ids["broken"]}), 45,
                   "the broken channel to give up")
        observed["hang_status"] = wait_until(
            lambda: (lambda item: item if item["last_error"] else None)(channel_status(partnerctl, daemon, ids["hang"])),
            10, "the hung delivery's timeout")
        observed["status"] = status_json(partnerctl, daemon)
        time.sleep(1)
    finally:
        code = daemon.stop()
        for receiver in receivers.values():
            if receiver is not None:
                receiver.stop()
    assert code == 0, daemon.output()
    yield {"receivers": receivers, "ids": ids, "journal": journal, "daemon": daemon, "work": work,
           "partnership": partnership, "observed": observed, "due": dues[0]}


def test_json_webhook_carries_every_field_the_token_and_the_delivery_id(webhook_run):
    requests = webhook_run["receivers"]["json"].requests
    assert len(requests) == 1
    request = requests[0]
    body = request.json()
    partnership = webhook_run["partnership"]
    assert request.method == "POST" and request.path == "/hook"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["authorization"] == "Bearer s3cret-token-value"
    assert request.headers["x-team"] == "protokoll"
    assert request.headers["idempotency-key"] == body["delivery_id"]
    assert len(body["delivery_id"]) == 32 and int(body["delivery_id"], 16) >= 0
    assert body["partnership"] == partnership and body["event"] == "e0" and body["kind"] == "event"
    assert body["uid"] == f"e0.{partnership}@partnerd"
    assert body["lead"] == "1d" and body["late"] is False and body["anniversary"] is None
    assert body["language"] == "en" and body["title"] == "Event 0"
    assert body["message"].startswith("In 1 day: Event 0 (")
    assert body["due"] == webhook_run["due"].strftime("%Y-%m-%dT%H:%M:%S+00:00")


def test_slack_and_ntfy_formats(webhook_run):
    slack = webhook_run["receivers"]["slack"].requests
    assert len(slack) == 1 and set(slack[0].json()) == {"text"}
    assert slack[0].json()["text"].startswith("In 1 day: Event 0")
    ntfy = webhook_run["receivers"]["ntfy"].requests
    assert len(ntfy) == 1
    assert ntfy[0].body.decode().startswith("In 1 day: Event 0")
    assert ntfy[0].headers["title"].startswith("In 1 day: Event 0")
    assert ntfy[0].headers["tags"] == "date" and ntfy[0].headers["priority"] == "3"
    # Each channel is its own delivery with its own id.
    keys = {webhook_run["receivers"][name].requests[0].headers["idempotency-key"] for name in ["json", "slack", "ntfy"]}
    assert len(keys) == 3


def test_journal_and_healthy_channels_are_on_time_while_one_receiver_hangs(webhook_run):
    observed = webhook_run["observed"]
    due = webhook_run["due"].timestamp()
    # The hung delivery holds on for 30 s: anything that waited for it would arrive after that. The bounds say
    # "not behind it", not how fast.
    assert due <= observed["journal_at"] < due + 15, "the journal waited for a hung receiver"
    assert observed["json_wall"] < due + 15, "a hung receiver delayed another channel"
    assert observed["exec_wall"] < due + 15, "a hung receiver delayed another channel"
    hang = observed["hang_status"]
    # Whichever gives up first: the HTTP client's read timeout or the delivery's own 30 s.
    assert "did not answer within 30 s" in hang["last_error"] or "took longer than 30 s" in hang["last_error"]
    assert hang["delivered"] == 0 and hang["retrying"] == 1


def test_500_then_200_and_receiver_down_then_up_deliver_once_with_the_same_key(webhook_run):
    for name in ["flaky", "down"]:
        requests = webhook_run["receivers"][name].requests
        assert len(requests) == (2 if name == "flaky" else 1), name
        assert len({request.headers["idempotency-key"] for request in requests}) == 1
    status = {item["id"]: item for item in webhook_run["observed"]["status"]["channels"]}
    for name in ["flaky", "down", "limited", "json"]:
        item = status[webhook_run["ids"][name]]
        assert item["delivered"] == 1 and item["retrying"] == 0 and item["failures"] == 0, item


def test_429_waits_for_retry_after_not_the_backoff(webhook_run):
    requests = webhook_run["receivers"]["limited"].requests
    assert len(requests) == 2
    waited = requests[1].time - requests[0].time
    assert 1.5 <= waited < 15, waited


def test_a_403_fails_at_once_and_retry_for_gives_up_with_its_own_entry(webhook_run):
    journal, ids = webhook_run["journal"], webhook_run["ids"]
    assert len(webhook_run["receivers"]["refused"].requests) == 1, "a permanent error was retried"
    refused = journal.read({"MESSAGE_ID": CHANNEL_FAILED, "CHANNEL": ids["refused"]})
    assert len(refused) == 1 and "HTTP 403" in refused[0]["MESSAGE"] and "after 1 try" in refused[0]["MESSAGE"]
    broken = journal.read({"MESSAGE_ID": CHANNEL_FAILED, "CHANNEL": ids["broken"]})
    assert len(broken) == 1 and "HTTP 500" in broken[0]["MESSAGE"]
    assert len(webhook_run["receivers"]["broken"].requests) == 2
    status = {item["id"]: item for item in webhook_run["observed"]["status"]["channels"]}
    assert status[ids["refused"]]["failures"] == 1 and "HTTP 403" in status[ids["refused"]]["last_error"]
    assert status[ids["broken"]]["failures"] == 1
    # Secrets stay out of the status.
    assert "s3cret" not in json.dumps(webhook_run["observed"]["status"])


def test_exec_gets_the_fields_in_its_environment_and_the_json_on_stdin(webhook_run):
    work, partnership = webhook_run["work"], webhook_run["partnership"]
    [stdin] = list(work.glob("record.sh.stdin.*"))
    [environment] = list(work.glob("record.sh.env.*"))
    payload = json.loads(stdin.read_text())
    variables = dict(line.split("=", 1) for line in environment.read_text().splitlines())
    assert payload["uid"] == f"e0.{partnership}@partnerd"
    assert variables["PARTNERD_DELIVERY_ID"] == payload["delivery_id"] == stdin.name.rsplit(".", 1)[1]
    assert variables["PARTNERD_PARTNERSHIP"] == partnership and variables["PARTNERD_LEAD"] == "1d"
    assert variables["PARTNERD_UID"] == payload["uid"] and variables["PARTNERD_MESSAGE"] == payload["message"]
    assert "PARTNERD_LATE" not in variables
    delivered = webhook_run["journal"].read({"MESSAGE_ID": CHANNEL_DELIVERED, "CHANNEL": webhook_run["ids"]["exec"]})
    assert len(delivered) == 1 and "recorded" in delivered[0]["MESSAGE"]


# MARK: - Downtime, reloads, partnerctl test


def test_downtime_with_five_missed_reminders_gives_one_digest_per_channel(partnerd, journal, tmp_path):
    partnership = unique_id("digest")
    receiver = HttpReceiver().start()
    script = tmp_path / "count.sh"
    script.write_text('#!/bin/sh\ncat > "$0.stdin.$PARTNERD_DELIVERY_ID"\n')
    script.chmod(0o755)
    channels = channel_block("digest-hook", "webhook", url=receiver.url + "/d", language="de")
    channels += channel_block("digest-run", "exec", command=[str(script)])
    config = tmp_path / "partnerd.toml"
    write_config(config, partnership, seconds_ahead(3, 3, 4, 4, 5), channels, ["digest-hook", "digest-run"])
    daemon = Daemon(partnerd, config, tmp_path).start()
    assert daemon.wait_for_output("", 1)
    time.sleep(1.5)
    assert daemon.stop() == 0
    time.sleep(5)
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        late = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=15, count=5)
        assert len(late) == 5 and all(entry.get("PARTNERD_LATE") == "1" for entry in late)
        receiver.wait_for(1, timeout=10)
        wait_until(lambda: list(tmp_path.glob("count.sh.stdin.*")), 10, "the exec digest")
        time.sleep(1.5)
    finally:
        assert daemon.stop() == 0
        receiver.stop()
    assert len(receiver.requests) == 1
    body = receiver.requests[0].json()
    assert body["digest"] is True and len(body["reminders"]) == 5 and body["language"] == "de"
    assert body["message"].startswith("5 Erinnerungen")
    assert all(item["late"] for item in body["reminders"])
    [stdin] = list(tmp_path.glob("count.sh.stdin.*"))
    assert len(json.loads(stdin.read_text())["reminders"]) == 5


def test_a_reload_that_removes_a_channel_drops_its_pending_retry(partnerd, journal, tmp_path):
    partnership = unique_id("drop")
    receiver = HttpReceiver([Response(status=503)] * 5).start()
    keep = HttpReceiver().start()
    gone = unique_id("gone")
    channels = channel_block(gone, "webhook", url=receiver.url + "/x")
    kept = channel_block("drop-kept", "webhook", url=keep.url + "/y")
    config = tmp_path / "partnerd.toml"
    dues = seconds_ahead(3)
    write_config(config, partnership, dues, channels + kept, [gone, "drop-kept"])
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        receiver.wait_for(1, timeout=10)
        keep.wait_for(1, timeout=10)
        write_config(config, partnership, dues, kept, ["drop-kept"])
        reload = subprocess.run([str(partnerd.parent / "partnerctl"), "reload", "--socket", str(daemon.socket)],
                                capture_output=True, text=True, timeout=15)
        assert reload.returncode == 0, reload.stdout + reload.stderr
        dropped = journal.entries({"MESSAGE_ID": CHANNEL_DROPPED, "CHANNEL": gone}, deadline_s=10, count=1)
        assert len(dropped) == 1 and partnership in dropped[0]["UID"]
        time.sleep(1)
    finally:
        assert daemon.stop() == 0
        receiver.stop()
        keep.stop()
    assert len(receiver.requests) == 1 and len(keep.requests) == 1


def test_partnerctl_test_sends_one_message_and_says_what_the_receiver_answered(partnerctl, tmp_path):
    good = HttpReceiver([Response(status=202, body={"queued": True})]).start()
    bad = HttpReceiver([Response(status=401, body="bad token")]).start()
    channels = channel_block("probe-good", "webhook", url=good.url + "/t", language="fr")
    channels += channel_block("probe-bad", "webhook", url=bad.url + "/t")
    config = tmp_path / "partnerd.toml"
    write_config(config, unique_id("probe"), seconds_ahead(3600), channels, ["probe-good", "probe-bad"])
    try:
        ok = subprocess.run([str(partnerctl), "test", "probe-good", "--config", str(config)],
                            capture_output=True, text=True, timeout=60)
        failed = subprocess.run([str(partnerctl), "test", "probe-bad", "--config", str(config)],
                                capture_output=True, text=True, timeout=60)
        unknown = subprocess.run([str(partnerctl), "test", "probe-god", "--config", str(config)],
                                 capture_output=True, text=True, timeout=60)
    finally:
        good.stop()
        bad.stop()
    assert ok.returncode == 0, ok.stderr
    assert "HTTP 202" in ok.stdout and "queued" in ok.stdout
    [request] = good.requests
    assert request.json()["test"] is True and request.json()["message"].startswith("Message de test")
    assert failed.returncode == 1 and "HTTP 401" in failed.stderr and "bad token" in failed.stderr
    assert unknown.returncode == 2 and 'did you mean "probe-good"' in unknown.stderr


# MARK: - Mail


def parse_mail(mail) -> tuple:
    message = mail.message()
    texts = [part for part in message.walk() if part.get_content_type() == "text/plain"]
    calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return message, texts, calendars


def test_mail_through_starttls_and_implicit_tls_with_auth_parses_and_carries_the_feed_uid(
        partnerd, partnerctl, journal, tls_certificates, tmp_path):
    starttls = SmtpServer(tls_certificates).start()
    implicit = SmtpServer(tls_certificates, implicit_tls=True).start()
    wrong = SmtpServer(tls_certificates).start()
    (tmp_path / "pw-starttls").write_text(starttls.password + "\n")
    (tmp_path / "pw-implicit").write_text(implicit.password)
    (tmp_path / "pw-wrong").write_text("not-the-password")
    common = {"ca_file": str(starttls.ca_file), "username": "partnerd",
              "from": "Städtepartnerschaften Berlin <partnerd@example.org>"}
    channels = channel_block("mail-starttls", "mail", server=f"localhost:{starttls.port}", password_file="pw-starttls",
                             to=["protokoll@example.org", "buero@example.org"], language="de", **common)
    channels += channel_block("mail-tls", "mail", server=f"localhost:{implicit.port}", security="tls",
                              password_file="pw-implicit", to=["partner@example.be"], language="fr", **common)
    wrong_id = unique_id("mail-wrong")
    channels += channel_block(wrong_id, "mail", server=f"localhost:{wrong.port}", password_file="pw-wrong",
                              to=["x@example.org"], **common)
    partnership = unique_id("mail")
    config = tmp_path / "partnerd.toml"
    write_config(config, partnership, seconds_ahead(3), channels, ["mail-starttls", "mail-tls", wrong_id],
                 language="de")
    config.write_text(config.read_text().replace('title = "Event 0"', 'title = "Jugendbegegnung in Brüssel"'))
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        starttls.wait_for(1, timeout=20)
        implicit.wait_for(1, timeout=20)
        failed = journal.entries({"MESSAGE_ID": CHANNEL_FAILED, "CHANNEL": wrong_id}, deadline_s=20, count=1)
        time.sleep(1)
        wrong_status = channel_status(partnerctl, daemon, wrong_id)
    finally:
        assert daemon.stop() == 0
        for server in (starttls, implicit, wrong):
            server.stop()
    export = subprocess.run([str(partnerctl), "export", "--config", str(config), "--include-private"],
                            capture_output=True, text=True, timeout=30)
    feed_uids = {str(event["UID"]) for event in Calendar.from_ical(export.stdout).walk("VEVENT")}

    [mail] = starttls.messages
    assert mail.mail_from == "partnerd@example.org"
    assert sorted(mail.rcpt_tos) == ["buero@example.org", "protokoll@example.org"]
    assert mail.login == "partnerd"
    message, texts, calendars = parse_mail(mail)
    assert message["Subject"].startswith("In 1 Tag: Jugendbegegnung in Brüssel")
    assert message["From"].addresses[0].display_name == "Städtepartnerschaften Berlin"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Date"].datetime is not None
    delivery_id = message["Message-ID"].strip("<>").split("@")[0]
    assert message["Message-ID"] == f"<{delivery_id}@partnerd>" and len(delivery_id) == 32
    assert all(ord(c) < 128 for c in mail.data.decode("ascii")), "the raw message is not 7-bit"
    assert max(len(line) for line in mail.data.split(b"\r\n")) <= 78
    assert texts[0].get_content().startswith("In 1 Tag: Jugendbegegnung in Brüssel")
    [calendar] = calendars
    [event] = Calendar.from_ical(calendar.get_content()).walk("VEVENT")
    assert str(event["UID"]) == f"e0.{partnership}@partnerd" and str(event["UID"]) in feed_uids
    assert str(event["SUMMARY"]) == "Jugendbegegnung in Brüssel"

    [french] = implicit.messages
    french_message, french_texts, _ = parse_mail(french)
    assert french_message["Subject"].startswith("Dans 1 jour : Jugendbegegnung") or \
        french_message["Subject"].startswith("Dans 1 jour")
    assert french_message["Message-ID"] != message["Message-ID"]

    assert wrong.messages == [] and len([login for login in wrong.logins if not login[2]]) == 1, wrong.logins
    assert "refused the login" in failed[0]["MESSAGE"] and "not-the-password" not in failed[0]["MESSAGE"]
    assert wrong_status["failures"] == 1 and "refused the login" in wrong_status["last_error"]


def test_partnerctl_test_through_mail_prints_the_server_answer(partnerctl, tls_certificates, tmp_path):
    server = SmtpServer(tls_certificates).start()
    (tmp_path / "pw").write_text(server.password)
    channels = channel_block("mail-probe", "mail", server=f"127.0.0.1:{server.port}", password_file="pw",
                             username="partnerd", ca_file=str(server.ca_file), **{"from": "partnerd@example.org"},
                             to=["a@example.org"])
    config = tmp_path / "partnerd.toml"
    write_config(config, unique_id("probe"), seconds_ahead(3600), channels, ["mail-probe"])
    try:
        answer = subprocess.run([str(partnerctl), "test", "mail-probe", "--config", str(config)],
                                capture_output=True, text=True, timeout=60)
    finally:
        server.stop()
    assert answer.returncode == 0, answer.stderr
    assert "accepted the message: 250" in answer.stdout
    assert len(server.messages) == 1


# MARK: - Matrix


class HoldingProxy:
    """A TCP proxy in front of the homeserver that passes requests on at once but holds the answers while `hold`
    is set: the homeserver has the message, the daemon has no answer yet, so its delivery is in flight."""

    def __init__(self, upstream_port: int) -> None:
        import socket
        import threading
        self.upstream_port = upstream_port
        self.hold = threading.Event()
        self.hold.set()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.closing = False
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        import socket
        import threading
        while not self.closing:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self.pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self.pipe, args=(upstream, client, True), daemon=True).start()

    def pipe(self, source, target, held: bool) -> None:
        try:
            while data := source.recv(65536):
                while held and self.hold.is_set() and not self.closing:
                    time.sleep(0.05)
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.closing = True
        self.listener.close()


def test_matrix_delivery_in_flight_at_kill_9_arrives_once_after_the_restart(
        partnerd, partnerctl, journal, synapse, tmp_path):
    room = synapse.room_with_bot("partnerd")
    (tmp_path / "matrix-token").write_text(room.bot.access_token + "\n")
    proxy = HoldingProxy(synapse.port)
    raum = unique_id("raum")
    channels = channel_block(raum, "matrix", homeserver=proxy.url, room=room.room_id, token_file="matrix-token")
    partnership = unique_id("matrix")
    config = tmp_path / "partnerd.toml"
    write_config(config, partnership, seconds_ahead(4), channels, [raum])
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        try:
            # The homeserver took the message; the answer is held, so the daemon's delivery is still under way.
            synapse.wait_for_messages(room.owner.access_token, room.room_id, 1, timeout=20)
            time.sleep(0.5)
            assert journal.read({"MESSAGE_ID": CHANNEL_DELIVERED, "CHANNEL": raum}) == []
            assert channel_status(partnerctl, daemon, raum)["delivered"] == 0
        finally:
            daemon.kill()
        proxy.hold.clear()
        # The restarted daemon delivers again (late, by catch-up), with the same transaction id: the homeserver
        # answers with the event it already has, and the room holds the message once.
        daemon = Daemon(partnerd, config, tmp_path).start()
        try:
            delivered = journal.entries({"MESSAGE_ID": CHANNEL_DELIVERED, "CHANNEL": raum}, deadline_s=20, count=1)
            assert len(delivered) == 1, daemon.output()
            time.sleep(1)
        finally:
            assert daemon.stop() == 0
    finally:
        proxy.close()
    messages = synapse.messages(room.owner.access_token, room.room_id)
    ours = [message for message in messages if "Event 0" in message.get("body", "")]
    assert len(ours) == 1, messages
    assert ours[0]["msgtype"] == "m.text" and ours[0]["format"] == "org.matrix.custom.html"
    assert ours[0]["body"].startswith("In 1 day: Event 0") and "Event 0" in ours[0]["formatted_body"]
    event_id = delivered[0]["MESSAGE"].split("event ")[1].split(" ")[0]
    assert event_id.startswith("$")
