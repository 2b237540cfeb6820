"""Opening a very large build: a synthetic build of N articles, opened as the app and the CLI open it.

    .venv/bin/python -m benchmarks scale open --articles 1000000 [--folder /tmp/parallax-scale]

The build is written straight to the cache (no pipeline run: building a million articles is the build-speed
benchmarks' subject) from real Article-Bias-Prediction texts recombined into planted events: stories of 1 to
12 articles from as many outlets, dated over five years, three quotes per article and a shared passage in
every third multi-outlet story. Its tables are the build's own (``corpus_tables.write_tables``), so what is
timed is the real open: ``open_corpus`` (key check, meta, story list, index headers), the story list with
its independent reports, switching between stories (articles, quotes, passages and vectors read on demand),
and ``stories --json`` to its first and last line. Resident memory is sampled throughout. Targets (issue #16):
open <= 5 s and <= 2 GB, story switch < 1 s, ``stories --json`` streams.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.memory import TreeMemory  # noqa: E402
from compare import store  # noqa: E402
from compare.evaluate import SHARED_DATA  # noqa: E402
from compare.model import Article, CorpusInfo, IngestRecord, Passage, Quote, Story  # noqa: E402

ABP = SHARED_DATA / "abp" / "sample10k.jsonl.gz"
_TEXTS = 2000  # real texts cycled through the synthetic articles
_DIMENSIONS = 384
_SWITCHES = 20


def _texts() -> list[tuple[str, str]]:
    """(title, text) of the first ABP articles, each text cut to about 2,000 characters."""
    found = []
    with gzip.open(ABP, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            found.append((record["title"], record["text"][:2000]))
            if len(found) == _TEXTS:
                break
    return found


def synthetic_records(n: int, seed: int = 7, texts: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Articles, stories, quotes and passages of a planted-event corpus of ``n`` articles (``texts``:
    (title, text) pairs to cycle through, ABP's by default)."""
    rng = random.Random(seed)
    texts = texts or _texts()
    outlets = [f"Outlet {k:03d}" for k in range(120)]
    articles: list[Article] = []
    stories: list[Story] = []
    quotes: list[Quote] = []
    passages: list[Passage] = []
    while len(articles) < n:
        size = min(n - len(articles), rng.choice((1, 1, 1, 2, 3, 4, 6, 9, 12)))
        day = f"{2019 + rng.randrange(5)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        title, text = texts[len(stories) % len(texts)]
        members = []
        for outlet in rng.sample(outlets, size):
            k = len(articles)
            article = Article(f"a{k:08d}", outlet, title, text, f"part-{k // 100_000:03d}.jsonl", day, "metadata")
            articles.append(article)
            members.append(article)
            for q in range(3):
                start = 100 * (q + 1)
                quotes.append(
                    Quote(
                        article.id,
                        outlet,
                        text[start : start + 80],
                        "A. Speaker",
                        None,
                        "official",
                        start,
                        start + 80,
                        "said",
                    )
                )
        ids = tuple(a.id for a in members)
        story_id = f"s{len(stories):08d}"
        stories.append(Story(story_id, title, ids, tuple(sorted(a.outlet for a in members)), day, day, ("event",)))
        if size >= 2 and len(stories) % 3 == 0:
            spans = {a.id: (0, 300) for a in members[:2]}
            passages.append(
                Passage(
                    f"p{len(passages):08d}",
                    ids[:2],
                    tuple(a.outlet for a in members[:2]),
                    text[:300],
                    50,
                    spans,
                    source=ids[0],
                )
            )
    report = [IngestRecord(f"part-{k:03d}.jsonl", "loaded") for k in range(n // 100_000 + 1)]
    return {"articles": articles, "stories": stories, "quotes": quotes, "passages": passages, "report": report}


def write_build(corpus: Path, n: int) -> dict[str, Any]:
    """A published build of ``n`` synthetic articles for the corpus folder ``corpus`` (made if missing)."""
    from compare import pipeline
    from compare.framing.distinctive import TermPrior

    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "synthetic.jsonl").write_text('{"id": "x", "outlet": "o", "title": "t", "text": "stands in"}\n')
    started = time.perf_counter()
    records = synthetic_records(n)
    vectors = np.random.default_rng(0).standard_normal((n, _DIMENSIONS), dtype=np.float32)
    made = pipeline.Corpus.in_memory(
        corpus,
        CorpusInfo("Synthetic scale corpus"),
        records["articles"],
        records["report"],
        records["stories"],
        records["quotes"],
        records["passages"],
        [],
        vectors,
    )
    generated = time.perf_counter() - started
    root = store.cache_dir(corpus.resolve())
    shutil.rmtree(root, ignore_errors=True)  # a build of the same key already there would be kept instead
    pipeline._save(made, TermPrior(Counter(), frozenset()), {}, {}, root, pipeline.build_key(corpus.resolve()))
    return {
        "articles": n,
        "stories": len(records["stories"]),
        "multi_outlet_stories": sum(len(s.outlets) > 1 for s in records["stories"]),
        "quotes": len(records["quotes"]),
        "passages": len(records["passages"]),
        "generate_s": round(generated, 1),
        "write_s": round(time.perf_counter() - started - generated, 1),
        "build_mb": round(sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) / 2**20),
    }


class _FirstLine(io.TextIOBase):
    """A stdout stand-in that notes when the first line arrives and counts lines."""

    def __init__(self, started: float) -> None:
        self.started, self.first, self.lines = started, None, 0

    def write(self, text: str) -> int:
        if self.first is None:
            self.first = time.perf_counter() - self.started
        self.lines += text.count("\n")
        return len(text)


def measure_open(corpus: Path) -> dict[str, Any]:
    """Open the build, list its stories, switch between stories; times in s, memory in MB."""
    from compare import cli, pipeline
    from compare.story import listing

    with TreeMemory(interval=0.1) as peaks:
        started = time.perf_counter()
        opened = pipeline.open_corpus(corpus)
        open_s = time.perf_counter() - started
        open_mb = peaks.main
        started = time.perf_counter()
        table = listing.story_list(opened)
        list_s = time.perf_counter() - started
        multi = [s.story_id for s in opened.stories if len(s.outlets) > 1]
        switches = []
        for story_id in random.Random(3).sample(multi, min(_SWITCHES, len(multi))):
            started = time.perf_counter()
            opened.story_articles(story_id)
            opened.story_quotes(story_id)
            opened.story_passages(story_id)
            opened.article_vectors(list(opened.story(story_id).article_ids))
            switches.append(time.perf_counter() - started)
        started = time.perf_counter()
        sink = _FirstLine(started)
        cli.main(["stories", str(corpus), "--json"], out=sink)
        stories_s = time.perf_counter() - started
    return {
        "open_s": round(open_s, 2),
        "open_main_mb": round(open_mb),
        "story_list_s": round(list_s, 2),
        "story_list_rows": len(table),
        "switch_median_s": round(statistics.median(switches), 3),
        "switch_max_s": round(max(switches), 3),
        "stories_json_first_line_s": round(sink.first or 0.0, 2),
        "stories_json_s": round(stories_s, 2),
        "stories_json_lines": sink.lines,
        "peak_main_mb": round(peaks.main),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "what",
        choices=["open", "write", "stages", "workers"],
        help="open: write the build (in a child process) and open it; stages: grouping and passages on a cluster; "
        "workers: a real build's stages on local:1 and local:2",
    )
    parser.add_argument("--articles", type=int, nargs="+", default=[100_000])
    parser.add_argument(
        "--scheduler",
        nargs="+",
        default=None,
        help="stages: a Dask scheduler address, local:N or '' (default local:2); workers: those to compare "
        "(default local:1 local:2)",
    )
    parser.add_argument("--folder", type=Path, default=Path("/tmp/parallax-scale"))
    parser.add_argument("--reuse", action="store_true", help="open the build already in --folder, do not write one")
    args = parser.parse_args(argv)
    if args.what == "stages":
        from benchmarks.scale_stages import run

        run(args.articles, (args.scheduler or ["local:2"])[0] or None)
        return
    if args.what == "workers":
        from benchmarks import scale_workers

        scale_workers.run(args.articles[0], args.scheduler or ["local:1", "local:2"], args.folder / "workers")
        return
    args.articles = args.articles[0]
    corpus = args.folder / f"synthetic-{args.articles}"
    if args.what == "write":
        print(json.dumps(write_build(corpus, args.articles)))
        return
    written: dict[str, Any] = {}
    if not args.reuse:  # in its own process, so the open below starts with none of the generated records
        command = [sys.executable, "-m", "benchmarks", "scale", "write", "--articles", str(args.articles)]
        done = subprocess.run([*command, "--folder", str(args.folder)], cwd=REPO, capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stderr[-3000:])
        written = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps({"written": written, **measure_open(corpus)}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
