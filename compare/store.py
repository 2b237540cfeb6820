"""Parquet cache of built corpora.

A build is written into a fresh folder named by its fingerprint, then a small pointer
file is swapped in with ``os.replace``; a crash mid-write therefore leaves the previous
build (or none) in place, never a half-written one. The fingerprint covers every input
file's content and the settings that change results, so an edited corpus or a changed
setting is seen as stale and rebuilt, and an unchanged one is opened with no
recomputation.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeVar

import numpy as np
import pandas as pd

from compare import parquet_parts, settings
from compare.errors import Code, ParallaxError
from compare.model import Record, plain

try:  # POSIX
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

log = logging.getLogger(__name__)

R = TypeVar("R", bound=Record)

#: Bump when the layout or meaning of cached tables changes; old caches are rebuilt.
SCHEMA_VERSION = 4  # 3: every table a folder of Parquet parts; 4: article vectors too
#: Settings (names, or name prefixes ending in "_") that change what a build computes: ingest limits, boilerplate
#: removal, the model and article units, grouping, passages and quote extraction. Display settings are left out.
_BUILD_SETTINGS = (
    "MAX_FILE_BYTES",
    "ARTICLE_MAX_BYTES",
    "JSON_MAX_DEPTH",
    "TEXT_MAX_CONTROL_SHARE",
    "ENCODING_",
    "CLEAN_",
    "DATE_",
    "MODEL",
    "MIN_PRECISION_COSINE",
    "EMBED_LEDE_WORDS",
    "EMBED_HEAD_WEIGHT",
    "EMBED_BODY_WORDS",
    "EMBED_ONNX",
    "GROUPING_",
    "GROUP_MAX_SPAN_DAYS",
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
#: The lock every publish into a cache folder holds (hidden: no corpus reads it as an input).
PUBLISH_LOCK = ".publish.lock"
#: The lock a build holds on its own staging folder while it lives, so a sweep never takes it for a dead one.
_STAGING_LOCK = ".lock"
_STAGING_PREFIX = ".staging-"
_HASH_CHUNK = 1 << 20
#: The cache folder's memo of each input file's digest with the stat it was taken at (``input_digests``).
DIGESTS_FILE = "input-digests.json"
_DIGESTS_VERSION = 1
#: A file changed this recently (seconds) when hashed is hashed again next time rather than recorded.
_RACY_S = 2.0
_LOCK_POLL_S = 0.02


def cache_dir(corpus: Path) -> Path:
    """The corpus folder's own cache folder, or a per-user one when the corpus is one file (the folder it sits
    in is the user's, not a corpus we may write into) or a read-only folder."""
    corpus = corpus.resolve()
    if corpus.is_dir() and os.access(corpus, os.W_OK):
        return corpus / settings.CACHE_DIRNAME
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
    files = input_files(corpus)
    names = [str(path.relative_to(base)) for path in files]
    for name, file_hash in zip(names, input_digests(cache_dir(corpus), files, names), strict=True):
        digest.update(name.encode() + b"\0" + file_hash.encode() + b"\n")
    return digest.hexdigest()[:24]


def input_digests(root: Path, files: Sequence[Path], names: Sequence[str]) -> list[str]:
    """``file_digest`` of each input file, taken from the cache folder ``root``'s memo (``DIGESTS_FILE``)
    when the file's size, modification and change times and inode are the ones recorded with it.

    Every open of a corpus computes its build key, and hashing every byte of a corpus of several GB took
    seconds each time; as git's index does, only files whose stat changed are read. A file changed within
    ``_RACY_S`` of being hashed is not recorded (it could change again within the same clock tick), and
    the change time, which no tool can set back, catches a rewrite that kept the old modification time.
    """
    memo = root / DIGESTS_FILE
    known = _recorded_digests(memo)
    now = time.time_ns()
    kept: dict[str, list[Any]] = {}
    digests: list[str] = []
    for path, name in zip(files, names, strict=True):
        try:
            stat = path.stat()
        except OSError:  # gone or unreadable since it was listed: hashed to its marker, never recorded
            digests.append(file_digest(path))
            continue
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        entry = known.get(name)
        if entry is not None and entry[:4] == stamp:
            digests.append(entry[4])
            kept[name] = entry
            continue
        digests.append(file_digest(path))
        if now - max(stat.st_mtime_ns, stat.st_ctime_ns) > _RACY_S * 1e9:
            kept[name] = [*stamp, digests[-1]]
    if kept != known and root.is_dir():
        try:
            atomic_write_bytes(memo, json.dumps({"version": _DIGESTS_VERSION, "files": kept}).encode())
        except OSError as exc:  # a read-only cache: every open hashes again, nothing else changes
            log.debug("could not record the input digests in %s: %s", memo, exc)
    return digests


def _recorded_digests(memo: Path) -> dict[str, list[Any]]:
    """The memo's entries (name -> [size, mtime_ns, ctime_ns, inode, digest]); nothing when it is missing,
    damaged or of another version (then every file is hashed, as before the memo existed)."""
    try:
        data = json.loads(memo.read_bytes())
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) and data.get("version") == _DIGESTS_VERSION else None
    if not isinstance(files, dict):
        return {}
    return {
        name: entry
        for name, entry in files.items()
        if isinstance(entry, list)
        and len(entry) == 5
        and all(type(v) is int for v in entry[:4])
        and isinstance(entry[4], str)
    }


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


def try_lock(handle: IO[bytes]) -> bool:
    """Take the exclusive lock on an open lock file without waiting; False when another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # Windows: no flock, but msvcrt locks a byte range of the file the same way (its first byte)
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except (BlockingIOError, PermissionError):
        return False
    return True


def unlock(handle: IO[bytes]) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


@contextmanager
def file_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock on ``path`` (created if missing), waiting up to ``timeout`` seconds.

    An OS file lock, released by the OS when its process dies, so a crash never leaves it held.
    Raises TimeoutError when another process keeps it longer.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    with open(path, "a+b") as handle:
        while not try_lock(handle):
            if time.monotonic() > deadline:
                raise TimeoutError(timeout)
            time.sleep(_LOCK_POLL_S)
        try:
            yield
        finally:
            unlock(handle)


def sweep(root: Path) -> None:
    """Remove what builds killed mid-write left in the cache folder ``root``: staging folders no live build
    holds and temporary files (``atomic_write``'s), both older than ``settings.CACHE_SWEEP_AGE_S``.

    os.walk, because other builds create and delete files here meanwhile: what vanishes is skipped.
    """
    cutoff = time.time() - settings.CACHE_SWEEP_AGE_S
    for folder, subfolders, names in os.walk(root):
        for name in [n for n in subfolders if n.startswith(_STAGING_PREFIX)]:
            subfolders.remove(name)  # a staging folder is removed whole or left whole
            staging = Path(folder, name)
            if _older(staging, cutoff) and not _staging_is_live(staging):
                log.warning("removing %s, left by a build that stopped mid-way", staging)
                shutil.rmtree(staging, ignore_errors=True)
        for name in names:
            temp = Path(folder, name)
            if name.endswith(".tmp") and _older(temp, cutoff):
                log.warning("removing %s, left by a write that stopped mid-way", temp)
                temp.unlink(missing_ok=True)


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.lstat().st_mtime < cutoff
    except OSError:  # vanished meanwhile (another sweep, or the write finished)
        return False


def _staging_is_live(folder: Path) -> bool:
    """True while the build that made ``folder`` still runs (it holds the folder's lock)."""
    try:
        with open(folder / _STAGING_LOCK, "rb") as handle:
            if not try_lock(handle):
                return True
            unlock(handle)
    except FileNotFoundError:  # killed before it took its lock
        return False
    return False


def records_frame(records: Iterable[Any]) -> pd.DataFrame:
    """Records (dataclasses with ``to_dict``) as a DataFrame; nested values stored as JSON text.

    Built column by column: a column of plain values (text, numbers, None) is taken as it is, and only
    nested values go through ``to_dict``'s conversion, which is most of the work for 200,000 records."""
    records = list(records)
    if not records:
        return pd.DataFrame()
    if len({type(r) for r in records}) > 1:  # mixed record types: row by row, as each one serialises
        return pd.DataFrame([{k: _json_cell(v) for k, v in r.to_dict().items()} for r in records])
    columns = {}
    for name in (f.name for f in dataclasses.fields(records[0])):
        values = [getattr(r, name) for r in records]
        if not all(v is None or type(v) in _PLAIN_TYPES for v in values):
            values = [_json_cell(plain(v)) for v in values]
        columns[name] = values
    return pd.DataFrame(columns)


_PLAIN_TYPES = (str, int, float, bool)


def _json_cell(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, (list, dict)) else value


def frame_records(cls: type[R], frame: pd.DataFrame) -> list[R]:
    """Dataclass records from a cached table: the inverse of ``records_frame`` (JSON text back to tuples, dicts).

    Column by column, each with a decoder worked out once from the field's type: a 10,000-article
    corpus has millions of cells, and opening it is the first thing a user waits for.
    """
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.name in frame.columns]  # type: ignore[arg-type]
    columns = [_column(frame[name], hints[name]) for name in names]
    return [cls(**dict(zip(names, values, strict=True))) for values in zip(*columns, strict=True)]


def _column(series: pd.Series, hint: Any) -> list[Any]:
    """A cached column's cells as values of a field of type ``hint``: integer and text columns whole
    (their cells are the values already, missing text aside), the rest cell by cell (``_decoder``)."""
    if series.dtype.kind in "biu":  # no missing cells, and tolist gives Python ints and bools
        return series.tolist()
    if _is_text(hint) and (series.dtype.kind == "O" or isinstance(series.dtype, pd.StringDtype)):
        values = series.tolist()
        for row in np.flatnonzero(series.isna().to_numpy()).tolist():
            values[row] = None
        return values
    cells = series.tolist()
    if typing.get_origin(hint) is tuple and cells and all(isinstance(c, str) for c in cells):
        # one JSON parse for the whole column: a million-article build has hundreds of thousands of stories
        return [_tuple(items) for items in json.loads("[" + ",".join(cells) + "]")]
    return list(map(_decoder(hint), cells))


def _is_text(hint: Any) -> bool:
    """True for a ``str`` field, or one that is ``str`` or None."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return set(typing.get_args(hint)) == {str, type(None)}
    return hint is str


def _decoder(hint: Any) -> Callable[[Any], Any]:
    """The function that turns a cached cell back into a field of type ``hint`` (missing cells become None)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        convert = _decoder(inner[0]) if len(inner) == 1 else _native
    elif origin is tuple:
        convert = _tuple
    elif origin is dict:
        convert = _dict
    elif hint is int:
        convert = _int
    else:
        convert = _native

    def decode(value: Any) -> Any:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        return convert(value)

    return decode


def _native(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _int(value: Any) -> Any:
    return int(value) if isinstance(value, (float, np.floating)) else _native(value)


def _tuple(value: Any) -> tuple[Any, ...]:
    items = json.loads(value) if isinstance(value, str) else value
    return tuple(tuple(i) if isinstance(i, list) else i for i in items)


def _dict(value: Any) -> dict[str, Any]:
    items = json.loads(value) if isinstance(value, str) else value
    return {k: tuple(v) if isinstance(v, list) else v for k, v in items.items()}


class BuildWriter:
    """Collects a build's tables in a private folder and publishes them all at once.

    The staging folder is locked for as long as the writer lives (so a sweep by another build
    leaves it alone), and publishing holds the cache folder's lock (``PUBLISH_LOCK``), so builds
    publishing at the same moment, of the same key or of different ones, never undo each other.
    """

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self.key = key
        root.mkdir(parents=True, exist_ok=True)
        sweep(root)
        self.staging = Path(tempfile.mkdtemp(dir=root, prefix=_STAGING_PREFIX))
        self._lock: IO[bytes] | None = open(self.staging / _STAGING_LOCK, "a+b")  # noqa: SIM115 - held until done
        try_lock(self._lock)  # a fresh private file: always granted

    def table(
        self, name: str, frame: pd.DataFrame, row_group_rows: int | None = None, part_rows: int | None = None
    ) -> list[str]:
        """A table, in parts of ``part_rows`` rows (default ``parquet_parts.PART_ROWS``); ``row_group_rows``
        keeps row groups small where a reader wants a few rows of many. Returns the parts' build paths."""
        parts = parquet_parts.frame_parts(frame, part_rows or parquet_parts.PART_ROWS)
        return self.parts(name, parquet_parts.encode_all(parts, row_group_rows))

    def parts(self, name: str, encoded: Iterable[bytes]) -> list[str]:
        """A table from its parts' Parquet bytes in row order (encoded elsewhere, e.g. by workers), each written
        as it comes. Returns the parts' build-relative paths."""
        (self.staging / name).mkdir()
        paths: list[str] = []
        for data in encoded:
            paths.append(parquet_parts.part_path(name, len(paths)))
            (self.staging / paths[-1]).write_bytes(data)
        return paths

    def publish(self, meta: dict[str, Any]) -> Path:
        """Move the staged build into place and point the cache at it; returns its folder.

        When another process has just published a complete build of the same key, that one is kept
        and this one discarded (they hold the same results). Only builds the pointer no longer names
        are removed, all under the lock, so no build another process is publishing is ever deleted.
        """
        final = self.root / f"build-{self.key}"
        (self.staging / "meta.json").write_text(json.dumps({**meta, "key": self.key}, indent=1))
        try:
            with file_lock(self.root / PUBLISH_LOCK, settings.CACHE_LOCK_TIMEOUT_S):
                sweep(self.root)
                if complete_build(final, self.key):
                    self.discard()
                else:
                    if final.exists():  # a damaged build of this key: replaced
                        shutil.rmtree(final)
                    self._release()  # closed first: Windows renames no folder with a file open in it
                    (self.staging / _STAGING_LOCK).unlink()
                    os.rename(self.staging, final)
                atomic_write_bytes(self.root / POINTER, json.dumps({"key": self.key}).encode())
                for old in self.root.glob("build-*"):
                    if old != final:
                        shutil.rmtree(old, ignore_errors=True)
        except TimeoutError:
            self.discard()
            raise ParallaxError(Code.P160, folder=self.root, seconds=settings.CACHE_LOCK_TIMEOUT_S) from None
        finally:
            self._release()
        return final

    def discard(self) -> None:
        self._release()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases its lock
            self._lock = None


def json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object a small cache file holds, or None when it is missing, unreadable or not an object
    (a warning names a damaged one: it is rebuilt)."""
    try:
        value = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("cache file %s is unreadable (%s); rebuilding", path, exc)
        return None
    if not isinstance(value, dict):
        log.warning("cache file %s holds a JSON %s, not an object; rebuilding", path, type(value).__name__)
        return None
    return value


def _pointed_key(root: Path) -> str | None:
    """The key the cache's pointer names, or None when the pointer is missing or damaged."""
    key = (json_object(root / POINTER) or {}).get("key")
    return key if isinstance(key, str) and key else None


def build_problem(folder: Path, key: str) -> str | None:
    """What keeps ``folder`` from being a complete build of ``key`` (None when it is one)."""
    meta = json_object(folder / "meta.json")
    if meta is None:
        return f"{folder / 'meta.json'} is missing or damaged"
    expected = meta.get("files", [])
    if meta.get("key") != key or not isinstance(expected, list) or not all(isinstance(n, str) for n in expected):
        return f"{folder / 'meta.json'} does not describe build {key}"
    missing = [name for name in expected if not (folder / name).is_file()]
    return f"{folder} lacks {', '.join(missing)}" if missing else None


def complete_build(folder: Path, key: str) -> bool:
    """True when ``folder`` holds a build of ``key`` with every file its meta.json lists."""
    return build_problem(folder, key) is None


def current_build(root: Path, key: str) -> Path | None:
    """The published build folder for ``key``, or None when absent, stale or damaged (a warning says why)."""
    if _pointed_key(root) != key:
        return None
    folder = root / f"build-{key}"
    problem = build_problem(folder, key)
    if problem is not None:
        log.warning("the published build is damaged (%s); rebuilding", problem)
        return None
    return folder


def published_build(root: Path) -> Path | None:
    """The build folder the cache points at, current or stale: a rebuild reuses what it can from it."""
    key = _pointed_key(root)
    folder = root / f"build-{key}" if key else None
    return folder if folder is not None and folder.is_dir() else None


class DamagedCache(ValueError):
    """A cache file that cannot be read back (truncated, emptied, overwritten): rebuild or recompute it."""


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """A cached table, all its parts; raises DamagedCache (naming the part) when one cannot be read."""
    parts = parquet_parts.part_files(folder, name)
    if not parts:
        raise DamagedCache(f"{folder / name} holds no table parts")
    frames = [_read(part, pd.read_parquet) for part in parts]
    # parts are encoded on their own, so a column empty in one part may be typed differently: pandas unifies
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def has_table(folder: Path, name: str) -> bool:
    """True when ``folder`` stores table ``name`` (readable or not)."""
    return parquet_parts.has_table(folder, name)


def _read(path: Path, reader: Callable[[Path], Any]) -> Any:
    """``reader(path)``, with whatever a damaged file makes the reader raise as one DamagedCache: pyarrow and
    numpy raise many types (ArrowInvalid, OSError, ValueError, EOFError for an emptied .npy ...)."""
    try:
        return reader(path)
    except Exception as exc:
        raise DamagedCache(f"{path} is unreadable ({type(exc).__name__}: {exc})") from exc
