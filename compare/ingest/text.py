"""Plain-text articles (scraped pages as in the seeds): the cleaner finds headline and body."""

from __future__ import annotations

from compare.clean import clean_text
from compare.credits import credited_outlet
from compare.dates import date_in_text
from compare.ingest.draft import Draft


def read_text(file: str, text: str, *, boilerplate: frozenset[str] = frozenset(), title: str | None = None) -> Draft:
    """A draft from scraped plain text; ``title`` (from the manifest) overrides the first line.

    The date is read from the page as scraped (its byline and dateline are what the cleaner drops)."""
    cleaned = clean_text(text, boilerplate=boilerplate, title=title)
    published = date_in_text(text)
    return Draft(
        file=file,
        text=cleaned.text,
        title=title or cleaned.title,
        published=published,
        published_source="text" if published else None,
        credited_outlet=credited_outlet(line for line in text.splitlines() if line.strip()),
        author=cleaned.author,
        declared_source=cleaned.declared_source,
        removed=tuple(cleaned.removed),
        removal_reasons=tuple(cleaned.reasons),
    )
