"""Do the fast build's vectors change the Framing tables? Aspects, frames and reworded claims of multi-outlet stories,
from the build's stored vectors (the engine the precision check chose, run in the build's one-thread workers) and
from sentence-transformers' own float32 ``encode`` in this process (what every build used before the fast engines).

Stories are a seeded sample of a built corpus's multi-outlet stories. Each table is compared cell by cell; a table
that differs is listed with what differs (rows only one side has, and cells that changed), so each difference can
be explained, not only counted.

    .venv/bin/python -m benchmarks framing_parity CORPUS [--stories 30] [--seed 0]

The stories are the build's own; only the sentence vectors differ between the two sides.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare import framing, pipeline  # noqa: E402
from compare.embed import Embedder, SentenceTransformerEmbedder  # noqa: E402
from compare.passages import reworded_claims  # noqa: E402
from compare.story.common import main_articles  # noqa: E402

#: Each compared table, made for one story of a corpus from the given sentence vectors.
_TABLES: dict[str, Callable[[pipeline.Corpus, str, Embedder], pd.DataFrame]] = {
    "aspects": lambda corpus, sid, embedder: framing.aspects(framing.story_text(corpus.story_articles(sid)), embedder),
    "frames": lambda corpus, sid, embedder: framing.frames(framing.story_text(corpus.story_articles(sid)), embedder),
    "reworded claims": lambda corpus, sid, embedder: pd.DataFrame(
        [c.to_dict() for c in reworded_claims(list(main_articles(corpus.story_articles(sid)).values()), embedder)]
    ),
}


#: How alike two versions of a table are, from most to least: the first that holds is reported.
IDENTICAL = "identical"
ROUNDING = "same at 2 decimals (figures within bfloat16 rounding)"
LABEL_ONLY = "same rows and figures; another sentence of the same aspect names it"
DIFFERENT = "different"
# Columns that only name a row (an aspect's label is its sentence nearest the aspect's centre).
_NAMING_COLUMNS = ("label",)


def _cells(frame: pd.DataFrame, decimals: int, skip: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """A table as comparable rows: every cell as text, floats rounded to ``decimals``, ``skip`` columns left out."""
    kept = frame[[c for c in frame.columns if c not in skip]]

    def cell(value: object) -> str:
        return f"{value:.{decimals}f}" if isinstance(value, float) else str(value)

    return [tuple(cell(v) for v in row) for row in kept.itertuples(index=False)]


def _largest_figure_change(before: pd.DataFrame, after: pd.DataFrame) -> float:
    numbers = [c for c in before.columns if pd.api.types.is_float_dtype(before[c])]
    if not numbers or len(before) != len(after):
        return float("nan")
    return float((before[numbers].to_numpy() - after[numbers].to_numpy()).__abs__().max(initial=0.0))


def compare_tables(before: pd.DataFrame, after: pd.DataFrame) -> tuple[str, list[str]]:
    """How alike two versions of one table are (one of the levels above), and what differs when not identical."""
    if list(before.columns) != list(after.columns):
        return DIFFERENT, [f"columns {list(before.columns)} -> {list(after.columns)}"]
    if _cells(before, 3) == _cells(after, 3):
        return IDENTICAL, []
    change = _largest_figure_change(before, after)
    if _cells(before, 2) == _cells(after, 2):
        return ROUNDING, [f"largest change of a figure {change:.4f}"]
    naming = tuple(c for c in _NAMING_COLUMNS if c in before.columns)
    level = LABEL_ONLY if naming and _cells(before, 2, naming) == _cells(after, 2, naming) else DIFFERENT
    rows_before, rows_after = _cells(before, 2), _cells(after, 2)
    only_before = [r for r in rows_before if r not in rows_after]
    only_after = [r for r in rows_after if r not in rows_before]
    lines = [f"{len(rows_before)} rows -> {len(rows_after)}; {len(only_before)} changed or gone"]
    lines += ["  before: " + " | ".join(v[:50] for v in row) for row in only_before[:3]]
    lines += ["  after:  " + " | ".join(v[:50] for v in row) for row in only_after[:3]]
    return level, lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="a corpus folder already built")
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.corpus is None:
        print("framing_parity: give a built corpus folder (skipped)")
        return

    corpus = pipeline.open_corpus(args.corpus)
    multi = sorted(s.story_id for s in corpus.stories if len(s.outlets) > 1)
    chosen = sorted(random.Random(args.seed).sample(multi, min(args.stories, len(multi))))
    built = corpus.sentence_embedder
    reference = SentenceTransformerEmbedder(runtime="torch-float32")
    print(f"{len(chosen)} of {len(multi)} multi-outlet stories; build vectors: {built.name}; before: {reference.name}")
    levels: dict[str, dict[str, int]] = {
        t: dict.fromkeys((IDENTICAL, ROUNDING, LABEL_ONLY, DIFFERENT), 0) for t in _TABLES
    }
    for story_id in chosen:
        for table, make in _TABLES.items():
            level, lines = compare_tables(make(corpus, story_id, reference), make(corpus, story_id, built))
            levels[table][level] += 1
            if level != IDENTICAL:
                print(f"\n{story_id} ({len(corpus.story_articles(story_id))} articles) {table}: {level}")
                print("\n".join(lines))
    print(f"\n| table | {' | '.join(levels['aspects'])} |\n|---|" + "---:|" * 4)
    for table, counts in levels.items():
        print(f"| {table} | " + " | ".join(str(n) for n in counts.values()) + " |")


if __name__ == "__main__":
    main()
