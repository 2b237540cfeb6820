"""HTML pages: main text and metadata through trafilatura (comments excluded)."""

from __future__ import annotations

import trafilatura

from compare.clean import declared_source
from compare.ingest.draft import Draft, iso_date

#: Dates from the page's metadata, markup and URL only: the extensive search guesses from dates in the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(file: str, html: str, *, url: str | None = None) -> Draft:
    """A draft from an HTML page; scripts, navigation and comments never reach the text."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        with_metadata=True,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None:
        return Draft(file=file, text="")
    meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    title = (meta.get("title") or "").strip()
    body = meta.get("text") or ""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]  # trafilatura repeats the <h1>; the title is its own field
    return Draft(
        file=file,
        text="\n\n".join(lines),
        title=title,
        outlet=(meta.get("sitename") or None),
        published=iso_date(meta.get("date")),
        url=meta.get("url") or url,
        author=meta.get("author") or None,
        declared_source=declared_source(lines),
    )
