"""Grouping never merges events years apart, however undated pages link them (issue #17)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from compare import group, settings
from compare.model import Article


def _article(key: str, published: str | None, outlet: str = "Example Times") -> Article:
    return Article(
        id=key,
        outlet=outlet,
        title=f"Missiles strike Erbil {key}",
        text="Missiles hit Erbil.",
        file=key,
        published=published,
    )


def _erbil() -> tuple[list[Article], np.ndarray]:
    """Two Erbil attacks two years apart and six undated pages about "missiles on Erbil" between them."""
    articles = [
        _article("a2020-1", "2020-01-08"),
        _article("a2020-2", "2020-01-09", "Valley Courier"),
        _article("b2022-1", "2022-03-13"),
        _article("b2022-2", "2022-03-14", "Valley Courier"),
        *[_article(f"u{k}", None, f"Outlet {k}") for k in range(6)],
    ]
    rng = np.random.default_rng(3)
    base = rng.normal(size=32)
    vectors = np.vstack([base + rng.normal(scale=0.05, size=32) for _ in articles])
    return articles, vectors


def _story_of(stories: list, article_id: str) -> set[str]:
    return next(set(s.article_ids) for s in stories if article_id in s.article_ids)


def test_group_span_undated_pages_do_not_bridge_years(monkeypatch: pytest.MonkeyPatch) -> None:
    articles, vectors = _erbil()
    monkeypatch.setattr(settings, "GROUPING_ENTITY_WEIGHT", 0.0)
    monkeypatch.setattr(settings, "GROUP_MAX_SPAN_DAYS", math.inf)
    bridged = group.group_articles(articles, vectors)
    assert {"a2020-1", "b2022-1"} <= _story_of(bridged, "a2020-1")  # the failure the constraint prevents
    monkeypatch.setattr(settings, "GROUP_MAX_SPAN_DAYS", 30.0)
    stories = group.group_articles(articles, vectors)
    assert "b2022-1" not in _story_of(stories, "a2020-1")
    assert {"a2020-1", "a2020-2"} <= _story_of(stories, "a2020-1")
    assert {"b2022-1", "b2022-2"} <= _story_of(stories, "b2022-1")
    assert sum(len(s.article_ids) for s in stories) == len(articles)  # a constraint, not a filter: nobody dropped
    for story in stories:
        days = [a.published for a in articles if a.id in story.article_ids and a.published]
        assert len({d[:4] for d in days}) <= 1


def test_group_span_keeps_a_story_within_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Follow-ups a few days apart stay one story: the span limit only bites beyond it."""
    monkeypatch.setattr(settings, "GROUPING_ENTITY_WEIGHT", 0.0)
    articles = [_article("a", "2020-01-08"), _article("b", "2020-01-10", "Valley Courier"), _article("c", None, "X")]
    vectors = np.vstack([np.ones(8), np.ones(8) + 0.01, np.ones(8) - 0.01])
    stories = group.group_articles(articles, vectors)
    assert len(stories) == 1


def test_group_span_constrained_cut_refuses_far_merges() -> None:
    scores = np.full((3, 3), 0.95)
    days = np.array([0.0, 800.0, np.nan])
    labels = group._constrained_cut(scores, days, threshold=0.5, limit=30.0)
    assert labels[0] != labels[1]
    assert labels[2] in (labels[0], labels[1])  # the undated page still joins one side
