"""The vector store: the vector of every text a build embedded (article units, sentences) for one model.

A folder of Parquet parts (``units/part-*.parquet``, a 16-byte text digest and a half-precision vector a
row), published the way a build is (``store.BuildWriter``): a save writes a new version beside the one in
use and then moves the pointer, so a story view reading the store while a build saves never sees half of
one, and a killed save leaves the old version whole. Any Parquet reader takes the parts as they are
(``pyarrow.dataset``, DuckDB, ``dask.dataframe.read_parquet``), and a build's workers could write them.

Rows are kept in the order the build used them (each article's grouping units, then the sentences of the
articles of multi-outlet stories, article by article), not by key: one story's sentences then sit in a
few small row groups, and a rebuild reads the store nearly front to back. Lookups by key go through an
index of the keys, sorted in memory on first use (24 bytes a text). A missing or damaged store is an
empty one (its texts are embedded again); so is a store of another model or unit scheme. The one-file
store of earlier versions (``units-….npy``, sorted by key) is still read, and removed at the first save.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence, Set
from functools import cached_property
from pathlib import Path

import numpy as np
import pyarrow as pa

from compare import parquet_parts, store
from compare.corpus_tables import StoredTable

log = logging.getLogger(__name__)

#: Vectors are stored in half precision: cosines move by about 1e-4, the store halves.
STORED_DTYPE = np.float16
#: Rows per part: a part is about 50 MB of 384-dimension vectors.
PART_ROWS = 65_536
#: Rows per row group, the unit a lookup reads: 256 rows of 384 dimensions are about 200 KB.
GROUP_ROWS = 256
_TABLE = "units"
_KEY_BYTES = 16
_KEY = f"S{_KEY_BYTES}"


def text_key(text: str) -> bytes:
    """A unit's cache key: a 16-byte digest of its exact text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=_KEY_BYTES).digest()


def store_folder(cache_dir: Path, name: str, scheme: str) -> Path:
    """Where the store of model ``name`` with unit scheme ``scheme`` lives in ``cache_dir``."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[-60:]
    return cache_dir / f"units-{slug}-{hashlib.sha256(scheme.encode()).hexdigest()[:12]}"


class VectorStore:
    """The stored vectors of one (model, unit scheme), plus those added since opening, until ``save``."""

    def __init__(self, folder: Path | None, scheme: str, dim: int) -> None:
        self.folder, self.scheme, self.dim = folder, scheme, dim
        self._table = self._open()
        self._legacy = self._open_legacy()
        # Texts added since opening: whole blocks as the model returned them, and where each key sits.
        self._blocks: list[np.ndarray] = []
        self._added: dict[bytes, tuple[int, int]] = {}

    def __len__(self) -> int:
        """Texts in the stored version (not counting those added since opening)."""
        return self._table.num_rows if self._table is not None else 0

    def _open(self) -> StoredTable | None:
        if self.folder is None:
            return None
        version = store.published_build(self.folder)
        if version is None:
            return None
        problem = self._problem(version)
        if problem is not None:
            log.warning("vector store %s %s; its texts are embedded again", version, problem)
            return None
        return self._table_in(version)

    def _open_legacy(self) -> np.ndarray | None:
        """The earlier one-file store of the same scheme, memory-mapped (None: none, or unreadable)."""
        path = self._legacy_path
        if path is None or not path.exists():
            return None
        try:
            rows = np.load(path, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:  # an emptied .npy raises EOFError
            log.warning("vector cache %s is unreadable (%s); its texts are embedded again", path, exc)
            return None
        expected = np.dtype([("key", _KEY), ("vector", STORED_DTYPE, (self.dim,))])
        return rows if rows.dtype == expected and rows.ndim == 1 and len(rows) else None

    @property
    def _legacy_path(self) -> Path | None:
        return self.folder.with_name(f"{self.folder.name}.npy") if self.folder is not None else None

    def _problem(self, version: Path) -> str | None:
        """What keeps ``version`` from being a whole store of this scheme (None when it is one)."""
        problem = store.build_problem(version, version.name.removeprefix("build-"))
        if problem is not None:
            return f"is incomplete ({problem})"
        meta = store.json_object(version / "meta.json") or {}
        if meta.get("scheme") != self.scheme or meta.get("dim") != self.dim:
            return "holds vectors of another model or unit scheme"
        try:
            table = StoredTable(version, _TABLE)
        except store.DamagedCache as exc:
            return f"is unreadable ({exc})"
        vector = table.files[0][1].schema_arrow.field("vector").type if table.num_rows else None
        if table.num_rows != meta.get("rows") or (vector is not None and vector.list_size != self.dim):
            return "does not hold the rows its meta.json counts"
        return None

    def _table_in(self, version: Path) -> StoredTable | None:
        try:
            return StoredTable(version, _TABLE)
        except store.DamagedCache as exc:
            log.warning("vector store %s is unreadable (%s); its texts are embedded again", version, exc)
            return None

    @cached_property
    def _index(self) -> tuple[np.ndarray, np.ndarray]:
        """The stored keys sorted, and the row each sits in."""
        if self._table is None or self._table.num_rows == 0:
            return np.zeros(0, dtype=_KEY), np.zeros(0, dtype=np.int64)
        keys = np.concatenate([_key_array(chunk) for chunk in self._table.column("key").chunks])
        order = np.argsort(keys, kind="stable")
        return keys[order], order

    def _stored_rows(self, keys: Sequence[bytes]) -> np.ndarray:
        """The stored row of each key (-1 where the stored version lacks it)."""
        sorted_keys, rows = self._index
        if not len(sorted_keys) or not len(keys):
            return np.full(len(keys), -1, dtype=np.int64)
        asked = np.array(keys, dtype=_KEY)
        at = np.minimum(np.searchsorted(sorted_keys, asked), len(sorted_keys) - 1)
        return np.where(sorted_keys[at] == asked, rows[at], -1)

    def holds(self, keys: Sequence[bytes]) -> np.ndarray:
        """Which keys the store holds (read from the index only: no vector is read)."""
        found = self._stored_rows(keys) >= 0
        if self._legacy is not None and not found.all():
            return self.lookup(keys)[1]
        for i in np.flatnonzero(~found).tolist():
            found[i] = keys[i] in self._added
        return found

    def lookup(self, keys: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """The stored vector of each key (zeros where none) and which keys were found."""
        out = np.zeros((len(keys), self.dim), dtype=STORED_DTYPE)
        rows = self._stored_rows(keys)
        found = rows >= 0
        if found.any() and self._table is not None:
            wanted = np.unique(rows[found])
            column = self._table.read_row_table(wanted).column("vector")
            read = parquet_parts.column_vectors(column, self.dim, STORED_DTYPE)
            out[found] = read[np.searchsorted(wanted, rows[found])]
        if self._legacy is not None and not found.all():
            self._look_up_legacy(keys, out, found)
        for i in np.flatnonzero(~found).tolist():
            added = self._added.get(keys[i])
            if added is not None:
                out[i], found[i] = self._blocks[added[0]][added[1]], True
        return out, found

    def _look_up_legacy(self, keys: Sequence[bytes], out: np.ndarray, found: np.ndarray) -> None:
        """Fill ``out`` and ``found`` for the keys not found yet that the earlier one-file store holds."""
        assert self._legacy is not None
        missing = np.flatnonzero(~found)
        asked = np.array([keys[i] for i in missing.tolist()], dtype=_KEY)
        at = np.minimum(np.searchsorted(self._legacy["key"], asked), len(self._legacy) - 1)
        hit = self._legacy["key"][at] == asked
        out[missing[hit]] = self._legacy["vector"][at[hit]]
        found[missing[hit]] = True

    def add(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        """Hold these texts' vectors (rows follow ``keys``) until ``save``."""
        self._blocks.append(np.asarray(vectors, dtype=STORED_DTYPE))
        self._added.update((key, (len(self._blocks) - 1, row)) for row, key in enumerate(keys))

    def holds_exactly(self, keys: Set[bytes]) -> bool:
        """True when the stored version holds the texts of these keys and nothing else (no save needed)."""
        if self._added or self._legacy is not None:
            return False
        return len(keys) == len(self) and bool(self.holds(list(keys)).all())

    def save(self, keep: Iterable[bytes]) -> None:
        """Publish a version holding exactly the vectors of ``keep``, in its order (the store never outgrows
        the corpus). Every key must be stored or added."""
        if self.folder is None:
            return
        keys = list(dict.fromkeys(keep))
        writer = store.BuildWriter(self.folder, uuid.uuid4().hex)
        try:
            files = writer.parts(_TABLE, self._parts(keys))
            version = writer.publish({"files": files, "rows": len(keys), "dim": self.dim, "scheme": self.scheme})
        except BaseException:
            writer.discard()
            raise
        self._table, self._blocks, self._added = self._table_in(version), [], {}
        self.__dict__.pop("_index", None)
        if self._legacy_path is not None and self._legacy_path.exists():
            self._legacy = None  # its memory map released before the file goes
            self._legacy_path.unlink(missing_ok=True)

    def _parts(self, keys: list[bytes]) -> Iterator[bytes]:
        """The new version's parts, a part at a time (no second full-size copy in memory)."""
        for start in range(0, max(len(keys), 1), PART_ROWS):
            chunk = keys[start : start + PART_ROWS]
            vectors, found = self.lookup(chunk)
            if not found.all():
                raise KeyError(f"{int((~found).sum())} kept texts have no vector to save")
            table = pa.table(
                {
                    "key": pa.array(chunk, type=pa.binary(_KEY_BYTES)),
                    "vector": parquet_parts.vector_column(vectors.reshape(len(chunk), self.dim)),
                }
            )
            yield parquet_parts.encode_table(table, GROUP_ROWS)


def _key_array(chunk: pa.Array) -> np.ndarray:
    """A fixed-size-binary key column as a NumPy bytes array, without a Python object per key."""
    data = np.frombuffer(chunk.buffers()[1], dtype=_KEY) if len(chunk) else np.zeros(0, dtype=_KEY)
    return data[chunk.offset : chunk.offset + len(chunk)]
