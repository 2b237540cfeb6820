"""heap.settle: once per opened corpus, everything loaded leaves the garbage collector's walks."""

from __future__ import annotations

import gc
import weakref

from compare import heap


class _Owner:
    """Stands in for a corpus: any object that can be weakly referenced."""


def test_heap_settle_freezes_once_per_owner() -> None:
    first, second = _Owner(), _Owner()
    assert heap.settle(first)
    frozen = gc.get_freeze_count()
    assert frozen > 1000  # the interpreter, pytest, this test: all out of the collector's walks
    assert not heap.settle(first)  # settled already: no second full collection
    assert heap.settle(second)


def test_heap_settle_collects_what_was_left_behind_first() -> None:
    """A corpus dropped after it was settled is freed at the next settle (unfrozen, then collected), not leaked."""
    left_behind = _Owner()
    left_behind.me = left_behind  # type: ignore[attr-defined]  # a cycle: only the cyclic collector frees it
    freed = weakref.ref(left_behind)
    heap.settle(left_behind)
    del left_behind
    gc.collect()
    assert freed() is not None  # frozen: out of the collector's walks
    heap.settle(_Owner())  # the next corpus
    assert freed() is None
