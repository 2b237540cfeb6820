"""A parsed snippet and the way back to the article: token offsets in the clean text, which tokens
stand for a collapsed quotation, spans trimmed of edge punctuation, and the parse-tree walks the
reader shares (the verb governing a token, clause links between cues)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from compare.name_words import QUANTIFIERS
from compare.nlp import mark_role
from compare.quotes.cues import CLAUSE_LINKS
from compare.quotes.plan import Plan, Snippet, is_title
from compare.speakers import is_title_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class ParsedSnippet:
    """One snippet's spaCy parse, with its plan: maps tokens back to article offsets."""

    def __init__(self, doc: Doc, plan: Plan, snippet: Snippet) -> None:
        self.doc = doc
        self.plan = plan
        self.snippet = snippet
        self.frame_start = snippet.start
        self.quotation_of = {
            token.i: piece.quotation
            for token in doc
            if (piece := plan.frame.piece_at(snippet.start + token.idx)).quotation is not None
        }

    def quoted(self, token: Token) -> bool:
        """True for a token inside a short quotation (“confirmed”): the writer's word, not a cue."""
        at = self.start(token)
        index = bisect.bisect_right(self.plan.quotation_starts, at) - 1
        return index >= 0 and at < self.plan.quotations[index].end

    def is_mark(self, token: Token) -> bool:
        """True for a quotation mark of one of the article's quotations, or a token standing for a collapsed
        one; an apostrophe the tokenizer splits off ("the troops’ withdrawal") quotes nothing."""
        return token.i in self.quotation_of or (token.is_quote and self.quoted(token))

    def last_of_quotation(self, index: int) -> int:
        """The last token of the collapsed quotation whose placeholder starts at token ``index``."""
        last = index
        while self.quotation_of.get(last + 1) == self.quotation_of[index]:
            last += 1
        return last

    def start(self, token: Token) -> int:
        return self.plan.frame.to_article(self.frame_start + token.idx)

    def end(self, token: Token) -> int:
        return self.plan.frame.to_article(self.frame_start + token.idx + len(token), end=True)

    def span(self, first: Token, last: Token) -> tuple[int, int]:
        return self.start(first), self.end(last)

    def marks_a_title(self, mark: Token) -> bool:
        """True for a quotation mark that opens or closes the name of a work, show or group ("This Week")."""
        plan, at = self.plan, self.start(mark)
        index = bisect.bisect_right(plan.quotation_starts, at) - 1
        if index < 0 or at >= plan.quotations[index].end:
            return False
        return is_title(plan.quotations[index].inner(plan.article.text))

    def trimmed(self, first: Token, last: Token) -> tuple[int, int] | None:
        """The span from ``first`` to ``last`` without edge punctuation, but with the marks of a quotation that
        ends the clause (“...ongoing.” keeps its ” and the full stop inside it) or opens it."""
        doc = self.doc

        def bare_punct(token: Token) -> bool:
            return (token.is_punct or token.is_space) and not token.is_quote and token.i not in self.quotation_of

        while first.i < last.i and bare_punct(first):
            first = doc[first.i + 1]
        dangling = last.i > first.i + 1 and last.dep_ == "cc" and doc[last.i - 1].text == ","
        if dangling:  # a conjunction left at the end after its comma ("... in a tweet Tuesday, and")
            last = doc[last.i - 1]
        while last.i > first.i and bare_punct(last):
            last = doc[last.i - 1]
        following = doc[last.i + 1 : last.i + 3]
        for token in following:
            if token.is_quote and mark_role(doc.text, token.idx) == "close":
                last = token
                break
            if not token.is_punct:
                break
        opening = doc[first.i - 1] if first.i > 0 else None
        if opening is not None and opening.is_quote and mark_role(doc.text, opening.idx) == "open":
            # "said “local forces” must lead": the clause opens with the quoted words' mark (a title's opening
            # mark stays out: "edits “Eat The Press”" quotes nobody)
            first = first if self.marks_a_title(opening) else opening
        start, end = self.span(first, last)
        # The parser read a window of a longer sentence: a clause reaching its edge runs on to the sentence's.
        snippet, frame = self.snippet, self.plan.frame
        if first.i == 0 and snippet.start > snippet.sentence_start:
            start = frame.to_article(snippet.sentence_start)
        if last.i == len(doc) - 1 and snippet.end < snippet.sentence_end:
            end = frame.to_article(_strip_end(frame.text, snippet.sentence_start, snippet.sentence_end), end=True)
        return start, end

    def follows(self, first: int, later: int) -> bool:
        """True when only punctuation and spaces lie between two tokens."""
        return first < later and all(t.is_punct or t.is_space for t in self.doc[first + 1 : later])

    def governing_verb(self, token: Token) -> Token | None:
        """The nearest verb above ``token`` in the parse, if any."""
        while token.head.i != token.i:
            token = token.head
            if is_verb(token):
                return token
        return None

    def governs(self, cue: int, token: Token) -> bool:
        """True when the cue at index ``cue`` is ``token`` or hangs from it by clause links only ("joked" in
        "adopted a fake accent and joked, “...”"), not from inside one of its noun phrases ("the letter
        announcing ..." under "details")."""
        current = self.doc[cue]
        while current.i != token.i:
            if current.dep_ not in CLAUSE_LINKS or current.head.i == current.i:
                return False
            current = current.head
        return True


def is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB")


def is_proper(token: Token) -> bool:
    """A proper noun; the tagger's NNP on a lower-case title ("the senator said") is a description's head, and
    on a word standing for unnamed people ("Another said") is none."""
    if _surname_read_as_adverb(token):
        return True
    if token.tag_ not in {"NNP", "NNPS"} or (token.is_lower and is_title_word(token.text)):
        return False
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    alone = following is None or following.tag_ not in {"NNP", "NNPS"}
    return not (alone and token.lower_ in QUANTIFIERS)


def verb_read_as_adjective(verb: Token) -> bool:
    """ "In March, Trump blasted Disney for its “...”" parsed as a noun phrase, "blasted" describing "Disney" and
    "Trump" a compound of it: the name before the verb speaks, and the phrase after it is what was said."""
    if verb.dep_ != "amod" or verb.i == 0 or verb.head.i < verb.i:
        return False
    before = verb.doc[verb.i - 1]
    return is_proper(before) and before.head.i == verb.head.i


def _surname_read_as_adverb(token: Token) -> bool:
    """ "said Skelly," / "And Skelly called": a capitalised word in "-ly" inside a sentence, tagged as an adverb,
    is a surname (Skelly, Donnelly, Healy); not at a sentence's start ("Clearly, ...") nor after another
    capitalised word, as in a headline ("Trump Instantly Regrets")."""
    if token.tag_ != "RB" or not token.text.istitle() or not token.lower_.endswith("ly") or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if bool(token.is_sent_start) or before.is_quote or before.text in {"(", "—", "–", ":", ";"}:
        return False
    # a capitalised word before it only as a sentence's opening function word ("And Skelly called")
    return not before.text.istitle() or (bool(before.is_sent_start) and before.tag_ in {"CC", "IN", "DT", "RB"})


def _strip_end(text: str, start: int, end: int) -> int:
    """End of a sentence without its closing punctuation."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?;:,"):
        end -= 1
    return end
