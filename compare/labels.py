"""Plain words for what people read: the internal keys of framing and quotes, table headers, and tone bands.

Keys such as ``first_person`` or ``per_1000_words`` are names for code; a teacher reads them out loud.
Every chart legend, table, card and report takes its words from here, so they say the same thing.
The machine-readable outputs (``python -m compare ... --json``) keep the keys: they are a stable contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

#: Each key a chart legend or table cell may show, in the words a reader sees. Opinion markers
#: (compare.framing.markers), speaker types (compare.speakers), loaded-language categories
#: (compare.framing.lexicons), attribution-verb kinds (compare.framing.loaded).
KEY_LABELS: Mapping[str, str] = MappingProxyType(
    {
        # opinion markers
        "rhetorical_question": "rhetorical question",
        "exclamation": "exclamation",
        "first_person": "first person (I, we)",
        "second_person": "addresses the reader (you)",
        "speculation": "speculation",
        "certainty": "presents as certain",
        "value_judgement": "value judgement",
        # speaker types
        "official": "official",
        "politician": "politician",
        "spokesperson": "spokesperson",
        "journalist": "journalist",
        "expert": "expert",
        "citizen": "citizen or witness",
        "organisation": "organisation",
        "document": "document or statement",
        "anonymous": "anonymous source",
        "other": "other",
        # loaded-language categories
        "spin": "spin word",
        "intensifier": "intensifier",
        "subjective": "subjective word",
        # attribution verbs
        "neutral": "neutral verb",
        "loaded": "loaded verb",
    }
)

#: Table headers in words, for every framing and quotes column whose name is a code name.
COLUMN_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "per_1000_words": "per 1,000 words",
        "positive_share": "share of positive sentences",
        "negative_share": "share of negative sentences",
        "most_positive": "most positive sentence",
        "most_negative": "most negative sentence",
        "mean": "mean tone",
        "speaker_type": "kind of speaker",
        "z": "distinctiveness",
        "typology": "kind of frame",
        "in_quote": "inside a quote",
    }
)

#: Where an article's date came from, as shown beside it; metadata dates need no note.
DATE_SOURCE_NOTES: Mapping[str, str] = MappingProxyType(
    {
        "html": "",
        "metadata": "",
        "text": " (date read from the text)",
        "url": " (date read from the address)",
        "file": " (date read from the file name)",
    }
)

#: Tone bands by size of the mean VADER score (rounded to two places, as printed): the band's upper edge
#: and its words; "{side}" is "positive" or "negative". Edges follow VADER's own ±0.05 neutral cut-off.
TONE_BANDS: tuple[tuple[float, str], ...] = (
    (0.05, "about neutral"),
    (0.15, "slightly {side}"),
    (0.40, "somewhat {side}"),
    (1.00, "clearly {side}"),
)


def plain(key: str) -> str:
    """The words for an internal key; an unknown key loses its underscores rather than show them."""
    return KEY_LABELS.get(key, key.replace("_", " "))


def plain_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with code-name headers in words (other headers lose their underscores)."""
    return frame.rename(columns=lambda c: COLUMN_LABELS.get(c, str(c).replace("_", " ")))


def signed(value: float) -> str:
    """+0.12 / −0.12 with a true minus sign, as printed for people."""
    return f"{value:+.2f}".replace("-", "−")


def tone_band(value: float) -> str:
    """The words for a mean tone in [-1, 1]: "about neutral", "somewhat negative" …"""
    shown = round(value, 2)
    side = "positive" if shown > 0 else "negative"
    for edge, words in TONE_BANDS:
        if abs(shown) <= edge:
            return words.format(side=side)
    return TONE_BANDS[-1][1].format(side=side)


def tone_words(value: float) -> str:
    """A mean tone as read out: its band with the number beside it, "about neutral (−0.02)"."""
    return f"{tone_band(value)} ({signed(value)})"


def tone_scale() -> str:
    """The bands in one sentence, for explanations: "about neutral within ±0.05, slightly … up to ±0.15, …"."""
    parts = [f"{TONE_BANDS[0][1]} within ±{TONE_BANDS[0][0]:.2f}"]
    parts += [f"{words.format(side='…')} up to ±{edge:.2f}" for edge, words in TONE_BANDS[1:-1]]
    parts.append(f"{TONE_BANDS[-1][1].format(side='…')} beyond ±{TONE_BANDS[-2][0]:.2f}")
    return ", ".join(parts)


def date_source_note(source: str | None) -> str:
    """The note shown after a date that was read from the article's text or address, else nothing."""
    return DATE_SOURCE_NOTES.get(source or "", "")
