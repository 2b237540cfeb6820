"""The quote scorer's speaker rules on hand-made gold (PolNeAR's record shape)."""

from __future__ import annotations

from compare.evaluate.quotes import GoldQuote, Predicted, gold_quotes, speaker_correct


def _gold(source: str | None, referent: set[str]) -> GoldQuote:
    return GoldQuote(0, 10, frozenset(range(10)), source, (0, 1) if source else None, frozenset(referent))


def test_speaker_right_by_surname_and_wrong_for_another_person() -> None:
    gold = _gold("Sen. Elizabeth Warren", {"elizabeth", "warren", "sen"})
    assert speaker_correct(Predicted(0, 10, "Elizabeth Warren"), gold)
    assert speaker_correct(Predicted(0, 10, "Warren"), gold)
    assert not speaker_correct(Predicted(0, 10, "Jeff Merkley"), gold)
    assert not speaker_correct(Predicted(0, 10, None), gold)


def test_speaker_curly_and_straight_apostrophes_are_one() -> None:
    assert speaker_correct(Predicted(0, 10, "James O’Neill"), _gold("O'Neill", {"o'neill"}))


def test_speaker_that_is_the_gold_phrase_itself_is_right() -> None:
    """ "the ruling" is the gold source "the ruling" even when the gold resolves it to a court."""
    court = {"court", "appeals"}
    assert speaker_correct(Predicted(0, 10, "the ruling"), _gold("the ruling", court))
    complaint = _gold("a 52-count civil complaint filed by the SEC", {"sec"})
    assert speaker_correct(Predicted(0, 10, "a 52-count civil complaint"), complaint)
    assert not speaker_correct(Predicted(0, 10, "a 52-count"), _gold("a 52-count Civil Complaint", {"complaint"}))
    assert not speaker_correct(Predicted(0, 10, "he"), _gold("he", {"trump"}))
    assert not speaker_correct(Predicted(0, 10, "the letter"), _gold("the ruling", court))
    # a phrase that opens with a word which alone is a pronoun is still that phrase
    assert speaker_correct(Predicted(0, 10, "one source"), _gold("one source", {"trump"}))
    assert speaker_correct(Predicted(0, 10, "His chief aide"), _gold("His chief aide", {"sanders"}))
    assert not speaker_correct(Predicted(0, 10, "one"), _gold("one", {"trump"}))


def _record(source: str, text: str) -> dict:
    at = text.index(source)
    quote = text.index("“")
    return {
        "text": text,
        "labels": {
            "attributions": [
                {
                    "source": {"text": source, "spans": [[at, at + len(source)]]},
                    "cue": None,
                    "content": {"text": text[quote:], "spans": [[quote, len(text)]]},
                }
            ]
        },
    }


def test_gold_pronoun_resolves_to_the_named_source_before_it_and_a_cue_slip_is_not_judged() -> None:
    named = _record("Warren", "Warren said “no.”")
    pronoun = _record("she", "Warren said “no.”\nThen she said “never again.”")
    pronoun["labels"]["attributions"].insert(0, named["labels"]["attributions"][0])
    assert gold_quotes(named)[0].referent == {"warren"}
    assert [g.referent for g in gold_quotes(pronoun)] == [{"warren"}, {"warren"}]
    assert gold_quotes(_record("said", "Hester said “nobody wants it.”"))[0].referent == frozenset()
