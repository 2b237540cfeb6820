"""Speed and memory of embedding and story grouping.

Two parts, each measured in a fresh process so peak memory is its own:

* ``scale``: ``group_articles`` on 10k / 50k / 100k synthetic articles (planted
  events inside shared topics, dates, short headlines). Targets: 100k under 2 minutes
  and 4 GB.
* ``build``: building the first N articles of the Article-Bias-Prediction sample end to
  end (``pipeline.build`` on a corpus folder: ingest, embed, group, quotes, names, passages,
  save) against ``model.encode`` alone on the very same distinct units, in one run.
  Targets: ratio <= 1.3, peak <= 3 GB. Slow: every unit goes through the model twice,
  unless ``--share S`` has the baseline encode a uniform random share of them, scaled up
  (``--no-rebuild`` skips timing a second build from the stored vectors).
* ``rebuild [--limit N] [--folder DIR] [--runs R]``: only the rebuild after adding 10 held-out articles to the
  first N (all 10,000 by default), timed R times on one folder, each after bringing the corpus without them
  up to date; ``--folder`` keeps the built corpus for the next run. Target: <= 60 s at 10,000 articles.
* ``encode --corpus DIR [--share S]``: only the baseline, ``model.encode`` on the distinct
  units of a corpus already built end to end (``python -m benchmarks app`` builds the
  10,000-article sample and prints the build's time), to set against that whole build;
  with ``--share``, on a uniform random share of the units, scaled up.

    .venv/bin/python -m benchmarks grouping [scale|build|all] [--sizes 10000 50000 100000] [--limit N]
    .venv/bin/python -m benchmarks grouping build --share 0.2 --no-rebuild          # all 10,000 articles
    .venv/bin/python -m benchmarks grouping encode --corpus /tmp/parallax-bench-10k
    .venv/bin/python -m benchmarks grouping rebuild --folder /tmp/r10k/abp          # 10,000: rebuild after adding 10

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
# Articles per corpus file: keeps each file well under settings.MAX_FILE_BYTES.
_ROWS_PER_FILE = 1000
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


def _cpu_seconds() -> float:
    """CPU seconds of this process's threads, of its finished children, and of the processes it started that are
    still running (a build's workers are the forkserver's children, which ``RUSAGE_CHILDREN`` never sees; a
    worker's CPU is counted while it lives, so a lap in which workers end misses their last moments)."""
    import psutil

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    running = 0.0
    for process in psutil.Process().children(recursive=True):
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        running += times.user + times.system
    return time.process_time() + children.ru_utime + children.ru_stime + running


class Stopwatch:
    """Wall and CPU seconds (all threads, and worker processes) since the last ``lap``: wall time alone is noisy
    on a shared machine."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), _cpu_seconds()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), _cpu_seconds()
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
    event = -1
    while len(articles) < n:
        event += 1  # counted, not len(set(events)): that made a million articles take hours
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


def write_corpus_files(source: Path, folder: Path, limit: int | None = None, held_out: int = 0) -> Path:
    """The first ``limit`` rows of a JSON Lines dataset as a corpus folder of JSON Lines files, as a user
    would add them (each file well under the size limit); the last ``held_out`` rows go to
    ``folder.parent / "added.jsonl"``, for timing a rebuild after adding them."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for row in read_jsonl(source):
        rows.append(json.dumps(row, ensure_ascii=False))
        if limit is not None and len(rows) >= limit:
            break
    if held_out:
        (folder.parent / "added.jsonl").write_text("\n".join(rows[-held_out:]) + "\n", encoding="utf-8")
        rows = rows[:-held_out]
    for part, start in enumerate(range(0, len(rows), _ROWS_PER_FILE)):
        lines = "\n".join(rows[start : start + _ROWS_PER_FILE]) + "\n"
        (folder / f"articles-{part:03d}.jsonl").write_text(lines, encoding="utf-8")
    return folder


Laps = dict[str, tuple[float, float]]


def _timed_build(
    folder: Path, peaks: dict[str, float], scheduler: str | None = None
) -> tuple[Any, Laps, tuple[float, float]]:
    """One ``pipeline.build`` of ``folder`` (on ``scheduler``, or in-process), its (wall, CPU) per stage and in
    total; ``peaks`` gets this process's peak memory (MB) when each stage ended (the first time it is seen)."""
    from compare import pipeline
    from compare.progress import Update

    laps: Laps = {}
    current = ["start"]
    watch = Stopwatch()

    def progress(update: Update) -> None:
        if update.stage != current[0]:
            laps[current[0]] = watch.lap()
            peaks.setdefault(current[0], _peak_rss_mb())
            current[0] = update.stage

    total = Stopwatch()
    corpus = pipeline.build(folder, progress=progress, scheduler=scheduler)
    peaks.setdefault(current[0], _peak_rss_mb())
    return corpus, {k: v for k, v in laps.items() if k not in ("start", "done")}, total.lap()


def _add_held_out(folder: Path) -> None:
    """Put the articles ``write_corpus_files`` held out into the corpus folder."""
    added = folder.parent / "added.jsonl"
    if added.is_file():
        (folder / "added.jsonl").write_bytes(added.read_bytes())


def build_job(job: str) -> dict[str, Any]:
    """Ours end to end: ``pipeline.build`` (ingest, embed, group, sentences, quotes, names, passages, save), timed
    per stage; then, unless ``job`` ("FOLDER|REBUILD") says no, the held-out articles are added and the corpus
    built again (every other article's vectors, quotes-free stages aside, found stored)."""
    from compare import pipeline

    folder, rebuild = job.rsplit("|", 1)
    peaks: dict[str, float] = {}  # this process's peak memory (MB) when each stage of the first build ended

    from benchmarks.memory import TreeMemory

    with TreeMemory() as tree:
        corpus, laps, build = _timed_build(Path(folder), peaks)
    peak = _peak_rss_mb()
    sentences = len(pipeline.compared_articles(corpus.articles, corpus.stories))
    again: tuple[float, float] | None = None
    again_laps: Laps = {}
    if rebuild == "yes":
        _add_held_out(Path(folder))
        _, again_laps, again = _timed_build(Path(folder), {})
    return {
        "articles": len(corpus.articles),
        "stories": len(corpus.stories),
        "compared": sentences,
        "stages": laps,
        "build": build,
        "rebuild": again,
        "rebuild_stages": again_laps,
        "stage_peaks_mb": {k: v for k, v in peaks.items() if k != "start"},
        "peak_mb": peak,
        "tree_peaks": tree.as_dict(),
    }


def rebuild_job(folder: str) -> dict[str, Any]:
    """Only the rebuild after adding the held-out articles, on a folder ``write_corpus_files`` made: built
    without them first (from nothing, or brought up to date with this code), then timed with them."""
    from benchmarks.memory import TreeMemory
    from compare import pipeline

    path = Path(folder)
    (path / "added.jsonl").unlink(missing_ok=True)
    pipeline.build(path)
    _add_held_out(path)
    with TreeMemory() as tree:
        _, laps, total = _timed_build(path, {})
    return {"rebuild": total, "stages": laps, "tree_peaks": tree.as_dict()}


def run_rebuild(limit: int | None, folder: Path | None, runs: int) -> None:
    """``rebuild_job`` ``runs`` times on one folder (kept in ``folder`` when given, so a later run starts
    from a built corpus)."""
    with tempfile.TemporaryDirectory() as scratch:
        root = folder or Path(scratch) / "abp"
        if not root.is_dir() or not any(root.glob("articles-*.jsonl")):
            write_corpus_files(ABP, root, limit, held_out=10)
        results = [_in_fresh_process(rebuild_job, str(root)) for _ in range(runs)]
    stages = list(results[0]["stages"])
    print(f"| | {' | '.join(stages)} | total | main process GB | largest worker GB | all processes GB (PSS) |")
    print("|---|" + "---:|" * (len(stages) + 4))
    for number, result in enumerate(results, 1):
        cells = " | ".join(f"{result['stages'][stage][0]:.1f}" for stage in stages)
        tree = result["tree_peaks"]
        print(
            f"| run {number}, wall s | {cells} | {result['rebuild'][0]:.1f} | {tree['main_mb'] / 1024:.2f} | "
            f"{tree['largest_worker_mb'] / 1024:.2f} | {tree['total_pss_mb'] / 1024:.2f} |"
        )


def corpus_encode_job(job: str) -> dict[str, Any]:
    """The baseline for a whole build: ``model.encode`` on the distinct units the build embedded, or on a
    uniform random share of them (``job`` is "CORPUS|SHARE"), to be scaled up by 1 / SHARE."""
    from compare.embed import chunk_article, default_embedder, sentence_units
    from compare.framing.frames import frame_descriptions
    from compare.ingest import load_corpus

    corpus, share = job.rsplit("|", 1)
    articles = load_corpus(Path(corpus)).articles  # the clean articles the build embedded (not timed)
    embedder = default_embedder()
    # what the one-pass build embedded (until 2026-12): headline with lede, and every sentence
    units = [
        u
        for a in articles
        for u in (chunk_article(a.title, a.text, embedder.max_words)[0][0], *sentence_units(a, embedder.max_words))
    ]
    distinct = list(dict.fromkeys([*units, *frame_descriptions()]))
    count = min(len(distinct), max(1, round(float(share) * len(distinct))))
    picked = np.random.default_rng(0).choice(len(distinct), count, replace=False)
    sample = [distinct[i] for i in sorted(picked)]
    watch = Stopwatch()
    embedder.model.encode(  # type: ignore[attr-defined]  # the float32 PyTorch model, whatever engine builds use
        sample, batch_size=64, normalize_embeddings=True, show_progress_bar=False
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


def run_build(limit: int | None, share: float, rebuild: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = write_corpus_files(ABP, Path(scratch) / "abp", limit, held_out=10 if rebuild else 0)
        ours = _in_fresh_process(build_job, f"{folder}|{'yes' if rebuild else 'no'}")
        baseline = _in_fresh_process(corpus_encode_job, f"{folder}|{share}")
    scale = baseline["distinct"] / baseline["sampled"]
    sampled = f" ({baseline['sampled']:,} encoded, times {scale:.2f})" if share < 1 else ""
    units = f"{baseline['distinct']:,} distinct units{sampled}"
    print(
        f"{ours['articles']:,} articles, {units}, {ours['stories']:,} stories, "
        f"{ours['compared']:,} articles in multi-outlet stories (sentences embedded)"
    )
    stages = list(ours["stages"])
    print(f"| | model.encode alone | {' | '.join(stages)} | build total | ratio | rebuild after adding 10 |")
    print("|---|---:|" + "---:|" * (len(stages) + 3))
    for k, clock in enumerate(("wall s", "CPU s")):
        cells = " | ".join(f"{ours['stages'][stage][k]:.1f}" for stage in stages)
        encode, build = baseline["encode"][k] * scale, ours["build"][k]
        again = f"{ours['rebuild'][k]:.0f}" if ours["rebuild"] else "not run"
        print(f"| {clock} | {encode:.0f} | {cells} | {build:.0f} | {build / encode:.2f} | {again} |")
    if ours["rebuild_stages"]:
        laps = ", ".join(f"{stage} {clock[0]:.1f}" for stage, clock in ours["rebuild_stages"].items())
        print(f"rebuild after adding 10, wall s: {laps}")
    rises = ", ".join(f"{stage} {mb / 1024:.2f}" for stage, mb in ours["stage_peaks_mb"].items())
    print(f"peak memory so far at the end of each stage, GB: {rises}")
    tree = ours["tree_peaks"]
    print(
        f"\npeak memory of the build (sampled every second, {tree['samples']} samples, {tree['workers']} other "
        f"processes seen): main process {tree['main_mb'] / 1024:.2f} GB (getrusage {ours['peak_mb'] / 1024:.2f}), "
        f"largest worker {tree['largest_worker_mb'] / 1024:.2f} GB, all processes together "
        f"{tree['total_pss_mb'] / 1024:.2f} GB proportional ({tree['total_rss_mb'] / 1024:.2f} GB resident, "
        f"shared pages counted in each); model.encode alone {baseline['peak_mb'] / 1024:.2f} GB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", nargs="?", choices=("scale", "build", "rebuild", "encode", "all"), default="scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--limit", type=int, default=None, help="only the first N ABP articles (build part)")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/parallax-bench-10k"), help="built corpus (encode)")
    parser.add_argument("--share", type=float, default=1.0, help="baseline encodes a random share of the units")
    parser.add_argument("--no-rebuild", action="store_true", help="build part: skip the second (stored-vector) build")
    parser.add_argument("--folder", type=Path, default=None, help="rebuild part: keep the corpus here between runs")
    parser.add_argument("--runs", type=int, default=2, help="rebuild part: how many timed rebuilds")
    args = parser.parse_args()
    if args.part == "encode":
        run_corpus_encode(args.corpus, args.share)
        return
    if args.part == "rebuild":
        if not ABP.is_file():
            sys.exit(f"rebuild part needs {ABP} (set PARALLAX_SHARED_DATA)")
        run_rebuild(args.limit, args.folder, args.runs)
        return
    if args.part in ("scale", "all"):
        run_scale(args.sizes)
    if args.part in ("build", "all"):
        if not ABP.is_file():
            sys.exit(f"build part needs {ABP} (set PARALLAX_SHARED_DATA)")
        run_build(args.limit, args.share, not args.no_rebuild)


if __name__ == "__main__":
    main()
