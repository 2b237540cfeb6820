"""charts: each builder draws the data it is given, escapes article labels, and handles odd inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from compare import charts

HOSTILE = "<img src=x onerror=alert(1)>"


def _articles(dates: list[str | None]) -> pd.DataFrame:
    outlets = ["AP", "Fox", "CNN", HOSTILE][: len(dates)]
    return pd.DataFrame({"outlet": outlets, "published": dates, "title": [f"t{i}" for i in range(len(dates))]})


def test_charts_timeline_plots_only_dated_articles() -> None:
    figure = charts.timeline(_articles(["2020-01-06", None, "2020-01-07T10:00:00+00:00"]))
    assert figure is not None
    points = sum(len(trace.x) for trace in figure.data)
    assert points == 2


@pytest.mark.parametrize(
    "dates",
    [["2012-10-21T09:00:00", "2012-10-21T23:59:00"], ["2012-10-21", "2012-10-21"], ["2012-10-21", "2012-10-24"]],
)
def test_charts_timeline_ticks_days_not_hours(dates: list[str]) -> None:
    """Articles of one day (or a few) once got hour and millisecond ticks ("23:59:59.999 Oct 21, 2012")."""
    axis = charts.timeline(_articles(dates)).layout.xaxis
    assert axis.dtick == 86_400_000, "one tick a day"
    assert "%H" not in axis.tickformat and "%L" not in axis.tickformat and "d" in axis.tickformat
    assert axis.range[0] <= dates[0][:10] < axis.range[1], "the range is whole days around the articles"


def test_charts_timeline_without_dates_is_none() -> None:
    assert charts.timeline(_articles([None, None])) is None


def test_charts_outlet_colors_are_stable_and_distinct() -> None:
    first = charts.outlet_colors(["b", "a", "c"])
    assert first == charts.outlet_colors(["c", "a", "b", "a"])
    assert len(set(first.values())) == 3


def test_charts_similarity_heatmap_keeps_matrix() -> None:
    matrix = np.array([[1.0, 0.42], [0.42, 1.0]])
    figure = charts.similarity_heatmap(["AP: one", "Fox: two"], matrix)
    assert np.allclose(np.array(figure.data[0].z), matrix)


def test_charts_count_heatmap_labels_nonzero_cells() -> None:
    table = pd.DataFrame({"AP": [2, 0], "Fox": [1, 3]}, index=["Esper", "Milley"])
    figure = charts.count_heatmap(table, "Who was quoted")
    texts = np.array(figure.data[0].text)
    assert texts[0, 1] == "1" and texts[1, 0] == ""  # counts print as whole numbers


def test_charts_ranked_words_one_panel_per_outlet() -> None:
    frame = pd.DataFrame(
        {"outlet": ["AP"] * 12 + ["Fox"] * 3, "word": [f"w{i}" for i in range(15)], "score": np.arange(15.0)}
    )
    figure = charts.ranked_words(frame, "Distinctive words", per_outlet=10)
    assert [len(t.y) for t in figure.data] == [10, 3]
    assert list(figure.data[0].y)[-1] == "w11"  # highest score at the top


def test_charts_ranked_words_every_panel_axis_says_what_it_measures() -> None:
    frame = pd.DataFrame({"outlet": ["AP", "Fox", "BBC"], "word": ["a", "b", "c"], "score": [1.0, 2.0, 3.0]})
    figure = charts.ranked_words(frame, "Distinctive words", value_label="used more than the others")
    axes = [figure.layout[key] for key in ("xaxis", "xaxis2", "xaxis3")]
    assert [axis.title.text for axis in axes] == ["used more than the others"] * 3


@pytest.mark.parametrize("outlets", [5, 12, 20])
def test_charts_ranked_words_many_outlets_wrap_into_rows(outlets: int) -> None:
    """Found on the 10k sample: a story with 12 outlets broke the chart (one row of panels cannot fit)."""
    frame = pd.DataFrame(
        {"outlet": [f"Outlet {i:02d}" for i in range(outlets) for _ in range(3)], "word": "w", "score": 1.0}
    )
    figure = charts.ranked_words(frame, "Distinctive words")
    assert len(figure.data) == outlets
    assert {t.xaxis for t in figure.data} == {"x" if i == 0 else f"x{i + 1}" for i in range(outlets)}


def test_charts_stacked_counts_fills_missing_items_with_zero() -> None:
    frame = pd.DataFrame({"outlet": ["AP", "AP", "Fox"], "item": ["said", "claimed", "said"], "count": [3, 1, 2]})
    figure = charts.stacked_counts(frame, "Attribution verbs", item_label="verb")
    claimed = next(t for t in figure.data if t.name == "claimed")
    assert list(claimed.x) == [1, 0]


def test_charts_reuse_graph_draws_one_arrow_per_edge_and_skips_unknown() -> None:
    nodes = pd.DataFrame({"outlet": ["AP", "Fox", "CNN"], "first_published": ["2020-01-01", None, "2020-01-02"]})
    edges = pd.DataFrame({"source": ["AP", "AP", "Ghost"], "copier": ["Fox", "CNN", "AP"], "words": [50, 30, 10]})
    figure = charts.reuse_graph(nodes, edges)
    assert len(figure.layout.annotations) == 2
    assert list(figure.data[0].x) == [0, 1, 2]  # AP, CNN (dated) before Fox (undated)


@pytest.mark.parametrize(
    "figure",
    [
        lambda: charts.timeline(_articles(["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04"])),
        lambda: charts.outlet_bars(pd.DataFrame({"outlet": [HOSTILE], "n": [1]}), "n", "Coverage", "articles"),
        lambda: charts.count_heatmap(pd.DataFrame({HOSTILE: [1]}, index=[HOSTILE]), "Speakers"),
        lambda: charts.similarity_heatmap([HOSTILE], np.ones((1, 1))),
    ],
)
def test_charts_escape_untrusted_labels(figure) -> None:  # type: ignore[no-untyped-def]
    dumped = go.Figure(figure()).to_json()
    assert "<img" not in dumped and "&lt;img" in dumped
