"""How a build tells a person where it is: each stage's items done out of its total, and time left.

Stages report ``(done, total)`` through an ``Advance`` callback; ``build`` turns those into
``Update`` records (stage, items, overall share) for whoever watches: the CLI draws one tqdm
bar per stage on stderr (items, rate and time left, so stdout stays clean for ``--json``),
the dashboard a Streamlit progress bar.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Called with the items done so far and the total.
Advance = Callable[[int, int], None]


def no_advance(done: int, total: int) -> None:
    """Default progress sink."""


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
