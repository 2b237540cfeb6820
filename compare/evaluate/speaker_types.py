"""Score speaker types against hand labels: is each speaker called what the article says they are?

The sample (``tests/data/speaker_types/labels.jsonl``, see its README) names speakers of PolNeAR
dev articles (read from ``../shared/data``, never copied) and of four short articles written for
it (``articles.jsonl``), each with the type a reader gives them from the article's own words. Each
article goes through the extractor and the per-story speaker resolution, as
``python -m compare quotes`` does for one file; a label is *found* when a quote of its article has a
speaker with the label's surname (or, for a description, its head word: "the statement"), and
*right* when the type most of those quotes carry is the label's. Accuracy is over found speakers;
coverage says how many were found. The labels fall into two halves by article: rules are tuned on
``tune`` and ``check`` says whether they carry over. The baseline calls every speaker the most
common type of the tune half (a politician, in election coverage).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.evaluate import SHARED_DATA, read_jsonl
from compare.model import Article, Quote

LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "speaker_types" / "labels.jsonl"
HALVES = ("tune", "check")


@dataclass(frozen=True)
class Label:
    """One hand-labelled speaker."""

    article: str
    speaker: str
    type: str
    role: str | None
    half: str


def _words(text: str) -> list[str]:
    """Lower-case words without possessives or full stops; curly and straight apostrophes are one."""
    text = text.replace("’", "'")
    return [w.lower().strip(".'").removesuffix("'s") for w in re.findall(r"[\w'.-]+", text)]


def read_labels(path: Path) -> list[Label]:
    """The labels of a JSON Lines file; a line without article, speaker or type is skipped."""
    labels = []
    for record in read_jsonl(path):
        if record.get("article") and record.get("speaker") and record.get("type"):
            labels.append(
                Label(
                    str(record["article"]),
                    str(record["speaker"]),
                    str(record["type"]),
                    record.get("role"),
                    str(record.get("half") or "tune"),
                )
            )
    return labels


def _articles(ids: set[str], own: Path, shared: Path) -> dict[str, Article]:
    """The labelled articles: own ones beside the labels, PolNeAR ones from the shared dev file if present."""
    records: list[dict[str, Any]] = list(read_jsonl(own)) if own.is_file() else []
    if shared.is_file():
        records += [r for r in read_jsonl(shared) if str(r.get("id")) in ids]
    return {
        str(r["id"]): Article(
            id=str(r["id"]),
            outlet=str(r.get("outlet") or "unknown"),
            title=str(r.get("title") or ""),
            text=r["text"],
            file="",
        )
        for r in records
        if str(r.get("id")) in ids and isinstance(r.get("text"), str)
    }


def _matches(label: Label, speaker: str) -> bool:
    """The predicted speaker is the labelled one: the label's last word (surname or head word) is among its
    last two words, or its last word is among the label's ("Clinton" for "Hillary Clinton")."""
    said, gold = _words(speaker), _words(label.speaker)
    return bool(said and gold) and (gold[-1] in said[-2:] or said[-1] == gold[-1])


def predicted_type(label: Label, quotes: Iterable[Quote]) -> str | None:
    """The type most of the label's quotes carry; None when no quote has that speaker."""
    types = Counter(q.speaker_type for q in quotes if q.speaker and _matches(label, q.speaker))
    return max(types, key=lambda t: (types[t], t)) if types else None


def _figures(pairs: Sequence[tuple[Label, str | None]], baseline: str) -> dict[str, Any]:
    found = [(label, kind) for label, kind in pairs if kind is not None]
    right = sum(label.type == kind for label, kind in found)
    confusions = Counter(f"{label.type} -> {kind}" for label, kind in found if label.type != kind)
    return {
        "labels": len(pairs),
        "found": len(found),
        "coverage": round(len(found) / len(pairs), 4) if pairs else 0.0,
        "accuracy": round(right / len(found), 4) if found else 0.0,
        "baseline_accuracy": round(sum(label.type == baseline for label, _ in found) / len(found), 4) if found else 0.0,
        "errors": dict(confusions.most_common()),
    }


def evaluate(dataset: Path | None = None, *, shared: Path | None = None) -> dict[str, Any]:
    """Type accuracy and coverage on each half of the labels and on all of them, beside the baseline."""
    from compare.people import resolve_speakers
    from compare.quotes import extract_quotes_many

    path = Path(dataset) if dataset else LABELS
    polnear = shared or SHARED_DATA / "polnear" / "dev.jsonl"
    labels = read_labels(path)
    articles = _articles({label.article for label in labels}, path.parent / "articles.jsonl", polnear)
    scored = [label for label in labels if label.article in articles]
    quotes: dict[str, list[Quote]] = {a: [] for a in articles}
    for quote in extract_quotes_many(list(articles.values())):
        quotes[quote.article_id].append(quote)
    resolved = {a: resolve_speakers(found) for a, found in quotes.items()}
    pairs = [(label, predicted_type(label, resolved[label.article])) for label in scored]
    tune_types = Counter(label.type for label in scored if label.half == "tune")
    baseline = max(tune_types, key=lambda t: (tune_types[t], t)) if tune_types else "other"
    result: dict[str, Any] = {
        "task": "speaker-types",
        "dataset": str(path),
        "articles": len(articles),
        "unread_labels": len(labels) - len(scored),
        "baseline_type": baseline,
        "all": _figures(pairs, baseline),
    }
    for half in HALVES:
        result[half] = _figures([p for p in pairs if p[0].half == half], baseline)
    return result


def render(result: dict[str, Any]) -> str:
    """The figures as a small table for people, then the commonest errors."""
    lines = [
        f"speaker types: {result['all']['labels']} labelled speakers in {result['articles']} articles"
        + (f" ({result['unread_labels']} labels of articles not found)" if result["unread_labels"] else ""),
        f"dataset: {result['dataset']}",
        f"{'':10}{'labels':>8}{'found':>8}{'coverage':>10}{'accuracy':>10}{'baseline':>10}",
    ]
    for part in ("all", *HALVES):
        f = result[part]
        lines.append(
            f"{part:10}{f['labels']:>8}{f['found']:>8}{f['coverage']:>10}{f['accuracy']:>10}{f['baseline_accuracy']:>10}"
        )
    lines.append(f"baseline: every speaker a {result['baseline_type']}")
    errors = list(result["all"]["errors"].items())[:8]
    if errors:
        lines.append("commonest errors: " + "; ".join(f"{e} ×{n}" for e, n in errors))
    return "\n".join(lines)
