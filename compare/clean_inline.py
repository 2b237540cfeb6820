"""Page furniture inside a sentence, which line rules cannot see: a site's link on a person's name rendered
as text ("Susan Collins Susan Margaret CollinsSenate tees off ... MORE (R-Maine) said"). Cut from the
paragraph, and kept for the "what cleaning removed" view like a removed line.
"""

from __future__ import annotations

from compare import clean_patterns as patterns

#: The reason shown for each cut, beside the line rules' reasons.
LINK_RAIL = "link rail inside a sentence"


def cut_link_rails(paragraph: str) -> tuple[str, list[str]]:
    """The paragraph without the related-story rails glued to names, and the rails cut (glued ones first)."""
    cut: list[str] = []
    for pattern in (patterns.NAME_LINK_RAIL, patterns.NAME_LINK_RAIL_SPACED):
        pieces: list[str] = []
        cursor = 0
        for match in pattern.finditer(paragraph):
            pieces.append(paragraph[cursor : match.start("rail")])
            cut.append(match.group("rail").strip())
            cursor = match.end("rail")
        pieces.append(paragraph[cursor:])
        paragraph = "".join(pieces)
    return paragraph, cut


def cut_link_rails_all(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """``cut_link_rails`` over paragraphs: the paragraphs as cut, and every rail cut."""
    kept: list[str] = []
    cut: list[str] = []
    for paragraph in paragraphs:
        text, rails = cut_link_rails(paragraph)
        kept.append(text)
        cut.extend(rails)
    return kept, cut
