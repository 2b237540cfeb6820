"""The grouping harness: B-cubed arithmetic, event sampling, the baseline and the printed table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.evaluate import grouping


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([1, 1, 2, 2], ["a", "a", "b", "b"], (1.0, 1.0)),
        ([1, 1, 1, 1], ["a", "a", "b", "b"], (0.5, 1.0)),
        ([1, 2, 3, 4], ["a", "a", "b", "b"], (1.0, 0.5)),
        ([1, 1, 1, 2], ["a", "a", "b", "b"], ((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, (1 + 1 + 0.5 + 0.5) / 4)),
    ],
)
def test_group_evaluate_bcubed(predicted: list[int], gold: list[str], expected: tuple[float, float]) -> None:
    scores = grouping.bcubed(predicted, gold)
    assert (scores["precision"], scores["recall"]) == pytest.approx(expected)
    p, r = expected
    assert scores["f1"] == pytest.approx(2 * p * r / (p + r))


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    topics = {
        "e1": "The central bank raised interest rates to fight inflation, the governor said.",
        "e2": "Floods forced thousands from their homes after the river burst its banks.",
        "e3": "The striker scored twice as the home team won the cup final.",
    }
    rows = [
        {"id": f"{event}-{k}", "event_id": event, "outlet": f"O{k}", "title": text[:30], "text": text}
        for event, text in topics.items()
        for k in range(3)
    ]
    rows.append({"id": "unlabelled", "outlet": "O9", "title": "x", "text": "no event id"})
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    return path


def test_group_evaluate_loads_whole_events_and_skips_unlabelled(dataset: Path) -> None:
    articles, gold = grouping.load_dataset(dataset)
    assert len(articles) == len(gold) == 9 and "unlabelled" not in {a.id for a in articles}
    sample, sample_gold = grouping.load_dataset(dataset, max_events=2)
    assert len(set(sample_gold)) == 2 and len(sample) == 6
    assert grouping.load_dataset(dataset, max_events=2) == (sample, sample_gold)


def test_group_evaluate_baseline_finds_its_best_threshold(dataset: Path) -> None:
    articles, gold = grouping.load_dataset(dataset)
    result = grouping.baseline(articles, gold)
    assert result["f1"] == pytest.approx(1.0)
    assert result["threshold"] in grouping.BASELINE_THRESHOLDS and result["stories"] == 3


def test_group_evaluate_render_names_both_systems() -> None:
    scores = {"precision": 0.9, "recall": 0.8, "f1": 0.847, "stories": 12}
    result = {
        "dataset": "d.jsonl",
        "articles": 30,
        "gold_stories": 10,
        "parallax": scores,
        "baseline": {**scores, "threshold": 0.2},
    }
    table = grouping.render(result)
    assert "Parallax" in table and "TF-IDF" in table and "0.847" in table and "t=0.2" in table
