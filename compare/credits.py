"""The outlet a credit line names: "By Lena Park, Valley Courier", "MILLBROOK (Northern Ledger) –",
"Posted by the Riverside Times staff".

Used only when nothing else names an article's outlet (no manifest, upload form, metadata or URL),
so four uploaded files from four outlets do not all become "unknown". A name counts as an outlet
only when it looks like one — it holds a word newspapers, agencies and broadcasters are named with
("Courier", "Times", "Ledger" …) or is a known agency — so a byline naming only a person never
becomes an outlet. The word lists below are the rules; the code only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

# --- the rules, as data -------------------------------------------------------------------

#: Words that make a capitalised name an outlet's (the last word usually, "Valley Courier").
OUTLET_WORDS = frozenset(
    {
        "times", "post", "news", "herald", "journal", "gazette", "tribune", "press", "daily", "chronicle",
        "observer", "record", "review", "star", "sun", "telegraph", "guardian", "mirror", "express", "independent",
        "monitor", "courier", "ledger", "bulletin", "dispatch", "examiner", "inquirer", "register", "standard",
        "sentinel", "mail", "weekly", "magazine", "digest", "voice", "insider", "beacon", "leader", "courant",
        "globe", "enquirer", "argus", "advocate", "democrat", "republican", "telegram", "statesman",
        "free press", "wire", "agency", "network", "radio", "tv", "television", "broadcasting", "media", "today",
        "online", "report", "citizen", "clarion", "informer", "pioneer", "patriot", "quarterly",
    }
)  # fmt: skip
#: Agencies and outlets known by a name that holds none of those words.
KNOWN_OUTLETS = frozenset(
    {"reuters", "ap", "afp", "associated press", "bloomberg", "upi", "dpa", "efe", "ansa", "xinhua", "tass",
     "kyodo", "yonhap", "bbc", "cnn", "npr", "pbs", "abc", "cbs", "nbc", "politico", "axios", "vox", "zerohedge"}
)  # fmt: skip
#: Words after a person's name that say what they do, not where they work ("By Lena Park, Staff Writer").
ROLE_WORDS = frozenset(
    {"staff", "writer", "reporter", "correspondent", "contributor", "editor", "columnist", "senior", "chief",
     "special", "contributing", "freelance", "intern", "photographer", "analyst", "for", "the", "of", "and"}
)  # fmt: skip
#: Words that end an outlet's name without being part of it ("the Riverside Times staff").
TRAILING_WORDS = ("staff", "staff writer", "staff report", "newsroom", "reporters", "team", "desk", "editors")

_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|the|and|&))*"
#: Credit line shapes, each with the outlet's candidate name in ``outlet``.
CREDIT_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "By Lena Park, Valley Courier" / "By Lena Park | Valley Courier" / "By Lena Park for the Valley Courier"
    re.compile(rf"^\W*by\s+{_NAME}\s*(?:,|\||—|–|-|\bfor\b)\s*(?:the\s+)?(?P<outlet>{_NAME})\W*$", re.I),
    # "MILLBROOK (Northern Ledger) –", "PARADISE, Calif. (AP) —"
    re.compile(rf"^[^()\n]{{0,60}}?\((?P<outlet>{_NAME})\)\s*[-—–]"),
    # "Posted by the Riverside Times staff", "By the Valley Courier newsroom", "From the Northern Ledger"
    re.compile(rf"^\W*(?:(?:posted|written|reported|published)\s+)?(?:by|from)\s+the\s+(?P<outlet>{_NAME})", re.I),
)
#: Lines from a page's top searched for a credit line.
HEAD_LINES = 15


def outlet_name(candidate: str) -> str | None:
    """``candidate`` as an outlet's name when it looks like one, else None (a person, a role)."""
    name = " ".join(candidate.split()).strip(" .,;:|")
    lowered = name.lower()
    for tail in TRAILING_WORDS:
        if lowered.endswith(" " + tail):
            name = name[: -len(tail) - 1].strip()
            lowered = name.lower()
    lowered = lowered.removeprefix("the ")
    words = lowered.split()
    if not words or len(words) > 6:
        return None
    if lowered in KNOWN_OUTLETS:
        return name.removeprefix("the ").removeprefix("The ")
    if words[-1] in ROLE_WORDS:  # "News Editor", "Politics Reporter": what a person does
        return None
    if any(word in OUTLET_WORDS for word in words) or any(" ".join(pair) in OUTLET_WORDS for pair in pairwise(words)):
        return name.removeprefix("the ").removeprefix("The ")
    return None


def credited_outlet(lines: Iterable[str]) -> str | None:
    """The outlet the first credit line among a page's top ``HEAD_LINES`` lines names, else None."""
    for count, line in enumerate(lines):
        if count >= HEAD_LINES:
            break
        for pattern in CREDIT_PATTERNS:
            match = pattern.match(line.strip())
            if match and (name := outlet_name(match.group("outlet"))):
                return name
    return None
