"""Peak memory of a process and every process it starts, sampled while a job runs.

``getrusage(RUSAGE_CHILDREN)`` reports only children that have been waited for, and a build's
workers are children of a forkserver, not of the build, so it never sees them. This samples
the whole process tree instead: resident memory of the main process, of the largest worker,
and of all of them together, both as resident set (pages shared between processes counted in
each) and as proportional set (shared pages split between the processes that share them,
which adds up to what the tree really takes).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from types import TracebackType

import psutil

_MB = 1024 * 1024


@dataclass
class TreePeaks:
    """Largest values seen, in MB."""

    main: float = 0.0
    #: the largest other process of the tree: in a build, a worker (the forkserver is small)
    largest_worker: float = 0.0
    total_rss: float = 0.0
    total_pss: float = 0.0
    samples: int = 0
    workers_seen: set[int] = field(default_factory=set)

    def as_dict(self) -> dict[str, float]:
        return {
            "main_mb": round(self.main, 1),
            "largest_worker_mb": round(self.largest_worker, 1),
            "total_rss_mb": round(self.total_rss, 1),
            "total_pss_mb": round(self.total_pss, 1),
            "workers": len(self.workers_seen),
            "samples": self.samples,
        }


class TreeMemory:
    """``with TreeMemory() as peaks:`` samples this process's tree every ``interval`` seconds in a thread."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self.peaks = TreePeaks()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreePeaks:
        self._thread.start()
        return self.peaks

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        main = psutil.Process()
        rss = pss = 0.0
        for process in [main, *main.children(recursive=True)]:
            try:
                info = process.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue  # a worker that ended between listing and reading
            rss += info.rss / _MB
            pss += getattr(info, "pss", info.rss) / _MB
            if process.pid == main.pid:
                self.peaks.main = max(self.peaks.main, info.rss / _MB)
            else:
                self.peaks.workers_seen.add(process.pid)
                self.peaks.largest_worker = max(self.peaks.largest_worker, info.rss / _MB)
        self.peaks.total_rss = max(self.peaks.total_rss, rss)
        self.peaks.total_pss = max(self.peaks.total_pss, pss)
        self.peaks.samples += 1
