"""What one story's comparison shows: its tabs, each a module, listed once in ``TABS``.

The dashboard's tabs, the offline HTML report (``compare.render.report``), the printable
card and the zip bundle all show the same content, so it is assembled here once, from
the analysis modules' results (quotes, passages, framing): this package only arranges
them. A tab is a ``Tab``: its name, the function that builds it, how it is laid out, and
when the dashboard computes it ahead of the reader. Every part of the code that shows
tabs loops over ``TABS``; adding a panel means editing one tab module, adding a tab one
module and one line here.

``StoryContent`` (in ``compare.story.content``) keeps one story's built tabs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from compare.pipeline import Corpus
from compare.story import framing, overview, quoted_officials, shared_passages, side_by_side
from compare.story.framing_tables import FramingTables
from compare.story.panel import OutletColumn, Panel, Widget

__all__ = ["TABS", "FramingTables", "Layout", "OutletColumn", "Panel", "Tab", "Widget"]


class Layout(Enum):
    """How a tab is laid out, which also says what its build returns."""

    #: Panels one under another: ``build(corpus, story_id, tables) -> list[Panel]``.
    PANELS = "panels"
    #: One column per chosen article, side by side: ``build(corpus, story_id, tables, chosen) -> list[OutletColumn]``.
    COLUMNS = "columns"


PanelsBuild = Callable[[Corpus, str, FramingTables], list[Panel]]
ColumnsBuild = Callable[[Corpus, str, FramingTables, Sequence[str]], list[OutletColumn]]


@dataclass(frozen=True)
class Tab:
    """One tab of a story view.

    ``ahead_rank`` orders the tabs the dashboard computes in the background while the reader
    looks at one (lowest first: the slowest tab, so it is most likely ready when asked for).
    ``tables`` are the framing tables the background computes first, one step each, so a
    reader moving on stops the work within one table's time rather than a whole tab's.
    ``needs_model``: the tab reads sentence vectors (``Corpus.sentence_embedder``), which loads the
    sentence model; the background does not load it for a tab nobody opened (see ``content``).
    """

    name: str
    build: PanelsBuild | ColumnsBuild
    layout: Layout
    ahead_rank: int
    tables: tuple[str, ...] = ()
    needs_model: bool = False


#: The tabs of a story view, in the order the dashboard and the report show them.
TABS: tuple[Tab, ...] = (
    Tab("Overview", overview.build, Layout.PANELS, ahead_rank=1),
    Tab("Side by side", side_by_side.build, Layout.COLUMNS, ahead_rank=4),
    Tab("Quoted officials", quoted_officials.build, Layout.PANELS, ahead_rank=2),
    Tab("Shared passages", shared_passages.build, Layout.PANELS, ahead_rank=3, needs_model=True),  # reworded claims
    # The slowest (about 0.3 s on a 10-outlet story of the 10k sample): computed ahead first, table by table.
    Tab("Framing", framing.build, Layout.PANELS, ahead_rank=0, tables=FramingTables.NAMES, needs_model=True),
)
