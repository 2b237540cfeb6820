"""The same quote across outlets: identical, trimmed and altered versions, with word-level differences."""

from __future__ import annotations

from compare.model import Quote
from compare.quotes import match_quotes
from compare.quotes.matching import _candidate_pairs

FULL = "We are repositioning forces throughout the region. That letter is inconsistent with where we are right now."


def _quote(outlet: str, words: str, kind: str = "direct", article_id: str | None = None) -> Quote:
    return Quote(
        article_id=article_id or outlet.lower(),
        outlet=outlet,
        quote=words,
        speaker="Mark Esper",
        role="Defense Secretary",
        speaker_type="official",
        start=0,
        end=len(words),
        cue="said",
        kind=kind,  # type: ignore[arg-type]
        speaker_id="mark-esper",
    )


def test_quotes_match_identical_versions() -> None:
    (match,) = match_quotes([_quote("A", FULL), _quote("B", FULL.replace("’", "'"))])
    assert match.identical and match.outlets == ("A", "B")
    assert not match.changes and not match.trimmed
    assert match.speaker_id == "mark-esper"


def test_quotes_match_altered_word_is_a_change() -> None:
    altered = FULL.replace("inconsistent with", "inconsistent of")
    (match,) = match_quotes([_quote("A", FULL), _quote("B", altered)])
    assert not match.identical
    assert [(c.outlet, c.change, c.reference, c.version) for c in match.changes] == [("B", "changed", "with", "of")]


def test_quotes_match_trimmed_version() -> None:
    trimmed = "That letter is inconsistent with where we are right now."
    (match,) = match_quotes([_quote("A", FULL), _quote("B", trimmed)])
    assert match.text == FULL
    assert match.trimmed == ("b",)
    assert [c.change for c in match.changes] == ["omitted"]


def test_quotes_match_leaves_different_quotes_apart() -> None:
    other = "The troops will stay until the mission against the Islamic State is complete."
    assert match_quotes([_quote("A", FULL), _quote("B", other)]) == []


def test_quotes_match_needs_two_outlets_and_statements() -> None:
    same_outlet = [_quote("A", FULL, article_id="a1"), _quote("A", FULL, article_id="a2")]
    assert match_quotes(same_outlet) == []
    scare = [_quote("A", "phony", kind="scare"), _quote("B", "phony", kind="scare")]
    assert match_quotes(scare) == []


def test_quotes_match_three_outlets_one_group() -> None:
    quotes = [
        _quote("A", FULL),
        _quote("B", "That letter is inconsistent with where we are right now."),
        _quote("C", FULL.replace("inconsistent with", "inconsistent of")),
    ]
    (match,) = match_quotes(quotes)
    assert match.outlets == ("A", "B", "C")
    assert len(match.versions) == 3


def test_quotes_match_scores_only_pairs_sharing_a_phrase_or_a_long_word_across_articles() -> None:
    words = [
        ["we", "are", "ready"],
        ["we", "are", "done"],
        ["ready", "we", "are"],
        ["budget", "here"],
        ["cut", "budget"],
    ]
    pairs = _candidate_pairs(words, ["a1", "a2", "a1", "a2", "a1"])
    # "we are" across articles; 0 and 2 are one article's; 3 and 4 share only "budget" (a long word)
    assert pairs == {(0, 1), (1, 2), (3, 4)}


def test_quotes_match_word_changes_every_few_words_still_match() -> None:
    """Versions with several changed words keep some two-word phrase, so the pre-filter lets them through."""
    changed = FULL.replace("repositioning", "moving").replace("inconsistent", "at odds").replace("right", "just")
    (match,) = match_quotes([_quote("A", FULL), _quote("B", changed)])
    assert {c.change for c in match.changes} == {"changed"}


def test_quotes_match_every_other_word_respelled_still_matches() -> None:
    """No two adjacent words survive British/American spelling and a plural: a long shared word still pairs them."""
    (match,) = match_quotes(
        [
            _quote("A", "Nobody organised the evacuation properly"),
            _quote("B", "nobody organized the evacuations properly"),
        ]
    )
    assert match.outlets == ("A", "B")


def test_a_paraphrase_around_a_partial_quote_compares_only_the_quoted_words() -> None:
    quoted = "a reckless gamble with the lives of our soldiers"
    whole = _quote("A", quoted)
    # Two outlets wrap the same quoted words in paraphrases of their own: no word of the speaker changed.
    first = _quote("B", f"the minister told reporters the plan was “{quoted}” and should be dropped")
    second = _quote("C", f"it amounted to “{quoted},” she argued")
    (match,) = match_quotes([whole, first, second])
    assert match.outlets == ("A", "B", "C")
    assert match.identical and not match.changes and match.text == quoted
    assert match.paraphrased == ("b", "c")


def test_a_changed_word_inside_the_marks_is_still_a_change_in_a_paraphrase() -> None:
    whole = _quote("A", "a reckless gamble with the lives of our soldiers")
    altered = _quote("B", "she called it “a reckless gamble with the lives of our troops” in a speech")
    (match,) = match_quotes([whole, altered])
    assert [(c.change, c.reference, c.version) for c in match.changes] == [("changed", "soldiers", "troops")]
    assert match.paraphrased == ("b",)


def test_quoted_words_of_a_whole_quotation_are_the_quotation() -> None:
    from compare.quotes import quoted_words

    assert quoted_words(_quote("A", FULL)) == FULL
    assert quoted_words(_quote("A", "He said “first part” and then “second part”")) == "first part … second part"
    assert quoted_words(_quote("A", "an unclosed “mark stays whole")) == "an unclosed “mark stays whole"


def test_the_matched_quotes_view_shows_the_paraphrase_beside_the_quoted_words_escaped() -> None:
    from compare.story.quoted_officials import matched_quotes_html

    quoted = "a reckless gamble with the lives of our soldiers"
    paraphrase = _quote("B", f"<b>the minister</b> said the plan was “{quoted}”")
    html = matched_quotes_html(match_quotes([_quote("A", quoted), paraphrase]))
    assert f"“{quoted}” <span" in html  # the quoted words, as compared
    assert "in the outlet's paraphrase: &lt;b&gt;the minister&lt;/b&gt;" in html
    assert "<b>" not in html


def test_a_speakers_quotes_put_marks_only_round_the_speakers_own_words() -> None:
    import pandas as pd

    from compare.story.quoted_officials import speaker_quotes_html

    rows = [
        ("direct", "We will not leave."),
        ("indirect", "that the troops would stay"),
        ("direct", "the plan was “a grave mistake” and <i>reckless</i>"),
    ]
    table = pd.DataFrame([{"speaker_id": "s", "outlet": "A", "kind": k, "quote": q, "cue": "said"} for k, q in rows])
    html = speaker_quotes_html(table, "s", ["A", "B"])
    assert "“We will not leave.”" in html
    assert "</span>that the troops would stay <em>" in html  # reported speech is not dressed as verbatim
    assert "</span>the plan was “a grave mistake” and &lt;i&gt;reckless&lt;/i&gt; <em>" in html
    assert "not quoted" in html  # outlet B
