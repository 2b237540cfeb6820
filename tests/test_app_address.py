"""app: the view is in the address (query parameters): a link opens it, every change rewrites it, and
a stale or hand-written value falls back with a short note instead of an error."""

from __future__ import annotations

from pathlib import Path

from compare import pipeline
from tests.test_app_tabs import _app, _assert_clean, multi_outlet  # noqa: F401 (a fixture)


def _address(folder: Path, **params: str | list[str]) -> object:
    at = _app()
    at.query_params = {"folder": str(folder), **params}
    at.run()
    return at


def _budget_story(corpus: Path) -> str:
    stories = pipeline.open_corpus(corpus).stories
    return next(s.story_id for s in stories if "budget" in s.title.lower() or "school" in s.title.lower())


def test_app_address_opens_the_view_it_names(multi_outlet: Path) -> None:  # noqa: F811
    budget = _budget_story(multi_outlet)
    at = _address(multi_outlet, story=budget, tab="side-by-side", outlet="Metro Times", teacher="1")
    _assert_clean(at)
    assert at.session_state["corpus_source"] == "Another folder…"
    assert at.session_state["story"] == budget, "not the first story: the one the link names"
    assert at.session_state["tab"] == "Side by side"
    assert at.session_state["outlet_filter"] == ["Metro Times"]
    assert at.session_state["teacher"] is True
    assert at.multiselect(key=f"sbs-{budget}"), "the Side by side tab is the one drawn"


def test_app_address_follows_every_change(multi_outlet: Path) -> None:  # noqa: F811
    at = _address(multi_outlet)
    first = at.session_state["story"]
    assert at.query_params["folder"] == str(multi_outlet) and at.query_params["story"] == first
    other = next(s.story_id for s in pipeline.open_corpus(multi_outlet).stories if s.story_id != first)
    at.selectbox(key="story").set_value(other).run()
    at.multiselect(key="outlet_filter").set_value(["Coast Herald", "Metro Times"]).run()
    at.toggle(key="teacher").set_value(True).run()
    assert at.query_params["story"] == other
    assert at.query_params["outlet"] == ["Coast Herald", "Metro Times"]
    assert at.query_params["teacher"] == "1"
    # The address written is one that opens the same view in a new session (a reload, a shared link).
    again = _app()
    again.query_params = dict(at.query_params)
    again.run()
    _assert_clean(again)
    assert again.session_state["story"] == other
    assert again.session_state["outlet_filter"] == ["Coast Herald", "Metro Times"]


def test_app_address_stale_values_fall_back_and_say_so(multi_outlet: Path) -> None:  # noqa: F811
    at = _address(multi_outlet, story="gone-story", tab="nonsense", outlet=["Metro Times", "Nowhere News"])
    _assert_clean(at)
    notes = " ".join(i.value for i in at.info).replace("\\", "")
    assert "gone-story" in notes and "first story" in notes
    assert "Nowhere News" in notes and "nonsense" in notes
    assert at.session_state["outlet_filter"] == ["Metro Times"], "the outlet that is there stays"
    assert at.session_state["story"] == pipeline.open_corpus(multi_outlet).stories[0].story_id
    at.run()
    assert "gone-story" not in " ".join(i.value for i in at.info), "said once, not on every run"


def test_app_address_unknown_corpus_falls_back() -> None:
    at = _app()
    at.query_params = {"corpus": "no-such-corpus", "story": "x"}
    at.run()
    assert not at.exception
    notes = " ".join(i.value for i in at.info).replace("\\", "")
    assert "no-such-corpus" in notes
    assert at.query_params["corpus"] == "iraq-letter", "the address names what is shown instead"


def test_app_header_counts_follow_the_outlet_filter(multi_outlet: Path) -> None:  # noqa: F811
    budget = _budget_story(multi_outlet)
    at = _address(multi_outlet, story=budget, outlet="Metro Times")
    _assert_clean(at)
    header = next(h.value for h in at.html if "px-story" in h.value)
    assert "chosen outlets: 1 article from 1 outlet" in header
    at.multiselect(key="outlet_filter").set_value([]).run()
    assert "chosen outlets" not in next(h.value for h in at.html if "px-story" in h.value)
