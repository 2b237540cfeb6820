"""The alignment engine under shared passages: words, shingles, edits, and copies of many documents."""

from __future__ import annotations

import random

import numpy as np
import pytest

from compare import align
from compare.align import (
    WORD,
    Match,
    _runs,
    _shingles,
    find_matches,
    group_matches,
    hash_ranges,
    range_seeds,
    split_words,
    tokenize,
    word_spans,
)

STORY_TEXT = (
    "Rescue teams worked through the night to reach villagers trapped by the landslide, which buried a school "
    "and dozens of homes after a week of heavy rain. Officials said at least forty people were missing and "
    "warned that more rain was forecast for the weekend, which could hamper the search."
)
STORY = STORY_TEXT.split()
FILLER_WORDS = ("amber", "basil", "cedar", "delta", "ember", "fjord", "gully", "heron", "inlet", "juniper")


def _filler(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(FILLER_WORDS) + str(rng.randrange(1000)) for _ in range(n)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "...",
        "one",
        "Don’t stop — it's “quoted”, OK?",
        "Ünïcode wörds and_underscores 2,000 times",
        "a\nb\n\nc",
        "_",
        "__x__ a_b_c 12_3 ß_ü_",
        "\t_\n",
    ],
)
def test_passages_word_spans_line_up_with_tokens(text: str) -> None:
    spans = word_spans(text)
    assert [text[s:e] for s, e in spans.tolist()] == WORD.findall(text)
    assert split_words(text) == WORD.findall(text)
    assert len(tokenize([text]).ids) == len(spans)


def test_passages_tokenize_folds_case_and_ignores_punctuation() -> None:
    tokens = tokenize(["The “Senate” voted.", 'the "senate" VOTED'])
    assert tokens.doc(0).tolist() == tokens.doc(1).tolist()


@pytest.mark.parametrize(
    ("edit", "position"),
    [
        ("replace", 20),
        ("drop", 20),
        ("add", 20),
        ("replace", 3),  # near the start: the end is extended through the edit
        ("replace", len(STORY) - 4),  # near the end
    ],
)
def test_passages_match_extends_through_a_single_edit(edit: str, position: int) -> None:
    copy = list(STORY)
    if edit == "replace":
        copy[position] = "zzz"
    elif edit == "drop":
        del copy[position]
    else:
        copy.insert(position, "zzz")
    a = " ".join(_filler(1, 30) + STORY + _filler(2, 30))
    b = " ".join(_filler(3, 25) + copy + _filler(4, 25))
    (match,) = find_matches(tokenize([a, b]), min_words=12)
    assert (match.start_a, match.end_a) == (30, 30 + len(STORY))
    assert (match.start_b, match.end_b) == (25, 25 + len(copy))
    assert match.identical == len(STORY) - (edit != "add")


def test_passages_no_match_between_unrelated_texts() -> None:
    assert find_matches(tokenize([" ".join(_filler(5, 300)), " ".join(_filler(6, 300))]), min_words=12) == []


def test_passages_separate_shared_runs_stay_separate() -> None:
    """Two shared paragraphs far apart in both texts are two matches, not one spanning the gap."""
    first, second = STORY[:20], STORY[20:]
    a = " ".join(first + _filler(7, 40) + second)
    b = " ".join(second + _filler(8, 40) + first)
    matches = sorted(find_matches(tokenize([a, b]), min_words=12), key=lambda m: m.start_a)
    assert [(m.start_a, m.end_a) for m in matches] == [(0, 20), (60, 60 + len(second))]


def test_passages_common_shingles_are_ignored_as_boilerplate() -> None:
    """Text in more documents than ``max_docs`` gives no seeds."""
    texts = [" ".join(_filler(10 + i, 20) + STORY) for i in range(6)]
    assert find_matches(tokenize(texts), min_words=12, max_docs=5) == []
    assert len(find_matches(tokenize(texts), min_words=12, max_docs=6)) >= 5


def test_passages_group_cuts_copies_where_carriers_change() -> None:
    """Doc 0 carries words 0-100, doc 1 carries 0-100, doc 2 only 0-50 of the same text."""
    matches = [Match(0, 0, 100, 1, 10, 110, 100), Match(0, 0, 50, 2, 5, 55, 50), Match(1, 10, 60, 2, 5, 55, 50)]
    copies = sorted(group_matches(matches, min_words=12), key=lambda c: len(c.ranges))
    assert [c.ranges for c in copies] == [{0: (50, 100), 1: (60, 110)}, {0: (0, 50), 1: (10, 60), 2: (5, 55)}]


def test_passages_group_keeps_one_stretch_per_document() -> None:
    """Doc 1 holds doc 0's paragraph twice, far apart: no range may cover the text between."""
    matches = [Match(0, 0, 30, 1, 0, 30, 30), Match(0, 0, 30, 1, 200, 230, 29)]
    ranges = [c.ranges for c in group_matches(matches, min_words=12)]
    assert {0: (0, 30), 1: (0, 30)} in ranges
    assert all(r[1][1] - r[1][0] <= 30 for r in ranges)


@pytest.mark.parametrize("parts", [2, 3, 16])
def test_passages_seeds_of_hash_ranges_give_the_same_runs(parts: int) -> None:
    shared = " ".join(STORY)
    texts = [f"{' '.join(_filler(k, 30))} {shared} {' '.join(_filler(k + 9, 20))}" for k in range(6)]
    texts += [" ".join(_filler(40 + k, 80)) for k in range(4)]
    tokens = tokenize(texts)
    shingles = _shingles(tokens, 5)
    ranges = hash_ranges(*shingles, parts)
    assert sum(len(r[0]) for r in ranges) == len(shingles[0])
    owners = [set(r[0].tolist()) for r in ranges]
    assert all(not (a & b) for k, a in enumerate(owners) for b in owners[k + 1 :]), "a hash lives in one range"
    whole = _runs(*range_seeds(50, shingles), 5, len(texts))
    seeds = [range_seeds(50, r) for r in ranges]
    parted = _runs(*(np.concatenate([s[k] for s in seeds]) for k in range(4)), 5, len(texts))
    assert len(whole) > 0 and np.array_equal(whole, parted)


@pytest.mark.parametrize(("slice_docs", "range_shingles"), [(1, 10**9), (3, 200), (4, 37)])
def test_passages_seeds_shuffled_from_slices_are_the_whole_corpus_seeds(
    monkeypatch: pytest.MonkeyPatch, slice_docs: int, range_shingles: int
) -> None:
    """Shingling slices of documents and shuffling their pieces by hash range finds the seeds of one pass."""
    shared = " ".join(STORY)
    texts = [f"{' '.join(_filler(k, 30))} {shared} {' '.join(_filler(k + 9, 20))}" for k in range(6)]
    texts += [" ".join(_filler(40 + k, 80)) for k in range(4)]
    tokens = tokenize(texts)
    whole = _runs(*range_seeds(50, _shingles(tokens, 5)), 5, len(texts))
    monkeypatch.setattr(align, "_SLICE_DOCS", slice_docs)
    monkeypatch.setattr(align, "_RANGE_SHINGLES", range_shingles)
    shuffled = _runs(*align._seeds(tokens, 5, 50), 5, len(texts))
    assert len(whole) > 0 and np.array_equal(whole, shuffled)


def test_passages_alignment_blocks_do_not_change_the_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"{' '.join(_filler(k, 25))} {STORY_TEXT} {' '.join(_filler(k + 50, 25))}" for k in range(5)]
    whole = find_matches(tokenize(texts), min_words=10)
    monkeypatch.setattr(align, "_ALIGN_PAIRS", 3)  # ten pairs in four blocks
    assert find_matches(tokenize(texts), min_words=10) == whole and len(whole) == 10
