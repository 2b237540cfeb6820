"""One reader of quotations (``compare.nlp``): framing, passages and quotes agree on what is quoted.

A loaded word the Quoted officials tab gives a speaker must never count as the outlet's in
Framing, nor a quoted passage as copied narration, in any paragraph of a long quote (issue #18:
framing's own regex saw only the last paragraph of a multi-paragraph quote).
"""

from __future__ import annotations

import pytest

from compare import nlp, quotes
from compare.framing.loaded import attribution_verbs, loaded_language
from compare.framing.markers import narration, opinion_markers
from compare.framing.text import story_text
from compare.model import Article, Evidence
from compare.passages import quoted_share
from compare.quotes import extract_quotes, find_quotations

# A statement over two paragraphs: the first is left open and the second reopens it, as newspapers print them.
MULTI_PARAGRAPH = (
    "The mayor spoke after the vote.\n\n"
    "“This is a disastrous, reckless plan, and we will fight it.\n\n"
    "“It is a shameful scheme that I must oppose,” she said.\n\n"
    "The council called the plan historic."
)
SAMPLES = [
    MULTI_PARAGRAPH,
    MULTI_PARAGRAPH.replace("“", '"').replace("”", '"'),  # the same in straight marks
    "He said “the ‘deal’ is a disastrous one” and left.",  # single marks nested inside a quotation
    "She wrote “this never closes, a shameful thing\n\nThe next paragraph is reckless narration.",  # unclosed
    "A stray” mark, then “a real, reckless quote” here.",
    "Critics “say he calls it “hell” and reckless” today.",  # a double mark inside a double quotation
    'He said "no way" and then "never, a disaster."',
]


def _article(text: str) -> Article:
    return Article(id="a1", outlet="Outlet", title="T", text=text, file="a1.txt")


def _quoted(text: str) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in find_quotations(text)]


def test_framing_quotations_come_from_the_one_reader() -> None:
    assert quotes.find_quotations is nlp.find_quotations
    assert quotes.QuotedSpan is nlp.QuotedSpan


@pytest.mark.parametrize("text", SAMPLES)
def test_framing_quoted_spans_are_the_quote_extractors(text: str) -> None:
    assert nlp.quoted_spans(text) == _quoted(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_framing_loaded_words_in_quote_exactly_where_quotes_sees_a_quotation(text: str) -> None:
    rows = loaded_language(story_text([_article(text)]))
    assert len(rows)
    expected = [any(s <= start < e for s, e in _quoted(text)) for start in rows["start"]]
    assert rows["in_quote"].tolist() == expected


@pytest.mark.parametrize("text", SAMPLES)
def test_framing_narration_blanks_exactly_the_quotations(text: str) -> None:
    blanked = narration(text)
    assert len(blanked) == len(text)
    for at, char in enumerate(text):
        quoted = any(s <= at < e for s, e in _quoted(text))
        assert blanked[at] == (" " if quoted else char)


@pytest.mark.parametrize("text", SAMPLES)
def test_passages_quoted_share_counts_the_quote_extractors_quotations(text: str) -> None:
    quoted_chars = sum(e - s for s, e in _quoted(text))
    assert quoted_share(text, 0, len(text)) == pytest.approx(quoted_chars / len(text))


@pytest.mark.parametrize("text", SAMPLES[:2])
def test_framing_multi_paragraph_quote_is_the_speakers_in_every_paragraph(text: str) -> None:
    rows = loaded_language(story_text([_article(text)])).set_index("text")
    assert rows.loc["disastrous", "in_quote"]  # first paragraph: once counted as the outlet's own
    assert rows.loc["reckless", "in_quote"]
    assert rows.loc["shameful", "in_quote"]  # last paragraph
    assert not rows.loc["historic", "in_quote"]  # the narration after the quote


@pytest.mark.parametrize("text", SAMPLES[:2])
def test_framing_opinion_markers_skip_every_paragraph_of_a_quote(text: str) -> None:
    """ "we" and "must" are the speaker's in both paragraphs: no first person or judgement of the outlet's."""
    table = opinion_markers(story_text([_article(text)])).set_index("marker")
    assert table.loc["first_person", "count"] == 0
    assert table.loc["value_judgement", "count"] == 0


@pytest.mark.parametrize("text", SAMPLES[:2])
def test_passages_multi_paragraph_quote_is_quoted_in_every_paragraph(text: str) -> None:
    first = text.index("This is")
    second_end = text.index("she said")
    assert quoted_share(text, first, text.index("fight it.") + len("fight it.")) == 1.0
    assert quoted_share(text, first, second_end - 2) == 1.0  # the paragraph break inside the quote too
    assert quoted_share(text, 0, text.index("The mayor") + len("The mayor spoke")) == 0.0


def test_framing_multi_paragraph_quote_agrees_with_quoted_officials() -> None:
    """Every loaded word the quote extractor prints as the speaker's words is "in a quote" in Framing."""
    article = _article(MULTI_PARAGRAPH)
    direct = [q for q in extract_quotes(article) if q.kind == "direct"]
    assert any("disastrous" in q.quote and "shameful" in q.quote for q in direct)
    rows = loaded_language(story_text([article]))
    for start, in_quote in zip(rows["start"], rows["in_quote"], strict=True):
        assert in_quote == any(q.start <= start < q.end for q in direct)


def test_framing_and_quotes_read_one_table_of_verb_forms() -> None:
    """ "quipped" is a speech cue to the quote extractor and a loaded attribution verb to framing."""
    article = _article("“We will see about that,” the mayor quipped on Monday.")
    (quote,) = extract_quotes(article)
    assert quote.cue == "quipped"
    verbs = attribution_verbs(story_text([article]))
    assert verbs[verbs["verb"] == "quipped"]["kind"].tolist() == ["loaded"]


def test_framing_loaded_panel_counts_only_the_outlets_own_words() -> None:
    """A loaded word inside a quote is listed (marked) but not counted as the outlet's in the chart."""
    import pandas as pd

    from compare.story.framing import _loaded

    loaded = pd.DataFrame(
        [
            {"article_id": "a", "outlet": "Metro", "start": 0, "end": 5, "text": "slams", "category": "spin_verb",
             "in_quote": False, "evidence": (Evidence("a", "Mayor slams plan."),)},
            {"article_id": "a", "outlet": "Metro", "start": 9, "end": 17, "text": "disaster", "category": "emotive",
             "in_quote": True, "evidence": (Evidence("a", "“A disaster,” she said."),)},
        ]
    )  # fmt: skip
    panel = _loaded({"loaded": loaded}, ["Metro"])  # type: ignore[arg-type]
    counted = [sum(trace.x) for trace in panel.figure.data]
    assert sum(counted) == 1, "only the narration's word counts as the outlet's"
    assert len(panel.table) == 2 and "disaster" in panel.table.to_string()
