"""store races: builds, publishes and opens of one corpus in several processes at once.

Concurrent users are separate processes (dashboard servers, CLI runs), so every test here
starts real processes (spawned) together at a barrier. Afterwards the corpus must open from
a complete build and no process may have crashed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compare import settings, store


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("Headline\n\nBody text.\n")
    return folder


def test_store_input_files_never_lists_the_cache_folder_while_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another build creating and deleting files in the cache folder mid-walk (simulated: every listing
    under it fails as if the folder had just vanished) neither crashes the walk nor changes its result."""
    corpus = _corpus(tmp_path / "corpus")
    (corpus / settings.CACHE_DIRNAME / "build-x").mkdir(parents=True)
    (corpus / settings.CACHE_DIRNAME / "build-x" / "articles.parquet").write_bytes(b"x")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b.txt").write_text("Other\n\nMore text.\n")
    real_scandir = os.scandir

    def vanishing(path: object = ".") -> object:
        if settings.CACHE_DIRNAME in Path(str(path)).parts or Path(str(path)).name == "gone":
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    (corpus / "gone").mkdir()  # a folder that vanishes between being listed and being walked
    monkeypatch.setattr(os, "scandir", vanishing)
    assert store.input_files(corpus) == [corpus / "a.txt", corpus / "sub" / "b.txt"]
