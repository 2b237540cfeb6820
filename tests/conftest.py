"""Shared fixtures: the bundled corpus, the dev data (skipped with a message when absent)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare import settings
from compare.evaluate import SHARED_DATA

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "corpora" / "iraq-letter"
SEED_DURAN = BUNDLED / "000_c39957506375a07f.txt"
SEED_ASKTRUTH = BUNDLED / "003_6378b18524bde12f.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The labelled dev data folder; the quality gate skips (with a reason) on machines without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"quality gate skipped: dev data not found at {SHARED_DATA} (set PARALLAX_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _no_background_work(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The dashboard's computing ahead stays off, so no test's background work runs into the next;
    the tests of that feature turn it on. A heap frozen by one (compare.heap) is thawed after it, so
    garbage cycles from later tests are still collected."""
    monkeypatch.setattr(settings, "COMPUTE_AHEAD", False)
    yield
    gc.unfreeze()
