"""labels: internal keys, headers and tone in the words a teacher reads out (one table each)."""

from __future__ import annotations

import pandas as pd
import pytest

from compare.framing.lexicons import LOADED_CATEGORIES
from compare.framing.markers import MARKERS
from compare.labels import KEY_LABELS, TONE_BANDS, plain, plain_columns, tone_band, tone_scale, tone_words
from compare.speaker_types import SPEAKER_TYPES


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (-0.02, "about neutral (−0.02)"),
        (0.0, "about neutral (+0.00)"),
        (0.05, "about neutral (+0.05)"),
        (-0.05, "about neutral (−0.05)"),
        (-0.051, "about neutral (−0.05)"),  # the words agree with the number printed beside them
        (0.08, "slightly positive (+0.08)"),
        (-0.31, "somewhat negative (−0.31)"),
        (0.31, "somewhat positive (+0.31)"),
        (-0.62, "clearly negative (−0.62)"),
        (1.0, "clearly positive (+1.00)"),
    ],
)
def test_labels_tone_words_band_and_number(value: float, words: str) -> None:
    assert tone_words(value) == words


def test_labels_tone_bands_are_symmetric_and_ordered() -> None:
    edges = [edge for edge, _ in TONE_BANDS]
    assert edges == sorted(edges) and edges[-1] == 1.0
    for edge, _ in TONE_BANDS:
        assert tone_band(edge).replace("positive", "negative") == tone_band(-edge)


def test_labels_tone_never_ranks() -> None:
    """A tone is described by its band only: no superlative, whatever the other outlets scored."""
    assert all("most" not in tone_words(v / 100) for v in range(-100, 101))


def test_labels_tone_scale_reads_the_bands() -> None:
    assert tone_scale() == (
        "about neutral within ±0.05, slightly … up to ±0.15, somewhat … up to ±0.40, clearly … beyond ±0.40"
    )


@pytest.mark.parametrize("key", [*MARKERS, *SPEAKER_TYPES, *LOADED_CATEGORIES, "neutral", "loaded"])
def test_labels_every_shown_key_has_plain_words(key: str) -> None:
    assert key in KEY_LABELS and "_" not in plain(key)


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("first_person", "first person (I, we)"),
        ("value_judgement", "value judgement"),
        ("some_new_key", "some new key"),
    ],
)
def test_labels_plain(key: str, words: str) -> None:
    assert plain(key) == words


def test_labels_plain_columns() -> None:
    frame = pd.DataFrame(columns=["outlet", "per_1000_words", "positive_share", "speaker_type", "other_key"])
    assert list(plain_columns(frame).columns) == [
        "outlet",
        "per 1,000 words",
        "share of positive sentences",
        "kind of speaker",
        "other key",
    ]
