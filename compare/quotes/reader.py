"""Reading one parsed sentence: its cues (speech verbs, "according to", a claim noun, a colon, quoted
words echoed by a subject), each cue's speaker and reported clause, and which long quotations each
cue governs.

The pipeline runs without spaCy's attribute ruler and lemmatizer (they cost a third of the parse),
so word classes come from the fine-grained tags and cue lemmas from ``cues.LEMMAS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from compare.nlp import IRREGULAR_VERBS, mark_role
from compare.quotes.cues import (
    AUDIENCE,
    CLAIM_NOUNS,
    COMPLEMENT_DEPS,
    DOCUMENTS,
    IDIOM_OBJECTS,
    INTERVIEWS,
    LEMMAS,
    OBJECT_CUES,
    PARTICLE_CUES,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    WHEN_WORDS,
)
from compare.quotes.parsed import ParsedSnippet, is_proper, is_verb, verb_read_as_adjective
from compare.quotes.plan import Attribution, Plan, Snippet, is_title
from compare.quotes.speaker_words import (
    colon_source,
    name_after_dash,
    person_subject,
    speaker_mention,
    subject_of,
)
from compare.speakers import Mention, is_title_word, looks_like_person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class AttributionReader:
    """Finds the attributions in one parsed snippet, in article offsets."""

    def __init__(self, doc: Doc, plan: Plan, snippet: Snippet) -> None:
        self.parsed = ParsedSnippet(doc, plan, snippet)
        self.doc = doc
        self.snippet = snippet
        self.quotation_of = self.parsed.quotation_of

    def attributions(self) -> list[Attribution]:
        doc = self.doc
        frame, snippet = self.parsed.plan.frame, self.snippet
        sentence = (frame.to_article(snippet.sentence_start), frame.to_article(snippet.sentence_end, end=True))
        found: list[Attribution] = []
        for token in doc:
            if token.i in self.quotation_of or token.is_upper or self.parsed.quoted(token):
                continue  # a cue inside quotation marks, or shouted ("PLEASE NOTE"), attributes nothing
            if LEMMAS.get(token.lower_) in SPEECH_VERBS and (is_verb(token) or _misread_cue(self.parsed, token)):
                if _reports_speech(token):
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
            elif token.lower_ in DOCUMENTS and token.dep_ == "dobj":
                found.extend(_issued_document(self.parsed, token, sentence))
            elif token.lower_ in CLAIM_NOUNS:
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
            subject = person_subject(self.parsed)
            if subject is not None:
                found.append(
                    Attribution(
                        "", self.parsed.start(subject), sentence, speaker_mention(self.parsed, subject), subject.i
                    )
                )
        return found

    def _possessed_claim(self, noun: Token, sentence: tuple[int, int]) -> Attribution | None:
        """ "Trump’s claim that there have been “thousands of shootings”": the possessor said the clause."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or not (is_proper(owner) or owner.lower_ in {"his", "her"}):
            return None
        clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"}), None)
        if clause is not None and any(self.parsed.is_mark(t) for t in clause.subtree):
            edges = (clause.left_edge, clause.right_edge)
        else:  # only quoted words make it a quote; "her claim that taxes rose" is paraphrase
            found = _quotation_after_that(self.parsed, noun)
            if found is None:
                return None
            edges = found
        speaker = (
            speaker_mention(self.parsed, owner)
            if is_proper(owner)
            else Mention(
                "she" if owner.lower_ == "her" else "he", self.parsed.start(owner), self.parsed.end(owner), "pronoun"
            )
        )
        span = self.parsed.trimmed(*edges)
        return Attribution(noun.text, self.parsed.start(noun), sentence, speaker, noun.i, span)

    def _echoed_words(self, sentence: tuple[int, int], found: list[Attribution]) -> Attribution | None:
        """A person who is the subject of a sentence and whose verb's object holds a short quotation is
        quoted in part, whatever the verb: "Merkel heralded the deal as a “breakthrough”", "Clinton prefers
        the term “undocumented immigrants”". Quoted words with no person as subject stay scare quotes, and so
        does the name of a show in marks ("Carson appeared on ABC’s “This Week”"): it is no one's words."""
        doc = self.doc
        marks = [t for t in doc if self.parsed.is_mark(t) and t.i not in self.quotation_of]
        covered = [a.clause for a in found if a.clause is not None]
        loose = [t for t in marks if not any(c[0] <= self.parsed.start(t) < c[1] for c in covered)]
        if all(self.parsed.marks_a_title(t) for t in loose):  # also when no mark is left
            return None
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or not is_verb(root) or any(a.token == root.i for a in found):
            return None
        subject = person_subject(self.parsed)
        if subject is None:
            return None
        speaker = speaker_mention(self.parsed, subject)
        if speaker.kind == "name" and len(speaker.text.split()) > 1 and not looks_like_person(speaker.text):
            return None
        clause = _reported_clause(self.parsed, root)
        if clause is None:
            return None
        return Attribution(root.text, self.parsed.start(root), sentence, speaker, root.i, clause)

    def _verb(self, verb: Token, sentence: tuple[int, int]) -> Attribution:
        speaker, inverted = _cue_speaker(self.parsed, verb)
        words = [t for t in verb.children if t.dep_ in {"aux", "neg", "prt"} and t.i < verb.i + 2] + [verb]
        extras = [
            t
            for t in verb.children
            if (t.dep_ == "prep" and any(c.lower_ in SPEECH_NOUNS for c in t.children))
            or (t.dep_ in {"dobj", "dative"} and t.lower_ in AUDIENCE)
        ]
        cue = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        for extra in extras:
            cue += " " + " ".join(t.text for t in _up_to_comma(extra.subtree))
        clause = _reported_clause(self.parsed, verb)
        attribution = Attribution(
            cue,
            self.parsed.start(verb),
            sentence,
            speaker,
            verb.i,
            clause,
            describing=verb.dep_ == "acl" and not inverted,
        )
        attribution.lead = _after_cue(self.parsed, verb)
        attribution.finite = verb.dep_ in {"ROOT", "ccomp", "parataxis"} and verb.tag_ != "VBG"
        return attribution

    def _preposition(self, cue: Token, head: Token, text: str, sentence: tuple[int, int]) -> Attribution:
        """ "according to X" / "in the words of X": X speaks; the reported words are the rest of the clause."""
        objects = [c for c in head.children if c.dep_ == "pobj"]
        speaker = speaker_mention(self.parsed, objects[0]) if objects else None
        phrase_start = cue.i if text == "according to" else cue.i - 2
        phrase_end = max((o.right_edge.i for o in objects), default=head.i)
        clause = _rest_of_clause(self.parsed, phrase_start, phrase_end)
        return Attribution(text, self.parsed.start(cue), sentence, speaker, cue.i, clause)

    def _colon(self, sentence: tuple[int, int], found: list[Attribution]) -> Attribution | None:
        """A colon before a quotation: "Carl Bialik: “...”", "Cruz called them on it:" + a quoted paragraph.

        When a cue before the colon already has a speaker, the colon only marks that cue as
        introducing the next paragraph; otherwise the speaker is found before the colon.
        """
        doc = self.doc
        colon = next((t for t in doc if _is_colon(t) and t.i not in self.quotation_of), None)
        if colon is None:
            return None
        after = next((t for t in doc[colon.i + 1 :] if not t.is_space), None)
        if after is not None and not (after.is_quote or after.i in self.quotation_of):
            return None
        introduces = after is None
        labelled = name_after_dash(doc[: colon.i])  # "Pollsters agree - Carl Bialik: “...”": Bialik's words
        if labelled is not None:
            mention = _words(self.parsed, labelled[0], labelled[-1], "name")
            return Attribution(":", self.parsed.start(colon), sentence, mention, colon.i, colon=introduces)
        earlier = [a for a in found if a.speaker is not None and a.at < self.parsed.start(colon)]
        if earlier:
            earlier[-1].colon = introduces
            return None
        source = colon_source(self.parsed, doc[: colon.i])
        if source is None:
            return None
        return Attribution(
            ":", self.parsed.start(colon), sentence, speaker_mention(self.parsed, source), colon.i, colon=introduces
        )

    def _attach_quotations(self, found: list[Attribution]) -> None:
        """Each long quotation in the sentence goes to the nearest cue with a speaker that governs it in the
        parse; a quotation governed by another verb ("details how “...”") goes to none. When the parse hangs
        the quotation under no verb at all, the nearest cue takes it."""
        speaking = [a for a in found if a.speaker is not None]
        for token_index, quotation in self.quotation_of.items():
            if token_index > 0 and self.quotation_of.get(token_index - 1) == quotation:
                continue  # one placeholder spans several tokens; attach it once
            chosen = _cues_of_quotation(self.parsed, speaking, token_index)
            if chosen:
                at = self.parsed.start(self.doc[token_index])
                min(chosen, key=lambda a: abs(a.at - at)).quotations.append(quotation)


def _reported_clause(parsed: ParsedSnippet, verb: Token) -> tuple[int, int] | None:
    """The reported words: the verb's complement clause ("said the probe is ongoing"), or else its
    complements when they carry a quotation ("called the statement “offensive”", "decried the GOP for
    “turning its back” on ...")."""
    if verb_read_as_adjective(verb):
        return parsed.trimmed(parsed.doc[verb.i + 1], verb.head.right_edge)
    quotation_of = parsed.quotation_of
    for child in _after_verb_first(verb):
        # a collapsed quotation heading the clause still reports it when words of the clause open before
        # it ("said he was “...”"); a clause that is only the quotation is not one
        opens_before = child.left_edge.i > verb.i and child.left_edge.i not in quotation_of
        # "called the system “rigged”, and lawmakers have called for ...": a clause after "and" the parser
        # made the verb's complement is the writer's next clause
        coordinated = child.left_edge.i > 0 and parsed.doc[child.left_edge.i - 1].dep_ == "cc"
        if child.dep_ == "ccomp" and (child.i not in quotation_of or opens_before) and not coordinated:
            return parsed.trimmed(child.left_edge, child.right_edge)
    # "Speaking to “CBS This Morning” Monday", "speak at a breakfast": whom or where one spoke, not what was said
    venue = LEMMAS.get(verb.lower_) in _VENUE_VERBS
    complements = [
        c for c in verb.rights if c.dep_ in COMPLEMENT_DEPS and not (venue and c.lower_ in _VENUE_PREPOSITIONS)
    ]
    # "called him “...”" with the quotation collapsed: the object before it opens what was said, so the
    # quotation is one of the complements; complements that are only quotations open nothing
    lead = next((i for i, c in enumerate(complements) if c.left_edge.i not in quotation_of), len(complements))
    complements = complements[lead:]
    quoted = [c for c in complements if any(parsed.is_mark(t) for t in c.subtree)]
    if not quoted:
        return None
    first = complements[0]
    # "warned of the dangers of “...”", "talked about “...”": the preposition links the verb to what was
    # said; the reported words are its object (the token after it, so the object's opening mark stays)
    linking = first.dep_ == "prep" and any(c.dep_ in {"pobj", "pcomp"} for c in first.children)
    if linking and first.i + 1 < len(parsed.doc):
        first = parsed.doc[first.i + 1]
    span = parsed.trimmed(first.left_edge, quoted[-1].right_edge)
    return None if span is not None and _only_a_title(parsed, span) else span


def _only_a_title(parsed: ParsedSnippet, span: tuple[int, int]) -> bool:
    """True when a verb's complement is nothing but the name of a work or show in marks ("Speaking Sunday on
    ABC’s “This Week,” Carson admitted"): where it was said, not what."""
    plan = parsed.plan
    return any(
        (quotation.start, quotation.end) == span and is_title(quotation.inner(plan.article.text))
        for index, quotation in enumerate(plan.quotations)
        if index not in plan.statements
    )


_VENUE_VERBS = frozenset({"speak", "talk"})
_VENUE_PREPOSITIONS = frozenset({"to", "with", "at", "before", "in", "on"})


def _issued_document(parsed: ParsedSnippet, noun: Token, sentence: tuple[int, int]) -> list[Attribution]:
    """ "Trump issued a statement, “...”": a document a verb's subject put out, its words in marks right after
    it, is the subject speaking (the cue is the verb, which the parse may hang the quotation on)."""
    verb, text = noun.head, parsed.plan.article.text
    if not is_verb(verb) or LEMMAS.get(verb.lower_) in SPEECH_VERBS:
        return []  # "wrote a letter, “...”": the speech verb is the cue already
    after = parsed.end(noun)
    starts = [
        parsed.plan.quotations[parsed.quotation_of[c.i]].start
        for c in (*noun.children, *verb.children)
        if c.i in parsed.quotation_of
    ]
    if not any(after <= start and text[after:start].strip() in {",", ":"} for start in starts):
        return []
    subject = subject_of(parsed, verb)
    if subject is None:
        return []
    cue = f"{verb.text} {noun.text}"
    return [Attribution(cue, parsed.start(verb), sentence, speaker_mention(parsed, subject), verb.i)]


def _quotation_after_that(parsed: ParsedSnippet, noun: Token) -> tuple[Token, Token] | None:
    """ "her remark that “...”" where the parse hung the quotation on another word: "that" and an opening
    mark right after the claim noun; the clause runs from "that" to the quotation's closing mark."""
    doc = parsed.doc
    opening = noun.i + 2
    if opening >= len(doc) or doc[noun.i + 1].lower_ != "that" or not parsed.is_mark(doc[opening]):
        return None
    if opening in parsed.quotation_of:  # a long quotation, collapsed to a few tokens
        last = parsed.last_of_quotation(opening)
    else:
        last = next((t.i for t in doc[opening + 1 :] if parsed.is_mark(t)), -1)
        if last < 0:
            return None
    return doc[noun.i + 1], doc[last]


def _is_colon(token: Token) -> bool:
    """A colon, also one the tokenizer glued to a closing parenthesis ("Rep. Trey Gowdy (R-S.C.):")."""
    return token.text == ":" or (token.text.endswith(":") and not any(c.isalnum() for c in token.text))


def _cues_of_quotation(parsed: ParsedSnippet, speaking: list[Attribution], token_index: int) -> list[Attribution]:
    """The cues that may own the long quotation collapsed at ``token_index``, the nearest of which takes it:
    a colon's, one signed right after it, the cue the quotation hangs from (also a participle the tagger read
    as a noun: ", remarking, “...”"), one governing the verb it hangs under, or when none governs it any cue
    but a participle that only describes a noun ("the letter announcing ...")."""
    after_colon = [a for a in speaking if a.cue == ":" and parsed.follows(a.token, token_index)]
    chosen = (
        after_colon
        or _signed_right_after(parsed, speaking, token_index)
        or _opened_by_that(parsed, speaking, token_index)
    )
    if chosen:
        return chosen
    head = parsed.doc[token_index].head
    hanging = [a for a in speaking if a.token == head.i and not is_verb(head)]  # no verb to govern it
    if hanging:
        return hanging
    governor = parsed.governing_verb(parsed.doc[token_index])
    if governor is None:
        return [a for a in speaking if not a.describing]
    return [a for a in speaking if a.token == governor.i or parsed.governs(a.token, governor)]


def _opened_by_that(parsed: ParsedSnippet, speaking: list[Attribution], token_index: int) -> list[Attribution]:
    """The cue a long quotation right after "that" reports when the parse gave that cue no clause: in "Trump
    told supporters Tuesday night that “...,” and he vowed to ..." the quotation is what he told them."""
    doc = parsed.doc
    if token_index < 1 or doc[token_index - 1].lower_ != "that":
        return []
    earlier = [a for a in speaking if a.cue != ":" and a.token < token_index - 1]
    if not earlier:
        return []
    last = max(earlier, key=lambda a: a.token)
    # only the cue's own object and adjuncts lie between it and "that": not "speak ... to ensure that “...”"
    between = doc[last.token + 1 : token_index - 1]
    if last.clause is not None or last.quotations or last.describing or any(is_verb(t) for t in between):
        return []
    last.lead = parsed.start(doc[token_index - 1])  # what was said opens at "that", past whom it was told
    return [last]


def _signed_right_after(parsed: ParsedSnippet, speaking: list[Attribution], token_index: int) -> list[Attribution]:
    """The cues right after a long quotation's closing mark whose speaker follows it too: in "When Sanders
    said ..., he “...,” said Drew Heiserman" the quotation is Heiserman's, though it sits in Sanders' clause."""
    last = parsed.last_of_quotation(token_index)
    closes = parsed.end(parsed.doc[last])
    return [
        a
        for a in speaking
        if a.cue != ":" and parsed.follows(last, a.token) and a.speaker is not None and a.speaker.start >= closes
    ]


def _after_verb_first(verb: Token) -> list[Token]:
    """A verb's dependents, those after it first: when the parse gives a speech verb a clause on each side, the
    one after it holds what was said, the one before is the scene ("Sitting down with ..., Clinton remarked
    that ...") or a sentence of its own ("... were worried; most said they were “very worried.”")."""
    return sorted(verb.children, key=lambda c: c.i < verb.i)


def _up_to_comma(tokens: Iterable[Token]) -> list[Token]:
    """The words of a phrase before its first comma: the cue "said in a statement to the Observer", not the
    speaker and their title that the parse hung off the phrase after it."""
    words: list[Token] = []
    for token in tokens:
        if token.text == ",":
            break
        words.append(token)
    return words


def _reports_speech(verb: Token) -> bool:
    """Whether a speech verb here reports words: "did not comment" and "cannot say that ..." (negated)
    attribute nothing, nor "will continue to be “a strong voice”" (continuing to do something), nor an idiom
    ("that fact speaks volumes"), and "point" reports speech only as "pointed out", "put" only as "put it"."""
    lemma = LEMMAS.get(verb.lower_)
    negated = any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "cannot") for c in verb.children)
    going_on = lemma == "continue" and any(c.dep_ == "xcomp" for c in verb.children)
    particle = PARTICLE_CUES.get(lemma or "")
    # the particle itself, not a preposition with its object ("the Senate goes on recess")
    without_particle = particle is not None and not any(c.lower_ == particle and not c.n_rights for c in verb.children)
    idiom = any(c.lower_ in IDIOM_OBJECTS.get(lemma or "", ()) for c in verb.children)
    return not (negated or going_on or without_particle or idiom or _lacks_its_object(verb, lemma))


def _lacks_its_object(verb: Token, lemma: str | None) -> bool:
    """True for a verb that reports speech only with one object and nothing else ("as she put it"), used
    otherwise ("put it on hold", "put the bill to a vote")."""
    needed = OBJECT_CUES.get(lemma or "")
    if needed is None:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    others = [
        c
        for c in verb.children
        if c.dep_ in {"prt", "dative", "oprd", "ccomp", "xcomp"} or (c.dep_ == "prep" and not _says_when_or_where(c))
    ]
    return [c.lower_ for c in objects] != [needed] or bool(others)


def _says_when_or_where(phrase: Token) -> bool:
    """A prepositional phrase of when or in what it was said ("on Wednesday", "in a statement"), not "on hold"."""
    return any(t.lower_ in WHEN_WORDS or t.lower_ in DOCUMENTS or t.lower_ in INTERVIEWS for t in phrase.subtree)


def _cue_speaker(parsed: ParsedSnippet, verb: Token) -> tuple[Mention | None, bool]:
    """Who a speech verb's words belong to, and whether the parse had it the wrong way round: "“...?” the
    43-year-old asked" parsed as a participle describing the noun (the noun spoke), "“...,” Conway notes"
    with the verb read as a noun (the name words before it spoke, however tagged)."""
    inverted = (
        verb.dep_ == "acl"
        and verb.i > verb.head.i
        and verb.head.i not in parsed.quotation_of  # a participle on a quotation is not said by the quotation
        and _right_after_quotation(parsed, _phrase_start(parsed, verb.head))
    )
    if not is_verb(verb) and not verb.lower_.endswith("ing") and not _has_auxiliary(verb):
        first = _name_start(parsed.doc, verb.i, parsed.quotation_of)
        if first < verb.i:
            return _words(parsed, parsed.doc[first], verb.nbor(-1), "name"), False
        first = _description_start(parsed.doc, verb.i)  # "“...,” the editorial read"
        return (_words(parsed, parsed.doc[first], verb.nbor(-1), "description") if first < verb.i else None), False
    named = is_proper(verb.head) or any(c.dep_ == "appos" for c in verb.head.children)
    if inverted and not named:  # the whole description: "the 43-year-old", not "the nominee, Donald Trump,"
        return _words(parsed, _phrase_start(parsed, verb.head), verb.head, "description"), True
    subject = verb.head if inverted else subject_of(parsed, verb)
    return (speaker_mention(parsed, subject) if subject is not None else None), inverted


def _words(parsed: ParsedSnippet, first: Token, last: Token, kind: str) -> Mention:
    """A speaker mention of the words from ``first`` to ``last``, as the article writes them."""
    start, end = parsed.start(first), parsed.end(last)
    return Mention(" ".join(parsed.plan.article.text[start:end].split()), start, end, kind, head=last.text)


def _right_after_quotation(parsed: ParsedSnippet, first: Token) -> bool:
    """True when ``first`` follows a quotation with nothing but its closing punctuation between."""
    at = first.i - 1
    while at >= 0 and parsed.doc[at].text in {",", "?", "!", "…"}:
        at -= 1
    if at < 0:
        return False
    token = parsed.doc[at]
    return at in parsed.quotation_of or (token.is_quote and mark_role(parsed.doc.text, token.idx) == "close")


def _misread_cue(parsed: ParsedSnippet, token: Token) -> bool:
    """“...,” Conway notes: a speech verb in a finite form ("notes", "added", "the Saudis state") read as a noun,
    right after a quotation and a name, ending its clause; its participle after a comma (", remarking,"); or
    one after an auxiliary ("did post")."""
    doc = parsed.doc
    if token.tag_ in {"NN", "NNS"} and _has_auxiliary(token):
        return True  # "Trump did post on Twitter that ...": an auxiliary's noun is a verb
    if token.tag_ == "NN" and token.lower_.endswith("ing") and token.i >= 1 and doc[token.i - 1].text == ",":
        # ", remarking, “...”": a participle read as a noun, between a comma and what it reports
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return following is not None and (following.is_punct or following.i in parsed.quotation_of)
    plural_before = token.i > 0 and doc[token.i - 1].tag_ in {"NNS", "NNPS"}  # "the Saudis state"
    finite = (
        token.lower_.endswith(("s", "ed"))
        or token.lower_ in _PAST_FORMS
        or (plural_before and token.lower_ in SPEECH_VERBS)
    )
    if token.tag_ not in {"NN", "NNS"} or not finite or token.i < 2:
        return False
    first = _name_start(doc, token.i, parsed.quotation_of)
    if first > 0 and doc[first - 1].lower_ == "the" and first < token.i:
        first -= 1  # "“...,” the Saudis state"
    if first == token.i:  # "“...,” the editorial read": a short described speaker, its determiner first
        first = _description_start(doc, token.i)
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    ends = following is None or following.is_punct or following.tag_ in {"IN", "RB"}
    return 1 <= token.i - first <= 4 and ends and _right_after_quotation(parsed, doc[first])


def _description_start(doc: Doc, cue: int) -> int:
    """Where "the editorial" / "a new ad" right before the token at ``cue`` starts: a determiner and up to
    three lower-case words; ``cue`` when there is none."""
    for first in range(cue - 1, max(-1, cue - 5), -1):
        word = doc[first]
        if word.lower_ in _DETERMINERS:
            return first if first < cue - 1 else cue
        if not (word.is_alpha and word.is_lower):
            break
    return cue


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "one", "another"})
# Past forms of speech verbs that look like their base or end in neither "s" nor "ed": "read", "wrote".
_PAST_FORMS = frozenset(form for lemma in SPEECH_VERBS for form in IRREGULAR_VERBS.get(lemma, ())) | {"read"}


def _has_auxiliary(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.i < token.i for c in token.children)


def _phrase_start(parsed: ParsedSnippet, head: Token) -> Token:
    """The first word of the phrase ``head`` heads, leaving out a quotation the parser hung on it."""
    lefts = [c.left_edge for c in head.lefts if not (c.is_punct or c.i in parsed.quotation_of)]
    return min(lefts, key=lambda t: t.i, default=head)


def _name_start(doc: Doc, cue: int, quotation_of: dict[int, int] | None = None) -> int:
    """Where the run of name words right before the token at ``cue`` starts (``cue`` when there is none)."""
    first = cue
    while first > 0 and first - 1 not in (quotation_of or {}) and _name_word(doc[first - 1]):
        first -= 1
    return first


def _name_word(token: Token) -> bool:
    """A word of a name or title, however tagged: the tagger reads a name before a misread cue as an
    adjective ("Conway" in "Conway notes")."""
    return is_proper(token) or is_title_word(token.text) or (token.is_alpha and token.text[:1].isupper())


def _after_cue(parsed: ParsedSnippet, verb: Token) -> int | None:
    """Where the words a speech verb reports open: the first word after the verb that is not an adjunct
    saying when, where, how or to whom it spoke ("said Monday in a statement that ...", "told reporters
    “...”"). An adjunct is skipped only when something follows it, so "warned of “...”" keeps its "of"."""
    rights = [c for c in verb.rights if not (c.is_punct and c.i not in parsed.quotation_of)]
    reported = max((i for i, c in enumerate(rights) if c.dep_ in _REPORTED or _holds_quotation(parsed, c)), default=-1)
    telling = LEMMAS.get(verb.lower_) == "tell"
    # "called on the administration to “...”", "referred to him as “...”": a preposition before words that
    # go on with "to" or "as" belongs to the cue, and its object opens what was said
    phrasal = reported >= 0 and rights[reported].dep_ in {"xcomp", "prep", "oprd"}
    skipped: set[int] = set()
    needed = OBJECT_CUES.get(LEMMAS.get(verb.lower_) or "")
    for index, child in enumerate(rights):
        if child.dep_ == "dobj" and child.lower_ == needed:
            skipped.add(child.i)  # "as she put it, “...”": the "it" of the cue, never what was said
            continue
        when = child.dep_ in _ADJUNCTS and any(t.lower_ in WHEN_WORDS for t in (child, *child.children))
        if index >= reported and not when:
            continue  # "said Wednesday night": when it was said is never what was said
        addressee = telling and child.dep_ in {"dobj", "dative"} and child.lower_ != "that"
        if child.dep_ == "prep" and phrasal and not when:
            skipped.add(child.i)
        elif child.dep_ in _ADJUNCTS or addressee:
            skipped |= {t.i for t in child.subtree}
    for token in parsed.doc[verb.i + 1 :]:
        if token.i in skipped or token.dep_ in {"prt", "neg"} or (token.is_punct and not token.is_quote):
            continue
        return parsed.start(token)
    return None


_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "advcl", "agent"})
_REPORTED = frozenset({"ccomp", "dobj", "xcomp", "oprd", "attr", "mark"})


def _holds_quotation(parsed: ParsedSnippet, token: Token) -> bool:
    return any(parsed.is_mark(t) for t in token.subtree)


def _rest_of_clause(parsed: ParsedSnippet, phrase_start: int, phrase_end: int) -> tuple[int, int] | None:
    """The clause around a prepositional cue, without the cue: dashes and semicolons bound a clause."""
    doc, quotation_of = parsed.doc, parsed.quotation_of
    bounds = [t.i for t in doc if t.text in {"—", "–", "--", ";"} and t.i not in quotation_of]
    left = max((b + 1 for b in bounds if b < phrase_start), default=0)
    right = min((b - 1 for b in bounds if b > phrase_end), default=len(doc) - 1)
    before = [t for t in doc[left:phrase_start] if not t.is_punct or t.i in quotation_of]
    after = [t for t in doc[phrase_end + 1 : right + 1] if not t.is_punct or t.i in quotation_of]
    side = before if len(before) >= len(after) else after
    side = [t for t in side if t.lower_ not in {"and", "but", "so", "finally"} or t.i != side[0].i]
    if len(side) < 2 and not any(t.i in quotation_of for t in side):
        return None
    return parsed.trimmed(side[0], side[-1])
