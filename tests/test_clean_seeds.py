"""The cleaner on the two seed articles: what must go and what must stay (issue 2)."""

from __future__ import annotations

import pytest

from compare.clean import clean_text, declared_source, is_prose, repeated_lines
from tests.conftest import SEED_ASKTRUTH, SEED_DURAN

DURAN = clean_text(SEED_DURAN.read_text(encoding="utf-8"))
ASKTRUTH = clean_text(SEED_ASKTRUTH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "gone",
    [
        "The statements, views and opinions expressed in this column",
        "Support Free Speech",
        "Subscribe to The Duran on YouTube",
        "The Duran Audio Podcast",
        "Follow on Soundcloud",
        "What do you think?",
        "Notify of",
        "Newest Most Voted",
        "Inline Feedbacks",
        "View all comments",
        "welcome to the state of confusion",  # a reader comment
        "Olivia Kroth",
        "PRESS TV",
        "Read more",
        "Did Putin approve the assassination of Soleimani?",  # teaser
        "Trump stops neocon drive towards war with Iran",  # teaser
        "January 9, 2020",
        "in ,",
    ],
)
def test_clean_duran_drops_boilerplate(gone: str) -> None:
    assert gone not in DURAN.text


@pytest.mark.parametrize(
    "kept",
    [
        "Esper pleaded ignorance.",
        "What remains is that the whole embarrassing and bizarre episode",
        "The inside account of how the now infamous “phony” letter",
        "Gen. Milley couldn’t verify that the letter was real, either.",
        "The letter soon made its way into the American media.",
    ],
)
def test_clean_duran_keeps_body(kept: str) -> None:
    assert kept in DURAN.text


def test_clean_duran_disclaimer_both_copies_removed_and_audited() -> None:
    disclaimer = "The statements, views and opinions expressed in this column are solely those of the author"
    assert sum(disclaimer in line for line in DURAN.removed) == 2


def test_clean_duran_headline_once_and_credit_line_as_source() -> None:
    assert DURAN.title == "The mystery behind the Iraq withdrawal letter (Video)"
    assert DURAN.title not in DURAN.text
    assert DURAN.declared_source == "Zerohedge"
    assert "Via Zerohedge" not in DURAN.text


@pytest.mark.parametrize(
    "gone",
    [
        "Show Comments",
        "Your email address will not be published",
        "comment *",
        "name *",
        "website *",
        "You May Also Like",
        "Kavanaugh",
        "Andrea Thompson",
        "US Sanctions Fail to Reduce",
    ],
)
def test_clean_asktruth_drops_boilerplate(gone: str) -> None:
    assert gone not in ASKTRUTH.text


def test_clean_asktruth_drops_lone_caption_keeps_last_paragraph() -> None:
    assert "Mark Milley" in ASKTRUTH.removed  # the lone caption under the headline
    assert ASKTRUTH.text.rstrip().endswith("follow Iranian footprints?")
    assert ASKTRUTH.text.startswith("Recently, a huge unrest was created")


def test_clean_keeps_short_last_paragraph() -> None:
    page = (
        "Council approves new budget\n\n"
        "The city council approved the budget on Tuesday after a long debate about road repairs and schools.\n\n"
        "Members argued for hours over the cost of repairs to the main bridge, which engineers say is unsafe.\n\n"
        "The mayor declined to comment.\n\n"
        "Share this:\nFacebook\nTwitter\nEmail\n"
    )
    cleaned = clean_text(page)
    assert cleaned.text.endswith("The mayor declined to comment.")
    assert "Facebook" not in cleaned.text


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("WASHINGTON (Reuters) - The U.S. Senate on Tuesday voted to", "Reuters"),
        ("NEW YORK (AP) — Stocks fell sharply on Monday as", "AP"),
        ("Via Zerohedge…", "Zerohedge"),
        ("The Senate voted on Tuesday.", None),
    ],
)
def test_clean_declared_source_from_credit_lines(line: str, source: str | None) -> None:
    assert declared_source([line]) == source


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        ("The mayor declined to comment.", True),
        ("Ford Asks for FBI Investigation Before Testifying Allegations Against Kavanaugh", False),
        ("Notify of", False),
        ("Photo: Getty Images / John Smith shows the mayor at the opening of the new bridge.", False),
        ("These… Read more »", False),
    ],
)
def test_clean_line_shape(line: str, prose: bool) -> None:
    assert is_prose(line) is prose


def test_clean_outlet_repeated_lines_removed() -> None:
    footer = "Copyright Example Times, all rights reserved. Sign up for our daily newsletter today."
    pages = [
        f"Council votes on plan {n}\n\n"
        f"A full sentence of real article body text that talks about event {n} in detail.\n\n{footer}"
        for n in range(3)
    ]
    boilerplate = repeated_lines(pages)
    cleaned = clean_text(pages[0], boilerplate=boilerplate)
    assert footer not in cleaned.text
    assert "event 0" in cleaned.text
