"""What kind of speaker someone is, from the words the article uses for them.

A speaker's kind (``SPEAKER_TYPES``: politician, official, spokesperson, expert, organisation,
journalist, citizen, document, anonymous, other) is read from their role (the title or appositive
beside the quote: "Pentagon spokesman", "a law professor at Columbia") first, then from how the
article describes them elsewhere ("Republican presidential nominee Donald Trump", "the Trump
campaign"), then from the shape of the words naming them (an outlet, a country, "the statement",
"protesters"). The words themselves are data in ``compare.speaker_type_words``. Nothing is looked up
outside the article: a person the text never describes is "other".
"""

from __future__ import annotations

from compare.gender import first_name_gender
from compare.speaker_type_words import (
    CITIZEN_HEADS,
    COUNTRIES,
    DOCUMENT_HEADS,
    JOURNALIST,
    OUTLET,
    SPEAKER_TYPES,
    TYPE_RULES,
)

__all__ = ["SPEAKER_TYPES", "describe", "is_news_outlet", "speaker_type"]


def _bare(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").strip(".,;:'\"()")


def describe(words: str | None) -> str | None:
    """The kind a description names ("a spokesman for the PMF" -> "spokesperson"), or None."""
    if not words:
        return None
    return next((kind for kind, pattern in TYPE_RULES if pattern.search(words)), None)


def is_news_outlet(name: str) -> bool:
    """True for an outlet or a newsroom word in a name: "The Washington Post", "Reuters", "MSNBC host"."""
    return JOURNALIST.search(name) is not None


def _shape(speaker: str, organisation: bool) -> str | None:
    """The kind the words naming a speaker show by themselves: a text, a group of ordinary people, an
    outlet, a country or another organisation."""
    words = [_bare(w) for w in speaker.split()]
    words = [w for w in words if w]
    if not words:
        return None
    head = words[-1]
    # an outlet's name, unless it is a person's who shares a word with one ("Liam Fox", "Emily Post")
    if (organisation and is_news_outlet(speaker)) or (OUTLET.search(speaker) and not first_name_gender(words[0])):
        return "journalist"
    if head in DOCUMENT_HEADS and (
        words[0] in {"the", "a", "an", "this", "that", "its", "his", "her"} or len(words) > 1
    ):
        return "document"
    if head in CITIZEN_HEADS:
        return "citizen"
    if " ".join(words[-2:]) in COUNTRIES or (head in COUNTRIES and len(words) <= 2):
        return "organisation"
    return "organisation" if organisation else None


def speaker_type(
    speaker: str | None,
    role: str | None,
    *,
    anonymous: bool = False,
    organisation: bool = False,
    evidence: str | None = None,
) -> str:
    """One of ``SPEAKER_TYPES``, for a speaker as named, the role the article gives them and ``evidence``
    (how the article describes them elsewhere: the titles before their other mentions).

    The role decides first ("Liz Sly, Beirut bureau chief for the Washington Post" is a journalist
    though the Post is an organisation), then the words naming the speaker when they are a text, a
    group or a body ("the letter", "protesters", "Japan"), then the evidence.
    """
    if anonymous:
        return "anonymous"
    return (
        describe(role)
        or _shape(speaker or "", organisation)
        or describe(evidence)
        or ("organisation" if organisation else "other")
    )
