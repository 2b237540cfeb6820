"""workspace: uploads, pasted text and fetched pages become a corpus folder; bad inputs are reported."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from compare import settings, workspace
from compare.ingest import load_corpus

STORY = (
    "Harbor Point floods\n\nFloodwaters rose overnight in Harbor Point after the river burst its banks, forcing "
    "the evacuation of about four hundred homes along the eastern shore, officials said on Tuesday.\n"
)


def _saved(folder: Path) -> list[str]:
    """The files a corpus reads in ``folder`` (its hidden lock file left out)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_workspace_saves_readable_files_and_reports_the_rest(tmp_path: Path) -> None:
    upload = [
        ("flood.txt", STORY.encode()),
        ("photo.txt", bytes(range(256)) * 8),  # binary: rejected (P101), not saved
        ("bundle.zip", _zip({"inner/a.txt": STORY.replace("Tuesday", "Monday").encode(), "b.exe": b"MZ"})),
    ]
    records = workspace.add_files(tmp_path, upload, outlet="Coast Herald")
    status = {(r.file, r.status, r.code) for r in records}
    assert ("flood.txt", "loaded", None) in status
    assert ("photo.txt", "rejected", "P101") in status
    assert ("bundle.zip/inner/a.txt", "loaded", None) in status
    assert ("bundle.zip/b.exe", "rejected", "P104") in status
    assert _saved(tmp_path) == ["a.txt", "flood.txt", "manifest.csv"]
    corpus = load_corpus(tmp_path)
    assert {a.outlet for a in corpus.articles} == {"Coast Herald"}
    assert len(corpus.articles) == 2


def test_workspace_keeps_what_a_zipped_manifest_declares(tmp_path: Path) -> None:
    """The manifest inside a zip is not saved as an article; its facts land in the folder's manifest."""
    manifest = b"file,outlet,published\nstory.txt,Coast Herald,2024-05-02\n"
    records = workspace.add_files(
        tmp_path, [("bundle.zip", _zip({"manifest.csv": manifest, "story.txt": STORY.encode()}))]
    )
    assert [(r.file, r.status) for r in records] == [("bundle.zip/story.txt", "loaded")]
    (article,) = load_corpus(tmp_path).articles  # read back from the folder, as a rebuild does
    assert (article.outlet, article.published) == ("Coast Herald", "2024-05-02")


def test_workspace_never_overwrites_a_saved_file(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())])
    workspace.add_files(tmp_path, [("../flood.txt", STORY.replace("Tuesday", "Friday").encode())])
    assert _saved(tmp_path) == ["flood-2.txt", "flood.txt"]


def test_workspace_pasted_article_is_read_back_with_its_outlet(tmp_path: Path) -> None:
    records = workspace.add_pasted(
        tmp_path, STORY, "Metro Times", title="Harbor Point floods", url="https://m.example/a"
    )
    assert [r.status for r in records] == ["loaded"]
    (article,) = load_corpus(tmp_path).articles
    assert (article.outlet, article.title, article.url) == ("Metro Times", "Harbor Point floods", "https://m.example/a")


@pytest.mark.parametrize("address", ["http://127.0.0.1:9/article", "https://news.invalid/article"])
def test_workspace_unfetchable_address_is_a_record_not_an_exception(tmp_path: Path, address: str) -> None:
    records = workspace.add_urls(tmp_path, [address])
    assert [r.status for r in records] == ["rejected"]
    assert records[0].code in {"P109", "P110"}
    assert not tmp_path.joinpath(workspace.FETCHED_FILE).exists()


def test_workspace_unwritable_folder_is_a_coded_record(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    records = workspace.add_pasted(blocked / "corpus", STORY, "Metro Times")
    assert records[-1].code == "P151" and records[-1].status == "rejected"


def test_workspace_signature_changes_with_inputs_and_regrouping(tmp_path: Path) -> None:
    empty = workspace.signature(tmp_path)
    workspace.add_pasted(tmp_path, STORY, "Metro Times")
    added = workspace.signature(tmp_path)
    (tmp_path / "regroup.json").write_text("[]")
    assert len({empty, added, workspace.signature(tmp_path)}) == 3
    assert workspace.signature(tmp_path) == workspace.signature(tmp_path)


def _same_name_zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name": other tools write such zips without a warning
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


BINARY = bytes(range(256)) * 8


@pytest.mark.parametrize(
    "members",
    [
        [("a.txt", STORY.encode()), ("a.txt", BINARY)],
        [("a.txt", BINARY), ("a.txt", STORY.encode())],
        [("a.txt", STORY.encode()), ("a.txt", b"x" * 40_000)],
        [("a.txt", b"x" * 40_000), ("sub/a.txt", STORY.encode())],
    ],
)
def test_workspace_saves_the_zip_member_ingest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, members: list[tuple[str, bytes]]
) -> None:
    """Two members of one name: what is saved is the member that was checked, never the other one."""
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 20_000)
    records = workspace.add_files(tmp_path, [("u.zip", _same_name_zip(members))])
    assert [r.status for r in records].count("loaded") == 1
    (saved,) = [p for p in tmp_path.iterdir() if p.suffix == ".txt"]
    assert saved.read_bytes() == STORY.encode()
    assert {r.code for r in records if r.status == "rejected"} <= {"P101", "P105"}


@pytest.mark.parametrize(
    ("name", "zipped"),
    [
        *((n, False) for n in ("manifest.csv", "regroup.json", "pasted.jsonl", "fetched.jsonl", "Manifest.CSV")),
        # inside a zip, manifest.csv describes the zip's files (it is no article), so it is not in this list
        *((n, True) for n in ("regroup.json", "pasted.jsonl", "fetched.jsonl", "Manifest.CSV")),
    ],
)
def test_workspace_upload_with_a_reserved_name_is_renamed_and_kept(tmp_path: Path, name: str, zipped: bool) -> None:
    """An upload named like one of the corpus folder's own files is renamed (and said), so it does not vanish."""
    suffix = Path(name).suffix.lower()
    row = {"title": "Harbor Point floods", "text": STORY, "outlet": "Coast Herald"}
    data = (
        ("title,text,outlet\n" + ",".join(f'"{v}"' for v in row.values()) + "\n").encode()
        if suffix == ".csv"
        else (json.dumps([row]) if suffix == ".json" else json.dumps(row) + "\n").encode()
    )
    upload = ("u.zip", _zip({f"sub/{name}": data})) if zipped else (name, data)
    records = workspace.add_files(tmp_path, [upload])
    loaded = [r for r in records if r.status == "loaded"]
    assert len(loaded) == 1 and loaded[0].code == "P153" and "-upload" in loaded[0].message
    (article,) = load_corpus(tmp_path).articles  # read back as a rebuild does: it did not vanish
    assert article.outlet == "Coast Herald"
    assert not (tmp_path / name).exists()


def test_workspace_zip_member_with_a_backslash_path_is_reported(tmp_path: Path) -> None:
    records = workspace.add_files(tmp_path, [("u.zip", _zip({"..\\..\\x.txt": STORY.encode()}))])
    assert [(r.file, r.code) for r in records] == [("u.zip/..\\..\\x.txt", "P154")]
    assert _saved(tmp_path) == []


def test_workspace_busy_folder_is_a_coded_record_and_nothing_claims_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While another process holds the folder's lock, a save waits, then says so (P158) and saves nothing."""
    monkeypatch.setattr(settings, "WORKSPACE_LOCK_TIMEOUT_S", 0.2)
    tmp_path.joinpath(workspace.LOCK_FILE).touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(tmp_path / workspace.LOCK_FILE)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        pasted = workspace.add_pasted(tmp_path, STORY, "Metro Times")
        uploaded = workspace.add_files(tmp_path, [("flood.txt", STORY.encode())])
    finally:
        holder.kill()
        holder.wait()
    assert [(r.status, r.code) for r in pasted] == [("rejected", "P158")]
    assert [(r.file, r.status, r.code) for r in uploaded] == [("flood.txt", "rejected", "P158")]
    assert _saved(tmp_path) == []
    assert [r.status for r in workspace.add_pasted(tmp_path, STORY, "Metro Times")] == ["loaded"]


_HOLD_LOCK = """
import fcntl, sys, time
handle = open(sys.argv[1], "a+b")
fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize(
    "manifest",
    [
        "file,outlet\nold.txt,Le Monde é\n".encode("cp1252"),  # written by a spreadsheet program
        "\ufefffile,outlet,lean\nold.txt,Le Monde é,center\n".encode(),
        b"file,outlet\nold.txt,Le Monde \xc3\xa9,extra cell\n",  # a row longer than its header
    ],
)
def test_workspace_keeps_the_rows_of_an_existing_manifest(tmp_path: Path, manifest: bytes) -> None:
    (tmp_path / "manifest.csv").write_bytes(manifest)
    (tmp_path / "old.txt").write_text(STORY.replace("Tuesday", "Sunday"), encoding="utf-8")
    (before,) = [a.outlet for a in load_corpus(tmp_path).articles]  # however the corpus reads that manifest
    records = workspace.add_files(tmp_path, [("flood.txt", STORY.encode())], outlet="Coast Herald")
    assert [(r.file, r.status) for r in records] == [("flood.txt", "loaded")]
    outlets = {a.file: a.outlet for a in load_corpus(tmp_path).articles}
    assert outlets == {"old.txt": before, "flood.txt": "Coast Herald"}
    assert before.startswith("Le Monde")


def test_workspace_unreadable_manifest_is_left_alone_and_reported(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 4
    (tmp_path / "manifest.csv").write_bytes(garbage)
    records = workspace.add_files(tmp_path, [("flood.txt", STORY.encode())], outlet="Coast Herald")
    assert {(r.file, r.status, r.code) for r in records} == {
        ("flood.txt", "loaded", None),
        ("manifest.csv", "rejected", "P151"),
    }
    assert (tmp_path / "manifest.csv").read_bytes() == garbage


def test_workspace_signature_survives_a_file_removed_while_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another session may delete a file between the listing and its stat: the signature skips it."""
    workspace.add_pasted(tmp_path, STORY, "Metro Times")
    listed = [*workspace.store.input_files(tmp_path), tmp_path / "gone.txt"]
    monkeypatch.setattr(workspace.store, "input_files", lambda corpus: list(listed))
    assert workspace.signature(tmp_path) == workspace.signature(tmp_path)


def test_pasting_the_same_article_twice_merges_instead_of_adding(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    text = "The harbor flooded overnight and the mayor ordered the lower town cleared by morning. " * 3
    first = workspace.add_pasted(folder, text, "Metro Times", "Harbor floods")
    assert [r.status for r in first] == ["loaded"]
    again = workspace.add_pasted(folder, text, "Metro Times", "Harbor floods")
    assert [(r.status, r.code, r.article_id) for r in again] == [("merged", "P108", first[0].article_id)]
    assert "Harbor floods" in again[0].message, "the message names the article it duplicates"
    lines = (folder / workspace.PASTED_FILE).read_text().splitlines()
    assert len(lines) == 1, "a re-paste is not stored (and counted) twice"
