"""Naming: which mentions are one actor, and how far a name's title reaches."""

from __future__ import annotations

import pytest

from compare.framing.naming import _actor_key, _resolve_people, _widen


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
