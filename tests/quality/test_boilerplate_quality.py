"""Quality gate for the cleaner on the in-repo labelled pages (floors are only ever raised)."""

from __future__ import annotations

import pytest

from compare.evaluate.boilerplate import evaluate

DROP_FLOOR = 0.95
KEEP_FLOOR = 1.0


@pytest.mark.quality
def test_boilerplate_quality_floors() -> None:
    result = evaluate()
    assert result["pages"] >= 8
    assert result["parallax"]["drop_rate"] >= DROP_FLOOR
    assert result["parallax"]["keep_rate"] >= KEEP_FLOOR
    # never worse than the one-rule baseline at keeping the article
    assert result["parallax"]["keep_rate"] >= result["baseline"]["keep_rate"]
