"""Short text for people: counts with their noun in the right number, long text cut to one line.

The command line, the dashboard and the HTML report all say "3 stories" and show
a passage's opening the same way, so the wording lives here once.
"""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None, *, grouped: bool = True) -> str:
    """ "1 story", "3 stories": a count with its noun in the right number.

    Args:
        n: the count.
        noun: the singular noun.
        plural: the plural when it is not ``noun + "s"``.
        grouped: write thousands with separators ("1,234"); the command line's text writes plain numbers.
    """
    number = f"{n:,}" if grouped else str(n)
    return f"{number} {noun if n == 1 else plural or noun + 's'}"


def short(text: str | None, width: int) -> str:
    """``text`` on one line (whitespace runs become one space), cut to ``width`` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"
