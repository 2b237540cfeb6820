"""Speed and memory of corpus-wide shared-passage detection.

``find_passages`` over the first 2,500 / 5,000 / 10,000 articles of the
Article-Bias-Prediction sample, each size in a fresh process so its peak memory is its
own. Targets: 10k in at most 60 s and 2 GB, time growing near-linearly with size.
The baseline is the obvious alternative, ``difflib.SequenceMatcher`` on every pair of
articles, timed on a random sample of pairs in the same run and extrapolated to all
pairs (running it for real would take days).

    .venv/bin/python -m benchmarks passages [--sizes 2500 5000 10000] [--baseline-pairs 200]

Prints a Markdown table for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare.align import WORD  # noqa: E402
from compare.evaluate import SHARED_DATA, read_jsonl  # noqa: E402
from compare.model import Article  # noqa: E402

ABP = SHARED_DATA / "abp" / "sample10k.jsonl.gz"


def _articles(n: int) -> list[Article]:
    articles = []
    for record in read_jsonl(ABP):
        if len(articles) == n:
            break
        articles.append(Article(id=record["id"], outlet=record["outlet"], title="", text=record["text"], file=""))
    return articles


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def detect(n: int) -> dict[str, Any]:
    """Detection on the first ``n`` articles: wall and CPU seconds, peak memory, passages found."""
    from compare.passages import find_internal_reuse, find_passages

    articles = _articles(n)
    loaded_mb = _peak_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    passages = find_passages(articles)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "articles": n,
        "words": sum(len(WORD.findall(a.text)) for a in articles),
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mb": round(_peak_rss_mb()),
        "loaded_mb": round(loaded_mb),
        "passages": len(passages),
        "internal": len(find_internal_reuse(articles)),  # same alignment, cached
    }


def baseline(n: int, pairs: int) -> dict[str, Any]:
    """difflib on random article pairs of the first ``n`` articles, extrapolated to all pairs."""
    rng = random.Random(0)
    words = [WORD.findall(a.text.lower()) for a in _articles(n)]
    sample = [rng.sample(range(n), 2) for _ in range(pairs)]
    started = time.process_time()
    for i, j in sample:
        SequenceMatcher(None, words[i], words[j], autojunk=False).get_matching_blocks()
    per_pair = (time.process_time() - started) / pairs
    return {"articles": n, "per_pair_ms": round(per_pair * 1000, 2), "all_pairs_s": round(per_pair * n * (n - 1) / 2)}


def _in_fresh_process(call: str) -> dict[str, Any]:
    code = f"import json; from benchmarks.bench_passages import detect, baseline; print(json.dumps({call}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{call} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    options.add_argument("--baseline-pairs", type=int, default=200)
    args = options.parse_args()
    rows = [_in_fresh_process(f"detect({n})") for n in args.sizes]
    slow = _in_fresh_process(f"baseline({max(args.sizes)}, {args.baseline_pairs})")
    columns = ("articles", "words", "seconds (wall)", "seconds (CPU)", "CPU s per 1k articles", "peak memory")
    print("| " + " | ".join((*columns, "passages", "internal reuse")) + " |")
    print("|---:" * (len(columns) + 2) + "|")
    for r in rows:
        per_k = r["cpu_seconds"] / r["articles"] * 1000
        print(
            f"| {r['articles']:,} | {r['words']:,} | {r['seconds']} | {r['cpu_seconds']} | {per_k:.2f} | "
            f"{r['peak_mb']:,} MB ({r['loaded_mb']:,} MB with the articles loaded) | {r['passages']:,} | "
            f"{r['internal']:,} |"
        )
    largest = rows[-1]
    print(
        f"\nBaseline, same run: difflib.SequenceMatcher takes {slow['per_pair_ms']} ms CPU per article pair; all "
        f"{slow['articles']:,} x {slow['articles'] - 1:,} / 2 pairs would take about {slow['all_pairs_s']:,} s, "
        f"{slow['all_pairs_s'] / max(largest['cpu_seconds'], 1e-9):,.0f} times Parallax's {largest['cpu_seconds']} s."
    )


if __name__ == "__main__":
    main()
