"""One person, one row: a canonical key and display name for every speaker mention of a story.

Outlets name one person many ways: "Fisherman Tomas Reyes", "Tomas Reyes", "tomas reyes",
"Reyes"; "President Trump", "Donald J. Trump", "Trump". ``identify`` is the single place that
decides which mentions of a story are the same speaker, so the quoted-officials matrix, the
tables, the CSV exports and the card all count one person once. The rules, and why:

- A leading title or descriptor ("President", "Sen.", "Fisherman", "local") is not part of the
  name: the name is the run of capitalised words at the end (``split_name``). The title is kept
  so that it can stand in for a role when no outlet gives one.
- Two names are one person when they share first name, surname and suffix, in any case; middle
  names and initials are ignored ("Donald J. Trump" = "Donald Trump"), a suffix is not
  ("Donald Trump Jr." is someone else).
- A bare surname ("Reyes") or an initial and a surname ("T. Reyes") joins a fuller name only when
  exactly one fuller name of the story fits it. When two people share the surname ("Joe Biden",
  "Hunter Biden"), a bare "Biden" stays a row of its own: an extra row is visible and honest,
  words credited to the wrong relative are not.
- Unnamed groups ("officials", "Officials", "U.S. officials") merge only when their words are the
  same apart from case and punctuation: "a senior official" is not "officials".
- Organisations merge on their name without a leading "the" ("the Pentagon" = "Pentagon").
- Only names are reduced: a lower-case phrase ("the truck story") keeps every word, unless it is a
  lower-case spelling of a name the story writes properly ("tomas reyes"); a name after "of" or "at"
  ("a friend of Tomas Reyes") is whom the phrase is about, not the speaker.

The descriptor words are a word list (``DESCRIPTOR_WORDS``, a ``lexicon`` block like every word list
in ``compare``); ``compare.stage_code`` hashes module source, so editing it changes the build key.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from compare.model import Quote
from compare.name_words import PARTICLES, PREPOSITIONS, SUFFIXES
from compare.nlp import lexicon
from compare.speaker_types import is_news_outlet, speaker_type
from compare.speakers import (
    bare_word,
    fold_name,
    is_anonymous,
    is_title_word,
    looks_like_organisation,
    normalise_role,
)

# Words that describe a person before their name without being a title the speakers module knows
# ("Fisherman Tomas Reyes", "local resident Ana Diaz", "Democratic candidate"): lower-case, data, not
# rules. Title words proper ("President", "Sen.") live in ``compare.name_words.TITLE_WORDS``.
DESCRIPTOR_WORDS = lexicon(
    """
    fisherman fishermen farmer rancher worker teacher student nurse doctor physician surgeon lawyer
    activist organizer organiser protester resident residents neighbor neighbour local villager voter
    shopkeeper owner businessman businesswoman entrepreneur investor banker trader driver pilot soldier
    veteran officer firefighter paramedic survivor victim witness relative mother father son daughter
    brother sister wife husband widow uncle aunt cousin friend parent grandmother grandfather
    eyewitness bystander volunteer pastor priest imam rabbi monk nun artist actor actress singer
    musician writer author poet filmmaker director producer athlete player coach scientist researcher
    engineer official officials leader leaders spokesman spokeswoman spokesperson representative
    senators representatives governors ministers presidents secretaries generals mayors
    mr mrs ms miss dr sir dame honorable hon incumbent challenger hopeful frontrunner
    front-runner longtime veteran retired former current then new outgoing incoming interim
    democrat democratic republican gop independent conservative liberal progressive
    """
)

#: The prefix of a group's key: ``is_group`` tells an unnamed source from a person by it.
GROUP_PREFIX = "anonymous:"

PERSON, ORGANISATION, GROUP = "person", "organisation", "group"


@dataclass(frozen=True)
class Identity:
    """Who one speaker mention is: the key shared by all mentions of that speaker in the story, the
    display name for them all, and the title this mention wrote before the name (a role candidate)."""

    key: str
    name: str
    title: str | None
    kind: str  # PERSON, ORGANISATION or GROUP


def is_group(key: str | None) -> bool:
    """True for the key of an unnamed source or group ("officials"): not one person, never a row of its own
    in "quoted by one outlet only"."""
    return bool(key) and str(key).startswith(GROUP_PREFIX)


def _is_descriptor(word: str) -> bool:
    return is_title_word(word) or bare_word(word) in DESCRIPTOR_WORDS


def split_name(speaker: str) -> tuple[str, str]:
    """(title, name): "Fisherman Tomas Reyes" -> ("Fisherman", "Tomas Reyes").

    The name is the longest run at the end of capitalised words (name particles like "de" allowed)
    that are neither titles nor descriptors (the last word always counts as name, so that "Paul Farmer"
    keeps his surname); everything before it is the title. A possessive and anything after a comma
    ("Nancy Pelosi, D-Calif.") are left out. When no word qualifies, the whole phrase is the name."""
    # only a closing possessive goes ("Mr. Trump's"): "Scott's family" is not Scott
    head = re.sub(r"[’']s$", "", speaker.split(",")[0].strip()).split()
    cut = len(head)
    # A capitalised last word is always name, even when it is also a title or descriptor word:
    # "Dr. Paul Farmer", "John Major", "Carole King".
    while cut > 0 and bare_word(head[cut - 1]) in SUFFIXES:
        cut -= 1
    if cut > 0 and head[cut - 1][:1].isupper():
        cut -= 1
    while cut > 0:
        word = head[cut - 1]
        if _is_descriptor(word):
            break
        if not (word[:1].isupper() or bare_word(word) in PARTICLES or bare_word(word) in SUFFIXES):
            break
        cut -= 1
    if 0 < cut < len(head) and bare_word(head[cut - 1]) in PREPOSITIONS:
        if len(head) - cut < 3:  # "a friend of Tomas Reyes", "partner at Lenox": the run is not the speaker
            return "", " ".join(head)
        cut += 1  # "Secretary of State John Kerry": the run's first word belongs to the title
    if cut == len(head):
        return "", " ".join(head)
    return " ".join(head[:cut]), " ".join(head[cut:])


def _name_like(name: str) -> bool:
    """Every word capitalised (particles and suffixes aside), in any case: "Tomas Reyes", "TOMAS REYES";
    not "the truck story", whose middle words must not be dropped like a middle name."""
    return bool(name) and all(
        w[:1].isupper() or bare_word(w) in PARTICLES or bare_word(w) in SUFFIXES for w in name.split()
    )


@dataclass(frozen=True)
class _Name:
    """A person's name reduced to what identifies them: first name (or initial), surname, suffix."""

    given: str  # folded first name, "" for a bare surname
    surname: str
    suffix: str

    @classmethod
    def of(cls, name: str) -> _Name:
        words = [bare_word(w) for w in name.split()]
        suffix = "-".join(fold_name(w) for w in words if w in SUFFIXES)
        words = [w for w in words if w not in SUFFIXES] or words
        at = len(words) - 1  # the surname takes its particles: "de Blasio", "van der Berg"
        while at > 0 and words[at - 1] in PARTICLES:
            at -= 1
        return cls(fold_name(words[0]) if at > 0 else "", fold_name(" ".join(words[at:])), suffix)

    @property
    def full(self) -> bool:
        return len(self.given) > 1

    def fits(self, fuller: _Name) -> bool:
        """True when this short form ("Reyes", "T. Reyes") can be the fuller name."""
        return (
            self.surname == fuller.surname
            and self.suffix in ("", fuller.suffix)
            and (not self.given or fuller.given.startswith(self.given))
        )

    @property
    def key(self) -> str:
        return "-".join(part for part in (self.given, self.surname, self.suffix) if part)


def _kind(speaker: str, speaker_type: str) -> str:
    words = speaker.split()
    # "Officials", "many Democrats" are groups; "An Nguyen" reads like one but is written as a name
    named = len(words) >= 2 and all(w[:1].isupper() for w in words)
    if speaker_type == "anonymous" or (is_anonymous(speaker) and not named):
        return GROUP
    if speaker_type in ("organisation", "document") or looks_like_organisation(speaker) or is_news_outlet(speaker):
        return ORGANISATION
    return PERSON


def _proper(name: str) -> bool:
    """Written as a name is: every word capitalised (particles aside), not all in capitals."""
    words = name.split()
    return all(w[:1].isupper() or bare_word(w) in PARTICLES for w in words) and not (len(name) > 3 and name.isupper())


def _display(names: Counter[str]) -> str:
    """The fullest properly written form: most words, then most used."""
    return max(names, key=lambda n: (_proper(n), len(n.split()), names[n], n))


def _group_display(names: Counter[str]) -> str:
    """The most used wording; on a tie the one in lower case ("officials", not the sentence-initial
    "Officials")."""
    return max(names, key=lambda n: (names[n], n[:1].islower(), n))


def identify(mentions: Sequence[tuple[str, str]]) -> list[Identity]:
    """The identity of each (speaker as written, speaker_type) of one story, in order (see the module
    docstring for the rules)."""
    kinds = [_kind(speaker, kind) for speaker, kind in mentions]
    split = [
        split_name(speaker) if kind == PERSON else ("", speaker)
        for (speaker, _), kind in zip(mentions, kinds, strict=True)
    ]
    # A name written in lower case ("tomas reyes", "reyes") is the capitalised name of the story it
    # matches; any other lower-case phrase keeps all its words.
    spelled: dict[str, str] = {}
    for (_, name), kind in zip(split, kinds, strict=True):
        if kind == PERSON and _name_like(name):
            spelled.setdefault(name.casefold(), name)
            spelled.setdefault(name.split()[-1].casefold(), name.split()[-1])
    split = [(title, spelled.get(name.casefold(), name)) for title, name in split]
    parsed = [
        _Name.of(name) if kind == PERSON and _name_like(name) else None
        for (_, name), kind in zip(split, kinds, strict=True)
    ]
    fuller = {p for p in parsed if p is not None and p.full}

    keys: list[str] = []
    for (speaker, _), kind, parse in zip(mentions, kinds, parsed, strict=True):
        if kind == GROUP:
            keys.append(GROUP_PREFIX + fold_name(speaker))
        elif kind == ORGANISATION or parse is None:
            keys.append(
                fold_name(re.sub(r"[’']s$", "", re.sub(r"^(?:the|The)\s+", "", speaker))) or fold_name(speaker) or "-"
            )
        elif parse.full:
            keys.append(parse.key)
        else:
            candidates = {f.key for f in fuller if parse.fits(f)}
            keys.append(candidates.pop() if len(candidates) == 1 else parse.key)

    names: dict[str, Counter[str]] = defaultdict(Counter)
    for key, (speaker, _), (_, name), kind in zip(keys, mentions, split, kinds, strict=True):
        # Shown without a lower-case "the" before a name ("the Pentagon"), but with it before a common noun ("the
        # letter", not "letter"); a capital one mid-sentence is a title's ("The Hill").
        shown = name if kind == PERSON and name else re.sub(r"[’']s$", "", re.sub(r"^the\s+(?=[A-Z0-9])", "", speaker))
        names[key][" ".join(shown.split())] += 1
    display = {k: (_group_display(n) if is_group(k) else _display(n)) for k, n in names.items()}
    return [
        Identity(key, display[key], normalise_role(title) if title else None, kind)
        for key, (title, _), kind in zip(keys, split, kinds, strict=True)
    ]


# --- one speaker per person across a story's outlets ---------------------------------------


def resolve_speakers(quotes: Sequence[Quote]) -> list[Quote]:
    """The same quotes with one ``speaker_id``, display name, role and type per person across outlets.

    Who is the same person is decided in one place, ``identify`` (titles and
    descriptors dropped, case ignored, a bare surname joining the one fuller name that fits);
    here each person gets the fullest role any outlet gave (else the title written before the
    name: "President" from "President Trump") and the type most outlets' words support.
    Unnamed groups are "anonymous", unless their words make them citizens ("protesters"), a document
    ("a 52-count civil complaint") or a body ("several environmental groups").
    """
    said = [i for i, q in enumerate(quotes) if q.speaker]
    identities = dict(
        zip(said, identify([(quotes[i].speaker or "", quotes[i].speaker_type) for i in said]), strict=True)
    )
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for i, identity in identities.items():
        roles[identity.key][quotes[i].role or ""] += 1
        titles[identity.key][identity.title or ""] += 1
        types[identity.key][quotes[i].speaker_type] += 1
    resolved = []
    for i, quote in enumerate(quotes):
        if i not in identities:
            resolved.append(quote)
            continue
        identity = identities[i]
        key = identity.key
        role = _fullest(roles[key]) or _fullest(titles[key]) or None
        if is_group(key):
            # unnamed people; but "protesters" are citizens, "a 52-count complaint" a document
            shown = [t for t in ("citizen", "document", "organisation") if types[key][t]]
            kind = shown[0] if shown else "anonymous"
        else:
            # The type most outlets' words support; "other" only when nothing says more, not even the title.
            kind = max(types[key], key=lambda t: (t != "other", types[key][t], t))
            if kind == "other" and role:
                kind = speaker_type(identity.name, role)
        resolved.append(replace(quote, speaker=identity.name, role=role, speaker_type=kind, speaker_id=key))
    return resolved


def _fullest(counts: Counter[str]) -> str:
    """The longest wording, then the most used: the fullest role any outlet gave."""
    return max(counts, key=lambda r: (len(r.split()), counts[r], r), default="")
