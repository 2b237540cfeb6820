"""store races: builds, publishes and opens of one corpus in several processes at once.

Concurrent users are separate processes (dashboard servers, CLI runs), so every test here
starts real processes (spawned) together at a barrier. Afterwards the corpus must open from
a complete build and no process may have crashed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from compare import settings, store


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("Headline\n\nBody text.\n")
    return folder


def test_store_input_files_never_lists_the_cache_folder_while_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another build creating and deleting files in the cache folder mid-walk (simulated: every listing
    under it fails as if the folder had just vanished) neither crashes the walk nor changes its result."""
    corpus = _corpus(tmp_path / "corpus")
    (corpus / settings.CACHE_DIRNAME / "build-x").mkdir(parents=True)
    (corpus / settings.CACHE_DIRNAME / "build-x" / "articles.parquet").write_bytes(b"x")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b.txt").write_text("Other\n\nMore text.\n")
    real_scandir = os.scandir

    def vanishing(path: object = ".") -> object:
        if settings.CACHE_DIRNAME in Path(str(path)).parts or Path(str(path)).name == "gone":
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    (corpus / "gone").mkdir()  # a folder that vanishes between being listed and being walked
    monkeypatch.setattr(os, "scandir", vanishing)
    assert store.input_files(corpus) == [corpus / "a.txt", corpus / "sub" / "b.txt"]


# --- publishing: many processes publish builds into one cache at the same moment -------------------

PUBLISHERS = 4
ROUNDS = 6


@contextmanager
def reporting_crashes(errors: Any, label: str = "") -> Iterator[None]:
    """Put None on ``errors`` when the block ends, or the crash that ended it (any crash is the failure
    these tests look for), so the test process hears from every worker."""
    try:
        yield
        errors.put(None)
    except BaseException as exc:
        errors.put(f"{label}{type(exc).__name__}: {exc}")
        raise


def run_all(workers: list[Any], errors: Any, timeout: float) -> list[str]:
    """Start ``workers``, collect one report each, join them; returns the crashes reported (none is success)
    and checks every worker exited cleanly."""
    for process in workers:
        process.start()
    reported = [errors.get(timeout=timeout) for _ in workers]
    for process in workers:
        process.join(timeout=30)
    assert [p.exitcode for p in workers] == [0] * len(workers), [r for r in reported if r]
    return [r for r in reported if r]


def _publish_rounds(root: str, keys: list[str], barrier: Any, errors: Any) -> None:
    """Publish a small build under each of ``keys`` (one per round, all workers in step); report any error."""
    import numpy as np
    import pandas as pd

    with reporting_crashes(errors):
        for key in keys:
            writer = store.BuildWriter(Path(root), key)
            files = writer.table("articles", pd.DataFrame({"id": [key] * 50}))
            files += writer.table("vectors", pd.DataFrame({"value": np.ones(50, dtype=np.float32)}))
            barrier.wait(timeout=20)
            writer.publish({"files": files})
            barrier.wait(timeout=20)  # every worker has published this round before the next starts


def _run_publishers(root: Path, keys_of: Callable[[int], list[str]]) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PUBLISHERS)
    errors = context.Queue()
    workers = [
        context.Process(target=_publish_rounds, args=(str(root), keys_of(w), barrier, errors))
        for w in range(PUBLISHERS)
    ]
    assert run_all(workers, errors, timeout=60) == [], "a publishing process crashed"


@pytest.mark.timeout(90)
def test_store_races_same_key_publishes_keep_one_complete_build(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    _run_publishers(root, lambda worker: [f"same{n}" for n in range(ROUNDS)])
    folder = store.current_build(root, f"same{ROUNDS - 1}")
    assert folder is not None, "the last round's build is published and complete"
    assert store.read_table(folder, "articles")["id"].tolist() == [f"same{ROUNDS - 1}"] * 50
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) == [
        f"build-same{ROUNDS - 1}",
        store.POINTER,
    ], "older builds are removed, nothing else is left behind"


@pytest.mark.timeout(90)
def test_store_races_different_key_publishes_leave_the_pointed_build(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    _run_publishers(root, lambda worker: [f"w{worker}r{n}" for n in range(ROUNDS)])
    pointed = store.published_build(root)
    assert pointed is not None, "the pointer names a build that exists"
    key = pointed.name.removeprefix("build-")
    assert key in {f"w{w}r{ROUNDS - 1}" for w in range(PUBLISHERS)}, "the last round's publish wins"
    assert store.current_build(root, key) == pointed, "and it is complete"


# --- whole builds: several processes build and open one small corpus at once -------------------------

ARTICLE = (
    "{title}\n\nFloodwaters rose overnight in Harbor Point after the river burst its banks, forcing the evacuation "
    "of about four hundred homes, Mayor Ellen Ruiz said on Tuesday. {extra}\n"
)


BUILD_ROUNDS = 5


def _small_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for n, outlet in enumerate(("Gazette", "Herald", "Courier")):
        (folder / f"{outlet.lower()}.txt").write_text(ARTICLE.format(title=f"Harbor Point floods {n}", extra=outlet))
    (folder / "manifest.csv").write_text("file,outlet\ngazette.txt,Gazette\nherald.txt,Herald\ncourier.txt,Courier\n")
    return folder


def _fake_model() -> None:
    """The hashed bag-of-words test model instead of the real one (each process loads its own)."""
    from compare import embed
    from tests.test_embed_cache import CountingEmbedder

    model = CountingEmbedder()
    embed.default_embedder = lambda: model  # type: ignore[assignment]


def _build_or_open(corpus: str, role: str, barrier: Any, errors: Any) -> None:
    """Build the corpus (``build``), build it under another setting (``other``: another key), or open it
    and read what the dashboard reads, over and over, while the others build (``open``)."""
    from compare import pipeline, workspace

    with reporting_crashes(errors, f"{role}: "):
        _fake_model()
        if role == "other":
            settings.MIN_PASSAGE_WORDS += 1
        barrier.wait(timeout=60)
        for _ in range(BUILD_ROUNDS):
            if role == "open":
                workspace.signature(Path(corpus))
                pipeline.is_built(Path(corpus))
                opened = pipeline.open_corpus(Path(corpus))
                opened.term_prior, opened.stored_entities  # noqa: B018 - the Framing tab's lazy reads
            else:
                pipeline.build(Path(corpus))


@pytest.mark.timeout(180)
def test_store_races_builds_and_opens_at_once_leave_a_complete_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import embed, pipeline
    from tests.test_embed_cache import CountingEmbedder

    corpus = _small_corpus(tmp_path / "corpus")
    roles = ["build", "build", "other", "open"]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(roles))
    errors = context.Queue()
    workers = [context.Process(target=_build_or_open, args=(str(corpus), r, barrier, errors)) for r in roles]
    assert run_all(workers, errors, timeout=150) == [], "no process crashed"

    model = CountingEmbedder()
    monkeypatch.setattr(embed, "default_embedder", lambda: model)
    opened = pipeline.open_corpus(corpus)  # rebuilt here if the other-settings build was published last
    assert pipeline.is_built(corpus)
    assert len(opened.articles) == 3 and opened.stories
    root = store.cache_dir(corpus)
    assert [p.name for p in root.glob("build-*")] == [f"build-{pipeline.build_key(corpus)}"]
    assert not list(root.glob(".staging-*")), "no staging folder is left behind"
