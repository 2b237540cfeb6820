"""app: what a reader meets on the page: header counts that follow the outlet filter, and regrouping
that says what it did and stays on the story it changed, and a first page that loads no sentence model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from compare import embed, group, pipeline, settings
from compare.story import content as content_module
from compare.story.content import StoryContent
from tests.conftest import BUNDLED
from tests.test_app_tabs import BUDGET, _app, _assert_clean, _open_tab, _write_corpus, multi_outlet  # noqa: F401


def _header(at: AppTest) -> str:
    return next(h.value for h in at.html if "px-title" in h.value and "px-sub" in h.value and "article" in h.value)


def test_app_header_counts_follow_the_outlet_filter(multi_outlet: Path) -> None:  # noqa: F811
    at = _app(multi_outlet)
    at.run()
    assert "6 articles · 4 outlets · 2 stories" in _header(at)
    at.multiselect(key="outlet_filter").set_value(["Wire Daily"]).run()
    _assert_clean(at)
    assert "1 of 6 articles · 1 of 4 outlets · 1 of 2 stories" in _header(at)
    at.multiselect(key="outlet_filter").set_value(["Wire Daily", "Metro Times"]).run()
    assert "3 of 6 articles · 2 of 4 outlets · 2 of 2 stories" in _header(at)


def _successes(at: AppTest) -> str:
    return " ".join(s.value for s in at.success).replace("\\", "")


def test_app_regroup_says_what_it_did_and_stays_on_the_story(tmp_path: Path) -> None:
    corpus = tmp_path / "copy"
    shutil.copytree(BUNDLED, corpus)  # a cache built by an earlier test comes along: no rebuild
    at = _app(corpus)
    at.session_state["fixing"] = True
    at.run()
    story = at.session_state["story"]
    members = pipeline.open_corpus(corpus).story(story).article_ids
    moved = at.selectbox(key=f"move-{story}").value  # the article chosen to move: the first
    label = at.selectbox(key=f"move-{story}").options[0]
    at.button(key="move_out").click().run()
    _assert_clean(at)
    said = _successes(at)
    assert "Moved" in said and "story of its own" in said and label.split(": ", 1)[1][:20] in said
    left = group.story_id(a for a in members if a != moved)
    assert at.session_state["story"] == left, "the view stays on the story the article left"

    at.button(key="merge").click().run()
    _assert_clean(at)
    assert "Merged" in _successes(at) and "now has 2 articles" in _successes(at)
    assert at.session_state["story"] == story, "the merged story is the original one again, and it is shown"

    at.button(key="undo").click().run()
    assert "Undid" in _successes(at)
    at.button(key="undo").click().run()
    at.button(key="undo").click().run()
    assert "Nothing to undo" in " ".join(i.value for i in at.info)


def test_app_first_page_loads_no_sentence_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first page (story list, Overview) and the work computed ahead after it need no sentence model;
    loading it took both cores for seconds while the page was being sent. The Framing tab loads it."""
    corpus = _write_corpus(tmp_path / "budget", BUDGET)
    pipeline.open_corpus(corpus)  # the build embeds: built here, before the count starts
    loads: list[str] = []
    real = embed.default_embedder
    monkeypatch.setattr(embed, "default_embedder", lambda: loads.append("model") or real())
    monkeypatch.setattr(content_module, "model_loaded", lambda: bool(loads))
    monkeypatch.setattr(settings, "COMPUTE_AHEAD", True)
    at = _app(corpus)
    at.run()
    _assert_clean(at)
    assert StoryContent.wait_ahead(120)
    assert loads == [], "the model was loaded before anything needed it"
    assert "Distinctive words" in _open_tab(at, "Framing")
    assert loads == ["model"], "the Framing tab needs it"
