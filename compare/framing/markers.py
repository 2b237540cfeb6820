"""Opinion markers in the outlet's own voice: questions, exclamations, person, speculation, certainty, judgement.

Only narration counts: a question or an "I" inside a quotation belongs to the person
quoted, not to the outlet, so quoted stretches are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from compare import settings
from compare.framing.lexicons import CERTAINTY, FIRST_PERSON, SECOND_PERSON, SPECULATION, VALUE_JUDGEMENT
from compare.framing.text import StoryText, term_pattern
from compare.nlp import quoted_spans

Columns = ["outlet", "marker", "count", "per_1000_words", "evidence"]

_WORD = re.compile(r"\w+")


def _ends_with(mark: str) -> Callable[[str], bool]:
    """A sentence whose narration (quotes removed) ends with ``mark``: a question or exclamation of the writer."""
    return lambda narration: narration.rstrip(" \"'”’)").endswith(mark)


def _has_terms(terms: tuple[str, ...]) -> Callable[[str], bool]:
    pattern = term_pattern(terms)
    return lambda narration: pattern.search(narration) is not None


def _has_pronouns(pronouns: tuple[str, ...]) -> Callable[[str], bool]:
    """Case matters for pronouns: "US" is a country, "us" the writer; "I" is always upper case."""
    forms = tuple({p.upper() if p == "i" else p for p in pronouns} | {p.capitalize() for p in pronouns})
    pattern = term_pattern(forms, ignore_case=False)
    return lambda narration: pattern.search(narration) is not None


MARKERS: dict[str, Callable[[str], bool]] = {
    "rhetorical_question": _ends_with("?"),
    "exclamation": _ends_with("!"),
    "first_person": _has_pronouns(FIRST_PERSON),
    "second_person": _has_pronouns(SECOND_PERSON),
    "speculation": _has_terms(SPECULATION),
    "certainty": _has_terms(CERTAINTY),
    "value_judgement": _has_terms(VALUE_JUDGEMENT),
}


def narration(text: str) -> str:
    """``text`` with quoted stretches blanked out (same length, so sentence offsets still apply)."""
    pieces, cursor = [], 0
    for start, end in quoted_spans(text):
        pieces += [text[cursor:start], " " * (end - start)]
        cursor = end
    return "".join([*pieces, text[cursor:]])


def opinion_markers(story: StoryText) -> pd.DataFrame:
    """Per outlet and marker: how many sentences show it, the rate per 1,000 words, and those sentences."""
    narrated_text = {a.id: narration(a.text) for a in story.articles}
    rows = []
    for outlet in story.outlets:
        sentences = story.by_outlet(outlet)
        words = sum(len(_WORD.findall(s.text)) for s in sentences) or 1
        narrated = [(s, narrated_text[s.article_id][s.start : s.end]) for s in sentences]
        for marker, test in MARKERS.items():
            hits = [s for s, text in narrated if text.strip() and test(text)]
            rows.append(
                {
                    "outlet": outlet,
                    "marker": marker,
                    "count": len(hits),
                    "per_1000_words": round(1000 * len(hits) / words, 3),
                    "evidence": tuple(s.evidence() for s in hits[: settings.FRAMING_EVIDENCE_PER_ROW]),
                }
            )
    return pd.DataFrame(rows, columns=Columns)
