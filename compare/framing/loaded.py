"""Loaded language and attribution verbs, found with our lexicons and marked by character span.

Spans index the article's clean text so the app can highlight them in place; each
carries its category (spin, hedge, ...) and whether it sits inside a quotation, since a
loaded word in a quote is the speaker's choice and one in narration is the outlet's.
Quotations are the quote extractor's own (``compare.nlp.find_quotations``), so a word the
Quoted officials tab gives a speaker is never counted as the outlet's, in any paragraph
of a long quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from compare import settings
from compare.framing.lexicons import LOADED_ATTRIBUTION, LOADED_CATEGORIES, NEUTRAL_ATTRIBUTION
from compare.framing.text import StoryText, TermIndex, inside
from compare.model import Article, Evidence
from compare.nlp import inflections, quoted_spans

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
def _loaded_index() -> TermIndex:
    listed = [(form, name) for name, entries in LOADED_CATEGORIES.items() for form in _expand(entries)]
    return TermIndex([*listed, *((word, "sentiment") for word in _vader_terms())])


def flag_spans(text: str) -> list[Span]:
    """Loaded words and phrases in ``text``; the longest listed phrase wins, then the first category listed."""
    return [Span(start, end, category) for start, end, category in _loaded_index().find(text)]


def story_spans(texts_by_outlet: dict[str, list[str]]) -> list[list[Span]]:
    """``flag_spans`` for each text of a story, minus sentiment words that every outlet uses.

    A strongly valenced word that all outlets write ("war", "killed") belongs to the
    event, not to one outlet's telling; the hand-written categories are kept as they are.
    Texts come back flattened, in outlet order.
    """
    flagged = {o: [flag_spans(t) for t in texts] for o, texts in texts_by_outlet.items()}
    shared: set[str] = set()
    if len(texts_by_outlet) >= 2:
        words_per_outlet = [
            {texts[i][s.start : s.end].lower() for i, spans in enumerate(flagged[o]) for s in spans}
            for o, texts in texts_by_outlet.items()
        ]
        shared = set.intersection(*words_per_outlet)
    return [
        [s for s in spans if not (s.category == "sentiment" and text[s.start : s.end].lower() in shared)]
        for o, texts in texts_by_outlet.items()
        for text, spans in zip(texts, flagged[o], strict=True)
    ]


def _sentence_evidence(story: StoryText, article: Article, start: int, end: int) -> Evidence:
    """The sentence holding a match, or the match itself outside any sentence."""
    sentence = story.sentence_at(article.id, start)
    return sentence.evidence() if sentence else Evidence(article.id, article.text[start:end], start, end)


def loaded_language(story: StoryText) -> pd.DataFrame:
    """Every loaded span of every article, with its category, quote flag and sentence."""
    by_outlet = {o: [a for a in story.articles if a.outlet == o] for o in story.outlets}
    ordered = [a for articles in by_outlet.values() for a in articles]
    spans_per_article = story_spans({o: [a.text for a in articles] for o, articles in by_outlet.items()})
    rows = []
    for article, spans in zip(ordered, spans_per_article, strict=True):
        quotes = quoted_spans(article.text)
        for span in spans:
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
