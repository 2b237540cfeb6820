"""The pieces a tab is made of: panels (a chart, a table or safe HTML) and outlet columns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pandas as pd
import plotly.graph_objects as go


class Widget(Enum):
    """A control a panel needs beside its content; the dashboard draws it, the HTML report shows ``html`` instead."""

    #: Choose one speaker from the panel's table (a quote table); their quotes appear one column per outlet.
    SPEAKER_PICKER = "speaker picker"


@dataclass
class Panel:
    """One block of a story view: a chart, a table or safe HTML, with its explanation.

    ``html`` is only ever built by ``compare.highlight`` or ``compare.story``, with every piece
    of article text escaped. ``note`` is shown instead of (or under) the content, e.g.
    when there is nothing to draw. ``widget`` names a control the dashboard draws in place
    of ``html`` (the static report has no controls, so it shows ``html``).
    """

    key: str
    title: str
    explain: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    html: str = ""
    note: str = ""
    widget: Widget | None = None

    @property
    def empty(self) -> bool:
        """True when there is nothing to show but the note."""
        return self.figure is None and (self.table is None or self.table.empty) and not self.html


@dataclass(frozen=True)
class OutletColumn:
    """One outlet's article in the side-by-side view."""

    outlet: str
    article_id: str
    title: str
    published: str | None
    lede: str
    chips: tuple[tuple[str, str], ...]
    body_html: str
    other_articles: int = 0  # more articles by this outlet in the story, not shown
    words: int = 0  # of the article's text, all of which is in ``body_html`` (a box that scrolls)
    published_source: str | None = None  # where the date came from (compare.model.Article)
