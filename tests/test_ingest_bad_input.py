"""Bad input never crashes ingestion and never loses the rest of the corpus."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from compare import settings
from compare.ingest import load_bytes, load_corpus

GOOD = (
    "Budget passes after long debate\n\n"
    "The city council approved the new budget on Tuesday after a long debate about road repairs and schools."
)


def _corpus_with(tmp_path: Path, name: str, content: bytes) -> Path:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / name).write_bytes(content)
    return tmp_path


def _rejections(tmp_path: Path) -> dict[str, str]:
    result = load_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["good.txt"], "the good file must still load"
    return {r.file: r.code for r in result.report if r.status == "rejected"}  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("binary.txt", bytes(range(256)) * 4, "P101"),
        ("broken-utf8.txt", codecs.BOM_UTF8 + b"The mayor said \xff\xfe\xfa the vote was close.", "P103"),
        ("broken-utf16.txt", codecs.BOM_UTF16_LE + "The vote".encode("utf-16-le") + b"\x00\xd8", "P103"),
        ("empty.txt", b"", "P102"),
        ("blank.txt", b"\n\n   \n", "P102"),
        ("picture.png", b"\x89PNG\r\n\x1a\n", "P104"),
        ("broken.json", b"{not json at all", "P106"),
        ("links.urls", b"https://example.com/a\n", "P113"),
    ],
)
def test_ingest_bad_file_rejected_with_code(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    assert _rejections(_corpus_with(tmp_path, name, content)) == {name: code}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])  # with and without a byte-order mark
def test_ingest_utf16_file_loads(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "utf16.txt").write_bytes(GOOD.encode(encoding))
    articles = load_corpus(tmp_path).articles
    assert [a.title for a in articles] == ["Budget passes after long debate"]


@pytest.mark.parametrize(("name", "code"), [("big.jsonl", "P105"), ("big.txt", "P117")])
def test_ingest_oversized_file_rejected_without_reading(tmp_path: Path, name: str, code: str) -> None:
    """Past MAX_FILE_BYTES any file is refused (P105); a one-article file already past ARTICLE_MAX_BYTES (P117)."""
    big = tmp_path / name
    with big.open("wb") as handle:
        handle.seek(25 * 1024 * 1024)
        handle.write(b"x")
    (tmp_path / "good.txt").write_text(GOOD)
    result = load_corpus(tmp_path)
    rejected = [r for r in result.report if r.status == "rejected"]
    assert [(r.file, r.code) for r in rejected] == [(name, code)]
    limit = (
        f"{settings.MAX_FILE_BYTES / 2**20:.0f}"
        if code == "P105"
        else f"{settings.ARTICLE_MAX_BYTES['.txt'] / 2**20:.1f}"
    )
    assert f"{limit} MB" in rejected[0].message


def test_ingest_malformed_jsonl_line_loses_only_that_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First article body with enough words to be a real paragraph.", "outlet": "A"}),
        '{"text": "truncated',
        json.dumps({"text": "Third article body with enough words to be a real paragraph.", "outlet": "B"}),
        json.dumps({"title": "no text here", "outlet": "C"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    result = load_corpus(tmp_path)
    assert sorted(a.outlet for a in result.articles) == ["A", "B"]
    rejected = {(r.line, r.code) for r in result.report if r.status == "rejected"}
    assert rejected == {(2, "P106"), (4, "P107")}
    assert "line 2" in next(r.message for r in result.report if r.code == "P106")


def test_ingest_csv_missing_columns(tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text("title,media_name\nOnly a headline,Example\n")
    result = load_corpus(tmp_path)
    assert result.articles == []
    assert [r.code for r in result.report] == ["P107"]


def test_ingest_bad_manifest_and_toml_still_load_articles(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "manifest.csv").write_text("name,outlet\nx,y\n")
    (tmp_path / "corpus.toml").write_text("this is = = not toml")
    result = load_corpus(tmp_path)
    assert len(result.articles) == 1
    assert {r.code for r in result.report if r.status == "rejected"} == {"P111", "P112"}


def test_ingest_unreadable_directory_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD.replace("city", "town"))
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # as root, chmod 000 is not enforced: simulate the kernel's refusal
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["good.txt"]
    assert [(r.file, r.code) for r in result.report if r.status == "rejected"] == [("locked", "P100")]


def test_ingest_missing_path_is_a_record_not_an_exception(tmp_path: Path) -> None:
    result = load_corpus(tmp_path / "nope")
    assert result.articles == [] and result.report[0].code == "P100"


DEEP = "[" * 100_000 + "]" * 100_000


def test_ingest_deeply_nested_json_is_a_bad_record_not_a_crash(tmp_path: Path) -> None:
    """One value nested past Python's stack costs only its record (issue 21, item 4)."""
    good = [json.dumps({"text": f"Article {n} body with enough words to be a paragraph.", "outlet": n}) for n in "AB"]
    shallow_but_deep = json.dumps({"text": "Deep extra field.", "x": json.loads("[" * 300 + "]" * 300)})
    (tmp_path / "feed.jsonl").write_text("\n".join([good[0], DEEP, good[1], shallow_but_deep]))
    (tmp_path / "deep.json").write_text(DEEP)
    (tmp_path / "list.json").write_text(f"[{good[0].replace('A', 'C')}, {shallow_but_deep}]")
    result = load_corpus(tmp_path)
    assert sorted(a.outlet for a in result.articles) == ["A", "B", "C"]
    rejected = {(r.file, r.line, r.code) for r in result.report if r.status == "rejected"}
    assert rejected == {
        ("feed.jsonl", 2, "P114"),
        ("feed.jsonl", 4, "P114"),
        ("deep.json", 1, "P114"),
        ("list.json", 2, "P114"),
    }
    message = next(r.message for r in result.report if r.file == "deep.json")
    assert "deep.json" in message and "Flatten or remove" in message


def test_ingest_deeply_nested_json_upload_keeps_the_rest() -> None:
    good = json.dumps({"text": "An uploaded article body with enough words in it.", "outlet": "A"})
    result = load_bytes("feed.jsonl", f"{DEEP}\n{good}".encode())
    assert [a.outlet for a in result.articles] == ["A"]
    assert [(r.line, r.code) for r in result.report if r.status == "rejected"] == [(1, "P114")]


def test_ingest_few_nul_bytes_do_not_make_text_binary(tmp_path: Path) -> None:
    """Two stray NULs in 8 KB rejected a good article as binary (issue 21, item 14)."""
    body = GOOD + "\n\n" + "The council will meet again next week to discuss the schools. " * 100
    data = body.encode()
    (tmp_path / "nul.txt").write_bytes(data[:3000] + b"\x00" + data[3000:5000] + b"\x00" + data[5000:])
    result = load_corpus(tmp_path)
    assert [r.status for r in result.report] == ["loaded"]
    assert "\x00" not in result.articles[0].text


def test_ingest_fifo_in_corpus_is_skipped_with_a_record(tmp_path: Path) -> None:
    """Reading a named pipe waited forever, so ingest hung (issue 21, item 14)."""
    (tmp_path / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    assert _rejections(tmp_path) == {"pipe.txt": "P119"}


def test_ingest_link_out_of_the_corpus_is_refused(tmp_path: Path) -> None:
    """A link to a file outside the corpus folder was read as an article (issue 21, item 14)."""
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    corpus.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text(GOOD.replace("budget", "secret plan"))
    (corpus / "good.txt").write_text(GOOD)
    (corpus / "inner.txt").symlink_to(corpus / "good.txt")  # inside the folder: read (and merged as a copy)
    (corpus / "secret.txt").symlink_to(elsewhere / "secret.txt")
    (corpus / "outlet").symlink_to(elsewhere, target_is_directory=True)
    result = load_corpus(corpus)
    rejected = {r.file: r.code for r in result.report if r.status == "rejected"}
    assert rejected == {"secret.txt": "P118", "outlet": "P118"}
    assert all("secret plan" not in a.text for a in result.articles)
    assert [r.status for r in result.report if r.file == "inner.txt"] == ["merged"]
