"""Multi-article files: JSON, JSON Lines and CSV, with the common field names of news tools.

news-please (``maintext``, ``title``, ``date_publish``, ``source_domain``, ``url``), generic
exports (``text``/``content``, ``outlet``/``source``, ``published``/``date``) and Media Cloud
CSV columns (``media_name``, ``publish_date``) are all understood. A malformed line or a row
without text is rejected on its own; the rest of the file still loads.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from compare import settings
from compare.clean import declared_source
from compare.clean_inline import LINK_RAIL, cut_link_rails_all
from compare.credits import credited_outlet
from compare.dates import date_in_text
from compare.errors import Code
from compare.ingest.draft import Draft, iso_date
from compare.ingest.encoding import fix_text
from compare.model import IngestRecord

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text", "content", "body", "article", "full_text", "story_text"),
    "title": ("title", "headline", "heading"),
    "outlet": ("outlet", "source", "media_name", "source_domain", "publisher", "sitename", "site", "domain"),
    "published": ("date_publish", "published", "publish_date", "publication_date", "date", "pubdate", "datetime"),
    "url": ("url", "link", "permalink", "media_url_article"),
    "author": ("authors", "author", "byline", "creator"),
    "source_id": ("source_id", "id", "record_id", "article_id", "uuid", "guid"),
}
#: Every field name Parallax reads; the record's other fields travel with the article as ``extra``.
_KNOWN = frozenset(alias for names in ALIASES.values() for alias in names)

Result = Draft | IngestRecord


def _field(record: dict[str, Any], name: str) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for alias in ALIASES[name]:
        value = lowered.get(alias)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    if isinstance(value, dict):  # e.g. {"name": "..."} publisher objects
        return str(value.get("name") or value.get("title") or "") or None
    return str(value).strip() or None


def _extra(record: dict[str, Any]) -> dict[str, str] | None:
    """The record's fields no alias reads, as text (nested values as JSON), so exports can join back."""
    kept = {
        str(k).strip(): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
        for k, v in record.items()
        if str(k).strip().lower() not in _KNOWN and v not in (None, "")
    }
    return kept or None


def draft_from_record(file: str, record: dict[str, Any], line: int) -> Result:
    """A draft from one JSON object or CSV row, or a rejection when it carries no article text."""
    text = _as_text(_field(record, "text"))
    if not text:
        return IngestRecord(
            file, "rejected", code=Code.P107.name, message=Code.P107.format(file=file, line=line), line=line
        )
    paragraphs = [p.strip() for p in fix_text(text).split("\n") if p.strip()]
    title = fix_text(_as_text(_field(record, "title")) or "")
    if paragraphs and title and paragraphs[0].strip(" .") == title.strip(" ."):
        paragraphs = paragraphs[1:]  # some exports repeat the headline as the first paragraph
    paragraphs, rails = cut_link_rails_all(paragraphs)  # furniture inside a sentence, even in exports
    published = iso_date(_field(record, "published"))
    source = "metadata" if published else None
    if published is None and (published := date_in_text("\n".join(paragraphs))):
        source = "text"
    return Draft(
        file=file,
        text="\n\n".join(paragraphs),
        title=title,
        outlet=_as_text(_field(record, "outlet")),
        published=published,
        published_source=source,
        url=_as_text(_field(record, "url")),
        author=_as_text(_field(record, "author")),
        declared_source=declared_source(paragraphs),
        credited_outlet=credited_outlet(paragraphs),
        line=line,
        source_id=_as_text(_field(record, "source_id")),
        extra=_extra(record),
        removed=tuple(rails),
        removal_reasons=(LINK_RAIL,) * len(rails),
    )


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed JSON value, counted without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _loads(text: str) -> Any:
    """``json.loads``, with values nested past Python's stack (RecursionError, which would stop the
    whole corpus) or past ``settings.JSON_MAX_DEPTH`` (later stages recurse too) raised as too deep."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise _TooDeep from None
    if json_depth(value) > settings.JSON_MAX_DEPTH:
        raise _TooDeep
    return value


class _TooDeep(ValueError):
    """A JSON value nested deeper than the reader accepts (P114)."""


def read_jsonl(file: str, text: str) -> Iterator[Result]:
    """One article per line; a malformed line costs only that line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except _TooDeep:
            yield _too_deep(file, number)
            continue
        except json.JSONDecodeError as exc:
            yield _malformed(file, number, exc.msg)
            continue
        if not isinstance(record, dict):
            yield _malformed(file, number, "expected an object")
            continue
        yield draft_from_record(file, record, number)


def read_json(file: str, text: str) -> Iterator[Result]:
    """A JSON object, a list of objects, or an object wrapping a list ("articles", "data", "items")."""
    try:
        data = json.loads(text)
    except RecursionError:
        # Nested past Python's stack: JSON Lines saved as .json lose only the deep line, a document all of it.
        yield from read_jsonl(file, text) if _first_line_is_json(text) else [_too_deep(file, 1)]
        return
    except json.JSONDecodeError as exc:
        if "\n{" in text.strip() or text.strip().startswith("{"):
            yield from read_jsonl(file, text)  # JSON Lines saved as .json
            return
        yield _malformed(file, exc.lineno, exc.msg)
        return
    if isinstance(data, dict):
        wrapped = next(
            (data[k] for k in ("articles", "data", "items", "results") if isinstance(data.get(k), list)), None
        )
        data = wrapped if wrapped is not None else [data]
    if not isinstance(data, list):
        yield _malformed(file, 1, "expected an object or a list of objects")
        return
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            yield _malformed(file, number, "expected an object")
        elif json_depth(record) > settings.JSON_MAX_DEPTH:
            yield _too_deep(file, number)
        else:
            yield draft_from_record(file, record, number)


def _first_line_is_json(text: str) -> bool:
    """Whether the first non-blank line is a JSON value on its own (the file is JSON Lines)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        json.loads(first)
    except RecursionError:
        return True
    except json.JSONDecodeError:
        return False
    return True


#: Column separators a CSV header may use; the one it holds most often wins (comma on a tie or none).
CSV_DELIMITERS = (",", ";", "\t")


def csv_delimiter(text: str) -> str:
    """The delimiter of a CSV file, judged by its header line alone.

    ``csv.Sniffer`` also guesses quoting, and on ordinary exports it guesses
    ``doublequote=False``, which splits ``"He said ""yes"" then, left"`` at the comma
    inside the quotes. A header is column names, so counting separators there is enough.
    """
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(file: str, text: str) -> Iterator[Result]:
    """One article per row (RFC 4180: quoted fields may hold delimiters, ``""`` and newlines);
    the header names the columns (any of the aliases)."""
    csv.field_size_limit(1 << 30)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=csv.excel, delimiter=csv_delimiter(text))
    start = 2  # the line a row starts on (row 1 is the header); a quoted field may span lines
    try:
        for row in reader:
            yield draft_from_record(file, {k: v for k, v in row.items() if k is not None}, start)
            start = reader.line_num + 1
    except csv.Error as exc:
        yield _malformed(file, start, str(exc))


def _too_deep(file: str, line: int) -> IngestRecord:
    message = Code.P114.format(file=file, line=line, limit=settings.JSON_MAX_DEPTH)
    return IngestRecord(file, "rejected", code=Code.P114.name, message=message, line=line)


def _malformed(file: str, line: int, reason: str) -> IngestRecord:
    message = Code.P106.format(file=file, line=line, reason=reason)
    return IngestRecord(file, "rejected", code=Code.P106.name, message=message, line=line)
