"""Short text for people: counts with their noun in the right number, long text cut to one line, rows in columns.

The command line, the dashboard and the HTML report all say "3 stories" and show
a passage's opening the same way, so the wording lives here once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: A cell that is a number ("12", "1,234", "0.5", "-3"): right-aligned in columns, so digits line up.
_NUMBER = re.compile(r"-?[\d,]+(\.\d+)?")


def counted(n: int, noun: str, plural: str | None = None, *, grouped: bool = True) -> str:
    """ "1 story", "3 stories": a count with its noun in the right number.

    Args:
        n: the count.
        noun: the singular noun.
        plural: the plural when it is not ``noun + "s"``.
        grouped: write thousands with separators ("1,234"); the command line's text writes plain numbers.
    """
    number = f"{n:,}" if grouped else str(n)
    return f"{number} {noun_for(n, noun, plural)}"


def noun_for(n: int, noun: str, plural: str | None = None) -> str:
    """The noun alone in the number ``n`` asks for ("article" for 1, "articles" otherwise), for tables that
    put the count in its own column."""
    return noun if n == 1 else plural or noun + "s"


def short(text: str | None, width: int) -> str:
    """``text`` on one line (whitespace runs become one space), cut to ``width`` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def aligned(rows: Sequence[Sequence[str]], gap: str = "  ") -> list[str]:
    """Rows of cells as lines whose columns line up: each column as wide as its widest cell, numbers
    right-aligned, the last column left ragged (it is the long text: titles, quotes)."""
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    cells = [[*row, *([""] * (columns - len(row)))] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(columns)]
    numeric = [all(_NUMBER.fullmatch(row[i]) for row in cells if row[i]) for i in range(columns)]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(width) if number else cell.ljust(width)
            for cell, width, number in zip(row[:-1], widths, numeric, strict=False)
        ]
        lines.append(gap.join([*parts, row[-1]]).rstrip())
    return lines
