"""export: CSV that spreadsheets open safely, offline chart pages, images through the system Chromium."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from compare import export, settings
from compare.errors import ParallaxError
from compare.images import RENDERER
from tests.injection import csv_rows, live_formulas


def _figure() -> go.Figure:
    return go.Figure(go.Bar(x=["AP", "Fox"], y=[3, 4]))


@pytest.mark.parametrize(
    ("cell", "written"),
    [('=HYPERLINK("http://x")', "'=HYPERLINK"), ("+1", "'+1"), ("@SUM(A1)", "'@SUM"), ("plain", "plain")],
)
def test_export_csv_defuses_formulas(cell: str, written: str) -> None:
    text = export.table_csv(pd.DataFrame({"quote": [cell], "n": [-3]})).decode("utf-8-sig")
    row = text.splitlines()[1]
    assert row.lstrip('"').startswith(written)
    assert row.endswith(",-3")  # numbers are left alone


def test_export_csv_round_trips_unicode() -> None:
    frame = pd.DataFrame({"speaker": ["Gen. Mark Milley", "Zoë"], "count": [2, 1]})
    back = pd.read_csv(io.BytesIO(export.table_csv(frame)), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, frame)


@pytest.mark.parametrize(
    ("text", "stem"), [("Who was quoted?", "who-was-quoted"), ("<script>", "script"), ("…", "parallax")]
)
def test_export_file_stem_is_safe(text: str, stem: str) -> None:
    assert export.file_stem(text) == stem


def test_export_html_embeds_plotly_offline() -> None:
    page = export.figure_html(_figure(), "coverage")
    assert '<script src="https://cdn' not in page
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js itself is inside


def test_export_toolbar_config_names_the_file() -> None:
    config = export.toolbar_config("Who was quoted?", "svg")
    assert config["toImageButtonOptions"]["format"] == "svg"
    assert config["toImageButtonOptions"]["filename"] == "who-was-quoted"


def test_export_missing_chromium_is_a_coded_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(settings, "CHROMIUM_PATH", tmp_path / "no-chromium")
    with pytest.raises(ParallaxError, match="P150"):
        export.figure_image(_figure(), "png")


@pytest.mark.skipif(
    not settings.CHROMIUM_PATH.is_file(), reason="server-side images need Chromium at /usr/bin/chromium"
)
def test_export_bundle_has_every_chart_and_table() -> None:
    data = export.bundle({"Coverage": _figure(), "Tone": _figure()}, {"Speakers": pd.DataFrame({"a": [1]})})
    archive = zipfile.ZipFile(io.BytesIO(data))
    charts = {f"{stem}.{ending}" for stem in ("coverage", "tone") for ending in ("png", "svg", "html")}
    assert set(archive.namelist()) == {*charts, "speakers.csv", export.PLOTLY_JS}
    assert archive.read("coverage.png").startswith(b"\x89PNG")
    assert b"<svg" in archive.read("coverage.svg")[:400]
    plotly_js = archive.read(export.PLOTLY_JS)
    assert len(plotly_js) > 1_000_000 and b"Plotly" in plotly_js[:5000]
    for page in ("coverage.html", "tone.html"):  # each page loads the one shared copy, none embeds its own
        html = archive.read(page).decode()
        assert f'<script charset="utf-8" src="{export.PLOTLY_JS}"></script>' in html
        assert len(html) < 100_000 and "Plotly.newPlot" in html


@pytest.mark.skipif(
    not settings.CHROMIUM_PATH.is_file(), reason="server-side images need Chromium at /usr/bin/chromium"
)
def test_images_renderer_is_started_once_and_reused() -> None:
    """One warm browser serves every image and page photograph of the process (starting one costs seconds)."""
    export.figure_image(_figure(), "png")
    browser, starts = RENDERER._browser, RENDERER.starts
    assert browser is not None
    export.figure_image(_figure(), "svg")
    export.figure_images({"a": _figure(), "b": _figure()}, ("png",))
    export.page_png("<html><body>card</body></html>", 200, 100)
    assert RENDERER._browser is browser and RENDERER.starts == starts


@pytest.mark.skipif(
    not settings.CHROMIUM_PATH.is_file(), reason="server-side images need Chromium at /usr/bin/chromium"
)
def test_images_renderer_replaces_a_browser_that_died() -> None:
    export.figure_image(_figure(), "png")
    starts = RENDERER.starts
    RENDERER._browser.subprocess.kill()  # Chromium crashed while the dashboard idled
    RENDERER._browser.subprocess.wait()
    assert export.figure_image(_figure(), "png").startswith(b"\x89PNG")
    assert RENDERER.starts == starts + 1


def test_images_missing_chromium_is_p150_even_with_a_browser_running(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(settings, "CHROMIUM_PATH", tmp_path / "no-chromium")
    with pytest.raises(ParallaxError, match="P150"):
        export.page_png("<p>card</p>", 100, 100)


@pytest.mark.skipif(not settings.CHROMIUM_PATH.is_file(), reason="page images need Chromium at /usr/bin/chromium")
def test_export_page_png_photographs_the_page_at_scale() -> None:
    import struct

    data = export.page_png("<html><body><h1>Card</h1></body></html>", 400, 300)
    assert data.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", data[16:24])  # the PNG header's IHDR size
    assert (width, height) == (400 * settings.IMAGE_SCALE, 300 * settings.IMAGE_SCALE)


FORMULAS = [
    *("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1", "\n=1", "＝1+1"),
    *("ok\r=1+1", "ok\n@SUM(A1)"),  # a line break that a spreadsheet would read as a new row
]


@pytest.mark.parametrize("payload", FORMULAS)
@pytest.mark.parametrize(
    "shape",
    ["header", "index", "named_index", "multiindex_header", "categorical", "mixed"],
)
def test_export_csv_defuses_formulas_in_headers_index_and_every_dtype(payload: str, shape: str) -> None:
    """Outlet names become header cells (pivoted tables): they are defused like body cells, everywhere."""
    frames = {
        "header": pd.DataFrame({payload: [1.5], "AP": [2.0]}),
        "index": pd.DataFrame({"share": [1.0]}, index=[payload]),
        "named_index": pd.DataFrame({"share": [1.0]}, index=pd.Index([payload], name="outlet")),
        "multiindex_header": pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([(payload, "a"), ("AP", "b")])),
        "categorical": pd.DataFrame({"outlet": pd.Categorical([payload, "AP"]), "n": [1, -3]}),
        "mixed": pd.DataFrame({"value": [payload, 3]}),
    }
    frame = frames[shape]
    rows = csv_rows(export.table_csv(frame))
    assert not live_formulas(rows)
    assert any(payload in cell for row in rows for cell in row), "the text is kept, only defused"
    bundle = zipfile.ZipFile(io.BytesIO(export.bundle({}, {"Naming": frame})))
    assert not live_formulas(csv_rows(bundle.read("naming.csv")))


def test_export_csv_keeps_negative_numbers_and_range_index() -> None:
    rows = csv_rows(export.table_csv(pd.DataFrame({"n": [-3, 4], "x": [-0.5, 1.0]})))
    assert rows == [["n", "x"], ["-3", "-0.5"], ["4", "1.0"]]


@pytest.mark.skipif(
    not settings.CHROMIUM_PATH.is_file(), reason="server-side images need Chromium at /usr/bin/chromium"
)
def test_images_warm_starts_the_browser_in_the_background() -> None:
    """The dashboard warms the renderer when it shows a chart, so the first click does not wait for Chromium."""
    import time

    RENDERER.close()
    starts = RENDERER.starts
    RENDERER.warm()  # returns at once
    deadline = time.monotonic() + 60
    while RENDERER._browser is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert RENDERER.starts == starts + 1
    export.figure_image(_figure(), "svg")
    assert RENDERER.starts == starts + 1  # the click used the warm browser


@pytest.mark.skipif(
    not settings.CHROMIUM_PATH.is_file(), reason="server-side images need Chromium at /usr/bin/chromium"
)
def test_images_each_render_shows_its_own_figure_without_a_page_reload() -> None:
    """Tabs are reused without reloading between images: no chart may show through in the next one."""
    titled = {name: go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": name}) for name in ("Alpha", "Beta", "Gamma")}
    for _ in range(2):
        images = export.figure_images(titled, ("svg",))
        for name in titled:
            svg = images[f"{name.lower()}.svg"].decode()
            assert name in svg and all(other not in svg for other in titled if other != name)
