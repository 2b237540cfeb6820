"""Quote extraction on small texts: every attribution pattern, quote kinds, roles, offsets."""

from __future__ import annotations

import pytest

from compare.model import Article, Quote
from compare.quotes import extract_quotes, extract_quotes_many


def _article(text: str, article_id: str = "a", outlet: str = "Outlet") -> Article:
    return Article(id=article_id, outlet=outlet, title="", text=text, file="")


def _quotes(text: str, kind: str | None = None) -> list[Quote]:
    return [q for q in extract_quotes(_article(text)) if kind is None or q.kind == kind]


def _only(text: str, kind: str) -> Quote:
    found = _quotes(text, kind)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“We are repositioning forces,” Esper said.", "Esper", "said"),  # speaker-verb
        ("“We are repositioning forces,” said Mark Esper.", "Mark Esper", "said"),  # verb-speaker
        ("Mark Esper told reporters: “We are repositioning forces in the region.”", "Mark Esper", "told reporters"),
        ("Mark Esper said in a statement: “We are repositioning forces.”", "Mark Esper", "said in a statement"),
        ("Carl Bialik: “Keep on contacting voters as late as possible.”", "Carl Bialik", ":"),  # colon
        ("Mark Milley tried to calm things, saying, “It was sent over for coordination.”", "Mark Milley", "saying"),
        ("“We are repositioning forces,” Esper added.", "Esper", "added"),
    ],
)
def test_quotes_direct_speaker_patterns(text: str, speaker: str, cue: str) -> None:
    quote = _only(text, "direct")
    assert quote.speaker == speaker
    assert quote.cue == cue


def test_quotes_split_quote_is_one_quote() -> None:
    text = "“I don’t know what that letter is,” Esper said. “We’re trying to find out where it’s coming from.”"
    quote = _only(text, "direct")
    assert quote.speaker == "Esper"
    assert "I don’t know" in quote.quote and "trying to find out" in quote.quote
    assert text[quote.start] == "“" and quote.end == len(text)


def test_quotes_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "Esper told reporters on Monday: “There has been no decision to leave Iraq, period.\n\n"
        "“We are repositioning forces throughout the region.”\n\nThe briefing ended."
    )
    quote = _only(text, "direct")
    assert quote.speaker == "Esper"
    assert "no decision" in quote.quote and "repositioning" in quote.quote


def test_quotes_quote_at_paragraph_start_takes_the_next_speaker() -> None:
    text = "“It was a mistake. It should not have been sent.” “It was unsigned,” Milley said."
    quotes = _quotes(text, "direct")
    assert quotes and all(q.speaker == "Milley" for q in quotes)
    assert any("should not have been sent" in q.quote for q in quotes)


def test_quotes_partial_quote_covers_the_reported_clause() -> None:
    text = "Milley said the letter was “poorly worded” and should not have been sent."
    quote = _only(text, "direct")
    assert quote.speaker == "Milley"
    assert "“poorly worded”" in quote.quote and text[quote.start : quote.end] == quote.quote


def test_quotes_partial_quote_runs_on_to_quoted_words_later_in_the_sentence() -> None:
    text = "Clinton said he would abdicate leadership, his world view is “dangerously wrong” and he is a “bully.”"
    quote = _only(text, "direct")
    assert quote.speaker == "Clinton"
    assert quote.quote.startswith("he would abdicate") and quote.quote.endswith("“bully.”")
    assert not _quotes(text, "scare")


@pytest.mark.parametrize("verb", ["groused", "lambasted", "theorized", "confided"])
def test_quotes_reporting_verbs(verb: str) -> None:
    assert _only(f"“Nobody will pay for the wall but Mexico,” Trump {verb}.", "direct").speaker == "Trump"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The now infamous “phony” letter was posted online.", "phony"),
        ("In a few hours it went from “authentic” to part of an effort to sow “active disinformation.”", "authentic"),
    ],
)
def test_quotes_short_unattributed_labels_are_scare_quotes(text: str, label: str) -> None:
    scare = [q for q in _quotes(text) if q.kind == "scare"]
    assert label in [q.quote.rstrip(".") for q in scare]
    assert all(q.speaker is None for q in scare)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The “Sunday Morning Futures” segment ran long.", "Sunday Morning Futures"),
        ("The senators of the “Gang of Eight” met again.", "Gang of Eight"),
        ("She starred in “13 Hours: The Secret Soldiers” last year.", "13 Hours: The Secret Soldiers"),
    ],
)
def test_quotes_titles_of_works_and_groups_are_labels(text: str, label: str) -> None:
    assert [q.quote for q in _quotes(text) if q.kind == "scare"] == [label]
    assert not _quotes(text, "direct")


@pytest.mark.parametrize(
    "text",
    [
        "Ben Carson appeared on ABC’s “This Week” on Sunday.",
        "Donald Trump was not at the “Three Amigos” summit of North American leaders.",
    ],
)
def test_quotes_a_person_beside_a_title_in_marks_is_not_quoted(text: str) -> None:
    """The subject of a sentence whose only quoted words name a show or an event said none of them."""
    assert not _quotes(text, "direct")
    assert [q.kind for q in _quotes(text)] == ["scare"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("His escapades were featured in the documentary “Weiner.”", "Weiner."),
        ("Cuban, who is also a host on the TV show “Shark Tank.” said he would consider it.", "Shark Tank."),
        ("She acted in the Syfy movie “Sharknado 3: Oh Hell No!” last year.", "Sharknado 3: Oh Hell No!"),
        ("After a year, TBS cancelled his late night show “Lopez Tonight.”", "Lopez Tonight."),
    ],
)
def test_quotes_the_name_of_a_work_after_its_noun_is_a_label(text: str, label: str) -> None:
    """A work's name can read as a sentence ("Weiner.", "Oh Hell No!"); the noun right before it says what it is."""
    assert label in [q.quote for q in _quotes(text) if q.kind == "scare"]
    assert not _quotes(text, "direct")


def test_quotes_reported_words_holding_a_shows_name_are_indirect() -> None:
    found = _quotes("Lopez said NBC cancelled his late night show “Lopez Tonight.” after a year.")
    assert [(q.kind, q.speaker) for q in found] == [("indirect", "Lopez")]


def test_quotes_a_clause_naming_a_podcast_quotes_nobody() -> None:
    """Only a partial quotation of someone's words makes reported words direct, not a show's name in them."""
    text = "Linkins edits “Eat The Press” and co-hosts the politics podcast “So, That Happened.” Subscribe here."
    assert not _quotes(text, "direct")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Fiorina wrote in her memoir, “Nobody was going to push me out of that company.”", "Fiorina"),
        ("Fiorina wrote in her book, “I was fired because I would not give up.”", "Fiorina"),
        ("Sanders said that the comment by Dr. Paul Song “was inappropriate and insensitive.”", "Sanders"),
    ],
)
def test_quotes_words_after_a_work_and_a_comma_are_still_speech(text: str, speaker: str) -> None:
    assert any(q.speaker == speaker for q in _quotes(text, "direct"))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“But Pete Wilson won,” Axelrod said.", "Axelrod"),
        ("“Absolutely not. Absolutely not,” Clinton responded.", "Clinton"),
        ("“Only you, Dinesh,” Cohen said.", "Cohen"),
    ],
)
def test_quotes_short_capitalised_statements_are_not_titles(text: str, speaker: str) -> None:
    """Only a title's small words ("of", "the") stay lower case: any other lower-case word makes a statement."""
    assert _only(text, "direct").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("Esper said there had been no decision to leave Iraq.", "Esper", "no decision to leave Iraq"),
        ("The letter was a draft, according to Liz Sly.", "Liz Sly", "The letter was a draft"),
        ("According to Mark Esper, the troops are staying in Iraq.", "Mark Esper", "the troops are staying"),
    ],
)
def test_quotes_indirect_speech_is_marked_indirect(text: str, speaker: str, words: str) -> None:
    quote = _only(text, "indirect")
    assert quote.speaker == speaker
    assert words in quote.quote


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "That is where author and liberal firebrand Cornel West took the conversation. Filling in for Sanders "
            "at the event where Clinton and O'Malley appeared Sunday, West landed a sharp dig at the senator.\n\n"
            "“I took Wall Street money but it didn't affect me?” he said.",
            "Cornel West",
        ),
        (
            "President Barack Obama won Iowa. Jamal Simmons is a Democratic consultant. Simmons, an Obama supporter, "
            "said he saw the shift in his own family. “It is challenging the community’s assumptions,” he said.",
            "Jamal Simmons",
        ),
        (
            "Sen. Ted Cruz spoke first. Donald Trump took offense when Cruz confronted him at the debate. “He is a "
            "low-energy guy with no ideas,” he said.",
            "Donald Trump",
        ),
        (
            "Donald Trump held a rally on Monday. Reporter Dave Sexton covered it. Sexton, after previous Trump "
            "rallies, wrote that nothing surprised him. “These people were comfortable in their anger,” he said.",
            "Dave Sexton",
        ),
    ],
)
def test_quotes_pronoun_goes_back_to_the_subject_named_by_surname(text: str, speaker: str) -> None:
    """A person named once in full and then as a sentence's subject by surname is who "he said" means; a name
    that only modifies a noun ("an Obama supporter") is not the subject."""
    assert _only(text, "direct").speaker == speaker


def test_quotes_pronoun_resolves_to_the_person_named_before() -> None:
    text = "Gen. Mark Milley arrived at the Pentagon on Monday.\n\n“It was an honest mistake,” he said."
    quote = _only(text, "direct")
    assert quote.speaker == "Mark Milley"
    assert quote.role == "General"


def test_quotes_pronoun_prefers_the_last_speaker_over_a_name_in_passing() -> None:
    text = (
        "“We will fight this in court,” said Senator Jane Doe.\n\n"
        "Doe also criticized the plan by John Roe. “It is a disgrace to the state,” she added."
    )
    quotes = _quotes(text, "direct")
    assert [q.speaker for q in quotes] == ["Jane Doe", "Jane Doe"]


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("Donald Trump spoke first. Later, Tarar said selling Trump to other Muslims has been a challenge.", "Tarar"),
        (
            "Donald Trump spoke first. Sandy Phillips, whose daughter died in Aurora, called the plan weak.",
            "Sandy Phillips",
        ),
        ("Donald Trump spoke first. However, critics called the plan weak.", "Donald Trump"),
    ],
)
def test_quotes_pronoun_finds_the_person_an_unparsed_sentence_opens_with(opening: str, speaker: str) -> None:
    """A sentence that opens with a name and speaks of them makes them the subject "he"/"she" points to,
    even when the parser never reads it; a sentence adverb ("However,") is no one."""
    text = f"“We will win,” Donald Trump said.\n\n{opening}\n\n“In the beginning it was completely no,” he said."
    assert _quotes(text, "direct")[-1].speaker == speaker


def test_quotes_description_resolves_to_the_fitting_person() -> None:
    text = "Gen. Mark Milley met Mark Esper on Monday. “It was a draft,” the general said."
    assert _only(text, "direct").speaker == "Mark Milley"


def test_quotes_description_takes_the_nearest_person_with_no_other_role() -> None:
    text = (
        "Sen. Bernie Sanders spoke in Iowa on Sunday.\n\n"
        "Mr. Rubio visited Manchester on Monday. “It's huuuge,” the senator said."
    )
    assert _only(text, "direct").speaker == "Rubio"


def test_quotes_pronoun_never_resolves_to_a_place_or_thing() -> None:
    text = "“We did it,” Islamic State said in a statement.\n\n“We saw people hit,” he said."
    first, second = _quotes(text, "direct")
    assert (first.speaker, first.speaker_type) == ("Islamic State", "organisation")
    assert second.speaker is None


def test_quotes_who_stands_for_the_person_not_the_organisation_before_it() -> None:
    text = (
        "The story broke on Monday, according to Liz Sly, bureau chief for the Washington Post, "
        "who noted that it was a draft."
    )
    assert {q.speaker for q in _quotes(text, "indirect")} == {"Liz Sly"}


def test_quotes_a_described_document_lends_no_speaker_to_quotations_around_it() -> None:
    text = (
        "The account of how the infamous letter announcing a withdrawal came out details how the "
        "“posting of the letter online unleashed a mad scramble at the Pentagon and on Capitol Hill.”"
    )
    assert not _quotes(text, "direct")


def test_quotes_unnamed_source_is_anonymous() -> None:
    quote = _only("“We will not comment on leaked documents,” a senior official said.", "direct")
    assert quote.speaker_type == "anonymous"


@pytest.mark.parametrize(
    ("text", "role", "speaker_type"),
    [
        ("“We are staying,” said Defense Secretary Mark Esper.", "Defense Secretary", "official"),
        ("Gen. Mark Milley, chairman of the Joint Chiefs of Staff, said: “It was a draft.”", "General", "official"),
        (
            "“It was leaked,” said Liz Sly, Beirut bureau chief for the Washington Post.",
            "Beirut bureau chief for the Washington Post",
            "journalist",
        ),
        ("“We will win,” said Sen. Ted Cruz.", "Senator", "politician"),
        ("“The data are clear,” said Jane Roe, a professor of economics at Yale.", "professor", "expert"),
        ("“No comment,” said Pentagon spokesman Jonathan Hoffman.", "Pentagon spokesman", "spokesperson"),
    ],
)
def test_quotes_role_and_speaker_type(text: str, role: str, speaker_type: str) -> None:
    quote = _only(text, "direct")
    assert role.lower() in (quote.role or "").lower()
    assert quote.speaker_type == speaker_type


@pytest.mark.parametrize(
    "text",
    [
        "He said “this quote never closes\n\nThe next paragraph is narration.",
        "”Backwards” marks ” everywhere “ and “ more “ of them.",
        '"""" ""',
        "“",
        "",
    ],
)
def test_quotes_odd_marks_never_crash_and_keep_offsets(text: str) -> None:
    for quote in extract_quotes(_article(text)):
        assert 0 <= quote.start <= quote.end <= len(text)


def test_quotes_unclosed_attributed_quote_is_kept() -> None:
    text = "Esper said “this quote never closes and keeps going\n\nThe next paragraph is narration."
    quote = _only(text, "direct")
    assert quote.speaker == "Esper" and quote.quote.startswith("this quote never closes")


def test_quotes_unclosed_unattributed_quote_is_flagged() -> None:
    text = "The letter arrived.\n\n“This quote never closes and nobody is said to say it\n\nNarration follows."
    assert _only(text, "unattributed").speaker is None


def test_quotes_batch_gives_the_same_quotes_as_one_by_one() -> None:
    texts = [
        "“We are staying,” said Defense Secretary Mark Esper.",
        "Milley said the letter was “poorly worded” and should not have been sent.",
        "The now infamous “phony” letter was posted online.",
    ]
    articles = [_article(t, article_id=f"a{i}") for i, t in enumerate(texts)]
    assert extract_quotes_many(articles) == [q for a in articles for q in extract_quotes(a)]


def test_quotes_many_articles_in_slices_match_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build parses articles a slice at a time (memory stays flat); slicing must not change any quote,
    including for an article without a single quotation between two that have them."""
    import compare.quotes

    texts = [
        "“We are repositioning forces,” Esper said.",
        "No quotation marks here, only a plain sentence about the weather.",
        "Mark Milley said: “That letter is a draft.” He added that “it was a mistake.”",
        "“It was sent over for coordination,” said Mark Milley. Esper said there had been no decision.",
        "The spokesman, Jonathan Hoffman, said the department would respond.",
    ]
    articles = [_article(text, article_id=f"a{i}") for i, text in enumerate(texts)]
    one_at_a_time = [q for article in articles for q in extract_quotes(article)]
    monkeypatch.setattr(compare.quotes, "_ARTICLES_PER_SLICE", 2)
    assert extract_quotes_many(articles) == one_at_a_time
    assert {q.article_id for q in one_at_a_time} >= {"a0", "a2", "a3"}


def test_quotes_she_skips_a_man_named_by_a_male_first_name() -> None:
    """ "she" is the woman named in passing ("presidential nominee Hillary Clinton"), not the last speaker,
    a man the text never gives a pronoun: their first names tell them apart."""
    text = (
        "“You are scapegoating the people at the bottom,” Jeff Merkley said.\n\n"
        "In a statement, presidential nominee Hillary Clinton was more circumspect than her fellow Democrats. "
        "Though she called the bank’s behavior “outrageous and unacceptable”, she stopped short."
    )
    quotes = _quotes(text, "direct")
    assert [q.speaker for q in quotes] == ["Jeff Merkley", "Hillary Clinton"]


def test_quotes_a_day_after_the_verb_is_never_the_speaker() -> None:
    text = "“We will achieve justice in this case,” Tulsa police Chief Chuck Jordan said Monday."
    assert _only(text, "direct").speaker == "Chuck Jordan"


def test_quotes_signed_by_a_dash_and_a_name_after_the_closing_mark() -> None:
    """Readers' comments and epigraphs: “...” ― Name, one per line, no speech verb anywhere."""
    text = (
        "Readers told us what they thought.\n\n"
        "“During the debate he said we live in hell. He is ignorant of our lives.”― Pamela Padilla\u00a0\n"
        "“I’m so ashamed. How did we get this low?”\u00a0― Jacklyn Ashley\n"
        "“He must stop portraying us as gangsters.” — Carla Sanchez.\n\n"
        "“The most unqualified child to ever run for president.” – Francisco Herrero, 34, Texas"
    )
    quotes = _quotes(text, "direct")
    assert [q.speaker for q in quotes] == ["Pamela Padilla", "Jacklyn Ashley", "Carla Sanchez", "Francisco Herrero"]
    assert quotes[0].quote.startswith("During the debate")


def test_quotes_a_dash_before_a_place_or_a_clause_is_no_signature() -> None:
    text = "“We will win this,” — Monday\n\n“It was a draft” — and the letter was never signed."
    assert not _quotes(text, "direct")


def test_quotes_a_possessed_claim_belongs_to_its_possessor() -> None:
    text = "Politifact seized on Donald Trump’s claim that there have been “thousands of shootings” in Chicago."
    quote = _only(text, "direct")
    assert (quote.speaker, quote.cue) == ("Donald Trump", "claim")
    assert "thousands of shootings" in quote.quote


def test_quotes_a_horizontal_bar_reads_as_a_dash() -> None:
    text = (
        "When Clinton noted that Trump has occasionally not paid anything in federal income taxes ― as was true for "
        "the few years his tax returns were made public ― Trump boasted, “That makes me smart.”"
    )
    assert _only(text, "direct").speaker == "Trump"


def test_quotes_anybody_who_complains_is_no_speaker() -> None:
    text = (
        "Hillary Clinton mocked the complaint, saying anybody who complains about a microphone "
        "“is not having a good night.”"
    )
    quote = _only(text, "direct")
    assert (quote.speaker, quote.cue) == ("Hillary Clinton", "saying")


def test_quotes_the_name_after_the_verb_speaks_when_the_quotation_comes_between() -> None:
    text = (
        'Both political parties "saw Burma as a country that was really reeling under pressure from China," '
        "said Victor Cha, who served as Asia director."
    )
    assert _only(text, "direct").speaker == "Victor Cha"
    assert _only("“We are repositioning forces,” said Trump’s spokesman Hope Hicks.", "direct").speaker == "Hope Hicks"


def test_quotes_a_participle_after_a_name_is_that_name_speaking() -> None:
    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead, you might ask?”"
    assert _only(text, "direct").speaker == "Hillary Clinton"
    text = "Trump sent a series of tweets early Friday saying that Machado was “a con.”"
    assert _only(text, "direct").speaker == "Trump"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Clinton "is the only candidate with the experience and temperament," said retired Air Force general '
            "Lloyd Newton.",
            "Lloyd Newton",
        ),
        ('Mills "got an immunity agreement," Jordan said, and still "got to sit in on the interview."', "Jordan"),
        (
            'Clinton "is the only candidate with the experience and level-headed leadership to keep America safe," '
            "retired Air Force general Lloyd Newton said.",
            "Lloyd Newton",
        ),
    ],
)
def test_quotes_the_name_beside_the_verb_speaks_not_the_subject_inside_the_quoted_sentence(
    text: str, speaker: str
) -> None:
    assert _only(text, "direct").speaker.endswith(speaker)


def test_quotes_she_picks_the_woman_among_relatives_who_share_a_surname() -> None:
    text = (
        "Bill Clinton spoke first. Later Bill Clinton left. Hillary Clinton arrived and smiled at the crowd.\n\n"
        "“We will win,” she said."
    )
    assert _only(text, "direct").speaker == "Hillary Clinton"


def test_quotes_a_byline_signs_its_line_even_after_a_quotation_nested_inside() -> None:
    """“... what he calls “hell” than ...” ― Name: the nested marks end the first quotation early; the
    byline at the end of the line still signs the statement the line opens with."""
    text = (
        "Readers told us what they thought.\n"
        "“As a young woman, I’d rather live in what he calls “hell” than live where he is president.” ― Adriana "
        "Rodarte\n"
        "“To quote Bob Marley ‘Some people are so poor all they have is money.” That’s all he has.” ―\u00a0Christina "
        "Lastra.\n"
    )
    speakers = {q.speaker for q in _quotes(text, "direct")}
    assert speakers == {"Adriana Rodarte", "Christina Lastra"}


def test_quotes_a_signature_on_the_line_below_a_quotation_signs_it() -> None:
    """A fact check's "- Sanders." and a comment page's "-Michelle Marks, Philadelphia" under a quotation that
    is its whole paragraph; a list item under a sentence that only contains a quotation signs nothing."""
    text = (
        "The claims, checked.\n\n"
        "“Boeing and other multinationals pay zero taxes.”\n\n- Bernie Sanders.\n\n"
        "“The whole idea needs to stop.”\n-Michelle Marks, Philadelphia\n\n"
        "He called the plan “a scam” at the rally.\n\n- Jobs\n"
    )
    speakers = [q.speaker for q in _quotes(text, "direct")]
    assert speakers[:2] == ["Bernie Sanders", "Michelle Marks"] and "Jobs" not in speakers


def test_quotes_she_is_the_woman_named_by_her_first_name_among_relatives() -> None:
    """An article where "Trump" mostly means Donald: "she" after "Ivanka Trump acknowledged" is Ivanka."""
    text = (
        "Donald Trump unveiled his plan on Tuesday. Trump said his plan would help families. Trump repeated his "
        "pledge.\n\n"
        "Carmel Martin, a policy expert, said the plan left many out.\n\n"
        "In an essay last week, Ivanka Trump acknowledged the battle. “The number of households led by single "
        "mothers has doubled,” she wrote."
    )
    assert _only(text, "direct").speaker == "Ivanka Trump"


def test_quotes_a_name_in_the_reported_clause_is_not_who_she_is() -> None:
    """ "McLenney said Clinton doesn't ...": the one speaking is McLenney, not the subject of what she said."""
    text = (
        "Ashley McLenney saw Tim Kaine speak at a rally.\n\n"
        "McLenney said Clinton does not show consistency in her concern for racial issues.\n\n"
        "“It is not something that she continuously says,” she said."
    )
    assert _only(text, "direct").speaker == "Ashley McLenney"


def test_quotes_a_gendered_description_skips_people_of_the_other_gender() -> None:
    """The person named last is a woman: "the New York businessman" skips her."""
    text = (
        "Donald Trump spoke at the forum. Hillary Clinton answered questions about Syria.\n\n"
        "“We need change,” the New York businessman said."
    )
    assert _only(text, "direct").speaker == "Donald Trump"


def test_quotes_a_hyphenated_first_name_opens_a_sentence_about_her() -> None:
    text = (
        "Jo-Renee Formicola, a political science professor, described the approach.\n\n"
        "“If he is asked questions he is unable to answer, he would try to deflect them,” she said."
    )
    assert _only(text, "direct").speaker == "Jo-Renee Formicola"


def test_quotes_a_party_and_district_in_brackets_are_not_part_of_the_name() -> None:
    text = (
        "“Let us make this a big year for our potential senator, Bobby Scott!” Scott’s niece, state Del. Marcia "
        '"Cia" Price (D-Newport News), shouted to the crowd.'
    )
    speaker = _only(text, "direct").speaker
    assert speaker.endswith("Price") and "(" not in speaker and "News" not in speaker


def test_quotes_she_is_the_wife_named_once_beside_her_husband() -> None:
    """Husband and wife share the surname; she is named once, with no speech verb: "she" is still her."""
    text = (
        "The shooting occurred as Keith Lamont Scott, a 43-year-old man, was sitting in his parked vehicle. "
        "It does not answer whether Scott had a gun.\n\n"
        "The video shows an officer aiming a gun at Scott. Rakeyia Scott can be heard yelling to the officers "
        "that her husband was unarmed.\n\n"
        "“Don’t shoot him,” she says."
    )
    assert _only(text, "direct").speaker == "Rakeyia Scott"


def test_quotes_an_outlet_named_post_is_no_post_and_speaks_as_it() -> None:
    """ "The Washington Post" is the paper, not a post by Washington; "It added" goes back to it."""
    text = (
        "The Washington Post reported that Klein was gathering material. It added, “the visit with Klein comes as "
        "Trump promises new attacks on the stump.”"
    )
    assert {q.speaker for q in _quotes(text)} == {"Washington Post"}


@pytest.mark.parametrize(
    "lead",
    ["In a Fox interview later that day, Trump went even further:", "In an interview with CNN, Trump went further:"],
)
def test_quotes_the_outlet_of_an_interview_is_not_who_speaks_after_the_colon(lead: str) -> None:
    assert _only(f"{lead} “If he goes forward and loses, it’s the end of his career.”", "direct").speaker == "Trump"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a short quotation after a possessive names a thing, and a word in marks is never the speaker
        ("Kerry Washington, star of television’s “Scandal,” thanked Obama for “taking steps.”", "Kerry Washington"),
        # the possessor of the noun after an inverted cue only qualifies who spoke
        (
            "“It's about time that we had a woman running this country,” exhorted Clinton's introducer, actress "
            "Jamie Lee Curtis.",
            "Jamie Lee Curtis",
        ),
        ("In the clip, Peter Santilli expressed a desire to “try, convict and shoot” her.", "Peter Santilli"),
    ],
)
def test_quotes_speakers_around_labels_possessors_and_less_common_verbs(text: str, speaker: str) -> None:
    assert _only(text, "direct").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“How big is that wall?” asked the boy, who was wearing a red hat.", "the boy"),
        ("“Where is the money going?” asked a reporter.", "a reporter"),
    ],
)
def test_quotes_a_description_after_an_inverted_cue_is_who_spoke(text: str, speaker: str) -> None:
    """The parser makes "the boy" in "“...?” asked the boy" the object; after a quotation it is the speaker."""
    assert _only(text, "direct").speaker == speaker


def test_quotes_a_quotation_signed_right_after_belongs_to_that_cue() -> None:
    """In "When Sanders said ..., he “...,” said Drew Heiserman" the quotation sits in Sanders' reported
    clause, but the cue and speaker right after its closing mark are whose words it is."""
    text = (
        "When Sanders said at a rally that he wouldn’t want the mayor’s endorsement, he “grabbed ahold of the way "
        "teachers in Chicago are feeling about the way our city is being run,” said Drew Heiserman, a teacher."
    )
    assert _only(text, "direct").speaker == "Drew Heiserman"
