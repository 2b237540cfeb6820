"""Speed of quote extraction: articles per second, beside a full spaCy parse of the same articles.

Extracts quotes from the first N full articles of the Article-Bias-Prediction sample
(real news of many outlets, 2012–2020) with ``extract_quotes_many``, after loading the
model once. The baseline is what a plain spaCy quote extractor (textacy's
``direct_quotations``) must do first: parse every article with the whole pipeline.
Both are timed in the same run, as wall-clock time and as this process's CPU time: the
machine is shared, so CPU time is the steadier figure and the ratio the fairest one.
Target: at least 20 articles per second.

    .venv/bin/python -m benchmarks quotes [--articles 300] [--data PATH]

Prints a Markdown table for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare.evaluate import SHARED_DATA, read_jsonl  # noqa: E402
from compare.model import Article  # noqa: E402
from compare.nlp import spacy_model  # noqa: E402
from compare.quotes import extract_quotes_many  # noqa: E402

ABP = SHARED_DATA / "abp" / "sample10k.jsonl.gz"
TARGET = 20.0  # articles per second


def load_articles(path: Path, n: int) -> list[Article]:
    """The first ``n`` articles of a JSON Lines file with ``text`` (and optionally ``id``, ``outlet``)."""
    return [
        Article(id=str(r.get("id", i)), outlet=str(r.get("outlet") or "unknown"), title="", text=r["text"], file="")
        for i, r in enumerate(itertools.islice(read_jsonl(path), n))
    ]


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--data", type=Path, default=ABP)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        sys.exit(f"no data at {args.data}: pass --data with a JSON Lines file of articles")
    articles = load_articles(args.data, args.articles)
    nlp = spacy_model()
    extract_quotes_many(articles[:5])  # warm up: model weights, caches
    ours_wall, ours_cpu = timed(lambda: extract_quotes_many(articles))
    full_wall, full_cpu = timed(lambda: list(nlp.pipe((a.text for a in articles), batch_size=32)))
    words = sum(len(a.text.split()) for a in articles)
    n = len(articles)
    print(f"{n} articles, {words / n:.0f} words each on average ({args.data.name})\n")
    print("| | wall s | articles/s (wall) | CPU s | articles/s (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for label, wall, cpu in (
        ("Parallax `extract_quotes_many`", ours_wall, ours_cpu),
        ("full spaCy parse (textacy's input)", full_wall, full_cpu),
    ):
        print(f"| {label} | {wall:.1f} | {n / wall:.1f} | {cpu:.1f} | {n / cpu:.1f} |")
    met = "met" if n / ours_cpu >= TARGET else "NOT met"
    print(f"\nspeed-up over a full parse: {full_cpu / ours_cpu:.1f}x (CPU); target {TARGET:.0f} articles/s {met} (CPU)")


if __name__ == "__main__":
    main()
