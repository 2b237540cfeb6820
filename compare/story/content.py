"""One story's built tabs, kept: the dashboard keeps one per open story, so the HTML report, the card
and the zip bundle reuse what the tabs already computed, and a background worker computes the tabs the
reader has not opened yet."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial
from typing import ClassVar, cast

from compare import embed, heap, story
from compare.ahead import Once, Worker
from compare.pipeline import Corpus
from compare.story import ColumnsBuild, Layout, PanelsBuild, Tab
from compare.story.common import story_meta
from compare.story.framing_tables import MODEL_TABLES, FramingTables
from compare.story.panel import OutletColumn, Panel
from compare.story.side_by_side import default_side_by_side

Step = Callable[[], object]


def model_loaded() -> bool:
    """Whether this process has loaded the sentence model already (something opened a tab needing it).

    A loader that is not the memoised one (a plugged-in embedder, a test's stand-in) counts as loaded:
    it has no loading to wait for that we could know of."""
    info = getattr(embed.default_embedder, "cache_info", None)
    if info is None:
        return True
    if info().currsize == 0:
        return False
    loaded = getattr(embed.default_embedder(), "loaded", None)  # the model itself loads on its first embedding
    return loaded is None or bool(loaded())


class StoryContent:
    """One story's tabs, columns and framing tables, each computed on first use and kept.

    The command line makes a fresh one. The one background worker of the process belongs
    to this class: a new story's work replaces an older story's pending work.
    """

    _background: ClassVar[Worker] = Worker("parallax-ahead")

    def __init__(self, corpus: Corpus, story_id: str) -> None:
        self.corpus = corpus
        self.story_id = story_id
        self.framing = FramingTables(corpus, story_id)
        self._panels: Once[str, list[Panel]] = Once()
        self._columns: Once[tuple[str, tuple[str, ...]], list[OutletColumn]] = Once()
        self._failed_ahead: set[str] = set()

    @cached_property
    def meta(self) -> str:
        """The line under the story's title (see ``story_meta``)."""
        return story_meta(self.corpus, self.story_id)

    def panels(self, tab: Tab) -> list[Panel]:
        """The panels of a tab laid out as panels."""
        if tab.layout is not Layout.PANELS:
            raise ValueError(f"the {tab.name} tab is laid out in columns: ask for its columns")
        build = cast(PanelsBuild, tab.build)
        return self._panels.get(tab.name, lambda: build(self.corpus, self.story_id, self.framing))

    def columns(self, tab: Tab, chosen: Sequence[str] = ()) -> list[OutletColumn]:
        """The columns of a tab laid out in columns, for the ``chosen`` article ids (each outlet's fullest
        by default)."""
        if tab.layout is not Layout.COLUMNS:
            raise ValueError(f"the {tab.name} tab is laid out as panels: ask for its panels")
        build, key = cast(ColumnsBuild, tab.build), tuple(chosen)
        return self._columns.get((tab.name, key), lambda: build(self.corpus, self.story_id, self.framing, key))

    def ready(self, tab: Tab, chosen: Sequence[str] = ()) -> bool:
        """Whether a tab (for columns: those of ``chosen``) is computed, in the foreground or ahead of time."""
        if tab.layout is Layout.COLUMNS:
            return (tab.name, tuple(chosen)) in self._columns
        return tab.name in self._panels

    def compute_ahead(self) -> None:
        """Hand the tabs not yet computed to the background worker, in ``ahead_rank`` order, each its own
        step (a tab's framing tables a step each); a tab that failed there once is left to the foreground,
        which shows the error."""
        steps = [
            (tab.name, step)
            for tab in sorted(story.TABS, key=lambda t: t.ahead_rank)
            if tab.name not in self._failed_ahead
            for step in self._steps_ahead(tab)
        ]
        if steps:
            # Last, once per corpus: with the model and the corpus's tables loaded, keep them out of the
            # garbage collector's walks (see compare.heap).
            self._background.submit(
                [*(partial(self._ahead, name, step) for name, step in steps), partial(heap.settle, self.corpus)]
            )

    def cancel_ahead(self) -> None:
        """Drop the background work not started yet: the foreground needs the processor for a tab the queued
        work does not cover (``compute_ahead`` queues what is still wanted again)."""
        self._background.cancel()

    @classmethod
    def wait_ahead(cls, timeout: float | None = None) -> bool:
        """True once the background work handed over so far has run or been dropped (for tests and benchmarks)."""
        return cls._background.wait_idle(timeout)

    def _steps_ahead(self, tab: Tab) -> list[Step]:
        """What computes ``tab`` as the dashboard first shows it, unless that is computed already."""
        if tab.layout is Layout.COLUMNS:
            picks = tuple(default_side_by_side(self.corpus.story_articles(self.story_id)))
            return [] if self.ready(tab, picks) else [partial(self.columns, tab, picks)]
        if self.ready(tab):
            return []
        if tab.needs_model and not model_loaded():
            # Loading the model takes seconds of both cores, and the page being sent (this session's
            # or another's) waits behind it: ahead of time only the tables needing no model; the rest,
            # model first, when the tab is opened.
            wanted = [name for name in tab.tables if name not in MODEL_TABLES and name not in self.framing]
            return [partial(self.framing.__getitem__, name) for name in wanted]
        return [*(partial(self.framing.__getitem__, name) for name in tab.tables), partial(self.panels, tab)]

    def _ahead(self, name: str, step: Step) -> None:
        if name in self._failed_ahead:  # an earlier step of this tab failed: the foreground shows why
            return
        try:
            step()
        except Exception:
            self._failed_ahead.add(name)
            raise
