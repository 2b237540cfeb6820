"""Opening a build reads its story list and facets, not its articles, quotes and passages: those are read a
story at a time from the row groups that hold them, and give exactly what the build held in memory."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from benchmarks.bench_scale import synthetic_records
from compare import corpus_tables, pipeline, store
from compare.corpus_tables import Facets, StoredTables
from compare.framing.distinctive import TermPrior
from compare.model import CorpusInfo
from compare.story import listing
from tests.conftest import BUNDLED

_TEXTS = [(f"Headline {k}", f"Body {k}. " + "Words of the story go on here. " * 20) for k in range(40)]


def _made(tmp_path: Path, n: int) -> tuple[pipeline.Corpus, pipeline.Corpus]:
    """A synthetic corpus of ``n`` articles in memory, and the same corpus saved and opened again."""
    records = synthetic_records(n, texts=_TEXTS)
    vectors = np.random.default_rng(0).standard_normal((n, 8)).astype(np.float32)
    made = pipeline.Corpus.in_memory(
        tmp_path, CorpusInfo("Synthetic"), records["articles"], records["report"], records["stories"],
        records["quotes"], records["passages"], [], vectors,
    )  # fmt: skip
    folder = pipeline._save(made, TermPrior(Counter(), frozenset()), {}, {}, tmp_path / "cache", "k")
    return made, pipeline._load(tmp_path, folder)


@pytest.fixture
def small_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Row groups of a few rows, so a story's read can be seen to skip most of them."""
    monkeypatch.setattr(corpus_tables, "ARTICLE_GROUP_ROWS", 16)
    monkeypatch.setattr(corpus_tables, "RECORD_GROUP_ROWS", 32)


def test_open_reads_no_record_table(tmp_path: Path, small_groups: None, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real_read = pq.ParquetFile.read

    def spy(self: pq.ParquetFile, *args: object, **kwargs: object) -> object:
        read.append(",".join(self.schema_arrow.names))
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read", spy)
    made, opened = _made(tmp_path, 600)
    assert read == []  # opening read footers and the story table only
    assert opened.facets == Facets.of(made.articles)
    assert listing.corpus_counts(opened) == listing.corpus_counts(made)
    assert listing.story_list(opened).equals(listing.story_list(made))  # reports counted by the build
    assert read == ["story_id,independent_reports"]
    for name in ("articles", "quotes", "passages", "report"):
        assert name not in opened.tables.__dict__, f"{name} was read whole"


def test_a_story_reads_only_the_row_groups_of_its_articles(
    tmp_path: Path, small_groups: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, opened = _made(tmp_path, 600)
    groups: list[int] = []
    real = pq.ParquetFile.read_row_groups

    def spy(self: pq.ParquetFile, row_groups: list[int], *args: object, **kwargs: object) -> object:
        groups.extend(row_groups)
        return real(self, row_groups, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_groups", spy)
    story = max(made.stories, key=lambda s: len(s.article_ids))
    assert opened.story_articles(story.story_id) == made.story_articles(story.story_id)
    articles_file = pq.ParquetFile(opened.folder / "articles" / "part-00000.parquet")
    assert articles_file.num_row_groups > 20
    assert len(groups) <= 2  # a story's articles are stored together


def test_stored_corpus_gives_what_the_build_held(tmp_path: Path, small_groups: None) -> None:
    made, opened = _made(tmp_path, 600)
    for story in made.stories[::7]:
        sid = story.story_id
        assert opened.story_articles(sid) == made.story_articles(sid)
        assert opened.story_quotes(sid) == made.story_quotes(sid)
        assert opened.story_passages(sid) == made.story_passages(sid)
        ids = list(story.article_ids)
        assert np.array_equal(opened.article_vectors(ids), made.article_vectors(ids))
    assert opened.articles == made.articles  # whole tables come back in the build's order
    assert opened.quotes == made.quotes
    assert opened.passages == made.passages
    assert opened.report == made.report
    assert opened.articles_of(["nobody", made.articles[5].id]) == [made.articles[5]]
    assert np.array_equal(opened.vectors, made.vectors)  # read whole (regrouping), back in the corpus's order


def test_article_vectors_are_a_parquet_dataset_beside_the_articles(tmp_path: Path, small_groups: None) -> None:
    """An analyst reads the vectors with any Parquet reader, row for row with the articles table."""
    made, opened = _made(tmp_path, 300)
    vectors = ds.dataset(opened.folder / "vectors").to_table()
    articles = ds.dataset(opened.folder / "articles").to_table(columns=["id", corpus_tables.CORPUS_ROW])
    assert vectors.column("id").to_pylist() == articles.column("id").to_pylist()
    rows = articles.column(corpus_tables.CORPUS_ROW).to_numpy()
    assert np.array_equal(np.array(vectors.column("vector").to_pylist(), dtype=np.float32), made.vectors[rows])


def test_a_regrouped_story_is_counted_on_demand(tmp_path: Path) -> None:
    made, opened = _made(tmp_path, 200)
    multi = [s for s in made.stories if len(s.outlets) > 1][:2]
    from compare.group import make_story

    joined = make_story(made.articles_of([*multi[0].article_ids, *multi[1].article_ids]), "joined", ())
    made.stories = opened.stories = [joined, *made.stories]
    assert joined.story_id not in opened.tables.stored_reports()
    assert opened.independent_reports() == made.independent_reports()
    assert opened.story(joined.story_id) == joined  # the story index follows replaced stories


def test_empty_tables_open_and_read(tmp_path: Path) -> None:
    records = synthetic_records(3, texts=_TEXTS)
    made = pipeline.Corpus.in_memory(
        tmp_path, CorpusInfo("Bare"), records["articles"], [], records["stories"], [], [], [],
        np.zeros((3, 4), dtype=np.float32),
    )  # fmt: skip
    opened = pipeline._load(
        tmp_path, pipeline._save(made, TermPrior(Counter(), frozenset()), {}, {}, tmp_path / "c", "k")
    )
    story = opened.stories[0].story_id
    assert opened.story_quotes(story) == [] and opened.story_passages(story) == []
    assert opened.tables.problems() == [] and opened.quotes == []


def test_a_build_with_rows_missing_is_damaged(tmp_path: Path) -> None:
    made, opened = _made(tmp_path, 100)
    assert opened.folder is not None
    meta = (opened.folder / "meta.json").read_text()
    facets = Facets.from_dict({**Facets.of(made.articles).to_dict(), "articles": 101})
    with pytest.raises(store.DamagedCache, match=r"build-\w+/articles does not hold"):
        StoredTables(opened.folder, facets)
    assert meta  # the build itself is untouched


def test_built_bundled_corpus_opens_the_same(tmp_path: Path) -> None:
    """The real pipeline: a build's in-memory corpus and the same build opened from the cache agree."""
    folder = tmp_path / "corpus"
    shutil.copytree(BUNDLED, folder)
    built = pipeline.build(folder)
    opened = pipeline.open_corpus(folder)
    assert isinstance(opened.tables, StoredTables)
    assert [s.story_id for s in opened.stories] == [s.story_id for s in built.stories]
    for story in built.stories:
        sid = story.story_id
        assert opened.story_articles(sid) == built.story_articles(sid)
        assert opened.story_quotes(sid) == built.story_quotes(sid)
        assert opened.story_passages(sid) == built.story_passages(sid)
    assert opened.independent_reports() == built.independent_reports()
    assert opened.articles == built.articles and opened.quotes == built.quotes


@pytest.mark.parametrize("per_read", [1, 7, 10_000])
def test_quotes_by_story_reads_many_stories_at_once_and_gives_what_story_quotes_gives(
    tmp_path: Path, small_groups: None, monkeypatch: pytest.MonkeyPatch, per_read: int
) -> None:
    made, opened = _made(tmp_path, 300)
    reads: list[int] = []
    real = opened.tables.quotes_of

    def counting(ids: list[str]) -> object:
        reads.append(len(ids))
        return real(ids)

    monkeypatch.setattr(opened.tables, "quotes_of", counting)
    listed = list(opened.quotes_by_story(stories_per_read=per_read))
    assert [story for story, _ in listed] == opened.stories
    for story, quotes in listed:
        assert quotes == made.story_quotes(story.story_id)
    assert sum(len(quotes) for _, quotes in listed) == len(made.quotes) > 0
    assert len(reads) == -(-len(opened.stories) // per_read)  # one read per run of stories, not one per story
