"""The user's corrections to a corpus folder's articles: remove one, fix its outlet, date or headline.

They are saved in ``edits.json`` inside the folder, beside the files they correct, so the
files themselves stay as the user gave them and every correction can be undone. An
article is named by its file and, inside a multi-article file (JSON Lines, JSON, CSV), its
line or row, which is how the ingest report names it; a whole file is named by its file
alone (a file that could not be read is removed that way, and its warning goes with it).
Later changes win over earlier ones, and every change belongs to one numbered user
action: undo takes back the last action whole. Ingest applies the changes after reading
(they win over the manifest and over what the reader found); the file is an input of the
build, so a change rebuilds what it affects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from compare.errors import Code
from compare.ingest.draft import Draft, iso_date
from compare.model import IngestRecord

EDITS_FILE = "edits.json"
#: The article fields a change may set.
EDITABLE = ("outlet", "published", "title")
_VERSION = 1
_Target = tuple[str, int | None]


@dataclass(frozen=True)
class Change:
    """One correction of one article (``line`` set) or one whole file (``line`` None)."""

    action: int
    file: str
    line: int | None = None
    remove: bool = False
    fields: dict[str, str] = field(default_factory=dict)
    #: Files this action saved (a replacement's new file), which undo deletes.
    added: tuple[str, ...] = ()
    #: What the action did, in words, for the undo button.
    said: str = ""

    @property
    def target(self) -> tuple[str, int | None]:
        return (self.file, self.line)


def edits_path(folder: Path) -> Path:
    return folder / EDITS_FILE


def read_changes(folder: Path) -> tuple[list[Change], list[IngestRecord]]:
    """The saved changes, oldest first, and a P166 record when the file cannot be used (the articles then
    load as their files give them: nothing is lost, and the record says how to fix it)."""
    path = edits_path(folder)
    if not path.is_file():
        return [], []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        changes = [_change(item) for item in data["changes"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        record = IngestRecord(
            EDITS_FILE, "rejected", code=Code.P166.name, message=Code.P166.format(file=EDITS_FILE, reason=str(exc))
        )
        return [], [record]
    return changes, []


def _change(item: Any) -> Change:
    """One change from its JSON form; raises ValueError/TypeError/KeyError when it is not one."""
    if not isinstance(item, dict) or not isinstance(item["file"], str):
        raise ValueError(f"{item!r} is not a change")
    line = item.get("line")
    if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
        raise ValueError(f"line {line!r} of {item['file']} is not a number")
    fields = item.get("fields") or {}
    if not isinstance(fields, dict) or any(k not in EDITABLE or not isinstance(v, str) for k, v in fields.items()):
        raise ValueError(f"the fields of {item['file']} are not {', '.join(EDITABLE)} as text")
    return Change(
        action=int(item["action"]),
        file=item["file"],
        line=line,
        remove=bool(item.get("remove", False)),
        fields=dict(fields),
        added=tuple(str(name) for name in item.get("added") or ()),
        said=str(item.get("said") or ""),
    )


def encode(changes: Sequence[Change]) -> bytes:
    """The file's bytes for ``changes`` (sorted keys, one change a line, so a diff of it reads)."""
    lines = ",\n".join(json.dumps(asdict(c), ensure_ascii=False, sort_keys=True) for c in changes)
    return f'{{"version": {_VERSION}, "changes": [\n{lines}\n]}}\n'.encode()


def removed_files(changes: Iterable[Change]) -> set[str]:
    """Files the user removed whole (not read at all, so a broken one's warning goes too)."""
    removed, _ = _latest(changes)
    return {file for file, line in removed if line is None}


def _latest(changes: Iterable[Change]) -> tuple[set[_Target], dict[_Target, dict[str, str]]]:
    """Removed targets and each target's fields, later changes winning."""
    removed: set[_Target] = set()
    fields: dict[_Target, dict[str, str]] = {}
    for change in changes:
        if change.remove:
            removed.add(change.target)
        else:
            removed.discard(change.target)
            fields.setdefault(change.target, {}).update(change.fields)
    return removed, fields


def apply(drafts: Iterable[Draft], changes: Sequence[Change]) -> list[Draft]:
    """The drafts with the user's changes applied: removed ones left out, corrected fields set.

    A whole-file correction (line None) sets the field on every article of that file.
    """
    if not changes:
        return list(drafts)
    removed, fields = _latest(changes)
    out = []
    for draft in drafts:
        target = (draft.file, draft.line)
        if target in removed or (draft.file, None) in removed:
            continue
        for wanted in (fields.get((draft.file, None)), fields.get(target)):
            if wanted:
                _set(draft, wanted)
        out.append(draft)
    return out


def _set(draft: Draft, wanted: dict[str, str]) -> None:
    if wanted.get("outlet", "").strip():
        draft.outlet = wanted["outlet"].strip()
    if wanted.get("title", "").strip():
        draft.title = wanted["title"].strip()
    if "published" in wanted:  # an empty date is the user saying the date is not known
        draft.published = iso_date(wanted["published"]) if wanted["published"].strip() else None
        draft.published_source = "metadata" if draft.published else None
