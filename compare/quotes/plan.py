"""One article as the parser reads it: its quotations, the text with long quotations collapsed to a
placeholder (``Frame``), and the sentences worth parsing (``Snippet``); plus ``Attribution``, what
reading one sentence finds. Offsets always map back to the article's clean text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from compare import settings
from compare.clean_patterns import WIRE_DATELINE
from compare.model import Article
from compare.name_words import TITLE_SMALL_WORDS
from compare.nlp import QUOTE_MARKS, QUOTE_WORD, QuotedSpan, find_quotations, sentence_spans
from compare.quotes.cues import SHOW_MODIFIERS, WORK_NOUNS, has_speech_verb, indirect_cues
from compare.speakers import Mention

PLACEHOLDER_WORD = "Yes"
_PLAIN_SPACES = str.maketrans(
    {**{c: " " for c in "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000"}, "\u2015": "—"}  # ― (bar) reads as a dash
)
#: Pipeline parts extraction does without: word classes come from tags, cue lemmas from ``LEMMAS``.


@dataclass(frozen=True)
class Piece:
    """A stretch of the parser's text and the stretch of the article it stands for."""

    frame_start: int
    start: int
    end: int
    quotation: int | None  # index of the quotation a placeholder stands for; None for copied text


@dataclass
class Frame:
    """The article text with long quotations collapsed to a placeholder, and the way back to the article."""

    text: str
    pieces: list[Piece]
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [p.frame_start for p in self.pieces]

    def piece_at(self, offset: int) -> Piece:
        return self.pieces[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def to_article(self, offset: int, *, end: bool = False) -> int:
        """Article offset of a frame offset; inside a placeholder it snaps to the quotation's edge."""
        piece = self.piece_at(offset - 1 if end and offset > 0 else offset)
        if piece.quotation is not None:
            return piece.end if end else piece.start
        return piece.start + (offset - piece.frame_start)


def _placeholder(text: str, quotation: QuotedSpan) -> str:
    """“Yes,” for “I don't know what that letter is,” — the marks and the final punctuation are kept.

    A mark glued to the word before it ("Ryan said,“Look …”") would be read as one token with that word, so
    the placeholder then opens with a space; it lies inside the placeholder, so offsets still snap to the
    quotation's edges."""
    inner = quotation.inner(text)
    tail = inner[-1] if inner and inner[-1] in ",.?!:;…" else ""
    close = text[quotation.end - 1] if quotation.closed else ""
    glued = quotation.start > 0 and (text[quotation.start - 1].isalnum() or text[quotation.start - 1] in ",:;")
    return f"{' ' if glued else ''}{text[quotation.start]}{PLACEHOLDER_WORD}{tail}{close}"


# "Washington (AFP) – Democrat Hillary Clinton has taken ...": a dateline opening a paragraph is no part of
# its sentence, so the parser never reads the place as the subject (it is blanked, keeping every offset).
_DATELINE = re.compile(WIRE_DATELINE.pattern, re.M)


def _build_frame(text: str, quotations: Sequence[QuotedSpan], collapse: Sequence[int]) -> Frame:
    # Odd spaces (no-break, thin) and the horizontal bar confuse the parser; swapping them for plain spaces and
    # an em dash keeps every offset.
    text = _DATELINE.sub(lambda m: " " * len(m.group()), text.translate(_PLAIN_SPACES))
    parts: list[str] = []
    pieces: list[Piece] = []
    cursor = length = 0
    for index in collapse:
        quotation = quotations[index]
        if quotation.start > cursor:
            pieces.append(Piece(length, cursor, quotation.start, None))
            parts.append(text[cursor : quotation.start])
            length += quotation.start - cursor
        placeholder = _placeholder(text, quotation)
        pieces.append(Piece(length, quotation.start, quotation.end, index))
        parts.append(placeholder)
        length += len(placeholder)
        cursor = quotation.end
    pieces.append(Piece(length, cursor, len(text), None))
    parts.append(text[cursor:])
    return Frame("".join(parts), pieces)


@dataclass
class Attribution:
    """One cue in one sentence, with its speaker and what it attributes."""

    cue: str
    at: int  # article offset of the cue
    sentence: tuple[int, int]  # article offsets of the sentence holding the cue
    speaker: Mention | None
    token: int = -1  # index of the cue word in its parsed snippet
    clause: tuple[int, int] | None = None  # the reported clause, when the parse gives one
    quotations: list[int] = field(default_factory=list)  # long quotations attributed here
    colon: bool = False  # ends with a colon: may introduce the next paragraph's quotation
    describing: bool = False  # a participle describing a noun ("the letter announcing ..."): speaks for its clause only
    finite: bool = False  # a finite verb heading its own clause, not a participle, relative or "and ..." verb
    continued: bool = False  # its clause goes on in the quotation after its sentence
    lead: int | None = None  # where words reported after a speech verb open, past when, where and to whom it spoke


@dataclass(frozen=True)
class Snippet:
    """What the parser reads (frame offsets): a whole sentence, or a window of it around its cues."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    context: bool = False  # read only for its subject, the likely speaker of a quotation that follows


@dataclass
class Plan:
    """One article on its way through extraction: text, quotations, frame, sentences to parse."""

    article: Article
    quotations: list[QuotedSpan]
    statements: set[int]  # indices of quotations that are statements, not short labels
    frame: Frame
    snippets: list[Snippet]  # what to parse
    quotation_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.quotation_starts = [q.start for q in self.quotations]


def plan_article(article: Article) -> Plan:
    text = article.text
    quotations = find_quotations(text)
    statements = [i for i, q in enumerate(quotations) if _is_statement(text, q)]
    frame = _build_frame(text, quotations, statements)
    sentences = sentence_spans(frame.text)
    chosen: dict[int, Snippet] = {}
    lone: set[int] = set()  # sentences that are a quotation and nothing else (“Is it done?”)
    for index, (start, end) in enumerate(sentences):
        if QUOTE_MARKS.search(frame.text, start, end):
            if _has_words_outside(frame, start, end):
                chosen[index] = Snippet(start, end, start, end)
                continue
            lone.add(index)
            if index > 0:
                # A quotation standing alone: the sentence before it may say whose it is
                # ("Clinton touted her credentials." “We need ...”), so read that one for its subject too (also
                # when it holds marks of its own: "On “Face the Nation,” Sanders identified ..."), and whole:
                # its subject may stand far from its verb ("Sen. Ted Cruz (R-Tex.), a Republican candidate for
                # president who has made ..., tweeted a warning.").
                before_start, before_end = sentences[index - 1]
                chosen[index - 1] = Snippet(before_start, before_end, before_start, before_end, context=True)
            continue
        after_lone = index - 1 in lone and "\n" not in frame.text[sentences[index - 1][1] : start]
        if after_lone and has_speech_verb(frame.text, start, end):
            # “Will it be done by May?” Kowalski pressed.": the question's mark ended the sentence before the cue
            chosen[index] = Snippet(start, end, start, end)
            continue
        cues = indirect_cues(frame.text, start, end)
        if cues:
            chosen[index] = _window(frame.text, start, end, cues)
        elif frame.text[start:end].rstrip().endswith(":") and QUOTE_MARKS.match(
            frame.text, _next_paragraph(frame.text, end)
        ):
            chosen[index] = Snippet(start, end, start, end)  # "Cruz called them on it:" and a quoted paragraph
    snippets = [chosen[index] for index in sorted(chosen)]
    return Plan(article, quotations, set(statements), frame, snippets)


def _next_paragraph(text: str, end: int) -> int:
    """Offset of the first character after the blank space that follows ``end``."""
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _window(text: str, start: int, end: int, cues: Sequence[int]) -> Snippet:
    """The part of a long sentence without quotation marks that the parser needs to read.

    Such a sentence can only hold indirect speech ("X said (that) ..."); the speaker and
    the start of the reported clause sit within a few words of the cue, and the clause
    runs to the end of the sentence anyway. Reading only that part keeps parsing cheap.
    """
    words = [m.start() for m in QUOTE_WORD.finditer(text, start, end)]
    if len(words) <= settings.QUOTE_WINDOW_WORDS_BEFORE + settings.QUOTE_WINDOW_WORDS_AFTER:
        return Snippet(start, end, start, end)
    first = bisect.bisect_left(words, cues[0])
    last = bisect.bisect_left(words, cues[-1])
    left = words[max(0, first - settings.QUOTE_WINDOW_WORDS_BEFORE)]
    right_word = last + settings.QUOTE_WINDOW_WORDS_AFTER + 1
    right = words[right_word] if right_word < len(words) else end
    return Snippet(left if first > settings.QUOTE_WINDOW_WORDS_BEFORE else start, right, start, end)


def _is_statement(text: str, quotation: QuotedSpan) -> bool:
    """True for quoted statements; False for quoted labels: short words ("phony") that may be scare
    quotes, and titles of shows, books or slogans ("Sunday Morning Futures", "Flip the Script").

    A statement is longer than a label, or reads as a sentence of its own ("No, I can't.").
    """
    inner = quotation.inner(text)
    if is_title(inner) or names_a_work(text, quotation.start, inner):
        return False
    if quotation.words(text) > settings.SCARE_QUOTE_MAX_WORDS:
        return True
    if _NAMES_A_THING.search(text, max(0, quotation.start - 20), quotation.start):
        return False  # "star of television’s “Scandal,”": the name of something
    if _GIVES_A_NAME.search(text, max(0, quotation.start - 20), quotation.start):
        return False  # "the hacker known as “Guccifer,”": a name someone goes by
    return bool(inner) and inner[0].isupper() and inner[-1] in ".?!,…"


# The two words right before a quotation mark, with only spaces between the last one and the mark.
_WORDS_BEFORE = re.compile(r"(?:([\w’'-]+)\s+)?([\w’'-]+)\s+$")
# What comes right before a short quotation that names a thing: a possessive ("television’s “Scandal,”").
_NAMES_A_THING = re.compile(r"\w[’']s\s+$")
# Words that give what follows as a name: "the hacker known as “Guccifer,”", "a group dubbed “...”".
_GIVES_A_NAME = re.compile(r"\b(?:known as|nicknamed|dubbed|titled|entitled|named)\s+$")
# A noun and a comma right before a quotation mark: "the hit Broadway play, “Eclipsed.”".
_WORK_AND_COMMA = re.compile(r"([\w’'-]+),\s+$")


def names_a_work(text: str, start: int, inner: str = "") -> bool:
    """True when the quotation opening at ``start`` follows a noun of a work right before it ("the documentary
    “Weiner.”", "the TV show “Shark Tank.”"): the work's name, not speech. After a comma the words may be the
    work's own ("she wrote in her memoir, “…”"), unless they (``inner``) are a short run of capitalised words:
    "the hit Broadway play, “Eclipsed.”", "its politics podcast, “So, That Happened.”"."""
    after_comma = _WORK_AND_COMMA.search(text, max(0, start - 40), start)
    if after_comma is not None and after_comma.group(1).lower() in WORK_NOUNS and _short_title(inner):
        return True
    found = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if found is None:
        return False
    previous, last = (found.group(1) or "").lower(), found.group(2)
    # written in lower case: a capitalised one is a name ("the comment by Dr. Paul Song “was inappropriate.”")
    return last in WORK_NOUNS or (last == "show" and previous in SHOW_MODIFIERS)


def _short_title(words: str) -> bool:
    """A few words, each capitalised but a title's small words, whatever punctuation closes them ("Eclipsed.")."""
    found = QUOTE_WORD.findall(words)
    return 0 < len(found) <= settings.TITLE_WITH_FULL_STOP_MAX_WORDS and found[0][0].isupper() and _title_cased(found)


def _title_cased(words: list[str]) -> bool:
    """Every word capitalised (or a number) but a title's small words ("of", "the")."""
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words)


def is_title(words: str) -> bool:
    """True for Title Case words without a sentence's closing mark: the name of a work, show or slogan
    ("Sunday Morning Futures", "Gang of Eight"), where only a title's small words are in lower case."""
    found = QUOTE_WORD.findall(words)
    capitalised = [w for w in found if w[0].isupper()]
    # the sentence's full stop inside the marks still closes a short title that opens with an article ("starred
    # in “The Revenant.”"); a slogan or chant with one ("“Dump Trump.”") is words people said
    short = len(found) <= settings.TITLE_WITH_FULL_STOP_MAX_WORDS and not re.search(r"[.!?]\s", words.strip())
    named = short and bool(found) and found[0] in {"The", "A", "An"}  # one phrase: not "The Donald. Big Daddy."
    closing = {"?", "!", "…"} if named else {".", "?", "!", "…"}
    return len(capitalised) >= 2 and words.rstrip(",").rstrip()[-1:] not in closing and _title_cased(found)


def _has_words_outside(frame: Frame, start: int, end: int) -> bool:
    """True when a sentence has words besides its placeholders (a name, a verb): worth parsing."""
    words = QUOTE_WORD.findall(frame.text, start, end)
    return len(words) > sum(1 for w in words if w == PLACEHOLDER_WORD)
