"""browser: the dashboard on the injection corpus (tests/data/injection) in a real Chromium: every tab
loads, no script from the articles runs (no dialog opens) and no request leaves this computer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import sync_playwright

from compare import pipeline, settings, story
from tests.browser.test_browser_app import BROWSER_TESTS, CHROMIUM_ARGS, READY_S, WIDTH, _settle, refuse_outside, serve
from tests.injection import OUTLETS, write_corpus

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard with the injection corpus as the user's own articles, built beforehand."""
    home = tmp_path_factory.mktemp("streamlit-injection")
    corpus = write_corpus(home / "hostile")
    pipeline.open_corpus(corpus)  # built here, so the server opens it from the cache
    yield from serve(home, corpus)


def test_browser_injection_corpus_runs_nothing_and_fetches_nothing(hostile_url: str) -> None:
    outside: list[str] = []
    dialogs: list[str] = []

    guard = refuse_outside(outside)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(settings.CHROMIUM_PATH), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 1000})
        page.route("**/*", guard)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_url)
        corpus = page.get_by_test_id("stSelectbox").filter(has_text="Corpus").first
        corpus.wait_for(timeout=READY_S * 1000)  # switched at once: the bundled corpus need not be built
        corpus.click()
        page.get_by_role("option", name="My articles").click()
        _settle(page)
        page.get_by_text("Stories", exact=True).first.wait_for(timeout=READY_S * 1000)
        for name in (tab.name for tab in story.TABS):
            page.get_by_role("tab", name=name).click()
            _settle(page)
            assert page.get_by_test_id("stException").count() == 0, f"{name}: an exception is shown"
            body = page.inner_text("body")
            if name == "Side by side":
                assert f"{OUTLETS[0]} article" in body, "the picker's label shows the outlet name as typed"
        assert page.locator("img[src*='evil'], iframe, [onerror], [onload]").count() == 0
        assert page.locator("[data-testid=stMain] strong:has-text('Bold')").count() == 0, "no Markdown bold"
        browser.close()
    assert outside == [], "requests left this computer"
    assert dialogs == [], "a script from the articles ran"
