"""The user's own corpus: where uploaded, pasted and fetched articles are saved.

A corpus is a folder, so articles added from the dashboard become files in one
(``settings.WORKSPACE_DIR`` by default) and are built like any other corpus. Each
input is checked by compare.ingest first, so a file that cannot be read is reported
(which file, why) and not saved, while the rest are; nothing is parsed here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path, PurePosixPath

from compare import store
from compare.errors import Code
from compare.ingest.metadata import MANIFEST, MANIFEST_COLUMNS
from compare.model import Article, IngestRecord
from compare.regroup import regroup_path

#: Where pasted and fetched articles go (JSON Lines, one article per line).
PASTED_FILE = "pasted.jsonl"
FETCHED_FILE = "fetched.jsonl"
_MANIFEST_FIELDS = MANIFEST_COLUMNS


def signature(corpus: Path) -> str:
    """Cheap change marker of a corpus folder: a digest of the names, sizes and mtimes of its inputs
    and of its regrouping file.

    Unlike the cache fingerprint it reads no file content, so the dashboard can check it
    on every interaction and key its caches by it.
    """
    digest = hashlib.sha256()
    if corpus.exists():
        files = store.input_files(corpus)
        manual = regroup_path(corpus)
        if manual.is_file():
            files.append(manual)
        for path in files:
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _rejected(file: str, code: Code, **fields: object) -> IngestRecord:
    return IngestRecord(file=file, status="rejected", code=code.name, message=code.format(file=file, **fields))


def _safe_name(name: str) -> str:
    """The base name of an uploaded file, without any folder part a browser or zip might carry."""
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    return base.lstrip(".") or "article.txt"


def _free_name(folder: Path, name: str) -> str:
    """``name``, or ``name-2``, ``name-3`` … when a different file of that name is already saved."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    return candidate


def _append_manifest(folder: Path, rows: Sequence[dict[str, str]]) -> None:
    """Add rows to manifest.csv, keeping the columns (and rows) already there."""
    path = folder / MANIFEST
    old: list[dict[str, str]] = []
    fields = list(_MANIFEST_FIELDS)
    if path.is_file():
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        old = list(reader)
        fields = list(dict.fromkeys([*(reader.fieldnames or []), *fields]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows([*old, *rows])
    store.atomic_write_bytes(path, out.getvalue().encode("utf-8"))


def _append_jsonl(folder: Path, name: str, articles: Sequence[Article]) -> None:
    path = folder / name
    old = path.read_bytes() if path.is_file() else b""
    lines = [
        json.dumps(
            {k: getattr(a, k) for k in ("title", "text", "outlet", "url", "published", "author")}, ensure_ascii=False
        )
        for a in articles
    ]
    store.atomic_write_bytes(path, old + ("\n".join(lines) + "\n").encode("utf-8"))


def _saving(folder: Path, file: str, action: Callable[[], None]) -> list[IngestRecord]:
    """Run a write into ``folder``; a failure becomes a rejected record (P151) instead of an exception."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        action()
    except OSError as exc:
        return [_rejected(file, Code.P151, folder=folder, reason=exc.strerror or str(exc))]
    return []


def _loaded_members(name: str, data: bytes, loaded: set[str]) -> dict[str, bytes]:
    """The bytes of each input ingest loaded: the upload itself, or the zip members it read."""
    if not name.lower().endswith(".zip"):
        return {name: data} if name in loaded else {}
    prefix = f"{name}/"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {f: archive.read(f.removeprefix(prefix)) for f in sorted(loaded) if f.startswith(prefix)}


def add_files(folder: Path, files: Sequence[tuple[str, bytes]], outlet: str | None = None) -> list[IngestRecord]:
    """Save the uploaded files (and zip members) that ingest can read; returns what happened to each input.

    ``outlet`` names the outlet of files that do not say it themselves; it, and what a
    manifest.csv inside a zip declares about each file, is written to the folder's
    manifest.csv so a rebuild keeps it.
    """
    from compare.ingest import load_bytes

    records: list[IngestRecord] = []
    manifest: list[dict[str, str]] = []
    for upload, data in files:
        name = _safe_name(upload)
        result = load_bytes(name, data, outlet=outlet)
        records.extend(result.report)
        loaded = {r.file for r in result.report if r.status == "loaded"}
        for member, content in _loaded_members(name, data, loaded).items():
            target = _free_name(folder, _safe_name(member))
            problems = _saving(folder, member, partial(store.atomic_write_bytes, folder / target, content))
            records.extend(problems)
            facts = {k: v for k, v in result.declared.get(member, {}).items() if k != "file"}
            if outlet:
                facts.setdefault("outlet", outlet)
            if facts and not problems:  # what the upload declared about the file survives rebuilds
                manifest.append({"file": target, **facts})
    if manifest:
        records.extend(_saving(folder, MANIFEST, partial(_append_manifest, folder, manifest)))
    return records


def add_pasted(
    folder: Path, text: str, outlet: str, title: str | None = None, url: str | None = None
) -> list[IngestRecord]:
    """Save one pasted article (checked by ingest) into the folder's pasted.jsonl."""
    from compare.ingest import load_pasted

    result = load_pasted(text, outlet, title=title, url=url)
    records = list(result.report)
    if result.articles:
        records.extend(_saving(folder, PASTED_FILE, partial(_append_jsonl, folder, PASTED_FILE, result.articles)))
    return records


def add_urls(folder: Path, urls: Sequence[str]) -> list[IngestRecord]:
    """Fetch addresses now and save the articles into fetched.jsonl; offline gives a record per address."""
    from compare.ingest import load_urls

    result = load_urls(list(urls))
    records = list(result.report)
    if result.articles:
        records.extend(_saving(folder, FETCHED_FILE, partial(_append_jsonl, folder, FETCHED_FILE, result.articles)))
    return records
