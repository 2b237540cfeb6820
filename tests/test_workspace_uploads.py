"""workspace: uploads, pasted text and fetched pages become a corpus folder; bad inputs are reported."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from compare import workspace
from compare.ingest import load_corpus

STORY = (
    "Harbor Point floods\n\nFloodwaters rose overnight in Harbor Point after the river burst its banks, forcing "
    "the evacuation of about four hundred homes along the eastern shore, officials said on Tuesday.\n"
)


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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "flood.txt", "manifest.csv"]
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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flood-2.txt", "flood.txt"]


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
