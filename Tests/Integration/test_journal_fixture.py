"""The journald fixture itself: entries written to the real journald are found, and only those that match."""

from __future__ import annotations

import socket
import time

from journald import SOCKET, Journal, journal, journald_service, socket_accepts  # noqa: F401


def send_native(fields: dict[str, str]) -> None:
    """One entry over journald's native protocol (what sd_journal_sendv does), multi-line values included."""
    payload = bytearray()
    for name, value in fields.items():
        data = value.encode()
        if b"\n" in data:
            payload += name.encode() + b"\n" + len(data).to_bytes(8, "little") + data + b"\n"
        else:
            payload += name.encode() + b"=" + data + b"\n"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as client:
        client.sendto(bytes(payload), str(SOCKET))


def test_journald_listens(journal: Journal) -> None:
    assert socket_accepts()


def test_entries_are_read_back_with_every_field(journal: Journal) -> None:
    tag = journal.unique()
    send_native(
        {
            "MESSAGE": "Städtepartnerschaft Berlin – Brüssel\nzweite Zeile",
            "PRIORITY": "5",
            "SYSLOG_IDENTIFIER": "partnerd-fixture-test",
            "PARTNERD_TEST_TAG": tag,
        }
    )
    found = journal.entries({"PARTNERD_TEST_TAG": tag}, deadline_s=10)
    assert len(found) == 1
    entry = found[0]
    assert entry["MESSAGE"] == "Städtepartnerschaft Berlin – Brüssel\nzweite Zeile"
    assert entry["PRIORITY"] == "5"
    assert entry["SYSLOG_IDENTIFIER"] == "partnerd-fixture-test"


def test_waits_for_the_count_and_gives_up_at_the_deadline(journal: Journal) -> None:
    tag = journal.unique()
    send_native({"MESSAGE": "one", "PARTNERD_TEST_TAG": tag})
    send_native({"MESSAGE": "two", "PARTNERD_TEST_TAG": tag})
    assert sorted(entry["MESSAGE"] for entry in journal.entries({"PARTNERD_TEST_TAG": tag}, count=2)) == ["one", "two"]

    start = time.monotonic()
    assert journal.entries({"PARTNERD_TEST_TAG": journal.unique()}, deadline_s=0.5) == []
    assert 0.5 <= time.monotonic() - start < 5
