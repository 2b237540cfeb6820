"""Quality gate for dates read from plain text and addresses: 200 labelled articles (tests/data/dates).

Measured on 2026-12-03 (`python -m compare evaluate dates`): Parallax found 0.745 of the dates with 0.040 wrong
(boilerplate-web scrapes 0.829 / 0.100, ABP bodies with their URLs 0.700 / 0.008); dateparser's search on the
page's top 0.830 / 0.725, htmldate on the text and URL 0.980 / 0.300. Floors sit a little below (found only
ever raised, wrong only ever lowered).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compare.evaluate.dates import evaluate


@pytest.fixture(scope="module")
def result(shared_data: Path) -> dict[str, Any]:
    return evaluate(shared_data, systems=("parallax",))


@pytest.mark.quality
def test_dates_quality_sample_size(result: dict[str, Any]) -> None:
    assert result["articles"] >= 100


@pytest.mark.quality
@pytest.mark.parametrize(
    ("part", "found", "wrong"), [("all", 0.72, 0.05), ("boilerplate-web", 0.80, 0.12), ("abp", 0.68, 0.02)]
)
def test_dates_quality_floor(result: dict[str, Any], part: str, found: float, wrong: float) -> None:
    assert result[part]["parallax"]["found"] >= found
    assert result[part]["parallax"]["wrong"] <= wrong
