"""Work done once, on first use or ahead of it in the background.

The dashboard computes a story's tabs lazily (switching stays fast on big corpora), but
the Framing tab of a story with 20 outlets needs seconds of entity recognition. While
the reader looks at the tab they opened, one background worker computes the others, so
a later tab switch finds them ready. Both paths meet in ``Once``: a value asked for
while the worker is computing it is waited for, never computed twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
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
    """One daemon thread running the latest job it was given; a job not started yet when a newer one
    arrives is dropped (the reader moved on to another story). Errors are logged, never raised:
    the foreground computes again on demand and shows the error there."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._latest: Callable[[], object] | None = None
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, job: Callable[[], object]) -> None:
        with self._wake:
            self._latest = job
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._wake.notify()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once every job submitted so far has run or been dropped (for tests and benchmarks)."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._latest is None:
                    self._idle.set()
                    self._wake.wait()
                job, self._latest = self._latest, None
            try:
                job()
            except Exception:  # a background computation must never take the worker down
                log.exception("%s: a job failed; it will run again when asked for", self._name)
