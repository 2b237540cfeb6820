"""The Framing-table comparison tells identical tables, rounding, a renamed aspect and real differences apart."""

from __future__ import annotations

import pandas as pd

from benchmarks.bench_framing_parity import DIFFERENT, IDENTICAL, LABEL_ONLY, ROUNDING, compare_tables


def _aspects(label: str, share: float, covered: bool = True) -> pd.DataFrame:
    return pd.DataFrame(
        [{"aspect": 1, "label": label, "outlet": "A", "covered": covered, "sentences": 2, "share": share}]
    )


def test_framing_parity_levels() -> None:
    base = _aspects("Talks resumed.", 0.2501)
    assert compare_tables(base, _aspects("Talks resumed.", 0.2501))[0] == IDENTICAL
    assert compare_tables(base, _aspects("Talks resumed.", 0.2511))[0] == ROUNDING
    assert compare_tables(base, _aspects("Talks began again.", 0.2501))[0] == LABEL_ONLY
    level, lines = compare_tables(base, _aspects("Talks resumed.", 0.2501, covered=False))
    assert level == DIFFERENT and any("False" in line for line in lines)
    assert compare_tables(base, base.drop(columns="share"))[0] == DIFFERENT
