"""The corpus-wide stages' blocks on a real Dask cluster: the same pairs and passages as in this process.

The build test (``test_cluster_build.py``) covers 300 articles, which fit one inverted-file cell; here
the cells and blocks are made small on the client, so the many-cells search, many hash ranges and
many alignment blocks all go to the workers, and their results are compared with the in-process ones.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from compare import align, cluster, neighbours, parallel
from compare.model import Article
from compare.passages import find_shared_text

ABP300 = Path(__file__).parent / "data" / "abp300" / "articles.jsonl.gz"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[cluster.Scheduler]:
    """A LocalCluster of two worker processes for the module; each test connects to it as to a remote one."""
    import distributed

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as running:
        yield cluster.Scheduler.parse(running.scheduler_address)


def _task_names(session: cluster.Session) -> set[str]:
    return set(session.client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes)))


def _clustered(n: int, dim: int = 32, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((n // 4, dim))
    rows = centres[rng.integers(len(centres), size=n)] + 0.5 * rng.standard_normal((n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_cluster_neighbour_search_of_many_cells_on_workers_equals_in_process(
    scheduler: cluster.Scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neighbours, "CELL_SIZE", 40)  # 1,200 articles in about 30 cells, 4 probed
    monkeypatch.setattr(neighbours, "CELLS_PROBED", 4)
    monkeypatch.setattr(neighbours, "QUERY_ROWS", 32)
    monkeypatch.setattr(neighbours, "NEIGHBOURS", 5)  # set on the client only: the blocks carry it to the workers
    vectors = _clustered(1200)
    blocks = neighbours.neighbour_blocks(vectors, 0.6)
    assert len(neighbours.cells_of(vectors)) > neighbours.CELLS_PROBED and len(blocks) > 30
    here = neighbours.candidate_pairs(vectors, 0.6)
    with cluster.connected(scheduler) as session:
        assert session is not None
        there = neighbours.candidate_pairs(vectors, 0.6)
        assert "group-neighbours" in _task_names(session)
    assert len(here[0]) > 100
    for ours, theirs in zip(here, there, strict=True):
        assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)
    monkeypatch.setattr(neighbours, "NEIGHBOURS", 24)  # the workers' own count gives other pairs: theirs was not used
    assert len(neighbours.candidate_pairs(vectors, 0.6)[0]) > len(there[0])


def test_cluster_time_windowed_search_on_workers_equals_in_process(
    scheduler: cluster.Scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dated articles by time window (dense windows in cells), undated ones against all: same pairs."""
    monkeypatch.setattr(neighbours, "CELL_SIZE", 40)
    monkeypatch.setattr(neighbours, "CELLS_PROBED", 4)
    monkeypatch.setattr(neighbours, "QUERY_ROWS", 32)
    vectors = _clustered(1200)
    days = np.random.default_rng(5).uniform(0, 120, len(vectors))
    days[::10] = np.nan
    here = neighbours.candidate_pairs(vectors, 0.6, days)
    with cluster.connected(scheduler) as session:
        assert session is not None
        there = neighbours.candidate_pairs(vectors, 0.6, days)
    assert len(here[0]) > 100
    for ours, theirs in zip(here, there, strict=True):
        assert np.array_equal(ours, theirs)


def _articles() -> list[Article]:
    """150 ABP articles and, under other outlets, copies of parts of 30 of them (planted wire copy)."""
    with gzip.open(ABP300, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle.read().splitlines()[:150]]
    found = [Article(r["id"], r["outlet"], r["title"], r["text"], "abp.jsonl") for r in rows]
    for k, row in enumerate(rows[:30]):
        words = row["text"].split()
        found.append(Article(f"copy{k}", "Copy Desk", "", " ".join(words[20 : 20 + 40 + 3 * k]), "copies.jsonl"))
    return found


def test_cluster_shared_passages_on_workers_equal_in_process(
    scheduler: cluster.Scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(align, "_ALIGN_PAIRS", 4)
    monkeypatch.setattr(align, "_SLICE_DOCS", 40)  # shingled in five slices and shuffled between the workers
    articles = _articles()
    here = find_shared_text(articles)
    with cluster.connected(scheduler) as session:
        assert session is not None and parallel.block_count() == 4  # four hash ranges for two workers
        there = find_shared_text(articles)
        again = find_shared_text(articles, known_regions=here.regions)  # a rebuild: every pair from the memo
        lone = find_shared_text(articles[:1])  # ranges without a shared shingle, no pair to align
        assert {"passages-seeds", "passages-align"} <= _task_names(session)
    assert len(here.passages) >= 30
    assert (here.passages, here.internal, dict(here.regions)) == (there.passages, there.internal, dict(there.regions))
    assert (again.passages, again.reused_pairs) == (here.passages, len(here.regions))
    assert lone == find_shared_text(articles[:1]) and not lone.passages


def test_cluster_map_blocks_without_a_session_runs_here() -> None:
    assert cluster.active() is None
    assert parallel.block_count() == 1
    assert parallel.map_blocks("t", _scaled, [1, 2, 3], 10) == [10, 20, 30]


def _scaled(factor: int, block: int) -> int:
    return factor * block
