"""app: uploaded files are checked in a table (outlets found per file, editable) and My articles can be
corrected, emptied of a broken file, and undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from compare import settings
from compare.ingest import load_corpus
from compare.ui.add_articles import UPLOAD_TABLE
from compare.ui.my_articles import MANAGE_TABLE
from tests.test_app_states import _messages
from tests.test_app_tabs import _app, _assert_clean

BODY = (
    "The council voted on Tuesday to rebuild the old bridge over the river after a long debate about its cost, "
    "the depth of the water and the ferry that would run while the work goes on, the mayor's office said."
)
FILES = [
    ("a.txt", f"Council votes on the bridge\nBy Lena Park, Valley Courier\n{BODY}"),
    ("b.txt", f"Bridge vote passes\nMILLBROOK (Northern Ledger) – {BODY} Work starts in May."),
    ("riverside-times_2024-05-02_bridge.txt", f"A new bridge for Millbrook\n{BODY} The ferry is free."),
    ("d.txt", f"Millbrook bridge approved\nBy Tom Wu\n{BODY} Some residents objected."),
]


@pytest.fixture(autouse=True)
def _own_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "WORKSPACE_DIR", tmp_path / "my-articles")


def _edits(rows: dict[int, dict[str, object]]) -> dict[str, object]:
    """A data editor's edit state, as the browser sends it."""
    return {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def _upload(at: AppTest, files: list[tuple[str, str]]) -> None:
    """Choose ``files`` in the uploader (a new one after each adding, which empties the last)."""
    round_ = at.session_state["_upload_round"] if "_upload_round" in at.session_state else 0  # noqa: SIM401 (no .get)
    key = "uploads" if not round_ else f"uploads-{round_}"
    at.file_uploader(key=key).set_value([(n, t.encode(), "text/plain") for n, t in files]).run()


def test_app_upload_table_shows_each_files_outlet_and_saves_the_corrections(tmp_path: Path) -> None:
    at = _app(tmp_path / "nowhere")
    at.run()
    _upload(at, FILES)
    assert not at.exception
    table = at.data_editor(key=UPLOAD_TABLE).value
    assert list(table["outlet"]) == ["Valley Courier", "Northern Ledger", "Riverside Times", "unknown"]
    assert table["date"][2] == "2024-05-02", "the date the file name spells"
    at.session_state[UPLOAD_TABLE] = _edits({3: {"outlet": "Metro Times"}, 0: {"headline": "Bridge: the vote"}})
    at.run()
    at.button(key="add_files").click().run()
    _assert_clean(at)
    assert "Added 4 articles" in _messages(at)
    articles = {a.file: a for a in load_corpus(settings.WORKSPACE_DIR).articles}
    assert {a.outlet for a in articles.values()} == {
        "Valley Courier",
        "Northern Ledger",
        "Riverside Times",
        "Metro Times",
    }
    assert articles["a.txt"].title == "Bridge: the vote"
    assert at.session_state["corpus_source"] == "My articles"


def test_app_manage_corrects_removes_a_broken_file_and_undoes(tmp_path: Path) -> None:
    at = _app(tmp_path / "nowhere")
    at.run()
    _upload(at, FILES[:2])
    at.button(key="add_files").click().run()
    (settings.WORKSPACE_DIR / "scan.txt").write_text("")  # a file that holds no article
    at.session_state["managing"] = True
    at.run()
    _assert_clean(at)
    table = at.data_editor(key=MANAGE_TABLE).value
    assert list(table["file"]) == ["a.txt", "b.txt", "scan.txt"] and table["problem"][2].startswith("P102")
    at.session_state[MANAGE_TABLE] = _edits({0: {"outlet": "Courier of the Valley"}, 2: {"remove": True}})
    at.run()
    at.button(key="manage_save").click().run()
    _assert_clean(at)
    assert "Corrected 1 article, removed 1." in _messages(at)
    result = load_corpus(settings.WORKSPACE_DIR)
    assert sorted(a.outlet for a in result.articles) == ["Courier of the Valley", "Northern Ledger"]
    assert not [r for r in result.report if r.status == "rejected"], "the broken file's warning is gone"
    assert list(at.data_editor(key=MANAGE_TABLE).value["file"]) == ["a.txt", "b.txt"]
    undo = at.button(key="manage_undo")
    assert undo.label == "Undo: corrected 1 article, removed 1"
    undo.click().run()
    _assert_clean(at)
    assert "Undid: corrected 1 article, removed 1." in _messages(at)
    assert sorted(a.outlet for a in load_corpus(settings.WORKSPACE_DIR).articles) == [
        "Northern Ledger",
        "Valley Courier",
    ]


def test_app_reupload_with_the_right_outlet_is_not_counted_twice(tmp_path: Path) -> None:
    at = _app(tmp_path / "nowhere")
    at.run()
    _upload(at, FILES[3:])
    at.button(key="add_files").click().run()
    assert not at.data_editor, "after adding, the uploader is empty and the table gone"
    _upload(at, FILES[3:])
    at.text_input(key="upload_outlet").set_value("Metro Times").run()
    at.button(key="add_files").click().run()
    _assert_clean(at)
    messages = _messages(at)
    assert "P168" in messages and "Added" not in messages
    assert [a.outlet for a in load_corpus(settings.WORKSPACE_DIR).articles] == ["Metro Times"]


def test_app_manage_reads_the_folder_again_only_when_a_file_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import article_changes

    reads: list[Path] = []
    real = article_changes.entries

    def counted(folder: Path) -> list[article_changes.Entry]:
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(article_changes, "entries", counted)
    at = _app(tmp_path / "nowhere")
    at.run()
    _upload(at, FILES[:2])
    at.button(key="add_files").click().run()
    at.session_state["managing"] = True
    at.run()
    first = len(reads)
    at.run()
    at.run()
    assert len(reads) == first, "a rerun with no file changed reads nothing"
    (settings.WORKSPACE_DIR / "c.txt").write_text(FILES[2][1])
    at.run()
    assert len(reads) == first + 1
    assert "c.txt" in list(at.data_editor(key=MANAGE_TABLE).value["file"])
