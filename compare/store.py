"""Parquet cache of built corpora.

A build is written into a fresh folder named by its fingerprint, then a small pointer
file is swapped in with ``os.replace``; a crash mid-write therefore leaves the previous
build (or none) in place, never a half-written one. The fingerprint covers every input
file's content and the settings that change results, so an edited corpus or a changed
setting is seen as stale and rebuilt, and an unchanged one is opened with no
recomputation.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from compare import settings

#: Bump when the layout or meaning of cached tables changes; old caches are rebuilt.
SCHEMA_VERSION = 2
#: Settings (names, or name prefixes ending in "_") that change what a build computes: ingest limits, the
#: model and article units, grouping, passages and quote extraction. Display settings are left out.
_BUILD_SETTINGS = (
    "MAX_FILE_BYTES",
    "MODEL",
    "MIN_PRECISION_COSINE",
    "EMBED_LEDE_WORDS",
    "EMBED_HEAD_WEIGHT",
    "EMBED_BODY_WORDS",
    "EMBED_ONNX",
    "GROUPING_",
    "MIN_PASSAGE_WORDS",
    "PASSAGE_",
    "COMMON_SHINGLE_",
    "COPY_MIN_SHARE",
    "SCARE_QUOTE_",
    "QUOTE_WINDOW_",
    "SPEAKER_",
    "NAMING_STORE_",
)
POINTER = "current.json"
_HASH_CHUNK = 1 << 20


def cache_dir(corpus: Path) -> Path:
    """The corpus's own cache folder, or a per-user one when the corpus is read-only."""
    corpus = corpus.resolve()
    base = corpus if corpus.is_dir() else corpus.parent
    own = base / settings.CACHE_DIRNAME
    if os.access(base, os.W_OK):
        return own
    digest = hashlib.sha256(str(corpus).encode()).hexdigest()[:16]
    return settings.USER_CACHE_DIR / digest


def input_files(corpus: Path) -> list[Path]:
    """Every file that can change a build: all files under the corpus except hidden and cache ones."""
    if corpus.is_file():
        return [corpus]
    files = []
    # os.walk, pruned, never lists a hidden folder (the cache, which other builds are changing, .git), and
    # skips a folder that vanishes before it is listed instead of failing the walk.
    for folder, subfolders, names in os.walk(corpus):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = Path(folder, name)
            # hidden files are editor swap files and locks; manual regrouping is applied at open time
            if not name.startswith(".") and name != "regroup.json" and path.is_file():
                files.append(path)
    return sorted(files)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes; an unreadable file hashes to a marker so it still counts."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def settings_snapshot() -> dict[str, Any]:
    """The settings whose change alters a build's results (a change means a rebuild)."""
    chosen = {
        name: getattr(settings, name)
        for name in sorted(vars(settings))
        if name.isupper() and any(name == s or (s.endswith("_") and name.startswith(s)) for s in _BUILD_SETTINGS)
    }
    return {"schema": SCHEMA_VERSION, **chosen}


def fingerprint(corpus: Path, extra: dict[str, Any] | None = None) -> str:
    """Content hash of the corpus inputs plus the settings snapshot."""
    corpus = corpus.resolve()
    base = corpus if corpus.is_dir() else corpus.parent
    digest = hashlib.sha256(json.dumps({**settings_snapshot(), **(extra or {})}, sort_keys=True).encode())
    for path in input_files(corpus):
        digest.update(str(path.relative_to(base)).encode() + b"\0" + file_digest(path).encode() + b"\n")
    return digest.hexdigest()[:24]


def atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Let ``write`` fill ``path`` so readers see the old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see ``atomic_write``)."""
    atomic_write(path, lambda out: out.write(data))


def records_frame(records: Iterable[Any]) -> pd.DataFrame:
    """Records (dataclasses with ``to_dict``) as a DataFrame; nested values stored as JSON text."""
    rows = []
    for record in records:
        row = record.to_dict()
        rows.append({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})
    return pd.DataFrame(rows)


class BuildWriter:
    """Collects a build's tables in a private folder and publishes them all at once."""

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self.key = key
        root.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(dir=root, prefix=".staging-"))

    def table(self, name: str, frame: pd.DataFrame) -> None:
        frame.to_parquet(self.staging / f"{name}.parquet", index=False)

    def array(self, name: str, values: np.ndarray) -> None:
        np.save(self.staging / f"{name}.npy", values, allow_pickle=False)

    def publish(self, meta: dict[str, Any]) -> Path:
        """Move the staged build into place and point the cache at it; returns its folder."""
        final = self.root / f"build-{self.key}"
        (self.staging / "meta.json").write_text(json.dumps({**meta, "key": self.key}, indent=1))
        if final.exists():
            shutil.rmtree(final)
        os.rename(self.staging, final)
        atomic_write_bytes(self.root / POINTER, json.dumps({"key": self.key}).encode())
        for old in self.root.glob("build-*"):
            if old != final:
                shutil.rmtree(old, ignore_errors=True)
        return final

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def current_build(root: Path, key: str) -> Path | None:
    """The published build folder for ``key``, or None when absent, stale or damaged."""
    try:
        pointer = json.loads((root / POINTER).read_text())
    except (OSError, ValueError):
        return None
    if pointer.get("key") != key:
        return None
    folder = root / f"build-{key}"
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        return None
    expected = meta.get("files", [])
    if meta.get("key") != key or not all((folder / name).is_file() for name in expected):
        return None
    return folder


def published_build(root: Path) -> Path | None:
    """The build folder the cache points at, current or stale: a rebuild reuses what it can from it."""
    try:
        folder = root / f"build-{json.loads((root / POINTER).read_text())['key']}"
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return folder if folder.is_dir() else None


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """A cached table; raises OSError/ValueError-like errors from pyarrow when damaged."""
    return pd.read_parquet(folder / f"{name}.parquet")


def read_array(folder: Path, name: str) -> np.ndarray:
    return np.load(folder / f"{name}.npy", allow_pickle=False)
