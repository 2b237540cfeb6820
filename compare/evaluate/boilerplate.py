"""Score the boilerplate cleaner on labelled scraped pages.

Each record is ``{text, must_drop: [...], must_keep: [...]}`` with an optional ``title``:
the share of must-drop lines removed (from the headline and the body), the share of
must-keep lines kept in the body, and the share of headlines found exactly. A
line-length baseline (keep lines of ten words or more, the core rule of jusText-style
cleaners; its headline is the first line) runs beside it on the same pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from compare.clean import clean_text
from compare.evaluate import read_jsonl

DEFAULT_DATASET = Path(__file__).resolve().parents[2] / "tests" / "data" / "boilerplate" / "pages.jsonl"
BASELINE_MIN_WORDS = 10

#: A cleaner: page text in, (headline, body) out.
Cleaner = Callable[[str], tuple[str, str]]


def _parallax(page: str) -> tuple[str, str]:
    cleaned = clean_text(page)
    return cleaned.title, cleaned.text


def _baseline(page: str) -> tuple[str, str]:
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    body = "\n".join(line for line in lines if len(line.split()) >= BASELINE_MIN_WORDS)
    return (lines[0] if lines else ""), body


def _is_dropped(line: str, output: str, output_lines: set[str]) -> bool:
    """Gone as a whole line, and (unless very short, like "Share") not left inside a kept paragraph either."""
    return line.strip() not in output_lines and (len(line.split()) < 4 or line not in output)


def _score(records: list[dict[str, Any]], cleaner: Cleaner) -> dict[str, float]:
    dropped = drop_total = kept = keep_total = titled = title_total = 0
    for record in records:
        title, body = cleaner(record["text"])
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


def evaluate(dataset: Path | None = None) -> dict[str, Any]:
    """Drop, keep and headline rates for Parallax and the line-length baseline on ``dataset``."""
    path = dataset or DEFAULT_DATASET
    records = list(read_jsonl(path))
    return {
        "task": "boilerplate",
        "dataset": str(path),
        "pages": len(records),
        "parallax": _score(records, _parallax),
        "baseline": _score(records, _baseline),
    }


def render(result: dict[str, Any]) -> str:
    """The scores as a small table for people."""
    lines = [
        f"boilerplate removal on {result['pages']} pages ({result['dataset']})",
        "system     drop   keep   headline",
    ]
    for system in ("parallax", "baseline"):
        scores = result[system]
        lines.append(f"{system:<10} {scores['drop_rate']:.3f}  {scores['keep_rate']:.3f}  {scores['title_rate']:.3f}")
    return "\n".join(lines)
