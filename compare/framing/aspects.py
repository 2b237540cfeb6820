"""Emphasis and omission: the story's aspects as rows, outlets as columns.

All the story's sentences, from every outlet, are clustered by meaning; each cluster
is one aspect (a claim or a fact). An outlet covers an aspect when one of its
sentences is in the cluster or says nearly the same thing; the space it gives the aspect
is its share of the outlet's words. An outlet that covers nothing of an aspect left it out.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from compare import settings
from compare.framing.text import Sentence, StoryText

if TYPE_CHECKING:
    from compare.embed import Embedder

Columns = ["aspect", "label", "keywords", "outlet", "covered", "sentences", "words", "share", "evidence"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _keyword(word: str) -> bool:
    """A lower-cased word worth naming an aspect by: no stop word, no contraction ("don't", "it's")."""
    return word not in ENGLISH_STOP_WORDS and "'" not in word and "’" not in word


def cluster_sentences(similarity: np.ndarray) -> np.ndarray:
    """Cluster label per sentence: average-linkage on cosine distance, cut at a fixed distance.

    Takes the unit vectors' cosine similarity matrix, which the caller needs anyway: one
    matrix product is many times faster than recomputing the distances pair by pair.
    """
    if len(similarity) < 2:
        return np.zeros(len(similarity), dtype=int)
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=settings.ASPECT_DISTANCE, metric="precomputed", linkage="average"
    )
    return model.fit_predict(distance)  # type: ignore[no-any-return]


def _label(
    members: list[Sentence], words: list[list[str]], vectors: np.ndarray, story_counts: Counter[str]
) -> tuple[str, str]:
    """(label, keywords): the aspect's most typical sentence, a fact read out as it stands, and its most
    specific words, short enough for a chart axis (a keyword triple alone reads as noise, #19)."""
    centroid = vectors.mean(axis=0)
    typical = members[int(np.argmax(vectors @ centroid))].text
    counts = Counter(w for sentence_words in words for w in sentence_words if _keyword(w))
    # Specific = frequent here relative to the whole story (a small c-TF-IDF).
    keywords = sorted(counts, key=lambda w: (-counts[w] / story_counts[w] * counts[w], w))[:3]
    short = typical if len(typical) <= settings.ASPECT_LABEL_CHARS else typical[: settings.ASPECT_LABEL_CHARS - 1] + "…"
    return short, ", ".join(keywords) or short


def aspects(story: StoryText, embedder: Embedder) -> pd.DataFrame:
    """One row per (aspect, outlet): covered?, sentences, words, share of the outlet's words, evidence.

    Aspects are ordered by how many outlets cover them, then by size, so the facts only
    some outlets report (and the others omit) are easy to spot.
    """
    words_of = [[w.lower() for w in _words(s.text)] for s in story.sentences]
    kept = [i for i, words in enumerate(words_of) if len(words) >= settings.FRAMING_MIN_SENTENCE_WORDS]
    if not kept:
        return pd.DataFrame(columns=Columns)
    sentences = [story.sentences[i] for i in kept]
    sentence_tokens = [words_of[i] for i in kept]
    vectors = story.vectors(embedder)[kept].astype(np.float64)  # as precise as pairwise distances
    similarity = vectors @ vectors.T
    labels = cluster_sentences(similarity)
    outlets = story.outlets
    sentence_words = [len(words) for words in sentence_tokens]
    outlet_words = {
        o: sum(n for s, n in zip(sentences, sentence_words, strict=True) if s.outlet == o) or 1 for o in outlets
    }
    story_counts = Counter(w for words in sentence_tokens for w in words)
    by_outlet = {o: np.array([i for i, s in enumerate(sentences) if s.outlet == o], dtype=int) for o in outlets}
    evidence = [s.evidence() for s in sentences]
    table = []
    for aspect in np.unique(labels):
        members_idx = np.flatnonzero(labels == aspect)
        members = [sentences[i] for i in members_idx]
        label, keywords = _label(members, [sentence_tokens[i] for i in members_idx], vectors[members_idx], story_counts)
        members_by_outlet: dict[str, list[int]] = {}
        for i in members_idx:
            members_by_outlet.setdefault(sentences[i].outlet, []).append(int(i))
        closeness = None  # each sentence's best match in the aspect, needed only when an outlet has no member
        rows: list[dict[str, Any]] = []
        for outlet in outlets:
            own = members_by_outlet.get(outlet, [])
            if not own and len(by_outlet[outlet]):
                # Said in other words elsewhere in the article: still covered, with that sentence as proof.
                if closeness is None:
                    closeness = similarity[members_idx].max(axis=0)
                best = int(by_outlet[outlet][int(np.argmax(closeness[by_outlet[outlet]]))])
                own = [best] if closeness[best] >= settings.ASPECT_COVER_COSINE else []
            words = sum(sentence_words[i] for i in own)
            # An omitted aspect's evidence is what the others said: the thing left out.
            proof = own if own else list(members_idx)
            rows.append(
                {
                    "aspect": int(aspect),
                    "label": label,
                    "keywords": keywords,
                    "outlet": outlet,
                    "covered": bool(own),
                    "sentences": len(own),
                    "words": words,
                    "share": round(words / outlet_words[outlet], 4),
                    "evidence": tuple(evidence[i] for i in proof[: settings.FRAMING_EVIDENCE_PER_ROW]),
                }
            )
        table.append((sum(r["covered"] for r in rows), len(members), int(members_idx[0]), rows))
    table.sort(key=lambda t: (-t[0], -t[1], t[2]))  # ties: the aspect told first comes first
    frame = pd.DataFrame([row for *_, rows in table for row in rows], columns=Columns)
    # Renumber aspects in display order, so aspect 0 is the most widely covered.
    order = {old: new for new, old in enumerate(dict.fromkeys(frame["aspect"]))}
    frame["aspect"] = frame["aspect"].map(order)
    return frame
