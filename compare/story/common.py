"""Small helpers every tab (and the report and card) reads a story with: dates, outlets, main articles."""

from __future__ import annotations

from collections.abc import Sequence

from compare.model import Article
from compare.passages import StoryReuse, story_reuse
from compare.pipeline import Corpus
from compare.text_format import counted


def words(text: str) -> int:
    """Words in ``text``, as every "how much it wrote" count measures them."""
    return len(text.split())


def day(published: str | None) -> str:
    """ISO date part of a timestamp, or "no date"."""
    return published[:10] if isinstance(published, str) and published else "no date"


def when(published: str | None) -> str:
    """An ISO timestamp as people read it: "2024-03-05 06:00", or the date alone when no time is known.

    A table column holding dates for some stories only gives NaN for the others (pandas), read as no date.
    """
    if not isinstance(published, str) or not published:
        return ""
    date, _, time = published.partition("T")
    return f"{date} {time[:5]}" if time[:5] and time[:5] != "00:00" else date


def outlets_of(articles: Sequence[Article]) -> list[str]:
    """Outlets in name order (the order every table and chart of a story uses)."""
    return sorted({a.outlet for a in articles})


def main_articles(articles: Sequence[Article]) -> dict[str, Article]:
    """Each outlet's fullest article in the story: the one shown when an outlet has several."""
    best: dict[str, Article] = {}
    for article in articles:
        current = best.get(article.outlet)
        if current is None or words(article.text) > words(current.text):
            best[article.outlet] = article
    return dict(sorted(best.items()))


def reuse(corpus: Corpus, story_id: str) -> StoryReuse:
    """The story's copy groups, originality and independent reports (see ``compare.passages``)."""
    return story_reuse(corpus.story_articles(story_id), corpus.story_passages(story_id))


def story_meta(corpus: Corpus, story_id: str) -> str:
    """One line under a story's title: size, outlets, dates, independent reports."""
    story = corpus.story(story_id)
    reports = reuse(corpus, story_id).independent_reports
    dates = "no dates" if not story.first_published else f"{day(story.first_published)} – {day(story.last_published)}"
    return (
        f"{counted(len(story.article_ids), 'article')} from {counted(len(story.outlets), 'outlet')} · {dates} · "
        f"{counted(reports, 'independent report')}"
    )


def filter_note(corpus: Corpus, story_id: str, outlets: Sequence[str]) -> str:
    """What the outlet filter leaves of the story, for its header ("" with no filter): the header's counts
    are the whole story's, and a reader who picked two outlets should see how much of it those are."""
    if not outlets:
        return ""
    chosen = set(outlets)
    kept = [a for a in corpus.story_articles(story_id) if a.outlet in chosen]
    return f" · chosen outlets: {counted(len(kept), 'article')} from {counted(len({a.outlet for a in kept}), 'outlet')}"
