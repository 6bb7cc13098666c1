"""For the people who subscribe and who operate: the subscribe page in a real browser (headless Chromium, desktop and
phone widths, screenshots kept in .build-screenshots/ to look at, the DOM checked), the metrics scraped by a real
Prometheus and queried through its HTTP API, and the feed requests counted in `partnerctl status`."""

from __future__ import annotations

import html.parser
import json
import pathlib
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from daemon import Daemon, free_port, require

REPO = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / ".build-screenshots"
TOKEN = "s3cr3t-token-0123456789"


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture(scope="module")
def daemon(partnerd, tmp_path_factory):
    """partnerd on the sample config with a token, a private partnership and feed.public_url unset."""
    workdir = tmp_path_factory.mktemp("people")
    config_dir = workdir / "config"
    shutil.copytree(REPO / "Config", config_dir)
    main = config_dir / "partnerd.toml"
    text = main.read_text(encoding="utf-8").replace('token = ""', f'token = "{TOKEN}"')
    main.write_text(text, encoding="utf-8")
    with (config_dir / "partnerships.d" / "zz-private.toml").open("w", encoding="utf-8") as extra:
        extra.write('[[partnership]]\nid = "geheim"\ncity = "Berlin"\npartner = "Geheimstadt"\ncountry = "DE"\n'
                    "signed = 2001-01-15\nprivate = true\n")
    port = free_port()
    process = Daemon(partnerd, main, workdir, log_target="stderr", listen=f"127.0.0.1:{port}").start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if fetch(base + "/")[0] == 200:
                break
        except OSError:
            pass
        if process.process.poll() is not None or time.monotonic() > deadline:
            process.stop()
            pytest.fail(f"partnerd did not serve its page: {process.output()[-800:]}")
        time.sleep(0.1)
    yield {"base": base, "port": port, "daemon": process}
    assert process.stop() == 0


class Links(html.parser.HTMLParser):
    """Every href, every input's value, the html element's lang, and the h1/h2 texts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.values: list[str] = []
        self.lang: str | None = None
        self.headings: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])
        if tag == "input" and "value" in attributes:
            self.values.append(attributes["value"])
        if tag in ("h1", "h2"):
            self._in_heading = True
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2"):
            self._in_heading = False

    def handle_data(self, data):
        if self._in_heading:
            self.headings[-1] += data


def chromium(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [require("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=/tmp/partnerd-chromium", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def rendered_dom(url: str) -> Links:
    result = chromium("--dump-dom", url)
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    links = Links()
    links.feed(result.stdout)
    return links


def test_the_page_in_a_browser_desktop_and_phone(daemon):
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, size in (("page-desktop.png", "1280,1600"), ("page-phone.png", "390,1600")):
        target = SCREENSHOTS / name
        target.unlink(missing_ok=True)
        result = chromium(f"--window-size={size}", f"--screenshot={target}", daemon["base"] + "/")
        assert target.exists() and target.stat().st_size > 10_000, result.stderr[-2000:]
    page = rendered_dom(daemon["base"] + "/")
    host = f"127.0.0.1:{daemon['port']}"
    assert page.lang == "de"
    assert page.headings[0] == "Städtepartnerschaften Berlin"
    assert f"webcal://{host}/calendar.ics" in page.hrefs
    assert f"http://{host}/calendar.ics" in page.values
    google = [href for href in page.hrefs if href.startswith("https://calendar.google.com/calendar/render?cid=")]
    assert urllib.parse.unquote(google[0].split("cid=")[1]) == f"webcal://{host}/calendar.ics"
    outlook = [href for href in page.hrefs if href.startswith("https://outlook.live.com/calendar/0/addfromweb?")]
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(outlook[0]).query)["url"] == [f"http://{host}/calendar.ics"]
    assert "/partnerships/berlin-bruessel" in page.hrefs
    assert f"webcal://{host}/partnerships/berlin-bruessel.ics" in page.hrefs
    # Nothing private without the token.
    assert not [link for link in page.hrefs + page.values if "geheim" in link or "token" in link]


def test_the_page_with_the_token_shows_the_private_feeds(daemon):
    page = rendered_dom(daemon["base"] + f"/?token={TOKEN}")
    host = f"127.0.0.1:{daemon['port']}"
    assert f"http://{host}/partnerships/geheim.ics?token={TOKEN}" in page.values
    assert f"webcal://{host}/calendar.ics?token={TOKEN}" in page.hrefs
    assert fetch(daemon["base"] + "/?token=wrong")[0] == 404
    one = rendered_dom(daemon["base"] + "/partnerships/berlin-bruessel")
    assert one.headings[0] == "Berlin – Brüssel"
    assert f"webcal://{host}/partnerships/berlin-bruessel.ics" in one.hrefs


def test_the_page_revalidates_like_the_feeds(daemon):
    status, headers, body = fetch(daemon["base"] + "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    again = fetch(daemon["base"] + "/", {"If-None-Match": headers["etag"]})
    assert again[0] == 304


def test_prometheus_scrapes_the_daemon(daemon, tmp_path):
    prometheus = require("prometheus")
    fetch(daemon["base"] + "/calendar.ics")
    port = free_port()
    config = tmp_path / "prometheus.yml"
    config.write_text(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        "scrape_configs:\n  - job_name: partnerd\n    static_configs:\n"
        f"      - targets: ['127.0.0.1:{daemon['port']}']\n", encoding="utf-8")
    process = subprocess.Popen(
        [prometheus, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api/v1/query?query="
    try:
        def value(query: str):
            try:
                status, _, body = fetch(api + urllib.parse.quote(query))
            except OSError:
                return None
            result = json.loads(body)["data"]["result"] if status == 200 else []
            return float(result[0]["value"][1]) if result else None

        deadline = time.monotonic() + 60
        while value("partnerd_partnerships") is None and time.monotonic() < deadline:
            assert process.poll() is None, "prometheus exited"
            time.sleep(0.5)
        assert value("partnerd_partnerships") == 20  # the sample's 19 and the private one
        assert value('partnerd_feed_requests_total{feed="calendar",status="200"}') >= 1
        assert value("partnerd_feed_bytes") > 10_000
        assert value("partnerd_feed_renders_total") >= 1
        assert value("partnerd_next_reminder_due_timestamp_seconds") > time.time()
        assert value('up{job="partnerd"}') == 1
        # Counters whose labels are known exist from the start, at 0 until something happens.
        assert value('partnerd_config_reloads_total{outcome="applied"}') == 0
        assert value('partnerd_config_reloads_total{outcome="rejected"}') == 0
        assert value('partnerd_reminders_delivered_total{kind="jubilee",late="true"}') is not None
        assert value('partnerd_deliveries_retried_total{recipient="journal"}') is not None
        assert value('partnerd_feed_requests_total{feed="page",status="404"}') is not None
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_status_counts_the_feed_requests(daemon, partnerctl):
    base = daemon["base"]
    _, headers, _ = fetch(base + "/partnerships/berlin-bruessel.ics")
    fetch(base + "/partnerships/berlin-bruessel.ics", {"If-None-Match": headers["etag"]})
    socket = str(daemon["daemon"].socket)
    status = json.loads(subprocess.run([str(partnerctl), "status", "--json", "--socket", socket],
                                       capture_output=True, text=True, check=True, timeout=30).stdout)
    activity = {item["kind"]: item for item in status["feed"]["activity"]}
    assert activity["partnership"]["requests_24h"] >= 2 and activity["partnership"]["not_modified_24h"] >= 1
    assert activity["partnership"]["last_request"]
    assert activity["page"]["requests_24h"] >= 1
    text = subprocess.run([str(partnerctl), "status", "--socket", socket], capture_output=True, text=True,
                          check=True, timeout=30).stdout
    assert "Feed requests: calendar:" in text and "of them 304" in text
