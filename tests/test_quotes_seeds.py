"""The seed expectations of the quotes issue, on the two bundled seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.model import Article, Quote
from compare.quotes import extract_quotes_many, resolve_speakers, single_outlet_speakers, speaker_outlet_table
from tests.conftest import SEED_ASKTRUTH, SEED_DURAN

DURAN, ASKTRUTH = "The Duran", "AskTruth24"


def _seed_articles() -> list[Article]:
    """The seeds as the ingest stage gives them; read straight from disk until that stage exists."""
    try:
        from compare.ingest import load_corpus
    except ImportError:
        load_corpus = None
    if load_corpus is not None:
        loaded = {Path(a.file).name: a for a in load_corpus(SEED_DURAN.parent).articles}
        return [loaded[SEED_DURAN.name], loaded[SEED_ASKTRUTH.name]]
    return [
        Article(id=path.stem, outlet=outlet, title="", text=path.read_text(encoding="utf-8"), file=str(path))
        for path, outlet in ((SEED_DURAN, DURAN), (SEED_ASKTRUTH, ASKTRUTH))
    ]


@pytest.fixture(scope="module")
def seed_quotes() -> list[Quote]:
    return resolve_speakers(extract_quotes_many(_seed_articles()))


def _saying(quotes: list[Quote], outlet: str, words: str) -> Quote:
    found = [q for q in quotes if q.outlet == outlet and words in q.quote and q.kind == "direct"]
    assert found, f"no direct quote of {words!r} in {outlet}"
    return found[0]


@pytest.mark.parametrize(
    ("outlet", "words", "surname", "role"),
    [
        (DURAN, "I don’t know what that letter is", "Esper", "defense secretary"),
        (DURAN, "No, I can’t.", "Esper", "defense secretary"),
        (DURAN, "I do know that it’s not signed", "Milley", "general"),
        (ASKTRUTH, "It was sent over to some key Iraqi military guys", "Milley", "general"),
        (ASKTRUTH, "That letter is a draft.", "Milley", "general"),
        (ASKTRUTH, "We are repositioning forces throughout the region.", "Esper", "defense secretary"),
    ],
)
def test_quotes_seed_attributions(seed_quotes: list[Quote], outlet: str, words: str, surname: str, role: str) -> None:
    quote = _saying(seed_quotes, outlet, words)
    assert quote.speaker is not None and quote.speaker.endswith(surname)
    assert role in (quote.role or "").lower()
    assert quote.speaker_type == "official"


def test_quotes_seed_pentagon_statement(seed_quotes: list[Quote]) -> None:
    quote = _saying(
        seed_quotes, DURAN, "OIR has confirmed with us at the working level that this is active disinformation."
    )
    assert "Pentagon" in (quote.speaker or "")


@pytest.mark.parametrize("label", ["phony", "authentic"])
def test_quotes_seed_scare_quotes(seed_quotes: list[Quote], label: str) -> None:
    assert any(q.kind == "scare" and q.quote == label and q.outlet == DURAN for q in seed_quotes)


@pytest.mark.parametrize("surname", ["milley", "esper"])
def test_quotes_seed_one_speaker_quoted_by_both_outlets(seed_quotes: list[Quote], surname: str) -> None:
    table = speaker_outlet_table(seed_quotes)
    rows = table[table["speaker_id"].str.endswith(surname)]
    assert rows["speaker_id"].nunique() == 1
    assert set(rows["outlet"]) == {DURAN, ASKTRUTH}


def test_quotes_seed_liz_sly_only_in_the_duran(seed_quotes: list[Quote]) -> None:
    single = single_outlet_speakers(seed_quotes)
    rows = single[single["speaker"] == "Liz Sly"]
    assert list(rows["outlet"]) == [DURAN]
    assert rows.iloc[0]["speaker_type"] == "journalist"
    assert "washington post" in rows.iloc[0]["role"].lower()


def test_quotes_seed_no_letter_or_place_as_speaker(seed_quotes: list[Quote]) -> None:
    """The issue's known faults: a described letter and the "Washington" of "the Washington Post" spoke."""
    speakers = {q.speaker for q in seed_quotes if q.outlet == DURAN}
    assert not any("letter" in (s or "") or s == "Washington" for s in speakers)
    noted = [q for q in seed_quotes if q.cue == "noted"]
    assert noted and all(q.speaker == "Liz Sly" for q in noted)


def test_quotes_seed_a_country_before_the_verb_never_speaks(seed_quotes: list[Quote]) -> None:
    """ "a letter from a top commander in Iraq suggested", "withdrawal from Iraq stating": not Iraq."""
    assert not [q for q in seed_quotes if q.speaker and "Iraq" in q.speaker]
