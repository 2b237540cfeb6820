"""framing.lede: an article's lede is its first real sentence, never a line of the web page around it
(ads, share and subscribe prompts, navigation, photo credits)."""

from __future__ import annotations

import pytest

from compare import settings
from compare.framing import headline_and_lede, story_text
from compare.framing.lede import is_page_furniture
from compare.framing.lexicons import PAGE_FURNITURE
from compare.model import Article

FIRST = "Floodwater reached the town hall on Monday, the regional agency said."
SECOND = "Four hundred homes were evacuated overnight."

FURNITURE = [
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Sponsored content",
    "Subscribe to our newsletter",
    "Sign up",
    "Sign up for our daily briefing.",
    "Get our free morning newsletter",
    "Share this article",
    "Share on Facebook",
    "Follow us on Twitter",
    "Click here to read the full report",
    "Skip to content",
    "• Related: Floods in Spain",
    "Read more: the river's history",
    "This article is more than 2 years old",
    "Photo: John Smith/AP",
    "(AP Photo/Evan Vucci)",
    "Photograph: Reuters",
    "Getty Images",
    "* * *",
]
REAL = [
    "Advertisement revenue fell sharply this year.",
    "The ad campaign began on Monday.",
    "Sign-ups for the scheme doubled, the council said.",
    "Shares in the insurer fell 4% on Tuesday.",
    "The photo shows a flooded street.",
    "Related payments will be made next month.",
    "Reuters reported that the dam had held.",
    FIRST,
]


@pytest.mark.parametrize("line", FURNITURE)
def test_framing_lede_page_furniture_is_recognised(line: str) -> None:
    assert is_page_furniture(line)


@pytest.mark.parametrize("line", REAL)
def test_framing_lede_real_sentences_are_not_furniture(line: str) -> None:
    assert not is_page_furniture(line)


def test_framing_lede_furniture_covers_each_class() -> None:
    """The phrase list is data in classes, each with phrases that make a line and phrases that open one."""
    assert set(PAGE_FURNITURE) == {"advertising", "share and subscribe prompts", "navigation", "photo credits"}
    for phrases in PAGE_FURNITURE.values():
        assert any(p.endswith("...") for p in phrases) and any("..." not in p for p in phrases)


def _lede(text: str) -> str:
    article = Article(id="f", outlet="Wire", title="Floods", text=text, file="f.txt")
    return str(headline_and_lede(story_text([article])).lede[0])


@pytest.mark.parametrize("line", FURNITURE)
def test_framing_lede_skips_furniture_paragraphs(line: str) -> None:
    assert _lede(f"{line}\n\n{FIRST}\n\n{SECOND}").startswith(FIRST)


@pytest.mark.parametrize(
    "text",
    [
        f"Advertisement\n{FIRST} {SECOND}",  # one paragraph: the ad line is joined to the sentence under it
        f"Skip to content\nShare this article\n\n{FIRST} {SECOND}",
        f"{FIRST}\n\nAdvertisement\n\n{SECOND}",  # furniture between the lede's sentences
        f"Photo: Jane Doe/Reuters\n\nEditor's note: This story was updated.\n\n{FIRST} {SECOND}",
    ],
)
def test_framing_lede_is_the_first_real_sentences(text: str) -> None:
    lede = _lede(text)
    assert lede.startswith(FIRST)
    if settings.LEDE_SENTENCES > 1:
        assert SECOND in lede
    assert "Advertisement" not in lede and "Share" not in lede and "Photo" not in lede


def test_framing_lede_evidence_points_at_the_kept_text() -> None:
    text = f"Advertisement\n{FIRST}"
    article = Article(id="f", outlet="Wire", title="Floods", text=text, file="f.txt")
    (evidence,) = headline_and_lede(story_text([article])).evidence[0]
    assert text[evidence.start : evidence.end] == evidence.text == FIRST


def test_framing_lede_of_furniture_only_is_still_shown() -> None:
    """An article that is nothing but page furniture keeps what it has rather than show an empty lede."""
    assert _lede("Advertisement\n\nSign up") != ""
