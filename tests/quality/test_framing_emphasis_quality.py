"""Quality gate for emphasis/omission rows: BASIL informational-bias spans (150 articles, 677 spans).

Measured (compare.evaluate.emphasis.evaluate on BASIL dev): 0.849 of gold informational spans
sit in an aspect row marking their outlet as including them, 0.557 in a row some other outlet
left out. Floors sit a little below and are only ever raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compare.evaluate.emphasis import evaluate


@pytest.fixture(scope="module")
def result(shared_data: Path) -> dict[str, Any]:
    return evaluate(shared_data / "basil" / "dev.jsonl")


@pytest.mark.quality
@pytest.mark.parametrize(("measure", "floor"), [("covered", 0.83), ("differing", 0.54)])
def test_framing_emphasis_quality_floor(result: dict[str, Any], measure: str, floor: float) -> None:
    assert result[measure] >= floor
