"""Manual regrouping: merge, move out, undo; saved in article ids, so it survives rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare import regroup, store
from compare.errors import Code, ParallaxError
from compare.group import make_story
from compare.model import Article, Story

ARTICLES = [
    Article("q1", "Outlet A", "Earthquake hits the port city", "Rescuers dug through rubble.", "q1.txt", "2021-05-01"),
    Article("q2", "Outlet B", "Port city quake kills dozens", "Rubble blocked the roads.", "q2.txt", "2021-05-02"),
    Article("q3", "Outlet C", "Aftershocks rattle the coast", "Aftershocks followed the quake.", "q3.txt", None),
    Article("v1", "Outlet A", "Parliament passes the budget", "Lawmakers voted late.", "v1.txt", "2021-05-03"),
    Article("v2", "Outlet C", "Budget vote splits coalition", "The coalition split on the vote.", "v2.txt", None),
]
BY_ID = {a.id: a for a in ARTICLES}


def _stories(*groups: tuple[str, ...]) -> list[Story]:
    return [make_story([BY_ID[i] for i in g], BY_ID[g[0]].title, ("term",)) for g in groups]


@pytest.fixture
def stories() -> list[Story]:
    return _stories(("q1", "q2"), ("q3",), ("v1", "v2"))


def _partition(stories: list[Story]) -> set[tuple[str, ...]]:
    return {s.article_ids for s in stories}


def test_regroup_without_file_changes_nothing(tmp_path: Path, stories: list[Story]) -> None:
    assert regroup.apply_overrides(stories, ARTICLES, tmp_path) is stories


def test_regroup_merge_joins_two_stories(tmp_path: Path, stories: list[Story]) -> None:
    regroup.merge_stories(tmp_path, "q3", "q1")
    result = regroup.apply_overrides(stories, ARTICLES, tmp_path)
    assert _partition(result) == {("q1", "q2", "q3"), ("v1", "v2")}
    merged = next(s for s in result if len(s.article_ids) == 3)
    assert merged.outlets == ("Outlet A", "Outlet B", "Outlet C")
    assert (merged.first_published, merged.last_published) == ("2021-05-01", "2021-05-02")
    assert merged.title in {BY_ID[i].title for i in merged.article_ids}
    assert merged.key_terms and merged.story_id not in {s.story_id for s in stories}
    assert stories[2] in result  # untouched stories are the same records


def test_regroup_move_out_makes_a_story_of_its_own(tmp_path: Path, stories: list[Story]) -> None:
    regroup.move_out(tmp_path, "v2")
    result = regroup.apply_overrides(stories, ARTICLES, tmp_path)
    assert _partition(result) == {("q1", "q2"), ("q3",), ("v1",), ("v2",)}
    alone = next(s for s in result if s.article_ids == ("v2",))
    assert alone.title == BY_ID["v2"].title and alone.outlets == ("Outlet C",)


def test_regroup_actions_replay_in_order(tmp_path: Path, stories: list[Story]) -> None:
    regroup.merge_stories(tmp_path, "q1", "v1")
    regroup.move_out(tmp_path, "q2")
    result = regroup.apply_overrides(stories, ARTICLES, tmp_path)
    assert _partition(result) == {("q1", "v1", "v2"), ("q2",), ("q3",)}


def test_regroup_undo_steps_back(tmp_path: Path, stories: list[Story]) -> None:
    regroup.merge_stories(tmp_path, "q1", "v1")
    regroup.move_out(tmp_path, "q2")
    assert regroup.undo(tmp_path) is True
    assert _partition(regroup.apply_overrides(stories, ARTICLES, tmp_path)) == {("q1", "q2", "v1", "v2"), ("q3",)}
    assert regroup.undo(tmp_path) is True
    assert _partition(regroup.apply_overrides(stories, ARTICLES, tmp_path)) == _partition(stories)
    assert regroup.undo(tmp_path) is False


def test_regroup_is_saved_in_article_ids_and_survives_a_new_grouping(tmp_path: Path) -> None:
    regroup.merge_stories(tmp_path, "q3", "q2")
    saved = json.loads((tmp_path / regroup.REGROUP_FILE).read_text())
    assert saved["actions"] == [{"op": "merge", "articles": ["q3", "q2"]}]
    finer = _stories(("q1",), ("q2",), ("q3",), ("v1",), ("v2",))  # e.g. a rebuild at another sensitivity
    result = regroup.apply_overrides(finer, ARTICLES, tmp_path)
    assert ("q2", "q3") in _partition(result)


def test_regroup_file_does_not_invalidate_the_cache(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody.")
    before = store.fingerprint(tmp_path)
    regroup.merge_stories(tmp_path, "q1", "q2")
    assert store.fingerprint(tmp_path) == before


def test_regroup_skips_articles_no_longer_in_the_corpus(tmp_path: Path, stories: list[Story]) -> None:
    regroup.merge_stories(tmp_path, "gone", "q1")
    regroup.move_out(tmp_path, "also-gone")
    assert _partition(regroup.apply_overrides(stories, ARTICLES, tmp_path)) == _partition(stories)


def test_regroup_merge_of_one_article_with_itself_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParallaxError) as error:
        regroup.merge_stories(tmp_path, "q1", "q1")
    assert error.value.code is Code.P141


@pytest.mark.parametrize("content", ["{not json", '{"actions": [{"op": "explode"}]}', "[1, 2]"])
def test_regroup_damaged_file_is_reported_not_fatal(tmp_path: Path, stories: list[Story], content: str) -> None:
    (tmp_path / regroup.REGROUP_FILE).write_text(content)
    assert regroup.apply_overrides(stories, ARTICLES, tmp_path) is stories  # the corpus still opens
    with pytest.raises(ParallaxError) as error:
        regroup.move_out(tmp_path, "q1")
    assert error.value.code is Code.P141
