"""Who is speaking: names, titles, speaker types, and one canonical speaker per person.

``compare.quotes`` finds the words that name a speaker ("Defense Secretary Mark Esper",
"a senior official", "the general"); this module turns them into a name, a normalised
role and a ``speaker_type``, and merges the variants different outlets use for one
person ("Gen. Milley", "Mark Milley", "Army General Mark Milley", "Milley") into one
``speaker_id``. Everything here is plain string work on spaCy-free inputs, so it is
cheap and testable on its own.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from compare import settings
from compare.gender import first_name_gender
from compare.model import Quote
from compare.nlp import lexicon, paragraph_spans
from compare.speaker_type_words import DOCUMENT_HEADS
from compare.speaker_types import speaker_type

# Words that make up a title, not a name ("Defense Secretary Mark Esper" -> name "Mark Esper").
# Lower-case, without the abbreviation's full stop.
TITLE_WORDS = lexicon(
    """
    president vice secretary undersecretary gen general sen senator rep representative gov governor mayor
    minister prime chairman chairwoman chair director spokesman spokeswoman spokesperson ambassador adm
    admiral col colonel lt lieutenant maj major capt captain sgt sergeant cmdr commander dr prof professor
    mr mrs ms miss judge justice attorney chief executive officer speaker leader candidate nominee former
    deputy press acting assistant senior top commissioner councilman councilwoman congressman congresswoman
    lawmaker sheriff superintendent pastor rev reverend bishop pope king queen prince princess sir lord dame
    coach head correspondent reporter editor columnist anchor host analyst economist professor founder ceo
    cfo coo chancellor premier treasurer trustee advisor adviser aide strategist pollster manager
    chairperson delegate ayatollah sheikh emir sultan first lady ret retired republican republicans democrat
    democrats democratic gop conservative liberal independent libertarian progressive
    """
)

# Departments a title names before the person: "Secretary of State John Kerry".
_DEPARTMENTS = lexicon("state defense defence energy labor labour commerce treasury agriculture education homeland")

_PARTY_TAG = re.compile(r"[DRI](?:[-–][A-Z][\w. ]{0,20})?")

# Honorifics carry no role: "Mr. Trump" has no title worth showing.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "sir", "dame"})

# Abbreviated titles, spelled out so that "Gen." and "General" compare equal.
ABBREVIATIONS = {
    "gen": "General",
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "lt": "Lieutenant",
    "col": "Colonel",
    "adm": "Admiral",
    "sgt": "Sergeant",
    "capt": "Captain",
    "cmdr": "Commander",
    "maj": "Major",
    "pres": "President",
    "prof": "Professor",
    "rev": "Reverend",
    "atty": "Attorney",
    "supt": "Superintendent",
    "ret": "retired",
}

# Words that mark an organisation rather than a person, when the parser gives no entity label.
ORGANISATION_WORDS = lexicon(
    """
    department ministry agency office committee commission council campaign party pentagon administration
    government house senate congress parliament court army navy command police company corporation inc corp
    ltd group union association institute foundation university college bank fund board bureau service
    services organization organisation center centre network times post news journal press tribune herald
    gazette dispatch magazine daily reuters agence afp ap cnn msnbc nbc cbs abc fox bbc guardian telegraph
    politico breitbart huffpost huffington bloomberg axios economist xinhua tass kremlin coalition alliance
    forces embassy council secretariat nato un statement report letter memo release
    """
)

_ANONYMOUS = re.compile(
    r"^(?:(?:a|an|one|two|three|several|some|many|other|another|various|multiple|unnamed|anonymous)\b.*|"
    r"(?:senior |top |administration |government |us |u\.s\. |military |defense |intelligence )*"
    r"(?:officials|sources|aides|people|insiders|advisers|advisors|diplomats|officers|staffers)\b.*)$",
    re.I,
)

# First and last words of place names and laws ("Affordable Care Act"), which otherwise read like "First Last"
# person names.
_PLACE_STARTS = lexicon(
    """
    new south north east west central los las san santa st saint united great hong sri saudi el fort port
    lake mount upper lower greater palm puerto costa cape middle
    """
)
_PLACE_ENDS = lexicon(
    """
    city county state states island islands river valley beach street avenue square park bay coast kingdom
    republic province region district hills heights airport station america europe asia africa
    act amendment treaty accord accords doctrine
    """
)

# Capitalised words that are never part of a person's name.
_NOT_NAMES = lexicon(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december twitter facebook instagram youtube google americans american muslims
    muslim christians jews democrats republicans
    """
)

# Words that open sentences in capitals without being anyone's name ("In Washington,", "The Pentagon said").
_NOT_PERSON_OPENERS = lexicon(
    """
    the a an this that these those it its he she they we i you his her their our my your in on at of for from
    by with to as but and or so yet if when while after before since though although because then there here
    what who which where why how however meanwhile still instead also later earlier now today yesterday
    tomorrow last next one two many some most all both each every no not officials police critics experts
    """
)

_NAME_TOKEN = re.compile(r"[\w’'.-]+")
_PARTICLES = frozenset({"de", "da", "del", "der", "van", "von", "bin", "al", "la", "le", "di", "du", "ibn"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _bare(word: str) -> str:
    """A word lower-cased without full stops or a possessive, for lexicon look-ups."""
    word = word.lower().replace("’", "'")
    word = word[:-2] if word.endswith("'s") else word
    return word.strip(".'")


def is_title_word(word: str) -> bool:
    """True for words that belong to a title ("Secretary", "Gen.") rather than to a name."""
    return _bare(word) in TITLE_WORDS


def split_title(words: Sequence[str]) -> tuple[str, str]:
    """("Defense Secretary", "Mark Esper") from ["Defense", "Secretary", "Mark", "Esper"].

    The name is the longest run of capitalised non-title words at the end; what comes
    before it is the title. A phrase that ends in a title word ("the Defense Secretary")
    is all title.
    """
    cut = len(words)
    while cut > 0:
        word = words[cut - 1]
        bare = _bare(word)
        if bare in TITLE_WORDS or not (word[:1].isupper() or bare in _PARTICLES):
            break
        cut -= 1
    # "Secretary of State John F. Kerry": the department belongs to the title
    while 0 < cut < len(words) - 2 and _bare(words[cut - 1]) == "of" and _bare(words[cut]) in _DEPARTMENTS:
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def normalise_role(role: str | None) -> str | None:
    """A title as one comparable string: abbreviations spelled out, honorifics and articles dropped."""
    if not role:
        return None
    words: list[str] = []
    for word in role.replace("\n", " ").split():
        bare = _bare(word)
        if bare in HONORIFICS or (not words and bare in {"the", "a", "an", "its", "his", "her", "their"}):
            continue
        words.append(ABBREVIATIONS.get(bare, word) if word.endswith(".") or bare in ABBREVIATIONS else word)
    text = " ".join(words).strip(" ,;:-—–()")
    text = re.sub(r"\s+([,)])", r"\1", text)
    # a party tag is no role ("Gov. John Kasich (R-OH)", "Attorney General Roy Cooper (D)")
    text = ", ".join(part for part in text.split(", ") if not _PARTY_TAG.fullmatch(part.strip("() ")))
    return text or None


def name_key(name: str) -> str:
    """The surname, folded to plain lower-case ASCII: what outlets share when they name one person."""
    words = [w for w in _NAME_TOKEN.findall(name) if _bare(w) not in _SUFFIXES and not is_title_word(w)]
    if not words:
        return _fold(name)
    return _fold(_bare(words[-1]))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode().lower()).strip("-")


def looks_like_organisation(name: str) -> bool:
    """True when a name reads as an organisation or outlet: "the Pentagon policy office", "The Washington
    Post", or an acronym ("CNN", "ACLU")."""
    words = name.split()
    return any(_bare(w) in ORGANISATION_WORDS for w in words) or (
        bool(words) and all(w.isupper() and len(w.strip(".")) > 1 for w in words)
    )


def looks_like_person(words: str) -> bool:
    """True when a run of proper nouns reads as a person's name: a title and a name ("Gen. Milley") or two
    or more name words ("Mark Milley"), and nothing of an organisation or a place ("New Hampshire")."""
    title, name = split_title(words.split())
    parts = name.split()
    if not parts or looks_like_organisation(words) or not (title or len(parts) >= 2):
        return False
    return not names_a_place_or_thing(name)


def names_a_place_or_thing(name: str) -> bool:
    """True when capitalised words read as a place or a thing, not a person: "Middle East", "Islamic State",
    "White America", "Saturday"."""
    parts = name.split()
    if not parts or any(_bare(part) in _NOT_NAMES for part in parts):
        return True
    return _bare(parts[0]) in _PLACE_STARTS or _bare(parts[-1]) in _PLACE_ENDS


def _reads_as_a_person(words: str) -> bool:
    """True when a sentence-opening run of capitalised words can be a person's name."""
    parts = words.split()
    return (
        _bare(parts[0]) not in _NOT_PERSON_OPENERS
        and not looks_like_organisation(words)
        and not names_a_place_or_thing(words)
    )


def is_anonymous(description: str) -> bool:
    """True for unnamed sources: "a senior official", "officials", "people familiar with the matter"."""
    return bool(_ANONYMOUS.match(description.strip()))


# --- speakers inside one article -----------------------------------------------------------


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


_HONORIFIC_NAME = re.compile(
    r"(?:\b[A-Z][\w’'-]+\s+){0,2}\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Adm|Sgt|Capt|Cmdr|Maj|Prof|President|Secretary|Senator|General|"
    r"Governor|Minister|Ambassador|Admiral|Colonel|Judge|Mayor|Chairman|Director|Spokesman|Spokeswoman)\.?"
    r"\s+((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)"
)
_PERSON_PRONOUNS = frozenset({"he", "she", "i"})
# A sentence that opens with a name and goes on to speak ("Tarar said", "Sandy Phillips, who lost her
# daughter,"): the person it is about, though the parser never read it. One word needs the speech verb
# ("However," is no one); two or three words may be followed by a comma (an apposition). Name words may
# be hyphenated ("Jo-Renee Formicola").
_NAME_WORD = r"[A-Z][a-z’'-]+(?:-[A-Z][a-z’']+)*"
_SUBJECT_NAME = re.compile(
    rf"\s*((?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD}(?=,\s)|(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}"
    r"(?=\s+(?:said|says|told|wrote|writes|added|adds|argued|argues|noted|notes|explained|insisted|warned)\b))"
)


# How likely a mention is to be what "he said" points back to: the speaker of an earlier
# quote first, then a person who is the subject of a sentence, then any other mention.
SPEAKER, SUBJECT, OTHER = 0, 1, 2


@dataclass(frozen=True)
class Named:
    """A person named in the article text, found by the parser."""

    start: int
    words: str
    subject: bool  # the parser made it the subject of its sentence


class NamedPeople:
    """Everyone an article names, and where: the index "he" and "the general" are resolved against.

    Built from the people the parser found (speakers, PERSON entities) plus a cheap scan
    of the whole text for their surnames and for titled names ("Gen. Milley"), because
    most of an article is never parsed; each mention keeps a salience tier (SPEAKER, SUBJECT,
    OTHER), the person's fullest name, roles and, where the text shows it, gender.
    """

    def __init__(self, text: str, named: Iterable[Named], quoted: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text
        self.full_name: dict[str, str] = {}  # surname key -> the full name the article uses most
        self.full_names: dict[str, Counter[str]] = defaultdict(Counter)
        self.roles: dict[str, Counter[str]] = defaultdict(Counter)
        self.mentions: list[tuple[int, str, int]] = []  # (offset, person key, salience tier)
        self.paragraph_starts = [s for s, _ in paragraph_spans(text)]
        self.sentence_starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        self.quoted = sorted(quoted)
        self.gender: dict[str, str] = {}  # person key -> "m" / "f", known after finish()
        self.pronoun_after: dict[int, str] = {}  # mention offset -> gender of the pronoun that follows it
        self._described: dict[str, str] = {}  # person key -> how the article describes them (``described``)
        for person in named:
            self.add(person.start, person.words, SUBJECT if person.subject else OTHER)
        for match in _HONORIFIC_NAME.finditer(text):
            self.add(match.start(), match.group(), SUBJECT if self._opens_sentence(match.start()) else OTHER)
        for start in self.sentence_starts:
            subject = _SUBJECT_NAME.match(text, start)
            if subject and _reads_as_a_person(subject.group(1)):
                self.add(subject.start(1), subject.group(1), SUBJECT)
        # runs of capitalised words, scanned once: for first-name people here, for known surnames in finish()
        self.runs = list(_capitalised_runs(text))
        for run_start, run in self.runs:
            # "presidential nominee Hillary Clinton was more circumspect": a known first name and a surname
            offset, words = self._first_name_run(run_start, run)
            if words:
                self.add(offset, words, SUBJECT if self._opens_sentence(offset) else OTHER)

    @staticmethod
    def _first_name_run(run_start: int, run: str) -> tuple[int, str]:
        """(offset, words) of the person's name a capitalised run holds when it opens, after any sentence
        opener or title ("But", "Sen."), with a common first name and a surname: "Hillary Clinton", not
        "Wells Fargo"; (0, "") otherwise."""
        words = run.split()
        skip = 0
        while skip < len(words) and (_bare(words[skip]) in _NOT_PERSON_OPENERS or is_title_word(words[skip])):
            skip += 1
        name = words[skip:]
        if len(name) < 2 or first_name_gender(name[0]) is None or not looks_like_person(" ".join(name)):
            return 0, ""
        return run_start + run.index(name[0]), " ".join(name)

    def _opens_sentence(self, offset: int) -> bool:
        """True when nothing but a few words precede a name in its sentence, the last of them neither a
        preposition nor a verb that takes a clause ("McLenney said Clinton doesn't ...": Clinton is not who
        the sentence is about), and the name is no possessive: the cheap reading of "subject of the
        sentence" for text never parsed."""
        sentence = self.sentence_starts[bisect.bisect_right(self.sentence_starts, offset) - 1]
        before = self.text[sentence:offset].split()
        after = self.text[offset : offset + 60]
        possessive = re.match(r"[\w.-]+(?:\s+[A-Z][\w.-]+)*[’']s\b", after) is not None
        # "Reid said that Sanders has energized ...": a name inside what someone said is not who the
        # sentence is about, however short the lead
        reported = any(_bare(w) in _CLAUSE_VERBS for w in before) or (bool(before) and _bare(before[-1]) == "that")
        governed = bool(before) and (before[-1].lower() in _PREPOSITIONS or before[-1].lower() in _CLAUSE_VERBS)
        governed = governed or reported
        after_clause = bool(before) and (before[-1].endswith(",") or before[-1].lower() in _CONJUNCTIONS)
        return not possessive and not governed and (len(before) <= 3 or after_clause)

    def _inside_quote(self, offset: int) -> bool:
        at = bisect.bisect_right(self.quoted, (offset, len(self.text))) - 1
        return at >= 0 and offset < self.quoted[at][1]

    def add(self, start: int, words: str, tier: int) -> str | None:
        """Record a person named at ``start``; returns their key."""
        title, name = split_title(re.sub(r"[’']s\b", "", words).split())
        if not name or looks_like_organisation(name) or self._inside_quote(start):
            return None
        key = name_key(name)
        if len(name.split()) >= 2:
            self.full_names[key][name] += 1
            self.full_name[key] = max(self.full_names[key], key=lambda n: (self.full_names[key][n], len(n)))
        elif key not in self.full_name:
            self.full_name[key] = name
        role = normalise_role(title)
        if role and _bare(role) not in HONORIFICS:
            self.roles[key][role] += 1
        self.mentions.append((start, key, tier))
        return key

    def finish(self) -> None:
        """Find every later mention of the people learnt so far by their surname; call once, before resolving."""
        known = {m[:2] for m in self.mentions}
        surnames = {name_key(name): key for key, name in self.full_name.items()}
        # One pass over every run of capitalised words ("Gen. Mark Milley"): a run ending in a known
        # surname is a mention of that person, starting where the run starts.
        for run_start, run in self.runs:
            key = surnames.get(name_key(run.split()[-1]))
            if key is not None and (run_start, key) not in known and not self._inside_quote(run_start):
                tier = SUBJECT if self._opens_sentence(run_start) else OTHER
                self.mentions.append((run_start, key, tier))
                _, written = self.written(run_start, key)
                if len(written) >= 2 and looks_like_person(" ".join(written)):
                    # a relative sharing the surname ("Rakeyia Scott"), named once with no speech verb
                    self.full_names[key][" ".join(written)] += 1
        best: dict[tuple[int, str], int] = {}
        for offset, key, tier in self.mentions:
            best[(offset, key)] = min(tier, best.get((offset, key), OTHER))
        self.mentions = sorted((offset, key, tier) for (offset, key), tier in best.items())
        for key, names in self.full_names.items():
            if names:
                self.full_name[key] = max(names, key=lambda n: (names[n], len(n)))
        self.gender = self._genders()

    def _genders(self) -> dict[str, str]:
        """ "m" or "f" for the people whose gender the article shows: a gendered title ("Mrs.", "spokeswoman")
        or the pronoun that first follows a mention of them in the same sentence ("Sandy Phillips, who lost
        her daughter"), and a clearly gendered first name ("Hillary Clinton"). People without such evidence,
        or with mixed evidence, get none."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for key, names in self.full_names.items():
            for name in names:
                gender = first_name_gender(name.split()[0])
                if gender is not None:
                    votes[key][gender] += 1
        for key, roles in self.roles.items():
            for word in " ".join(roles).split():
                if _bare(word) in _GENDERED:
                    votes[key][_GENDERED[_bare(word)]] += 1
        for index, (offset, key, _) in enumerate(self.mentions):
            honorific = _bare(self.text[offset : offset + 5].split(" ")[0])
            if honorific in _GENDERED:
                votes[key][_GENDERED[honorific]] += 1
            following = self.mentions[index + 1][0] if index + 1 < len(self.mentions) else len(self.text)
            sentence = bisect.bisect_right(self.sentence_starts, offset)
            sentence_end = self.sentence_starts[sentence] if sentence < len(self.sentence_starts) else len(self.text)
            pronoun = _GENDERED_PRONOUN.search(self.text, offset, min(following, sentence_end, offset + 200))
            if pronoun and not self._inside_quote(pronoun.start()):
                votes[key][_GENDERED[pronoun.group().lower()]] += 1
                self.pronoun_after[offset] = _GENDERED[pronoun.group().lower()]
        return {
            key: max(count, key=count.__getitem__)
            for key, count in votes.items()
            if len(set(count.values())) == len(count)
        }

    def written(self, offset: int, key: str) -> tuple[str | None, list[str]]:
        """What the mention at ``offset`` writes: the gender of its honorific ("Mrs."), if any, and its name
        words up to the surname ("Ivanka Trump" in "But Ivanka Trump's"); no words when the surname is not
        reached within a few words."""
        honorific: str | None = None
        name: list[str] = []
        for word in self.text[offset : offset + 80].split()[:6]:
            bare = _bare(word)
            if not name and bare in _GENDERED and bare not in _PRONOUNS:
                honorific = _GENDERED[bare]
            elif not name and (is_title_word(word) or bare in _NOT_PERSON_OPENERS):
                continue
            else:
                name.append(re.sub(r"[’']s$", "", word).strip(",.;:"))
                if name_key(word) == key:
                    return honorific, name
        return honorific, []

    def mention_gender(self, offset: int, key: str) -> str | None:
        """The gender of the person named at ``offset``. A bare surname is the person the article's key
        stands for; a full name can be a relative sharing the surname ("Ivanka Trump" where "Trump" is
        mostly Donald, "Rakeyia Scott ... her husband"), known by the honorific or first name written there
        or the pronoun that follows it."""
        honorific, written = self.written(offset, key)
        if honorific is not None:
            return honorific
        if len(written) >= 2:
            shown = first_name_gender(written[0]) or self.pronoun_after.get(offset)
            if shown is not None or len(self.full_names.get(key, ())) > 1:
                return shown
        return self.gender.get(key)

    def described(self, key: str) -> str:
        """How the article describes a person around their mentions (see ``describing_words``)."""
        if key not in self._described:
            self._described[key] = describing_words(self, key)
        return self._described[key]

    def holds(self, key: str, title: str) -> bool:
        """True when the person's known roles include ``title``."""
        return any(title in role.lower() for role in self.roles.get(key, ()))


def describing_words(people: NamedPeople, key: str) -> str:
    """How the article describes a person around their mentions, for their speaker type: the words
    right before each ("Republican presidential nominee Donald Trump", "Republican" opening the run of
    capitalised words) and a party tag or a campaign right after ("Rep. Jim Jordan (R-Ohio)", "the Trump
    campaign"), joined by " ; "."""
    found = []
    own = {_bare(w) for w in people.full_name.get(key, key).split()} | {key}
    for offset, person, _ in people.mentions:
        if person != key:
            continue
        sentence = people.sentence_starts[bisect.bisect_right(people.sentence_starts, offset) - 1]
        run: list[str] = []
        for word in reversed(people.text[max(sentence, offset - 60) : offset].split()):
            if _bare(word) in _RUN_BREAKS or _PUNCTUATION.search(word):
                break
            run.insert(0, word)
        found.append(" ".join(run[-5:]))
        after = _AFTER_NAME.match(people.text, offset)
        if after is None:
            continue
        named = people.text[offset : after.start(1)] if after.group(1) else after.group()
        words = named.split()
        found.append(" ".join(words[: next((i for i, w in enumerate(words) if _bare(w) in own), 0)]))
        found.append(after.group(1) or "")
    return " ; ".join(f for f in found if f)


class SpeakerResolver:
    """The speaker each mention stands for. A pronoun resolves to the most salient person
    named before it: the last speaker or sentence subject in its own paragraph, then in
    the paragraphs before (up to ``settings.SPEAKER_LOOKBACK_PARAGRAPHS``), then anyone
    named there; a description ("the general") to a person the article gives that title.
    """

    def __init__(self, text: str, named: Iterable[Named], quoted: Iterable[tuple[int, int]] = ()) -> None:
        self.people = NamedPeople(text, named, quoted)
        self.bodies: list[tuple[int, Speaker]] = []  # (offset, speaker) of each body or text resolved so far

    @staticmethod
    def is_organisation(mention: Mention) -> bool:
        """True when a named speaker is an organisation: its name (title aside) has an organisation's word
        ("The Washington Post"), is all title ("the Pentagon policy office"), or names a place or thing
        ("Islamic State"). "Pentagon spokesman Jonathan Hoffman" is a person with a title."""
        _, name = split_title(mention.text.split())
        return not name or looks_like_organisation(name) or names_a_place_or_thing(name)

    def register(self, mention: Mention) -> None:
        """Learn a person named as a speaker: the likeliest antecedent of a later "he"."""
        if mention.kind == "name" and not self.is_organisation(mention):
            key = self.people.add(mention.start, mention.text, SPEAKER)
            if key is not None and mention.role:
                self.people.roles[key][normalise_role(mention.role) or ""] += 1

    def finish(self) -> None:
        """Find every later mention of the people learnt so far; call once, before resolving."""
        self.people.finish()

    def _person(
        self,
        key: str,
        title: str | None = None,
        gender: str | None = None,
        at: int | None = None,
        described: str | None = None,
    ) -> Speaker:
        """The person a key stands for. Between relatives who share the surname ("Bill Clinton", "Hillary
        Clinton"), the full name written at ``at`` (the mention a pronoun went back to) decides, else
        ``gender`` (from "she"/"he") by their first names. ``described`` is how this mention describes
        them ("the Republican nominee", "Fisherman" in "Fisherman Tomas Reyes"): evidence of their type."""
        roles = self.people.roles.get(key, Counter())
        role = normalise_role(title) or max(roles, key=lambda r: (len(r.split()), roles[r]), default=None) or None
        name = self.people.full_name.get(key, key)
        names = self.people.full_names.get(key, Counter())
        written = " ".join(self.people.written(at, key)[1]) if at is not None and len(names) > 1 else ""
        if written in names:
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
        if found is not None and found.speaker_type in _BODY_TYPES and mention.kind != "pronoun":
            self.bodies.append((mention.start, found))
        return found

    def _body_before(self, mention: Mention) -> Speaker | None:
        """What "it" (a body or a text) or "they" (a group or a body) speaking at ``mention`` stands for: the
        last one that spoke before it, in its paragraph or the one before."""
        starts = self.people.paragraph_starts
        paragraph = max(0, bisect.bisect_right(starts, mention.start) - 1)
        floor = starts[max(0, paragraph - 1)] if starts else 0
        kinds = {"it": ("organisation", "document"), "they": ("organisation", "anonymous", "citizen")}
        fitting = kinds.get(mention.text.lower(), ())
        earlier = [s for at, s in self.bodies if floor <= at < mention.start and s.speaker_type in fitting]
        return earlier[-1] if earlier else None

    def _resolve(self, mention: Mention) -> Speaker | None:
        if mention.kind == "pronoun":
            if mention.text.lower() not in _PERSON_PRONOUNS:
                return self._body_before(mention)
            gender = _GENDERED.get(mention.text.lower())
            found = self.antecedent(mention.start, gender=gender)
            return self._person(found[1], gender=gender, at=found[0]) if found else None
        if mention.kind == "description":
            return self._described(mention)
        title, name = split_title(mention.text.split())
        if self.is_organisation(mention):
            name = re.sub(r"^the\s+", "", mention.text)  # a capital "The" here is the title's ("The Hill")
            return Speaker(name, normalise_role(mention.role), speaker_type(name, mention.role, organisation=True))
        # the words before the name that are no title ("Fisherman" in "Fisherman Tomas Reyes") describe them
        lead = " ".join(name.split()[:-2])
        person = self._person(name_key(name), title, described=lead)
        role = normalise_role(mention.role)
        if role and (not person.role or role.lower() not in person.role.lower()):
            combined = f"{person.role}, {role}" if person.role else role
            evidence = " ; ".join((lead, self.people.described(name_key(name))))
            person = Speaker(person.name, combined, speaker_type(person.name, combined, evidence=evidence))
        if mention.signed and person.speaker_type == "other":
            # a signed comment from someone the article says nothing more about: a member of the public
            person = Speaker(person.name, person.role, "citizen")
        return person

    def _described(self, mention: Mention) -> Speaker | None:
        """ "the general", "The GOP front-runner": the fitting person named before; "a senior official",
        "the source": anonymous; "the statement", "the campaign": the description itself."""
        head = _bare(mention.head)
        words = mention.text.lower().split()
        if head in DOCUMENT_HEADS or head in _BODY_HEADS:
            # "a 52-count civil complaint", "several environmental groups": a text or a body, not someone unnamed
            kind = speaker_type(mention.text, None, organisation=head in _BODY_HEADS)
            return Speaker(mention.text, None, kind)
        if is_anonymous(mention.text) or (words[0] in _DEFINITE and head in _ANONYMOUS_HEADS):
            return Speaker(mention.text, None, "anonymous")
        if head in ORGANISATION_WORDS or head in _THING_NOUNS or words[0] not in _DEFINITE:
            organisation = looks_like_organisation(mention.text)
            return Speaker(mention.text, None, speaker_type(mention.text, None, organisation=organisation))
        # "the New York businessman", "the former first lady": a gendered noun rules out the other gender
        gender = next((_GENDERED[_bare(w)] for w in words if _bare(w) in _GENDERED and _bare(w) not in _PRONOUNS), None)
        found = self.antecedent(mention.start, fits=head, gender=gender) if head in TITLE_WORDS else None
        found = found or self.antecedent(mention.start, gender=gender)
        if found:
            return self._person(found[1], gender=gender, at=found[0], described=mention.text)
        return Speaker(mention.text, None, speaker_type(mention.text, mention.text))


_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3}")


def _capitalised_runs(text: str) -> Iterable[tuple[int, str]]:
    """(offset, words) of each run of capitalised words, cut where a sentence ends inside it ("at Scott.
    Rakeyia Scott can be heard" is two runs) but not after a title or an initial ("Gen. Mark A. Milley")."""
    for run in _CAPITALISED_RUN.finditer(text):
        start = run.start()
        for word in re.finditer(r"\S+", run.group()):
            ends = word.end() < len(run.group()) and word.group().endswith(".")
            abbreviation = is_title_word(word.group()) or len(word.group()) <= 2 or "." in word.group()[:-1]
            if ends and not abbreviation:
                yield start, text[start : run.start() + word.end()]
                start = run.start() + word.end() + 1
                while text[start] in " \t":
                    start += 1
        yield start, text[start : run.end()]


# After a mention's name words: a party tag ("(R-Ohio)", ", R-Ky.,", "(D)"), the person's campaign, an
# appositive (", a political scientist at Christopher Newport University,") or an affiliation ("Cameron Easley
# for Morning Consult", "Mr. Morgan of the Sierra Club").
_AFTER_NAME = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*(?:[’']s)?"
    r"(\s*\([DRI](?:[-–][^)]{1,20})?\)|,\s+[DRI][-–][A-Z][\w.]*,|\s+campaign\b"
    r"|,\s+(?:a|an|the)\s+[^,.;:“”\"()]{3,90}?(?=,|\s+(?:said|says|told|who)\b)"
    r"|\s+(?:of|for|at)\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*\s?){1,5})?"
)
_CONJUNCTIONS = lexicon("and but while as so because when although though after before since yet or")
# Verbs whose object or reported clause a following name belongs to ("told Kelly", "believes McConnell is").
_CLAUSE_VERBS = lexicon(
    """
    said says told tells asked asks added adds argued argues noted notes wrote writes claimed claims insisted
    warned explained suggested believe believes believed think thinks thought thanked praised criticized urged
    """
)
_PREPOSITIONS = lexicon(
    """
    of to with by for from about against at on in into over under than like as toward towards between among
    """
)
# What ends the run of words describing a name from the left: "supporters of Trump", "said Trump".
_RUN_BREAKS = _PREPOSITIONS | _CONJUNCTIONS | _CLAUSE_VERBS | lexicon("is was are were has had have who that")
_PUNCTUATION = re.compile(r"[,;:()“”\"—–]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z])|\n+")
# Words that show a person's gender: honorifics, gendered titles and nouns, pronouns.
_GENDERED = {
    **dict.fromkeys(
        lexicon(
            "mr he his him himself sir spokesman congressman chairman businessman king prince husband father son "
            "brother man"
        ),
        "m",
    ),
    **dict.fromkeys(
        lexicon(
            "mrs ms miss she her hers herself dame spokeswoman congresswoman chairwoman businesswoman queen princess "
            "actress lady wife mother daughter sister woman widow"
        ),
        "f",
    ),
}
_PRONOUNS = lexicon("he his him himself she her hers herself")
_BODY_TYPES = frozenset({"organisation", "document", "anonymous", "citizen"})
_GENDERED_PRONOUN = re.compile(r"\b(?:he|his|him|himself|she|her|hers|herself)\b", re.I)
_DEFINITE = frozenset({"the", "this", "that"})
_ANONYMOUS_HEADS = lexicon("source sources insider insiders aide aides person people official officials")
# Heads of descriptions of bodies: "several environmental groups" are not unnamed people.
_BODY_HEADS = lexicon("group groups organization organizations organisation organisations companies unions agencies")
# Heads of descriptions that are things or bodies, never a person to look back for.
_THING_NOUNS = lexicon(
    """
    statement report ad advertisement email e-mail letter memo release tweet post message video book piece story
    article editorial website site paper newspaper magazine page document filing study survey poll data record
    transcript speech interview line sign campaign group team crowd audience rally council
    panel lawsuit complaint petition order ruling decision bill law plan proposal platform agreement deal
    """
)


# --- per-story tables ----------------------------------------------------------------------

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
