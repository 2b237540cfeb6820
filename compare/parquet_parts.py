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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import DTypeLike

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


def encode_table(table: pa.Table, row_group_rows: int) -> bytes:
    """One part's Parquet bytes from an Arrow table (vector tables: no pandas frame of array cells).

    Uncompressed and without statistics for vector columns: half-precision vectors and text digests do not
    compress, and a reader wants their row groups decoded with as little work as possible."""
    out = io.BytesIO()
    pq.write_table(
        table,
        out,
        row_group_size=row_group_rows,
        compression="none",
        use_dictionary=False,
        write_statistics=[n for n in table.column_names if not pa.types.is_fixed_size_list(table.schema.field(n).type)],
    )
    return out.getvalue()


def vector_column(vectors: np.ndarray) -> pa.FixedSizeListArray:
    """A (rows, dim) array as one fixed-size-list column, so Arrow, DuckDB and Dask read it as vectors."""
    return pa.FixedSizeListArray.from_arrays(pa.array(np.ascontiguousarray(vectors).reshape(-1)), vectors.shape[1])


def column_vectors(column: pa.ChunkedArray | pa.Array, dim: int, dtype: DTypeLike) -> np.ndarray:
    """A fixed-size-list column back as a (rows, dim) array (an empty column: no rows)."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if len(array) == 0:
        return np.zeros((0, dim), dtype=dtype)
    return np.asarray(array.flatten().to_numpy(zero_copy_only=False), dtype=dtype).reshape(-1, dim)


def encode_all(frames: Sequence[pd.DataFrame], row_group_rows: int | None = None) -> list[bytes]:
    return [encode(frame, row_group_rows) for frame in frames]


def part_files(folder: Path, name: str) -> list[Path]:
    """The parts of table ``name`` in ``folder``, in row order (none: the table is not there)."""
    table = folder / name
    return sorted(table.glob(_PART_GLOB)) if table.is_dir() else []


def has_table(folder: Path, name: str) -> bool:
    return bool(part_files(folder, name))
