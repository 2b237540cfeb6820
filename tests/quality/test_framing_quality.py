"""Quality gate for loaded-language flags: BASIL lexical-bias spans (150 articles, 50 events).

Measured (python -m compare evaluate framing): precision 0.228, recall 0.387, F1 0.286,
against the rare-word baseline at the same number of flags: precision 0.059, recall
0.082, F1 0.068. The rules and word lists were tuned on half of the events (even places
in the sorted event ids: F1 0.410 vs baseline 0.065, flattered: words were added from
that half's misses); on the held-out half F1 is 0.134 vs 0.071 (precision 0.111), the
honest figure for unseen events. The floors sit a little below the measured figures and
are only ever raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compare.evaluate.framing import evaluate


@pytest.fixture(scope="module")
def result(shared_data: Path) -> dict[str, Any]:
    return evaluate(shared_data / "basil" / "dev.jsonl")


@pytest.mark.quality
@pytest.mark.parametrize(("measure", "floor"), [("precision", 0.22), ("recall", 0.37), ("f1", 0.27)])
def test_framing_quality_loaded_language_floor(result: dict[str, Any], measure: str, floor: float) -> None:
    assert result["parallax"][measure] >= floor


@pytest.mark.quality
@pytest.mark.parametrize(("half", "floor"), [("tuning", 0.39), ("held_out", 0.125)])
def test_framing_quality_floor_on_each_half_of_the_events(result: dict[str, Any], half: str, floor: float) -> None:
    assert result["halves"][half]["parallax"]["f1"] >= floor


@pytest.mark.quality
def test_framing_quality_beats_the_rare_word_baseline(result: dict[str, Any]) -> None:
    ours, baseline = result["parallax"], result["rare_words"]
    assert ours["flags"] == baseline["flags"]  # same effort
    assert ours["f1"] > baseline["f1"] and ours["recall"] > baseline["recall"]


@pytest.mark.quality
def test_framing_quality_twice_the_rare_word_baseline(result: dict[str, Any]) -> None:
    """Issue #19's target: F1 at least twice the baseline's in the same run, with precision at least 0.10."""
    ours, baseline = result["parallax"], result["rare_words"]
    assert ours["f1"] >= 2 * baseline["f1"]
    assert ours["precision"] >= 0.10
    held_out = result["halves"]["held_out"]
    assert held_out["parallax"]["f1"] > held_out["rare_words"]["f1"]  # events the rules were not tuned on
