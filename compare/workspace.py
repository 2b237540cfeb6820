"""The user's own corpus: where uploaded, pasted and fetched articles are saved.

A corpus is a folder, so articles added from the dashboard become files in one
(``settings.WORKSPACE_DIR`` by default) and are built like any other corpus. Each
input is checked by compare.ingest first, so a file that cannot be read is reported
(which file, why) and not saved, while the rest are; nothing is parsed here.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path, PurePosixPath

from compare import settings, store
from compare.errors import Code
from compare.ingest.encoding import decode
from compare.ingest.metadata import CORPUS_TOML, MANIFEST, MANIFEST_COLUMNS
from compare.model import Article, IngestRecord
from compare.regroup import REGROUP_FILE, regroup_path

#: Where pasted and fetched articles go (JSON Lines, one article per line).
PASTED_FILE = "pasted.jsonl"
FETCHED_FILE = "fetched.jsonl"
#: Names the corpus folder reads as its own files, never as an uploaded article: uploads are renamed.
RESERVED_NAMES = (MANIFEST, CORPUS_TOML, REGROUP_FILE, PASTED_FILE, FETCHED_FILE)
#: The lock file every save into the folder holds (hidden, so no corpus reads it as an input).
LOCK_FILE = ".workspace.lock"
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
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed since it was listed (another session saving): not an input now
                continue
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _rejected(file: str, code: Code, **fields: object) -> IngestRecord:
    return IngestRecord(file=file, status="rejected", code=code.name, message=code.format(file=file, **fields))


def _safe_name(name: str) -> str:
    """The base name of an uploaded file, without any folder part a browser or zip might carry."""
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    return base.lstrip(".") or "article.txt"


def _free_name(folder: Path, name: str) -> str:
    """``name``, or ``name-2``, ``name-3`` … when a different file of that name is already saved.

    Only call it holding the folder's lock, or two sessions pick the same free name.
    """
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    return candidate


def _unreserved(name: str) -> str:
    """``name``, or ``<stem>-upload<suffix>`` when the corpus folder reads a file of that name as its own
    (an uploaded ``manifest.csv`` would otherwise become the folder's manifest and its articles vanish)."""
    if name.casefold() not in {n.casefold() for n in RESERVED_NAMES}:
        return name
    path = Path(name)
    return f"{path.stem}-upload{path.suffix}"


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock: every read-modify-write of its files (the JSON Lines files, the manifest,
    picking a free file name) runs inside one, so sessions saving at once never overwrite each other.

    The lock is an OS file lock, released by the OS when a process dies, so a crash never leaves the
    folder locked. Raises TimeoutError after ``settings.WORKSPACE_LOCK_TIMEOUT_S``.
    """
    with store.file_lock(folder / LOCK_FILE, settings.WORKSPACE_LOCK_TIMEOUT_S):
        yield


def _append_manifest(folder: Path, rows: Sequence[dict[str, str]]) -> None:
    """Add rows to manifest.csv, keeping the columns (and rows) already there (call it holding the lock)."""
    path = folder / MANIFEST
    old: list[dict[str, str]] = []
    fields = list(_MANIFEST_FIELDS)
    if path.is_file():
        text = decode(path.read_bytes())
        if text is None:  # rewriting it would lose what the user wrote there
            raise OSError(f"{MANIFEST} is not readable text, so it was left as it is")
        reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
        old = list(reader)
        fields = list(dict.fromkeys([*(reader.fieldnames or []), *fields]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, restval="", extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows([*old, *rows])
    store.atomic_write_bytes(path, out.getvalue().encode("utf-8"))


def _append_jsonl(folder: Path, name: str, articles: Sequence[Article]) -> None:
    """Add articles to a JSON Lines file of the folder (call it holding the lock)."""
    path = folder / name
    old = path.read_bytes() if path.is_file() else b""
    if old and not old.endswith(b"\n"):  # a file edited by hand: its last line stays a line of its own
        old += b"\n"
    lines = [
        json.dumps(
            {k: getattr(a, k) for k in ("title", "text", "outlet", "url", "published", "author")}, ensure_ascii=False
        )
        for a in articles
    ]
    store.atomic_write_bytes(path, old + ("\n".join(lines) + "\n").encode("utf-8"))


def _saving(folder: Path, files: Sequence[str], action: Callable[[], None]) -> list[IngestRecord]:
    """Run a write into ``folder`` holding its lock; when the folder cannot be locked or written, each of
    ``files`` gets a rejected record (P151, or P158 when another session kept it busy), not an exception."""
    try:
        with _locked(folder):
            action()
    except TimeoutError:
        return [_rejected(f, Code.P158, folder=folder, seconds=settings.WORKSPACE_LOCK_TIMEOUT_S) for f in files]
    except OSError as exc:
        return [_rejected(f, Code.P151, folder=folder, reason=exc.strerror or str(exc)) for f in files]
    return []


def _noted(record: IngestRecord, code: Code, **fields: object) -> IngestRecord:
    """A loaded record that also says something the user should know (e.g. the name it was saved as)."""
    note = code.format(file=record.file, **fields)
    message = f"{record.message} {note}".strip() if record.message else note
    return dataclasses.replace(record, code=record.code or code.name, message=message)


def _save_members(
    folder: Path, members: Sequence[tuple[str, bytes, dict[str, str]]]
) -> tuple[dict[str, str], list[IngestRecord]]:
    """Write each (input, bytes, declared facts) under a free, unreserved name, and add the facts to the
    manifest; returns input -> saved name and the failures. Call it holding the folder's lock."""
    saved: dict[str, str] = {}
    problems: list[IngestRecord] = []
    manifest: list[dict[str, str]] = []
    for member, content, facts in members:
        target = _free_name(folder, _unreserved(_safe_name(member)))
        try:
            store.atomic_write_bytes(folder / target, content)
        except OSError as exc:
            problems.append(_rejected(member, Code.P151, folder=folder, reason=exc.strerror or str(exc)))
            continue
        saved[member] = target
        if facts:  # what the upload declared about the file survives rebuilds
            manifest.append({"file": target, **facts})
    if manifest:
        try:
            _append_manifest(folder, manifest)
        except OSError as exc:
            problems.append(_rejected(MANIFEST, Code.P151, folder=folder, reason=exc.strerror or str(exc)))
    return saved, problems


def add_files(folder: Path, files: Sequence[tuple[str, bytes]], outlet: str | None = None) -> list[IngestRecord]:
    """Save the uploaded files (and zip members) that ingest can read; returns what happened to each input.

    ``outlet`` names the outlet of files that do not say it themselves; it, and what a
    manifest.csv inside a zip declares about each file, is written to the folder's
    manifest.csv so a rebuild keeps it. The bytes saved are the bytes ingest checked (each
    zip member as read through its own entry), and everything is read before the folder is
    locked, so a slow upload does not hold other sessions up.
    """
    from compare.ingest import load_bytes

    records: list[IngestRecord] = []
    members: list[tuple[str, bytes, dict[str, str]]] = []
    for upload, data in files:
        result = load_bytes(_safe_name(upload), data, outlet=outlet)
        records.extend(result.report)
        for member in dict.fromkeys(r.file for r in result.report if r.status == "loaded"):
            facts = {k: v for k, v in result.declared.get(member, {}).items() if k != "file"}
            if outlet:
                facts.setdefault("outlet", outlet)
            members.append((member, result.contents[member], facts))
    saved: dict[str, str] = {}
    problems: list[IngestRecord] = []

    def save() -> None:
        done, failed = _save_members(folder, members)
        saved.update(done)
        problems.extend(failed)

    if members:
        problems.extend(_saving(folder, [m for m, _, _ in members], save))
    return _after_saving(records, saved, problems)


def _after_saving(
    records: list[IngestRecord], saved: dict[str, str], problems: list[IngestRecord]
) -> list[IngestRecord]:
    """The report after saving: an input that was not saved is no longer "loaded" (its rejection says
    why), and a reserved name's rename is said on the input's first record."""
    out: list[IngestRecord] = []
    said: set[str] = set()
    for record in records:
        if record.status == "loaded":
            if record.file not in saved:
                continue
            name = _safe_name(record.file)
            if record.file not in said and _unreserved(name) != name:
                record = _noted(record, Code.P153, name=name, saved=saved[record.file])
            said.add(record.file)
        out.append(record)
    return [*out, *problems]


def add_pasted(
    folder: Path, text: str, outlet: str, title: str | None = None, url: str | None = None
) -> list[IngestRecord]:
    """Save one pasted article (checked by ingest) into the folder's pasted.jsonl."""
    from compare.ingest import load_pasted

    result = load_pasted(text, outlet, title=title, url=url)
    return _keep_jsonl(folder, PASTED_FILE, result.report, result.articles)


def add_urls(folder: Path, urls: Sequence[str]) -> list[IngestRecord]:
    """Fetch addresses now and save the articles into fetched.jsonl; offline gives a record per address."""
    from compare.ingest import load_urls

    result = load_urls(list(urls))
    return _keep_jsonl(folder, FETCHED_FILE, result.report, result.articles)


def _keep_jsonl(
    folder: Path, name: str, report: Sequence[IngestRecord], articles: Sequence[Article]
) -> list[IngestRecord]:
    """Append the articles to the folder's ``name`` under its lock; when that fails, no record says
    "loaded" (the rejection says why), so a session never reports an article it did not keep."""
    report, articles = _already_kept(folder, report, articles)
    if not articles:
        return list(report)
    problems = _saving(folder, [name], partial(_append_jsonl, folder, name, articles))
    return [*(r for r in report if not problems or r.status != "loaded"), *problems]


def _url_key(url: str | None) -> str:
    return (url or "").split("#")[0].rstrip("/").lower()


def _already_kept(
    folder: Path, report: Sequence[IngestRecord], articles: Sequence[Article]
) -> tuple[list[IngestRecord], list[Article]]:
    """New articles the folder already holds (same outlet and text, or same address) are not stored again:
    their record says "merged" with the article they duplicate, so the page never says "Added" for a copy
    the corpus would then merge (and a re-paste is not counted twice)."""
    from compare.ingest import load_corpus

    if not folder.is_dir() or not articles:
        return list(report), list(articles)
    held = load_corpus(folder).articles
    ids = {a.id: a for a in held}
    urls = {_url_key(a.url): a for a in held if a.url}
    found = {a.id: ids.get(a.id) or (urls.get(_url_key(a.url)) if a.url else None) for a in articles}
    twins = {new: old for new, old in found.items() if old is not None}
    out = [_merged(r, twins[r.article_id]) if r.status == "loaded" and r.article_id in twins else r for r in report]
    return out, [a for a in articles if a.id not in twins]


def _merged(record: IngestRecord, twin: Article) -> IngestRecord:
    """A "loaded" record turned into the P108 merge with the article already kept."""
    message = Code.P108.format(file=record.file, other=f"{twin.id} ({twin.outlet}: {twin.title})")
    return dataclasses.replace(record, status="merged", article_id=twin.id, code=Code.P108.name, message=message)
