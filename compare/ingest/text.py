"""Plain-text articles (scraped pages as in the seeds): the cleaner finds headline and body."""

from __future__ import annotations

from compare.clean import clean_text
from compare.ingest.draft import Draft


def read_text(file: str, text: str, *, boilerplate: frozenset[str] = frozenset(), title: str | None = None) -> Draft:
    """A draft from scraped plain text; ``title`` (from the manifest) overrides the first line."""
    cleaned = clean_text(text, boilerplate=boilerplate, title=title)
    return Draft(
        file=file,
        text=cleaned.text,
        title=title or cleaned.title,
        author=cleaned.author,
        declared_source=cleaned.declared_source,
        removed=tuple(cleaned.removed),
    )
