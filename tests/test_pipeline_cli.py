"""End to end on the bundled corpus with the real model: build, cache reuse, the CLI contract."""

from __future__ import annotations

import importlib
import io
import json
import shutil
from pathlib import Path

import pytest

from compare import pipeline, store
from compare.caches import clear_caches
from compare.cli import INGEST_FIELDS, PASSAGE_FIELDS, QUOTE_FIELDS, STORY_FIELDS, main
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the bundled corpus, built once for this module."""
    folder = tmp_path_factory.mktemp("corpus") / "iraq-letter"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns(".parallax"))
    pipeline.build(folder)
    return folder


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_pipeline_seeds_form_one_story_with_both_outlets(built: Path) -> None:
    corpus = pipeline.open_corpus(built)
    assert len(corpus.stories) == 1
    assert set(corpus.stories[0].outlets) == {"The Duran", "AskTruth24"}
    assert corpus.stories[0].first_published is None  # no dates: nothing invented
    assert corpus.vectors.shape == (2, 384)


def test_pipeline_open_unchanged_corpus_does_no_work(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged built corpus must open from the cache")

    monkeypatch.setattr(pipeline, "build", fail)
    corpus = pipeline.open_corpus(built)
    assert len(corpus.articles) == 2 and corpus.quotes and corpus.report
    assert pipeline.is_built(built)


def test_pipeline_cache_round_trip_keeps_records(built: Path) -> None:
    fresh = pipeline.open_corpus(built)
    rebuilt = pipeline.build(built)
    assert fresh.articles == rebuilt.articles
    assert fresh.stories == rebuilt.stories
    assert fresh.quotes == rebuilt.quotes
    assert fresh.passages == rebuilt.passages
    assert fresh.report == rebuilt.report
    assert fresh.internal_reuse == rebuilt.internal_reuse


def test_pipeline_opened_corpus_frames_a_story_from_what_the_build_stored(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a story embeds nothing and counts no corpus: the build stored sentence and frame vectors and counts."""
    from compare.embed import default_embedder
    from compare.framing import distinctive

    corpus = pipeline.open_corpus(built)
    model = default_embedder()
    asked: list[str] = []
    real_embed = model.embed
    monkeypatch.setattr(model, "embed", lambda texts: asked.extend(texts) or real_embed(texts))
    monkeypatch.setattr(distinctive, "corpus_prior", lambda articles: pytest.fail("the corpus prior was counted again"))
    indicators = corpus.story_framing(corpus.stories[0].story_id)
    assert asked == []
    assert {i.indicator for i in indicators} >= {"distinctive_word", "aspect"}
    assert corpus.term_prior.counts["letter"] >= 10


def test_pipeline_damaged_cache_is_rebuilt(built: Path) -> None:
    folder = store.current_build(store.cache_dir(built), pipeline.build_key(built))
    assert folder is not None
    (folder / "articles" / "part-00000.parquet").write_bytes(b"not parquet")
    corpus = pipeline.open_corpus(built)
    assert len(corpus.articles) == 2


def test_pipeline_edited_corpus_is_stale(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns(".parallax"))
    pipeline.build(folder)
    assert pipeline.is_built(folder)
    with (folder / "003_6378b18524bde12f.txt").open("a") as handle:
        handle.write("\nA late correction was appended to this article by its editors on the next day.\n")
    assert not pipeline.is_built(folder)


def test_cli_ingest_json_fields() -> None:
    code, out = _run("ingest", str(BUNDLED), "--json")
    rows = _json_lines(out)
    assert code == 0 and len(rows) == 2
    assert all(set(INGEST_FIELDS) <= set(row) for row in rows)


def test_cli_stories_json_fields(built: Path) -> None:
    code, out = _run("stories", str(built), "--json")
    rows = _json_lines(out)
    assert code == 0 and len(rows) == 1
    assert set(STORY_FIELDS) <= set(rows[0])
    assert sorted(rows[0]["outlets"]) == ["AskTruth24", "The Duran"]
    assert rows[0]["independent_reports"] == 2  # as the story list CSV counts them: no copy between the two


def test_cli_stories_text_counts_in_the_plural(built: Path) -> None:
    code, out = _run("stories", str(built))
    assert code == 0
    assert " 2  articles " in out and " 2  outlets " in out and " 2  independent reports " in out


def test_cli_report_that_cannot_be_written_is_a_coded_error(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story_id = pipeline.open_corpus(built).stories[0].story_id
    blocker = built.parent / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "r.html"  # its "folder" is a file: no report can be written there
    code, _ = _run("report", str(built), "--story", story_id, "--out", str(target))
    assert code == 2
    assert "P151" in capsys.readouterr().err


def test_cli_quotes_json_fields_on_one_file() -> None:
    code, out = _run("quotes", str(BUNDLED / "003_6378b18524bde12f.txt"), "--json")
    rows = _json_lines(out)
    assert code == 0 and rows
    assert all(set(QUOTE_FIELDS) <= set(row) for row in rows)
    assert any("Milley" in (row["speaker"] or "") for row in rows)


def test_cli_passages_json_on_seeds_reports_no_copied_narration(built: Path) -> None:
    code, out = _run("passages", str(built), "--json")
    rows = _json_lines(out)
    assert code == 0
    assert all(set(PASSAGE_FIELDS) <= set(row) and row["in_quote"] for row in rows)


def test_cli_info_lists_ingest_report(built: Path) -> None:
    code, out = _run("info", str(built))
    assert code == 0 and "2 loaded" in out


@pytest.mark.parametrize("command", ["stories", "passages", "info"])
def test_cli_missing_corpus_is_a_coded_error(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(command, str(tmp_path / "missing"))
    assert code == 2
    assert "P120" in capsys.readouterr().err


def test_cli_unknown_story_is_a_coded_error(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run("report", str(built), "--story", "no-such-story", "--out", str(built / "r.html"))
    assert code == 2
    assert "P140" in capsys.readouterr().err


def _copy_of_bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns(".parallax"))
    return folder


def test_pipeline_long_stories_get_their_names_recognised_by_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The naming panel of a long story opens without spaCy: the build stored its entities, and the panel
    made from them is the one recognised live. Shorter stories are left to the panel."""
    from compare import settings
    from compare.framing import story_text

    naming_panel = importlib.import_module("compare.framing.naming")  # the module, not the function it exports

    folder = _copy_of_bundled(tmp_path)
    monkeypatch.setattr(settings, "NAMING_STORE_MIN_WORDS", 10**6)
    assert pipeline.build(folder).stored_entities == {}
    monkeypatch.setattr(settings, "NAMING_STORE_MIN_WORDS", 100)
    pipeline.build(folder)
    corpus = pipeline.open_corpus(folder)
    assert len(corpus.stored_entities) == 2
    story = story_text(corpus.story_articles(corpus.stories[0].story_id))
    live = naming_panel.naming(story)
    monkeypatch.setattr(naming_panel, "spacy_model", lambda: pytest.fail("spaCy ran for names the build stored"))
    clear_caches()
    stored = naming_panel.naming(story, corpus.stored_entities)
    assert not live.empty
    assert stored.to_dict("records") == live.to_dict("records")


def test_pipeline_rebuild_recognises_names_of_changed_articles_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import settings

    naming_panel = importlib.import_module("compare.framing.naming")
    folder = _copy_of_bundled(tmp_path)
    monkeypatch.setattr(settings, "NAMING_STORE_MIN_WORDS", 100)
    pipeline.build(folder)
    edited = folder / "003_6378b18524bde12f.txt"
    text = edited.read_text()
    edited.write_text(text.replace("Are they really that ungrateful?", "Are they ungrateful, Milley asked?"))
    recognised: list[str] = []
    real = naming_panel.entities
    monkeypatch.setattr(naming_panel, "entities", lambda texts: recognised.extend(texts) or real(texts))
    pipeline.build(folder)
    assert len(recognised) == 1 and "Are they ungrateful, Milley asked?" in recognised[0]
    assert len(pipeline.open_corpus(folder).stored_entities) == 2


def test_pipeline_build_key_changes_with_the_embedding_stage(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change in what the embedding stage computes must not serve an old build as current."""
    from compare import embed

    before = pipeline.build_key(built)
    assert pipeline.is_built(built)
    monkeypatch.setattr(embed, "CHUNKING_VERSION", embed.CHUNKING_VERSION + 1)
    assert pipeline.build_key(built) != before
    assert not pipeline.is_built(built)
