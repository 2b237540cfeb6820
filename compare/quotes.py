"""Who said what: the quotations in an article, who they are attributed to, and the same quote across outlets.

How it works, and why:

1. Quotation marks are paired by ``compare.nlp.find_quotations``, the one reader of
   quotations that framing and passages use too: it reads each mark's context (a mark
   after a space opens, a mark before a space or punctuation closes), so straight,
   curly and mis-typed marks all work, a paragraph that opens a quote without closing
   it continues into the next one, and an unbalanced mark never raises.
2. Long quotations are replaced by a one-word placeholder before parsing. The parser
   then reads ``“Yes,” he said.`` instead of a 60-word quote: the attribution lives in
   the words around a quote, and the text spaCy has to read gets several times
   shorter, which is what makes extraction fast enough for large corpora.
3. Only sentences that can carry an attribution (a speech verb, "according to", a
   colon, a quotation beside other words) are parsed. The parse gives the speaker (the
   subject of the cue verb, the object of "according to", the name before a colon)
   and, for indirect speech, the reported clause.
4. Quotations with no cue of their own continue the quote before them ("...," he said.
   "...") or take the speaker of the paragraph; short quoted labels no one is said to
   have said are scare quotes. Pronouns and descriptions are resolved by
   ``compare.speakers.SpeakerResolver``.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from compare import settings
from compare.model import Article, Quote, Record
from compare.nlp import (
    QUOTE_MARK_CHARS,
    QUOTE_MARKS,
    QUOTE_WORD,
    SPACY_LOCK,
    QuotedSpan,
    find_quotations,
    inflections,
    mark_role,
    paragraph_spans,
    sentence_spans,
    spacy_model,
)
from compare.parallel import map_slices
from compare.people import resolve_speakers
from compare.progress import Advance, no_advance
from compare.speakers import (
    Mention,
    Named,
    SpeakerResolver,
    is_title_word,
    lexicon,
    looks_like_organisation,
    looks_like_person,
    names_a_place_or_thing,
    single_outlet_speakers,
    speaker_outlet_table,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "QuoteMatch",
    "QuotedSpan",
    "WordChange",
    "extract_quotes",
    "extract_quotes_many",
    "find_quotations",
    "match_quotes",
    "resolve_speakers",
    "single_outlet_speakers",
    "speaker_outlet_table",
]

log = logging.getLogger(__name__)


# --- speech cues ---------------------------------------------------------------------------

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
    theorize underscore whine
    """
)
_CLAUSE_LINKS = frozenset({"conj", "xcomp", "advcl", "ccomp", "parataxis"})  # one verb's clause to another's
_NAME_DEPS = frozenset({"compound", "amod", "nmod", "det", "nummod", "flat", "punct"})  # inside a name + title
_NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
# Dependents of a cue verb that hold what was said when there is no complement clause.
_COMPLEMENT_DEPS = frozenset({"dobj", "oprd", "xcomp", "attr", "prep", "dative", "acomp"})
_SPEECH_NOUNS = frozenset({"statement", "interview", "email", "e-mail", "tweet", "post", "letter", "speech"})
# Nouns whose possessor said the clause they take: "Trump’s claim that ...".
_CLAIM_NOUNS = frozenset({"claim", "assertion", "contention", "insistence", "argument", "suggestion", "charge"})
_DOCUMENTS = _SPEECH_NOUNS | {"release", "briefing", "memo", "report", "ad", "advertisement", "sign", "message", "note"}
_AUDIENCE = frozenset({"reporters", "journalists", "lawmakers", "supporters", "crowd", "audience", "press"})


_LEMMAS = {form: lemma for lemma in sorted(SPEECH_VERBS | {"quote"}) for form in inflections(lemma)}

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


def _indirect_cues(text: str, start: int, end: int) -> list[int]:
    """Offsets of the words in ``text[start:end]`` that can report speech without quotation marks.
    (A set look-up per word: a regex alternation of several hundred verb forms is many times slower.)"""
    found = [m.start() for m in _LETTERS.finditer(text, start, end) if m.group().lower() in _INDIRECT_FORMS]
    found += [m.start() for m in _PREPOSITIONAL_CUES.finditer(text, start, end)]
    return sorted(found)


# --- the article as the parser reads it ----------------------------------------------------

_PLACEHOLDER_WORD = "Yes"
_PLAIN_SPACES = str.maketrans(
    {**{c: " " for c in "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000"}, "\u2015": "—"}  # ― (bar) reads as a dash
)
#: Pipeline parts extraction does without: word classes come from tags, cue lemmas from ``_LEMMAS``.
_UNUSED_PIPES = ("attribute_ruler", "lemmatizer", "ner")
# Word classes of a titled name after a verb: "retired Air Force general Lloyd Newton".
_NAME_PHRASE_TAGS = frozenset({"NNP", "NNPS", "NN", "JJ", "VBN", "HYPH"})
# "anybody who complains about a microphone": people in general, never a speaker.
_GENERIC_PEOPLE = frozenset(
    {"anybody", "anyone", "everybody", "everyone", "somebody", "someone", "nobody", "whoever", "those", "people"}
)
# Proper nouns that say when, never who: "said Monday".
_TIME_WORDS = lexicon(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Articles parsed per spaCy stream (and per worker task: small enough that two workers finish together),
# large enough to keep batches full, small enough that the parsed
# sentences held until each article is assembled stay a few MB (all of 10,000 articles held 2.6 GB).
_ARTICLES_PER_SLICE = 64


@dataclass(frozen=True)
class _Piece:
    """A stretch of the parser's text and the stretch of the article it stands for."""

    frame_start: int
    start: int
    end: int
    quotation: int | None  # index of the quotation a placeholder stands for; None for copied text


@dataclass
class _Frame:
    """The article text with long quotations collapsed to a placeholder, and the way back to the article."""

    text: str
    pieces: list[_Piece]
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [p.frame_start for p in self.pieces]

    def piece_at(self, offset: int) -> _Piece:
        return self.pieces[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def to_article(self, offset: int, *, end: bool = False) -> int:
        """Article offset of a frame offset; inside a placeholder it snaps to the quotation's edge."""
        piece = self.piece_at(offset - 1 if end and offset > 0 else offset)
        if piece.quotation is not None:
            return piece.end if end else piece.start
        return piece.start + (offset - piece.frame_start)


def _placeholder(text: str, quotation: QuotedSpan) -> str:
    """“Yes,” for “I don't know what that letter is,” — the marks and the final punctuation are kept."""
    inner = quotation.inner(text)
    tail = inner[-1] if inner and inner[-1] in ",.?!:;…" else ""
    close = text[quotation.end - 1] if quotation.closed else ""
    return f"{text[quotation.start]}{_PLACEHOLDER_WORD}{tail}{close}"


def _build_frame(text: str, quotations: Sequence[QuotedSpan], collapse: Sequence[int]) -> _Frame:
    # Odd spaces (no-break, thin) and the horizontal bar confuse the parser; swapping them for plain spaces and
    # an em dash keeps every offset.
    text = text.translate(_PLAIN_SPACES)
    parts: list[str] = []
    pieces: list[_Piece] = []
    cursor = length = 0
    for index in collapse:
        quotation = quotations[index]
        if quotation.start > cursor:
            pieces.append(_Piece(length, cursor, quotation.start, None))
            parts.append(text[cursor : quotation.start])
            length += quotation.start - cursor
        placeholder = _placeholder(text, quotation)
        pieces.append(_Piece(length, quotation.start, quotation.end, index))
        parts.append(placeholder)
        length += len(placeholder)
        cursor = quotation.end
    pieces.append(_Piece(length, cursor, len(text), None))
    parts.append(text[cursor:])
    return _Frame("".join(parts), pieces)


@dataclass
class _Attribution:
    """One cue in one sentence, with its speaker and what it attributes."""

    cue: str
    at: int  # article offset of the cue
    sentence: tuple[int, int]  # article offsets of the sentence holding the cue
    speaker: Mention | None
    token: int = -1  # index of the cue word in its parsed snippet
    clause: tuple[int, int] | None = None  # the reported clause, when the parse gives one
    quotations: list[int] = field(default_factory=list)  # long quotations attributed here
    colon: bool = False  # ends with a colon: may introduce the next paragraph's quotation
    describing: bool = False  # a participle describing a noun ("the letter announcing ..."): speaks for its clause only


@dataclass(frozen=True)
class _Snippet:
    """What the parser reads (frame offsets): a whole sentence, or a window of it around its cues."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    context: bool = False  # read only for its subject, the likely speaker of a quotation that follows


@dataclass
class _Plan:
    """One article on its way through extraction: text, quotations, frame, sentences to parse."""

    article: Article
    quotations: list[QuotedSpan]
    statements: set[int]  # indices of quotations that are statements, not short labels
    frame: _Frame
    snippets: list[_Snippet]  # what to parse
    quotation_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.quotation_starts = [q.start for q in self.quotations]


def _plan(article: Article) -> _Plan:
    text = article.text
    quotations = find_quotations(text)
    statements = [i for i, q in enumerate(quotations) if _is_statement(text, q)]
    frame = _build_frame(text, quotations, statements)
    sentences = sentence_spans(frame.text)
    chosen: dict[int, _Snippet] = {}
    for index, (start, end) in enumerate(sentences):
        if QUOTE_MARKS.search(frame.text, start, end):
            if _has_words_outside(frame, start, end):
                chosen[index] = _Snippet(start, end, start, end)
            elif index > 0 and index - 1 not in chosen:
                # A quotation standing alone: the sentence before it may say whose it is
                # ("Clinton touted her credentials." “We need ...”), so read that one too.
                before_start, before_end = sentences[index - 1]
                chosen[index - 1] = _Snippet(before_start, before_end, before_start, before_end, context=True)
            continue
        cues = _indirect_cues(frame.text, start, end)
        if cues:
            chosen[index] = _window(frame.text, start, end, cues)
        elif frame.text[start:end].rstrip().endswith(":") and QUOTE_MARKS.match(
            frame.text, _next_paragraph(frame.text, end)
        ):
            chosen[index] = _Snippet(start, end, start, end)  # "Cruz called them on it:" and a quoted paragraph
    snippets = [chosen[index] for index in sorted(chosen)]
    return _Plan(article, quotations, set(statements), frame, snippets)


def _next_paragraph(text: str, end: int) -> int:
    """Offset of the first character after the blank space that follows ``end``."""
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _window(text: str, start: int, end: int, cues: Sequence[int]) -> _Snippet:
    """The part of a long sentence without quotation marks that the parser needs to read.

    Such a sentence can only hold indirect speech ("X said (that) ..."); the speaker and
    the start of the reported clause sit within a few words of the cue, and the clause
    runs to the end of the sentence anyway. Reading only that part keeps parsing cheap.
    """
    words = [m.start() for m in QUOTE_WORD.finditer(text, start, end)]
    if len(words) <= settings.QUOTE_WINDOW_WORDS_BEFORE + settings.QUOTE_WINDOW_WORDS_AFTER:
        return _Snippet(start, end, start, end)
    first = bisect.bisect_left(words, cues[0])
    last = bisect.bisect_left(words, cues[-1])
    left = words[max(0, first - settings.QUOTE_WINDOW_WORDS_BEFORE)]
    right_word = last + settings.QUOTE_WINDOW_WORDS_AFTER + 1
    right = words[right_word] if right_word < len(words) else end
    return _Snippet(left if first > settings.QUOTE_WINDOW_WORDS_BEFORE else start, right, start, end)


def _is_statement(text: str, quotation: QuotedSpan) -> bool:
    """True for quoted statements; False for quoted labels: short words ("phony") that may be scare
    quotes, and titles of shows, books or slogans ("Sunday Morning Futures", "Flip the Script").

    A statement is longer than a label, or reads as a sentence of its own ("No, I can't.").
    """
    inner = quotation.inner(text)
    if _is_title(inner):
        return False
    if quotation.words(text) > settings.SCARE_QUOTE_MAX_WORDS:
        return True
    return bool(inner) and inner[0].isupper() and inner[-1] in ".?!,…"


def _is_title(words: str) -> bool:
    """True for Title Case words without a sentence's closing mark: the name of a work, show or slogan."""
    long_words = [w for w in QUOTE_WORD.findall(words) if len(w) > 3 or w[0].isupper()]
    return (
        len(long_words) >= 2
        and words.rstrip(",").rstrip()[-1:] not in {".", "?", "!", "…"}
        and all(w[0].isupper() for w in long_words)
    )


def _has_words_outside(frame: _Frame, start: int, end: int) -> bool:
    """True when a sentence has words besides its placeholders (a name, a verb): worth parsing."""
    words = QUOTE_WORD.findall(frame.text, start, end)
    return len(words) > sum(1 for w in words if w == _PLACEHOLDER_WORD)


# --- reading one parsed sentence -----------------------------------------------------------


class _SentenceReader:
    """Finds the attributions in one parsed snippet and maps its tokens back to the article.

    The pipeline runs without spaCy's attribute ruler and lemmatizer (they cost a third of
    the parse), so word classes come from the fine-grained tags and cue lemmas from
    ``_LEMMAS``.
    """

    def __init__(self, doc: Doc, plan: _Plan, snippet: _Snippet) -> None:
        self.doc = doc
        self.plan = plan
        self.snippet = snippet
        self.frame_start = snippet.start
        self.quotation_of = {
            token.i: piece.quotation
            for token in doc
            if (piece := plan.frame.piece_at(snippet.start + token.idx)).quotation is not None
        }

    def _quoted(self, token: Token) -> bool:
        """True for a token inside a short quotation (“confirmed”): the writer's word, not a cue."""
        at = self.start(token)
        index = bisect.bisect_right(self.plan.quotation_starts, at) - 1
        return index >= 0 and at < self.plan.quotations[index].end

    def start(self, token: Token) -> int:
        return self.plan.frame.to_article(self.frame_start + token.idx)

    def end(self, token: Token) -> int:
        return self.plan.frame.to_article(self.frame_start + token.idx + len(token), end=True)

    def span(self, first: Token, last: Token) -> tuple[int, int]:
        return self.start(first), self.end(last)

    def attributions(self) -> list[_Attribution]:
        doc = self.doc
        frame, snippet = self.plan.frame, self.snippet
        sentence = (frame.to_article(snippet.sentence_start), frame.to_article(snippet.sentence_end, end=True))
        found: list[_Attribution] = []
        for token in doc:
            if token.i in self.quotation_of or token.is_upper or self._quoted(token):
                continue  # a cue inside quotation marks, or shouted ("PLEASE NOTE"), attributes nothing
            if _is_verb(token) and _LEMMAS.get(token.lower_) in SPEECH_VERBS:
                negated = any(c.dep_ == "neg" for c in token.children)  # "did not comment" attributes nothing
                pointing = _LEMMAS.get(token.lower_) == "point"  # only "pointed out" reports speech
                if not negated and not (pointing and not any(c.lower_ == "out" for c in token.children)):
                    found.append(self._verb(token, sentence))
            elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                found.append(self._preposition(token, doc[token.i + 1], "according to", sentence))
            elif (
                token.lower_ == "words"
                and token.i >= 2
                and doc[token.i - 2].lower_ == "in"
                and token.nbor().lower_ == "of"
            ):
                found.append(self._preposition(token, token.nbor(), "in the words of", sentence))
            elif token.lower_ in _CLAIM_NOUNS:
                claim = self._possessed_claim(token, sentence)
                if claim is not None:
                    found.append(claim)
        colon = self._colon(sentence, found)
        if colon is not None:
            found.append(colon)
        self._attach_quotations(found)
        echo = self._echoed_words(sentence, found)
        if echo is not None:
            found.append(echo)
        if self.snippet.context and not found:
            subject = self._person_subject()
            if subject is not None:
                found.append(_Attribution("", self.start(subject), sentence, self._mention(subject), subject.i))
        return found

    def _possessed_claim(self, noun: Token, sentence: tuple[int, int]) -> _Attribution | None:
        """ "Trump’s claim that there have been “thousands of shootings”": the possessor said the clause."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"}), None)
        if owner is None or clause is None or not (_is_proper(owner) or owner.lower_ in {"his", "her"}):
            return None
        if not any(t.i in self.quotation_of or t.is_quote for t in clause.subtree):
            return None  # only quoted words make it a quote; "her claim that taxes rose" is paraphrase
        speaker = (
            self._mention(owner)
            if _is_proper(owner)
            else Mention("she" if owner.lower_ == "her" else "he", self.start(owner), self.end(owner), "pronoun")
        )
        span = self._trimmed(clause.left_edge, clause.right_edge)
        return _Attribution(noun.text, self.start(noun), sentence, speaker, noun.i, span)

    def _person_subject(self) -> Token | None:
        """The subject of the sentence's main verb when it names or stands for a person."""
        root = next((t for t in self.doc if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        if subject is None or not (_is_proper(subject) or subject.lower_ in {"he", "she"}):
            return None
        words = " ".join(t.text for t in self.doc[subject.left_edge.i : subject.i + 1])
        return None if looks_like_organisation(words) else subject

    def _echoed_words(self, sentence: tuple[int, int], found: list[_Attribution]) -> _Attribution | None:
        """A person who is the subject of a sentence and whose verb's object holds a short quotation is
        quoted in part, whatever the verb: "Merkel heralded the deal as a “breakthrough”", "Clinton prefers
        the term “undocumented immigrants”". Quoted words with no person as subject stay scare quotes."""
        doc = self.doc
        marks = [t for t in doc if t.is_quote and t.i not in self.quotation_of]
        if not marks:
            return None
        covered = [a.clause for a in found if a.clause is not None]
        if all(any(c[0] <= self.start(t) < c[1] for c in covered) for t in marks):
            return None
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or not _is_verb(root) or any(a.token == root.i for a in found):
            return None
        subject = self._person_subject()
        if subject is None:
            return None
        speaker = self._mention(subject)
        if speaker.kind == "name" and len(speaker.text.split()) > 1 and not looks_like_person(speaker.text):
            return None
        clause = self._clause(root)
        if clause is None:
            return None
        return _Attribution(root.text, self.start(root), sentence, speaker, root.i, clause)

    # -- cue kinds --

    def _verb(self, verb: Token, sentence: tuple[int, int]) -> _Attribution:
        subject = self._subject(verb)
        speaker = self._mention(subject) if subject is not None else None
        words = [t for t in verb.children if t.dep_ in {"aux", "neg", "prt"} and t.i < verb.i + 2] + [verb]
        extras = [
            t
            for t in verb.children
            if (t.dep_ == "prep" and any(c.lower_ in _SPEECH_NOUNS for c in t.children))
            or (t.dep_ in {"dobj", "dative"} and t.lower_ in _AUDIENCE)
        ]
        cue = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        for extra in extras:
            cue += " " + " ".join(t.text for t in extra.subtree)
        clause = self._clause(verb)
        return _Attribution(cue, self.start(verb), sentence, speaker, verb.i, clause, describing=verb.dep_ == "acl")

    def _subject(self, verb: Token) -> Token | None:
        """The speaker token: the verb's subject, or its governor's ("tried ..., saying"; "was quoted as
        saying"; "the head of X, tweeted"), or the name right before it when the tagger missed the subject
        ("“...,” Bozell notes" parsed as a compound)."""
        before = self.doc[verb.i - 1] if verb.i > 0 else None
        if verb.tag_ == "VBG" and before is not None and self._ends_a_persons_name(before):
            return before  # "footage of Hillary Clinton asking, “...”": the name the participle follows
        current = verb
        for _ in range(3):
            for child in current.children:
                if child.dep_ == "nsubj" and current is verb and self._before_quotation(child, verb):
                    # "Both parties “saw ...,” said Victor Cha": the name after the verb, not the parties
                    named_after = self._name_after_quotation(verb)
                    if named_after is not None:
                        return named_after
                if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and _LEMMAS.get(current.lower_) == "quote"):
                    if child.lower_ == "who" and current.dep_ == "relcl":
                        # "anybody who complains": someone generic, not a speaker
                        return None if current.head.lower_ in _GENERIC_PEOPLE else self._person_before_who(current.head)
                    if child.lower_ in {"that", "which"} and current.dep_ == "relcl":
                        return current.head
                    return None if child.i in self.quotation_of else child
            if current.dep_ == "acl" and (_is_proper(current.head) or current.head.lower_ in _DOCUMENTS):
                return current.head  # "Murphy, the head of ..., tweeted"; "a statement saying"
            if current.dep_ not in {"advcl", "xcomp", "conj", "pcomp", "prep"} or current.head.i == current.i:
                break
            current = current.head
        doc = self.doc
        before = doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.head.i == verb.i and (_is_proper(before) or before.tag_ in _NOMINAL_TAGS):
            return before
        # "“...,” said David Brock, a Clinton confidant who ..." parsed with Brock as another verb's subject
        after = verb.i + 1
        while after < len(doc) and _is_proper(doc[after]) and doc[after].lower_ not in _TIME_WORDS:
            after += 1
        if after > verb.i + 1:
            return doc[after - 1]
        # "“...,” Tulsa police Chief Chuck Jordan said Monday" parsed with Jordan under "Monday"
        return before if before is not None and self._ends_a_persons_name(before) else None

    def _ends_a_persons_name(self, token: Token) -> bool:
        """True when ``token`` ends a run of proper nouns that reads as a person's name ("Chief Chuck
        Jordan", "Hillary Clinton"), outside quotation marks: not "Iraq" in "withdrawal from Iraq stating"."""
        if not _is_proper(token) or token.i in self.quotation_of or token.lower_ in _TIME_WORDS:
            return False
        start = token.i
        while start > 0 and _is_proper(self.doc[start - 1]) and self.doc[start - 1].i not in self.quotation_of:
            start -= 1
        return looks_like_person(self.doc[start : token.i + 1].text)

    def _before_quotation(self, token: Token, verb: Token) -> bool:
        """True when a long quotation stands between ``token`` and ``verb``."""
        return any(i in self.quotation_of for i in range(token.i + 1, verb.i))

    def _name_after_quotation(self, verb: Token) -> Token | None:
        """The speaker's name when a long quotation comes right before the verb: after it ("“...,” said
        retired general Lloyd Newton") or between the two (Mills “got an immunity agreement,” Jordan said;
        Clinton “is the only candidate,” retired general Lloyd Newton said).
        In that order the name is the speaker, whatever the parser made the subject."""
        doc = self.doc
        previous = doc[verb.i - 1] if verb.i > 0 else None
        if previous is not None and _is_proper(previous) and previous.lower_ not in _TIME_WORDS:
            start = previous.i
            # the tagger reads "retired" in "retired Air Force general" as a past tense
            while start > 0 and previous.i - start < 6 and doc[start - 1].tag_ in _NAME_PHRASE_TAGS | {"VBD"}:
                start -= 1
            if start > 0 and doc[start - 1].i in self.quotation_of:
                return previous
        if not any(t.i in self.quotation_of for t in doc[verb.i - 2 : verb.i]):
            return None
        end = verb.i + 1
        while end < len(doc) and end - verb.i <= 6 and doc[end].tag_ in _NAME_PHRASE_TAGS:
            end += 1
        names = [t for t in doc[verb.i + 1 : end] if _is_proper(t) and t.lower_ not in _TIME_WORDS]
        if not names or (end < len(doc) and doc[end].tag_ == "POS"):
            return None  # no name, or a possessor ("said Trump's spokesman Hope Hicks")
        return names[-1]

    def _person_before_who(self, token: Token) -> Token:
        """ "who" stands for a person, but the parser hangs its clause on the last noun before it ("Liz Sly,
        bureau chief for the Washington Post, who noted"): climb out of prepositions and appositives to the
        first proper name that is not an organisation's; the noun itself when there is none."""
        current = token
        while True:
            name = " ".join(t.text for t in current.lefts if t.dep_ == "compound") + " " + current.text
            if _is_proper(current) and not looks_like_organisation(name):
                return current
            if current.dep_ not in {"pobj", "prep", "appos"} or current.head.i == current.i:
                return token
            current = current.head

    def _clause(self, verb: Token) -> tuple[int, int] | None:
        """The reported words: the verb's complement clause ("said the probe is ongoing"), or else its
        complements when they carry a quotation ("called the statement “offensive”", "decried the GOP for
        “turning its back” on ...")."""
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i not in self.quotation_of:
                return self._trimmed(child.left_edge, child.right_edge)
        complements = [c for c in verb.rights if c.dep_ in _COMPLEMENT_DEPS and c.i not in self.quotation_of]
        quoted = [c for c in complements if any(t.is_quote or t.i in self.quotation_of for t in c.subtree)]
        if not quoted:
            return None
        return self._trimmed(complements[0].left_edge, quoted[-1].right_edge)

    def _trimmed(self, first: Token, last: Token) -> tuple[int, int] | None:
        """The span from ``first`` to ``last`` without edge punctuation, but with the closing mark of a
        quotation that ends the clause (“...ongoing.” keeps its ” and the full stop inside it)."""
        doc = self.doc

        def bare_punct(token: Token) -> bool:
            return (token.is_punct or token.is_space) and not token.is_quote and token.i not in self.quotation_of

        while first.i < last.i and bare_punct(first):
            first = doc[first.i + 1]
        while last.i > first.i and bare_punct(last):
            last = doc[last.i - 1]
        following = doc[last.i + 1 : last.i + 3]
        for token in following:
            if token.is_quote and mark_role(doc.text, token.idx) == "close":
                last = token
                break
            if not token.is_punct:
                break
        start, end = self.span(first, last)
        # The parser read a window of a longer sentence: a clause reaching its edge runs on to the sentence's.
        snippet, frame = self.snippet, self.plan.frame
        if first.i == 0 and snippet.start > snippet.sentence_start:
            start = frame.to_article(snippet.sentence_start)
        if last.i == len(doc) - 1 and snippet.end < snippet.sentence_end:
            end = frame.to_article(_strip_end(frame.text, snippet.sentence_start, snippet.sentence_end), end=True)
        return start, end

    def _preposition(self, cue: Token, head: Token, text: str, sentence: tuple[int, int]) -> _Attribution:
        """ "according to X" / "in the words of X": X speaks; the reported words are the rest of the clause."""
        objects = [c for c in head.children if c.dep_ == "pobj"]
        speaker = self._mention(objects[0]) if objects else None
        phrase_start = cue.i if text == "according to" else cue.i - 2
        phrase_end = max((o.right_edge.i for o in objects), default=head.i)
        clause = self._rest_of_clause(phrase_start, phrase_end)
        return _Attribution(text, self.start(cue), sentence, speaker, cue.i, clause)

    def _rest_of_clause(self, phrase_start: int, phrase_end: int) -> tuple[int, int] | None:
        """The clause around a prepositional cue, without the cue: dashes and semicolons bound a clause."""
        doc = self.doc
        bounds = [t.i for t in doc if t.text in {"—", "–", "--", ";"} and t.i not in self.quotation_of]
        left = max((b + 1 for b in bounds if b < phrase_start), default=0)
        right = min((b - 1 for b in bounds if b > phrase_end), default=len(doc) - 1)
        before = [t for t in doc[left:phrase_start] if not t.is_punct or t.i in self.quotation_of]
        after = [t for t in doc[phrase_end + 1 : right + 1] if not t.is_punct or t.i in self.quotation_of]
        side = before if len(before) >= len(after) else after
        side = [t for t in side if t.lower_ not in {"and", "but", "so", "finally"} or t.i != side[0].i]
        if len(side) < 2 and not any(t.i in self.quotation_of for t in side):
            return None
        return self._trimmed(side[0], side[-1])

    def _colon(self, sentence: tuple[int, int], found: list[_Attribution]) -> _Attribution | None:
        """A colon before a quotation: "Carl Bialik: “...”", "Cruz called them on it:" + a quoted paragraph.

        When a cue before the colon already has a speaker, the colon only marks that cue as
        introducing the next paragraph; otherwise the speaker is found before the colon.
        """
        doc = self.doc
        colon = next((t for t in doc if t.text == ":" and t.i not in self.quotation_of), None)
        if colon is None:
            return None
        after = next((t for t in doc[colon.i + 1 :] if not t.is_space), None)
        if after is not None and not (after.is_quote or after.i in self.quotation_of):
            return None
        introduces = after is None
        earlier = [a for a in found if a.speaker is not None and a.at < self.start(colon)]
        if earlier:
            earlier[-1].colon = introduces
            return None
        source = self._colon_source(doc[: colon.i])
        if source is None:
            return None
        return _Attribution(":", self.start(colon), sentence, self._mention(source), colon.i, colon=introduces)

    def _colon_source(self, before: Span) -> Token | None:
        """Who speaks before a colon: the author of a named statement, or the name right before it."""
        for token in before:
            if token.lower_ in _DOCUMENTS:
                for later in before[token.i + 1 :]:
                    if later.dep_ in {"pobj", "poss"} and (
                        _is_proper(later) or any(_is_proper(t) for t in later.lefts)
                    ):
                        return later
                for child in token.children:
                    if child.dep_ in {"poss", "compound"} and _is_proper(child):
                        return child
        last = [t for t in before if not t.is_punct]
        if last and _is_proper(last[-1]) and last[-1].dep_ not in {"compound"}:
            return last[-1]
        # "he returned to his familiar lines: “...”": the subject of the clause before the colon
        return next((t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)

    # -- quotations to cues --

    def _attach_quotations(self, found: list[_Attribution]) -> None:
        """Each long quotation in the sentence goes to the nearest cue with a speaker that governs it in the
        parse; a quotation governed by another verb ("details how “...”") goes to none. When the parse hangs
        the quotation under no verb at all, the nearest cue takes it."""
        speaking = [a for a in found if a.speaker is not None]
        for token_index, quotation in self.quotation_of.items():
            if token_index > 0 and self.quotation_of.get(token_index - 1) == quotation:
                continue  # one placeholder spans several tokens; attach it once
            governor = self._governing_verb(self.doc[token_index])
            after_colon = [a for a in speaking if a.cue == ":" and self._follows(a.token, token_index)]
            if after_colon:
                chosen = after_colon
            elif governor is None:
                # not a participle that only describes a noun ("the letter announcing ...")
                chosen = [a for a in speaking if not a.describing]
            else:
                chosen = [a for a in speaking if a.token == governor.i or self._governs(a.token, governor)]
            if chosen:
                at = self.start(self.doc[token_index])
                min(chosen, key=lambda a: abs(a.at - at)).quotations.append(quotation)

    def _follows(self, first: int, later: int) -> bool:
        """True when only punctuation and spaces lie between two tokens."""
        return first < later and all(t.is_punct or t.is_space for t in self.doc[first + 1 : later])

    def _governing_verb(self, token: Token) -> Token | None:
        """The nearest verb above ``token`` in the parse, if any."""
        while token.head.i != token.i:
            token = token.head
            if _is_verb(token):
                return token
        return None

    def _governs(self, cue: int, token: Token) -> bool:
        """True when the cue at index ``cue`` is ``token`` or hangs from it by clause links only ("joked" in
        "adopted a fake accent and joked, “...”"), not from inside one of its noun phrases ("the letter
        announcing ..." under "details")."""
        current = self.doc[cue]
        while current.i != token.i:
            if current.dep_ not in _CLAUSE_LINKS or current.head.i == current.i:
                return False
            current = current.head
        return True

    # -- speakers --

    def _mention(self, token: Token) -> Mention:
        """The words naming a speaker, title included; descriptions keep their qualifiers."""
        if token.lower_ in {"he", "she", "they", "i", "we", "it", "you"}:
            return Mention(token.text, self.start(token), self.end(token), "pronoun")
        token = self._document_author(token) or token
        text = self.plan.article.text
        # The name and its title: the words right before the head that modify it ("Defense Secretary Mark
        # Esper"), stopping at a conjunction ("Gen. Milley and ...") or a possessor ("WaPo's ... Liz Sly").
        first = token.i
        while first > 0 and self.doc[first - 1].dep_ in _NAME_DEPS and self.doc[first - 1].i not in self.quotation_of:
            first -= 1
        left = [t for t in self.doc[first : token.i + 1] if not (t.is_punct or t.is_space)]
        while left and left[0].dep_ in {"det", "predet"} and left[0].i != token.i:
            left = left[1:]
        appositive = next((c for c in token.children if c.dep_ == "appos"), None)
        if not _is_proper(token) and appositive is not None and _is_proper(appositive):
            # "Carson's business manager, Armstrong Williams, stated": the name speaks, the description is the role
            role_words = self._phrase(token)
            description = " ".join(text[self.start(role_words[0]) : self.end(role_words[-1])].split())
            named = self._mention(appositive)
            return Mention(named.text, named.start, named.end, "name", role=description)
        if not _is_proper(token):
            phrase = self._phrase(token)
            start, end = self.start(phrase[0]), self.end(phrase[-1])
            return Mention(" ".join(text[start:end].split()), start, end, "description", head=token.text)
        start, end = self.start(left[0] if left else token), self.end(token)
        bracket = text.find("(", start, end)  # state Del. Marcia Price (D-Newport News): the name ends before it
        if bracket > start:
            end = start + len(text[start:bracket].rstrip())
        role: str | None = None
        if appositive is not None:
            phrase = self._phrase(appositive)
            role = " ".join(text[self.start(phrase[0]) : self.end(phrase[-1])].split())
        return Mention(" ".join(text[start:end].split()), start, end, "name", role=role)

    def _phrase(self, token: Token) -> list[Token]:
        """The token's phrase without relative clauses, participles or other clauses hanging off it."""
        cut = {"relcl", "acl", "advcl", "parataxis", "appos"}
        kept = []
        stack = [token]
        while stack:
            current = stack.pop()
            kept.append(current)
            stack.extend(
                c
                for c in current.children
                if c.dep_ not in cut and c.i not in self.quotation_of and not c.tag_.startswith("W")
            )
        kept.sort(key=lambda t: t.i)
        run = [kept[0]]
        for later in kept[1:]:
            if later.i != run[-1].i + 1:
                break
            run.append(later)
        while len(run) > 1 and (run[-1].is_punct or run[-1].is_space):
            run.pop()
        return run

    def _document_author(self, token: Token) -> Token | None:
        """The named author of "a statement by X" / "X's statement" / "a Pentagon statement", if any."""
        if token.lower_ not in _DOCUMENTS:
            return None
        for child in token.children:
            if child.dep_ in {"poss", "compound"} and _is_proper(child):
                return child
            if child.dep_ == "prep" and child.lower_ in {"by", "from", "of", "out"}:
                objects = [t for t in child.subtree if t.dep_ == "pobj"]
                if objects and (_is_proper(objects[0]) or any(_is_proper(t) for t in objects[0].lefts)):
                    return objects[0]
        return None


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB")


def _is_proper(token: Token) -> bool:
    """A proper noun; the tagger's NNP on a lower-case title ("the senator said") is a description's head."""
    return token.tag_ in {"NNP", "NNPS"} and not (token.is_lower and is_title_word(token.text))


def _strip_end(text: str, start: int, end: int) -> int:
    """End of a sentence without its closing punctuation."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?;:,"):
        end -= 1
    return end


# --- from attributions to quotes -----------------------------------------------------------


class _Assembler:
    """Turns one article's attributions into Quote records: direct, indirect, scare, unattributed."""

    def __init__(self, plan: _Plan, attributions: list[_Attribution], resolver: SpeakerResolver) -> None:
        self.plan = plan
        self.text = plan.article.text
        self.attributions = sorted(attributions, key=lambda a: a.at)
        self.resolver = resolver
        self.paragraphs = paragraph_spans(self.text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def quotes(self) -> list[Quote]:
        owned = {i for a in self.attributions for i in a.quotations}
        self._attach_enclosed(owned)
        self._attach_introduced(owned)
        self._attach_adjacent(owned)
        made = [q for q in map(self._from_attribution, self.attributions) if q is not None]
        made += [self._orphan(i) for i in sorted(self.plan.statements - owned)]
        statements = [q for q in made if q.kind in {"direct", "indirect"}]
        for index, quotation in enumerate(self.plan.quotations):
            if index in self.plan.statements or any(
                q.start <= quotation.start and quotation.end <= q.end for q in statements
            ):
                continue
            made.append(self._quote(quotation.start, quotation.end, "scare"))
        return sorted(made, key=lambda q: (q.start, q.end))

    def _attach_enclosed(self, owned: set[int]) -> None:
        """A quotation inside a reported clause belongs to that clause's speaker: "The Pentagon was
        “fairly certain that this is a fake” according to that statement"."""
        for attribution in self.attributions:
            if attribution.clause is None or attribution.speaker is None:
                continue
            first, last = attribution.clause
            for index in sorted(self.plan.statements - owned):
                quotation = self.plan.quotations[index]
                if first <= quotation.start and quotation.end <= last:
                    attribution.quotations.append(index)
                    owned.add(index)

    def _attach_introduced(self, owned: set[int]) -> None:
        """ "X wrote:" at a paragraph's end introduces the quotation that opens the next paragraph."""
        for attribution in self.attributions:
            if not attribution.colon or attribution.quotations:
                continue
            paragraph = self.paragraph_of(attribution.at)
            if paragraph + 1 >= len(self.paragraphs):
                continue
            following = self.paragraphs[paragraph + 1][0]
            for index in sorted(self.plan.statements - owned):
                if self.plan.quotations[index].start == following:
                    attribution.quotations.append(index)
                    owned.add(index)

    def _attach_adjacent(self, owned: set[int]) -> None:
        """A quotation with no cue of its own that touches a quoting sentence continues that quote:
        “...,” he said. “...” — or opens it: “...” “...,” he said."""
        quoting = [a for a in self.attributions if a.quotations and a.speaker is not None]
        for index in sorted(self.plan.statements - owned):
            quotation = self.plan.quotations[index]
            for attribution in quoting:
                first, last = attribution.sentence
                gap = self.text[last : quotation.start]
                after = last <= quotation.start and not gap.strip() and "\n" not in gap
                opens = self.plan.quotations[min(attribution.quotations)].start == first
                before = opens and quotation.end <= first and not self.text[quotation.end : first].strip()
                if (after or before) and self.paragraph_of(first) == self.paragraph_of(quotation.start):
                    attribution.quotations.append(index)
                    owned.add(index)
                    break

    def _from_attribution(self, attribution: _Attribution) -> Quote | None:
        quotations = [self.plan.quotations[i] for i in sorted(attribution.quotations)]
        clause = attribution.clause
        if quotations and clause and not any(clause[0] <= q.start and q.end <= clause[1] for q in quotations):
            clause = None  # the clause is something else the speaker did; the quotation is the statement
        if clause and attribution.speaker is not None:
            clause = (clause[0], self._quoted_tail(attribution, clause[1]))
        spans = [(q.start, q.end) for q in quotations] + ([clause] if clause else [])
        if not spans or (not quotations and attribution.speaker is None):
            return None  # words no one is said to have said are not a quote
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        partial = any(
            start <= q.start and q.end <= end
            for i, q in enumerate(self.plan.quotations)
            if i not in self.plan.statements
        )
        kind = "direct" if quotations or partial else "indirect"
        if quotations and not clause:
            # The comma before "he said" is the attribution's, not the speaker's.
            words = " … ".join(q.inner(self.text).rstrip(",;:") for q in quotations)
        else:
            words = " ".join(self.text[start:end].split())
        return self._quote(start, end, kind, attribution.speaker, attribution.cue, words)

    def _quoted_tail(self, attribution: _Attribution, end: int) -> int:
        """Where a reported clause ends when the parse cut it short of quoted words later in its sentence:
        "said he was a negotiator, “like you folks.”", "saying he would abdicate ..., his view is “dangerously
        wrong”" run on to the last such quotation, unless another cue comes first."""
        limit = min((a.at for a in self.attributions if end <= a.at), default=len(self.text))
        limit = min(limit, attribution.sentence[1])
        for index, quotation in enumerate(self.plan.quotations):
            short = index not in self.plan.statements
            if short and end <= quotation.start < limit and "\n" not in self.text[end : quotation.start]:
                end = quotation.end
        return end

    def _orphan(self, index: int) -> Quote:
        """A statement no cue claims: it takes the speaker of its paragraph (the last one quoted before
        it, else the next one), or of the paragraph before when it opens a paragraph; else unattributed."""
        quotation = self.plan.quotations[index]
        paragraph = self.paragraph_of(quotation.start)
        opens_paragraph = quotation.start == self.paragraphs[paragraph][0]
        speaking = [a for a in self.attributions if a.speaker is not None and not a.describing]
        earlier = [a for a in speaking if a.at < quotation.start]
        later = [a for a in speaking if a.at > quotation.end]
        source = None
        if earlier and self.paragraph_of(earlier[-1].at) == paragraph:
            source = earlier[-1]
        elif later and self.paragraph_of(later[0].at) == paragraph:
            source = later[0]
        elif earlier and opens_paragraph and self.paragraph_of(earlier[-1].at) == paragraph - 1:
            # A paragraph that is only a quotation goes on with the speaker of the paragraph before.
            ends_paragraph = not self.text[quotation.end : self.paragraphs[paragraph][1]].strip()
            if earlier[-1].quotations or ends_paragraph:
                source = earlier[-1]
        if source is None:
            return self._quote(quotation.start, quotation.end, "unattributed")
        return self._quote(quotation.start, quotation.end, "direct", source.speaker)

    def _quote(
        self,
        start: int,
        end: int,
        kind: str,
        mention: Mention | None = None,
        cue: str | None = None,
        words: str | None = None,
    ) -> Quote:
        article = self.plan.article
        if words is None:
            words = QuotedSpan(start, end, self.text[end - 1] in QUOTE_MARK_CHARS).inner(self.text).rstrip(",;:")
        speaker = self.resolver.resolve(mention) if mention is not None else None
        return Quote(
            article_id=article.id,
            outlet=article.outlet,
            quote=words,
            speaker=speaker.name if speaker else None,
            role=speaker.role if speaker else None,
            speaker_type=speaker.speaker_type if speaker else "other",
            start=start,
            end=end,
            cue=cue,
            kind=kind,  # type: ignore[arg-type]
        )


# --- public API ----------------------------------------------------------------------------


def extract_quotes(article: Article) -> list[Quote]:
    """Every quotation in one article with its speaker, role, kind and character span."""
    return extract_quotes_many([article])


def extract_quotes_many(articles: Sequence[Article], advance: Advance | None = None) -> list[Quote]:
    """Quotes of many articles, parsing their attribution snippets in batched spaCy streams, a slice of
    articles at a time: parsed sentences are dropped once their article is done, so memory stays flat.
    Slices go to worker processes (one per core) for a large corpus; the quotes are the same."""
    return map_slices(_extract_slice, articles, slice_size=_ARTICLES_PER_SLICE, advance=advance or no_advance)


def _extract_slice(articles: Sequence[Article]) -> list[Quote]:
    plans = [_plan(article) for article in articles]
    jobs = [(plan, snippet) for plan in plans for snippet in plan.snippets]
    nlp = spacy_model()
    docs = nlp.pipe(
        (plan.frame.text[snippet.start : snippet.end] for plan, snippet in jobs),
        batch_size=settings.QUOTE_BATCH_SIZE,
        disable=_UNUSED_PIPES,
    )
    found: dict[int, list[_Attribution]] = {id(plan): [] for plan in plans}
    parsed: dict[int, list[tuple[Doc, int]]] = {id(plan): [] for plan in plans}
    with SPACY_LOCK:
        for (plan, snippet), doc in zip(jobs, docs, strict=True):
            try:
                found[id(plan)].extend(_SentenceReader(doc, plan, snippet).attributions())
            except (IndexError, ValueError, KeyError) as exc:  # odd parses of untrusted text must not stop a build
                log.warning("quotes: skipped a sentence of %s (%s: %s)", plan.article.file, type(exc).__name__, exc)
            parsed[id(plan)].append((doc, snippet.start))
    quotes: list[Quote] = []
    for plan in plans:
        found[id(plan)].extend(_dash_bylines(plan))
        quoted = [(plan.quotations[i].start, plan.quotations[i].end) for i in plan.statements]
        resolver = SpeakerResolver(plan.article.text, _named_people(plan, parsed.pop(id(plan))), quoted)
        for attribution in found[id(plan)]:
            if attribution.speaker is not None:
                resolver.register(attribution.speaker)
        resolver.finish()
        quotes.extend(_Assembler(plan, found[id(plan)], resolver).quotes())
    return quotes


# “...” ― Sonya Herridge: a dash and a name closing the line after a quotation (readers' comments, epigraphs).
_DASH_BYLINE = re.compile(
    r"[ \t\u00a0]*[―—–]\s*((?:[A-Z][\w’'.-]*[ \t]+(?:(?:de|da|del|van|von|la|le|al)[ \t]+)?){0,4}[A-Z][\w’'-]*)"
    r"(?=[ \t\u00a0.]*(?:\n|$|,))"
)
# The closing mark before a line's final byline: ...evil’.” ― Christina Lastra.
_SIGNED_LINE_END = re.compile(r"[”\"](?=" + _DASH_BYLINE.pattern + r")[^\n]*$", re.M)


def _dash_bylines(plan: _Plan) -> list[_Attribution]:
    """Statements signed by a dash and a name after their closing mark; no parse needed. A quotation
    that opens its line is signed by the line's closing byline even when marks nested inside it (“...
    what he calls “hell” than ...”) end the quotation before the line's last closing mark."""
    text = plan.article.text
    found = []
    for index in sorted(plan.statements):
        quotation = plan.quotations[index]
        byline = _DASH_BYLINE.match(text, quotation.end)
        line_start = text.rfind("\n", 0, quotation.start) + 1
        if byline is None and not text[line_start : quotation.start].strip():
            line_end = text.find("\n", quotation.end)
            signed = _SIGNED_LINE_END.search(text, quotation.end, len(text) if line_end < 0 else line_end)
            byline = _DASH_BYLINE.match(text, signed.start() + 1) if signed else None
        if byline is None or names_a_place_or_thing(byline.group(1)):
            continue
        speaker = Mention(byline.group(1), byline.start(1), byline.end(1), "name")
        found.append(_Attribution("―", byline.start(), (quotation.start, byline.end()), speaker, quotations=[index]))
    return found


def _named_people(plan: _Plan, docs: list[tuple[Doc, int]]) -> list[Named]:
    """People the parsed snippets name (runs of proper nouns that read as a person's name), for resolving
    "he" and "the general". The subject of a sentence is the likeliest antecedent, so it is marked."""
    people = []
    for doc, start in docs:
        runs: list[list[Token]] = [[]]
        for token in doc:
            quoted = plan.frame.piece_at(start + token.idx).quotation is not None
            if _is_proper(token) and not quoted:
                runs[-1].append(token)
            elif runs[-1]:
                runs.append([])
        for run in runs:
            words = " ".join(t.text for t in run)
            if run and looks_like_person(words):
                inside = {t.i for t in run}
                head = next((t for t in run if t.head.i not in inside), run[-1])
                at = plan.frame.to_article(start + run[0].idx)
                people.append(Named(at, words, head.dep_ in {"nsubj", "nsubjpass"}))
    return people


# --- the same quote across outlets ---------------------------------------------------------


@dataclass(frozen=True)
class WordChange(Record):
    """Where one outlet's version of a quote departs from the fullest version, word by word."""

    article_id: str
    outlet: str
    change: str  # "omitted" (words the fullest version has and this one lacks), "added" or "changed"
    reference: str  # the fullest version's words here ("" when added)
    version: str  # this outlet's words here ("" when omitted)


@dataclass(frozen=True)
class QuoteMatch(Record):
    """One statement printed by several outlets: every version, and how they differ.

    ``text`` is the fullest version; ``trimmed`` lists the articles whose version is a
    cut of it (words only left out at the ends); ``changes`` lists every omitted, added
    or changed word run against the fullest version ("inconsistent with" printed as
    "inconsistent of").
    """

    match_id: str
    speaker_id: str | None
    speaker: str | None
    text: str
    versions: tuple[Quote, ...]
    outlets: tuple[str, ...]
    identical: bool
    trimmed: tuple[str, ...]
    changes: tuple[WordChange, ...]


_MATCH_WORD = re.compile(r"[\w’'-]+")


def _match_words(text: str) -> list[str]:
    """Words compared across outlets: case, punctuation and curly/straight apostrophes do not count."""
    return [w.lower().replace("’", "'") for w in _MATCH_WORD.findall(text)]


#: A word this long (and no stop word) is rare enough to pair two quotes on its own.
_LONG_WORD = 5


def _candidate_pairs(words: Sequence[list[str]], article_ids: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs of quotes from different articles worth scoring: they share a two-word phrase or a long word.

    Two versions of one statement keep a pair of adjacent words, or, when every other word
    changed ("organised the evacuation" / "organized the evacuations"), a long word; all 427
    matches of 60 big stories of the 10k sample share a phrase. Four in five pairs of a
    story's quotes share neither, and are not scored.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    holders: dict[object, list[int]] = {}
    for index, quote_words in enumerate(words):
        long_words = {w for w in quote_words if len(w) >= _LONG_WORD and w not in ENGLISH_STOP_WORDS}
        for key in long_words | set(itertools.pairwise(quote_words)):
            holders.setdefault(key, []).append(index)
    return {
        (i, j)
        for indices in holders.values()
        for i, j in itertools.combinations(indices, 2)
        if article_ids[i] != article_ids[j]
    }


def match_quotes(quotes: Sequence[Quote]) -> list[QuoteMatch]:
    """Direct quotes printed by at least two outlets, grouped with their word-level differences.

    Two quotes match when the shorter one's words align with part of the longer one at
    ``settings.QUOTE_MATCH_MIN_SIMILARITY`` or better (rapidfuzz's partial ratio), so a
    trimmed quote and one with a changed word still match; matches chain, so every
    piece of one long statement joins one group. Meant for one story's quotes: pairs are
    scored one by one (those sharing a phrase or a long word, see ``_candidate_pairs``).
    """
    from rapidfuzz import fuzz

    candidates = [
        q for q in quotes if q.kind == "direct" and len(_match_words(q.quote)) >= settings.QUOTE_MATCH_MIN_WORDS
    ]
    if len(candidates) < 2:
        return []
    words = [_match_words(q.quote) for q in candidates]
    texts = [" ".join(w) for w in words]
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(words, [q.article_id for q in candidates]):
        if fuzz.partial_ratio(texts[i], texts[j], score_cutoff=settings.QUOTE_MATCH_MIN_SIMILARITY):
            parent[root(i)] = root(j)
    groups: dict[int, list[Quote]] = {}
    for index, quote in enumerate(candidates):
        groups.setdefault(root(index), []).append(quote)
    matches = [_quote_match(members) for members in groups.values() if len({q.outlet for q in members}) >= 2]
    matches.sort(key=lambda m: (-len(m.outlets), -len(m.text), m.match_id))
    return matches


def _quote_match(members: list[Quote]) -> QuoteMatch:
    from difflib import SequenceMatcher

    members = sorted(members, key=lambda q: (q.outlet, q.article_id, q.start))
    padded = {id(q): f" {' '.join(_match_words(q.quote))} " for q in members}

    def support(quote: Quote) -> tuple[int, int]:
        """How many versions this one contains word for word, then its length: the fullest common version."""
        own = padded[id(quote)]
        return sum(padded[id(other)] in own for other in members), len(own)

    reference = max(members, key=support)  # the first (by outlet) among equals
    reference_words = _match_words(reference.quote)
    changes: list[WordChange] = []
    trimmed: list[str] = []
    for quote in members:
        if quote is reference:
            continue
        words = _match_words(quote.quote)
        matcher = SequenceMatcher(a=reference_words, b=words, autojunk=False)
        inner = []
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            at_edge = tag == "delete" and (a1 == 0 or a2 == len(reference_words))
            if not at_edge:
                inner.append(tag)
            change = {"delete": "omitted", "insert": "added", "replace": "changed"}[tag]
            changes.append(
                WordChange(
                    quote.article_id, quote.outlet, change, " ".join(reference_words[a1:a2]), " ".join(words[b1:b2])
                )
            )
        if not inner and len(words) < len(reference_words):
            trimmed.append(quote.article_id)
    speakers = [q for q in members if q.speaker]
    speaker = max(speakers, key=lambda q: sum(o.speaker_id == q.speaker_id for o in speakers)) if speakers else None
    key = "|".join(sorted(f"{q.article_id}:{q.start}" for q in members))
    return QuoteMatch(
        match_id="q" + hashlib.sha1(key.encode()).hexdigest()[:10],
        speaker_id=speaker.speaker_id if speaker else None,
        speaker=speaker.speaker if speaker else None,
        text=reference.quote,
        versions=tuple(members),
        outlets=tuple(sorted({q.outlet for q in members})),
        identical=len({tuple(_match_words(q.quote)) for q in members}) == 1,
        trimmed=tuple(trimmed),
        changes=tuple(changes),
    )
