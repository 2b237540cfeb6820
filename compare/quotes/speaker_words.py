"""Who a cue's speaker is in the parse: the subject of a speech verb (or the name beside it when the
tagger missed it), the source before a colon, and the words naming that speaker with their title,
role and kind (name, pronoun or description). Functions of a ``ParsedSnippet``, used by ``reader``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from compare.name_words import ARTICLES
from compare.quotes.cues import (
    CAUSING_FORMS,
    DOCUMENT_PARTS,
    DOCUMENTS,
    GENERIC_PEOPLE,
    INTERVIEWS,
    LEMMAS,
    NAME_DEPS,
    NAME_PHRASE_TAGS,
    NOMINAL_TAGS,
    SPEECH_VERBS,
    TIME_WORDS,
    WHEN_WORDS,
)
from compare.quotes.parsed import ParsedSnippet, is_proper, is_verb, verb_read_as_adjective
from compare.speakers import Mention, is_title_word, looks_like_organisation, looks_like_person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def speaker_mention(parsed: ParsedSnippet, token: Token) -> Mention:
    """The words naming a speaker, title included; descriptions keep their qualifiers."""
    # an object pronoun speaks too when a participle hangs on it ("video captured him yelling “...”")
    if token.lower_ in {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"}:
        return Mention(token.text, parsed.start(token), parsed.end(token), "pronoun")
    token = _document_of_part(token) or token
    token = _document_author(parsed, token) or token
    text = parsed.plan.article.text
    # The name and its title: the words right before the head that modify it ("Defense Secretary Mark
    # Esper"), stopping at a conjunction ("Gen. Milley and ...") or a possessor ("WaPo's ... Liz Sly").
    first = token.i
    while (
        first > 0
        and parsed.doc[first - 1].dep_ in NAME_DEPS
        and parsed.doc[first - 1].i not in parsed.quotation_of
        and parsed.doc[first - 1].text != ","  # "Thursday evening in Wilkes-Barre, Pennsylvania, Trump said"
    ):
        first -= 1
    doc = parsed.doc
    # "Secretary of State John Kerry": a title and its "of" phrase before the name are the title
    of_phrase = first >= 3 and doc[first - 1].dep_ == "pobj" and doc[first - 2].lower_ == "of"
    if of_phrase and is_title_word(doc[first - 3].text) and doc[first - 3].head.i == token.i:
        first -= 3
    left = [t for t in parsed.doc[first : token.i + 1] if not (t.is_punct or t.is_space)]
    while left and left[0].dep_ in {"det", "predet"} and left[0].i != token.i and not _names_a_title(left[0]):
        left = left[1:]
    while left and left[0].tag_.startswith("VB") and left[0].i != token.i:
        left = left[1:]  # a verb the tagger ran into the name ("for news and talk Dave Gorab") is none of it
    appositive = next((c for c in token.children if c.dep_ == "appos"), None)
    titled = _name_after_title(parsed, token)
    if titled is not None:
        appositive = titled  # "UMWA Director of Government Affairs Phil Smith told": Smith, with his title
    if (not is_proper(token) or titled is not None) and appositive is not None and is_proper(appositive):
        # "Carson's business manager, Armstrong Williams, stated": the name speaks, the description is the role
        role_words = _phrase(parsed, token)
        if titled is not None:  # the title alone, without the name the parser hung off it
            name_start = titled.i
            while (
                name_start > titled.left_edge.i
                and is_proper(parsed.doc[name_start - 1])
                and not is_title_word(parsed.doc[name_start - 1].text)
            ):
                name_start -= 1
            role_words = list(parsed.doc[role_words[0].i : name_start]) or role_words
            while len(role_words) > 1 and (role_words[-1].dep_ == "cc" or role_words[-1].is_punct):
                role_words = role_words[:-1]
        description = " ".join(text[parsed.start(role_words[0]) : parsed.end(role_words[-1])].split())
        named = speaker_mention(parsed, appositive)
        if titled is not None and named.start < parsed.start(parsed.doc[name_start]):
            # "Speaker of the House Rep. Paul Ryan": the title words before the name are the description's
            named = Mention(
                text[parsed.start(parsed.doc[name_start]) : named.end],
                parsed.start(parsed.doc[name_start]),
                named.end,
                "name",
            )
        return Mention(named.text, named.start, named.end, "name", role=description)
    if not is_proper(token):
        phrase = _phrase(parsed, token)
        start, end = parsed.start(phrase[0]), parsed.end(phrase[-1])
        start = _after_glued_quotation(text, start, end)
        return Mention(" ".join(text[start:end].split()), start, end, "description", head=token.text)
    start, end = parsed.start(left[0] if left else token), parsed.end(token)
    start = _after_glued_quotation(text, start, end)
    bracket = text.find("(", start, end)  # state Del. Marcia Price (D-Newport News): the name ends before it
    if bracket > start:
        end = start + len(text[start:bracket].rstrip())
    role: str | None = None
    if appositive is not None:
        phrase = _phrase(parsed, appositive)
        role = " ".join(text[parsed.start(phrase[0]) : parsed.end(phrase[-1])].split())
    return Mention(" ".join(text[start:end].split()), start, end, "name", role=role)


def _name_after_title(parsed: ParsedSnippet, token: Token) -> Token | None:
    """The person a title heading a speaker's phrase names, when the parser hung their name off the title
    (as an appositive, or as a conjunct: "Sirius XM Vice President for news and talk Dave Gorab called"):
    the name's last word. None when the token is no title word or no person's name follows it."""
    if not is_title_word(token.text):
        return None
    # "Speaker of the House Rep. Paul Ryan said": the name is the object of the title's "of"
    of_objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    for child in [*token.children, *of_objects]:
        bracketed = parsed.doc[child.left_edge.i - 1].text == "(" if child.left_edge.i > 0 else False
        if child.dep_ in {"appos", "conj", "pobj"} and child.i > token.i and is_proper(child) and not bracketed:
            run = [t for t in parsed.doc[child.left_edge.i : child.i + 1] if is_proper(t)]
            if child.dep_ == "pobj":  # "the House Rep. Paul Ryan": the name is what follows the last title word
                run = run[max((i + 1 for i, t in enumerate(run) if is_title_word(t.text)), default=0) :]
            if len(run) >= 2 and looks_like_person(" ".join(t.text for t in run)):
                return child
    return None


def _phrase(parsed: ParsedSnippet, token: Token) -> list[Token]:
    """The token's phrase without relative clauses, participles or other clauses hanging off it, nor when it
    spoke ("The Sanders campaign on Monday") or an aside set off by a comma ("Trump, in Kentucky, said")."""
    cut = {"relcl", "acl", "advcl", "parataxis", "appos"}
    kept = []
    stack = [token]
    while stack:
        current = stack.pop()
        kept.append(current)
        stack.extend(
            c
            for c in current.children
            if c.dep_ not in cut
            and c.i not in parsed.quotation_of
            and not c.tag_.startswith("W")
            and not (c.dep_ in {"prep", "npadvmod"} and _says_when(c))
            # ", in Kentucky,": an aside; ", including Sen. Tom Coburn," says who the speakers are
            and not (c.dep_ == "prep" and c.i > 0 and parsed.doc[c.i - 1].text == "," and c.lower_ not in _NAMING)
        )
    kept.sort(key=lambda t: t.i)
    run = [kept[0]]
    for later in kept[1:]:
        if later.i != run[-1].i + 1:
            break
        run.append(later)
    # "the letter’s" (of "the letter’s last line") is the letter; "31% of Republicans and" ends on its noun
    while len(run) > 1 and (run[-1].is_punct or run[-1].is_space or run[-1].dep_ in {"case", "cc"}):
        run.pop()
    unclosed = [t.i for t in run if t.text == "("]
    if unclosed and not any(t.text == ")" and t.i > unclosed[-1] for t in run) and unclosed[-1] > run[0].i:
        run = [t for t in run if t.i < unclosed[-1]]  # "29 percent (and 43 percent of Republicans": before the bracket
    while len(run) > 1 and (run[-1].is_punct or run[-1].is_space):
        run.pop()
    return run


def _after_glued_quotation(text: str, start: int, end: int) -> int:
    """Where a speaker's words start once a quotation glued to them is left out (“… since 1917.”Romney said)."""
    mark = max(text.rfind("”", start, end), text.rfind('"', start, end))
    glued = start <= mark < end - 1 and not text[mark + 1].isspace()  # not "the “Dear Walter” letters"
    return mark + 1 if glued else start


def _says_when(phrase: Token) -> bool:
    """True for a phrase saying when someone spoke ("on Monday", "last week"); not for a hyphenated part of the
    speaker's own description ("the 46-year-old")."""
    after = phrase.right_edge.i + 1
    hyphenated = after < len(phrase.doc) and phrase.doc[after].tag_ == "HYPH"
    return not hyphenated and any(t.lower_ in WHEN_WORDS for t in phrase.subtree)


def _names_a_title(determiner: Token) -> bool:
    """True for a capitalised "The" inside a sentence: it is part of a title ("The Dispatch", "The Hill"),
    and the publication is not called "Dispatch"."""
    return determiner.text == "The" and not determiner.is_sent_start


def _document_of_part(token: Token) -> Token | None:
    """The document a part of it speaks for: "the letter’s last line", "the final paragraph of the report"."""
    if token.lower_ not in DOCUMENT_PARTS:
        return None
    for child in token.children:
        if child.dep_ == "poss" and child.lower_ in DOCUMENTS:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            document = next((t for t in child.children if t.dep_ == "pobj" and t.lower_ in DOCUMENTS), None)
            if document is not None:
                return document
    return None


def _document_author(parsed: ParsedSnippet, token: Token) -> Token | None:
    """The named author of "a statement by X" / "X's statement" / "a Pentagon statement", if any. A name
    is no document: "The Washington Post reported" is the Post, not a post by Washington."""
    if token.lower_ not in DOCUMENTS or is_proper(token):
        return None
    for child in token.children:
        if child.dep_ in {"poss", "compound"} and is_proper(child):
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of", "out"}:
            objects = [t for t in child.subtree if t.dep_ == "pobj"]
            if objects and (_named(objects[0]) or looks_like_organisation(objects[0].text)):
                return objects[0]  # "a statement by X", "a statement from the bank"
    if token.dep_ == "dobj":
        # "Greg Stanton wrote a letter to ... asking": who wrote or issued it
        writer = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if writer is not None and _named(writer) and writer.i not in parsed.quotation_of:
            return writer
    return None


def _named(token: Token) -> bool:
    return is_proper(token) or any(is_proper(t) for t in token.lefts)


def subject_of(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """The speaker token: the verb's subject, or its governor's ("tried ..., saying"; "was quoted as
    saying"; "the head of X, tweeted"), or the name right before it when the tagger missed the subject
    ("“...,” Bozell notes" parsed as a compound). Words in brackets are a party tag or a dateline, never
    the speaker ("Gov. John Kasich (R-OH), said", "RENO, Nev. (AP) — Donald Trump says"), and "who" is
    the name it follows."""
    token = _subject_token(parsed, verb)
    if token is None:
        return None
    doc = parsed.doc
    if _in_dateline(parsed, token):
        # "LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed" parsed with the place as the subject
        named = [
            c for c in token.children if c.dep_ == "appos" and c.i > token.i + 1 and _ends_a_persons_name(parsed, c)
        ]
        return named[-1] if named else None
    if token.lower_ == "who":
        # "Eric Kingson, who is running for Congress and who praised": the person the relative clause is about
        clause = token.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            return _person_before_who(clause.head)
        before = doc[token.i - 2] if token.i >= 2 and doc[token.i - 1].text == "," else doc[token.i - 1]
        return before if token.i > 0 and is_proper(before) and before.i not in parsed.quotation_of else token
    opened = _open_bracket_before(doc, token.i, 4)
    if opened is None:
        return token
    closing = next((t for t in doc[token.i + 1 : token.i + 5] if t.text == ")"), None)
    # a dateline: the name between the bracket and the verb ("(AP) — Donald Trump says")
    named = (
        [t for t in doc[closing.i + 1 : verb.i] if is_proper(t) and t.i not in parsed.quotation_of] if closing else []
    )
    if named:
        return named[-1]
    if opened.i > 0 and is_proper(doc[opened.i - 1]):
        return doc[opened.i - 1]  # the name the tag follows
    return token  # a name the parser ran into its tag: speaker_mention ends it at the bracket


def _subject_token(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """``subject_of`` as the parse has it, before brackets and "who" are looked through."""
    before = parsed.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and verb_read_as_adjective(verb):
        return before
    recipient = before is not None and before.dep_ == "pobj" and before.head.lower_ in {"to", "at", "against"}
    if verb.tag_ == "VBG" and before is not None and not recipient and _ends_a_persons_name(parsed, before):
        # "footage of Hillary Clinton asking, “...”": the name the participle follows; not the one it was
        # sent to ("a letter to Attorney General Loretta E. Lynch asking ...")
        return before
    nearer = _subject_of_clause_before_participle(parsed, verb)
    if nearer is not None:
        return nearer
    current = _reporter_of_participle(parsed, verb)
    for _ in range(3):
        for child in _nearest_subject_first(parsed, current):
            if child.dep_ == "nsubj" and current.i == verb.i and _before_quotation(parsed, child, verb):
                # "Both parties “saw ...,” said Victor Cha": the name after the verb, not the parties
                named_after = _name_after_quotation(parsed, verb)
                if named_after is not None:
                    return named_after
            if child.dep_ == "nsubj" and parsed.quoted(child):
                continue  # a title in marks ("on MSNBC’s “Morning Joe,” calling") is no one who speaks
            # a passive subject speaks when quoted ("was quoted as saying") or when the cue goes on from its
            # verb ("Silverman was joined on stage by Franken and joked, “...”", "was booed after telling")
            # (not one who was asked or told: "Sanders was asked by host Bill Maher, who ... dismissed")
            # (nor when the cue shares the passive: "Miller was confronted and called a “fascist”")
            went_on = (
                current.i != verb.i and not _shares_the_passive(verb) and LEMMAS.get(current.lower_) not in _ADDRESSED
            )
            passive = LEMMAS.get(current.lower_) == "quote" or went_on
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and passive):
                if child.lower_ == "who" and current.dep_ == "relcl":
                    # "anybody who complains": someone generic, not a speaker
                    return None if current.head.lower_ in GENERIC_PEOPLE else _person_before_who(current.head)
                if child.lower_ in {"that", "which"} and current.dep_ == "relcl":
                    return current.head
                if child.lower_ in WHEN_WORDS and current.i == verb.i and verb.i > 0:
                    # "Thursday evening in Wilkes-Barre, Pennsylvania, Trump referred": a time is no one who
                    # speaks; the name the parser ran into it, right before the verb, is
                    before = parsed.doc[verb.i - 1]
                    return before if is_proper(before) and before.i in {t.i for t in child.subtree} else None
                return None if child.i in parsed.quotation_of else child
        if current.dep_ == "acl" and (is_proper(current.head) or current.head.lower_ in DOCUMENTS):
            return current.head  # "Murphy, the head of ..., tweeted"; "a statement saying"
        controller = _object_told_to_speak(parsed, current)
        if controller is not None:
            return controller
        if current.dep_ == "acl" and current.head.i in parsed.quotation_of:
            current = _reporting_verb(current.head.head)  # "said Trump represents “...,” stating ...": Cruz's
            continue
        if current.dep_ not in {"advcl", "xcomp", "conj", "pcomp", "prep"} or current.head.i == current.i:
            break
        current = _coordinated_with(current)
    return _subject_the_parse_missed(parsed, verb)


def _subject_the_parse_missed(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """Who speaks for a verb the parse gave no usable subject, from the words around it: the name right
    before it, one after it following a quotation, a description after it, a name before a party tag ..."""
    doc = parsed.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.head.i == verb.i and (is_proper(before) or before.tag_ in NOMINAL_TAGS):
        return before
    aside = _subject_of_an_aside(verb)
    if aside is not None:
        return aside
    # "“...,” said David Brock, a Clinton confidant who ..." parsed with Brock as another verb's subject; only
    # after a quotation: in "called Trump's statements “disgusting”" the name after the verb is what was said
    after = verb.i + 1
    while after < len(doc) and is_proper(doc[after]) and doc[after].lower_ not in TIME_WORDS:
        after += 1
    if after > verb.i + 1 and _quoted_before(parsed, verb):
        possessor = doc[after - 1]
        if after < len(doc) and doc[after].tag_ == "POS" and possessor.head.tag_ in NOMINAL_TAGS:
            return possessor.head  # "“...,” exhorted Clinton's introducer, actress Jamie Lee Curtis"
        return possessor
    described = _description_after_quotation(parsed, verb)
    if described is not None:
        return described
    owner = _clause_owner(parsed, verb)
    if owner is not None:
        return owner
    # "“...,” Tulsa police Chief Chuck Jordan said Monday" parsed with Jordan under "Monday"
    if before is not None and _ends_a_persons_name(parsed, before):
        return before
    tagged = _name_before_party_tag(parsed, verb)
    if tagged is not None:
        return tagged
    relative = _name_before_misread_relative(parsed, verb)
    return relative if relative is not None else _appositive_name_before(parsed, verb)


def _name_before_misread_relative(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """ "Sanders, meanwhile, who sits at zero endorsements, said ..." parsed with "who sits ..." as the verb's
    clause: the capitalised word the relative clause follows (past commas and "meanwhile") speaks."""
    clause = next((c for c in verb.lefts if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    who = next((c for c in clause.children if c.dep_ == "nsubj" and c.lower_ == "who"), None)
    if who is None:
        return None
    at = who.i - 1
    while at >= 0 and (parsed.doc[at].is_punct or parsed.doc[at].dep_ == "advmod"):
        at -= 1
    if at < 0 or at in parsed.quotation_of:
        return None
    named = parsed.doc[at]
    # a capitalised word, however tagged ("Sanders" read as a plural noun), but no sentence-opening "But"
    return named if _capitalised(named) and named.tag_ not in {"CC", "IN", "DT", "RB", "UH"} else None


def _name_before_party_tag(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """ "Speaker of the House Rep. Paul Ryan (R-WI) said “...”" with the parser hanging "said" elsewhere: the
    name right before the bracketed tag that ends right before the verb."""
    doc = parsed.doc
    if verb.i < 3 or doc[verb.i - 1].text != ")":
        return None
    opening = _open_bracket_before(doc, verb.i - 1, 7)
    if opening is None or opening.i == 0:
        return None
    named = doc[opening.i - 1]
    return named if _ends_a_persons_name(parsed, named) else None


def _open_bracket_before(doc: Doc, end: int, reach: int) -> Token | None:
    """The "(" still open at token ``end``, within ``reach`` tokens before it (None when a ")" closes it first)."""
    bracket = next((t for t in reversed(doc[max(0, end - reach) : end]) if t.text in {"(", ")"}), None)
    return bracket if bracket is not None and bracket.text == "(" else None


def _appositive_name_before(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """The person's name set off by commas right before a verb the parser left without a subject: in "In a
    statement to the Observer, her senior policy adviser, Jake Sullivan, said:" the parse hangs the adviser
    and his name off "Observer"; the name next to the verb is who spoke, not the outlet it was said to."""
    if verb.i < 2 or parsed.doc[verb.i - 1].text != ",":
        return None
    name = parsed.doc[verb.i - 2]
    if name.dep_ != "appos" or not _ends_a_persons_name(parsed, name):
        return None
    # the description the name is in apposition to is the role ("her senior policy adviser")
    return name.head if name.head.tag_ in {"NN", "NNS"} and name.head.dep_ == "appos" else name


def _subject_of_an_aside(verb: Token) -> Token | None:
    """The name a verb's subject would be when the parser gave it to an aside between them: "Clinton,
    exasperated, famously responded:" parsed with Clinton as the subject of "exasperated"."""
    for aside in verb.lefts:
        if aside.dep_ == "parataxis":
            subject = next((c for c in aside.children if c.dep_ == "nsubj" and c.i < aside.i), None)
            if subject is not None and is_proper(subject):
                return subject
    return None


def _nearest_subject_first(parsed: ParsedSnippet, verb: Token) -> list[Token]:
    """The verb's dependents, its subjects nearest first: a parse that gives a verb two subjects ("Berea, OH,
    after winning Ohio, Gov. John Kasich said"; "co - host Mika Brzezinski asked") has the speaker next to it,
    unless that one is in quotation marks ("Kerry Washington, star of “Scandal,” thanked") or follows the verb
    with quoted words right after it: "Steve Huhn, a former HP vice president, said Fiorina “was ...”" gives
    Fiorina, the reported clause's subject, to "said" as well."""
    children = list(verb.children)
    subjects = sorted(
        (c for c in children if c.dep_ == "nsubj"),
        key=lambda c: (parsed.quoted(c), c.i > verb.i and _quoted_words_follow(parsed, c), abs(verb.i - c.i)),
    )
    return subjects + [c for c in children if c.dep_ != "nsubj"] if len(subjects) > 1 else children


def _shares_the_passive(verb: Token) -> bool:
    """A past participle with no "have" of its own ("was confronted and called a “fascist”"): passive, unlike
    "is reported to have called"."""
    perfect = any(c.dep_ == "aux" and c.lower_ in {"have", "has", "had", "having"} for c in verb.children)
    return verb.tag_ == "VBN" and not perfect


def _quoted_words_follow(parsed: ParsedSnippet, token: Token) -> bool:
    """True when quoted words open right after ``token`` (Fiorina in "said Fiorina “was ...”")."""
    following = token.i + 1
    return following < len(parsed.doc) and (following in parsed.quotation_of or parsed.is_mark(parsed.doc[following]))


_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_NAMING = frozenset({"including", "like", "among", "except", "such"})
_ADDRESSED = frozenset({"ask", "tell", "question", "inform", "advise", "urge", "press", "thank", "interrupt"})


def _object_told_to_speak(parsed: ParsedSnippet, clause: Token) -> Token | None:
    """The object of a verb that moves it to speak, whose "to" clause this is: in "The record prompted Dave Leip
    to state, “...”" Leip speaks, not the record."""
    if clause.dep_ != "xcomp" or clause.head.lower_ not in CAUSING_FORMS:
        return None
    return next(
        (
            c
            for c in clause.head.children
            if c.dep_ == "dobj" and c.i < clause.i and c.i not in parsed.quotation_of and c.tag_ in NOMINAL_TAGS
        ),
        None,
    )


def _subject_of_clause_before_participle(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """The noun subject of the clause that ends right before a participle's comma, when the parser hung the
    participle on an earlier verb: in "Clinton spoke at Purchase, when Sanders protesters interrupted her
    speech, shouting “...”" the protesters shout, not Clinton."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "acl", "xcomp"} or verb.i < 2:
        return None
    comma = parsed.doc[verb.i - 1]
    if comma.text != ",":
        return None
    clause = parsed.doc[comma.i - 1]
    while clause.dep_ not in {"relcl", "advcl"} and clause.head.i != clause.i and clause.head.i < comma.i:
        clause = clause.head
    if clause.dep_ not in {"relcl", "advcl"} or clause.i == verb.head.i or clause.right_edge.i != comma.i - 1:
        return None
    if any(c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in clause.children):
        return None  # "repeated accusations that Rubio recites ..., calling him": a reported clause's subject
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ not in {"NN", "NNS", "NNP", "NNPS"} or parsed.quoted(subject):
        return None
    return subject


def _reporter_of_participle(parsed: ParsedSnippet, verb: Token) -> Token:
    """Where to look for a participle's subject: "Trump argued that a database would keep people out, saying
    it's “...”" hangs "saying" on the reported clause's verb; after its comma it goes on with "argued", whose
    subject speaks, not the database."""
    head = verb.head
    after_comma = verb.i > 0 and parsed.doc[verb.i - 1].text == ","
    reporter = _reporting_verb(head)
    before = reporter.i < head.i  # a reporting verb before the clause: not "..., CNN reported" after it
    if not (verb.tag_ == "VBG" and verb.dep_ == "advcl" and after_comma and before):
        return verb
    for _ in range(3):  # "slammed a lawsuit alleging that ..., calling it": past the participle to "slammed"
        if reporter.dep_ != "acl" or reporter.head.i == reporter.i:
            break
        reporter = reporter.head.head if is_verb(reporter.head.head) else reporter.head
    return reporter


def _reporting_verb(verb: Token) -> Token:
    """The speech verb that reports ``verb``'s clause ("said" for "represents" in "Cruz said Trump represents
    ..."), or ``verb`` itself."""
    reported = verb.dep_ == "ccomp" and LEMMAS.get(verb.head.lower_) in SPEECH_VERBS
    return verb.head if reported else verb


def _coordinated_with(token: Token) -> Token:
    """The verb ``token`` hangs from, looking through a reported clause the parser joined it to: in "Pence
    said it takes time but added, “...”" it reads "added" as going on with "takes" (whose subject is "it");
    a speech verb with no subject of its own goes on with the speech verb that reported that clause. A verb
    the parser joined to a noun or a participle ("adopted a fake accent and joked, “...”" with "joked" under
    "accent") goes on with the finite verb that governs them."""
    head = token.head
    speech = LEMMAS.get(token.lower_) in SPEECH_VERBS
    if token.dep_ == "conj" and speech and token.tag_ in _FINITE and head.tag_ in {"NN", "NNS", "VBG", "VBN"}:
        governor = head
        for _ in range(4):  # "put on a pair of reading glasses and quipped": up past "reading" and "pair"
            if governor.tag_ in _FINITE or governor.head.i == governor.i:
                break
            governor = governor.head
        if governor.tag_ in _FINITE:
            return governor
    return _reporting_verb(head) if token.dep_ == "conj" and speech else head


def _quoted_before(parsed: ParsedSnippet, verb: Token) -> bool:
    """True when a quotation or a quotation mark comes before ``verb`` in its sentence."""
    return any(parsed.is_mark(t) for t in parsed.doc[: verb.i])


def _clause_owner(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """The person a subjectless verb belongs to when the parser hung it on a noun inside the subject's own
    relative clause ("Stuart Stevens, who served as Romney's strategist during the campaign, called ..."
    parsed with "called" under "campaign"): climb out of prepositions and clauses to a person's name that
    heads the sentence or is a subject."""
    if verb.dep_ != "acl":
        return None
    current = verb.head
    for _ in range(8):
        if current.dep_ in {"ROOT", "nsubj", "nsubjpass"} and _ends_a_persons_name(parsed, current):
            return current
        if is_verb(current) and verb.lower_.endswith("ing") and parsed.doc[verb.i - 1].text == ",":
            # "Clinton ended a debate with a reference to ..., remarking, “...”": a participle after a comma goes
            # with the verb of the clause, whichever noun the parse hung it on
            subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
            named = subject is not None and is_proper(subject) and not looks_like_organisation(subject.text)
            return subject if named else None
        if current.dep_ not in {"pobj", "prep", "relcl", "acl", "appos"} or current.head.i == current.i:
            return None
        current = current.head
    return None


def _in_dateline(parsed: ParsedSnippet, token: Token) -> bool:
    """True for a word of a dateline: capitals opening the sentence, then a dash a few words on ("LA CROSSE,
    Wisc. —"). A capitalised subject elsewhere ("the FBI said") is a name."""
    doc = parsed.doc
    if not token.is_upper or len(token.text) < 2 or any(t.is_alpha and not t.is_upper for t in doc[: token.i]):
        return False
    return any(t.text in {"—", "–", "--"} for t in doc[token.i + 1 : token.i + 7])


def _ends_a_persons_name(parsed: ParsedSnippet, token: Token) -> bool:
    """True when ``token`` ends a run of proper nouns that reads as a person's name ("Chief Chuck
    Jordan", "Hillary Clinton"), outside quotation marks: not "Iraq" in "withdrawal from Iraq stating"."""
    if not is_proper(token) or token.i in parsed.quotation_of or token.lower_ in TIME_WORDS:
        return False
    start = token.i
    while start > 0 and is_proper(parsed.doc[start - 1]) and parsed.doc[start - 1].i not in parsed.quotation_of:
        start -= 1
    return looks_like_person(parsed.doc[start : token.i + 1].text)


def _before_quotation(parsed: ParsedSnippet, token: Token, verb: Token) -> bool:
    """True when a long quotation stands between ``token`` and ``verb``."""
    return any(i in parsed.quotation_of for i in range(token.i + 1, verb.i))


def _description_after_quotation(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """ "“How big is that wall?” asked the boy": after a quotation, a verb with no subject of its own is
    followed by who spoke, also when a description names them; the parser makes it the object."""
    doc = parsed.doc
    if verb.i + 2 >= len(doc) or not _quoted_before(parsed, verb) or doc[verb.i + 1].lower_ not in _DESCRIBERS:
        return None
    if LEMMAS.get(verb.lower_) in {"tell", "inform", "advise", "thank"}:
        return None  # "“...,” told the New York Times": the one told is no speaker ("asked the boy" is the boy)
    head = doc[verb.i + 1].head
    if head.head.i != verb.i or head.dep_ != "dobj" or head.tag_ not in NOMINAL_TAGS - {"PRP"}:
        return None  # "added another New Hampshire Republican": a capitalised head is a description too
    # "cited an instance where ...": a relative of a place, time or thing is no person's
    thing = any(
        t.lower_ in {"where", "when", "which", "that"} for c in head.children if c.dep_ == "relcl" for t in c.subtree
    )
    return None if thing and head.lower_ not in DOCUMENTS else head  # "read the statement, which ..." speaks


# Words that open a description of who spoke, after the verb: "said the boy", "added another Republican".
_DESCRIBERS = ARTICLES | {"another", "one", "his", "her", "their", "its"}


def _name_after_quotation(parsed: ParsedSnippet, verb: Token) -> Token | None:
    """The speaker's name when a long quotation comes right before the verb: after it ("“...,” said
    retired general Lloyd Newton") or between the two (Mills “got an immunity agreement,” Jordan said;
    Clinton “is the only candidate,” retired general Lloyd Newton said).
    In that order the name is the speaker, whatever the parser made the subject."""
    doc = parsed.doc
    previous = doc[verb.i - 1] if verb.i > 0 else None
    if previous is not None and is_proper(previous) and previous.lower_ not in TIME_WORDS:
        start = previous.i
        # the tagger reads "retired" in "retired Air Force general" as a past tense
        while start > 0 and previous.i - start < 6 and doc[start - 1].tag_ in NAME_PHRASE_TAGS | {"VBD"}:
            start -= 1
        if start > 0 and doc[start - 1].i in parsed.quotation_of:
            return previous
    if not any(t.i in parsed.quotation_of for t in doc[verb.i - 2 : verb.i]):
        return None
    end = verb.i + 1
    while end < len(doc) and end - verb.i <= 6 and doc[end].tag_ in NAME_PHRASE_TAGS:
        end += 1
    names = [t for t in doc[verb.i + 1 : end] if is_proper(t) and t.lower_ not in TIME_WORDS]
    if not names or (end < len(doc) and doc[end].tag_ == "POS"):
        return None  # no name, or a possessor ("said Trump's spokesman Hope Hicks")
    return names[-1]


def _person_before_who(token: Token) -> Token:
    """ "who" stands for a person, but the parser hangs its clause on the last noun before it ("Liz Sly,
    bureau chief for the Washington Post, who noted"): climb out of prepositions and appositives to the
    first proper name that is not an organisation's; the noun itself when there is none."""
    current = token
    while True:
        name = " ".join(t.text for t in current.lefts if t.dep_ == "compound") + " " + current.text
        if is_proper(current) and not looks_like_organisation(name):
            return current
        named = _named_as(current)
        if named is not None:
            return named  # "a 70-year-old academic named Eric Kingson, who ..."
        if current.dep_ not in {"pobj", "prep", "appos"} or current.head.i == current.i:
            return token
        current = current.head


def _named_as(noun: Token) -> Token | None:
    """The name a noun is given by "named" or "called" ("an academic named Eric Kingson"), if any."""
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.lower_ in {"named", "called"}:
            return next((c for c in clause.children if c.dep_ in {"oprd", "dobj", "attr"} and is_proper(c)), None)
    return None


def person_subject(parsed: ParsedSnippet) -> Token | None:
    """The subject of the sentence's main verb when it names or stands for a person."""
    root = next((t for t in parsed.doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subject is None or not (is_proper(subject) or subject.lower_ in {"he", "she"}):
        return None
    words = " ".join(t.text for t in parsed.doc[subject.left_edge.i : subject.i + 1])
    return None if looks_like_organisation(words) else subject


def name_after_dash(before: Span) -> Span | None:
    """The name between a dash and a colon that end the words before a quotation ("Pollsters agree - Carl
    Bialik:", "... problematic — Pew Research:"): a label saying whose words follow, whatever the clause before."""
    words = [t for t in before if not t.is_space]
    end = len(words)
    while end > 0 and len(words) - end < 5 and (is_proper(words[end - 1]) or _capitalised(words[end - 1])):
        end -= 1  # the tagger may read a name's words as common nouns ("Pew Research")
    if end < 2 or end == len(words) or words[end - 1].text not in {"-", "—", "–", "--"}:
        return None
    spaced = bool(words[end - 1].whitespace_) and bool(words[end - 2].whitespace_)  # not "(R-S.C.)"
    return before.doc[words[end].i : words[-1].i + 1] if spaced else None


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and token.lower_ not in ARTICLES


def colon_source(parsed: ParsedSnippet, before: Span) -> Token | None:
    """Who speaks before a colon: the author of a named statement, or the name right before it."""
    for token in before:
        if token.lower_ in INTERVIEWS:
            # "In a Fox interview, Trump went further:", "In an interview with CNN, ...": the outlet only asked
            owner = next((c for c in token.children if c.dep_ == "poss" and is_proper(c)), None)
            if owner is not None:
                return owner
        elif token.lower_ in DOCUMENTS:
            for later in before[token.i + 1 :]:
                if later.dep_ in {"pobj", "poss"} and (is_proper(later) or any(is_proper(t) for t in later.lefts)):
                    return later
            for child in token.children:
                if child.dep_ in {"poss", "compound"} and is_proper(child):
                    return child
    last = [t for t in _without_closing_aside(before) if not t.is_punct]
    if last and is_proper(last[-1]) and last[-1].dep_ not in {"compound"}:
        return last[-1]
    # "he returned to his familiar lines: “...”": the subject of the clause before the colon
    return next((t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)


def _without_closing_aside(before: Span) -> Span:
    """The words before a colon without a parenthesis closing them: a transcript's "Rep. Trey Gowdy (R-S.C.):"
    names Gowdy, not the party and state (the tokenizer may glue the closing parenthesis to the colon)."""
    opening = next((t.i for t in reversed(before) if t.text == "("), None)
    if opening is None or opening == before.start:
        return before
    closings = [t.i for t in before.doc[opening : before.end] if t.text == ")"]
    if closings and closings != [before.end - 1]:
        return before  # the aside closed earlier: words follow it ("Smith (R) told reporters:")
    return before.doc[before.start : opening]
