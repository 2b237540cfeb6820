"""app: the bundled corpus's articles, clean text, ingest report and removed boilerplate are one click away."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from compare import settings
from tests.conftest import REPO


@pytest.fixture(autouse=True)
def _own_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "WORKSPACE_DIR", tmp_path / "my-articles")


def test_app_corpus_browser_shows_clean_text_report_and_removed_lines() -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    with pytest.raises(KeyError):
        at.selectbox(key="browse-article")  # built only when opened: it lists every article of the corpus
    at.session_state["browsing"] = True
    at.run()
    picker = at.selectbox(key="browse-article")
    outlets = {option.split(" — ")[0] for option in picker.options}
    assert outlets == {"AskTruth24", "The Duran"}
    duran = next(option for option in picker.options if option.startswith("The Duran"))
    picker.select(duran).run()
    shown = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert "Esper pleaded ignorance." in shown  # clean text
    assert "<s>Notify of</s>" in shown  # removed widget line, kept for audit
    assert "<s>Notify of</s> <code>comment widget</code>" in shown  # with the rule that removed it
    assert "via Zerohedge" in shown  # declared source from the credit line
    report = next(df.value for df in at.dataframe if "status" in df.value.columns)
    assert sorted(report["status"]) == ["loaded", "loaded"]


def test_app_removed_lines_carry_their_reason_escaped() -> None:
    from compare.story.listing import removed_lines_html

    html = removed_lines_html(["<b>Share</b>", "Photo: AP"], ["call to action", "caption"])
    assert html == (
        "<p><small><s>&lt;b&gt;Share&lt;/b&gt;</s> <code>call to action</code></small></p>"
        "<p><small><s>Photo: AP</s> <code>caption</code></small></p>"
    )
    assert removed_lines_html(["Home"], []) == "<p><small><s>Home</s></small></p>"  # cached before reasons were kept
