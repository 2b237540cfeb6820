"""Score the boilerplate cleaner on labelled scraped pages.

Each record is ``{text, must_drop: [...], must_keep: [...]}``: the share of must-drop lines
removed and of must-keep lines kept (in the headline or the body). A line-length baseline
(keep lines of ten words or more, the core rule of jusText-style cleaners) runs beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from compare.clean import clean_text
from compare.evaluate import read_jsonl

DEFAULT_DATASET = Path(__file__).resolve().parents[2] / "tests" / "data" / "boilerplate" / "pages.jsonl"
BASELINE_MIN_WORDS = 10


def _parallax(page: str) -> str:
    cleaned = clean_text(page)
    return cleaned.title + "\n" + cleaned.text


def _baseline(page: str) -> str:
    return "\n".join(line for line in page.split("\n") if len(line.split()) >= BASELINE_MIN_WORDS)


def _score(records: list[dict[str, Any]], cleaner: Any) -> dict[str, float]:
    dropped = drop_total = kept = keep_total = 0
    for record in records:
        output = cleaner(record["text"])
        output_lines = {line.strip() for line in output.split("\n")}
        for line in record["must_drop"]:
            drop_total += 1
            # a dropped line may survive neither as a whole line nor inside a kept paragraph
            dropped += line.strip() not in output_lines and (len(line.split()) < 4 or line not in output)
        for line in record["must_keep"]:
            keep_total += 1
            kept += line in output
    return {
        "drop_rate": dropped / drop_total if drop_total else 1.0,
        "keep_rate": kept / keep_total if keep_total else 1.0,
    }


def evaluate(dataset: Path | None = None) -> dict[str, Any]:
    """Drop and keep rates for Parallax and the line-length baseline on ``dataset``."""
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
    lines = [f"boilerplate removal on {result['pages']} pages ({result['dataset']})", "system     drop   keep"]
    for system in ("parallax", "baseline"):
        scores = result[system]
        lines.append(f"{system:<10} {scores['drop_rate']:.3f}  {scores['keep_rate']:.3f}")
    return "\n".join(lines)
