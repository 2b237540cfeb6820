"""ahead: values computed once across threads, and the background worker that computes a story's tabs."""

from __future__ import annotations

import threading

import pytest

from compare.ahead import Once, Worker


def test_once_computes_a_value_once_while_two_threads_ask() -> None:
    once: Once[str, int] = Once()
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow() -> int:
        calls.append("slow")
        started.set()
        release.wait(5)
        return 42

    results: list[int] = []
    first = threading.Thread(target=lambda: results.append(once.get("k", slow)))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=lambda: results.append(once.get("k", slow)))
    second.start()
    assert once.get("other", lambda: 7) == 7  # another key does not wait for the slow one
    release.set()
    first.join(5)
    second.join(5)
    assert results == [42, 42]
    assert calls == ["slow"]
    assert "k" in once


def test_once_stores_nothing_when_the_computation_fails() -> None:
    once: Once[str, int] = Once()
    with pytest.raises(ZeroDivisionError):
        once.get("k", lambda: 1 // 0)
    assert "k" not in once
    assert once.get("k", lambda: 3) == 3


def test_worker_runs_the_latest_job_and_drops_older_pending_ones(caplog: pytest.LogCaptureFixture) -> None:
    worker = Worker("test-worker")
    running, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def first() -> None:
        ran.append("first")
        running.set()
        release.wait(5)

    def failing() -> None:
        raise RuntimeError("boom")

    worker.submit([first])
    assert running.wait(5)
    worker.submit([lambda: ran.append("stale")])  # replaced before it could start
    worker.submit([lambda: ran.append("latest")])
    release.set()
    assert worker.wait_idle(5)
    assert ran == ["first", "latest"]
    worker.submit([failing, lambda: ran.append("next step")])  # logged, and the worker keeps going
    assert worker.wait_idle(5)
    worker.submit([lambda: ran.append("after failure")])
    assert worker.wait_idle(5)
    assert ran[-2:] == ["next step", "after failure"]
    assert any("a step failed" in record.getMessage() for record in caplog.records)


def _busy_on_an_old_story() -> tuple[Worker, list[str], threading.Event]:
    """A worker in the first of an old story's two steps, held there until the returned event is set."""
    worker = Worker("test-worker")
    running, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def first_tab() -> None:
        ran.append("old 1")
        running.set()
        release.wait(5)

    worker.submit([first_tab, lambda: ran.append("old 2")])
    assert running.wait(5)
    return worker, ran, release


def test_worker_stops_a_running_job_when_a_newer_one_arrives() -> None:
    """The reader moved on: the old story's remaining tabs are not computed."""
    worker, ran, release = _busy_on_an_old_story()
    worker.submit([lambda: ran.append("new 1")])
    release.set()
    assert worker.wait_idle(5)
    assert ran == ["old 1", "new 1"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the thread's death, on purpose
def test_worker_starts_again_after_its_thread_died() -> None:
    worker = Worker("test-worker")

    go = threading.Event()

    def die() -> None:
        go.wait(5)
        raise SystemExit  # not an Exception: it ends the thread

    worker.submit([die])
    dying = worker._thread
    go.set()
    assert worker.wait_idle(5)  # a dying worker does not leave waiters hanging
    assert dying is not None
    dying.join(5)  # its end is reported inside this test (and ignored above)
    ran: list[str] = []
    worker.submit([lambda: ran.append("ran")])
    assert worker.wait_idle(5)
    assert ran == ["ran"]


def test_worker_cancel_drops_the_steps_not_started() -> None:
    """The reader opened a tab of another story: the old story's queued tabs give way to it."""
    worker, ran, release = _busy_on_an_old_story()
    worker.cancel()
    release.set()
    assert worker.wait_idle(5)
    assert ran == ["old 1"]
    worker.cancel()  # idle: nothing to drop, and it stays usable
    worker.submit([lambda: ran.append("new")])
    assert worker.wait_idle(5)
    assert ran == ["old 1", "new"]
