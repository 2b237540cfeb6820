"""Where a direct quote's span opens and closes, by the PolNeAR gold conventions (issue #18): the
reported words run from the first word after the cue and its adjuncts ("said Monday in a statement that
“...”") or from the start of a sentence whose cue follows ("The plan “...,” she said"). Made-up
sentences, one convention each."""

from __future__ import annotations

import pytest

from compare.model import Article, Quote
from compare.quotes import extract_quotes


def _direct(text: str) -> list[Quote]:
    article = Article(id="a", outlet="Outlet", title="", text=text, file="")
    return [q for q in extract_quotes(article) if q.kind == "direct"]


def _only_span(text: str) -> str:
    quotes = _direct(text)
    assert len(quotes) == 1, quotes
    return text[quotes[0].start : quotes[0].end]


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        (
            "Mayor Jane Doe says in a statement that “the city will rebuild every bridge that the storm took "
            "from us, and we will do it this year.”",
            "that “the city",
        ),
        (
            "Senator Bob Walsh told reporters that “the vote will happen before the end of the month, no "
            "matter what the other side tries to do about it.”",
            "that “the vote",
        ),
        (
            "Governor Amy Reyes said on Tuesday that the budget “will not survive another year of cuts like "
            "the ones we have seen in this state.”",
            "that the budget",
        ),
    ],
)
def test_a_quote_after_its_cue_opens_past_the_cues_adjuncts(text: str, opens: str) -> None:
    assert _only_span(text).startswith(opens)


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        (
            "The new plan “will cost far more than anyone in this building has admitted so far,” Walsh said.",
            "The new plan",
        ),
        (
            "In past years, “we could reach every voter we needed with a good phone bank and a few flyers,” "
            "Reyes said.",
            "In past years",
        ),
    ],
)
def test_a_quote_before_its_cue_opens_at_its_sentence_start(text: str, opens: str) -> None:
    assert _only_span(text).startswith(opens)


def test_a_quote_that_opens_its_sentence_opens_at_its_mark() -> None:
    text = "“We will win this state and then we will win the next one too,” Walsh said on Monday."
    assert _only_span(text).startswith("“We will")


def test_a_dash_after_the_quoted_words_ends_the_quote() -> None:
    text = (
        "Walsh said the governor had been misled by “insiders” running her office — and he singled out her "
        "chief of staff as the problem."
    )
    span = _only_span(text)
    assert span.endswith("running her office"), span


def test_a_pair_of_dashes_is_an_aside_the_quote_goes_on_after() -> None:
    text = (
        "Walsh said that “every single member of this committee” – including Reyes – supports the plan to "
        "rebuild the bridges."
    )
    span = _only_span(text)
    assert span.endswith("the bridges"), span


def test_a_reported_clause_goes_on_in_the_quotation_after_it() -> None:
    text = (
        "Reyes says people should be able to choose the school they like best. “It is their life and their "
        "children, and nobody in the capital should decide it for them.”"
    )
    span = _only_span(text)
    assert span.startswith("people should") and span.endswith("for them.”"), span


def test_a_question_answered_for_by_the_next_sentence_is_one_quote_with_what_follows() -> None:
    text = (
        "“Have I started writing the speech for the convention next month?” Reyes replied. “Of course I "
        "have, and it is far too long already.”"
    )
    span = _only_span(text)
    assert span.startswith("“Have I") and span.endswith("already.”"), span


def test_a_quoted_paragraph_with_no_cue_goes_on_with_the_quote_before_it() -> None:
    text = (
        "“We will take this fight to every county in the state,” Reyes said.\n\n"
        "“Nobody gets to sit this one out, not the unions and not the churches.”\n\n"
        "The campaign did not say where she would go next."
    )
    span = _only_span(text)
    assert span.startswith("“We will") and span.endswith("churches.”"), span


def test_quoted_paragraphs_in_a_row_stay_apart() -> None:
    text = (
        "“We will take this fight to every county in the state,” Reyes said.\n\n"
        "“Nobody gets to sit this one out, not the unions and not the churches.”\n\n"
        "“And we will win it, because the other side has no plan at all.”"
    )
    assert all("\n" not in text[q.start : q.end] for q in _direct(text))


@pytest.mark.parametrize(
    "text",
    [
        "Senator Bob Walsh said the vote speaks “volumes” about the party and its leaders.",
        "Bob Walsh said Reyes agrees the plan is “a total disaster” for the state.",
    ],
)
def test_a_cue_inside_a_reported_clause_makes_no_second_quote(text: str) -> None:
    quotes = _direct(text)
    assert [q.speaker for q in quotes] == ["Bob Walsh"], [(q.speaker, text[q.start : q.end]) for q in quotes]


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        # when it was said is never what was said, whatever the parse hangs it on
        (
            "Reyes said Wednesday night that under the old rules “nobody could ever have won this state, "
            "not even the governor herself.”",
            "that under",
        ),
        # a preposition before words that go on with "to" belongs to the cue ("called on")
        ("Reyes called on the governor to “stop hiding from the voters” and answer their questions.", "the governor"),
    ],
)
def test_a_quote_opens_past_when_it_was_said_and_inside_a_phrasal_cue(text: str, opens: str) -> None:
    quote = next(q for q in _direct(text) if "“" in text[q.start : q.end])
    assert text[quote.start :].startswith(opens), text[quote.start : quote.end]
