"""The Overview tab: who covered the story, when, how much, and how alike their articles are."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from compare import charts
from compare.model import Article
from compare.people import is_group
from compare.pipeline import Corpus
from compare.story.common import main_articles, outlets_of, reuse, when, words
from compare.story.panel import Panel
from compare.text_format import counted

if TYPE_CHECKING:
    from compare.story.framing_tables import FramingTables

#: Above this many articles the similarity heatmap compares outlets (averages), not articles.
_MAX_HEATMAP_ARTICLES = 24


def _outlet_lines(corpus: Corpus, story_id: str) -> pd.DataFrame:
    """One line per outlet: how much it wrote and when, whom it quoted, how much is its own, its headline,
    and the facts the corpus declares about it (a date column only when some article has a date)."""
    articles = corpus.story_articles(story_id)
    declared = {o.name: o for o in corpus.info.outlets}
    main = main_articles(articles)
    quotes = [q for q in corpus.story_quotes(story_id) if q.speaker_id]
    originality = reuse(corpus, story_id).originality
    rows = []
    for outlet in outlets_of(articles):
        own = [a for a in articles if a.outlet == outlet]
        said = [q for q in quotes if q.outlet == outlet]
        dates = sorted(a.published for a in own if a.published)
        facts = declared.get(outlet)
        rows.append(
            {
                "outlet": outlet,
                "articles": len(own),
                "words": sum(words(a.text) for a in own),
                "first_published": when(dates[0]) if dates else "",
                "quotes": len(said),
                # unnamed sources ("officials", "a senior official") count as one voice, not as people
                "people_quoted": len({"anonymous" if is_group(q.speaker_id) else q.speaker_id for q in said}),
                "own_words_%": round(100 * float(np.mean([originality.get(a.id, 1.0) for a in own])), 1),
                "headline": main[outlet].title,
                "domain": facts.domain if facts else "unknown",
                "lean": facts.lean if facts else "unknown",
                "country": facts.country if facts else "unknown",
            }
        )
    lines = pd.DataFrame(rows)
    return lines if (lines["first_published"] != "").any() else lines.drop(columns="first_published")


def _article_rows(articles: Sequence[Article]) -> pd.DataFrame:
    """One row per article with what joins it back to the user's data: the file, the input's own record id
    (``source_id``) and its fields Parallax does not read (``extra``, as JSON), beside Parallax's own id."""
    return pd.DataFrame(
        [
            {
                "outlet": a.outlet,
                "published": a.published or "",
                "title": a.title,
                "url": a.url or "",
                "file": a.file,
                "article_id": a.id,
                "source_id": a.source_id or "",
                "extra": json.dumps(a.extra, ensure_ascii=False, sort_keys=True) if a.extra else "",
            }
            for a in sorted(articles, key=lambda a: (a.outlet.lower(), a.published or "", a.title))
        ],
        columns=["outlet", "published", "title", "url", "file", "article_id", "source_id", "extra"],
    )


def _similarity(corpus: Corpus, articles: Sequence[Article]) -> tuple[list[str], np.ndarray]:
    """Cosine similarity of the story's article vectors; outlet averages when there are many articles."""
    vectors = corpus.article_vectors([a.id for a in articles]).astype(np.float64)
    vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    matrix = np.clip(vectors @ vectors.T, 0.0, 1.0)
    if len(articles) <= _MAX_HEATMAP_ARTICLES:
        counts: dict[str, int] = {}
        labels = []
        for article in articles:
            counts[article.outlet] = counts.get(article.outlet, 0) + 1
            suffix = f" #{counts[article.outlet]}" if sum(a.outlet == article.outlet for a in articles) > 1 else ""
            labels.append(f"{article.outlet}{suffix}")
        return labels, matrix
    outlets = outlets_of(articles)
    member = np.array([[a.outlet == o for a in articles] for o in outlets], dtype=float)
    member /= member.sum(axis=1, keepdims=True)
    return outlets, member @ matrix @ member.T


def _timeline_note(drawn: bool, undated: int) -> str:
    """What the timeline leaves out: every article (no dates at all) or the undated ones, counted."""
    if not drawn:
        return "No publication dates are known for these articles, so there is no timeline."
    if undated:
        return f"{counted(undated, 'article')} without a publication date {'is' if undated == 1 else 'are'} not drawn."
    return ""


def build(corpus: Corpus, story_id: str, tables: FramingTables | None = None) -> list[Panel]:
    """Who covered the story, when, how much, and how alike their articles are (no framing table needed)."""
    articles = corpus.story_articles(story_id)
    lines = _outlet_lines(corpus, story_id)
    frame = pd.DataFrame(
        {
            "outlet": [a.outlet for a in articles],
            "published": [a.published for a in articles],
            "title": [a.title for a in articles],
        }
    )
    timeline = charts.timeline(frame)
    labels, matrix = _similarity(corpus, articles)
    sized = lines.assign(
        label=[f"{counted(n, 'article')} · {w:,} words" for n, w in zip(lines["articles"], lines["words"], strict=True)]
    )
    return [
        Panel(
            "outlets",
            "One line per outlet",
            "Each outlet that covered this story: how much it wrote and when, how many quotes it printed and from "
            "how many people, the share of its words not shared with another outlet, and its headline. Domain, "
            "lean and country come only from the corpus's own outlet list; 'unknown' means nobody declared it.",
            table=lines,
        ),
        Panel(
            "timeline",
            "Who covered it, and when",
            "Each dot is one article, placed at the time it was published. Early dots may be the original "
            "report; later ones may follow it.",
            figure=timeline,
            note=_timeline_note(timeline is not None, int(charts.published_times(frame["published"]).isna().sum())),
        ),
        Panel(
            "coverage",
            "How much each outlet wrote",
            "The total length of each outlet's articles on this story. Longer coverage is not better coverage, "
            "but it shows who gave the story most space.",
            figure=charts.outlet_bars(sized, "words", "How much each outlet wrote", "words", text="label"),
        ),
        Panel(
            "similarity",
            "How similar the articles are",
            "Each square compares two articles by meaning (0 = unrelated, 1 = the same). Dark squares off the "
            "diagonal mean two outlets told the story in very similar terms, sometimes because they share text.",
            figure=charts.similarity_heatmap(labels, matrix),
            note="" if len(labels) > 1 else "Only one article: nothing to compare it with yet.",
        ),
        Panel(
            "articles",
            "The articles",
            "Every article of this story with its file and, when your data gave them, its own record id "
            "(source_id) and other fields (extra), so the table joins back to your data.",
            table=_article_rows(articles),
        ),
    ]
