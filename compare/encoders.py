"""Ways to run one sentence-transformers model: PyTorch on CPU, PyTorch on a CUDA device, ONNX Runtime.

The model is the same in each; only the engine differs. ONNX Runtime runs a graph exported
here, once, from the PyTorch weights the model package ships (nothing is downloaded), with
BERT's attention, GELU and layer-norm fused into single kernels: on this project's 2-core
machines that embeds the bundled MiniLM about 1.2–2 times faster than PyTorch with the same
vectors (cosine 1.0000). The exported graph is cached in the user cache, keyed by the model's
files and the library versions, so later processes only load it. Once a process has checked
that the model's tokenizer file tokenises exactly as sentence-transformers does (``graph_recipe``),
later processes run the graph with that tokenizer alone (``GraphEncoder``), never importing
PyTorch or sentence-transformers.

Every engine is judged by ``compare.embed.choose_runtime`` against PyTorch float32 on probe
texts before it is used; one whose vectors drift is never chosen.
"""

from __future__ import annotations

import hashlib
import logging
import os
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from compare import settings
from compare.store import atomic_write_bytes

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

#: Bump when the exported graph changes (inputs, outputs, fusions), so cached exports are redone.
EXPORT_VERSION = 1
#: ONNX operator set of the export; 17 has LayerNormalization, which the fusions build on.
_OPSET = 17
#: Model families whose attention ONNX Runtime's transformer optimizer knows how to fuse.
_FUSABLE = {"bert": "bert", "roberta": "bert", "distilbert": "bert", "mpnet": "bert", "xlm-roberta": "bert"}


class Encoder(Protocol):
    """Texts in, one float32 row per text out (not yet normalised)."""

    runtime: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class TorchEncoder:
    """sentence-transformers' own ``encode``, on CPU or a CUDA device, in float32 or a reduced precision."""

    def __init__(self, model: SentenceTransformer, device: str = "cpu", dtype: str = "float32") -> None:
        import torch

        self.model = model
        if device != "cpu" or dtype != "float32":
            # a copy: casting the shared CPU model down and back would lose bits
            import copy

            self.model = copy.deepcopy(model).to(device=device, dtype=getattr(torch, dtype))
        self.device = device
        self.runtime = f"{'cuda' if device.startswith('cuda') else 'torch'}-{dtype}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for rows in length_batches(texts):
            vectors = self.model.encode(
                [texts[i] for i in rows],
                batch_size=len(rows),
                convert_to_numpy=True,
                show_progress_bar=False,
                device=self.device,
            )
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out


class OnnxEncoder:
    """The model's graph under ONNX Runtime, tokenised exactly as sentence-transformers tokenises it."""

    runtime = "onnx-float32"

    def __init__(self, model: SentenceTransformer, source: str, threads: int = 0) -> None:
        self.model = model
        self.session = _session(exported_graph(model, source), threads)
        self.inputs = [i.name for i in self.session.get_inputs()]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        dim = self.session.get_outputs()[0].shape[-1]
        out = np.zeros((len(texts), dim if isinstance(dim, int) else 0), dtype=np.float32)
        for rows in length_batches(texts):
            features = self.model.preprocess([texts[i] for i in rows])
            feed = {name: features[name].numpy().astype(np.int64) for name in self.inputs}
            vectors = self.session.run(None, feed)[0]
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out


class GraphEncoder:
    """An exported graph under ONNX Runtime, tokenised by the model's own fast tokenizer file: the same
    vectors as ``OnnxEncoder`` without importing PyTorch or sentence-transformers (about ten seconds and
    a few hundred MB in every process that embeds: each build worker, the dashboard, a cluster worker).

    Made only from a ``GraphRecipe`` that ``graph_recipe`` checked against sentence-transformers' own
    tokenisation."""

    runtime = "onnx-float32"

    def __init__(self, recipe: GraphRecipe, threads: int = 0) -> None:
        self.recipe = recipe
        self.tokenizer = recipe.tokenizer_object()
        self.session = _session(Path(recipe.graph), threads)
        self.inputs = [i.name for i in self.session.get_inputs()]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        dim = self.session.get_outputs()[0].shape[-1]
        out = np.zeros((len(texts), dim if isinstance(dim, int) else 0), dtype=np.float32)
        for rows in length_batches(texts):
            features = self.recipe.features(self.tokenizer, [texts[i] for i in rows])
            vectors = self.session.run(None, {name: features[name] for name in self.inputs})[0]
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out


@dataclass(frozen=True)
class GraphRecipe:
    """What running an exported graph takes without the PyTorch model: the graph file, the tokenizer file and
    how sentence-transformers calls it (input limit, lower-casing, padding token). Plain values, so it is
    remembered in the user cache beside the model's other facts."""

    graph: str
    tokenizer: str
    max_tokens: int
    lower_case: bool
    pad_id: int
    pad_token: str
    pad_type_id: int = 0

    def usable(self) -> bool:
        """Both files still there (a cleared cache or an updated model package makes the recipe stale)."""
        return Path(self.graph).is_file() and Path(self.tokenizer).is_file()

    def tokenizer_object(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(self.tokenizer)
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding(pad_id=self.pad_id, pad_token=self.pad_token, pad_type_id=self.pad_type_id)
        return tokenizer

    def features(self, tokenizer: Any, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The graph's inputs for ``texts``, as sentence-transformers' ``preprocess`` makes them."""
        cleaned = [text.strip().lower() if self.lower_case else text.strip() for text in texts]
        encodings = tokenizer.encode_batch(cleaned)
        return {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }


#: Texts whose tokenisation must come out identical before a recipe is trusted: cases, accents, symbols,
#: stray spaces, an empty text, and one far past any model's input limit (truncation).
_TOKENISER_PROBES = (
    "The Ministry said on Tuesday that talks would resume.",
    "  Café owners in Zürich — “furious” — cited €2.5bn in losses (Reuters).  ",
    "",
    "ALL CAPS HEADLINE: U.S. Sen. O'Neill's 3rd try @ 9:45 p.m. #vote https://example.org/a?b=c",
    "日本 and 中国 officials met; naïve résumé façade.",
    " ".join(["word"] * 2000),
)


def graph_recipe(model: SentenceTransformer, source: str) -> GraphRecipe | None:
    """A checked recipe for running ``model``'s exported graph without it, or None when its tokenisation cannot
    be reproduced from its tokenizer file (then the model itself tokenises, as ``OnnxEncoder`` does)."""
    first: Any = model[0]
    tokenizer = getattr(first, "tokenizer", None)
    folder = Path(source)
    file = folder / "tokenizer.json"
    limit = model.max_seq_length
    if tokenizer is None or not file.is_file() or getattr(tokenizer, "padding_side", "right") != "right":
        return None
    if not isinstance(limit, int) or limit <= 0:  # no finite input limit: nothing to truncate at
        return None
    try:
        recipe = GraphRecipe(
            graph=str(exported_graph(model, source)),
            tokenizer=str(file),
            max_tokens=limit,
            lower_case=bool(getattr(first, "do_lower_case", False)),
            pad_id=int(tokenizer.pad_token_id),
            pad_token=str(tokenizer.pad_token),
            pad_type_id=int(getattr(tokenizer, "pad_token_type_id", 0) or 0),
        )
        ours = recipe.features(recipe.tokenizer_object(), _TOKENISER_PROBES)
        theirs = model.preprocess(list(_TOKENISER_PROBES))
        inputs = [i.name for i in _session(Path(recipe.graph), 1).get_inputs()]
    except Exception as exc:  # any surprise means: keep the model's own tokenisation
        log.info("no torch-free ONNX recipe for %s (%s: %s)", source, type(exc).__name__, exc)
        return None
    for name in inputs:
        if name not in ours or name not in theirs or not np.array_equal(ours[name], theirs[name].numpy()):
            log.info("no torch-free ONNX recipe for %s: its tokenizer file tokenises %s differently", source, name)
            return None
    return recipe


def _session(path: Path, threads: int) -> Any:
    """An ONNX Runtime session for ``path`` on ``threads`` threads (0: ``EMBED_THREADS`` or every core)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads or settings.EMBED_THREADS or os.cpu_count() or 1
    options.log_severity_level = 3  # warnings about unused initialisers are noise to a user
    # no memory arena: it would keep the largest batch's activations (hundreds of MB) for the whole build
    options.enable_cpu_mem_arena = False
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def length_batches(texts: Sequence[str]) -> list[np.ndarray]:
    """Row numbers of ``texts`` in batches of like lengths, longest first (little is wasted on padding), each
    at most ``EMBED_BATCH_SIZE`` texts and ``EMBED_BATCH_CHARS`` characters of padded width: a batch of long
    passages is smaller, so the attention's memory stays about the same whatever the texts' length."""
    order = np.argsort([-len(t) for t in texts], kind="stable")
    batches: list[np.ndarray] = []
    start = 0
    while start < len(order):
        widest = max(1, len(texts[order[start]]))  # the first text of a batch is its longest
        size = max(1, min(settings.EMBED_BATCH_SIZE, settings.EMBED_BATCH_CHARS // widest))
        batches.append(order[start : start + size])
        start += size
    return batches


def onnx_supported(model: SentenceTransformer) -> bool:
    """True for a transformer model followed by pooling-style modules the tracer can follow.

    Static-embedding and custom models stay on PyTorch: tracing them is not known to be exact.
    """
    first = model[0] if len(model) else None
    if first is None or not hasattr(first, "auto_model"):
        return False
    known = {"Transformer", "Pooling", "Normalize", "Dense"}
    return all(type(module).__name__ in known for module in model)


def exported_graph(model: SentenceTransformer, source: str) -> Path:
    """The ONNX graph of ``model``, exported once and cached; raises when export is impossible."""
    path = _export_path(model, source)
    if path.is_file():
        return path
    log.info("exporting %s to ONNX once (cached at %s)", source, path)
    graph = _export(model)
    graph = _fuse(graph, model)
    atomic_write_bytes(path, graph)
    return path


def _export_path(model: SentenceTransformer, source: str) -> Path:
    import onnxruntime
    import torch

    digest = hashlib.sha256()
    for part in (str(EXPORT_VERSION), torch.__version__, onnxruntime.__version__, str(model)):
        digest.update(part.encode())
    folder = Path(source)
    if folder.is_dir():  # the weights themselves, so an updated model package is exported again
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            stat = file.stat()
            digest.update(f"{file.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    else:
        digest.update(source.encode())
    return settings.USER_CACHE_DIR / "onnx" / f"{digest.hexdigest()[:20]}.onnx"


def _traceable(model: SentenceTransformer, names: Sequence[str]) -> Any:
    """The whole pipeline (transformer, pooling, …) as a module of positional tensors, which the tracer needs."""
    import torch

    class Pipeline(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.model(dict(zip(names, tensors, strict=True)))["sentence_embedding"]

    return Pipeline().eval()


def _export(model: SentenceTransformer) -> bytes:
    """Trace the pipeline with eager attention (the form ONNX Runtime can fuse) and return the graph's bytes."""
    import io
    import warnings

    import torch

    transformer: Any = model[0].auto_model  # a Hugging Face model: its attributes are not typed
    previous = transformer.config._attn_implementation
    features = model.preprocess(["A short probe.", "A somewhat longer probe sentence for the export trace."])
    names = [k for k, v in features.items() if isinstance(v, torch.Tensor)]
    buffer = io.BytesIO()
    try:
        transformer.set_attn_implementation("eager")
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about Python-side shape checks
            torch.onnx.export(
                _traceable(model, names),
                tuple(features[n] for n in names),
                typing.cast(Any, buffer),  # torch accepts a file object; its stubs say path
                input_names=names,
                output_names=["sentence_embedding"],
                dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "sentence_embedding": {0: "batch"}},
                opset_version=_OPSET,
                dynamo=False,
            )
    finally:
        transformer.set_attn_implementation(previous)
    return buffer.getvalue()


def _fuse(graph: bytes, model: SentenceTransformer) -> bytes:
    """Fuse attention, GELU and layer norms where the model family is known; the plain graph otherwise."""
    transformer: Any = model[0].auto_model
    config = transformer.config
    family = _FUSABLE.get(getattr(config, "model_type", ""))
    if family is None:
        return graph
    import tempfile

    try:
        from onnxruntime.transformers import optimizer

        with tempfile.TemporaryDirectory() as tmp:
            plain = Path(tmp) / "plain.onnx"
            plain.write_bytes(graph)
            fused = optimizer.optimize_model(
                str(plain),
                model_type=family,
                num_heads=int(config.num_attention_heads),
                hidden_size=int(config.hidden_size),
                opt_level=1,
            )
            return fused.model.SerializeToString()  # type: ignore[no-any-return]
    except Exception as exc:  # the optimizer is best effort: the plain graph is exact too
        log.warning("ONNX fusion skipped (%s: %s); using the plain export", type(exc).__name__, exc)
        return graph
