"""Quality gate for quotes: direct quotes and their speakers on PolNeAR dev, beside textacy.

Every second dev article (42, six per publisher) keeps the gate fast; scored by the
rules in ../shared/data/README.md (see compare/evaluate/quotes.py). Measured on this
sample (2026-11-23): direct-quote F1 0.901 (textacy 0.447), exact-span F1 0.717, speaker
accuracy 0.881 (textacy 0.559), 0.924 where the gold names the speaker. On all 84 dev
articles: F1 0.885, exact 0.702, speaker 0.865 (0.934 named). Floors sit a little below
the sample's figures; a floor is only ever raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compare.evaluate.quotes import evaluate


@pytest.fixture(scope="module")
def result(shared_data: Path) -> dict[str, Any]:
    return evaluate(shared_data / "polnear" / "dev.jsonl", every=2)


@pytest.mark.quality
@pytest.mark.parametrize(
    ("figure", "floor"),
    [("f1", 0.89), ("exact_f1", 0.71), ("speaker_accuracy", 0.87), ("speaker_accuracy_named_gold", 0.91)],
)
def test_quotes_quality_floor(result: dict[str, Any], figure: str, floor: float) -> None:
    assert result["parallax"][figure] >= floor


@pytest.mark.quality
@pytest.mark.parametrize("figure", ["f1", "speaker_accuracy"])
def test_quotes_quality_ten_points_above_textacy(result: dict[str, Any], figure: str) -> None:
    assert result["parallax"][figure] >= result["textacy"][figure] + 0.10
