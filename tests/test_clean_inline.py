"""A site's link on a person's name rendered as text inside a sentence (the name again in full, glued to
related headlines, ending "MORE") is cut, from scraped pages and from structured exports alike, and kept for
the "what cleaning removed" view; the sentence around it, and its speaker, read right again."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from compare.clean import clean_text
from compare.clean_inline import LINK_RAIL, cut_link_rails
from compare.ingest import load_corpus
from compare.model import Article
from compare.quotes import extract_quotes

RAILED = (
    "“We will not be rushed,” Sen. Maria Okafor Maria Louise OkaforSenate panel delays vote on budget | "
    "Okafor says talks will go on MORE (D-Ore.) told reporters on Tuesday."
)
CLEAN = "“We will not be rushed,” Sen. Maria Okafor (D-Ore.) told reporters on Tuesday."


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (RAILED, CLEAN),
        # a possessive after the rail joins the name again
        (
            "Speaker Ana Ruiz Ana Maria RuizOn The Money — House passes the bill MORE's team said it agreed.",
            "Speaker Ana Ruiz's team said it agreed.",
        ),
        # the full name followed by a space: it must open with the written first name
        (
            "Speaker Tom Reyes Tom Allen Reyes Retirees say no to the plan House passes bill MORE (R-Wis.) spoke.",
            "Speaker Tom Reyes (R-Wis.) spoke.",
        ),
        (
            "Reyes met Ana Reyes Supporters at noon; READ MORE: the plan.",
            "Reyes met Ana Reyes Supporters at noon; READ MORE: the plan.",
        ),
        # prose that only looks like one: a possessive, a place said twice, "MORE" as a capitalised name's word
        (
            "Photo: Hillary Clinton Bill Clinton's foundation raised money. The House passed the MORE Act on Friday.",
            "Photo: Hillary Clinton Bill Clinton's foundation raised money. The House passed the MORE Act on Friday.",
        ),
        (
            "New York New York City officials said the MORE Act would help.",
            "New York New York City officials said the MORE Act would help.",
        ),
        (
            "Kansas City Kansas City Chiefs fans cheered. The team wants MORE.",
            "Kansas City Kansas City Chiefs fans cheered. The team wants MORE.",
        ),
        # no repeated name, or no "MORE": prose, left alone
        ("Trump met Trump supporters, and MORE people came.", "Trump met Trump supporters, and MORE people came."),
        ("Ruiz Ana RuizHouse votes today.", "Ruiz Ana RuizHouse votes today."),
    ],
)
def test_clean_inline_cuts_a_name_links_rail(text: str, kept: str) -> None:
    assert cut_link_rails(text)[0] == kept


def test_clean_inline_a_scraped_page_keeps_the_rail_for_audit() -> None:
    cleaned = clean_text(f"Okafor delays the budget vote\n\n{RAILED}\n\nThe vote is now set for May.")
    assert CLEAN in cleaned.text and "MORE" not in cleaned.text
    cut = [line for line, why in zip(cleaned.removed, cleaned.reasons, strict=True) if why == LINK_RAIL]
    assert cut == ["Maria Louise OkaforSenate panel delays vote on budget | Okafor says talks will go on MORE"]


def test_clean_inline_an_export_loses_the_rail_and_its_speaker_reads_right(tmp_path: Path) -> None:
    record = {"title": "Okafor delays the vote", "text": f"{RAILED}\nThe vote is now set for May.", "outlet": "Hill"}
    (tmp_path / "export.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = load_corpus(tmp_path).articles
    assert CLEAN in article.text and "MORE" not in article.text
    assert article.removal_reasons == (LINK_RAIL,) and "Senate panel delays" in article.removed[0]
    quotes = extract_quotes(Article(id="a", outlet="Hill", title=article.title, text=article.text, file=""))
    assert [q.speaker for q in quotes] == ["Maria Okafor"]


def test_clean_inline_a_long_paragraph_is_read_in_linear_time() -> None:
    for paragraph in ("Trump " * 30000, "Donald Trump " * 15000, "Ana Ruiz Ana Maria RuizHouse votes " * 6000):
        started = time.perf_counter()
        assert cut_link_rails(paragraph)[0] == paragraph
        assert time.perf_counter() - started < 1.0
