"""Build a corpus end to end and open it again from the cache.

``build`` runs ingest -> clean -> embed -> group -> quotes -> passages once and stores
the results; ``open_corpus`` returns the cached build when the inputs and settings are
unchanged (no recomputation), and rebuilds when they changed or the cache is damaged.
Per-story views (resolved speakers, reuse, framing) are computed on demand from the
cached tables, because they are cheap and depend on manual regrouping.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from compare import settings, store
from compare.carryover import (
    DIGESTS_TABLE,
    DRAFTS_TABLE,
    HEAD_ENTITIES_TABLE,
    PAIR_REGIONS_TABLE,
    SENTENCE_KEYS_TABLE,
    PreviousBuild,
    article_digest,
    build_meta,
    digests_frame,
    head_entities_frame,
    pair_regions_frame,
    reuse_per_article,
    sentence_keys_frame,
)
from compare.corpus_tables import CorpusTables, Facets, MemoryTables, StoredTables, write_tables
from compare.errors import Code, ParallaxError
from compare.model import (
    Article,
    CorpusInfo,
    Indicator,
    IngestRecord,
    OutletInfo,
    Passage,
    Quote,
    Story,
)
from compare.progress import Advance, Progress, Update, no_progress
from compare.stage_code import stage_versions

if TYPE_CHECKING:
    from compare.embed import Embedder
    from compare.framing.distinctive import TermPrior
    from compare.framing.naming import Entities

log = logging.getLogger(__name__)

#: Stories per worker task when a build counts independent reports.
_REPORT_SLICE = 500


#: The build's stages, the unit each counts, and the share of build time each roughly takes (for the
#: overall bar; each stage's own bar counts its items).
_STAGES = (
    ("ingest", "files", 0.05),
    ("embed", "articles", 0.25),
    ("group", "articles", 0.05),
    ("sentences", "articles", 0.3),
    ("quotes", "articles", 0.18),
    ("names", "articles", 0.07),
    ("passages", "articles", 0.07),
    ("saving", "tables", 0.03),
)


class _Stages:
    """Turns each stage's (done, total) into ``Update`` records with the whole build's share."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.base = 0.0
        self.stage, self.unit, self.share, self.total = "", "", 0.0, 0

    def start(self, stage: str, total: int = 0) -> Advance:
        """Close the running stage, open ``stage``; returns the callback its work reports to."""
        if self.stage:
            self.advance(self.total, self.total)  # a stage that reports no items still ends complete
        self.base += self.share
        self.total = total
        shares = {name: (unit, share) for name, unit, share in _STAGES}
        self.stage = stage
        self.unit, self.share = shares[stage]
        self.advance(0, total)
        return self.advance

    def advance(self, done: int, total: int) -> None:
        part = done / total if total else 0.0
        self.progress(Update(self.stage, done, total, self.unit, min(1.0, self.base + self.share * part)))

    def finish(self) -> None:
        self.advance(self.total, self.total)
        self.progress(Update("done", 0, 0, "", 1.0))


@dataclass
class Corpus:
    """A built corpus: its stories, the corpus-wide analyses, and every article (``tables``: in memory
    after a build, read on demand from the published build after an open)."""

    path: Path
    info: CorpusInfo
    stories: list[Story]
    tables: CorpusTables
    folder: Path | None = None  # the published build folder, where lazily read tables live
    _framing: dict[str, list[Indicator]] = field(default_factory=dict, repr=False)

    @classmethod
    def in_memory(
        cls,
        path: Path,
        info: CorpusInfo,
        articles: list[Article],
        report: list[IngestRecord],
        stories: list[Story],
        quotes: list[Quote],
        passages: list[Passage],
        internal_reuse: list[Passage],
        vectors: np.ndarray,
    ) -> Corpus:
        """A corpus whose records are all in memory (a fresh build, a test's hand-made corpus)."""
        return cls(path, info, stories, MemoryTables(articles, report, quotes, passages, internal_reuse, vectors))

    # whole tables: a stored build reads each on first use (exports, regrouping), not when it opens
    @property
    def articles(self) -> list[Article]:
        return self.tables.articles

    @property
    def report(self) -> list[IngestRecord]:
        return self.tables.report

    @property
    def quotes(self) -> list[Quote]:
        return self.tables.quotes

    @property
    def passages(self) -> list[Passage]:
        return self.tables.passages

    @property
    def internal_reuse(self) -> list[Passage]:
        return self.tables.internal_reuse

    @property
    def vectors(self) -> np.ndarray:
        return self.tables.vectors

    @property
    def facets(self) -> Facets:
        """Article count, articles per outlet and the date range, without reading the articles."""
        return self.tables.facets

    def story(self, story_id: str) -> Story:
        found = self._story_index.get(story_id)
        if found is None or found.story_id != story_id:
            self.__dict__.pop("_story_index", None)  # the stories were replaced (regrouping, overrides)
            found = self._story_index.get(story_id)
        if found is None:
            raise ParallaxError(Code.P140, story=story_id, path=self.path)
        return found

    @cached_property
    def _story_index(self) -> dict[str, Story]:
        return {s.story_id: s for s in self.stories}

    def articles_of(self, article_ids: Sequence[str]) -> list[Article]:
        """The articles with these ids, in that order (ids the corpus lacks are skipped)."""
        return self.tables.articles_of(article_ids)

    def story_articles(self, story_id: str) -> list[Article]:
        return self.tables.articles_of(self.story(story_id).article_ids)

    def article_vectors(self, article_ids: Sequence[str]) -> np.ndarray:
        """The article vectors of these ids, one row each in that order."""
        return self.tables.vectors_of(article_ids)

    def story_quotes(self, story_id: str) -> list[Quote]:
        """Quotes of a story's articles, with one canonical speaker per person across outlets."""
        from compare.quotes import resolve_speakers

        return resolve_speakers(self.tables.quotes_of(self.story(story_id).article_ids))

    def quotes_by_story(self, stories_per_read: int = 500) -> Iterator[tuple[Story, list[Quote]]]:
        """Every story with its resolved quotes (as ``story_quotes`` gives them), in story order.

        Reads the quotes of ``stories_per_read`` stories at a time: asking story by story scans the
        quote index once per story, which on a large build is most of a corpus-wide listing's time,
        while reading the whole table at once holds every quote of a million-article build in memory.
        """
        from compare.quotes import resolve_speakers

        stories = self.stories
        for start in range(0, len(stories), stories_per_read):
            chunk = stories[start : start + stories_per_read]
            story_of = {a: s.story_id for s in chunk for a in s.article_ids}
            by_story: dict[str, list[Quote]] = {s.story_id: [] for s in chunk}
            for quote in self.tables.quotes_of(list(story_of)):  # in corpus order, as story_quotes reads them
                by_story[story_of[quote.article_id]].append(quote)
            for story in chunk:
                yield story, resolve_speakers(by_story[story.story_id])

    def story_passages(self, story_id: str) -> list[Passage]:
        """Shared passages with at least two articles of this story."""
        members = self.story(story_id).article_ids
        return [p for p in self.tables.passages_of(members) if len(set(members).intersection(p.article_ids)) >= 2]

    def independent_reports(self) -> list[int]:
        """Each story's independent reports (outlets not explained by shared copy), in the order of
        ``stories``: the build counts them once (on its workers, a run of stories per task); a story the user
        regrouped is counted when listed."""
        from compare import parallel
        from compare.passages import count_independent_reports

        stored = self.tables.stored_reports()
        reports: dict[str, int] = {}
        counted: list[tuple[str, tuple[list[Article], list[Passage]]]] = []  # stories whose copy is weighed
        for story in self.stories:
            if len(story.outlets) < 2:  # one outlet is one report by definition: no analysis needed
                reports[story.story_id] = 1
            elif story.story_id in stored:
                reports[story.story_id] = stored[story.story_id]
            else:
                members = set(story.article_ids)
                near = self.tables.passages_of(story.article_ids)
                shared = [p for p in near if len(members.intersection(p.article_ids)) >= 2]
                articles = self.tables.articles_of(story.article_ids)
                if shared:
                    counted.append((story.story_id, (articles, shared)))
                else:  # nothing copied: every outlet is its own report (no text to count)
                    reports[story.story_id] = len({a.outlet for a in articles})
        workers = None if parallel.in_build_workers() else 1  # a dashboard starts no worker processes for this
        found = parallel.map_slices(
            count_independent_reports, [job for _, job in counted], slice_size=_REPORT_SLICE, workers=workers
        )
        reports.update(zip((story_id for story_id, _ in counted), found, strict=True))
        return [reports[story.story_id] for story in self.stories]

    @cached_property
    def sentence_embedder(self) -> Embedder:
        """The model, answering first from the sentence vectors the build stored with the corpus."""
        from compare.embed import CachedEmbedder, default_embedder, open_vector_store

        model = default_embedder()
        return CachedEmbedder(model, open_vector_store(store.cache_dir(self.path) / "vectors", model))

    @cached_property
    def term_prior(self) -> TermPrior:
        """The corpus's word counts for distinctive words: stored by the build, counted if missing."""
        from compare.framing.distinctive import TermPrior, corpus_prior

        frame = self._stored_table(_terms_table())
        return TermPrior.from_frame(frame) if frame is not None else corpus_prior(self.articles)

    @cached_property
    def stored_entities(self) -> dict[str, Entities]:
        """Named entities the build recognised for long stories' naming panels, by text digest (none stored or
        readable: the naming panel recognises them itself)."""
        frame = self._stored_table(_ENTITIES)
        return _entities_from_frame(frame) if frame is not None else {}

    def _stored_table(self, name: str) -> pd.DataFrame | None:
        """A table the build stored for reading after open, or None when absent or damaged (then the caller
        recomputes it: it is read lazily, so damage found here cannot send the open back to a rebuild)."""
        if self.folder is None or not store.has_table(self.folder, name):
            return None
        try:
            return store.read_table(self.folder, name)
        except store.DamagedCache as exc:
            log.warning("%s; recomputing it", exc)
            return None

    def story_framing(self, story_id: str) -> list[Indicator]:
        """Framing indicators for each outlet of a story (computed once per story)."""
        if story_id not in self._framing:
            from compare.framing import frame_story

            self._framing[story_id] = frame_story(
                self.story_articles(story_id), self.term_prior, self.sentence_embedder, self.stored_entities
            )
        return self._framing[story_id]

    def regroup(self, sensitivity: float) -> list[Story]:
        """Stories at another grouping sensitivity, from the cached vectors (no re-embedding)."""
        from compare.group import group_articles
        from compare.regroup import apply_overrides

        stories = group_articles(self.articles, self.vectors, sensitivity=sensitivity)
        return apply_overrides(stories, self.articles, self.path)


def build(
    path: Path, *, progress: Progress = no_progress, fetch_urls: bool = False, scheduler: str | None = None
) -> Corpus:
    """Ingest and analyse a corpus folder (or one file), store it in the cache, return it.

    ``scheduler`` (or ``settings.SCHEDULER``) runs the per-file and per-article work on a Dask
    cluster: ``local:N`` or a scheduler address; the results are the same as in-process.
    """
    from compare import cluster, parallel

    where = cluster.configured(scheduler)  # a bad address is said before any work starts
    with cluster.connected(where), parallel.build_workers(None if where else _worker_warmup(path)):
        return _build(path, progress, fetch_urls)


def _worker_warmup(path: Path) -> Callable[[], None] | None:
    """What the build's workers load at once for a corpus large enough to embed on them: the model
    (``embed.warm_worker``); None for a small corpus, which embeds in this process, or one worker."""
    from compare import parallel
    from compare.embed import default_embedder, warm_worker

    if parallel.worker_count() < 2 or not path.exists():
        return None
    if sum(p.stat().st_size for p in store.input_files(path)) < settings.PARALLEL_WARM_MIN_BYTES:
        return None
    spec = default_embedder().worker_spec()
    return partial(warm_worker, spec) if spec is not None else None


def _build(path: Path, progress: Progress, fetch_urls: bool) -> Corpus:
    """The build's stages in order.

    Articles are embedded in two passes: what grouping needs, then, once stories are known, the
    sentences of the articles of multi-outlet stories (what their framing panels compare).
    """
    from compare.embed import CorpusVectors, default_embedder
    from compare.framing.frames import frame_descriptions
    from compare.framing.naming import stored_entities, worth_storing
    from compare.group import EntityMemo, group_articles
    from compare.ingest import load_corpus
    from compare.ingest.reread import drafts_frame
    from compare.passages import find_shared_text
    from compare.quotes import extract_quotes_many

    path = path.resolve()
    if not path.exists():
        raise ParallaxError(Code.P120, path=path)
    root = store.cache_dir(path)
    key = build_key(path)
    stages = _Stages(progress)
    previous = PreviousBuild.of(root)

    stages.start("ingest")
    ingested = load_corpus(path, fetch_urls=fetch_urls, reuse=previous.drafts())
    articles = ingested.articles
    digests = [article_digest(a) for a in articles]  # what the rebuild after this one recognises them by
    carried = {DIGESTS_TABLE: digests_frame(articles, digests), DRAFTS_TABLE: drafts_frame(ingested.kept)}
    advance = stages.start("embed", len(articles))
    if articles:
        vectors_store = CorpusVectors(root / "vectors", default_embedder(), keep=frame_descriptions())
        vectors = vectors_store.articles(articles, advance)
    else:
        vectors = np.zeros((0, 0), dtype=np.float32)
    grouping = stages.start("group", len(articles))
    memo = EntityMemo(previous.head_entities())
    stories = group_articles(articles, vectors, memo=memo, advance=grouping) if articles else []
    if articles:
        compared = compared_articles(articles, _stories_as_shown(path, stories, articles))
        recorded = previous.sentence_keys(vectors_store.scheme)
        known = {a.id: recorded[d] for a, d in zip(articles, digests, strict=True) if d in recorded}
        vectors_store.sentences(compared, stages.start("sentences", len(compared)), known=known)
        digest_of = dict(zip((a.id for a in articles), digests, strict=True))
        sentence_keys = {digest_of[i]: keys for i, keys in vectors_store.sentence_keys.items()}
        carried[SENTENCE_KEYS_TABLE] = sentence_keys_frame(sentence_keys, vectors_store.scheme)
        vectors_store.save()
        del vectors_store  # the stored vectors (hundreds of MB in a large corpus) are not needed past here
    quotes = reuse_per_article(
        articles,
        previous.quotes(),
        extract_quotes_many,
        lambda q: q.article_id,
        stages.start("quotes", len(articles)),
        digests,
    )
    long_stories = worth_storing(articles, stories)
    entities = stored_entities(long_stories, _previous_entities(previous), stages.start("names", len(long_stories)))
    matching = stages.start("passages", len(articles))
    shared = find_shared_text(articles, known_regions=previous.pair_regions(), advance=matching)
    passages, internal = list(shared.passages), list(shared.internal)
    prior = _term_prior(articles, digests, previous)
    stages.start("saving")

    corpus = Corpus.in_memory(
        path, ingested.info, articles, ingested.report, stories, quotes, passages, internal, vectors
    )
    carried[HEAD_ENTITIES_TABLE] = head_entities_frame(memo.used)
    carried[PAIR_REGIONS_TABLE] = pair_regions_frame(shared.regions)
    corpus.folder = _save(corpus, prior, entities, carried, root, key)
    stages.finish()
    return _with_overrides(corpus)


def _term_prior(articles: Sequence[Article], digests: Sequence[str], previous: PreviousBuild) -> TermPrior:
    """The corpus's term prior: the previous build's, with the articles that left taken out and the new ones
    counted in, when its counting code is unchanged and less than half the corpus changed; counted otherwise.
    Either way the same counts."""
    from compare.framing.distinctive import corpus_prior

    stored = previous.term_prior(_terms_table())
    if stored is not None:
        before, ids_before = stored
        now = Counter(digests)
        then = Counter({digest: len(ids) for digest, ids in ids_before.items()})
        gone, new = then - now, now - then
        if gone.total() + new.total() < len(articles) / 2:
            removed = previous.article_texts([i for digest, n in gone.items() for i in ids_before[digest][:n]])
            added = []
            for article, digest in zip(articles, digests, strict=True):
                if new[digest] > 0:  # the first copies of a digest are the ones already counted
                    new[digest] -= 1
                    added.append(article.text)
            if removed is not None and (prior := before.updated(removed, added)) is not None:
                log.info("term prior: %d articles taken out, %d counted in", len(removed), len(added))
                return prior
    return corpus_prior(articles)


def compared_articles(articles: Sequence[Article], stories: Sequence[Story]) -> list[Article]:
    """Articles of stories told by at least two outlets: the ones whose sentences framing compares."""
    by_id = {a.id: a for a in articles}
    chosen = {i: by_id[i] for story in stories if len(story.outlets) > 1 for i in story.article_ids if i in by_id}
    return list(chosen.values())


def _stories_as_shown(path: Path, stories: list[Story], articles: list[Article]) -> list[Story]:
    """The stories with the user's saved merges and moves applied: what the dashboard will open."""
    from compare.regroup import apply_overrides

    return apply_overrides(stories, articles, path) if path.is_dir() else stories


def build_key(path: Path) -> str:
    """The cache key of a build: the inputs and settings (``store.fingerprint``) and the versions of the
    stages whose output the code defines, so a change in what a stage computes is never served stale."""
    from compare.embed import CHUNKING_VERSION

    return store.fingerprint(path, {"stages": stage_versions(), "chunking": CHUNKING_VERSION})


def open_corpus(path: Path, *, progress: Progress = no_progress, rebuild: bool = False) -> Corpus:
    """The built corpus from the cache when inputs and settings are unchanged; built otherwise."""
    path = path.resolve()
    if not path.exists():
        raise ParallaxError(Code.P120, path=path)
    if not rebuild:
        root = store.cache_dir(path)
        folder = store.current_build(root, build_key(path))
        if folder is not None:
            try:
                return _with_overrides(_load(path, folder))
            except (OSError, ValueError, KeyError, TypeError) as exc:  # damaged cache: rebuild below
                log.warning("cache at %s is damaged (%s); rebuilding", folder, exc)
    return build(path, progress=progress)


def is_built(path: Path) -> bool:
    """True when an up-to-date build of ``path`` is in the cache."""
    path = path.resolve()
    return store.current_build(store.cache_dir(path), build_key(path)) is not None


def _with_overrides(corpus: Corpus) -> Corpus:
    """Apply the user's saved merges and moves to the automatic stories."""
    from compare.regroup import apply_overrides, regroup_path

    # only when some are saved: overriding reads every article (key terms are weighed against the corpus)
    if corpus.path.is_dir() and regroup_path(corpus.path).exists():
        corpus.stories = apply_overrides(corpus.stories, corpus.articles, corpus.path)
    return corpus


def _terms_table() -> str:
    """The distinctive-words term prior's table (read only when a story's framing is first shown), named
    after the tokenizer that counted it: one an older tokenizer stored is recounted in memory instead."""
    from compare.framing.distinctive import TERMS_TOKENIZER

    return f"terms-{TERMS_TOKENIZER}"


# The named entities the build recognised for the naming panel of long stories, by text digest: read with them.
_ENTITIES = "entities"


def _entities_frame(entities: Mapping[str, Entities]) -> pd.DataFrame:
    return pd.DataFrame(
        {"digest": list(entities), "entities": [json.dumps(found) for found in entities.values()]},
        columns=["digest", "entities"],
    )


def _read_entities(folder: Path) -> dict[str, Entities]:
    return _entities_from_frame(store.read_table(folder, _ENTITIES))


def _entities_from_frame(frame: pd.DataFrame) -> dict[str, Entities]:
    return {
        digest: tuple((start, end, label) for start, end, label in json.loads(found))
        for digest, found in zip(frame["digest"], frame["entities"], strict=True)
    }


def _previous_entities(previous: PreviousBuild) -> dict[str, Entities]:
    """The entities the last published build stored, to reuse for unchanged texts (none when unreadable,
    or when the code that recognised them has changed since)."""
    folder = previous.folder
    if folder is None or not previous.reusable("names") or not store.has_table(folder, _ENTITIES):
        return {}
    try:
        return _read_entities(folder)
    except (OSError, ValueError, TypeError) as exc:
        log.warning("ignoring the stored entities of %s (%s)", folder, exc)
        return {}


def _save(
    corpus: Corpus,
    prior: TermPrior,
    entities: Mapping[str, Entities],
    carried: Mapping[str, pd.DataFrame],
    root: Path,
    key: str,
) -> Path:
    """Publish the build; returns its folder. ``carried`` are tables only the next rebuild reads."""
    writer = store.BuildWriter(root, key)
    try:
        reports = dict(zip((s.story_id for s in corpus.stories), corpus.independent_reports(), strict=True))
        files = write_tables(writer, corpus.tables, corpus.stories, reports)
        files += writer.table("stories", store.records_frame(corpus.stories))
        files += writer.table(_terms_table(), prior.to_frame())
        files += writer.table(_ENTITIES, _entities_frame(entities))
        for name, frame in carried.items():
            files += writer.table(name, frame)
        facets = corpus.facets.to_dict()
        return writer.publish({"files": files, "info": corpus.info.to_dict(), "facets": facets, **build_meta()})
    except BaseException:
        writer.discard()
        raise


def _load(path: Path, folder: Path) -> Corpus:
    """The published build, opened without reading its articles, quotes or passages (read per story)."""
    meta = json.loads((folder / "meta.json").read_text())
    info = meta["info"]
    tables = StoredTables(folder, Facets.from_dict(meta["facets"]))  # an older build without facets: KeyError
    return Corpus(
        path=path,
        info=CorpusInfo(info["name"], info.get("description", ""), tuple(OutletInfo(**o) for o in info["outlets"])),
        stories=store.frame_records(Story, store.read_table(folder, "stories")),
        tables=tables,
        folder=folder,
    )


def story_table(corpus: Corpus, stories: Sequence[Story] | None = None) -> pd.DataFrame:
    """One row per story for lists and CSV export (story_id, title, outlets, counts, dates)."""
    rows = []
    for story in stories if stories is not None else corpus.stories:
        rows.append(
            {
                "story_id": story.story_id,
                "title": story.title,
                "outlets": len(story.outlets),
                "articles": len(story.article_ids),
                "first_published": story.first_published,
                "last_published": story.last_published,
                "outlet_names": ", ".join(story.outlets),
                "key_terms": ", ".join(story.key_terms),
            }
        )
    return pd.DataFrame(rows)
