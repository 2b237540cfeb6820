"""browser: the real dashboard (`streamlit run app.py`) driven by /usr/bin/chromium with Playwright.

Chooses the bundled corpus's story, opens every tab, downloads a CSV and the story report,
and saves a full-page screenshot of each tab in the test's temporary folder. With
PARALLAX_SCREENSHOTS=docs/screenshots the same screenshots refresh the documentation:

    PARALLAX_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/browser
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, Route, expect, sync_playwright

from compare import settings, story
from tests.conftest import REPO

#: The marks of every browser test module: run with the browser tests, skipped without Chromium.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(not settings.CHROMIUM_PATH.is_file(), reason=f"no Chromium at {settings.CHROMIUM_PATH}"),
]
#: Hosts a page of the dashboard may load from: nothing leaves the machine.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
pytestmark = BROWSER_TESTS


def refuse_outside(refused: list[str]) -> Callable[[Route], None]:
    """A route handler that lets the page load from this computer and refuses (and records) the rest."""

    def guard(route: Route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    return guard


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTH = 1440
READY_S = 240  # a fresh checkout builds the bundled corpus on first open


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a free port; the user's own-articles folder points into a temp folder."""
    home = tmp_path_factory.mktemp("streamlit")
    yield from serve(home, home / "my-articles")


def serve(home: Path, workspace: Path) -> Iterator[str]:
    """Run `streamlit run app.py` with ``workspace`` as the user's own-articles folder; yields its address."""
    port = _free_port()
    env = {**os.environ, "PARALLAX_WORKSPACE": str(workspace)}
    log = (home / "streamlit.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"streamlit did not start: {(home / 'streamlit.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a server busy rendering on a loaded machine: stop it hard
            server.kill()
            server.wait(timeout=20)
        log.close()


def _settle(page: Page) -> None:
    """Wait until Streamlit has finished rerunning: its running indicator stays away for two seconds.

    The indicator shows up a moment after a click, so one look is not enough."""
    quiet = 0
    deadline = time.monotonic() + READY_S
    while quiet < 8 and time.monotonic() < deadline:
        busy = page.get_by_test_id("stStatusWidget").count() > 0
        quiet = 0 if busy else quiet + 1
        page.wait_for_timeout(250)


def _screenshot(page: Page, path: Path) -> None:
    """The whole page, not only the window: the window grows to the main area's height first."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": WIDTH, "height": 1000})


def test_browser_story_tabs_downloads_and_screenshots(app_url: str, tmp_path: Path) -> None:
    keep = os.environ.get("PARALLAX_SCREENSHOTS")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(settings.CHROMIUM_PATH), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 1000}, accept_downloads=True)
        page.goto(app_url)
        page.get_by_text("Stories", exact=True).wait_for(timeout=READY_S * 1000)
        _settle(page)

        # Choose the story from the story picker (the bundled corpus has one).
        picker = page.get_by_test_id("stSelectbox").filter(has_text="Story").last
        picker.click()
        options = page.get_by_role("option")
        title = options.first.inner_text()
        options.first.click()
        _settle(page)
        expect(page.locator(".px-story")).to_have_text(title)  # the story view opened on it

        shots = []
        for name in (tab.name for tab in story.TABS):
            page.get_by_role("tab", name=name).click()
            _settle(page)
            assert page.get_by_test_id("stException").count() == 0, f"{name}: an exception is shown"
            assert "Traceback" not in page.inner_text("body"), f"{name}: a traceback is shown"
            shot = tmp_path / f"{re.sub(r'[^a-z]+', '-', name.lower())}.png"
            _screenshot(page, shot)
            shots.append(shot)
            if name == "Overview":
                with page.expect_download() as csv_download:
                    page.get_by_role("button", name="CSV", exact=True).filter(visible=True).first.click()
                table = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
                assert table.splitlines()[0].startswith("outlet,")

        with page.expect_download(timeout=120_000) as html_download:
            page.get_by_role("button", name="Story report (HTML)").click()
        story_page = Path(html_download.value.path()).read_text(encoding="utf-8")
        assert "<h2>Shared passages</h2>" in story_page
        assert not re.search(r"<script[^>]+src=", story_page), "the report must work offline"
        browser.close()

    assert all(s.stat().st_size > 10_000 for s in shots)
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, Path(keep) / shot.name)
