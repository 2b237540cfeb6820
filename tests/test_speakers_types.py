"""Speaker types: read from the words an article uses for a speaker, in plain words wherever shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.evaluate import speaker_types as evaluation
from compare.labels import KEY_LABELS
from compare.model import Article
from compare.quotes import extract_quotes, resolve_speakers
from compare.speaker_types import SPEAKER_TYPES, describe, speaker_type


@pytest.mark.parametrize(
    ("speaker", "role", "organisation", "expected"),
    [
        ("Mark Esper", "Defense Secretary", False, "official"),
        ("Ted Cruz", "Senator", False, "politician"),
        ("Liz Sly", "Beirut bureau chief for the Washington Post", False, "journalist"),
        ("The Washington Post", None, True, "journalist"),
        ("Jonathan Hoffman", "Pentagon spokesman", False, "spokesperson"),
        ("Ahmed al-Assadi", "A spokesman for the PMF", False, "spokesperson"),
        ("Jane Roe", "professor of economics", False, "expert"),
        ("Maury Obstfeld", "IMF chief economist", False, "expert"),
        ("Ryan Ellis", "a Republican tax consultant", False, "expert"),
        ("Cornell William Brooks", "president of the NAACP", False, "official"),
        ("Jim Jordan", "Representative (R-Ohio)", False, "politician"),
        ("Mohsen Rezaei", "A former commander of the Revolutionary Guards", False, "official"),
        ("Tomas Reyes", "Fisherman", False, "citizen"),
        ("Quina Jones", "25", False, "citizen"),
        ("Pentagon policy office", None, True, "organisation"),
        ("Japan", None, False, "organisation"),
        ("the letter", None, False, "document"),
        ("a Homeland Security memo", None, False, "document"),
        ("Protesters", None, False, "citizen"),
        ("Jane Roe", None, False, "other"),
    ],
)
def test_speakers_types_from_words(speaker: str, role: str | None, organisation: bool, expected: str) -> None:
    assert speaker_type(speaker, role, organisation=organisation) == expected


def test_speakers_types_role_before_evidence() -> None:
    # the role beside the quote decides; how the article titles them elsewhere only fills a gap
    assert speaker_type("Hillary Clinton", None, evidence="Democratic nominee") == "politician"
    assert speaker_type("Josh Earnest", "press secretary", evidence="Democratic") == "spokesperson"
    assert describe(None) is None and describe("") is None


@pytest.mark.parametrize("kind", SPEAKER_TYPES)
def test_speakers_types_each_has_plain_words(kind: str) -> None:
    assert kind in KEY_LABELS


def _speaker(text: str) -> tuple[str | None, str]:
    article = Article(id="a", outlet="o", title="", text=text, file="")
    quotes = [q for q in resolve_speakers(extract_quotes(article)) if q.speaker]
    return quotes[0].speaker, quotes[0].speaker_type


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        (
            "A former commander of the Revolutionary Guards, Mohsen Rezaei, said that “the response will be severe.”",
            "Mohsen Rezaei",
            "official",
        ),
        ("“The water came up fast,” said Fisherman Tomas Reyes.", "Tomas Reyes", "citizen"),
        ("The statement said the strike was “a defensive action.”", "The statement", "document"),
        ("A statement from the bank said it was “cooperating fully.”", "the bank", "organisation"),
        (
            "Republican presidential nominee Donald Trump spoke on Monday.\n\n“We will win,” Trump said.",
            "Donald Trump",
            "politician",
        ),
    ],
)
def test_speakers_types_in_articles(text: str, speaker: str, kind: str) -> None:
    found, found_kind = _speaker(text)
    assert (found or "").lower().removeprefix("the ") == speaker.lower().removeprefix("the ")
    assert found_kind == kind


def test_speakers_types_evaluation_on_own_articles(tmp_path: Path) -> None:
    # without the shared dev data, the own articles alone are scored; both halves and a baseline are reported
    result = evaluation.evaluate(shared=tmp_path / "absent.jsonl")
    assert result["articles"] == 4 and result["unread_labels"] > 0
    assert result["all"]["found"] > 20 and 0 <= result["all"]["accuracy"] <= 1
    assert {"tune", "check"} <= set(result) and result["baseline_type"] in SPEAKER_TYPES
    assert "speaker types:" in evaluation.render(result)
