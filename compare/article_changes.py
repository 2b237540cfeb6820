"""Managing the user's own corpus: list its articles, correct or remove them, replace one, undo.

Every change is written to the folder's ``edits.json`` (compare.ingest.edits) under the
folder's lock, as one numbered action, so the uploaded files stay as they came and
undo takes back exactly what the last action did. A replacement saves the new file
through the same checks as an upload and removes the article it replaces in one
action; undoing it deletes the new file again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

from compare import store, workspace
from compare.errors import Code
from compare.ingest import edits
from compare.ingest.draft import iso_date
from compare.ingest.edits import EDITS_FILE, Change
from compare.model import IngestRecord
from compare.text_format import counted

Target = tuple[str, int | None]


@dataclasses.dataclass(frozen=True)
class Entry:
    """One article of the folder as the manager lists it, or a file that could not be read."""

    file: str
    line: int | None
    outlet: str
    published: str
    title: str
    article_id: str | None = None
    problem: str = ""

    @property
    def target(self) -> Target:
        return (self.file, self.line)


def entries(folder: Path) -> list[Entry]:
    """The folder's articles, then its files that could not be read (each with its coded reason)."""
    from compare.ingest import load_corpus

    if not folder.is_dir():
        return []
    result = load_corpus(folder)
    by_id = {a.id: a for a in result.articles}
    rows: list[Entry] = []
    problems: list[Entry] = []
    for record in result.report:
        article = by_id.get(record.article_id or "") if record.status == "loaded" else None
        if article is not None:
            day = (article.published or "")[:10]
            rows.append(Entry(record.file, record.line, article.outlet, day, article.title, article.id))
        elif record.status == "rejected" and record.file != EDITS_FILE:
            problems.append(Entry(record.file, record.line, "", "", "", problem=record.message))
    return rows + problems


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What a change did, in words, or why it was refused (then nothing was changed)."""

    said: str
    refused: list[IngestRecord] = dataclasses.field(default_factory=list)


def correct(folder: Path, corrections: Mapping[Target, Mapping[str, str]], removals: Sequence[Target] = ()) -> Outcome:
    """Save corrected fields (outlet, published, title) and removals as one undoable action.

    A date that cannot be read refuses the whole action (P167), so a half-applied edit never happens.
    """
    refused = [
        IngestRecord(file, "rejected", code=Code.P167.name, message=Code.P167.format(file=file, value=value))
        for (file, _), fields in corrections.items()
        if (value := fields.get("published", "").strip()) and iso_date(value) is None
    ]
    if refused:
        return Outcome("Nothing was changed.", refused)
    changes = [
        Change(0, file, line, fields={k: v.strip() for k, v in fields.items() if k in edits.EDITABLE})
        for (file, line), fields in corrections.items()
        if (file, line) not in set(removals)
    ]
    changes += [Change(0, file, line, remove=True) for file, line in removals]
    if not changes:
        return Outcome("Nothing to change.")
    fixed, gone = len(changes) - len(removals), len(removals)
    said = ", ".join(
        part
        for part in (f"corrected {counted(fixed, 'article')}" if fixed else "", f"removed {gone}" if gone else "")
        if part
    )
    changes = [dataclasses.replace(changes[0], said=said), *changes[1:]]
    return _saved(folder, changes, said)


def _saved(folder: Path, changes: Sequence[Change], said: str) -> Outcome:
    files = [c.file for c in changes]
    refused = workspace.save_locked(folder, files, lambda: workspace.append_changes(folder, changes))
    return Outcome("Nothing was changed." if refused else said[:1].upper() + said[1:] + ".", refused)


def replace(folder: Path, target: Target, name: str, data: bytes) -> Outcome:
    """Put an uploaded file in place of one article: the file is checked and saved as an upload, and the
    old article removed, in one action (undo removes the new file and brings the old article back)."""
    records, saved = workspace.save_files(folder, [(name, data)])
    refused = [r for r in records if r.status == "rejected"]
    if not saved:
        return Outcome("Nothing was replaced.", refused or list(records))
    said = f"replaced {target[0]}{f' line {target[1]}' if target[1] else ''} with {', '.join(saved.values())}"
    change = Change(0, target[0], target[1], remove=True, added=tuple(saved.values()), said=said)
    outcome = _saved(folder, [change], said)
    return dataclasses.replace(outcome, refused=[*refused, *outcome.refused])


def last_action(folder: Path) -> str | None:
    """What undo would take back, in words; None when there is nothing to undo."""
    changes, problems = edits.read_changes(folder)
    if problems or not changes:
        return None
    last = [c for c in changes if c.action == changes[-1].action]
    return next((c.said for c in last if c.said), "the last change")


def undo(folder: Path) -> Outcome:
    """Take back the last action: its changes leave edits.json and the files it saved are deleted."""
    undone: list[str] = []

    def take_back() -> None:
        changes, problems = edits.read_changes(folder)
        if problems or not changes:
            return
        action = changes[-1].action
        last = [c for c in changes if c.action == action]
        store.atomic_write_bytes(folder / EDITS_FILE, edits.encode([c for c in changes if c.action != action]))
        for name in (n for c in last for n in c.added):
            (folder / name).unlink(missing_ok=True)
        undone.append(next((c.said for c in last if c.said), "the last change"))

    refused = workspace.save_locked(folder, [EDITS_FILE], take_back)
    if refused or not undone:
        return Outcome("Nothing to undo." if not refused else "Nothing was undone.", refused)
    return Outcome(f"Undid: {undone[0]}.")
