"""Quality gate for loaded-language flags: BASIL lexical-bias spans (150 articles, 50 events).

Measured (python -m compare evaluate framing): precision 0.054, recall 0.340, F1 0.093,
against the rare-word baseline at the same number of flags: precision 0.040, recall
0.215, F1 0.068. BASIL marks few spans per article (1.7), so precision stays low for any
lexicon; the floors sit a little below the measured figures and are only ever raised.
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
@pytest.mark.parametrize(("measure", "floor"), [("precision", 0.05), ("recall", 0.32), ("f1", 0.088)])
def test_framing_quality_loaded_language_floor(result: dict[str, Any], measure: str, floor: float) -> None:
    assert result["parallax"][measure] >= floor


@pytest.mark.quality
def test_framing_quality_beats_the_rare_word_baseline(result: dict[str, Any]) -> None:
    ours, baseline = result["parallax"], result["rare_words"]
    assert ours["flags"] == baseline["flags"]  # same effort
    assert ours["f1"] > baseline["f1"] and ours["recall"] > baseline["recall"]
