"""Score reading publication dates from plain text and addresses, beside dateparser and htmldate.

The sample (``tests/data/dates/labels.csv``, 200 articles) names pages and their known dates:
boilerplate-web dev pages, labelled from their HTML metadata (``article:published_time``,
JSON-LD ``datePublished`` …) and rendered as plain text the way the boilerplate evaluation does
(so the metadata is gone), and ABP articles, their ``date_publish`` stripped, as headline and body
with their URL. Each system sees only the plain text and the address. A found date is right when
it is within ``TOLERANCE_DAYS`` of the label (metadata stamps a UTC time, pages their local day).
Figures: share found, share wrong (of all articles and of those found), seconds taken.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from compare.dates import find_date
from compare.evaluate import SHARED_DATA, read_jsonl
from compare.evaluate.boilerplate_web import scrape

LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "dates" / "labels.csv"
SYSTEMS = ("parallax", "dateparser", "htmldate")
TOLERANCE_DAYS = 1
#: The fetch time every system is given: no dataset page is newer.
_NOW = datetime(2026, 12, 1, tzinfo=UTC)
_HEAD = 600


def _parallax(text: str, url: str | None) -> str | None:
    found = find_date(text, url, _NOW)
    return found.day if found else None


def _dateparser(text: str, url: str | None) -> str | None:
    from dateparser.search import search_dates

    hits = search_dates(
        text[:_HEAD],
        languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": _NOW.replace(tzinfo=None)},
    )
    for _, moment in hits or ():
        if moment.year >= 1990 and moment.date() <= _NOW.date():
            return moment.date().isoformat()
    return None


def _htmldate(text: str, url: str | None) -> str | None:
    from html import escape

    from htmldate import find_date as htmldate_find

    page = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines()) + "</body></html>"
    return htmldate_find(page, url=url, extensive_search=True, max_date=_NOW.date().isoformat())  # type: ignore[no-any-return]


_RUNNERS: dict[str, Callable[[str, str | None], str | None]] = {
    "parallax": _parallax,
    "dateparser": _dateparser,
    "htmldate": _htmldate,
}


def samples(shared: Path, labels: Path = LABELS) -> list[dict[str, Any]]:
    """The labelled articles as (dataset, id, text, url, gold) dicts, in the labels' order."""
    with labels.open(encoding="utf-8") as handle:
        wanted = list(csv.DictReader(handle))
    pages = {str(r["id"]): r for r in read_jsonl(shared / "boilerplate-web" / "dev.jsonl.gz")}
    abp_ids = {row["id"] for row in wanted if row["dataset"] == "abp"}
    abp = {str(r["id"]): r for r in read_jsonl(shared / "abp" / "sample10k.jsonl.gz") if str(r["id"]) in abp_ids}
    found = []
    for row in wanted:
        if row["dataset"] == "boilerplate-web" and row["id"] in pages:
            page = pages[row["id"]]
            url = str(page.get("url") or "")
            found.append({**row, "text": scrape(page), "url": url if url.startswith("http") else None})
        elif row["dataset"] == "abp" and row["id"] in abp:
            article = abp[row["id"]]
            text = f"{article.get('title') or ''}\n\n{article.get('text') or ''}"
            found.append({**row, "text": text, "url": article.get("url")})
    return found


def _score(answers: Iterable[tuple[str | None, str]]) -> dict[str, float]:
    pairs = list(answers)
    found = [(a, g) for a, g in pairs if a]
    wrong = sum(abs((date.fromisoformat(a[:10]) - date.fromisoformat(g)).days) > TOLERANCE_DAYS for a, g in found)
    return {
        "articles": len(pairs),
        "found": len(found) / len(pairs) if pairs else 0.0,
        "wrong": wrong / len(pairs) if pairs else 0.0,
        "wrong_of_found": wrong / len(found) if found else 0.0,
    }


def evaluate(dataset: Path | None = None, *, systems: Iterable[str] = SYSTEMS) -> dict[str, Any]:
    """Each system's shares found and wrong, overall and per dataset; ``{"skipped": …}`` without the dev data.

    ``dataset`` is the shared data folder (``../shared/data``)."""
    shared = dataset or SHARED_DATA
    if not (shared / "abp").is_dir() or not (shared / "boilerplate-web").is_dir():
        return {"task": "dates", "dataset": str(shared), "skipped": f"dev data not found at {shared}"}
    rows = samples(shared)
    result: dict[str, Any] = {"task": "dates", "dataset": str(shared), "articles": len(rows)}
    answers: dict[str, list[str | None]] = {}
    seconds: dict[str, float] = {}
    for system in systems:
        began = time.perf_counter()
        answers[system] = [_RUNNERS[system](row["text"], row["url"]) for row in rows]
        seconds[system] = time.perf_counter() - began
    for part in ("all", "boilerplate-web", "abp"):
        chosen = [k for k, row in enumerate(rows) if part in ("all", row["dataset"])]
        result[part] = {
            s: {
                **_score((answers[s][k], rows[k]["published"]) for k in chosen),
                **({"seconds": seconds[s]} if part == "all" else {}),
            }
            for s in answers
        }
    return result


def render(result: dict[str, Any]) -> str:
    """The shares as a small table for people (or why there are none)."""
    if "skipped" in result:
        return f"dates skipped: {result['skipped']}"
    lines = [f"dates read from plain text and URL on {result['articles']} labelled articles ({result['dataset']})"]
    lines.append(f"{'part':<16} {'system':<11} {'n':>4} {'found':>6} {'wrong':>6} {'wrong/found':>11}")
    for part in ("all", "boilerplate-web", "abp"):
        for system, s in result[part].items():
            lines.append(
                f"{part:<16} {system:<11} {s['articles']:>4} {s['found']:>6.3f} {s['wrong']:>6.3f} "
                f"{s['wrong_of_found']:>11.3f}" + (f"  {s['seconds']:.1f}s" if "seconds" in s else "")
            )
    lines.append(f"right = within {TOLERANCE_DAYS} day of the label; wrong = a date found that is not")
    return "\n".join(lines)
