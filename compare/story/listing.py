"""The corpus as the dashboard lists it: every story with its size, dates and independent reports, the
filters over that list, the ingest report as a table, and what cleaning removed from an article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from compare.highlight import escape
from compare.model import IngestRecord
from compare.pipeline import Corpus, story_table
from compare.story.common import when
from compare.text_format import counted

#: Story list columns shown to people (the CSV export has every column).
STORY_LIST_COLUMNS = ["title", "outlets", "articles", "independent_reports", "first", "last"]


def story_list(corpus: Corpus) -> pd.DataFrame:
    """Every story with its outlets, size, dates and independent reports (outlets not explained by copy)."""
    table = story_table(corpus)
    if table.empty:
        extra = ["story_id", "outlet_names", "key_terms", "first_published", "last_published"]
        return pd.DataFrame(columns=[*STORY_LIST_COLUMNS, *extra])
    table["first"] = table["first_published"].map(when)
    table["last"] = table["last_published"].map(when)
    table["independent_reports"] = independent_reports(corpus)
    return table


def independent_reports(corpus: Corpus) -> list[int]:
    """Each story's independent reports (outlets not explained by shared copy), in the order of
    ``corpus.stories``: the story list and ``python -m compare stories`` count them the same way."""
    return corpus.independent_reports()


def corpus_counts(corpus: Corpus, outlets: Sequence[str] = ()) -> str:
    """Articles, outlets and stories of the corpus; with an outlet filter, those of the chosen outlets
    "of" the corpus's ("3 of 40 articles"), so the header never counts what the list hides."""
    facets = corpus.facets
    chosen = set(outlets).intersection(facets.outlet_articles)
    totals = (facets.articles, len(facets.outlet_articles), len(corpus.stories))
    if not chosen:
        shown = totals
    else:
        stories = sum(bool(chosen.intersection(s.outlets)) for s in corpus.stories)
        shown = (sum(facets.outlet_articles[o] for o in chosen), len(chosen), stories)
    parts = []
    for part, total, noun in zip(shown, totals, (("article",), ("outlet",), ("story", "stories")), strict=True):
        parts.append(counted(total, *noun) if not chosen else f"{part:,} of {counted(total, *noun)}")
    return " · ".join(parts)


def filter_story_list(
    table: pd.DataFrame,
    *,
    query: str = "",
    outlets: Sequence[str] = (),
    span: Sequence[dt.date] | None = None,
) -> pd.DataFrame:
    """Stories matching the words of ``query``, covered by any of ``outlets``, and published within ``span``.

    Stories without dates are kept by the date filter: their dates are unknown, not outside it.
    """
    keep = pd.Series(True, index=table.index)
    if query.split():
        haystack = (table["title"] + " " + table["key_terms"] + " " + table["outlet_names"]).str.lower()
        for word in query.lower().split():
            keep &= haystack.str.contains(word, regex=False)
    if outlets:
        chosen = set(outlets)
        keep &= table["outlet_names"].map(lambda names: bool(chosen.intersection(names.split(", "))))
    if span is not None and len(span) == 2:
        start, end = (d.isoformat() for d in span)
        first = table["first_published"].fillna("").str[:10]
        last = table["last_published"].fillna("").str[:10]
        keep &= (first == "") | ((first <= end) & (last >= start))
    return table[keep]


def date_bounds(dates: Sequence[str]) -> tuple[dt.date, dt.date]:
    """First and last day among ISO dates (for the date filter's range)."""
    days = sorted(dt.date.fromisoformat(d[:10]) for d in dates)
    return days[0], days[-1]


def ingest_table(records: Sequence[IngestRecord]) -> pd.DataFrame:
    """Ingest report records as a table: file, line, status, code and the cause-and-fix message."""
    return pd.DataFrame(
        [{"file": r.file, "line": r.line, "status": r.status, "code": r.code, "message": r.message} for r in records]
    )


def removed_lines_html(removed: Sequence[str], reasons: Sequence[str]) -> str:
    """The lines cleaning removed, struck through, each with the rule that removed it as a short label beside it,
    so a reader can tell a caption from a menu and spot a rule that took article text (both escaped: the lines
    are the article's, untrusted). An article cached before reasons were kept shows its lines without labels."""
    labels = list(reasons) if len(reasons) == len(removed) else [""] * len(removed)
    return "".join(
        f"<p><small><s>{escape(line)}</s>{f' <code>{escape(why)}</code>' if why else ''}</small></p>"
        for line, why in zip(removed, labels, strict=True)
    )
