"""Who is speaking: names, titles, speaker types, and one canonical speaker per person.

``compare.quotes`` finds the words that name a speaker ("Defense Secretary Mark Esper",
"a senior official", "the general"); this module turns them into a name, a normalised
role and a ``speaker_type``, and merges the variants different outlets use for one
person ("Gen. Milley", "Mark Milley", "Army General Mark Milley", "Milley") into one
``speaker_id``. Everything here is plain string work on spaCy-free inputs, so it is
cheap and testable on its own. Who an article names and where lives in ``compare.named_people``,
what "he" or "the general" stands for in ``compare.speaker_resolver``, the word lists in
``compare.name_words``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from compare.gender import first_name_gender, is_first_name
from compare.model import Quote
from compare.name_words import (
    ABBREVIATIONS,
    DEPARTMENTS,
    HONORIFICS,
    NEVER_IN_A_NAME,
    NOT_NAMES,
    NOT_PERSON_OPENERS,
    ORGANISATION_WORDS,
    PARTICLES,
    PLACE_ENDS,
    PLACE_OPENERS,
    PLACE_STARTS,
    SUFFIXES,
    TITLE_WORDS,
)

_PARTY_TAG = re.compile(r"[DRI](?:[-–][A-Z][\w. ]{0,20})?")

_ANONYMOUS = re.compile(
    r"^(?:(?:a|an|one|two|three|several|some|many|other|another|various|multiple|unnamed|anonymous)\b.*|"
    r"(?:senior |top |administration |government |us |u\.s\. |military |defense |intelligence )*"
    r"(?:officials|sources|aides|people|insiders|advisers|advisors|diplomats|officers|staffers)\b.*)$",
    re.I,
)

_NAME_TOKEN = re.compile(r"[\w’'.-]+")


def bare_word(word: str) -> str:
    """A word lower-cased without full stops or a possessive, for lexicon look-ups."""
    word = word.lower().replace("’", "'")
    word = word[:-2] if word.endswith("'s") else word
    return word.strip(".'")


def is_title_word(word: str) -> bool:
    """True for words that belong to a title ("Secretary", "Gen.") rather than to a name."""
    return bare_word(word) in TITLE_WORDS


def split_title(words: Sequence[str]) -> tuple[str, str]:
    """("Defense Secretary", "Mark Esper") from ["Defense", "Secretary", "Mark", "Esper"].

    The name is the longest run of capitalised non-title words at the end; what comes
    before it is the title. A phrase that ends in a title word ("the Defense Secretary")
    is all title.
    """
    cut = len(words)
    # "Rep. Peter King", "Billie Jean King": a title word after a first name is the surname
    surname_titled = len(words) >= 2 and first_name_gender(words[-2]) is not None and not is_title_word(words[-2])
    while cut > 0:
        word = words[cut - 1]
        bare = bare_word(word)
        if (bare in TITLE_WORDS and not (surname_titled and cut == len(words))) or not (
            word[:1].isupper() or bare in PARTICLES
        ):
            break
        cut -= 1
    # "Secretary of State John F. Kerry": the department belongs to the title
    while 0 < cut < len(words) - 2 and bare_word(words[cut - 1]) == "of" and bare_word(words[cut]) in DEPARTMENTS:
        cut += 1
    cut += described_before_first_name(words[cut:])
    return " ".join(words[:cut]), " ".join(words[cut:])


def described_before_first_name(name: Sequence[str]) -> int:
    """How many capitalised words open a name before its known first name ("Senate Minority Whip Dick Durbin":
    3): they describe the person. 0 when a word before it is a first name too ("Lee Harvey Oswald"), an
    initial ("A.E. Dick Howard"), a particle or a place's opener ("San Pedro Sula", "South Carolina"), or when
    no word is a known first name."""
    for index, word in enumerate(name[1:-1], start=1):
        if first_name_gender(word) is not None:
            before = name[index - 1]
            kept = any(is_first_name(w) for w in name[:index]) or bare_word(before) in PARTICLES | PLACE_OPENERS
            return 0 if kept or not before.replace("-", "").isalpha() else index
    return 0


def normalise_role(role: str | None) -> str | None:
    """A title as one comparable string: abbreviations spelled out, honorifics and articles dropped."""
    if not role:
        return None
    words: list[str] = []
    for word in role.replace("\n", " ").split():
        bare = bare_word(word)
        if bare in HONORIFICS or (not words and bare in {"the", "a", "an", "its", "his", "her", "their"}):
            continue
        words.append(ABBREVIATIONS.get(bare, word) if word.endswith(".") or bare in ABBREVIATIONS else word)
    text = " ".join(words).strip(" ,;:-—–()")
    text = re.sub(r"\s+([,)])", r"\1", text)
    # a party tag is no role ("Gov. John Kasich (R-OH)", "Attorney General Roy Cooper (D)")
    text = ", ".join(part for part in text.split(", ") if not _PARTY_TAG.fullmatch(part.strip("() ")))
    if text.lower() in DEPARTMENTS:
        return None  # "State" cut from "Secretary of State John Kerry": a department, no role
    return text or None


def name_key(name: str) -> str:
    """The surname, folded to plain lower-case ASCII: what outlets share when they name one person."""
    _, named = split_title(name.split())  # "Rep. Peter King": "King" here is a surname, not a title
    words = [w for w in _NAME_TOKEN.findall(named) if bare_word(w) not in SUFFIXES]
    if not words:
        words = [w for w in _NAME_TOKEN.findall(name) if bare_word(w) not in SUFFIXES and not is_title_word(w)]
    if not words:
        return fold_name(name)
    return fold_name(bare_word(words[-1]))


def fold_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode().lower()).strip("-")


def looks_like_organisation(name: str) -> bool:
    """True when a name reads as an organisation or outlet: "the Pentagon policy office", "The Washington
    Post", or an acronym ("CNN", "ACLU")."""
    words = name.split()
    return any(bare_word(w) in ORGANISATION_WORDS for w in words) or (
        bool(words) and all(w.isupper() and len(w.strip(".")) > 1 for w in words)
    )


def looks_like_person(words: str) -> bool:
    """True when a run of proper nouns reads as a person's name: a title and a name ("Gen. Milley") or two
    or more name words ("Mark Milley"), and nothing of an organisation or a place ("New Hampshire")."""
    title, name = split_title(words.split())
    parts = name.split()
    if not parts or looks_like_organisation(words) or not (title or len(parts) >= 2):
        return False
    capitalised = [word for word in words.split()[1:] if word[:1].isupper()]  # title included: "Look How Trey Gowdy"
    if any(len(part) > 1 and part.isalpha() and part.lower() in NEVER_IN_A_NAME for part in parts[1:] + capitalised):
        return False  # a headline's words: "Clinton Wades In"
    if _shouted(parts) and not all(_shouted([part]) for part in parts):
        return False  # a label in capitals run into a name: "JUST WATCHED Obama", "UPDATE Trump"
    return not names_a_place_or_thing(name) and not glued_words(name)


def _shouted(parts: Sequence[str]) -> bool:
    """True when a word of three letters or more is all in capitals ("WATCHED"), not a suffix ("III")."""
    return any(len(p) >= 3 and p.isalpha() and p.isupper() and p.lower() not in SUFFIXES for p in parts)


_SMALL_TO_CAPITAL = re.compile(r"[a-z][A-Z]")


def glued_words(name: str) -> bool:
    """True when a word holds three or more small-to-capital changes ("FlagShareLikeReplyAni Vrabel": a comment
    box's buttons run into a name), which names do not ("McDonald", "DeSantis", "GlaxoSmithKline")."""
    parts = (part for word in name.split() for part in re.split(r"[-‐]", word))
    return any(len(_SMALL_TO_CAPITAL.findall(part)) >= 3 for part in parts)


def names_a_place_or_thing(name: str) -> bool:
    """True when capitalised words read as a place or a thing, not a person: "Middle East", "Islamic State",
    "White America", "Saturday"."""
    parts = name.split()
    if not parts or any(bare_word(part) in NOT_NAMES for part in parts):
        return True
    return bare_word(parts[0]) in PLACE_STARTS or bare_word(parts[-1]) in PLACE_ENDS


def reads_as_a_person(words: str) -> bool:
    """True when a sentence-opening run of capitalised words can be a person's name."""
    parts = words.split()
    return (
        bare_word(parts[0]) not in NOT_PERSON_OPENERS
        and not looks_like_organisation(words)
        and not names_a_place_or_thing(words)
    )


def is_anonymous(description: str) -> bool:
    """True for unnamed sources: "a senior official", "officials", "people familiar with the matter"."""
    return bool(_ANONYMOUS.match(description.strip()))


@dataclass(frozen=True)
class Mention:
    """Words in an article that name, or stand for, a speaker."""

    text: str  # as written, title included: "Defense Secretary Mark Esper", "he", "a senior official"
    start: int
    end: int
    kind: str  # "name", "pronoun" or "description"
    head: str = ""  # the head word of a description ("official" in "a senior official")
    role: str | None = None  # an appositive: "chairman of the Joint Chiefs of Staff"
    signed: bool = False  # a line signed with a dash after the quotation ("― Sonya Herridge"): a reader's words


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: display name, normalised role, type."""

    name: str
    role: str | None
    speaker_type: str


_STATEMENT_KINDS = ("direct", "indirect")


def _statements(quotes: Iterable[Quote]) -> list[Quote]:
    """Quotes that are statements by someone: scare quotes and unattributed ones are not."""
    return [q for q in quotes if q.kind in _STATEMENT_KINDS and q.speaker_id]


def speaker_outlet_table(quotes: Sequence[Quote]) -> pd.DataFrame:
    """Speaker x outlet: how many quotes each outlet gives each speaker, and how many words.

    One row per (speaker, outlet) with columns ``speaker_id, speaker, role, speaker_type,
    outlet, quotes, direct, indirect, words``; pivot it for a matrix view. Pass quotes that
    went through ``resolve_speakers`` so that one person is one row across outlets.
    """
    columns = ["speaker_id", "speaker", "role", "speaker_type", "outlet", "quotes", "direct", "indirect", "words"]
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for q in _statements(quotes):
        row = rows.setdefault(
            (str(q.speaker_id), q.outlet),
            {"speaker_id": q.speaker_id, "speaker": None, "role": "", "speaker_type": None, "outlet": q.outlet}
            | {"quotes": 0, "direct": 0, "indirect": 0, "words": 0},
        )
        # The first name, role and type the outlet gave them (a role from a later quote when the first had none).
        row["speaker"] = row["speaker"] or q.speaker
        row["role"] = row["role"] or q.role or ""
        row["speaker_type"] = row["speaker_type"] or q.speaker_type
        row["quotes"] += 1
        row["direct" if q.kind == "direct" else "indirect"] += 1
        row["words"] += len(q.quote.split())
    ordered = sorted(rows.values(), key=lambda r: (-r["quotes"], r["speaker_id"], r["outlet"]))
    return pd.DataFrame(ordered, columns=columns)


def single_outlet_speakers(quotes: Sequence[Quote]) -> pd.DataFrame:
    """Speakers quoted by exactly one outlet of the story: ``speaker_id, speaker, role, speaker_type, outlet,
    quotes, words``. Anonymous sources are left out: they are not one person."""
    table = speaker_outlet_table(quotes)
    columns = ["speaker_id", "speaker", "role", "speaker_type", "outlet", "quotes", "words"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    outlets_per_speaker = table.groupby("speaker_id")["outlet"].transform("nunique")
    single = table[(outlets_per_speaker == 1) & (table["speaker_type"] != "anonymous")]
    return single[columns].reset_index(drop=True)
