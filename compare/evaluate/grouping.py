"""Score story grouping on labelled data: B-cubed precision, recall and F1 against ``event_id``.

Parallax runs with its single default setting; in the same run a TF-IDF + average
linkage baseline is scored at *its best* threshold on the same data (an oracle
choice no real user gets), so "above the baseline" is a fair bar.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from compare import settings
from compare.evaluate import SHARED_DATA, read_jsonl
from compare.model import Article
from compare.text_format import counted

DEFAULT_DATASET = SHARED_DATA / "basil" / "dev.jsonl"
#: Baseline thresholds tried (cosine of TF-IDF vectors); the best is reported.
BASELINE_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.96, 0.025))


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (one label per item) against gold labels."""
    pairs = list(zip(predicted, gold, strict=True))
    size_pred: dict[Hashable, int] = {}
    size_gold: dict[Hashable, int] = {}
    size_both: dict[tuple[Hashable, Hashable], int] = {}
    for p, g in pairs:
        size_pred[p] = size_pred.get(p, 0) + 1
        size_gold[g] = size_gold.get(g, 0) + 1
        size_both[(p, g)] = size_both.get((p, g), 0) + 1
    precision = sum(size_both[(p, g)] / size_pred[p] for p, g in pairs) / max(len(pairs), 1)
    recall = sum(size_both[(p, g)] / size_gold[g] for p, g in pairs) / max(len(pairs), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def load_dataset(path: Path, max_events: int | None = None) -> tuple[list[Article], list[str]]:
    """Articles with gold event ids; ``max_events`` keeps a fixed, hash-chosen subset of whole events."""
    rows = [row for row in read_jsonl(path) if row.get("event_id")]
    if max_events is not None:
        events = sorted({row["event_id"] for row in rows}, key=lambda e: hashlib.sha256(e.encode()).hexdigest())
        kept = set(events[:max_events])
        rows = [row for row in rows if row["event_id"] in kept]
    articles = [
        Article(
            id=str(row["id"]),
            outlet=str(row.get("outlet") or "unknown"),
            title=str(row.get("title") or ""),
            text=str(row.get("text") or ""),
            file=path.name,
            published=row.get("published") or None,
            url=row.get("url") or None,
        )
        for row in rows
    ]
    return articles, [str(row["event_id"]) for row in rows]


def baseline(articles: Sequence[Article], gold: Sequence[str]) -> dict[str, Any]:
    """TF-IDF (headline + text) cosine with average linkage, at the threshold that scores best here."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [f"{a.title}\n{a.text}" for a in articles]
    )
    if len(articles) < 2:
        return {**bcubed(list(range(len(articles))), gold), "stories": len(articles), "threshold": None}
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, None)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    best: dict[str, Any] = {}
    for threshold in BASELINE_THRESHOLDS:
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        scores = bcubed(labels.tolist(), gold)
        if not best or scores["f1"] > best["f1"]:
            best = {**scores, "stories": int(labels.max()), "threshold": threshold}
    return best


def _vector_cache(path: Path, max_events: int | None) -> Path:
    """A per-dataset (and per-sample) vector cache in the user cache, so repeated evaluations skip the model."""
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    return settings.USER_CACHE_DIR / "evaluate" / f"{path.stem}-{digest}-{max_events or 'all'}"


def parallax(articles: Sequence[Article], gold: Sequence[str], cache_dir: Path | None) -> dict[str, Any]:
    """Parallax's default grouping, scored."""
    from compare.embed import article_vectors, default_embedder
    from compare.group import group_articles

    vectors = article_vectors(articles, default_embedder(), cache_dir=cache_dir)
    stories = group_articles(articles, vectors)
    story_of = {article_id: story.story_id for story in stories for article_id in story.article_ids}
    return {**bcubed([story_of[a.id] for a in articles], gold), "stories": len(stories)}


def evaluate(dataset: Path | None = None, *, max_events: int | None = None) -> dict[str, Any]:
    """B-cubed scores and story counts for Parallax and the tuned TF-IDF baseline on one dataset.

    Args:
        dataset: JSON Lines with ``id, event_id, outlet, title, published, text``;
            default: BASIL's dev set in the shared data folder.
        max_events: score a fixed subset of this many whole events (for quick checks).
    """
    path = dataset or DEFAULT_DATASET
    articles, gold = load_dataset(path, max_events)
    return {
        "task": "grouping",
        "dataset": str(path),
        "articles": len(articles),
        "gold_stories": len(set(gold)),
        "parallax": parallax(articles, gold, _vector_cache(path, max_events)),
        "baseline": baseline(articles, gold),
    }


def render(result: dict[str, Any]) -> str:
    """A small table for people."""
    lines = [
        f"grouping on {result['dataset']}: {counted(result['articles'], 'article')}, "
        f"{counted(result['gold_stories'], 'gold story', 'gold stories')}",
        f"{'system':<34} {'B3 precision':>12} {'B3 recall':>10} {'B3 F1':>7} {'stories':>8}",
    ]
    threshold = result["baseline"]["threshold"]
    for label, scores in (
        ("Parallax (default setting)", result["parallax"]),
        (f"TF-IDF + average linkage (t={threshold})", result["baseline"]),
    ):
        lines.append(
            f"{label:<34} {scores['precision']:>12.3f} {scores['recall']:>10.3f} {scores['f1']:>7.3f}"
            f" {scores['stories']:>8}"
        )
    return "\n".join(lines)
