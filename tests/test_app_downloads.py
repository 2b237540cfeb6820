"""app: download buttons make their file only when clicked (Streamlit's deferred download, whose button shows a
spinner while the file is made), and showing a chart warms the image renderer."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest

import app
from compare import images, settings


class _Place:
    """Stands in for a Streamlit container: records the download buttons drawn into it."""

    def __init__(self) -> None:
        self.buttons: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def download_button(self, *args: Any, **kwargs: Any) -> None:
        self.buttons.append((args, kwargs))


def test_app_download_is_deferred_so_the_button_spins() -> None:
    place = _Place()
    made = []
    app._download(place, "Zip", lambda: made.append(1) or b"zip", "story.zip", "k", ":material/folder_zip:")
    ((args, kwargs),) = place.buttons
    _label, data, _name, mime = args
    assert callable(data) and not made  # nothing is made while the page is drawn
    assert kwargs["on_click"] == "ignore" and mime == "application/zip"


def test_app_chart_downloads_warm_the_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    warmed = []
    monkeypatch.setattr(images.RENDERER, "warm", lambda: warmed.append(1))
    place = _Place()
    monkeypatch.setattr(app.st, "container", lambda **_: place)
    app._download_row("Tone", go.Figure(), "tone")
    assert [kwargs["key"] for _, kwargs in place.buttons] == ["tone-png", "tone-svg", "tone-html"]
    assert warmed == ([1] if settings.CHROMIUM_PATH.is_file() else [])
