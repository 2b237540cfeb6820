"""Vectors are cached by (model, text): a rebuild embeds only new or edited articles, a story view nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from compare.embed import (
    CachedEmbedder,
    CorpusVectors,
    Embedder,
    article_vectors,
    chunk_article,
    embed_articles,
    open_vector_store,
    sentence_units,
)
from compare.model import Article
from compare.nlp import sentence_spans
from compare.vector_store import text_key


class CountingEmbedder(Embedder):
    """Deterministic hashed bag-of-words vectors; remembers every text it was asked to embed."""

    name = "counting"
    dim = 32
    max_words = 40

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                rows[row, sum(map(ord, word)) % self.dim] += 1.0
        rows[:, 0] += 1e-3  # no all-zero row
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _article(n: int, text: str | None = None) -> Article:
    body = text or " ".join(f"Sentence {n} number {k} about topic {n}." for k in range(20))
    return Article(id=f"a{n}", outlet=f"outlet{n % 3}", title=f"Headline {n}", text=body, file=f"{n}.txt")


@pytest.fixture
def corpus() -> list[Article]:
    return [_article(n) for n in range(6)]


def test_embed_cache_second_build_embeds_nothing(tmp_path: Path, corpus: list[Article]) -> None:
    embedder = CountingEmbedder()
    first = article_vectors(corpus, embedder, cache_dir=tmp_path)
    embedder.seen.clear()
    second = article_vectors(corpus, embedder, cache_dir=tmp_path)
    assert embedder.seen == []
    assert np.array_equal(first, second)


@pytest.mark.parametrize("change", ["add", "edit"])
def test_embed_cache_rebuild_embeds_only_the_changed_article(
    tmp_path: Path, corpus: list[Article], change: str
) -> None:
    embedder = CountingEmbedder()
    article_vectors(corpus, embedder, cache_dir=tmp_path)
    embedder.seen.clear()
    changed = _article(99) if change == "add" else _article(2, "A rewritten body. It has two sentences.")
    updated = [*corpus, changed] if change == "add" else [changed if a.id == "a2" else a for a in corpus]
    vectors = article_vectors(updated, embedder, cache_dir=tmp_path)
    alone = CountingEmbedder()
    embed_articles([changed], alone)
    assert embedder.seen == alone.seen
    assert vectors.shape == (len(updated), embedder.dim)


def test_embed_cache_matches_uncached_vectors_in_input_order(tmp_path: Path, corpus: list[Article]) -> None:
    embedder = CountingEmbedder()
    article_vectors(corpus, embedder, cache_dir=tmp_path)
    shuffled = corpus[::-1]
    assert np.allclose(article_vectors(shuffled, embedder, cache_dir=tmp_path), embed_articles(shuffled, embedder))


def test_embed_cache_same_text_is_embedded_once(tmp_path: Path) -> None:
    twins = [_article(1), Article(id="copy", outlet="other", title="Headline 1", text=_article(1).text, file="c")]
    embedder = CountingEmbedder()
    vectors = article_vectors(twins, embedder, cache_dir=tmp_path)
    alone = CountingEmbedder()
    embed_articles(twins[:1], alone)
    assert embedder.seen == alone.seen
    assert np.array_equal(vectors[0], vectors[1])


def _store_parts(cache: Path) -> list[Path]:
    """The parts of the published version of the (one) vector store in ``cache``."""
    (folder,) = cache.iterdir()
    return sorted(folder.glob("build-*/units/part-*.parquet"))


@pytest.mark.parametrize("damage", ["part", "meta", "pointer"])
def test_embed_cache_damaged_store_is_rebuilt(tmp_path: Path, corpus: list[Article], damage: str) -> None:
    embedder = CountingEmbedder()
    expected = article_vectors(corpus, embedder, cache_dir=tmp_path)
    (part,) = _store_parts(tmp_path)
    target = {"part": part, "meta": part.parent.parent / "meta.json", "pointer": part.parents[2] / "current.json"}
    target[damage].write_bytes(b"not a store file")
    embedder.seen.clear()
    assert np.allclose(article_vectors(corpus, embedder, cache_dir=tmp_path), expected)
    assert embedder.seen  # the damaged store was not trusted
    embedder.seen.clear()
    article_vectors(corpus, embedder, cache_dir=tmp_path)
    assert embedder.seen == []  # the rebuilt store is whole again


def test_embed_cache_leaves_one_version_and_no_staging(tmp_path: Path, corpus: list[Article]) -> None:
    article_vectors(corpus, CountingEmbedder(), cache_dir=tmp_path)
    article_vectors(corpus[:3], CountingEmbedder(), cache_dir=tmp_path)
    (folder,) = tmp_path.iterdir()
    names = sorted(p.name for p in folder.iterdir() if p.name != ".publish.lock")
    assert len(names) == 2 and names[0].startswith("build-") and names[1] == "current.json"


def test_embed_cache_holds_only_the_current_articles(tmp_path: Path, corpus: list[Article]) -> None:
    embedder = CountingEmbedder()
    article_vectors(corpus, embedder, cache_dir=tmp_path)
    article_vectors(corpus[:2], embedder, cache_dir=tmp_path)
    units = {t for a in corpus[:2] for t in chunk_article(a.title, a.text, embedder.max_words)[0]}
    assert len(open_vector_store(tmp_path, embedder)) == len(units)


def test_embed_cache_store_is_parquet_in_the_order_texts_were_used(tmp_path: Path, corpus: list[Article]) -> None:
    """Any Parquet reader takes the store as it is, and rows follow the build's use: a story's sentences
    sit side by side, so a story view reads a few row groups."""
    embedder = CountingEmbedder()
    _build_vectors(tmp_path, embedder, corpus, corpus[:2])
    table = pq.read_table(_store_parts(tmp_path)[0])
    assert table.schema.field("vector").type == pa.list_(pa.float16(), embedder.dim)
    grouping = [t for a in corpus for t in chunk_article(a.title, a.text, embedder.max_words)[0]]
    sentences = [u for a in corpus[:2] for u in sentence_units(a, embedder.max_words)]
    order = list(dict.fromkeys(text_key(t) for t in [*grouping, *sentences]))
    assert table.column("key").to_pylist() == order
    vectors = np.array(table.column("vector").to_pylist(), dtype=np.float32)
    assert np.allclose(vectors[order.index(text_key(sentences[-1]))], embedder.embed([sentences[-1]])[0], atol=1e-3)


def test_embed_cache_reads_the_earlier_one_file_store_then_replaces_it(tmp_path: Path, corpus: list[Article]) -> None:
    """An upgrade re-embeds nothing: the sorted ``.npy`` store of earlier versions answers until the first save,
    which writes the Parquet store and removes the old file."""
    embedder = CountingEmbedder()
    expected = article_vectors(corpus, embedder, cache_dir=tmp_path / "new")
    units = list(dict.fromkeys(t for a in corpus for t in chunk_article(a.title, a.text, embedder.max_words)[0]))
    rows = np.zeros(len(units), dtype=[("key", "S16"), ("vector", np.float16, (embedder.dim,))])
    rows["key"] = [text_key(u) for u in units]
    rows["vector"] = embedder.embed(units)
    rows.sort(order="key")
    legacy = open_vector_store(tmp_path / "old", embedder).folder
    assert legacy is not None
    legacy.parent.mkdir()
    np.save(legacy.with_name(f"{legacy.name}.npy"), rows, allow_pickle=False)
    embedder.seen.clear()
    assert np.allclose(article_vectors(corpus, embedder, cache_dir=tmp_path / "old"), expected, atol=1e-3)
    assert embedder.seen == []
    assert [p.name for p in (tmp_path / "old").iterdir()] == [legacy.name]
    assert len(open_vector_store(tmp_path / "old", embedder)) == len(units)


def test_embed_cache_lookup_reads_only_the_row_groups_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story view's lookup of a few texts in a big store reads the row groups that hold them, not the store."""
    import compare.vector_store as vector_store

    monkeypatch.setattr(vector_store, "GROUP_ROWS", 8)
    monkeypatch.setattr(vector_store, "PART_ROWS", 64)
    embedder = CountingEmbedder()
    texts = [f"text number {k} of many" for k in range(300)]
    vectors = CorpusVectors(tmp_path, embedder, keep=texts)
    vectors.save()
    stored = open_vector_store(tmp_path, embedder)
    assert len(_store_parts(tmp_path)) == 5
    groups: list[int] = []
    assert stored._table is not None
    for _, part in stored._table.files:
        real = part.read_row_groups
        monkeypatch.setattr(part, "read_row_groups", lambda g, real=real, **kw: groups.extend(g) or real(g, **kw))
    asked = [texts[5], texts[150], texts[299], "never stored"]
    found, hit = stored.lookup([text_key(t) for t in asked])
    assert hit.tolist() == [True, True, True, False] and len(groups) == 3  # of 38 row groups
    assert np.allclose(found[:3], embedder.embed(asked[:3]), atol=1e-3)


def _build_vectors(tmp_path: Path, embedder: Embedder, corpus: list[Article], compared: list[Article]) -> None:
    """What a build does: grouping vectors of every article, then the sentences of the compared ones."""
    vectors = CorpusVectors(tmp_path, embedder)
    vectors.articles(corpus)
    vectors.sentences(compared)
    vectors.save()


def test_embed_cache_serves_story_sentences_without_the_model(tmp_path: Path, corpus: list[Article]) -> None:
    """After a build, the framing panels' sentence vectors come from the store, not from the model."""
    embedder = CountingEmbedder()
    _build_vectors(tmp_path, embedder, corpus, corpus[:2])
    embedder.seen.clear()
    sentences = [a.text[start:end] for a in corpus[:2] for start, end in sentence_spans(a.text)]
    cached = CachedEmbedder(embedder, open_vector_store(tmp_path, embedder))
    vectors = cached.embed(sentences)
    assert embedder.seen == []
    assert vectors.dtype == np.float32
    assert np.allclose(vectors, CountingEmbedder().embed(sentences), atol=1e-3)
    cached.embed(["A sentence no article has.", "A sentence no article has."])
    assert embedder.seen == ["A sentence no article has."]  # embedded once, then remembered


def test_embed_cache_embeds_sentences_only_of_compared_articles(tmp_path: Path, corpus: list[Article]) -> None:
    embedder = CountingEmbedder()
    _build_vectors(tmp_path, embedder, corpus, corpus[:2])
    unneeded = {u for a in corpus[2:] for u in sentence_units(a, embedder.max_words)}
    grouping = {u for a in corpus for u in chunk_article(a.title, a.text, embedder.max_words)[0]}
    assert not (unneeded - grouping) & set(embedder.seen)


def test_embed_cache_new_multi_outlet_story_embeds_just_its_sentences(tmp_path: Path, corpus: list[Article]) -> None:
    embedder = CountingEmbedder()
    _build_vectors(tmp_path, embedder, corpus, corpus[:2])
    embedder.seen.clear()
    _build_vectors(tmp_path, embedder, corpus, corpus[:3])  # a rebuild where a third article joins a story
    stored = {u for a in corpus[:2] for u in sentence_units(a, embedder.max_words)}
    grouping = {u for a in corpus for u in chunk_article(a.title, a.text, embedder.max_words)[0]}
    assert set(embedder.seen) == set(sentence_units(corpus[2], embedder.max_words)) - stored - grouping


def test_embed_cache_keeps_models_apart(tmp_path: Path, corpus: list[Article]) -> None:
    first, second = CountingEmbedder(), CountingEmbedder()
    second.name = "another-model"
    article_vectors(corpus, first, cache_dir=tmp_path)
    article_vectors(corpus, second, cache_dir=tmp_path)
    assert second.seen  # nothing borrowed from the other model's cache
    assert len(list(tmp_path.iterdir())) == 2


def test_embed_cache_empty_corpus(tmp_path: Path) -> None:
    assert article_vectors([], CountingEmbedder(), cache_dir=tmp_path).shape == (0, 32)


class CallCountingEmbedder(CountingEmbedder):
    """Also counts the calls, the unit a model load or a worker hand-off is paid per."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return super().embed(texts)


def test_embed_cache_kept_texts_go_with_the_first_batch_of_articles(tmp_path: Path, corpus: list[Article]) -> None:
    """Texts kept for the story views (frame descriptions) are not embedded alone: a few texts alone would run
    in the build's own process and load the model there too, while the articles go to its workers."""
    embedder = CallCountingEmbedder()
    vectors = CorpusVectors(tmp_path, embedder, keep=["a frame about money", "a frame about safety"])
    assert embedder.calls == 0
    vectors.articles(corpus)
    assert embedder.calls == 1 and embedder.seen[:2] == ["a frame about money", "a frame about safety"]
    vectors.save()
    stored = open_vector_store(tmp_path, embedder)
    assert stored.lookup([text_key("a frame about safety")])[1].all()


def test_embed_cache_kept_texts_are_stored_even_without_articles(tmp_path: Path) -> None:
    embedder = CallCountingEmbedder()
    vectors = CorpusVectors(tmp_path, embedder, keep=["a frame about money"])
    vectors.save()
    assert open_vector_store(tmp_path, embedder).lookup([text_key("a frame about money")])[1].all()


def test_embed_cache_recorded_sentence_keys_skip_cutting_and_store_the_same(
    tmp_path: Path, corpus: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild given the sentence keys the build before recorded cuts no unchanged article again, and
    leaves the store exactly as a rebuild without them; a key set the store lacks is cut and embedded."""
    embedder = CountingEmbedder()
    first = CorpusVectors(tmp_path / "a", embedder)
    first.articles(corpus)
    first.sentences(corpus[:3])
    first.save()
    assert set(first.sentence_keys) == {a.id for a in corpus[:3]}
    assert first.sentence_keys["a0"] == b"".join(text_key(u) for u in sentence_units(corpus[0], embedder.max_words))

    import compare.embed as embed_module

    cut: list[str] = []
    real = embed_module.sentence_units
    monkeypatch.setattr(embed_module, "sentence_units", lambda a, n: cut.append(a.id) or real(a, n))
    known = dict(first.sentence_keys)
    known["a2"] = text_key("a sentence the store never saw")  # recorded, but not stored: cut again
    again = CorpusVectors(tmp_path / "a", embedder)
    again.articles(corpus)
    again.sentences(corpus[:4], known=known)
    again.save()
    assert cut == ["a2", "a3"]
    assert again.sentence_keys["a0"] == first.sentence_keys["a0"]
    assert again.sentence_keys["a2"] == first.sentence_keys["a2"]  # what its text really cuts into

    plain = CorpusVectors(tmp_path / "b", embedder)
    plain.articles(corpus)
    plain.sentences(corpus[:4])
    plain.save()
    with_keys, without = (pq.read_table(_store_parts(tmp_path / d)[0]) for d in "ab")
    assert with_keys.equals(without)
