"""Score loaded-language flags against BASIL's lexical-bias spans (Fan et al., EMNLP 2019).

BASIL annotators marked the words and phrases by which a writer takes sides ("lexical
bias": "fierce", "caved", "shenanigans"). Articles are flagged as in the app, with the
dataset as the corpus (its term counts say which words are everyday ones). A flag is correct when it overlaps a gold
lexical span; a gold span is found when some flag overlaps it. The baseline flags, in
each article, the same number of words as Parallax does, picking the words rarest in
the dataset (rare vocabulary is the naive guess at loaded vocabulary), so the two are
compared at equal effort in the same run.

There is no train split, so the rules were tuned on half of BASIL's events (``tuning``: those at
even places in the sorted list of event ids) and the other half (``held_out``) is reported beside
it: the held-out figures are the honest ones.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from compare.evaluate import SHARED_DATA, read_jsonl
from compare.framing.distinctive import corpus_prior
from compare.framing.loaded import everyday_words, flag_spans
from compare.model import Article
from compare.text_format import counted

DEFAULT_DATASET = SHARED_DATA / "basil" / "dev.jsonl"
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")  # lower-case initial: names are not loaded language

Spans = list[tuple[int, int]]


def _overlaps(span: tuple[int, int], others: Spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def score(predicted: Sequence[Spans], gold: Sequence[Spans]) -> dict[str, float]:
    """Span-overlap precision, recall and F1 over all articles."""
    flags = sum(len(p) for p in predicted)
    correct = sum(_overlaps(s, g) for p, g in zip(predicted, gold, strict=True) for s in p)
    total_gold = sum(len(g) for g in gold)
    found = sum(_overlaps(s, p) for p, g in zip(predicted, gold, strict=True) for s in g)
    precision = correct / flags if flags else 0.0
    recall = found / total_gold if total_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"flags": flags, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def rare_word_baseline(texts: Sequence[str], budgets: Sequence[int]) -> list[Spans]:
    """In each text, the ``budget`` non-stop words with the lowest document frequency in ``texts``."""
    document_frequency: Counter[str] = Counter()
    for text in texts:
        document_frequency.update({m.group() for m in _WORD.finditer(text)})
    flagged = []
    for text, budget in zip(texts, budgets, strict=True):
        words = [m for m in _WORD.finditer(text) if m.group() not in ENGLISH_STOP_WORDS]
        words.sort(key=lambda m: (document_frequency[m.group()], m.start()))
        flagged.append([(m.start(), m.end()) for m in words[:budget]])
    return flagged


def _timed(run: Callable[[], list[Spans]]) -> tuple[list[Spans], float]:
    started = time.perf_counter()
    result = run()
    return result, round(time.perf_counter() - started, 3)


def _halves(records: Sequence[dict[str, Any]]) -> dict[str, list[int]]:
    """Article indices of the tuning half (events at even places in sorted order) and the held-out half."""
    events = sorted({r.get("event_id") or r["id"] for r in records})
    tuning = set(events[::2])
    halves: dict[str, list[int]] = {"tuning": [], "held_out": []}
    for i, record in enumerate(records):
        halves["tuning" if (record.get("event_id") or record["id"]) in tuning else "held_out"].append(i)
    return halves


def _scores(ours: Sequence[Spans], baseline: Sequence[Spans], gold: Sequence[Spans]) -> dict[str, Any]:
    return {"parallax": score(ours, gold), "rare_words": score(baseline, gold)}


def evaluate(dataset: Path | None = None) -> dict[str, Any]:
    """Precision and recall of Parallax's loaded-language flags and of the rare-word baseline on BASIL,
    on all of it and on each half (tuning, held out)."""
    path = dataset or DEFAULT_DATASET
    records = list(read_jsonl(path))
    texts = [r["text"] for r in records]
    gold = [[(s["start"], s["end"]) for s in r["labels"]["bias_spans"] if s["bias_type"] == "lexical"] for r in records]
    started = time.perf_counter()
    articles = [Article(str(r["id"]), str(r["outlet"]), str(r.get("title") or ""), r["text"], "") for r in records]
    everyday = everyday_words(corpus_prior(articles))
    flagged = [flag_spans(text, everyday) for text in texts]
    ours_seconds = round(time.perf_counter() - started, 3)
    ours = [[(s.start, s.end) for s in spans] for spans in flagged]
    baseline, baseline_seconds = _timed(lambda: rare_word_baseline(texts, [len(p) for p in ours]))
    per_category = {
        name: score([[(s.start, s.end) for s in spans if s.category == name] for spans in flagged], gold)["precision"]
        for name in sorted({s.category for spans in flagged for s in spans})
    }
    halves = {
        name: _scores([ours[i] for i in indices], [baseline[i] for i in indices], [gold[i] for i in indices])
        for name, indices in _halves(records).items()
    }
    return {
        "dataset": str(path),
        "articles": len(records),
        "gold_spans": sum(len(g) for g in gold),
        "parallax": {**score(ours, gold), "seconds": ours_seconds},
        "rare_words": {**score(baseline, gold), "seconds": baseline_seconds},
        "precision_by_category": per_category,
        "halves": halves,
    }


def render(result: dict[str, Any]) -> str:
    """A small table for people."""
    lines = [
        f"loaded language vs BASIL lexical bias: {counted(result['articles'], 'article')}, "
        f"{counted(result['gold_spans'], 'gold span')}",
        f"dataset: {result['dataset']}",
        f"{'method':<11} {'flags':>6} {'precision':>9} {'recall':>7} {'F1':>6} {'seconds':>8}",
    ]
    for method in ("parallax", "rare_words"):
        s = result[method]
        figures = f"{s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} {s['seconds']:>8.2f}"
        lines.append(f"{method:<11} {s['flags']:>6} {figures}")
    for half, scores in result["halves"].items():
        figures = ", ".join(
            f"{method} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}" for method, s in scores.items()
        )
        lines.append(f"{half.replace('_', ' ')} half of the events: {figures}")
    lines.append(
        "precision by category: " + ", ".join(f"{k} {v:.2f}" for k, v in result["precision_by_category"].items())
    )
    lines.append("rare_words flags as many words per article as Parallax, choosing those rarest in the dataset.")
    return "\n".join(lines)
