"""Run a build stage's per-article work in worker processes, with results identical to one process.

The CPU stages (quotes, names) treat each article on its own, so the corpus is cut into
slices, each slice goes to a worker process, and the slices' results are put back in the
corpus's order: the same list a single process would give. Workers are started with
``forkserver`` (never ``fork``: the parent holds the model's threads) and load spaCy once
each; that start-up costs seconds, so small corpora stay in-process. Inside ``build_workers``
(a whole build) the workers are started once, on first use, and kept to the end, so every
stage's slices reuse the models the workers loaded for the stage before. While a build runs
on a Dask cluster (``compare.cluster``), the same slices go to its workers instead, and so do the
corpus-wide stages' blocks (``map_blocks``), which otherwise run one after another in this process.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from functools import cache, partial
from typing import TypeVar

from compare import cluster, settings
from compare.progress import Advance, no_advance

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")
B = TypeVar("B")
P = TypeVar("P")


def worker_count() -> int:
    """Worker processes for the CPU stages: ``settings.BUILD_WORKERS``, or one per core when that is 0."""
    wanted = settings.BUILD_WORKERS or os.cpu_count() or 1
    return max(1, wanted)


class _BuildWorkers:
    """Worker processes kept for one build, started when a stage first needs them, or at once with a
    warm-up (``warm``) each worker runs first."""

    def __init__(self, warm: Callable[[], object] | None = None) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self.warm = warm
        if warm is not None:
            pool = self.pool()
            for _ in range(worker_count()):  # the pool starts a process per waiting task, each warming up first
                pool.submit(_nothing)

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                worker_count(), mp_context=multiprocessing.get_context("forkserver"), initializer=self.warm
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _nothing() -> None:
    """A task that only makes the pool start a worker (whose warm-up runs before it)."""


_BUILDS: list[_BuildWorkers] = []


@contextmanager
def build_workers(warm: Callable[[], object] | None = None) -> Iterator[None]:
    """Keep one set of worker processes for everything run inside (a build's stages).

    With ``warm`` (a module-level function, e.g. loading the embedding model), the workers start at
    once and each runs it while this process goes on (reading the corpus): the seconds a worker
    needs to import its libraries and load a model are then spent beside the build, not in it.
    """
    workers = _BuildWorkers(warm)
    _BUILDS.append(workers)
    try:
        yield
    finally:
        _BUILDS.remove(workers)
        workers.close()


def in_build_workers() -> bool:
    """True inside ``build_workers``: per-item work may go to the build's worker processes."""
    return bool(_BUILDS)


def workers_warmed() -> bool:
    """True inside ``build_workers`` started with a warm-up: its workers are (being) readied for the work
    the warm-up prepares, so even a small batch of it is better sent there than started here."""
    return bool(_BUILDS) and _BUILDS[-1].warm is not None


def runs_in_workers(items: int, parts: int, workers: int | None = None) -> bool:
    """Whether ``items`` cut into ``parts`` slices are worth sending to worker processes on this machine."""
    wanted = worker_count() if workers is None else workers
    return wanted > 1 and items >= settings.PARALLEL_MIN_ITEMS and parts >= 2


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
    warmed_for: bool = False,
) -> list[R]:
    """``work`` over consecutive slices of ``items``, concatenated in order.

    ``work`` must be a module-level function (workers import it by name) whose result for
    a slice depends only on that slice. In worker processes when there are at least
    ``settings.PARALLEL_MIN_ITEMS`` items and more than one worker; in this process otherwise.
    On the cluster's workers when the build runs on one (every size: its workers are already up), and on
    the build's workers at every size when they were warmed up for this work (``warmed_for`` and
    ``workers_warmed``).
    """
    parts = list(slices(items, slice_size))
    session = cluster.active()
    if session is not None and parts:
        return session.map_slices(work, parts, advance=advance, total=len(items))
    results: list[R] = []
    done = 0
    warm = warmed_for and workers is None and workers_warmed()
    if not warm and not runs_in_workers(len(items), len(parts), workers):
        for part in parts:
            results.extend(work(part))
            done += len(part)
            advance(done, len(items))
        return results
    with _pool(workers, len(parts)) as pool:
        # map keeps the slices' order; results arrive as each slice finishes, in that order
        for part, found in zip(parts, pool.map(partial(_then_release_memory, work), parts), strict=True):
            results.extend(found)
            done += len(part)
            advance(done, len(items))
    return results


def map_blocks(
    name: str, work: Callable[[S, B], R], blocks: Sequence[B], shared: S, advance: Advance = no_advance
) -> list[R]:
    """``work(shared, block)`` for each block of a corpus-wide stage, results in the blocks' order.

    On the cluster's workers while the build runs on one (``shared`` scattered to them once), in this
    process otherwise: the same function over the same blocks either way, so the results are the same.
    ``work`` must be a module-level function (workers import it by name). ``advance`` hears
    (blocks done, blocks) as each block finishes, wherever it ran.
    """
    session = cluster.active()
    if session is not None:
        return session.map_blocks(name, work, blocks, shared, advance=advance)
    results = []
    for done, block in enumerate(blocks, start=1):
        results.append(work(shared, block))
        advance(done, len(blocks))
    return results


def map_shuffle(
    name: str,
    split: Callable[[S, B], list[P]],
    blocks: Sequence[B],
    split_with: S,
    parts: int,
    reduce: Callable[[T, list[P]], R],
    reduce_with: T,
    advance: Advance = no_advance,
) -> list[R]:
    """``reduce(reduce_with, pieces)`` of each of ``parts`` parts, where ``split(split_with, block)`` cuts each
    block into its ``parts`` pieces and a part's pieces come in the blocks' order: a shuffle.

    On the cluster's workers while the build runs on one (pieces move between workers, never through this
    process), in this process otherwise: the same pieces in the same order, so the same results.
    ``advance`` hears (tasks done, tasks): every block's split, then every part's reduce.
    """
    session = cluster.active()
    if session is not None:
        return session.map_shuffle(name, split, blocks, split_with, parts, reduce, reduce_with, advance=advance)
    tasks = len(blocks) + (parts if blocks else 0)
    pieces = []
    for block in blocks:
        pieces.append(split(split_with, block))
        advance(len(pieces), tasks)
    results = []
    for r in range(parts if pieces else 0):
        results.append(reduce(reduce_with, [p[r] for p in pieces]))
        advance(len(pieces) + r + 1, tasks)
    return results


def block_count() -> int:
    """How many blocks to cut a corpus-wide stage into when the blocks' number is free (hash ranges):
    one in this process, two per cluster worker (a slow worker then holds up only a small share)."""
    session = cluster.active()
    return 1 if session is None else 2 * session.worker_count()


def _then_release_memory(work: Callable[[Sequence[T]], list[R]], part: Sequence[T]) -> list[R]:
    """``work(part)`` in a worker, then the memory it freed handed back to the system."""
    try:
        return work(part)
    finally:
        release_memory()


def release_memory() -> None:
    """Give freed heap pages back to the system: glibc keeps them, and a worker that embedded batches of
    every size held gigabytes it no longer used (the model's activations differ in size per batch)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return typing.cast(Callable[[int], int], ctypes.CDLL("libc.so.6").malloc_trim)
    except (OSError, AttributeError):  # another C library (musl): nothing to trim with
        return None


def map_in_build(
    work: Callable[[Sequence[T]], list[R]], items: Sequence[T], *, slice_size: int, advance: Advance = no_advance
) -> list[R]:
    """``map_slices`` on the build's workers inside a build, and in this process elsewhere: the
    dashboard's own calls are small and must not wait for worker processes to start."""
    return map_slices(work, items, slice_size=slice_size, advance=advance, workers=None if _BUILDS else 1)


def _pool(workers: int | None, parts: int) -> nullcontext[Executor] | ProcessPoolExecutor:
    """The build's kept workers when the default number is wanted; else processes for this call alone."""
    if _BUILDS and workers is None:
        return nullcontext(_BUILDS[-1].pool())
    wanted = worker_count() if workers is None else workers
    return ProcessPoolExecutor(max_workers=min(wanted, parts), mp_context=multiprocessing.get_context("forkserver"))
