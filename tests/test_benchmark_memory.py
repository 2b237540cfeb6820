"""The benchmarks' memory sampler sees the processes a build starts, grandchildren included."""

from __future__ import annotations

import subprocess
import sys
import time

from benchmarks.memory import TreeMemory

# A child that starts a grandchild holding 200 MB, the way a build's forkserver holds its workers.
_GRANDCHILD = "b = bytearray(200 * 1024 * 1024); import time; time.sleep(30)"
_CHILD = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {_GRANDCHILD!r}])"


def test_tree_memory_counts_a_grandchild_process() -> None:
    child = subprocess.Popen([sys.executable, "-c", _CHILD])
    try:
        with TreeMemory(interval=0.2) as peaks:
            deadline = time.monotonic() + 20
            while peaks.largest_worker < 190 and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        child.kill()
        subprocess.run(["pkill", "-f", "bytearray\\(200"], check=False)
    assert peaks.largest_worker >= 190
    assert peaks.total_rss >= peaks.main + 190 and peaks.total_pss > 190
    assert len(peaks.workers_seen) >= 2  # the child and its child
