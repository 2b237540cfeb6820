"""story: the Framing tab, side-by-side chips and card in plain words — tone bands with the number beside
them (never "the most positive"), opinion markers and speaker types as labels, axes that say what they measure."""

from __future__ import annotations

import pandas as pd
import pytest

from compare.labels import tone_words
from compare.model import Evidence
from compare.render.card import framing_highlights
from compare.story import framing

OUTLETS = ["Coast Herald", "Metro Times", "Wire Daily"]


def _evidence(text: str) -> tuple[Evidence, ...]:
    return (Evidence("a0", text, 0, len(text)),)


def _tables() -> dict[str, pd.DataFrame]:
    """Framing tables as compare.framing makes them: three outlets with near-zero tones, markers in keys."""
    tone = pd.DataFrame(
        {
            "outlet": OUTLETS,
            "sentences": [10, 12, 9],
            "mean": [-0.02, 0.01, -0.31],
            "positive_share": [0.1, 0.2, 0.0],
            "negative_share": [0.1, 0.1, 0.5],
            "most_positive": [_evidence("Help arrived."), _evidence("Crews were praised."), ()],
            "most_negative": [_evidence("Homes were lost."), (), _evidence("A disaster unfolded.")],
        }
    )
    markers = pd.DataFrame(
        {
            "outlet": ["Coast Herald", "Coast Herald", "Wire Daily"],
            "marker": ["first_person", "value_judgement", "rhetorical_question"],
            "count": [2, 1, 1],
            "per_1000_words": [4.0, 2.0, 1.5],
            "evidence": [_evidence("We saw it."), _evidence("It was shameful."), _evidence("Who pays?")],
        }
    )
    distinctive = pd.DataFrame(
        {
            "outlet": ["Coast Herald", "Wire Daily"],
            "term": ["levee", "agency"],
            "z": [2.5, 2.1],
            "significant": [True, True],
            "evidence": [_evidence("The levee broke."), _evidence("The agency said.")],
        }
    )
    lede = pd.DataFrame({"article_id": ["a0", "a1", "a2"], "outlet": OUTLETS, "lede": ["x", "y", "z"]})
    empty = pd.DataFrame(columns=["outlet", "label", "covered", "frame", "share"])
    return {
        "tone": tone,
        "markers": markers,
        "distinctive": distinctive,
        "lede": lede,
        "aspects": empty,
        "frames": empty,
    }


def _panel(name: str) -> framing.Panel:
    build = next(p for p in framing.PANELS if p.__name__ == f"_{name}")
    return build(_tables(), OUTLETS)  # type: ignore[arg-type]


def test_story_words_tone_chart_labels_each_bar_with_its_band() -> None:
    panel = _panel("tone")
    assert panel.figure is not None
    labels = {y: t for bar in panel.figure.data for y, t in zip(bar.y, bar.text, strict=True)}
    assert labels == {
        "Coast Herald": "about neutral (−0.02)",
        "Metro Times": "about neutral (+0.01)",
        "Wire Daily": "somewhat negative (−0.31)",
    }
    assert "about neutral within ±0.05" in panel.explain


def test_story_words_tone_table_reads_in_words() -> None:
    table = _panel("tone").table
    assert table is not None
    assert list(table.columns[:2]) == ["outlet", "tone"]
    assert table["tone"].tolist() == [tone_words(-0.02), tone_words(0.01), tone_words(-0.31)]
    assert "share of positive sentences" in table.columns and "most positive sentence" in table.columns
    assert not [c for c in table.columns if "_" in c]


def test_story_words_markers_legend_and_table_in_plain_words() -> None:
    panel = _panel("markers")
    assert panel.figure is not None and panel.table is not None
    legend = {bar.name for bar in panel.figure.data}
    assert legend == {"first person (I, we)", "value judgement", "rhetorical question"}
    assert set(panel.table["marker"]) == legend
    assert "per 1,000 words" in panel.table.columns and panel.figure.layout.legend.title.text == "opinion marker"
    shown = " ".join(map(str, [*panel.table.columns, *panel.table["marker"], panel.figure.layout.legend.title.text]))
    assert "first_person" not in shown and "value_judgement" not in shown and "per_1000" not in shown


def test_story_words_distinctive_axis_says_what_it_measures() -> None:
    figure = _panel("distinctive").figure
    assert figure is not None
    titles = {figure.layout[key].title.text for key in ("xaxis", "xaxis2")}
    assert titles == {"used more than the other outlets (z-score)"}
    assert figure.layout.xaxis.title.text not in ("z-score", "score", None)


def test_story_words_card_tone_is_a_band_not_a_rank() -> None:
    """−0.02 and +0.01 are both about neutral: the card must not call one the most negative or positive."""
    notes = framing_highlights(_tables())  # type: ignore[arg-type]
    tones = {outlet: next(n for n in own if n.startswith("Tone")) for outlet, own in notes.items()}
    assert tones["Coast Herald"] == "Tone: about neutral (−0.02), on a scale from −1 negative to +1 positive"
    assert tones["Metro Times"].startswith("Tone: about neutral (+0.01)")
    assert tones["Wire Daily"].startswith("Tone: somewhat negative (−0.31)")
    assert not any("most" in note for note in tones.values())


@pytest.mark.parametrize("key", ["first_person", "value_judgement", "second_person"])
def test_story_words_no_panel_shows_a_marker_key(key: str) -> None:
    panel = _panel("markers")
    assert panel.table is not None and key not in panel.table.to_csv()


def test_story_words_speaker_types_legend_in_plain_words() -> None:
    from compare.story.quoted_officials import _kinds_panel

    table = pd.DataFrame(
        {"outlet": ["A", "A", "B"], "speaker_type": ["anonymous", "official", "expert"], "quotes": [2, 1, 1]}
    )
    figure = _kinds_panel(table).figure
    assert figure is not None
    assert {bar.name for bar in figure.data} == {"anonymous source", "official", "expert"}
