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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path, PurePosixPath

from compare import settings, store
from compare.errors import Code
from compare.ingest import edits
from compare.ingest.edits import EDITS_FILE, Change
from compare.ingest.encoding import decode
from compare.ingest.metadata import CORPUS_TOML, MANIFEST, MANIFEST_COLUMNS
from compare.model import Article, IngestRecord
from compare.regroup import REGROUP_FILE, regroup_path

#: Where pasted and fetched articles go (JSON Lines, one article per line).
PASTED_FILE = "pasted.jsonl"
FETCHED_FILE = "fetched.jsonl"
#: Names the corpus folder reads as its own files, never as an uploaded article: uploads are renamed.
RESERVED_NAMES = (MANIFEST, CORPUS_TOML, REGROUP_FILE, EDITS_FILE, PASTED_FILE, FETCHED_FILE)
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


def save_locked(folder: Path, files: Sequence[str], action: Callable[[], object]) -> list[IngestRecord]:
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


def add_files(
    folder: Path,
    files: Sequence[tuple[str, bytes]],
    outlet: str | None = None,
    facts: Mapping[str, Mapping[str, str]] | None = None,
) -> list[IngestRecord]:
    """Save the uploaded files (and zip members) that ingest can read; returns what happened to each input."""
    return save_files(folder, files, outlet, facts)[0]


def save_files(
    folder: Path,
    files: Sequence[tuple[str, bytes]],
    outlet: str | None = None,
    facts: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[list[IngestRecord], dict[str, str]]:
    """``add_files``, also returning each saved input's name in the folder.

    ``outlet`` names the outlet of files that do not say it themselves, and ``facts`` (by
    input name: outlet, published, title) what the user corrected in the upload table; they,
    and what a manifest.csv inside a zip declares about each file, are written to the
    folder's manifest.csv so a rebuild keeps them. An article the folder already holds is
    not saved again: the same text from the same outlet (or the same address) is merged
    with it, and the same text under another outlet corrects the kept one's outlet (an
    undoable change), so a re-upload with the right outlet never counts an article twice.
    The bytes saved are the bytes ingest checked (each zip member as read through its own
    entry), and everything is read before the folder is locked, so a slow upload does not
    hold other sessions up.
    """
    from compare.ingest import load_bytes

    records: list[IngestRecord] = []
    members: list[tuple[str, bytes, dict[str, str]]] = []
    held = _held(folder)
    for upload, data in files:
        result = load_bytes(_safe_name(upload), data, outlet=outlet, facts=facts)
        found, twins = _already_kept(held, result.report, result.articles)
        records.extend(found)
        corrected = _correct_outlets(folder, twins)
        records.extend(corrected)
        for member in dict.fromkeys(r.file for r in found if r.status == "loaded"):
            declared = {k: v for k, v in result.declared.get(member, {}).items() if k != "file"}
            if outlet:
                declared.setdefault("outlet", outlet)
            declared.update({k: v for k, v in (facts or {}).get(member, {}).items() if v})
            members.append((member, result.contents[member], declared))
    saved: dict[str, str] = {}
    problems: list[IngestRecord] = []

    def save() -> None:
        done, failed = _save_members(folder, members)
        saved.update(done)
        problems.extend(failed)

    if members:
        problems.extend(save_locked(folder, [m for m, _, _ in members], save))
    return _after_saving(records, saved, problems), saved


@dataclasses.dataclass(frozen=True)
class Preview:
    """One uploaded file (or zip member) as it would be added: what was found in it, before saving."""

    file: str
    articles: int
    outlet: str
    published: str
    title: str
    problem: str = ""

    @property
    def single(self) -> bool:
        """One article: its date and headline can be set (a multi-article file's records keep their own)."""
        return self.articles == 1


def preview(files: Sequence[tuple[str, bytes]]) -> list[Preview]:
    """What each uploaded file holds, as the upload table shows it: outlet, date and headline found in
    the text (credit lines, datelines), its metadata and its name, or why it cannot be read."""
    from compare.ingest import load_bytes

    rows: list[Preview] = []
    for upload, data in files:
        result = load_bytes(_safe_name(upload), data)
        by_file: dict[str, list[Article]] = {}
        for article in result.articles:
            by_file.setdefault(article.file, []).append(article)
        for file in dict.fromkeys(r.file for r in result.report):
            found = by_file.get(file, [])
            if len(found) == 1:
                (one,) = found
                rows.append(Preview(file, 1, one.outlet, (one.published or "")[:10], one.title))
            elif found:
                outlets = sorted({a.outlet for a in found})
                rows.append(Preview(file, len(found), outlets[0] if len(outlets) == 1 else "", "", ""))
            else:
                problem = next((r.message for r in result.report if r.file == file and r.status == "rejected"), "")
                rows.append(Preview(file, 0, "", "", "", problem or "nothing new to add"))
    return rows


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
    report, twins = _already_kept(_held(folder), report, articles)
    report = [*report, *_correct_outlets(folder, twins)]
    loaded = {r.article_id for r in report if r.status == "loaded"}
    articles = [a for a in articles if a.id in loaded]
    if not articles:
        return list(report)
    problems = save_locked(folder, [name], partial(_append_jsonl, folder, name, articles))
    return [*(r for r in report if not problems or r.status != "loaded"), *problems]


def _url_key(url: str | None) -> str:
    return (url or "").split("#")[0].rstrip("/").lower()


def _text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class _Twin:
    """A new article whose text the folder already holds under another outlet."""

    record: IngestRecord
    article: Article
    held: Article
    held_at: tuple[str, int | None]


@dataclasses.dataclass(frozen=True)
class _Held:
    """What the folder already holds, looked up by id, address and text, with where each article is."""

    ids: dict[str, Article]
    urls: dict[str, Article]
    texts: dict[str, Article]
    where: dict[str, tuple[str, int | None]]


def _held(folder: Path) -> _Held:
    from compare.ingest import load_corpus

    kept = load_corpus(folder) if folder.is_dir() else None
    articles = kept.articles if kept else []
    return _Held(
        ids={a.id: a for a in articles},
        urls={_url_key(a.url): a for a in articles if a.url},
        texts={_text_key(a.text): a for a in articles},
        where={r.article_id: (r.file, r.line) for r in (kept.report if kept else []) if r.article_id},
    )


def _already_kept(
    held: _Held, report: Sequence[IngestRecord], articles: Sequence[Article]
) -> tuple[list[IngestRecord], list[_Twin]]:
    """The report with each new article the folder already holds taken out of "loaded".

    The same outlet and text, or the same address, is a "merged" record naming the article
    it duplicates, so the page never says "Added" for a copy the corpus would then merge
    (and a re-paste is not counted twice). The same text under another named outlet is a
    twin: its record leaves the report, and ``_correct_outlets`` says what became of it.
    """
    new = {a.id: a for a in articles}
    out: list[IngestRecord] = []
    twins: list[_Twin] = []
    for record in report:
        article = new.get(record.article_id or "") if record.status == "loaded" else None
        if article is None:
            out.append(record)
            continue
        same = held.ids.get(article.id) or (held.urls.get(_url_key(article.url)) if article.url else None)
        other = held.texts.get(_text_key(article.text))
        if same is None and other is not None and (article.outlet == "unknown" or other.id not in held.where):
            same = other  # an upload that names no outlet never takes a kept article's outlet away
        if same is not None:
            out.append(_merged(record, same))
        elif other is not None:
            twins.append(_Twin(record, article, other, held.where[other.id]))
        else:
            out.append(record)
    return out, twins


def _correct_outlets(folder: Path, twins: Sequence[_Twin]) -> list[IngestRecord]:
    """Give each kept twin the outlet its new copy names (one undoable change), instead of keeping both."""
    if not twins:
        return []
    changes = [
        Change(
            0,
            t.held_at[0],
            t.held_at[1],
            fields={"outlet": t.article.outlet},
            said=f"set the outlet of '{t.held.title}' to {t.article.outlet}",
        )
        for t in twins
    ]
    problems = save_locked(folder, [t.record.file for t in twins], partial(append_changes, folder, changes))
    if problems:
        return problems
    return [
        dataclasses.replace(
            t.record,
            status="merged",
            article_id=t.held.id,
            code=Code.P168.name,
            message=Code.P168.format(file=t.record.file, title=t.held.title, old=t.held.outlet, new=t.article.outlet),
        )
        for t in twins
    ]


def append_changes(folder: Path, changes: Sequence[Change]) -> int:
    """Add ``changes`` to the folder's edits.json as one new action (call it holding the lock); returns its
    number. A file that cannot be read is not overwritten: OSError, so the caller reports P151."""
    path = folder / EDITS_FILE
    held, problems = edits.read_changes(folder)
    if problems:
        raise OSError(f"{EDITS_FILE} is damaged ({problems[0].message}); nothing was changed")
    action = max((c.action for c in held), default=0) + 1
    new = [dataclasses.replace(c, action=action) for c in changes]
    store.atomic_write_bytes(path, edits.encode([*held, *new]))
    return action


def _merged(record: IngestRecord, twin: Article) -> IngestRecord:
    """A "loaded" record turned into the P108 merge with the article already kept."""
    message = Code.P108.format(file=record.file, other=f"{twin.id} ({twin.outlet}: {twin.title})")
    return dataclasses.replace(record, status="merged", article_id=twin.id, code=Code.P108.name, message=message)
