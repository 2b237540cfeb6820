"""The words that attribute speech: speech verbs and their forms, prepositional cues, and the word
classes the reader uses to find a speaker's name around them. Rules as data, read by ``reader`` and
``speaker_words``; changing a list here changes which quotes are found (the build digest sees it)."""

from __future__ import annotations

import re

from compare.nlp import inflections, lexicon

#: Verbs that report speech or writing, as lemmas. Verbs of thought ("believe") are left
#: out on purpose: they attribute opinions, not words.
SPEECH_VERBS = lexicon(
    """
    say tell add write tweet post state note explain argue claim ask reply respond answer declare insist
    warn announce acknowledge admit concede continue conclude call describe suggest report recall predict
    complain caution confirm deny emphasize emphasise stress urge vow promise pledge joke quip testify
    observe remark assert contend maintain allege charge counter retort boast brag lament shout yell exclaim
    whisper mutter recount reveal disclose accuse blast slam criticize criticise praise tout dismiss mock
    proclaim reiterate repeat summarize summarise comment speak agree wonder muse interject chime scoff snap
    plead demand inform advise assure reassure concur echo label dub brand hail mention decry bemoan chant
    read refer question cite threaten quote term characterize characterise welcome applaud condemn denounce
    ridicule propose recommend thank fume rail gush marvel rant crow grumble opine posit speculate point
    admonish affirm attest aver berate blame chide clarify commend confess confide congratulate deride divulge
    elaborate extol fret gripe groan grouse hint implore imply indicate inquire jeer jest lambaste laud lecture
    narrate preach protest rebuke rebut reckon reminisce reprimand request riff scold sigh sneer swear taunt tease
    theorize underscore whine exhort express press ponder react go shoot fire hit push retaliate riposte rejoin
    interrupt laugh sniff gasp put sum bark beam cry roar scream growl hiss bellow holler murmur chuckle smile grin
    stammer intone thunder
    """
)
CLAUSE_LINKS = frozenset({"conj", "xcomp", "advcl", "ccomp", "parataxis"})  # one verb's clause to another's
NAME_DEPS = frozenset({"compound", "amod", "nmod", "det", "nummod", "flat", "punct"})  # inside a name + title
NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
# Dependents of a cue verb that hold what was said when there is no complement clause.
COMPLEMENT_DEPS = frozenset({"dobj", "oprd", "xcomp", "attr", "prep", "dative", "acomp"})
SPEECH_NOUNS = frozenset({"statement", "interview", "email", "e-mail", "tweet", "post", "letter", "speech"})
# Nouns whose possessor said the clause they take: "Trump’s claim that ...".
CLAIM_NOUNS = frozenset(
    {"claim", "assertion", "contention", "insistence", "argument", "suggestion", "charge", "remark", "warning"}
    | {"comment", "promise", "pledge", "vow", "prediction", "complaint", "accusation", "admission", "declaration"}
)
# Exchanges whose named outlet or host asked the questions: "a Fox interview" is not Fox speaking.
INTERVIEWS = frozenset({"interview", "interviews", "appearance", "conversation"})
DOCUMENTS = SPEECH_NOUNS | {"release", "briefing", "memo", "report", "ad", "advertisement", "sign", "message", "note"}
# Parts of a document that speak for it: "the letter’s last line declared" is the letter speaking.
DOCUMENT_PARTS = frozenset(
    {"line", "lines", "paragraph", "passage", "section", "sentence", "page", "conclusion", "wording", "text"}
    | {"headline", "caption", "preamble", "opening", "ending", "summary", "part", "clause", "footnote", "title"}
)
#: Nouns of a work or a programme: a quotation right after one is that work's name ("featured in the documentary
#: “Weiner.”", "the Syfy movie “Sharknado 3: Oh Hell No!”"), not words anyone said.
WORK_NOUNS = frozenset(
    {
        "documentary", "film", "movie", "book", "novel", "memoir", "song", "album", "series", "sitcom", "musical",
        "miniseries", "podcast", "programme", "poem", "painting", "opera", "play",
    }
)  # fmt: skip
#: "show" names a programme only after a word that makes it a noun ("the TV show", "late night show").
SHOW_MODIFIERS = frozenset({"tv", "television", "talk", "radio", "game", "reality", "night", "cable", "hit", "comedy"})
# Verbs that report speech only with their particle: "pointed out", "went on", "shot back", "summed up".
PARTICLE_CUES = {
    "point": "out", "go": "on", "shoot": "back", "fire": "back", "hit": "back", "push": "back", "sum": "up"
}  # fmt: skip
# Verbs that report speech only with this object and nothing else: "as Milbank put it, “...”", not "put it on hold".
OBJECT_CUES = {"put": "it"}
# Verbs that move their object to speak: in "the record prompted Leip to state, “...”" Leip speaks (word forms).
CAUSING_FORMS = frozenset(
    form
    for lemma in lexicon("prompt lead urge force cause push press encourage inspire move invite compel spur get")
    for form in inflections(lemma)
)
AUDIENCE = frozenset({"reporters", "journalists", "lawmakers", "supporters", "crowd", "audience", "press"})
# Speech verbs in idioms that report no words, by lemma and object: "that fact speaks volumes".
IDIOM_OBJECTS = {"speak": frozenset({"volumes"}), "tell": frozenset({"time", "apart"}), "call": frozenset({"shots"})}


LEMMAS = {form: lemma for lemma in sorted(SPEECH_VERBS | {"quote"}) for form in inflections(lemma)}

#: Verbs that report speech without quotation marks ("Esper said there had been no decision").
#: A narrower list than SPEECH_VERBS, and with no bare forms of words that are mostly nouns
#: ("states", "report"): a sentence without quotation marks is parsed only when it has one.
INDIRECT_VERBS = lexicon(
    """
    say tell claim argue explain insist warn announce acknowledge admit deny add write tweet state report
    confirm suggest testify declare allege assert predict reveal concede contend note urge vow promise
    pledge complain emphasize emphasise stress recall reply respond answer remark observe accuse ask
    """
)
# Of these, forms that are mostly nouns ("states", "report") do not count; past and -ing forms do.
_NOUN_LIKE = lexicon("state report note claim promise pledge answer reply vow stress remark tweet ask add write")
_INDIRECT_FORMS = frozenset(
    form
    for lemma in INDIRECT_VERBS
    for form in inflections(lemma)
    if lemma not in _NOUN_LIKE or form.endswith(("ed", "ing", "ote", "old", "aid"))
)
_LETTERS = re.compile(r"[A-Za-z]+")
_PREPOSITIONAL_CUES = re.compile(r"\b(?:according to|in the words of)\b", re.I)


def indirect_cues(text: str, start: int, end: int) -> list[int]:
    """Offsets of the words in ``text[start:end]`` that can report speech without quotation marks.
    (A set look-up per word: a regex alternation of several hundred verb forms is many times slower.)"""
    found = [m.start() for m in _LETTERS.finditer(text, start, end) if m.group().lower() in _INDIRECT_FORMS]
    found += [m.start() for m in _PREPOSITIONAL_CUES.finditer(text, start, end)]
    return sorted(found)


def has_speech_verb(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a form of any speech verb ("pressed", "went"), nouns' look-alikes included."""
    return any(m.group().lower() in LEMMAS for m in _LETTERS.finditer(text, start, end))


#: Words that carry a clause on past a quotation closed in its middle (“literally hate each other” because
#: they differ): prepositions and subordinators that complete what was said. "and", "but", "before", "as",
#: "in", "at" and "after" are left out: after a quotation they mostly open the writer's own words.
CLAUSE_CONTINUERS = lexicon(
    """
    about for on to from with without during despite because between among amid amidst against over since
    if unless than of by toward towards into like who which until
    """
)

# Word classes of a titled name after a verb: "retired Air Force general Lloyd Newton".
NAME_PHRASE_TAGS = frozenset({"NNP", "NNPS", "NN", "JJ", "VBN", "HYPH"})
# "anybody who complains about a microphone": people in general, never a speaker.
GENERIC_PEOPLE = frozenset(
    {"anybody", "anyone", "everybody", "everyone", "somebody", "someone", "nobody", "whoever", "those", "people"}
)
# Proper nouns that say when, never who: "said Monday".
TIME_WORDS = lexicon(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Words that say when a speaker spoke, never part of who they are: "the campaign on Monday", "last week".
WHEN_WORDS = TIME_WORDS | lexicon(
    "morning afternoon evening night tonight today yesterday week weekend month year time"
)
