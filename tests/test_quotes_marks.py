"""Pairing quotation marks: straight and curly, across paragraphs, and never crashing on odd ones."""

from __future__ import annotations

import random

import pytest

from compare.model import Article
from compare.quotes import extract_quotes, find_quotations


def _inner(text: str) -> list[str]:
    return [q.inner(text) for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("“One,” she said. “Two.”", ["One,", "Two."]),
        ('"One," she said. "Two."', ["One,", "Two."]),
        ("«Nous gagnerons», a-t-il dit.", ["Nous gagnerons"]),
        ("It was “poorly worded.”", ["poorly worded."]),
        # A closing mark typed as an opening one, and the reverse: the neighbours decide.
        ("He called it “phony“ and left.", ["phony"]),
        ("He called it ”phony” and left.", ["phony"]),
    ],
)
def test_quotes_marks_pair_straight_and_curly(text: str, expected: list[str]) -> None:
    assert _inner(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # marks of the other kind inside an open quote nest in it: one quotation, the inner words included
        ('Ward stated: "The department isn’t about “Equal Justice Under Law” anymore."', None),
        ('She wrote: “Its motto, "Equal Justice Under Law," is gone.”', None),
        # a doubled opening mark opens one quote
        ('"“You don’t win the nomination by states,” Rubio said.', ["You don’t win the nomination by states,"]),
        # marks of the same kind cannot nest: the second opening ends the first
        ("“He called it “fake news” again", ["He called it", "fake news"]),
    ],
)
def test_quotes_marks_a_quote_in_the_other_marks_nests(text: str, expected: list[str] | None) -> None:
    found = _inner(text)
    if expected is None:  # the whole quotation after the colon, nested marks and all
        assert found == [text.split(": ", 1)[1][1:-1]]
    else:
        assert found == expected


def test_quotes_marks_multi_paragraph_quote_continues() -> None:
    text = "He said: “First paragraph of the quote.\n\n“Second paragraph, now closed.”\n\nNarration."
    (quote,) = find_quotations(text)
    assert quote.closed
    assert text[quote.start] == "“" and text[quote.end - 1] == "”"
    assert "First paragraph" in quote.inner(text) and "now closed" in quote.inner(text)


def test_quotes_marks_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "He said “this never closes\n\nThe next paragraph is narration."
    (quote,) = find_quotations(text)
    assert not quote.closed
    assert quote.inner(text) == "this never closes"


def test_quotes_marks_stray_closing_mark_is_ignored() -> None:
    assert _inner("A stray” mark, then “a real quote” here.") == ["a real quote"]


@pytest.mark.parametrize("seed", range(20))
def test_quotes_marks_never_raise_on_random_marks(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["word", " ", "“", "”", '"', "\n\n", ".", ",", "«", "»", "„", "’"]
    text = "".join(rng.choice(pieces) for _ in range(200))
    for quote in find_quotations(text):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start] in '"“”„‟«»'


def test_quotes_sentence_that_once_crashed_the_build(caplog: pytest.LogCaptureFixture) -> None:
    """Found building the 10,000-article sample: a speaker head with nothing but punctuation before it.
    It is read, not skipped by the guard that keeps one odd sentence from stopping a build."""
    text = (
        "In mid-April, however, New York City added nearly 4,000 “probable” Covid-19 deaths to its official count "
        "based on doctors’ assessment of the symptoms of the deceased."
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file=""))
    assert any("probable" in q.quote for q in quotes)
    assert "skipped a sentence" not in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        # the apostrophe of a plural possessive is split off as a token spaCy calls a quote: it quotes nothing
        "Mark Milley also cleared the air upon the troops’ withdrawal from Iraq stating that the US had not "
        "ordered any such thing.",
        "The senator praised the workers’ union for its patience during the long talks.",
        "Ms. Rivera welcomed the farmers' decision to return to the table next week.",
    ],
)
def test_quotes_marks_an_apostrophe_quotes_nothing(text: str) -> None:
    article = Article(id="a", outlet="o", title="", text=text, file="f.txt")
    assert [text[q.start : q.end] for q in extract_quotes(article) if q.kind == "direct"] == []
    assert not any(
        text[q.start : q.end].startswith(("the air", "the workers", "the farmers")) for q in extract_quotes(article)
    )


def test_quotes_marks_a_possessive_beside_real_quoted_words_still_quotes() -> None:
    text = "Senators criticised the generals’ plan, saying it was “a recipe for disaster.”"
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [(q.kind, q.speaker, text[q.start : q.end]) for q in quotes] == [
        ("direct", "Senators", "it was “a recipe for disaster.”")
    ]
