"""Fetching articles from URLs — only when the user asks, and only from public addresses.

A corpus file or a pasted list must not make Parallax probe the user's own network, so
every connection (the first one and each redirect) goes to an address that was resolved
and checked just before: never private, loopback, link-local or reserved. Connecting to
the checked address itself (not resolving the name a second time) closes the DNS
rebinding gap, and proxies are bypassed because they would connect on our behalf.
Downloads have a timeout and a size cap. Offline, each URL becomes a coded report record.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from compare import settings
from compare.errors import Code
from compare.ingest.draft import Draft
from compare.ingest.encoding import decode
from compare.ingest.html import read_html
from compare.ingest.text import read_text
from compare.model import IngestRecord

USER_AGENT = "Parallax/0.1 (+local news comparison; fetches only on request)"
#: Redirects followed per address (each one checked like the first address).
MAX_REDIRECTS = 5


class Refused(OSError):
    """The address is not a public http(s) address (P110)."""


class Unresolvable(OSError):
    """The host name does not resolve — usually because the machine is offline (P109)."""


def public_address(host: str, port: int) -> str:
    """A checked public IP for ``host``.

    Raises:
        Unresolvable: the name does not resolve.
        Refused: any of its addresses is not public (a name that also points inward is refused whole).
    """
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise Unresolvable(f"cannot resolve {host} ({exc})") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for ip in addresses:
        if not ip.is_global or ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved:
            raise Refused(f"{host} resolves to a non-public address {ip}")
    if not addresses:
        raise Unresolvable(f"cannot resolve {host}")
    return str(addresses[0])


def refusal(url: str) -> str | None:
    """Why ``url`` must not be fetched, or None when it is a public http(s) address."""
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return "only http and https addresses are fetched"
    try:
        public_address(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80))
    except OSError as exc:
        return str(exc)
    return None


def _checked_connection(
    address: tuple[str, int], timeout: float | None = None, source_address: Any = None, **_: Any
) -> socket.socket:
    """``socket.create_connection`` that connects only to the checked public address of the host."""
    host, port = address
    return socket.create_connection((public_address(host, port), port), timeout, source_address)


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    """TLS still verifies the certificate against the host name; only the TCP target is pinned."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_CheckedHTTPSConnection, req)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects only to http(s) (the connection itself re-checks the new host's address)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urlparse(newurl).scheme not in {"http", "https"}:
            raise Refused(f"redirect to {newurl} (only http and https addresses are fetched)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _CheckedHTTPHandler, _CheckedHTTPSHandler, _CheckedRedirects
)


def read_urls_file(text: str) -> list[str]:
    """Addresses listed one per line; blank lines and # comments ignored."""
    return [line.strip() for line in text.split("\n") if line.strip() and not line.strip().startswith("#")]


def download(url: str) -> tuple[bytes, str]:
    """The page's bytes (at most the size cap) and its content type.

    Raises:
        Refused: the address (or a redirect) is not public.
        OSError: network failures, timeouts, a page over the size cap.
    """
    if urlparse(url).scheme not in {"http", "https"}:
        raise Refused("only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with _OPENER.open(request, timeout=settings.URL_FETCH_TIMEOUT_S) as response:
        data = response.read(settings.URL_FETCH_MAX_BYTES + 1)
        content_type = response.headers.get_content_type()
    if len(data) > settings.URL_FETCH_MAX_BYTES:
        raise OSError(f"the page is larger than the {settings.URL_FETCH_MAX_BYTES / 2**20:.0f} MB download limit")
    return data, content_type


def fetch(file: str, urls: list[str]) -> Iterator[Draft | IngestRecord]:
    """Download and read each URL, yielding a draft or a coded rejection per address."""
    for number, url in enumerate(urls, start=1):
        try:
            data, content_type = download(url)
        except Refused as exc:
            yield _failed(file, number, Code.P110, url, str(exc))
            continue
        except urllib.error.URLError as exc:
            reason = exc.reason
            code = Code.P110 if isinstance(reason, Refused) else Code.P109
            yield _failed(file, number, code, url, str(reason))
            continue
        except (OSError, ValueError, http.client.HTTPException) as exc:
            yield _failed(file, number, Code.P109, url, str(exc) or type(exc).__name__)
            continue
        text = decode(data) or ""
        draft = read_text(file, text) if content_type == "text/plain" else read_html(file, text, url=url)
        draft.url = draft.url or url
        draft.line = number
        yield draft


def _failed(file: str, line: int, code: Code, url: str, reason: str) -> IngestRecord:
    return IngestRecord(
        file, "rejected", code=code.name, message=code.format(file=file, url=url, reason=reason), line=line
    )
