"""browser: the view is in the address bar of a real Chromium: a reload keeps it, a link opens it, the
browser tab names the corpus, and loading the dashboard asks nothing of any other computer."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from compare import settings
from tests.browser.test_browser_app import BROWSER_TESTS, CHROMIUM_ARGS, READY_S, WIDTH, _settle, refuse_outside, serve
from tests.conftest import BUNDLED

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One dashboard for the module's tests (starting one is the slow part)."""
    home = tmp_path_factory.mktemp("streamlit-address")
    yield from serve(home, home / "my-articles")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(settings.CHROMIUM_PATH), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def outside(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page whose every request to another computer is refused and recorded."""
    refused: list[str] = []

    guard = refuse_outside(refused)

    context = browser.new_context(viewport={"width": WIDTH, "height": 1000})
    context.route("**/*", guard)
    yield context.new_page(), refused
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(".px-story").wait_for(timeout=READY_S * 1000)
    _settle(page)


def _params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_browser_address_reload_keeps_the_view(app_url: str, outside: tuple[Page, list[str]]) -> None:
    page, refused = outside
    _open(page, app_url)
    assert _params(page)["corpus"] == [BUNDLED.name], "the address names the corpus shown"
    story = _params(page)["story"]
    page.get_by_role("tab", name="Side by side").click()
    _settle(page)
    assert _params(page)["tab"] == ["side-by-side"]
    page.reload()
    page.locator(".px-story").wait_for(timeout=READY_S * 1000)
    _settle(page)
    expect(page.get_by_role("tab", selected=True)).to_have_text("Side by side")
    assert _params(page)["story"] == story and _params(page)["tab"] == ["side-by-side"]
    assert refused == [], "requests left this computer"


def test_browser_address_link_opens_the_view(app_url: str, outside: tuple[Page, list[str]]) -> None:
    page, refused = outside
    _open(page, app_url)
    story = _params(page)["story"][0]
    link = f"{app_url}/?corpus={BUNDLED.name}&story={story}&tab=framing&outlet=The+Duran&teacher=1"
    fresh = page.context.new_page()  # as someone opening a shared link
    _open(fresh, link)
    expect(fresh.get_by_role("tab", selected=True)).to_have_text("Framing")
    expect(fresh.get_by_test_id("stMultiSelect").filter(has_text="Outlets").first).to_contain_text("The Duran")
    expect(fresh.get_by_test_id("stCheckbox").filter(has_text="Teacher mode").locator("input")).to_be_checked()
    assert "1 of 2 outlets" in fresh.inner_text("[data-testid=stMain]"), "the header counts the filter"
    assert refused == [], "requests left this computer"


def test_browser_address_names_the_corpus_and_fetches_nothing(app_url: str, outside: tuple[Page, list[str]]) -> None:
    page, refused = outside
    _open(page, f"{app_url}/?story=gone")
    expect(page).to_have_title(f"{BUNDLED.name} · Parallax")
    assert "is not here" in page.inner_text("[data-testid=stMain]"), "a stale link says what it fell back from"
    page.wait_for_timeout(2000)  # the page icon and late fonts are asked for after the first paint
    assert refused == [], "requests left this computer (page icon, fonts?)"
