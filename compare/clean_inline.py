"""Page furniture inside a sentence, which line rules cannot see: a site's link on a person's name rendered
as text ("Susan Collins Susan Margaret CollinsSenate tees off ... MORE (R-Maine) said"). Cut from the
paragraph, and kept for the "what cleaning removed" view like a removed line.
"""

from __future__ import annotations

from compare import clean_patterns as patterns

#: The reason shown for each cut, beside the line rules' reasons.
LINK_RAIL = "link rail inside a sentence"


#: How far before its "MORE" a rail can start: the written name, the full name and the headlines' 700 characters.
_RAIL_REACH = 800


def cut_link_rails(paragraph: str) -> tuple[str, list[str]]:
    """The paragraph without the related-story rails glued to names, and the rails cut (glued ones first).

    Only the stretch before each "MORE" is searched: a paragraph is untrusted and can be long, and a rail
    always ends there."""
    cut: list[str] = []
    for pattern in (patterns.NAME_LINK_RAIL, patterns.NAME_LINK_RAIL_SPACED):
        pieces: list[str] = []
        cursor = 0
        for window_start, window_end in _windows(paragraph):
            for match in pattern.finditer(paragraph, max(cursor, window_start), window_end):
                pieces.append(paragraph[cursor : match.start("rail")])
                cut.append(match.group("rail").strip())
                cursor = match.end("rail")
        pieces.append(paragraph[cursor:])
        paragraph = "".join(pieces)
    return paragraph, cut


def _windows(paragraph: str) -> list[tuple[int, int]]:
    """The stretches a rail can lie in: up to ``_RAIL_REACH`` characters before each "MORE" and just past it
    (what follows "MORE" decides whether it ends a rail), overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    at = paragraph.find(" MORE")
    while at != -1:
        start, end = max(0, at - _RAIL_REACH), min(len(paragraph), at + 16)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
        at = paragraph.find(" MORE", at + 5)
    return windows


def cut_link_rails_all(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """``cut_link_rails`` over paragraphs: the paragraphs as cut, and every rail cut."""
    kept: list[str] = []
    cut: list[str] = []
    for paragraph in paragraphs:
        text, rails = cut_link_rails(paragraph)
        kept.append(text)
        cut.extend(rails)
    return kept, cut
