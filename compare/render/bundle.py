"""Every chart of a story as PNG, SVG and HTML and every table as CSV, in one zip."""

from __future__ import annotations

from compare import export, story
from compare.pipeline import Corpus
from compare.story import Layout
from compare.story.content import StoryContent


def story_bundle(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> bytes:
    """The zip of every panel's chart and table (the side-by-side columns are text, in the HTML report)."""
    content = content or StoryContent(corpus, story_id)
    panels = [p for tab in story.TABS if tab.layout is Layout.PANELS for p in content.panels(tab)]
    figures = {p.title: p.figure for p in panels if p.figure is not None}
    frames = {p.title: p.table for p in panels if p.table is not None and not p.table.empty}
    return export.bundle(figures, frames)
