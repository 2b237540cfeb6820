"""Story grouping: which articles report the same event.

Three signals separate events, not just topics: embedding similarity (what is said),
closeness in publication time (the same topic months apart is another story), and
shared named entities in headline and lede (who and where). Their combination scores
a pair of articles; stories are average-linkage clusters of those scores, cut at a
threshold set by the sensitivity control.

Scale without quadratic memory: a nearest-neighbour search (compare.neighbours: exact for
small corpora, by time window and inverted-file cells for large ones) keeps only pairs that
could possibly link; their connected components are small, and average linkage runs inside
each component.
Everything is computed in article-id order, so the input order never matters.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from compare import settings
from compare.model import Article, Story
from compare.neighbours import candidate_pairs
from compare.progress import Advance, no_advance, stage_steps

log = logging.getLogger(__name__)

#: Entity labels that name who or where an event is about (dates and numbers say little on their own).
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
#: Largest component clustered in one piece (its pair matrix is size squared) ...
_MAX_COMPONENT = 3000
#: Headlines per worker task when entities are recognised for grouping.
_NER_SLICE = 256
#: ... and how much the bar on links rises each time a larger one is split.
_SPLIT_STEP = 0.02
#: Shares of the grouping bar: clustering, then key terms; clustering's own steps are the neighbour search,
#: linkage per component, headline entities where they can decide, and linkage again with them.
_GROUPING_STEPS = (0.9, 0.1)
_CLUSTER_STEPS = (0.5, 0.2, 0.2, 0.1)
_KEY_TERMS = 6
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]")


# --- scores ------------------------------------------------------------------------


def grouping_threshold(sensitivity: float) -> float:
    """Lowest average pair score inside a story: higher sensitivity, finer stories."""
    low, high = settings.GROUPING_SCORE_RANGE
    return low + (high - low) * min(max(sensitivity, 0.0), 1.0)


def day_numbers(articles: Sequence[Article]) -> np.ndarray:
    """Publication time in days (NaN when unknown or unparseable)."""
    return np.array([_day(a.published) for a in articles], dtype=np.float64)


def _day(published: str | None) -> float:
    if not published:
        return math.nan
    try:
        moment = datetime.fromisoformat(published.strip())
    except ValueError:
        return math.nan
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.timestamp() / 86400.0 if moment.year > 1 else math.nan


def time_penalty(days_a: np.ndarray, days_b: np.ndarray) -> np.ndarray:
    """How much a gap in publication dates lowers a pair's score.

    Nothing within ``GROUPING_SAME_DAYS`` (time zones, late editions, next-day follow-ups),
    then a linear rise to ``GROUPING_TIME_WEIGHT`` over ``GROUPING_TIME_SCALE_DAYS``. An
    unknown date costs ``GROUPING_UNDATED_PENALTY``: without time to tell a topic's
    recurrences apart, a pair must be a little more alike.
    """
    gap = np.abs(days_a - days_b)
    ramp = np.clip((gap - settings.GROUPING_SAME_DAYS) / settings.GROUPING_TIME_SCALE_DAYS, 0.0, 1.0)
    return np.where(np.isnan(gap), settings.GROUPING_UNDATED_PENALTY, settings.GROUPING_TIME_WEIGHT * ramp)


def head_text(article: Article) -> str:
    """Headline and lede: where news names the event's people and places."""
    words = article.text.split()[: settings.EMBED_LEDE_WORDS]
    return f"{article.title}.\n{' '.join(words)}" if article.title.strip() else " ".join(words)


def _entity_key(text: str, label: str) -> str:
    """People by surname (outlets shorten "Mark Milley" to "Milley"); other names whole, lowercased."""
    words = _WORD.findall(text.lower().replace("’s", "").replace("'s", ""))
    words = [w for w in words if w != "the"]
    if not words:
        return ""
    return words[-1] if label == "PERSON" else " ".join(words)


@dataclass
class EntityMemo:
    """Entities of headlines an earlier build recognised (``known``, by text digest), and the ones this
    grouping used (``used``, what a build stores for the next): a rebuild recognises only new headlines."""

    known: Mapping[str, frozenset[str]] = field(default_factory=dict)
    used: dict[str, frozenset[str]] = field(default_factory=dict)


def head_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def named_entities(
    texts: Sequence[str], memo: EntityMemo | None = None, advance: Advance = no_advance
) -> list[frozenset[str]]:
    """The named people, organisations and places in each text, taken from ``memo`` where known, the
    rest recognised in the build's worker processes when there are many (each text is read on its
    own, so neither the split nor the memo changes anything)."""
    from compare.parallel import map_in_build

    memo = memo if memo is not None else EntityMemo()
    digests = [head_digest(t) for t in texts]
    missing = {d: t for d, t in zip(digests, texts, strict=True) if d not in memo.known}
    recognised = map_in_build(_named_entities_here, list(missing.values()), slice_size=_NER_SLICE, advance=advance)
    fresh = dict(zip(missing, recognised, strict=True))
    found = [fresh[d] if d in fresh else memo.known[d] for d in digests]
    memo.used.update(zip(digests, found, strict=True))
    return found


def _named_entities_here(texts: Sequence[str]) -> list[frozenset[str]]:
    """``named_entities`` in this process (spaCy NER only: cheap)."""
    from compare.nlp import SPACY_LOCK, spacy_model

    nlp = spacy_model()
    unneeded = [name for name in nlp.pipe_names if name != "ner"]
    found = []
    with SPACY_LOCK:
        for doc in nlp.pipe(texts, disable=unneeded, batch_size=256):
            keys = {_entity_key(ent.text, ent.label_) for ent in doc.ents if ent.label_ in _ENTITY_LABELS}
            found.append(frozenset(keys - {""}))
    return found


def entity_overlap(entities: Sequence[frozenset[str]]) -> np.ndarray:
    """Pairwise share of named-entity weight two articles have in common (0..1).

    The share is of the smaller article's entity weight, so a short headline whose
    names all recur in a long lede still counts as a full match. Weights are inverse
    document frequencies within the given articles: inside a block of Afghanistan
    stories "Afghanistan" says little, "Kabul airport" a lot.
    """
    vocabulary = sorted({key for keys in entities for key in keys})
    if not vocabulary:
        return np.zeros((len(entities), len(entities)))
    column = {key: i for i, key in enumerate(vocabulary)}
    rows = [row for row, keys in enumerate(entities) for _ in keys]
    cols = [column[key] for keys in entities for key in keys]
    presence = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(entities), len(vocabulary)))
    document_frequency = np.asarray(presence.sum(axis=0)).ravel()
    idf = np.log((len(entities) + 1) / (document_frequency + 1)) + 1.0  # smoothed: never zero
    weighted = presence.multiply(idf).tocsr()
    shared = (weighted @ presence.T).toarray()  # idf mass of the entities each pair shares
    mass = np.asarray(weighted.sum(axis=1)).ravel()
    smaller = np.minimum.outer(mass, mass)
    return np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)


# --- clustering ----------------------------------------------------------------------


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _blocks(n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, bar: float) -> list[np.ndarray]:
    """Connected groups of linked articles, each at most ``_MAX_COMPONENT`` large.

    A larger component is split by raising the bar on its links, step by step: a story
    could only span the pieces through chains of weaker links, and articles left with
    no link strong enough stand alone. A component still too large when the bar
    reaches 1 is copies of one text (mass-syndicated wire copy) and is returned whole.
    """
    labels = _components(n, i, j)
    order = np.argsort(labels, kind="stable")
    blocks = []
    for members in np.split(order, np.flatnonzero(np.diff(labels[order])) + 1):
        if len(members) <= 1:
            continue
        if len(members) <= _MAX_COMPONENT or bar + _SPLIT_STEP > 1.0:
            blocks.append(members)
            continue
        log.info("splitting a component of %d articles at score %.2f", len(members), bar + _SPLIT_STEP)
        stronger = np.isin(i, members) & np.isin(j, members) & (s >= bar + _SPLIT_STEP)
        blocks.extend(_blocks(n, i[stronger], j[stronger], s[stronger], bar + _SPLIT_STEP))
    return blocks


def _linkage_tree(scores: np.ndarray) -> np.ndarray:
    distances = np.clip(1.0 - scores, 0.0, None)
    np.fill_diagonal(distances, 0.0)
    return linkage(squareform(distances, checks=False), method="average")  # type: ignore[no-any-return]


def _cut(tree: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels where the average pair score stays at or above ``threshold``."""
    return fcluster(tree, t=1.0 - threshold, criterion="distance")  # type: ignore[no-any-return]


def _span_ok(days: np.ndarray, limit: float) -> bool:
    """Whether the dated ones of ``days`` lie within ``limit`` days of each other (undated ones never count)."""
    dated = days[~np.isnan(days)]
    return len(dated) < 2 or float(dated.max() - dated.min()) <= limit


def _constrained_cut(scores: np.ndarray, days: np.ndarray, threshold: float, limit: float) -> np.ndarray:
    """Average linkage down to ``threshold`` that refuses every merge spanning more than ``limit`` days.

    The refusal is part of the linkage: a refused pair's clusters keep looking for other partners,
    so undated pages still join whichever dated side they fit best, but never bridge two events
    years apart (an article never joins a story whose dated articles lie beyond ``limit`` days).
    Quadratic per merge, so it runs only where the plain cut broke the span (few, small clusters).
    """
    n = len(scores)
    distances = np.clip(1.0 - scores, 0.0, None).astype(np.float64)
    low, high = days.astype(np.float64).copy(), days.astype(np.float64).copy()
    size = np.ones(n)
    label = np.arange(n)
    alive = np.ones(n, dtype=bool)

    def allowed(a: int) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            span = np.fmax(high[a], high) - np.fmin(low[a], low)  # NaN only when both are undated
        return ~(span > limit) & alive

    effective = np.full((n, n), np.inf)
    for a in range(n):
        effective[a] = np.where(allowed(a), distances[a], np.inf)
    np.fill_diagonal(effective, np.inf)
    cut = 1.0 - threshold
    while True:
        flat = int(np.argmin(effective))
        a, b = divmod(flat, n)
        if not effective[a, b] <= cut:
            break
        a, b = min(a, b), max(a, b)
        distances[a] = (size[a] * distances[a] + size[b] * distances[b]) / (size[a] + size[b])
        distances[:, a] = distances[a]
        size[a] += size[b]
        low[a], high[a] = np.fmin(low[a], low[b]), np.fmax(high[a], high[b])
        alive[b] = False
        label[label == b] = a
        effective[b, :] = effective[:, b] = np.inf
        effective[a] = np.where(allowed(a), distances[a], np.inf)
        effective[a, a] = np.inf
        effective[:, a] = effective[a]
    return label


def _story_cut(tree: np.ndarray, scores: np.ndarray, days: np.ndarray, threshold: float) -> np.ndarray:
    """The plain average-linkage cut, re-linked under the date-span constraint where it broke it."""
    labels = _cut(tree, threshold)
    limit = settings.GROUP_MAX_SPAN_DAYS
    top = int(labels.max()) + 1
    for value in np.unique(labels):
        rows = np.flatnonzero(labels == value)
        if len(rows) < 2 or _span_ok(days[rows], limit):
            continue
        sub = _constrained_cut(scores[np.ix_(rows, rows)], days[rows], threshold, limit)
        labels[rows] = top + sub  # sub labels are row numbers below len(rows)
        top += len(rows)
    return labels


def _base_scores(vectors: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Score of every pair in a block before entities: cosine minus the time-gap penalty."""
    return vectors @ vectors.T - time_penalty(days[:, None], days[None, :])


def cluster_labels(
    articles: Sequence[Article],
    vectors: np.ndarray,
    threshold: float,
    memo: EntityMemo | None = None,
    advance: Advance = no_advance,
) -> np.ndarray:
    """A story label per article (rows as given; callers fix a canonical order first).

    Named entities are only consulted (spaCy costs far more than the rest) in blocks
    where some merge falls within ``GROUPING_ENTITY_WEIGHT`` of the threshold, since
    elsewhere no entity bonus can change the outcome. ``advance`` hears the articles placed so far.
    """
    n = len(articles)
    searching, linking, recognising, relinking = stage_steps(advance, n, _CLUSTER_STEPS)
    bonus = settings.GROUPING_ENTITY_WEIGHT
    days = day_numbers(articles)
    i, j, s = candidate_pairs(vectors, threshold - bonus, days, searching)
    labels = np.arange(n)  # unlinked articles are one-article stories
    fresh = n  # next unused label
    undecided = []
    components = _blocks(n, i, j, s, threshold - bonus)
    for done, members in enumerate(components, start=1):
        linking(done, len(components))
        if len(members) > _MAX_COMPONENT:  # copies of one text: one story, no quadratic matrix
            labels[members] = fresh
            fresh += 1
            continue
        base = _base_scores(vectors[members], days[members])
        tree = _linkage_tree(base)
        heights = tree[:, 2]  # merge distances; average linkage never inverts them
        if bonus > 0 and np.any((heights > 1.0 - threshold) & (heights <= 1.0 - threshold + bonus)):
            undecided.append((members, base))
        labels[members] = fresh + _story_cut(tree, base, days[members], threshold)
        fresh += 2 * len(members) + 1  # fcluster counts from 1; re-linked clusters take labels above
    linking(1, 1)  # also when no article linked to another
    heads = [head_text(articles[k]) for members, _ in undecided for k in members]
    entities = iter(named_entities(heads, memo, recognising))
    recognising(1, 1)
    for done, (members, base) in enumerate(undecided, start=1):
        scores = base + bonus * entity_overlap([next(entities) for _ in members])
        labels[members] = fresh + _story_cut(_linkage_tree(scores), scores, days[members], threshold)
        fresh += 2 * len(members) + 1
        relinking(done, len(undecided))
    relinking(1, 1)
    return labels


# --- stories -------------------------------------------------------------------------


def story_id(article_ids: Iterable[str]) -> str:
    """Deterministic id from the member ids: the same articles always make the same story id."""
    return "s" + hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:12]


def _date_range(members: Sequence[Article]) -> tuple[str | None, str | None]:
    dated = sorted((day, a.published) for a in members if a.published and not math.isnan(day := _day(a.published)))
    return (dated[0][1], dated[-1][1]) if dated else (None, None)


def make_story(members: Sequence[Article], title: str, key_terms: Sequence[str]) -> Story:
    """A Story record from its articles; ids, outlets and dates follow from the members."""
    members = sorted(members, key=lambda a: a.id)
    first, last = _date_range(members)
    return Story(
        story_id=story_id(a.id for a in members),
        title=title,
        article_ids=tuple(a.id for a in members),
        outlets=tuple(sorted({a.outlet for a in members})),
        first_published=first,
        last_published=last,
        key_terms=tuple(key_terms),
    )


#: Headlines a corpus's term document frequencies are counted on (evenly spaced; all of them in smaller corpora).
_IDF_SAMPLE = 30_000
#: Articles whose terms are weighed at once: a vocabulary of every word pair of a million ledes does not fit.
_TERMS_CHUNK = 20_000


def _term_counter(**options: Any) -> CountVectorizer:
    return CountVectorizer(
        stop_words="english", ngram_range=(1, 2), token_pattern=_WORD.pattern, lowercase=True, **options
    )


def key_terms(
    groups: Sequence[Sequence[int]],
    corpus: Sequence[Article],
    count: int = _KEY_TERMS,
    advance: Advance = no_advance,
) -> list[list[str]]:
    """Words and phrases that set each group of articles (rows of ``corpus``) apart: class-based TF-IDF.

    Computed on headlines and ledes, as BERTopic labels topics: each article's terms weighed by
    sublinear term frequency and smoothed inverse document frequency (l2-normalised per article,
    as scikit-learn's TfidfVectorizer does), summed per group. Document frequencies come from
    at most ``_IDF_SAMPLE`` headlines and groups are weighed ``_TERMS_CHUNK`` articles at a time,
    so memory stays bounded at any corpus size; up to ``_IDF_SAMPLE`` articles the result is
    exactly TF-IDF over the whole corpus. A word already inside a chosen phrase is skipped so
    terms do not repeat.
    """
    n = len(corpus)
    if n <= _TERMS_CHUNK:  # one count of every headline serves both the frequencies and the weights
        counter = _term_counter()
        try:
            counts = counter.fit_transform([head_text(a) for a in corpus]).tocsr()
        except ValueError:  # no words at all (empty or stop-word-only texts)
            return [[] for _ in groups]
        seen = np.diff((counts > 0).tocsc().indptr).astype(np.float64)
        rows = [g for group in groups for g in group]
        names = counter.get_feature_names_out().tolist()
        return _weighed_terms(groups, counts[rows], names, seen, n, count)
    sample = range(n) if n <= _IDF_SAMPLE else np.linspace(0, n - 1, _IDF_SAMPLE).astype(int).tolist()
    counter = _term_counter(binary=True)
    try:
        frequencies = np.asarray(counter.fit_transform([head_text(corpus[k]) for k in sample]).sum(axis=0)).ravel()
    except ValueError:
        return [[] for _ in groups]
    terms: list[list[str]] = []
    for chunk in _chunks(groups, _TERMS_CHUNK):
        terms.extend(_chunk_terms(chunk, corpus, counter.vocabulary_, frequencies, len(sample), count))
        advance(len(terms), len(groups))
    return terms


def _chunks(groups: Sequence[Sequence[int]], size: int) -> Iterable[Sequence[Sequence[int]]]:
    """Consecutive runs of groups holding about ``size`` articles each (a larger group stays whole)."""
    start, held = 0, 0
    for k, group in enumerate(groups):
        held += len(group)
        if held >= size:
            yield groups[start : k + 1]
            start, held = k + 1, 0
    if start < len(groups):
        yield groups[start:]


def _chunk_terms(
    groups: Sequence[Sequence[int]],
    corpus: Sequence[Article],
    known: Mapping[str, int],
    frequencies: np.ndarray,
    documents: int,
    count: int,
) -> list[list[str]]:
    """``key_terms`` of some groups, their articles' terms weighed by the corpus's document frequencies."""
    rows = [g for group in groups for g in group]
    counter = _term_counter()
    try:
        matrix = counter.fit_transform([head_text(corpus[k]) for k in rows])
    except ValueError:
        return [[] for _ in groups]
    names = counter.get_feature_names_out().tolist()
    seen = np.array([frequencies[known[name]] if name in known else 0 for name in names], dtype=np.float64)
    return _weighed_terms(groups, matrix, names, seen, documents, count)


def _weighed_terms(
    groups: Sequence[Sequence[int]], counts: Any, names: list[str], seen: np.ndarray, documents: int, count: int
) -> list[list[str]]:
    """Each group's terms from its articles' term counts (rows in group order) and the terms' document
    frequencies among ``documents`` headlines."""
    matrix = counts.astype(np.float64)
    idf = np.log((1 + documents) / (1 + seen)) + 1
    matrix.data = 1 + np.log(matrix.data)
    matrix = normalize(matrix.multiply(idf[None, :]).tocsr())
    rows = range(matrix.shape[0])
    owners = [k for k, group in enumerate(groups) for _ in group]
    membership = csr_matrix((np.ones(len(rows)), (owners, range(len(rows)))), shape=(len(groups), len(rows)))
    scores = (membership @ matrix).tocsr()
    # Plain Python values: sorting numpy scalars costs several times more, over every story of a corpus
    negated, columns, bounds = (-scores.data).tolist(), scores.indices.tolist(), scores.indptr.tolist()
    terms = []
    for k in range(len(groups)):
        start, end = bounds[k], bounds[k + 1]
        ranked = sorted(zip(negated[start:end], [names[c] for c in columns[start:end]], strict=True))
        chosen: list[set[str]] = []
        terms_of_group: list[str] = []
        for _, term in ranked:
            words = set(term.split())
            if not any(words <= c or c <= words for c in chosen):
                chosen.append(words)
                terms_of_group.append(str(term))
            if len(chosen) == count:
                break
        terms.append(terms_of_group)
    return terms


def _representative(members: np.ndarray, vectors: np.ndarray) -> int:
    """The member closest to the group's mean vector (lowest row on ties)."""
    centre = vectors[members].mean(axis=0)
    return int(members[np.argmax(vectors[members] @ centre)])


def story_order(story: Story) -> tuple[int, int, str]:
    """Stories covered by most outlets first, then by most articles; id breaks ties."""
    return (-len(story.outlets), -len(story.article_ids), story.story_id)


def group_articles(
    articles: Sequence[Article],
    vectors: np.ndarray,
    *,
    sensitivity: float = settings.GROUPING_SENSITIVITY,
    memo: EntityMemo | None = None,
    advance: Advance = no_advance,
) -> list[Story]:
    """Stories from articles and their vectors (rows aligned), the same in any input order.

    Args:
        articles: the corpus; ids must be unique.
        vectors: one embedding per article (``compare.embed.article_vectors``).
        sensitivity: 0..1; higher splits stories more finely. One-article stories are kept.
        memo: headline entities known from an earlier build; fills ``memo.used``.
        advance: hears the articles grouped so far (the build's progress bar).
    """
    if not articles:
        return []
    order = sorted(range(len(articles)), key=lambda k: articles[k].id)
    ordered = [articles[k] for k in order]
    matrix = np.asarray(vectors, dtype=np.float32)[order]
    matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    clustering, naming = stage_steps(advance, len(articles), _GROUPING_STEPS)
    labels = cluster_labels(ordered, matrix, grouping_threshold(sensitivity), memo, clustering)
    order_by_label = np.argsort(labels, kind="stable")
    groups = np.split(order_by_label, np.flatnonzero(np.diff(labels[order_by_label])) + 1)
    terms = key_terms([g.tolist() for g in groups], ordered, advance=naming)
    naming(1, 1)  # a small corpus's terms come from one count, with nothing to report on the way
    stories = [
        make_story([ordered[k] for k in group], ordered[_representative(group, matrix)].title, group_terms)
        for group, group_terms in zip(groups, terms, strict=True)
    ]
    return sorted(stories, key=story_order)
