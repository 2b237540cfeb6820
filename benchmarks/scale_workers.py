"""The per-article stages on N real articles on a Dask ``LocalCluster`` of one worker, then of two.

    .venv/bin/python -m benchmarks scale workers --articles 2000 [--scheduler local:1 local:2]

The first N Article-Bias-Prediction articles are written as a corpus folder (as a user adds them) and built
from nothing with ``pipeline.build(..., scheduler=...)``, each scheduler in a fresh process and a fresh
build cache (the exported ONNX graph and the engine choice in the user cache are kept, as on any machine
after its first build). Each worker is one process on one thread, so a second worker should come close to
halving the per-article stages (reading, embedding, quotes, names); grouping's linkage and the passages'
chaining run on the client. Reported per stage: wall seconds on each scheduler and the speed-up. Target
(issue #16): near 2 on 2 cores. Needs the machine to itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.memory import TreeMemory  # noqa: E402

#: The stages that treat each file or article on its own, so they map over the workers.
PER_ARTICLE = ("ingest", "embed", "sentences", "quotes", "names")


def workers_job(n: int, scheduler: str, folder: Path) -> dict[str, Any]:
    """Build the first ``n`` ABP articles on ``scheduler`` in ``folder`` (emptied first), timed per stage."""
    from benchmarks.bench_grouping import ABP, _timed_build, write_corpus_files

    if folder.exists():
        shutil.rmtree(folder)
    corpus = write_corpus_files(ABP, folder / "abp", n)
    with TreeMemory(interval=0.5) as peaks:
        built, laps, (wall, _cpu) = _timed_build(corpus, {}, scheduler)
    return {
        "scheduler": scheduler,
        "articles": len(built.articles),
        "stories": len(built.stories),
        "stages_s": {stage: round(lap[0], 1) for stage, lap in laps.items()},
        "build_s": round(wall, 1),
        **peaks.as_dict(),
    }


def run(n: int, schedulers: list[str], folder: Path) -> None:
    """Each scheduler in a fresh process, then the table of stages with the speed-up of the last over the first."""
    results = []
    for scheduler in schedulers:
        command = [sys.executable, "-m", "benchmarks.scale_workers", str(n), scheduler, str(folder / scheduler)]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stderr[-3000:])
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    first, last = results[0], results[-1]
    print(f"\n| stage | {' | '.join(r['scheduler'] for r in results)} | speed-up |")
    print("|---|" + "---:|" * (len(results) + 1))
    rows = [*first["stages_s"], "build"]
    for stage in rows:
        times = [r["build_s"] if stage == "build" else r["stages_s"].get(stage, 0.0) for r in results]
        speed = times[0] / times[-1] if times[-1] else float("nan")
        label = f"{stage} (per article)" if stage in PER_ARTICLE else stage
        print(f"| {label} | {' | '.join(f'{t:.1f}' for t in times)} | {speed:.2f}x |")
    per_first = sum(first["stages_s"].get(s, 0.0) for s in PER_ARTICLE)
    per_last = sum(last["stages_s"].get(s, 0.0) for s in PER_ARTICLE)
    print(f"| per-article stages together | {per_first:.1f} | ... | {per_first / max(per_last, 1e-9):.2f}x |")


if __name__ == "__main__":
    print(json.dumps(workers_job(int(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))))
