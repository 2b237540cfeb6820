"""Shared-passage detection: seeds, wire copy with small edits, quotes, sources, internal reuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.model import Article
from compare.passages import find_internal_reuse, find_passages, likely_source, quoted_share
from tests.conftest import SEED_ASKTRUTH, SEED_DURAN

# A wire story as an agency would send it, and two outlets running parts of it.
WIRE_1 = (
    "The European Central Bank raised its main interest rate by a quarter of a percentage point late on "
    "Thursday, its ninth increase in a row, and signalled that borrowing costs would stay high for as long "
    "as inflation remained above its target."
)
WIRE_2 = (
    "Policymakers meeting in Frankfurt said price growth had eased from its peak but warned that wages were "
    "still rising quickly, a pattern that could keep services inflation elevated well into next year."
)
# The second outlet's copy of the same paragraphs, after its sub-editor: a changed day,
# curly quotes for straight ones, a dropped clause, different case in one word.
WIRE_1_EDITED = (
    "The European Central Bank raised its main interest rate by a quarter of a percentage point early on "
    "Friday, its ninth increase in a row, and signalled that borrowing costs would stay high for as long "
    "as inflation remained above its target."
)
WIRE_2_EDITED = (
    "Policymakers meeting in Frankfurt said price growth had eased but warned that Wages were "
    "still rising quickly, a pattern that could keep services inflation elevated well into next year."
)

OWN_A = (
    "Savers in Dublin welcomed the news on Friday morning, with several banks promising better deposit rates "
    "before the end of the month."
)
OWN_B = (
    "For mortgage holders in Lisbon, the decision means another rise in monthly repayments, according to a "
    "consumer group that tracks variable-rate loans across Portugal."
)
CLOSE_A = "Irish government bonds were little changed after the announcement."
CLOSE_B = "Portugal's finance minister is expected to comment on the decision next week."
OWN_C = "Radio Five's business desk has the latest on the rates decision and what it means for listeners."
CLOSE_C = "Listeners can send questions about their loans to the programme by text message."


def _article(article_id: str, outlet: str, text: str, **fields: str) -> Article:
    return Article(id=article_id, outlet=outlet, title=article_id, text=text, file=f"{article_id}.txt", **fields)  # type: ignore[arg-type]


def _seed(path: Path, outlet: str) -> Article:
    """A seed article the way ingestion reads a .txt file: first non-empty line is the headline."""
    lines = path.read_text(encoding="utf-8").split("\n")
    headline = next(i for i, line in enumerate(lines) if line.strip())
    return _article(path.stem, outlet, "\n".join(lines[headline + 1 :]).strip())


def _span_of(text: str, first: str, last: str) -> tuple[int, int]:
    """From the start of ``first`` to the end of the last word of ``last`` (closing punctuation excluded)."""
    start = text.index(first)
    end = text.index(last) + len(last.rstrip(".”\"'"))
    return start, end


@pytest.fixture
def wire_pair() -> list[Article]:
    text_a = f"{OWN_A}\n\n{WIRE_1}\n\n{WIRE_2}\n\n{CLOSE_A}"
    text_b = f"{OWN_B}\n\n{WIRE_1_EDITED}\n\n{WIRE_2_EDITED}\n\n{CLOSE_B}"
    return [_article("irish-times-1", "Irish Daily", text_a), _article("lisbon-post-7", "Lisbon Post", text_b)]


def test_passages_seed_articles_share_no_narration() -> None:
    """The seeds share the quoted phrase "honest mistake" and nothing copied."""
    seeds = [_seed(SEED_DURAN, "The Duran"), _seed(SEED_ASKTRUTH, "AskTruth24")]
    assert [p for p in find_passages(seeds) if not p.in_quote] == []


def test_passages_seed_shared_quote_is_marked_as_quote() -> None:
    """Lowered to three words, the shared "an honest mistake" is found, and only as a quotation."""
    seeds = [_seed(SEED_DURAN, "The Duran"), _seed(SEED_ASKTRUTH, "AskTruth24")]
    found = [p for p in find_passages(seeds, min_words=3) if "honest mistake" in p.text]
    assert found and all(p.in_quote for p in found)


def test_passages_wire_copy_spans_are_exact(wire_pair: list[Article]) -> None:
    a, b = wire_pair
    passages = find_passages(wire_pair)
    assert len(passages) == 1
    passage = passages[0]
    assert passage.article_ids == (a.id, b.id)
    assert passage.outlets == ("Irish Daily", "Lisbon Post")
    assert passage.spans[a.id] == _span_of(a.text, WIRE_1[:30], WIRE_2)
    assert passage.spans[b.id] == _span_of(b.text, WIRE_1_EDITED[:30], WIRE_2_EDITED)
    assert passage.text == a.text[slice(*passage.spans[a.id])]
    assert passage.words == len(f"{WIRE_1} {WIRE_2}".replace("-", " ").split())
    assert 0.85 < passage.verbatim < 1.0
    assert not passage.in_quote


def test_passages_quote_marks_and_case_do_not_break_a_match() -> None:
    straight = 'The minister said the plan was "dead on arrival" and would never pass the upper house this year.'
    curly = "the minister said the plan was “dead on arrival” and would never pass the Upper House this year"
    passages = find_passages([_article("x", "Outlet X", straight), _article("y", "Outlet Y", curly)])
    assert len(passages) == 1
    assert passages[0].verbatim == 1.0
    assert passages[0].spans["x"] == (0, len(straight) - 1)
    assert passages[0].spans["y"] == (0, len(curly))


@pytest.mark.parametrize(("shared_words", "expected"), [(11, 0), (12, 1)])
def test_passages_respect_minimum_length(shared_words: int, expected: int) -> None:
    shared = " ".join(WIRE_1.split()[:shared_words])
    articles = [
        _article("a", "A", f"Zebras graze quietly. {shared} Lanterns flicker nightly."),
        _article("b", "B", f"Oranges ripen slowly. {shared} Harbours freeze rarely."),
    ]
    assert len(find_passages(articles, min_words=12)) == expected


def test_passages_same_outlet_reuse_is_reported_separately() -> None:
    footer = "Sign up for our morning newsletter to get the day's most important stories delivered to your inbox."
    articles = [
        _article("a1", "Daily Ledger", f"{OWN_A}\n\n{footer}"),
        _article("a2", "Daily Ledger", f"{OWN_B}\n\n{footer}"),
        _article("c", "Other Paper", CLOSE_B),
    ]
    assert find_passages(articles) == []
    reuse = find_internal_reuse(articles)
    assert len(reuse) == 1
    assert reuse[0].outlets == ("Daily Ledger",)
    assert reuse[0].text == footer.rstrip(".")


def test_passages_text_carried_by_three_outlets_is_one_passage(wire_pair: list[Article]) -> None:
    third = _article("radio-5", "Radio Five", f"{OWN_C}\n\n{WIRE_1}\n\n{WIRE_2}")
    passages = find_passages([*wire_pair, third])
    assert len(passages) == 1
    assert set(passages[0].article_ids) == {"irish-times-1", "lisbon-post-7", "radio-5"}


def test_passages_partial_copy_is_cut_where_carriers_change(wire_pair: list[Article]) -> None:
    """A third outlet running only the first wire paragraph: that paragraph is shared by three, the next by two."""
    third = _article("radio-5", "Radio Five", f"{OWN_C}\n\n{WIRE_1}\n\n{CLOSE_C}")
    passages = find_passages([*wire_pair, third])
    by_size = {len(p.article_ids): p for p in passages}
    assert set(by_size) == {2, 3}
    assert by_size[3].spans["radio-5"] == _span_of(third.text, WIRE_1[:30], WIRE_1)
    assert set(by_size[2].article_ids) == {"irish-times-1", "lisbon-post-7"}
    assert "Frankfurt" in by_size[2].text and "Frankfurt" not in by_size[3].text


def test_passages_shared_quotation_is_not_narration() -> None:
    quote = "“We will not accept any deal that leaves our farmers worse off than they were before the war,” "
    articles = [
        _article("a", "A", f"Zebras graze quietly. {quote}the minister said on Monday."),
        _article("b", "B", f"Oranges ripen slowly. {quote}she told reporters in Brussels."),
    ]
    (passage,) = find_passages(articles)
    assert passage.in_quote


def test_passages_ids_are_stable_across_runs_and_order(wire_pair: list[Article]) -> None:
    first = [p.passage_id for p in find_passages(wire_pair)]
    again = [p.passage_id for p in find_passages(list(reversed(wire_pair)))]
    assert first == again


@pytest.mark.parametrize(
    ("published", "declared", "expected"),
    [
        (("2020-01-09", "2020-01-10"), (None, None), "a"),
        (("2020-01-09T08:00:00", "2020-01-09T07:30:00"), (None, None), "b"),
        (("2020-01-09", "2020-01-09"), (None, "Reuters"), "Reuters"),
        ((None, None), ("Zerohedge", None), "Zerohedge"),
        ((None, "2020-01-09"), (None, None), "b"),
        (("2020-01-09T07:30:00", "2020-01-09"), (None, "AP"), "AP"),  # a bare date cannot be ordered that day
        (("2020-01-09T09:00:00+02:00", "2020-01-09T07:30:00Z"), (None, None), "a"),  # 07:00 UTC before 07:30
        ((None, None), (None, None), "unknown"),
    ],
)
def test_passages_likely_source(
    published: tuple[str | None, str | None], declared: tuple[str | None, str | None], expected: str
) -> None:
    articles = [
        Article(id=i, outlet=i.upper(), title="", text="", file="", published=p, declared_source=d)
        for i, p, d in zip("ab", published, declared, strict=True)
    ]
    assert likely_source(articles) == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("He said “this is all quoted” today.", (9, 27), 1.0),
        ('He said "this is all quoted" today.', (9, 27), 1.0),
        ("He said this is not quoted today.", (8, 26), 0.0),
        # Paragraphs end at a blank line, as in every clean text (and in the quote extractor's reader).
        ("“An opened quote runs to the paragraph end\n\nnot beyond", (1, 53), 41 / 52),
        # A quote that runs on into the next paragraph, straight marks: its first paragraph is quoted too.
        ('He said: "First part of it.\n\n"Second part," he said.', (10, 27), 1.0),
    ],
)
def test_passages_quoted_share(text: str, span: tuple[int, int], expected: float) -> None:
    assert quoted_share(text, *span) == pytest.approx(expected)
