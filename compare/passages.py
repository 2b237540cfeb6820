"""Shared passages: wire copy, syndication and copied statements across outlets.

``compare.align`` finds the word runs that pairs of articles share; this module turns
them into what an analyst reads: passages with their articles, outlets, exact
character spans, how verbatim they are, whether they sit inside a quotation (a shared
quote is not copied narration) and where they probably came from. Per story it counts
the independent reports behind the coverage, and a separate paraphrase layer pairs
sentences that say the same thing in different words.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from compare import settings
from compare.align import (
    WORD,
    Copy,
    Region,
    RegionMemo,
    components,
    find_matches,
    group_matches,
    tokenize,
    word_spans,
)
from compare.model import Article, Passage, Record
from compare.nlp import quoted_spans, sentence_spans
from compare.progress import Advance, no_advance, stage_steps

if TYPE_CHECKING:
    from compare.embed import Embedder

#: Label of a paraphrase pair, kept apart from verbatim sharing.
REWORDED = "same claim, reworded"

# A passage is "inside a quote" when at least this share of its characters is quoted.
_IN_QUOTE_SHARE = 0.5
# Sentences shorter than this are headlines, datelines or fragments, not claims.
_MIN_CLAIM_WORDS = 6
# Sentence pairs at least this similar in wording (rapidfuzz partial ratio, 0-100) are
# shared text (a passage or the same quotation), not rewording.
_VERBATIM_RATIO = 85.0
# Shares of the passages bar: reading the words, matching (seeds, then aligning pairs), making the passages.
_STEPS = (0.15, 0.7, 0.15)


@dataclass(frozen=True)
class StoryReuse(Record):
    """How much of a story's coverage is shared copy.

    ``copy_groups``: articles (of two or more outlets) that carry the same copy.
    ``independent_reports``: outlets not explained by shared copy, each copy group counting once.
    ``originality``: per article, the share of its words not shared with another outlet's narration.
    """

    copy_groups: tuple[tuple[str, ...], ...]
    independent_reports: int
    originality: dict[str, float]


@dataclass(frozen=True)
class ClaimPair(Record):
    """Two sentences from different outlets that say the same thing in different words."""

    article_a: str
    outlet_a: str
    text_a: str
    span_a: tuple[int, int]
    article_b: str
    outlet_b: str
    text_b: str
    span_b: tuple[int, int]
    similarity: float
    label: str = REWORDED


def find_passages(articles: Sequence[Article], *, min_words: int = settings.MIN_PASSAGE_WORDS) -> list[Passage]:
    """Passages shared between articles of different outlets, across the whole corpus.

    Args:
        articles: every article to compare (any number of stories).
        min_words: fewest identical words a passage must hold.

    Returns:
        Passages, most widely shared first. Articles of one outlet that carry the same
        copy as another outlet are included in that passage.
    """
    return list(_shared_text(tuple(articles), min_words)[0])


def find_internal_reuse(articles: Sequence[Article], *, min_words: int = settings.MIN_PASSAGE_WORDS) -> list[Passage]:
    """Text an outlet repeats across its own articles (its boilerplate, its reused paragraphs)."""
    return list(_shared_text(tuple(articles), min_words)[1])


@dataclass(frozen=True)
class SharedText:
    """One alignment of a corpus: what its outlets share, what each repeats, and the pairs it aligned.

    ``regions``: every aligned document pair's regions, by ``RegionMemo`` key; a rebuild passes
    them back (``known_regions``) and aligns only the pairs whose texts or seeds changed.
    """

    passages: tuple[Passage, ...]
    internal: tuple[Passage, ...]
    regions: Mapping[bytes, tuple[Region, ...]]
    reused_pairs: int = 0


def find_shared_text(
    articles: Sequence[Article],
    *,
    min_words: int = settings.MIN_PASSAGE_WORDS,
    known_regions: Mapping[bytes, tuple[Region, ...]] | None = None,
    advance: Advance = no_advance,
) -> SharedText:
    """Cross-outlet passages and same-outlet reuse from one alignment of the corpus.

    ``known_regions``: the ``regions`` of an earlier alignment; the result is the same with or
    without them, only faster when most articles are unchanged. ``advance`` hears the share of the
    corpus's articles done (the build's progress bar).
    """
    reading, matching, gathering = stage_steps(advance, len(articles), _STEPS)
    tokens = tokenize([a.text for a in articles])
    reading(1, 1)
    text_keys = [hashlib.blake2b(a.text.encode("utf-8", "surrogatepass"), digest_size=16).digest() for a in articles]
    memo = RegionMemo(text_keys, known_regions or {})
    matches = find_matches(tokens, min_words=min_words, memo=memo, advance=matching)
    shared: list[Passage] = []
    internal: list[Passage] = []
    spans_of: dict[int, np.ndarray] = {}
    quotes_of: dict[int, list[tuple[int, int]]] = {}
    copies = group_matches(matches, min_words=min_words)
    for done, copy in enumerate(copies, start=1):
        passage = _passage(articles, copy, spans_of, quotes_of)
        (shared if len(set(passage.outlets)) > 1 else internal).append(passage)
        gathering(done, len(copies))
    gathering(1, 1)
    return SharedText(tuple(sorted(shared, key=_rank)), tuple(sorted(internal, key=_rank)), memo.used, memo.reused)


@lru_cache(maxsize=1)
def _shared_text(articles: tuple[Article, ...], min_words: int) -> tuple[tuple[Passage, ...], tuple[Passage, ...]]:
    """(cross-outlet passages, same-outlet reuse) from one alignment of the corpus.

    Cached for the last corpus because callers ask for both lists in turn.
    """
    found = find_shared_text(articles, min_words=min_words)
    return found.passages, found.internal


def _rank(passage: Passage) -> tuple[int, int, str]:
    """Most widely shared first, then longest; the id keeps the order stable."""
    return (-len(passage.article_ids), -passage.words, passage.passage_id)


def _passage(
    articles: Sequence[Article],
    copy: Copy,
    spans_of: dict[int, np.ndarray],
    quotes_of: dict[int, list[tuple[int, int]]],
) -> Passage:
    """One Passage from a copy: its word ranges become character spans in each article.

    ``spans_of`` and ``quotes_of`` keep each article's word spans and quotations across its passages.
    """
    docs = sorted(copy.ranges)
    for doc in docs:
        if doc not in spans_of:
            spans_of[doc] = word_spans(articles[doc].text)
            quotes_of[doc] = quoted_spans(articles[doc].text)
    chars = {d: (int(spans_of[d][copy.ranges[d][0], 0]), int(spans_of[d][copy.ranges[d][1] - 1, 1])) for d in docs}
    members = [articles[d] for d in docs]
    source = likely_source(members)
    by_id = {articles[d].id: d for d in docs}
    # The passage is shown as it reads in its source article when that is known,
    # otherwise in the article that carries the most of it.
    pivot = by_id.get(source, max(docs, key=lambda d: (copy.ranges[d][1] - copy.ranges[d][0], -d)))
    spans = {articles[d].id: chars[d] for d in docs}
    return Passage(
        passage_id=_passage_id(spans),
        article_ids=tuple(a.id for a in members),
        outlets=tuple(dict.fromkeys(a.outlet for a in members)),
        text=articles[pivot].text[slice(*chars[pivot])],
        words=copy.ranges[pivot][1] - copy.ranges[pivot][0],
        spans=spans,
        in_quote=all(quoted_share(articles[d].text, *chars[d], quotes_of[d]) >= _IN_QUOTE_SHARE for d in docs),
        verbatim=copy.verbatim,
        source=source,
    )


def _passage_id(spans: dict[str, tuple[int, int]]) -> str:
    """Stable id: the same articles and spans always give the same id."""
    key = "|".join(f"{aid}:{s}:{e}" for aid, (s, e) in sorted(spans.items()))
    return "p" + hashlib.sha1(key.encode()).hexdigest()[:12]


def quoted_share(text: str, start: int, end: int, quotations: Sequence[tuple[int, int]] | None = None) -> float:
    """Share of the characters of ``text[start:end]`` that lie inside quotation marks.

    Quotations are the quote extractor's (``compare.nlp.quoted_spans``; pass them as ``quotations``
    when already read): a passage is "inside a quote" exactly when the Quoted officials tab reads
    it as someone's words, in every paragraph of a long quote and for straight marks as for curly ones.
    """
    if end <= start:
        return 0.0
    spans = quoted_spans(text) if quotations is None else quotations
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / (end - start)


def _moment(published: str) -> tuple[datetime, bool] | None:
    """(time in UTC, naive; whether a time of day was given) from an ISO date or datetime, or None."""
    try:
        moment = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment, len(published.strip()) > 10


def likely_source(articles: Sequence[Article]) -> str:
    """Where shared text probably came from.

    The earliest published article (its id) when exactly one is earliest; otherwise the
    source most of them declare in a credit line ("Reuters", "Zerohedge"); otherwise
    "unknown". Nothing is guessed from the outlet's name.
    """
    dated = [(parsed, a.id) for a in articles if a.published and (parsed := _moment(a.published))]
    if dated:
        first_day = min(moment.date() for (moment, _timed), _id in dated)
        earliest = sorted((moment, timed, i) for (moment, timed), i in dated if moment.date() == first_day)
        if len(earliest) == 1:
            return earliest[0][2]
        # Within one day, only times of day can order articles (a bare date cannot).
        if all(timed for _m, timed, _i in earliest) and earliest[0][0] < earliest[1][0]:
            return earliest[0][2]
    declared = Counter(a.declared_source for a in articles if a.declared_source)
    return declared.most_common(1)[0][0] if declared else "unknown"


def count_independent_reports(stories: Sequence[tuple[Sequence[Article], Sequence[Passage]]]) -> list[int]:
    """Independent reports of each (articles, shared passages) story: a slice of a build's count, for its workers."""
    return [story_reuse(articles, passages).independent_reports for articles, passages in stories]


def story_reuse(articles: Sequence[Article], passages: Sequence[Passage]) -> StoryReuse:
    """Copy groups, independent reports and originality for one story's articles.

    Only narration counts: a passage inside a quotation is the same words from the same
    speaker, not copy. Two articles carry the same copy when the narration they share is
    at least ``settings.COPY_MIN_SHARE`` of the shorter one.
    """
    by_id = {a.id: a for a in articles}
    word_counts = {a.id: len(WORD.findall(a.text)) for a in articles}
    covered: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    pair_words: Counter[tuple[str, str]] = Counter()
    for passage in passages:
        ids = [i for i in passage.article_ids if i in by_id]
        if passage.in_quote or len({by_id[i].outlet for i in ids}) < 2:
            continue
        words = {i: _words_in(by_id[i].text, *passage.spans[i]) for i in ids}
        for i in ids:
            covered[i].append(passage.spans[i])
        for x, y in combinations(ids, 2):
            if by_id[x].outlet != by_id[y].outlet:
                pair_words[x, y] += min(words[x], words[y])
    originality = {
        a.id: round(1 - _words_in_union(a.text, covered[a.id]) / word_counts[a.id], 4) if word_counts[a.id] else 1.0
        for a in articles
    }
    copied = [
        pair
        for pair, shared in pair_words.items()
        if shared >= settings.COPY_MIN_SHARE * min(word_counts[pair[0]], word_counts[pair[1]])
    ]
    groups = _components([a.id for a in articles], copied)
    outlets = _components(
        list(dict.fromkeys(a.outlet for a in articles)), [(by_id[x].outlet, by_id[y].outlet) for x, y in copied]
    )
    return StoryReuse(tuple(g for g in groups if len(g) > 1), len(outlets), originality)


def _components(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Connected components of a small graph, each in the order of ``nodes``."""
    index = {node: i for i, node in enumerate(nodes)}
    labels = components(len(nodes), [(index[x], index[y]) for x, y in edges])
    groups: defaultdict[int, list[str]] = defaultdict(list)
    for node, label in zip(nodes, labels.tolist(), strict=True):
        groups[label].append(node)
    return [tuple(g) for g in groups.values()]


def _words_in(text: str, start: int, end: int) -> int:
    return len(WORD.findall(text, start, end))


def _words_in_union(text: str, spans: Sequence[tuple[int, int]]) -> int:
    """Words of ``text`` that begin inside any of ``spans`` (overlapping spans count once)."""
    if not spans:
        return 0
    starts = word_spans(text)[:, 0]
    inside = np.zeros(len(starts), dtype=bool)
    for start, end in spans:
        inside |= (starts >= start) & (starts < end)
    return int(inside.sum())


def reworded_claims(
    articles: Sequence[Article], embedder: Embedder, *, min_cosine: float = settings.REWORDED_MIN_COSINE
) -> list[ClaimPair]:
    """Sentence pairs across outlets that say the same thing in different words.

    Each sentence is paired with its closest sentence in every article of another
    outlet when that closeness is mutual and the cosine reaches ``min_cosine``; pairs
    whose wording is nearly the same are left out (they are shared passages). Meant
    for one story's articles: the work grows with the square of its sentences.
    """
    sentences: list[tuple[int, tuple[int, int]]] = [
        (i, span)
        for i, article in enumerate(articles)
        for span in sentence_spans(article.text)
        if len(WORD.findall(article.text, *span)) >= _MIN_CLAIM_WORDS
    ]
    if not sentences:
        return []
    texts = [articles[i].text[s:e] for i, (s, e) in sentences]
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    rows: defaultdict[int, list[int]] = defaultdict(list)
    for row, (i, _span) in enumerate(sentences):
        rows[i].append(row)
    pairs: list[ClaimPair] = []
    for i, j in combinations(sorted(rows), 2):
        if articles[i].outlet == articles[j].outlet:
            continue
        left, right = np.array(rows[i]), np.array(rows[j])
        cosine = vectors[left] @ vectors[right].T
        best_right, best_left = cosine.argmax(axis=1), cosine.argmax(axis=0)
        for x, y in enumerate(best_right):
            if best_left[y] != x or cosine[x, y] < min_cosine:
                continue
            text_a, text_b = texts[left[x]], texts[right[y]]
            if _same_wording(text_a, text_b):
                continue
            pairs.append(
                ClaimPair(
                    articles[i].id,
                    articles[i].outlet,
                    text_a,
                    sentences[left[x]][1],
                    articles[j].id,
                    articles[j].outlet,
                    text_b,
                    sentences[right[y]][1],
                    round(float(cosine[x, y]), 4),
                )
            )
    return sorted(pairs, key=lambda p: -p.similarity)


def _same_wording(a: str, b: str) -> bool:
    """True when one sentence's words (nearly) appear as they are in the other: shared text, not a paraphrase.

    Partial matching, so the same quotation inside differently worded attributions counts as shared.
    """
    words_a, words_b = (" ".join(WORD.findall(s.lower())) for s in (a, b))
    return fuzz.partial_ratio(words_a, words_b) >= _VERBATIM_RATIO
