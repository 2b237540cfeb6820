"""The corpus-wide stages at scale on a Dask cluster: grouping and shared passages of N synthetic articles.

    .venv/bin/python -m benchmarks scale stages --articles 100000 [--scheduler local:2]

Each size runs in a fresh process. Articles are planted events (``bench_grouping.synthetic_corpus``:
unit vectors, same-event cosine ~0.6, dates up to two days apart, one in ten undated) whose texts are
unique word sequences (so a 5-word shingle repeats by chance almost never, as in real news), and in
every third multi-outlet event the articles carry one 60-word wire passage. Grouping's neighbour
search (blocks) and the passages' shingle shuffle and alignment run on the workers, the linkage on
the client, exactly as a build runs them. Reported: wall time of each stage, peak resident memory of
the client and of the largest worker, and how well the planted events and passages were found.
Targets (issue #16): at most 4 GB per worker, time from 100k to 1M at most 12x.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.memory import TreeMemory  # noqa: E402
from compare.model import Article  # noqa: E402

_VOCABULARY = 30_000
_WORDS_PER_ARTICLE = 180
_WIRE_WORDS = 60


def _words(rng: np.random.Generator) -> np.ndarray:
    """Made-up but word-like tokens (syllable strings), so the cleaner and tokenizer see ordinary text."""
    syllables = np.array(["ka", "lo", "mi", "ren", "tas", "vo", "zel", "dor", "fin", "gar", "hul", "jen", "bra"])
    picks = rng.integers(0, len(syllables), size=(_VOCABULARY, 3))
    return np.unique(np.array(["".join(syllables[row]) for row in picks]))


def with_texts(articles: list[Article], events: list[int], seed: int = 1) -> tuple[list[Article], int]:
    """The articles with unique texts; the members of every third multi-outlet event share a wire passage.

    Returns the articles and how many events carry a planted passage."""
    import dataclasses

    rng = np.random.default_rng(seed)
    vocabulary = _words(rng)
    members: dict[int, list[int]] = {}
    for k, event in enumerate(events):
        members.setdefault(event, []).append(k)
    wire: dict[int, str] = {}
    for event, ks in members.items():
        if len({articles[k].outlet for k in ks}) > 1 and event % 3 == 0:
            wire[event] = " ".join(vocabulary[rng.integers(0, len(vocabulary), _WIRE_WORDS)])
    out = []
    for k, article in enumerate(articles):
        own = vocabulary[rng.integers(0, len(vocabulary), _WORDS_PER_ARTICLE)]
        sentences = [" ".join(own[i : i + 15]).capitalize() + "." for i in range(0, len(own), 15)]
        if events[k] in wire:
            sentences.insert(3, wire[events[k]].capitalize() + ".")
        out.append(dataclasses.replace(article, text=" ".join(sentences)))
    return out, len(wire)


def stages_job(n: int, scheduler: str | None) -> dict[str, Any]:
    """Group and find passages in ``n`` synthetic articles on ``scheduler`` (None: in this process)."""
    from benchmarks.bench_grouping import synthetic_corpus
    from compare import cluster, group, passages
    from compare.evaluate.grouping import bcubed

    started = time.perf_counter()
    articles, vectors, events = synthetic_corpus(n)
    articles, planted = with_texts(articles, events)
    generate_s = time.perf_counter() - started
    with TreeMemory(interval=0.5) as peaks:
        started = time.perf_counter()
        with cluster.connected(cluster.Scheduler.parse(scheduler) if scheduler else None) as session:
            workers = session.worker_count() if session else 0
            connect_s = time.perf_counter() - started
            started = time.perf_counter()
            stories = group.group_articles(articles, vectors)
            group_s = time.perf_counter() - started
            started = time.perf_counter()
            found = passages.find_passages(articles)
            passages_s = time.perf_counter() - started
    story_of = {article_id: k for k, story in enumerate(stories) for article_id in story.article_ids}
    wire_found = {tuple(sorted(p.article_ids)) for p in found}
    return {
        "articles": n,
        "scheduler": scheduler or "in-process",
        "cluster_workers": workers,
        "generate_s": round(generate_s, 1),
        "connect_s": round(connect_s, 1),
        "group_s": round(group_s, 1),
        "passages_s": round(passages_s, 1),
        "stories": len(stories),
        "events": len(set(events)),
        "bcubed_f1": round(bcubed([story_of[a.id] for a in articles], events)["f1"], 3),
        "passages": len(found),
        "planted_passages": planted,
        "passage_groups": len(wire_found),
        **peaks.as_dict(),
    }


def run(sizes: list[int], scheduler: str | None) -> None:
    """Each size in a fresh process (so no size inherits another's memory), one JSON line each."""
    for n in sizes:
        command = [sys.executable, "-m", "benchmarks.scale_stages", str(n), scheduler or ""]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stderr[-3000:])
        print(done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    print(json.dumps(stages_job(int(sys.argv[1]), sys.argv[2] or None)))
