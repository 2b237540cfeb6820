"""A story's take-away zip: every chart as PNG, SVG and HTML, every table as CSV, the story report and the
printable card (as PNG and as its page), with a note saying what is inside."""

from __future__ import annotations

from compare import export, story
from compare.pipeline import Corpus
from compare.render import card, report
from compare.story import Layout
from compare.story.content import StoryContent

#: The story's own files in the zip, beside the charts and tables (whose names come from panel titles).
REPORT = "story-report.html"
CARD_PNG = "comparison-card.png"
CARD_HTML = "comparison-card.html"
README = "README.txt"

_README = f"""Parallax: {{title}}

{REPORT}   every tab of the story in one offline page (open it in any browser)
{CARD_PNG}   the printable comparison card for class ({CARD_HTML} is the same page, to print from a browser)
*.png, *.svg   each chart as an image, for slides and documents
*.html   each chart, interactive; keep {export.PLOTLY_JS} in the same folder (the pages share it, offline)
*.csv   each table, for spreadsheets (UTF-8)
"""


def story_bundle(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> bytes:
    """The zip of every panel's chart and table, the story's HTML report and its comparison card (the
    side-by-side columns are text, in the report)."""
    content = content or StoryContent(corpus, story_id)
    panels = [p for tab in story.TABS if tab.layout is Layout.PANELS for p in content.panels(tab)]
    figures = {p.title: p.figure for p in panels if p.figure is not None}
    frames = {p.title: p.table for p in panels if p.table is not None and not p.table.empty}
    page = card.card_html(corpus, story_id, content)
    extra: dict[str, bytes | str] = {
        README: _README.format(title=corpus.story(story_id).title),
        REPORT: report.report_html(corpus, story_id, content),
        CARD_HTML: page,
        CARD_PNG: card.page_png(page),
    }
    return export.bundle(figures, frames, extra)
