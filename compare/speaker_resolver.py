"""The speaker each mention stands for: "he", "the general", "it", a name with its title.

``SpeakerIndexBuilder`` learns the people an article names, its speakers first (the likeliest
antecedents of a later "he"); ``build`` freezes them into a ``NamedPeople`` index and returns the
``SpeakerResolver`` that reads it. Registering after the build, or resolving before it, is not
possible: the builder has no ``resolve`` and the resolver no ``register``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable

from compare import settings
from compare.gender import first_name_gender
from compare.name_words import (
    ANONYMOUS_HEADS,
    BODY_HEADS,
    CONJUNCTIONS,
    DEFINITE,
    GENDER_WORDS,
    GENDERED_PRONOUNS,
    ORGANISATION_WORDS,
    PREPOSITIONS,
    THING_NOUNS,
    TITLE_WORDS,
)
from compare.named_people import OTHER, SPEAKER, SUBJECT, Named, NamedPeople, PeopleFinder
from compare.speaker_type_words import DOCUMENT_HEADS
from compare.speaker_types import speaker_type
from compare.speakers import (
    Mention,
    Speaker,
    bare_word,
    is_anonymous,
    is_title_word,
    looks_like_organisation,
    looks_like_person,
    name_key,
    names_a_place_or_thing,
    normalise_role,
    split_title,
)

_PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her"})
# What "it" and "they" can stand for: bodies and texts, unnamed sources and groups of people.
_BODY_TYPES = frozenset({"organisation", "document", "anonymous", "citizen"})


# Words that point back to something named before: "that statement", "these letters".
POINTING = DEFINITE | {"these", "those"}
# An author's name: capitalised words, and the body's lower-case words after them ("the Pentagon policy office").
_BODY_WORD = "|".join(sorted(ORGANISATION_WORDS, key=len, reverse=True))
_AUTHOR = (
    r"(?:[Tt]he\s+)?(?P<author>(?:[A-Z][\w.&’'-]*\s+){0,4}[A-Z][\w.&’'-]*"
    rf"(?:(?:\s+[a-z]+)?\s+(?:{_BODY_WORD})\b)?)"
)
_ANY_WORDS = r"(?:[\w’'-]+\s+){0,3}"
_PUT_OUT = r"(?:issued|released|put\s+out|posted|sent|published|wrote|shared|tweeted|signed|filed|read)"


@functools.cache
def _authored(head: str) -> tuple[re.Pattern[str], ...]:
    """Where a text names the author of a document with the head word ``head`` (its singular or plural)."""
    noun = rf"{re.escape(head.rstrip('s'))}s?\b"
    return (
        re.compile(rf"{_AUTHOR}\s+(?:\w+\s+)?{_PUT_OUT}\s+(?:a|an|the|its|his|her|their)\s+{_ANY_WORDS}{noun}"),
        re.compile(rf"{_AUTHOR}\s+said\s+{_ANY_WORDS}in\s+(?:a|an|its|his|her|their)\s+{_ANY_WORDS}{noun}"),
        re.compile(rf"{_AUTHOR}[’']s\s+{_ANY_WORDS}{noun}"),
        re.compile(rf"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+{_ANY_WORDS}{noun}\s+(?:from|by|out\s+of)\s+{_AUTHOR}"),
    )


def is_organisation(mention: Mention) -> bool:
    """True when a named speaker is an organisation: its name (title aside) has an organisation's word
    ("The Washington Post"), is all title ("the Pentagon policy office"), or names a place or thing
    ("Islamic State"). "Pentagon spokesman Jonathan Hoffman" is a person with a title."""
    _, name = split_title(mention.text.split())
    return not name or looks_like_organisation(name) or names_a_place_or_thing(name)


class SpeakerIndexBuilder:
    """Learns an article's people, speakers first; ``build`` returns the resolver over the frozen index."""

    def __init__(self, text: str, named: Iterable[Named], quoted: Iterable[tuple[int, int]] = ()) -> None:
        self._people = PeopleFinder(text, named, quoted)

    def register(self, mention: Mention) -> None:
        """Learn a person named as a speaker: the likeliest antecedent of a later "he"."""
        if mention.kind == "name" and not is_organisation(mention):
            self._people.add(mention.start, mention.text, SPEAKER, role=mention.role)

    def build(self) -> SpeakerResolver:
        """Find every later mention of the people learnt so far, and freeze them for resolving."""
        return SpeakerResolver(self._people.finish())


class SpeakerResolver:
    """The speaker each mention stands for. A pronoun resolves to the most salient person
    named before it: the last speaker or sentence subject in its own paragraph, then in
    the paragraphs before (up to ``settings.SPEAKER_LOOKBACK_PARAGRAPHS``), then anyone
    named there; a description ("the general") to a person the article gives that title.
    Mentions are resolved in text order: "it said" goes back to the last body resolved before it.
    """

    def __init__(self, people: NamedPeople) -> None:
        self.people = people
        self.bodies: list[tuple[int, str, Speaker]] = []  # (offset, kind, speaker) of each body or text so far

    def _person(
        self,
        key: str,
        title: str | None = None,
        gender: str | None = None,
        at: int | None = None,
        described: str | None = None,
        written: str = "",
    ) -> Speaker:
        """The person a key stands for. Between relatives who share the surname ("Bill Clinton", "Hillary
        Clinton"), the full name written at ``at`` (the mention a pronoun went back to) decides, else
        ``gender`` (from "she"/"he") by their first names; a name mention's own full name (``written``: "Donald
        Trump" where the article also names Melania Trump) decides too. ``described`` is how this mention
        describes them ("the Republican nominee", "Fisherman" in "Fisherman Tomas Reyes"): evidence of their type."""
        roles = self.people.roles.get(key, Counter())
        role = normalise_role(title) or max(roles, key=lambda r: (len(r.split()), roles[r]), default=None) or None
        name = self.people.full_name.get(key, key)
        names = self.people.full_names.get(key, Counter())
        # a name mention with another known first name than the article's usual one: a relative, as written
        relative = (
            written in names
            and first_name_gender(written.split()[0]) is not None
            and first_name_gender(name.split()[0]) is not None
            and written.split()[0] != name.split()[0]
        )
        shown = " ".join(self.people.written(at, key)[1]) if at is not None and len(names) > 1 else ""
        if shown in names:
            name = shown
        elif relative:
            name = written
        elif gender is not None and len(names) > 1:
            fitting = [n for n in names if first_name_gender(n.split()[0]) == gender]
            name = max(fitting, key=lambda n: (names[n], len(n)), default=name)
        evidence = " ; ".join(e for e in (described, self.people.described(key)) if e)
        return Speaker(name, role, speaker_type(name, role, evidence=evidence))

    def antecedent(self, before: int, fits: str | None = None, gender: str | None = None) -> tuple[int, str] | None:
        """(offset, key) of the mention a pronoun (or a description with head word ``fits``) at ``before``
        goes back to; ``gender`` ("m"/"f", from "he"/"she") rules out people shown to be of the other."""
        paragraph = max(0, bisect.bisect_right(self.people.paragraph_starts, before) - 1)
        own = self.people.paragraph_starts[paragraph] if self.people.paragraph_starts else 0
        floor = (
            self.people.paragraph_starts[max(0, paragraph - settings.SPEAKER_LOOKBACK_PARAGRAPHS)]
            if self.people.paragraph_starts
            else 0
        )
        at = bisect.bisect_left(self.people.mentions, (before, "", 0))
        window = [m for m in self.people.mentions[:at] if m[0] >= floor]
        if gender is not None:
            window = [m for m in window if self.people.mention_gender(m[0], m[1]) in (gender, None)]
        candidates = [window]
        if fits is not None:
            # "the general": at each distance, a salient person the article calls a general before one
            # it gives no role at all
            candidates = [
                [m for m in window if self.people.holds(m[1], fits)],
                [m for m in window if not self.people.roles.get(m[1])],
            ]
        for low, tiers in ((own, (SPEAKER, SUBJECT)), (floor, (SPEAKER, SUBJECT)), (floor, (SPEAKER, SUBJECT, OTHER))):
            for people in candidates:
                for offset, key, tier in reversed(people):
                    if offset >= low and tier in tiers:
                        return offset, key
        return None

    def resolve(self, mention: Mention) -> Speaker | None:
        """The speaker a mention stands for, or None when it cannot be told (e.g. "they" with no group before)."""
        found = self._resolve(mention)
        if found is not None and mention.kind != "pronoun":
            # an outlet is typed a journalist but speaks as a body: "The Washington Post reported ... It added"
            body = "organisation" if mention.kind == "name" and is_organisation(mention) else found.speaker_type
            if body in _BODY_TYPES:
                self.bodies.append((mention.start, body, found))
        return found

    def _body_before(self, mention: Mention) -> Speaker | None:
        """What "it" (a body or a text) or "they" (a group or a body) speaking at ``mention`` stands for: the
        last one that spoke before it, in its paragraph or the one before."""
        starts = self.people.paragraph_starts
        paragraph = max(0, bisect.bisect_right(starts, mention.start) - 1)
        floor = starts[max(0, paragraph - 1)] if starts else 0
        group = ("organisation", "anonymous", "citizen")
        kinds = {"it": ("organisation", "document"), "they": group, "them": group}
        fitting = kinds.get(mention.text.lower(), ())
        earlier = [s for at, body, s in self.bodies if floor <= at < mention.start and body in fitting]
        return earlier[-1] if earlier else None

    def _resolve(self, mention: Mention) -> Speaker | None:
        if mention.kind == "pronoun":
            if mention.text.lower() not in _PERSON_PRONOUNS:
                return self._body_before(mention)
            gender = GENDER_WORDS.get(mention.text.lower())
            found = self.antecedent(mention.start, gender=gender)
            return self._person(found[1], gender=gender, at=found[0]) if found else None
        if mention.kind == "description":
            return self._described(mention)
        title, name = split_title(mention.text.split())
        after_the = self.people.text[max(0, mention.start - 4) : mention.start].lower() == "the "
        abbreviated = title.endswith(".")  # "Sen." cut from its name by the parse
        if title and not name and (after_the or abbreviated) and all(is_title_word(word) for word in title.split()):
            # "the President said": a title alone, resolved like "the general" (not "King says": a surname)
            head = title.split()[-1]
            return self._described(Mention(f"the {title}", mention.start, mention.end, "description", head=head))
        if title and not name and not after_the and name_key(title) in self.people.full_name:
            title, name = "", title  # "King said" where the article names Rep. Peter King: the surname
        # a surname alone that the article gives a person is that person: "King" (a title word), and "OBAMA: “...”"
        # in a transcript or fact check (capitals, else an acronym)
        surname = len(name.split()) == 1 and name_key(name) in self.people.full_name
        if is_organisation(mention) and not (surname and (mention.text.isupper() or name == mention.text)):
            name = re.sub(r"^the\s+", "", mention.text)  # a capital "The" here is the title's ("The Hill")
            return Speaker(name, normalise_role(mention.role), speaker_type(name, mention.role, organisation=True))
        # the words before the name that are no title ("Fisherman" in "Fisherman Tomas Reyes") describe them
        lead = " ".join(name.split()[:-2])
        person = self._person(name_key(name), title, described=lead, written=name)
        role = normalise_role(mention.role)
        if role and (not person.role or role.lower() not in person.role.lower()):
            combined = f"{person.role}, {role}" if person.role else role
            evidence = " ; ".join((lead, self.people.described(name_key(name))))
            person = Speaker(person.name, combined, speaker_type(person.name, combined, evidence=evidence))
        if mention.signed and person.speaker_type == "other":
            # a signed comment from someone the article says nothing more about: a member of the public
            person = Speaker(person.name, person.role, "citizen")
        return person

    def _author_before(self, before: int, head: str) -> Speaker | None:
        """The author of the last document with the head word ``head`` the text names before ``before``, in
        its paragraph or the ones before (up to ``settings.SPEAKER_LOOKBACK_PARAGRAPHS``): "The Pentagon
        issued a statement", "Acme said in a statement", "Lopez's letter", "a report by the Senate panel"."""
        starts = self.people.paragraph_starts
        paragraph = max(0, bisect.bisect_right(starts, before) - 1)
        floor = starts[max(0, paragraph - settings.SPEAKER_LOOKBACK_PARAGRAPHS)] if starts else 0
        found = None
        for pattern in _authored(head):
            for match in pattern.finditer(self.people.text, floor, before):
                if found is None or match.start() > found.start():
                    found = match
        if found is None:
            return None
        start, words = found.start("author"), found.group("author").split()
        while len(words) > 1 and bare_word(words[0]) in CONJUNCTIONS | PREPOSITIONS:  # "But Lopez's letter"
            start = self.people.text.index(words[1], start + len(words[0]))
            words = words[1:]
        if re.search(r"(?:\band|&)\s*(?:the\s+)?$", self.people.text[max(0, start - 6) : start]):
            return None  # "Trump and Ryan issued a statement": a joint text has no one author
        name = " ".join(words)
        if not (looks_like_person(name) or name_key(name) in self.people.full_name):
            # "the Holocaust Museum issued a statement": a body, whatever its name's words
            return Speaker(name, None, speaker_type(name, None, organisation=True))
        speaker = self._resolve(Mention(name, start, found.end("author"), "name"))
        return speaker if speaker is not None and speaker.speaker_type != "document" else None

    def _described(self, mention: Mention) -> Speaker | None:
        """ "the general", "The GOP front-runner": the fitting person named before; "a senior official",
        "the source": anonymous; "that statement": its author named before, if any; "a statement", "the
        campaign": the description itself."""
        head = bare_word(mention.head)
        words = mention.text.lower().split()
        if head in DOCUMENT_HEADS and words[0] in POINTING:
            # "that early media statement": the statement an author named before put out speaks for them
            author = self._author_before(mention.start, head)
            if author is not None:
                return author
        if head in DOCUMENT_HEADS or head in BODY_HEADS:
            # "a 52-count civil complaint", "several environmental groups": a text or a body, not someone unnamed
            kind = speaker_type(mention.text, None, organisation=head in BODY_HEADS)
            return Speaker(mention.text, None, kind)
        if is_anonymous(mention.text) or (words[0] in DEFINITE and head in ANONYMOUS_HEADS):
            return Speaker(mention.text, None, "anonymous")
        if head in ORGANISATION_WORDS or head in THING_NOUNS or words[0] not in DEFINITE:
            organisation = looks_like_organisation(mention.text)
            return Speaker(mention.text, None, speaker_type(mention.text, None, organisation=organisation))
        # "the New York businessman", "the former first lady": a gendered noun rules out the other gender
        gender = next(
            (
                GENDER_WORDS[bare_word(w)]
                for w in words
                if bare_word(w) in GENDER_WORDS and bare_word(w) not in GENDERED_PRONOUNS
            ),
            None,
        )
        found = self.antecedent(mention.start, fits=head, gender=gender) if head in TITLE_WORDS else None
        found = found or self.antecedent(mention.start, gender=gender)
        if found:
            return self._person(found[1], gender=gender, at=found[0], described=mention.text)
        return Speaker(mention.text, None, speaker_type(mention.text, mention.text))
