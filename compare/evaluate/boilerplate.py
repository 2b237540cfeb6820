"""Score the boilerplate cleaner on labelled scraped pages, or on clean articles it must not harm.

A labelled record is ``{text, must_drop: [...], must_keep: [...]}`` with an optional
``title``: the share of must-drop lines removed (from the headline and the body), the
share of must-keep lines kept in the body, and the share of headlines found exactly.

Any other article file (``{text, title}`` records, such as the dev data's BASIL or ABP
articles, already free of page furniture) measures the opposite risk: the share of the
articles' characters the cleaner keeps, and the share of articles losing more than a fifth.

A line-length baseline (keep lines of ten words or more, the core rule of jusText-style
cleaners; its headline is the first line) runs beside it on the same records.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from compare.clean import clean_text
from compare.clean_inline import cut_link_rails
from compare.evaluate import read_jsonl

DEFAULT_DATASET = Path(__file__).resolve().parents[2] / "tests" / "data" / "boilerplate" / "pages.jsonl"
BASELINE_MIN_WORDS = 10
#: An article that loses more than this share of its characters counts as harmed.
HARMED_SHARE = 0.2

#: A cleaner: a record in, (headline, body) out.
Cleaner = Callable[[dict[str, Any]], tuple[str, str]]


def _parallax(record: dict[str, Any]) -> tuple[str, str]:
    """Scraped pages are cleaned as they come; clean articles with the headline their file gives."""
    title = None if "must_drop" in record else record.get("title") or None
    cleaned = clean_text(record["text"], title=title)
    return cleaned.title, cleaned.text


def _baseline(record: dict[str, Any]) -> tuple[str, str]:
    lines = [line.strip() for line in record["text"].split("\n") if line.strip()]
    body = "\n".join(line for line in lines if len(line.split()) >= BASELINE_MIN_WORDS)
    return (lines[0] if lines else ""), body


def _is_dropped(line: str, output: str, output_lines: set[str]) -> bool:
    """Gone as a whole line, and (unless very short, like "Share") not left inside a kept paragraph either."""
    return line.strip() not in output_lines and (len(line.split()) < 4 or line not in output)


def _score(records: list[dict[str, Any]], cleaner: Cleaner) -> dict[str, float]:
    """Drop, keep and headline rates on labelled pages."""
    dropped = drop_total = kept = keep_total = titled = title_total = 0
    for record in records:
        title, body = cleaner(record)
        output = title + "\n" + body
        output_lines = {line.strip() for line in output.split("\n")}
        drop_total += len(record["must_drop"])
        dropped += sum(_is_dropped(line, output, output_lines) for line in record["must_drop"])
        keep_total += len(record["must_keep"])
        kept += sum(line in body for line in record["must_keep"])
        if "title" in record:
            title_total += 1
            titled += title.strip() == record["title"].strip()
    return {
        "drop_rate": dropped / drop_total if drop_total else 1.0,
        "keep_rate": kept / keep_total if keep_total else 1.0,
        "title_rate": titled / title_total if title_total else 1.0,
    }


def _retention(records: list[dict[str, Any]], cleaner: Cleaner) -> dict[str, float]:
    """Share of characters kept, and share of articles harmed, on articles without page furniture.

    The one furniture such corpora do hold inside sentences, a site's related-story rails glued to names
    ("Susan Collins Susan Margaret CollinsSenate tees off ... MORE"), is matched exactly and counted apart
    (``rail_share``), so cutting it is not read as losing the article (The Hill's texts in ABP carry up to
    40% of it)."""
    kept = total = harmed = rails = 0
    for record in records:
        _, body = cleaner(record)
        cut = sum(
            len("".join(rail.split())) for line in record["text"].splitlines() for rail in cut_link_rails(line)[1]
        )
        size = len("".join(record["text"].split())) - cut
        left = len("".join(body.split()))
        kept += min(left, size)
        total += size
        rails += cut
        harmed += left < (1 - HARMED_SHARE) * size
    return {
        "kept_share": kept / total if total else 1.0,
        "harmed_share": harmed / len(records) if records else 0.0,
        "rail_share": rails / (total + rails) if total + rails else 0.0,
    }


def evaluate(dataset: Path | None = None, *, limit: int | None = None) -> dict[str, Any]:
    """Parallax and the line-length baseline on ``dataset`` (its first ``limit`` records when given).

    Labelled pages give drop, keep and headline rates; plain articles give the kept share.
    """
    path = dataset or DEFAULT_DATASET
    records = list(islice(read_jsonl(path), limit))
    labelled = bool(records) and "must_drop" in records[0]
    measure = _score if labelled else _retention
    return {
        "task": "boilerplate",
        "dataset": str(path),
        "kind": "labelled pages" if labelled else "clean articles",
        "pages": len(records),
        "parallax": measure(records, _parallax),
        "baseline": measure(records, _baseline),
    }


def render(result: dict[str, Any]) -> str:
    """The scores as a small table for people."""
    names = list(result["parallax"])
    lines = [
        f"boilerplate removal on {result['pages']} {result['kind']} ({result['dataset']})",
        "system     " + "  ".join(f"{name:>12}" for name in names),
    ]
    for system in ("parallax", "baseline"):
        scores = result[system]
        lines.append(f"{system:<10} " + "  ".join(f"{scores[name]:>12.3f}" for name in names))
    return "\n".join(lines)
