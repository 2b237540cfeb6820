"""Framing per outlet, side by side, every indicator with its evidence.

Each panel has its own module and returns a pandas DataFrame whose ``evidence`` column
holds ``Evidence`` records (sentences or spans with character offsets into the
article's clean text). ``frame_story`` runs them all on one story and flattens the
results into ``Indicator`` rows for the command line, the report and the app.

The story's sentences are cut and embedded once (``story_text``), so the panels that
need vectors share them; pass the same ``StoryText`` to several panels to reuse it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from compare.framing.aspects import aspects
from compare.framing.distinctive import TermPrior, corpus_prior, distinctive_words
from compare.framing.frames import frames
from compare.framing.lede import headline_and_lede
from compare.framing.loaded import attribution_verbs, loaded_language
from compare.framing.markers import opinion_markers
from compare.framing.naming import Entities, naming
from compare.framing.text import StoryText, story_text
from compare.framing.tone import tone
from compare.model import Article, AspectIndicator, Indicator

if TYPE_CHECKING:
    from compare.embed import Embedder

__all__ = [
    "StoryText",
    "TermPrior",
    "aspects",
    "attribution_verbs",
    "distinctive_words",
    "frame_story",
    "frames",
    "headline_and_lede",
    "loaded_language",
    "naming",
    "opinion_markers",
    "story_text",
    "tone",
]


def _rows(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The table's rows as dicts (columns are fixed per panel, values of mixed types)."""
    yield from frame.to_dict("records")


def frame_story(
    articles: Sequence[Article],
    corpus: TermPrior | Sequence[Article],
    embedder: Embedder,
    stored_entities: Mapping[str, Entities] | None = None,
) -> list[Indicator]:
    """All framing indicators of one story, per outlet, each with its evidence.

    ``corpus`` gives the distinctive-words prior (stored, or the articles to count it
    from); ``embedder`` the sentence vectors for aspects and frames. Works for any
    number of outlets, one included. ``stored_entities`` (by text digest) are the names the build
    recognised ahead for long stories.
    """
    story = story_text(articles)
    return list(story_indicators(story, corpus, embedder, stored_entities))


def story_indicators(
    story: StoryText,
    corpus: TermPrior | Sequence[Article],
    embedder: Embedder,
    stored_entities: Mapping[str, Entities] | None = None,
) -> Iterator[Indicator]:
    """``frame_story`` on an already cut (and possibly already embedded) story."""
    prior = corpus if isinstance(corpus, TermPrior) else corpus_prior(corpus)
    for row in _rows(headline_and_lede(story)):
        yield Indicator(row["outlet"], "headline", row["headline"], row["evidence"], detail=row["article_id"])
    for row in _rows(distinctive_words(story, prior)):
        detail = f"z={row['z']:.2f}; {row['count']} here vs {row['rest_count']} elsewhere"
        yield Indicator(row["outlet"], "distinctive_word", row["term"], row["evidence"], detail=detail)
    for row in _rows(naming(story, stored_entities)):
        yield Indicator(
            row["outlet"], "naming", row["form"], row["evidence"], detail=f"{row['actor']} ({row['count']}x)"
        )
    for row in _rows(loaded_language(story, prior)):
        where = "in a quote" if row["in_quote"] else "narration"
        yield Indicator(
            row["outlet"], "loaded_language", row["text"], row["evidence"], detail=f"{row['category']}; {where}"
        )
    for row in _rows(attribution_verbs(story)):
        yield Indicator(
            row["outlet"], "attribution_verb", row["verb"], row["evidence"], detail=f"{row['kind']} ({row['count']}x)"
        )
    for row in _rows(tone(story)):
        shares = f"positive {row['positive_share']:.0%}, negative {row['negative_share']:.0%}"
        detail = f"{shares} of {row['sentences']} sentences"
        yield Indicator(row["outlet"], "tone", row["mean"], row["most_negative"] + row["most_positive"], detail=detail)
    for row in _rows(opinion_markers(story)):
        if row["count"]:
            yield Indicator(row["outlet"], "opinion_marker", float(row["count"]), row["evidence"], detail=row["marker"])
    for row in _rows(aspects(story, embedder)):
        state = "covered" if row["covered"] else "omitted (what others said)"
        yield AspectIndicator(
            row["outlet"],
            "aspect",
            row["share"],
            row["evidence"],
            detail=f"{state}: {row['keywords']}",
            label=row["label"],
        )
    for row in _rows(frames(story, embedder)):
        if row["evidence"]:
            detail = f"{row['typology']}: {row['frame']} (top cosine {row['mean_top']:.2f})"
            yield Indicator(row["outlet"], "frame", row["share"], row["evidence"], detail=detail)
