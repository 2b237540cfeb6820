"""Naming: how each outlet refers to the story's main actors ("Gen. Milley" vs "Army General Mark Milley").

Actors are spaCy's named entities, grouped across outlets by surname (people) or by
name (organisations, places, groups). Each mention is widened over the words that describe
the actor, because that is where an outlet's choice of name shows: the capitalised titles and
labels just before it ("Defense Secretary", "Iran-backed"), a description after "the" or "a"
("the terrorist mastermind Qassem Soleimani") and an appositive after it ("Soleimani, the
general who led the Quds Force,"). Only actors that outlets describe differently are listed:
one outlet writing "American" once where another never does is no naming choice.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from compare import settings
from compare.framing.text import StoryText
from compare.model import Article, Evidence, Story
from compare.nlp import SPACY_LOCK, spacy_model
from compare.parallel import map_slices
from compare.progress import Advance, no_advance
from compare.vector_store import text_key

Columns = ["actor", "outlet", "form", "count", "evidence"]

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
# Capitalised words (titles such as "Gen.", labels such as "Iran-backed") right before a name.
_PREFIX = re.compile(r"((?:[A-Z][\w’'.-]*\s+){1,4})$")
_POSSESSIVE = re.compile(r"[’']s$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# A description between "the"/"a" and a name: up to three words, no punctuation ("the terrorist mastermind ").
_DESCRIBED_BEFORE = re.compile(r"\b(?:the|a|an)\s+((?:[\w’'-]+\s+){1,3})$", re.IGNORECASE)
# An appositive right after a name: ", the general who led the Quds Force," (up to the next clause mark).
_APPOSITIVE = re.compile(r",\s+((?:the|a|an)\s+[^,.;:()\"“”]{2,80}?)(?=\s*[,.;:)])")
_WORD = re.compile(r"[\w’'-]+")
_NEXT_WORD = re.compile(r"[^\S\n]+([\w’'-]+)")

# fmt: off
#: Courtesy titles: a house style ("Mr. Trump" in one outlet, "Trump" in another), not a description.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame"})
#: Abbreviated titles by their full word, so "Gen. Milley" and "General Milley" describe him alike.
TITLE_WORDS: dict[str, str] = {
    "gen": "general", "sen": "senator", "rep": "representative", "gov": "governor", "lt": "lieutenant",
    "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "pres": "president",
    "sec": "secretary", "prof": "professor", "atty": "attorney", "supt": "superintendent", "rev": "reverend",
    "cmdr": "commander", "amb": "ambassador",
}
#: Verbs of speech: words that make a "description" a clause ("Sestak, the White House said, ...").
SPEECH_WORDS = frozenset(
    {"said", "says", "say", "told", "tells", "wrote", "writes", "asked", "asks", "adds", "according"}
)
# fmt: on


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


def _clause(words: Sequence[str]) -> bool:
    """Whether words read as a clause, not a description: a speech verb ("the White House said"), or a verb
    form after the first word ("the deal Obama struck" aside, "the attack killed"; "the embattled" opens one)."""
    lower = [w.lower().strip(",") for w in words]
    later_verb = any(w.endswith(("ed", "ing")) and "-" not in w for w in lower[1:])
    return later_verb or any(w in SPEECH_WORDS for w in lower)


def _modifies_a_noun(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` modifies the noun after it ("the upcoming Ryan budget"): the next word
    is lower-case and no stop word, speech verb or verb form ("Soleimani ordered", "Pelosi wants")."""
    after = _NEXT_WORD.match(text, end)
    if after is None or not after.group(1)[0].islower():
        return False
    word = after.group(1).lower()
    return not (word in ENGLISH_STOP_WORDS or word in SPEECH_WORDS or word.endswith(("ed", "s")))


def _described_before(text: str, start: int, entity: tuple[int, int], floor: int) -> int:
    """Start of a description between "the"/"a" and a bare name ("the terrorist mastermind Soleimani"), or
    ``start``. Not before a title (in "the deal President Obama struck" the name opens a clause), nor when the
    recogniser's name holds its own "the" or modifies a noun after it; words are no stop words, plural or verb
    forms."""
    entity_start, entity_end = entity
    if start != entity_start or _ARTICLE.match(text[entity_start : entity_start + 4]):
        return start
    if _modifies_a_noun(text, entity_end):
        return start
    match = _DESCRIBED_BEFORE.search(text, floor, start)
    if match is None or (match.start() > 0 and text[match.start() - 1].isalnum()):
        return start
    words = match.group(1).split()
    plural = any(w.lower().endswith("s") and "-" not in w for w in words[1:])
    if plural or _clause(words) or any(w.lower() in ENGLISH_STOP_WORDS for w in words):
        return start
    return match.start(1)


def _appositive_end(text: str, end: int, ceiling: int) -> int:
    """End of an appositive right after a name (", the general who led the Quds Force"), or ``end``: not a
    clause (", the White House said"), nor one cut at an abbreviation's full stop (", an aide to Mr")."""
    match = _APPOSITIVE.match(text, end, ceiling)
    if match is None:
        return end
    words = match.group(1).split()
    cut = words[-1].lower() in HONORIFICS or words[-1].lower() in TITLE_WORDS
    return end if cut or len(words) > 10 or _clause(words[1:]) else match.end(1)


def description(form: str, actor: str) -> frozenset[str]:
    """The words of a naming that describe the actor rather than name them: not the name's own words,
    stop words, numbers ("2012 Republican") or courtesy titles; abbreviated titles spelled out ("Gen." ->
    "general")."""
    name = set(actor.split())
    words = (w.lower().strip("’'.-").replace("’", "'") for w in _WORD.findall(form))
    words = (w[:-2] if w.endswith("'s") else w for w in words)
    return frozenset(
        TITLE_WORDS.get(w, w)
        for w in words
        if w and not w.isdigit() and w not in name and w not in ENGLISH_STOP_WORDS and w not in HONORIFICS
    )


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
            floor, ceiling = (sentence.start, sentence.end) if sentence else (0, len(article.text))
            start = _widen(article.text, entity_start, floor)
            start = _described_before(article.text, start, (entity_start, entity_end), floor)
            end = _appositive_end(article.text, entity_end, ceiling)
            name = _POSSESSIVE.sub("", " ".join(article.text[start:entity_end].split()))
            # "the White House" and "White House" are one naming; an appositive keeps its comma
            form = _ARTICLE.sub("", name) + " ".join(article.text[entity_end:end].split())
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


def _named_differently(found: Sequence[Mention]) -> dict[str, int]:
    """Actors that two or more outlets name, described differently by them: by how many describing words
    not every outlet uses ("general" in one, "terrorist", "mastermind" in another: 3)."""
    words: dict[str, dict[str, set[str]]] = {}
    for m in found:
        words.setdefault(m.actor, {}).setdefault(m.outlet, set()).update(description(m.form, m.actor))
    differing = {}
    for actor, by_outlet in words.items():
        if len(by_outlet) < 2:
            continue  # one outlet's mention is no naming choice between outlets
        described = list(by_outlet.values())
        unshared = described[0].union(*described[1:]) - described[0].intersection(*described[1:])
        if unshared:
            differing[actor] = len(unshared)
    return differing


def _display_name(forms: Sequence[str], actor: str) -> str:
    """The actor's row label: the commonest form that describes nothing (a plain name takes no side), else the
    commonest form."""
    plain = [f for f in forms if not description(f, actor)]
    return Counter(plain or forms).most_common(1)[0][0]


def naming(story: StoryText, stored: Mapping[str, Entities] | None = None) -> pd.DataFrame:
    """For the main actors that outlets name differently (those differing most first): each outlet's forms,
    counts and sentences. An actor every outlet names alike, or only one outlet names, gets no row."""
    found = mentions(story, stored)
    differing = _named_differently(found)
    outlets_per_actor: dict[str, set[str]] = {}
    for m in found:
        outlets_per_actor.setdefault(m.actor, set()).add(m.outlet)
    totals = Counter(m.actor for m in found)
    main = sorted(differing, key=lambda a: (-differing[a], -len(outlets_per_actor[a]), -totals[a], a))
    main = main[: settings.NAMING_ACTORS]
    display = {a: _display_name([m.form for m in found if m.actor == a], a) for a in main}
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
