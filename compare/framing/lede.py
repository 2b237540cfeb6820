"""Headline and lede: where an outlet puts what it thinks matters most."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from compare import settings
from compare.framing.lexicons import PAGE_FURNITURE
from compare.framing.text import Sentence, StoryText

Columns = ["article_id", "outlet", "headline", "lede", "evidence"]

# A note to readers set above the story ("PLEASE NOTE: we recorded this...", "Editor's note - ...",
# "UPDATE:") is the outlet talking about the article, not the article's opening.
_READER_NOTE = re.compile(
    r"^\W*(?:please\s+note|note\s+to\s+(?:readers|our\s+readers)|editor[’']?s\s+note|updated?|correction|clarification)"
    r"\b(?:\s*\d+)?\s*(?:\([^)\n]{0,40}\))?\s*[:—–-]",
    re.IGNORECASE,
)

#: What a line is read as, once its surrounding bullets, pipes and punctuation are trimmed.
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _phrase_pattern(phrase: str) -> str:
    """A ``PAGE_FURNITURE`` phrase as a regex over a whole trimmed line: "..." stands for any text."""
    return ".*".join(re.escape(piece).replace(r"\ ", r"\s+") for piece in phrase.split("..."))


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern[str]:
    """Every class of page furniture as one pattern a trimmed, lower-cased line must match whole."""
    phrases = sorted({p for listed in PAGE_FURNITURE.values() for p in listed}, key=len, reverse=True)
    return re.compile("|".join(f"(?:{_phrase_pattern(p)})" for p in phrases), re.DOTALL)


def is_page_furniture(line: str) -> bool:
    """Whether a line is part of the web page rather than the article: an ad, a share or subscribe
    prompt, navigation or a photo credit (``PAGE_FURNITURE``)."""
    trimmed = _EDGES.sub("", line.strip().lower())
    return not trimmed or _furniture().fullmatch(trimmed) is not None


def _without_furniture(sentence: Sentence) -> Sentence | None:
    """The sentence without page-furniture lines at its start or end (a paragraph may join "Advertisement"
    to the line under it); None when nothing else is left."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", sentence.text)]
    kept = [(a, b) for a, b in lines if not is_page_furniture(sentence.text[a:b])]
    if not kept:
        return None
    first, last = lines.index(kept[0]), lines.index(kept[-1])
    start, end = lines[first][0], lines[last][1]
    if (start, end) == (0, len(sentence.text)):
        return sentence
    text = sentence.text[start:end].strip()
    start += sentence.text[start:end].index(text)
    return Sentence(
        sentence.article_id, sentence.outlet, sentence.start + start, sentence.start + start + len(text), text
    )


def _opening(sentences: list[Sentence]) -> list[Sentence]:
    """The article's own sentences: page furniture dropped, then any leading notes to readers skipped
    (all of them if nothing else is left)."""
    real = [s for s in map(_without_furniture, sentences) if s is not None]
    skip = 0
    while skip < len(real) and _READER_NOTE.match(real[skip].text):
        skip += 1
    return real[skip:] or real or sentences


def headline_and_lede(story: StoryText) -> pd.DataFrame:
    """One row per article: its headline and its first real sentences (page furniture and notes to readers
    skipped), with their offsets."""
    rows = []
    for article in story.articles:
        lede = _opening([s for s in story.sentences if s.article_id == article.id])[: settings.LEDE_SENTENCES]
        rows.append(
            {
                "article_id": article.id,
                "outlet": article.outlet,
                "headline": article.title,
                "lede": " ".join(s.text for s in lede),
                "evidence": tuple(s.evidence() for s in lede),
            }
        )
    return pd.DataFrame(rows, columns=Columns)
