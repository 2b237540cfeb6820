"""Score shared-passage detection by planting passages into real articles.

No public dataset labels syndicated text, so the labels are made: a run of 15-150
words is taken from one real article and inserted, at a sentence boundary, into a real
article of another outlet -- once verbatim and once with 5% of its words changed
(replaced, dropped or added). Detection runs over the planted pairs mixed with
untouched articles, and is scored by character-level precision, recall and F1 of the
recovered spans. ``difflib.SequenceMatcher``, given each planted pair directly, is the
baseline. Passages reported between articles that were not planted together are
counted and checked against their actual text, so spurious matches show up.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from compare import settings
from compare.align import WORD, word_spans
from compare.evaluate import SHARED_DATA, read_jsonl
from compare.model import Article, Passage
from compare.nlp import sentence_spans
from compare.passages import find_passages
from compare.text_format import counted

DEFAULT_DATASET = SHARED_DATA / "abp" / "sample10k.jsonl.gz"
PASSAGE_WORDS = (15, 150)
EDIT_SHARE = 0.05
MODES = ("verbatim", "edited")
# Reported text between unplanted articles counts as really shared when at least this
# share of its words line up in both (difflib), i.e. it is copy that was already there.
_REAL_SHARE = 0.6


@dataclass(frozen=True)
class Plant:
    """One planted passage: its span in the source article and in the host article."""

    source: str
    host: str
    source_span: tuple[int, int]
    host_span: tuple[int, int]


def _article(record: dict[str, Any], text: str | None = None) -> Article:
    # Dates are left out so the likely-source logic cannot use them as a hint.
    return Article(
        id=record["id"], outlet=record["outlet"], title=record.get("title") or "", text=text or record["text"], file=""
    )


def _edit(piece: str, rng: random.Random, pool: Sequence[str]) -> str:
    """``piece`` with 5% of its words (at least one) replaced, dropped or doubled by a stray word."""
    spans = word_spans(piece)
    chosen = sorted(rng.sample(range(len(spans)), max(1, round(EDIT_SHARE * len(spans)))), reverse=True)
    for i in chosen:  # right to left, so earlier offsets stay valid
        start, end = spans[i]
        kind = rng.choice(("replace", "drop", "add"))
        if kind == "replace":
            piece = piece[:start] + rng.choice(pool) + piece[end:]
        elif kind == "drop":
            piece = piece[:start] + piece[end:].lstrip(" ")
        else:
            piece = piece[:end] + " " + rng.choice(pool) + piece[end:]
    return piece


def plant(
    sources: Sequence[dict[str, Any]], hosts: Sequence[dict[str, Any]], *, edited: bool, seed: int
) -> tuple[list[Article], list[Plant]]:
    """Sources unchanged and hosts each carrying a run of words from their paired source."""
    rng = random.Random(seed)
    articles: list[Article] = []
    plants: list[Plant] = []
    for source, host in zip(sources, hosts, strict=True):
        words = word_spans(source["text"])
        length = rng.randint(PASSAGE_WORDS[0], min(PASSAGE_WORDS[1], len(words)))
        first = rng.randrange(len(words) - length + 1)
        start, end = words[first][0], words[first + length - 1][1]
        piece = source["text"][start:end]
        if edited:
            piece = _edit(piece, rng, WORD.findall(host["text"]))
        # Insert after a sentence of the host, as an editor pasting a paragraph would.
        cut = rng.choice([e for _s, e in sentence_spans(host["text"])] or [len(host["text"])])
        text = host["text"][:cut] + " " + piece + " " + host["text"][cut:]
        articles += [_article(source), _article(host, text)]
        plants.append(Plant(source["id"], host["id"], (start, end), (cut + 1, cut + 1 + len(piece))))
    return articles, plants


def _overlap(spans: Sequence[tuple[int, int]], gold: tuple[int, int]) -> tuple[int, int]:
    """(characters predicted, of them inside ``gold``) for possibly overlapping predicted spans."""
    covered: set[int] = set()
    for start, end in spans:
        covered.update(range(start, end))
    return len(covered), sum(1 for c in covered if gold[0] <= c < gold[1])


def _prf(predicted: int, correct: int, gold: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _score(found: dict[tuple[str, str], list[dict[str, tuple[int, int]]]], plants: Sequence[Plant]) -> dict[str, float]:
    """Character-level P/R/F1 over both sides of every planted pair."""
    predicted = correct = gold = 0
    for p in plants:
        spans = found.get((p.source, p.host), [])
        for article_id, gold_span in ((p.source, p.source_span), (p.host, p.host_span)):
            n, hit = _overlap([s[article_id] for s in spans], gold_span)
            predicted, correct, gold = predicted + n, correct + hit, gold + gold_span[1] - gold_span[0]
    return _prf(predicted, correct, gold)


def _by_pair(passages: Sequence[Passage]) -> dict[tuple[str, str], list[dict[str, tuple[int, int]]]]:
    """Spans of every passage, under each (unordered, both orders) pair of its articles."""
    found: dict[tuple[str, str], list[dict[str, tuple[int, int]]]] = {}
    for passage in passages:
        for x in passage.article_ids:
            for y in passage.article_ids:
                if x != y:
                    found.setdefault((x, y), []).append(passage.spans)
    return found


def _difflib_spans(a: str, b: str, min_words: int) -> dict[str, list[tuple[int, int]]]:
    """Baseline: SequenceMatcher's matching blocks of at least ``min_words`` words, as characters."""
    words_a, words_b = word_spans(a), word_spans(b)
    ids_a = [a[s:e].lower() for s, e in words_a]
    ids_b = [b[s:e].lower() for s, e in words_b]
    blocks = SequenceMatcher(None, ids_a, ids_b, autojunk=False).get_matching_blocks()
    long = [blk for blk in blocks if blk.size >= min_words]
    return {
        "a": [(words_a[blk.a][0], words_a[blk.a + blk.size - 1][1]) for blk in long],
        "b": [(words_b[blk.b][0], words_b[blk.b + blk.size - 1][1]) for blk in long],
    }


def _baseline(articles: Sequence[Article], plants: Sequence[Plant], min_words: int) -> dict[str, float]:
    by_id = {a.id: a for a in articles}
    found: dict[tuple[str, str], list[dict[str, tuple[int, int]]]] = {}
    for p in plants:
        spans = _difflib_spans(by_id[p.source].text, by_id[p.host].text, min_words)
        found[p.source, p.host] = [{p.source: s, p.host: h} for s, h in zip(spans["a"], spans["b"], strict=True)]
    return _score(found, plants)


def _really_shared(passage: Passage, by_id: dict[str, Article], x: str, y: str) -> bool:
    """True when the text a passage marks in x and y is largely the same words (difflib)."""
    a, b = (by_id[i].text[slice(*passage.spans[i])].lower() for i in (x, y))
    words_a, words_b = WORD.findall(a), WORD.findall(b)
    same = sum(blk.size for blk in SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks())
    return same >= _REAL_SHARE * max(len(words_a), len(words_b))


def _unplanted(passages: Sequence[Passage], articles: Sequence[Article], plants: Sequence[Plant]) -> dict[str, int]:
    """Article pairs reported as sharing text that were not planted together, and how many really do."""
    planted = {frozenset((p.source, p.host)) for p in plants}
    by_id = {a.id: a for a in articles}
    pairs = confirmed = 0
    for passage in passages:
        ids = passage.article_ids
        for i, x in enumerate(ids):
            for y in ids[i + 1 :]:
                if frozenset((x, y)) in planted or by_id[x].outlet == by_id[y].outlet:
                    continue
                pairs += 1
                confirmed += _really_shared(passage, by_id, x, y)
    return {"pairs": pairs, "really_shared": confirmed, "spurious": pairs - confirmed}


def _sample(dataset: Path, pairs: int, distractors: int, seed: int) -> tuple[list[dict[str, Any]], ...]:
    """Deterministic (source, host) pairs from different outlets, and untouched distractors."""
    records = [r for r in read_jsonl(dataset) if len(r.get("text") or "") >= 1000]
    rng = random.Random(seed)
    rng.shuffle(records)
    sources, hosts = [], []
    rest = records[2 * pairs :]
    for i in range(pairs):
        source, host = records[2 * i], records[2 * i + 1]
        if source["outlet"] == host["outlet"]:  # swap in the next distractor of another outlet
            host = next(r for r in rest if r["outlet"] != source["outlet"])
            rest.remove(host)
        sources.append(source)
        hosts.append(host)
    return sources, hosts, rest[:distractors]


def evaluate(
    dataset: Path | None = None, *, pairs: int = 300, distractors: int = 1000, seed: int = 5
) -> dict[str, Any]:
    """Plant, detect and score; Parallax and the difflib baseline side by side.

    Args:
        dataset: JSON Lines of real articles (default: the ABP 10k sample in the dev data).
        pairs: planted (source, host) pairs per mode.
        distractors: untouched articles mixed in, to catch spurious passages.
        seed: makes the sample and the edits repeatable.
    """
    dataset = dataset or DEFAULT_DATASET
    sources, hosts, others = _sample(dataset, pairs, distractors, seed)
    result: dict[str, Any] = {"dataset": str(dataset), "pairs": pairs, "distractors": len(others), "modes": {}}
    min_words = settings.MIN_PASSAGE_WORDS
    for offset, mode in enumerate(MODES):
        articles, plants = plant(sources, hosts, edited=mode == "edited", seed=seed + offset)
        articles += [_article(r) for r in others]
        started = time.perf_counter()
        passages = find_passages(articles, min_words=min_words)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        baseline = _baseline(articles, plants, min_words)
        baseline_seconds = time.perf_counter() - started
        result["modes"][mode] = {
            "parallax": {**_score(_by_pair(passages), plants), "seconds": round(seconds, 2)},
            "difflib": {**baseline, "seconds": round(baseline_seconds, 2), "note": "given the planted pairs"},
            "unplanted": _unplanted(passages, articles, plants),
        }
    return result


def render(result: dict[str, Any]) -> str:
    """A small table for people."""
    lines = [
        f"shared passages: {counted(result['pairs'], 'planted pair')} per mode, "
        f"{counted(result['distractors'], 'untouched article')}",
        f"dataset: {result['dataset']}",
        f"{'mode':<10} {'method':<9} {'precision':>9} {'recall':>7} {'F1':>6} {'seconds':>8}",
    ]
    for mode, scores in result["modes"].items():
        for method in ("parallax", "difflib"):
            s = scores[method]
            figures = f"{s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} {s['seconds']:>8.2f}"
            lines.append(f"{mode:<10} {method:<9} {figures}")
        u = scores["unplanted"]
        lines.append(
            f"{'':<10} unplanted article pairs reported: {u['pairs']} "
            f"({u['really_shared']} {'really shares' if u['really_shared'] == 1 else 'really share'} that text, "
            f"{u['spurious']} spurious)"
        )
    lines.append("difflib is given each planted pair; Parallax searches the whole mixed corpus.")
    return "\n".join(lines)
