"""Corpus metadata: ``manifest.csv`` (per-file facts) and ``corpus.toml`` (name, outlets)."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from compare.errors import Code
from compare.ingest.encoding import decode
from compare.model import CorpusInfo, IngestRecord, OutletInfo

MANIFEST = "manifest.csv"
CORPUS_TOML = "corpus.toml"
MANIFEST_COLUMNS = ("file", "outlet", "url", "published", "title", "author")
OUTLET_FIELDS = ("domain", "lean", "country", "ownership", "rating_source")
METADATA_FILES = (MANIFEST, CORPUS_TOML)
_CODES = {MANIFEST: Code.P111, CORPUS_TOML: Code.P112}


@dataclass
class Metadata:
    """What the corpus folder declares about its files and outlets."""

    info: CorpusInfo
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # relative path -> manifest row
    problems: list[IngestRecord] = field(default_factory=list)

    def outlet_for_url(self, url: str | None) -> str | None:
        """The declared outlet whose domain matches the URL's host."""
        if not url:
            return None
        host = (urlparse(url).hostname or "").lower().removeprefix("www.")
        for outlet in self.info.outlets:
            domain = outlet.domain.lower().removeprefix("www.")
            if domain != "unknown" and (host == domain or host.endswith("." + domain)):
                return outlet.name
        return None


def read_metadata(folder: Path) -> Metadata:
    """Read manifest.csv and corpus.toml if present; problems become report records, never exceptions."""
    meta = Metadata(info=CorpusInfo(name=folder.name))
    for name in (CORPUS_TOML, MANIFEST):
        path = folder / name
        if path.is_file():
            try:
                data = path.read_bytes()
            except OSError as exc:
                meta.problems.append(_problem(name, _CODES[name], str(exc)))
                continue
            add_metadata_file(meta, name, data)
    return meta


def add_metadata_file(meta: Metadata, name: str, data: bytes, label: str | None = None, prefix: str = "") -> None:
    """Apply one ``corpus.toml`` or ``manifest.csv`` (``name``) to ``meta``.

    ``label`` names the file in problem records; ``prefix`` is the folder it sits in
    (inside a zip), which the manifest's ``file`` paths are relative to.
    """
    label = label or name
    try:
        if name == CORPUS_TOML:
            data_toml = tomllib.loads(data.decode("utf-8"))
            outlets = tuple(
                OutletInfo(name=str(outlet), **{k: str(v) for k, v in (facts or {}).items() if k in OUTLET_FIELDS})
                for outlet, facts in (data_toml.get("outlets") or {}).items()
            )
            description = str(data_toml.get("description") or "")
            meta.info = CorpusInfo(str(data_toml.get("name") or meta.info.name), description, outlets)
            return
        reader = csv.DictReader(io.StringIO(decode(data) or ""))
        if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
            raise ValueError("it has no 'file' column")
        for row in reader:
            clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            if clean.get("file"):
                facts = {k: v for k, v in clean.items() if k in MANIFEST_COLUMNS and v}
                meta.files[f"{prefix}{clean['file']}"] = facts
    except (ValueError, csv.Error, tomllib.TOMLDecodeError, TypeError, AttributeError) as exc:
        meta.problems.append(_problem(label, _CODES[name], str(exc)))


def _problem(file: str, code: Code, reason: str) -> IngestRecord:
    return IngestRecord(file=file, status="rejected", code=code.name, message=code.format(file=file, reason=reason))
