"""Naming: which mentions are one actor, and how far a name's title reaches."""

from __future__ import annotations

import pytest

from compare.framing import StoryText, story_text
from compare.framing.naming import (
    _actor_key,
    _appositive_end,
    _described_before,
    _resolve_people,
    _widen,
    description,
    mentions,
    naming,
)
from compare.model import Article
from compare.story.framing import _naming_cell


def test_framing_naming_bare_surname_joins_the_commonest_full_name() -> None:
    keys = ["bill clinton", "bill clinton", "hillary clinton", "clinton", "sestak", "joe sestak"]
    labels = ["PERSON", "PERSON", "PERSON", "PERSON", "ORG", "PERSON"]
    assert _resolve_people(keys, labels) == [
        "bill clinton",
        "bill clinton",
        "hillary clinton",
        "bill clinton",
        "joe sestak",
        "joe sestak",
    ]


@pytest.mark.parametrize(
    ("text", "label", "key"),
    [("Mark Milley", "PERSON", "mark milley"), ("Milley’s", "PERSON", "milley"), ("the Pentagon", "ORG", "pentagon")],
)
def test_framing_naming_actor_key(text: str, label: str, key: str) -> None:
    assert _actor_key(text, label) == key


@pytest.mark.parametrize(
    ("text", "name", "floor", "form"),
    [
        ("He met Defense Secretary Mark Esper on Monday.", "Mark Esper", 0, "Defense Secretary Mark Esper"),
        ("A confused briefing by Gen. Milley followed.", "Milley", 0, "Gen. Milley"),
        ("The Iran-backed Iraqi militia spoke.", "Iraqi", 0, "Iran-backed Iraqi"),
        ("The Pentagon said nothing.", "Pentagon", 0, "Pentagon"),
        ("Nobody Knew. Milley spoke later.", "Milley", 13, "Milley"),  # never back into the sentence before
    ],
)
def test_framing_naming_widens_over_titles_only(text: str, name: str, floor: int, form: str) -> None:
    start = text.index(name)
    assert text[_widen(text, start, floor) : start + len(name)] == form


def _story(texts: dict[str, str]) -> StoryText:
    return story_text([Article(f"n{i}", o, "t", t, f"n{i}.txt") for i, (o, t) in enumerate(texts.items())])


@pytest.mark.parametrize(
    ("form", "actor", "words"),
    [
        ("Gen. Qassem Soleimani", "qassem soleimani", {"general"}),  # abbreviated titles spelled out
        ("General Qassem Soleimani", "qassem soleimani", {"general"}),
        ("Mr. Trump", "donald trump", set()),  # a courtesy title is house style
        ("Trump", "donald trump", set()),
        ("2012 Republican", "republican", set()),  # a year is no description
        ("terrorist mastermind Qassem Soleimani", "qassem soleimani", {"terrorist", "mastermind"}),
        ("Soleimani, the commander of Iran’s Quds Force", "qassem soleimani", {"commander", "iran", "quds", "force"}),
    ],
)
def test_framing_naming_description_is_the_words_beside_the_name(form: str, actor: str, words: set[str]) -> None:
    assert description(form, actor) == words


def test_framing_naming_shows_only_actors_named_differently() -> None:
    story = _story(
        {
            "Wire": "Gen. Qassem Soleimani was killed near Baghdad. Iraq protested on Monday. American aides spoke.",
            "Voice": "The terrorist mastermind Qassem Soleimani was killed near Baghdad. Iraq protested on Monday.",
        }
    )
    table = naming(story)
    assert set(table.form) == {"Gen. Qassem Soleimani", "terrorist mastermind Qassem Soleimani"}
    assert not {"Iraq", "Baghdad", "American"} & set(table.actor)  # alike, or one outlet's "American ×1": trivia


def test_framing_naming_leaves_house_style_and_plain_mentions_out() -> None:
    """ "Mr. Trump" in one outlet and "Trump" in another, or a mention in one outlet only, is no naming choice."""
    story = _story(
        {
            "Times": "Mr. Trump spoke in Ohio on Monday. Mr. Trump left.",
            "Post": "Trump spoke in Ohio on Monday. Defense officials were not there.",
        }
    )
    assert naming(story).empty


def test_framing_naming_reads_an_appositive_and_no_verb_as_a_description() -> None:
    story = _story(
        {
            "Wire": "Qassem Soleimani, the commander of the Quds Force, died on Friday.",
            "Voice": "The attack killed Qassem Soleimani on Friday.",
        }
    )
    forms = {m.outlet: m.form for m in mentions(story) if m.actor == "qassem soleimani"}
    assert forms == {"Wire": "Qassem Soleimani, the commander of the Quds Force", "Voice": "Qassem Soleimani"}
    table = naming(story)
    assert set(table.actor) == {"Qassem Soleimani"}  # the plain form labels the row


def test_framing_naming_cell_carries_the_sentence() -> None:
    story = _story(
        {
            "Wire": "Gen. Qassem Soleimani was killed near Baghdad.",
            "Voice": "The terrorist mastermind Qassem Soleimani was killed near Baghdad.",
        }
    )
    table = naming(story)
    cell = _naming_cell(table[table.outlet == "Voice"])
    sentence = "The terrorist mastermind Qassem Soleimani was killed near Baghdad."
    assert cell == f"terrorist mastermind Qassem Soleimani ×1 — “{sentence}”"


@pytest.mark.parametrize(
    ("text", "name", "described"),
    [
        ("Iran mourned the terrorist mastermind Soleimani on Friday.", "Soleimani", "terrorist mastermind Soleimani"),
        ("Allies praised the embattled Alvarez.", "Alvarez", "embattled Alvarez"),
        ("Officials said the attack killed Soleimani.", "Soleimani", "Soleimani"),  # a clause, not a description
        ("Congress will pass the deal President Obama struck.", "President Obama", "President Obama"),  # a title
        ("The letter says Obama agreed.", "Obama", "Obama"),
        ("Critics of the upcoming Ryan budget spoke.", "Ryan", "Ryan"),  # the name modifies "budget"
    ],
)
def test_framing_naming_description_before_a_name(text: str, name: str, described: str) -> None:
    start = text.index(name)  # the recogniser's name is the last word; a title before it is widened over
    entity = start + name.rindex(" ") + 1 if " " in name else start
    assert text[_described_before(text, start, (entity, start + len(name)), 0) : start + len(name)] == described


@pytest.mark.parametrize(
    ("text", "name", "form"),
    [
        ("Mr. Sestak, a retired admiral, ran.", "Mr. Sestak", "Mr. Sestak, a retired admiral"),
        ("Mr. Sestak, the White House said in a statement, was offered a post.", "Mr. Sestak", "Mr. Sestak"),
        ("Jim Manley, a top adviser to Mr. Reid, spoke.", "Jim Manley", "Jim Manley"),  # cut at "Mr."
    ],
)
def test_framing_naming_appositive_after_a_name(text: str, name: str, form: str) -> None:
    end = text.index(name) + len(name)
    assert text[text.index(name) : _appositive_end(text, end, len(text))] == form
