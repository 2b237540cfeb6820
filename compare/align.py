"""Find word runs that two documents share, across a whole corpus at once.

This is the engine behind shared-passage detection; it knows nothing about outlets or
quotes. Documents become arrays of word ids (case and punctuation ignored, so curly and
straight quotes match). Every run of ``shingle`` words is hashed; an inverted index of
the hashes (sorted in numpy, very common shingles dropped) yields the seed matches of
each document pair. Seeds on one diagonal form exact runs, runs a few words apart are
chained through small edits, and the ends are extended word by word. Only the chaining
and the extension are Python loops, and they only see document pairs that share enough
words. Finally, pairwise matches of the same text in several documents are grouped
into copies (``group_matches``).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from compare import settings
from compare.progress import Advance, no_advance, stage_steps

#: A word is a run of letters or digits; everything else (punctuation, quote marks of
#: any shape, apostrophes, hyphens) separates words and is ignored when matching.
WORD = re.compile(r"[^\W_]+")
#: ``WORD`` on a text whose underscores are spaces: the same words at the same offsets, found about
#: 1.6 times faster (the negated class costs the regex engine more than ``\w`` does).
_PLAIN_WORD = re.compile(r"\w+")


def split_words(text: str) -> list[str]:
    """The words ``WORD`` finds in ``text``, in order (the tokenizer's hot loop over a whole corpus)."""
    return _PLAIN_WORD.findall(text.replace("_", " "))


# Multiplier of the polynomial shingle hash (wraps around in uint64 on purpose).
_HASH_BASE = np.uint64(0x100000001B3)
# Groups of at most this many entries are paired all against all; larger groups (copy
# carried by many documents) are paired against their first document only, so the work
# stays linear in the number of documents carrying a shingle.
_ALL_PAIRS_MAX = 12
# Words that must agree after an edit before an end is extended past the edit; fewer
# lets chance agreements ("of the") stretch a passage into unshared text.
_CONFIRM_WORDS = 3
# Words read at a time when extending a match word by word.
_WINDOW = 48
# Where the documents carrying a copy begin or end within this many words of each
# other, the copy is cut once: their ends differ by edits, not by content.
_SNAP_WORDS = 3
#: The nominal amount of work ``find_matches`` reports its progress in.
_WORK = 1000


@dataclass(frozen=True)
class Tokens:
    """Word ids of a corpus: document ``d`` is ``ids[starts[d]:starts[d] + lengths[d]]``."""

    ids: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray

    def doc(self, d: int) -> np.ndarray:
        return self.ids[self.starts[d] : self.starts[d] + self.lengths[d]]


@dataclass(frozen=True)
class Match:
    """Words ``[start_a, end_a)`` of document ``doc_a`` aligned with ``[start_b, end_b)`` of ``doc_b``.

    ``identical`` counts the aligned words that are the same in both (the rest are edits).
    """

    doc_a: int
    start_a: int
    end_a: int
    doc_b: int
    start_b: int
    end_b: int
    identical: int

    def sides(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """(document, start, end) of each side."""
        return (self.doc_a, self.start_a, self.end_a), (self.doc_b, self.start_b, self.end_b)

    @property
    def verbatim(self) -> float:
        """Share of the longer side's words that are identical in the other."""
        return self.identical / max(self.end_a - self.start_a, self.end_b - self.start_b)


def word_spans(text: str) -> np.ndarray:
    """Character (start, end) of each word of ``text`` as rows, in the order ``tokenize`` numbers them."""
    plain = text.replace("_", " ")
    found, gaps = _PLAIN_WORD.findall(plain), _PLAIN_WORD.split(plain)  # gaps: the text around and between words
    lengths = np.empty(2 * len(found) + 1, dtype=np.int64)
    lengths[0::2] = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    lengths[1::2] = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    bounds = np.cumsum(lengths)  # bounds[2k] is where word k starts, bounds[2k + 1] where it ends
    return np.stack([bounds[0:-1:2], bounds[1::2]], axis=1)


def tokenize(texts: Sequence[str]) -> Tokens:
    """Word ids of every text; words equal up to case get one id."""
    vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    per_doc = [np.fromiter(map(vocabulary.__getitem__, split_words(text)), dtype=np.int32) for text in texts]
    # Case is folded on the (small) vocabulary instead of on every word, and words are
    # found in the original text so that ``word_spans`` offsets line up exactly.
    folded: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    canonical = np.fromiter((folded[word.lower()] for word in vocabulary), dtype=np.int32, count=len(vocabulary))
    lengths = np.fromiter((len(d) for d in per_doc), dtype=np.int64, count=len(per_doc))
    starts = np.zeros(len(per_doc), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    ids = canonical[np.concatenate(per_doc)] if per_doc and lengths.sum() else np.zeros(0, dtype=np.int32)
    return Tokens(ids, starts, lengths)


def _shingles(tokens: Tokens, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, document, word position) of every run of ``size`` words inside one document."""
    n = len(tokens.ids) - size + 1
    if n <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty.astype(np.uint64), empty, empty
    words = tokens.ids.astype(np.uint64)
    hashes = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            hashes = hashes * _HASH_BASE + words[offset : offset + n]
    doc = np.repeat(np.arange(len(tokens.lengths)), tokens.lengths)[:n]
    position = np.arange(n) - tokens.starts[doc]
    inside = position + size <= tokens.lengths[doc]
    return hashes[inside], doc[inside], position[inside]


#: Documents one task shingles, and shingles one hash range holds at most (the sort of a range is a worker's
#: largest piece of memory in this stage: a million articles' 200 million shingles need about 20 ranges).
_SLICE_DOCS = 20_000
_RANGE_SHINGLES = 10_000_000


def _seeds(
    tokens: Tokens, size: int, max_docs: int, advance: Advance = no_advance
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Seed matches (doc_a, pos_a, doc_b, pos_b), doc_a < doc_b, from shingles shared by 2..max_docs documents.

    Shuffled by hash value, as passim does on Spark: each slice of documents is shingled and its
    shingles cut into ranges of hash value (``slice_ranges``); each range gathers its pieces from
    every slice and finds its seeds alone (``seeds_of_range``), since every occurrence of a shingle
    falls in one range. On a cluster's workers while the build runs on one, the shingles never pass
    through the client. The seeds' order differs with the ranges' number, their set does not, and
    ``_runs`` sorts them fully.
    """
    from compare.parallel import block_count, map_shuffle

    n_docs = len(tokens.lengths)
    parts = min(256, max(block_count(), math.ceil(len(tokens.ids) / _RANGE_SHINGLES)))  # ranges by top byte
    slices = [token_slice(tokens, start, min(start + _SLICE_DOCS, n_docs)) for start in range(0, n_docs, _SLICE_DOCS)]
    found = map_shuffle("passages-seeds", slice_ranges, slices, (size, parts), parts, seeds_of_range, max_docs, advance)
    found = [f for f in found if len(f[0])]
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    doc_a, pos_a, doc_b, pos_b = (np.concatenate([f[k] for f in found]) for k in range(4))
    return doc_a, pos_a, doc_b, pos_b


Shingles = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass(frozen=True)
class TokenSlice:
    """Documents ``first`` .. ``first + len(tokens.lengths) - 1`` of a corpus, as their own ``Tokens``."""

    first: int
    tokens: Tokens


def token_slice(tokens: Tokens, start: int, stop: int) -> TokenSlice:
    begin = int(tokens.starts[start]) if start < len(tokens.starts) else len(tokens.ids)
    end = int(tokens.starts[stop - 1] + tokens.lengths[stop - 1]) if stop > start else begin
    return TokenSlice(
        start, Tokens(tokens.ids[begin:end], tokens.starts[start:stop] - begin, tokens.lengths[start:stop])
    )


def slice_ranges(setup: tuple[int, int], part: TokenSlice) -> list[Shingles]:
    """The slice's shingles (documents numbered in the whole corpus) cut into ``parts`` hash ranges."""
    size, parts = setup
    hashes, doc, position = _shingles(part.tokens, size)
    return hash_ranges(hashes, doc + part.first, position, parts)


def seeds_of_range(max_docs: int, pieces: list[Shingles]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``range_seeds`` of one hash range, its pieces (one per slice, in order) joined."""
    joined = [np.concatenate([piece[k] for piece in pieces]) for k in range(3)] if pieces else []
    return range_seeds(max_docs, (joined[0], joined[1], joined[2])) if joined else range_seeds(max_docs, _NO_SHINGLES)


_NO_SHINGLES: Shingles = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


def hash_ranges(hashes: np.ndarray, doc: np.ndarray, position: np.ndarray, parts: int) -> list[Shingles]:
    """Shingles (hash, document, position) cut into ``parts`` ranges of hash value, lowest first."""
    if parts <= 1:
        return [(hashes, doc, position)]
    owner = (hashes >> np.uint64(56)).astype(np.int64) * parts >> 8  # the top byte, spread over the parts
    order = np.argsort(owner, kind="stable")
    bounds = np.searchsorted(owner[order], np.arange(1, parts))
    return [(hashes[rows], doc[rows], position[rows]) for rows in np.split(order, bounds)]


def range_seeds(max_docs: int, shingles: Shingles) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``_seeds`` of one range of shingle hashes: pairs of documents sharing a shingle found in at most
    ``max_docs`` documents."""
    hashes, doc, position = shingles
    order = np.argsort(hashes)
    hashes, doc, position = hashes[order], doc[order], position[order]
    repeated = np.zeros(len(hashes), dtype=bool)
    if len(hashes) > 1:
        same = hashes[1:] == hashes[:-1]
        repeated[1:] |= same
        repeated[:-1] |= same
    hashes, doc, position = hashes[repeated], doc[repeated], position[repeated]
    order = np.lexsort((position, doc, hashes))
    hashes, doc, position = hashes[order], doc[order], position[order]
    if not len(hashes):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    new_group = np.r_[True, hashes[1:] != hashes[:-1]]
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.r_[starts, len(hashes)])
    # A shingle found in too many documents is boilerplate, not copy.
    distinct = np.add.reduceat((new_group | np.r_[True, doc[1:] != doc[:-1]]).astype(np.int64), starts)
    starts, sizes = starts[distinct <= max_docs], sizes[distinct <= max_docs]

    first_parts, second_parts = [], []
    for group_size in range(2, min(_ALL_PAIRS_MAX, int(sizes.max(initial=0))) + 1):
        group_starts = starts[sizes == group_size]
        left, right = np.triu_indices(group_size, 1)
        first_parts.append((group_starts[:, None] + left[None, :]).ravel())
        second_parts.append((group_starts[:, None] + right[None, :]).ravel())
    large = sizes > _ALL_PAIRS_MAX
    if large.any():
        big_starts, members = starts[large], sizes[large] - 1
        first_parts.append(np.repeat(big_starts, members))
        offsets = np.arange(members.sum()) - np.repeat(np.cumsum(members) - members, members) + 1
        second_parts.append(np.repeat(big_starts, members) + offsets)
    if not first_parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    first, second = np.concatenate(first_parts), np.concatenate(second_parts)
    cross = doc[first] != doc[second]  # entries are sorted by document, so doc[first] < doc[second]
    first, second = first[cross], second[cross]
    return doc[first], position[first], doc[second], position[second]


def _runs(
    doc_a: np.ndarray, pos_a: np.ndarray, doc_b: np.ndarray, pos_b: np.ndarray, size: int, n_docs: int
) -> np.ndarray:
    """Exact runs as rows (pair key, start_a, end_a, start_b, end_b): seeds on one diagonal, no word missed."""
    if not len(doc_a):
        return np.zeros((0, 5), dtype=np.int64)
    key = doc_a.astype(np.int64) * n_docs + doc_b
    diagonal = pos_b - pos_a
    order = np.lexsort((pos_a, diagonal, key))
    key, diagonal, pos_a = key[order], diagonal[order], pos_a[order]
    # Seeds up to ``size`` apart on one diagonal overlap or touch, so every word between matched.
    breaks = np.r_[True, (key[1:] != key[:-1]) | (diagonal[1:] != diagonal[:-1]) | (np.diff(pos_a) > size)]
    first = np.flatnonzero(breaks)
    last = np.r_[first[1:], len(key)] - 1
    start_a, end_a, shift = pos_a[first], pos_a[last] + size, diagonal[first]
    return np.stack([key[first], start_a, end_a, start_a + shift, end_a + shift], axis=1).astype(np.int64)


def _extend(a: np.ndarray, b: np.ndarray, i: int, j: int, step: int) -> tuple[int, int, int]:
    """Walk from a[i], b[j] in direction ``step`` through equal words and single edits.

    Returns the new (i, j) just past the last equal word and how many equal words were
    added. An edit (one word changed, dropped or added) is crossed only when the next
    ``_CONFIRM_WORDS`` words agree again. The walk reads short windows as Python lists,
    because most walks stop within a few words and numpy scalars are slow one by one.
    """
    gained = 0
    while True:
        window_a, ends_a = _window(a, i, step)
        window_b, ends_b = _window(b, j, step)
        x, y, equal, stopped = _walk(window_a, window_b, ends_a, ends_b)
        i, j, gained = i + step * x, j + step * y, gained + equal
        if stopped:
            return i, j, gained


def _window(words: np.ndarray, i: int, step: int) -> tuple[list[int], bool]:
    """Up to ``_WINDOW`` words from position i in direction ``step``, and whether the text ends there."""
    if step > 0:
        return words[i : i + _WINDOW].tolist(), i + _WINDOW >= len(words)
    return words[max(0, i - _WINDOW + 1) : i + 1][::-1].tolist(), i - _WINDOW + 1 <= 0


def _walk(a: list[int], b: list[int], ends_a: bool, ends_b: bool) -> tuple[int, int, int, bool]:
    """The walk of ``_extend`` on two windows: (steps in a, steps in b, equal words, stopped).

    ``stopped`` is False when a window (not the text) ran out, so the caller reads on.
    """
    x = y = equal = 0
    margin = _CONFIRM_WORDS + 1
    while True:
        if (not ends_a and x + margin >= len(a)) or (not ends_b and y + margin >= len(b)):
            return x, y, equal, False
        if x < len(a) and y < len(b) and a[x] == b[y]:
            x, y, equal = x + 1, y + 1, equal + 1
            continue
        for skip_a, skip_b in ((1, 1), (1, 0), (0, 1)):
            u, v = x + skip_a, y + skip_b
            if (
                u + _CONFIRM_WORDS <= len(a)
                and v + _CONFIRM_WORDS <= len(b)
                and a[u : u + _CONFIRM_WORDS] == b[v : v + _CONFIRM_WORDS]
            ):
                x, y = u, v
                break
        else:
            return x, y, equal, True


def _gap_identical(a: np.ndarray, b: np.ndarray) -> int:
    """Equal words inside a short gap between two runs (an edit with untouched words around it)."""
    if len(a) == 0 or len(b) == 0:
        return 0
    return sum(
        block.size for block in SequenceMatcher(None, a.tolist(), b.tolist(), autojunk=False).get_matching_blocks()
    )


@dataclass(slots=True)
class _Region:
    """A growing alignment of one document pair, in word positions."""

    start_a: int
    end_a: int
    start_b: int
    end_b: int
    identical: int

    def follows(self, start_a: int, start_b: int, max_gap: int) -> int | None:
        """Words skipped to reach a run starting at (start_a, start_b), or None when it cannot follow."""
        gap_a, gap_b = start_a - self.end_a, start_b - self.end_b
        # Both sides move on by at most ``max_gap`` words; a small overlap is a repeated
        # word, and a large step on one side only is a phrase matched out of place.
        if max(gap_a, gap_b) > max_gap or min(gap_a, gap_b) < -max_gap or abs(gap_a - gap_b) > max_gap:
            return None
        return max(gap_a, gap_b)

    def absorb(self, start_a: int, end_a: int, start_b: int, end_b: int, a: np.ndarray, b: np.ndarray) -> None:
        """Add a following exact run, counting the equal words left inside the gap."""
        overlap = max(self.end_a - start_a, self.end_b - start_b, 0)
        gap_words = _gap_identical(a[self.end_a : start_a], b[self.end_b : start_b]) if not overlap else 0
        self.identical += end_a - start_a - overlap + gap_words
        self.end_a, self.end_b = max(self.end_a, end_a), max(self.end_b, end_b)


def _chain(runs: np.ndarray, a: np.ndarray, b: np.ndarray, max_gap: int) -> list[_Region]:
    """Chain one pair's exact runs (sorted by start_a) into regions that bridge small edits.

    A run joins the open region it follows most closely (at most ``max_gap`` words
    skipped on either side); a run lying inside a region is a repeated phrase off the
    diagonal and adds nothing.
    """
    regions: list[_Region] = []
    open_regions: list[_Region] = []
    for _key, start_a, end_a, start_b, end_b in runs.tolist():
        open_regions = [r for r in open_regions if start_a - r.end_a <= max_gap]
        if any(end_a <= r.end_a and end_b <= r.end_b and start_a >= r.start_a for r in open_regions):
            continue
        gaps = [
            (gap, i) for i, r in enumerate(open_regions) if (gap := r.follows(start_a, start_b, max_gap)) is not None
        ]
        if gaps:
            open_regions[min(gaps)[1]].absorb(start_a, end_a, start_b, end_b, a, b)
        else:
            region = _Region(start_a, end_a, start_b, end_b, end_a - start_a)
            regions.append(region)
            open_regions.append(region)
    return regions


def _regions(runs: np.ndarray, a: np.ndarray, b: np.ndarray, max_gap: int) -> list[_Region]:
    """Maximal regions of one document pair: chained runs, ends extended, overlaps merged."""
    extended = []
    for region in _chain(runs, a, b, max_gap):
        start_a, start_b, before = _extend(a, b, region.start_a - 1, region.start_b - 1, -1)
        end_a, end_b, after = _extend(a, b, region.end_a, region.end_b, 1)
        extended.append(_Region(start_a + 1, end_a, start_b + 1, end_b, region.identical + before + after))
    extended.sort(key=lambda r: (r.start_a, r.start_b))
    merged: list[_Region] = []
    for region in extended:
        last = merged[-1] if merged else None
        # Two regions whose extensions met through a stretch of scattered edits are one passage.
        if last and region.start_a < last.end_a and region.start_b < last.end_b:
            overlap = min(last.end_a, region.end_a) - region.start_a
            last.identical += max(region.identical - overlap, 0)
            last.end_a, last.end_b = max(last.end_a, region.end_a), max(last.end_b, region.end_b)
        else:
            merged.append(region)
    return merged


#: One aligned region of a document pair as stored: (start_a, end_a, start_b, end_b, identical words).
Region = tuple[int, int, int, int, int]


@dataclass
class RegionMemo:
    """Each document pair's aligned regions from an earlier alignment, so a rebuild aligns only what changed.

    A pair's regions depend on nothing but its two texts and the exact runs its seeds form
    (and the alignment settings), so a pair whose texts (``doc_keys``, one per document in
    ``tokens`` order, e.g. a digest of the text) and runs are unchanged gets its regions
    from ``known`` instead of being aligned again: the result is the same as aligning it.
    ``used`` collects every pair this alignment saw (with no regions when none reached a
    passage), which is what the next alignment may take.
    """

    doc_keys: Sequence[bytes]
    known: Mapping[bytes, tuple[Region, ...]] = field(default_factory=dict)
    used: dict[bytes, tuple[Region, ...]] = field(default_factory=dict)
    reused: int = 0

    def key(self, doc_a: int, doc_b: int, runs: np.ndarray, settings_key: bytes) -> bytes:
        """What decides one pair's regions: both texts, its runs' positions and the alignment settings."""
        pair = hashlib.blake2b(self.doc_keys[doc_a], digest_size=16)
        pair.update(self.doc_keys[doc_b])
        pair.update(settings_key)
        pair.update(np.ascontiguousarray(runs[:, 1:], dtype=np.int64).tobytes())
        return pair.digest()


def find_matches(
    tokens: Tokens,
    *,
    min_words: int = settings.MIN_PASSAGE_WORDS,
    shingle: int = settings.PASSAGE_SHINGLE_WORDS,
    max_gap: int = settings.PASSAGE_MAX_GAP_WORDS,
    max_docs: int | None = None,
    memo: RegionMemo | None = None,
    advance: Advance = no_advance,
) -> list[Match]:
    """Every maximal aligned region of at least ``min_words`` identical words between two documents.

    ``max_docs``: shingles found in more documents than this are boilerplate and give no
    seeds (default: ``settings.COMMON_SHINGLE_MIN_DOCS`` or ``COMMON_SHINGLE_SHARE`` of
    the corpus, whichever is larger). ``memo``: regions of pairs aligned before (see
    ``RegionMemo``); the matches are the same with or without it. ``advance`` hears the work
    done out of a nominal ``_WORK`` (the seeds' shuffle, then the pairs' alignment).
    """
    seeding, aligning = stage_steps(advance, _WORK, (0.5, 0.5))
    n_docs = len(tokens.lengths)
    shingle = max(1, min(shingle, min_words))  # a shingle longer than a passage would hide it
    if max_docs is None:
        max_docs = max(settings.COMMON_SHINGLE_MIN_DOCS, int(settings.COMMON_SHINGLE_SHARE * n_docs))
    runs = _runs(*_seeds(tokens, shingle, max_docs, seeding), shingle, n_docs)
    if not len(runs):
        aligning(1, 1)
        return []
    # Pairs whose exact runs cannot add up to a passage are dropped before the Python loop.
    _keys, inverse = np.unique(runs[:, 0], return_inverse=True)
    shared = np.bincount(inverse, weights=runs[:, 2] - runs[:, 1])
    runs = runs[shared[inverse] >= min_words / 2]
    runs = runs[np.lexsort((runs[:, 1], runs[:, 0]))]
    bounds = np.flatnonzero(np.r_[True, runs[1:, 0] != runs[:-1, 0], True]) if len(runs) else np.zeros(0, int)
    settings_key = f"{min_words}:{max_gap}".encode()
    pairs = [
        (int(runs[lo, 0]) // n_docs, int(runs[lo, 0]) % n_docs, lo, hi)
        for lo, hi in itertools.pairwise(bounds.tolist())
    ]
    keys = [memo.key(a, b, runs[lo:hi], settings_key) if memo is not None else b"" for a, b, lo, hi in pairs]
    todo = [
        (a, b, runs[lo:hi])
        for (a, b, lo, hi), key in zip(pairs, keys, strict=True)
        if memo is None or key not in memo.known
    ]
    aligned = iter(_align(tokens, todo, min_words, max_gap, aligning))
    aligning(1, 1)
    matches: list[Match] = []
    for (doc_a, doc_b, _lo, _hi), key in zip(pairs, keys, strict=True):
        if memo is not None and key in memo.known:
            found = memo.known[key]
            memo.reused += 1
        else:
            found = next(aligned)
        if memo is not None:
            memo.used[key] = found
        matches.extend(Match(doc_a, s_a, e_a, doc_b, s_b, e_b, same) for s_a, e_a, s_b, e_b, same in found)
    return matches


#: Document pairs aligned per block (one task on a cluster's worker).
_ALIGN_PAIRS = 2000


@dataclass(frozen=True)
class AlignBlock:
    """Document pairs to align, each with its exact runs, and the alignment settings."""

    pairs: Sequence[tuple[int, int, np.ndarray]]
    min_words: int
    max_gap: int


def _align(
    tokens: Tokens,
    pairs: Sequence[tuple[int, int, np.ndarray]],
    min_words: int,
    max_gap: int,
    advance: Advance = no_advance,
) -> list[tuple[Region, ...]]:
    """Each pair's regions of at least ``min_words`` identical words, in the pairs' order: blocks of
    ``_ALIGN_PAIRS`` pairs on a cluster's workers while the build runs on one (the word ids scattered
    to them once), in this process otherwise."""
    from compare.parallel import map_blocks

    blocks = [AlignBlock(pairs[k : k + _ALIGN_PAIRS], min_words, max_gap) for k in range(0, len(pairs), _ALIGN_PAIRS)]
    return [found for block in map_blocks("passages-align", align_block, blocks, tokens, advance) for found in block]


def align_block(tokens: Tokens, block: AlignBlock) -> list[tuple[Region, ...]]:
    """The regions of each document pair of ``block`` (see ``_regions``) holding enough identical words."""
    return [
        tuple(
            (r.start_a, r.end_a, r.start_b, r.end_b, r.identical)
            for r in _regions(runs, tokens.doc(doc_a), tokens.doc(doc_b), block.max_gap)
            if r.identical >= block.min_words
        )
        for doc_a, doc_b, runs in block.pairs
    ]


@dataclass(frozen=True)
class Copy:
    """The same text in two or more documents: its word range in each, and how verbatim it is."""

    ranges: dict[int, tuple[int, int]]
    verbatim: float


def components(n: int, edges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes."""
    rows = np.array([e[0] for e in edges], dtype=np.int64)
    cols = np.array([e[1] for e in edges], dtype=np.int64)
    graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def group_matches(matches: Sequence[Match], *, min_words: int = settings.MIN_PASSAGE_WORDS) -> list[Copy]:
    """Merge pairwise matches into copies: text carried by several documents becomes one copy.

    Each match links its two sides; sides in one document that overlap by at least half
    of the shorter are the same stretch of text. A linked group is then cut where the
    set of documents carrying the text changes, so each copy's documents all carry all
    of it (a wire story run whole by two outlets and in part by a third gives two copies).
    """
    sides = [side for m in matches for side in m.sides()]
    edges = [(i, i + 1) for i in range(0, len(sides), 2)] + _same_stretch(sides)
    labels = components(len(sides), edges)
    groups: defaultdict[int, list[Match]] = defaultdict(list)
    for i, m in enumerate(matches):
        groups[int(labels[2 * i])].append(m)
    return [copy for group in groups.values() for part in _contiguous(group) for copy in _segments(part, min_words)]


def _same_stretch(sides: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Index pairs of sides in one document that overlap by at least half of the shorter one.

    One sweep in order of position: each side is compared with the earlier side of its
    document that reaches furthest, which is the one it overlaps most.
    """
    pairs = []
    reach: tuple[int, int, int] | None = None  # (document, end, index) of the side reaching furthest so far
    for i in sorted(range(len(sides)), key=lambda i: sides[i]):
        doc, start, end = sides[i]
        if reach is not None and reach[0] == doc:
            _doc, reach_end, j = reach
            if min(end, reach_end) - start >= 0.5 * min(end - start, reach_end - sides[j][1]):
                pairs.append((i, j))
            if end > reach_end:
                reach = (doc, end, i)
        else:
            reach = (doc, end, i)
    return pairs


def _contiguous(group: list[Match]) -> list[list[Match]]:
    """Split a group in which some document holds the text twice (apart) into contiguous parts.

    Each document keeps its main stretch (the one with most identical words) in the
    group; a match reaching another stretch becomes a group of its own, so no range
    ever covers unshared text lying between two copies.
    """
    stretches: defaultdict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for m in group:
        for doc, start, end in m.sides():
            stretches[doc].append((start, end, m.identical))
    main: dict[int, tuple[int, int]] = {}
    for doc, parts in stretches.items():
        blocks: list[list[int]] = []  # [start, end, identical words]
        for start, end, identical in sorted(parts):
            if blocks and start < blocks[-1][1]:
                blocks[-1][1] = max(blocks[-1][1], end)
                blocks[-1][2] += identical
            else:
                blocks.append([start, end, identical])
        top = max(blocks, key=lambda b: b[2])
        main[doc] = (top[0], top[1])

    def in_main(m: Match) -> bool:
        return all(main[doc][0] <= start and end <= main[doc][1] for doc, start, end in m.sides())

    kept = [m for m in group if in_main(m)]
    return ([kept] if kept else []) + [[m] for m in group if not in_main(m)]


def _scale(x: float, source: tuple[float, float], target: tuple[float, float]) -> float:
    """Map position ``x`` from one range onto another (copies are close to word-for-word)."""
    width = source[1] - source[0]
    return target[0] + (x - source[0]) * (target[1] - target[0]) / width if width else target[0]


def _segments(group: list[Match], min_words: int) -> list[Copy]:
    """Cut one contiguous group into copies whose documents each carry the whole text.

    Every document is placed on the coordinates of a pivot (the document with the
    longest stretch) through the matches, breadth first; the pivot's words are then cut
    wherever a document's stretch begins or ends.
    """
    hull: dict[int, tuple[int, int]] = {}
    for doc, start, end in (side for m in group for side in m.sides()):
        low, high = hull.get(doc, (start, end))
        hull[doc] = (min(low, start), max(high, end))
    verbatim = sum(m.identical for m in group) / sum(max(m.end_a - m.start_a, m.end_b - m.start_b) for m in group)
    if len(hull) == 2:
        return [Copy(hull, round(verbatim, 4))]
    pivot = max(hull, key=lambda d: (hull[d][1] - hull[d][0], -d))
    placed = _place(group, pivot, hull[pivot])
    unreached = [m for m in group if m.doc_a not in placed and m.doc_b not in placed]
    copies = _segments(unreached, min_words) if unreached else []

    points = sorted({p for own, on_pivot in placed.values() for p in on_pivot})
    snapped = {p: p for p in points}
    for before, after in itertools.pairwise(points):
        if after - snapped[before] <= _SNAP_WORDS:
            snapped[after] = snapped[before]
    cover = {d: (snapped[on_pivot[0]], snapped[on_pivot[1]]) for d, (_own, on_pivot) in placed.items()}
    cuts = sorted(set(snapped.values()))
    pieces: list[list[Any]] = []  # [start, end, documents] on the pivot
    for cut, next_cut in itertools.pairwise(cuts):
        docs = frozenset(d for d, (low, high) in cover.items() if low <= cut and next_cut <= high)
        if pieces and pieces[-1][2] == docs:
            pieces[-1][1] = next_cut
        else:
            pieces.append([cut, next_cut, docs])
    _absorb_slivers(pieces, min_words)
    for first, last, docs in pieces:
        if len(docs) < 2:
            continue
        ranges = {}
        for d in sorted(docs):
            own, on_pivot = placed[d]
            low, high = max(first, on_pivot[0]), min(last, on_pivot[1])
            ranges[d] = (round(_scale(low, on_pivot, own)), round(_scale(high, on_pivot, own)))
        copies.append(Copy(ranges, round(verbatim, 4)))
    return copies


def _absorb_slivers(pieces: list[list[Any]], min_words: int) -> None:
    """Resolve pieces shorter than a passage, in place: they come from edits blurring a cut.

    A sliver between two pieces carried by the same documents is an edit inside one
    copy: the three become one. Otherwise it joins its longer neighbour when it is
    carried by all of that neighbour's documents, and is dropped when not (joining
    would credit some documents with words the others do not share).
    """
    while len(pieces) > 1:
        i = min(range(len(pieces)), key=lambda k: pieces[k][1] - pieces[k][0])
        start, end, docs = pieces[i]
        if end - start >= min_words:
            return
        before, after = (pieces[i - 1] if i > 0 else None), (pieces[i + 1] if i + 1 < len(pieces) else None)
        if before and after and before[2] == after[2] and before[1] == start and after[0] == end:
            before[1] = after[1]
            del pieces[i : i + 2]
            continue
        fits = [n for n in (before, after) if n and n[2] <= docs and (n[1] == start or n[0] == end)]
        if fits:
            neighbour = max(fits, key=lambda n: n[1] - n[0])
            neighbour[0], neighbour[1] = min(neighbour[0], start), max(neighbour[1], end)
        del pieces[i]


def _place(
    group: Sequence[Match], pivot: int, pivot_range: tuple[int, int]
) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
    """Each reachable document's (own range, same range on the pivot), breadth first from the pivot."""
    by_doc: defaultdict[int, list[Match]] = defaultdict(list)
    for m in group:
        by_doc[m.doc_a].append(m)
        by_doc[m.doc_b].append(m)
    placed: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {pivot: (pivot_range, pivot_range)}
    queue = [pivot]
    for known in queue:
        own, on_pivot = placed[known]
        for m in by_doc[known]:
            (_d, here_start, here_end), (other, there_start, there_end) = (
                m.sides() if m.doc_a == known else m.sides()[::-1]
            )
            if other in placed:
                continue
            low, high = max(here_start, own[0]), min(here_end, own[1])
            if high <= low:
                continue
            there = (there_start, there_end)
            placed[other] = (
                (round(_scale(low, (here_start, here_end), there)), round(_scale(high, (here_start, here_end), there))),
                (round(_scale(low, own, on_pivot)), round(_scale(high, own, on_pivot))),
            )
            queue.append(other)
    return placed
