"""The build's CPU stages give the same results in worker processes as in one process, and report progress."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from compare import parallel, pipeline, settings
from compare.framing.naming import entities, stored_entities
from compare.ingest import load_corpus
from compare.model import Article
from compare.progress import Update
from compare.quotes import _extract_slice, extract_quotes_many

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "iraq-letter"


def _articles() -> list[Article]:
    """The seed articles, each cut into paragraphs-sized articles so there are many slices to spread."""
    articles = []
    for seed in load_corpus(CORPUS).articles:
        paragraphs = [p for p in seed.text.split("\n\n") if p.strip()]
        for i in range(0, len(paragraphs), 3):
            text = "\n\n".join(paragraphs[i : i + 3])
            articles.append(
                Article(id=f"{seed.id}-{i}", outlet=seed.outlet, title=seed.title, text=text, file=seed.file)
            )
    return articles


def _double(items: list[int]) -> list[int]:
    return [2 * i for i in items]


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_map_slices_keeps_order(workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "PARALLEL_MIN_ITEMS", 1)
    seen: list[tuple[int, int]] = []
    out = parallel.map_slices(
        _double, list(range(23)), slice_size=4, workers=workers, advance=lambda d, t: seen.append((d, t))
    )
    assert out == [2 * i for i in range(23)]
    assert seen[-1] == (23, 23)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.slow
def test_parallel_quotes_and_names_match_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles()
    assert len(articles) >= 6
    alone = [q.to_dict() for q in _extract_slice(articles)]
    monkeypatch.setattr(settings, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    monkeypatch.setattr("compare.quotes._ARTICLES_PER_SLICE", 2)
    monkeypatch.setattr(importlib.import_module("compare.framing.naming"), "_NER_SLICE", 2)
    assert [q.to_dict() for q in extract_quotes_many(articles)] == alone
    assert alone  # the seeds quote people: an empty comparison proves nothing
    found = stored_entities(articles, {})
    assert list(found.values()) == entities([a.text for a in articles])


def test_parallel_worker_count_follows_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "BUILD_WORKERS", 3)
    assert parallel.worker_count() == 3
    monkeypatch.setattr(settings, "BUILD_WORKERS", 0)
    assert parallel.worker_count() >= 1


def test_pipeline_build_reports_items_per_stage(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for file in CORPUS.iterdir():
        if file.is_file():
            (corpus / file.name).write_bytes(file.read_bytes())
    updates: list[Update] = []
    pipeline.build(corpus, progress=updates.append)
    stages = [u.stage for u in updates]
    assert stages[-1] == "done" and updates[-1].share == 1.0
    for stage in ("embed", "group", "quotes", "passages"):
        last = [u for u in updates if u.stage == stage][-1]
        assert last.total == 2 and last.done == 2, stage  # each stage counts the corpus's articles, to the end
        assert "/ 2 articles" in last.describe()
    shares = [u.share for u in updates]
    assert shares == sorted(shares)


def _pids(items: list[int]) -> list[int]:
    import os

    return [os.getpid() for _ in items]


def test_parallel_build_workers_are_started_once_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    assert not parallel.in_build_workers()
    with parallel.build_workers():
        assert parallel.in_build_workers()
        first = set(parallel.map_slices(_pids, list(range(40)), slice_size=2))
        second = set(parallel.map_slices(_pids, list(range(40)), slice_size=2))
    assert not parallel.in_build_workers()
    # the same two processes served both stages (a pool per stage would bring new ones); one of them may
    # serve all of the first stage's slices while the other is still starting
    assert len(first | second) <= 2
    import os

    assert os.getpid() not in first
    apart = set(parallel.map_slices(_pids, list(range(40)), slice_size=2))
    assert apart.isdisjoint(first)  # outside a build, each call starts its own (the build's are gone)


def test_parallel_embedding_in_build_workers_matches_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from compare import embed

    texts = [f"Officials said on day {i} that the bridge over the river would reopen." for i in range(60)]
    embedder = embed.default_embedder()
    here = embed.embed_in_slices(embedder, texts)
    monkeypatch.setattr(settings, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    monkeypatch.setattr(settings, "EMBED_SLICE_TEXTS", 16)
    called: list[int] = []
    real = parallel.map_slices

    def counting(work, items, **kwargs):  # type: ignore[no-untyped-def]
        called.append(len(items))
        return real(work, items, **kwargs)

    monkeypatch.setattr(parallel, "map_slices", counting)
    with parallel.build_workers():
        there = embed.embed_in_slices(embedder, texts)
    assert called == [60]  # the slices went to the build's workers
    assert there.dtype == here.dtype and there.shape == here.shape
    cosine = np.sum(there.astype(np.float32) * here.astype(np.float32), axis=1)
    assert cosine.min() > 0.999


def test_parallel_corpus_prior_and_grouping_entities_match_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from compare import group
    from compare.framing import distinctive

    articles = _articles()
    texts = [a.text for a in articles] * 3
    heads = [group.head_text(a) for a in articles]
    alone_counts, alone_votes = distinctive._count(texts)
    alone_entities = group._named_entities_here(heads)
    monkeypatch.setattr(settings, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    monkeypatch.setattr(distinctive, "_COUNT_SLICE", 4)
    monkeypatch.setattr(group, "_NER_SLICE", 3)
    with parallel.build_workers():
        counts, votes = distinctive._count_corpus(texts)
        found = group.named_entities(heads)
        assert set(parallel.map_slices(_pids, list(range(8)), slice_size=2)).isdisjoint({__import__("os").getpid()})
    assert list(counts.items()) == list(alone_counts.items())  # same totals, same first-seen order
    assert list(votes.items()) == list(alone_votes.items())
    assert found == alone_entities and any(found)


def _allocate_and_free(items: list[int]) -> list[int]:
    """Fragment the heap the way embedding batches of many sizes do, free it all, report RSS after the trim."""
    import resource

    blocks = [bytearray(1_000 + i % 512) for i in range(300_000)]  # ~375 MB of small blocks on the heap
    survivors = blocks[::64]  # one kept every ~80 KB: the heap cannot shrink from its top
    del blocks
    parallel.release_memory()
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    assert survivors  # alive until measured
    return [resident_pages * resource.getpagesize() // 2**20 for _ in items]


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="Linux only")
def test_parallel_workers_give_freed_memory_back(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parallel._malloc_trim() is not None  # glibc: the trim is available
    monkeypatch.setattr(settings, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    resident_mb = parallel.map_slices(_allocate_and_free, [1, 2], slice_size=1)
    assert max(resident_mb) < 420  # ~260 MB here; without the trim ~600: glibc kept what the work freed


def _mark_warm(folder: str) -> None:
    import os

    Path(folder, str(os.getpid())).touch()


def test_parallel_warmed_workers_start_at_once_and_take_even_small_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time
    from functools import partial

    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    with parallel.build_workers(partial(_mark_warm, str(tmp_path))):
        assert parallel.workers_warmed()
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # both workers warm up before any stage asks for them
        warmed = {int(p.name) for p in tmp_path.iterdir()}
        small = set(parallel.map_slices(_pids, [1, 2, 3], slice_size=8, warmed_for=True))
        other = set(parallel.map_slices(_pids, [1, 2, 3], slice_size=8))
    assert len(warmed) == 2 and os.getpid() not in warmed
    assert small <= warmed  # the work the workers were warmed for goes there however small
    assert other == {os.getpid()}  # small work they were not warmed for stays in this process
    with parallel.build_workers():
        assert not parallel.workers_warmed()


def test_pipeline_warms_workers_only_for_a_large_corpus_and_several_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import embed

    (tmp_path / "a.txt").write_text("Officials said the bridge would reopen.\n" * 50, encoding="utf-8")
    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    assert pipeline._worker_warmup(tmp_path) is None  # a small corpus embeds in this process
    monkeypatch.setattr(settings, "PARALLEL_WARM_MIN_BYTES", 1000)
    warm = pipeline._worker_warmup(tmp_path)
    assert warm is not None and warm.func is embed.warm_worker  # type: ignore[attr-defined]
    monkeypatch.setattr(settings, "BUILD_WORKERS", 1)
    assert pipeline._worker_warmup(tmp_path) is None  # one worker: everything stays in this process
