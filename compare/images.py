"""The process's one warm image renderer: kaleido's Chromium, started on first use and kept.

Starting Chromium and loading plotly.js into it costs seconds; rendering one chart after that
costs a fraction of one. So one browser lives for the whole process (every dashboard session,
every download, every zip), on its own thread with its own event loop, and callers on any
thread hand it work and wait. Printable pages (the comparison card) are photographed in a tab
of the same browser, with the network switched off, instead of by a second Chromium.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Literal, TypeVar

import plotly.graph_objects as go

from compare import settings
from compare.errors import Code, ParallaxError

ImageFormat = Literal["png", "svg"]
T = TypeVar("T")

#: Seconds to wait for Chromium to start, and for one image or page photograph.
_START_TIMEOUT_S = 60.0
_JOB_TIMEOUT_S = 90.0
#: How often a page photograph checks that its page has finished loading.
_LOAD_POLL_S = 0.02
#: Tabs rendering charts at once (a second renders while the first is busy or reloading).
_TABS = 2
#: Images a tab renders between reloads of its page.
_RELOAD_EVERY = 100


class Renderer:
    """One Chromium (through kaleido) on a background event loop; thread-safe, started lazily, restarted after
    a failure. ``starts`` counts the browsers it has started, so tests can see it is reused."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: Any = None
        self.starts = 0

    def _run(self, coroutine: Coroutine[Any, Any, T], timeout: float) -> T:
        assert self._loop is not None
        future: Future[T] = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout)

    def _ensure(self) -> bool:
        """Start the loop and the browser unless they already run (under the lock: one start, however many
        sessions click at once); True when this call started them."""
        with self._lock:
            if self._browser is not None:
                return False
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="parallax-images", daemon=True).start()
            self._loop = loop
            try:
                self._browser = self._run(_open_browser(), _START_TIMEOUT_S)
            except Exception as exc:  # kaleido/choreographer raise many kinds; all mean "no browser"
                self._stop_loop()
                raise _chromium_error(exc) from exc
            self.starts += 1
            return True

    def warm(self) -> None:
        """Start the browser in the background (returns at once), so the first image someone asks for does not
        wait for Chromium to start; a failure is left for that request to report."""
        if self._browser is None and settings.CHROMIUM_PATH.is_file():
            threading.Thread(target=self._warm, name="parallax-images-warm", daemon=True).start()

    def _warm(self) -> None:
        with contextlib.suppress(Exception):
            self._ensure()

    def _call(self, make: Callable[[Any], Coroutine[Any, Any, T]], timeout: float) -> T:
        """Run ``make(browser)`` on the browser's loop. A failure closes the browser, so no dead one is reused;
        when the browser was an old one (it may have died while idle) the work is tried once more in a fresh
        one, and a failure of a fresh one reaches the caller as P150."""
        if not settings.CHROMIUM_PATH.is_file():  # checked on every call: a running browser may have been removed
            raise ParallaxError(Code.P150, path=settings.CHROMIUM_PATH, reason="not installed")
        for _ in range(2):
            fresh = self._ensure()
            try:
                return self._run(make(self._browser), timeout)
            except Exception as exc:
                self.close()
                if fresh:
                    raise _chromium_error(exc) from exc
        raise AssertionError("unreachable: the second try runs in a fresh browser")

    def figures(self, jobs: Sequence[tuple[go.Figure, ImageFormat, int, int]]) -> list[bytes]:
        """Each ``(figure, format, width, height)`` as image bytes, at ``settings.IMAGE_SCALE``."""

        async def render(browser: Any) -> list[bytes]:
            # gathered: kaleido hands each job the next free tab, so _TABS charts render at once
            return [bytes(image) for image in await asyncio.gather(*(one(browser, *job) for job in jobs))]

        async def one(browser: Any, figure: go.Figure, image_format: ImageFormat, width: int, height: int) -> Any:
            opts = {"format": image_format, "width": width, "height": height, "scale": settings.IMAGE_SCALE}
            return await browser.calc_fig(figure, opts=opts)

        return self._call(render, _JOB_TIMEOUT_S * max(1, len(jobs)))

    def page_png(self, page: str, width: int, height: int) -> bytes:
        """A self-contained HTML page photographed at ``width`` x ``height`` CSS pixels (times IMAGE_SCALE)."""
        return self._call(lambda browser: _photograph(browser, page, width, height), _JOB_TIMEOUT_S)

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._loop = None

    def close(self) -> None:
        """Close the browser and stop its loop (at exit, after a failure, or in tests)."""
        with self._lock:
            browser, self._browser = self._browser, None
            if browser is not None and self._loop is not None:
                with contextlib.suppress(Exception):  # already dead: nothing left to close
                    self._run(browser.close(), _START_TIMEOUT_S)
            self._stop_loop()


async def _open_browser() -> Any:
    import kaleido

    class Kaleido(kaleido.Kaleido):  # type: ignore[misc]
        """kaleido reloads a tab (plotly.js and all) after every image: about 70% of an image's time. PNG and
        SVG go through ``Plotly.toImage`` on a figure object, which builds and purges its own element and leaves
        the page as it was, so the tab is reloaded only every ``_RELOAD_EVERY`` images, to bound what a long-lived
        page may gather. (After a failed image the whole browser is replaced, see ``Renderer._call``.) This
        overrides a private method of kaleido 1.5 (pinned); if a later kaleido renames it, tabs simply reload
        every time again."""

        images = 0

        async def _return_kaleido_tab(self, tab: Any) -> None:
            self.images += 1
            if self.images % _RELOAD_EVERY == 0:
                await super()._return_kaleido_tab(tab)
            else:
                await self.tabs_ready.put(tab)

    # mathjax=False: our charts use no LaTeX, and kaleido would otherwise reach for a CDN.
    browser = Kaleido(path=str(settings.CHROMIUM_PATH), mathjax=False, timeout=_JOB_TIMEOUT_S, n=_TABS)
    await browser.open()
    return browser


async def _photograph(browser: Any, page: str, width: int, height: int) -> bytes:
    """Load ``page`` from a private temporary file in a new tab with the network off, then screenshot it."""
    with tempfile.TemporaryDirectory(prefix="parallax-shot-") as folder:
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8")
        tab = await browser.create_tab("about:blank")
        try:
            await _checked(tab, "Network.enable")
            await _checked(
                tab,
                "Network.emulateNetworkConditions",
                {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
            )
            metrics = {"width": width, "height": height, "deviceScaleFactor": settings.IMAGE_SCALE, "mobile": False}
            await _checked(tab, "Emulation.setDeviceMetricsOverride", metrics)
            await _checked(tab, "Page.navigate", {"url": source.as_uri()})
            await _loaded(tab, source.as_uri())
            clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            shot = await _checked(tab, "Page.captureScreenshot", {"format": "png", "clip": clip})
            return base64.b64decode(shot["result"]["data"])
        finally:
            await browser.close_tab(tab.target_id)


async def _loaded(tab: Any, url: str) -> None:
    """Wait until the tab shows ``url`` fully loaded (polling avoids racing the blank page's own load event)."""
    script = f"document.readyState === 'complete' && location.href === {url!r}"
    deadline = time.monotonic() + _JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        answer = await _checked(tab, "Runtime.evaluate", {"expression": script, "returnByValue": True})
        if answer["result"].get("result", {}).get("value") is True:
            return
        await asyncio.sleep(_LOAD_POLL_S)
    raise TimeoutError(f"the page did not load within {_JOB_TIMEOUT_S:.0f} s")


async def _checked(tab: Any, command: str, params: dict[str, Any] | None = None) -> Any:
    answer = await tab.send_command(command, params=params)
    if "error" in answer:
        raise RuntimeError(f"{command}: {answer['error']}")
    return answer


def _chromium_error(exc: Exception) -> ParallaxError:
    return ParallaxError(Code.P150, path=settings.CHROMIUM_PATH, reason=f"{type(exc).__name__}: {exc}")


#: The process's renderer; every export goes through it.
RENDERER = Renderer()
atexit.register(RENDERER.close)
