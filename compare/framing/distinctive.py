"""Distinctive words and phrases per outlet: Monroe, Colaresi & Quinn's (2008) "Fightin' Words".

Each outlet's word counts are set against the rest of the story's outlets with a
weighted log-odds ratio whose informative Dirichlet prior comes from the whole corpus;
the z-score says how sure the difference is, so rare words cannot top the list by chance.
Stop words are left out, and so are names (the naming panel shows those).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from compare import settings
from compare.framing.text import StoryText, term_pattern
from compare.model import Article, Evidence

# Words, or a punctuation mark that breaks a phrase (no bigram spans a comma or a full stop).
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|[.,;:!?()\"“”—–]|\n")
_BREAK_BEFORE_CAPITAL = frozenset('.!?"“\n:—')
_CORPUS_CACHE: dict[str, TermPrior] = {}


@dataclass(frozen=True)
class TermPrior:
    """Whole-corpus term counts and the words the corpus writes as names: what a story is set against.

    Counting a large corpus takes seconds, so a build stores it (``to_frame``) and the
    story views read it back instead of counting again.
    """

    counts: Counter[str]
    names: frozenset[str]

    def to_frame(self) -> pd.DataFrame:
        terms = sorted(set(self.counts) | self.names)
        return pd.DataFrame(
            {"term": terms, "count": [self.counts.get(t, 0) for t in terms], "name": [t in self.names for t in terms]}
        )

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> TermPrior:
        counted = frame[frame["count"] > 0]
        counts = Counter(dict(zip(counted["term"].tolist(), counted["count"].astype(int).tolist(), strict=True)))
        return cls(counts, frozenset(frame.loc[frame["name"], "term"].tolist()))


# Contractions of stop words ("couldn't", "it's", "we're") are stop words too.
_CONTRACTION = re.compile(r"n't$|'(?:s|re|ve|ll|d|m)$")

Columns = ["outlet", "term", "z", "count", "rest_count", "significant", "evidence"]


def _tokens(text: str) -> Iterable[tuple[str, bool | None]]:
    """(lower-case word, capitalised mid-sentence?) pairs; None marks a phrase break or a sentence-initial word."""
    previous = "\n"
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not token[0].isalpha():
            previous = token
            yield "", None
            continue
        mid_sentence = previous not in _BREAK_BEFORE_CAPITAL
        previous = token
        word = token.lower().replace("’", "'")
        if word.endswith("'s"):  # the possessive counts as the word itself ("letter's" -> "letter")
            word = word[:-2]
        yield word, (token[0].isupper() if mid_sentence else None)


def _count(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Unigram and bigram counts (stop words out, bigrams only inside a phrase), and capitalisation votes."""
    counts: Counter[str] = Counter()
    capital_votes: Counter[str] = Counter()
    for text in texts:
        previous = ""
        for word, capital in _tokens(text):
            if capital is not None:
                capital_votes[word] += 1 if capital else -1
            if not word or len(word) < 2 or word in ENGLISH_STOP_WORDS or ("'" in word and _CONTRACTION.search(word)):
                previous = ""
                continue
            counts[word] += 1
            if previous:
                counts[f"{previous} {word}"] += 1
            previous = word
    return counts, capital_votes


def _names(capital_votes: Counter[str]) -> frozenset[str]:
    """Words written capitalised mid-sentence more often than not: names, left to the naming panel."""
    return frozenset(word for word, votes in capital_votes.items() if votes > 0)


def corpus_prior(corpus_articles: Sequence[Article]) -> TermPrior:
    """Whole-corpus term counts and name set, cached by the corpus's article ids and lengths."""
    key = hashlib.blake2b(
        "\n".join(f"{a.id}:{len(a.text)}" for a in corpus_articles).encode(), digest_size=16
    ).hexdigest()
    if key not in _CORPUS_CACHE:
        counts, votes = _count(a.text for a in corpus_articles)
        _CORPUS_CACHE.clear()  # one corpus at a time: a new corpus replaces the old prior
        _CORPUS_CACHE[key] = TermPrior(counts, _names(votes))
    return _CORPUS_CACHE[key]


def log_odds_z(
    counts_i: Counter[str],
    counts_j: Counter[str],
    prior: Counter[str],
    vocabulary: Sequence[str],
    prior_total: int | None = None,
) -> np.ndarray:
    """z-scores of the weighted log-odds ratio of i vs j with an informative Dirichlet prior (Monroe et al., eq. 22).
    ``prior_total`` is the prior's total count, when the caller scores many outlets against one prior."""
    # Totals run over every term, not only the vocabulary scored (names and other terms still take up text).
    prior_total = (sum(prior.values()) if prior_total is None else prior_total) or 1
    scale = settings.DISTINCTIVE_PRIOR_STRENGTH / prior_total
    alpha = scale * (np.array([prior.get(w, 0) for w in vocabulary], dtype=float) + settings.DISTINCTIVE_PRIOR_FLOOR)
    alpha0 = scale * (prior_total + settings.DISTINCTIVE_PRIOR_FLOOR * max(len(prior), len(vocabulary)))
    y_i = np.array([counts_i.get(w, 0) for w in vocabulary], dtype=float)
    y_j = np.array([counts_j.get(w, 0) for w in vocabulary], dtype=float)
    n_i, n_j = float(sum(counts_i.values())), float(sum(counts_j.values()))
    delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha))
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta / np.sqrt(variance)  # type: ignore[no-any-return]


def _evidence(story: StoryText, outlet: str, term: str, limit: int) -> tuple[Evidence, ...]:
    pattern = term_pattern((term,))
    found = [s.evidence() for s in story.by_outlet(outlet) if pattern.search(s.text.replace("’", "'"))]
    return tuple(found[:limit])


def distinctive_words(story: StoryText, corpus: TermPrior | Sequence[Article], top: int | None = None) -> pd.DataFrame:
    """The words and two-word phrases that set each outlet apart from the rest of the story.

    ``corpus`` is the corpus's stored term prior, or its articles to count one from.
    Counts come from the body text (where the evidence sentences are). With one outlet,
    the rest is the corpus without it. Rows are sorted by outlet, then z; the ``top``
    terms are listed, plus any tied with the last of them.
    """
    top = top or settings.DISTINCTIVE_TOP
    term_prior = corpus if isinstance(corpus, TermPrior) else corpus_prior(corpus)
    prior, names = term_prior.counts, term_prior.names
    prior_total = sum(prior.values())  # once: a 10k corpus's prior holds ~900k terms
    per_outlet = {outlet: _count(a.text for a in story.articles if a.outlet == outlet)[0] for outlet in story.outlets}
    rows = []
    for outlet, counts_i in per_outlet.items():
        rest: Counter[str] = Counter()
        for other, counts in per_outlet.items():
            if other != outlet:
                rest.update(counts)
        if not rest:
            rest = prior - counts_i
        vocabulary = [t for t in counts_i if not any(w in names for w in t.split())]
        if not vocabulary:
            continue
        z = np.round(log_odds_z(counts_i, rest, prior, vocabulary, prior_total), 6)
        order = np.argsort(-z, kind="stable")
        # Terms tied with the last one listed stay in: in small stories many words share a count, and
        # cutting a tie would pick winners by the order words happen to appear in.
        cutoff = max(z[order[min(top, len(order)) - 1]], 1e-9)
        for index in order:
            if z[index] < cutoff:
                break
            term = vocabulary[index]
            rows.append(
                {
                    "outlet": outlet,
                    "term": term,
                    "z": round(float(z[index]), 3),
                    "count": counts_i[term],
                    "rest_count": rest.get(term, 0),
                    "significant": bool(z[index] >= settings.DISTINCTIVE_MIN_Z),
                    "evidence": _evidence(story, outlet, term, settings.FRAMING_EVIDENCE_PER_ROW),
                }
            )
    return pd.DataFrame(rows, columns=Columns)
