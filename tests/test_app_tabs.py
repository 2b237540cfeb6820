"""app: every tab renders, without an exception or a traceback, on the bundled corpus and on a
four-outlet corpus with two stories, wire copy and quotes that the test writes itself."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from compare import settings, story
from compare.story import content as content_module
from compare.story.content import StoryContent
from tests.conftest import BUNDLED, REPO

APP = str(REPO / "app.py")
HOSTILE_TITLE = "Flood <script>alert('x')</script> hits Harbor Point"

# Wire copy carried word for word by two outlets: the passage detector must find it.
WIRE = (
    "Floodwaters rose more than two metres overnight in Harbor Point after the river burst its banks, "
    "forcing the evacuation of about four hundred homes along the eastern shore, the regional emergency "
    "agency said on Tuesday. Rescue crews used boats to reach families stranded on rooftops near the old "
    "cannery district, and two shelters opened at the municipal sports hall and the high school."
)
FLOOD = {
    "wire.txt": (
        "Wire Daily",
        "2024-03-05T06:00:00",
        "River floods Harbor Point, hundreds of homes evacuated",
        WIRE + "\n\n"
        "“We have never seen the water come up this fast,” Mayor Jane Alvarez told reporters at the shelter. "
        "The agency said more rain was expected through Wednesday and asked residents to avoid the coast road.",
    ),
    "herald.txt": (
        "Coast Herald",
        "2024-03-05T09:30:00",
        HOSTILE_TITLE,
        WIRE + "\n\n"
        "Local shop owners on Quay Street said the damage would take months to repair. "
        "“This town was abandoned by the state long before the water came,” said Tom Reyes, who runs a bakery "
        "near the harbour. Critics blamed years of neglected levee maintenance for the disaster.",
    ),
    "metro.txt": (
        "Metro Times",
        "2024-03-05T12:00:00",
        "Harbor Point mayor defends flood response as residents count losses",
        "Mayor Jane Alvarez defended the city's response to the flooding in Harbor Point on Tuesday, saying "
        "crews had reached every stranded family within hours. “Our teams did heroic work through the night,” "
        "Alvarez said. Residents of the eastern shore described a chaotic evacuation, with some waiting on "
        "rooftops until dawn before boats arrived near the cannery district. Engineer Priya Nand, who studies "
        "the river for the state university, warned that the levees were built for a smaller flood. "
        "“The river is simply bigger than the walls we gave it,” Nand said.",
    ),
    "valley.txt": (
        "Valley Post",
        "2024-03-06T08:00:00",
        "Evacuations in Harbor Point as river bursts its banks",
        # The wire's quote again, one word changed: a matched quote with a difference.
        WIRE + "\n\nThe state governor is expected to visit the area on Thursday. "
        "“We have never seen the water come up so fast,” Mayor Jane Alvarez said.",
    ),
}
BUDGET = {
    "budget-metro.txt": (
        "Metro Times",
        "2024-04-10T10:00:00",
        "City council approves record school budget after late-night vote",
        "The city council approved a record school budget late on Monday after six hours of debate, raising "
        "spending on teachers and classrooms by nine percent. Council member Luis Ortega, who chairs the "
        "finance committee, said the plan would hire two hundred new teachers. “Every child deserves a "
        "teacher who knows their name,” Ortega said. Opponents argued the increase would force higher "
        "property taxes next year.",
    ),
    "budget-herald.txt": (
        "Coast Herald",
        "2024-04-10T13:00:00",
        "Council's school spending spree will cost taxpayers, critics warn",
        "The city council voted on Monday night to raise school spending by nine percent, a record budget "
        "that critics say taxpayers cannot afford. “This is a spending spree dressed up as reform,” said "
        "council member Ann Whitfield, who voted against the plan. The finance committee chair, Luis Ortega, "
        "said two hundred teachers would be hired. Property owners fear a tax increase next year.",
    ),
}


def _write_corpus(folder: Path, articles: dict[str, tuple[str, str, str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "published", "title"])
        for name, (outlet, published, title, text) in articles.items():
            (folder / name).write_text(f"{title}\n\n{text}\n", encoding="utf-8")
            writer.writerow([name, outlet, published, title])
    return folder


@pytest.fixture(scope="module")
def multi_outlet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four outlets, two stories (a flood with wire copy, a budget vote), dated, with quotes."""
    return _write_corpus(tmp_path_factory.mktemp("corpora") / "two-stories", {**FLOOD, **BUDGET})


def _app(corpus: Path | None = None) -> AppTest:
    """The dashboard, on ``corpus`` (a folder) or on the bundled corpus it opens by default."""
    at = AppTest.from_file(APP, default_timeout=120)
    if corpus is not None:
        at.session_state["corpus_source"] = "Another folder…"
        at.session_state["folder"] = str(corpus)
    return at


def _assert_clean(at: AppTest) -> None:
    """No exception element and no error message anywhere on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(autouse=True)
def _own_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's own-articles folder points into the test's temporary folder, never the home folder."""
    monkeypatch.setattr(settings, "WORKSPACE_DIR", tmp_path / "my-articles")


def _open_tab(at: AppTest, name: str) -> str:
    """Open one tab; returns all the text it shows (headings, notes, tables, HTML)."""
    at.session_state["tab"] = name
    at.run()
    _assert_clean(at)
    parts = [h.value for h in at.subheader] + [i.value for i in at.info] + [c.value for c in at.caption]
    parts += [str(h.proto.body) for h in at.get("html")]
    parts += [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def test_app_bundled_corpus_opens_on_its_story_with_every_tab() -> None:
    at = _app()
    at.run()
    _assert_clean(at)
    assert at.session_state["corpus_source"] == BUNDLED.name
    assert at.selectbox(key="story").options, "the bundled corpus opens with its story chosen"
    seen = {tab.name: _open_tab(at, tab.name) for tab in story.TABS}
    assert "No publication dates are known" in seen["Overview"]  # the seeds have no dates: said, not drawn
    assert "The Duran" in seen["Side by side"] and "AskTruth24" in seen["Side by side"]
    assert "Milley" in seen["Quoted officials"]
    assert "independent report" in seen["Shared passages"]
    assert "Distinctive words" in seen["Framing"] and "Emphasis and omission" in seen["Framing"]


def test_app_multi_outlet_corpus_every_tab(multi_outlet: Path) -> None:
    at = _app(multi_outlet)
    at.run()
    _assert_clean(at)
    stories = at.selectbox(key="story")
    assert len(stories.options) == 2
    assert "River floods Harbor Point" in stories.value or "Harbor Point" in str(stories.format_func(stories.value))
    seen = {tab.name: _open_tab(at, tab.name) for tab in story.TABS}
    assert "4 outlets, 2 independent reports, 2 shared passages" in seen["Shared passages"]
    assert "px-passage" in seen["Side by side"] and "shared with" in seen["Side by side"]
    assert "Jane Alvarez" in seen["Quoted officials"]
    assert "<del>this</del> → <ins>so</ins>" in seen["Quoted officials"]  # the changed word in a matched quote
    # The hostile headline is shown as text, never as markup.
    assert "<script>alert" not in seen["Side by side"] and "&lt;script&gt;alert" in seen["Side by side"]


def test_app_switching_stories_keeps_the_open_tab_working(multi_outlet: Path) -> None:
    at = _app(multi_outlet)
    at.run()
    first, second = at.selectbox(key="story").options
    for name in ("Side by side", "Quoted officials"):
        at.session_state["tab"] = name
        at.selectbox(key="story").set_value(second).run()
        _assert_clean(at)
        at.selectbox(key="story").set_value(first).run()
        _assert_clean(at)


def test_app_search_finds_the_second_story(multi_outlet: Path) -> None:
    at = _app(multi_outlet)
    at.run()
    at.text_input(key="story_search").set_value("council budget").run()
    _assert_clean(at)
    assert len(at.selectbox(key="story").options) == 1
    seen = _open_tab(at, "Quoted officials")
    assert "Ann Whitfield" in seen and "Quoted by one outlet only" in seen


def test_app_computes_the_other_tabs_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a story opens, the background worker computes its other tabs (and the default side-by-side
    columns): visiting them afterwards computes nothing. A fresh corpus, so no earlier test filled the cache."""
    monkeypatch.setattr(settings, "COMPUTE_AHEAD", True)
    monkeypatch.setattr(content_module, "model_loaded", lambda: True)  # else the model's tabs wait for a reader
    at = _app(_write_corpus(tmp_path / "flood-only", FLOOD))
    at.run()
    _assert_clean(at)
    assert StoryContent.wait_ahead(120)

    def computed_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("a tab computed ahead was computed again")

    monkeypatch.setattr(story, "TABS", tuple(dataclasses.replace(tab, build=computed_again) for tab in story.TABS))
    seen = {tab.name: _open_tab(at, tab.name) for tab in story.TABS}  # each asserts no error on the page
    assert "Distinctive words" in seen["Framing"] and "Jane Alvarez" in seen["Quoted officials"]
    assert "px-passage" in seen["Side by side"]
