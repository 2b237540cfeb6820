"""URL fetching: public addresses only (also after redirects and at connect time), size cap, offline records."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from compare import settings
from compare.ingest import load_urls
from compare.ingest import urls as fetching

PARAGRAPHS = (
    "The city council approved the new budget on Tuesday after a long debate about road repairs and schools.",
    "Members argued for hours over the cost of repairs to the main bridge, which engineers call unsafe.",
)
PAGE = (
    "<html><head><title>Budget passes</title></head><body><article><h1>Budget passes</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></body></html>"
).encode()


#: Answers that are not web pages, by Content-Type or by their bytes whatever the type says.
NOT_PAGES = {
    "/report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
    "/feed.json": (json.dumps({"text": "not a page"}).encode(), "application/json"),
    "/lying.json": (json.dumps([{"text": "not a page"}]).encode(), "text/html"),
    "/page.gz": (gzip.compress(PAGE), "text/html"),
    "/blob": (bytes(range(256)) * 8, "application/octet-stream"),
}


class _Site(BaseHTTPRequestHandler):
    """A tiny news site: an article, a redirect into the local network, an oversized page."""

    def do_GET(self) -> None:
        if self.path == "/story":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/notes.txt":
            self._send(200, ("Budget passes\n\n" + "\n\n".join(PARAGRAPHS)).encode(), "text/plain")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/story")
            self.end_headers()
        elif self.path.startswith("/drip"):  # headers at once, then the body a byte at a time (or headers too)
            self.send_response(200)
            if self.path == "/drip-headers":
                for byte in b"X-Slow: " + b"y" * 40:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for byte in PAGE:
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
        elif self.path in NOT_PAGES:
            self._send(200, *NOT_PAGES[self.path])
        elif self.path == "/huge":
            self._send(200, b"<p>" + b"x" * (settings.URL_FETCH_MAX_BYTES + 10) + b"</p>", "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    server.server_close()


@pytest.fixture
def public_news_host(monkeypatch: pytest.MonkeyPatch) -> str:
    """Pretend "news.test" is a public host served by the local test site; every other name is checked for real."""
    real = fetching.public_address

    def public_address(host: str, port: int) -> str:
        return "127.0.0.1" if host == "news.test" else real(host, port)

    monkeypatch.setattr(fetching, "public_address", public_address)
    return "news.test"


def test_ingest_fetch_reads_public_page(site: int, public_news_host: str) -> None:
    result = load_urls([f"http://{public_news_host}:{site}/story"])
    assert [a.title for a in result.articles] == ["Budget passes"], result.report
    article = result.articles[0]
    assert article.url == f"http://{public_news_host}:{site}/story"
    assert article.text.startswith(PARAGRAPHS[0])


def test_ingest_fetch_plain_text_page_is_cleaned_as_text(site: int, public_news_host: str) -> None:
    result = load_urls([f"http://{public_news_host}:{site}/notes.txt"])
    assert [a.title for a in result.articles] == ["Budget passes"], result.report


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("/moved", "P110", "non-public address 127.0.0.1"),  # the redirect target is checked too
        ("/huge", "P109", "download limit"),
        ("/missing", "P109", "Not Found"),
    ],
)
def test_ingest_fetch_failures_are_coded_records(
    site: int, public_news_host: str, path: str, code: str, words: str
) -> None:
    result = load_urls([f"http://{public_news_host}:{site}{path}"])
    assert result.articles == []
    assert [r.code for r in result.report] == [code]
    assert words in result.report[0].message


def test_ingest_fetch_local_address_refused_before_connecting(site: int) -> None:
    result = load_urls([f"http://127.0.0.1:{site}/story", f"http://localhost:{site}/story", "ftp://example.com/a"])
    assert [r.code for r in result.report] == ["P110", "P110", "P110"]


def test_ingest_fetch_rebinding_name_checked_at_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolved publicly once and then points inward is refused when the connection is made."""
    answers = iter(["93.184.216.34", "127.0.0.1"])

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        return [(2, 1, 6, "", (next(answers, "127.0.0.1"), port))]

    monkeypatch.setattr(fetching.socket, "getaddrinfo", getaddrinfo)
    assert fetching.refusal("http://rebind.test/") is None  # first answer: public
    result = load_urls(["http://rebind.test/"])  # the connection resolves again: now loopback
    assert [r.code for r in result.report] == ["P110"]


def test_ingest_fetch_offline_is_a_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(*args: object, **kwargs: object) -> list[tuple[object, ...]]:
        raise fetching.socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(fetching.socket, "getaddrinfo", offline)
    result = load_urls(["https://example.com/news/1"])
    assert [r.code for r in result.report] == ["P109"]
    assert "example.com" in result.report[0].message


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_ingest_fetch_total_deadline_per_url(
    site: int, public_news_host: str, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """The timeout was per socket read, so a server dripping a byte at a time held a fetch for minutes
    (issue 21, item 12); now the whole download has one deadline."""
    monkeypatch.setattr(settings, "URL_FETCH_TIMEOUT_S", 1.0)
    started = time.monotonic()
    result = load_urls([f"http://{public_news_host}:{site}{path}"])
    assert time.monotonic() - started < 3.0
    assert result.articles == []
    assert [r.code for r in result.report] == ["P109"]
    assert "within 1 s" in result.report[0].message


@pytest.mark.parametrize("path", sorted(NOT_PAGES))
def test_ingest_fetch_not_html_has_its_own_code(site: int, public_news_host: str, path: str) -> None:
    """A PDF, JSON, gzip or binary answer was "empty after cleaning" (P102); it is "not HTML" (P116)."""
    result = load_urls([f"http://{public_news_host}:{site}{path}"])
    assert result.articles == []
    assert [r.code for r in result.report] == ["P116"], result.report
    assert "not an HTML page" in result.report[0].message


@pytest.mark.parametrize(
    "url",
    [
        "http://[",
        "http://[::1",
        "http://example.com:99999/",
        "http://[2002:7f00:1::]/",  # 6to4 carrying 127.0.0.1
        "http://[2002:c0a8:101::1]/",  # 6to4 carrying 192.168.1.1
        "http://[64:ff9b::7f00:1]/",  # NAT64 carrying 127.0.0.1
        "http://[64:ff9b::a00:1]/",  # NAT64 carrying 10.0.0.1
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
        "http://[2001:0:4136:e378:8000:63bf:80ff:fefe]/",  # Teredo
    ],
)
def test_ingest_fetch_refusal_never_raises_and_refuses_embedded_private_ipv4(url: str) -> None:
    reason = fetching.refusal(url)
    assert reason, url
    assert [r.code for r in load_urls([url]).report] == ["P110"]


def test_ingest_fetch_6to4_with_public_ipv4_is_not_refused_for_its_embedding() -> None:
    ip = fetching.ipaddress.ip_address("2002:808:808::1")  # 6to4 carrying 8.8.8.8
    assert fetching.embedded_ipv4(ip) == [fetching.ipaddress.IPv4Address("8.8.8.8")]
    assert fetching.is_public(ip)
