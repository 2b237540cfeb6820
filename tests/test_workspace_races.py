"""workspace races: several processes adding articles to one folder at once lose nothing.

Each worker is a separate process (spawned, like separate dashboard servers or CLI runs), and
they all start together at a barrier, then paste articles and upload files as fast as they can,
with the same file names, so every read-modify-write (pasted.jsonl, manifest.csv, choosing a free
file name) is contended. Afterwards every article a worker was told was added must be in the
corpus, and the manifest must have exactly one row per saved file.
"""

from __future__ import annotations

import csv
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from compare import workspace
from compare.ingest import load_corpus

WORKERS = 4
ROUNDS = 8
STORY = (
    "Harbor Point floods\n\nFloodwaters rose overnight in Harbor Point after the river burst its banks, forcing "
    "the evacuation of about four hundred homes along the eastern shore, officials said. Marker {marker}.\n"
)


def _worker(folder: str, worker: int, barrier: Any, results: Any) -> None:
    """Paste and upload ROUNDS articles each; send back the markers of those reported added."""
    added: list[str] = []
    barrier.wait()
    for n in range(ROUNDS):
        marker = f"w{worker}p{n}"
        records = workspace.add_pasted(Path(folder), STORY.format(marker=marker), f"Outlet {worker}")
        added.extend(marker for r in records if r.status == "loaded")
        marker = f"w{worker}f{n}"
        upload = [("article.txt", STORY.format(marker=marker).encode())]  # every worker uses one name
        records = workspace.add_files(Path(folder), upload, outlet=f"Outlet {worker}")
        added.extend(marker for r in records if r.status == "loaded")
    results.put(added)


@pytest.mark.timeout(120)
def test_workspace_races_lose_no_article_and_keep_one_manifest_row_per_file(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    workers = [context.Process(target=_worker, args=(str(tmp_path), w, barrier, results)) for w in range(WORKERS)]
    for process in workers:
        process.start()
    reported = [marker for _ in workers for marker in results.get(timeout=90)]
    for process in workers:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert len(reported) == WORKERS * ROUNDS * 2, "every addition was reported added"

    corpus = load_corpus(tmp_path)
    found = {a.text.rsplit("Marker ", 1)[1].rstrip(".") for a in corpus.articles}
    assert set(reported) <= found, f"lost: {sorted(set(reported) - found)}"
    assert len(corpus.articles) == len(reported)

    files = sorted(p.name for p in tmp_path.glob("article*.txt"))
    assert len(files) == WORKERS * ROUNDS
    with (tmp_path / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    named = [row["file"] for row in rows]
    assert sorted(named) == files, "one manifest row per saved file, none twice"
    outlets = {row["file"]: row["outlet"] for row in rows}
    assert {a.file: a.outlet for a in corpus.articles if a.file in outlets} == outlets


def _builder(folder: str, barrier: Any, done: Any, errors: Any) -> None:
    """Build the workspace corpus again and again while the adders add to it, until they are done."""
    from compare import pipeline
    from tests.test_store_races import _fake_model, reporting_crashes

    with reporting_crashes(errors):
        _fake_model()
        barrier.wait()
        while not done.is_set():
            if any(Path(folder).iterdir()):
                pipeline.build(Path(folder))


@pytest.mark.timeout(180)
def test_workspace_races_adding_while_building_loses_nothing_and_the_build_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import embed, pipeline
    from tests.test_embed_cache import CountingEmbedder

    adders = 2
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(adders + 1)
    results, errors, done = context.Queue(), context.Queue(), context.Event()
    workers = [context.Process(target=_worker, args=(str(tmp_path), w, barrier, results)) for w in range(adders)]
    builder = context.Process(target=_builder, args=(str(tmp_path), barrier, done, errors))
    for process in [*workers, builder]:
        process.start()
    reported = [marker for _ in workers for marker in results.get(timeout=120)]
    done.set()
    assert errors.get(timeout=60) is None, "the build running beside the additions did not crash"
    for process in [*workers, builder]:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert len(reported) == adders * ROUNDS * 2

    model = CountingEmbedder()
    monkeypatch.setattr(embed, "default_embedder", lambda: model)
    corpus = pipeline.open_corpus(tmp_path)
    assert pipeline.is_built(tmp_path)
    found = {a.text.rsplit("Marker ", 1)[1].rstrip(".") for a in corpus.articles}
    assert set(reported) <= found, f"lost: {sorted(set(reported) - found)}"
