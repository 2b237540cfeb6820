"""Quality gate for speaker types: 252 hand-labelled speakers (tests/data/speaker_types), 218 of them in 62
PolNeAR dev articles read from ../shared/data, 34 in four own articles.

Measured 2026-12-04 (`python -m compare evaluate speaker-types`): type accuracy 0.876 over the 225 speakers
found (coverage 0.893); on the half the rules were tuned on 0.894, on the held-out half 0.853. Calling every
speaker a politician scores 0.438. Before this gate (seven types, spokespeople counted as organisations, no
citizens or documents) the same labels scored 0.469. Floors sit a little below; a floor is only ever raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compare.evaluate.speaker_types import evaluate


@pytest.fixture(scope="module")
def result(shared_data: Path) -> dict[str, Any]:
    return evaluate(shared=shared_data / "polnear" / "dev.jsonl")


@pytest.mark.quality
def test_speaker_types_quality_every_label_read(result: dict[str, Any]) -> None:
    assert result["unread_labels"] == 0 and result["all"]["labels"] >= 200


@pytest.mark.quality
@pytest.mark.parametrize(
    ("part", "accuracy", "coverage"), [("all", 0.86, 0.87), ("tune", 0.88, 0.89), ("check", 0.84, 0.85)]
)
def test_speaker_types_quality_floor(result: dict[str, Any], part: str, accuracy: float, coverage: float) -> None:
    assert result[part]["accuracy"] >= accuracy
    assert result[part]["coverage"] >= coverage


@pytest.mark.quality
def test_speaker_types_quality_well_above_baseline(result: dict[str, Any]) -> None:
    assert result["all"]["accuracy"] >= result["all"]["baseline_accuracy"] + 0.30
