"""Fetching articles from URLs — only when the user asks, and only from public addresses.

A corpus file or a pasted list must not make Parallax probe the user's own network, so
every connection (the first one and each redirect) goes to an address that was resolved
and checked just before: never private, loopback, link-local or reserved. Connecting to
the checked address itself (not resolving the name a second time) closes the DNS
rebinding gap, and proxies are bypassed because they would connect on our behalf.
Downloads have a total deadline (not only a per-read timeout, which a server dripping a byte
at a time never trips) and a size cap, and only HTML or plain text is read as an article.
Offline, each URL becomes a coded report record.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import ParseResult, urlparse

from compare import settings
from compare.errors import Code
from compare.ingest.draft import Draft
from compare.ingest.encoding import decode, looks_binary
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


class NotHTML(OSError):
    """The address answered with something other than a web page: a PDF, JSON, an archive (P116)."""


#: Content types read as an article; anything else is refused as "not HTML" (P116).
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: Opening bytes of formats that are not pages, whatever the server's Content-Type says.
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def not_a_page(data: bytes, content_type: str) -> str | None:
    """What the response is when it is not a web page (by its bytes first, then its type), else None."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if looks_binary(data):
        return "binary data"
    stripped = data.lstrip()[:1]
    if stripped in (b"{", b"[") and content_type != "text/plain":
        try:
            json.loads(data)
        except (ValueError, RecursionError):
            pass
        else:
            return "JSON data"
    if content_type not in PAGE_TYPES:
        return f"{content_type} content"
    return None


def embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (IPv4-mapped ``::ffff:``, 6to4 ``2002::/16``,
    Teredo ``2001::/32``, NAT64 ``64:ff9b::/96``): each reaches that IPv4 host, so each is checked."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [v4 for v4 in found if v4 is not None]


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether connecting to ``ip`` reaches the public internet only (never the user's own network)."""
    if not ip.is_global or ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved:
        return False
    return all(is_public(v4) for v4 in embedded_ipv4(ip))


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
        if not is_public(ip):
            raise Refused(f"{host} resolves to a non-public address {ip}")
    if not addresses:
        raise Unresolvable(f"cannot resolve {host}")
    return str(addresses[0])


def parse_address(url: str) -> tuple[ParseResult, str, int]:
    """The parsed http(s) ``url`` with its host and port.

    Raises:
        Refused: not http(s), no host, or not a well-formed address ("http://[", a port past 65535).
    """
    try:
        parsed = urlparse(url)
        host, port = parsed.hostname, parsed.port
    except ValueError as exc:
        raise Refused(f"not a well-formed address ({exc})") from exc
    if parsed.scheme not in {"http", "https"} or not host:
        raise Refused("only http and https addresses are fetched")
    return parsed, host, port or (443 if parsed.scheme == "https" else 80)


def refusal(url: str) -> str | None:
    """Why ``url`` must not be fetched, or None when it is a public http(s) address. Never raises."""
    try:
        _, host, port = parse_address(url)
        public_address(host, port)
    except (OSError, ValueError) as exc:
        return str(exc)
    return None


class _Deadline:
    """One total deadline for a download: every connection it opens (redirects too) is shut when
    the time is up, which wakes any read blocked on a server that drips bytes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._watches: list[tuple[threading.Timer, socket.socket]] = []

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no complete answer within {self.seconds:g} s")
        return left

    def expired(self) -> bool:
        return time.monotonic() >= self.end

    def watch(self, sock: socket.socket) -> None:
        # A duplicate of the socket: TLS wraps (and detaches) the original, and shutting down any
        # descriptor of the connection ends it for all of them.
        copy = sock.dup()
        timer = threading.Timer(self.end - time.monotonic(), _shut, args=(copy,))
        timer.daemon = True
        timer.start()
        self._watches.append((timer, copy))

    def close(self) -> None:
        for timer, copy in self._watches:
            timer.cancel()
            copy.close()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


_LOCAL = threading.local()  # the running download's _Deadline (downloads may run in several threads)


def _checked_connection(
    address: tuple[str, int], timeout: float | None = None, source_address: Any = None, **_: Any
) -> socket.socket:
    """``socket.create_connection`` that connects only to the checked public address of the host,
    within the running download's deadline."""
    host, port = address
    deadline: _Deadline | None = getattr(_LOCAL, "deadline", None)
    if deadline is not None:
        timeout = min(timeout or deadline.seconds, deadline.remaining())
    sock = socket.create_connection((public_address(host, port), port), timeout, source_address)
    if deadline is not None:
        deadline.watch(sock)
    return sock


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
    """The page's bytes (at most the size cap) and its content type, all within URL_FETCH_TIMEOUT_S.

    Raises:
        Refused: the address (or a redirect) is not public.
        NotHTML: the answer is not a web page (a PDF, JSON, an image, an archive).
        OSError: network failures, the deadline passing, a page over the size cap.
    """
    parse_address(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    deadline = _Deadline(settings.URL_FETCH_TIMEOUT_S)
    _LOCAL.deadline = deadline
    try:
        with _OPENER.open(request, timeout=settings.URL_FETCH_TIMEOUT_S) as response:
            data = response.read(settings.URL_FETCH_MAX_BYTES + 1)
            content_type = response.headers.get_content_type()
    except (OSError, http.client.HTTPException):
        if deadline.expired():  # the watchdog shut the connection: say so, not "connection reset"
            raise TimeoutError(f"no complete answer within {deadline.seconds:g} s") from None
        raise
    finally:
        _LOCAL.deadline = None
        deadline.close()
    if deadline.expired():  # the read ended because the watchdog shut the connection: the page is cut short
        raise TimeoutError(f"no complete answer within {deadline.seconds:g} s")
    if len(data) > settings.URL_FETCH_MAX_BYTES:
        raise OSError(f"the page is larger than the {settings.URL_FETCH_MAX_BYTES / 2**20:.0f} MB download limit")
    kind = not_a_page(data, content_type)
    if kind:
        raise NotHTML(kind)
    return data, content_type


def fetch(file: str, urls: list[str]) -> Iterator[Draft | IngestRecord]:
    """Download and read each URL, yielding a draft or a coded rejection per address."""
    for number, url in enumerate(urls, start=1):
        try:
            data, content_type = download(url)
        except Refused as exc:
            yield _failed(file, number, Code.P110, url, str(exc))
            continue
        except NotHTML as exc:
            yield _failed(file, number, Code.P116, url, str(exc))
            continue
        except urllib.error.URLError as exc:
            reason = exc.reason
            code = Code.P110 if isinstance(reason, Refused) else Code.P116 if isinstance(reason, NotHTML) else Code.P109
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
