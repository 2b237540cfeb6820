"""Score the emphasis/omission rows against BASIL's informational-bias spans (Fan et al., EMNLP 2019).

BASIL marks the facts an outlet chose to include ("informational bias"). A gold span is
found when one of the outlet's own evidence sentences in an aspect row marking that outlet
as covering it overlaps the span; ``differing`` counts only rows some other outlet left
out, the rows that show a difference. Evidence is capped per row, so both are lower bounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from compare.embed import Embedder, default_embedder
from compare.evaluate import SHARED_DATA, read_jsonl
from compare.framing import aspects, story_text
from compare.model import Article

DEFAULT_DATASET = SHARED_DATA / "basil" / "dev.jsonl"


def _found(table: Any, article_id: str, outlet: str, start: int, end: int) -> set[int]:
    """Aspects whose covered row for ``outlet`` has an evidence sentence of the article overlapping the span."""
    own = table[(table.outlet == outlet) & table.covered]
    return {
        int(row.aspect)
        for row in own.itertuples()
        if any(
            e.article_id == article_id and e.start is not None and e.start < end and start < e.end for e in row.evidence
        )
    }


def evaluate(dataset: Path | None = None, embedder: Embedder | None = None) -> dict[str, Any]:
    """Share of gold informational spans inside an aspect row that marks their outlet as including them."""
    path = dataset or DEFAULT_DATASET
    embedder = embedder or default_embedder()
    events: dict[str, list[dict[str, Any]]] = {}
    for record in read_jsonl(path):
        events.setdefault(record.get("event_id") or record["id"], []).append(record)
    gold = covered = differing = 0
    for records in events.values():
        articles = [Article(r["id"], r["outlet"], r.get("title", ""), r["text"], r["id"]) for r in records]
        table = aspects(story_text(articles), embedder)
        varied = {a for a, rows in table.groupby("aspect") if not rows.covered.all()} if len(table) else set()
        for r in records:
            for span in (s for s in r["labels"]["bias_spans"] if s["bias_type"] == "informational"):
                found = _found(table, r["id"], r["outlet"], span["start"], span["end"]) if len(table) else set()
                gold, covered, differing = gold + 1, covered + bool(found), differing + bool(found & varied)
    return {
        "dataset": str(path),
        "gold_spans": gold,
        "covered": round(covered / gold, 4) if gold else 0.0,
        "differing": round(differing / gold, 4) if gold else 0.0,
    }
