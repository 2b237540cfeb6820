"""The Framing tab: how each outlet told the story — its headline and lede, distinctive words, naming,
loaded language, attribution verbs, tone, opinion markers, emphasis and omission, frames.

One function per panel, each reading the story's ``FramingTables``; ``PANELS`` lists them in tab order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from compare import charts
from compare.labels import plain, plain_columns, tone_scale, tone_words
from compare.model import Evidence
from compare.pipeline import Corpus
from compare.story.common import outlets_of
from compare.story.framing_tables import FramingTables
from compare.story.panel import Panel
from compare.text_format import short

#: Aspect rows in the emphasis-and-omission chart: a big story has hundreds (the table lists all).
_MATRIX_ASPECTS = 30


def _example(evidence: Sequence[Evidence]) -> str:
    """The first evidence sentence of a row, for tables people read."""
    return short(evidence[0].text, 200) if len(evidence) else ""


#: Columns whose cells are internal keys (``first_person``, ``speaker_type`` values …), shown in words.
_KEY_COLUMNS = ("marker", "category", "kind", "speaker_type")


def _readable(frame: pd.DataFrame, drop: Sequence[str] = ()) -> pd.DataFrame:
    """A framing table for display and CSV, in words: evidence records become an example sentence,
    internal keys and code-name headers become plain labels (``compare.labels``)."""
    out = frame.drop(columns=[c for c in drop if c in frame.columns])
    if "evidence" in out.columns:
        out = out.assign(example=out["evidence"].map(_example)).drop(columns="evidence")
    for column in _KEY_COLUMNS:
        if column in out.columns:
            out[column] = out[column].map(plain)
    return plain_columns(out.reset_index(drop=True))


def _share_matrix(frame: pd.DataFrame, rows: str, outlets: Sequence[str]) -> pd.DataFrame:
    """rows × outlets of ``share`` as percentages (0 where an outlet has none), rows that some outlet has,
    those most outlets share first."""
    matrix = frame.pivot_table(index=rows, columns="outlet", values="share", aggfunc="sum", fill_value=0.0)
    matrix = (100 * matrix.reindex(columns=list(outlets), fill_value=0.0)).round(1)
    matrix = matrix[matrix.sum(axis=1) > 0]  # a frame no outlet used is not worth a row
    order = pd.DataFrame({"outlets": (matrix > 0).sum(axis=1), "total": matrix.sum(axis=1)})
    return matrix.loc[order.sort_values(["outlets", "total"], ascending=False).index]


def _lede(t: FramingTables, outlets: Sequence[str]) -> Panel:
    return Panel(
        "lede",
        "Headline and lede",
        "The headline and first sentences are what most readers see. Compare which facts each outlet put first.",
        table=_readable(t["lede"], drop=("article_id",)),
    )


#: What the distinctive-words chart's bars measure, in words (the score is a z-score of weighted log-odds);
#: one line under each outlet's panel, so short.
_DISTINCTIVE_AXIS = "used more than the other outlets (z-score)"


def _distinctive(t: FramingTables, outlets: Sequence[str]) -> Panel:
    distinctive = t["distinctive"].rename(columns={"term": "word", "z": "score"})
    significant = distinctive[distinctive["significant"]]
    return Panel(
        "distinctive",
        "Distinctive words",
        "Words this outlet used much more than the others in this story (weighted log-odds; a score above "
        "1.96 is unlikely to be chance). They hint at what each outlet talked about, and how.",
        figure=charts.ranked_words(
            significant if not significant.empty else distinctive, "Distinctive words", value_label=_DISTINCTIVE_AXIS
        )
        if not distinctive.empty
        else None,
        table=_readable(t["distinctive"]),
        note=(
            "No word stands out strongly (no z-score above 1.96); the chart shows the strongest anyway."
            if significant.empty and not distinctive.empty
            else ""
        )
        + (" With one outlet, words are compared with the rest of the corpus." if len(outlets) < 2 else ""),
    )


def _naming_cell(rows: pd.DataFrame) -> str:
    """One outlet's namings of one actor: each form with its count, then the sentence of its first form."""
    forms = "; ".join(f"{r.form} ×{r.count}" for r in rows.itertuples())
    example = _example(rows.iloc[0].evidence)
    return f"{forms} — “{example}”" if example else forms


def _naming(t: FramingTables, outlets: Sequence[str]) -> Panel:
    naming = t["naming"]
    cells = {
        (actor, outlet): _naming_cell(rows) for (actor, outlet), rows in naming.groupby(["actor", "outlet"], sort=False)
    }
    actors = list(dict.fromkeys(naming["actor"]))
    names = pd.DataFrame(
        [{"actor": a, **{o: cells.get((a, o), "—") for o in outlets}} for a in actors], columns=["actor", *outlets]
    )
    return Panel(
        "naming",
        "How each outlet names the actors",
        'The words each outlet uses for the same people, places and groups ("Gen. Soleimani", "the terrorist '
        'mastermind Soleimani"), with a sentence of each. Naming choices carry a judgement; only actors the '
        "outlets describe differently are listed.",
        table=names,
        note="The outlets name the actors alike." if naming.empty else "",
    )


def _counts_panel(
    key: str, title: str, blurb: str, counts: pd.DataFrame, labels: tuple[str, str], table: pd.DataFrame, empty: str
) -> Panel:
    """A panel of per-outlet counts as a stacked bar chart (``labels``: item and value axis names)."""
    return Panel(
        key,
        title,
        blurb,
        figure=charts.stacked_counts(counts, title, item_label=labels[0], value_label=labels[1])
        if not counts.empty
        else None,
        table=table,
        note="" if not counts.empty else empty,
    )


def _loaded(t: FramingTables, outlets: Sequence[str]) -> Panel:
    loaded = t["loaded"]
    own = loaded[~loaded["in_quote"].astype(bool)]  # a quoted word is the speaker's, not counted as the outlet's
    counts = own.groupby(["outlet", "category"], as_index=False).size()
    counts = counts.rename(columns={"category": "item", "size": "count"}).assign(item=lambda f: f["item"].map(plain))
    return _counts_panel(
        "loaded",
        "Loaded language",
        "Words that carry emotion or a judgement, from our word lists, by category, judged in their sentence: a word "
        'in its plain sense ("failed to pass", "the attacks") or one the corpus uses everywhere is left out. '
        "The chart counts each outlet's own words (its narration); words inside quotes are the speaker's, "
        "listed in the table and marked as inside a quote.",
        counts,
        ("kind of loaded word", "words"),
        _readable(loaded, drop=("article_id", "start", "end")),
        "No loaded words were found.",
    )


def _verbs(t: FramingTables, outlets: Sequence[str]) -> Panel:
    verbs = t["verbs"].groupby(["outlet", "kind"], as_index=False)["count"].sum().rename(columns={"kind": "item"})
    verbs = verbs.assign(item=verbs["item"].map(plain))
    return _counts_panel(
        "verbs",
        "Attribution verbs",
        'How each outlet introduces what people said. "Said" is neutral; "claimed", "admitted" or '
        '"insisted" tell the reader what to think of the statement.',
        verbs,
        ("kind of verb", "uses"),
        _readable(t["verbs"]),
        "No attribution verbs were found.",
    )


def _tone(t: FramingTables, outlets: Sequence[str]) -> Panel:
    tone = t["tone"].assign(label=[tone_words(m) for m in t["tone"]["mean"]])
    return Panel(
        "tone",
        "Tone",
        "The average sentiment of each outlet's sentences, from −1 (very negative) to +1 (very positive), "
        f"measured with VADER, described in bands: {tone_scale()}. "
        "The table shows each outlet's most negative and most positive sentence.",
        figure=charts.outlet_bars(tone, "mean", "Tone", "mean sentiment (−1 … +1)", text="label", signed=True)
        if not tone.empty
        else None,
        table=_readable(
            tone.rename(columns={"label": "tone"}).assign(
                most_negative=tone["most_negative"].map(_example), most_positive=tone["most_positive"].map(_example)
            )[["outlet", "tone", *(c for c in tone.columns if c not in ("outlet", "label"))]]
        ),
    )


def _markers(t: FramingTables, outlets: Sequence[str]) -> Panel:
    used = t["markers"][t["markers"]["count"] > 0]
    markers = used[["outlet", "marker", "per_1000_words"]].set_axis(["outlet", "item", "count"], axis=1)
    markers = markers.assign(item=markers["item"].map(plain))
    return Panel(
        "markers",
        "Opinion markers",
        'Signs of commentary rather than reporting: rhetorical questions, exclamations, "I" and "you", '
        "speculation and hedges, claims presented as beyond question, value judgements — per 1,000 words.",
        figure=charts.stacked_counts(
            markers, "Opinion markers", item_label="opinion marker", value_label="per 1,000 words"
        )
        if not markers.empty
        else None,
        table=_readable(used),
        note="" if not markers.empty else "No opinion markers were found.",
    )


def _aspects(t: FramingTables, outlets: Sequence[str]) -> Panel:
    aspects = t["aspects"]
    matrix = _share_matrix(aspects, "keywords", outlets) if not aspects.empty else pd.DataFrame()
    return Panel(
        "aspects",
        "Emphasis and omission",
        "The story's aspects (groups of sentences about the same thing) and the share of each outlet's "
        "sentences on each. A zero means the outlet left out something the others covered.",
        figure=charts.count_heatmap(matrix.head(_MATRIX_ASPECTS), "Emphasis and omission", value_label="% of sentences")
        if not aspects.empty
        else None,
        table=_readable(aspects.drop(columns=["keywords"])),
        note="The articles are too short to find aspects."
        if aspects.empty
        else f"The {_MATRIX_ASPECTS} aspects most outlets covered are charted, of {len(matrix)}; "
        "the table lists every one."
        if len(matrix) > _MATRIX_ASPECTS
        else "",
    )


def _frames(t: FramingTables, outlets: Sequence[str]) -> Panel:
    frames = t["frames"].assign(frame_name=t["frames"]["typology"] + ": " + t["frames"]["frame"])
    return Panel(
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
    )


#: The tab's panels in the order it shows them; each reads the story's framing tables and its outlets.
PANELS: tuple[Callable[[FramingTables, Sequence[str]], Panel], ...] = (
    _lede,
    _distinctive,
    _naming,
    _loaded,
    _verbs,
    _tone,
    _markers,
    _aspects,
    _frames,
)


def build(corpus: Corpus, story_id: str, tables: FramingTables | None = None) -> list[Panel]:
    """How each outlet told the story: words, naming, loaded language, attribution, tone, emphasis, frames."""
    t = tables or FramingTables(corpus, story_id)
    outlets = outlets_of(corpus.story_articles(story_id))
    return [panel(t, outlets) for panel in PANELS]
