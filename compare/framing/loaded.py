"""Loaded language and attribution verbs, found with our lexicons and marked by character span.

A word of our lists is judged in its sentence before it is flagged: "failed" in "the
valve failed to open" and "attacks" in "the attacks of Sept. 11" are plain words, and a
word the whole corpus uses everywhere is its vocabulary, not one outlet's choice.
Spans index the article's clean text so the app can highlight them in place; each
carries its category (spin, intensifier, ...) and whether it sits inside a quotation, since a
loaded word in a quote is the speaker's choice and one in narration is the outlet's.
Quotations are the quote extractor's own (``compare.nlp.find_quotations``), so a word the
Quoted officials tab gives a speaker is never counted as the outlet's, in any paragraph
of a long quote.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from compare import settings
from compare.framing.distinctive import TermPrior
from compare.framing.lexicons import (
    LITERAL_SENSES,
    LOADED_ATTRIBUTION,
    LOADED_CATEGORIES,
    NEUTRAL_ATTRIBUTION,
    NOUN_BEFORE,
)
from compare.framing.text import StoryText, TermIndex, inside
from compare.model import Article, Evidence
from compare.nlp import inflections, quoted_spans

SpanColumns = ["article_id", "outlet", "start", "end", "text", "category", "in_quote", "evidence"]
VerbColumns = ["outlet", "verb", "kind", "count", "evidence"]
_WORD_BEFORE = re.compile(r"([\w'’-]+)[^\w.!?;:]*$")  # a sentence's end or a clause break stops the search
_WORD_AFTER = re.compile(r"[^\w.!?;:]*([\w'’-]+)")


@dataclass(frozen=True)
class Span:
    """One flagged stretch of an article's text."""

    start: int
    end: int
    category: str


def _expand(entries: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(form for entry in entries for form in inflections(entry))


@lru_cache(maxsize=1)
def _loaded_index() -> TermIndex:
    return TermIndex([(form, name) for name, entries in LOADED_CATEGORIES.items() for form in _expand(entries)])


@lru_cache(maxsize=1)
def _literal_senses() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """``LITERAL_SENSES`` by every form of its words ("failed", "assaults")."""
    return {
        form: (frozenset(before), frozenset(after))
        for entry, (before, after) in LITERAL_SENSES.items()
        for form in inflections(entry)
    }


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The lower-case words just before and just after ``text[start:end]`` ("" at a sentence's edge)."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    return (before.group(1).lower() if before else "", after.group(1).lower() if after else "")


def literal(text: str, span: Span) -> bool:
    """Whether a listed word is used in a plain sense, by its neighbours: a verb of spin after a determiner
    or a number is a noun ("the attacks", "Sept. 11 attacks"), and ``LITERAL_SENSES`` name the rest
    ("failed to pass", "sexual assault")."""
    word = text[span.start : span.end].lower().replace("’", "'")
    before, after = _neighbours(text, span.start, span.end)
    if span.category == "spin" and (before in NOUN_BEFORE or before[:1].isdigit()):
        return True
    senses = _literal_senses().get(word)
    return senses is not None and (before in senses[0] or after in senses[1])


# Words of the last few corpus priors (summing a 10k-article corpus's counts takes ~40 ms a story view), by id:
# the prior is kept with its sum, so its id cannot be reused while it is here.
_CORPUS_WORDS: OrderedDict[int, tuple[TermPrior, int]] = OrderedDict()


def _corpus_words(prior: TermPrior) -> int:
    """How many words (stop words aside, phrases not counted) the corpus of ``prior`` holds."""
    kept = _CORPUS_WORDS.get(id(prior))
    if kept is None or kept[0] is not prior:
        kept = (prior, sum(n for term, n in prior.counts.items() if " " not in term))
        _CORPUS_WORDS[id(prior)] = kept
        while len(_CORPUS_WORDS) > 4:
            _CORPUS_WORDS.popitem(last=False)
    return kept[1]


def everyday_words(prior: TermPrior | None) -> Callable[[str], bool]:
    """Whether a word is the corpus's everyday vocabulary: used more than ``settings.LOADED_MAX_PER_MILLION``
    times per million words. A corpus too small to tell (``settings.LOADED_PRIOR_MIN_WORDS``) has none."""
    words = _corpus_words(prior) if prior is not None else 0
    if prior is None or words < settings.LOADED_PRIOR_MIN_WORDS:
        return lambda word: False
    most = settings.LOADED_MAX_PER_MILLION * words / 1e6
    counts = prior.counts
    return lambda word: counts.get(" ".join(word.lower().replace("’", "'").split()), 0) > most


def flag_spans(text: str, everyday: Callable[[str], bool] | None = None) -> list[Span]:
    """Loaded words and phrases in ``text``, judged in their sentence; the longest listed phrase wins.

    A listed word in a plain sense (``literal``) is not loaded, nor one of the corpus's ``everyday``
    words (a word every article of a politics corpus writes, "controversial", says nothing of one outlet).
    """
    spans = [Span(start, end, category) for start, end, category in _loaded_index().find(text)]
    common = everyday or (lambda word: False)
    return [s for s in spans if not literal(text, s) and not common(text[s.start : s.end])]


def _sentence_evidence(story: StoryText, article: Article, start: int, end: int) -> Evidence:
    """The sentence holding a match, or the match itself outside any sentence."""
    sentence = story.sentence_at(article.id, start)
    return sentence.evidence() if sentence else Evidence(article.id, article.text[start:end], start, end)


def loaded_language(story: StoryText, prior: TermPrior | None = None) -> pd.DataFrame:
    """Every loaded span of every article, with its category, quote flag and sentence; ``prior`` (the
    corpus's term counts) says which words are everyday ones."""
    everyday = everyday_words(prior)
    rows = []
    for article in story.articles:
        quotes = quoted_spans(article.text)
        for span in flag_spans(article.text, everyday):
            rows.append(
                {
                    "article_id": article.id,
                    "outlet": article.outlet,
                    "start": span.start,
                    "end": span.end,
                    "text": article.text[span.start : span.end],
                    "category": span.category,
                    "in_quote": inside(span.start, quotes),
                    "evidence": (_sentence_evidence(story, article, span.start, span.end),),
                }
            )
    return pd.DataFrame(rows, columns=SpanColumns)


@lru_cache(maxsize=1)
def _attribution_index() -> TermIndex:
    neutral = [(form, "neutral") for form in _expand(NEUTRAL_ATTRIBUTION)]
    return TermIndex([*neutral, *((form, "loaded") for form in _expand(LOADED_ATTRIBUTION))])


def _attribution_matches(story: StoryText) -> Iterator[tuple[Article, str, str, int, int]]:
    for article in story.articles:
        for start, end, kind in _attribution_index().find(article.text):
            yield article, kind, article.text[start:end].lower(), start, end


def attribution_verbs(story: StoryText) -> pd.DataFrame:
    """How each outlet reports speech: counts of neutral ("said") and loaded ("conceded") verbs, with sentences."""
    grouped: dict[tuple[str, str, str], list[Evidence]] = {}
    for article, kind, verb, start, end in _attribution_matches(story):
        lemma = " ".join(verb.split())
        grouped.setdefault((article.outlet, lemma, kind), []).append(_sentence_evidence(story, article, start, end))
    rows = [
        {
            "outlet": outlet,
            "verb": verb,
            "kind": kind,
            "count": len(evidence),
            "evidence": tuple(evidence[: settings.FRAMING_EVIDENCE_PER_ROW]),
        }
        for (outlet, verb, kind), evidence in grouped.items()
    ]
    frame = pd.DataFrame(rows, columns=VerbColumns)
    return frame.sort_values(["outlet", "kind", "count"], ascending=[True, False, False], ignore_index=True)
