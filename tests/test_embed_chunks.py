"""Grouping units are headline+lede and the opening; framing units are every sentence; both fit the model."""

from __future__ import annotations

import numpy as np
import pytest

from compare import settings
from compare.embed import chunk_article, combine_chunks, sentence_units
from compare.model import Article
from compare.nlp import sentence_spans

SENTENCE = "The minister said the talks would resume on Monday after a week of protests in the capital."
LONG_TEXT = "\n\n".join(" ".join([SENTENCE] * 5) for _ in range(12))  # ~1,000 words in 12 paragraphs
RUN_ON = " ".join(["word"] * 700)  # no sentence end at all


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Talks resume", SENTENCE),
        ("Talks resume", LONG_TEXT),
        ("", LONG_TEXT),
        ("A headline only", ""),
        ("Run-on", RUN_ON),
    ],
)
def test_embed_chunks_grouping_units_are_headline_lede_and_opening(title: str, text: str) -> None:
    chunks, weights = chunk_article(title, text, max_words=150)
    assert chunks[0].split()[: len(title.split())] == title.split()
    assert all(len(chunk.split()) <= 150 for chunk in chunks)
    assert len(chunks) <= 2
    assert len(weights) == len(chunks)
    assert weights.sum() == pytest.approx(1.0)
    if text.strip():
        opening = chunks[-1].split()
        assert opening == text.split()[: len(opening)]  # the text's own opening, word for word


def test_embed_chunks_first_chunk_is_headline_and_lede() -> None:
    chunks, weights = chunk_article("Talks resume", LONG_TEXT, max_words=150)
    assert chunks[0].startswith("Talks resume")
    assert len(chunks[0].split()) <= settings.EMBED_LEDE_WORDS + 2
    assert weights.tolist() == pytest.approx([settings.EMBED_HEAD_WEIGHT, 1 - settings.EMBED_HEAD_WEIGHT])


def test_embed_chunks_opening_reads_past_the_lede() -> None:
    chunks, _ = chunk_article("Talks resume", LONG_TEXT, max_words=150)
    lede_words = len(chunks[0].split()) - 2
    assert lede_words < len(chunks[1].split()) <= min(150, settings.EMBED_BODY_WORDS)
    assert len(chunks[1].split()) > settings.EMBED_BODY_WORDS - len(SENTENCE.split())  # filled to whole sentences


def test_embed_sentence_units_are_framing_sentences_verbatim() -> None:
    """The build's sentence vectors are found again by the framing panels only if the texts match exactly."""
    text = "First  sentence, with  odd spacing.\nSecond one here.\n\nA third, in a new paragraph."
    article = Article(id="a", outlet="x", title="Title", text=text, file="a.txt")
    assert sentence_units(article, 150) == [text[start:end] for start, end in sentence_spans(text)]
    chunks, _ = chunk_article("Title", text, max_words=150)
    assert chunks[0] == "Title " + " ".join(sentence_units(article, 150))  # a short text is all lede


def test_embed_sentence_units_cover_every_word_within_the_limit() -> None:
    article = Article(id="a", outlet="x", title="T", text=f"{LONG_TEXT}\n\n{RUN_ON}", file="a.txt")
    units = sentence_units(article, 150)
    assert " ".join(units).split() == article.text.split()
    assert all(len(unit.split()) <= 150 for unit in units)


def test_embed_chunks_empty_article_still_has_one_row() -> None:
    chunks, weights = chunk_article("", "", max_words=150)
    assert chunks == [""]
    assert weights.tolist() == [1.0]


def test_embed_combine_chunks_weights_and_normalises() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]], dtype=np.float32)
    combined = combine_chunks(vectors, np.array([0, 0, 1]), np.array([0.75, 0.25, 1.0]), 2)
    assert combined.dtype == np.float32
    assert np.allclose(np.linalg.norm(combined, axis=1), 1.0)
    assert combined[0, 0] > combined[0, 1]  # the heavier chunk dominates
    assert np.allclose(combined[1], [0.0, 1.0])


def test_opening_paragraphs_give_the_whole_texts_first_sentences() -> None:
    """Grouping reads only an article's opening paragraphs; its units must be those of the whole text."""
    import random

    from compare import embed
    from compare.nlp import opening_paragraphs

    rng = random.Random(7)
    words = [
        "the",
        "minister",
        "said",
        "on",
        "monday",
        "that",
        "talks",
        "would",
        "resume",
        "after",
        "the",
        "storm",
        "passed",
    ]
    for case in range(200):
        paragraphs = []
        for _ in range(rng.randint(1, 12)):
            sentences = [
                " ".join(rng.choices(words, k=rng.randint(3, 70))).capitalize() + "." for _ in range(rng.randint(1, 5))
            ]
            paragraphs.append((" " if case % 3 else "\n").join(sentences))
        text = rng.choice(["\n\n", "\n \n", "\n\t\n\n"]).join(paragraphs)
        for max_words in (16, 40, 150):
            whole = embed._sentence_units(text, max_words)
            budget = max(max_words, 150)
            opening = embed._sentence_units(opening_paragraphs(text, budget), max_words)
            assert whole[: len(opening)] == opening
            assert sum(len(u.split()) for u in opening) >= min(budget, len(text.split()))
