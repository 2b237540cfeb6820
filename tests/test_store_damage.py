"""store damage: every file of a build and of its cache, damaged in turn, is detected and recovered.

One small corpus is built once per module; each case copies it, damages one cache file (emptied,
cut to half, overwritten with garbage, or for JSON files replaced by a JSON value of the wrong
kind), then opens it the way the CLI and the dashboard do. Each must give the undamaged build's
stories and framing, never a crash, and say in a warning which file it found damaged.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare import embed, pipeline, settings, store
from compare.cli import main
from compare.framing.distinctive import TERMS_TOKENIZER
from tests.test_embed_cache import CountingEmbedder

ARTICLE = (
    "{title}\n\nFloodwaters rose overnight in Harbor Point after the river burst its banks, forcing the evacuation "
    'of about four hundred homes, Mayor Ellen Ruiz said on Tuesday. "We have never seen water this high," Ruiz '
    "told reporters. {extra}\n"
)
ARTICLES = {
    "gazette.txt": ("Harbor Point floods as river bursts banks", "Officials blamed days of heavy rain upstream."),
    "herald.txt": ("River floods Harbor Point homes", "Critics said the city ignored warnings about the levee."),
    "courier.txt": ("Council approves new budget", "The vote was seven to two after a long debate on taxes."),
}
OUTLETS = "file,outlet\ngazette.txt,Gazette\nherald.txt,Herald\ncourier.txt,Courier\n"
#: The cache files (relative to the cache folder; "build/" is the published build folder).
FILES = (
    *(
        f"build/{name}/part-00000.parquet"
        for name in ("articles", "vectors", "report", "stories", "quotes", "passages", "internal_reuse")
    ),
    f"build/terms-{TERMS_TOKENIZER}/part-00000.parquet",
    "build/entities/part-00000.parquet",
    "build/meta.json",
    store.POINTER,
    "vectors/units-*/build-*/units/part-00000.parquet",
    "vectors/units-*/build-*/meta.json",
    f"vectors/units-*/{store.POINTER}",
)
DAMAGES = ("empty", "half", "garbage")
JSON_DAMAGES = ("list", "number", "string")
CASES = [(f, d) for f in FILES for d in (*DAMAGES, *(JSON_DAMAGES if f.endswith(".json") else ()))]


@pytest.fixture(autouse=True)
def _fast_build(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A hashed bag-of-words model instead of the real one, and entities stored even for short stories."""
    model = CountingEmbedder()
    monkeypatch.setattr(embed, "default_embedder", lambda: model)
    monkeypatch.setattr(settings, "NAMING_STORE_MIN_WORDS", 10)
    yield


@pytest.fixture
def built(tmp_path_factory: pytest.TempPathFactory, _fast_build: None) -> Path:
    return _built(tmp_path_factory)


_BUILT: dict[str, Path] = {}


def _built(factory: pytest.TempPathFactory) -> Path:
    """The corpus built once for the module (with the fake model the autouse fixture installs)."""
    if "corpus" not in _BUILT:
        folder = factory.mktemp("damage") / "corpus"
        folder.mkdir()
        for name, (title, extra) in ARTICLES.items():
            (folder / name).write_text(ARTICLE.format(title=title, extra=extra))
        (folder / "manifest.csv").write_text(OUTLETS)
        pipeline.build(folder)
        _BUILT["corpus"] = folder
    return _BUILT["corpus"]


def _stories(corpus: pipeline.Corpus) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.story_id, tuple(s.article_ids)) for s in corpus.stories]


def _compared(corpus: pipeline.Corpus) -> str:
    """The story told by two outlets (the one whose framing reads the lazily read tables)."""
    return next(s.story_id for s in corpus.stories if len(s.outlets) > 1)


def _framing(corpus: pipeline.Corpus) -> list[tuple[str, str, str]]:
    return [(i.outlet, i.indicator, str(i.value)) for i in corpus.story_framing(_compared(corpus))]


def _damage(corpus: Path, relative: str, damage: str) -> Path:
    """Damage the cache file ``relative`` names; returns its path."""
    root = store.cache_dir(corpus)
    pattern = relative.replace("build/", f"build-{pipeline.build_key(corpus)}/")
    (target,) = root.glob(pattern)
    data = target.read_bytes()
    replacement = {
        "empty": b"",
        "half": data[: len(data) // 2],
        "garbage": b"\x00\xffnot a cache file\x93NUMPY" * 40,
        "list": b'["key", 1]',
        "number": b"42",
        "string": b'"build"',
    }[damage]
    target.write_bytes(replacement)
    return target


def _cli(*argv: str) -> list[dict]:
    out = io.StringIO()
    assert main(list(argv), out=out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize(("relative", "damage"), CASES, ids=[f"{f}-{d}" for f, d in CASES])
def test_store_damage_is_detected_and_recovered(
    built: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, relative: str, damage: str
) -> None:
    expected = pipeline.open_corpus(built)
    stories, framing = _stories(expected), _framing(expected)
    corpus = tmp_path / "corpus"
    shutil.copytree(built, corpus)

    caplog.set_level(logging.WARNING)
    target = _damage(corpus, relative, damage)
    listed = _cli("stories", str(corpus), "--json")  # the CLI
    assert [(s["story_id"], tuple(s["article_ids"])) for s in listed] == stories
    cli_framing = _cli("framing", str(corpus), "--story", _compared(expected), "--json")
    assert [(r["outlet"], r["indicator"], str(r["value"])) for r in cli_framing] == framing
    assert any(target.name in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING), (
        "a warning names the damaged file"
    )

    _damage(corpus, relative, damage)  # again, for the dashboard's path (the CLI's open may have rebuilt it)
    assert not pipeline.is_built(corpus) or pipeline.open_corpus(corpus) is not None
    opened = pipeline.open_corpus(corpus)
    assert _stories(opened) == stories
    opened.term_prior, opened.stored_entities  # noqa: B018 - read lazily, as the Framing tab does
    assert _framing(opened) == framing
    assert pipeline.is_built(corpus), "after recovery the corpus is built again"
    assert _stories(pipeline.open_corpus(corpus)) == stories


#: The files the dashboard reads when it opens a corpus and its Framing tab, damaged for the app test.
APP_CASES = (
    "build/stories/part-00000.parquet",
    f"build/terms-{TERMS_TOKENIZER}/part-00000.parquet",
    "build/entities/part-00000.parquet",
    store.POINTER,
)


@pytest.mark.parametrize("relative", APP_CASES)
def test_store_damage_dashboard_opens_and_frames_the_story(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: str
) -> None:
    """The real dashboard (Streamlit's AppTest) on a corpus with one damaged file: no exception, no error,
    and the Framing tab of the two-outlet story shows its panels."""
    from streamlit.testing.v1 import AppTest

    corpus = tmp_path / "corpus"
    shutil.copytree(built, corpus)
    _damage(corpus, relative, "garbage")
    monkeypatch.setattr(settings, "WORKSPACE_DIR", tmp_path / "my-articles")
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.session_state["corpus_source"] = "Another folder…"
    at.session_state["folder"] = str(corpus)
    at.run()
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    at.session_state["story"] = _compared(pipeline.open_corpus(corpus))
    at.session_state["tab"] = "Framing"
    at.run()
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    shown = "\n".join([h.value for h in at.subheader] + [str(h.proto.body) for h in at.get("html")])
    assert "Headline and lede" in shown and "How each outlet names the actors" in shown
