"""Work done once, on first use or ahead of it in the background.

The dashboard computes a story's tabs lazily (switching stays fast on big corpora), but
the Framing tab of a big story takes a few tenths of a second, and seconds of entity
recognition when the build did not recognise its names ahead. While the reader looks at
the tab they opened, one background worker computes the others, so a later tab switch
finds them ready. Both paths meet in ``Once``: a value asked for
while the worker is computing it is waited for, never computed twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class Once(Generic[Key, Value]):
    """Values computed once per key, safe to ask for from two threads (the second asker waits).

    Askers for different keys never wait for each other; a computation that raises stores
    nothing, so the next asker tries again and sees the error itself.
    """

    def __init__(self) -> None:
        self._values: dict[Key, Value] = {}
        self._locks: dict[Key, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Key, compute: Callable[[], Value]) -> Value:
        if key in self._values:
            return self._values[key]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._values:
                self._values[key] = compute()
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values


class Worker:
    """One daemon thread working through the steps of the latest job it was given.

    A job is a list of steps (one per tab, say). When a newer job arrives, a job not started
    yet is dropped, and a running one stops after its current step: the reader moved on to
    another story. The dashboard has one worker per server process, so with several readers
    the latest story opened by any of them goes first (Parallax is a local, one-reader tool).
    A step that fails is logged, never raised: the foreground computes it again on demand and
    shows the error there.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._latest: list[Callable[[], object]] | None = None
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, steps: Iterable[Callable[[], object]]) -> None:
        with self._wake:
            self._latest = list(steps)
            self._idle.clear()
            if self._thread is None:
                self._start()
            self._wake.notify()

    def cancel(self) -> None:
        """Drop every step not started yet; a running step finishes. For when the foreground needs the
        processor for something the queued work does not cover (a tab of another story); whoever
        cancels submits what is still wanted afterwards."""
        with self._wake:
            if not self._idle.is_set():
                self._latest = []  # an empty job: the running one stops after its step, then nothing is left
                self._wake.notify()

    def _start(self) -> None:
        """Start the thread (the caller holds ``_wake``)."""
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once every job submitted so far has run or been dropped (for tests and benchmarks)."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        try:
            while True:
                with self._wake:
                    while self._latest is None:
                        self._idle.set()
                        self._wake.wait()
                    steps, self._latest = self._latest, None
                for step in steps:
                    if self._latest is not None:
                        break  # a newer job is waiting: this one is stale
                    try:
                        step()
                    except Exception:  # a background computation must never take the worker down
                        log.exception("%s: a step failed; it runs again when asked for", self._name)
        finally:  # only something like SystemExit ends the loop: hand over to a new thread, or go idle
            with self._wake:
                self._thread = None
                if self._latest is not None:
                    self._start()
                else:
                    self._idle.set()
