"""injection: a corpus of hostile outlet names, headlines, bodies and quotes (tests/data/injection) goes
through every surface — the HTML report, the printable card, every table's CSV, the zip export and the
dashboard — and stays text: nothing executes, nothing is fetched, no formula is live."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from compare import export, pipeline, story
from compare.pipeline import Corpus
from compare.render import card, report
from compare.story import Layout, listing
from compare.story.content import StoryContent
from tests.injection import (
    OUTLETS,
    csv_rows,
    from_payloads,
    html_problems,
    live_formulas,
    markdown_problems,
    write_corpus,
)
from tests.test_app_tabs import _app

pytestmark = pytest.mark.timeout(300)
HOSTILE_NAMES = ["![x](http://evil.example/x.png).txt", ":red[**boom**] $x$ :smile:.json", "<img src=x>.txt"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, str]:
    """The hostile corpus, built, and its story with every outlet."""
    corpus = pipeline.open_corpus(write_corpus(tmp_path_factory.mktemp("injection") / "hostile"))
    story = max(corpus.stories, key=lambda s: len(s.outlets))
    assert set(story.outlets) == set(OUTLETS), "the three hostile outlets tell one story"
    return corpus, story.story_id


@pytest.fixture(scope="module")
def content(hostile: tuple[Corpus, str]) -> StoryContent:
    corpus, story_id = hostile
    return StoryContent(corpus, story_id)


def _tables(corpus: Corpus, content: StoryContent) -> dict[str, Any]:
    """Every table the dashboard offers as CSV (and the zip bundles): the story list, the ingest report,
    and each panel's table."""
    tables = {"stories": listing.story_list(corpus), "ingest report": listing.ingest_table(corpus.report)}
    for tab in story.TABS:
        if tab.layout is Layout.PANELS:
            tables.update({p.title: p.table for p in content.panels(tab) if p.table is not None})
    return tables


def test_injection_report_html_runs_nothing_and_fetches_nothing(
    hostile: tuple[Corpus, str], content: StoryContent
) -> None:
    corpus, story_id = hostile
    page = report.report_html(corpus, story_id, content)
    assert html_problems(page) == []
    assert "&lt;script&gt;alert(&#x27;px-script&#x27;)&lt;/script&gt;" in page, "the payload is shown, as text"


def test_injection_printable_card_runs_nothing_and_fetches_nothing(
    hostile: tuple[Corpus, str], content: StoryContent
) -> None:
    corpus, story_id = hostile
    page = card.card_html(corpus, story_id, content)
    assert html_problems(page, own_scripts=False) == []
    assert "evil.example" in page, "the hostile outlet names are on the card, as text"


def test_injection_every_csv_and_the_zip_have_no_live_formula(
    hostile: tuple[Corpus, str], content: StoryContent
) -> None:
    corpus, _ = hostile
    tables = _tables(corpus, content)
    headers = []
    for name, table in tables.items():
        rows = csv_rows(export.table_csv(table))
        assert live_formulas(rows) == [], name
        headers.extend(rows[0] if rows else [])
    assert any("HYPERLINK" in h for h in headers), "an outlet name is a header cell of some table"
    bundle = zipfile.ZipFile(io.BytesIO(export.bundle({}, tables)))
    for member in bundle.namelist():
        assert live_formulas(csv_rows(bundle.read(member))) == [], member


def test_injection_naming_table_heads_its_columns_with_the_outlet_names(
    hostile: tuple[Corpus, str], content: StoryContent
) -> None:
    """The naming table lists only actors the outlets name differently; the fixture's outlets describe the mayor
    differently ("Acting Mayor", "the veteran mayor of Harbor Point"), so the table is not empty and every hostile
    outlet name is a header cell, checked by the CSV test above like every other table's."""
    corpus, _ = hostile
    names = _tables(corpus, content)["How each outlet names the actors"]
    assert not names.empty
    assert set(OUTLETS) <= set(names.columns)
    assert live_formulas(csv_rows(export.table_csv(names))) == []


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


# Element types whose text Streamlit renders as Markdown, and the widget fields it renders so.
_MARKDOWN_BODIES = {"markdown", "caption", "subheader", "header", "title", "info", "warning", "error", "success"}
_MARKDOWN_FIELDS = ("label", "help", "placeholder")


def _markdown_texts(at: AppTest) -> list[str]:
    """Every string the page hands Streamlit to render as Markdown."""
    texts = []
    for node in _nodes(at._tree):
        if getattr(node, "type", None) in _MARKDOWN_BODIES and isinstance(getattr(node, "value", None), str):
            texts.append(node.value)
        texts.extend(v for f in _MARKDOWN_FIELDS if isinstance(v := getattr(node, f, None), str))
    return texts


@pytest.mark.parametrize("tab", [tab.name for tab in story.TABS])
def test_injection_app_renders_hostile_text_as_text(hostile: tuple[Corpus, str], tab: str) -> None:
    """Every label, alert, caption and help text built from the hostile corpus renders literally."""
    corpus, story_id = hostile
    at = _app(corpus.path)
    at.session_state["tab"] = tab
    at.session_state["teacher"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = _markdown_texts(at)
    hostile_texts = [t for t in texts if from_payloads(t)]
    assert hostile_texts or tab != "Side by side", "the hostile text reached the page"
    assert [(t, markdown_problems(t)) for t in hostile_texts if markdown_problems(t)] == []
    if tab == "Side by side":
        picker = at.selectbox(key=f"sbs-{story_id}-{OUTLETS[0]}")
        assert markdown_problems(picker.label) == [] and "pixel" in picker.label


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_injection_app_upload_messages_render_file_names_as_text(tmp_path: Path, name: str) -> None:
    """The report of an upload names each file; a hostile file name stays text there."""
    at = _app(tmp_path / "nowhere")
    at.run()
    at.file_uploader(key="uploads").set_value([(name, bytes(range(256)) * 4, "application/octet-stream")])
    at.run()
    at.button(key="add_files").click().run()
    assert not at.exception
    shown = [t for t in _markdown_texts(at) if "P101" in t]  # the binary upload's rejection, naming the file
    assert shown, "the upload's report names the file"
    assert [(t, markdown_problems(t)) for t in shown if markdown_problems(t)] == []
