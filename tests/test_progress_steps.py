"""The corpus-wide stages (grouping, shared passages) move the build's bar while they run, never backwards.

Before, their bar sat at zero for the whole stage (twenty minutes of grouping at a million articles) and
jumped to done; these tests fail if a stage stops reporting its steps.
"""

from __future__ import annotations

import numpy as np

from compare import group, parallel
from compare.model import Article
from compare.passages import find_shared_text
from compare.progress import stage_steps


class _Seen:
    """An ``Advance`` remembering every (done, total) it heard."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    @property
    def done(self) -> list[int]:
        return [d for d, _ in self.calls]


def test_stage_steps_move_one_bar_through_each_steps_share() -> None:
    seen = _Seen()
    first, second = stage_steps(seen, 100, (0.25, 0.75))
    first(1, 2)
    first(2, 2)
    second(1, 3)
    second(3, 3)
    assert seen.calls == [(12, 100), (25, 100), (50, 100), (100, 100)]


def test_stage_steps_never_go_back_and_report_a_step_of_many_parts_at_most_a_thousand_times() -> None:
    seen = _Seen()
    (only,) = stage_steps(seen, 1_000_000, (1.0,))
    for done in range(1, 200_001):
        only(done, 200_000)
    only(5, 200_000)  # a late, smaller report (another thread's) does not move the bar back
    assert seen.done == sorted(seen.done) and seen.done[-1] == 1_000_000
    assert 900 <= len(seen.calls) <= 1001


def test_a_step_with_nothing_to_do_still_completes_its_share() -> None:
    seen = _Seen()
    empty, _rest = stage_steps(seen, 10, (0.5, 0.5))
    empty(0, 0)
    assert seen.calls == [(5, 10)]


def test_in_process_blocks_and_shuffle_report_each_task() -> None:
    seen = _Seen()
    assert parallel.map_blocks("t", _add, [1, 2, 3], 10, seen) == [11, 12, 13]
    assert seen.calls == [(1, 3), (2, 3), (3, 3)]
    seen = _Seen()
    parts = parallel.map_shuffle("t", _split, [1, 2], None, 2, _total, None, seen)
    assert parts == [3, 6]
    assert seen.calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def _add(shared: int, block: int) -> int:
    return shared + block


def _split(_: None, block: int) -> list[int]:
    return [block, 2 * block]


def _total(_: None, pieces: list[int]) -> int:
    return sum(pieces)


def test_grouping_reports_the_articles_it_has_grouped_as_it_goes() -> None:
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((40, 32))
    rows = centres[np.arange(120) % 40] + 0.1 * rng.standard_normal((120, 32))
    vectors = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    articles = [
        Article(f"a{k:03d}", f"Outlet {k % 3}", f"Report {k}", "Text.", f"{k}.txt", "2021-01-01") for k in range(120)
    ]
    seen = _Seen()
    stories = group.group_articles(articles, vectors, advance=seen)
    assert len(stories) < 120, "the planted groups must link"
    assert seen.done == sorted(seen.done) and seen.done[-1] == 120
    assert all(total == 120 for _, total in seen.calls)
    assert len({d for d in seen.done if 0 < d < 120}) >= 3, seen.done


def test_shared_passages_report_the_corpus_done_as_they_go() -> None:
    wire = " ".join(f"wire{k}" for k in range(60))
    articles = [
        Article(f"p{k:02d}", f"Outlet {k % 4}", f"Story {k}", f"Own words {k} here. {wire} More {k}.", f"{k}.txt", None)
        for k in range(12)
    ]
    seen = _Seen()
    found = find_shared_text(articles, advance=seen)
    assert found.passages, "the wire text must be found"
    assert seen.done == sorted(seen.done) and seen.done[-1] == 12
    assert any(0 < d < 12 for d in seen.done), seen.done
