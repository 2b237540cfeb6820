"""Uploads and single files: zip limits, pasted text, and one file of a corpus keeping its metadata."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from compare import settings
from compare.ingest import load_bytes, load_corpus, load_pasted
from tests.conftest import SEED_DURAN

PAGE = (
    "Budget passes after long debate\n\n"
    "The city council approved the new budget on Tuesday after a long debate about road repairs and schools.\n\n"
    "Members argued for hours over the cost of repairs to the main bridge, which engineers call unsafe."
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_ingest_zip_member_over_limit_rejected_even_when_its_header_lies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 10_000)
    data = _zip({"bomb.txt": b"a" * 1_000_000, "ok.txt": PAGE.encode()})
    # make the central directory claim the big member is tiny, as a zip bomb would
    archive = zipfile.ZipFile(io.BytesIO(data))
    archive.getinfo("bomb.txt").file_size = 10
    result = load_bytes("upload.zip", data)
    assert [a.file for a in result.articles] == ["upload.zip/ok.txt"]
    assert [(r.file, r.code) for r in result.report if r.status == "rejected"] == [("upload.zip/bomb.txt", "P105")]


def test_ingest_zip_total_unpacked_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 2_000)
    members = {f"{n:02d}.txt": (PAGE.replace("Tuesday", f"day {n}") + " x" * 300).encode() for n in range(30)}
    result = load_bytes("many.zip", _zip(members))
    refused = [r for r in result.report if r.status == "rejected"]
    assert result.articles and refused  # the first files load, the rest are refused, nothing raises
    assert all(r.code == "P100" and "upload limit" in r.message for r in refused)


def test_ingest_zip_of_a_corpus_folder_applies_its_manifest_and_corpus_toml() -> None:
    """A zipped corpus folder reads like the folder: its manifest describes the files, it is no article."""
    manifest = "file,outlet,published,title\nbudget.txt,City Gazette,2024-03-05,Council passes the budget\n"
    toml = '[outlets."City Gazette"]\ndomain = "gazette.example"\nlean = "center"\n'
    upload = _zip(
        {
            "mycorpus/manifest.csv": manifest.encode(),
            "mycorpus/corpus.toml": toml.encode(),
            "mycorpus/budget.txt": PAGE.encode(),
        }
    )
    result = load_bytes("corpus.zip", upload, outlet="Fallback Outlet")
    (article,) = result.articles
    assert (article.outlet, article.published, article.title) == (
        "City Gazette",
        "2024-03-05",
        "Council passes the budget",
    )
    assert [o.lean for o in result.info.outlets] == ["center"]
    assert [r.file for r in result.report] == ["corpus.zip/mycorpus/budget.txt"]  # no record for the metadata
    assert result.declared["corpus.zip/mycorpus/budget.txt"]["outlet"] == "City Gazette"


def test_ingest_zip_with_a_broken_manifest_still_loads_its_articles() -> None:
    upload = _zip({"manifest.csv": b"name,outlet\nx.txt,Nobody\n", "budget.txt": PAGE.encode()})
    result = load_bytes("corpus.zip", upload)
    assert len(result.articles) == 1
    assert {(r.file, r.code) for r in result.report if r.status == "rejected"} == {("corpus.zip/manifest.csv", "P111")}


def test_ingest_damaged_zip_is_a_record() -> None:
    result = load_bytes("broken.zip", b"PK\x03\x04 not really a zip")
    assert result.articles == [] and [r.code for r in result.report] == ["P100"]


def test_ingest_single_file_keeps_its_manifest_outlet() -> None:
    result = load_corpus(SEED_DURAN)
    assert [a.outlet for a in result.articles] == ["The Duran"]
    assert result.info.name.startswith("Iraq withdrawal letter")


def test_ingest_pasted_text_with_title_keeps_first_paragraph() -> None:
    body = PAGE.split("\n\n", 1)[1]
    result = load_pasted(body, outlet="Daily Paste", title="Budget passes", url="https://paste.example/a")
    article = result.articles[0]
    assert (article.title, article.outlet, article.url) == ("Budget passes", "Daily Paste", "https://paste.example/a")
    assert article.text.startswith("The city council approved")


def test_ingest_html_date_never_guessed_from_prose(tmp_path: Path) -> None:
    paragraphs = [*PAGE.split("\n\n")[1:], "In a letter dated March 3, 2019, the mayor had asked for more money."]
    html = "<html><head><title>Budget passes</title></head><body><article><h1>Budget passes</h1>"
    html += "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    assert load_corpus(tmp_path).articles[0].published is None
