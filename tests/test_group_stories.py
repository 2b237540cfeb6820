"""Story grouping: events apart, deterministic in any order, dates optional, readable stories."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from compare import group, settings
from compare.model import Article

DIM = 64
EVENTS = {
    "quake": ("Earthquake strikes coastal city", "Rescuers searched the rubble in the port city."),
    "vote": ("Parliament votes on the budget", "Lawmakers approved the spending plan late on Tuesday."),
    "final": ("Home side wins the cup final", "The striker scored twice in front of a full stadium."),
}


def _vectors(labels: list[str], spread: float = 0.25, seed: int = 0) -> np.ndarray:
    """Unit vectors: one random direction per label, each article a small step away from it."""
    rng = np.random.default_rng(seed)
    centres = {label: rng.standard_normal(DIM) for label in sorted(set(labels))}
    rows = np.array(
        [centres[label] / np.sqrt(DIM) + spread * rng.standard_normal(DIM) / np.sqrt(DIM) for label in labels]
    )
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _corpus(per_event: int = 3, published: str | None = "2021-05-0{day}") -> tuple[list[Article], np.ndarray]:
    articles, labels = [], []
    for e, (event, (title, text)) in enumerate(EVENTS.items()):
        for k in range(per_event):
            date = published.format(day=e + 1) if published else None
            articles.append(Article(f"{event}-{k}", f"Outlet {k}", f"{title} ({k})", text, f"{event}{k}.txt", date))
            labels.append(event)
    return articles, _vectors(labels)


def _partition(stories: list) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def test_group_separates_events() -> None:
    articles, vectors = _corpus()
    stories = group.group_articles(articles, vectors)
    expected = {frozenset(a.id for a in articles if a.id.startswith(event)) for event in EVENTS}
    assert _partition(stories) == expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_group_same_stories_in_any_input_order(seed: int) -> None:
    articles, vectors = _corpus()
    reference = group.group_articles(articles, vectors)
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    shuffled = group.group_articles([articles[k] for k in order], vectors[order])
    assert shuffled == reference  # ids, titles, key terms and story order too


def test_group_story_fields() -> None:
    articles, vectors = _corpus()
    stories = group.group_articles(articles, vectors)
    by_id = {a.id: a for a in articles}
    for story in stories:
        members = [by_id[i] for i in story.article_ids]
        assert story.story_id == group.story_id(story.article_ids)
        assert story.title in {a.title for a in members}
        assert story.outlets == tuple(sorted({a.outlet for a in members}))
        assert story.first_published == story.last_published == members[0].published
        assert story.key_terms and len(story.key_terms) == len(set(story.key_terms))
    quake = next(s for s in stories if s.article_ids[0].startswith("quake"))
    assert {"earthquake", "rubble"} & set(" ".join(quake.key_terms).split())


def test_group_without_dates_still_groups() -> None:
    articles, vectors = _corpus(published=None)
    stories = group.group_articles(articles, vectors)
    assert len(stories) == len(EVENTS)
    assert all(s.first_published is None and s.last_published is None for s in stories)


def test_group_unparseable_and_mixed_dates_do_not_break() -> None:
    articles, vectors = _corpus()
    odd = ["yesterday", None, "2021-05-01T09:30:00+02:00", "", "2021-13-45"]
    articles = [dataclasses.replace(a, published=odd[k % len(odd)]) for k, a in enumerate(articles)]
    assert len(group.group_articles(articles, vectors)) == len(EVENTS)


def test_group_same_topic_months_apart_is_two_stories() -> None:
    articles, vectors = _corpus(per_event=4)
    quake = [a for a in articles if a.id.startswith("quake")]
    later = {a.id: dataclasses.replace(a, published="2021-11-20") for a in quake[2:]}
    articles = [later.get(a.id, a) for a in articles]
    stories = group.group_articles(articles, vectors)
    assert frozenset(a.id for a in quake[:2]) in _partition(stories)
    assert frozenset(later) in _partition(stories)


def test_group_keeps_one_outlet_and_one_article_stories() -> None:
    articles, vectors = _corpus()
    loner = Article("loner", "Outlet 9", "A lone report on a bridge opening", "The bridge opened.", "l.txt")
    lone_vector = _vectors(["elsewhere"], seed=7)
    stories = group.group_articles([*articles, loner], np.vstack([vectors, lone_vector]))
    assert any(s.article_ids == ("loner",) and s.outlets == ("Outlet 9",) for s in stories)
    assert sum(len(s.article_ids) for s in stories) == len(articles) + 1


def test_group_sensitivity_splits_more_finely() -> None:
    articles, vectors = _corpus(per_event=4)
    vectors = _vectors([a.id.split("-")[0] for a in articles], spread=1.0)  # loose events
    counts = [len(group.group_articles(articles, vectors, sensitivity=s)) for s in (0.0, 0.5, 1.0)]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]


def test_group_stories_ordered_by_outlets_then_size() -> None:
    articles, vectors = _corpus(per_event=3)
    articles = [*articles, Article("quake-9", "Outlet 9", "Earthquake (9)", "Rubble.", "q9.txt", "2021-05-01")]
    vectors = np.vstack([vectors, vectors[:1]])
    stories = group.group_articles(articles, vectors)
    assert stories[0].article_ids[0].startswith("quake")
    assert [group.story_order(s) for s in stories] == sorted(group.story_order(s) for s in stories)


def test_group_empty_corpus() -> None:
    assert group.group_articles([], np.zeros((0, DIM), dtype=np.float32)) == []


@pytest.mark.parametrize(
    ("gap_days", "expected"),
    [(0.0, 0.0), (1.0, 0.0), (6.0, 0.25), (11.0, 0.5), (400.0, 0.5)],
)
def test_group_time_penalty_grows_with_the_gap(
    gap_days: float, expected: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "GROUPING_SAME_DAYS", 1.0)
    monkeypatch.setattr(settings, "GROUPING_TIME_SCALE_DAYS", 10.0)
    monkeypatch.setattr(settings, "GROUPING_TIME_WEIGHT", 0.5)
    penalty = group.time_penalty(np.array([100.0]), np.array([100.0 + gap_days]))
    assert penalty[0] == pytest.approx(expected)


def test_group_time_penalty_for_unknown_dates() -> None:
    penalty = group.time_penalty(np.array([np.nan, 5.0]), np.array([3.0, np.nan]))
    assert penalty.tolist() == [settings.GROUPING_UNDATED_PENALTY] * 2
