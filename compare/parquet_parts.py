"""How one build table lies on disk: a folder of Parquet parts, each of a bounded number of rows.

A million-article build's articles table is gigabytes of text. Cut into parts, the parts are encoded side
by side by the build's workers (each hands back its part's bytes, so a cluster's workers need no access to
the cache folder), no step holds one frame of the whole table, and the folder is a Parquet dataset any
reader takes as it is: ``pyarrow.dataset.dataset(folder / "articles")``, DuckDB's
``read_parquet('…/articles/*.parquet')``, ``dask.dataframe.read_parquet``. Parts are numbered in the
table's row order, so reading them by name gives the rows in the order they were written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

#: Rows per part unless a table says otherwise: small tables have one part, big ones a part per worker task.
PART_ROWS = 100_000
_PART = "part-{:05d}.parquet"
_PART_GLOB = "part-*.parquet"


def part_path(name: str, index: int) -> str:
    """The build-relative path of part ``index`` of table ``name`` (what ``meta.json`` lists)."""
    return f"{name}/{_PART.format(index)}"


def frame_parts(frame: pd.DataFrame, part_rows: int) -> list[pd.DataFrame]:
    """``frame`` cut into consecutive runs of ``part_rows`` rows; an empty table is one empty part, which
    keeps its columns."""
    if len(frame) == 0:
        return [frame]
    return [frame.iloc[start : start + part_rows] for start in range(0, len(frame), part_rows)]


def encode(frame: pd.DataFrame, row_group_rows: int | None = None) -> bytes:
    """One part's Parquet bytes; ``row_group_rows`` keeps row groups small where a reader wants a few rows."""
    out = io.BytesIO()
    frame.to_parquet(out, index=False, row_group_size=row_group_rows)
    return out.getvalue()


def encode_all(frames: Sequence[pd.DataFrame], row_group_rows: int | None = None) -> list[bytes]:
    return [encode(frame, row_group_rows) for frame in frames]


def part_files(folder: Path, name: str) -> list[Path]:
    """The parts of table ``name`` in ``folder``, in row order (none: the table is not there)."""
    table = folder / name
    return sorted(table.glob(_PART_GLOB)) if table.is_dir() else []


def has_table(folder: Path, name: str) -> bool:
    return bool(part_files(folder, name))
