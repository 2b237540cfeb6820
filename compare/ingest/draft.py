"""An article as a reader found it, before outlets are resolved, ids given and duplicates merged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime


@dataclass
class Draft:
    """One article's fields as read from its source; ``line`` is the row inside multi-article files."""

    file: str
    text: str
    title: str = ""
    outlet: str | None = None
    published: str | None = None
    #: Where ``published`` came from: "metadata", "html", "text", "url" or "file"; None when there is no date.
    published_source: str | None = None
    url: str | None = None
    author: str | None = None
    declared_source: str | None = None
    #: The outlet a credit line names ("By Lena Park, Valley Courier"), used when nothing else names one.
    credited_outlet: str | None = None
    removed: tuple[str, ...] = ()
    line: int | None = None
    #: A warning about how the article was read (code, message), e.g. a guessed encoding (P115).
    notice: tuple[str, str] | None = None
    #: The input's own record id and its fields Parallax does not read (JSON/CSV), kept on the article.
    source_id: str | None = None
    extra: dict[str, str] | None = None
    #: Why each line of ``removed`` was removed (the cleaner's rule, same order).
    removal_reasons: tuple[str, ...] = ()


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def iso_date(value: object) -> str | None:
    """An ISO 8601 date (or datetime when a time is given); None when absent or unreadable — never guessed."""
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null", "unknown"}:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            match = _ISO_DATE.match(text)
            return _real_date(match.group()) if match else None
    has_time = bool(parsed.hour or parsed.minute or parsed.second) or "T" in text or ":" in text
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _real_date(text: str) -> str | None:
    """``text`` (YYYY-MM-DD) when it is a day of the calendar: "2021-13-45" is no date, not a date to keep."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None
