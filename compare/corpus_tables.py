"""Where a corpus's records live: in memory after a build, or in its published build, read a story at a time.

A build of a million articles holds gigabytes of text, quotes and passages. Opening one must not read
them: the story list and the filters' facets come from small tables and ``meta.json``, and a story's
articles, quotes and passages are read when it is shown, from the row groups that hold them. The build
writes its tables for that (``write_tables``): articles in story order so a story's members sit in one or
two row groups, quotes in the same order, and an article -> passage index. Reading the whole of a table
(``articles``, ``quotes`` ...) still works, for exports and regrouping, and is done once, on first use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from compare import store
from compare.model import Article, IngestRecord, Passage, Quote, Record, Story

log = logging.getLogger(__name__)

R = TypeVar("R", bound=Record)

#: Rows per Parquet row group: a story read touches a few groups, each a few MB of text at most.
ARTICLE_GROUP_ROWS = 512
RECORD_GROUP_ROWS = 4096
#: The column that keeps each stored article's (and quote's) place in the corpus's order (for articles, the
#: order of ``vectors.npy``), so records read back come in the order the build made them.
CORPUS_ROW = "corpus_row"
#: The table that says which articles each shared passage joins (passage row per article id).
PASSAGE_INDEX = "passage_index"
#: Each story's independent reports, counted by the build (a story the user regroups is counted on demand).
STORY_REPORTS = "story_reports"


@dataclass(frozen=True)
class Facets:
    """What the filters and the header need about all articles, kept in ``meta.json``."""

    articles: int
    outlet_articles: dict[str, int]  # outlet -> its articles
    first_day: str | None  # ISO day of the earliest dated article (None: no dates)
    last_day: str | None

    @classmethod
    def of(cls, articles: Sequence[Article]) -> Facets:
        counts: dict[str, int] = {}
        for article in articles:
            counts[article.outlet] = counts.get(article.outlet, 0) + 1
        days = sorted(a.published[:10] for a in articles if a.published)
        return cls(len(articles), dict(sorted(counts.items())), days[0] if days else None, days[-1] if days else None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "outlets": self.outlet_articles,
            "first": self.first_day,
            "last": self.last_day,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facets:
        return cls(
            int(data["articles"]), {str(k): int(v) for k, v in data["outlets"].items()}, data["first"], data["last"]
        )


class CorpusTables(Protocol):
    """A corpus's records: each whole table, and the parts one story needs."""

    @property
    def articles(self) -> list[Article]: ...
    @property
    def report(self) -> list[IngestRecord]: ...
    @property
    def quotes(self) -> list[Quote]: ...
    @property
    def passages(self) -> list[Passage]: ...
    @property
    def internal_reuse(self) -> list[Passage]: ...
    @property
    def vectors(self) -> np.ndarray: ...
    @property
    def facets(self) -> Facets: ...

    def articles_of(self, ids: Sequence[str]) -> list[Article]:
        """The articles with these ids, in the ids' order (unknown ids are skipped)."""
        ...

    def quotes_of(self, ids: Sequence[str]) -> list[Quote]:
        """The quotes of these articles, in the corpus's order."""
        ...

    def passages_of(self, ids: Sequence[str]) -> list[Passage]:
        """Shared passages that join at least one of these articles, in the corpus's order."""
        ...

    def vectors_of(self, ids: Sequence[str]) -> np.ndarray:
        """The article vectors of these ids (rows in the ids' order)."""
        ...

    def problems(self) -> list[IngestRecord]:
        """Ingest report rows of inputs not loaded as they were (merged, skipped, failed)."""
        ...

    def stored_reports(self) -> dict[str, int]:
        """Independent reports the build counted, by story id (empty: count them)."""
        ...


class MemoryTables:
    """A fresh build's records, as the build made them."""

    def __init__(
        self,
        articles: list[Article],
        report: list[IngestRecord],
        quotes: list[Quote],
        passages: list[Passage],
        internal_reuse: list[Passage],
        vectors: np.ndarray,
    ) -> None:
        self.articles = articles
        self.report = report
        self.quotes = quotes
        self.passages = passages
        self.internal_reuse = internal_reuse
        self.vectors = vectors

    @cached_property
    def facets(self) -> Facets:
        return Facets.of(self.articles)

    @cached_property
    def _by_id(self) -> dict[str, int]:
        return {a.id: k for k, a in enumerate(self.articles)}

    def articles_of(self, ids: Sequence[str]) -> list[Article]:
        return [self.articles[self._by_id[i]] for i in ids if i in self._by_id]

    def quotes_of(self, ids: Sequence[str]) -> list[Quote]:
        wanted = set(ids)
        return [q for q in self.quotes if q.article_id in wanted]

    @cached_property
    def _passages_by_article(self) -> dict[str, list[int]]:
        rows: dict[str, list[int]] = {}
        for row, passage in enumerate(self.passages):
            for article_id in passage.article_ids:
                rows.setdefault(article_id, []).append(row)
        return rows

    def passages_of(self, ids: Sequence[str]) -> list[Passage]:
        rows = sorted({r for i in ids for r in self._passages_by_article.get(i, ())})
        return [self.passages[r] for r in rows]

    def vectors_of(self, ids: Sequence[str]) -> np.ndarray:
        return self.vectors[[self._by_id[i] for i in ids]]

    def problems(self) -> list[IngestRecord]:
        return [r for r in self.report if r.status != "loaded"]

    def stored_reports(self) -> dict[str, int]:
        return {}


# --- writing ------------------------------------------------------------------------------


def story_order(articles: Sequence[Article], stories: Sequence[Story]) -> np.ndarray:
    """Corpus rows of the articles, story by story (the stories' order, then each story's members):
    the order the build stores them in, so one story's articles are neighbours on disk."""
    row = {a.id: k for k, a in enumerate(articles)}
    placed = [row[i] for s in stories for i in s.article_ids if i in row]
    seen = np.zeros(len(articles), dtype=bool)
    order = []
    for k in placed:
        if not seen[k]:
            seen[k] = True
            order.append(k)
    order.extend(np.flatnonzero(~seen).tolist())  # articles no story lists (none after grouping)
    return np.asarray(order, dtype=np.int64)


def write_tables(
    write: Callable[[str, pd.DataFrame, int], None],
    tables: CorpusTables,
    stories: Sequence[Story],
    reports: dict[str, int],
) -> list[str]:
    """Write the record tables through ``write(name, frame, row_group_rows)``; returns the names written."""
    order = story_order(tables.articles, stories)
    articles = store.records_frame([tables.articles[k] for k in order])
    articles[CORPUS_ROW] = order
    write("articles", articles, ARTICLE_GROUP_ROWS)
    place = {tables.articles[k].id: p for p, k in enumerate(order)}
    quote_order = sorted(range(len(tables.quotes)), key=lambda k: place.get(tables.quotes[k].article_id, len(place)))
    quotes = store.records_frame([tables.quotes[k] for k in quote_order])
    quotes[CORPUS_ROW] = np.asarray(quote_order, dtype=np.int64)
    write("quotes", quotes, RECORD_GROUP_ROWS)
    write("passages", store.records_frame(tables.passages), RECORD_GROUP_ROWS)
    index = [(article_id, row) for row, p in enumerate(tables.passages) for article_id in p.article_ids]
    write(PASSAGE_INDEX, pd.DataFrame(index, columns=["article_id", "passage_row"]), RECORD_GROUP_ROWS)
    write("internal_reuse", store.records_frame(tables.internal_reuse), RECORD_GROUP_ROWS)
    write("report", store.records_frame(tables.report), RECORD_GROUP_ROWS)
    write(
        STORY_REPORTS,
        pd.DataFrame(list(reports.items()), columns=["story_id", "independent_reports"]),
        RECORD_GROUP_ROWS,
    )
    return ["articles", "quotes", "passages", PASSAGE_INDEX, "internal_reuse", "report", STORY_REPORTS]


# --- reading ------------------------------------------------------------------------------


class StoredTables:
    """A published build's records, read on demand (``folder`` holds the tables ``write_tables`` wrote).

    Opening checks that every table's footer reads and holds the rows ``meta.json`` counted, so a
    truncated or emptied file sends the open to a rebuild instead of failing later in a story.
    """

    def __init__(self, folder: Path, facets: Facets) -> None:
        self.folder = folder
        self.facets = facets
        self._files: dict[str, pq.ParquetFile] = {}
        for name in ("articles", "quotes", "passages", PASSAGE_INDEX, "internal_reuse", "report", STORY_REPORTS):
            path = folder / f"{name}.parquet"
            try:
                self._files[name] = pq.ParquetFile(path)
            except Exception as exc:
                raise store.DamagedCache(f"{path} is unreadable ({type(exc).__name__}: {exc})") from exc
        if self._files["articles"].metadata.num_rows != facets.articles:
            raise store.DamagedCache(
                f"{folder / 'articles.parquet'} does not hold the build's {facets.articles} articles"
            )
        _ = self.vectors  # memory-mapped: reads only its header, and an emptied or cut file fails here

    # whole tables (read once, on first use)

    @cached_property
    def articles(self) -> list[Article]:
        frame = self._table("articles").sort_values(CORPUS_ROW, kind="stable")
        return store.frame_records(Article, frame)

    @cached_property
    def report(self) -> list[IngestRecord]:
        return store.frame_records(IngestRecord, self._table("report"))

    @cached_property
    def quotes(self) -> list[Quote]:
        return store.frame_records(Quote, self._table("quotes").sort_values(CORPUS_ROW, kind="stable"))

    @cached_property
    def passages(self) -> list[Passage]:
        return store.frame_records(Passage, self._table("passages"))

    @cached_property
    def internal_reuse(self) -> list[Passage]:
        return store.frame_records(Passage, self._table("internal_reuse"))

    @cached_property
    def vectors(self) -> np.ndarray:
        """The article vectors, memory-mapped: rows are read from disk as they are used."""
        path = self.folder / "vectors.npy"
        try:
            vectors = np.load(path, mmap_mode="r", allow_pickle=False)
        except Exception as exc:
            raise store.DamagedCache(f"{path} is unreadable ({type(exc).__name__}: {exc})") from exc
        if len(vectors) != self.facets.articles and self.facets.articles:
            raise store.DamagedCache(f"{path} does not hold a vector per article")
        return vectors  # type: ignore[no-any-return]

    # a story's part

    def articles_of(self, ids: Sequence[str]) -> list[Article]:
        rows = self._rows(self._article_ids, ids)
        found = {a.id: a for a in store.frame_records(Article, self._read_rows("articles", rows))}
        return [found[i] for i in ids if i in found]

    def quotes_of(self, ids: Sequence[str]) -> list[Quote]:
        rows = self._rows(self._quote_articles, ids)
        return store.frame_records(Quote, self._read_rows("quotes", rows).sort_values(CORPUS_ROW, kind="stable"))

    def passages_of(self, ids: Sequence[str]) -> list[Passage]:
        index = self._passage_index
        hits = _matching(index.column("article_id"), ids)
        rows = np.unique(index.column("passage_row").to_numpy()[hits])
        return store.frame_records(Passage, self._read_rows("passages", rows))

    def vectors_of(self, ids: Sequence[str]) -> np.ndarray:
        rows = self._rows(self._article_ids, ids)
        stored = self._corpus_rows[rows]
        where = dict(zip(self._article_ids.take(pa.array(rows)).to_pylist(), stored.tolist(), strict=True))
        return np.asarray(self.vectors[[where[i] for i in ids if i in where]])

    def problems(self) -> list[IngestRecord]:
        statuses = self._key_column("report", "status")
        rows = np.zeros(0, dtype=np.int64)
        if len(statuses):
            rows = np.flatnonzero(pc.not_equal(statuses, "loaded").to_numpy(zero_copy_only=False))
        return store.frame_records(IngestRecord, self._read_rows("report", rows))

    def stored_reports(self) -> dict[str, int]:
        frame = self._table(STORY_REPORTS)
        return dict(zip(frame["story_id"], frame["independent_reports"].astype(int), strict=True))

    # the indexes (one column each, read on the first story shown)

    @cached_property
    def _article_ids(self) -> pa.ChunkedArray:
        return self._key_column("articles", "id")

    @cached_property
    def _corpus_rows(self) -> np.ndarray:
        return self._files["articles"].read(columns=[CORPUS_ROW]).column(CORPUS_ROW).to_numpy()

    @cached_property
    def _quote_articles(self) -> pa.ChunkedArray:
        return self._key_column("quotes", "article_id")

    def _key_column(self, name: str, column: str) -> pa.ChunkedArray:
        """One column of a table (a table stored with no rows may have no columns at all)."""
        file = self._files[name]
        if column not in file.schema_arrow.names:
            return pa.chunked_array([], type=pa.string())
        return file.read(columns=[column]).column(column)

    @cached_property
    def _passage_index(self) -> pa.Table:
        return self._files[PASSAGE_INDEX].read()

    def _rows(self, keys: pa.ChunkedArray, ids: Iterable[str]) -> np.ndarray:
        """Stored rows whose key is one of ``ids`` (ascending)."""
        return _matching(keys, ids)

    def _read_rows(self, name: str, rows: np.ndarray) -> pd.DataFrame:
        """Just these stored rows (ascending), reading only the row groups that hold them."""
        file = self._files[name]
        if len(rows) == 0:
            return file.schema_arrow.empty_table().to_pandas()
        starts = np.cumsum([0] + [file.metadata.row_group(g).num_rows for g in range(file.num_row_groups)])
        groups = np.unique(np.searchsorted(starts, rows, side="right") - 1)
        try:
            table = file.read_row_groups(groups.tolist())
        except Exception as exc:
            raise store.DamagedCache(
                f"{self.folder / name}.parquet is unreadable ({type(exc).__name__}: {exc})"
            ) from exc
        offsets = np.concatenate([np.arange(starts[g], starts[g + 1]) for g in groups])
        local = np.searchsorted(offsets, rows)
        return table.take(pa.array(local)).to_pandas()

    def _table(self, name: str) -> pd.DataFrame:
        try:
            return self._files[name].read().to_pandas()
        except Exception as exc:
            raise store.DamagedCache(
                f"{self.folder / name}.parquet is unreadable ({type(exc).__name__}: {exc})"
            ) from exc


def _matching(keys: pa.ChunkedArray, ids: Iterable[str]) -> np.ndarray:
    """Positions (ascending) of the keys that are one of ``ids``; a table stored empty has no typed keys."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    wanted = pa.array(list(ids), type=pa.string()).cast(keys.type)
    return np.flatnonzero(pc.is_in(keys, value_set=wanted).to_numpy(zero_copy_only=False))
