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
from pathlib import PurePosixPath

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
#: What parts a file name's outlet from the rest ("Valley Courier - flood.txt", "valley-courier_flood.txt").
FILE_NAME_BREAK = re.compile(r"\s+[-–—|]\s+|_+|\s*\|\s*|--+|\s*\(\s*|\s*\[\s*")
#: Known outlets written in capitals ("bbc_flood.txt" is BBC's).
CAPITALISED = frozenset({"ap", "afp", "upi", "dpa", "efe", "ansa", "bbc", "cnn", "npr", "pbs", "abc", "cbs", "nbc"})
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|co|news|info|us|uk|ca|au|de|fr|in)$", re.I)


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


def outlet_in_file_name(name: str) -> str | None:
    """The outlet a file's name starts with, else None: "Valley Courier - flood.txt", "reuters-flood.txt",
    "nytimes.com_flood.html".

    Stricter than a credit line, since a file name is often just the story ("fire-at-the-post.txt"):
    the name must be cut from the rest by a clear break (an underscore, a spaced dash, a bracket)
    and end with an outlet word, be a web domain, or start with a known agency's name.
    """
    stem = PurePosixPath(name.replace("\\", "/")).stem.strip()
    parts = [p for p in FILE_NAME_BREAK.split(stem) if p.strip()]
    if not parts:
        return None
    head = parts[0].strip()
    if _DOMAIN.match(head):
        return head.lower().removeprefix("www.")
    first = re.split(r"[-.\s]+", head.lower())[0]
    if first in KNOWN_OUTLETS:
        return first.upper() if first in CAPITALISED else first.title()
    words = re.split(r"[-.\s]+", head)
    if len(parts) < 2 or not words or words[-1].lower() not in OUTLET_WORDS:
        return None
    spoken = " ".join(w if any(c.isupper() for c in w) else w.title() for w in words)
    return outlet_name(spoken)


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
