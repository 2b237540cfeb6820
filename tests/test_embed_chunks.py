"""Units cover the whole article sentence by sentence, respect the model's length, and weigh the headline and lede."""

from __future__ import annotations

import numpy as np
import pytest

from compare import settings
from compare.embed import chunk_article, combine_chunks
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
def test_embed_chunks_cover_every_word_within_the_limit(title: str, text: str) -> None:
    chunks, weights = chunk_article(title, text, max_words=150)
    body = chunks[1:] if text.strip() else []
    assert " ".join(body).split() == text.split()
    assert chunks[0].split()[: len(title.split())] == title.split()
    assert all(len(chunk.split()) <= 150 for chunk in chunks)
    assert len(weights) == len(chunks)
    assert weights.sum() == pytest.approx(1.0)


def test_embed_chunks_first_chunk_is_headline_and_lede() -> None:
    chunks, weights = chunk_article("Talks resume", LONG_TEXT, max_words=150)
    assert chunks[0].startswith("Talks resume")
    assert len(chunks[0].split()) <= settings.EMBED_LEDE_WORDS + 2
    assert weights[0] >= settings.EMBED_HEAD_WEIGHT
    assert weights[0] == weights.max()


def test_embed_chunks_long_article_is_not_truncated() -> None:
    chunks, _ = chunk_article("Talks resume", LONG_TEXT, max_words=150)
    assert len(chunks) >= len(LONG_TEXT.split()) // 150 + 1


def test_embed_chunks_body_units_are_framing_sentences_verbatim() -> None:
    """The build's sentence vectors are found again by the framing panels only if the texts match exactly."""
    text = "First  sentence, with  odd spacing.\nSecond one here.\n\nA third, in a new paragraph."
    chunks, weights = chunk_article("Title", text, max_words=150)
    assert chunks[1:] == [text[start:end] for start, end in sentence_spans(text)]
    assert chunks[0] == "Title " + " ".join(chunks[1:])  # a short text is all lede
    assert weights[0] == pytest.approx(settings.EMBED_HEAD_WEIGHT)
    assert weights[1:].sum() == pytest.approx(1 - settings.EMBED_HEAD_WEIGHT)


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
