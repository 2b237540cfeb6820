"""Boilerplate removal for scraped plain text.

Scraped pages arrive as lines: crawler stamps, the headline, captions, share and
subscribe prompts, the body, disclaimers, comment widgets, reader comments, teasers.
We keep the body by its *shape*, not by lists of known strings, because the same
code meets sites it has never seen:

* a line is **prose** when it reads like a sentence (enough words, sentence-final
  punctuation) and **short** otherwise (menus, widgets, captions, teaser headlines);
* the page is cut into blocks at runs of short lines, at date-only lines (comment
  headers) and at lines that repeat (disclaimers, the site's own boilerplate);
* the body is the block holding most prose, plus neighbouring prose blocks that share
  its vocabulary and are not cut off by a comment or widget zone.

Every removed line is kept for audit, and credit lines ("Via Zerohedge", "(Reuters) -")
become the article's declared source instead of being lost.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: A prose line has at least this many words (or ends like a sentence with at least MIN_SENTENCE_WORDS).
PROSE_WORDS = 12
MIN_SENTENCE_WORDS = 4
#: A run of this many non-prose lines separates the body from what comes after it.
SEPARATOR_RUN = 3
#: A later block joins the body when this share of its content words occurs in the body.
CONTINUATION_OVERLAP = 0.25
#: Lines repeated across an outlet's articles are its boilerplate when shorter than this.
REPEATED_LINE_MAX_WORDS = 60

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)"
    rf"(?:\s+(?:at\s+)?\d{{1,2}}:\d{{2}}\s*(?:am|pm)?)?\W*$",
    re.IGNORECASE,
)
_STAMP = re.compile(r"^\W*(?:date|in|by|source|url)?\W*[\d\-/:TZ ]*\W*$", re.IGNORECASE)
_FORM_FIELD = re.compile(r"^\W*[\w ]{1,30}\*\s*$")  # "name *", "email *"
_CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters|Getty)\s+Photo|\bPhoto(?:graph)?:|\bImage:|\bCredit:|\bGetty Images\b|/\s*Shutterstock\b"
    r"|\bPhoto by\b|\bPhotograph by\b",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(r"[»›|]|\bcookies?\b|\bskip to\b", re.IGNORECASE)
_LEGAL = re.compile(
    r"^\W*(?:©|\(c\)|copyright\b)|all rights reserved|do not necessarily (?:reflect|represent)|views expressed",
    re.IGNORECASE,
)
_DATE_INSIDE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})", re.I
)
_READ_MORE = re.compile(r"(?:Read more|Continue reading)\s*[»›>…]*\s*$", re.IGNORECASE)
# Credit lines: a standalone "Via X" / "Source: X" line, or a wire dateline "(Reuters) -" opening the body.
_VIA_LINE = re.compile(r"^\s*(?:via|source|h/t|hat tip)\s*:?\s+(?P<src>[A-Z][\w.&' -]{1,40}?)\s*[.…:]*\s*$", re.I)
_WIRE_DATELINE = re.compile(r"^[^a-z]{0,60}?\((?P<src>Reuters|AP|AFP|Bloomberg|UPI|dpa|Xinhua|TASS|IANS|PTI)\)\s*[-—–]")
_REPORTING_BY = re.compile(r"^\s*\(?(?:Reporting|Additional reporting|Writing|Editing) by\b.*$", re.I)


@dataclass(frozen=True)
class CleanedText:
    """The result of cleaning one scraped page."""

    title: str
    text: str
    removed: list[str] = field(default_factory=list)
    declared_source: str | None = None


def normalise_line(line: str) -> str:
    """A line reduced to its words, for spotting repeats regardless of spacing and punctuation."""
    return " ".join(re.findall(r"\w+", line.lower()))


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_prose(line: str) -> bool:
    """True when a line reads like part of an article body rather than page furniture."""
    words = _words(line)
    if _CAPTION.search(line) or _READ_MORE.search(line) or _FORM_FIELD.match(line):
        return False
    if len(words) >= PROSE_WORDS and not _title_case(words):
        return True
    return len(words) >= MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(line.strip())) and not _title_case(words)


def _title_case(words: Sequence[str]) -> bool:
    """Headline- or menu-like: nearly every word capitalised (teasers, navigation)."""
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) / len(long_words) > 0.8


def _is_stamp(line: str) -> bool:
    return len(_words(line)) < 3 and (bool(_STAMP.match(line)) or len(line.strip()) <= 3)


def _headline_score(line: str) -> float:
    """How much a line looks like a headline: a few words, no full stop, no menu, byline or date."""
    words = _words(line)
    if len(words) < 2 or _DATE_LINE.match(line) or _is_stamp(line):
        return float("-inf")
    score = min(len(words), 12) / 12
    if len(words) < 3:
        score -= 1
    if len(words) > 25:
        score -= 3
    if line.rstrip().endswith("."):
        score -= 1  # headlines rarely end with a full stop; standfirsts and labels do
    if _NAVIGATION.search(line) or _LEGAL.search(line) or re.match(r"^\s*by\s", line, re.I):
        score -= 5
    if _DATE_INSIDE.search(line):
        score -= 2  # "Posted on 3 May 2022 by admin", "Published 14 March 2023"
    return score


def _headline_index(lines: Sequence[str]) -> int | None:
    """The most headline-like line before the body's first long paragraph (crawler stamps skipped)."""
    first_paragraph = next(
        (i for i, line in enumerate(lines) if len(_words(line)) >= PROSE_WORDS and is_prose(line)), len(lines)
    )
    candidates = range(min(max(first_paragraph, 1), len(lines)))
    best = max(candidates, key=lambda i: (_headline_score(lines[i]), -i), default=None)
    if best is None or _headline_score(lines[best]) == float("-inf"):
        return None
    return best


def _content_words(lines: Iterable[str]) -> set[str]:
    return {w.lower() for line in lines for w in _words(line) if len(w) > 3}


def repeated_lines(texts: Iterable[str]) -> frozenset[str]:
    """Lines (normalised) found in two or more of one outlet's pages: that outlet's own boilerplate."""
    counts: Counter[str] = Counter()
    for text in set(texts):  # an exact duplicate page is merged later, not evidence of boilerplate
        counts.update({normalise_line(line) for line in text.splitlines() if line.strip()})
    return frozenset(line for line, n in counts.items() if n >= 2 and 0 < len(line.split()) <= REPEATED_LINE_MAX_WORDS)


def declared_source(lines: Iterable[str]) -> str | None:
    """The first credit line's source: "Via Zerohedge…" -> "Zerohedge", "LONDON (Reuters) -" -> "Reuters"."""
    for line in lines:
        for pattern in (_VIA_LINE, _WIRE_DATELINE):
            match = pattern.match(line)
            if match:
                return match.group("src").strip(" .…")
    return None


def clean_text(raw: str, *, boilerplate: frozenset[str] = frozenset(), has_title: bool = False) -> CleanedText:
    """Split a scraped page into headline and body, dropping page furniture.

    Args:
        raw: the page as plain text, one paragraph or widget per line.
        boilerplate: normalised lines known to repeat across this outlet's pages.
        has_title: the title is known from elsewhere (manifest, metadata), so the first
            line is treated as body unless it repeats that title.
    """
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    removed: list[str] = []
    title = ""
    start = _headline_index(lines)
    if start is None:
        return CleanedText(title="", text="", removed=lines)
    removed.extend(lines[:start])
    if not has_title or not is_prose(lines[start]):
        title = lines[start]
        start += 1
    body_lines = lines[start:]

    declared = declared_source(body_lines)
    kinds: list[str] = []  # "prose", "short", "break" (a hard separator: date line, repeat, credit line)
    seen_in_page = Counter(normalise_line(line) for line in body_lines)
    for line in body_lines:
        key = normalise_line(line)
        if (
            _VIA_LINE.match(line)
            or _REPORTING_BY.match(line)
            or _DATE_LINE.match(line)
            or _LEGAL.search(line)
            or key in boilerplate
            or seen_in_page[key] > 1
            or (title and key == normalise_line(title))
        ):
            kinds.append("break")
        elif is_prose(line):
            kinds.append("prose")
        else:
            kinds.append("short")

    keep = _body_mask(body_lines, kinds)
    text_lines = []
    for line, kind, kept in zip(body_lines, kinds, keep, strict=True):
        if kept and kind == "prose":
            text_lines.append(line)
        else:
            removed.append(line)
    return CleanedText(title=title, text="\n\n".join(text_lines), removed=removed, declared_source=declared)


def _blocks(kinds: Sequence[str]) -> list[tuple[int, int, bool]]:
    """Runs of lines between separators: (start, end, hard) where ``hard`` says the block is cut off
    from the previous one by a date line, a repeated line or a long run of short lines."""
    blocks: list[tuple[int, int, bool]] = []
    index = 0
    hard = False
    while index < len(kinds):
        if kinds[index] == "prose":
            end = index
            while end < len(kinds):
                if kinds[end] == "prose":
                    end += 1
                    continue
                run = end
                while run < len(kinds) and kinds[run] == "short":
                    run += 1
                # one or two short lines (a subheading, "Advertisement") do not end a block
                if run - end < 2 and run < len(kinds) and kinds[run] == "prose":
                    end = run
                    continue
                break
            blocks.append((index, end, hard))
            index = end
            hard = False
        else:
            run = index
            while run < len(kinds) and kinds[run] != "prose":
                hard = hard or kinds[run] == "break"
                run += 1
            hard = hard or (run - index) >= SEPARATOR_RUN
            index = run
    return blocks


def _body_mask(lines: Sequence[str], kinds: Sequence[str]) -> list[bool]:
    """Which lines belong to the article body (the main block and its continuations)."""
    blocks = _blocks(kinds)
    if not blocks:
        return [False] * len(lines)

    def prose_words(block: tuple[int, int, bool]) -> int:
        return sum(len(_words(lines[i])) for i in range(block[0], block[1]) if kinds[i] == "prose")

    main = max(range(len(blocks)), key=lambda b: (prose_words(blocks[b]), -b))
    chosen = {main}
    vocabulary = _content_words(lines[i] for i in range(blocks[main][0], blocks[main][1]))

    def joins(block: tuple[int, int, bool]) -> bool:
        words = _content_words(lines[i] for i in range(block[0], block[1]) if kinds[i] == "prose")
        return bool(words) and len(words & vocabulary) / len(words) >= CONTINUATION_OVERLAP

    # After the body: extend until the first hard break (comments, widgets, disclaimers).
    for b in range(main + 1, len(blocks)):
        if blocks[b][2] or not joins(blocks[b]):
            break
        chosen.add(b)
    # Before the body: intro paragraphs on the same topic, even across a share bar.
    for b in range(main - 1, -1, -1):
        if joins(blocks[b]):
            chosen.add(b)
    mask = [False] * len(lines)
    for b in chosen:
        for i in range(blocks[b][0], blocks[b][1]):
            mask[i] = True
    return mask
