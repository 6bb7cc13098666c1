"""The test servers of receivers.py, each driven by a standard Python client (smtplib, urllib, http.client),
so a channel test that fails points at the daemon and not at its server."""

from __future__ import annotations

import base64
import http.client
import json
import smtplib
import socket
import ssl
import time
import urllib.error
import urllib.request

import pytest

from receivers import (  # noqa: F401  (fixtures)
    HttpReceiver, MatrixError, Response, SmtpServer, http_receiver, smtp_server, smtps_server, synapse,
    tls_certificates,
)

UTF8_MAIL = (
    "From: Partnerd <partnerd@example.org>\r\n"
    "To: =?utf-8?q?B=C3=BCrgerb=C3=BCro?= <buero@example.org>\r\n"
    "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus_Br=C3=BCssel?=\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Städtepartnerschaft: Grüße aus Brüssel – 10 € für Ærø.\r\n"
    ".a line that starts with a dot\r\n"
).encode("utf-8")

DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --- SMTP --------------------------------------------------------------------------------------------------

def starttls_client(server: SmtpServer) -> smtplib.SMTP:
    client = smtplib.SMTP(server.host, server.port, timeout=10)
    client.starttls(context=ssl.create_default_context(cafile=str(server.ca_file)))
    client.ehlo()
    return client


def test_smtp_starttls_plain_login_and_utf8_message(smtp_server: SmtpServer) -> None:
    with starttls_client(smtp_server) as client:
        assert client.has_extn("auth") and "PLAIN" in client.esmtp_features["auth"]
        client.login(smtp_server.username, smtp_server.password)
        client.sendmail("partnerd@example.org", ["buero@example.org", "rathaus@example.org"], UTF8_MAIL,
                        mail_options=["BODY=8BITMIME"])
    [mail] = smtp_server.wait_for(1, timeout=5)
    assert mail.mail_from == "partnerd@example.org"
    assert mail.rcpt_tos == ["buero@example.org", "rathaus@example.org"]
    assert mail.data == UTF8_MAIL
    assert mail.login == smtp_server.username
    message = mail.message()
    assert message["Subject"] == "Grüße aus Brüssel"
    assert "10 € für Ærø" in message.get_content()
    assert smtp_server.logins == [("PLAIN", smtp_server.username, True)]


def test_smtp_auth_login_mechanism(smtp_server: SmtpServer) -> None:
    with starttls_client(smtp_server) as client:
        client.user, client.password = smtp_server.username, smtp_server.password
        code, _ = client.auth("LOGIN", client.auth_login, initial_response_ok=False)
        assert code == 235
        client.sendmail("a@example.org", ["b@example.org"], b"Subject: x\r\n\r\nbody\r\n")
    assert smtp_server.wait_for(1, timeout=5)[0].login == smtp_server.username
    assert smtp_server.logins == [("LOGIN", smtp_server.username, True)]


def test_smtp_refuses_auth_and_mail_before_starttls(smtp_server: SmtpServer) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=10) as client:
        client.ehlo()
        assert client.has_extn("starttls")
        assert not client.has_extn("auth")
        token = base64.b64encode(f"\0{smtp_server.username}\0{smtp_server.password}".encode()).decode()
        code, _ = client.docmd("AUTH", f"PLAIN {token}")
        assert code == 530
        code, _ = client.docmd("MAIL", "FROM:<a@example.org>")
        assert code == 530
    assert smtp_server.logins == []


def test_smtp_requires_auth_after_starttls(smtp_server: SmtpServer) -> None:
    with starttls_client(smtp_server) as client:
        code, reply = client.docmd("MAIL", "FROM:<a@example.org>")
        assert code == 530, reply


def test_smtp_wrong_password_is_535(smtp_server: SmtpServer) -> None:
    with starttls_client(smtp_server) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError) as failure:
            client.login(smtp_server.username, smtp_server.password + "x")
        assert failure.value.smtp_code == 535
    # smtplib's login() tries every mechanism both sides know: PLAIN, then LOGIN.
    assert smtp_server.logins == [("PLAIN", smtp_server.username, False), ("LOGIN", smtp_server.username, False)]
    assert smtp_server.messages == []


def test_smtp_fault_on_data_then_accepts(smtp_server: SmtpServer) -> None:
    smtp_server.fail_next("451 4.3.0 try later", count=2)
    with starttls_client(smtp_server) as client:
        client.login(smtp_server.username, smtp_server.password)
        for attempt in range(2):
            with pytest.raises(smtplib.SMTPDataError) as failure:
                client.sendmail("a@example.org", ["b@example.org"], f"Subject: {attempt}\r\n\r\nx\r\n".encode())
            assert (failure.value.smtp_code, failure.value.smtp_error) == (451, b"4.3.0 try later")
        client.sendmail("a@example.org", ["b@example.org"], b"Subject: 2\r\n\r\nx\r\n")
    assert [mail.message()["Subject"] for mail in smtp_server.wait_for(1, timeout=5)] == ["2"]
    assert [mail.message()["Subject"] for mail in smtp_server.rejected] == ["0", "1"]


def test_smtp_reply_to_data_constructor_option(tls_certificates) -> None:
    with SmtpServer(tls_certificates, reply_to_data="554 5.6.0 no thanks") as server:
        with starttls_client(server) as client:
            client.login(server.username, server.password)
            with pytest.raises(smtplib.SMTPDataError) as failure:
                client.sendmail("a@example.org", ["b@example.org"], b"Subject: x\r\n\r\nx\r\n")
            assert failure.value.smtp_code == 554
            client.sendmail("a@example.org", ["b@example.org"], b"Subject: y\r\n\r\nx\r\n")
        assert len(server.wait_for(1, timeout=5)) == 1


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_smtps_implicit_tls(smtps_server: SmtpServer, host: str) -> None:
    context = ssl.create_default_context(cafile=str(smtps_server.ca_file))
    with smtplib.SMTP_SSL(host, smtps_server.port, context=context, timeout=10) as client:
        client.ehlo()
        assert client.has_extn("auth") and not client.has_extn("starttls")
        client.login(smtps_server.username, smtps_server.password)
        client.sendmail("a@example.org", ["b@example.org"], UTF8_MAIL, mail_options=["BODY=8BITMIME"])
    assert smtps_server.wait_for(1, timeout=5)[0].data == UTF8_MAIL


def test_smtps_refuses_a_plain_connection_and_unknown_ca(smtps_server: SmtpServer) -> None:
    with pytest.raises((smtplib.SMTPServerDisconnected, ConnectionError, socket.timeout)):
        smtplib.SMTP(smtps_server.host, smtps_server.port, timeout=1)  # waits for a greeting that never comes
    with pytest.raises(ssl.SSLCertVerificationError):
        smtplib.SMTP_SSL(smtps_server.host, smtps_server.port, context=ssl.create_default_context(), timeout=5)


# --- HTTP --------------------------------------------------------------------------------------------------

def post(url: str, payload: object, timeout: float = 5, context: ssl.SSLContext | None = None):
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "X-Token": "s3cret"})
    if context is not None:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                           urllib.request.HTTPSHandler(context=context)).open(request, timeout=timeout)
    return DIRECT.open(request, timeout=timeout)


def test_http_scripted_500_then_200_then_default(http_receiver: HttpReceiver) -> None:
    http_receiver.script(Response(500, body={"error": "boom"}), Response(200, body="fine"))
    with pytest.raises(urllib.error.HTTPError) as failure:
        post(http_receiver.url + "/hook?x=1", {"text": "Grüße"})
    assert failure.value.code == 500 and json.loads(failure.value.read()) == {"error": "boom"}
    with post(http_receiver.url + "/hook", {"n": 2}) as response:
        assert (response.status, response.read()) == (200, b"fine")
    with post(http_receiver.url + "/hook", {"n": 3}) as response:
        assert (response.status, response.read(), response.headers["Content-Type"]) == (200, b"{}", "application/json")
    requests = http_receiver.wait_for(3, timeout=5)
    assert [(r.method, r.path) for r in requests] == [("POST", "/hook?x=1"), ("POST", "/hook"), ("POST", "/hook")]
    assert requests[0].json() == {"text": "Grüße"}
    assert requests[0].headers["content-type"] == "application/json"
    assert requests[0].headers["x-token"] == "s3cret"
    assert requests[0].time <= requests[1].time <= requests[2].time


def test_http_429_with_retry_after(http_receiver: HttpReceiver) -> None:
    http_receiver.script(Response(429, headers={"Retry-After": "7"}, body={"retry": True}))
    with pytest.raises(urllib.error.HTTPError) as failure:
        post(http_receiver.url + "/hook", {})
    assert failure.value.code == 429
    assert failure.value.headers["Retry-After"] == "7"


def test_http_hang_times_out_client_side_and_stop_closes_the_socket(http_receiver: HttpReceiver) -> None:
    http_receiver.hang = True
    started = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)) as failure:
        post(http_receiver.url + "/hook", {"n": 1}, timeout=0.5)
    assert "timed out" in str(failure.value)
    assert 0.5 <= time.monotonic() - started < 5
    assert http_receiver.wait_for(1, timeout=5)[0].json() == {"n": 1}

    with socket.create_connection(("127.0.0.1", http_receiver.port), timeout=5) as raw:
        raw.sendall(b"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        http_receiver.wait_for(2, timeout=5)
        raw.settimeout(0.3)
        with pytest.raises(TimeoutError):
            raw.recv(1)  # still open, no answer
        http_receiver.stop()
        raw.settimeout(5)
        try:
            assert raw.recv(1) == b""  # closed by stop()
        except ConnectionResetError:
            pass


def test_http_scripted_hang_for_one_request(http_receiver: HttpReceiver) -> None:
    http_receiver.script(Response(hang=True), Response(202))
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        post(http_receiver.url + "/a", {}, timeout=0.3)
    with post(http_receiver.url + "/b", {}) as response:
        assert response.status == 202


def test_http_delay(http_receiver: HttpReceiver) -> None:
    http_receiver.script(Response(200, delay=0.4))
    started = time.monotonic()
    with post(http_receiver.url + "/slow", {}) as response:
        assert response.status == 200
    assert time.monotonic() - started >= 0.4


def test_http_down_and_up_on_the_same_port(http_receiver: HttpReceiver) -> None:
    port = http_receiver.port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)  # a kept-alive connection
    connection.request("POST", "/hook", body=b"{}")
    assert connection.getresponse().read() == b"{}"

    http_receiver.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        connection.request("POST", "/hook", body=b"{}")
        connection.getresponse().read()
    connection.close()

    http_receiver.start()
    assert http_receiver.port == port
    with post(f"http://127.0.0.1:{port}/hook", {"back": True}) as response:
        assert response.status == 200
    assert http_receiver.wait_for(2, timeout=5)[-1].json() == {"back": True}


def test_http_chunked_body(http_receiver: HttpReceiver) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", http_receiver.port, timeout=5)
    connection.request("PUT", "/chunks", body=iter([b"hello ", b"chunked ", b"world"]), encode_chunked=True,
                       headers={"Transfer-Encoding": "chunked"})
    assert connection.getresponse().status == 200
    connection.close()
    assert http_receiver.wait_for(1, timeout=5)[0].body == b"hello chunked world"


def test_https_receiver(tls_certificates) -> None:
    with HttpReceiver(certificates=tls_certificates) as receiver:
        assert receiver.url.startswith("https://127.0.0.1:")
        context = tls_certificates.client_context()
        with post(f"https://localhost:{receiver.port}/hook", {"tls": True}, context=context) as response:
            assert response.status == 200
        with post(receiver.url + "/hook", {"tls": 2}, context=context) as response:
            assert response.status == 200
        with pytest.raises(urllib.error.URLError) as failure:
            post(receiver.url + "/hook", {}, context=ssl.create_default_context())
        assert isinstance(failure.value.reason, ssl.SSLCertVerificationError)
        assert [r.json() for r in receiver.wait_for(2, timeout=5)] == [{"tls": True}, {"tls": 2}]


# --- Matrix ------------------------------------------------------------------------------------------------

def test_synapse_bot_posts_into_a_room_the_owner_reads(synapse) -> None:
    room = synapse.room_with_bot("msg")
    assert synapse.request("GET", "/_matrix/client/v3/account/whoami", token=room.bot.access_token)["user_id"] \
        == room.bot.user_id
    members = synapse.request("GET", f"/_matrix/client/v3/rooms/{room.room_id}/joined_members",
                              token=room.owner.access_token)["joined"]
    assert set(members) == {room.owner.user_id, room.bot.user_id}
    synapse.send_text(room.bot.access_token, room.room_id, "Grüße aus Brüssel")
    synapse.send_text(room.bot.access_token, room.room_id, "second")
    contents = synapse.wait_for_messages(room.owner.access_token, room.room_id, 2)
    assert [c["body"] for c in contents] == ["Grüße aus Brüssel", "second"]
    assert contents[0]["msgtype"] == "m.text"
    senders = [e["sender"] for e in synapse.events(room.owner.access_token, room.room_id)
               if e["type"] == "m.room.message"]
    assert senders == [room.bot.user_id] * 2


def test_synapse_same_txn_id_yields_one_message(synapse) -> None:
    room = synapse.room_with_bot("txn")
    first = synapse.send_text(room.bot.access_token, room.room_id, "once", txn_id="reminder-e0-1d")
    again = synapse.send_text(room.bot.access_token, room.room_id, "once", txn_id="reminder-e0-1d")
    assert first == again
    other = synapse.send_text(room.bot.access_token, room.room_id, "twice", txn_id="reminder-e1-1d")
    assert other != first
    assert [c["body"] for c in synapse.messages(room.owner.access_token, room.room_id)] == ["once", "twice"]


def test_synapse_register_admin_and_create_room(synapse) -> None:
    token = synapse.register("alice-" + str(time.monotonic_ns()), "pw", admin=True)
    room_id = synapse.create_room(token, name="Partnerschaft")
    assert room_id.startswith("!")
    assert synapse.messages(token, room_id) == []


def test_synapse_unknown_token_and_rate_limit(synapse) -> None:
    with pytest.raises(MatrixError) as failure:
        synapse.request("GET", "/_matrix/client/v3/account/whoami", token="nope")
    assert failure.value.status == 401 and failure.value.body["errcode"] == "M_UNKNOWN_TOKEN"

    room = synapse.room_with_bot("rl")
    synapse.limit_messages(room.bot.user_id, per_second=1, burst_count=2)
    refusal = None
    for n in range(5):  # the bucket may already hold the bot's join, so count up to the refusal
        try:
            synapse.send_text(room.bot.access_token, room.room_id, f"limited {n}")
        except MatrixError as failure:
            refusal = failure
            break
    assert refusal is not None and refusal.status == 429 and refusal.body["errcode"] == "M_LIMIT_EXCEEDED"
    assert refusal.body["retry_after_ms"] > 0
    synapse.limit_messages(room.bot.user_id, per_second=0, burst_count=0)
    for n in range(5):
        synapse.send_text(room.bot.access_token, room.room_id, f"free {n}")


def test_synapse_down_and_up_keeps_its_data(synapse) -> None:
    room = synapse.room_with_bot("restart")
    before = synapse.send_text(room.bot.access_token, room.room_id, "before", txn_id="t1")
    synapse.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", synapse.port), timeout=5).close()
    synapse.start()
    # Synapse keeps transaction ids in its database: a retry after its restart is still not a second message.
    assert synapse.send_text(room.bot.access_token, room.room_id, "before", txn_id="t1") == before
    synapse.send_text(room.bot.access_token, room.room_id, "after")
    assert [c["body"] for c in synapse.messages(room.owner.access_token, room.room_id)] == ["before", "after"]
