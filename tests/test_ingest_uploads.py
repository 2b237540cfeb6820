"""Uploads and single files: zip limits, pasted text, and one file of a corpus keeping its metadata."""

from __future__ import annotations

import io
import warnings
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
    monkeypatch.setattr(settings, "UPLOAD_ZIP_MAX_BYTES", 10_000)
    members = {f"{n:02d}.txt": (PAGE.replace("Tuesday", f"day {n}") + " x" * 300).encode() for n in range(30)}
    result = load_bytes("many.zip", _zip(members))
    refused = [r for r in result.report if r.status == "rejected"]
    assert result.articles and refused  # the first files load, the rest are refused, nothing raises
    assert all(r.code == "P155" and "UPLOAD_ZIP_MAX_BYTES" in r.message for r in refused)
    assert len(result.articles) + len(refused) == 30


def _same_name_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip whose members may share a name (zipfile warns, but writes them, as other tools do)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


BINARY = bytes(range(256)) * 8
BIG = b"a" * 30_000


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        # a good file, then a binary one of the same name: the binary one is checked (P101), not hidden
        ([("a.txt", PAGE.encode()), ("a.txt", BINARY)], {("u.zip/a.txt", "loaded"), ("u.zip/a (2).txt", "P101")}),
        ([("a.txt", BINARY), ("a.txt", PAGE.encode())], {("u.zip/a.txt", "P101"), ("u.zip/a (2).txt", "loaded")}),
        ([("a.txt", PAGE.encode()), ("a.txt", BIG)], {("u.zip/a.txt", "loaded"), ("u.zip/a (2).txt", "P105")}),
        (
            [("d/a.txt", PAGE.encode()), ("d/a.txt", PAGE.replace("Tuesday", "Friday").encode())],
            {("u.zip/d/a.txt", "loaded"), ("u.zip/d/a (2).txt", "loaded")},
        ),
    ],
)
def test_ingest_zip_members_with_one_name_are_each_checked(
    monkeypatch: pytest.MonkeyPatch, members: list[tuple[str, bytes]], expected: set[tuple[str, str]]
) -> None:
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 20_000)
    result = load_bytes("u.zip", _same_name_zip(members))
    assert {(r.file, r.code if r.status == "rejected" else r.status) for r in result.report} == expected
    for record in result.report:
        if record.status == "loaded":  # the bytes kept are the bytes of the member that was checked
            index = 0 if "(2)" not in record.file else 1
            assert result.contents[record.file] == members[index][1]
    renamed = [r for r in result.report if "(2)" in r.file]
    assert all("P152" in r.message for r in renamed), "the rename is said"


@pytest.mark.parametrize("member", ["..\\..\\x.txt", "../x.txt", "/etc/x.txt", "C:\\x.txt", "C:x.txt", "a/../../x.txt"])
def test_ingest_zip_unsafe_member_path_is_reported(member: str) -> None:
    result = load_bytes("u.zip", _same_name_zip([(member, PAGE.encode()), ("ok.txt", PAGE.encode())]))
    assert [a.file for a in result.articles] == ["u.zip/ok.txt"]
    assert [(r.file, r.code) for r in result.report if r.status == "rejected"] == [(f"u.zip/{member}", "P154")]


def test_ingest_zip_members_past_the_budget_are_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    """15 big members: the ones past the whole-zip budget are refused from their sizes, never unpacked."""
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 40_000)
    monkeypatch.setattr(settings, "UPLOAD_ZIP_MAX_BYTES", 100_000)
    members = {f"{n:02d}.txt": (PAGE.replace("Tuesday", f"day {n}") + " x" * 15_000).encode() for n in range(15)}
    data = _zip(members)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    result = load_bytes("big.zip", data)
    refused = {r.code for r in result.report if r.status == "rejected"}
    assert len(result.articles) == 3 and refused == {"P155"}
    assert len(opened) == 3, "members over the budget are not unpacked at all"


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"PK\x03\x04 not really a zip", "P157"), (b"", "P157")],
)
def test_ingest_unreadable_zip_has_its_own_code(data: bytes, code: str) -> None:
    result = load_bytes("broken.zip", data)
    assert result.articles == [] and [r.code for r in result.report] == [code]
    assert "permissions" not in result.report[0].message


def test_ingest_zip_with_too_many_members_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "UPLOAD_ZIP_MAX_MEMBERS", 2)
    members = {f"{n}.txt": PAGE.replace("Tuesday", f"day {n}").encode() for n in range(4)}
    result = load_bytes("many.zip", _zip(members))
    assert len(result.articles) == 2
    assert [(r.file, r.code) for r in result.report if r.status == "rejected"] == [("many.zip", "P156")]


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


def _long_text(size: int) -> bytes:
    line = b"The council met again on Tuesday and argued about the budget for roads and schools.\n\n"
    return b"Budget news\n\n" + line * (size // len(line) + 1)


def test_ingest_text_over_the_article_cap_rejected_before_cleaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 19 MB text file held a session for 28 s in the cleaner (issue 21, item 13): a one-article file over
    ARTICLE_MAX_BYTES is refused with its own code (P117), by its size, before anything reads or cleans it."""
    cleaned: list[str] = []
    monkeypatch.setattr("compare.ingest.text.clean_text", lambda text, **_: cleaned.append(text))
    limit = settings.ARTICLE_MAX_BYTES[".txt"]
    (tmp_path / "dump.txt").write_bytes(_long_text(limit + 1))
    folder = load_corpus(tmp_path).report
    upload = load_bytes("dump.txt", _long_text(limit + 1)).report
    pasted = load_pasted(_long_text(limit + 1).decode(), outlet="A").report
    assert cleaned == []
    for report, name in ((folder, "dump.txt"), (upload, "dump.txt"), (pasted, "pasted text")):
        assert [(r.file, r.status, r.code) for r in report] == [(name, "rejected", "P117")]
        assert "ARTICLE_MAX_BYTES" in report[0].message and "Split it" in report[0].message
        assert "permissions" not in report[0].message


def test_ingest_zip_members_over_the_article_cap_are_not_unpacked() -> None:
    limit = settings.ARTICLE_MAX_BYTES[".txt"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"big{n}.txt", _long_text(limit + 10))
        archive.writestr("small.txt", _long_text(2000))
    result = load_bytes("upload.zip", buffer.getvalue())
    assert [a.file for a in result.articles] == ["upload.zip/small.txt"]
    assert sorted(r.code for r in result.report if r.status == "rejected") == ["P117"] * 3
    assert set(result.contents) == {"upload.zip/small.txt"}
