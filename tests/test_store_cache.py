"""The Parquet cache: atomic publishing, staleness by content hash, damage detection."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from compare import settings, store


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nBody text.\n")
    return folder


def _publish(root: Path, key: str) -> Path:
    writer = store.BuildWriter(root, key)
    files = writer.table("articles", pd.DataFrame({"id": ["x"]}))
    files += writer.table("report", pd.DataFrame({"file": ["x.txt"]}))
    return writer.publish({"files": files})


def test_store_fingerprint_changes_with_content_not_with_cache(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    before = store.fingerprint(corpus)
    (corpus / ".parallax").mkdir()
    (corpus / ".parallax" / "junk").write_text("cache files never change the key")
    (corpus / "regroup.json").write_text("{}")
    assert store.fingerprint(corpus) == before
    (corpus / "a.txt").write_text("Headline\n\nBody text, edited.\n")
    assert store.fingerprint(corpus) != before


@pytest.mark.parametrize(
    "name", ["MIN_PASSAGE_WORDS", "EMBED_LEDE_WORDS", "GROUPING_TIME_WEIGHT", "SPEAKER_LOOKBACK_PARAGRAPHS"]
)
def test_store_fingerprint_changes_with_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    corpus = _corpus(tmp_path)
    before = store.fingerprint(corpus)
    monkeypatch.setattr(settings, name, getattr(settings, name) + 1)
    assert store.fingerprint(corpus) != before


def test_store_fingerprint_ignores_display_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    before = store.fingerprint(corpus)
    monkeypatch.setattr(settings, "DISTINCTIVE_TOP", settings.DISTINCTIVE_TOP + 5)
    assert store.fingerprint(corpus) == before


def test_store_publish_then_read_back(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    folder = _publish(root, "k1")
    assert store.current_build(root, "k1") == folder
    assert store.read_table(folder, "articles")["id"].tolist() == ["x"]
    assert store.read_table(folder, "report")["file"].tolist() == ["x.txt"]
    assert store.current_build(root, "other-key") is None  # stale


def test_store_new_build_replaces_old_and_removes_it(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    old = _publish(root, "k1")
    new = _publish(root, "k2")
    assert store.current_build(root, "k2") == new
    assert not old.exists()


def test_store_crash_mid_write_keeps_previous_build(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    good = _publish(root, "k1")
    writer = store.BuildWriter(root, "k2")
    writer.table("articles", pd.DataFrame({"id": ["y"]}))
    # the process dies here: publish() is never called
    assert store.current_build(root, "k1") == good
    assert store.current_build(root, "k2") is None


@pytest.mark.parametrize("damage", ["missing_file", "bad_meta", "bad_pointer"])
def test_store_damaged_cache_is_not_used(tmp_path: Path, damage: str) -> None:
    root = tmp_path / "cache"
    folder = _publish(root, "k1")
    if damage == "missing_file":
        (folder / "report" / "part-00000.parquet").unlink()
    elif damage == "bad_meta":
        (folder / "meta.json").write_text("{not json")
    else:
        (root / store.POINTER).write_text("\x00garbage")
    assert store.current_build(root, "k1") is None


def test_store_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "file.json"
    store.atomic_write_bytes(target, json.dumps({"a": 1}).encode())
    store.atomic_write_bytes(target, json.dumps({"a": 2}).encode())
    assert json.loads(target.read_text()) == {"a": 2}
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]


def test_store_read_only_corpus_uses_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setattr(settings, "USER_CACHE_DIR", tmp_path / "user-cache")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == corpus.resolve() else real_access(p, mode))
    assert store.cache_dir(corpus).is_relative_to(tmp_path / "user-cache")


def test_store_sweep_removes_what_a_killed_build_left_and_keeps_live_work(tmp_path: Path) -> None:
    """kill -9 mid-build leaves a staging folder and temporary files; the next build removes the old ones,
    but never a live build's staging folder (it holds its lock) nor a temporary file still being written."""
    root = tmp_path / "cache"
    (root / "vectors").mkdir(parents=True)
    dead = root / ".staging-dead"
    dead.mkdir()
    (dead / "articles").mkdir()
    (dead / "articles" / "part-00000.parquet").write_bytes(b"half")
    old_temps = [root / ".current.json.x.tmp", root / "vectors" / ".units-a.npy.y.tmp"]
    for temp in old_temps:
        temp.write_bytes(b"torn")
    live = store.BuildWriter(root, "live")  # a build still running in this (or another) process
    fresh_temp = root / "vectors" / ".units-b.npy.z.tmp"
    fresh_temp.write_bytes(b"being written")
    hour_ago = time.time() - settings.CACHE_SWEEP_AGE_S - 60
    for path in [dead, *old_temps, live.staging]:
        os.utime(path, (hour_ago, hour_ago))

    _publish(root, "k1")
    assert not dead.exists() and not any(t.exists() for t in old_temps)
    assert live.staging.is_dir() and fresh_temp.exists()
    live.discard()
    assert not live.staging.exists()


def _cell(value: object) -> object:
    return json.dumps(value) if isinstance(value, list | dict) else value


def test_store_records_frame_column_by_column_equals_row_by_row() -> None:
    """The column-wise table writer gives exactly the frame of serialising each record on its own."""

    import pandas as pd

    from compare import pipeline
    from compare.passages import find_passages
    from tests.conftest import BUNDLED

    built = pipeline.open_corpus(BUNDLED)
    copy = dataclasses.replace(built.articles[0], id="copy", outlet="Another outlet")
    passages = find_passages([built.articles[0], copy])
    for records in (built.articles, built.quotes, passages, built.stories, built.report):
        assert records, "records of every kind"
        rows = [{k: _cell(v) for k, v in r.to_dict().items()} for r in records]
        pd.testing.assert_frame_equal(store.records_frame(records), pd.DataFrame(rows))
    assert store.records_frame([]).empty


def test_store_frame_records_read_back_through_parquet_are_the_records(tmp_path: Path) -> None:
    """Reading a stored table gives records equal to the ones written, value types included: whole
    text and integer columns, missing text back to None, nested fields decoded cell by cell."""
    from compare import pipeline
    from compare.model import Article, Passage, Quote
    from compare.passages import find_passages
    from tests.conftest import BUNDLED

    built = pipeline.open_corpus(BUNDLED)
    quotes = [*built.quotes, dataclasses.replace(built.quotes[0], speaker=None, role=None, cue=None)]
    passages = find_passages([built.articles[0], dataclasses.replace(built.articles[0], id="copy", outlet="Other")])
    for cls, records in ((Quote, quotes), (Article, built.articles), (Passage, passages)):
        assert records
        store.records_frame(records).to_parquet(tmp_path / "t.parquet")
        back = store.frame_records(cls, pd.read_parquet(tmp_path / "t.parquet"))
        assert back == records
        assert [[type(v) for v in dataclasses.astuple(r)] for r in back] == [
            [type(v) for v in dataclasses.astuple(r)] for r in records
        ]
