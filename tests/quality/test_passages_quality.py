"""Quality gate for shared passages: planted passages in real ABP articles, scored by character.

Floors sit a little below what was measured on this sample (150 planted pairs per mode
and 400 untouched articles, seed 5): verbatim F1 0.989, edited F1 0.987 (difflib given
the pairs: 0.897), 7 of 233 unplanted reported pairs not confirmed by difflib. A floor is
only ever raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compare.evaluate.passages import evaluate


@pytest.fixture(scope="module")
def result(shared_data: Path) -> dict[str, Any]:
    return evaluate(shared_data / "abp" / "sample10k.jsonl.gz", pairs=150, distractors=400)


@pytest.mark.quality
@pytest.mark.parametrize(("mode", "floor"), [("verbatim", 0.97), ("edited", 0.96)])
def test_passages_quality_f1_floor(result: dict[str, Any], mode: str, floor: float) -> None:
    assert result["modes"][mode]["parallax"]["f1"] >= floor


@pytest.mark.quality
def test_passages_quality_beats_difflib_on_edited_copy(result: dict[str, Any]) -> None:
    edited = result["modes"]["edited"]
    assert edited["parallax"]["f1"] > edited["difflib"]["f1"]


@pytest.mark.quality
@pytest.mark.parametrize("mode", ["verbatim", "edited"])
def test_passages_quality_few_spurious_passages(result: dict[str, Any], mode: str) -> None:
    """Unplanted pairs reported as sharing text really do share it (checked with difflib)."""
    unplanted = result["modes"][mode]["unplanted"]
    assert unplanted["spurious"] <= 0.05 * max(unplanted["pairs"], 1)
