"""The same quote across outlets: direct quotes that several outlets print, grouped, with the fullest
version and every word omitted, added or changed against it."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from compare import settings
from compare.model import Quote, Record
from compare.nlp import find_quotations


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

    ``text`` is the fullest version of the quoted words; ``trimmed`` lists the articles whose
    version is a cut of it (words only left out at the ends); ``changes`` lists every omitted,
    added or changed word run against the fullest version ("inconsistent with" printed as
    "inconsistent of"); ``paraphrased`` lists the articles that print the words as a partial
    quote inside the writer's own paraphrase (only the words inside the marks are compared).
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
    paraphrased: tuple[str, ...] = ()


def quoted_words(quote: Quote) -> str:
    """The speaker's own words of a direct quote: only the pieces inside quotation marks when the quote is
    the writer's paraphrase around a partial quote ("said Iran “appears to be standing down”" gives
    "appears to be standing down"), else the quote as printed (a whole quotation is stored without marks).

    Outlets that paraphrase the same statement differently have not changed the speaker's words, so
    the paraphrase is never compared.
    """
    pieces = [span.inner(quote.quote) for span in find_quotations(quote.quote) if span.closed]
    return " … ".join(piece for piece in pieces if piece) or quote.quote


def is_paraphrase(quote: Quote) -> bool:
    """True when the quote holds words of the writer's own around its quoted pieces."""
    return bool(_match_words(quote.quote)) and _match_words(quoted_words(quote)) != _match_words(quote.quote)


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
        q for q in quotes if q.kind == "direct" and len(_match_words(quoted_words(q))) >= settings.QUOTE_MATCH_MIN_WORDS
    ]
    if len(candidates) < 2:
        return []
    words = [_match_words(quoted_words(q)) for q in candidates]
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
    words_of = {id(q): _match_words(quoted_words(q)) for q in members}
    padded = {key: f" {' '.join(words)} " for key, words in words_of.items()}

    def support(quote: Quote) -> tuple[int, int]:
        """How many versions this one contains word for word, then its length: the fullest common version."""
        own = padded[id(quote)]
        return sum(padded[id(other)] in own for other in members), len(own)

    reference = max(members, key=support)  # the first (by outlet) among equals
    reference_words = words_of[id(reference)]
    changes: list[WordChange] = []
    trimmed: list[str] = []
    for quote in members:
        if quote is reference:
            continue
        words = words_of[id(quote)]
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
        text=quoted_words(reference),
        versions=tuple(members),
        outlets=tuple(sorted({q.outlet for q in members})),
        identical=len({tuple(words) for words in words_of.values()}) == 1,
        trimmed=tuple(trimmed),
        changes=tuple(changes),
        paraphrased=tuple(q.article_id for q in members if is_paraphrase(q)),
    )
