"""Run a build's per-file and per-article work on a Dask cluster, with results identical to one process.

``build --scheduler local:N`` starts a ``LocalCluster`` of N worker processes for the build and
closes it after; ``--scheduler tcp://host:8786`` uses a cluster the user runs. While a session
is open, ``parallel.map_slices`` sends its slices here instead of to a local process pool: the
slices are the same, and results come back in the corpus's order, so stories, quotes and
passages do not depend on where they were computed. The corpus-wide stages send blocks through
``Session.map_blocks`` (grouping's neighbour search per cell and query rows, shared passages' seeds
per range of shingle hash and their alignment per run of document pairs), with what every block
reads (vectors, word ids) scattered to the workers once. Dask is imported only when a session
opens: the in-process build never loads it.
"""

from __future__ import annotations

import logging
import operator
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from compare import settings
from compare.errors import Code, ParallaxError
from compare.progress import Advance, no_advance

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")
B = TypeVar("B")
P = TypeVar("P")

_LOCAL = re.compile(r"local:(\d{1,3})")
_REMOTE = re.compile(r"(tcp|tls|ws|wss|inproc)://[^\s/]+(:\d+)?/?")


@dataclass(frozen=True)
class Scheduler:
    """Where a build runs: ``local_workers`` processes on this machine, or a running scheduler's ``address``."""

    address: str | None = None
    local_workers: int = 0

    @classmethod
    def parse(cls, text: str) -> Scheduler:
        """``local:N`` or a scheduler URL; anything else is P161 (said before any work starts)."""
        value = text.strip()
        local = _LOCAL.fullmatch(value)
        if local and int(local.group(1)) >= 1:
            return cls(local_workers=int(local.group(1)))
        if _REMOTE.fullmatch(value):
            return cls(address=value.rstrip("/"))
        raise ParallaxError(Code.P161, address=text)

    def __str__(self) -> str:
        return self.address or f"local:{self.local_workers}"


def configured(explicit: str | None = None) -> Scheduler | None:
    """The scheduler asked for by ``--scheduler`` or else ``PARALLAX_SCHEDULER``; None means in-process."""
    wanted = explicit if explicit is not None else settings.SCHEDULER
    return Scheduler.parse(wanted) if wanted and wanted.strip() else None


class Session:
    """An open connection to a cluster; stages reach it through ``active()`` while it is open."""

    def __init__(self, client: Client, scheduler: Scheduler) -> None:
        self.client = client
        self.scheduler = scheduler

    def worker_count(self) -> int:
        """Workers the scheduler knows now (at least one: tasks wait for a worker to join)."""
        return max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))

    def map_slices(
        self,
        work: Callable[[Sequence[T]], list[R]],
        parts: Sequence[Sequence[T]],
        *,
        advance: Advance = no_advance,
        total: int | None = None,
    ) -> list[R]:
        """``work`` over each slice on the workers, results concatenated in the slices' order.

        A worker's exception (a coded ``ParallaxError`` included) is raised here unchanged,
        after the other slices are cancelled.
        """
        total = sum(len(p) for p in parts) if total is None else total
        futures = self.client.map(work, list(parts), pure=False)
        found: list[R] = []
        done = 0
        try:
            # in the slices' order: each result is collected once its slice (and those before it) are done
            for part, future in zip(parts, futures, strict=True):
                found.extend(future.result())
                done += len(part)
                advance(done, total)
        finally:
            self.client.cancel([f for f in futures if not f.done()])
        return found

    def map_blocks(
        self, name: str, work: Callable[[S, B], R], blocks: Sequence[B], shared: S, advance: Advance = no_advance
    ) -> list[R]:
        """``work(shared, block)`` for each block on the workers, results in the blocks' order.

        ``shared`` (a corpus's vectors or word ids) is scattered to every worker once for the whole
        call, not shipped with each block; task keys start with ``name``, so the scheduler's task
        prefixes show which corpus-wide stage ran there. ``advance`` hears (blocks done, blocks) as
        each block finishes, in whatever order the workers finish them.
        """
        if not blocks:
            return []
        everywhere = self.client.scatter(shared, broadcast=True, hash=False)
        placed = self.client.scatter(list(blocks), hash=False)  # spread over the workers, each task runs by its block
        run = uuid.uuid4().hex
        futures = [
            self.client.submit(work, everywhere, block, key=f"{name}-{run}-{k}") for k, block in enumerate(placed)
        ]
        try:
            self._count_done(futures, advance)
            return list(self.client.gather(futures))  # gather keeps the futures' order
        finally:
            self.client.cancel([f for f in futures if not f.done()])
            self.client.cancel([everywhere, *placed])

    def map_shuffle(
        self,
        name: str,
        split: Callable[[S, B], list[P]],
        blocks: Sequence[B],
        split_with: S,
        parts: int,
        reduce: Callable[[T, list[P]], R],
        reduce_with: T,
        advance: Advance = no_advance,
    ) -> list[R]:
        """``split`` each block into ``parts`` pieces on the workers, then ``reduce`` the pieces of each
        part (in the blocks' order) on the workers: a shuffle, as passim's on Spark, whose pieces move
        between workers and never through this process. Results in part order.

        Only the reduce futures are kept here, so Dask frees each block's pieces once the reduces
        that read them are done; reduce keys start with ``name``. ``advance`` hears (tasks done, tasks)
        over the splits and then the reduces, as in-process.
        """
        if not blocks or parts < 1:
            return []
        run = uuid.uuid4().hex
        placed = self.client.scatter(list(blocks), hash=False)
        splits = [
            self.client.submit(split, split_with, block, key=f"{name}-split-{run}-{k}")
            for k, block in enumerate(placed)
        ]
        reduces = [
            self.client.submit(
                reduce,
                reduce_with,
                [
                    self.client.submit(operator.getitem, f, r, key=f"{name}-piece-{run}-{k}-{r}")
                    for k, f in enumerate(splits)
                ],
                key=f"{name}-{run}-{r}",
            )
            for r in range(parts)
        ]
        try:
            self._count_done(splits, advance, tasks=len(splits) + parts)
            del splits, placed  # held by the reduces that need them, and freed after
            self._count_done(reduces, advance, tasks=len(blocks) + parts, before=len(blocks))
            return list(self.client.gather(reduces))
        finally:
            self.client.cancel([f for f in reduces if not f.done()])

    def _count_done(self, futures: Sequence[Any], advance: Advance, tasks: int | None = None, before: int = 0) -> None:
        """Wait for ``futures``, telling ``advance`` (before + finished, tasks) as each one finishes; a task
        that failed ends the wait (its error is raised where its result is gathered)."""
        from distributed import as_completed

        total = len(futures) if tasks is None else tasks
        for done, future in enumerate(as_completed(futures, loop=self.client.loop), start=before + 1):
            if future.status == "error":
                return
            advance(done, total)


_ACTIVE: list[Session] = []


def active() -> Session | None:
    """The cluster session the current build runs on, if any."""
    return _ACTIVE[-1] if _ACTIVE else None


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ParallaxError(Code.P163, reason=str(exc)) from exc
    return distributed


@contextmanager
def connected(scheduler: Scheduler | None) -> Iterator[Session | None]:
    """A session on ``scheduler`` for the length of the block (None: nothing to open, work stays in-process).

    ``local:N`` starts N single-threaded worker processes (each stage's model is loaded once
    per worker) and stops them after; a remote scheduler is only connected to and left running.
    """
    if scheduler is None:
        yield None
        return
    distributed = _import_distributed()
    cluster = None
    try:
        if scheduler.local_workers:
            cluster = distributed.LocalCluster(
                n_workers=scheduler.local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = distributed.Client(cluster, set_as_default=False)
        else:
            client = distributed.Client(
                scheduler.address, timeout=settings.SCHEDULER_TIMEOUT_SECONDS, set_as_default=False
            )
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ParallaxError(Code.P162, address=str(scheduler), reason=f"{type(exc).__name__}: {exc}") from exc
    session = Session(client, scheduler)
    _ACTIVE.append(session)
    log.info("building on %s (%d workers)", scheduler, session.worker_count())
    try:
        yield session
    finally:
        _ACTIVE.remove(session)
        client.close()
        if cluster is not None:
            cluster.close()
