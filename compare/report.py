"""What one story's comparison shows, and the offline HTML report and printable card made of it.

The dashboard's tabs, the HTML report (`python -m compare report`) and the class card
all show the same content, so it is assembled here once: each tab is a list of
``Panel`` objects (a title, a plain-language explanation, and a chart, a table or safe
HTML), built from the analysis modules' results. This module only arranges results;
the analyses themselves live in quotes, passages and framing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from compare import charts, export, heap, highlight
from compare import framing as framing_panels
from compare.ahead import Once, Worker
from compare.highlight import Mark, escape
from compare.model import Article, Evidence, IngestRecord, Passage, Quote
from compare.passages import StoryReuse, story_reuse
from compare.pipeline import Corpus, story_table
from compare.store import atomic_write_bytes
from compare.text_format import counted, short

if TYPE_CHECKING:
    from compare.quotes import QuoteMatch, WordChange

SECTIONS: tuple[str, ...] = ("Overview", "Side by side", "Quoted officials", "Shared passages", "Framing")

#: Above this many articles the similarity heatmap compares outlets (averages), not articles.
_MAX_HEATMAP_ARTICLES = 24


@dataclass
class Panel:
    """One block of a story view: a chart, a table or safe HTML, with its explanation.

    ``html`` is only ever built by ``compare.highlight`` or this module, with every piece
    of article text escaped. ``note`` is shown instead of (or under) the content, e.g.
    when there is nothing to draw.
    """

    key: str
    title: str
    explain: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    html: str = ""
    note: str = ""

    @property
    def empty(self) -> bool:
        """True when there is nothing to show but the note."""
        return self.figure is None and (self.table is None or self.table.empty) and not self.html


@dataclass(frozen=True)
class OutletColumn:
    """One outlet's article in the side-by-side view."""

    outlet: str
    article_id: str
    title: str
    published: str | None
    lede: str
    chips: tuple[tuple[str, str], ...]
    body_html: str
    other_articles: int = 0  # more articles by this outlet in the story, not shown


# ---------------------------------------------------------------------------------------
# small helpers


def _words(text: str) -> int:
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
        if current is None or _words(article.text) > _words(current.text):
            best[article.outlet] = article
    return dict(sorted(best.items()))


# ---------------------------------------------------------------------------------------
# The corpus: story list and ingest report

#: Story list columns shown to people (the CSV export has every column).
STORY_LIST_COLUMNS = ["title", "outlets", "articles", "independent_reports", "first", "last"]


def _reuse(corpus: Corpus, story_id: str) -> StoryReuse:
    return story_reuse(corpus.story_articles(story_id), corpus.story_passages(story_id))


def story_list(corpus: Corpus) -> pd.DataFrame:
    """Every story with its outlets, size, dates and independent reports (outlets not explained by copy)."""
    table = story_table(corpus)
    if table.empty:
        extra = ["story_id", "outlet_names", "key_terms", "first_published", "last_published"]
        return pd.DataFrame(columns=[*STORY_LIST_COLUMNS, *extra])
    table["first"] = table["first_published"].map(when)
    table["last"] = table["last_published"].map(when)
    # Corpus.story_passages scans every passage for one story; for thousands of stories, index them
    # once by article instead. A one-outlet story is one report by definition: no analysis needed.
    by_article: dict[str, list[Passage]] = {}
    for passage in corpus.passages:
        for article_id in passage.article_ids:
            by_article.setdefault(article_id, []).append(passage)
    reports = []
    for story in corpus.stories:
        if len(story.outlets) < 2:
            reports.append(1)
            continue
        members = set(story.article_ids)
        near = {p.passage_id: p for a in story.article_ids for p in by_article.get(a, ())}
        shared = [p for p in near.values() if len(members.intersection(p.article_ids)) >= 2]
        articles = [corpus.by_id[a] for a in story.article_ids if a in corpus.by_id]
        if not shared:  # nothing copied: every outlet is its own report (most stories; no text to count)
            reports.append(len({a.outlet for a in articles}))
            continue
        reports.append(story_reuse(articles, shared).independent_reports)
    table["independent_reports"] = reports
    return table


def filter_story_list(
    table: pd.DataFrame,
    *,
    query: str = "",
    outlets: Sequence[str] = (),
    span: Sequence[dt.date] | None = None,
) -> pd.DataFrame:
    """Stories matching the words of ``query``, covered by any of ``outlets``, and published within ``span``.

    Stories without dates are kept by the date filter: their dates are unknown, not outside it.
    """
    keep = pd.Series(True, index=table.index)
    if query.split():
        haystack = (table["title"] + " " + table["key_terms"] + " " + table["outlet_names"]).str.lower()
        for word in query.lower().split():
            keep &= haystack.str.contains(word, regex=False)
    if outlets:
        chosen = set(outlets)
        keep &= table["outlet_names"].map(lambda names: bool(chosen.intersection(names.split(", "))))
    if span is not None and len(span) == 2:
        start, end = (d.isoformat() for d in span)
        first = table["first_published"].fillna("").str[:10]
        last = table["last_published"].fillna("").str[:10]
        keep &= (first == "") | ((first <= end) & (last >= start))
    return table[keep]


def date_bounds(dates: Sequence[str]) -> tuple[dt.date, dt.date]:
    """First and last day among ISO dates (for the date filter's range)."""
    days = sorted(dt.date.fromisoformat(d[:10]) for d in dates)
    return days[0], days[-1]


def story_meta(corpus: Corpus, story_id: str) -> str:
    """One line under a story's title: size, outlets, dates, independent reports."""
    story = corpus.story(story_id)
    reports = _reuse(corpus, story_id).independent_reports
    dates = "no dates" if not story.first_published else f"{day(story.first_published)} – {day(story.last_published)}"
    return (
        f"{counted(len(story.article_ids), 'article')} from {counted(len(story.outlets), 'outlet')} · {dates} · "
        f"{counted(reports, 'independent report')}"
    )


def ingest_table(records: Sequence[IngestRecord]) -> pd.DataFrame:
    """Ingest report records as a table: file, line, status, code and the cause-and-fix message."""
    return pd.DataFrame(
        [{"file": r.file, "line": r.line, "status": r.status, "code": r.code, "message": r.message} for r in records]
    )


# ---------------------------------------------------------------------------------------
# Overview


def _outlet_lines(corpus: Corpus, story_id: str) -> pd.DataFrame:
    """One line per outlet: how much it wrote and when, whom it quoted, how much is its own, its headline,
    and the facts the corpus declares about it (a date column only when some article has a date)."""
    articles = corpus.story_articles(story_id)
    declared = {o.name: o for o in corpus.info.outlets}
    main = main_articles(articles)
    quotes = [q for q in corpus.story_quotes(story_id) if q.speaker_id]
    originality = _reuse(corpus, story_id).originality
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
                "words": sum(_words(a.text) for a in own),
                "first_published": when(dates[0]) if dates else "",
                "quotes": len(said),
                "people_quoted": len({q.speaker_id for q in said}),
                "own_words_%": round(100 * float(np.mean([originality.get(a.id, 1.0) for a in own])), 1),
                "headline": main[outlet].title,
                "domain": facts.domain if facts else "unknown",
                "lean": facts.lean if facts else "unknown",
                "country": facts.country if facts else "unknown",
            }
        )
    lines = pd.DataFrame(rows)
    return lines if (lines["first_published"] != "").any() else lines.drop(columns="first_published")


def _similarity(corpus: Corpus, articles: Sequence[Article]) -> tuple[list[str], np.ndarray]:
    """Cosine similarity of the story's article vectors; outlet averages when there are many articles."""
    rows = [corpus.row_of[a.id] for a in articles]
    vectors = corpus.vectors[rows].astype(np.float64)
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


def overview(corpus: Corpus, story_id: str) -> list[Panel]:
    """Who covered the story, when, how much, and how alike their articles are."""
    articles = corpus.story_articles(story_id)
    lines = _outlet_lines(corpus, story_id)
    frame = pd.DataFrame(
        {
            "outlet": [a.outlet for a in articles],
            "published": [a.published for a in articles],
            "title": [a.title for a in articles],
        }
    )
    when = charts.timeline(frame)
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
            figure=when,
            note="" if when else "No publication dates are known for these articles, so there is no timeline.",
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
    ]


# ---------------------------------------------------------------------------------------
# Side by side


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


EXPLAIN_SIDE_BY_SIDE = (
    "Each column is one outlet's article, with its headline, date and first sentences (the lede). "
    "Yellow text also appears, word for word, in another outlet; blue underlines are quotations "
    "(hover for the speaker); red wavy words are loaded language. Hover any mark for details."
)


def _loaded_marks(article_id: str, loaded: pd.DataFrame) -> list[Mark]:
    own = loaded[loaded["article_id"] == article_id]
    return [Mark(int(r.start), int(r.end), "loaded", f"loaded word: {r.category}") for r in own.itertuples()]


def _chips(article: Article, tables: FramingTables) -> tuple[tuple[str, str], ...]:
    """Framing at a glance for one article's outlet: tone, distinctive words, loaded words (all cheap)."""
    chips = [("words", f"{_words(article.text):,}")]
    tone = tables.tone[tables.tone["outlet"] == article.outlet]
    if len(tone):
        chips.append(("tone", _signed(float(tone["mean"].iloc[0]))))
    words = tables.distinctive[tables.distinctive["outlet"] == article.outlet].head(3)["term"]
    if len(words):
        chips.append(("distinctive", ", ".join(words)))
    loaded = int((tables.loaded["article_id"] == article.id).sum())
    chips.append(("loaded words", str(loaded)))
    return tuple(chips)


#: Outlets side by side at most, and at first (the first to cover the story).
SIDE_BY_SIDE_OUTLETS = 4


def default_side_by_side(articles: Sequence[Article]) -> list[str]:
    """The article ids the Side by side tab opens with: the fullest article of each of the first outlets."""
    main = main_articles(articles)
    return [main[outlet].id for outlet in outlets_of(articles)[:SIDE_BY_SIDE_OUTLETS]]


def side_by_side(
    corpus: Corpus, story_id: str, chosen: Sequence[str] = (), tables: FramingTables | None = None
) -> list[OutletColumn]:
    """One column per outlet (its fullest article, or the ``chosen`` article ids): headline, date, lede,
    framing chips and the full text with shared passages, quotes and loaded words marked."""
    articles = corpus.story_articles(story_id)
    by_id = {a.id: a for a in articles}
    picked = [by_id[i] for i in chosen if i in by_id] or list(main_articles(articles).values())
    t = tables or FramingTables(corpus, story_id)
    passages = corpus.story_passages(story_id)
    quotes = corpus.story_quotes(story_id)
    ledes = dict(zip(t.lede["article_id"], t.lede["lede"], strict=True))
    columns = []
    for article in picked:
        marks = _passage_marks(article.id, passages) + _quote_marks(article.id, quotes)
        marks += _loaded_marks(article.id, t.loaded)
        columns.append(
            OutletColumn(
                outlet=article.outlet,
                article_id=article.id,
                title=article.title,
                published=article.published,
                lede=ledes.get(article.id, ""),
                chips=_chips(article, t),
                body_html=highlight.article_html(article.text, marks),
                other_articles=sum(a.outlet == article.outlet for a in articles) - 1,
            )
        )
    return columns


# ---------------------------------------------------------------------------------------
# Quoted officials

#: Rows of the speaker matrix: more would be unreadable (the CSV has every speaker).
_MATRIX_SPEAKERS = 25
#: Aspect rows in the emphasis-and-omission chart: a big story has hundreds (the table lists all).
_MATRIX_ASPECTS = 30
#: Speakers whose quotes the HTML report sets side by side.
_REPORT_SPEAKERS = 6


def quote_table(quotes: Sequence[Quote]) -> pd.DataFrame:
    """Every attributed quote of a story: speaker, outlet, kind, the words, the cue, where it is."""
    columns = ["speaker", "role", "speaker_type", "outlet", "kind", "quote", "cue", "article_id", "speaker_id"]
    rows = [{c: getattr(q, c) for c in columns} for q in quotes if q.speaker_id]
    return pd.DataFrame(rows, columns=columns).fillna("")


def speaker_quotes_html(quotes: pd.DataFrame, speaker_id: str, outlets: Sequence[str]) -> str:
    """One speaker's quotes as columns, one per outlet (an empty column says the outlet did not quote them)."""
    own = quotes[quotes["speaker_id"] == speaker_id]
    items: dict[str, list[str]] = {}
    for outlet, kind, quote, cue in zip(own["outlet"], own["kind"], own["quote"], own["cue"], strict=True):
        cited = f" <em>({escape(cue)})</em>" if cue else ""
        items.setdefault(outlet, []).append(
            f'<li><span class="px-chip">{escape(kind)}</span>“{escape(quote)}”{cited}</li>'
        )
    cells = []
    for outlet in outlets:
        body = f"<ul>{''.join(items[outlet])}</ul>" if outlet in items else '<p class="px-none">not quoted</p>'
        cells.append(f'<div class="px-col"><p class="px-outlet">{escape(outlet)}</p>{body}</div>')
    return f'<div class="px-grid">{"".join(cells)}</div>'


def _change_html(change: WordChange) -> str:
    if change.change == "omitted":
        return f"left out <del>{escape(change.reference)}</del>"
    if change.change == "added":
        return f"added <ins>{escape(change.version)}</ins>"
    return f"<del>{escape(change.reference)}</del> → <ins>{escape(change.version)}</ins>"


def matched_quotes_html(matches: Sequence[QuoteMatch]) -> str:
    """Each statement several outlets printed: the fullest version, then every outlet's version and its changes."""
    blocks = []
    for match in matches:
        items = []
        for version in match.versions:
            changes = [c for c in match.changes if c.article_id == version.article_id]
            trimmed = " (trimmed)" if version.article_id in match.trimmed else ""
            detail = "; ".join(_change_html(c) for c in changes) or "word for word"
            items.append(
                f"<li><strong>{escape(version.outlet)}</strong>{trimmed}: “{escape(version.quote)}” "
                f'<span class="px-diff">— {detail}</span></li>'
            )
        blocks.append(
            f'<div class="px-col"><p class="px-outlet">{escape(match.speaker or "unattributed")} · '
            f"{len(match.outlets)} outlets</p><p>“{escape(match.text)}”</p><ul>{''.join(items)}</ul></div>"
        )
    return f'<div class="px-stack">{"".join(blocks)}</div>'


def _speaker_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker: name, role, type, the outlets quoting them, quote and word counts."""
    if table.empty:
        return pd.DataFrame(columns=["speaker", "role", "speaker_type", "outlets", "quotes", "words"])
    return (
        table.groupby("speaker_id", sort=False)
        .agg(
            speaker=("speaker", "first"),
            role=("role", "first"),
            speaker_type=("speaker_type", "first"),
            outlets=("outlet", lambda o: ", ".join(sorted(o))),
            quotes=("quotes", "sum"),
            words=("words", "sum"),
        )
        .sort_values(["quotes", "words"], ascending=False)
        .reset_index(drop=True)
    )


def quoted_officials(corpus: Corpus, story_id: str) -> list[Panel]:
    """Who was quoted by which outlet, in what words, and who only one outlet quoted."""
    from compare.quotes import match_quotes
    from compare.speakers import single_outlet_speakers, speaker_outlet_table

    articles = corpus.story_articles(story_id)
    outlets = outlets_of(articles)
    quotes = corpus.story_quotes(story_id)
    table = speaker_outlet_table(quotes)
    if table.empty:
        return [
            Panel(
                "speaker_matrix",
                "Who was quoted, by which outlet",
                "Quotes with a named speaker, per outlet.",
                note="No quote with a named speaker was found in this story's articles.",
            )
        ]
    summary = _speaker_summary(table)
    matrix = table.pivot_table(index="speaker", columns="outlet", values="quotes", aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(columns=outlets, fill_value=0)
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False).index[:_MATRIX_SPEAKERS]]
    kinds = (
        table.groupby(["outlet", "speaker_type"], as_index=False)["quotes"]
        .sum()
        .rename(columns={"speaker_type": "item", "quotes": "count"})
    )
    listing = quote_table(quotes)
    top = list(listing["speaker_id"].value_counts().index[:_REPORT_SPEAKERS])
    only_one = single_outlet_speakers(quotes)
    matches = match_quotes(quotes)
    match_table = pd.DataFrame(
        [
            {
                "speaker": m.speaker,
                "outlets": ", ".join(m.outlets),
                "identical": m.identical,
                "trimmed_by": ", ".join(dict.fromkeys(v.outlet for v in m.versions if v.article_id in m.trimmed)),
                "changes": len(m.changes),
                "fullest_version": m.text,
            }
            for m in matches
        ]
    )
    return [
        Panel(
            "speaker_matrix",
            "Who was quoted, by which outlet",
            "Each row is a person or organisation quoted in the story, each column an outlet; the number is how "
            "many times that outlet quoted them. Empty cells show whose voice an outlet left out.",
            figure=charts.count_heatmap(matrix, "Who was quoted, by which outlet", value_label="quotes"),
            note=f"The {_MATRIX_SPEAKERS} most quoted speakers are shown; the speakers table lists all."
            if len(summary) > _MATRIX_SPEAKERS
            else "",
        ),
        Panel(
            "speakers",
            "Speakers, their roles and types",
            "Each speaker once, with the role or title the outlets gave them and what kind of source they are "
            "(official, politician, expert, anonymous …).",
            table=summary,
        ),
        Panel(
            "speaker_types",
            "What kind of voices each outlet quoted",
            "How each outlet's quotes split between officials, politicians, experts, anonymous sources and others. "
            "Relying on one kind of voice is itself a framing choice.",
            figure=charts.stacked_counts(
                kinds, "What kind of voices each outlet quoted", item_label="speaker type", value_label="quotes"
            ),
        ),
        Panel(
            "speaker_quotes",
            "Each speaker's words, outlet by outlet",
            "The same person's quotes as each outlet printed them, side by side. Look for words one outlet kept "
            "and another cut.",
            table=listing,
            html="".join(
                f"<h4>{escape(listing.loc[listing['speaker_id'] == s, 'speaker'].iloc[0])}</h4>"
                + speaker_quotes_html(listing, s, outlets)
                for s in top
            ),
        ),
        Panel(
            "matched_quotes",
            "The same quote in several outlets",
            "When outlets print the same statement, their versions are lined up word by word: words left out are "
            "struck through, words added or changed are marked. A trimmed quote can change what a speaker seems "
            "to say.",
            table=match_table,
            html=matched_quotes_html(matches),
            note="" if matches else "No statement was quoted directly by more than one outlet.",
        ),
        Panel(
            "single_outlet",
            "Quoted by one outlet only",
            "Speakers that only one outlet quoted. They show which voices an outlet added that the others did not.",
            table=only_one,
            note="" if not only_one.empty else "Every speaker was quoted by more than one outlet, or by none.",
        ),
    ]


# ---------------------------------------------------------------------------------------
# Shared passages


def _source_outlet(passage: Passage, corpus: Corpus) -> str:
    """The likely source as an outlet name when it is an article, else as declared ("Reuters", "unknown")."""
    article = corpus.by_id.get(passage.source)
    return article.outlet if article is not None else passage.source


def _reuse_edges(corpus: Corpus, passages: Sequence[Passage]) -> pd.DataFrame:
    """Source outlet -> copier outlet, with the words they share, for passages whose source is an article."""
    rows = []
    for passage in passages:
        source = corpus.by_id.get(passage.source)
        if source is None or passage.in_quote:
            continue
        for outlet in dict.fromkeys(passage.outlets):
            if outlet != source.outlet:
                rows.append({"source": source.outlet, "copier": outlet, "words": passage.words})
    frame = pd.DataFrame(rows, columns=["source", "copier", "words"])
    return frame.groupby(["source", "copier"], as_index=False)["words"].sum()


def shared_passages(corpus: Corpus, story_id: str) -> list[Panel]:
    """Passages shared across outlets, copy groups, originality, and who copied whom."""
    from compare.passages import reworded_claims

    articles = corpus.story_articles(story_id)
    passages = corpus.story_passages(story_id)
    reuse = _reuse(corpus, story_id)
    by_id = {a.id: a for a in articles}
    outlets = outlets_of(articles)
    passage_table = pd.DataFrame(
        [
            {
                "passage": short(p.text, 220),
                "words": p.words,
                "outlets": ", ".join(dict.fromkeys(p.outlets)),
                "inside_a_quote": p.in_quote,
                "verbatim": round(p.verbatim, 2),
                "likely_source": _source_outlet(p, corpus),
                "passage_id": p.passage_id,
            }
            for p in sorted(passages, key=lambda p: -p.words)
        ]
    )
    groups = pd.DataFrame(
        [
            {
                "copy_group": n,
                "outlets": ", ".join(dict.fromkeys(by_id[i].outlet for i in group if i in by_id)),
                "headlines": " | ".join(by_id[i].title for i in group if i in by_id),
            }
            for n, group in enumerate(reuse.copy_groups, start=1)
        ]
    )
    originality = pd.DataFrame(
        [
            {
                "outlet": o,
                "originality": round(
                    100 * float(np.mean([reuse.originality.get(a.id, 1.0) for a in articles if a.outlet == o])), 1
                ),
            }
            for o in outlets
        ]
    )
    nodes = pd.DataFrame(
        {
            "outlet": outlets,
            "first_published": [
                min((a.published for a in articles if a.outlet == o and a.published), default=None) for o in outlets
            ],
        }
    )
    edges = _reuse_edges(corpus, passages)
    claims = (
        reworded_claims(list(main_articles(articles).values()), corpus.sentence_embedder) if len(outlets) > 1 else []
    )
    claim_table = pd.DataFrame(
        [
            {
                "outlet_a": c.outlet_a,
                "sentence_a": c.text_a,
                "outlet_b": c.outlet_b,
                "sentence_b": c.text_b,
                "similarity": c.similarity,
            }
            for c in claims
        ]
    )
    summary = (
        f"{counted(len(outlets), 'outlet')}, {counted(reuse.independent_reports, 'independent report')}, "
        f"{counted(len(passages), 'shared passage')}."
    )
    return [
        Panel(
            "copy_groups",
            "Independent reports",
            "Outlets that carry the same copy (for example the same agency story) count as one report. "
            "A copy group lists outlets whose articles share most of their narration.",
            table=groups,
            note=summary + ("" if not groups.empty else " No outlets carry the same copy."),
        ),
        Panel(
            "passages",
            "Shared passages",
            "Runs of words that appear in articles of different outlets. Shared text inside quotation marks is "
            "usually the same speaker quoted by both, not copying; the likely source is the earliest article, "
            "or the agency the articles credit.",
            table=passage_table,
            note="" if passages else "No passage of this story appears in more than one outlet.",
        ),
        Panel(
            "originality",
            "Originality per outlet",
            "The share of each outlet's words that are its own, not shared with another outlet's narration. "
            "100% means nothing was copied or syndicated.",
            figure=charts.outlet_bars(originality, "originality", "Originality per outlet", "% own words"),
        ),
        Panel(
            "reuse_graph",
            "Who copied whom",
            "Arrows run from the outlet that probably published a passage first to the outlets that carry it; "
            "thicker arrows mean more shared words. Outlets are placed left to right by date.",
            figure=charts.reuse_graph(nodes, edges) if not edges.empty else None,
            note=""
            if not edges.empty
            else "No outlet shares text with another here, so there is nothing to trace."
            if not passages
            else "No shared passage has a known source (no dates or credit lines), so there are no arrows to draw.",
        ),
        Panel(
            "reworded",
            "Same claim, reworded",
            "Sentences from different outlets that say the same thing in different words: the same fact, "
            "rewritten rather than copied. Compare the wording to see what each outlet stressed.",
            table=claim_table,
            note="" if not claim_table.empty else "No reworded claims found between these outlets.",
        ),
    ]


# ---------------------------------------------------------------------------------------
# Framing


class FramingTables:
    """Each framing panel's table for one story, computed on first use and kept.

    The tables are compare.framing's own; their ``evidence`` columns hold Evidence records.
    Lazy, because the side-by-side view needs only the cheap ones (no sentence vectors);
    safe to fill from the dashboard's background worker while the reader asks for one.
    """

    #: Every table, in the order the tab shows them.
    NAMES = ("lede", "distinctive", "naming", "loaded", "verbs", "tone", "markers", "aspects", "frames")

    def __init__(self, corpus: Corpus, story_id: str) -> None:
        self.corpus = corpus
        self.story = framing_panels.story_text(corpus.story_articles(story_id))
        self._tables: Once[str, pd.DataFrame] = Once()

    @property
    def lede(self) -> pd.DataFrame:
        return self._tables.get("lede", lambda: framing_panels.headline_and_lede(self.story))

    @property
    def distinctive(self) -> pd.DataFrame:
        return self._tables.get(
            "distinctive", lambda: framing_panels.distinctive_words(self.story, self.corpus.term_prior)
        )

    @property
    def naming(self) -> pd.DataFrame:
        return self._tables.get("naming", lambda: framing_panels.naming(self.story, self.corpus.stored_entities))

    @property
    def loaded(self) -> pd.DataFrame:
        return self._tables.get("loaded", lambda: framing_panels.loaded_language(self.story))

    @property
    def verbs(self) -> pd.DataFrame:
        return self._tables.get("verbs", lambda: framing_panels.attribution_verbs(self.story))

    @property
    def tone(self) -> pd.DataFrame:
        return self._tables.get("tone", lambda: framing_panels.tone(self.story))

    @property
    def markers(self) -> pd.DataFrame:
        return self._tables.get("markers", lambda: framing_panels.opinion_markers(self.story))

    @property
    def aspects(self) -> pd.DataFrame:
        return self._tables.get("aspects", lambda: framing_panels.aspects(self.story, self.corpus.sentence_embedder))

    @property
    def frames(self) -> pd.DataFrame:
        return self._tables.get("frames", lambda: framing_panels.frames(self.story, self.corpus.sentence_embedder))


def _example(evidence: Sequence[Evidence]) -> str:
    """The first evidence sentence of a row, for tables people read."""
    return short(evidence[0].text, 200) if len(evidence) else ""


def _readable(frame: pd.DataFrame, drop: Sequence[str] = ()) -> pd.DataFrame:
    """A framing table for display and CSV: evidence records become an example sentence."""
    out = frame.drop(columns=[c for c in drop if c in frame.columns])
    if "evidence" in out.columns:
        out = out.assign(example=out["evidence"].map(_example)).drop(columns="evidence")
    return out.reset_index(drop=True)


def _aspect_name(label: str) -> str:
    """An aspect's keywords (its label is "keywords: representative sentence")."""
    return label.split(":", 1)[0]


def _share_matrix(frame: pd.DataFrame, rows: str, outlets: Sequence[str]) -> pd.DataFrame:
    """rows × outlets of ``share`` as percentages (0 where an outlet has none), rows that some outlet has,
    those most outlets share first."""
    matrix = frame.pivot_table(index=rows, columns="outlet", values="share", aggfunc="sum", fill_value=0.0)
    matrix = (100 * matrix.reindex(columns=list(outlets), fill_value=0.0)).round(1)
    matrix = matrix[matrix.sum(axis=1) > 0]  # a frame no outlet used is not worth a row
    order = pd.DataFrame({"outlets": (matrix > 0).sum(axis=1), "total": matrix.sum(axis=1)})
    return matrix.loc[order.sort_values(["outlets", "total"], ascending=False).index]


def framing(corpus: Corpus, story_id: str, tables: FramingTables | None = None) -> list[Panel]:
    """How each outlet told the story: words, naming, loaded language, attribution, tone, emphasis, frames."""
    t = tables or FramingTables(corpus, story_id)
    outlets = outlets_of(corpus.story_articles(story_id))
    distinctive = t.distinctive.rename(columns={"term": "word", "z": "score"})
    significant = distinctive[distinctive["significant"]]
    loaded_counts = t.loaded.groupby(["outlet", "category"], as_index=False).size()
    loaded_counts = loaded_counts.rename(columns={"category": "item", "size": "count"})
    verbs = t.verbs.groupby(["outlet", "kind"], as_index=False)["count"].sum().rename(columns={"kind": "item"})
    markers = t.markers[t.markers["count"] > 0][["outlet", "marker", "per_1000_words"]]
    markers = markers.set_axis(["outlet", "item", "count"], axis=1)
    tone = t.tone.assign(label=[_signed(m) for m in t.tone["mean"]])
    aspects = t.aspects.assign(aspect_words=t.aspects["label"].map(_aspect_name))
    aspect_matrix = _share_matrix(aspects, "aspect_words", outlets) if not aspects.empty else pd.DataFrame()
    frames = t.frames.assign(frame_name=t.frames["typology"] + ": " + t.frames["frame"])
    naming = t.naming.assign(form=t.naming["form"] + " ×" + t.naming["count"].astype(str))
    names = naming.groupby(["actor", "outlet"])["form"].agg("; ".join).unstack(fill_value="—").reset_index()
    one = len(outlets) < 2
    return [
        Panel(
            "lede",
            "Headline and lede",
            "The headline and first sentences are what most readers see. Compare which facts each outlet put first.",
            table=_readable(t.lede, drop=("article_id",)),
        ),
        Panel(
            "distinctive",
            "Distinctive words",
            "Words this outlet used much more than the others in this story (weighted log-odds; a score above "
            "1.96 is unlikely to be chance). They hint at what each outlet talked about, and how.",
            figure=charts.ranked_words(
                significant if not significant.empty else distinctive, "Distinctive words", value_label="z-score"
            )
            if not distinctive.empty
            else None,
            table=_readable(t.distinctive),
            note=(
                "No word stands out strongly (no z-score above 1.96); the chart shows the strongest anyway."
                if significant.empty and not distinctive.empty
                else ""
            )
            + (" With one outlet, words are compared with the rest of the corpus." if one else ""),
        ),
        Panel(
            "naming",
            "How each outlet names the actors",
            'The words each outlet uses for the same people, places and groups ("Trump", "the President", '
            '"the former reality-TV host"). Naming choices carry a judgement.',
            table=names,
        ),
        Panel(
            "loaded",
            "Loaded language",
            "Words that carry emotion or a judgement, from published lexicons, by category. Words inside quotes are "
            "the speaker's; words in the narration are the outlet's own.",
            figure=charts.stacked_counts(loaded_counts, "Loaded language", item_label="category", value_label="words")
            if not loaded_counts.empty
            else None,
            table=_readable(t.loaded, drop=("article_id", "start", "end")),
            note="" if not t.loaded.empty else "No loaded words were found.",
        ),
        Panel(
            "verbs",
            "Attribution verbs",
            'How each outlet introduces what people said. "Said" is neutral; "claimed", "admitted" or '
            '"insisted" tell the reader what to think of the statement.',
            figure=charts.stacked_counts(verbs, "Attribution verbs", item_label="kind of verb", value_label="uses")
            if not verbs.empty
            else None,
            table=_readable(t.verbs),
            note="" if not verbs.empty else "No attribution verbs were found.",
        ),
        Panel(
            "tone",
            "Tone",
            "The average sentiment of each outlet's sentences, from −1 (very negative) to +1 (very positive), "
            "measured with VADER. The table shows each outlet's most negative and most positive sentence.",
            figure=charts.outlet_bars(tone, "mean", "Tone", "mean sentiment (−1 … +1)", text="label", signed=True)
            if not tone.empty
            else None,
            table=_readable(
                tone.drop(columns=["label"]).assign(
                    most_negative=tone["most_negative"].map(_example), most_positive=tone["most_positive"].map(_example)
                )
            ),
        ),
        Panel(
            "markers",
            "Opinion markers",
            'Signs of commentary rather than reporting: rhetorical questions, exclamations, "I" and "you", '
            "speculation, value judgements — per 1,000 words.",
            figure=charts.stacked_counts(
                markers,
                "Opinion markers",
                item_label="marker",
                value_label="per 1,000 words",
            )
            if not markers.empty
            else None,
            table=_readable(t.markers[t.markers["count"] > 0]),
            note="" if not markers.empty else "No opinion markers were found.",
        ),
        Panel(
            "aspects",
            "Emphasis and omission",
            "The story's aspects (groups of sentences about the same thing) and the share of each outlet's "
            "sentences on each. A zero means the outlet left out something the others covered.",
            figure=charts.count_heatmap(
                aspect_matrix.head(_MATRIX_ASPECTS), "Emphasis and omission", value_label="% of sentences"
            )
            if not aspects.empty
            else None,
            table=_readable(aspects.drop(columns=["aspect_words"])),
            note="The articles are too short to find aspects."
            if aspects.empty
            else f"The {_MATRIX_ASPECTS} aspects most outlets covered are charted, of {len(aspect_matrix)}; "
            "the table lists every one."
            if len(aspect_matrix) > _MATRIX_ASPECTS
            else "",
        ),
        Panel(
            "frames",
            "Frame profiles",
            "Generic news frames (conflict, human interest, economic consequences, morality, responsibility) and "
            "policy frames: the share of each outlet's sentences that read most like each frame.",
            figure=charts.count_heatmap(
                _share_matrix(frames, "frame_name", outlets), "Frame profiles", value_label="% of sentences"
            )
            if not frames.empty
            else None,
            table=_readable(frames.drop(columns=["frame_name"])),
            note="" if not frames.empty else "No frame could be measured.",
        ),
    ]


def _signed(value: float) -> str:
    """+0.12 / −0.12 with a true minus sign, as printed for people."""
    return f"{value:+.2f}".replace("-", "−")


def framing_highlights(tables: FramingTables) -> dict[str, list[str]]:
    """Three plain-language highlights per outlet for the card: distinctive words, tone, and an omission or frame."""
    out: dict[str, list[str]] = {}
    tone = tables.tone.set_index("outlet")["mean"] if not tables.tone.empty else pd.Series(dtype=float)
    for outlet in sorted(set(tables.lede["outlet"])):
        notes = []
        words = tables.distinctive[tables.distinctive["outlet"] == outlet].head(3)["term"]
        if len(words):
            notes.append("Stands out for: " + ", ".join(f"“{w}”" for w in words))
        if outlet in tone.index:
            mean = float(tone[outlet])
            place = ""
            if len(tone) > 1 and mean == tone.min():
                place = ", the most negative"
            elif len(tone) > 1 and mean == tone.max():
                place = ", the most positive"
            notes.append(f"Tone {_signed(mean)} (from −1 negative to +1 positive){place}")
        left_out = tables.aspects[(tables.aspects["outlet"] == outlet) & ~tables.aspects["covered"]]
        own_frames = tables.frames[tables.frames["outlet"] == outlet].sort_values("share", ascending=False)
        if len(left_out):
            notes.append("Left out what others covered: " + _aspect_name(left_out["label"].iloc[0]))
        elif len(own_frames) and own_frames["share"].iloc[0] > 0:
            top = own_frames.iloc[0]
            notes.append(f"Main frame: {top['frame']} ({top['share']:.0%} of sentences)")
        out[outlet] = notes
    return out


# ---------------------------------------------------------------------------------------
# The standalone report


@dataclass
class _Page:
    """Accumulates report HTML; plotly.js is embedded once, with the first chart."""

    parts: list[str] = field(default_factory=list)
    plotly_embedded: bool = False

    def figure(self, figure: go.Figure, name: str) -> None:
        self.parts.append(
            figure.to_html(
                full_html=False,
                include_plotlyjs=not self.plotly_embedded,
                config=export.toolbar_config(name),
            )
        )
        self.plotly_embedded = True


def _table_html(frame: pd.DataFrame) -> str:
    return str(frame.to_html(index=False, escape=True, na_rep="", classes="px-table", border=0))


def _panel_html(page: _Page, panel: Panel) -> None:
    page.parts.append(f'<section class="px-panel"><h3>{escape(panel.title)}</h3>')
    page.parts.append(f'<p class="px-explain">{escape(panel.explain)}</p>')
    if panel.note:
        page.parts.append(f'<p class="px-note">{escape(panel.note)}</p>')
    if panel.figure is not None:
        page.figure(panel.figure, panel.title)
    if panel.table is not None and not panel.table.empty:
        page.parts.append(f'<div class="px-table-wrap">{_table_html(panel.table)}</div>')
    page.parts.append(panel.html)
    page.parts.append("</section>")


def column_html(column: OutletColumn) -> str:
    """One outlet's column of the side-by-side view: header, chips, lede and the marked-up text."""
    more = f" · {column.other_articles} more article(s) by this outlet" if column.other_articles else ""
    return (
        f'<p class="px-outlet">{escape(column.outlet)}</p><p class="px-headline">{escape(column.title)}</p>'
        f'<p class="px-date">{escape(day(column.published) + more)}</p>'
        f"<div>{highlight.chips_html(column.chips)}</div>"
        f'<p class="px-lede"><span class="px-chip-label">lede</span>{escape(column.lede)}</p>{column.body_html}'
    )


def _columns_html(columns: Sequence[OutletColumn]) -> str:
    cells = "".join(f'<div class="px-col">{column_html(c)}</div>' for c in columns)
    return f'<div class="px-grid">{cells}</div>'


_REPORT_STYLE = """
body{font-family:Inter,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2937;max-width:1280px;margin:2rem auto;
  padding:0 1.5rem;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:0.2rem} h2{border-bottom:2px solid #e2e8f0;padding-bottom:0.3rem;margin-top:2.5rem}
.px-meta{color:#475569} .px-explain{color:#475569;font-size:0.92rem;margin-top:-0.4rem}
.px-note{background:#f1f5f9;border-left:4px solid #94a3b8;padding:0.4rem 0.8rem}
.px-table-wrap{overflow-x:auto} table.px-table{border-collapse:collapse;font-size:0.88rem;width:100%}
table.px-table th,table.px-table td{border-bottom:1px solid #e2e8f0;padding:0.3rem 0.5rem;text-align:left;
  vertical-align:top}
footer{margin-top:3rem;color:#64748b;font-size:0.85rem}
"""


def report_html(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> str:
    """The whole story as one standalone, offline HTML page (every tab of the dashboard, in order)."""
    story = corpus.story(story_id)
    content = content or StoryContent(corpus, story_id)
    page = _Page()
    for name in SECTIONS:
        page.parts.append(f"<h2>{escape(name)}</h2>")
        if name == "Side by side":
            page.parts.append(highlight.legend_html())
            page.parts.append(_columns_html(content.columns()))
            continue
        for panel in content.panels(name):
            _panel_html(page, panel)
    head = (
        f"<h1>{escape(story.title)}</h1>"
        f'<p class="px-meta">{escape(corpus.info.name)} · {escape(story_meta(corpus, story_id))}</p>'
    )
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(story.title)} · Parallax</title>"
        f"<style>{highlight.STYLE}{_REPORT_STYLE}</style></head><body>"
        f"{head}{''.join(page.parts)}"
        f"<footer>Made with Parallax on {made}, offline. Story {escape(story_id)}.</footer></body></html>"
    )


def write_report(corpus: Corpus, story_id: str, out: Path, content: StoryContent | None = None) -> Path:
    """Write the story's standalone HTML report to ``out`` (atomically) and return its path."""
    out = Path(out)
    atomic_write_bytes(out, report_html(corpus, story_id, content).encode("utf-8"))
    return out


def section(corpus: Corpus, story_id: str, name: str, tables: FramingTables | None = None) -> list[Panel]:
    """The panels of one tab (every tab except "Side by side", which is laid out in columns)."""
    if name == "Framing":
        return framing(corpus, story_id, tables)
    builders: dict[str, Callable[[Corpus, str], list[Panel]]] = {
        "Overview": overview,
        "Quoted officials": quoted_officials,
        "Shared passages": shared_passages,
    }
    return builders[name](corpus, story_id)


class StoryContent:
    """One story's tabs, columns and framing tables, each computed on first use and kept.

    The dashboard keeps one per open story, so the HTML report, the card and the zip
    bundle reuse what the tabs already computed; the command line makes a fresh one.
    """

    def __init__(self, corpus: Corpus, story_id: str) -> None:
        self.corpus = corpus
        self.story_id = story_id
        self.framing = FramingTables(corpus, story_id)
        self._panels: Once[str, list[Panel]] = Once()
        self._columns: Once[tuple[str, ...], list[OutletColumn]] = Once()
        self._failed_ahead: set[str] = set()

    @cached_property
    def meta(self) -> str:
        """The line under the story's title (see ``story_meta``)."""
        return story_meta(self.corpus, self.story_id)

    def panels(self, name: str) -> list[Panel]:
        """The panels of one tab (see ``section``)."""
        return self._panels.get(name, lambda: section(self.corpus, self.story_id, name, self.framing))

    def columns(self, chosen: Sequence[str] = ()) -> list[OutletColumn]:
        """The side-by-side columns for the ``chosen`` article ids (each outlet's fullest by default)."""
        key = tuple(chosen)
        return self._columns.get(key, lambda: side_by_side(self.corpus, self.story_id, key, self.framing))

    def has_panels(self, name: str) -> bool:
        """Whether a tab's panels are ready (computed in the foreground or ahead of time)."""
        return name in self._panels

    def compute_ahead(self) -> None:
        """Hand the tabs not yet computed to the background worker, slowest first (Framing), each its own
        step; a tab that failed there once is left to the foreground, which shows the error."""
        picks = tuple(default_side_by_side(self.corpus.story_articles(self.story_id)))
        steps: list[tuple[str, Callable[[], object]]] = []
        for name in (n for n in _AHEAD_ORDER if n not in self._panels):
            if name == "Framing":  # table by table: a reader moving on stops the work within a table's time
                steps += [(name, partial(getattr, self.framing, table)) for table in FramingTables.NAMES]
            steps.append((name, partial(self.panels, name)))
        if picks not in self._columns:
            steps.append(("Side by side", partial(self.columns, picks)))
        steps = [(name, step) for name, step in steps if name not in self._failed_ahead]
        if steps:
            # Last, once per corpus: with the model and the corpus's tables loaded, keep them out of the
            # garbage collector's walks (see compare.heap).
            BACKGROUND.submit(
                [*(partial(self._ahead, name, step) for name, step in steps), partial(heap.settle, self.corpus)]
            )

    def _ahead(self, name: str, step: Callable[[], object]) -> None:
        if name in self._failed_ahead:  # an earlier step of this tab failed: the foreground shows why
            return
        try:
            step()
        except Exception:
            self._failed_ahead.add(name)
            raise


#: Tabs computed ahead of the reader: Framing first, the slowest (about 0.3 s on a 10-outlet story of the 10k sample).
_AHEAD_ORDER = ("Framing", *(name for name in SECTIONS if name not in ("Framing", "Side by side")))
#: The dashboard's one background worker (a new story's work replaces an older story's pending work).
BACKGROUND = Worker("parallax-ahead")


# ---------------------------------------------------------------------------------------
# The printable comparison card

#: Outlets on the card: more columns would not fit one printed page (the report has them all).
_CARD_OUTLETS = 4
_CARD_SPEAKERS = 4
_CARD_HIGHLIGHTS = 3
_CARD_SIZE = (1600, 1130)  # CSS pixels, landscape A4 proportions; printed at settings.IMAGE_SCALE

_CARD_STYLE = """
*{box-sizing:border-box} body{margin:0;font-family:Inter,'Segoe UI',Helvetica,Arial,sans-serif;color:#0f172a}
.card{width:1600px;height:1130px;padding:44px 52px;display:flex;flex-direction:column;background:#fff}
.brand{display:flex;justify-content:space-between;color:#64748b;font-size:15px;letter-spacing:0.06em;
  text-transform:uppercase}
h1{font-size:34px;line-height:1.2;margin:10px 0 6px;display:-webkit-box;-webkit-line-clamp:2;
  -webkit-box-orient:vertical;overflow:hidden}
.meta{color:#475569;font-size:17px;margin-bottom:22px}
.cols{display:grid;gap:22px;flex:1;min-height:0}
.col{border:2px solid #e2e8f0;border-radius:14px;padding:18px 20px;overflow:hidden;display:flex;flex-direction:column}
.outlet{font-weight:800;font-size:15px;letter-spacing:0.07em;text-transform:uppercase;padding-bottom:8px;
  border-bottom:5px solid var(--c)}
.headline{font-weight:700;font-size:21px;line-height:1.28;margin:12px 0 4px;display:-webkit-box;-webkit-line-clamp:4;
  -webkit-box-orient:vertical;overflow:hidden}
.sub{color:#64748b;font-size:14px}
h3{font-size:13px;letter-spacing:0.08em;text-transform:uppercase;color:#64748b;margin:18px 0 6px}
ul,ol{margin:0;padding-left:20px;font-size:16px;line-height:1.35}
li{margin-bottom:6px;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.lede{font-size:16px;line-height:1.4;font-style:italic;color:#334155;margin:0;display:-webkit-box;
  -webkit-line-clamp:5;-webkit-box-orient:vertical;overflow:hidden}
.none{color:#94a3b8;font-style:italic;font-size:15px}
footer{color:#64748b;font-size:13px;margin-top:16px}
"""


# The card has room for a few speakers: officials first, then other named voices.
_TYPE_ORDER = ("official", "politician", "expert", "organisation", "journalist", "anonymous", "other")


def _card_speakers(table: pd.DataFrame, outlet: str) -> list[str]:
    own = table[table["outlet"] == outlet]
    rank = own["speaker_type"].map(lambda t: _TYPE_ORDER.index(t) if t in _TYPE_ORDER else len(_TYPE_ORDER))
    own = own.assign(rank=rank).sort_values(["rank", "quotes"], ascending=[True, False]).head(_CARD_SPEAKERS)
    return [f"{row.speaker}{f' ({row.role})' if row.role else ''} ×{row.quotes}" for row in own.itertuples(index=False)]


def _card_list(items: Sequence[str], tag: str, empty: str) -> str:
    if not items:
        return f'<p class="none">{escape(empty)}</p>'
    return f"<{tag}>{''.join(f'<li>{escape(i)}</li>' for i in items)}</{tag}>"


def card_html(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> str:
    """The comparison card as one self-contained page: headline, quoted officials, framing highlights."""
    from compare.speakers import speaker_outlet_table

    story = corpus.story(story_id)
    articles = corpus.story_articles(story_id)
    main = main_articles(articles)
    shown = sorted(main, key=lambda o: -_words(main[o].text))[:_CARD_OUTLETS]
    colors = charts.outlet_colors(list(main))
    speakers = speaker_outlet_table(corpus.story_quotes(story_id))
    framed = (content or StoryContent(corpus, story_id)).framing
    highlights = framing_highlights(framed)
    ledes = dict(zip(framed.lede["article_id"], framed.lede["lede"], strict=True))
    columns = []
    for outlet in sorted(shown):
        article = main[outlet]
        columns.append(
            f'<div class="col" style="--c:{colors[outlet]}"><div class="outlet">{escape(outlet)}</div>'
            f'<div class="headline">{escape(article.title)}</div>'
            f'<div class="sub">{escape(day(article.published))} · {_words(article.text):,} words</div>'
            f'<h3>How it opens</h3><p class="lede">{escape(ledes.get(article.id, ""))}</p>'
            "<h3>Quoted</h3>"
            + _card_list(_card_speakers(speakers, outlet), "ul", "nobody quoted by name")
            + "<h3>Framing highlights</h3>"
            + _card_list(highlights.get(outlet, [])[:_CARD_HIGHLIGHTS], "ol", "no framing signal stood out")
            + "</div>"
        )
    more = len(main) - len(shown)
    footer = (
        f"{counted(more, 'more outlet')} in the HTML report. " if more > 0 else ""
    ) + "The evidence behind every highlight is in the story's HTML report. Made with Parallax, offline."
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{_CARD_STYLE}</style></head><body>'
        f'<div class="card"><div class="brand"><span>Parallax · comparison card</span>'
        f"<span>{escape(corpus.info.name)}</span></div>"
        f'<h1>{escape(story.title)}</h1><div class="meta">{escape(story_meta(corpus, story_id))}</div>'
        f'<div class="cols" style="grid-template-columns:repeat({max(1, len(columns))},1fr)">{"".join(columns)}</div>'
        f"<footer>{escape(footer)}</footer></div></body></html>"
    )


def comparison_card_png(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> bytes:
    """A one-page printable card for class (PNG): headlines, quoted officials, three framing highlights per outlet."""
    return export.page_png(card_html(corpus, story_id, content), *_CARD_SIZE)


def story_bundle(corpus: Corpus, story_id: str, content: StoryContent | None = None) -> bytes:
    """Every chart of the story as PNG, SVG and HTML and every table as CSV, in one zip."""
    content = content or StoryContent(corpus, story_id)
    panels = [p for name in SECTIONS if name != "Side by side" for p in content.panels(name)]
    figures = {p.title: p.figure for p in panels if p.figure is not None}
    frames = {p.title: p.table for p in panels if p.table is not None and not p.table.empty}
    return export.bundle(figures, frames)
