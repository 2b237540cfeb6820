"""From attributions to quotes: each cue's quotations and clause become a Quote (direct, indirect),
quotations no cue claims continue a neighbour's quote or take their paragraph's speaker, short
quoted labels are scare quotes; plus the attributions that need no parse (dash bylines) and the
people the parse named, for resolving "he" and "the general"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from compare.model import Quote
from compare.named_people import Named
from compare.nlp import QUOTE_MARK_CHARS, QuotedSpan, paragraph_spans
from compare.quotes.cues import CLAUSE_CONTINUERS
from compare.quotes.parsed import is_proper
from compare.quotes.plan import Attribution, Plan, names_a_work
from compare.speaker_resolver import SpeakerResolver
from compare.speakers import Mention, looks_like_person, names_a_place_or_thing

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class Assembler:
    """Turns one article's attributions into Quote records: direct, indirect, scare, unattributed."""

    def __init__(self, plan: Plan, attributions: list[Attribution], resolver: SpeakerResolver) -> None:
        self.plan = plan
        self.text = plan.article.text
        self.attributions = sorted(attributions, key=lambda a: a.at)
        self.resolver = resolver
        self.paragraphs = paragraph_spans(self.text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def quotes(self) -> list[Quote]:
        _settle_clauses(self.plan, self.attributions)
        owned = {i for a in self.attributions for i in a.quotations}
        self._attach_enclosed(owned)
        self._attach_introduced(owned)
        self._attach_adjacent(owned)
        self._attach_next_paragraph(owned)
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
        “...,” he said. “...” — or opens it: “...” “...,” he said; also a question the sentence after it
        answers for (“...?” Sanders replied.), which the sentence splitter cut off from its cue."""
        quoting = [a for a in self.attributions if a.speaker is not None]
        for index in sorted(self.plan.statements - owned):
            quotation = self.plan.quotations[index]
            # a question answered for right after it (“...?” Ortega asked.) is that cue's before it continues the
            # clause of the sentence before (Critics said the plan would fail. “Is that fair?” Ortega asked.)
            asked = [a for a in quoting if _answers_for(self.text, self.paragraphs, a, quotation)]
            for attribution in asked[:1] or quoting:
                first, last = attribution.sentence
                gap = self.text[last : quotation.start]
                reports = bool(attribution.quotations) or _reports(attribution) is not None
                after = reports and last <= quotation.start and not gap.strip() and "\n" not in gap
                opens = (
                    bool(attribution.quotations) and self.plan.quotations[min(attribution.quotations)].start == first
                )
                touches = quotation.end <= first and not self.text[quotation.end : first].strip()
                before = touches and (opens or _asked(self.text, attribution, quotation))
                if (after or before) and self.paragraph_of(first) == self.paragraph_of(quotation.start):
                    if not attribution.quotations and attribution.clause is not None:
                        attribution.continued = True  # "She says people should choose. “It is their life.”"
                    attribution.quotations.append(index)
                    owned.add(index)
                    break

    def _attach_next_paragraph(self, owned: set[int]) -> None:
        """A paragraph that is one quotation with no cue goes on with the quote that ends the paragraph
        before (“...,” he said.¶“...”¶), unless another quoted paragraph follows it."""
        for index in sorted(self.plan.statements - owned):
            quotation = self.plan.quotations[index]
            paragraph = self.paragraph_of(quotation.start)
            start, end = self.paragraphs[paragraph]
            if paragraph == 0 or quotation.start != start or self.text[quotation.end : end].strip():
                continue
            if (
                paragraph + 1 < len(self.paragraphs)
                and self.text[self.paragraphs[paragraph + 1][0]] in QUOTE_MARK_CHARS
            ):
                continue
            before_end = self.paragraphs[paragraph - 1][1]
            for attribution in self.attributions:
                closes = not self.text[attribution.sentence[1] : before_end].strip()
                quoting = attribution.quotations and attribution.speaker is not None
                if quoting and closes and self.paragraph_of(attribution.at) == paragraph - 1:
                    attribution.quotations.append(index)
                    owned.add(index)
                    break

    def _from_attribution(self, attribution: Attribution) -> Quote | None:
        quotations = [self.plan.quotations[i] for i in sorted(attribution.quotations)]
        clause = attribution.clause
        inside = any(clause[0] <= q.start and q.end <= clause[1] for q in quotations) if clause else False
        if quotations and clause and not inside and not attribution.continued:
            clause = None  # the clause is something else the speaker did; the quotation is the statement
        if clause and attribution.speaker is not None:
            clause = (clause[0], self._quoted_tail(attribution, clause[1]))
        spans = [(q.start, q.end) for q in quotations] + ([clause] if clause else [])
        if not spans or (not quotations and attribution.speaker is None):
            return None  # words no one is said to have said are not a quote
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        if quotations:
            start = _lead_in(self.text, attribution, quotations[0], start)
        partial = any(  # a partial quotation makes words direct; a work named after its noun quotes nobody
            start <= q.start and q.end <= end and not names_a_work(self.text, q.start, q.inner(self.text))
            for i, q in enumerate(self.plan.quotations)
            if i not in self.plan.statements
        )
        kind = "direct" if quotations or partial else "indirect"
        if kind == "direct":
            end = _cut_at_writers_aside(self.text, self.plan.quotations, start, end)
        if quotations and not clause:
            # The comma before "he said" is the attribution's, not the speaker's.
            words = " … ".join(q.inner(self.text).rstrip(",;:") for q in quotations)
        else:
            words = " ".join(self.text[start:end].split())
        return self._quote(start, end, kind, attribution.speaker, attribution.cue, words)

    def _quoted_tail(self, attribution: Attribution, end: int) -> int:
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
        if kind == "direct":
            end = _clause_end(self.text, end)
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


def _settle_clauses(plan: Plan, attributions: list[Attribution]) -> None:
    """Before quotations are handed out: which cues inside another's clause speak, and where clauses end."""
    _yield_nested(attributions)
    _end_clauses_at_next_cues(plan, attributions)


def _end_clauses_at_next_cues(plan: Plan, attributions: list[Attribution]) -> None:
    """A reported clause ends where another cue inside it reports words of its own: the same speaker's next
    verb joined by "and" ("said he found Trump “very charming” and called his standing “unheard of”"), or
    another speaker's cue after a conjunction that opens the writer's next clause ("Rubio suggested that
    ..., while Cruz said that the “stakes ... are too high”"). A quotation the later cue took from the
    clause before it goes back to that clause."""
    text = plan.article.text
    for attribution in attributions:
        if attribution.clause is None or attribution.speaker is None:
            continue
        first, last = attribution.clause
        for other in attributions:
            if other is attribution or other.speaker is None or not first < other.at < last:
                continue
            if other.clause is None and not other.quotations:
                continue
            shared = other.speaker.start == attribution.speaker.start
            joined = _JOINED_CUE.search(text, first, other.at) if shared else None
            if joined is None and first < other.speaker.start < other.at:
                joined = _NEXT_CLAUSE.search(text, first, other.speaker.start)
            if joined is None:
                continue
            attribution.clause = (first, max(first, joined.start()))
            for index in list(other.quotations):
                quotation = plan.quotations[index]
                if first <= quotation.start and quotation.end <= attribution.clause[1]:
                    other.quotations.remove(index)
                    attribution.quotations.append(index)
            break


def _yield_nested(attributions: list[Attribution]) -> None:
    """A cue inside someone's reported clause whose subject only describes something speaks for no
    one: in "Cruz said any candidate ... “owes it to the men and women”" or "Penwell said the world lost
    a voice that said “love ...”", the quotation is Cruz's and Penwell's, so the inner cue lets go of it
    and the outer clause takes it. A named or pronoun subject ("Trump said Clinton told him “...”")
    keeps its quotation."""
    for inner in attributions:
        if inner.speaker is None or inner.clause is None or inner.quotations or not inner.finite:
            continue
        if any(_within_clause(inner, outer) for outer in attributions):
            inner.speaker = None  # "he said that fact speaks “volumes”": a cue with only a clause, inside one
            inner.clause = None
    for inner in attributions:
        if inner.speaker is None or not inner.quotations or not _describes(inner.speaker):
            continue
        for outer in attributions:
            if outer is inner or outer.clause is None or outer.speaker is None or _describes(outer.speaker):
                continue
            if outer.clause[0] <= inner.speaker.start and inner.at < outer.clause[1]:
                inner.quotations.clear()
                inner.speaker = None
                break


def _within_clause(inner: Attribution, outer: Attribution) -> bool:
    """True when ``inner``'s cue and speaker lie in the reported clause of ``outer``, a cue with a speaker."""
    if outer is inner or outer.clause is None or outer.speaker is None or _describes(outer.speaker):
        return False
    first, last = outer.clause
    return inner.speaker is not None and first <= min(inner.speaker.start, inner.at) and inner.at < last


def _lead_in(text: str, attribution: Attribution, quotation: QuotedSpan, start: int) -> int:
    """Where a quote opens when words of its sentence come before its opening mark: after the cue
    that introduces it ("Cruz says that “...”", "calling him “...”"), or at the sentence's start when
    the cue follows ("Clinton “caused havoc,” he said")."""
    first, last = attribution.sentence
    if attribution.speaker is None or attribution.token < 0 or not (first <= quotation.start < last):
        return start
    if not _LEAD_WORD.search(text, first, quotation.start):
        return start
    if attribution.at > quotation.start:
        tail = start == quotation.start and attribution.cue not in _NOT_VERBS
        return first if tail else start
    lead = attribution.lead
    if lead is not None and attribution.at < min(start, lead) and lead <= quotation.start:
        return lead  # also past "in a statement" that the parse read as the start of the clause
    return start


def _clause_end(text: str, end: int) -> int:
    """Where quoted words closed in the middle of their clause end: "“a total and complete ban” on all
    Muslims" runs on to the clause's comma or the sentence's end, because what follows completes what
    was said. A quotation closed after its own punctuation ("...,” he said") or followed by a new verb
    phrase ("“crazy” and said ...") ends at its mark."""
    if end < 2 or text[end - 1] not in QUOTE_MARK_CHARS or text[end - 2] in _CLOSING_PUNCTUATION:
        return end
    follows = _NEXT_WORD.match(text, end)
    if follows is None or follows.group(1) not in CLAUSE_CONTINUERS:
        return end
    stop = _CLAUSE_STOP.search(text, end)
    return stop.start() if stop else len(text)


def _answers_for(
    text: str, paragraphs: Sequence[tuple[int, int]], attribution: Attribution, quotation: QuotedSpan
) -> bool:
    """True for a cue sentence right after a question in marks, in its paragraph, that says who asked it."""
    first = attribution.sentence[0]
    touches = quotation.end <= first and not text[quotation.end : first].strip()
    same = not any(quotation.start < start <= first for start, _ in paragraphs)
    return touches and same and _asked(text, attribution, quotation)


def _asked(text: str, attribution: Attribution, quotation: QuotedSpan) -> bool:
    """True for a cue sentence with nothing of its own to report right after a question or an
    exclamation in marks: “Have I started?” Sanders replied."""
    plain = not attribution.quotations and attribution.clause is None and not attribution.describing
    return plain and attribution.cue not in _NOT_VERBS and text[quotation.end - 2 : quotation.end - 1] in "?!"


def _reports(attribution: Attribution) -> tuple[int, int] | None:
    """The clause of a speech verb that reports words (not a participle describing a noun)."""
    return None if attribution.describing or attribution.cue in _NOT_VERBS else attribution.clause


def _cut_at_writers_aside(text: str, quotations: Sequence[QuotedSpan], start: int, end: int) -> int:
    """After the last quoted words of a clause, a dash ("called him “the next George Washington” – the Founding
    Father who ...") or a relative clause set off by a comma ("denounced “self-deportation,” which is like ...")
    opens the writer's aside: the quote ends before it."""
    last = max((q.end for q in quotations if start <= q.start and q.end <= end), default=end)
    relative = _ASIDE_RELATIVE.search(text, last, end)  # ", which": anchored on its comma
    if relative is None and text[last - 2 : last - 1] == ",":  # the comma inside the closing mark: “...,” which
        relative = _ASIDE_RELATIVE_AFTER_MARK.match(text, last, end)
    if relative is not None:
        end = relative.start()
    dash = _DASH.search(text, last, end)
    cut = dash.start() if dash is not None and not _DASH.search(text, dash.end(), end) else end
    # no dash, or a pair of them around an aside the clause goes on after: the clause runs to ``end``
    return max(start, start + len(text[start:cut].rstrip(" ,")))


def _describes(mention: Mention) -> bool:
    """A speaker mention that neither names nor stands for a person ("any candidate", "Rubio's tax plan")."""
    return mention.kind == "description" or (mention.kind == "name" and mention.text.split()[-1].islower())


_DASH = re.compile(r"\s(?:—|–|-|--)\s|—")
# ", which raised concerns", "“inversion,” in which": a relative clause set off by a comma (or by the comma
# inside the closing mark).
_RELATIVE_WORDS = r"(?:(?:in|of|for|to|from|with|by|on|at|under) )?(?:which|who|whom|whose)\b"
_ASIDE_RELATIVE = re.compile(r", " + _RELATIVE_WORDS)
_ASIDE_RELATIVE_AFTER_MARK = re.compile(r" " + _RELATIVE_WORDS)
_LEAD_WORD = re.compile(r"\w")
# ", and then" / " and": the conjunction that joins a speaker's next cue to the clause before it.
_JOINED_CUE = re.compile(r",?\s+and\s+(?:then\s+|also\s+|later\s+)?$")
# ", while Cruz said": a conjunction that opens the writer's next clause, right before another speaker.
_NEXT_CLAUSE = re.compile(r"(?:,\s+|;\s+|\s+)(?:while|whereas|but|and)\s+$|;\s+$")
_NOT_VERBS = frozenset({":", "according to", "in the words of", "―"})
_CLOSING_PUNCTUATION = frozenset(",.!?;:…")
_NEXT_WORD = re.compile(r"[ \t\u00a0]([a-z][\w’'-]*)")
# Where a clause that runs on past a quotation stops: a comma, a dash, a semicolon, the sentence's end.
_CLAUSE_STOP = re.compile(r"[.!?](?=[\s”\"]|$)|[\n,;—]| -- |" + "[" + re.escape(QUOTE_MARK_CHARS) + "]")

# “...” ― Sonya Herridge: a dash and a name closing the line after a quotation (readers' comments, epigraphs).
_NAME_WORDS = r"(?:[A-Z][\w’'.-]*[ \t]+(?:(?:de|da|del|van|von|la|le|al)[ \t]+)?){0,4}[A-Z][\w’'-]*"
_DASH_BYLINE = re.compile(rf"[ \t\u00a0]*[―—–]\s*({_NAME_WORDS})(?=[ \t\u00a0.]*(?:\n|$|,))")
# “...” then, on a line of its own, "- Bernie Sanders." or "-Michelle Marks, Philadelphia": a fact check's or a
# comment page's signature under a quotation that is its whole paragraph; a hyphen is a dash here.
_BYLINE_BELOW = re.compile(rf"[ \t\u00a0]*\n\s*[-―—–][ \t]*({_NAME_WORDS})(?=[ \t\u00a0.]*(?:\n|$|,))")
# The closing mark before a line's final byline: ...evil’.” ― Christina Lastra.
_SIGNED_LINE_END = re.compile(r"[”\"](?=" + _DASH_BYLINE.pattern + r")[^\n]*$", re.M)


def dash_bylines(plan: Plan) -> list[Attribution]:
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
            byline = (
                _DASH_BYLINE.match(text, signed.start() + 1) if signed else _BYLINE_BELOW.match(text, quotation.end)
            )
        if byline is None or names_a_place_or_thing(byline.group(1)):
            continue
        speaker = Mention(byline.group(1), byline.start(1), byline.end(1), "name", signed=True)
        found.append(Attribution("―", byline.start(), (quotation.start, byline.end()), speaker, quotations=[index]))
    return found


def named_people(plan: Plan, docs: list[tuple[Doc, int]]) -> list[Named]:
    """People the parsed snippets name (runs of proper nouns that read as a person's name), for resolving
    "he" and "the general". The subject of a sentence is the likeliest antecedent, so it is marked."""
    people = []
    for doc, start in docs:
        runs: list[list[Token]] = [[]]
        for token in doc:
            quoted = plan.frame.piece_at(start + token.idx).quotation is not None
            if is_proper(token) and not quoted:
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
