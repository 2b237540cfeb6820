"""The Shared passages tab: text shared across outlets, copy groups, originality, who copied whom, and
claims that were reworded rather than copied."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from compare import charts
from compare.model import Article, Passage
from compare.passages import StoryReuse
from compare.pipeline import Corpus
from compare.story.common import main_articles, outlets_of, reuse
from compare.story.panel import Panel
from compare.text_format import counted, short

if TYPE_CHECKING:
    from compare.story.framing_tables import FramingTables


def _source_articles(corpus: Corpus, passages: Sequence[Passage]) -> dict[str, Article]:
    """The articles named as passages' likely sources, by id (read at once: a stored corpus reads per call)."""
    return {a.id: a for a in corpus.articles_of(list(dict.fromkeys(p.source for p in passages)))}


def _source_outlet(passage: Passage, sources: Mapping[str, Article]) -> str:
    """The likely source as an outlet name when it is an article, else as declared ("Reuters", "unknown")."""
    article = sources.get(passage.source)
    return article.outlet if article is not None else passage.source


def _reuse_edges(corpus: Corpus, passages: Sequence[Passage]) -> pd.DataFrame:
    """Source outlet -> copier outlet, with the words they share, for passages whose source is an article."""
    rows = []
    sources = _source_articles(corpus, passages)
    for passage in passages:
        source = sources.get(passage.source)
        if source is None or passage.in_quote:
            continue
        for outlet in dict.fromkeys(passage.outlets):
            if outlet != source.outlet:
                rows.append({"source": source.outlet, "copier": outlet, "words": passage.words})
    frame = pd.DataFrame(rows, columns=["source", "copier", "words"])
    return frame.groupby(["source", "copier"], as_index=False)["words"].sum()


def _passage_table(corpus: Corpus, passages: Sequence[Passage]) -> pd.DataFrame:
    """Every shared passage, longest first, with its outlets and likely source."""
    sources = _source_articles(corpus, passages)
    return pd.DataFrame(
        [
            {
                "passage": short(p.text, 220),
                "words": p.words,
                "outlets": ", ".join(dict.fromkeys(p.outlets)),
                "inside_a_quote": p.in_quote,
                "verbatim": round(p.verbatim, 2),
                "likely_source": _source_outlet(p, sources),
                "passage_id": p.passage_id,
            }
            for p in sorted(passages, key=lambda p: -p.words)
        ]
    )


def _copy_groups(articles: Sequence[Article], story_reuse: StoryReuse) -> pd.DataFrame:
    """Each copy group's outlets and headlines (outlets carrying the same copy count as one report)."""
    by_id = {a.id: a for a in articles}
    return pd.DataFrame(
        [
            {
                "copy_group": n,
                "outlets": ", ".join(dict.fromkeys(by_id[i].outlet for i in group if i in by_id)),
                "headlines": " | ".join(by_id[i].title for i in group if i in by_id),
            }
            for n, group in enumerate(story_reuse.copy_groups, start=1)
        ]
    )


def _originality(articles: Sequence[Article], story_reuse: StoryReuse, outlets: Sequence[str]) -> pd.DataFrame:
    """Each outlet's share of own words, in percent (the mean over its articles)."""
    return pd.DataFrame(
        [
            {
                "outlet": o,
                "originality": round(
                    100 * float(np.mean([story_reuse.originality.get(a.id, 1.0) for a in articles if a.outlet == o])),
                    1,
                ),
            }
            for o in outlets
        ]
    )


def _reuse_graph_panel(corpus: Corpus, articles: Sequence[Article], passages: Sequence[Passage]) -> Panel:
    """Arrows from the outlet that published a passage first to the outlets that carry it, placed by date."""
    outlets = outlets_of(articles)
    nodes = pd.DataFrame(
        {
            "outlet": outlets,
            "first_published": [
                min((a.published for a in articles if a.outlet == o and a.published), default=None) for o in outlets
            ],
        }
    )
    edges = _reuse_edges(corpus, passages)
    return Panel(
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
    )


def _reworded_panel(corpus: Corpus, articles: Sequence[Article], outlets: Sequence[str]) -> Panel:
    """Sentences of different outlets that say the same thing in other words."""
    from compare.passages import reworded_claims

    claims = (
        reworded_claims(list(main_articles(articles).values()), corpus.sentence_embedder) if len(outlets) > 1 else []
    )
    table = pd.DataFrame(
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
    return Panel(
        "reworded",
        "Same claim, reworded",
        "Sentences from different outlets that say the same thing in different words: the same fact, "
        "rewritten rather than copied. Compare the wording to see what each outlet stressed.",
        table=table,
        note="" if not table.empty else "No reworded claims found between these outlets.",
    )


def build(corpus: Corpus, story_id: str, tables: FramingTables | None = None) -> list[Panel]:
    """Passages shared across outlets, copy groups, originality, and who copied whom (no framing table needed)."""
    articles = corpus.story_articles(story_id)
    passages = corpus.story_passages(story_id)
    story_reuse = reuse(corpus, story_id)
    outlets = outlets_of(articles)
    groups = _copy_groups(articles, story_reuse)
    summary = (
        f"{counted(len(outlets), 'outlet')}, {counted(story_reuse.independent_reports, 'independent report')}, "
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
            table=_passage_table(corpus, passages),
            note="" if passages else "No passage of this story appears in more than one outlet.",
        ),
        Panel(
            "originality",
            "Originality per outlet",
            "The share of each outlet's words that are its own, not shared with another outlet's narration. "
            "100% means nothing was copied or syndicated.",
            figure=charts.outlet_bars(
                _originality(articles, story_reuse, outlets), "originality", "Originality per outlet", "% own words"
            ),
        ),
        _reuse_graph_panel(corpus, articles, passages),
        _reworded_panel(corpus, articles, outlets),
    ]
