"""Speed of framing: all indicators of a 20-article story, first run and once its sentences are embedded.

The story is 20 real articles of one topic from different outlets of the
Article-Bias-Prediction sample; the corpus (the distinctive-words prior) is the first
N articles of the sample. Three runs in one process, model loaded first:

- cold: nothing cached (sentences embedded, entities recognised, corpus prior counted);
- corpus built: what a fresh process has after ``build``: the sentence vectors in the
  corpus's vector store on disk and the corpus prior in a stored table, read back
  (timed as "corpus prior"); no in-memory cache, entities not yet recognised;
- warm: everything cached, as when the dashboard re-draws a story.

Wall-clock and CPU seconds are printed per panel; target: all indicators in <= 3 s once
the corpus is built. The baseline in the same run is the embedding the cache saves.

    .venv/bin/python -m benchmarks framing [--outlets 20] [--corpus 2000] [--data PATH]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare import store  # noqa: E402
from compare.caches import clear_caches  # noqa: E402
from compare.embed import CachedEmbedder, Embedder, article_vectors, default_embedder, open_vector_store  # noqa: E402
from compare.evaluate import SHARED_DATA, read_jsonl  # noqa: E402
from compare.framing import (  # noqa: E402
    aspects,
    attribution_verbs,
    distinctive_words,
    frames,
    headline_and_lede,
    loaded_language,
    naming,
    opinion_markers,
    story_text,
    tone,
)
from compare.framing.distinctive import TermPrior, corpus_prior  # noqa: E402
from compare.framing.frames import frame_descriptions  # noqa: E402
from compare.framing.text import embed_cached  # noqa: E402
from compare.model import Article  # noqa: E402

ABP = SHARED_DATA / "abp" / "sample10k.jsonl.gz"
TARGET_SECONDS = 3.0


def load(path: Path, corpus_size: int, outlets: int) -> tuple[list[Article], list[Article]]:
    """The first ``corpus_size`` articles, and a story of one article per outlet on the commonest topic."""
    records = list(itertools.islice(read_jsonl(path), corpus_size))
    corpus = [
        Article(id=str(r["id"]), outlet=r["outlet"], title=r.get("title") or "", text=r["text"], file="")
        for r in records
    ]
    topics = [r["labels"].get("topic") for r in records]
    commonest = max(set(topics), key=topics.count)
    story: dict[str, Article] = {}
    for article, topic in zip(corpus, topics, strict=True):
        if topic == commonest and article.outlet not in story and 300 <= len(article.text.split()) <= 1500:
            story[article.outlet] = article
    return corpus, list(story.values())[:outlets]


def timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def run_all(
    story_articles: list[Article], prior: Callable[[], TermPrior], embedder: Embedder
) -> dict[str, tuple[float, float]]:
    """Seconds per panel (wall, CPU) on a fresh StoryText, as ``frame_story`` runs them."""
    story = story_text(story_articles)
    loaded: list[TermPrior] = []
    panels: dict[str, Callable[[], object]] = {
        "corpus prior": lambda: loaded.append(prior()),
        "headline_and_lede": lambda: headline_and_lede(story),
        "distinctive_words": lambda: distinctive_words(story, loaded[0]),
        "naming": lambda: naming(story),
        "loaded_language": lambda: loaded_language(story, loaded[0]),
        "attribution_verbs": lambda: attribution_verbs(story),
        "tone": lambda: tone(story),
        "opinion_markers": lambda: opinion_markers(story),
        "aspects": lambda: aspects(story, embedder),
        "frames": lambda: frames(story, embedder),
    }
    return {name: timed(panel) for name, panel in panels.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--corpus", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=ABP)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        sys.exit(f"no data at {args.data}: pass --data with a JSON Lines file of articles")
    corpus, story_articles = load(args.data, args.corpus, args.outlets)
    embedder = default_embedder()
    embedder.embed(["warm-up"])
    sentences = [s.text for s in story_text(story_articles).sentences]
    words = sum(len(a.text.split()) for a in story_articles)
    print(f"story: {len(story_articles)} articles, {len(sentences)} sentences, {words} words; corpus {len(corpus)}")

    cold = run_all(story_articles, lambda: corpus_prior(corpus), embedder)
    with tempfile.TemporaryDirectory() as folder:
        built_at = Path(folder)
        # What build stores for these articles:
        article_vectors(story_articles, embedder, cache_dir=built_at, keep=frame_descriptions())
        (built_at / "terms").mkdir()
        corpus_prior(corpus).to_frame().to_parquet(built_at / "terms" / "part-00000.parquet", index=False)
        clear_caches()  # as in a freshly started dashboard (model still loaded)
        from_disk = CachedEmbedder(embedder, open_vector_store(built_at, embedder))
        stored_prior = lambda: TermPrior.from_frame(store.read_table(built_at, "terms"))  # noqa: E731
        built = run_all(story_articles, stored_prior, from_disk)
        known = stored_prior()
        warm = run_all(story_articles, lambda: known, from_disk)
    clear_caches()  # as in a freshly started dashboard (model still loaded)
    embed_wall, embed_cpu = timed(lambda: embed_cached(embedder, sentences))

    runs = {"cold": cold, "corpus built": built, "warm": warm}
    print("\n| panel | " + " | ".join(f"{name} wall s / CPU s" for name in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for panel in cold:
        print(
            f"| {panel} | " + " | ".join(f"{run[panel][0]:.2f} / {run[panel][1]:.2f}" for run in runs.values()) + " |"
        )
    totals = {name: (sum(w for w, _ in run.values()), sum(c for _, c in run.values())) for name, run in runs.items()}
    print("| **all indicators** | " + " | ".join(f"**{w:.2f} / {c:.2f}**" for w, c in totals.values()) + " |")
    print(
        f"\nbaseline, same run: embedding the story's {len(sentences)} sentences alone takes "
        f"{embed_wall:.2f} s wall ({embed_cpu:.2f} s CPU)."
    )
    wall, cpu = totals["corpus built"]
    verdict = "meets" if wall <= TARGET_SECONDS else "misses"
    print(f"once the corpus is built: {wall:.2f} s wall ({cpu:.2f} s CPU), {verdict} the {TARGET_SECONDS:.0f} s target")


if __name__ == "__main__":
    main()
