"""A build's tables are folders of Parquet parts: read across parts they give exactly what the build held, any
Parquet reader takes a folder as one dataset, and parts encoded on the build's workers equal parts encoded here."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow.dataset as ds
import pytest

from benchmarks.bench_scale import synthetic_records
from compare import corpus_tables, parallel, parquet_parts, pipeline, settings, store
from compare.framing.distinctive import TermPrior
from compare.model import Article, CorpusInfo

_TEXTS = [(f"Headline {k}", f"Body {k}. " + "Words of the story go on here. " * 12) for k in range(30)]
N = 600


def _corpus(tmp_path: Path, articles: list[Article] | None = None) -> pipeline.Corpus:
    records = synthetic_records(N, texts=_TEXTS)
    vectors = np.random.default_rng(1).standard_normal((N, 8)).astype(np.float32)
    return pipeline.Corpus.in_memory(
        tmp_path, CorpusInfo("Synthetic"), articles or records["articles"], records["report"], records["stories"],
        records["quotes"], records["passages"], [], vectors,
    )  # fmt: skip


def _saved(made: pipeline.Corpus, cache: Path) -> pipeline.Corpus:
    folder = pipeline._save(made, TermPrior(Counter(), frozenset()), {}, {}, cache, "k")
    return pipeline._load(made.path, folder)


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of a few dozen rows and row groups of fewer, so reads cross part and group boundaries."""
    monkeypatch.setattr(corpus_tables, "ARTICLE_PART_ROWS", 37)
    monkeypatch.setattr(parquet_parts, "PART_ROWS", 150)
    monkeypatch.setattr(corpus_tables, "ARTICLE_GROUP_ROWS", 8)
    monkeypatch.setattr(corpus_tables, "RECORD_GROUP_ROWS", 16)


def _assert_same(made: pipeline.Corpus, opened: pipeline.Corpus) -> None:
    assert opened.articles == made.articles
    assert opened.quotes == made.quotes
    assert opened.tables.passages == made.tables.passages
    assert opened.stories == made.stories
    for story in made.stories:
        assert opened.story_articles(story.story_id) == made.story_articles(story.story_id)
        assert opened.story_quotes(story.story_id) == made.story_quotes(story.story_id)
        assert opened.story_passages(story.story_id) == made.story_passages(story.story_id)
        ids = list(story.article_ids)
        assert np.array_equal(opened.tables.vectors_of(ids), made.tables.vectors_of(ids))
    assert opened.tables.stored_reports() == dict(
        zip((s.story_id for s in made.stories), made.independent_reports(), strict=True)
    )


def test_tables_of_many_parts_read_back_exactly(tmp_path: Path, small_parts: None) -> None:
    made = _corpus(tmp_path)
    opened = _saved(made, tmp_path / "cache")
    assert opened.folder is not None
    assert len(parquet_parts.part_files(opened.folder, "articles")) == -(-N // 37)
    assert len(parquet_parts.part_files(opened.folder, "quotes")) == -(-len(made.quotes) // 150)
    meta = store.build_problem(opened.folder, "k")
    assert meta is None, meta  # meta.json lists every part, and every part is there
    _assert_same(made, opened)


def test_a_column_with_no_values_in_one_part_reads_back(tmp_path: Path, small_parts: None) -> None:
    """Parts are encoded on their own: a column all empty in one part (typed null there) and filled in the
    next still reads back as one column, whole or by rows across the two."""
    records = synthetic_records(N, texts=_TEXTS)
    articles = [
        dataclasses.replace(a, published=None, published_source=None) if k < 37 * 3 else a
        for k, a in enumerate(records["articles"])
    ]
    made = _corpus(tmp_path, articles)
    opened = _saved(made, tmp_path / "cache")
    _assert_same(made, opened)
    assert opened.tables.articles_of([articles[0].id, articles[-1].id]) == [articles[0], articles[-1]]


def test_a_table_folder_is_one_dataset_to_any_parquet_reader(tmp_path: Path, small_parts: None) -> None:
    made = _corpus(tmp_path)
    opened = _saved(made, tmp_path / "cache")
    assert opened.folder is not None
    table = ds.dataset(opened.folder / "articles", format="parquet").to_table(columns=["id", "outlet"])
    assert sorted(table.column("id").to_pylist()) == sorted(a.id for a in made.articles)
    assert Counter(table.column("outlet").to_pylist()) == Counter(a.outlet for a in made.articles)


def test_a_damaged_part_is_named(tmp_path: Path, small_parts: None) -> None:
    made = _corpus(tmp_path)
    opened = _saved(made, tmp_path / "cache")
    assert opened.folder is not None
    part = parquet_parts.part_files(opened.folder, "quotes")[1]
    part.write_bytes(part.read_bytes()[:100])
    with pytest.raises(store.DamagedCache, match=r"quotes/part-00001\.parquet"):
        store.read_table(opened.folder, "quotes")


def test_parts_encoded_on_the_build_workers_equal_parts_encoded_here(
    tmp_path: Path, small_parts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside a build (``build_workers``) the articles' parts and the independent-report counts go to worker
    processes; what they write is what one process writes."""
    made = _corpus(tmp_path)
    here = _saved(made, tmp_path / "here")
    monkeypatch.setattr(settings, "PARALLEL_MIN_ITEMS", 10)
    monkeypatch.setattr(settings, "BUILD_WORKERS", 2)
    monkeypatch.setattr(pipeline, "_REPORT_SLICE", 20)
    sent: list[bool] = []
    real = parallel.runs_in_workers

    def spy(items: int, parts: int, workers: int | None = None) -> bool:
        sent.append(real(items, parts, workers))
        return sent[-1]

    monkeypatch.setattr(parallel, "runs_in_workers", spy)
    with parallel.build_workers():
        there = _saved(made, tmp_path / "there")
    assert sent.count(True) >= 2, "the parts and the report counts went to the workers"
    assert here.folder is not None and there.folder is not None
    for name in ("articles", "quotes", corpus_tables.STORY_REPORTS):
        assert store.read_table(there.folder, name).equals(store.read_table(here.folder, name))
    _assert_same(made, there)


def test_one_column_read_across_parts_typed_differently(tmp_path: Path) -> None:
    """``StoredTable.column`` on a column with no values in its first part (typed null there)."""
    import pandas as pd

    writer = store.BuildWriter(tmp_path, "k")
    first = pd.DataFrame({"id": ["a", "b"], "note": [None, None]})  # encoded on its own, as workers do
    writer.parts(
        "t", [parquet_parts.encode(first), parquet_parts.encode(pd.DataFrame({"id": ["c", "d"], "note": ["x", "y"]}))]
    )
    table = corpus_tables.StoredTable(writer.staging, "t")
    assert table.num_rows == 4
    assert table.column("note").to_pylist() == [None, None, "x", "y"]
    rows = table.read_rows(np.array([1, 2]))
    assert rows["id"].tolist() == ["b", "c"]
    assert pd.isna(rows["note"][0]) and rows["note"][1] == "x"
    writer.discard()
