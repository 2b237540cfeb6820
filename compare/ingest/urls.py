"""Fetching articles from URLs — only when the user asks, and only from public addresses.

Each address is resolved first and refused when any of its IPs is private, loopback,
link-local or reserved, so a corpus file cannot make Parallax probe the user's network.
Downloads have a timeout and a size cap. Offline, each URL becomes a coded report record.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlparse

from compare import settings
from compare.errors import Code
from compare.ingest.draft import Draft
from compare.ingest.encoding import decode
from compare.ingest.html import read_html
from compare.model import IngestRecord

USER_AGENT = "Parallax/0.1 (+local news comparison; fetches only on request)"


def refusal(url: str) -> str | None:
    """Why ``url`` must not be fetched, or None when it is a public http(s) address."""
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return "only http and https addresses are fetched"
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        return f"cannot resolve {parsed.hostname} ({exc})"
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global or ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved:
            return f"{parsed.hostname} resolves to a non-public address {ip}"
    return None


def read_urls_file(text: str) -> list[str]:
    """Addresses listed one per line; blank lines and # comments ignored."""
    return [line.strip() for line in text.split("\n") if line.strip() and not line.strip().startswith("#")]


def fetch(file: str, urls: list[str]) -> Iterator[Draft | IngestRecord]:
    """Download and read each URL, yielding a draft or a coded rejection per address."""
    for number, url in enumerate(urls, start=1):
        reason = refusal(url)
        if reason and reason.startswith("cannot resolve"):
            yield _failed(file, number, Code.P109, url, reason)
            continue
        if reason:
            yield _failed(file, number, Code.P110, url, reason)
            continue
        try:
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            with urllib.request.urlopen(request, timeout=settings.URL_FETCH_TIMEOUT_S) as response:
                data = response.read(settings.URL_FETCH_MAX_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            yield _failed(file, number, Code.P109, url, str(getattr(exc, "reason", exc)))
            continue
        if len(data) > settings.URL_FETCH_MAX_BYTES:
            yield _failed(file, number, Code.P109, url, "the page is larger than the download limit")
            continue
        draft = read_html(file, decode(data) or "", url=url)
        draft.line = number
        yield draft


def _failed(file: str, line: int, code: Code, url: str, reason: str) -> IngestRecord:
    return IngestRecord(
        file, "rejected", code=code.name, message=code.format(file=file, url=url, reason=reason), line=line
    )
