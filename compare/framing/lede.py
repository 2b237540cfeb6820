"""Headline and lede: where an outlet puts what it thinks matters most."""

from __future__ import annotations

import pandas as pd

from compare import settings
from compare.framing.text import StoryText

Columns = ["article_id", "outlet", "headline", "lede", "evidence"]


def headline_and_lede(story: StoryText) -> pd.DataFrame:
    """One row per article: its headline and its first sentences, with their offsets as evidence."""
    rows = []
    for article in story.articles:
        lede = [s for s in story.sentences if s.article_id == article.id][: settings.LEDE_SENTENCES]
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
