"""How fast the dashboard switches stories and tabs on a built corpus of 10,000 articles.

Runs app.py in Streamlit's AppTest (the real script, no browser) against the
Article-Bias-Prediction sample, times each rerun after a story or tab change, and
prints a Markdown table for docs/BENCHMARKS.md. Not a timed test: the target (under
1 s per switch) is checked by reading the figures.

    .venv/bin/python benchmarks/bench_app.py [--data PATH] [--corpus DIR] [--stories N] [--read SECONDS]

The first run builds the corpus into DIR (several minutes: every article is embedded
and parsed once); later runs open the cached build.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks.bench_grouping import write_corpus_files  # noqa: E402
from compare import pipeline, story  # noqa: E402
from compare.evaluate import SHARED_DATA  # noqa: E402
from compare.story.content import StoryContent  # noqa: E402


def prepare(data: Path, corpus: Path) -> Path:
    """A corpus folder holding the sample as JSON Lines files (each under the size limit), built once."""
    if not any(corpus.glob("articles-*.jsonl")):
        write_corpus_files(data, corpus)
    if not pipeline.is_built(corpus):
        started, cpu = time.perf_counter(), time.process_time()
        pipeline.build(corpus, progress=lambda stage, done: print(f"  {time.perf_counter() - started:6.0f} s: {stage}"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # kilobytes on Linux
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"  built in {wall:.0f} s wall, {cpu:.0f} s CPU, peak memory {peak:.2f} GB")
    return corpus


def _timed_run(app: AppTest) -> float:
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(app.exception[0].value)
    return elapsed


def measure(corpus: Path, stories: int, read: float) -> dict[str, list[float]]:
    """Seconds per rerun: opening, switching stories (first visit and revisit), switching tabs, and
    switching stories while on the Framing tab (the slowest tab, with nothing computed ahead).

    Tabs are switched on stories not opened before, after ``read`` seconds on the story's
    first tab (a reader's pause, in which the dashboard computes the other tabs ahead).
    """
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    app.session_state["corpus_source"] = "Another folder…"
    app.session_state["folder"] = str(corpus)
    times: dict[str, list[float]] = {"open (first run)": [_timed_run(app)], "open (rerun)": [_timed_run(app)]}
    opened = pipeline.open_corpus(corpus)
    # The stories people open first: those covered by the most outlets.
    ranked = [s.story_id for s in sorted(opened.stories, key=lambda s: -len(s.outlets))]
    picked, fresh = ranked[:stories], ranked[stories : stories + max(1, stories // 3)]
    on_framing = ranked[stories + len(fresh) : 2 * stories + len(fresh)]
    for label in ("story switch (first visit)", "story switch (revisit)"):
        times[label] = []
        for story_id in picked:
            app.session_state["story"] = story_id
            times[label].append(_timed_run(app))
    StoryContent.wait_ahead(600)
    for label in ("tab switch (first visit)", "tab switch (revisit)"):
        times[label] = []
        for story_id in fresh:
            app.session_state["tab"] = story.TABS[0].name
            app.session_state["story"] = story_id
            app.run()
            time.sleep(read if label.endswith("(first visit)") else 0)
            for tab in (*story.TABS[1:], story.TABS[0]):
                app.session_state["tab"] = tab.name
                times[label].append(_timed_run(app))
            StoryContent.wait_ahead(600)
    # A reader comparing the framing of one story after another: nothing of the next story is ready.
    label = "story switch on the Framing tab (first visit)"
    app.session_state["tab"], times[label] = "Framing", []
    for story_id in on_framing:
        app.session_state["story"] = story_id
        times[label].append(_timed_run(app))
    return times


def render(times: dict[str, list[float]], articles: int, stories: int) -> str:
    lines = [
        f"Dashboard on a built corpus of {articles:,} articles ({stories:,} stories), AppTest, seconds per rerun:",
        "",
        "| action | runs | median | p90 | max |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, values in times.items():
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        lines.append(f"| {label} | {len(values)} | {statistics.median(values):.2f} | {p90:.2f} | {max(values):.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "abp" / "sample10k.jsonl.gz")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/parallax-bench-10k"))
    parser.add_argument("--stories", type=int, default=9, help="stories to switch between")
    parser.add_argument("--read", type=float, default=0.0, help="seconds on a story's first tab before switching tabs")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"benchmark data not found at {args.data} (set --data or PARALLAX_SHARED_DATA)")
    corpus = prepare(args.data, args.corpus)
    opened = pipeline.open_corpus(corpus)
    print(render(measure(corpus, args.stories, args.read), len(opened.articles), len(opened.stories)))


if __name__ == "__main__":
    main()
