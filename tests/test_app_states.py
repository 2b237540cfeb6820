"""app: odd states give a message, never a traceback; uploads, teacher mode and regrouping work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from compare import pipeline, settings
from tests.conftest import BUNDLED
from tests.test_app_tabs import FLOOD, _app, _assert_clean, _open_tab, _write_corpus


@pytest.fixture(autouse=True)
def _own_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "WORKSPACE_DIR", tmp_path / "my-articles")


def _messages(at: object) -> str:
    """Every alert's text, with the Markdown escapes that keep file names inert taken out."""
    text = "\n".join(e.value for kind in ("info", "warning", "success", "error") for e in getattr(at, kind))
    return text.replace("\\", "")


def test_app_empty_corpus_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    at = _app(empty)
    at.run()
    _assert_clean(at)
    assert "no articles yet" in _messages(at)


def test_app_missing_folder_is_a_message(tmp_path: Path) -> None:
    at = _app(tmp_path / "nowhere")
    at.run()
    assert not at.exception
    assert "does not exist" in _messages(at)


def test_app_one_outlet_story_builds_and_explains(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "one", {"wire.txt": FLOOD["wire.txt"]})
    at = _app(corpus)
    at.run()
    _assert_clean(at)
    assert pipeline.is_built(corpus), "opening an unbuilt corpus builds it"
    assert "Only one outlet covered this story" in _open_tab(at, "Side by side")


def test_app_failed_upload_names_the_file_and_loads_the_rest(tmp_path: Path) -> None:
    at = _app(tmp_path / "nowhere")
    at.run()
    good = "Harbor Point floods\n\n" + FLOOD["metro.txt"][3]
    at.file_uploader(key="uploads").set_value(
        [("metro.txt", good.encode(), "text/plain"), ("scan.txt", bytes(range(256)) * 4, "text/plain")]
    ).run()
    at.text_input(key="upload_outlet").set_value("Metro Times").run()  # a browser reruns on upload
    at.button(key="add_files").click().run()
    assert not at.exception
    messages = _messages(at)
    assert "Added 1 article" in messages and "scan.txt" in messages and "P101" in messages
    assert at.session_state["corpus_source"] == "My articles"
    assert [s for s in at.selectbox(key="story").options], "the uploaded article is a story of its own corpus"


def test_app_teacher_mode_explains_every_panel() -> None:
    at = _app()
    at.run()
    at.toggle(key="teacher").set_value(True).run()
    _assert_clean(at)
    explanations = [i.value for i in at.info]
    assert any("Each dot is one article" in e for e in explanations)
    assert any("how much it wrote" in e for e in explanations)


def test_app_regroup_move_out_and_undo(tmp_path: Path) -> None:
    corpus = tmp_path / "copy"
    shutil.copytree(BUNDLED, corpus)  # a cache built by an earlier test comes along: no rebuild
    at = _app(corpus)
    at.run()
    assert len(at.selectbox(key="story").options) == 1
    at.session_state["fixing"] = True
    at.run()
    story = at.session_state["story"]
    article = at.selectbox(key=f"move-{story}").options[0]
    at.selectbox(key=f"move-{story}").set_value(article)
    at.button(key="move_out").click().run()
    _assert_clean(at)
    assert len(at.selectbox(key="story").options) == 2
    assert (corpus / "regroup.json").is_file(), "the change is saved with the corpus"
    at.button(key="undo").click().run()
    _assert_clean(at)
    assert len(at.selectbox(key="story").options) == 1


def test_app_upload_with_a_reserved_name_says_it_was_renamed(tmp_path: Path) -> None:
    at = _app(tmp_path / "nowhere")
    at.run()
    article = {"title": "Harbor Point floods", "text": FLOOD["metro.txt"][3], "outlet": "Metro Times"}
    at.file_uploader(key="uploads").set_value([("regroup.json", json.dumps([article]).encode(), "application/json")])
    at.run()
    at.button(key="add_files").click().run()
    assert not at.exception
    messages = _messages(at)
    assert "Added 1 article" in messages and "P153" in messages and "regroup-upload.json" in messages


def test_app_paste_clears_the_form_and_a_second_paste_says_merged(tmp_path: Path) -> None:
    at = _app(tmp_path / "nowhere")
    at.run()
    text = "Harbor Point floods\n\n" + FLOOD["metro.txt"][3]
    for _ in range(2):
        at.text_area(key="paste_text").set_value(text)
        at.text_input(key="paste_outlet").set_value("Metro Times").run()
        at.button(key="add_paste").click().run()
        assert not at.exception
        assert at.text_area(key="paste_text").value == "", "the paste form is cleared after adding"
        assert at.text_input(key="paste_outlet").value == "Metro Times", "the outlet stays for the next one"
    messages = _messages(at)
    assert "Added" not in messages and "P108" in messages and "merged" in messages
