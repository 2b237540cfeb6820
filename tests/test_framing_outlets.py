"""Framing with several outlets: every panel reports each outlet, and the aspect table has a column for each."""

from __future__ import annotations

import pytest

from compare.embed import Embedder, default_embedder
from compare.framing import aspects, distinctive_words, frame_story, frames, opinion_markers, story_text, tone
from compare.model import Article, AspectIndicator

TEXTS = {
    "Wire": (
        "The city council approved the new budget on Tuesday by a vote of seven to two. "
        "The budget raises spending on schools and roads. Mayor Ana Ruiz said the plan was balanced."
    ),
    "Daily Voice": (
        "The council rammed through a bloated budget on Tuesday. Taxpayers will foot the bill for "
        "the mayor's reckless spending spree! Who will pay for this? Mayor Ruiz insisted the plan was balanced."
    ),
    "Civic Review": (
        "Parents welcomed the council's budget, which adds money for schools. Teachers at Lincoln School "
        "said the extra funds would pay for smaller classes. The vote came on Tuesday."
    ),
    "Harbor News": (
        "The port authority said ship traffic rose by a tenth this year. Dock workers expect more hiring. "
        "The council's budget vote on Tuesday left the port's funding unchanged."
    ),
}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [
        Article(f"a{i}", outlet, f"{outlet} on the budget", text, f"a{i}.txt")
        for i, (outlet, text) in enumerate(TEXTS.items())
    ]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return default_embedder()


@pytest.mark.parametrize("outlets", [2, 3, 4])
def test_framing_every_outlet_gets_indicators(articles: list[Article], embedder: Embedder, outlets: int) -> None:
    chosen = articles[:outlets]
    indicators = frame_story(chosen, articles, embedder)
    assert {i.outlet for i in indicators} == {a.outlet for a in chosen}
    for outlet in (a.outlet for a in chosen):
        kinds = {i.indicator for i in indicators if i.outlet == outlet}
        assert {"headline", "distinctive_word", "tone", "aspect", "frame"} <= kinds


def test_framing_aspect_table_has_a_column_per_outlet(articles: list[Article], embedder: Embedder) -> None:
    table = aspects(story_text(articles), embedder)
    assert (table.groupby("aspect").outlet.nunique() == len(TEXTS)).all()
    port = table[table.label.str.contains("port", case=False)]
    covering = set(port[port.covered].outlet)
    assert "Harbor News" in covering and "Wire" not in covering  # only the port story tells of ship traffic


def test_framing_loaded_outlet_stands_out(articles: list[Article], embedder: Embedder) -> None:
    story = story_text(articles)
    markers = opinion_markers(story).set_index(["outlet", "marker"])["count"]
    assert markers[("Daily Voice", "rhetorical_question")] == 1 and markers[("Wire", "rhetorical_question")] == 0
    assert markers[("Daily Voice", "exclamation")] == 1
    moods = tone(story).set_index("outlet")["mean"]
    assert moods["Daily Voice"] < moods["Civic Review"]
    terms = distinctive_words(story, articles)
    assert set(terms[terms.outlet == "Daily Voice"].term) & {"bloated", "reckless", "rammed", "spree"}


def test_framing_frames_rank_economic_consequences_for_budget_talk(articles: list[Article], embedder: Embedder) -> None:
    table = frames(story_text(articles), embedder)
    news = table[(table.outlet == "Wire") & (table.typology == "news")].sort_values("mean_top", ascending=False)
    assert news.iloc[0].frame == "economic consequences"


def test_framing_aspect_label_is_a_sentence_from_the_articles(articles: list[Article], embedder: Embedder) -> None:
    table = aspects(story_text(articles), embedder)
    texts = " ".join(TEXTS.values())
    assert all(label.rstrip("…") in texts for label in table.label)  # a fact read out, no keyword prefix
    assert all(len(k.split(", ")) <= 3 for k in table.keywords)
    rows = [i for i in frame_story(articles, articles, embedder) if i.indicator == "aspect"]
    assert rows and all(isinstance(i, AspectIndicator) and i.label.rstrip("…") in texts for i in rows)
    assert all("label" in i.to_dict() for i in rows)
