"""Headline and lede: where an outlet puts what it thinks matters most."""

from __future__ import annotations

import re

import pandas as pd

from compare import settings
from compare.framing.text import Sentence, StoryText

Columns = ["article_id", "outlet", "headline", "lede", "evidence"]

# A note to readers set above the story ("PLEASE NOTE: we recorded this...", "Editor's note - ...",
# "UPDATE:") is the outlet talking about the article, not the article's opening.
_READER_NOTE = re.compile(
    r"^\W*(?:please\s+note|note\s+to\s+(?:readers|our\s+readers)|editor[’']?s\s+note|updated?|correction|clarification)"
    r"\b(?:\s*\d+)?\s*(?:\([^)\n]{0,40}\))?\s*[:—–-]",
    re.IGNORECASE,
)


def _opening(sentences: list[Sentence]) -> list[Sentence]:
    """The first sentences after any leading notes to readers (all of them if nothing else is left)."""
    skip = 0
    while skip < len(sentences) and _READER_NOTE.match(sentences[skip].text):
        skip += 1
    return sentences[skip:] or sentences


def headline_and_lede(story: StoryText) -> pd.DataFrame:
    """One row per article: its headline and its first sentences (notes to readers skipped), with their offsets."""
    rows = []
    for article in story.articles:
        lede = _opening([s for s in story.sentences if s.article_id == article.id])[: settings.LEDE_SENTENCES]
        rows.append(
            {
                "article_id": article.id,
                "outlet": article.outlet,
                "headline": article.title,
                "lede": " ".join(s.text for s in lede),
                "evidence": tuple(s.evidence() for s in lede),
            }
        )
    return pd.DataFrame(rows, columns=Columns)
