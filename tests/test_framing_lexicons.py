"""Lexicon matching, the log-odds statistic and opinion markers on small hand-made texts."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from compare.framing.distinctive import _count, _terms, corpus_prior, dirichlet_prior, distinctive_words, log_odds_z
from compare.framing.lexicons import LOADED_CATEGORIES
from compare.framing.loaded import everyday_words, flag_spans
from compare.framing.markers import opinion_markers
from compare.framing.text import StoryText, TermIndex, story_text
from compare.model import Article
from compare.nlp import inflections, quoted_spans


@pytest.mark.parametrize(
    ("entry", "form"),
    [
        ("slam", "slammed"),
        ("concede", "conceded"),
        ("plead ignorance", "pleaded ignorance"),
        ("say", "said"),
        ("deny", "denied"),
        ("rip", "ripped"),
        ("lash out", "lashes out"),
        ("quip", "quipped"),  # the u of "qu" is no vowel: the p doubles
        ("echo", "echoes"),
        ("speak", "spoke"),
        ("plead", "pled"),
    ],
)
def test_framing_inflections_cover_regular_and_irregular_forms(entry: str, form: str) -> None:
    assert form in inflections(entry)


@pytest.mark.parametrize(("entry", "word"), [("spin", "spines"), ("rail", "railled"), ("coup", "coupes")])
def test_framing_inflections_make_no_other_real_word(entry: str, word: str) -> None:
    """A made-up form is harmless only while it never occurs in text: "spines" is no form of "spin"."""
    assert word not in inflections(entry)


@pytest.mark.parametrize(
    ("entry", "form", "not_a_form"),
    [("agree", "agreeing", "agreing"), ("guarantee", "guaranteeing", "guaranteing"), ("lie", "lying", "liing")],
)
def test_inflections_keep_a_double_vowel_before_ing(entry: str, form: str, not_a_form: str) -> None:
    """Verbs ending in -ee/-oe/-ye keep their e before -ing and -ie turns to -ying: "agreeing", "lying"."""
    assert form in inflections(entry)
    assert not_a_form not in inflections(entry)


@pytest.mark.parametrize(
    ("text", "flagged", "category"),
    [
        ("The senator slammed the plan.", "slammed", "spin"),
        ("Critics attacked the plan.", "attacked", "spin"),
        ("Esper pleaded ignorance on Monday.", "pleaded ignorance", "spin"),
        ("It was a bizarre episode.", "bizarre", "subjective"),
        ("The assault on the press was vicious.", "vicious", "subjective"),
        ("The results were utterly wrong.", "utterly", "intensifier"),
    ],
)
def test_framing_flag_spans_finds_category(text: str, flagged: str, category: str) -> None:
    spans = [(text[s.start : s.end], s.category) for s in flag_spans(text)]
    assert (flagged, category) in spans


@pytest.mark.parametrize("text", ["The committee met on Tuesday and approved the budget.", "Plain factual report."])
def test_framing_flag_spans_leaves_neutral_text_alone(text: str) -> None:
    assert flag_spans(text) == []


def test_framing_term_index_prefers_the_longest_phrase() -> None:
    index = TermIndex([("witch", "a"), ("witch hunt", "b")])
    assert index.find("A witch hunt, said a witch.") == [(2, 12, "b"), (21, 26, "a")]


def test_framing_term_index_phrase_cut_off_by_the_text_end_is_its_first_word() -> None:
    index = TermIndex([("witch", "a"), ("witch hunt now", "b")])
    assert index.find("Call it a witch") == [(10, 15, "a")]


def test_framing_sentence_at_finds_the_sentence_holding_a_position() -> None:
    text = "First one here.  Second one there."
    story = story_text([Article("a1", "AP", "t", text, "a1.txt"), Article("a2", "AP", "t", text, "a2.txt")])
    second = story.sentence_at("a2", text.index("there"))
    assert second is not None and (second.article_id, second.text) == ("a2", "Second one there.")
    assert story.sentence_at("a1", text.index("First")).text == "First one here."  # type: ignore[union-attr]
    assert story.sentence_at("a1", text.index("  ") + 1) is None  # between sentences
    assert story.sentence_at("nope", 0) is None


@pytest.mark.parametrize(
    "text",
    [
        "A valve failed to open.",  # "failed to": a plain failure
        "The attacks of Sept. 11 changed the city.",  # a spin verb after a determiner is a noun
        "The Sept. 11 attacks changed the city.",  # ... and after a number
        "The bill targets assault weapons.",  # a term of art
        "She reported a sexual assault.",
        "His claims were disputed.",
    ],
)
def test_framing_flag_spans_leave_a_word_in_its_plain_sense_alone(text: str) -> None:
    assert flag_spans(text) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("The senator attacks the plan.", "attacks"), ("The plan failed miserably, a disaster.", "failed")],
)
def test_framing_flag_spans_keep_the_loaded_sense(text: str, flagged: str) -> None:
    assert flagged in {text[s.start : s.end] for s in flag_spans(text)}


@pytest.mark.parametrize("text", ["The minister reportedly resigned.", "She insisted the vote was fair."])
def test_framing_hedges_and_assertive_verbs_are_no_loaded_words(text: str) -> None:
    """Hedges are speculation (opinion markers), "insisted" a loaded attribution verb: panels of their own."""
    assert flag_spans(text) == []


def test_framing_everyday_words_of_the_corpus_are_not_loaded() -> None:
    """A listed word the corpus writes everywhere ("controversial" in a corpus of politics) is its vocabulary."""
    common = "The controversial bill passed the house after a long debate on taxes and spending. " * 400
    rare = " ".join(f"word{i}" for i in range(20000))
    prior = corpus_prior([Article("c", "AP", "t", common, "c"), Article("r", "AP", "t", rare, "r")])
    text = "A controversial and outrageous bill."
    flagged = {text[s.start : s.end] for s in flag_spans(text, everyday_words(prior))}
    assert flagged == {"outrageous"}
    assert {text[s.start : s.end] for s in flag_spans(text)} == {"controversial", "outrageous"}
    assert everyday_words(prior)("Controversial") and not everyday_words(prior)("witch\nhunt")


def test_framing_a_small_corpus_has_no_everyday_words() -> None:
    prior = corpus_prior([Article("c", "AP", "t", "A controversial bill. " * 50, "c")])
    assert not everyday_words(prior)("controversial")
    assert not everyday_words(None)("controversial")


def test_framing_lexicon_categories_are_distinct_lists() -> None:
    assert all(entries and len(set(entries)) == len(entries) for entries in LOADED_CATEGORIES.values())


def _log_odds(counts_i: Counter[str], counts_j: Counter[str], prior: Counter[str], vocabulary: list[str]) -> np.ndarray:
    """The statistic for two sets of counts, as the distinctive-words panel computes it."""
    alpha, alpha0 = dirichlet_prior(prior, vocabulary, sum(prior.values()))

    def counts(c: Counter[str]) -> np.ndarray:
        return np.array([c.get(w, 0) for w in vocabulary], dtype=float)

    return log_odds_z(counts(counts_i), counts_i.total(), counts(counts_j), counts_j.total(), alpha, alpha0)


def test_framing_log_odds_sign_and_symmetry() -> None:
    a, b = Counter({"phony": 6, "letter": 10}), Counter({"letter": 10, "draft": 6})
    prior = a + b
    vocabulary = ["phony", "letter", "draft"]
    z_ab, z_ba = _log_odds(a, b, prior, vocabulary), _log_odds(b, a, prior, vocabulary)
    assert z_ab[0] > 0 > z_ab[2]
    assert abs(z_ab[1]) < 1e-9
    assert z_ab == pytest.approx(-z_ba)


def test_framing_log_odds_grows_with_evidence() -> None:
    prior = Counter({"phony": 10, "letter": 100})
    few = _log_odds(Counter({"phony": 2, "letter": 20}), Counter({"letter": 20}), prior, ["phony"])[0]
    many = _log_odds(Counter({"phony": 20, "letter": 200}), Counter({"letter": 200}), prior, ["phony"])[0]
    assert many > few > 0


@pytest.mark.parametrize(
    ("text", "marker", "count"),
    [
        ("Are they really that ungrateful? Nobody knows.", "rhetorical_question", 1),
        ('He asked, "Was it real?" Officials declined to say.', "rhetorical_question", 0),
        ("We must act now!", "exclamation", 1),
        ("US troops left. The US army stayed.", "first_person", 0),
        ("We recorded this video.", "first_person", 1),
        ("You should read this.", "second_person", 1),
        ("The letter may have been a draft.", "speculation", 1),
    ],
)
def test_framing_opinion_markers_in_narration(text: str, marker: str, count: int) -> None:
    story = story_text([Article("a1", "Outlet", "T", text, "a1.txt")])
    table = opinion_markers(story).set_index("marker")
    assert table.loc[marker, "count"] == count


def test_framing_quoted_spans_cover_curly_and_straight_quotes() -> None:
    text = 'He said “no way” and then "never".'
    assert [text[s:e] for s, e in quoted_spans(text)] == ["“no way”", '"never"']


def test_framing_distinctive_terms_skip_letters_glued_to_numbers() -> None:
    """Found on the 10k sample: "th" (from "19th") and "bn" (from "$1.37bn") were listed as distinctive words."""
    terms = _terms("On the 19th day, $1.37bn went to a 20-year plan for 5G at 100mph, a 19th-century idea.")
    assert not {"th", "bn", "g", "ph", "mph", "h-century"} & set(terms)
    assert {"day", "year", "year plan", "century", "century idea"} <= set(terms)  # "20-year" still counts its word


_OUTLET_TEXTS = {
    "Wire": "Officials met on Tuesday. The talks ended without a deal. A 20-year low in crossings was cited.",
    "Post": "The talks collapsed on Tuesday. A 20-year low? Critics call the crisis a 20-year low point, a sham.",
    "Ledger": "Talks ended on Tuesday. Negotiators will meet again next week to discuss the deal.",
}


def _outlet_story() -> tuple[StoryText, list[Article]]:
    articles = [Article(f"a{i}", o, f"{o} report", t, f"a{i}.txt") for i, (o, t) in enumerate(_OUTLET_TEXTS.items())]
    return story_text(articles), articles


def test_framing_distinctive_scores_each_outlet_against_the_rest_of_the_story() -> None:
    story, articles = _outlet_story()
    prior = corpus_prior(articles)
    table = distinctive_words(story, prior, top=50)
    counts = {o: _count([t])[0] for o, t in _OUTLET_TEXTS.items()}
    for outlet, rows in table.groupby("outlet"):
        rest = sum((c for o, c in counts.items() if o != outlet), Counter())
        expected = _log_odds(counts[str(outlet)], rest, prior.counts, list(rows["term"]))
        assert rows["z"].to_numpy() == pytest.approx(expected, abs=1e-3)
        assert list(rows["rest_count"]) == [rest.get(t, 0) for t in rows["term"]]


def test_framing_distinctive_one_outlet_is_set_against_the_corpus_without_it() -> None:
    _, articles = _outlet_story()
    prior = corpus_prior(articles)
    alone = distinctive_words(story_text(articles[1:2]), prior, top=50)
    own = _count([articles[1].text])[0]
    expected = _log_odds(own, prior.counts - own, prior.counts, list(alone["term"]))
    assert alone["z"].to_numpy() == pytest.approx(expected, abs=1e-3)


def test_framing_distinctive_evidence_holds_every_listed_term() -> None:
    """Evidence sentences are found the way terms are counted: "year low" (from "20-year low") has its sentences."""
    story, articles = _outlet_story()
    table = distinctive_words(story, corpus_prior(articles), top=50)
    assert (table["evidence"].map(len) > 0).all()
    year_low = table[(table.outlet == "Post") & (table.term == "year low")]
    assert [e.text for e in year_low.iloc[0]["evidence"]] == [
        "A 20-year low?",
        "Critics call the crisis a 20-year low point, a sham.",
    ]


def test_framing_distinctive_rest_without_countable_words_is_the_corpus() -> None:
    """Found in review: when the other outlets wrote only stop words, the outlet is set against the corpus
    without it (as with one outlet), not against an empty rest."""
    articles = [
        Article("a1", "Wire", "t", _OUTLET_TEXTS["Wire"], "a1.txt"),
        Article("a2", "Echo", "t", "It is what it is. And so on.", "a2.txt"),
    ]
    prior = corpus_prior([*articles, *_outlet_story()[1]])
    table = distinctive_words(story_text(articles), prior, top=50)
    own = _count([articles[0].text])[0]
    expected = _log_odds(own, prior.counts - own, prior.counts, list(table["term"]))
    assert set(table["outlet"]) == {"Wire"}
    assert table["z"].to_numpy() == pytest.approx(expected, abs=1e-3)
