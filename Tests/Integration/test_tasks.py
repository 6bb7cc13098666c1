"""[[partnership.task]]: a real partnerd reminds of a task item in the journal, lists it, takes `partnerctl done`
crash-safely, and keeps the mark across a restart."""

from __future__ import annotations

import datetime
import json
import subprocess
import time
import urllib.error
import urllib.request

from daemon import Daemon, free_port, unique_id
from receivers import tls_certificates  # noqa: F401  (fixture)

UTC = datetime.timezone.utc
TASK_DONE = "80686b56825740249d5704bd37eb3f78"


def run(*args, timeout=60):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout)


def wait_until(predicate, deadline_s: float = 15.0) -> bool:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def tasks_feed(port: int):
    """The one VTODO of /tasks.ics, read with python icalendar."""
    import icalendar
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/tasks.ics", timeout=5).read()
    todos = list(icalendar.Calendar.from_ical(body).walk("VTODO"))
    assert len(todos) == 1, body
    return todos[0]


def test_a_task_is_reminded_listed_marked_done_once_and_stays_done_after_a_restart(partnerd, partnerctl, journal, tmp_path):
    partnership = unique_id("task")
    now = datetime.datetime.now(UTC).replace(microsecond=0)
    reception = now + datetime.timedelta(days=1, seconds=4)
    port = free_port()
    path = tmp_path / "partnerd.toml"
    path.write_text(
        '[daemon]\ntimezone = "UTC"\nlanguage = "en"\n'
        'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n\n'
        f'[feed]\nlisten = "127.0.0.1:{port}"\n\n'
        f'[[partnership]]\nid = "{partnership}"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        'signed = 1992-06-01\nstatus = "suspended"\n\n'
        f'[[partnership.event]]\nid = "empfang"\ntitle = "Empfang"\nstart = {reception.strftime("%Y-%m-%dT%H:%M:%S")}\n'
        'remind = []\n\n'
        '[[partnership.task]]\nid = "guests"\ntitle = "Gästeliste schicken"\nfor = "empfang"\ndue = "-1d"\n'
        'repeat = "1h"\n', encoding="utf-8")
    item = f"{partnership}/guests/{reception.date().isoformat()}"
    daemon = Daemon(partnerd, path, tmp_path).start()
    try:
        due = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=20)
        assert len(due) == 1, daemon.output()
        entry = due[0]
        assert entry["PARTNERD_KIND"] == "task" and entry["PARTNERD_TASK"] == item
        assert entry["MESSAGE"].startswith("Task due today (") and f" – partnerctl done {item}" in entry["MESSAGE"]
        assert f"done: {entry['PARTNERD_TASK_LINK']} – " in entry["MESSAGE"]
        assert entry["PARTNERD_LEAD"] == f"due {(reception - datetime.timedelta(days=1)).date().isoformat()}"

        listed = json.loads(run(partnerctl, "tasks", "--json", "--socket", daemon.socket).stdout)
        assert [(row["item"], row["state"]) for row in listed] == [(item, "overdue")], listed
        status = json.loads(run(partnerctl, "status", "--json", "--socket", daemon.socket).stdout)
        assert status["tasks"] == {"open": 0, "overdue": 1, "done": 0}
        metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
        assert 'partnerd_tasks{state="overdue"} 1' in metrics, metrics

        todo = tasks_feed(port)
        assert todo["STATUS"] == "NEEDS-ACTION" and str(todo["SUMMARY"]) == "Gästeliste schicken"
        assert todo["DUE"].dt == reception - datetime.timedelta(days=1) and "COMPLETED" not in todo
        assert str(todo["UID"]) == f"task-guests-{reception.strftime('%Y%m%d')}.{partnership}@partnerd"

        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/partnerships/{partnership}", timeout=5).read().decode()
        assert "<h2>Open tasks</h2>" in page and "Gästeliste schicken – Empfang <strong>(overdue)</strong>" in page, page

        unknown = run(partnerctl, "done", f"{partnership}/guests/2001-01-01", "--socket", daemon.socket)
        assert unknown.returncode == 1 and "has no task item" in unknown.stderr, unknown.stderr
        malformed = run(partnerctl, "done", "guests", "--socket", daemon.socket)
        assert malformed.returncode == 2 and "is not a task item" in malformed.stderr

        done = run(partnerctl, "done", item, "--by", "anna", "--socket", daemon.socket)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"{item} done: Gästeliste schicken (marked ") and "by anna" in done.stdout
        # The answer came after the ledger write: the mark is on disk now.
        ledger = json.loads((daemon.state / "ledger.json").read_text())
        assert [(mark["item"], mark["by"]) for mark in ledger["done"]] == [(item, "anna")]
        again = run(partnerctl, "done", item, "--by", "ben", "--socket", daemon.socket)
        assert again.returncode == 0 and "was done already" in again.stdout and "by anna" in again.stdout
        assert journal.entries({"MESSAGE_ID": TASK_DONE, "_PID": daemon.pid, "TASK": item})
        listed = json.loads(run(partnerctl, "tasks", "--json", "--socket", daemon.socket).stdout)
        assert listed[0]["state"] == "done" and listed[0]["done_by"] == "anna"
        human = run(partnerctl, "status", "--socket", daemon.socket).stdout
        assert "Tasks: 0 open, 0 overdue, 1 done" in human, human
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/partnerships/{partnership}", timeout=5).read().decode()
        assert "Open tasks" not in page
        todo = tasks_feed(port)
        assert todo["STATUS"] == "COMPLETED" and todo["COMPLETED"].dt <= datetime.datetime.now(UTC)
    finally:
        assert daemon.stop() == 0
    restarted = Daemon(partnerd, path, tmp_path).start()
    try:
        assert wait_until(lambda: restarted.socket.exists() and run(partnerctl, "tasks", "--socket", restarted.socket).returncode == 0)
        text = run(partnerctl, "tasks", "--socket", restarted.socket).stdout
        assert text.startswith(f"{item}  done ") and "by anna" in text, text
        time.sleep(1)
        assert len(journal.read({"PARTNERD_PARTNERSHIP": partnership})) == 1
    finally:
        assert restarted.stop() == 0


def python_token(key: bytes, item: str, expires: int) -> str:
    """A token made here, by the format the README gives, to check the daemon's signing from outside."""
    import base64
    import hashlib
    import hmac
    payload = f"{item}|{expires}".encode()
    mac = hmac.new(key, payload, hashlib.sha256).digest()[:16]
    encode = lambda raw: base64.urlsafe_b64encode(raw).decode().rstrip("=")  # noqa: E731
    return f"{encode(payload)}.{encode(mac)}"


def http(method: str, url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_link_of_a_task_reminder_confirms_on_get_and_marks_on_post_only(partnerd, partnerctl, journal, tmp_path):
    partnership = unique_id("link")
    now = datetime.datetime.now(UTC).replace(microsecond=0)
    reception = now + datetime.timedelta(days=1, seconds=4)
    port = free_port()
    path = tmp_path / "partnerd.toml"
    path.write_text(
        '[daemon]\ntimezone = "UTC"\nlanguage = "en"\n'
        'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n\n'
        f'[feed]\nlisten = "127.0.0.1:{port}"\n\n'
        f'[[partnership]]\nid = "{partnership}"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        'signed = 1992-06-01\nstatus = "suspended"\n\n'
        f'[[partnership.event]]\nid = "empfang"\ntitle = "Empfang"\nstart = {reception.strftime("%Y-%m-%dT%H:%M:%S")}\n'
        'remind = []\n\n'
        '[[partnership.task]]\nid = "hall"\ntitle = "Saal buchen"\nfor = "empfang"\ndue = "-1d"\n', encoding="utf-8")
    item = f"{partnership}/hall/{reception.date().isoformat()}"
    daemon = Daemon(partnerd, path, tmp_path).start()
    try:
        entries = journal.entries({"PARTNERD_PARTNERSHIP": partnership}, deadline_s=20)
        assert len(entries) == 1, daemon.output()
        link = entries[0]["PARTNERD_TASK_LINK"]
        assert link.startswith(f"http://127.0.0.1:{port}/task/") and link in entries[0]["MESSAGE"]

        # GET shows the item and a button, and changes nothing (mail scanners fetch every link).
        for _ in range(2):
            status, page = http("GET", link)
            assert status == 200 and "Saal buchen" in page and '<form method="post">' in page, page
        ledger = json.loads((daemon.state / "ledger.json").read_text())
        assert not ledger.get("done")
        status, page = http("POST", link)
        assert status == 200 and "Done – thank you. Recorded:" in page and "(link)" in page, page
        ledger = json.loads((daemon.state / "ledger.json").read_text())
        assert [mark["item"] for mark in ledger["done"]] == [item]
        status, page = http("POST", link)
        assert status == 200 and "Already done:" in page
        status, page = http("GET", link)
        assert "Already done:" in page and "<form" not in page

        # The signature is the README's: a token made here from the daemon's key works; a forged, a damaged and
        # an expired one are 404, like any unknown path.
        key = (daemon.state / "task-links.key").read_bytes()
        assert len(key) == 32
        base = f"http://127.0.0.1:{port}/task/"
        made = python_token(key, item, int(time.time()) + 3600)
        assert http("GET", base + made)[0] == 200
        assert http("GET", base + python_token(key, item, int(time.time()) - 1))[0] == 404
        assert http("GET", base + python_token(b"x" * 32, item, int(time.time()) + 3600))[0] == 404
        assert http("POST", base + made[:-2] + ("AA" if not made.endswith("AA") else "BB"))[0] == 404
        assert http("GET", base + python_token(key, f"{partnership}/hall/2001-01-01", int(time.time()) + 3600))[0] == 404
        # Many failures in a minute: the next failures are 429, a good link still works.
        codes = [http("GET", base + f"nonsense{index}")[0] for index in range(25)]
        assert codes[0] == 404 and codes[-1] == 429, codes
        assert http("GET", link)[0] == 200
    finally:
        assert daemon.stop() == 0


class DevTools:
    """Just enough of the Chrome DevTools Protocol to open a page in headless Chromium, press its button and read
    what it shows: a real browser submitting the real form."""

    def __init__(self, tmp_path) -> None:
        import shutil
        from daemon import require
        self.port = free_port()
        self.profile = tmp_path / "chromium-profile"
        self.process = subprocess.Popen(
            [require("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", f"--user-data-dir={self.profile}", f"--remote-debugging-port={self.port}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._shutil = shutil
        targets = []
        end = time.monotonic() + 30
        while time.monotonic() < end and not targets:
            try:
                listed = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=2))
                targets = [target for target in listed if target.get("type") == "page"]
            except OSError:
                time.sleep(0.2)
        assert targets, "Chromium's DevTools did not come up"
        import contextlib
        from websockets.sync.client import connect
        self.stack = contextlib.ExitStack()
        self.socket = self.stack.enter_context(connect(targets[0]["webSocketDebuggerUrl"], max_size=None))
        self.next_id = 0
        self.events: list[dict] = []
        self.call("Page.enable")

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=30))
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message.get("result", {})
            self.events.append(message)

    def wait_for_load(self) -> None:
        end = time.monotonic() + 30
        while time.monotonic() < end:
            if any(event.get("method") == "Page.loadEventFired" for event in self.events):
                self.events.clear()
                return
            self.events.append(json.loads(self.socket.recv(timeout=30)))
        raise AssertionError("the page did not load")

    def open(self, url: str) -> str:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for_load()
        return self.text()

    def text(self) -> str:
        return self.call("Runtime.evaluate", expression="document.body.innerText", returnByValue=True)["result"]["value"]

    def press_button(self) -> str:
        self.events.clear()
        self.call("Runtime.evaluate", expression="document.querySelector('button').click()")
        self.wait_for_load()
        return self.text()

    def close(self) -> None:
        try:
            self.stack.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
            self._shutil.rmtree(self.profile, ignore_errors=True)


def test_a_mailed_link_pressed_in_chromium_marks_the_item_and_its_next_repeat_is_gone(
        partnerd, partnerctl, journal, tls_certificates, tmp_path):
    import re
    from receivers import SmtpServer
    smtp = SmtpServer(tls_certificates).start()
    (tmp_path / "pw").write_text(smtp.password)
    partnership = unique_id("press")
    now = datetime.datetime.now(UTC).replace(microsecond=0)
    reception = now + datetime.timedelta(days=1, seconds=4)
    port = free_port()
    path = tmp_path / "partnerd.toml"
    path.write_text(
        '[daemon]\ntimezone = "UTC"\nlanguage = "en"\n'
        'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n\n'
        f'[feed]\nlisten = "127.0.0.1:{port}"\n\n'
        f'[[channel]]\nid = "protokoll"\ntype = "mail"\nserver = "localhost:{smtp.port}"\nca_file = "{smtp.ca_file}"\n'
        'username = "partnerd"\npassword_file = "pw"\nfrom = "partnerd@example.org"\nto = ["protokoll@example.org"]\n\n'
        f'[[partnership]]\nid = "{partnership}"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        'signed = 1992-06-01\nstatus = "suspended"\n\n'
        f'[[partnership.event]]\nid = "empfang"\ntitle = "Empfang"\nstart = {reception.strftime("%Y-%m-%dT%H:%M:%S")}\n'
        'remind = []\n\n'
        '[[partnership.task]]\nid = "invite"\ntitle = "Delegation einladen"\nfor = "empfang"\ndue = "-1d"\n'
        'repeat = "1h"\nchannels = ["protokoll"]\n', encoding="utf-8")
    item = f"{partnership}/invite/{reception.date().isoformat()}"
    daemon = Daemon(partnerd, path, tmp_path).start()
    browser = None
    try:
        [mail] = smtp.wait_for(1, timeout=20)
        text = mail.message().get_body(("plain",)).get_content()
        links = re.findall(rf"http://127\.0\.0\.1:{port}/task/[A-Za-z0-9_.-]+", text)
        assert len(links) == 1, text
        assert f"partnerctl done {item}" in text
        # Before the press the next repeat, an hour on, is planned.
        before = json.loads(run(partnerctl, "status", "--json", "--socket", daemon.socket).stdout)
        assert any(reminder["title"] == "Delegation einladen" for reminder in before["next_reminders"]), before
        browser = DevTools(tmp_path)
        page = browser.open(links[0])
        assert "Delegation einladen" in page and "Mark as done" in page, page
        assert not json.loads((daemon.state / "ledger.json").read_text()).get("done")
        page = browser.press_button()
        assert "Done – thank you. Recorded:" in page, page
        marks = json.loads((daemon.state / "ledger.json").read_text())["done"]
        assert [(mark["item"], mark["by"]) for mark in marks] == [(item, "link")]
        after = json.loads(run(partnerctl, "status", "--json", "--socket", daemon.socket).stdout)
        assert not any(reminder["title"] == "Delegation einladen" for reminder in after["next_reminders"]), after
        # Opening the link again (a second press from another mail client) changes nothing.
        assert "Already done:" in browser.open(links[0])
    finally:
        if browser:
            browser.close()
        assert daemon.stop() == 0
        smtp.stop()


def task_config(partnership: str, port: int, reception: datetime.datetime, channels: str = "", task_extra: str = "") -> str:
    return (
        '[daemon]\ntimezone = "UTC"\nlanguage = "en"\n'
        'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n\n'
        f'[feed]\nlisten = "127.0.0.1:{port}"\n\n{channels}'
        f'[[partnership]]\nid = "{partnership}"\ncity = "Berlin"\npartner = "Brüssel"\ncountry = "BE"\n'
        'signed = 1992-06-01\nstatus = "suspended"\n\n'
        f'[[partnership.event]]\nid = "empfang"\ntitle = "Empfang"\nstart = {reception.strftime("%Y-%m-%dT%H:%M:%S")}\n'
        'remind = []\n\n'
        f'[[partnership.task]]\nid = "invite"\ntitle = "Delegation einladen"\nfor = "empfang"\ndue = "-1d"\n{task_extra}')


def test_an_ntfy_action_button_posts_to_the_link_and_marks_the_item(partnerd, partnerctl, tmp_path):
    from receivers import HttpReceiver
    ntfy = HttpReceiver().start()
    try:
        partnership = unique_id("ntfy")
        reception = datetime.datetime.now(UTC).replace(microsecond=0) + datetime.timedelta(days=1, seconds=4)
        port = free_port()
        channels = (f'[[channel]]\nid = "phone"\ntype = "webhook"\nurl = "{ntfy.url}/jumelage"\nformat = "ntfy"\n'
                    'language = "de"\n\n')
        path = tmp_path / "partnerd.toml"
        path.write_text(task_config(partnership, port, reception, channels, 'channels = ["phone"]\n'), encoding="utf-8")
        item = f"{partnership}/invite/{reception.date().isoformat()}"
        daemon = Daemon(partnerd, path, tmp_path).start()
        try:
            [request] = ntfy.wait_for(1, timeout=20)
            action = request.headers["actions"]
            assert action.startswith(f"http, Erledigt, http://127.0.0.1:{port}/task/") and action.endswith(
                ", method=POST, clear=true"), action
            link = action.split(", ")[2]
            # What ntfy does when the button is tapped: a POST to the URL, no body.
            status, page = http("POST", link)
            # The page speaks the daemon's language; the button the channel's.
            assert status == 200 and "Done – thank you." in page, page
            listed = json.loads(run(partnerctl, "tasks", "--json", "--socket", daemon.socket).stdout)
            assert [(row["item"], row["state"], row["done_by"]) for row in listed] == [(item, "done", "link")]
        finally:
            assert daemon.stop() == 0
    finally:
        ntfy.stop()


def test_a_kill_9_during_presses_never_loses_an_answered_mark(partnerd, partnerctl, tmp_path):
    """The press either counts or its page says it failed: a press answered "Done" is in the ledger after a kill -9
    and a restart, whatever moment the kill hit; one that got no answer can be pressed again and then counts."""
    import threading
    partnership = unique_id("kill")
    reception = datetime.datetime.now(UTC).replace(microsecond=0) + datetime.timedelta(days=3)
    port = free_port()
    path = tmp_path / "partnerd.toml"
    path.write_text(
        task_config(partnership, port, reception).replace('remind = []\n', 'remind = []\nrrule = "FREQ=DAILY;COUNT=10"\n'),
        encoding="utf-8")

    def started() -> Daemon:
        daemon = Daemon(partnerd, path, tmp_path).start()
        assert wait_until(lambda: daemon.socket.exists()
                          and run(partnerctl, "tasks", "--socket", daemon.socket).returncode == 0), daemon.output()
        return daemon

    first = started()
    key = (first.state / "task-links.key").read_bytes()
    first.kill()
    for trial, delay in enumerate([0.0, 0.001, 0.003, 0.01, 0.03, 0.1]):
        day = (reception + datetime.timedelta(days=trial)).date().isoformat()
        item = f"{partnership}/invite/{day}"
        url = f"http://127.0.0.1:{port}/task/{python_token(key, item, int(time.time()) + 30 * 86400)}"
        daemon = started()
        answers: list[tuple[int, str]] = []
        thread = threading.Thread(target=lambda: answers.append(http_or_error("POST", url)))
        thread.start()
        time.sleep(delay)
        daemon.kill()
        thread.join(timeout=20)
        restarted = started()
        try:
            rows = {row["item"]: row for row in json.loads(run(partnerctl, "tasks", "--json", "--socket", restarted.socket).stdout)}
            status, page = answers[0]
            if status == 200 and "Done – thank you" in page:
                assert rows[item]["state"] == "done", (delay, rows[item])
            else:
                # The page said nothing good: pressed again, it counts now (or was counted after all).
                status, page = http("POST", url)
                assert status == 200 and ("Done – thank you" in page or "Already done" in page), (delay, page)
                rows = {row["item"]: row for row in json.loads(run(partnerctl, "tasks", "--json", "--socket", restarted.socket).stdout)}
                assert rows[item]["state"] == "done"
        finally:
            restarted.kill()


def http_or_error(method: str, url: str) -> tuple[int, str]:
    try:
        return http(method, url)
    except OSError as error:
        return 0, str(error)
