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
from compare.framing.text import StoryText
from compare.model import Article, Evidence

# Words, or a punctuation mark that breaks a phrase (no bigram spans a comma or a full stop). A word
# starts after no letter or digit: letters glued to a number are not one ("19th", "$1.37bn", "100mph"),
# or "th" and "ph" would count as words; "19th-century" counts "century".
_TOKEN = re.compile(r"(?<![0-9A-Za-z])(?:[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])|[.,;:!?()\"“”—–]|\n")
#: Changes whenever ``_TOKEN`` or ``_terms`` count differently, so stored term priors are not mixed with new counts.
TERMS_TOKENIZER = "v2"
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
    #: Each word's capitalisation votes (``_terms``), which ``names`` is read from: kept so that a
    #: rebuild can take articles away and add others (``updated``). None when read from a table
    #: stored without them.
    votes: Counter[str] | None = None

    def to_frame(self) -> pd.DataFrame:
        votes = {w: v for w, v in (self.votes or {}).items() if v}  # a zero vote says nothing: not stored
        terms = sorted(set(self.counts) | self.names | set(votes))
        frame = pd.DataFrame(
            {"term": terms, "count": [self.counts.get(t, 0) for t in terms], "name": [t in self.names for t in terms]}
        )
        if self.votes is not None:
            frame["votes"] = [votes.get(t, 0) for t in terms]
        return frame

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> TermPrior:
        counted = frame[frame["count"] > 0]
        counts = Counter(dict(zip(counted["term"].tolist(), counted["count"].astype(int).tolist(), strict=True)))
        votes = None
        if "votes" in frame:
            voted = frame[frame["votes"] != 0]
            votes = Counter(dict(zip(voted["term"].tolist(), voted["votes"].astype(int).tolist(), strict=True)))
        return cls(counts, frozenset(frame.loc[frame["name"], "term"].tolist()), votes)

    def updated(self, removed: Sequence[str], added: Sequence[str]) -> TermPrior | None:
        """This corpus's prior with the texts ``removed`` taken out and ``added`` put in: what counting the
        new corpus from nothing gives, at the cost of counting only the difference. None without votes."""
        if self.votes is None:
            return None
        counts, votes = Counter(self.counts), Counter(self.votes)
        removed_counts, removed_votes = _count_corpus(removed)
        added_counts, added_votes = _count_corpus(added)
        counts.subtract(removed_counts)  # ``subtract`` keeps what falls to zero or below; cleared next
        counts.update(added_counts)
        votes.subtract(removed_votes)
        votes.update(added_votes)
        counts = Counter({term: n for term, n in counts.items() if n > 0})
        votes = Counter({word: v for word, v in votes.items() if v})
        return TermPrior(counts, _names(votes), votes)


#: Articles per worker task when the corpus's terms are counted.
_COUNT_SLICE = 500

# Contractions of stop words ("couldn't", "it's", "we're") are stop words too.
_CONTRACTION = re.compile(r"n't$|'(?:s|re|ve|ll|d|m)$")

Columns = ["outlet", "term", "z", "count", "rest_count", "significant", "evidence"]


def _terms(text: str, capital_votes: Counter[str] | None = None) -> list[str]:
    """The words (stop words out) and two-word phrases (inside a phrase only) of ``text``, in order.

    Each word written mid-sentence also votes in ``capital_votes``: +1 capitalised, −1 not
    (how the corpus learns which words are names). A possessive counts as the word itself
    ("letter's" → "letter").
    """
    terms: list[str] = []
    previous_token, previous_word = "\n", ""
    for token in _TOKEN.findall(text):
        if not token[0].isalpha():  # punctuation: breaks a phrase, and may start a sentence
            previous_token, previous_word = token, ""
            continue
        mid_sentence = previous_token not in _BREAK_BEFORE_CAPITAL
        previous_token = token
        word = token.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if capital_votes is not None and mid_sentence:
            capital_votes[word] += 1 if token[0].isupper() else -1
        if len(word) < 2 or word in ENGLISH_STOP_WORDS or ("'" in word and _CONTRACTION.search(word)):
            previous_word = ""
            continue
        terms.append(word)
        if previous_word:
            terms.append(f"{previous_word} {word}")
        previous_word = word
    return terms


def _count(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Term counts (see ``_terms``) and capitalisation votes of many texts."""
    counts: Counter[str] = Counter()
    capital_votes: Counter[str] = Counter()
    for text in texts:
        counts.update(_terms(text, capital_votes))
    return counts, capital_votes


def _count_slice(texts: Sequence[str]) -> list[tuple[Counter[str], Counter[str]]]:
    return [_count(texts)]


def _count_corpus(texts: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    """``_count`` of a whole corpus, slice by slice in the build's worker processes during a build.

    Counters add up in slice order, so the totals and even the order terms first appear in are a
    single pass's."""
    from compare.parallel import map_in_build

    counts: Counter[str] = Counter()
    capital_votes: Counter[str] = Counter()
    for part_counts, part_votes in map_in_build(_count_slice, texts, slice_size=_COUNT_SLICE):
        counts.update(part_counts)
        capital_votes.update(part_votes)
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
        counts, votes = _count_corpus([a.text for a in corpus_articles])
        _CORPUS_CACHE.clear()  # one corpus at a time: a new corpus replaces the old prior
        _CORPUS_CACHE[key] = TermPrior(counts, _names(votes), votes)
    return _CORPUS_CACHE[key]


def dirichlet_prior(prior: Counter[str], vocabulary: Sequence[str], prior_total: int) -> tuple[np.ndarray, float]:
    """The informative prior's pseudo-counts for ``vocabulary`` and their total (over every term, not only
    the vocabulary scored: names and other terms still take up text)."""
    scale = settings.DISTINCTIVE_PRIOR_STRENGTH / (prior_total or 1)
    alpha = scale * (np.array([prior.get(w, 0) for w in vocabulary], dtype=float) + settings.DISTINCTIVE_PRIOR_FLOOR)
    alpha0 = scale * ((prior_total or 1) + settings.DISTINCTIVE_PRIOR_FLOOR * max(len(prior), len(vocabulary)))
    return alpha, alpha0


def log_odds_z(
    y_i: np.ndarray, n_i: float, y_j: np.ndarray, n_j: float, alpha: np.ndarray, alpha0: float
) -> np.ndarray:
    """z-scores of the weighted log-odds ratio of i vs j with an informative Dirichlet prior (Monroe et al., eq. 22).

    ``y_i``, ``y_j``: each term's count in i and in j; ``n_i``, ``n_j``: their total counts;
    ``alpha``, ``alpha0``: the prior's (``dirichlet_prior``).
    """
    delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha))
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta / np.sqrt(variance)  # type: ignore[no-any-return]


def _evidence(story: StoryText, outlet: str, terms: Iterable[str]) -> dict[str, tuple[Evidence, ...]]:
    """The outlet's first sentences holding each term (as ``_terms`` reads them), a few per term.

    Only sentences whose text contains the term's first word are read word by word.
    """
    sentences = story.by_outlet(outlet)
    lowered = [s.text.lower().replace("’", "'") for s in sentences]
    read: dict[int, set[str]] = {}
    found: dict[str, tuple[Evidence, ...]] = {}
    for term in terms:
        first_word = term.split(" ", 1)[0]
        holding: list[Evidence] = []
        for index, text in enumerate(lowered):
            if first_word not in text:
                continue
            if index not in read:
                read[index] = set(_terms(sentences[index].text))
            if term in read[index]:
                holding.append(sentences[index].evidence())
                if len(holding) == settings.FRAMING_EVIDENCE_PER_ROW:
                    break
        found[term] = tuple(holding)
    return found


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
    story_counts: Counter[str] = Counter()
    for counts in per_outlet.values():
        story_counts.update(counts)
    story_total = sum(story_counts.values())
    unnamed = {t for t in story_counts if not any(w in names for w in t.split())}
    rows = []
    for outlet, counts_i in per_outlet.items():
        vocabulary = [t for t in counts_i if t in unnamed]
        if not vocabulary:
            continue
        # Set against the rest of the story (the story minus the outlet); when the rest has no words to
        # count (one outlet, or the others wrote only stop words), against the corpus without the outlet.
        n_i = float(sum(counts_i.values()))
        rest_counts, rest_total = (story_counts, story_total) if story_total > n_i else (prior, prior_total)
        y_i = np.array([counts_i[t] for t in vocabulary], dtype=float)
        y_rest = np.array([rest_counts.get(t, 0) for t in vocabulary], dtype=float) - y_i
        # The rest's size: what is left of it once the outlet's own counts are taken out (a corpus
        # prior counted without this text holds fewer of its words than the text itself).
        n_rest = rest_total - sum(min(rest_counts.get(t, 0), c) for t, c in counts_i.items())
        alpha, alpha0 = dirichlet_prior(prior, vocabulary, prior_total)
        z = np.round(log_odds_z(y_i, n_i, np.maximum(y_rest, 0.0), n_rest, alpha, alpha0), 6)
        order = np.argsort(-z, kind="stable")
        # Terms tied with the last one listed stay in: in small stories many words share a count, and
        # cutting a tie would pick winners by the order words happen to appear in.
        cutoff = max(z[order[min(top, len(order)) - 1]], 1e-9)
        listed = [int(index) for index in order[: int(np.count_nonzero(z >= cutoff))]]
        evidence = _evidence(story, outlet, (vocabulary[index] for index in listed))
        for index in listed:
            term = vocabulary[index]
            rows.append(
                {
                    "outlet": outlet,
                    "term": term,
                    "z": round(float(z[index]), 3),
                    "count": counts_i[term],
                    "rest_count": int(max(y_rest[index], 0)),
                    "significant": bool(z[index] >= settings.DISTINCTIVE_MIN_Z),
                    "evidence": evidence.get(term, ()),
                }
            )
    return pd.DataFrame(rows, columns=Columns)
