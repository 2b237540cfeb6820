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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from compare import parallel, parquet_parts, store
from compare.model import Article, IngestRecord, Passage, Quote, Record, Story

log = logging.getLogger(__name__)

R = TypeVar("R", bound=Record)

#: Rows per Parquet row group: a story read touches a few groups, each a few MB of text at most.
ARTICLE_GROUP_ROWS = 512
#: Articles per part of the articles table: a worker task's worth of text (tens of MB).
ARTICLE_PART_ROWS = 25_000
RECORD_GROUP_ROWS = 4096
#: The column that keeps each stored article's (and quote's) place in the corpus's order, so records read
#: back come in the order the build made them.
CORPUS_ROW = "corpus_row"
#: The table that says which articles each shared passage joins (passage row per article id).
PASSAGE_INDEX = "passage_index"
#: Each story's independent reports, counted by the build (a story the user regroups is counted on demand).
STORY_REPORTS = "story_reports"
#: The article vectors grouping used: an article id and its vector a row, in the articles table's order.
VECTORS = "vectors"


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
    writer: store.BuildWriter, tables: CorpusTables, stories: Sequence[Story], reports: dict[str, int]
) -> list[str]:
    """Write the record tables as parts through ``writer``; returns the parts' build-relative paths.

    The articles' parts (most of a build's bytes, and most of the time spent encoding them) are encoded
    on the build's workers when it has them, one part per task; the other tables here."""
    order = story_order(tables.articles, stories)
    rows = [(tables.articles[k], int(k)) for k in order]
    files = writer.parts("articles", _encoded_article_parts(rows))
    files += writer.parts(VECTORS, _vector_parts(tables, order))
    place = {tables.articles[k].id: p for p, k in enumerate(order)}
    quote_order = sorted(range(len(tables.quotes)), key=lambda k: place.get(tables.quotes[k].article_id, len(place)))
    quotes = store.records_frame([tables.quotes[k] for k in quote_order])
    quotes[CORPUS_ROW] = np.asarray(quote_order, dtype=np.int64)
    files += writer.table("quotes", quotes, RECORD_GROUP_ROWS)
    files += writer.table("passages", store.records_frame(tables.passages), RECORD_GROUP_ROWS)
    index = [(article_id, row) for row, p in enumerate(tables.passages) for article_id in p.article_ids]
    files += writer.table(PASSAGE_INDEX, pd.DataFrame(index, columns=["article_id", "passage_row"]), RECORD_GROUP_ROWS)
    files += writer.table("internal_reuse", store.records_frame(tables.internal_reuse), RECORD_GROUP_ROWS)
    files += writer.table("report", store.records_frame(tables.report), RECORD_GROUP_ROWS)
    frame = pd.DataFrame(list(reports.items()), columns=["story_id", "independent_reports"])
    files += writer.table(STORY_REPORTS, frame, RECORD_GROUP_ROWS)
    return files


def _vector_parts(tables: CorpusTables, order: np.ndarray) -> Iterator[bytes]:
    """The article vectors in stored order, in parts and row groups the size of the articles table's, so
    one story's vectors are a row group or two."""
    vectors, articles = tables.vectors, tables.articles
    for start in range(0, max(len(order), 1), ARTICLE_PART_ROWS):
        rows = order[start : start + ARTICLE_PART_ROWS]
        ids = pa.array([articles[k].id for k in rows.tolist()], type=pa.string())
        block = np.asarray(vectors[rows] if len(rows) else np.zeros((0, max(vectors.shape[-1], 1))), np.float32)
        table = pa.table({"id": ids, "vector": parquet_parts.vector_column(block)})
        yield parquet_parts.encode_table(table, ARTICLE_GROUP_ROWS)


def _encoded_article_parts(rows: Sequence[tuple[Article, int]]) -> Iterator[bytes]:
    """The articles table's parts, a few at a time (one per worker at once), so only those few parts' bytes
    are held before they are written. Outside a build nothing starts worker processes for this."""
    if not rows:
        yield from article_parts(rows)
        return
    workers = None if parallel.in_build_workers() else 1
    step = ARTICLE_PART_ROWS * max(2, parallel.worker_count())
    for start in range(0, len(rows), step):
        batch = rows[start : start + step]
        yield from parallel.map_slices(article_parts, batch, slice_size=ARTICLE_PART_ROWS, workers=workers)


def article_parts(rows: Sequence[tuple[Article, int]]) -> list[bytes]:
    """One part of the articles table (articles with their corpus rows, in stored order) as Parquet bytes."""
    frame = store.records_frame([article for article, _ in rows])
    frame[CORPUS_ROW] = np.asarray([row for _, row in rows], dtype=np.int64)
    return [parquet_parts.encode(frame, ARTICLE_GROUP_ROWS)]


# --- reading ------------------------------------------------------------------------------


class StoredTable:
    """One stored table: its parts' footers read at open, then whole columns, the whole table, or chosen rows
    read from just the row groups that hold them, across parts."""

    def __init__(self, folder: Path, name: str) -> None:
        self.where = folder / name
        paths = parquet_parts.part_files(folder, name)
        if not paths:
            raise store.DamagedCache(f"{self.where} holds no table parts")
        self.files: list[tuple[Path, pq.ParquetFile]] = []
        for path in paths:
            with _reading(path):
                self.files.append((path, pq.ParquetFile(path)))
        # every row group of every part, in row order, with the table row it starts at
        self._groups = [(part, g) for part, (_, file) in enumerate(self.files) for g in range(file.num_row_groups)]
        sizes = [self.files[part][1].metadata.row_group(g).num_rows for part, g in self._groups]
        self._starts = np.cumsum([0, *sizes])

    @property
    def num_rows(self) -> int:
        return int(self._starts[-1])

    def column(self, column: str) -> pa.ChunkedArray:
        """One column of every part (a table stored with no rows may have no columns at all: no values)."""
        chunks = []
        for path, file in self.files:
            if column in file.schema_arrow.names:
                with _reading(path):
                    chunks.append(file.read(columns=[column]).column(column))
        typed = [c.type for c in chunks if c.type != pa.null()]
        kind = typed[0] if typed else pa.string()
        # parts are encoded on their own: a column with no values in one part is typed null there
        return pa.chunked_array([piece for c in chunks for piece in c.cast(kind).chunks], type=kind)

    def read(self) -> pd.DataFrame:
        """The whole table, parts in order."""
        frames = []
        for path, file in self.files:
            with _reading(path):
                frames.append(file.read().to_pandas())
        return _joined(frames)

    def read_rows(self, rows: np.ndarray) -> pd.DataFrame:
        """Just these table rows (ascending), reading only the row groups that hold them."""
        if len(rows) == 0:
            return self.files[0][1].schema_arrow.empty_table().to_pandas()
        return _joined([table.to_pandas() for table in self._row_tables(rows)])

    def read_row_table(self, rows: np.ndarray) -> pa.Table:
        """``read_rows`` as one Arrow table (for columns pandas would turn into Python objects, e.g. vectors)."""
        if len(rows) == 0:
            return self.files[0][1].schema_arrow.empty_table()
        tables = self._row_tables(rows)
        return tables[0] if len(tables) == 1 else pa.concat_tables(tables)

    def _row_tables(self, rows: np.ndarray) -> list[pa.Table]:
        """The rows (ascending, at least one), one Arrow table per part that holds some."""
        wanted = np.unique(np.searchsorted(self._starts, rows, side="right") - 1)
        tables = []
        for part in sorted({self._groups[k][0] for k in wanted}):
            groups = [k for k in wanted.tolist() if self._groups[k][0] == part]
            path, file = self.files[part]
            with _reading(path):
                table = file.read_row_groups([self._groups[k][1] for k in groups])
            offsets = np.concatenate([np.arange(self._starts[k], self._starts[k + 1]) for k in groups])
            inside = rows[(rows >= offsets[0]) & (rows <= offsets[-1])]
            tables.append(table.take(pa.array(np.searchsorted(offsets, inside))))
        return tables


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Whatever a damaged part makes pyarrow raise, as one DamagedCache naming the part."""
    try:
        yield
    except Exception as exc:
        raise store.DamagedCache(f"{path} is unreadable ({type(exc).__name__}: {exc})") from exc


def _joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


class StoredTables:
    """A published build's records, read on demand (``folder`` holds the tables ``write_tables`` wrote).

    Opening checks that every table's footer reads and holds the rows ``meta.json`` counted, so a
    truncated or emptied file sends the open to a rebuild instead of failing later in a story.
    """

    def __init__(self, folder: Path, facets: Facets) -> None:
        self.folder = folder
        self.facets = facets
        self._tables = {
            name: StoredTable(folder, name)
            for name in (
                "articles",
                VECTORS,
                "quotes",
                "passages",
                PASSAGE_INDEX,
                "internal_reuse",
                "report",
                STORY_REPORTS,
            )
        }
        for name in ("articles", VECTORS):
            if self._tables[name].num_rows != facets.articles:
                raise store.DamagedCache(f"{folder / name} does not hold the build's {facets.articles} articles")

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
        """Every article vector, rows in the corpus's order (read whole: for regrouping)."""
        table = self._tables[VECTORS]
        stored = self._vectors_in(table.column("vector"))
        vectors = np.zeros_like(stored)
        vectors[self._corpus_rows] = stored
        return vectors

    def _vectors_in(self, column: pa.ChunkedArray) -> np.ndarray:
        dim = self._tables[VECTORS].files[0][1].schema_arrow.field("vector").type.list_size
        return parquet_parts.column_vectors(column, dim, np.float32)

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
        table = self._tables[VECTORS].read_row_table(self._rows(self._article_ids, ids))
        row = {article_id: k for k, article_id in enumerate(table.column("id").to_pylist())}
        vectors = self._vectors_in(table.column("vector"))
        return vectors[[row[i] for i in ids if i in row]]

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
        return self._tables["articles"].column(CORPUS_ROW).to_numpy()

    @cached_property
    def _quote_articles(self) -> pa.ChunkedArray:
        return self._key_column("quotes", "article_id")

    def _key_column(self, name: str, column: str) -> pa.ChunkedArray:
        return self._tables[name].column(column)

    @cached_property
    def _passage_index(self) -> pa.Table:
        index = self._tables[PASSAGE_INDEX]
        return pa.table({"article_id": index.column("article_id"), "passage_row": index.column("passage_row")})

    def _rows(self, keys: pa.ChunkedArray, ids: Iterable[str]) -> np.ndarray:
        """Stored rows whose key is one of ``ids`` (ascending)."""
        return _matching(keys, ids)

    def _read_rows(self, name: str, rows: np.ndarray) -> pd.DataFrame:
        return self._tables[name].read_rows(rows)

    def _table(self, name: str) -> pd.DataFrame:
        return self._tables[name].read()


def _matching(keys: pa.ChunkedArray, ids: Iterable[str]) -> np.ndarray:
    """Positions (ascending) of the keys that are one of ``ids``; a table stored empty has no typed keys."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    wanted = pa.array(list(ids), type=pa.string()).cast(keys.type)
    return np.flatnonzero(pc.is_in(keys, value_set=wanted).to_numpy(zero_copy_only=False))
