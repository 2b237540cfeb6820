"""Each reader, the corpus metadata, stable ids and duplicate merging."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from compare.ingest import article_id, load_bytes, load_corpus, load_pasted, load_urls
from compare.ingest.urls import refusal
from tests.conftest import BUNDLED

BODY = (
    "The city council approved the new budget on Tuesday after a long debate about road repairs.\n\n"
    "Members argued for hours over the cost of repairs to the main bridge, which engineers call unsafe.\n\n"
    "The mayor said the vote was “a good day for the city” and promised work would start in spring."
)


def test_ingest_bundled_corpus_uses_manifest_and_toml() -> None:
    result = load_corpus(BUNDLED)
    assert [r.status for r in result.report] == ["loaded", "loaded"]
    outlets = {a.outlet: a for a in result.articles}
    assert set(outlets) == {"The Duran", "AskTruth24"}
    assert outlets["AskTruth24"].url.startswith("https://asktruth24.com/")
    assert all(a.published is None for a in result.articles)  # unknown dates stay unknown
    assert result.info.name.startswith("Iraq withdrawal letter")
    assert {o.name: o.domain for o in result.info.outlets}["The Duran"] == "theduran.com"
    assert outlets["The Duran"].declared_source == "Zerohedge"
    assert outlets["The Duran"].removed  # boilerplate kept for audit


def test_ingest_ids_are_stable_across_runs() -> None:
    first = [a.id for a in load_corpus(BUNDLED).articles]
    assert first == [a.id for a in load_corpus(BUNDLED).articles]
    assert article_id("Outlet", "some  text\n") == article_id("Outlet", "some text")
    assert article_id("Outlet", "some text") == "189dcc6ce0fa8f26"  # pinned: ids must not drift between versions


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "a.jsonl",
            json.dumps(
                {
                    "maintext": BODY,
                    "title": "Budget passes",
                    "date_publish": "2021-04-22 10:00:00",
                    "source_domain": "example.com",
                    "url": "https://example.com/a",
                }
            ),
        ),
        (
            "a.json",
            json.dumps([{"text": BODY, "title": "Budget passes", "outlet": "example.com", "published": "2021-04-22"}]),
        ),
        ("a.csv", "title,content,media_name,publish_date\n" + f'Budget passes,"{BODY}",example.com,2021-04-22\n'),
        (
            "a.html",
            "<html><head><title>Budget passes</title><meta property='og:site_name' content='example.com'>"
            "<meta name='date' content='2021-04-22'></head><body><nav>Home | News</nav><article><h1>Budget passes</h1>"
            + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
            + "</article><div class='comments'><p>First comment!</p></div></body></html>",
        ),
    ],
)
def test_ingest_reader_fields(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = load_corpus(tmp_path)
    assert len(result.articles) == 1, result.report
    article = result.articles[0]
    assert article.title == "Budget passes"
    assert article.outlet == "example.com"
    assert article.published and article.published.startswith("2021-04-22")
    assert "The mayor said the vote was “a good day for the city”" in article.text
    assert "Home | News" not in article.text


def test_ingest_html_escaped_script_never_reaches_text(tmp_path: Path) -> None:
    html = "<html><body><article><h1>T</h1><script>alert('x')</script>" + f"<p>{BODY}</p></article></body></html>"
    (tmp_path / "page.html").write_text(html)
    article = load_corpus(tmp_path).articles[0]
    assert "alert" not in article.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_ingest_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Café owners protest new rules\n\n" + BODY.replace("city", "cité")
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    article = load_corpus(tmp_path).articles[0]
    assert article.title == "Café owners protest new rules"
    assert "cité" in article.text


def test_ingest_repairs_mojibake(tmp_path: Path) -> None:
    broken = ("Café owners protest\n\n" + BODY).encode("utf-8").decode("cp1252", errors="replace")
    (tmp_path / "a.txt").write_text(broken, encoding="utf-8")
    assert load_corpus(tmp_path).articles[0].title == "Café owners protest"


def test_ingest_duplicates_merged_but_syndication_kept(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    page = "Budget passes after long debate\n\n" + BODY
    (tmp_path / "a" / "one.txt").write_text(page)
    (tmp_path / "a" / "copy.txt").write_text(page)
    (tmp_path / "b" / "wire.txt").write_text(page)  # another outlet carrying the same copy
    result = load_corpus(tmp_path)
    assert sorted(a.outlet for a in result.articles) == ["a", "b"]
    merged = [r for r in result.report if r.status == "merged"]
    assert len(merged) == 1 and merged[0].code == "P108"


def test_ingest_single_file_path() -> None:
    result = load_corpus(BUNDLED / "003_6378b18524bde12f.txt")
    assert len(result.articles) == 1


def test_ingest_zip_upload_and_paste() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.txt", "Budget passes after long debate\n\n" + BODY)
        archive.writestr("../evil.txt", "x")
        archive.writestr("image.png", b"\x89PNG\x00\x00")
    result = load_bytes("upload.zip", buffer.getvalue(), outlet="Example Times")
    assert [a.outlet for a in result.articles] == ["Example Times"]
    assert {r.code for r in result.report if r.status == "rejected"} == {"P154", "P104"}  # P154: the unsafe path
    pasted = load_pasted("Budget passes\n\n" + BODY, outlet="Daily Paste")
    assert pasted.articles[0].outlet == "Daily Paste"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest",
        "file:///etc/passwd",
    ],
)
def test_ingest_urls_refuses_non_public_addresses(url: str) -> None:
    assert refusal(url) is not None


def test_ingest_urls_offline_gives_coded_record() -> None:
    result = load_urls(["https://no-such-host.invalid/article"])
    assert result.articles == []
    assert result.report[0].code == "P109"
    assert "no-such-host.invalid" in result.report[0].message


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_ingest_csv_rfc4180_quotes_delimiters_and_newlines(tmp_path: Path, delimiter: str) -> None:
    """Doubled quotes, delimiters and newlines inside quoted fields stay inside the field (issue 21, item 3)."""
    rows = [
        ("title", "text", "outlet"),
        ("Quoted", 'He said ""yes"" then left, quickly; later.', "A"),
        ("Two lines", "First line of the body, with a comma.\nSecond line; with a semicolon.", "B"),
        ("Plain", "A plain body without any quoting at all", "C"),
    ]
    lines = [delimiter.join(f'"{cell}"' if i else cell for i, cell in enumerate(row)) for row in rows]
    (tmp_path / "export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_corpus(tmp_path)
    assert [r.status for r in result.report] == ["loaded"] * 3, result.report
    texts = {a.outlet: a.text for a in result.articles}
    assert texts == {
        "A": 'He said "yes" then left, quickly; later.',
        "B": "First line of the body, with a comma.\n\nSecond line; with a semicolon.",
        "C": "A plain body without any quoting at all",
    }


@pytest.mark.parametrize(
    "body",
    [
        "Notizie di oggi\n\nLa città è pronta per la festa, dicono i residenti del centro storico.",
        "Noticias de hoy\n\nEl señor Muñoz dijo que sí a la propuesta del ayuntamiento.",
    ],
)
def test_ingest_latin1_text_read_as_latin1_without_warning(tmp_path: Path, body: str) -> None:
    """Short Latin-1 texts were read as cp1250 ("cittą", "seńor") (issue 21, item 7)."""
    (tmp_path / "a.txt").write_bytes(body.encode("latin-1"))
    result = load_corpus(tmp_path)
    assert result.articles[0].text == body.split("\n\n")[1]
    assert [(r.status, r.code) for r in result.report] == [("loaded", None)]


def test_ingest_guessed_encoding_is_a_coded_warning(tmp_path: Path) -> None:
    body = "Новости дня\n\nГородской совет утвердил новый бюджет во вторник после долгих споров."
    (tmp_path / "a.txt").write_bytes(body.encode("cp1251"))
    result = load_corpus(tmp_path)
    assert result.articles[0].text == body.split("\n\n")[1]
    [record] = result.report
    assert (record.status, record.code) == ("loaded", "P115")
    assert "a.txt" in record.message and "save it as UTF-8" in record.message


@pytest.mark.parametrize("depth", [10, 300, 1500, 5000])
def test_ingest_html_deeply_nested_article_keeps_its_body(tmp_path: Path, depth: int) -> None:
    """libxml2 stops at 255 levels without huge_tree, so the body was lost as P102 (issue 21, item 8)."""
    article = "<article><h1>Budget passes</h1>" + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</article>"
    page = f"<html><head><title>Budget passes</title></head><body>{'<div>' * depth}{article}{'</div>' * depth}"
    (tmp_path / "deep.html").write_text(page + "</body></html>")
    result = load_corpus(tmp_path)
    assert [r.status for r in result.report] == ["loaded"], result.report
    assert result.articles[0].text == BODY
