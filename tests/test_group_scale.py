"""Candidate search without an n x n matrix, and the named-entity signal."""

from __future__ import annotations

import numpy as np
import pytest

from compare import group, neighbours, settings
from compare.model import Article


def _clustered(n: int, dim: int = 48, seed: int = 0) -> np.ndarray:
    """Unit vectors in small tight groups, so every article has a few close neighbours."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(n // 4, 1), dim))
    rows = centres[rng.integers(len(centres), size=n)] + 0.5 * rng.standard_normal((n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _pairs(i: np.ndarray, j: np.ndarray) -> set[tuple[int, int]]:
    return set(zip(i.tolist(), j.tolist(), strict=True))


def _brute_force(vectors: np.ndarray, floor: float) -> set[tuple[int, int]]:
    sims = vectors @ vectors.T
    i, j = np.nonzero(np.triu(sims >= floor, k=1))
    return _pairs(i, j)


def test_group_candidates_exact_on_small_corpora() -> None:
    vectors = _clustered(600)
    i, j, s = neighbours.candidate_pairs(vectors, 0.6)
    assert np.all(i < j)
    assert np.allclose(s, np.sum(vectors[i] * vectors[j], axis=1), atol=1e-5)
    assert _pairs(i, j) == _brute_force(vectors, 0.6)


def test_group_candidates_inverted_cells_keep_close_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neighbours, "CELL_SIZE", 100)  # force the large-corpus path on 3,000 articles
    monkeypatch.setattr(neighbours, "CELLS_PROBED", 6)
    vectors = _clustered(3000)
    assert len(neighbours.cells_of(vectors)) > neighbours.CELLS_PROBED
    found = _pairs(*neighbours.candidate_pairs(vectors, 0.7)[:2])
    truth = _brute_force(vectors, 0.7)
    assert len(found & truth) / len(truth) >= 0.95
    assert found <= truth


def test_group_candidates_cap_neighbours_per_article() -> None:
    vectors = np.tile(_clustered(1), (200, 1))  # 200 identical articles
    i, j, _ = neighbours.candidate_pairs(vectors, 0.5)
    degree = np.bincount(np.concatenate([i, j]), minlength=200)
    assert degree.min() >= neighbours.NEIGHBOURS
    assert len(i) <= 200 * neighbours.NEIGHBOURS


def test_group_named_entities_key_people_by_surname() -> None:
    found = group.named_entities(
        ["Gen. Mark Milley said the letter from Baghdad was a draft.", "General Milley told reporters in Washington."]
    )
    assert "milley" in found[0] and "milley" in found[1]
    assert "baghdad" in found[0] and "washington" in found[1]


def test_group_entity_overlap() -> None:
    overlap = group.entity_overlap(
        [frozenset({"milley", "iraq"}), frozenset({"milley", "iraq", "esper"}), frozenset({"fifa"}), frozenset()]
    )
    assert np.allclose(overlap, overlap.T)
    assert overlap[0, 1] == pytest.approx(1.0)  # all of the smaller article's names are shared
    assert overlap[0, 2] == overlap[2, 3] == 0.0


def test_group_threshold_follows_sensitivity() -> None:
    thresholds = [group.grouping_threshold(s) for s in (-1.0, 0.0, 0.5, 1.0, 2.0)]
    assert thresholds == sorted(thresholds)
    assert thresholds[0] == thresholds[1] and thresholds[3] == thresholds[4]


def _articles(n: int) -> list[Article]:
    return [Article(f"a{k:03d}", f"Outlet {k % 4}", f"Report {k}", "Text.", f"{k}.txt", "2021-01-01") for k in range(n)]


def _around(centre: np.ndarray, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = centre + 0.05 * rng.standard_normal((count, len(centre)))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_group_oversized_component_is_split_at_its_weak_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(group, "_MAX_COMPONENT", 10)
    a, b = np.eye(32)[0], np.eye(32)[1]
    bridge = (a + b) / np.linalg.norm(a + b)  # cosine ~0.7 to both groups: chains them into one component
    vectors = np.vstack([_around(a, 8, 1), bridge, _around(b, 8, 2)]).astype(np.float32)
    stories = group.group_articles(_articles(17), vectors)
    story_of = {article_id: s.story_id for s in stories for article_id in s.article_ids}
    first = {story_of[f"a{k:03d}"] for k in range(8)}
    second = {story_of[f"a{k:03d}"] for k in range(9, 17)}
    assert len(first) == len(second) == 1  # each tight group whole ...
    assert first != second  # ... and apart: the bridge alone does not merge them


def test_group_mass_of_copies_stays_one_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(group, "_MAX_COMPONENT", 10)
    vectors = np.tile(np.eye(32, dtype=np.float32)[0], (30, 1))
    stories = group.group_articles(_articles(30), vectors)
    assert [len(s.article_ids) for s in stories] == [30]


def test_group_block_pairs_finds_each_querys_best_neighbours_in_its_cell() -> None:
    vectors = _clustered(60)
    members = np.arange(10, 50)
    queries = np.array([0, 12, 30, 49, 55])
    rows, cols, sims = neighbours.block_pairs(vectors, neighbours.NeighbourBlock(members, queries, 0.2, 3))
    assert set(rows.tolist()) <= set(queries.tolist()) and set(cols.tolist()) <= set(members.tolist())
    assert not np.any(rows == cols), "an article is not its own neighbour"
    assert np.allclose(sims, np.sum(vectors[rows] * vectors[cols], axis=1), atol=1e-6)
    assert np.all(sims >= 0.2) and np.bincount(rows).max() <= 3
    for query in queries:  # the best three above the floor, itself left out
        others = members[members != query]
        scores = vectors[others] @ vectors[query]
        best = set(others[np.argsort(-scores)[:3]][np.sort(-scores)[:3] <= -0.2].tolist())
        assert set(cols[rows == query].tolist()) == best


def test_group_candidates_of_many_cells_are_the_blocks_pairs_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neighbours, "CELL_SIZE", 30)
    monkeypatch.setattr(neighbours, "CELLS_PROBED", 3)
    monkeypatch.setattr(neighbours, "QUERY_ROWS", 16)
    vectors = _clustered(600)
    blocks = neighbours.neighbour_blocks(vectors, 0.6)
    assert len({id(b.members) for b in blocks}) > 10 and max(len(b.queries) for b in blocks) == 16
    found = [neighbours.block_pairs(vectors, b) for b in blocks]
    i, j = np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])
    expected = {(min(a, b), max(a, b)) for a, b in zip(i.tolist(), j.tolist(), strict=True)}
    low, high, _ = neighbours.candidate_pairs(vectors, 0.6)
    assert _pairs(low, high) == expected and len(low) == len(expected)
    assert _pairs(low, high) <= _brute_force(vectors, 0.6)


def _windowed(monkeypatch: pytest.MonkeyPatch, n: int = 3000) -> tuple[np.ndarray, np.ndarray]:
    """A corpus past the exact limit, dated over 200 days with one in ten undated."""
    monkeypatch.setattr(neighbours, "CELL_SIZE", 100)
    monkeypatch.setattr(neighbours, "CELLS_PROBED", 6)
    days = np.random.default_rng(1).uniform(0, 200, n)
    days[::10] = np.nan
    return _clustered(n), days


def test_group_candidates_by_time_window_keep_close_pairs_near_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors, days = _windowed(monkeypatch)
    found = _pairs(*neighbours.candidate_pairs(vectors, 0.7, days)[:2])
    gap = np.abs(days[:, None] - days[None, :])
    near = {(a, b) for a, b in _brute_force(vectors, 0.7) if not gap[a, b] >= settings.GROUPING_WINDOW_DAYS}
    assert len(found & near) / len(near) >= 0.95, "pairs within the window, or with an undated side, are found"
    assert found <= _brute_force(vectors, 0.7)
    apart = [gap[a, b] for a, b in found if not np.isnan(gap[a, b])]
    assert max(apart) < 2 * settings.GROUPING_WINDOW_DAYS, "dated articles far apart in time are never compared"
    undated = set(np.flatnonzero(np.isnan(days)).tolist())
    assert any(a in undated or b in undated for a, b in found), "undated articles are searched against everyone"


def test_group_candidates_by_time_window_cost_grows_with_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each dated query meets only its window's neighbourhood: far fewer comparisons than all pairs."""
    vectors, days = _windowed(monkeypatch)
    blocks = neighbours.neighbour_blocks(vectors, 0.7, days)
    compared = sum(len(b.queries) * len(b.members) for b in blocks)
    assert compared < 0.4 * len(vectors) ** 2
    dated = np.flatnonzero(~np.isnan(days))
    asked = np.concatenate([b.queries for b in blocks])
    assert set(asked.tolist()) == set(range(len(vectors))), "every article asks"
    assert np.all(np.bincount(asked[np.isin(asked, dated)]) <= neighbours.CELLS_PROBED)


def _tfidf_terms(groups: list[list[int]], articles: list[Article], count: int = 6) -> list[list[str]]:
    """Class-based TF-IDF the plain way: one TfidfVectorizer over every headline (what key_terms must equal)."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words="english", ngram_range=(1, 2), sublinear_tf=True, token_pattern=group._WORD.pattern
    )
    matrix = vectorizer.fit_transform([group.head_text(a) for a in articles])
    names = vectorizer.get_feature_names_out()
    rows = [r for g in groups for r in g]
    owners = [k for k, g in enumerate(groups) for _ in g]
    scores = (csr_matrix((np.ones(len(rows)), (owners, rows)), shape=(len(groups), len(articles))) @ matrix).tocsr()
    out = []
    for k in range(len(groups)):
        row = scores.getrow(k)
        ranked = sorted(zip((-row.data).tolist(), [str(names[c]) for c in row.indices], strict=True))
        chosen: list[set[str]] = []
        terms: list[str] = []
        for _, term in ranked:
            words = set(term.split())
            if not any(words <= c or c <= words for c in chosen):
                chosen.append(words)
                terms.append(term)
            if len(chosen) == count:
                break
        out.append(terms)
    return out


def test_group_key_terms_in_chunks_equal_tfidf_over_the_whole_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Weighing groups a few hundred articles at a time (bounded memory) changes no group's terms."""
    rng = np.random.default_rng(4)
    words = ["flood", "harbor", "council", "vote", "bridge", "strike", "budget", "mayor", "storm", "river", "court"]
    articles = [
        Article(f"a{k:04d}", "o", " ".join(rng.choice(words, 4)), " ".join(rng.choice(words, 30)), "")
        for k in range(900)
    ]
    groups = [list(range(k, min(k + 3, 900))) for k in range(0, 900, 3)]
    reference = _tfidf_terms(groups, articles)
    assert group.key_terms(groups, articles) == reference, "one count of a small corpus"
    monkeypatch.setattr(group, "_TERMS_CHUNK", 100)
    assert group.key_terms(groups, articles) == reference, "weighed in chunks"
    monkeypatch.setattr(group, "_IDF_SAMPLE", 200)  # frequencies from a sample: terms still found for every group
    assert all(group.key_terms(groups, articles))
