"""Naming: how each outlet refers to the story's main actors ("Gen. Milley" vs "Army General Mark Milley").

Actors are spaCy's named entities, grouped across outlets by surname (people) or by
name (organisations, places, groups). Each mention is widened leftwards over the
capitalised titles and labels written just before it ("Defense Secretary", "Iran-backed"),
because that is where an outlet's choice of name shows.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from compare import settings
from compare.embed import text_key
from compare.framing.text import StoryText
from compare.model import Article, Evidence, Story
from compare.nlp import SPACY_LOCK, spacy_model
from compare.parallel import map_slices
from compare.progress import Advance, no_advance

Columns = ["actor", "outlet", "form", "count", "evidence"]

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
# Capitalised words (titles such as "Gen.", labels such as "Iran-backed") right before a name.
_PREFIX = re.compile(r"((?:[A-Z][\w’'.-]*\s+){1,4})$")
_POSSESSIVE = re.compile(r"[’']s$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


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
    """Lower-case key: a person's "first last" (or surname alone), otherwise the name without "the"."""
    words = _POSSESSIVE.sub("", text.strip()).lower().split()
    if label == "PERSON":
        return " ".join(words[-2:])
    return " ".join(words[1:] if words and words[0] == "the" else words)


def _resolve_people(keys: list[str], labels: list[str]) -> list[str]:
    """A bare surname joins the commonest full name with that surname ("Clinton" -> "bill clinton").

    Two people who share a surname ("Bill Clinton", "Hillary Clinton") stay apart; the bare
    surname goes to the one named most. The recogniser sometimes labels a bare surname as an
    organisation or place, so any one-word key that is a person's surname is resolved.
    """
    full_names = Counter(k for k, label in zip(keys, labels, strict=True) if label == "PERSON" and " " in k)
    by_surname: dict[str, str] = {}
    for name, _ in full_names.most_common():
        by_surname.setdefault(name.split()[-1], name)
    return [by_surname.get(k, k) if " " not in k else k for k in keys]


Entities = tuple[tuple[int, int, str], ...]
# Entities by article text, oldest dropped first: stories of one corpus share articles.
_ENTITY_CACHE: OrderedDict[str, Entities] = OrderedDict()
_ENTITY_CACHE_SIZE = 4096
# Articles per spaCy batch: the build recognises thousands of long articles, and spaCy's default batch of
# 1,000 held 2.5 GB of them at once on the 10k sample.
_NER_BATCH = 32
#: Texts per worker task when many articles' names are recognised at build.
_NER_SLICE = 100


def entities(texts: Sequence[str]) -> list[Entities]:
    """(start, end, label) of the actor-like named entities of each text; recognised once per text."""
    with SPACY_LOCK:  # also guards the cache: the dashboard's background worker may ask at the same time
        missing = list(dict.fromkeys(t for t in texts if t not in _ENTITY_CACHE))
        # Only the entity recogniser runs (it has its own tok2vec in the small English model), in small batches.
        docs = spacy_model().pipe(
            missing, disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"], batch_size=_NER_BATCH
        )
        for text, doc in zip(missing, docs, strict=True):
            _ENTITY_CACHE[text] = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in _LABELS)
        found = [_ENTITY_CACHE[t] for t in texts]
        while len(_ENTITY_CACHE) > _ENTITY_CACHE_SIZE:
            _ENTITY_CACHE.popitem(last=False)
    return found


def text_digest(text: str) -> str:
    """Key of an article text's stored entities (the vector cache's text key): same text, same entities."""
    return text_key(text).hex()


def worth_storing(articles: Sequence[Article], stories: Sequence[Story]) -> list[Article]:
    """Articles of the multi-outlet stories long enough (``settings.NAMING_STORE_MIN_WORDS``) that recognising
    their names when the story is opened would keep the reader waiting: the build recognises these ahead."""
    by_id = {a.id: a for a in articles}
    chosen: dict[str, Article] = {}
    for story in stories:
        members = [by_id[i] for i in story.article_ids if i in by_id]
        if len(story.outlets) > 1 and sum(len(a.text.split()) for a in members) >= settings.NAMING_STORE_MIN_WORDS:
            chosen.update((a.id, a) for a in members)
    return list(chosen.values())


def stored_entities(
    articles: Sequence[Article], previous: Mapping[str, Entities], advance: Advance | None = None
) -> dict[str, Entities]:
    """Entities of ``articles`` by text digest, reusing a previous build's where the text is unchanged
    (recognised in worker processes, one per core, for many articles)."""
    by_digest = {text_digest(a.text): a.text for a in articles}
    missing = [d for d in by_digest if d not in previous]
    texts = [by_digest[d] for d in missing]
    recognised = map_slices(entities, texts, slice_size=_NER_SLICE, advance=advance or no_advance)
    fresh = dict(zip(missing, recognised, strict=True))
    return {d: previous[d] if d in previous else fresh[d] for d in by_digest}


def mentions(story: StoryText, stored: Mapping[str, Entities] | None = None) -> list[Mention]:
    """Every named-entity mention of the story, with its widened form and sentence; ``stored`` holds entities
    the build recognised ahead (by text digest), so only the other articles go through spaCy."""
    stored = stored or {}
    digests = [text_digest(a.text) for a in story.articles] if stored else [""] * len(story.articles)
    unknown = [a.text for a, d in zip(story.articles, digests, strict=True) if d not in stored]
    recognised = iter(entities(unknown)) if unknown else iter(())
    per_article = [stored[d] if d in stored else next(recognised) for d in digests]
    raw = []
    for article, found_entities in zip(story.articles, per_article, strict=True):
        for entity_start, entity_end, label in found_entities:
            sentence = story.sentence_at(article.id, entity_start)
            start = _widen(article.text, entity_start, sentence.start if sentence else 0)
            form = _POSSESSIVE.sub("", " ".join(article.text[start:entity_end].split()))
            form = _ARTICLE.sub("", form)  # "the White House" and "White House" are one naming
            evidence = (
                sentence.evidence()
                if sentence
                else Evidence(article.id, article.text[start:entity_end], start, entity_end)
            )
            raw.append(
                (_actor_key(article.text[entity_start:entity_end], label), label, article.outlet, form, evidence)
            )
    keys = _resolve_people([r[0] for r in raw], [r[1] for r in raw])
    return [Mention(key, outlet, form, evidence) for key, (_, _, outlet, form, evidence) in zip(keys, raw, strict=True)]


def naming(story: StoryText, stored: Mapping[str, Entities] | None = None) -> pd.DataFrame:
    """For the main actors (named by the most outlets, then most often): each outlet's forms, counts and sentences."""
    found = mentions(story, stored)
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
