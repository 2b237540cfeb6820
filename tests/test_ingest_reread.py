"""A rebuild reads only the files that changed (``compare.ingest.reread``), and gets what reading every
file gives: same articles, same report, manifest edits still applied."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from compare import carryover, ingest, pipeline, stage_code
from compare.ingest import reread
from compare.ingest.draft import Draft
from tests.conftest import BUNDLED

_ROWS = [
    {
        "title": f"Storm reaches coast {i}",
        "text": f"The storm reached the coast on day {i}. “We are ready,” the mayor said.",
        "outlet": "Wire",
        "published": f"2024-05-0{1 + i % 9}",
    }
    for i in range(6)
]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns(".parallax"))
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in _ROWS[:3]) + "\n", encoding="utf-8")
    return folder


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files actually read."""
    read: list[str] = []
    real = ingest._read_all

    def spying(jobs: Sequence[ingest._FileJob]) -> list:
        read.extend(job.name for job in jobs)
        return real(jobs)

    monkeypatch.setattr(ingest, "_read_all", spying)
    return read


def _facts(result: ingest.IngestResult) -> tuple[list[dict], list[dict]]:
    return [a.to_dict() for a in result.articles], [r.to_dict() for r in result.report]


def test_reread_only_new_and_changed_files_are_read_and_results_match_a_full_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    first = ingest.load_corpus(folder, reuse={})
    assert len(first.kept) == 3  # two pages and one JSON Lines file
    (folder / "more.jsonl").write_text(json.dumps(_ROWS[3]) + "\n", encoding="utf-8")
    wire = folder / "wire.jsonl"
    wire.write_text(wire.read_text(encoding="utf-8").replace("day 1.", "day one."), encoding="utf-8")
    read = _spy(monkeypatch)
    again = ingest.load_corpus(folder, reuse=first.kept)
    assert sorted(read) == ["more.jsonl", "wire.jsonl"]
    monkeypatch.undo()
    assert _facts(again) == _facts(ingest.load_corpus(folder))
    assert any("day one." in a.text for a in again.articles)


def test_reread_manifest_edits_apply_to_files_taken_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    first = ingest.load_corpus(folder, reuse={})
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("outlet")] = "Renamed Outlet"
    manifest.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n", encoding="utf-8")
    read = _spy(monkeypatch)
    again = ingest.load_corpus(folder, reuse=first.kept)
    assert "Renamed Outlet" in {a.outlet for a in again.articles}
    assert read == []  # the outlet comes from the manifest, applied after reading: the page is not read again
    monkeypatch.undo()
    assert _facts(again) == _facts(ingest.load_corpus(folder))


def test_reread_kept_drafts_are_not_the_ones_the_build_changed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = ingest.load_corpus(folder, reuse={})
    wire_drafts = next(drafts for drafts in first.kept.values() if drafts[0].file == "wire.jsonl")
    assert all(d.outlet == "Wire" for d in wire_drafts)
    pages = [d for drafts in first.kept.values() for d in drafts if d.file.endswith(".txt")]
    assert pages and all(d.outlet is None for d in pages)  # as read: the manifest's outlet is applied later


def test_reread_round_trip_keeps_every_field() -> None:
    draft = Draft(
        "a.txt", "Text.", title="T", outlet="O", removed=("Advertisement",), notice=("P115", "guessed"), line=3
    )
    assert reread.drafts_from_frame(reread.drafts_frame({"k": [draft]})) == {"k": [draft]}


def test_reread_damaged_table_raises_a_reading_error() -> None:
    frame = reread.drafts_frame({"k": [Draft("a.txt", "Text.")]})
    frame.loc[0, "drafts"] = '[{"file": "a.txt", "text": "x", "removed": 5}]'
    with pytest.raises(TypeError):
        reread.drafts_from_frame(frame)


def test_reread_url_lists_are_never_kept(tmp_path: Path) -> None:
    (tmp_path / "pages.urls").write_text("https://example.org/a\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some words of an article.\n", encoding="utf-8")
    result = ingest.load_corpus(tmp_path, reuse={})
    assert [d.file for drafts in result.kept.values() for d in drafts] == ["a.txt"]


def test_reread_key_changes_with_what_the_reader_is_told() -> None:
    base = reread.job_key("a.txt", b"words", (None, [], False))
    assert base == reread.job_key("a.txt", b"words", (None, [], False))
    assert base != reread.job_key("a.txt", b"words!", (None, [], False))
    assert base != reread.job_key("b.txt", b"words", (None, [], False))
    assert base != reread.job_key("a.txt", b"words", ("A manifest title", [], False))
    assert base != reread.job_key("a.txt", b"words", (None, ["Subscribe now"], False))


def test_reread_build_takes_back_files_and_changed_ingest_code_reads_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    pipeline.build(folder)
    (folder / "more.jsonl").write_text(json.dumps(_ROWS[4]) + "\n", encoding="utf-8")
    read = _spy(monkeypatch)
    pipeline.build(folder)
    assert read == ["more.jsonl"]

    (folder / "last.jsonl").write_text(json.dumps(_ROWS[5]) + "\n", encoding="utf-8")
    real = stage_code.stage_versions()
    monkeypatch.setattr(carryover, "stage_versions", lambda: {**real, "ingest": "edited-code"})
    read.clear()
    pipeline.build(folder)
    assert len(read) == 5
