"""Naming: how each outlet refers to the story's main actors ("Gen. Milley" vs "Army General Mark Milley").

Actors are spaCy's named entities, grouped across outlets by surname (people) or by
name (organisations, places, groups). Each mention is widened leftwards over the
capitalised titles and labels written just before it ("Defense Secretary", "Iran-backed"),
because that is where an outlet's choice of name shows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from compare import settings
from compare.framing.text import StoryText
from compare.model import Evidence
from compare.nlp import spacy_model

Columns = ["actor", "outlet", "form", "count", "evidence"]

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
# Capitalised words (titles such as "Gen.", labels such as "Iran-backed") right before a name.
_PREFIX = re.compile(r"((?:[A-Z][\w’'.-]*\s+){1,4})$")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True)
class Mention:
    """One naming of an actor in one article."""

    actor: str
    outlet: str
    form: str
    evidence: Evidence


def _widen(text: str, start: int, floor: int) -> int:
    """Start of the capitalised titles and labels just before ``start``, not before ``floor`` (the sentence start).

    Sentence-initial function words ("The", "But") are not part of a name.
    """
    match = _PREFIX.search(text, max(floor, start - 80), start)
    if match is None:
        return start
    words = match.group(1).split()
    while words and (words[0].lower() in ENGLISH_STOP_WORDS or words[0].endswith(":")):
        words.pop(0)
    if not words:
        return start
    return start - len(match.group(1)) + match.group(1).index(words[0])


def _actor_key(text: str, label: str) -> str:
    name = _POSSESSIVE.sub("", text.strip())
    if label == "PERSON":
        return name.split()[-1].lower()
    return re.sub(r"^the\s+", "", name.lower())


def mentions(story: StoryText) -> list[Mention]:
    """Every named-entity mention of the story, with its widened form and sentence."""
    nlp = spacy_model()
    found = []
    docs = nlp.pipe(
        (a.text for a in story.articles), disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    for article, doc in zip(story.articles, docs, strict=True):
        sentences = [s for s in story.sentences if s.article_id == article.id]
        for entity in doc.ents:
            if entity.label_ not in _LABELS:
                continue
            sentence = next((s for s in sentences if s.start <= entity.start_char < s.end), None)
            start = _widen(article.text, entity.start_char, sentence.start if sentence else 0)
            form = _POSSESSIVE.sub("", " ".join(article.text[start : entity.end_char].split()))
            evidence = sentence.evidence() if sentence else Evidence(article.id, form, start, entity.end_char)
            found.append(Mention(_actor_key(entity.text, entity.label_), article.outlet, form, evidence))
    return found


def naming(story: StoryText) -> pd.DataFrame:
    """For the main actors (named by the most outlets, then most often): each outlet's forms, counts and sentences."""
    found = mentions(story)
    outlets_per_actor: dict[str, set[str]] = {}
    for m in found:
        outlets_per_actor.setdefault(m.actor, set()).add(m.outlet)
    totals = Counter(m.actor for m in found)
    main = sorted(totals, key=lambda a: (-len(outlets_per_actor[a]), -totals[a], a))[: settings.NAMING_ACTORS]
    display = {a: Counter(m.form for m in found if m.actor == a).most_common(1)[0][0] for a in main}
    grouped: dict[tuple[str, str, str], list[Evidence]] = {}
    for m in found:
        if m.actor in display:
            grouped.setdefault((display[m.actor], m.outlet, m.form), []).append(m.evidence)
    rows = [
        {
            "actor": actor,
            "outlet": outlet,
            "form": form,
            "count": len(evidence),
            "evidence": tuple(dict.fromkeys(evidence))[: settings.FRAMING_EVIDENCE_PER_ROW],
        }
        for (actor, outlet, form), evidence in grouped.items()
    ]
    frame = pd.DataFrame(rows, columns=Columns)
    rank = {display[a]: i for i, a in enumerate(main)}
    frame["_rank"] = frame["actor"].map(rank)
    return frame.sort_values(["_rank", "outlet", "count"], ascending=[True, True, False], ignore_index=True).drop(
        columns="_rank"
    )
