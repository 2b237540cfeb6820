"""Property-based tests (hypothesis) for everything that reads untrusted input (issue 21).

Each property is one of the issue's promises: a reader never raises anything but a coded
rejection, never loses a well-formed record, the cleaner only removes (the words it keeps
are the page's words, in order), URL refusal never raises and refuses every address that
reaches a private IPv4, dates are valid or unknown.

The bounded ``ci`` profile runs by default (``make test``); ``make fuzz`` selects the
``fuzz`` profile (``HYPOTHESIS_PROFILE=fuzz``) with many more examples. A bug a fuzzer found
stays pinned as an ``@example``.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import json
import os
import re
import socket
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compare.clean import clean_text
from compare.errors import Code
from compare.ingest import records, urls
from compare.ingest.draft import Draft, iso_date
from compare.ingest.encoding import decode, decode_checked, fix_text
from compare.ingest.text import read_text
from compare.model import Article, IngestRecord
from compare.quotes import extract_quotes, find_quotations

settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CODES = {code.name for code in Code}
#: Field text with everything that breaks naive CSV/JSON handling: quotes, delimiters, newlines, tabs, accents.
FIELD = st.text(alphabet=st.sampled_from(list("abcXYZ019 éñß’“”\"',;\t\n.!?-")), max_size=60)
#: Prose-like words for the cleaner (letters of several scripts, punctuation glued on).
WORD = st.from_regex(r"[A-Za-zéàñßЖжΩω]{1,8}[.,:;!?\"”’]?", fullmatch=True)
PAGE = st.lists(st.lists(WORD, min_size=1, max_size=20).map(" ".join), max_size=12).flatmap(
    lambda lines: st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=len(lines), max_size=len(lines)).map(
        lambda breaks: "".join(line + brk for line, brk in zip(lines, breaks, strict=True))
    )
)


def _words(text: str) -> list[str]:
    return " ".join(text.split()).split(" ") if text.strip() else []


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    items = iter(whole)
    return all(word in items for word in part)


def _results_are_coded(results: list[Draft | IngestRecord]) -> None:
    for item in results:
        assert isinstance(item, (Draft, IngestRecord))
        if isinstance(item, IngestRecord):
            assert item.status == "rejected" and item.code in CODES and item.message.startswith(item.code)


# --- readers ---------------------------------------------------------------------------------------------


@given(rows=st.lists(st.tuples(FIELD, FIELD), max_size=8), delimiter=st.sampled_from([",", ";", "\t"]))
@example(rows=[('He said "yes" then left, quickly.', "A")], delimiter=",")  # issue 21, item 3
@example(rows=[("line one\nline two, with comma", "B")], delimiter=",")
def test_fuzz_csv_keeps_every_well_formed_row(rows: list[tuple[str, str]], delimiter: str) -> None:
    """Any field, written by a standard CSV writer, is read back whole: one article per row with text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["title", "text", "outlet"])
    for number, (text, outlet) in enumerate(rows):
        writer.writerow([f"Headline {number}", text, outlet])
    results = list(records.read_csv("feed.csv", out.getvalue()))
    _results_are_coded(results)
    assert len(results) == len(rows)
    for (text, outlet), item in zip(rows, results, strict=True):
        if not text.strip():
            assert isinstance(item, IngestRecord) and item.code == "P107"
            continue
        assert isinstance(item, Draft), item
        assert _words(item.text) == _words(fix_text(text))
        assert item.outlet == (outlet.strip() or None)


@given(st.text(max_size=300))
@example('text,outlet\n"unclosed')
@example("\x00,\x00\n\x00")
def test_fuzz_csv_never_raises(text: str) -> None:
    _results_are_coded(list(records.read_csv("feed.csv", text)))


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | FIELD,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(FIELD, inner, max_size=4),
    max_leaves=20,
)


@given(st.lists(st.fixed_dictionaries({"text": FIELD, "outlet": FIELD}, optional={"extra": JSON_VALUE}), max_size=6))
def test_fuzz_jsonl_keeps_every_well_formed_record(items: list[dict[str, object]]) -> None:
    text = "\n".join(json.dumps(item) for item in items)
    results = list(records.read_jsonl("feed.jsonl", text))
    _results_are_coded(results)
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        body = str(item["text"])
        if body.strip():
            assert isinstance(result, Draft), result
            assert _words(result.text) == _words(fix_text(body))
        else:
            assert isinstance(result, IngestRecord) and result.code == "P107"


@given(st.text(max_size=300) | JSON_VALUE.map(json.dumps))
@example("[" * 100_000)  # issue 21, item 4
@example("[" * 100_000 + "]" * 100_000)
@example('{"text": ' + "[" * 5000 + "]" * 5000 + "}")
def test_fuzz_json_readers_never_raise(text: str) -> None:
    _results_are_coded(list(records.read_json("feed.json", text)))
    _results_are_coded(list(records.read_jsonl("feed.jsonl", text)))


# --- bytes to text ---------------------------------------------------------------------------------------


@given(st.binary(max_size=600))
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf\xff")
def test_fuzz_decode_never_raises(data: bytes) -> None:
    decoded = decode_checked(data)
    assert decoded is None or isinstance(decoded.text, str)
    assert decode(data) == (decoded.text if decoded else None)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_fuzz_decode_reads_utf8_as_written(text: str) -> None:
    """UTF-8 is tried first, so UTF-8 text comes back as written (mojibake repair aside)."""
    text = text.removeprefix("\ufeff")
    decoded = decode_checked(text.encode("utf-8"))
    assert decoded is not None and decoded.guess is None
    assert decoded.text == fix_text(text)


# --- the cleaner -----------------------------------------------------------------------------------------


@given(PAGE, st.none() | FIELD)
@example("", "")  # issue 21, item 14: IndexError
@example("", None)
def test_fuzz_clean_only_removes(page: str, title: str | None) -> None:
    """The body and headline are the page's own words, in order: the cleaner never invents or reorders."""
    cleaned = clean_text(page, title=title)
    page_words = _words(page)
    assert _is_subsequence(_words(cleaned.text), page_words)
    if not title:
        assert _is_subsequence(_words(cleaned.title), page_words)


@given(st.text(max_size=400))
def test_fuzz_read_text_never_raises(text: str) -> None:
    draft = read_text("page.txt", text)
    assert isinstance(draft.text, str) and isinstance(draft.title, str)


# --- quotes ----------------------------------------------------------------------------------------------

QUOTE_TEXT = st.lists(
    WORD | st.sampled_from(['"', "“", "”", "‘", "’", "'", "said", "says", "according to", "\n\n", "—", ":"]),
    max_size=40,
).map(" ".join)


@given(QUOTE_TEXT)
@example('"Unclosed quote said the mayor\n\n“Another” ” ” said')
def test_fuzz_quotes_never_raise_and_stay_in_the_text(text: str) -> None:
    for span in find_quotations(text):
        assert 0 <= span.start <= span.end <= len(text)
    article = Article(id="a1", outlet="A", title="T", text=text, file="a.txt")
    for quote in extract_quotes(article):
        assert 0 <= quote.start <= quote.end <= len(text)


# --- URL refusal -----------------------------------------------------------------------------------------


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Host names never reach a real resolver: literal IPs answer for themselves, names fail as offline."""

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            raise socket.gaierror(-3, "offline in tests") from None
        family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (str(ip), port))]

    monkeypatch.setattr(urls.socket, "getaddrinfo", getaddrinfo)


URL_TEXT = st.text(max_size=60) | st.builds(
    lambda scheme, rest: f"{scheme}://{rest}", st.sampled_from(["http", "https", "ftp", "file"]), st.text(max_size=40)
)


@given(url=URL_TEXT)
@example(url="http://[")  # issue 21, item 12
@example(url="http://example.com:99999/")
@example(url="http://[::1")
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzz_refusal_never_raises(no_dns: None, url: str) -> None:
    reason = urls.refusal(url)
    assert reason is None or isinstance(reason, str)


PRIVATE_V4 = st.sampled_from(
    ["10.0.0.0/8", "127.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12", "169.254.0.0/16"]
).flatmap(lambda network: st.ip_addresses(network=network))


def _embed(v4: ipaddress.IPv4Address, form: str) -> ipaddress.IPv6Address:
    number = int(v4)
    if form == "mapped":
        return ipaddress.IPv6Address(0xFFFF << 32 | number)
    if form == "6to4":
        return ipaddress.IPv6Address(0x2002 << 112 | number << 80 | 1)
    if form == "nat64":
        return ipaddress.IPv6Address(0x64FF9B << 96 | number)
    # Teredo carries the client address inverted in the last 32 bits
    return ipaddress.IPv6Address(
        0x20010000 << 96 | int(ipaddress.IPv4Address("65.54.227.120")) << 64 | number ^ 0xFFFFFFFF
    )


@given(v4=PRIVATE_V4, form=st.sampled_from(["plain", "mapped", "6to4", "nat64", "teredo"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzz_refusal_refuses_every_form_of_a_private_ipv4(no_dns: None, v4: ipaddress.IPv4Address, form: str) -> None:
    ip = v4 if form == "plain" else _embed(v4, form)
    host = str(ip) if ip.version == 4 else f"[{ip}]"
    assert urls.refusal(f"http://{host}/") is not None


@given(st.ip_addresses())
def test_fuzz_public_means_every_embedded_ipv4_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    if urls.is_public(ip):
        assert ip.is_global and all(v4.is_global for v4 in urls.embedded_ipv4(ip))


# --- dates -----------------------------------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


@given(st.text(max_size=40) | st.integers() | st.floats() | st.none() | st.datetimes().map(str))
@example("2021-13-45")
@example("Mon, 30 Feb 2021 10:00:00 +0000")
def test_fuzz_dates_are_valid_or_unknown(value: object) -> None:
    """A date is a real calendar date in ISO form, or None: never an impossible one, never an exception."""
    result = iso_date(value)
    if result is not None:
        assert _ISO.match(result), result
        date.fromisoformat(result[:10])


@given(st.datetimes(min_value=datetime(1000, 1, 1)))
def test_fuzz_dates_round_trip(moment: datetime) -> None:
    result = iso_date(moment.isoformat())
    assert result is not None and result[:10] == moment.date().isoformat()
