"""Everyone an article names, and where: the index "he" and "the general" are resolved against.

``PeopleFinder`` collects the people the parser found (speakers, PERSON entities) and a cheap scan of
the whole text (titled names, sentence-opening names, first-name people), then ``finish`` finds their
later mentions by surname and returns ``NamedPeople``, a frozen index: nothing can be added once it
is read, so no pronoun is ever resolved against half the article's people.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from compare.gender import first_name_gender
from compare.name_words import (
    ARTICLES,
    CLAUSE_VERBS,
    CONJUNCTIONS,
    COORDINATORS,
    GENDER_WORDS,
    GENDERED_PRONOUNS,
    HONORIFICS,
    NOT_PERSON_OPENERS,
    PREPOSITIONS,
    RUN_BREAKS,
    SUBJECT_PRONOUNS,
    SUFFIXES,
    VERB_SIGNS,
)
from compare.nlp import paragraph_spans, sentence_spans
from compare.speakers import (
    bare_word,
    described_before_first_name,
    glued_words,
    is_title_word,
    looks_like_organisation,
    looks_like_person,
    name_key,
    normalise_role,
    reads_as_a_person,
    split_title,
)

_HONORIFIC_NAME = re.compile(
    r"(?:\b[A-Z][\w’'-]+\s+){0,2}\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Adm|Sgt|Capt|Cmdr|Maj|Prof|President|Secretary|Senator|General|"
    r"Governor|Minister|Ambassador|Admiral|Colonel|Judge|Mayor|Chairman|Director|Spokesman|Spokeswoman)\.?"
    r"\s+((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)"
)

# A sentence that opens with a name and goes on to speak ("Tarar said", "Sandy Phillips, who lost her
# daughter,"): the person it is about, though the parser never read it. One word needs the speech verb
# ("However," is no one); two or three words may be followed by a comma (an apposition). Name words may
# be hyphenated ("Jo-Renee Formicola").
_NAME_WORD = r"[A-Z][a-z’'-]+(?:-[A-Z][a-z’']+)*"

_SUBJECT_NAME = re.compile(
    rf"\s*((?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD}(?=,\s)|(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}"
    r"(?=\s+(?:said|says|told|wrote|writes|added|adds|argued|argues|noted|notes|explained|insisted|warned)\b))"
)

# One capitalised word and a lower-case word opening a sentence ("West landed ...", "Bujnowski also interviewed")
# or a clause after a comma ("..., West landed"): a surname as its sentence's subject.
_SURNAME_SUBJECT = re.compile(rf"\s*({_NAME_WORD})\s+[a-z]")
_SURNAME_AFTER_CLAUSE = re.compile(rf"(?<=[a-z0-9],\s)({_NAME_WORD})\s+[a-z]")

# How likely a mention is to be what "he said" points back to: the speaker of an earlier
# quote first, then a person who is the subject of a sentence, then any other mention.
SPEAKER, SUBJECT, OTHER = 0, 1, 2

# After a mention's name words: a party tag ("(R-Ohio)", ", R-Ky.,", "(D)"), the person's campaign, an
# appositive (", a political scientist at Christopher Newport University,") or an affiliation ("Cameron Easley
# for Morning Consult", "Mr. Morgan of the Sierra Club").
_AFTER_NAME = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*(?:[’']s)?"
    r"(\s*\([DRI](?:[-–][^)]{1,20})?\)|,\s+[DRI][-–][A-Z][\w.]*,|\s+campaign\b"
    r"|,\s+(?:a|an|the)\s+[^,.;:“”\"()]{3,90}?(?=,|\s+(?:said|says|told|who)\b)"
    r"|\s+(?:of|for|at)\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*\s?){1,5})?"
)

# A name, "and" or "or", and the end of the text read so far: the name after it is the second of two joined names.
# Searched in a short window before the name only (a sentence of capitals is untrusted text, and long).
_NAME_AND = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}\s+(?:and|or)\s+\Z")
_NAME_AND_WINDOW = 80
# How far back in its sentence a name's lead is read for who the sentence is about.
_LEAD_WINDOW = 600

_PUNCTUATION = re.compile(r"[,;:()“”\"—–]")

_LINE_BREAK = re.compile(r"\n+")

_POSSESSIVE = re.compile(r"[’']s\b")

# The pronouns after a name that show its gender: not "him", nearly always someone else ("Kelly confronted him").
_GENDERED_PRONOUN = re.compile(r"\b(?:he|his|himself|she|her|hers|herself)\b", re.I)

_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3}")


def sentence_starts(text: str) -> list[int]:
    """Where each sentence starts (``nlp.sentence_spans``, which knows "Gov." ends no sentence), and each line:
    a line of its own (a caption, a list item) opens a sentence whatever ended the one before."""
    starts = {0, *(start for start, _ in sentence_spans(text)), *(m.end() for m in _LINE_BREAK.finditer(text))}
    return sorted(starts)


def _ends_in_comma(word: str) -> bool:
    """True for "job," and for "job,”": a comma, or a comma closing a quotation."""
    return word.rstrip("”\"’'").endswith(",")


def _subject_and_verb(words: list[str]) -> bool:
    """True when a capitalised word (a name) is followed by a lower-case word that reads as its verb ("Trump also
    attacked"): the clause has its subject already. Only a past form or an auxiliary counts: a lower-case noun
    after a name describes the next one ("GOP front-runner Donald Trump")."""
    named = False
    for word in words:
        bare = bare_word(word)
        if word[:1].isupper() and bare not in NOT_PERSON_OPENERS and not is_title_word(word):
            named = True
        elif named and word[:1].islower() and (bare in VERB_SIGNS or bare.endswith("ed")):
            return True
    return False


def _after_last(words: list[str], ends: Callable[[str], bool]) -> list[str]:
    """The words after the last one that ``ends`` (a phrase or a clause), or all of them."""
    return words[next((i + 1 for i in range(len(words) - 1, -1, -1) if ends(words[i])), 0) :]


def _title_and_name(words: str) -> tuple[str, str]:
    """``split_title`` of words as written, possessives dropped ("Trump's" is Trump)."""
    return split_title(_POSSESSIVE.sub("", words).split())


def _ends_a_clause(word: str) -> bool:
    """True for a word a new clause can start after: one ending in a comma, colon or semicolon, or a conjunction."""
    return _ends_in_comma(word) or word[-1:] in ";:" or bare_word(word) in CONJUNCTIONS


def _first_name_run(run_start: int, run: str, subject_surnames: Collection[str] = ()) -> tuple[int, str]:
    """(offset, words) of the person's name a capitalised run holds when it opens, after any sentence
    opener or title ("But", "Sen."), with a common first name and a surname ("Hillary Clinton", not "Wells
    Fargo"), or with a surname the article makes a sentence's subject ("liberal firebrand Cornel West" ...
    "West landed"); (0, "") otherwise."""
    words = run.split()
    skip = 0
    while skip < len(words) and (bare_word(words[skip]) in NOT_PERSON_OPENERS or is_title_word(words[skip])):
        skip += 1
    name = words[skip:]
    # "Secretary of State Hillary Clinton", "Republican Jeb Bush": one word before a known first name describes
    # (not in a longer run: "Obama Claims Hillary Most Qualified" is a headline)
    if 3 <= len(name) <= 4 and described_before_first_name(name) == 1:
        name = name[1:]
    known_first = len(name) >= 2 and first_name_gender(name[0]) is not None
    surname_subject = 2 <= len(name) <= 3 and name[-1] in subject_surnames
    if not (known_first or surname_subject) or not looks_like_person(" ".join(name)):
        return 0, ""
    return run_start + run.index(name[0]), " ".join(name)


@dataclass(frozen=True)
class Named:
    """A person named in the article text, found by the parser."""

    start: int
    words: str
    subject: bool  # the parser made it the subject of its sentence


Mentions = tuple[tuple[int, str, int], ...]  # (offset, person key, salience tier), in text order


class PeopleFinder:
    """Collects the people an article names; ``finish`` returns the frozen ``NamedPeople``.

    Most of an article is never parsed, so besides the people the parser found it scans the whole
    text for titled names ("Gen. Milley"), names that open a sentence and speak, and first-name
    people ("Hillary Clinton"); each mention keeps a salience tier (SPEAKER, SUBJECT, OTHER).
    """

    def __init__(self, text: str, named: Iterable[Named], quoted: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text
        self.full_names: dict[str, Counter[str]] = defaultdict(Counter)  # surname key -> full names used
        self.short_name: dict[str, str] = {}  # surname key -> the name of a person named by one word only
        self.roles: dict[str, Counter[str]] = defaultdict(Counter)
        self.mentions: list[tuple[int, str, int]] = []
        self.sentence_starts = sentence_starts(text)
        self.quoted = sorted(quoted)
        self._finished: NamedPeople | None = None
        for person in named:
            self.add(person.start, person.words, SUBJECT if person.subject else OTHER)
        for match in _HONORIFIC_NAME.finditer(text):
            self.add(match.start(), match.group(), SUBJECT if self._opens_sentence(match.start()) else OTHER)
        for start in self.sentence_starts:
            subject = _SUBJECT_NAME.match(text, start)
            if subject and reads_as_a_person(subject.group(1)):
                self.add(subject.start(1), subject.group(1), SUBJECT)
        # runs of capitalised words, scanned once: for first-name people here, for known surnames in finish()
        self.runs = list(_capitalised_runs(text))
        subject_surnames = self._surname_subjects()
        for run_start, run in self.runs:
            # "presidential nominee Hillary Clinton was more circumspect": a known first name and a surname
            offset, words = _first_name_run(run_start, run, subject_surnames)
            if words:
                self.add(offset, words, SUBJECT if self._opens_sentence(offset) else OTHER)

    def _surname_subjects(self) -> set[str]:
        """The single capitalised words that open a sentence and go on with a lower-case word ("West landed a
        sharp dig"): the surname by which a sentence names its subject, once the article has named them in full."""
        found = set()
        for start in self.sentence_starts:
            opening = _SURNAME_SUBJECT.match(self.text, start)
            if opening and bare_word(opening.group(1)) not in NOT_PERSON_OPENERS and not self._inside_quote(start):
                found.add(opening.group(1))
        for after_comma in _SURNAME_AFTER_CLAUSE.finditer(self.text):
            if not self._inside_quote(after_comma.start()):
                found.add(after_comma.group(1))  # "Filling in for Sanders ..., West landed a sharp dig"
        return found

    def _opens_sentence(self, offset: int) -> bool:
        """True when nothing but a few words precede a name in its sentence, the last of them neither a
        preposition nor a verb that takes a clause ("McLenney said Clinton doesn't ...": Clinton is not who
        the sentence is about), and the name is no possessive: the cheap reading of "subject of the
        sentence" for text never parsed."""
        sentence = self.sentence_starts[bisect.bisect_right(self.sentence_starts, offset) - 1]
        # "mention Marco Rubio or John Kasich": the second of two joined names is what the first is
        while conjunct := _NAME_AND.search(self.text, max(sentence, offset - _NAME_AND_WINDOW), offset):
            offset = conjunct.start()
        # the words before it in its sentence; only the last few hundred characters (a sentence can be 100 KB)
        lead = max(sentence, offset - _LEAD_WINDOW)
        before = self.text[lead:offset].split()[1 if lead > sentence else 0 :]  # no word cut in two
        after = self.text[offset : offset + 60]
        possessive = re.match(r"[\w.-]+(?:\s+[A-Z][\w.-]+)*[’']s\b", after) is not None
        # "Reid said that Sanders has energized ...": a name inside what someone said is not who the
        # sentence is about, however short the lead
        reported = any(bare_word(w) in CLAUSE_VERBS for w in before) or (
            bool(before) and bare_word(before[-1]) == "that"
        )
        # "Sexton, after previous Trump rallies, wrote": a name in a phrase a preposition opens is its object
        phrase = _after_last(before, _ends_in_comma)
        governed = any(w.lower() in PREPOSITIONS for w in phrase) or (
            bool(before) and before[-1].lower() in CLAUSE_VERBS
        )
        # "Simmons, an Obama supporter, said": a name after an article modifies a noun, it is no one's subject
        governed = governed or reported or (bool(before) and bare_word(before[-1]) in ARTICLES)
        # "He had protested Trump": a pronoun before the name in its clause is that clause's subject
        clause = _after_last(before, _ends_a_clause)
        governed = governed or any(bare_word(w) in SUBJECT_PRONOUNS for w in clause)
        # "Trump also attacked Hillary Clinton": a name, then a verb, before this name in its clause
        governed = governed or _subject_and_verb(clause)
        # "..., and Trump said", "“We will win,” Trump said": a clause or a quotation before the name
        after_clause = bool(before) and (_ends_in_comma(before[-1]) or before[-1].lower() in COORDINATORS)
        return not possessive and not governed and (len(before) <= 3 or after_clause)

    def _inside_quote(self, offset: int) -> bool:
        at = bisect.bisect_right(self.quoted, (offset, len(self.text))) - 1
        return at >= 0 and offset < self.quoted[at][1]

    def add(self, start: int, words: str, tier: int, role: str | None = None) -> str | None:
        """Record a person named at ``start`` (and a role the text gives them there); returns their key."""
        if self._finished is not None:
            raise RuntimeError("PeopleFinder.add after finish(): the index is already in use")
        title, name = _title_and_name(words)
        if not name or looks_like_organisation(name) or glued_words(name) or self._inside_quote(start):
            return None
        key = name_key(name)
        if len(name.split()) >= 2:
            self.full_names[key][name] += 1
        else:
            self.short_name.setdefault(key, name)
        for found in (normalise_role(title), normalise_role(role)):
            if found and bare_word(found) not in HONORIFICS:
                self.roles[key][found] += 1
        self.mentions.append((start, key, tier))
        return key

    def finish(self) -> NamedPeople:
        """Find every later mention of the people learnt so far by their surname, and return the index."""
        if self._finished is not None:
            return self._finished
        known = {m[:2] for m in self.mentions}
        surnames = {name_key(name): key for key, name in self._full_name().items()}
        # One pass over every run of capitalised words ("Gen. Mark Milley"): a run ending in a known
        # surname is a mention of that person, starting where the run starts.
        for run_start, run in self.runs:
            key = surnames.get(name_key(run.split()[-1]))
            if key is not None and (run_start, key) not in known and not self._inside_quote(run_start):
                tier = SUBJECT if self._opens_sentence(run_start) else OTHER
                self.mentions.append((run_start, key, tier))
                _, written = written_name(self.text, run_start, key)
                _, name = _title_and_name(" ".join(written))  # "New Jersey’s Steve Lonegan": Steve Lonegan
                if len(name.split()) >= 2 and looks_like_person(name):
                    # a relative sharing the surname ("Rakeyia Scott"), named once with no speech verb
                    self.full_names[key][name] += 1
        best: dict[tuple[int, str], int] = {}
        for offset, key, tier in self.mentions:
            best[(offset, key)] = min(tier, best.get((offset, key), OTHER))
        mentions = tuple(sorted((offset, key, tier) for (offset, key), tier in best.items()))
        gender, pronoun_after = self._genders(mentions)
        self._finished = NamedPeople(
            text=self.text,
            mentions=mentions,
            full_name=self._full_name(),
            full_names={key: Counter(names) for key, names in self.full_names.items()},
            roles={key: Counter(roles) for key, roles in self.roles.items()},
            paragraph_starts=tuple(s for s, _ in paragraph_spans(self.text)),
            sentence_starts=tuple(self.sentence_starts),
            gender=gender,
            pronoun_after=pronoun_after,
        )
        return self._finished

    def _full_name(self) -> dict[str, str]:
        """Surname key -> the full name the article uses most (the longest among equals), or the one word
        it was named by."""
        full = dict(self.short_name)
        for key, names in self.full_names.items():
            if names:
                full[key] = max(names, key=lambda n: (names[n], len(n)))
        return full

    def _genders(self, mentions: Mentions) -> tuple[dict[str, str], dict[int, str]]:
        """ "m" or "f" for the people whose gender the article shows: a gendered title ("Mrs.", "spokeswoman")
        or the pronoun that first follows a mention of them in the same sentence ("Sandy Phillips, who lost
        her daughter"), and a clearly gendered first name ("Hillary Clinton"). People without such evidence,
        or with mixed evidence, get none. Also the gender of the pronoun after each mention, by offset."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        pronoun_after: dict[int, str] = {}
        for key, names in self.full_names.items():
            for name in names:
                gender = first_name_gender(name.split()[0])
                if gender is not None:
                    votes[key][gender] += 1
        for key, roles in self.roles.items():
            for word in " ".join(roles).split():
                if bare_word(word) in GENDER_WORDS:
                    votes[key][GENDER_WORDS[bare_word(word)]] += 1
        for index, (offset, key, _) in enumerate(mentions):
            honorific = bare_word(self.text[offset : offset + 5].split(" ")[0])
            if honorific in GENDER_WORDS:
                votes[key][GENDER_WORDS[honorific]] += 1
            following = mentions[index + 1][0] if index + 1 < len(mentions) else len(self.text)
            sentence = bisect.bisect_right(self.sentence_starts, offset)
            sentence_end = self.sentence_starts[sentence] if sentence < len(self.sentence_starts) else len(self.text)
            pronoun = _GENDERED_PRONOUN.search(self.text, offset, min(following, sentence_end, offset + 200))
            if pronoun and not self._inside_quote(pronoun.start()):
                votes[key][GENDER_WORDS[pronoun.group().lower()]] += 1
                pronoun_after[offset] = GENDER_WORDS[pronoun.group().lower()]
        genders = {
            key: max(count, key=count.__getitem__)
            for key, count in votes.items()
            if len(set(count.values())) == len(count)
        }
        return genders, pronoun_after


@dataclass(frozen=True)
class NamedPeople:
    """The people an article names, read-only: made by ``PeopleFinder.finish``."""

    text: str
    mentions: Mentions
    full_name: Mapping[str, str]  # surname key -> the full name the article uses most
    full_names: Mapping[str, Counter[str]]  # surname key -> every full name used for them, with counts
    roles: Mapping[str, Counter[str]]
    paragraph_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    gender: Mapping[str, str]  # person key -> "m" / "f"
    pronoun_after: Mapping[int, str]  # mention offset -> gender of the pronoun that follows it
    _described: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # ``described``, cached

    def written(self, offset: int, key: str) -> tuple[str | None, list[str]]:
        """See ``written_name``."""
        return written_name(self.text, offset, key)

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


def written_name(text: str, offset: int, key: str) -> tuple[str | None, list[str]]:
    """What the mention at ``offset`` writes: the gender of its honorific ("Mrs."), if any, and its name
    words up to the surname ("Ivanka Trump" in "But Ivanka Trump's"); no words when the surname is not
    reached within a few words."""
    honorific: str | None = None
    name: list[str] = []
    for word in text[offset : offset + 80].split()[:6]:
        bare = bare_word(word)
        if not name and bare in GENDER_WORDS and bare not in GENDERED_PRONOUNS:
            honorific = GENDER_WORDS[bare]
        elif not name and (is_title_word(word) or bare in NOT_PERSON_OPENERS):
            continue
        else:
            name.append(re.sub(r"[’']s$", "", word).strip(",.;:"))
            if name_key(word) == key:
                return honorific, name
    return honorific, []


def describing_words(people: NamedPeople, key: str) -> str:
    """How the article describes a person around their mentions, for their speaker type: the words
    right before each ("Republican presidential nominee Donald Trump", "Republican" opening the run of
    capitalised words) and a party tag or a campaign right after ("Rep. Jim Jordan (R-Ohio)", "the Trump
    campaign"), joined by " ; "."""
    found = []
    own = {bare_word(w) for w in people.full_name.get(key, key).split()} | {key}
    for offset, person, _ in people.mentions:
        if person != key:
            continue
        sentence = people.sentence_starts[bisect.bisect_right(people.sentence_starts, offset) - 1]
        run: list[str] = []
        for word in reversed(people.text[max(sentence, offset - 60) : offset].split()):
            if bare_word(word) in RUN_BREAKS or _PUNCTUATION.search(word):
                break
            run.insert(0, word)
        found.append(" ".join(run[-5:]))
        after = _AFTER_NAME.match(people.text, offset)
        if after is None:
            continue
        named = people.text[offset : after.start(1)] if after.group(1) else after.group()
        words = named.split()
        found.append(" ".join(words[: next((i for i, w in enumerate(words) if bare_word(w) in own), 0)]))
        found.append(after.group(1) or "")
    return " ; ".join(f for f in found if f)


def _capitalised_runs(text: str) -> Iterable[tuple[int, str]]:
    """(offset, words) of each run of capitalised words, cut where a sentence ends inside it ("at Scott.
    Rakeyia Scott can be heard" is two runs) but not after a title or an initial ("Gen. Mark A. Milley"),
    and without the full stop of a sentence a run ends ("... with Hillary Clinton.")."""
    for run in _CAPITALISED_RUN.finditer(text):
        start = run.start()
        for word in re.finditer(r"\S+", run.group()):
            ends = word.end() < len(run.group()) and word.group().endswith(".")
            if ends and not _abbreviated(word.group()):
                yield start, text[start : run.start() + word.end() - 1]  # without the full stop
                start = run.start() + word.end() + 1
                while text[start] in " \t":
                    start += 1
        last = run.group().split()[-1]
        end = run.end()
        if last.endswith(".") and not _abbreviated(last):
            end -= 1  # "... and Hillary Clinton." ends a sentence, not a name
        if end > start:
            yield start, text[start:end]


def _abbreviated(word: str) -> bool:
    """True when a word's full stop is an abbreviation's ("Gen.", "Jr.", "A.", "U.S."), not a sentence's."""
    return is_title_word(word) or bare_word(word) in SUFFIXES or len(word) <= 2 or "." in word[:-1]
