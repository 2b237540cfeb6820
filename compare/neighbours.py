"""Grouping's candidate search: which pairs of articles are compared at all.

Only pairs that could link into one story are kept: each article's best neighbours above
a similarity floor. Up to ``EXACT_LIMIT`` articles every article is compared with every
other. Above it, news events being local in time, a dated article is compared only with
the articles dated within about ``GROUPING_WINDOW_DAYS`` of it (its time window and the two
beside it, so any two articles fewer than that many days apart meet in some block), and an
undated article with every article; where such a set of members is still large (a busy
news period, or the whole corpus for the undated), it is cut into k-means cells trained on
a sample, and each article searches only its nearest cells. No n x n matrix is built, the
cost grows with the corpus, not its square, and the search is cut into ``NeighbourBlock``
tasks that run on a cluster's workers while a build runs on one (``parallel.map_blocks``),
in this process otherwise: the same blocks, in the same order, so the same pairs either way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from compare import settings
from compare.progress import Advance, no_advance

#: Neighbours kept per article: enough to connect a story, few enough to keep the graph small.
NEIGHBOURS = 24
#: Rows of the similarity matrix computed at once (bounds memory at rows x candidates floats).
QUERY_ROWS = 1024
#: Articles per inverted-file cell, and nearest cells searched per article; below their product the search is exact.
CELL_SIZE = 1000
CELLS_PROBED = 10
#: Rows per cell that train the cells' k-means (a sample: training on every row made it quadratic in the corpus).
TRAIN_ROWS_PER_CELL = 64


def exact_limit() -> int:
    """Largest number of members searched whole (every query against every member)."""
    return CELL_SIZE * CELLS_PROBED


@dataclass(frozen=True)
class NeighbourBlock:
    """Up to ``QUERY_ROWS`` articles (``queries``) searched among ``members`` (rows, sorted), with the
    floor and neighbour count the client chose (a worker's module constants may differ)."""

    members: np.ndarray
    queries: np.ndarray
    floor: float
    neighbours: int


def candidate_pairs(
    vectors: np.ndarray, floor: float, days: np.ndarray | None = None, advance: Advance = no_advance
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) among each article's nearest neighbours with cosine >= ``floor``, each once.

    ``days`` (publication day per row, NaN when unknown) lets a large corpus be searched by time
    window; without it, or in a corpus of at most ``exact_limit()`` articles, dates are not used.
    ``advance`` hears (blocks searched, blocks).
    """
    from compare.parallel import map_blocks

    found = map_blocks("group-neighbours", block_pairs, neighbour_blocks(vectors, floor, days), vectors, advance)
    i = np.concatenate([f[0] for f in found]) if found else np.zeros(0, dtype=np.int64)
    j = np.concatenate([f[1] for f in found]) if found else np.zeros(0, dtype=np.int64)
    s = np.concatenate([f[2] for f in found]) if found else np.zeros(0, dtype=np.float32)
    low, high = np.minimum(i, j), np.maximum(i, j)
    _, first = np.unique(low.astype(np.int64) * len(vectors) + high, return_index=True)
    return low[first], high[first], s[first]


def neighbour_blocks(vectors: np.ndarray, floor: float, days: np.ndarray | None = None) -> list[NeighbourBlock]:
    """The whole search as blocks, in a fixed order: time windows first (oldest first), then the undated."""
    everyone = np.arange(len(vectors))
    if days is None or len(vectors) <= exact_limit() or np.isnan(days).all():
        return searched_among(vectors, everyone, everyone, floor)
    dated = np.flatnonzero(~np.isnan(days))
    window = np.floor(days[dated] / settings.GROUPING_WINDOW_DAYS).astype(np.int64)
    blocks = []
    for w in np.unique(window):
        queries = dated[window == w]
        members = dated[np.abs(window - w) <= 1]  # ascending: ``dated`` is, and the mask keeps its order
        blocks.extend(searched_among(vectors, members, queries, floor))
    undated = np.flatnonzero(np.isnan(days))
    if len(undated):  # no date to narrow the search: compared with everyone
        blocks.extend(searched_among(vectors, everyone, undated, floor))
    return blocks


def searched_among(vectors: np.ndarray, members: np.ndarray, queries: np.ndarray, floor: float) -> list[NeighbourBlock]:
    """Blocks that search ``queries`` among ``members`` (both ascending rows): all of them when the
    members are few, else each query among the members of its ``CELLS_PROBED`` nearest cells."""
    if len(members) <= exact_limit():
        return [
            NeighbourBlock(members, queries[start : start + QUERY_ROWS], floor, NEIGHBOURS)
            for start in range(0, len(queries), QUERY_ROWS)
        ]
    cells = [members[cell] for cell in cells_of(vectors[members])]
    centroids = np.stack([vectors[cell].mean(axis=0) for cell in cells])
    probed = min(CELLS_PROBED, len(cells))
    nearest = np.argpartition(-(vectors[queries] @ centroids.T), probed - 1, axis=1)[:, :probed]
    blocks = []
    for c, cell in enumerate(cells):
        askers = queries[np.flatnonzero((nearest == c).any(axis=1))]
        for start in range(0, len(askers), QUERY_ROWS):
            blocks.append(NeighbourBlock(cell, askers[start : start + QUERY_ROWS], floor, NEIGHBOURS))
    return blocks


def cells_of(vectors: np.ndarray) -> list[np.ndarray]:
    """Rows of ``vectors`` in inverted-file cells of about ``CELL_SIZE``: k-means trained on evenly
    spaced rows (at most ``TRAIN_ROWS_PER_CELL`` per cell), every row then put in its nearest cell."""
    from sklearn.cluster import KMeans

    n = len(vectors)
    n_cells = math.ceil(n / CELL_SIZE)
    seeds = vectors[np.linspace(0, n - 1, n_cells).astype(int)]  # evenly spaced rows: k-means++ is too slow here
    sample = vectors[np.linspace(0, n - 1, min(n, TRAIN_ROWS_PER_CELL * n_cells)).astype(int)]
    model = KMeans(n_clusters=n_cells, init=seeds, n_init=1, max_iter=25).fit(sample)
    labels = np.concatenate([model.predict(vectors[s : s + 65_536]) for s in range(0, n, 65_536)])
    return [np.flatnonzero(labels == c) for c in range(n_cells) if np.any(labels == c)]


def block_pairs(vectors: np.ndarray, block: NeighbourBlock) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(query row, member row, cosine) of each query's best neighbours among the block's members."""
    members, queries = block.members, block.queries
    sims = vectors[queries] @ vectors[members].T
    at = np.minimum(np.searchsorted(members, queries), len(members) - 1)
    itself = members[at] == queries
    sims[np.flatnonzero(itself), at[itself]] = -np.inf  # an article is not its own neighbour
    rows, cols = top_neighbours(sims, block.floor, block.neighbours)
    return queries[rows], members[cols], sims[rows, cols]


def top_neighbours(sims: np.ndarray, floor: float, neighbours: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of at most ``neighbours`` best entries >= ``floor`` per row."""
    above = sims >= floor
    crowded = np.flatnonzero(above.sum(axis=1) > neighbours)
    if len(crowded):
        keep = np.argpartition(-sims[crowded], neighbours - 1, axis=1)[:, :neighbours]
        above[crowded] = False
        above[crowded[:, None], keep] = True
    rows, cols = np.nonzero(above)
    return rows, cols
