"""What a file read as last time: so a rebuild after adding ten files reads ten, not ten thousand.

Reading is the costly part of ingest (mojibake repair runs over every line of every file),
and a file's drafts depend only on its bytes and on what its reader was told (its name,
outlet, manifest title, the outlet's repeated lines, whether URLs are fetched). ``job_key``
digests exactly those; a build stores each file's drafts under it and the next build takes
them back for every file whose key is unchanged. The stored drafts are as the reader
returned them, before outlets and manifest rows are applied, so those steps run again each
time and a changed manifest still takes effect. Files of URLs are never kept: the pages
behind them change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping

import pandas as pd

from compare.ingest.draft import Draft

#: Files whose drafts are never kept (what they point at changes without the file changing).
NEVER_KEPT = frozenset({".urls"})


def job_key(name: str, data: bytes, reader_inputs: Iterable[object]) -> str:
    """A digest of a file's name, bytes and everything else its reader was given."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps([name, *reader_inputs], sort_keys=True, default=sorted).encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def drafts_frame(kept: Mapping[str, list[Draft]]) -> pd.DataFrame:
    """The table a build stores: one row per file read, its drafts as JSON."""
    stored = [json.dumps([dataclasses.asdict(d) for d in drafts], ensure_ascii=False) for drafts in kept.values()]
    return pd.DataFrame({"job": list(kept), "drafts": stored}, columns=["job", "drafts"])


def drafts_from_frame(frame: pd.DataFrame) -> dict[str, list[Draft]]:
    """The stored drafts of each file's job key (raises ValueError/KeyError/TypeError when damaged)."""
    rows = zip(frame["job"], frame["drafts"], strict=True)
    return {str(job): [_draft(row) for row in json.loads(text)] for job, text in rows}


def _draft(row: dict[str, object]) -> Draft:
    removed = row.get("removed") or ()
    reasons = row.get("removal_reasons") or ()
    notice = row.get("notice")
    if not isinstance(removed, list | tuple) or not isinstance(reasons, list | tuple):
        raise TypeError(f"stored draft has a malformed field: {row!r:.200}")
    if notice is not None and not isinstance(notice, list | tuple):
        raise TypeError(f"stored draft has a malformed field: {row!r:.200}")
    fields = {
        **row,
        "removed": tuple(removed),
        "removal_reasons": tuple(reasons),
        "notice": tuple(notice) if notice is not None else None,
    }
    return Draft(**fields)  # type: ignore[arg-type]


def copied(drafts: Iterable[Draft]) -> list[Draft]:
    """Copies to keep: the build goes on to change the drafts it loads (outlets, manifest rows)."""
    return [dataclasses.replace(d) for d in drafts]
