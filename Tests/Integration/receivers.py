"""Real servers for the channel tests, all on 127.0.0.1 and stopped by their fixture or `with` block.

* `Certificates`: a throw-away CA and a server certificate for localhost / 127.0.0.1, made with `openssl`.
* `SmtpServer` (aiosmtpd): STARTTLS before AUTH PLAIN/LOGIN, or implicit TLS (SMTPS); records every message
  and can answer DATA with a fault for the next N messages.
* `HttpReceiver` (http.server): records every request, answers from a script, can hang, and can be taken
  down and brought back on the same port.
* `Synapse`: a Matrix homeserver (matrix-synapse from PyPI, SQLite, client API only) as a subprocess, with
  shared-secret registration and helpers to make rooms and read their messages.

Fixtures: `tls_certificates` and `synapse` (session scope: Synapse takes a few seconds), `smtp_server`,
`smtps_server` and `http_receiver` (one per test). A test module imports the ones it uses:
`from receivers import http_receiver  # noqa: F401`.
"""

from __future__ import annotations

import base64
import collections
import ctypes
import dataclasses
import email
import email.message
import email.policy
import hashlib
import hmac
import http.server
import json
import logging
import os
import pathlib
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from typing import Any, Callable

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from daemon import free_port, unique_id

LOCALHOST = "127.0.0.1"

# aiosmtpd logs a deprecation warning of its own on every AUTH; keep it out of the tests' captured logs.
logging.getLogger("mail.log").setLevel(logging.ERROR)

# urllib without the environment's proxy settings: every server here is on this machine.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _wait_until(condition: threading.Condition, ready: Callable[[], bool], timeout: float) -> bool:
    """Waits on `condition` (held by the caller) until `ready()` or the timeout; returns `ready()`."""
    end = time.monotonic() + timeout
    while not ready():
        left = end - time.monotonic()
        if left <= 0:
            return False
        condition.wait(left)
    return True


# --- TLS ---------------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Certificates:
    """PEM files of a self-signed CA and of a server certificate it signed for DNS:localhost and IP:127.0.0.1."""

    ca_file: pathlib.Path
    cert_file: pathlib.Path
    key_file: pathlib.Path

    @classmethod
    def generate(cls, directory: pathlib.Path) -> "Certificates":
        """Makes the CA and the server certificate (RSA 2048, valid for 7 days) in `directory` with openssl."""
        openssl = shutil.which("openssl")
        if openssl is None:
            pytest.fail("openssl is not installed: the test TLS certificates are made with it "
                        "(apt-get install openssl)")
        directory.mkdir(parents=True, exist_ok=True)
        ca_key, ca_file = directory / "ca.key", directory / "ca.pem"
        key_file, request, cert_file = directory / "server.key", directory / "server.csr", directory / "server.pem"
        extensions = directory / "server.ext"
        extensions.write_text(
            "basicConstraints = critical, CA:FALSE\n"
            "keyUsage = critical, digitalSignature, keyEncipherment\n"
            "extendedKeyUsage = serverAuth\n"
            "subjectAltName = DNS:localhost, IP:127.0.0.1\n"
        )
        steps = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_file, "-days", "7",
             "-subj", "/CN=partnerd test CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key_file, "-out", request,
             "-subj", "/CN=localhost"],
            ["x509", "-req", "-in", request, "-CA", ca_file, "-CAkey", ca_key, "-CAcreateserial",
             "-out", cert_file, "-days", "7", "-sha256", "-extfile", extensions],
        ]
        for step in steps:
            result = subprocess.run([openssl, *map(str, step)], capture_output=True, text=True)
            if result.returncode != 0:
                pytest.fail(f"openssl {step[0]} failed ({result.returncode}): {result.stderr.strip()}")
        return cls(ca_file=ca_file, cert_file=cert_file, key_file=key_file)

    def server_context(self) -> ssl.SSLContext:
        """A server-side context with the localhost certificate."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A client-side context that trusts only the test CA and checks the host name."""
        return ssl.create_default_context(cafile=str(self.ca_file))


# --- SMTP --------------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Mail:
    """One message as the SMTP server got it. `data` is the raw DATA bytes (CRLF lines, dots unstuffed)."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    login: str | None
    time: float  # time.monotonic() when DATA ended

    def message(self) -> email.message.EmailMessage:
        """`data` parsed with the modern email policy (decoded headers, get_content())."""
        return email.message_from_bytes(self.data, policy=email.policy.default)  # type: ignore[return-value]


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that wants AUTH (PLAIN or LOGIN) with one username and password.

    Plain mode (default): STARTTLS is required before anything but EHLO/HELO/NOOP/QUIT, and AUTH is only
    offered after it. `implicit_tls=True`: TLS from the first byte (SMTPS, port-465 style).
    A wrong password gets 535. `fail_next(reply, count)` answers DATA of the next `count` messages with
    `reply` (e.g. "451 4.3.0 try later"); those land in `rejected`, the accepted ones in `messages`.
    """

    def __init__(self, certificates: Certificates, *, username: str = "partnerd", password: str | None = None,
                 implicit_tls: bool = False, reply_to_data: str | None = None, fault_count: int = 1,
                 port: int | None = None) -> None:
        self.certificates = certificates
        self.username = username
        self.password = password if password is not None else secrets.token_urlsafe(12)
        self.implicit_tls = implicit_tls
        self.host = LOCALHOST
        self.port = port or free_port()
        self._logins: list[tuple[str, str, bool]] = []
        self._messages: list[Mail] = []
        self._rejected: list[Mail] = []
        self._faults: collections.deque[str] = collections.deque()
        self._condition = threading.Condition()
        self._controller: Controller | None = None
        if reply_to_data is not None:
            self.fail_next(reply_to_data, fault_count)

    @property
    def ca_file(self) -> pathlib.Path:
        return self.certificates.ca_file

    @property
    def messages(self) -> list[Mail]:
        """A copy of the accepted messages, oldest first."""
        with self._condition:
            return list(self._messages)

    @property
    def logins(self) -> list[tuple[str, str, bool]]:
        """(mechanism, username, accepted) of every AUTH attempt, oldest first."""
        with self._condition:
            return list(self._logins)

    @property
    def rejected(self) -> list[Mail]:
        """A copy of the messages whose DATA got a fault reply."""
        with self._condition:
            return list(self._rejected)

    def fail_next(self, reply: str, count: int = 1) -> None:
        """Answers DATA of the next `count` messages with `reply` (a full SMTP reply line), then accepts again."""
        with self._condition:
            self._faults.extend([reply] * count)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Mail]:
        """The accepted messages once there are at least `count`; AssertionError after `timeout` seconds."""
        with self._condition:
            if not _wait_until(self._condition, lambda: len(self._messages) >= count, timeout):
                raise AssertionError(f"SMTP server: {len(self._messages)} of {count} messages after {timeout} s")
            return list(self._messages)

    def start(self) -> "SmtpServer":
        context = self.certificates.server_context()
        self._controller = _Controller(
            _SmtpHandler(self), hostname=self.host, port=self.port, server_hostname="localhost",
            ready_timeout=5.0,
            ssl_context=context if self.implicit_tls else None,
            tls_context=None if self.implicit_tls else context,
            require_starttls=not self.implicit_tls,
            # aiosmtpd only counts STARTTLS as TLS: with implicit TLS, auth_require_tls=True would refuse AUTH.
            auth_require_tls=not self.implicit_tls,
            auth_required=True,
            authenticator=self._authenticate,
            enable_SMTPUTF8=True,
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "SmtpServer":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = auth_data.login.decode("utf-8", "replace")
        accepted = (hmac.compare_digest(auth_data.login, self.username.encode())
                    and hmac.compare_digest(auth_data.password, self.password.encode()))
        with self._condition:
            self._logins.append((mechanism, login, accepted))
        return AuthResult(success=accepted, handled=False, auth_data=auth_data if accepted else None)

    def _deliver(self, session: Any, envelope: Any) -> str:
        auth = session.auth_data
        mail = Mail(mail_from=envelope.mail_from, rcpt_tos=list(envelope.rcpt_tos),
                    data=bytes(envelope.original_content),
                    login=auth.login.decode("utf-8", "replace") if isinstance(auth, LoginPassword) else None,
                    time=time.monotonic())
        with self._condition:
            if self._faults:
                self._rejected.append(mail)
                reply = self._faults.popleft()
            else:
                self._messages.append(mail)
                reply = "250 2.0.0 OK"
            self._condition.notify_all()
        return reply


class _Controller(Controller):
    """aiosmtpd's Controller without its warning about AUTH without TLS: with implicit TLS the whole connection
    is encrypted, but aiosmtpd counts only STARTTLS as TLS, so SmtpServer turns auth_require_tls off there."""

    def factory(self) -> Any:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
            return super().factory()


class _SmtpHandler:
    """The aiosmtpd handler: hands each finished DATA to the SmtpServer."""

    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return self.owner._deliver(session, envelope)


# --- HTTP --------------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Request:
    """One request as the HTTP receiver got it; header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    time: float  # time.monotonic() when the body had been read

    def json(self) -> Any:
        return json.loads(self.body)


@dataclasses.dataclass(frozen=True)
class Response:
    """A scripted answer. A dict or list body is sent as JSON, a str as UTF-8 text, bytes as they are
    (Content-Type application/json unless `headers` say otherwise); `delay` waits before answering;
    `hang` never answers (the connection stays open until the receiver stops)."""

    status: int = 200
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    body: bytes | str | dict | list = b"{}"
    delay: float = 0.0
    hang: bool = False

    def encoded(self) -> tuple[dict[str, str], bytes]:
        headers = dict(self.headers)
        body = self.body
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        else:
            headers.setdefault("Content-Type", "application/json")
        return headers, body


class HttpReceiver:
    """A threaded HTTP/1.1 server on 127.0.0.1 for webhook-style channels.

    Every request is recorded (`requests`). Answers come from the script (`script(...)` or `responses=`), in
    order, then 200 with `{}`. `hang = True` makes every request go unanswered (the socket stays open until
    `stop()`); a scripted `Response(hang=True)` does that for one request. `stop()` closes the listening
    socket and every open connection, so the port refuses connections until `start()` binds it again.
    With `certificates` it speaks HTTPS.
    """

    def __init__(self, responses: list[Response] | tuple[Response, ...] = (), *, hang: bool = False,
                 certificates: Certificates | None = None, port: int = 0) -> None:
        self.hang = hang
        self.certificates = certificates
        self.port = port
        self._script: collections.deque[Response] = collections.deque(responses)
        self._requests: list[Request] = []
        self._condition = threading.Condition()
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._server: _HttpServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:41234 (https:// with certificates, which name both
        127.0.0.1 and localhost)."""
        return f"{'https' if self.certificates else 'http'}://{LOCALHOST}:{self.port}"

    @property
    def requests(self) -> list[Request]:
        with self._condition:
            return list(self._requests)

    def script(self, *responses: Response) -> None:
        """Queues answers for the next requests."""
        with self._condition:
            self._script.extend(responses)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Request]:
        """The requests once there are at least `count`; AssertionError after `timeout` seconds."""
        with self._condition:
            if not _wait_until(self._condition, lambda: len(self._requests) >= count, timeout):
                raise AssertionError(f"HTTP receiver: {len(self._requests)} of {count} requests after {timeout} s")
            return list(self._requests)

    def start(self) -> "HttpReceiver":
        """Listens (again) on the port: a free one the first time, the same one after `stop()`."""
        if self._server is not None:
            return self
        self._stopping = threading.Event()
        self._server = _HttpServer(self, (LOCALHOST, self.port))
        self.port = self._server.server_address[1]
        if self.certificates is not None:
            self._server.socket = self.certificates.server_context().wrap_socket(
                self._server.socket, server_side=True, do_handshake_on_connect=False)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"http-receiver-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops listening and closes every open connection (hanging ones too)."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        with self._condition:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        assert self._thread is not None
        self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> "HttpReceiver":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _record(self, request: Request) -> Response:
        with self._condition:
            self._requests.append(request)
            self._condition.notify_all()
            if self.hang:
                return Response(hang=True)
            return self._script.popleft() if self._script else Response()


class _HttpServer(http.server.ThreadingHTTPServer):
    """ThreadingHTTPServer that keeps track of its open connections for HttpReceiver.stop()."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: HttpReceiver, address: tuple[str, int]) -> None:
        self.owner = owner
        super().__init__(address, _HttpHandler)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        with self.owner._condition:
            self.owner._connections.add(connection)
        return connection, address

    def shutdown_request(self, request: Any) -> None:
        with self.owner._condition:
            self.owner._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # a client that went away is no error of the receiver
            super().handle_error(request, client_address)


class _HttpHandler(http.server.BaseHTTPRequestHandler):
    """Reads a request, records it, and answers with what the receiver's script says."""

    protocol_version = "HTTP/1.1"
    server: _HttpServer

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()
            self.request.settimeout(None)
        super().setup()

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, ssl.SSLError, OSError):
            pass  # the client went away, or stop() closed the connection

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _answer(self) -> None:
        owner = self.server.owner
        body = self._body()
        request = Request(method=self.command, path=self.path,
                          headers={name.lower(): value for name, value in self.headers.items()},
                          body=body, time=time.monotonic())
        response = owner._record(request)
        if response.hang:
            owner._stopping.wait()
            self.close_connection = True
            return
        if response.delay and owner._stopping.wait(response.delay):
            self.close_connection = True
            return
        headers, payload = response.encoded()
        self.send_response(response.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _answer


# --- Matrix (Synapse) --------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class MatrixUser:
    user_id: str
    access_token: str
    password: str


@dataclasses.dataclass(frozen=True)
class MatrixRoom:
    """A room made by `owner` (a person) with `bot` invited and joined: the daemon posts with bot.access_token."""

    room_id: str
    owner: MatrixUser
    bot: MatrixUser


class MatrixError(AssertionError):
    """A Synapse request answered with an unexpected status."""

    def __init__(self, method: str, path: str, status: int, body: Any) -> None:
        super().__init__(f"{method} {path}: {status} {body}")
        self.status = status
        self.body = body


# Every rate limit, raised far beyond what a test does; a test that wants 429 uses limit_messages().
_UNLIMITED = {"per_second": 10000, "burst_count": 10000}
_RATE_LIMITS = {
    **{key: _UNLIMITED for key in (
        "rc_message", "rc_registration", "rc_registration_token_validity", "rc_admin_redaction",
        "rc_joins_per_room", "rc_3pid_validation", "rc_third_party_invite", "rc_media_create",
        "rc_delayed_event_mgmt", "rc_room_creation", "rc_reports", "rc_key_requests", "rc_user_directory",
        "rc_profile")},
    "rc_login": {"address": _UNLIMITED, "account": _UNLIMITED, "failed_attempts": _UNLIMITED},
    "rc_joins": {"local": _UNLIMITED, "remote": _UNLIMITED},
    "rc_invites": {"per_room": _UNLIMITED, "per_user": _UNLIMITED, "per_issuer": _UNLIMITED},
    "rc_presence": {"per_user": _UNLIMITED},
}


_PRCTL = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child after fork() should only call it
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process dies, so no homeserver outlives a killed run."""
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Synapse:
    """A Synapse homeserver for server_name `localhost`: SQLite, plain HTTP client API (the admin API comes
    with it) on 127.0.0.1, no federation listener, registration only by shared secret, rate limits off.

    `directory` holds the config, signing key, database, media and `synapse.log`. `stop()` then `start()`
    brings it back on the same port with the same data.
    """

    server_name = "localhost"

    def __init__(self, directory: pathlib.Path, *, port: int | None = None,
                 config: dict[str, Any] | None = None) -> None:
        self.directory = directory
        self.port = port or free_port()
        self.shared_secret = secrets.token_hex(16)
        self.config_file = directory / "homeserver.yaml"
        self.log_file = directory / "synapse.log"
        self.extra_config = config or {}
        self.process: subprocess.Popen[bytes] | None = None
        self._admin: MatrixUser | None = None

    @property
    def url(self) -> str:
        """The homeserver base URL, e.g. http://127.0.0.1:41234."""
        return f"http://{LOCALHOST}:{self.port}"

    def user_id(self, localpart: str) -> str:
        return f"@{localpart}:{self.server_name}"

    def write_config(self) -> None:
        """Writes homeserver.yaml (as JSON, which is YAML too) and a signing key."""
        self.directory.mkdir(parents=True, exist_ok=True)
        signing_key = self.directory / "signing.key"
        if not signing_key.exists():
            seed = base64.b64encode(os.urandom(32)).decode().rstrip("=")
            signing_key.write_text(f"ed25519 a_test {seed}\n")
        config = {
            "server_name": self.server_name,
            "public_baseurl": self.url + "/",
            "pid_file": str(self.directory / "homeserver.pid"),
            "report_stats": False,
            "signing_key_path": str(signing_key),
            "media_store_path": str(self.directory / "media"),
            "database": {"name": "sqlite3", "args": {"database": str(self.directory / "homeserver.db")}},
            "listeners": [{
                "port": self.port, "bind_addresses": [LOCALHOST], "type": "http", "tls": False,
                "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}],
            }],
            "enable_registration": False,
            "registration_shared_secret": self.shared_secret,
            "macaroon_secret_key": secrets.token_hex(16),
            "form_secret": secrets.token_hex(16),
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],
            "presence": {"enabled": False},
            "url_preview_enabled": False,
            "enable_metrics": False,
            **_RATE_LIMITS,
            **self.extra_config,
        }
        self.config_file.write_text(json.dumps(config, indent=2) + "\n")

    def start(self, timeout: float = 60.0) -> "Synapse":
        """Starts the homeserver and waits until /_matrix/client/versions answers."""
        if self.process is not None and self.process.poll() is None:
            return self
        if not self.config_file.exists():
            self.write_config()
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "synapse.app.homeserver", "-c", str(self.config_file)],
                cwd=self.directory, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                preexec_fn=_die_with_parent)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise AssertionError(f"synapse exited with {self.process.returncode} while starting:\n{self.log_tail()}")
            try:
                with _DIRECT.open(self.url + "/_matrix/client/versions", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"synapse did not answer within {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM, then SIGKILL after `timeout`."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> "Synapse":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    # Client-server API

    def request(self, method: str, path: str, *, token: str | None = None, body: Any = None,
                expect: tuple[int, ...] = (200,)) -> Any:
        """A JSON request to the homeserver; the decoded answer, or MatrixError if the status is not in `expect`."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with _DIRECT.open(request, timeout=30) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        try:
            decoded = json.loads(payload) if payload else None
        except ValueError:
            decoded = payload.decode(errors="replace")
        if status not in expect:
            raise MatrixError(method, path, status, decoded)
        return decoded

    def register(self, user: str, password: str | None = None, admin: bool = False) -> str:
        """Registers `user` (a localpart) through the shared-secret admin API; its access token."""
        return self.register_user(user, password, admin).access_token

    def register_user(self, user: str, password: str | None = None, admin: bool = False) -> MatrixUser:
        """Like `register`, but returns user id, token and password."""
        password = password if password is not None else secrets.token_urlsafe(12)
        nonce = self.request("GET", "/_synapse/admin/v1/register")["nonce"]
        mac = hmac.new(self.shared_secret.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join([nonce.encode(), user.encode(), password.encode(),
                                 b"admin" if admin else b"notadmin"]))
        answer = self.request("POST", "/_synapse/admin/v1/register", body={
            "nonce": nonce, "username": user, "password": password, "admin": admin, "mac": mac.hexdigest()})
        return MatrixUser(user_id=answer["user_id"], access_token=answer["access_token"], password=password)

    def admin_token(self) -> str:
        """The token of an admin user that this object registers the first time it is needed."""
        if self._admin is None:
            self._admin = self.register_user(unique_id("admin"), admin=True)
        return self._admin.access_token

    def create_room(self, token: str, *, invite: list[str] | tuple[str, ...] = (), name: str | None = None) -> str:
        """A new private room made by the token's user; its room id."""
        body: dict[str, Any] = {"preset": "private_chat", "invite": list(invite)}
        if name is not None:
            body["name"] = name
        return self.request("POST", "/_matrix/client/v3/createRoom", token=token, body=body)["room_id"]

    def invite(self, token: str, room_id: str, user_id: str) -> None:
        self.request("POST", f"/_matrix/client/v3/rooms/{_quote(room_id)}/invite", token=token,
                     body={"user_id": user_id})

    def join(self, token: str, room_id: str) -> None:
        self.request("POST", f"/_matrix/client/v3/join/{_quote(room_id)}", token=token, body={})

    def room_with_bot(self, prefix: str = "t") -> MatrixRoom:
        """Registers a person and a bot, the person makes a room and invites the bot, and the bot joins."""
        owner = self.register_user(unique_id(f"{prefix}-owner"))
        bot = self.register_user(unique_id(f"{prefix}-bot"))
        room_id = self.create_room(owner.access_token, invite=[bot.user_id])
        self.join(bot.access_token, room_id)
        return MatrixRoom(room_id=room_id, owner=owner, bot=bot)

    def send_text(self, token: str, room_id: str, body: str, txn_id: str | None = None) -> str:
        """PUTs an m.text message with the transaction id (a fresh one by default); the event id."""
        txn_id = txn_id or secrets.token_hex(8)
        path = f"/_matrix/client/v3/rooms/{_quote(room_id)}/send/m.room.message/{_quote(txn_id)}"
        return self.request("PUT", path, token=token, body={"msgtype": "m.text", "body": body})["event_id"]

    def events(self, token: str, room_id: str) -> list[dict[str, Any]]:
        """The room's last 100 timeline events, oldest first."""
        path = f"/_matrix/client/v3/rooms/{_quote(room_id)}/messages?dir=b&limit=100"
        return list(reversed(self.request("GET", path, token=token)["chunk"]))

    def messages(self, token: str, room_id: str) -> list[dict[str, Any]]:
        """The contents of the room's m.room.message events (of the last 100 events), oldest first."""
        return [event["content"] for event in self.events(token, room_id) if event["type"] == "m.room.message"]

    def wait_for_messages(self, token: str, room_id: str, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The message contents once there are at least `count`; AssertionError after `timeout` seconds."""
        end = time.monotonic() + timeout
        while True:
            found = self.messages(token, room_id)
            if len(found) >= count:
                return found
            if time.monotonic() >= end:
                raise AssertionError(f"Synapse room {room_id}: {len(found)} of {count} messages after {timeout} s")
            time.sleep(0.1)

    def limit_messages(self, user_id: str, per_second: int, burst_count: int) -> None:
        """Overrides rc_message for one user (admin API), so a test can make Synapse answer 429. Every event the
        user makes counts, joins too, and the bucket keeps what it held. per_second=0 lifts the limit again."""
        self.request("POST", f"/_synapse/admin/v1/users/{_quote(user_id)}/override_ratelimit",
                     token=self.admin_token(), body={"messages_per_second": per_second, "burst_count": burst_count})


def _quote(part: str) -> str:
    return urllib.parse.quote(part, safe="")


# --- Fixtures ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def tls_certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return Certificates.generate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def smtp_server(tls_certificates: Certificates):
    """A STARTTLS SmtpServer (AUTH after STARTTLS only)."""
    with SmtpServer(tls_certificates) as server:
        yield server


@pytest.fixture
def smtps_server(tls_certificates: Certificates):
    """An implicit-TLS SmtpServer (SMTPS)."""
    with SmtpServer(tls_certificates, implicit_tls=True) as server:
        yield server


@pytest.fixture
def http_receiver():
    with HttpReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory):
    """One homeserver for the whole run; tests keep apart by registering their own users and rooms."""
    with Synapse(tmp_path_factory.mktemp("synapse")) as server:
        yield server
