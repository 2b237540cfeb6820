"""The records that flow between Parallax's stages.

Every stage takes and returns these plain dataclasses, so a stage can be swapped
(another embedder, another quote extractor) without touching the others, and every
record turns into one JSON object (``to_dict``) for the command line's ``--json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, Literal


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(value: Any) -> Any:
    """Records become dicts and tuples lists, so records serialise the same way through JSON and Parquet.

    Walked by hand rather than with ``dataclasses.asdict``, which deep-copies every leaf: saving a
    10,000-article build's 200,000 records spent most of its time there."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


class Record:
    """Mixin: a dataclass that can be written as one JSON object."""

    def to_dict(self) -> dict[str, Any]:
        return plain(self)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Article(Record):
    """One news article after ingestion and cleaning.

    ``text`` is the clean body (headline not repeated); all character offsets
    elsewhere in Parallax point into it. ``removed`` keeps the boilerplate lines the
    cleaner took out, for audit, and ``removal_reasons`` the rule that took out each one.
    """

    id: str
    outlet: str
    title: str
    text: str
    file: str
    published: str | None = None  # ISO 8601 date or datetime; None when unknown
    published_source: str | None = None  # where the date came from: metadata, html, text, url, file (None: no date)
    url: str | None = None
    author: str | None = None
    declared_source: str | None = None  # credit line such as "Reuters" or "Zerohedge"
    removed: tuple[str, ...] = ()
    source_id: str | None = None  # the input's own record id (JSON/CSV "id"), so results join back to it
    extra: dict[str, str] | None = field(default=None, hash=False)  # the input's other fields, kept as given
    #: Why the cleaner took out each line of ``removed`` (same order): its rule, shown beside the line for audit.
    removal_reasons: tuple[str, ...] = ()


IngestStatus = Literal["loaded", "merged", "rejected"]


@dataclass(frozen=True)
class IngestRecord(Record):
    """What happened to one input (a file, or one line/row of a multi-article file)."""

    file: str
    status: IngestStatus
    article_id: str | None = None
    code: str | None = None  # error code such as "P101" when rejected or merged
    message: str = ""  # cause and fix, in plain words
    line: int | None = None  # line or row number inside the file, when relevant


@dataclass(frozen=True)
class OutletInfo(Record):
    """Declared facts about an outlet from ``corpus.toml``; never guessed."""

    name: str
    domain: str = "unknown"
    lean: str = "unknown"
    country: str = "unknown"
    ownership: str = "unknown"
    rating_source: str = "unknown"


@dataclass(frozen=True)
class CorpusInfo(Record):
    """Name and description of a corpus folder, from ``corpus.toml``."""

    name: str
    description: str = ""
    outlets: tuple[OutletInfo, ...] = ()


@dataclass(frozen=True)
class Story(Record):
    """Articles that report one event."""

    story_id: str
    title: str  # a representative headline
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None
    key_terms: tuple[str, ...] = ()


QuoteKind = Literal["direct", "indirect", "scare", "unattributed"]


@dataclass(frozen=True)
class Quote(Record):
    """One quotation in one article; ``start``/``end`` index the article's clean text."""

    article_id: str
    outlet: str
    quote: str
    speaker: str | None
    role: str | None
    speaker_type: str  # one of compare.speaker_types.SPEAKER_TYPES: official, politician, spokesperson, expert, ...
    start: int
    end: int
    cue: str | None  # the attribution verb or phrase ("said", "according to")
    kind: QuoteKind = "direct"
    speaker_id: str | None = None  # canonical speaker key, shared across outlets in a story


@dataclass(frozen=True)
class Passage(Record):
    """A run of text shared by articles of different outlets."""

    passage_id: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    text: str
    words: int
    spans: dict[str, tuple[int, int]]  # article_id -> (start, end) in that article's text
    in_quote: bool = False
    verbatim: float = 1.0  # share of aligned words that are identical
    source: str = "unknown"  # likely origin: an article id, a declared source, or "unknown"


@dataclass(frozen=True)
class Evidence(Record):
    """A sentence (or span) that shows an indicator, with where it is."""

    article_id: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Indicator(Record):
    """One framing measurement for one outlet in one story, with its proof."""

    outlet: str
    indicator: str  # e.g. "distinctive_word", "loaded_language", "tone", "frame"
    value: str | float
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    detail: str = ""  # e.g. the lexicon category or the frame name


@dataclass(frozen=True)
class AspectIndicator(Indicator):
    """An emphasis/omission row: ``label`` is the fact itself, a sentence from the articles (#19)."""

    label: str = ""
