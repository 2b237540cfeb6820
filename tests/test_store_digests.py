"""The build key without re-reading an unchanged corpus: each input file's digest is remembered with its stat.

Every open computes the key; a corpus of several GB was hashed byte by byte each time. These tests fail if the
memo changes a key, serves a digest for a changed file, or trusts a file hashed while it could still change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from compare import store


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in [("a.txt", "Headline A\n\nBody A.\n"), ("b.txt", "Headline B\n\nBody B.\n")]:
        (folder / name).write_text(text)
    (folder / ".parallax").mkdir()  # the cache folder a build makes
    return folder


def _hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose bytes are read from here on."""
    read: list[str] = []
    real = store.file_digest

    def counted(path: Path) -> str:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(store, "file_digest", counted)
    return read


def _full_key(corpus: Path) -> str:
    """The key as it was before the memo: every file hashed."""
    memo = corpus / ".parallax" / store.DIGESTS_FILE
    memo.unlink(missing_ok=True)
    return store.fingerprint(corpus)


def test_an_unchanged_corpus_is_keyed_without_reading_its_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(store, "_RACY_S", -1.0)  # files written just now count as settled
    corpus = _corpus(tmp_path)
    first = store.fingerprint(corpus)
    assert (corpus / ".parallax" / store.DIGESTS_FILE).is_file()
    read = _hashed(monkeypatch)
    assert store.fingerprint(corpus) == first
    assert read == [], "no byte of an unchanged file is read again"


def test_a_changed_file_is_hashed_again_and_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(store, "_RACY_S", -1.0)
    corpus = _corpus(tmp_path)
    first = store.fingerprint(corpus)
    stat = (corpus / "a.txt").stat()
    (corpus / "a.txt").write_text("Headline A\n\nBody X.\n")  # same size ...
    os.utime(corpus / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ... and the old modification time
    read = _hashed(monkeypatch)
    second = store.fingerprint(corpus)
    assert read == ["a.txt"], "the change time gives the rewrite away"
    assert second != first
    assert second == _full_key(corpus)


def test_added_and_removed_files_change_the_key_as_without_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(store, "_RACY_S", -1.0)
    corpus = _corpus(tmp_path)
    store.fingerprint(corpus)
    (corpus / "c.txt").write_text("Headline C\n\nBody C.\n")
    (corpus / "b.txt").unlink()
    read = _hashed(monkeypatch)
    key = store.fingerprint(corpus)
    assert read == ["c.txt"]
    assert key == _full_key(corpus)
    recorded = json.loads((corpus / ".parallax" / store.DIGESTS_FILE).read_text())["files"]
    assert sorted(recorded) == ["a.txt", "c.txt"]


def test_a_file_hashed_while_it_may_still_change_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(store, "_RACY_S", 3600.0)  # every file here was changed "just now"
    corpus = _corpus(tmp_path)
    first = store.fingerprint(corpus)
    read = _hashed(monkeypatch)
    assert store.fingerprint(corpus) == first
    assert sorted(read) == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"version": 1, "files": []}', b'{"version": 1, "files": {"a.txt": [1, 2, "x"]}}', b"[]"],
)
def test_a_damaged_memo_is_ignored_and_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes):
    monkeypatch.setattr(store, "_RACY_S", -1.0)
    corpus = _corpus(tmp_path)
    first = store.fingerprint(corpus)
    (corpus / ".parallax" / store.DIGESTS_FILE).write_bytes(damage)
    assert store.fingerprint(corpus) == first
    read = _hashed(monkeypatch)
    assert store.fingerprint(corpus) == first and read == []


def test_a_file_renamed_over_another_is_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Renaming one file over another keeps neither's stat: the moved file's inode and change time differ."""
    monkeypatch.setattr(store, "_RACY_S", -1.0)
    corpus = _corpus(tmp_path)
    store.fingerprint(corpus)
    os.replace(corpus / "b.txt", corpus / "a.txt")
    assert store.fingerprint(corpus) == _full_key(corpus)


def test_no_memo_is_written_before_the_corpus_has_a_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(store, "_RACY_S", -1.0)
    corpus = tmp_path / "fresh"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nBody.\n")
    store.fingerprint(corpus)
    assert not (corpus / ".parallax").exists(), "checking a key leaves nothing behind"
