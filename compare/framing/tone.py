"""Tone: sentence-level sentiment with VADER (Hutto & Gilbert 2014), aggregated per outlet.

VADER is built for short, informal text and reads negation, intensifiers and
punctuation, so it scores news sentences far better than counting positive and
negative words; the most positive and negative sentences are kept as proof.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from compare import settings
from compare.framing.text import StoryText

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

Columns = ["outlet", "sentences", "mean", "positive_share", "negative_share", "most_positive", "most_negative"]


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=50_000)
def _compound(text: str) -> float:
    """One sentence's score, kept: wire copy and syndication repeat sentences across a story's outlets
    and across stories, and VADER is most of the tone panel's time."""
    return float(_analyzer().polarity_scores(text)["compound"])


def sentence_scores(texts: list[str]) -> list[float]:
    """VADER compound score in [-1, 1] for each text."""
    return [_compound(t) for t in texts]


def tone(story: StoryText) -> pd.DataFrame:
    """Per outlet: mean sentence sentiment, shares of clearly positive/negative sentences, and the extremes."""
    rows = []
    for outlet in story.outlets:
        sentences = story.by_outlet(outlet)
        if not sentences:
            continue
        scores = sentence_scores([s.text for s in sentences])
        ranked = sorted(zip(scores, sentences, strict=True), key=lambda pair: pair[0])
        limit = settings.FRAMING_EVIDENCE_PER_ROW
        rows.append(
            {
                "outlet": outlet,
                "sentences": len(scores),
                "mean": round(sum(scores) / len(scores), 4),
                "positive_share": round(sum(s >= settings.TONE_MIN_COMPOUND for s in scores) / len(scores), 4),
                "negative_share": round(sum(s <= -settings.TONE_MIN_COMPOUND for s in scores) / len(scores), 4),
                "most_positive": tuple(s.evidence() for score, s in reversed(ranked[-limit:]) if score > 0),
                "most_negative": tuple(s.evidence() for score, s in ranked[:limit] if score < 0),
            }
        )
    return pd.DataFrame(rows, columns=Columns)
