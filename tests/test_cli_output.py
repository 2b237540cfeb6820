"""cli: failures exit non-zero with a coded message, counts read "1 article" / "2 articles", columns line up,
an empty listing says so, and a single file's build is cached per user, not next to the file."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare import settings, store
from compare.cli import main
from compare.text_format import aligned, noun_for
from tests.conftest import BUNDLED, REPO, SEED_ASKTRUTH


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_cli_missing_path_exits_non_zero_with_a_coded_message() -> None:
    """The reported bug, exactly as a user meets it: a real process, its exit code and its stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "compare", "quotes", "/missing/path"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "P164" in done.stderr and "/missing/path" in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ("ingest", "{missing}"),
        ("ingest", "{missing}", "--json"),
        ("quotes", "{missing}"),
        ("evaluate", "quotes", "{missing}"),
    ],
)
def test_cli_missing_path_is_p164(argv: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere" / "article.txt"
    code, out = _run(*(arg.format(missing=missing) for arg in argv))
    assert code == 2 and out == ""
    assert f"P164: {missing} does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["ingest", "quotes"])
def test_cli_file_with_no_readable_article_is_p165(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02\x03 not text")
    code, out = _run(command, str(binary), "--json")
    err = capsys.readouterr().err
    assert code == 2 and out == ""  # JSON output stays clean: the report goes to stderr
    assert "P165" in err and "1 rejected" in err
    assert "P101" in err  # the file's own cause and fix, from the ingest report


def test_cli_ingest_text_lines_up_its_columns() -> None:
    code, out = _run("ingest", str(BUNDLED))
    rows = [line for line in out.splitlines() if not line.startswith(("ingest report", " "))]
    assert code == 0 and len(rows) == 2
    outlets = ("The Duran", "AskTruth24")
    starts = {line.index(next(o for o in outlets if o in line)) for line in rows}
    assert len(starts) == 1  # the outlet column starts at the same place on every line
    dash = {line.index("  -  ") for line in rows}
    assert len(dash) == 1  # and so does the date column after outlets of different lengths


@pytest.mark.parametrize(("n", "noun"), [(0, "articles"), (1, "article"), (2, "articles")])
def test_text_format_noun_for_counts(n: int, noun: str) -> None:
    assert noun_for(n, "article") == noun
    assert noun_for(n, "story", "stories") == ("story" if n == 1 else "stories")


def test_text_format_aligned_pads_text_left_and_numbers_right() -> None:
    lines = aligned([("s1", "1", "article", "Short"), ("s22", "12", "articles", "Longer title")])
    assert lines == ["s1    1  article   Short", "s22  12  articles  Longer title"]


def test_store_single_file_is_cached_per_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "USER_CACHE_DIR", tmp_path / "user-cache")
    folder = tmp_path / "downloads"
    folder.mkdir()
    article = folder / "one.txt"
    shutil.copy(SEED_ASKTRUTH, article)
    assert store.cache_dir(article).is_relative_to(tmp_path / "user-cache")
    assert store.cache_dir(folder) == folder / settings.CACHE_DIRNAME  # a corpus folder keeps its own


@pytest.fixture(scope="module")
def one_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article file in a folder of the user's; the commands below build it (in the per-user cache)."""
    article = tmp_path_factory.mktemp("downloads") / "milley.txt"
    shutil.copy(SEED_ASKTRUTH, article)
    return article


def test_cli_stories_of_one_file_writes_nothing_beside_it(one_file: Path) -> None:
    code, out = _run("stories", str(one_file))
    assert code == 0
    assert sorted(p.name for p in one_file.parent.iterdir()) == ["milley.txt"]  # no .parallax/ beside it
    assert " 1  article " in out and " 1  outlet " in out and " 1  independent report " in out
    assert "articles" not in out and "outlets" not in out


def test_cli_stories_json_carries_independent_reports(one_file: Path) -> None:
    code, out = _run("stories", str(one_file), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [row["independent_reports"] for row in rows] == [1]


def test_cli_passages_text_says_when_there_are_none(one_file: Path) -> None:
    code, out = _run("passages", str(one_file))
    assert code == 0 and out.startswith("no shared passages")
    code, out = _run("passages", str(one_file), "--json")
    assert code == 0 and out == ""  # JSON Lines: no rows, no prose


def test_cli_info_counts_one_article_in_the_singular(one_file: Path) -> None:
    code, out = _run("info", str(one_file))
    assert code == 0 and "1 article from 1 outlet\n" in out


@pytest.mark.parametrize(
    ("name", "data", "extra"),
    [
        (
            "mine.json",
            json.dumps([{"id": "r-7", "title": "Harbor floods", "text": "The harbor flooded.", "topic": "weather"}]),
            {"topic": "weather"},
        ),
        ("mine.csv", 'id,title,text,desk\nr-7,Harbor floods,"The harbor flooded.",city\n', {"desk": "city"}),
    ],
)
def test_cli_ingest_json_keeps_the_inputs_own_id_and_fields(
    name: str, data: str, extra: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / name).write_text(data, encoding="utf-8")
    code, out = _run("ingest", str(tmp_path / name), "--json")
    [row] = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and row["source_id"] == "r-7" and row["extra"] == extra


def test_source_id_and_extra_survive_the_cache() -> None:
    from compare.model import Article

    article = Article("a1", "Metro", "T", "Text.", "f.json", source_id="r-7", extra={"desk": "city"})
    plain = Article("a2", "Metro", "T", "Text two.", "f.txt")
    back = store.frame_records(Article, store.records_frame([article, plain]))
    assert back == [article, plain]
