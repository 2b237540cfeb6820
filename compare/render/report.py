"""The story as one standalone, offline HTML page: every tab of the dashboard, in order (`python -m compare report`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from compare import export, highlight, story
from compare.highlight import escape
from compare.pipeline import Corpus
from compare.store import atomic_write_bytes
from compare.story import Layout, Panel, Tab
from compare.story.content import StoryContent
from compare.story.panel import OutletColumn
from compare.story.side_by_side import column_html


@dataclass
class _Page:
    """Accumulates report HTML; plotly.js is embedded once, with the first chart."""

    parts: list[str] = field(default_factory=list)
    plotly_embedded: bool = False

    def figure(self, figure: go.Figure, name: str) -> None:
        self.parts.append(
            figure.to_html(
                full_html=False,
                include_plotlyjs=not self.plotly_embedded,
                config=export.toolbar_config(name),
            )
        )
        self.plotly_embedded = True


def _table_html(frame: pd.DataFrame) -> str:
    return str(frame.to_html(index=False, escape=True, na_rep="", classes="px-table", border=0))


def _panel_html(page: _Page, panel: Panel) -> None:
    page.parts.append(f'<section class="px-panel"><h3>{escape(panel.title)}</h3>')
    page.parts.append(f'<p class="px-explain">{escape(panel.explain)}</p>')
    if panel.note:
        page.parts.append(f'<p class="px-note">{escape(panel.note)}</p>')
    if panel.figure is not None:
        page.figure(panel.figure, panel.title)
    if panel.table is not None and not panel.table.empty:
        page.parts.append(f'<div class="px-table-wrap">{_table_html(panel.table)}</div>')
    page.parts.append(panel.html)
    page.parts.append("</section>")


def _columns_html(columns: Sequence[OutletColumn]) -> str:
    cells = "".join(f'<div class="px-col">{column_html(c)}</div>' for c in columns)
    return f'<div class="px-grid">{cells}</div>'


def _tab_html(page: _Page, tab: Tab, content: StoryContent) -> None:
    """One tab: its panels one under another, or (columns) the legend and every outlet's column."""
    page.parts.append(f"<h2>{escape(tab.name)}</h2>")
    if tab.layout is Layout.COLUMNS:
        page.parts.append(highlight.legend_html())
        page.parts.append(_columns_html(content.columns(tab)))
        return
    for panel in content.panels(tab):
        _panel_html(page, panel)


_REPORT_STYLE = """
body{font-family:Inter,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2937;max-width:1280px;margin:2rem auto;
  padding:0 1.5rem;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:0.2rem} h2{border-bottom:2px solid #e2e8f0;padding-bottom:0.3rem;margin-top:2.5rem}
.px-meta{color:#475569} .px-explain{color:#475569;font-size:0.92rem;margin-top:-0.4rem}
.px-note{background:#f1f5f9;border-left:4px solid #94a3b8;padding:0.4rem 0.8rem}
.px-table-wrap{overflow-x:auto} table.px-table{border-collapse:collapse;font-size:0.88rem;width:100%}
table.px-table th,table.px-table td{border-bottom:1px solid #e2e8f0;padding:0.3rem 0.5rem;text-align:left;
  vertical-align:top}
footer{margin-top:3rem;color:#64748b;font-size:0.85rem}
"""


def report_html(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> str:
    """The whole story as one standalone, offline HTML page (every tab of the dashboard, in order)."""
    shown = corpus.story(story_id)
    content = content or StoryContent(corpus, story_id)
    page = _Page()
    for tab in story.TABS:
        _tab_html(page, tab, content)
    head = f'<h1>{escape(shown.title)}</h1><p class="px-meta">{escape(corpus.info.name)} · {escape(content.meta)}</p>'
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(shown.title)} · Parallax</title>"
        f"<style>{highlight.STYLE}{_REPORT_STYLE}</style></head><body>"
        f"{head}{''.join(page.parts)}"
        f"<footer>Made with Parallax on {made}, offline. Story {escape(story_id)}.</footer></body></html>"
    )


def write_report(corpus: Corpus, story_id: str, out: Path, content: StoryContent | None = None) -> Path:
    """Write the story's standalone HTML report to ``out`` (atomically) and return its path."""
    out = Path(out)
    atomic_write_bytes(out, report_html(corpus, story_id, content).encode("utf-8"))
    return out
