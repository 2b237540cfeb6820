"""What a rebuild takes over from the build before it, so adding ten articles to ten thousand costs ten.

Quotes are extracted article by article and named entities recognised text by text, so an
article whose every field is unchanged gets the same ones again. A rebuild takes them from
the published build (current or stale) when the code of their stage is unchanged
(``compare.stage_code``) and computes only the rest; the result is what a build from
nothing gives. A previous build that is missing, older or unreadable only means computing
everything, with a log line.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

from compare import store
from compare.model import Article, Quote
from compare.progress import Advance, no_advance
from compare.stage_code import stage_versions

if TYPE_CHECKING:  # the readers are imported only by a build that reads files
    from compare.align import Region
    from compare.framing.distinctive import TermPrior
    from compare.ingest.draft import Draft

log = logging.getLogger(__name__)

#: The build table that names each article's digest (``article_digest``), for the next rebuild.
DIGESTS_TABLE = "article_digests"
#: The build table of each file's drafts as read (``compare.ingest.reread``), for the next rebuild.
DRAFTS_TABLE = "drafts"
#: The build table of the headline entities grouping recognised (``compare.group.EntityMemo``).
HEAD_ENTITIES_TABLE = "head_entities"
#: The build table of every aligned article pair's regions (``compare.align.RegionMemo``).
PAIR_REGIONS_TABLE = "pair_regions"
#: The build table of each compared article's sentence-unit keys (``compare.embed.CorpusVectors.sentence_keys``).
SENTENCE_KEYS_TABLE = "sentence_keys"
#: Region columns of that table; a pair none of whose regions reached a passage is one row of zeros.
_REGION_COLUMNS = ["start_a", "end_a", "start_b", "end_b", "identical"]
#: The meta.json entry holding the stage code digests a build was made with.
STAGES_META = "stage_code"
#: The meta.json entry holding a digest of the settings a build was made with (``store.settings_snapshot``).
SETTINGS_META = "settings_digest"

T = TypeVar("T")


def settings_digest() -> str:
    """A digest of the settings that change what a build computes."""
    return hashlib.sha256(json.dumps(store.settings_snapshot(), sort_keys=True, default=str).encode()).hexdigest()[:16]


def build_meta() -> dict[str, object]:
    """What a build records in its meta.json so the next rebuild can tell what it may reuse."""
    return {STAGES_META: stage_versions(), SETTINGS_META: settings_digest()}


def article_digest(article: Article) -> str:
    """A digest of every field of an article: equal digests mean the same quotes."""
    text = json.dumps(article.to_dict(), sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def head_entities_frame(used: Mapping[str, frozenset[str]]) -> pd.DataFrame:
    """The table of grouping's headline entities a build stores for the next."""
    return pd.DataFrame(
        {"digest": list(used), "entities": [json.dumps(sorted(found)) for found in used.values()]},
        columns=["digest", "entities"],
    )


def _head_entities_from_frame(frame: pd.DataFrame) -> dict[str, frozenset[str]]:
    rows = zip(frame["digest"], frame["entities"], strict=True)
    return {str(digest): frozenset(json.loads(found)) for digest, found in rows}


def pair_regions_frame(regions: Mapping[bytes, tuple[Region, ...]]) -> pd.DataFrame:
    """The table of shared-passage alignment a build stores for the next: one row per region, by pair key."""
    keys: list[str] = []
    rows: list[Region] = []
    for key, found in regions.items():
        for region in found or ((0, 0, 0, 0, 0),):
            keys.append(key.hex())
            rows.append(region)
    frame = (
        pd.DataFrame(rows, columns=_REGION_COLUMNS, dtype="int64") if rows else pd.DataFrame(columns=_REGION_COLUMNS)
    )
    frame.insert(0, "pair", pd.Series(keys, dtype="object"))
    return frame


def _pair_regions_from_frame(frame: pd.DataFrame) -> dict[bytes, tuple[Region, ...]]:
    regions: dict[bytes, list[Region]] = {}
    values = frame[_REGION_COLUMNS].to_numpy(dtype="int64").tolist()
    for key, region in zip(frame["pair"].tolist(), values, strict=True):
        found = regions.setdefault(bytes.fromhex(key), [])
        if region[4] > 0:  # identical words: zero marks a pair with no region
            found.append(tuple(region))  # type: ignore[arg-type]
    return {key: tuple(found) for key, found in regions.items()}


def sentence_keys_frame(keys: Mapping[str, bytes], scheme: str) -> pd.DataFrame:
    """The table of sentence-unit keys by article digest a build stores for the next, with the unit
    scheme (model and cutting) they were made under."""
    return pd.DataFrame(
        {"digest": list(keys), "keys": pd.Series(list(keys.values()), dtype="object"), "scheme": scheme},
        columns=["digest", "keys", "scheme"],
    )


def _sentence_keys_from_frame(frame: pd.DataFrame, scheme: str) -> dict[str, bytes]:
    rows = zip(frame["digest"].tolist(), frame["keys"].tolist(), frame["scheme"].tolist(), strict=True)
    return {str(digest): bytes(keys) for digest, keys, made_under in rows if made_under == scheme}


def digests_frame(articles: Sequence[Article], digests: Sequence[str] | None = None) -> pd.DataFrame:
    """The table a build stores so that the next one can tell which articles are unchanged
    (``digests``: the articles' ``article_digest``, when already computed)."""
    return pd.DataFrame(
        {"article_id": [a.id for a in articles], "digest": digests or [article_digest(a) for a in articles]},
        columns=["article_id", "digest"],
    )


@dataclass
class PreviousBuild:
    """The published build a rebuild may take results from (``folder`` None when there is none)."""

    folder: Path | None
    stages: dict[str, str] = field(default_factory=dict)
    settings: str | None = None

    @classmethod
    def of(cls, root: Path) -> PreviousBuild:
        folder = store.published_build(root)
        if folder is None:
            return cls(None)
        try:
            meta = json.loads((folder / "meta.json").read_text())
            meta = meta if isinstance(meta, dict) else {}
            stages = meta.get(STAGES_META, {})
            return cls(folder, stages if isinstance(stages, dict) else {}, meta.get(SETTINGS_META))
        except (OSError, ValueError) as exc:
            log.warning("not reusing the build at %s: its meta.json is unreadable (%s)", folder, exc)
            return cls(None)

    def reusable(self, stage: str) -> bool:
        """True when this build's ``stage`` ran the code, libraries and settings that run now."""
        return (
            self.folder is not None
            and self.stages.get(stage) == stage_versions()[stage]
            and self.settings == settings_digest()
        )

    def drafts(self) -> dict[str, list[Draft]]:
        """Each file's stored drafts by job key (empty when the ingest code or settings changed)."""
        from compare.ingest.reread import drafts_from_frame

        return self._table("ingest", DRAFTS_TABLE, drafts_from_frame) or {}

    def head_entities(self) -> dict[str, frozenset[str]]:
        """Grouping's headline entities by text digest (empty when the grouping code or settings changed)."""
        return self._table("group", HEAD_ENTITIES_TABLE, _head_entities_from_frame) or {}

    def pair_regions(self) -> dict[bytes, tuple[Region, ...]]:
        """Shared-passage alignment of each article pair by ``RegionMemo`` key (empty when the code changed)."""
        return self._table("passages", PAIR_REGIONS_TABLE, _pair_regions_from_frame) or {}

    def sentence_keys(self, scheme: str) -> dict[str, bytes]:
        """Compared articles' sentence-unit keys by article digest, when the sentence-cutting code and the
        unit ``scheme`` are unchanged (empty otherwise)."""
        found = self._table("embed", SENTENCE_KEYS_TABLE, lambda frame: _sentence_keys_from_frame(frame, scheme))
        return found or {}

    def term_prior(self, table: str) -> tuple[TermPrior, dict[str, list[str]]] | None:
        """The stored term prior (with the votes that make it updatable) and the ids of the articles it
        counted, by article digest; None when the counting code changed or the build stored no votes."""
        from compare.framing.distinctive import TermPrior

        prior = self._table("terms", table, TermPrior.from_frame)
        counted = self._table("terms", DIGESTS_TABLE, lambda frame: frame)
        if prior is None or prior.votes is None or counted is None:
            return None
        ids: dict[str, list[str]] = {}
        for article_id, digest in zip(counted["article_id"], counted["digest"], strict=True):
            ids.setdefault(str(digest), []).append(str(article_id))
        return prior, ids

    def article_texts(self, article_ids: Sequence[str]) -> list[str] | None:
        """The stored texts of these articles, in that order (None when any is missing or the table is unreadable)."""
        if self.folder is None:
            return None
        try:
            frame = store.read_table(self.folder, "articles")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.info("not reading the articles of %s (%s)", self.folder, exc)
            return None
        texts = dict(zip(frame["id"].tolist(), frame["text"].tolist(), strict=True))
        if not all(i in texts for i in article_ids):
            return None
        return [texts[i] for i in article_ids]

    def _table(self, stage: str, table: str, parse: Callable[[pd.DataFrame], T]) -> T | None:
        """``parse`` of a stored table when ``stage`` is reusable; None when not, or when the table is missing
        (a build from before it was kept) or damaged."""
        if not self.reusable(stage):
            return None
        assert self.folder is not None
        try:
            return parse(store.read_table(self.folder, table))
        except (OSError, ValueError, KeyError, TypeError) as exc:  # pyarrow raises several kinds when damaged
            log.info("not reusing %s of %s (%s)", table, self.folder, exc)
            return None

    def quotes(self) -> dict[str, list[Quote]]:
        """The stored quotes of each stored article, by article digest (empty when not reusable)."""
        if not self.reusable("quotes"):
            return {}
        assert self.folder is not None
        try:
            digests = store.read_table(self.folder, DIGESTS_TABLE)
            quotes = store.frame_records(Quote, store.read_table(self.folder, "quotes"))
        except (OSError, ValueError, KeyError, TypeError) as exc:  # pyarrow raises several kinds when damaged
            log.warning("not reusing the quotes of %s (%s)", self.folder, exc)
            return {}
        by_article: dict[str, list[Quote]] = {}
        for quote in quotes:
            by_article.setdefault(quote.article_id, []).append(quote)
        return {
            digest: by_article.get(article_id, [])
            for article_id, digest in zip(digests["article_id"], digests["digest"], strict=True)
        }


def reuse_per_article(
    articles: Sequence[Article],
    stored: Mapping[str, list[T]],
    compute: Callable[[Sequence[Article], Advance], list[T]],
    owner: Callable[[T], str],
    advance: Advance = no_advance,
    digests: Sequence[str] | None = None,
) -> list[T]:
    """``compute(articles)`` (results in article order, ``owner`` naming each one's article id), with the
    articles whose digest ``stored`` holds taken from it instead of computed (``digests``: the articles'
    ``article_digest``, when the caller has them)."""
    digests = digests if digests is not None else [article_digest(a) for a in articles]
    fresh_articles = [a for a, d in zip(articles, digests, strict=True) if d not in stored]
    if len(fresh_articles) < len(articles):
        log.info("reusing %d articles' results, computing %d", len(articles) - len(fresh_articles), len(fresh_articles))
    fresh: dict[str, list[T]] = {}
    for item in compute(fresh_articles, advance):
        fresh.setdefault(owner(item), []).append(item)
    results: list[T] = []
    for article, digest in zip(articles, digests, strict=True):
        results.extend(stored[digest] if digest in stored else fresh.get(article.id, []))
    advance(len(articles), len(articles))
    return results
