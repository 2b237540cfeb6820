"""Files people take away: chart images, standalone chart pages, CSV tables, zip bundles.

Chart images are rendered on the server by kaleido driving the system Chromium
(``settings.CHROMIUM_PATH``), through the process's one warm browser (``compare.images``)
because starting it costs seconds and each image after that a fraction of one.
Standalone HTML embeds plotly.js so the file opens offline, years later, with no CDN;
a zip of many chart pages holds one copy of plotly.js beside them instead. CSV cells
that a spreadsheet would run as a formula are defused, because article text is untrusted.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from compare import settings
from compare.images import RENDERER, ImageFormat

IMAGE_FORMATS: tuple[ImageFormat, ...] = ("png", "svg")
MIME = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html", "csv": "text/csv", "zip": "application/zip"}

# Default export size when a figure does not set its own (a 16:10 slide at IMAGE_SCALE).
_DEFAULT_WIDTH = 1000
_DEFAULT_HEIGHT = 600
# Spreadsheets run cells starting with these as formulas (CSV injection); some fold the full-width
# forms to ASCII, and some trim leading spaces and line breaks first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_LEADING_SPACE = " \t\r\n\u00a0\u3000"
#: The one copy of plotly.js in a zip of chart pages; each page loads it from beside itself.
PLOTLY_JS = "plotly.min.js"


def file_stem(text: str, *, limit: int = 60) -> str:
    """A safe, readable file name stem from any text (titles are untrusted)."""
    stem = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    return stem or "parallax"


def toolbar_config(name: str, image_format: ImageFormat = "png") -> dict[str, Any]:
    """plotly config: the toolbar's camera button saves ``name.<format>`` at export resolution."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": image_format, "filename": file_stem(name), "scale": settings.IMAGE_SCALE},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def _size(figure: go.Figure) -> tuple[int, int]:
    return int(figure.layout.width or _DEFAULT_WIDTH), int(figure.layout.height or _DEFAULT_HEIGHT)


def figure_images(figures: Mapping[str, go.Figure], formats: Iterable[ImageFormat] = IMAGE_FORMATS) -> dict[str, bytes]:
    """Each figure in each format, as ``{"<name>.<format>": bytes}``, rendered by the process's warm Chromium.

    Raises ParallaxError (P150) when Chromium is missing or fails, so callers can show
    the fix instead of a traceback.
    """
    formats = tuple(formats)
    jobs = [(figure, fmt, *_size(figure)) for figure in figures.values() for fmt in formats]
    names = [f"{file_stem(name)}.{fmt}" for name in figures for fmt in formats]
    return dict(zip(names, RENDERER.figures(jobs), strict=True))


def figure_image(figure: go.Figure, image_format: ImageFormat) -> bytes:
    """One figure as PNG or SVG bytes (see ``figure_images``)."""
    return next(iter(figure_images({"chart": figure}, (image_format,)).values()))


def page_png(page: str, width: int, height: int) -> bytes:
    """A self-contained HTML page photographed by the warm Chromium at ``width`` x ``height`` CSS pixels.

    Used for printable pages (the comparison card), where HTML lays out wrapped text far
    better than a chart can. Network is off, so the page must carry everything it shows.
    """
    return RENDERER.page_png(page, width, height)


def figure_html(figure: go.Figure, name: str, *, shared_plotly: bool = False) -> str:
    """A standalone HTML page with the interactive chart; plotly.js is embedded, so it works offline.

    ``shared_plotly``: load plotly.js from ``PLOTLY_JS`` beside the page instead (pages in one zip share it).
    """
    script: bool | str = PLOTLY_JS if shared_plotly else True
    return str(figure.to_html(include_plotlyjs=script, full_html=True, config=toolbar_config(name)))


def plotly_js() -> str:
    """The plotly.js that plotly.py ships (the version every chart page was made for), for ``PLOTLY_JS``."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def _defuse(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, quoted so it shows as text (other cells unchanged)."""
    if isinstance(value, str) and value.lstrip(_LEADING_SPACE).startswith(_FORMULA_START):
        return "'" + value
    return value


def _defused_labels(index: pd.Index) -> pd.Index:
    """Column names or row labels defused like cells: outlet names become header cells of pivoted tables."""
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([level.map(_defuse) for level in index.levels])
    return index.map(_defuse)


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (with a BOM so spreadsheet programs read accents right).

    Every text cell that a spreadsheet would run as a formula is defused: body cells of any
    dtype (text, categories, mixed), the header cells, and the row labels, which are written
    as a first column when they are not just row numbers.
    """
    safe = frame.copy()
    labelled = not isinstance(safe.index, pd.RangeIndex) or any(name is not None for name in safe.index.names)
    if labelled:
        safe = safe.reset_index()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column)):
            safe.isetitem(position, column.astype(object).map(_defuse))
    safe.columns = _defused_labels(safe.columns)
    # RFC 4180 line ends: with them, a cell holding a bare CR is quoted too, so no spreadsheet splits
    # it into a new row that starts with the rest of the cell ("ok\r=HYPERLINK(...)").
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def zip_bytes(files: Mapping[str, bytes | str]) -> bytes:
    """Several files in one zip archive (text is stored as UTF-8)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def bundle(
    figures: Mapping[str, go.Figure], tables: Mapping[str, pd.DataFrame], extra: Mapping[str, bytes | str] | None = None
) -> bytes:
    """Every chart as PNG, SVG and HTML (the pages share one ``PLOTLY_JS``), every table as CSV, and ``extra``
    files (a story's report and card), in one zip."""
    files: dict[str, bytes | str] = dict(figure_images(figures)) if figures else {}
    pages = {f"{file_stem(name)}.html": figure_html(f, name, shared_plotly=True) for name, f in figures.items()}
    files.update(pages)
    if pages:
        files[PLOTLY_JS] = plotly_js()
    files.update({f"{file_stem(name)}.csv": table_csv(frame) for name, frame in tables.items()})
    files.update(extra or {})
    return zip_bytes(files)
