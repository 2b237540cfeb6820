"""The Side by side tab: one column per outlet, its article's full text with shared passages, quotes and
loaded words marked, under its headline, date, lede and framing chips."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from compare import highlight
from compare.highlight import Mark, escape
from compare.labels import date_source_note, plain, tone_words
from compare.model import Article, Passage, Quote
from compare.pipeline import Corpus
from compare.story.common import day, main_articles, outlets_of, words
from compare.story.framing_tables import FramingTables
from compare.story.panel import OutletColumn

#: Outlets side by side at most, and at first (the first to cover the story).
SIDE_BY_SIDE_OUTLETS = 4
#: About the words a column's text box shows before it scrolls (four columns on a laptop); past that
#: the column says that more text follows. The box's shading says so too, exactly, as it scrolls.
FITS_WORDS = 150

EXPLAIN_SIDE_BY_SIDE = (
    "Each column is one outlet's article, with its headline, date and first sentences (the lede). "
    "Yellow text also appears, word for word, in another outlet; blue underlines are quotations "
    "(hover for the speaker); red wavy words are loaded language. Hover any mark for details."
)


def _passage_marks(article_id: str, passages: Sequence[Passage]) -> list[Mark]:
    marks = []
    for passage in passages:
        if article_id not in passage.spans:
            continue
        start, end = passage.spans[article_id]
        others = [o for a, o in zip(passage.article_ids, passage.outlets, strict=False) if a != article_id]
        shared = ", ".join(dict.fromkeys(others)) or "another article"
        marks.append(Mark(start, end, "passage", f"shared with {shared} ({passage.words} words)", f"↔ {shared}"))
    return marks


def _quote_marks(article_id: str, quotes: Sequence[Quote]) -> list[Mark]:
    marks = []
    for quote in quotes:
        if quote.article_id != article_id:
            continue
        who = quote.speaker or "unattributed"
        role = f", {quote.role}" if quote.role else ""
        marks.append(Mark(quote.start, quote.end, "quote", f"{quote.kind} quote: {who}{role}"))
    return marks


def _loaded_marks(article_id: str, loaded: pd.DataFrame) -> list[Mark]:
    own = loaded[loaded["article_id"] == article_id]
    return [Mark(int(r.start), int(r.end), "loaded", f"loaded word: {plain(r.category)}") for r in own.itertuples()]


def _chips(article: Article, tables: FramingTables) -> tuple[tuple[str, str], ...]:
    """Framing at a glance for one article's outlet: tone, distinctive words, loaded words (all cheap)."""
    chips = [("words", f"{words(article.text):,}")]
    tone = tables["tone"][tables["tone"]["outlet"] == article.outlet]
    if len(tone):
        chips.append(("tone", tone_words(float(tone["mean"].iloc[0]))))
    distinctive = tables["distinctive"]
    terms = distinctive[distinctive["outlet"] == article.outlet].head(3)["term"]
    if len(terms):
        chips.append(("distinctive", ", ".join(terms)))
    found = tables["loaded"]
    loaded = int(((found["article_id"] == article.id) & ~found["in_quote"].astype(bool)).sum())
    chips.append(("loaded words", str(loaded)))  # the outlet's own: quoted words are the speaker's
    return tuple(chips)


def default_side_by_side(articles: Sequence[Article]) -> list[str]:
    """The article ids the Side by side tab opens with: the fullest article of each of the first outlets."""
    main = main_articles(articles)
    return [main[outlet].id for outlet in outlets_of(articles)[:SIDE_BY_SIDE_OUTLETS]]


def build(
    corpus: Corpus, story_id: str, tables: FramingTables | None = None, chosen: Sequence[str] = ()
) -> list[OutletColumn]:
    """One column per outlet (its fullest article, or the ``chosen`` article ids): headline, date, lede,
    framing chips and the full text with shared passages, quotes and loaded words marked."""
    articles = corpus.story_articles(story_id)
    by_id = {a.id: a for a in articles}
    picked = [by_id[i] for i in chosen if i in by_id] or list(main_articles(articles).values())
    t = tables or FramingTables(corpus, story_id)
    passages = corpus.story_passages(story_id)
    quotes = corpus.story_quotes(story_id)
    ledes = dict(zip(t["lede"]["article_id"], t["lede"]["lede"], strict=True))
    columns = []
    for article in picked:
        marks = _passage_marks(article.id, passages) + _quote_marks(article.id, quotes)
        marks += _loaded_marks(article.id, t["loaded"])
        columns.append(
            OutletColumn(
                outlet=article.outlet,
                article_id=article.id,
                title=article.title,
                published=article.published,
                published_source=article.published_source,
                lede=ledes.get(article.id, ""),
                chips=_chips(article, t),
                body_html=highlight.article_html(article.text, marks),
                other_articles=sum(a.outlet == article.outlet for a in articles) - 1,
                words=words(article.text),
            )
        )
    return columns


def column_html(column: OutletColumn) -> str:
    """One outlet's column, as the dashboard and the HTML report show it: header, chips, lede, marked-up text."""
    more = f" · {column.other_articles} more article(s) by this outlet" if column.other_articles else ""
    follows = (
        f'<p class="px-more">↓ More text follows: scroll the box ({column.words:,} words in all).</p>'
        if column.words > FITS_WORDS
        else ""
    )
    return (
        f'<p class="px-outlet">{escape(column.outlet)}</p><p class="px-headline">{escape(column.title)}</p>'
        f'<p class="px-date">{escape(day(column.published) + date_source_note(column.published_source) + more)}</p>'
        f"<div>{highlight.chips_html(column.chips)}</div>"
        f'<p class="px-lede"><span class="px-chip-label">lede</span>{escape(column.lede)}</p>{column.body_html}'
        f"{follows}"
    )
