"""Building on a Dask cluster: the same stories, quotes and passages as in-process, errors and progress intact.

A real ``LocalCluster`` of two worker processes, not a mock: the workers import Parallax, load
the model and spaCy themselves and send their slices back, and the corpus-wide stages (grouping's
neighbour search, shared passages' seeds and alignment) run there as blocks; the task names the
scheduler saw show they did.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from compare import align, cluster, settings
from compare.cli import main
from compare.errors import Code, ParallaxError
from compare.pipeline import Corpus, build
from compare.progress import Update

ABP300 = Path(__file__).parent / "data" / "abp300" / "articles.jsonl.gz"


def _write_corpus(folder: Path, per_file: int = 5) -> Path:
    """The 300 ABP articles as JSONL files of ``per_file`` articles (many files: ingest runs in slices too)."""
    folder.mkdir()
    with gzip.open(ABP300, "rt", encoding="utf-8") as handle:
        rows = handle.read().splitlines()
    for start in range(0, len(rows), per_file):
        (folder / f"part-{start // per_file:03d}.jsonl").write_text("\n".join(rows[start : start + per_file]) + "\n")
    return folder


def _outcome(corpus: Corpus) -> dict[str, object]:
    """Everything a user sees of a build, in comparable form."""
    return {
        "articles": [(a.id, a.outlet, a.title, a.published, a.text) for a in corpus.articles],
        "stories": [(s.story_id, s.title, s.article_ids, s.outlets) for s in corpus.stories],
        "quotes": [(q.article_id, q.start, q.end, q.quote, q.speaker, q.role, q.speaker_type) for q in corpus.quotes],
        "passages": [(p.passage_id, p.article_ids, sorted(p.spans.items()), p.text) for p in corpus.passages],
        "internal": [(p.passage_id, p.article_ids, sorted(p.spans.items())) for p in corpus.internal_reuse],
        "report": [(r.file, r.status, r.code, r.line) for r in corpus.report],
    }


class _Recorder:
    """A progress sink remembering the last (done, total) of every stage, and the task names (key
    prefixes) the build's scheduler saw, read just before its session closes."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[int, int]] = {}
        self.seen: dict[str, list[int]] = {}
        self.task_names: set[str] = set()

    def __call__(self, update: Update) -> None:
        self.last[update.stage] = (update.done, update.total)
        self.seen.setdefault(update.stage, []).append(update.done)


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Corpus, _Recorder]:
    root = tmp_path_factory.mktemp("cluster")
    here = build(_write_corpus(root / "in-process"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "INGEST_SLICE_FILES", 8)  # the client cuts the slices: 60 files, 8 tasks
        patch.setattr(align, "_ALIGN_PAIRS", 5)  # the client cuts the alignment blocks: several tasks, same passages
        progress = _Recorder()
        opened = cluster.connected

        @contextmanager
        def recording(scheduler: cluster.Scheduler | None) -> Iterator[cluster.Session | None]:
            with opened(scheduler) as session:
                try:
                    yield session
                finally:
                    if session is not None:
                        progress.task_names.update(task_names(session))

        patch.setattr(cluster, "connected", recording)
        there = build(_write_corpus(root / "on-cluster"), scheduler="local:2", progress=progress)
    return here, there, progress


def task_names(session: cluster.Session) -> set[str]:
    """The key prefixes of every task the session's scheduler has seen (it keeps them after the tasks)."""
    return set(session.client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes)))


def test_a_local_cluster_build_gives_exactly_the_in_process_results(both_builds: tuple[Corpus, Corpus, _Recorder]):
    here, there, _ = both_builds
    assert len(here.articles) == 300
    assert sum(len(s.outlets) > 1 for s in here.stories) >= 5, "the sample must hold multi-outlet stories"
    assert here.quotes and here.passages, "the sample must give quotes and (planted) shared passages"
    ours, theirs = _outcome(here), _outcome(there)
    for part in ours:
        assert ours[part] == theirs[part], f"{part} differ between the in-process and the local:2 build"
    assert np.array_equal(here.vectors, there.vectors)


def test_a_local_cluster_build_runs_the_corpus_wide_stages_on_the_workers(
    both_builds: tuple[Corpus, Corpus, _Recorder],
):
    _, there, progress = both_builds
    assert there.passages, "the sample must give passages, or alignment would have no pair to send"
    assert {"group-neighbours", "passages-seeds", "passages-align"} <= progress.task_names


def test_progress_from_workers_reaches_the_user(both_builds: tuple[Corpus, Corpus, _Recorder]):
    _, there, progress = both_builds
    n = len(there.articles)
    assert progress.last["embed"] == (n, n)
    assert progress.last["quotes"] == (n, n)


@pytest.mark.parametrize("stage", ["group", "passages"])
def test_the_corpus_wide_stages_move_the_bar_while_their_blocks_run_on_workers(
    both_builds: tuple[Corpus, Corpus, _Recorder], stage: str
):
    _, there, progress = both_builds
    n = len(there.articles)
    seen = progress.seen[stage]
    assert seen == sorted(seen), "the bar never moves back"
    assert seen[-1] == n
    assert any(0 < done < n for done in seen), f"{stage} jumped from 0 to done: {seen}"


def test_no_session_stays_open_after_a_build(both_builds: tuple[Corpus, Corpus, _Recorder]):
    assert cluster.active() is None


def test_a_coded_error_raised_on_a_worker_reaches_the_user_unchanged():
    from compare.embed import _embed_on_worker

    with cluster.connected(cluster.Scheduler.parse("local:1")) as session:
        assert session is not None and cluster.active() is session
        with pytest.raises(ParallaxError) as raised:
            session.map_slices(partial(_embed_on_worker, ("/no/such/model", "torch-float32")), [["a text"]])
    assert raised.value.code is Code.P130
    assert "/no/such/model" in str(raised.value)
    assert cluster.active() is None


def test_a_parallax_error_survives_pickling_with_its_code_and_fields():
    import pickle

    error = ParallaxError(Code.P162, address="tcp://x:1", reason="refused")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.fields, str(copy)) == (error.code, error.fields, str(error))


@pytest.mark.parametrize("address", ["local:0", "local:two", "http://host:8786", "host:8786", "local:", " "])
def test_bad_scheduler_addresses_are_refused_with_p161(address: str):
    if not address.strip():
        assert cluster.configured(address) is None  # blank means in-process, as when unset
        return
    with pytest.raises(ParallaxError) as raised:
        cluster.configured(address)
    assert raised.value.code is Code.P161


def test_good_scheduler_addresses_parse():
    assert cluster.Scheduler.parse("local:3") == cluster.Scheduler(local_workers=3)
    assert cluster.Scheduler.parse("tcp://10.0.0.5:8786/") == cluster.Scheduler(address="tcp://10.0.0.5:8786")
    assert str(cluster.Scheduler.parse("local:2")) == "local:2"


def test_the_environment_variable_chooses_the_scheduler(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(settings, "SCHEDULER", "local:2")
    assert cluster.configured() == cluster.Scheduler(local_workers=2)
    assert cluster.configured("tcp://h:1") == cluster.Scheduler(address="tcp://h:1")  # the flag wins


def test_cli_build_with_an_unreachable_scheduler_exits_with_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setattr(settings, "SCHEDULER_TIMEOUT_SECONDS", 2)
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nSome words of an article.\n")
    assert main(["build", str(folder), "--scheduler", "tcp://127.0.0.1:9"], out=io.StringIO()) == 2
    error = capsys.readouterr().err
    assert "P162" in error and "tcp://127.0.0.1:9" in error
    assert not (folder / settings.CACHE_DIRNAME).exists() or not any((folder / settings.CACHE_DIRNAME).iterdir())


def test_cli_build_with_a_malformed_scheduler_exits_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nSome words of an article.\n")
    assert main(["build", str(folder), "--scheduler", "cluster-please"], out=io.StringIO()) == 2
    assert "P161" in capsys.readouterr().err


def test_an_in_process_build_does_not_import_dask(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nSome words of an article about a vote in parliament.\n")
    script = (
        "import sys; from pathlib import Path; from compare.pipeline import build; "
        f"build(Path({str(folder)!r})); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {'dask', 'distributed'})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import json; " + script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
