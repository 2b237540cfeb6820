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
    toml_path = folder / CORPUS_TOML
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
            outlets = tuple(
                OutletInfo(name=str(name), **{k: str(v) for k, v in (facts or {}).items() if k in OUTLET_FIELDS})
                for name, facts in (data.get("outlets") or {}).items()
            )
            meta.info = CorpusInfo(str(data.get("name") or folder.name), str(data.get("description") or ""), outlets)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, AttributeError) as exc:
            meta.problems.append(_problem(CORPUS_TOML, Code.P112, str(exc)))
    manifest_path = folder / MANIFEST
    if manifest_path.is_file():
        try:
            text = decode(manifest_path.read_bytes()) or ""
            reader = csv.DictReader(io.StringIO(text))
            if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
                raise ValueError("it has no 'file' column")
            for row in reader:
                clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
                if clean.get("file"):
                    meta.files[clean["file"]] = {k: v for k, v in clean.items() if k in MANIFEST_COLUMNS and v}
        except (OSError, ValueError, csv.Error) as exc:
            meta.problems.append(_problem(MANIFEST, Code.P111, str(exc)))
    return meta


def _problem(file: str, code: Code, reason: str) -> IngestRecord:
    return IngestRecord(file=file, status="rejected", code=code.name, message=code.format(file=file, reason=reason))
