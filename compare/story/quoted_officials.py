"""The Quoted officials tab: who was quoted by which outlet, in what words, and who only one outlet quoted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from compare import charts
from compare.highlight import escape
from compare.labels import COLUMN_LABELS, plain
from compare.model import Quote
from compare.pipeline import Corpus
from compare.story.common import outlets_of
from compare.story.panel import Panel, Widget

if TYPE_CHECKING:
    from compare.quotes import QuoteMatch, WordChange
    from compare.story.framing_tables import FramingTables

#: Rows of the speaker matrix: more would be unreadable (the CSV has every speaker).
_MATRIX_SPEAKERS = 25
#: Speakers whose quotes the HTML report sets side by side.
_REPORT_SPEAKERS = 6


def _speaker_types_in_words(table: pd.DataFrame) -> pd.DataFrame:
    """A speakers table as people read it: the speaker type in words, under a header in words."""
    return table.assign(speaker_type=table["speaker_type"].map(plain)).rename(
        columns={"speaker_type": COLUMN_LABELS["speaker_type"]}
    )


def quote_table(quotes: Sequence[Quote]) -> pd.DataFrame:
    """Every attributed quote of a story: speaker, outlet, kind, the words, the cue, where it is."""
    columns = ["speaker", "role", "speaker_type", "outlet", "kind", "quote", "cue", "article_id", "speaker_id"]
    rows = [{c: getattr(q, c) for c in columns} for q in quotes if q.speaker_id]
    return _speaker_types_in_words(pd.DataFrame(rows, columns=columns).fillna(""))


def _as_printed(kind: str, quote: str) -> str:
    """A quote's words, escaped, in quotation marks only when they are all the speaker's: a reported
    (indirect) statement is the writer's wording, and a paraphrase around a partial quote keeps its own
    marks round the words that are quoted."""
    from compare.nlp import QUOTE_MARKS

    if kind == "indirect" or QUOTE_MARKS.search(quote):
        return escape(quote)
    return f"“{escape(quote)}”"


def speaker_quotes_html(quotes: pd.DataFrame, speaker_id: str, outlets: Sequence[str]) -> str:
    """One speaker's quotes as columns, one per outlet (an empty column says the outlet did not quote them)."""
    own = quotes[quotes["speaker_id"] == speaker_id]
    items: dict[str, list[str]] = {}
    for outlet, kind, quote, cue in zip(own["outlet"], own["kind"], own["quote"], own["cue"], strict=True):
        cited = f" <em>({escape(cue)})</em>" if cue else ""
        items.setdefault(outlet, []).append(
            f'<li><span class="px-chip">{escape(kind)}</span>{_as_printed(kind, quote)}{cited}</li>'
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
    from compare.quotes import quoted_words

    blocks = []
    for match in matches:
        items = []
        for version in match.versions:
            changes = [c for c in match.changes if c.article_id == version.article_id]
            trimmed = " (trimmed)" if version.article_id in match.trimmed else ""
            detail = "; ".join(_change_html(c) for c in changes) or "word for word"
            around = ""
            if version.article_id in match.paraphrased:  # the writer's words around the quote are not compared
                around = f'<br><span class="px-diff">in the outlet\'s paraphrase: {escape(version.quote)}</span>'
            items.append(
                f"<li><strong>{escape(version.outlet)}</strong>{trimmed}: “{escape(quoted_words(version))}” "
                f'<span class="px-diff">— {detail}</span>{around}</li>'
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


def _row_labels(table: pd.DataFrame, speaker_ids: Sequence[str]) -> list[str]:
    """Each speaker's display name, with the role (else the id) added where two rows would read the same."""
    first = table.drop_duplicates("speaker_id").set_index("speaker_id")
    labels = [str(first.loc[s, "speaker"]) for s in speaker_ids]
    for extra in (lambda s: str(first.loc[s, "role"] or s), str):
        labels = [f"{n} ({extra(s)})" if labels.count(n) > 1 else n for s, n in zip(speaker_ids, labels, strict=True)]
    return labels


def _matrix_panel(table: pd.DataFrame, outlets: Sequence[str], speakers: int) -> Panel:
    """The most quoted speakers × outlets, with how often each outlet quoted each (``speakers`` in all)."""
    # One row per person (their speaker_id), labelled with their name: two people may share a display name.
    matrix = table.pivot_table(index="speaker_id", columns="outlet", values="quotes", aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(columns=outlets, fill_value=0)
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index[:_MATRIX_SPEAKERS]]
    matrix.index = _row_labels(table, list(matrix.index))
    return Panel(
        "speaker_matrix",
        "Who was quoted, by which outlet",
        "Each row is a person or organisation quoted in the story, each column an outlet; the number is how "
        "many times that outlet quoted them. Empty cells show whose voice an outlet left out. One person is one "
        "row however outlets wrote the name (with or without a title, first name or capitals); a bare surname "
        "that two people of the story share stays a row of its own rather than be credited to the wrong one.",
        figure=charts.count_heatmap(matrix, "Who was quoted, by which outlet", value_label="quotes"),
        note=f"The {_MATRIX_SPEAKERS} most quoted speakers are shown; the speakers table lists all."
        if speakers > _MATRIX_SPEAKERS
        else "",
    )


def _kinds_panel(table: pd.DataFrame) -> Panel:
    """How each outlet's quotes split by speaker type."""
    kinds = (
        table.groupby(["outlet", "speaker_type"], as_index=False)["quotes"]
        .sum()
        .rename(columns={"speaker_type": "item", "quotes": "count"})
    )
    kinds = kinds.assign(item=kinds["item"].map(plain))
    return Panel(
        "speaker_types",
        "What kind of voices each outlet quoted",
        "How each outlet's quotes split between officials, politicians, experts, anonymous sources and others. "
        "Relying on one kind of voice is itself a framing choice.",
        figure=charts.stacked_counts(
            kinds, "What kind of voices each outlet quoted", item_label="speaker type", value_label="quotes"
        ),
    )


def _words_panel(listing: pd.DataFrame, outlets: Sequence[str]) -> Panel:
    """Each speaker's quotes outlet by outlet: a picker in the dashboard, the most quoted few in the report."""
    top = list(listing["speaker_id"].value_counts().index[:_REPORT_SPEAKERS])
    return Panel(
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
        widget=Widget.SPEAKER_PICKER,
    )


def _matches_panel(matches: Sequence[QuoteMatch]) -> Panel:
    """Statements several outlets printed, their versions lined up word by word."""
    table = pd.DataFrame(
        [
            {
                "speaker": m.speaker,
                "outlets": ", ".join(m.outlets),
                "identical": m.identical,
                "trimmed_by": ", ".join(dict.fromkeys(v.outlet for v in m.versions if v.article_id in m.trimmed)),
                "paraphrased_by": ", ".join(
                    dict.fromkeys(v.outlet for v in m.versions if v.article_id in m.paraphrased)
                ),
                "changes": len(m.changes),
                "fullest_version": m.text,
            }
            for m in matches
        ]
    )
    return Panel(
        "matched_quotes",
        "The same quote in several outlets",
        "When outlets print the same statement, their versions are lined up word by word: words left out are "
        "struck through, words added or changed are marked. A trimmed quote can change what a speaker seems "
        "to say. Only words inside quotation marks are compared: an outlet's paraphrase around a partial quote "
        "is shown beside it, not counted as a change.",
        table=table,
        html=matched_quotes_html(matches),
        note="" if matches else "No statement was quoted directly by more than one outlet.",
    )


def build(corpus: Corpus, story_id: str, tables: FramingTables | None = None) -> list[Panel]:
    """Who was quoted by which outlet, in what words, and who only one outlet quoted (no framing table needed)."""
    from compare.quotes import match_quotes
    from compare.speakers import single_outlet_speakers, speaker_outlet_table

    outlets = outlets_of(corpus.story_articles(story_id))
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
    summary = _speaker_types_in_words(_speaker_summary(table))
    # the person's id joins tables; a reader sees the name (two people sharing one show their role apart)
    only_one = _speaker_types_in_words(single_outlet_speakers(quotes).drop(columns="speaker_id"))
    return [
        _matrix_panel(table, outlets, len(summary)),
        Panel(
            "speakers",
            "Speakers, their roles and types",
            "Each speaker once, with the role or title the outlets gave them and what kind of source they are "
            "(official, politician, expert, anonymous …).",
            table=summary,
        ),
        _kinds_panel(table),
        _words_panel(quote_table(quotes), outlets),
        _matches_panel(match_quotes(quotes)),
        Panel(
            "single_outlet",
            "Quoted by one outlet only",
            "Speakers that only one outlet quoted. They show which voices an outlet added that the others did not.",
            table=only_one,
            note="" if not only_one.empty else "Every speaker was quoted by more than one outlet, or by none.",
        ),
    ]
