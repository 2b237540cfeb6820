"""HTML pages: main text and metadata through trafilatura (comments excluded)."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml.etree import ParserError

from compare.clean import declared_source
from compare.credits import credited_outlet
from compare.ingest.draft import Draft, iso_date

#: Dates from the page's metadata, markup and URL only: the extensive search guesses from dates in the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


#: trafilatura's own parser options plus ``huge_tree``: without it libxml2 stops at 255 levels of nesting and
#: silently drops everything deeper, so an article inside 300 nested <div>s came out empty (P102). Files
#: are size-capped (MAX_FILE_BYTES) before they get here, which bounds what the lifted limit can cost.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
)


#: Tags that only wrap other markup; past libxml2's hard limit even with huge_tree (2048 levels) they are
#: dropped and the page parsed again, so the text they wrap is kept (its paragraphs and headings stay).
_WRAPPERS = re.compile(r"</?(?:div|span|section|font|center|table|tbody|tr|td)\b[^>]*>", re.IGNORECASE)


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The page's tree, however deeply nested; None when there is nothing to parse."""
    tree = _parse(html)
    if any("Excessive depth" in error.message for error in _PARSER.error_log):
        tree = _parse(_WRAPPERS.sub("", html))
    return tree


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html, parser=_PARSER)
    except ValueError:  # a str with an encoding declaration: lxml wants bytes then
        pass
    except ParserError:
        return None
    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, ParserError):
        return None


def read_html(file: str, html: str, *, url: str | None = None) -> Draft:
    """A draft from an HTML page; scripts, navigation and comments never reach the text."""
    tree = parse_html(html)
    if tree is None:
        return Draft(file=file, text="")
    document = trafilatura.bare_extraction(
        tree,
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
        published=(published := iso_date(meta.get("date"))),
        published_source="html" if published else None,
        url=meta.get("url") or url,
        author=meta.get("author") or None,
        declared_source=declared_source(lines),
        credited_outlet=credited_outlet(lines),
    )
