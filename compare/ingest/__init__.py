"""Reading articles from any source into clean, deduplicated ``Article`` records.

One reader per source kind (``text``, ``html``, ``records`` for JSON/JSONL/CSV, ``urls``);
this module walks a corpus folder, applies ``manifest.csv``/``corpus.toml``, gives every
article a stable content-based id and merges exact duplicates. Every input ends in the
ingest report — loaded, merged or rejected with a coded reason — and one bad file never
stops the rest from loading.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import stat
import typing
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from compare import settings
from compare.clean import repeated_lines
from compare.credits import outlet_in_file_name
from compare.dates import date_in_file_name, date_in_url
from compare.errors import Code
from compare.ingest import edits, records, reread, urls
from compare.ingest.draft import Draft, iso_date
from compare.ingest.edits import EDITS_FILE
from compare.ingest.encoding import decode, decode_checked, undecodable_code
from compare.ingest.html import read_html
from compare.ingest.metadata import CORPUS_TOML, MANIFEST, METADATA_FILES, Metadata, add_metadata_file, read_metadata
from compare.ingest.text import read_text
from compare.model import Article, CorpusInfo, IngestRecord
from compare.parallel import map_slices

__all__ = ["IngestResult", "load_bytes", "load_corpus", "load_pasted", "load_urls"]

SUPPORTED = {".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".urls"}


@dataclass
class IngestResult:
    """Articles (clean, deduplicated, sorted by id), the per-input report, and corpus facts."""

    articles: list[Article] = field(default_factory=list)
    report: list[IngestRecord] = field(default_factory=list)
    info: CorpusInfo = field(default_factory=lambda: CorpusInfo(name="corpus"))
    declared: dict[str, dict[str, str]] = field(default_factory=dict)  # uploaded file -> its manifest row
    contents: dict[str, bytes] = field(default_factory=dict)  # uploaded file or zip member -> the bytes read
    #: Each file's drafts as its reader returned them, by ``reread.job_key``: what the next build may take back.
    kept: dict[str, list[Draft]] = field(default_factory=dict)


def article_id(outlet: str, text: str) -> str:
    """Stable id from the outlet and the whitespace-normalised text: same input, same id, everywhere."""
    normalised = " ".join(text.split())
    return hashlib.sha1(f"{outlet}\0{normalised}".encode()).hexdigest()[:16]


def _reject(file: str, code: Code, **fields: object) -> IngestRecord:
    return IngestRecord(file, "rejected", code=code.name, message=code.format(file=file, **fields))


def size_problem(name: str, size: int) -> IngestRecord | None:
    """The rejection of a file of ``size`` bytes when it is over its limit: P117 past the one-article
    limit of its type, P105 past the limit for any file. Checked before the file is read."""
    suffix = PurePosixPath(name).suffix.lower()
    article_limit = settings.ARTICLE_MAX_BYTES.get(suffix)
    if article_limit is not None and size > article_limit:
        return _reject(name, Code.P117, size_mb=size / 2**20, limit_mb=article_limit / 2**20, suffix=suffix)
    if size > settings.MAX_FILE_BYTES:
        return _too_big(name, size)
    return None


def _size_limit(name: str) -> int:
    """Most bytes worth reading of a file called ``name``."""
    return min(settings.MAX_FILE_BYTES, settings.ARTICLE_MAX_BYTES.get(PurePosixPath(name).suffix.lower(), 1 << 62))


def _read_bytes(path: Path, name: str) -> bytes | IngestRecord:
    try:
        problem = size_problem(name, path.stat().st_size)
        if problem:
            return problem
        return path.read_bytes()
    except OSError as exc:
        return _reject(name, Code.P100, reason=exc.strerror or str(exc))


def _drafts_from_bytes(
    name: str, data: bytes, *, fetch_urls: bool, boilerplate: frozenset[str] = frozenset(), title: str | None = None
) -> list[Draft | IngestRecord]:
    """Read one file's bytes with the reader for its type."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUPPORTED:
        return [_reject(name, Code.P104, suffix=suffix or "(none)")]
    problem = size_problem(name, len(data))
    if problem:
        return [problem]
    decoded = decode_checked(data)
    if decoded is None:
        return [_reject(name, undecodable_code(data))]
    drafts = _read_decoded(name, suffix, decoded.text, fetch_urls=fetch_urls, boilerplate=boilerplate, title=title)
    if decoded.guess:
        notice = (Code.P115.name, Code.P115.format(file=name, encoding=decoded.guess))
        for draft in drafts:
            if isinstance(draft, Draft):
                draft.notice = draft.notice or notice
    return drafts


def _read_decoded(
    name: str, suffix: str, text: str, *, fetch_urls: bool, boilerplate: frozenset[str], title: str | None
) -> list[Draft | IngestRecord]:
    """Read one file's text with the reader for its type (``suffix``)."""
    if suffix in {".txt", ".text"}:
        return [read_text(name, text, boilerplate=boilerplate, title=title)]
    if suffix in {".html", ".htm"}:
        return [read_html(name, text)]
    if suffix in {".jsonl", ".ndjson"}:
        return list(records.read_jsonl(name, text))
    if suffix == ".json":
        return list(records.read_json(name, text))
    if suffix == ".csv":
        return list(records.read_csv(name, text))
    addresses = urls.read_urls_file(text)
    if not fetch_urls:
        return [_reject(name, Code.P113, count=len(addresses))]
    return list(urls.fetch(name, addresses))


#: Files of the corpus folder itself that describe or correct its articles instead of being articles.
_FOLDER_FILES = frozenset({MANIFEST, CORPUS_TOML, EDITS_FILE, "regroup.json"})


def _walk(folder: Path, report: list[IngestRecord]) -> list[Path]:
    """Article files under ``folder`` (hidden files, the cache and metadata files skipped)."""
    found = []

    def unreadable(error: OSError) -> None:
        name = os.path.relpath(error.filename or str(folder), folder)
        report.append(_reject(name, Code.P100, reason=error.strerror or str(error)))

    inside = folder.resolve()
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:  # os.walk does not follow folder links; one leading out is said, not skipped silently
            problem = _outside_link(Path(root) / name, folder, inside)
            if problem:
                report.append(problem)
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or (path.parent == folder and name in _FOLDER_FILES):
                continue
            problem = _outside_link(path, folder, inside) or _not_regular(path, folder)
            if problem:
                report.append(problem)
            else:
                found.append(path)
    return found


#: File kinds that are not article files, by the ``stat`` test that spots them (reading a FIFO waits forever).
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _not_regular(path: Path, folder: Path) -> IngestRecord | None:
    """A rejection (P119) when ``path`` is a pipe, socket or device; checked without opening it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # reading it reports why (P100)
    if stat.S_ISREG(mode):
        return None
    kind = next((kind for test, kind in _SPECIAL_FILES if test(mode)), "not a regular file")
    return _reject(_relative(path, folder), Code.P119, kind=kind)


def _outside_link(path: Path, folder: Path, inside: Path) -> IngestRecord | None:
    """A rejection (P118) when ``path`` is a link whose target lies outside the corpus folder: a corpus
    (or a zip's unpacked folder) must not pull in files from elsewhere on the machine."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if target.is_relative_to(inside):
        return None
    return _reject(_relative(path, folder), Code.P118, target=target)


def load_corpus(
    path: Path, *, fetch_urls: bool = False, reuse: Mapping[str, list[Draft]] | None = None
) -> IngestResult:
    """Read a corpus folder (recursively) or a single article file.

    With ``reuse`` (a previous build's ``kept``, possibly empty) every file's drafts are kept
    in the result, and a file whose ``reread.job_key`` is in ``reuse`` is not read again.
    """
    path = Path(path)
    report: list[IngestRecord] = []
    if path.is_file():
        # One file of a corpus folder still gets its manifest row and the folder's outlets.
        folder, files = path.parent, [path]
        meta = read_metadata(folder)
        report.extend(meta.problems)
        if not (folder / CORPUS_TOML).is_file():
            meta.info = CorpusInfo(name=path.stem)
    elif path.is_dir():
        folder = path
        meta = read_metadata(folder)
        report.extend(meta.problems)
        files = _walk(folder, report)
    else:
        return IngestResult(report=[_reject(str(path), Code.P100, reason="no such file or folder")])
    changes, problems = edits.read_changes(folder)
    report.extend(problems)
    gone = edits.removed_files(changes)
    files = [file for file in files if _relative(file, folder) not in gone]

    # Plain-text pages are cleaned with their outlet's repeated lines, so those are known first.
    boilerplate = _outlet_boilerplate(files, folder, meta)
    jobs = []
    for file in files:
        name = _relative(file, folder)
        row = meta.files.get(name, {})
        outlet = row.get("outlet") or _folder_outlet(file, folder)
        jobs.append(_FileJob(file, name, outlet, row.get("title"), boilerplate.get(outlet, frozenset()), fetch_urls))
    drafts: list[Draft] = []
    found, kept = _read_or_reuse(jobs, reuse)
    for job, items in zip(jobs, found, strict=True):
        for item in items:
            if isinstance(item, IngestRecord):
                report.append(item)
            else:
                item.outlet = item.outlet or job.outlet
                drafts.append(_apply_manifest(item, meta.files.get(job.name, {})))
    articles, merged = finalise(edits.apply(drafts, changes), meta, folder)
    report.extend(merged)
    return IngestResult(articles=articles, report=_sorted_report(report), info=meta.info, kept=kept)


def _relative(file: Path, folder: Path) -> str:
    return file.relative_to(folder).as_posix() if file.is_relative_to(folder) else file.name


def _folder_outlet(file: Path, folder: Path) -> str | None:
    """Articles kept in per-outlet sub-folders take the sub-folder's name as their outlet."""
    return file.parent.name if file.parent != folder and file.is_relative_to(folder) else None


def _outlet_boilerplate(files: list[Path], folder: Path, meta: Metadata) -> dict[str | None, frozenset[str]]:
    """Each known outlet's repeated lines across its plain-text pages (its site boilerplate).

    Pages whose outlet is not known yet are left out: lines shared by several outlets'
    pages are syndicated copy, not any one site's furniture. A page that cannot be read
    is left out here; reading it again for its articles reports why.
    """
    texts: dict[str | None, list[str]] = defaultdict(list)
    for file in files:
        if file.suffix.lower() in {".txt", ".text"}:
            outlet = meta.files.get(_relative(file, folder), {}).get("outlet") or _folder_outlet(file, folder)
            data = _read_bytes(file, _relative(file, folder)) if outlet else None
            if isinstance(data, bytes):
                texts[outlet].append(decode(data) or "")
    return {outlet: repeated_lines(pages) for outlet, pages in texts.items() if len(pages) > 1}


@dataclass(frozen=True)
class _FileJob:
    """One corpus file to read, with what its reader needs from the folder's metadata."""

    path: Path
    name: str
    outlet: str | None
    title: str | None
    boilerplate: frozenset[str]
    fetch_urls: bool

    def key(self) -> str | None:
        """``reread.job_key`` of this file as it is now; None when it cannot be read or is never kept.

        The outlet is not in it: readers are not told the outlet (only its repeated lines, which are).
        """
        if self.path.suffix.lower() in reread.NEVER_KEPT:
            return None
        data = _read_bytes(self.path, self.name)
        if isinstance(data, IngestRecord):
            return None
        return reread.job_key(self.name, data, (self.title, sorted(self.boilerplate), self.fetch_urls))


def _read_or_reuse(
    jobs: Sequence[_FileJob], reuse: Mapping[str, list[Draft]] | None
) -> tuple[list[list[Draft | IngestRecord]], dict[str, list[Draft]]]:
    """Each job's drafts (or rejection), read or taken from ``reuse``, and the drafts to keep by job key."""
    if reuse is None:
        return _read_all(jobs), {}
    keys = [job.key() for job in jobs]
    pending = [i for i, key in enumerate(keys) if key is None or key not in reuse]
    fresh = dict(zip(pending, _read_all([jobs[i] for i in pending]), strict=True))
    found: list[list[Draft | IngestRecord]] = []
    kept: dict[str, list[Draft]] = {}
    for i, key in enumerate(keys):
        if i not in fresh:  # taken back: the build changes the copies it is given, never the kept drafts
            kept[str(key)] = list(reuse[str(key)])
            found.append(list(reread.copied(kept[str(key)])))
            continue
        if key is not None and all(isinstance(item, Draft) for item in fresh[i]):
            kept[key] = reread.copied(typing.cast(list[Draft], fresh[i]))
        found.append(fresh[i])
    return found, kept


def _read_jobs(jobs: Sequence[_FileJob]) -> list[list[Draft | IngestRecord]]:
    """Each file's drafts, or the record of why it was not read (a worker task: depends only on ``jobs``)."""
    found: list[list[Draft | IngestRecord]] = []
    for job in jobs:
        data = _read_bytes(job.path, job.name)
        if isinstance(data, IngestRecord):
            found.append([data])
        else:
            found.append(
                _drafts_from_bytes(
                    job.name, data, fetch_urls=job.fetch_urls, boilerplate=job.boilerplate, title=job.title
                )
            )
    return found


def _read_all(jobs: Sequence[_FileJob]) -> list[list[Draft | IngestRecord]]:
    """Every file read in this process, or on the cluster's workers while a build runs on one."""
    return map_slices(_read_jobs, jobs, slice_size=settings.INGEST_SLICE_FILES, workers=1)


def _apply_manifest(draft: Draft, row: dict[str, str]) -> Draft:
    """Manifest facts win over what the reader found (the user declared them)."""
    draft.outlet = row.get("outlet") or draft.outlet
    draft.url = row.get("url") or draft.url
    draft.title = row.get("title") or draft.title
    draft.author = row.get("author") or draft.author
    if row.get("published"):
        draft.published = iso_date(row["published"])
        draft.published_source = "metadata" if draft.published else None
    return draft


def finalise(
    drafts: Iterable[Draft], meta: Metadata, folder: Path | None = None
) -> tuple[list[Article], list[IngestRecord]]:
    """Resolve outlets, give ids, merge exact duplicates (same outlet and text, or same URL)."""
    articles: dict[str, Article] = {}
    by_url: dict[str, str] = {}
    report: list[IngestRecord] = []
    for draft in drafts:
        where = f"{draft.file}:{draft.line}" if draft.line else draft.file
        notice_code, notice = draft.notice or (None, "")
        if not draft.text.strip():
            message = Code.P102.format(file=where) + (f" ({notice})" if notice else "")
            report.append(IngestRecord(draft.file, "rejected", code=Code.P102.name, message=message, line=draft.line))
            continue
        outlet = _resolve_outlet(draft, meta)
        published, published_source = _dated(draft)
        new_id = article_id(outlet, draft.text)
        url_key = (draft.url or "").split("#")[0].rstrip("/").lower()
        existing = new_id if new_id in articles else by_url.get(url_key) if url_key else None
        if existing:
            message = Code.P108.format(file=where, other=existing)
            report.append(
                IngestRecord(
                    draft.file, "merged", article_id=existing, code=Code.P108.name, message=message, line=draft.line
                )
            )
            continue
        articles[new_id] = Article(
            id=new_id,
            outlet=outlet,
            title=" ".join(draft.title.split()) or _first_words(draft.text),
            text=draft.text,
            file=draft.file,
            published=published,
            published_source=published_source,
            url=draft.url,
            author=draft.author,
            declared_source=draft.declared_source,
            removed=draft.removed,
            removal_reasons=draft.removal_reasons,
            source_id=draft.source_id,
            extra=draft.extra,
        )
        if url_key:
            by_url[url_key] = new_id
        report.append(
            IngestRecord(draft.file, "loaded", article_id=new_id, code=notice_code, message=notice, line=draft.line)
        )
    return sorted(articles.values(), key=lambda a: a.id), report


def _dated(draft: Draft) -> tuple[str | None, str | None]:
    """The draft's date and its source; an address's date wins over one read from the text (never wrong on
    the dates sample, where a page's top also shows the day it was scraped), never over metadata."""
    if draft.published_source in (None, "text") and (day := date_in_url(draft.url)):
        return day, "url"
    if draft.published_source in (None, "text") and (day := date_in_file_name(draft.file)):
        return day, "file"  # the user named the file by its day ("reuters_2024-05-02.txt")
    if draft.published and not draft.published_source:
        return draft.published, "metadata"  # a reader that does not say (a plugged one) read it from metadata
    return draft.published, draft.published_source if draft.published else None


def _first_words(text: str, count: int = 12) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _resolve_outlet(draft: Draft, meta: Metadata) -> str:
    """Declared outlet, else the corpus.toml outlet whose domain matches the URL, else the URL's host, else the
    outlet a credit line names ("By Lena Park, Valley Courier"), else the one the file's name starts with
    ("valley-courier_flood.txt"), else "unknown"."""
    if draft.outlet and draft.outlet.strip():
        outlet = draft.outlet.strip()
        known = {o.domain.lower().removeprefix("www."): o.name for o in meta.info.outlets}
        return known.get(outlet.lower().removeprefix("www."), outlet)
    declared = meta.outlet_for_url(draft.url)
    if declared:
        return declared
    host = (urlparse(draft.url or "").hostname or "").removeprefix("www.")
    if host:
        return host
    credited = (draft.credited_outlet or "").strip() or outlet_in_file_name(draft.file) or ""
    known_names = {o.name.lower(): o.name for o in meta.info.outlets}
    return known_names.get(credited.lower(), credited) or "unknown"


def _sorted_report(report: list[IngestRecord]) -> list[IngestRecord]:
    return sorted(report, key=lambda r: (r.file, r.line or 0, r.status))


def load_bytes(
    name: str, data: bytes, *, outlet: str | None = None, facts: Mapping[str, Mapping[str, str]] | None = None
) -> IngestResult:
    """Read an uploaded file (or a .zip of supported files) held in memory.

    A zip is read like a corpus folder: a ``manifest.csv`` or ``corpus.toml`` in it
    describes the files beside it (their outlet, date, title...) instead of being read
    as articles. ``outlet`` names the outlet of files the manifest says nothing about, and
    ``facts`` (by file or zip member, as the report names them) what the user set in the
    upload table, which wins over both.
    """
    report: list[IngestRecord] = []
    drafts: list[Draft] = []
    meta = Metadata(info=CorpusInfo(name=PurePosixPath(name).stem))
    members: list[tuple[str, bytes]] = [(name, data)]
    notes: dict[str, IngestRecord] = {}
    if name.lower().endswith(".zip"):
        members, problems, notes = _unzip(name, data)
        report.extend(problems)
        members = _read_zip_metadata(name, members, meta)
        report.extend(meta.problems)
    declared: dict[str, dict[str, str]] = {}
    for member, content in members:
        row = meta.files.get(member.removeprefix(f"{name}/"), {})
        if row:
            declared[member] = row
        for item in _drafts_from_bytes(member, content, fetch_urls=False, title=row.get("title")):
            if isinstance(item, IngestRecord):
                report.append(item)
            else:
                item.outlet = outlet or item.outlet
                drafts.append(_apply_manifest(item, {**row, **(facts or {}).get(member, {})}))
    articles, merged = finalise(drafts, meta)
    report = _with_notes(report + merged, notes)
    return IngestResult(articles, _sorted_report(report), meta.info, declared, dict(members))


def _with_notes(report: list[IngestRecord], notes: dict[str, IngestRecord]) -> list[IngestRecord]:
    """The report with each note (a renamed member) on its file's first loaded record, or added
    beside its rejection, so the rename is said once."""
    out = []
    for record in report:
        note = notes.pop(record.file, None)
        if note is None:
            out.append(record)
        elif record.status == "loaded":
            out.append(dataclasses.replace(record, code=note.code, message=note.message))
        else:
            out.append(dataclasses.replace(record, message=f"{record.message} ({note.message})"))
    return out


def _read_zip_metadata(name: str, members: list[tuple[str, bytes]], meta: Metadata) -> list[tuple[str, bytes]]:
    """Apply the zip's manifest.csv / corpus.toml files to ``meta``; returns the other members."""
    rest = []
    for member, content in members:
        inner = PurePosixPath(member.removeprefix(f"{name}/"))
        if inner.name in METADATA_FILES:
            folder = inner.parent.as_posix()
            add_metadata_file(meta, inner.name, content, label=member, prefix="" if folder == "." else f"{folder}/")
        else:
            rest.append((member, content))
    return rest


def _member_path(filename: str) -> str | None:
    """A zip member's path with "/" separators, or None when it is unsafe: absolute, on a drive
    ("C:"), or climbing out with "..". Backslashes count as separators, as Windows tools write them."""
    path = filename.replace("\\", "/")
    inner = PurePosixPath(path)
    if inner.is_absolute() or re.match(r"[A-Za-z]:", path) or ".." in inner.parts:
        return None
    return inner.as_posix()


def _unique(label: str, seen: set[str]) -> str:
    """``label``, or ``stem (2).suffix``, ``stem (3).suffix`` … when a member already used it."""
    candidate, n = label, 1
    path = PurePosixPath(label)
    while candidate in seen:
        n += 1
        candidate = str(path.with_name(f"{path.stem} ({n}){path.suffix}"))
    seen.add(candidate)
    return candidate


def _unzip(name: str, data: bytes) -> tuple[list[tuple[str, bytes]], list[IngestRecord], dict[str, IngestRecord]]:
    """Members of a zip upload, each read through its own ``ZipInfo`` (never by name: two members
    may share one), and the problems and notes on them.

    Unsafe paths are refused; sizes are checked against the per-file and whole-zip limits
    from the declared sizes before anything is unpacked, and again while reading (a header
    may lie). Returns (label, bytes) pairs, rejections, and a note per renamed duplicate.
    """
    members: list[tuple[str, bytes]] = []
    problems: list[IngestRecord] = []
    notes: dict[str, IngestRecord] = {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return [], [_reject(name, Code.P157, reason=f"not a readable zip: {exc}")], notes
    budget = settings.UPLOAD_ZIP_MAX_BYTES
    limit_mb = budget / 2**20
    if len(infos) > settings.UPLOAD_ZIP_MAX_MEMBERS:
        problems.append(_reject(name, Code.P156, count=len(infos), limit=settings.UPLOAD_ZIP_MAX_MEMBERS))
    seen: set[str] = set()
    for info in infos[: settings.UPLOAD_ZIP_MAX_MEMBERS]:
        path = _member_path(info.filename)
        raw_label = f"{name}/{info.filename}"
        if path is None:
            problems.append(_reject(raw_label, Code.P154))
            continue
        if info.is_dir() or path.endswith("/") or any(p.startswith(".") or p == "__MACOSX" for p in path.split("/")):
            continue  # folders, and the hidden files archivers add (.DS_Store, __MACOSX)
        label = _unique(f"{name}/{path}", seen)
        if label != f"{name}/{path}":
            notes[label] = IngestRecord(
                label, "loaded", code=Code.P152.name, message=Code.P152.format(file=f"{name}/{path}", renamed=label)
            )
        problem = size_problem(label, info.file_size)
        if problem:
            problems.append(problem)
            continue
        if info.file_size > budget:
            problems.append(_reject(label, Code.P155, limit_mb=limit_mb))
            continue
        file_limit = _size_limit(label)
        content = _read_member(archive, info, min(file_limit, budget), label)
        if isinstance(content, IngestRecord):
            problems.append(content)
        elif content is None:  # the header lied about the size: the capped read ran past the limit
            over_file = budget >= file_limit
            problem = size_problem(label, max(info.file_size, file_limit + 1))
            problems.append(problem if over_file and problem else _reject(label, Code.P155, limit_mb=limit_mb))
        else:
            budget -= len(content)
            members.append((label, content))
    return members, problems, notes


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, label: str
) -> bytes | IngestRecord | None:
    """A member's bytes, None past ``limit`` (the declared size may lie, so the read itself is
    capped), or a rejection when the member cannot be unpacked (damaged, encrypted)."""
    try:
        with archive.open(info) as handle:
            content = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:
        return _reject(label, Code.P157, reason=str(exc) or type(exc).__name__)
    return content if len(content) <= limit else None


def _too_big(file: str, size: int) -> IngestRecord:
    return _reject(file, Code.P105, size_mb=size / 2**20, limit_mb=settings.MAX_FILE_BYTES / 2**20)


def load_pasted(text: str, outlet: str, title: str | None = None, url: str | None = None) -> IngestResult:
    """An article pasted into the app: cleaned like a scraped page, the outlet as given."""
    meta = Metadata(info=CorpusInfo(name="pasted"))
    problem = size_problem("pasted text.txt", len(text.encode("utf-8", "surrogatepass")))
    if problem:
        return IngestResult(report=[dataclasses.replace(problem, file="pasted text")], info=meta.info)
    draft = read_text("pasted text", text, title=title or None)
    draft.outlet = outlet.strip() or None
    draft.url = url or None
    articles, report = finalise([draft], meta)
    return IngestResult(articles, report, meta.info)


def load_urls(address_list: list[str]) -> IngestResult:
    """Fetch the given addresses now (the user asked); failures become coded report records."""
    report: list[IngestRecord] = []
    drafts: list[Draft] = []
    for item in urls.fetch("pasted URLs", [a for a in address_list if a.strip()]):
        (report if isinstance(item, IngestRecord) else drafts).append(item)  # type: ignore[arg-type]
    meta = Metadata(info=CorpusInfo(name="fetched"))
    articles, merged = finalise(drafts, meta)
    return IngestResult(articles, _sorted_report(report + merged), meta.info)
