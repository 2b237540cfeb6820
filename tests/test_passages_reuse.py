"""Per-story reuse (copy groups, independent reports, originality) and the paraphrase layer."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from compare.embed import Embedder
from compare.model import Article, Passage
from compare.passages import REWORDED, find_passages, reworded_claims, story_reuse

WIRE = (
    "Firefighters battled a wildfire that forced thousands of residents to flee their homes in the hills above "
    "the city on Tuesday, as strong winds pushed the flames towards a highway and a power station. The fire "
    "had burned more than two thousand hectares by the evening, the regional fire service said, and several "
    "villages were evacuated as a precaution while water-bombing planes flew overhead until dark."
)
QUOTE = "“We have never seen a fire move this fast in October, and the wind is not going to help us tonight,” "


def _article(article_id: str, outlet: str, text: str) -> Article:
    return Article(id=article_id, outlet=outlet, title=article_id, text=text, file=f"{article_id}.txt")


@pytest.fixture
def story() -> list[Article]:
    """Two outlets run the wire story, a third writes its own report quoting the same official."""
    return [
        _article("a", "Wire Daily", f"{WIRE}\n\n{QUOTE}the fire chief said."),
        _article("b", "Metro News", f"Breaking from the hills. {WIRE}"),
        _article(
            "c",
            "Valley Herald",
            f"Our reporter watched families load cars with pets and photographs as the smoke thickened. "
            f"{QUOTE}the fire chief told the Herald at the command post.",
        ),
    ]


def test_passages_story_reuse_counts_independent_reports(story: list[Article]) -> None:
    reuse = story_reuse(story, find_passages(story))
    assert reuse.copy_groups == (("a", "b"),)
    assert reuse.independent_reports == 2  # the wire copy (two outlets) and the Valley Herald


def test_passages_story_reuse_originality(story: list[Article]) -> None:
    reuse = story_reuse(story, find_passages(story))
    assert reuse.originality["c"] == 1.0  # shares only a quotation, which is not copy
    assert reuse.originality["b"] == pytest.approx(4 / 71, abs=1e-3)  # only "Breaking from the hills" is its own
    assert 0 < reuse.originality["a"] < 0.5


def test_passages_story_reuse_ignores_passages_outside_the_story(story: list[Article]) -> None:
    outsider = _article("z", "Elsewhere", WIRE)
    passages = find_passages([*story, outsider])
    reuse = story_reuse(story[2:], passages)
    assert reuse == story_reuse(story[2:], [])
    assert reuse.independent_reports == 1


def test_passages_story_reuse_small_shared_sentence_is_not_a_copy() -> None:
    shared = "The regional fire service said more than two thousand hectares had burned by Tuesday evening."
    own = " ".join(f"Paragraph {i} of an original report with its own reporting and its own words." for i in range(8))
    articles = [
        _article("x", "X", f"{own} {shared}"),
        _article("y", "Y", f"{shared} {own.replace('original', 'independent')}"),
    ]
    passages: list[Passage] = [p for p in find_passages(articles) if "hectares" in p.text]
    reuse = story_reuse(articles, passages)
    assert passages and reuse.copy_groups == () and reuse.independent_reports == 2


class ClaimEmbedder(Embedder):
    """A stand-in model: sentences carrying the same claim tag embed identically, others orthogonally."""

    def __init__(self, claims: dict[str, int]) -> None:
        self.claims = claims
        self.dim = 1 + max(claims.values())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            tag = next((claim for key, claim in self.claims.items() if key in text), None)
            vectors[row, tag if tag is not None else row % self.dim] = 1.0
        return vectors


def test_passages_reworded_claims_pairs_paraphrases_across_outlets_only() -> None:
    said = "The Pentagon said on Monday that no decision had been made to withdraw troops from Iraq."
    reworded = "No decision has been taken to pull US forces out of Iraq, the Defense Department said Monday."
    copied = "Officials described the unsigned letter as a draft that had been sent out by mistake."
    articles = [
        _article("a", "Outlet A", f"{said} {copied}"),
        _article("b", "Outlet B", f"{reworded} {copied}"),
        _article("a2", "Outlet A", reworded),  # same outlet as "a": never paired with it
    ]
    embedder = ClaimEmbedder({"withdraw troops": 1, "pull US forces": 1, "unsigned letter": 2})
    pairs = reworded_claims(articles, embedder)
    assert [(p.article_a, p.article_b, p.text_a, p.text_b) for p in pairs] == [("a", "b", said, reworded)]
    assert pairs[0].label == REWORDED and pairs[0].similarity == pytest.approx(1.0)
    assert articles[0].text[slice(*pairs[0].span_a)] == said


def test_passages_reworded_claims_need_enough_words_and_similarity() -> None:
    articles = [_article("a", "A", "Too short to count. Nothing here."), _article("b", "B", "Too short as well.")]
    assert reworded_claims(articles, ClaimEmbedder({"short": 0})) == []


@pytest.mark.slow
def test_passages_reworded_claims_with_the_packaged_model() -> None:
    from compare.embed import default_embedder

    articles = [
        _article(
            "a",
            "Outlet A",
            "The Pentagon said on Monday that no decision had been made to withdraw troops from Iraq. "
            "The central bank raised interest rates by a quarter point on Wednesday.",
        ),
        _article(
            "b",
            "Outlet B",
            "No decision has been taken to pull US forces out of Iraq, the Defense Department said Monday. "
            "Aid groups said the government response to the floods had been slow.",
        ),
    ]
    pairs = reworded_claims(articles, default_embedder())
    assert [(p.text_a[:14], p.text_b[:11]) for p in pairs] == [("The Pentagon s", "No decision")]
