"""Run a build stage's per-article work in worker processes, with results identical to one process.

The CPU stages (quotes, names) treat each article on its own, so the corpus is cut into
slices, each slice goes to a worker process, and the slices' results are put back in the
corpus's order: the same list a single process would give. Workers are started with
``forkserver`` (never ``fork``: the parent holds the model's threads) and load spaCy once
each; that start-up costs seconds, so small corpora stay in-process. While a build runs on a
Dask cluster (``compare.cluster``), the same slices go to its workers instead.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from compare import cluster, settings
from compare.progress import Advance, no_advance

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


def worker_count() -> int:
    """Worker processes for the CPU stages: ``settings.BUILD_WORKERS``, or one per core when that is 0."""
    wanted = settings.BUILD_WORKERS or os.cpu_count() or 1
    return max(1, wanted)


def slices(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` cut into consecutive runs of ``size`` (the last may be shorter)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def map_slices(
    work: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    slice_size: int,
    advance: Advance = no_advance,
    workers: int | None = None,
) -> list[R]:
    """``work`` over consecutive slices of ``items``, concatenated in order.

    ``work`` must be a module-level function (workers import it by name) whose result for
    a slice depends only on that slice. In worker processes when there are at least
    ``settings.PARALLEL_MIN_ITEMS`` items and more than one worker; in this process otherwise.
    On the cluster's workers when the build runs on one (every size: its workers are already up).
    """
    parts = list(slices(items, slice_size))
    session = cluster.active()
    if session is not None and parts:
        return session.map_slices(work, parts, advance=advance, total=len(items))
    workers = worker_count() if workers is None else workers
    results: list[R] = []
    done = 0
    if workers <= 1 or len(items) < settings.PARALLEL_MIN_ITEMS or len(parts) < 2:
        for part in parts:
            results.extend(work(part))
            done += len(part)
            advance(done, len(items))
        return results
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=context) as pool:
        # map keeps the slices' order; results arrive as each slice finishes, in that order
        for part, found in zip(parts, pool.map(work, parts), strict=True):
            results.extend(found)
            done += len(part)
            advance(done, len(items))
    return results
