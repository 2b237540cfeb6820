"""Loaded language and attribution verbs, found with our lexicons and marked by character span.

Spans index the article's clean text so the app can highlight them in place; each
carries its category (spin, hedge, ...) and whether it sits inside a quotation, since a
loaded word in a quote is the speaker's choice and one in narration is the outlet's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from compare import settings
from compare.framing.lexicons import LOADED_ATTRIBUTION, LOADED_CATEGORIES, NEUTRAL_ATTRIBUTION, inflections
from compare.framing.text import StoryText, inside, quoted_spans, term_pattern
from compare.model import Article, Evidence

SpanColumns = ["article_id", "outlet", "start", "end", "text", "category", "in_quote", "evidence"]
VerbColumns = ["outlet", "verb", "kind", "count", "evidence"]


@dataclass(frozen=True)
class Span:
    """One flagged stretch of an article's text."""

    start: int
    end: int
    category: str


def _expand(entries: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(form for entry in entries for form in inflections(entry))


@lru_cache(maxsize=1)
def _vader_terms() -> tuple[str, ...]:
    """Strongly valenced words of VADER's published lexicon (Hutto & Gilbert 2014): a broad subjectivity net."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer().lexicon
    return tuple(w for w, v in lexicon.items() if abs(v) >= settings.LOADED_VADER_MIN_VALENCE and w.isalpha())


@lru_cache(maxsize=1)
def _category_patterns() -> tuple[tuple[str, object], ...]:
    categories = [(name, term_pattern(_expand(entries))) for name, entries in LOADED_CATEGORIES.items()]
    categories.append(("sentiment", term_pattern(_vader_terms())))
    return tuple(categories)


def flag_spans(text: str) -> list[Span]:
    """Loaded words and phrases in ``text``; where matches overlap, the longer (then the earlier category) wins."""
    found = [
        Span(m.start(), m.end(), name)
        for name, pattern in _category_patterns()
        for m in pattern.finditer(text)  # type: ignore[attr-defined]
    ]
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in found:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _sentence_evidence(story: StoryText, article: Article, start: int, end: int) -> Evidence:
    for sentence in story.sentences:
        if sentence.article_id == article.id and sentence.start <= start < sentence.end:
            return sentence.evidence()
    return Evidence(article.id, article.text[start:end], start, end)


def loaded_language(story: StoryText) -> pd.DataFrame:
    """Every loaded span of every article, with its category, quote flag and sentence."""
    rows = []
    for article in story.articles:
        quotes = quoted_spans(article.text)
        for span in flag_spans(article.text):
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


def _attribution_matches(story: StoryText) -> Iterator[tuple[Article, str, str, int, int]]:
    neutral = term_pattern(_expand(NEUTRAL_ATTRIBUTION))
    loaded = term_pattern(_expand(LOADED_ATTRIBUTION))
    for article in story.articles:
        for kind, pattern in (("neutral", neutral), ("loaded", loaded)):
            for m in pattern.finditer(article.text):
                yield article, kind, m.group().lower(), m.start(), m.end()


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
