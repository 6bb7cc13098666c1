"""Mail against a real Postfix with Dovecot SASL (see postfix.py): delivery on the roles of ports 25, 587 and 465
read back from Maildirs, the login in Postfix's log, the EHLO name, every TLS, login and connection failure with
its exact sentence and class, one session for a burst with RSET between messages, and the calendar part compared
with `partnerctl export` property by property."""

from __future__ import annotations

import datetime
import re
import socket
import subprocess
import time

import pytest
from icalendar import Calendar

from daemon import Daemon, config_with_reminders, free_port, seconds_ahead, unique_id
from postfix import PASSWORD, USER, Postfix
from test_channels import channel_block, toml_value

PERMANENT = "partnerctl: not delivered (a retry would not help): "
TRANSIENT = "partnerctl: not delivered (the daemon would retry): "


@pytest.fixture(scope="module")
def postfix():
    server = Postfix.start()
    try:
        yield server
    finally:
        server.stop()


def expected_ehlo_name() -> str:
    """What RFC 5321 §4.1.1.1 asks for, derived here as the daemon derives it: this host's name if it has a dot,
    else its canonical name from the resolver, else the address literal of the connection's own end."""
    def qualified(name: str) -> str | None:
        lowered = name.lower()
        ok = ("." in name and not name.endswith(".") and lowered != "localhost" and not lowered.endswith(".localhost")
              and not lowered.startswith("localhost.") and re.fullmatch(r"[A-Za-z0-9.-]+", name) is not None)
        return name if ok else None
    short = socket.gethostname()
    if qualified(short):
        return short
    try:
        canonical = socket.getaddrinfo(short, None, flags=socket.AI_CANONNAME, type=socket.SOCK_STREAM)[0][3]
    except OSError:
        canonical = ""
    return qualified(canonical) or "[127.0.0.1]"


def write_channels(tmp_path, channels: str) -> object:
    (tmp_path / "pw").write_text(PASSWORD + "\n")
    (tmp_path / "pw-wrong").write_text("Alexanderplatz\n")
    config = tmp_path / "partnerd.toml"
    base = config_with_reminders(unique_id("pf"), seconds_ahead(7200), extra="")
    config.write_text(base.replace("[feed]", channels + "[feed]", 1), encoding="utf-8")
    return config


def partnerctl_test(partnerctl, config, channel: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(partnerctl), "test", channel, "--config", str(config)],
                          capture_output=True, text=True, timeout=90)


def test_delivery_on_the_roles_of_25_587_and_465_arrives_in_the_maildirs(postfix, partnerctl, tmp_path):
    ports = postfix.ports
    ca = str(postfix.ca_file)
    channels = channel_block("plain", "mail", server=f"127.0.0.1:{ports['plain']}", security="none",
                             **{"from": "partnerd@example.org"}, to=["protokoll@example.org"])
    channels += channel_block("submission", "mail", server=f"localhost:{ports['submission']}", username=USER,
                              password_file="pw", ca_file=ca, **{"from": "partnerd@example.org"},
                              to=["buero@example.org"])
    channels += channel_block("smtps", "mail", server=f"localhost:{ports['smtps']}", security="tls", username=USER,
                              password_file="pw", ca_file=ca, ehlo="partnerd.example.org",
                              **{"from": "partnerd@example.org"}, to=["partner@example.be"])
    config = write_channels(tmp_path, channels)
    mark = len(postfix.log)
    for channel in ("plain", "submission", "smtps"):
        answer = partnerctl_test(partnerctl, config, channel)
        assert answer.returncode == 0, answer.stderr
        assert "accepted the message: 250" in answer.stdout
    [plain] = postfix.wait_for_mail("protokoll@example.org", 1)
    [submitted] = postfix.wait_for_mail("buero@example.org", 1)
    [implicit] = postfix.wait_for_mail("partner@example.be", 1)
    for message in (plain, submitted, implicit):
        assert message["Message-ID"].endswith("@partnerd>") and message["Auto-Submitted"] == "auto-generated"
        assert message.get_body(("plain",)).get_content().strip()

    # The Received header Postfix adds names what EHLO said, and how the session was protected.
    name = expected_ehlo_name()
    assert plain["Received"].startswith(f"from {name} "), plain["Received"]
    assert submitted["Received"].startswith(f"from {name} "), submitted["Received"]
    assert implicit["Received"].startswith("from partnerd.example.org "), implicit["Received"]
    assert "ESMTPSA" in submitted["Received"] and "TLS" in submitted["Received"]
    assert "ESMTPSA" in implicit["Received"] and "TLS" in implicit["Received"]
    assert "ESMTPSA" not in plain["Received"]

    log = postfix.log[mark:]
    assert log.count(f"sasl_username={USER}") == 2, log
    # Each session ends with QUIT, also in partnerctl, which stops right after its message.
    disconnects = [line for line in log.splitlines() if "disconnect from" in line and "mail=1" in line]
    assert len(disconnects) == 3 and all("quit=1" in line for line in disconnects), disconnects


@pytest.mark.parametrize("case", [
    "untrusted after STARTTLS", "untrusted on 465", "expired", "name mismatch", "no STARTTLS", "wrong password",
    "refused", "unresolvable", "TLS to a plain server",
])
def test_each_failure_reads_as_one_sentence_with_its_class(postfix, partnerctl, tmp_path, case):
    ports = postfix.ports
    ca = str(postfix.ca_file)
    login = {"username": USER, "password_file": "pw"}
    common = {"from": "partnerd@example.org", "to": ["buero@example.org"]}
    nothing = free_port()
    table = {
        "untrusted after STARTTLS": (
            {"server": f"localhost:{ports['untrusted']}", **login},
            PERMANENT + f"the certificate of localhost:{ports['untrusted']} is not trusted (unknown CA); "
                        "add its CA with ca_file"),
        "untrusted on 465": (
            {"server": f"localhost:{ports['smtps']}", "security": "tls", **login},
            PERMANENT + f"the certificate of localhost:{ports['smtps']} is not trusted (unknown CA); "
                        "add its CA with ca_file"),
        "expired": (
            {"server": f"localhost:{ports['expired']}", "ca_file": ca, **login},
            PERMANENT + f"the certificate of localhost:{ports['expired']} expired on 2021-01-01; "
                        "the mail server needs a new certificate"),
        "name mismatch": (
            {"server": f"localhost:{ports['other_name']}", "ca_file": ca, **login},
            PERMANENT + f"the certificate of localhost:{ports['other_name']} is not made out to localhost "
                        "(name mismatch); set server to a name the certificate holds, or give the mail server a "
                        "certificate for localhost"),
        "no STARTTLS": (
            {"server": f"localhost:{ports['no_starttls']}", "ca_file": ca},
            PERMANENT + f"localhost:{ports['no_starttls']} does not offer STARTTLS; use security = \"tls\" for "
                        "port 465, or a server that offers it"),
        "wrong password": (
            {"server": f"localhost:{ports['submission']}", "ca_file": ca, "username": USER,
             "password_file": "pw-wrong"},
            PERMANENT + f"localhost:{ports['submission']} refused the login of \"{USER}\" (535 5.7.8 Error: "
                        "authentication failed: "),
        "refused": (
            {"server": f"127.0.0.1:{nothing}", "security": "none"},
            TRANSIENT + f"127.0.0.1:{nothing} refused the connection (nothing listens there); check server, or "
                        "start the mail server"),
        "unresolvable": (
            {"server": "mail.partnerd.invalid:587", **login},
            TRANSIENT + "cannot resolve the name mail.partnerd.invalid; check server and this machine's DNS"),
        "TLS to a plain server": (
            {"server": f"localhost:{ports['plain']}", "security": "tls", "ca_file": ca},
            PERMANENT + f"the TLS handshake with localhost:{ports['plain']} failed ("),
    }
    keys, expected = table[case]
    config = write_channels(tmp_path, channel_block("probe", "mail", **keys, **common))
    before = len(postfix.maildir("buero@example.org"))
    answer = partnerctl_test(partnerctl, config, "probe")
    assert answer.returncode == 1, (answer.stdout, answer.stderr)
    line = answer.stderr.strip().splitlines()[-1]
    assert line.startswith(expected), line
    if case == "wrong password":
        assert line.endswith("; check username and password_file") and "Alexanderplatz" not in line
    if case == "TLS to a plain server":
        assert re.search(r"failed \([A-Z0-9_]+\); check security \(\"tls\" on port 465, \"starttls\" on 587\) "
                         r"and the mail server's TLS settings$", line), line
    else:
        assert line == expected or case == "wrong password", line
    assert len(postfix.maildir("buero@example.org")) == before


def test_a_burst_goes_through_one_session_with_rset_and_the_calendar_part_is_the_feeds_vevent(
        postfix, partnerd, partnerctl, journal, tmp_path):
    ca = str(postfix.ca_file)
    channels = channel_block("protokoll", "mail", server=f"localhost:{postfix.ports['submission']}", username=USER,
                             password_file="pw", ca_file=ca, **{"from": "Städtepartnerschaften <partnerd@example.org>"},
                             to=["protokoll@example.org"])
    (tmp_path / "pw").write_text(PASSWORD)
    partnership = unique_id("burst")
    [due] = seconds_ahead(4)
    # Each event's "1d" reminder is due in four seconds, all three at once: a burst.
    start = (due + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    events = f"""
[[partnership.event]]
id = "delegation"
title = "Delegation aus Brüssel"
start = {start}
duration = "2h"
location = "Rotes Rathaus, Louise-Schroeder-Saal"
description = "Empfang durch die Regierende Bürgermeisterin; danach Pressetermin"
url = "https://www.berlin.de/partnerstaedte/bruessel"
remind = ["1d"]

[[partnership.event]]
id = "jour-fixe"
title = "Jour fixe der Partnerschaftsvereine"
start = {start}
rrule = "FREQ=WEEKLY;COUNT=10"
location = "Online"
remind = ["1d"]

[[partnership.event]]
id = "konzert"
title = "Jazzkonzert"
start = {start}
remind = ["1d"]
"""
    config = tmp_path / "partnerd.toml"
    text = config_with_reminders(partnership, [])
    text = text.replace("[feed]", f"[reminders]\nchannels = {toml_value(['protokoll'])}\n\n{channels}[feed]", 1)
    config.write_text(text + events, encoding="utf-8")
    mark = len(postfix.log)
    before = len(postfix.maildir("protokoll@example.org"))
    daemon = Daemon(partnerd, config, tmp_path).start()
    try:
        mails = postfix.wait_for_mail("protokoll@example.org", before + 3, deadline_s=40)[before:]
        # The session rests, then says QUIT after the idle time (5 s), before the daemon stops.
        postfix.wait_for_log(" mail=", deadline_s=30, since=mark)
        session_log = postfix.log[mark:]
    finally:
        assert daemon.stop() == 0
    [disconnect] = [line for line in session_log.splitlines() if "disconnect from" in line and "mail=" in line]
    assert "mail=3" in disconnect and "rset=2" in disconnect and "data=3" in disconnect and "quit=1" in disconnect, \
        disconnect
    # No other session said anything (the fixture's port probes say nothing: commands=0/0).
    assert [line for line in session_log.splitlines() if "ehlo=" in line] == [disconnect], session_log

    export = subprocess.run([str(partnerctl), "export", "--config", str(config), "--include-private"],
                            capture_output=True, text=True, timeout=30)
    assert export.returncode == 0, export.stderr
    feed = {str(event["UID"]): event for event in Calendar.from_ical(export.stdout).walk("VEVENT")}
    compared = set()
    for mail in mails:
        [part] = [part for part in mail.walk() if part.get_content_type() == "text/calendar"]
        [event] = Calendar.from_ical(part.get_content()).walk("VEVENT")
        uid = str(event["UID"])
        original = feed[uid]
        for name in ("SUMMARY", "LOCATION", "DESCRIPTION", "URL", "CATEGORIES", "CLASS", "TRANSP"):
            assert (name in event) == (name in original), (uid, name)
            if name in original:
                assert event[name].to_ical() == original[name].to_ical(), (uid, name)
        assert event.decoded("DTSTART") == original.decoded("DTSTART")
        # Only an occurrence of a recurring event names which one it is.
        assert ("RECURRENCE-ID" in event) == ("RRULE" in original), uid
        if "RECURRENCE-ID" in event:
            assert event.decoded("RECURRENCE-ID") == original.decoded("DTSTART")
        compared.add(uid.split(".")[0])
    assert compared == {"delegation", "jour-fixe", "konzert"}
    assert "LOCATION" in feed[f"delegation.{partnership}@partnerd"]
