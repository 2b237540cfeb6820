"""A rebuild updates the corpus-wide stages (shared passages, the term prior) from the build before it,
aligning only the article pairs whose texts or seeds changed and counting only the articles that came
or went, and gives exactly what a build from nothing gives."""

from __future__ import annotations

import random
import shutil
import typing
from collections import Counter
from pathlib import Path

import pytest

from compare import align, embed, pipeline, store
from compare.align import RegionMemo, find_matches, tokenize
from compare.carryover import (
    PAIR_REGIONS_TABLE,
    SENTENCE_KEYS_TABLE,
    _pair_regions_from_frame,
    pair_regions_frame,
)
from compare.framing import distinctive
from compare.framing.distinctive import TermPrior, _count_corpus
from tests.conftest import BUNDLED, SEED_DURAN

_WORDS = tuple(
    [
        "the",
        "minister",
        "said",
        "talks",
        "would",
        "resume",
        "after",
        "a",
        "long",
        "pause",
        "in",
        "Geneva",
        "while",
        "officials",
        "from",
        "Iran",
    ]
)


def _texts(seed: int = 0) -> list[str]:
    """Random texts, some carrying a run of another's words (copy), some with small edits inside it."""
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(_WORDS) + str(rng.randrange(40)) for _ in range(120)) for _ in range(8)]
    for target, source in ((1, 0), (2, 0), (4, 3), (6, 5)):
        words = texts[source].split()[10:60]
        if target == 2:
            words[20] = "changed"
        texts[target] = " ".join(texts[target].split()[:30] + words + texts[target].split()[30:])
    return texts


def _keys(texts: list[str]) -> list[bytes]:
    return [t.encode() for t in texts]  # any per-text identity will do


def _match_tuples(matches: list[align.Match]) -> list[tuple[int, ...]]:
    return [(m.doc_a, m.start_a, m.end_a, m.doc_b, m.start_b, m.end_b, m.identical) for m in matches]


def test_region_memo_gives_the_same_matches_and_aligns_only_changed_pairs() -> None:
    texts = _texts()
    first = RegionMemo(_keys(texts))
    plain = find_matches(tokenize(texts), min_words=12)
    assert _match_tuples(find_matches(tokenize(texts), min_words=12, memo=first)) == _match_tuples(plain)
    assert len(plain) >= 4 and first.reused == 0 and len(first.used) >= 4

    again = RegionMemo(_keys(texts), first.used)
    assert _match_tuples(find_matches(tokenize(texts), min_words=12, memo=again)) == _match_tuples(plain)
    assert again.reused == len(first.used)

    texts[4] = texts[4].replace(texts[3].split()[30], "edited", 1)  # a word inside the copy of 3 in 4
    edited = RegionMemo(_keys(texts), first.used)
    found = find_matches(tokenize(texts), min_words=12, memo=edited)
    assert _match_tuples(found) == _match_tuples(find_matches(tokenize(texts), min_words=12))
    pairs_with_4 = {k for k in edited.used if k not in first.used}
    assert pairs_with_4 and edited.reused == len(edited.used) - len(pairs_with_4)


def test_region_memo_answers_are_used_as_they_are() -> None:
    """The memo is trusted: a stored answer replaces aligning (so the tests above test reuse, not luck)."""
    texts = _texts()
    first = RegionMemo(_keys(texts))
    find_matches(tokenize(texts), min_words=12, memo=first)
    key = next(iter(first.used))
    planted = RegionMemo(_keys(texts), {**first.used, key: ((0, 99, 0, 99, 77),)})
    assert any(m.identical == 77 for m in find_matches(tokenize(texts), min_words=12, memo=planted))


def test_pair_regions_table_round_trips_pairs_with_and_without_regions() -> None:
    regions = {b"\x01" * 16: ((1, 20, 3, 22, 19), (40, 60, 50, 70, 20)), b"\x02" * 16: ()}
    assert _pair_regions_from_frame(pair_regions_frame(regions)) == regions
    assert _pair_regions_from_frame(pair_regions_frame({})) == {}


def _prior(texts: list[str]) -> TermPrior:
    counts, votes = _count_corpus(texts)
    return TermPrior(counts, distinctive._names(votes), votes)


def test_term_prior_updated_is_what_counting_from_nothing_gives() -> None:
    rng = random.Random(3)
    texts = [SEED_DURAN.read_text(encoding="utf-8"), *_texts(1)]
    texts += ["Iran said the Talks failed. Officials in iran were quiet.", "We met Iran. iran iran iran waited."]
    for _ in range(20):
        before = rng.sample(texts, rng.randrange(1, len(texts)))
        removed = rng.sample(before, rng.randrange(0, len(before)))
        added = rng.sample(texts, rng.randrange(0, 4))
        after = list((Counter(before) - Counter(removed) + Counter(added)).elements())
        updated = _prior(before).updated(removed, added)
        assert updated is not None
        assert updated.to_frame().equals(_prior(after).to_frame())
        assert updated.names == _prior(after).names


def test_term_prior_frame_keeps_the_votes_and_an_old_frame_cannot_be_updated() -> None:
    prior = _prior(["Iran said so. The talks in Geneva went on.", "iran and Iran"])
    back = TermPrior.from_frame(prior.to_frame())
    assert back.to_frame().equals(prior.to_frame()) and back.updated([], ["more text"]) is not None
    old = prior.to_frame().drop(columns="votes")
    assert TermPrior.from_frame(old).updated([], ["more text"]) is None


_WIRE = (
    "Lawmakers ask about the Iraq letter\n\nBAGHDAD (Wire) - {copied}\n\n"
    "The letter drew questions from lawmakers in Washington on Tuesday, "
    "who asked for a briefing on what the Pentagon meant to do next in Iraq and how the draft was sent."
)


def _corpus(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns(".parallax"))
    paragraphs = _paragraphs()
    for name, paragraph in zip(("wire_a.txt", "wire_b.txt", "wire_d.txt", "wire_e.txt"), paragraphs[3:7], strict=True):
        (folder / name).write_text(_WIRE.format(copied=paragraph), encoding="utf-8")
    return folder


def _paragraphs() -> list[str]:
    """The seed's long paragraphs (the first three are a disclaimer and notes the cleaner removes)."""
    return [p for p in SEED_DURAN.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 30]


def _wire_c() -> str:
    """A new wire story in place of wire_b: its paragraph and a later one of the seed. Holding wire_b's
    paragraph keeps the wire copies grouped with the seed (a multi-outlet story, whose new article's
    sentences must be cut) instead of hanging on a near-tie of the grouping threshold."""
    paragraphs = _paragraphs()
    return _WIRE.format(copied=f"{paragraphs[4]} {paragraphs[9]}")


def _tables(folder: Path) -> dict[str, object]:
    built = pipeline.build(folder)
    assert built.folder is not None
    terms = store.read_table(built.folder, pipeline._terms_table())
    return {
        "passages": [p.to_dict() for p in built.passages],
        "internal": [p.to_dict() for p in built.internal_reuse],
        "terms": terms.to_dict("list"),
        "regions": _pair_regions_from_frame(store.read_table(built.folder, PAIR_REGIONS_TABLE)),
        "sentence_keys": store.read_table(built.folder, SENTENCE_KEYS_TABLE).sort_values("digest").to_dict("list"),
        "ids": {Path(a.file).name: a.id for a in built.articles},
    }


def test_rebuild_updates_passages_and_term_prior_and_matches_a_build_from_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path, "corpus")
    first = _tables(folder)
    assert first["passages"], "the wire copies share passages with the seed"
    assert first["sentence_keys"]["digest"], "multi-outlet stories' articles have their sentence keys recorded"
    (folder / "wire_b.txt").unlink()
    (folder / "wire_c.txt").write_text(_wire_c(), encoding="utf-8")

    counted: list[int] = []
    aligned: list[int] = []
    real_count, real_regions = distinctive._count_corpus, align._regions
    monkeypatch.setattr(distinctive, "_count_corpus", lambda texts: counted.append(len(texts)) or real_count(texts))
    monkeypatch.setattr(align, "_regions", lambda *a: aligned.append(1) or real_regions(*a))
    cut: list[str] = []
    real_units = embed.sentence_units
    monkeypatch.setattr(embed, "sentence_units", lambda article, n: cut.append(article.id) or real_units(article, n))
    again = _tables(folder)
    assert sorted(counted) == [1, 1]  # wire_b taken out, wire_c counted in: not the whole corpus
    assert 0 < len(aligned) < len(again["regions"])  # only pairs with wire_c are aligned
    ids = typing.cast(dict[str, str], again["ids"])
    assert cut and set(cut) <= {ids["wire_c.txt"]}  # only the new article's sentences are cut, not the unchanged ones

    monkeypatch.undo()
    scratch_folder = tmp_path / "scratch"
    shutil.copytree(folder, scratch_folder, ignore=shutil.ignore_patterns(".parallax"))
    scratch = _tables(scratch_folder)
    for table in ("passages", "internal", "terms", "regions", "sentence_keys"):
        assert again[table] == scratch[table], table
