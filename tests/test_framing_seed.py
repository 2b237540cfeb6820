"""The issue's seed expectations on the bundled Iraq-letter corpus (The Duran vs AskTruth24)."""

from __future__ import annotations

import pandas as pd
import pytest

from compare.embed import Embedder, default_embedder
from compare.framing import (
    StoryText,
    aspects,
    attribution_verbs,
    distinctive_words,
    frame_story,
    frames,
    headline_and_lede,
    loaded_language,
    naming,
    opinion_markers,
    story_text,
)
from compare.ingest import load_corpus
from compare.model import Article
from tests.conftest import BUNDLED

DURAN, ASKTRUTH = "The Duran", "AskTruth24"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return list(load_corpus(BUNDLED).articles)


@pytest.fixture(scope="module")
def story(articles: list[Article]) -> StoryText:
    return story_text(articles)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return default_embedder()


def _texts(evidence: tuple) -> str:  # type: ignore[type-arg]
    return " ".join(e.text for e in evidence)


# The issue also names "confusion" for The Duran, but in that article the word occurs only in a reader
# comment, which cleaning removes (tests/test_clean_seeds.py); the article itself says "confused". The
# outlet that dwells on confusion is AskTruth24 ("huge confusions", "the mist of confusions").
@pytest.mark.parametrize(("outlet", "term"), [(DURAN, "phony"), (DURAN, "propaganda coup"), (ASKTRUTH, "confusions")])
def test_framing_distinctive_words_of_each_outlet(
    story: StoryText, articles: list[Article], outlet: str, term: str
) -> None:
    table = distinctive_words(story, articles)
    own = table[table.outlet == outlet]
    assert term in set(own.term)
    assert term not in set(table[table.outlet != outlet].term)
    row = own[own.term == term].iloc[0]
    assert row.z > 0 and term in _texts(row.evidence).lower()


@pytest.mark.parametrize(
    ("outlet", "word"), [(DURAN, "bizarre"), (DURAN, "phony"), (DURAN, "embarrassing"), (ASKTRUTH, "ungrateful")]
)
def test_framing_loaded_language_flags_the_seed_words(story: StoryText, outlet: str, word: str) -> None:
    spans = loaded_language(story)
    own = spans[spans.outlet == outlet]
    assert word in {t.lower() for t in own.text}


def test_framing_lede_skips_the_note_to_readers(story: StoryText) -> None:
    """The Duran opens with "PLEASE NOTE: We recorded this video..."; its lede is the article's first sentence."""
    ledes = dict(zip(headline_and_lede(story).outlet, headline_and_lede(story).lede, strict=True))
    assert ledes[DURAN].startswith("The Duran’s Alex Christoforou and Editor-in-Chief Alexander Mercouris discuss")
    assert "PLEASE NOTE" not in ledes[DURAN]
    assert ledes[ASKTRUTH].startswith("Recently, a huge unrest was created")


@pytest.mark.parametrize(
    ("opening", "skipped"),
    [
        ("Editor's note: This story was updated on Friday.", True),
        ("UPDATE 2 - Adds comment from the ministry.", True),
        ("Correction: An earlier version misspelled a name.", True),
        ("Updates are expected later today, the ministry said.", False),
        ("Note the date: the vote is on Monday.", False),
        ("Update (Jan. 5): The count is complete.", True),
        ("Correction officers said: the prison was calm.", False),
    ],
)
def test_framing_lede_reader_notes(opening: str, skipped: bool) -> None:
    article = Article(id="n", outlet="Wire", title="Vote", text=f"{opening}\n\nThe vote was held on Monday.", file="n")
    lede = headline_and_lede(story_text([article])).lede[0]
    assert lede.startswith("The vote was held") is skipped


def test_framing_loaded_spans_point_into_the_text(story: StoryText, articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    spans = loaded_language(story)
    assert len(spans) > 0
    for row in spans.itertuples():
        assert by_id[row.article_id].text[row.start : row.end] == row.text


def test_framing_rhetorical_questions_are_the_outlets_own(story: StoryText) -> None:
    markers = opinion_markers(story).set_index(["outlet", "marker"])
    asktruth = markers.loc[(ASKTRUTH, "rhetorical_question")]
    assert "Are they really that ungrateful?" in _texts(asktruth.evidence)
    # The Duran's only question is inside a quotation from The Dispatch: not the outlet's voice.
    assert markers.loc[(DURAN, "rhetorical_question")]["count"] == 0


def test_framing_security_frame_for_asktruth(story: StoryText, embedder: Embedder) -> None:
    table = frames(story, embedder)
    policy = table[(table.outlet == ASKTRUTH) & (table.typology == "policy")].sort_values("share", ascending=False)
    top = policy.iloc[0]
    assert top.frame == "security and defense"
    evidence = _texts(top.evidence)
    assert "IS extremists" in evidence and "terror" in evidence
    duran = table[(table.outlet == DURAN) & (table.frame == "security and defense")].iloc[0]
    assert top.mean_top > duran.mean_top


@pytest.mark.parametrize("phrase", ["Liz Sly", "active disinformation"])
def test_framing_aspects_only_the_duran_covers(story: StoryText, embedder: Embedder, phrase: str) -> None:
    table = aspects(story, embedder)
    holding = table[table.covered & table.evidence.map(lambda ev: phrase in _texts(ev))]
    assert len(holding) > 0
    for aspect in holding.aspect.unique():
        coverage = table[table.aspect == aspect].set_index("outlet").covered
        assert coverage[DURAN] and not coverage[ASKTRUTH]
        omitted = table[(table.aspect == aspect) & (table.outlet == ASKTRUTH)].iloc[0]
        assert omitted.share == 0 and omitted.evidence  # the evidence is what AskTruth left out


def test_framing_aspect_table_is_complete(story: StoryText, embedder: Embedder) -> None:
    table = aspects(story, embedder)
    per_aspect = table.groupby("aspect").outlet.nunique()
    assert (per_aspect == 2).all()
    assert table[table.covered].groupby("aspect").size().max() == 2  # some aspect is shared by both outlets


@pytest.mark.parametrize(("outlet", "form"), [(DURAN, "Gen. Milley"), (ASKTRUTH, "Mark Milley")])
def test_framing_naming_shows_each_outlets_form(story: StoryText, outlet: str, form: str) -> None:
    table = naming(story)
    milley = table[table.actor.str.contains("Milley")]
    assert form in set(milley[milley.outlet == outlet].form)


def test_framing_attribution_verbs_split_neutral_and_loaded(story: StoryText) -> None:
    verbs = attribution_verbs(story)
    duran = verbs[verbs.outlet == DURAN].set_index("verb")
    assert duran.loc["pleaded ignorance", "kind"] == "loaded"
    assert "said" in set(verbs[(verbs.outlet == ASKTRUTH) & (verbs.kind == "neutral")].verb)


def test_framing_frame_story_evidence_matches_the_text(articles: list[Article], embedder: Embedder) -> None:
    indicators = frame_story(articles, articles, embedder)
    by_id = {a.id: a for a in articles}
    kinds = {i.indicator for i in indicators}
    assert {
        "headline",
        "distinctive_word",
        "naming",
        "loaded_language",
        "attribution_verb",
        "tone",
        "opinion_marker",
        "aspect",
        "frame",
    } <= kinds
    for indicator in indicators:
        assert indicator.evidence, indicator
        for evidence in indicator.evidence:
            assert by_id[evidence.article_id].text[evidence.start : evidence.end] == evidence.text


def test_framing_one_outlet_story_is_graceful(articles: list[Article], embedder: Embedder) -> None:
    duran = [a for a in articles if a.outlet == DURAN]
    indicators = frame_story(duran, articles, embedder)
    assert {i.outlet for i in indicators} == {DURAN}
    assert any(i.indicator == "distinctive_word" for i in indicators)  # against the rest of the corpus


def test_framing_empty_story_gives_no_rows(embedder: Embedder) -> None:
    assert frame_story([], [], embedder) == []
    assert isinstance(aspects(story_text([]), embedder), pd.DataFrame)
