"""The planted-passage harness itself, on a small generated dataset (no dev data needed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from compare.evaluate.passages import evaluate, plant, render


def _text(rng: random.Random, sentences: int) -> str:
    syllables = ("ba", "ko", "ri", "tu", "me", "sa", "lo", "vi", "na", "de", "fu", "ga")
    words = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(sentences * 12)]
    return " ".join(" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, len(words), 12))


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    rng = random.Random(1)
    path = tmp_path / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(40):
            record = {"id": f"r{i}", "outlet": f"Outlet {i % 7}", "title": f"T{i}", "text": _text(rng, 20)}
            handle.write(json.dumps(record) + "\n")
    return path


def test_passages_plant_records_where_the_passage_went(dataset: Path) -> None:
    records = [json.loads(line) for line in dataset.read_text().splitlines()]
    articles, plants = plant(records[:3], records[3:6], edited=False, seed=2)
    by_id = {a.id: a for a in articles}
    for p in plants:
        assert by_id[p.host].text[slice(*p.host_span)] == by_id[p.source].text[slice(*p.source_span)]
        assert 15 <= len(by_id[p.source].text[slice(*p.source_span)].split()) <= 150


def test_passages_plant_edits_five_percent(dataset: Path) -> None:
    records = [json.loads(line) for line in dataset.read_text().splitlines()]
    articles, plants = plant(records[:5], records[5:10], edited=True, seed=3)
    by_id = {a.id: a for a in articles}
    for p in plants:
        planted = by_id[p.host].text[slice(*p.host_span)].split()
        original = by_id[p.source].text[slice(*p.source_span)].split()
        assert planted != original
        assert abs(len(planted) - len(original)) <= max(1, round(0.05 * len(original)))


def test_passages_evaluate_scores_and_renders(dataset: Path) -> None:
    result = evaluate(dataset, pairs=10, distractors=10, seed=4)
    assert result["modes"]["verbatim"]["parallax"]["f1"] == pytest.approx(1.0)
    assert result["modes"]["edited"]["parallax"]["f1"] > 0.85
    assert result["modes"]["edited"]["unplanted"]["spurious"] == 0
    table = render(result)
    assert "difflib" in table and "edited" in table
