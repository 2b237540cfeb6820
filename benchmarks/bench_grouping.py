"""Speed and memory of embedding and story grouping.

Two parts, each measured in a fresh process so peak memory is its own:

* ``scale``: ``group_articles`` on 10k / 50k / 100k synthetic articles (planted
  events inside shared topics, dates, short headlines). Targets: 100k under 2 minutes
  and 4 GB.
* ``build``: embedding the Article-Bias-Prediction sample end to end
  (``article_vectors`` with chunking and cache, then ``group_articles``) against
  ``model.encode`` alone on the very same chunks. Targets: ratio <= 1.3, peak <= 3 GB.
  Slow: every chunk goes through the model twice (ours, then the baseline).
* ``encode --corpus DIR [--share S]``: only the baseline, ``model.encode`` on the distinct
  units of a corpus already built end to end (``python -m benchmarks app`` builds the
  10,000-article sample and prints the build's time), to set against that whole build;
  with ``--share``, on a uniform random share of the units, scaled up.

    .venv/bin/python -m benchmarks grouping [scale|build|all] [--sizes 10000 50000 100000] [--limit N]
    .venv/bin/python -m benchmarks grouping encode --corpus /tmp/parallax-bench-10k

Prints Markdown tables for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare.evaluate import SHARED_DATA, read_jsonl  # noqa: E402
from compare.model import Article  # noqa: E402

ABP = SHARED_DATA / "abp" / "sample10k.jsonl.gz"
_SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "zel", "dor", "fin", "gar", "hul", "jen", "bra", "sto", "quin")
_WORDS = ("talks", "vote", "strike", "deal", "probe", "rally", "crash", "ruling", "budget", "storm", "trial", "protest")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _in_fresh_process(job: Callable[[Any], dict[str, Any]], argument: int | str | None) -> dict[str, Any]:
    """Run ``job(argument)`` in a new interpreter so its peak memory is not mixed with earlier runs."""
    code = f"import json; from benchmarks.bench_grouping import {job.__name__} as j; print(json.dumps(j({argument!r})))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{job.__name__}({argument}) failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


class Stopwatch:
    """Wall and CPU seconds (all threads) since the last ``lap``: wall time alone is noisy on a shared machine."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        elapsed = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return elapsed


# --- scale ---------------------------------------------------------------------------


def _name(rng: np.random.Generator) -> str:
    return "".join(rng.choice(_SYLLABLES, size=rng.integers(2, 4))).capitalize()


def synthetic_corpus(n: int, dim: int = 384, seed: int = 0) -> tuple[list[Article], np.ndarray, list[int]]:
    """Articles in planted events (1-8 articles, up to 2 days apart) that share topics, with unit vectors.

    Articles of one event have cosine ~0.6, articles of two events in one topic ~0.35,
    so the grouping meets real ambiguity; one date in ten is missing. Returns articles,
    vectors and each article's planted event.
    """
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((max(n // 200, 1), dim)).astype(np.float32)
    articles: list[Article] = []
    rows: list[np.ndarray] = []
    events: list[int] = []
    while len(articles) < n:
        event = len(set(events))
        size = min(int(rng.integers(1, 9)), n - len(articles))
        centre = topics[rng.integers(len(topics))] + rng.standard_normal(dim).astype(np.float32)
        first_day = int(rng.integers(0, 700))
        person, place = _name(rng), _name(rng)
        for _ in range(size):
            rows.append(centre + 0.8 * np.linalg.norm(centre) / np.sqrt(dim) * rng.standard_normal(dim))
            day = date(2019, 1, 1) + timedelta(days=first_day + int(rng.integers(0, 3)))
            published = None if rng.random() < 0.1 else day.isoformat()
            title = f"{person} {rng.choice(_WORDS)} in {place} as {_name(rng)} {rng.choice(_WORDS)} continues"
            articles.append(Article(f"a{len(articles):07d}", f"outlet{rng.integers(50)}", title, title, "", published))
            events.append(event)
    vectors = np.asarray(rows, dtype=np.float32)
    return articles, vectors / np.linalg.norm(vectors, axis=1, keepdims=True), events


def scale_job(n: int) -> dict[str, Any]:
    from compare.evaluate.grouping import bcubed
    from compare.group import group_articles

    articles, vectors, events = synthetic_corpus(n)
    watch = Stopwatch()
    stories = group_articles(articles, vectors)
    wall, cpu = watch.lap()
    story_of = {article_id: k for k, story in enumerate(stories) for article_id in story.article_ids}
    return {
        "articles": n,
        "wall": wall,
        "cpu": cpu,
        "peak_mb": _peak_rss_mb(),
        "stories": len(stories),
        "events": len(set(events)),
        "f1": bcubed([story_of[a.id] for a in articles], events)["f1"],
    }


def run_scale(sizes: list[int]) -> None:
    print("| articles | wall s | CPU s | peak memory (process) | stories / planted events | B-cubed F1 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        r = _in_fresh_process(scale_job, n)
        print(
            f"| {r['articles']:,} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb'] / 1024:.2f} GB"
            f" | {r['stories']:,} / {r['events']:,} | {r['f1']:.3f} |",
            flush=True,
        )


# --- build ---------------------------------------------------------------------------


def load_abp(limit: int | None) -> list[Article]:
    articles = []
    for row in read_jsonl(ABP):
        articles.append(
            Article(
                id=str(row["id"]),
                outlet=str(row.get("outlet") or "unknown"),
                title=str(row.get("title") or ""),
                text=str(row.get("text") or ""),
                file=ABP.name,
                published=row.get("published") or None,
            )
        )
        if limit is not None and len(articles) >= limit:
            break
    return articles


def build_job(limit: int | None) -> dict[str, Any]:
    """Ours end to end: chunk, embed, combine, cache, then group; then a rebuild from the cache."""
    from compare.embed import article_vectors, default_embedder
    from compare.group import group_articles

    articles = load_abp(limit)
    embedder = default_embedder()
    with tempfile.TemporaryDirectory() as cache:
        watch = Stopwatch()
        vectors = article_vectors(articles, embedder, cache_dir=Path(cache))
        embed = watch.lap()
        stories = group_articles(articles, vectors)
        group = watch.lap()
        article_vectors(articles, embedder, cache_dir=Path(cache))
        cached = watch.lap()
    return {
        "articles": len(articles),
        "embed": embed,
        "group": group,
        "cached": cached,
        "stories": len(stories),
        "precision": getattr(embedder, "precision", "?"),
        "peak_mb": _peak_rss_mb(),
    }


def encode_job(limit: int | None) -> dict[str, Any]:
    """The baseline: the same chunks through ``model.encode`` and nothing else."""
    from compare.embed import chunk_article, default_embedder

    articles = load_abp(limit)
    embedder = default_embedder()
    chunks = [c for a in articles for c in chunk_article(a.title, a.text, embedder.max_words)[0]]
    watch = Stopwatch()
    embedder.model.encode(chunks, batch_size=64, show_progress_bar=False)  # type: ignore[attr-defined]
    return {"chunks": len(chunks), "encode": watch.lap(), "peak_mb": _peak_rss_mb()}


def corpus_encode_job(job: str) -> dict[str, Any]:
    """The baseline for a whole build: ``model.encode`` on the distinct units the build embedded, or on a
    uniform random share of them (``job`` is "CORPUS|SHARE"), to be scaled up by 1 / SHARE."""
    from compare import settings
    from compare.embed import chunk_article, default_embedder
    from compare.framing.frames import frame_descriptions
    from compare.ingest import load_corpus

    corpus, share = job.rsplit("|", 1)
    articles = load_corpus(Path(corpus)).articles  # the clean articles the build embedded (not timed)
    embedder = default_embedder()
    units = [u for a in articles for u in chunk_article(a.title, a.text, embedder.max_words)[0]]
    distinct = list(dict.fromkeys([*units, *frame_descriptions()]))
    picked = np.random.default_rng(0).choice(len(distinct), round(float(share) * len(distinct)), replace=False)
    sample = [distinct[i] for i in sorted(picked)]
    watch = Stopwatch()
    embedder.model.encode(  # type: ignore[attr-defined]
        sample, batch_size=settings.EMBED_BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
    )
    return {
        "articles": len(articles),
        "units": len(units),
        "distinct": len(distinct),
        "sampled": len(sample),
        "encode": watch.lap(),
        "peak_mb": _peak_rss_mb(),
    }


def run_corpus_encode(corpus: Path, share: float) -> None:
    done = _in_fresh_process(corpus_encode_job, f"{corpus}|{share}")
    wall, cpu = done["encode"]
    scale = done["distinct"] / done["sampled"]
    print(
        f"{done['articles']:,} articles, {done['units']:,} units ({done['distinct']:,} distinct, "
        f"{done['sampled']:,} encoded): model.encode alone {wall:.0f} s wall, {cpu:.0f} s CPU "
        f"(x{scale:.2f} for all: {wall * scale:.0f} s wall, {cpu * scale:.0f} s CPU), "
        f"peak memory {done['peak_mb'] / 1024:.2f} GB"
    )


def run_build(limit: int | None) -> None:
    ours = _in_fresh_process(build_job, limit)
    baseline = _in_fresh_process(encode_job, limit)
    sizes = f"{ours['articles']:,} articles, {baseline['chunks']:,} chunks"
    print(f"{sizes} ({ours['precision']}), {ours['stories']:,} stories")
    print("| | model.encode alone | ours: embed | ours: group | ours: total | ratio | rebuild (cached) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k, clock in enumerate(("wall s", "CPU s")):
        total = ours["embed"][k] + ours["group"][k]
        print(
            f"| {clock} | {baseline['encode'][k]:.0f} | {ours['embed'][k]:.0f} | {ours['group'][k]:.1f} | {total:.0f}"
            f" | {total / baseline['encode'][k]:.2f} | {ours['cached'][k]:.1f} |"
        )
    print(
        f"\npeak memory: ours {ours['peak_mb'] / 1024:.2f} GB, model.encode alone {baseline['peak_mb'] / 1024:.2f} GB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", nargs="?", choices=("scale", "build", "encode", "all"), default="scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--limit", type=int, default=None, help="only the first N ABP articles (build part)")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/parallax-bench-10k"), help="built corpus (encode)")
    parser.add_argument("--share", type=float, default=1.0, help="encode a random share of the units (encode)")
    args = parser.parse_args()
    if args.part == "encode":
        run_corpus_encode(args.corpus, args.share)
        return
    if args.part in ("scale", "all"):
        run_scale(args.sizes)
    if args.part in ("build", "all"):
        if not ABP.is_file():
            sys.exit(f"build part needs {ABP} (set PARALLAX_SHARED_DATA)")
        run_build(args.limit)


if __name__ == "__main__":
    main()
