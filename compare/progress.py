"""How a build tells a person where it is: each stage's items done out of its total, and time left.

Stages report ``(done, total)`` through an ``Advance`` callback; ``build`` turns those into
``Update`` records (stage, items, overall share) for whoever watches: the CLI draws one tqdm
bar per stage on stderr (items, rate and time left, so stdout stays clean for ``--json``),
the dashboard a Streamlit progress bar.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

#: Called with the items done so far and the total.
Advance = Callable[[int, int], None]


def no_advance(done: int, total: int) -> None:
    """Default progress sink."""


def stage_steps(advance: Advance, total: int, weights: Sequence[float]) -> list[Advance]:
    """One callback per step of a stage made of several (grouping: neighbour search, linkage, entities, key
    terms), each moving the stage's one bar of ``total`` items through its share (``weights``, summing to 1).

    A step reports its own ``(done, of)`` in whatever it counts (blocks, components, texts); the stage's bar
    moves at most a thousand times, so a step of a million small parts does not flood the bar.
    """
    bounds = [0.0]
    for weight in weights:
        bounds.append(bounds[-1] + weight)
    last = [-1]

    def step(start: float, end: float) -> Advance:
        def report(done: int, of: int) -> None:
            fraction = min(1.0, done / of) if of > 0 else 1.0
            reached = min(total, round(total * (start + (end - start) * fraction)))
            if reached > last[0] and (reached - last[0] >= total / 1000 or fraction >= 1.0):
                last[0] = reached
                advance(reached, total)

        return report

    return [step(bounds[k], bounds[k + 1]) for k in range(len(weights))]


@dataclass(frozen=True)
class Update:
    """Where a build is: a stage, its items done out of its total, and the share of the whole build done."""

    stage: str
    done: int
    total: int
    unit: str
    share: float

    def describe(self) -> str:
        """'quotes 1,200 / 10,000 articles' — what a person reads beside the bar."""
        if self.total <= 0:
            return self.stage
        return f"{self.stage} {self.done:,} / {self.total:,} {self.unit}"


#: Receives every ``Update`` of a build.
Progress = Callable[[Update], None]


def no_progress(update: Update) -> None:
    """Default build progress sink."""


class TerminalBars:
    """One tqdm bar per stage on stderr: items done / total, rate, and an estimate of the time left."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self._bar: Any = None
        self._stage = ""

    def __call__(self, update: Update) -> None:
        from tqdm import tqdm

        if update.stage != self._stage:
            self.close()
            self._stage = update.stage
            if update.total > 0:
                self._bar = tqdm(
                    total=update.total,
                    desc=f"{update.stage:<9}",
                    unit=f" {update.unit}",
                    file=self.stream,
                    dynamic_ncols=True,
                    leave=True,
                    smoothing=0.1,
                )
        if self._bar is not None:
            self._bar.n = min(update.done, update.total)
            self._bar.refresh()
        if update.stage == "done":
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
