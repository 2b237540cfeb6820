"""The sentences of a story, cut once and embedded once, shared by every framing panel.

Aspects and frames both need one vector per sentence; computing them once per story
(and caching them by text across stories) is what keeps a 20-article story fast.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from compare import settings
from compare.model import Article, Evidence
from compare.nlp import sentence_spans

if TYPE_CHECKING:
    from compare.embed import Embedder

# Sentence vectors by (model name, sentence), oldest dropped first: stories of one corpus share wire copy.
_VECTOR_CACHE: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_VECTOR_LOCK = threading.Lock()


@dataclass(frozen=True)
class Sentence:
    """One sentence of one article, with its place in the article's clean text."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str

    def evidence(self) -> Evidence:
        return Evidence(self.article_id, self.text, self.start, self.end)


@dataclass
class StoryText:
    """A story's articles cut into sentences; vectors are computed on first use and kept."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    _vectors: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _by_article: dict[str, tuple[list[int], list[Sentence]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def outlets(self) -> list[str]:
        """Outlets in order of first appearance."""
        return list(dict.fromkeys(a.outlet for a in self.articles))

    def by_outlet(self, outlet: str) -> list[Sentence]:
        return [s for s in self.sentences if s.outlet == outlet]

    def sentence_at(self, article_id: str, position: int) -> Sentence | None:
        """The sentence of an article that holds a character position (None between sentences)."""
        index = self._by_article
        if index is None:  # built once, whole before it is shared: panels on two threads may ask at once
            index = {}
            for sentence in self.sentences:
                starts, sentences = index.setdefault(sentence.article_id, ([], []))
                starts.append(sentence.start)
                sentences.append(sentence)
            self._by_article = index
        starts, sentences = index.get(article_id, ([], []))
        at = bisect.bisect_right(starts, position) - 1
        return sentences[at] if at >= 0 and position < sentences[at].end else None

    def vectors(self, embedder: Embedder) -> np.ndarray:
        """One unit vector per sentence (same order as ``sentences``)."""
        if embedder.name not in self._vectors:
            self._vectors[embedder.name] = embed_cached(embedder, [s.text for s in self.sentences])
        return self._vectors[embedder.name]


def story_text(articles: Sequence[Article]) -> StoryText:
    """Cut every article of a story into sentences (headline excluded: it is not body text)."""
    sentences = tuple(
        Sentence(a.id, a.outlet, start, end, a.text[start:end])
        for a in articles
        for start, end in sentence_spans(a.text)
    )
    return StoryText(tuple(articles), sentences)


def embed_cached(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Embed texts, reusing vectors already computed for the same model and text."""
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    with _VECTOR_LOCK:  # the dashboard's background worker may ask at the same time
        missing = list(dict.fromkeys(t for t in texts if (embedder.name, t) not in _VECTOR_CACHE))
        if missing:
            for text, vector in zip(missing, embedder.embed(missing), strict=True):
                _VECTOR_CACHE[(embedder.name, text)] = vector
        found = np.stack([_VECTOR_CACHE[(embedder.name, t)] for t in texts])  # before evicting: all still there
        while len(_VECTOR_CACHE) > settings.FRAMING_VECTOR_CACHE_SIZE:
            _VECTOR_CACHE.popitem(last=False)
    return found


def inside(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when ``position`` lies in one of ``spans`` (``compare.nlp.quoted_spans``: inside a quotation)."""
    return any(start <= position < end for start, end in spans)


@lru_cache(maxsize=64)
def term_pattern(terms: tuple[str, ...], ignore_case: bool = True) -> re.Pattern[str]:
    """One regex for whole-word terms, longest first so phrases win over their words."""
    alternatives = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE if ignore_case else 0)


_TOKEN = re.compile(r"[\w’'-]+")


class TermIndex:
    """Finds whole-word terms (and phrases) from large lists in one pass over the words.

    A dictionary lookup per word is far faster than one regular expression with
    thousands of alternatives; at each word the longest listed phrase wins. Phrases are
    indexed by their first word, so a word that starts none costs one lookup.
    """

    def __init__(self, labelled_terms: Iterable[tuple[str, str]]) -> None:
        self._terms: dict[tuple[str, ...], str] = {}
        for term, label in labelled_terms:
            words = tuple(term.lower().replace("’", "'").split())
            if words:  # a blank entry matches nothing
                self._terms.setdefault(words, label)  # first label wins
        lengths: dict[str, set[int]] = {}
        for words in self._terms:
            lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label) of each listed term in ``text``, left to right, without overlaps."""
        tokens = list(_TOKEN.finditer(text))
        words = [t.group().lower().replace("’", "'") for t in tokens]
        found = []
        i = 0
        while i < len(words):
            for n in self._lengths.get(words[i], ()):
                label = self._terms.get(tuple(words[i : i + n])) if i + n <= len(words) else None
                if label is not None:
                    found.append((tokens[i].start(), tokens[i + n - 1].end(), label))
                    i += n
                    break
            else:
                i += 1
        return found
