"""The example nginx snippet: accepted by `nginx -t`, and when running, it caches public feeds,
passes private ones through and answers everything else itself."""

from __future__ import annotations

import http.client
import http.server
import pathlib
import shutil
import socket
import subprocess
import threading
import time

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
NGINX_SNIPPET = REPO / "systemd" / "nginx-partnerd.conf"
FEED = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"
ETAG = '"feed-1"'


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(
    tmp_path: pathlib.Path, snippet: str, listen: int | None = None, upstream: int | None = None
) -> pathlib.Path:
    """A minimal nginx.conf in `tmp_path` that includes `snippet`, relocated so that nothing under
    /var or /etc is touched, optionally with the snippet's ports replaced."""
    (tmp_path / "logs").mkdir(exist_ok=True)
    snippet = snippet.replace("/var/cache/nginx/partnerd", str(tmp_path / "cache"))
    snippet = snippet.replace("/var/log/nginx/", f"{tmp_path}/logs/")
    if listen is not None:
        snippet = snippet.replace("listen 80;", f"listen 127.0.0.1:{listen};").replace("listen [::]:80;", "")
    if upstream is not None:
        snippet = snippet.replace("server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream};")
    (tmp_path / "partnerd.conf").write_text(snippet)
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp_path / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = tmp_path / "nginx.conf"
    config.write_text(
        # The test's temporary directory is private to root, so the workers stay root too.
        "user root;\n"
        "daemon off;\n"
        f"pid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'logs' / 'error.log'};\n"
        "events {}\n"
        "http {\n"
        f"    access_log {tmp_path / 'logs' / 'access.log'};\n"
        f"{temp_paths}"
        f"    include {tmp_path / 'partnerd.conf'};\n"
        "}\n"
    )
    return config


def nginx_test(tmp_path: pathlib.Path, config: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require("nginx"), "-t", "-p", str(tmp_path), "-e", str(tmp_path / "logs" / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_nginx_accepts_the_example(tmp_path: pathlib.Path) -> None:
    snippet = NGINX_SNIPPET.read_text()
    assert "/var/cache/nginx/partnerd" in snippet
    assert "server 127.0.0.1:8080;" in snippet
    result = nginx_test(tmp_path, nginx_config(tmp_path, snippet))
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_check_can_fail(tmp_path: pathlib.Path) -> None:
    snippet = NGINX_SNIPPET.read_text().replace("proxy_cache partnerd;", "proxy_cache no_such_zone;")
    result = nginx_test(tmp_path, nginx_config(tmp_path, snippet))
    assert result.returncode != 0
    assert "no_such_zone" in result.stderr


class FakeFeed(http.server.BaseHTTPRequestHandler):
    """Stands in for partnerd's feed server: one feed with a strong ETag, /healthz, 404 otherwise."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        FakeFeed.requests.append(self.path)
        if self.path == "/healthz":
            self.answer(200, b"ok", "text/plain")
        elif self.path.split("?")[0] in ("/", "/partnerships/berlin-bruessel"):
            self.answer(200, b"<!DOCTYPE html><title>page</title>", "text/html; charset=utf-8")
        elif self.path.split("?")[0] == "/calendar.ics":
            if self.headers.get("If-None-Match") == ETAG:
                self.answer(304, b"", "text/calendar; charset=utf-8")
            else:
                self.answer(200, FEED, "text/calendar; charset=utf-8")
        else:
            self.answer(404, b"not found", "text/plain")

    def answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", "Wed, 01 Jun 2022 00:00:00 GMT")
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def proxied(tmp_path: pathlib.Path):
    """nginx with the example snippet in front of a fake feed server; yields nginx's port."""
    FakeFeed.requests = []
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeFeed)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    port = free_port()
    config = nginx_config(tmp_path, NGINX_SNIPPET.read_text(), listen=port, upstream=upstream.server_address[1])
    nginx = subprocess.Popen(
        [require("nginx"), "-p", str(tmp_path), "-e", str(tmp_path / "logs" / "error.log"), "-c", str(config)],
        stdin=subprocess.DEVNULL,
    )
    try:
        end = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > end:
                    pytest.fail("nginx did not start: " + (tmp_path / "logs" / "error.log").read_text())
                time.sleep(0.05)
        yield port
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        upstream.shutdown()
        upstream.server_close()


def request(port: int, method: str, path: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": "calendar.example.org", **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_public_feed_is_cached_and_revalidated_from_the_cache(proxied: int) -> None:
    status, headers, body = request(proxied, "GET", "/calendar.ics")
    assert (status, headers.get("X-Cache-Status"), body) == (200, "MISS", FEED)
    assert headers["ETag"] == ETAG

    status, headers, body = request(proxied, "GET", "/calendar.ics")
    assert (status, headers.get("X-Cache-Status"), body) == (200, "HIT", FEED)

    status, headers, _ = request(proxied, "GET", "/calendar.ics", {"If-None-Match": ETAG})
    assert status == 304
    assert FakeFeed.requests == ["/calendar.ics"]


def test_private_feed_bypasses_the_cache(proxied: int) -> None:
    for _ in range(2):
        status, headers, _ = request(proxied, "GET", "/calendar.ics?token=secret")
        assert (status, headers.get("X-Cache-Status")) == (200, "BYPASS")
    assert FakeFeed.requests == ["/calendar.ics?token=secret"] * 2


def test_other_paths_and_methods_stay_at_nginx(proxied: int) -> None:
    assert request(proxied, "GET", "/etc/passwd")[0] == 404
    assert request(proxied, "GET", "/partnerships/Berlin.ics")[0] == 404
    assert request(proxied, "POST", "/calendar.ics")[0] == 403
    assert FakeFeed.requests == []
    assert request(proxied, "GET", "/partnerships/berlin-bruessel.ics")[0] == 404
    assert request(proxied, "GET", "/healthz")[0] == 200
    assert FakeFeed.requests == ["/partnerships/berlin-bruessel.ics", "/healthz"]


def test_the_subscribe_page_passes_metrics_do_not(proxied: int) -> None:
    for path in ("/", "/partnerships/berlin-bruessel", "/?token=secret"):
        status, headers, body = request(proxied, "GET", path)
        assert status == 200 and body.startswith(b"<!DOCTYPE html>"), path
        assert "X-Cache-Status" not in headers
    assert request(proxied, "GET", "/metrics")[0] == 404
    assert request(proxied, "POST", "/")[0] == 403
    assert request(proxied, "GET", "/partnerships/Berlin")[0] == 404
    assert FakeFeed.requests == ["/", "/partnerships/berlin-bruessel", "/?token=secret"]
