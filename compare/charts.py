"""plotly figure builders: data in, figure out, nothing else.

Every builder takes a small table (or matrix) and returns a finished figure with one
look (white template, readable fonts, one colour per outlet across every chart), so a
chart exported from the app, the HTML report or the card looks the same. Labels that
come from articles (outlet names, titles, words, speakers) are HTML-escaped, because
plotly interprets a little HTML in text and article text is untrusted.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import qualitative

# Colour-blind-safe qualitative palette for outlets, cycled when there are more outlets than colours.
PALETTE: tuple[str, ...] = tuple(qualitative.Safe)
# Categories inside a chart (speaker types, verbs, lexicon categories) get another palette, so that a
# category is never mistaken for the outlet that has the same colour elsewhere.
ITEM_PALETTE: tuple[str, ...] = tuple(qualitative.Set2)
_FONT = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"
_ROW_PX = 28  # height per category row, so long lists stay readable
_BASE_PX = 140  # room for title, axis and legend
# plotly_white's page and axis styles only: a figure copies and checks its whole template, and the full
# one (trace defaults, colour scales, map and 3-D styles) was most of a chart's build time. Its axis
# defaults reach every axis, subplots' too. The builders set every colour themselves.
_WHITE = pio.templates["plotly_white"].layout.to_plotly_json()
_TEMPLATE = go.layout.Template(
    layout={
        key: _WHITE[key]
        for key in (
            *("autotypenumbers", "font", "hoverlabel", "hovermode", "paper_bgcolor", "plot_bgcolor", "title"),
            *("xaxis", "yaxis"),
        )
    }
)


def _label(text: object, limit: int = 60) -> str:
    """Untrusted text made safe for plotly labels, shortened for axes."""
    value = " ".join(str(text).split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return html.escape(value, quote=False)


def outlet_colors(outlets: Sequence[str]) -> dict[str, str]:
    """A stable colour per outlet (by sorted name), shared by every chart of a story."""
    return {outlet: PALETTE[i % len(PALETTE)] for i, outlet in enumerate(sorted(set(outlets)))}


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any], title: str, height: int) -> go.Figure:
    """The finished figure, built from plain specs in one go: plotly checks every property it is given,
    and building once instead of trace by trace and update by update makes a chart three times cheaper."""
    axes = {key for key in layout if key.startswith(("xaxis", "yaxis"))} | {"xaxis", "yaxis"}
    return go.Figure(
        data=traces,
        layout={
            **layout,
            **{axis: {**layout.get(axis, {}), "automargin": True} for axis in axes},
            "title": {"text": html.escape(title, quote=False), "x": 0.01, "xanchor": "left", "font": {"size": 16}},
            "template": _TEMPLATE,
            "font": {"family": _FONT, "size": 13, "color": "#1f2937"},
            "height": height,
            "margin": {"l": 10, "r": 20, "t": 60, "b": 40},
            "hoverlabel": {"font": {"family": _FONT}},
        },
    )


def published_times(published: pd.Series) -> pd.Series:
    """ISO publication times as UTC timestamps; NaT where there is no date or it cannot be read."""
    return pd.to_datetime(published, errors="coerce", utc=True, format="ISO8601")


_DAY = pd.Timedelta(days=1)
_DAY_TICKS_UP_TO = 10  # days spanned; over that plotly's own ticks are days or longer anyway


def _day_axis(times: pd.Series) -> dict[str, Any]:
    """A date axis read in days, a tick per day over short spans: plotly's own ticks on articles of one
    day are hours, even milliseconds ("23:59:59.999 Oct 21, 2012"), while a timeline is read by day (the
    hover gives the exact time)."""
    first, last = times.min().floor("D"), times.max().floor("D") + _DAY
    axis: dict[str, Any] = {"type": "date", "tickformat": "%b %-d, %Y", "hoverformat": "%Y-%m-%d %H:%M"}
    if (last - first) / _DAY <= _DAY_TICKS_UP_TO:
        # One tick at each day's noon names the day it sits in the middle of; the range is whole days.
        # Plain text: plotly.js reads no UTC offsets here.
        days = [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]
        axis |= {"dtick": _DAY / pd.Timedelta(milliseconds=1), "tick0": f"{days[0]} 12:00", "range": days}
    return axis


def timeline(articles: pd.DataFrame, title: str = "Who covered it, and when") -> go.Figure | None:
    """Each article as a dot at its publication time, one row per outlet, on an axis ticked by day.

    ``articles`` has columns outlet, published (ISO text or None) and title. Rows without a
    date are left out (``published_times`` says which); returns None when no article has one
    (nothing honest to draw).
    """
    dated = articles.assign(when=published_times(articles["published"])).dropna(subset=["when"])
    if dated.empty:
        return None
    colors = outlet_colors(list(articles["outlet"]))
    traces = [
        {
            "type": "scatter",
            "x": rows["when"],
            "y": [_label(outlet)] * len(rows),
            "mode": "markers",
            "marker": {"size": 13, "color": colors[str(outlet)], "line": {"width": 1, "color": "white"}},
            "name": _label(outlet),
            "customdata": [_label(t, 90) for t in rows["title"]],
            "hovertemplate": "%{y}<br>%{x|%Y-%m-%d %H:%M}<br>%{customdata}<extra></extra>",
        }
        for outlet, rows in dated.groupby("outlet", sort=True)
    ]
    layout = {"showlegend": False, "xaxis": _day_axis(dated["when"]), "yaxis": {"categoryorder": "category descending"}}
    return _figure(traces, layout, title, _BASE_PX + _ROW_PX * dated["outlet"].nunique())


def similarity_heatmap(
    labels: Sequence[str], matrix: np.ndarray, title: str = "How similar the articles are"
) -> go.Figure:
    """Pairwise similarity of articles (0 = unrelated, 1 = the same text), annotated with values."""
    names = [_label(label, 40) for label in labels]
    heatmap = {
        "type": "heatmap",
        "z": np.round(matrix, 2),
        "x": names,
        "y": names,
        "zmin": 0,
        "zmax": 1,
        "colorscale": "Blues",
        "text": np.round(matrix, 2),
        "texttemplate": "%{text}" if len(names) <= 12 else None,
        "hovertemplate": "%{y}<br>%{x}<br>similarity %{z}<extra></extra>",
        "colorbar": {"title": {"text": "similarity"}},
    }
    layout = {"yaxis": {"autorange": "reversed"}, "xaxis": {"tickangle": -30}}
    return _figure([heatmap], layout, title, max(280, _BASE_PX + 2 * _ROW_PX * len(names)))


def outlet_bars(
    frame: pd.DataFrame, value: str, title: str, value_label: str, *, text: str | None = None, signed: bool = False
) -> go.Figure:
    """One horizontal bar per outlet (``frame`` has an outlet column and ``value``).

    ``signed`` values (tone) get an axis centred on zero, so small differences are not blown up.
    """
    colors = outlet_colors(list(frame["outlet"]))
    ordered = frame.sort_values(value)
    bars = {
        "type": "bar",
        "x": ordered[value],
        "y": [_label(o) for o in ordered["outlet"]],
        "orientation": "h",
        "marker": {"color": [colors[o] for o in ordered["outlet"]]},
        "text": ordered[text] if text else ordered[value],
        "textposition": "auto",
        "hovertemplate": f"%{{y}}<br>{html.escape(value_label)}: %{{x}}<extra></extra>",
    }
    xaxis: dict[str, Any] = {"title": {"text": value_label}}
    if signed:
        reach = max(0.25, 1.15 * float(ordered[value].abs().max()))
        xaxis |= {"range": [-reach, reach], "zeroline": True, "zerolinecolor": "#94a3b8", "zerolinewidth": 2}
    return _figure([bars], {"xaxis": xaxis}, title, _BASE_PX + int(_ROW_PX * 1.6 * len(ordered)))


def count_heatmap(table: pd.DataFrame, title: str, *, value_label: str = "count") -> go.Figure:
    """A rows × outlets matrix of counts or shares, each cell labelled (e.g. speaker × outlet)."""
    rows = [_label(r, 45) for r in table.index]
    columns = [_label(c, 30) for c in table.columns]
    values = table.to_numpy(dtype=float)
    heatmap = {
        "type": "heatmap",
        "z": values,
        "x": columns,
        "y": rows,
        "colorscale": "Blues",
        "zmin": 0,
        "text": [["" if v == 0 else f"{v:g}" for v in row] for row in np.round(values, 1)],
        "texttemplate": "%{text}",
        "xgap": 2,
        "ygap": 2,
        "hovertemplate": f"%{{y}}<br>%{{x}}<br>{html.escape(value_label)}: %{{z}}<extra></extra>",
        "colorbar": {"title": {"text": html.escape(value_label)}},
    }
    layout = {"yaxis": {"autorange": "reversed"}, "xaxis": {"side": "top"}}
    return _figure([heatmap], layout, title, _BASE_PX + _ROW_PX * len(rows))


#: Outlet panels per row of a ranked-words chart: more outlets wrap onto further rows (up to 20 outlets).
_PANELS_PER_ROW = 4
_PANEL_GAP_X = 0.12  # share of the width between panel columns (room for the next panel's word labels)
_PANEL_GAP_Y = 0.12  # share of the height between panel rows, at most


def _grid_shape(count: int) -> tuple[int, int]:
    """Rows and columns for ``count`` panels, four to a row."""
    cols = max(1, min(count, _PANELS_PER_ROW))
    return max(1, -(-count // cols)), cols


def _panel_grid(count: int, titles: Sequence[str]) -> dict[str, Any]:
    """Layout of ``count`` panels, four to a row from the top left, each titled; axes x/y, x2/y2, …

    What plotly's make_subplots lays out, without its cost (it applies a full template) and
    without axes for empty cells.
    """
    rows, cols = _grid_shape(count)
    gap_y = min(0.3 / rows, _PANEL_GAP_Y)
    width = (1 - _PANEL_GAP_X * (cols - 1)) / cols
    height = (1 - gap_y * (rows - 1)) / rows
    layout: dict[str, Any] = {"annotations": []}
    for index, title in enumerate(titles[:count]):
        left = (index % cols) * (width + _PANEL_GAP_X)
        top = 1 - (index // cols) * (height + gap_y)
        suffix = "" if index == 0 else str(index + 1)
        layout[f"xaxis{suffix}"] = {"domain": [left, min(1.0, left + width)], "anchor": f"y{suffix}"}
        layout[f"yaxis{suffix}"] = {"domain": [max(0.0, top - height), top], "anchor": f"x{suffix}"}  # no -1e-17
        layout["annotations"].append(
            {
                "text": title,
                "x": left + width / 2,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 16},
            }
        )
    return layout


def ranked_words(frame: pd.DataFrame, title: str, *, value_label: str = "score", per_outlet: int = 10) -> go.Figure:
    """Top items per outlet, one panel per outlet, four to a row (``frame``: outlet, word, score); every
    panel's value axis is titled ``value_label``, so an image cut from the chart still says what it measures."""
    outlets = sorted(frame["outlet"].unique())
    colors = outlet_colors(outlets)
    traces = []
    tallest = 1
    for index, outlet in enumerate(outlets):
        top = frame[frame["outlet"] == outlet].nlargest(per_outlet, "score").sort_values("score")
        tallest = max(tallest, len(top))
        suffix = "" if index == 0 else str(index + 1)
        traces.append(
            {
                "type": "bar",
                "x": top["score"],
                "y": [_label(w, 30) for w in top["word"]],
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
                "orientation": "h",
                "marker": {"color": colors[outlet]},
                "hovertemplate": f"%{{y}}<br>{html.escape(value_label)}: %{{x:.2f}}<extra></extra>",
                "showlegend": False,
            }
        )
    layout = _panel_grid(len(outlets), [_label(o, 30) for o in outlets])
    for key in [k for k in layout if k.startswith("xaxis")]:
        layout[key]["title"] = {"text": html.escape(value_label), "font": {"size": 12}}
    return _figure(traces, layout, title, _BASE_PX + _ROW_PX * tallest * _grid_shape(len(outlets))[0])


def stacked_counts(frame: pd.DataFrame, title: str, *, item_label: str, value_label: str = "count") -> go.Figure:
    """How each outlet's total splits into items (``frame``: outlet, item, count), as stacked bars."""
    outlets = sorted(frame["outlet"].unique())
    totals = frame.groupby("item")["count"].sum().sort_values(ascending=False)
    counts = frame.pivot_table(index="outlet", columns="item", values="count", aggfunc="sum").reindex(outlets)
    traces = [
        {
            "type": "bar",
            "y": [_label(o) for o in outlets],
            "x": counts[item].fillna(0),
            "name": _label(item, 30),
            "orientation": "h",
            "marker": {"color": ITEM_PALETTE[i % len(ITEM_PALETTE)]},
            "hovertemplate": f"%{{y}}<br>{_label(item, 30)}: %{{x}}<extra></extra>",
        }
        for i, item in enumerate(totals.index)
    ]
    layout = {
        "barmode": "stack",
        "legend": {"title": {"text": html.escape(item_label)}},
        "xaxis": {"title": {"text": value_label}},
    }
    bars = _BASE_PX + 60 + int(_ROW_PX * 1.6 * len(outlets))
    return _figure(traces, layout, title, max(bars, _BASE_PX + 22 * len(totals)))  # room for every legend entry


def reuse_graph(nodes: pd.DataFrame, edges: pd.DataFrame, title: str = "Who copied whom") -> go.Figure:
    """Text reuse between outlets as arrows from source to copier, placed left to right by date.

    ``nodes``: outlet, first_published (ISO or None). ``edges``: source, copier, words.
    Outlets without a date are placed after the dated ones, in name order.
    """
    colors = outlet_colors(list(nodes["outlet"]))
    when = pd.to_datetime(nodes["first_published"], errors="coerce", utc=True, format="ISO8601")
    order = nodes.assign(when=when).sort_values(["when", "outlet"], na_position="last").reset_index(drop=True)
    position = {outlet: (i, (i % 2) * 0.6) for i, outlet in enumerate(order["outlet"])}
    arrows = [
        {
            "x": position[edge.copier][0],
            "y": position[edge.copier][1],
            "ax": position[edge.source][0],
            "ay": position[edge.source][1],
            "xref": "x",
            "yref": "y",
            "axref": "x",
            "ayref": "y",
            "showarrow": True,
            "arrowhead": 3,
            "arrowsize": 1.3,
            "arrowwidth": 1 + min(6, int(edge.words) / 40),
            "arrowcolor": "#64748b",
            "standoff": 14,
            "startstandoff": 14,
        }
        for edge in edges.itertuples(index=False)
        if edge.source in position and edge.copier in position
    ]
    labels = [
        f"{_label(o, 30)}<br>{w.strftime('%Y-%m-%d') if pd.notna(w) else 'no date'}"
        for o, w in zip(order["outlet"], order["when"], strict=True)
    ]
    nodes_trace = {
        "type": "scatter",
        "x": [position[o][0] for o in order["outlet"]],
        "y": [position[o][1] for o in order["outlet"]],
        "mode": "markers+text",
        "marker": {"size": 26, "color": [colors[o] for o in order["outlet"]], "line": {"width": 2, "color": "white"}},
        "text": labels,
        "textposition": "bottom center",
        "hoverinfo": "text",
        "showlegend": False,
    }
    layout = {
        "annotations": arrows,
        "xaxis": {"visible": False, "range": [-0.7, max(1, len(order)) - 0.3]},
        "yaxis": {"visible": False, "range": [-0.6, 1.0]},
    }
    return _figure([nodes_trace], layout, title, 340)
