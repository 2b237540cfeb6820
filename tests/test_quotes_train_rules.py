"""Rules from issue #18 (who said it, on unseen text): where a reported clause opens, and which cue of
a nested attribution a quotation belongs to. Small hand-written sentences, one class of error each."""

from __future__ import annotations

import pytest

from compare.model import Article, Quote
from compare.quotes import extract_quotes


def _quotes(text: str) -> list[Quote]:
    return extract_quotes(Article(id="a", outlet="Outlet", title="", text=text, file=""))


def _direct(text: str) -> list[Quote]:
    return [q for q in _quotes(text) if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Cruz said any candidate who wants to win Iowa "owes it to the men and women" of it.', "Cruz"),
        (
            "Christian Rev. Derek Penwell said the world lost a voice that said “love in spite of fear is the "
            "greatest expression of power that human beings can muster.”",
            "Derek Penwell",
        ),
    ],
)
def test_a_described_subject_inside_a_reported_clause_is_not_the_speaker(text: str, speaker: str) -> None:
    assert [q.speaker for q in _direct(text)] == [speaker]


def test_a_named_subject_inside_a_reported_clause_keeps_its_quotation() -> None:
    text = "Trump said Clinton told him “you will never be president, not in a hundred years, believe me.”"
    speakers = {q.speaker for q in _direct(text)}
    assert "Hillary Clinton" in speakers or "Clinton" in speakers


@pytest.mark.parametrize(
    ("text", "ends_with"),
    [
        # a quotation closed mid-clause: a preposition or subordinator completes what was said
        ("Rubio said people “literally hate each other” because they differ politically.", "differ politically"),
        ("Trump called for “a total and complete ban” on all Muslims entering the country, aides said.", "country"),
    ],
)
def test_quoted_words_closed_mid_clause_run_to_the_clause_end(text: str, ends_with: str) -> None:
    quote = next(q for q in _direct(text) if "“" in text[q.start : q.end])
    assert text[: quote.end].endswith(ends_with)


@pytest.mark.parametrize(
    "text",
    [
        "Trump called Clinton “crazy” and said the party would lose.",  # a new verb phrase is the writer's
        "“We will win,” he said about the vote.",  # punctuation inside the mark closes the quotation
    ],
)
def test_quoted_words_followed_by_a_new_phrase_end_at_their_mark(text: str) -> None:
    quote = next(q for q in _direct(text) if "”" in text[q.start : q.end])
    assert text[quote.end - 1] == "”"


def test_a_wire_dateline_is_never_the_speaker() -> None:
    text = (
        "Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Donald Trump’s stance on Brexit, "
        "saying that “bombastic comments” do more harm than good during such times."
    )
    assert [q.speaker for q in _direct(text)] == ["Hillary Clinton"]


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("Sanders warned of the dangers of “owners of technology” who want “only money.”", "the dangers"),
        ('Clinton talked about "spoiling the party."', '"spoiling'),  # the quotation's own mark stays
    ],
)
def test_the_preposition_linking_a_cue_to_its_words_is_not_reported(text: str, opens: str) -> None:
    quote = _direct(text)[0]
    assert text[quote.start :].startswith(opens)


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("She says her husband will “be the best president.”", "her husband"),  # the clause's subject
        (
            "Morton Blackwell endorsed Cruz last week, saying he “has consistently demonstrated his deep "
            "commitment to conservative principles.”",
            "he “has",
        ),
    ],
)
def test_a_collapsed_quotation_keeps_the_reported_words_before_it(text: str, opens: str) -> None:
    (quote,) = _direct(text)
    assert text[quote.start :].startswith(opens)
    assert quote.end == len(text)


def test_a_quotation_that_is_the_whole_clause_keeps_its_own_words() -> None:
    text = '"We will win this state and then we will win the whole thing," Cruz said.'
    (quote,) = _direct(text)
    assert (quote.start, quote.quote) == (0, "We will win this state and then we will win the whole thing")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb that reports speech only with its particle, and a verb of insisting
        ("Kelly smiled at him. “You know, it happens, right?” Ortega went on, as if he had not heard her.", "Ortega"),
        ("Ortega criticised the plan. Adeyemi fired back on Twitter that it was “a gift to the rich.”", "Adeyemi"),
        ("“Will the bridge be finished by May?” Kowalski pressed.", "Kowalski"),
        ("Ortega spoke first. “France will always be France,” an angry Adeyemi retaliated.", "Adeyemi"),
        ("Ortega spoke first. “Not a chance,” Adeyemi laughed.", "Adeyemi"),
        ("“Will it be finished by May?” Kowalski went on. “We need a date.”", "Kowalski"),
        ("The mayor spoke first. “And the bridge?” Kowalski pressed.", "Kowalski"),
    ],
)
def test_a_cue_with_its_particle_attributes_the_quotation(text: str, speaker: str) -> None:
    assert {q.speaker for q in _direct(text)} == {speaker}


def test_a_particle_verb_with_a_preposition_reports_nothing() -> None:
    # "goes on recess": "on" takes an object, so "goes" is no cue and the quotation stays with Ortega
    text = "Senator Ana Ortega said that once the Senate goes on recess, “I intend to campaign wherever I can.”"
    assert [q.speaker for q in _direct(text)] == ["Ana Ortega"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "year" in a hyphenated description is no "when it was said" ("last year") to cut from the speaker
        ("The hall fell silent. “He is a leader,” said the 46-year-old. “Now he will work for you.”", "46-year-old"),
        ("The crowd waited. “We will be back,” said the two-year-old company.", "two-year-old company"),
    ],
)
def test_a_hyphenated_age_stays_in_the_speakers_description(text: str, speaker: str) -> None:
    assert all(speaker in (q.speaker or "") for q in _direct(text)) and _direct(text)


def test_a_surname_in_capitals_before_a_colon_is_the_person_named() -> None:
    # a transcript or fact check: "CLINTON: “...”" is Hillary Clinton, not an organisation's acronym
    text = (
        "Hillary Clinton and Donald Trump met on Tuesday. Here are their claims:\n\n"
        "CLINTON: “I have proposed a specific plan to cut the deficit.”\n\n"
        "TRUMP: “There are 23 million people out of work.”"
    )
    found = [(q.speaker, q.speaker_type) for q in _direct(text)]
    assert found == [("Hillary Clinton", "other"), ("Donald Trump", "other")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a quotation glued to the name by a missing space is none of the name
        ("Ortega said the fleet is smaller than “at any time since 1917.”Adeyemi said it had “285 ships.”", "Adeyemi"),
    ],
)
def test_a_speakers_name_holds_no_time_and_no_quotation(text: str, speaker: str) -> None:
    assert _direct(text)[-1].speaker == speaker


def test_an_object_pronoun_a_participle_hangs_on_speaks_for_the_person_before() -> None:
    text = "Eric Ortega died in 2014.\n\nA video captured him repeatedly yelling “I can’t breathe!” on the pavement."
    assert [q.speaker for q in _direct(text)] == ["Eric Ortega"]


@pytest.mark.parametrize(
    "text",
    [
        "Critics said the plan would fail. “Is that fair?” Ortega asked.",
        "Critics said Lopez could keep her job. “That is a bribe, isn’t it? Isn’t that a bribe?” Ortega asked.",
    ],
)
def test_a_question_answered_for_after_it_is_not_the_sentence_befores(text: str) -> None:
    # the question belongs to "Ortega asked", not to the clause "Critics said" reports
    found = [(q.speaker, q.kind, q.quote) for q in _quotes(text)]
    assert [(speaker, kind) for speaker, kind, _ in found] == [("Critics", "indirect"), ("Ortega", "direct")]
    assert found[1][2].startswith(("Is that fair?", "That is a bribe"))


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ana Ruiz said,“We will rebuild every home that the storm destroyed this week, sooner than you think.”",
        "Mayor Ana Ruiz said:“We will rebuild every home that the storm destroyed this week, sooner than you think.”",
    ],
)
def test_a_quotation_mark_glued_to_its_cue_is_still_attributed(text: str) -> None:
    # scraped text often drops the space between the comma or colon and the opening mark
    assert [q.speaker for q in _direct(text)] == ["Ana Ruiz"]


@pytest.mark.parametrize("label", ["Sen. Mark Olsen (D-Ore.):", "Sen. Mark Olsen (D-Ore.) :"])
def test_a_transcript_speaker_label_with_party_and_state_names_the_speaker(label: str) -> None:
    text = f'{label} "We did not see the report before the vote, and nobody on the panel did either."'
    assert [q.speaker for q in _direct(text)] == ["Mark Olsen"]


@pytest.mark.parametrize(
    "cue",
    [
        "adopted a fake Southern accent and joked",  # "joked" parsed under the noun "accent"
        "put on a pair of reading glasses and quipped",  # "quipped" parsed under the participle "reading"
    ],
)
def test_a_cue_the_parser_joined_to_an_object_belongs_to_the_sentences_subject(cue: str) -> None:
    text = f"Senator Lena Ortiz spoke in Macon on Friday.\n\nShe then {cue}, “I have never seen a budget this thin.”"
    assert [q.speaker for q in _direct(text)] == ["Lena Ortiz"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("As the economist Ana Ruiz put it, “Nobody in this town has ever seen a budget this thin.”", "Ana Ruiz"),
        ("As Ana Ruiz puts it: “Nobody in this town has ever seen a budget this thin.”", "Ana Ruiz"),
        ("“Nobody in this town has ever seen a budget this thin,” as Ana Ruiz put it on Monday.", "Ana Ruiz"),
    ],
)
def test_as_someone_put_it_attributes_the_quotation(text: str, speaker: str) -> None:
    quotes = _direct(text)
    assert [q.speaker for q in quotes] == [speaker]
    assert text[quotes[0].start] == "“"  # the cue's "it" is not what was said


def test_put_with_another_complement_reports_nothing() -> None:
    text = "Congress put it to a vote on “the most important bill of the decade and maybe of the century,” aides said."
    assert [q.speaker for q in _direct(text)] == ["aides"]


@pytest.mark.parametrize(
    "text",
    [
        # "post" after an auxiliary is a verb, whatever the tagger says
        "Ortiz did post on Facebook on Sunday that the new rules were “a disaster for every small farm in the valley.”",
        # "sum" reports speech with its particle
        "Ortiz summed up the plan as “a giveaway to the developers who paid for his campaign,” and left the room.",
    ],
)
def test_a_cue_the_tagger_misreads_or_with_its_particle_attributes_the_quotation(text: str) -> None:
    assert [q.speaker for q in _direct(text)] == ["Ortiz"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A spokesman, in Ohio, said its workers were “the best steelworkers anywhere.”", "A spokesman"),
        ("The governor, at a rally in Toledo, called the plan “a giveaway to the developers.”", "The governor"),
    ],
)
def test_an_aside_after_a_description_is_no_part_of_the_speaker(text: str, speaker: str) -> None:
    assert [q.speaker for q in _direct(text)] == [speaker]


def test_the_object_a_verb_moves_to_speak_is_the_speaker() -> None:
    text = "The ruling prompted Judge Ana Ruiz to write, “Nothing in the statute allows the county to close a school.”"
    assert [q.speaker for q in _direct(text)] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    "text",
    [
        "“Nobody on the board has read the whole contract,” said Nally, explaining he had worked with the panel.",
        "Nally chairs the panel.\n\nAnd Nally called the contract “a mess that nobody on the board has read.”",
    ],
)
def test_a_surname_ending_in_ly_is_a_name_not_an_adverb(text: str) -> None:
    assert [q.speaker for q in _direct(text)] == ["Nally"]


def test_a_plural_speakers_bare_verb_after_the_quotation_is_a_cue() -> None:
    text = "“The plant is safe and it has always been safe for every worker,” the Danes state in their report."
    assert [q.speaker for q in _direct(text)] == ["Danes"]


@pytest.mark.parametrize("verb", ["barked", "beamed", "roared", "screamed", "growled"])
def test_a_verb_of_how_words_were_said_attributes_them(verb: str) -> None:
    text = f"“Get out of my office, and take your cameras with you,” Ortiz {verb} at the reporters."
    assert [q.speaker for q in _direct(text)] == ["Ortiz"]


@pytest.mark.parametrize(
    ("text", "ends_with"),
    [
        (
            'Ortiz said the council would "take a look" at the plan, which would give the county more time to count.',
            "at the plan",
        ),
        ("It is strange that Ortiz would denounce “rule by the statehouse,” which is like a gift to her.", "”"),
        ("Ortiz slammed the levy called a “tax on renters,” in which a landlord pays and raises every rent.", "”"),
    ],
)
def test_a_relative_clause_set_off_after_the_quoted_words_is_the_writers(text: str, ends_with: str) -> None:
    quote = next(q for q in _direct(text))
    assert text[: quote.end].endswith(ends_with)


def test_a_participle_hanging_on_a_quotation_is_not_said_by_the_quotation() -> None:
    text = (
        'Ruiz said last week that Trump represents "Texas values," stating during the debate that they are '
        '"socially liberal or pro-gun."'
    )
    speakers = {q.speaker for q in _quotes(text)}
    assert speakers == {"Ruiz"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Ortiz spoke at the Albany County Library, when striking nurses interrupted her speech, shouting “pay "
            "us what you promised us last spring!”",
            "striking nurses",
        ),
        (
            'Ortiz spoke down the street from the plant, where about 50 workers had gathered on Monday, chanting "no '
            'contract, no work" after the talks failed.',
            "about 50 workers",
        ),
    ],
)
def test_a_participle_after_a_when_or_where_clause_belongs_to_that_clauses_subject(text: str, speaker: str) -> None:
    assert [q.speaker for q in _direct(text)] == [speaker]


def test_a_participle_after_a_reported_clause_belongs_to_the_speaker() -> None:
    text = (
        "Baker, Maryland’s sitting governor, repeated accusations that Rubio recites the same campaign points, "
        "calling him a “talented guy” when required to “deliver a speech, read a teleprompter.”"
    )
    assert [q.speaker for q in _direct(text)] == ["Baker"]


def test_a_reported_clauses_subject_the_parser_also_gave_the_cue_is_not_the_speaker() -> None:
    text = (
        'In an interview, Dana Kowalski, a former vice president of sales, said Ortiz "was personally, very '
        'heavily involved in all that discussion and research."'
    )
    assert [q.speaker for q in _direct(text)] == ["Dana Kowalski"]


def test_a_clause_after_and_is_not_what_the_first_speaker_said() -> None:
    text = (
        "Trump called the system “rigged” in a tweet Tuesday, and a few Republican lawmakers have called for a recount."
    )
    quotes = _quotes(text)
    by_trump = [text[q.start : q.end] for q in quotes if q.speaker == "Trump"]
    assert by_trump == ["the system “rigged” in a tweet Tuesday"]  # no ", and" left dangling either


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Right after the vote, Ortiz issued a statement, “Last night our county was let down by its own "
            "council. It was the worst vote in a decade.”",
            "Ortiz",
        ),
        (
            '"In writing the budget, the mayor\'s team of aides took notes on every complaint," read the statement, '
            "which was released at 1 a.m.",
            "the statement",
        ),
    ],
)
def test_a_document_and_its_words_in_marks_speak_for_its_author(text: str, speaker: str) -> None:
    assert [q.speaker for q in _direct(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Ortiz argued that a registry would keep landlords from raising rents illegally, saying it’s “all about "
            "enforcement.”",
            "Ortiz",
        ),
        # a participle that reports ("alleging that ...") is no reporting verb to go on with
        (
            "Mayor Ortiz’s office slammed a lawsuit filed by a fired aide alleging that the mayor violated the law "
            "with her housing panel, calling it “meritless” and “improper” on Monday.",
            "Mayor Ortiz’s office",
        ),
    ],
)
def test_a_participle_after_a_reported_clause_goes_on_with_the_reporting_verb(text: str, speaker: str) -> None:
    quoted = [q for q in _direct(text) if "“" in text[q.start : q.end]]
    assert quoted and {q.speaker for q in quoted} == {speaker}


@pytest.mark.parametrize(
    "text",
    [
        "As the crowd began to chant, Ortiz was joined on stage by Senator Ruiz and joked, “Recount people, you are "
        "being ridiculous tonight,” drawing loud jeers.",
        "Ortiz was booed and shouted down by the council’s supporters after telling the holdouts that they were “being "
        "ridiculous.”",
    ],
)
def test_a_passive_subject_speaks_for_the_cue_that_goes_on_from_its_verb(text: str) -> None:
    assert [q.speaker for q in _direct(text)] == ["Ortiz"]


def test_one_who_was_asked_is_not_the_asker() -> None:
    text = (
        "Ortiz was asked by host Dana Ruiz, who is supporting Ortiz, but has previously dismissed the story about the "
        "audit, “Now, you famously said, in one of the first debates, oh, I am tired of hearing about the audit.”"
    )
    assert "Ortiz" not in {q.speaker for q in _direct(text)}


def test_a_cue_the_parser_read_as_an_adjective_after_a_name_is_the_names() -> None:
    text = (
        "Kicking off the day at a town hall meeting in Salem, Trump accused Cruz, the senator from Texas, of "
        'being "politically correct" and "very queasy" on the issue.'
    )
    quotes = _direct(text)
    assert [q.speaker for q in quotes] == ["Trump"]
    assert text[quotes[0].start :].startswith("Cruz, the senator")


@pytest.mark.parametrize(
    "text",
    [
        "Speaking to “Good Morning Albany” Monday, Ortiz refrained from attacking her rivals.",
        "Speaking to WAMC's \"The Roundtable,\" the mayor's chief of staff on Monday lashed out at the council.",
    ],
)
def test_whom_one_spoke_to_is_not_what_was_said(text: str) -> None:
    assert _direct(text) == []


def test_what_one_spoke_about_is_what_was_said() -> None:
    text = "Ortiz spoke about “the worst budget this county has ever seen in its long history.”"
    assert [q.speaker for q in _direct(text)] == ["Ortiz"]


@pytest.mark.parametrize(
    "text",
    [
        'On Monday on WAMC, Ortiz said "local crews" must lead the cleanup.',
        'Ortiz has said repeatedly "the next council" should choose the auditor.',
    ],
)
def test_a_reported_clause_opening_with_quoted_words_keeps_their_mark_and_is_direct(text: str) -> None:
    quotes = _direct(text)
    assert [q.speaker for q in quotes] == ["Ortiz"]
    assert text[quotes[0].start] == '"'


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Pollsters agree - Dana Kowalski: “One of the biggest lessons was a simple one: call voters late.”",
            "Dana Kowalski",
        ),
        (
            "Estimates of civic engagement are particularly problematic - Pew Research: “All the samples include "
            "more engaged voters than the census says there should be.”",
            "Pew Research",
        ),
    ],
)
def test_a_name_between_a_dash_and_a_colon_labels_the_quotation(text: str, speaker: str) -> None:
    assert [q.speaker for q in _direct(text)] == [speaker]


@pytest.mark.parametrize("describer", ["another", "the"])
def test_a_capitalised_description_after_the_quotation_is_the_speaker(describer: str) -> None:
    text = (
        "“There are more candidates in this race than there are voters who know them,” added "
        f"{describer} New Hampshire Democrat."
    )
    assert [q.speaker for q in _direct(text)] == ["New Hampshire Democrat"]


def test_the_name_before_a_party_tag_speaks_for_a_verb_the_parser_left_without_subject() -> None:
    text = (
        "Saturday at the Massachusetts Democratic state’s party convention Sen. Ana Ortiz (D-MA) said presumptive "
        "Republican presidential nominee Donald Trump was a “proven failure” in business."
    )
    assert [q.speaker for q in _direct(text)] == ["Ana Ortiz"]


def test_the_name_before_a_relative_clause_the_parser_made_the_verbs_clause_speaks() -> None:
    text = (
        "Bernstein, meanwhile, who sits at zero such endorsements, said that fact speaks volumes about which of the "
        'two candidates is "prepared to take on the establishment."'
    )
    assert [q.speaker for q in _direct(text)] == ["Bernstein"]


@pytest.mark.parametrize(
    "text",
    [
        'The concerns go beyond Ortiz\'s controversial pledge to be "neutral" during talks between the unions.',
        'Ortiz\'s accusation that the council is playing the "budget card" drew boos.',
    ],
)
def test_the_owner_of_a_pledge_or_accusation_with_quoted_words_said_them(text: str) -> None:
    assert [q.speaker for q in _direct(text)] == ["Ortiz"]


def test_a_short_title_with_the_sentences_full_stop_inside_its_marks_quotes_nobody() -> None:
    text = (
        '"I am not sure that we will see the sequel," Ortiz remarked, alluding to the actor\'s latest turn as a '
        'rugged frontiersman in "The Long Winter."'
    )
    assert [text[q.start : q.end] for q in _direct(text)] == ['"I am not sure that we will see the sequel,"']


def test_a_chant_with_a_full_stop_is_still_words_people_said() -> None:
    text = (
        "Outside the arena, about 200 protesters congregated in three clusters, holding signs and chanting "
        '"Dump Ortiz."'
    )
    assert [q.speaker for q in _direct(text)] == ["about 200 protesters"]


def test_two_short_sentences_in_title_case_are_no_title() -> None:
    text = "“Here comes the boss,” she said, clapping. “The Mayor. Big Boss.”"
    quotes = _quotes(text)
    assert any(text[q.start : q.end].endswith("Big Boss.”") and q.kind == "direct" for q in quotes)


def test_a_relative_clause_without_a_comma_does_not_hide_a_later_aside() -> None:
    text = "Ortiz called the count “rigged” for people who voted early, which was false."
    quotes = _direct(text)
    assert [text[q.start : q.end] for q in quotes] == ["the count “rigged” for people who voted early"]


@pytest.mark.parametrize("told", ["the reporter", "the Albany Times Union"])
def test_the_one_told_after_a_quotation_is_no_speaker(told: str) -> None:
    text = f"“We will win this county and every one next to it,” told {told}."
    assert all(told.split()[-1] not in (q.speaker or "") for q in _direct(text))


def test_a_comma_set_phrase_naming_the_speakers_stays_in_the_description() -> None:
    text = "Still, many, including Sen. Ana Ortiz, D-N.Y., say the insurance program is “far too generous.”"
    assert [q.speaker for q in _direct(text)] == ["many, including Sen. Ana Ortiz"]


def test_a_cue_that_shares_the_passive_makes_no_speaker_of_its_subject() -> None:
    text = 'White House aide Dana Ruiz was confronted and called a "fascist" by a woman at the restaurant.'
    assert _direct(text) == []


def test_the_it_of_as_she_put_it_is_not_what_was_said() -> None:
    text = "Ortiz won. Or, as she herself put it, “I won the places that are optimistic, diverse and moving forward.”"
    quotes = _direct(text)
    assert [text[q.start] for q in quotes] == ["“"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "Ortiz said she found Lee “very charming” and called his standing in the field “unheard of.”",
            "she found Lee “very charming”",
        ),
        (
            "Ortiz said she would sit Lee down and tell him “no more nonsense” and then tells the crowd she was "
            "the “first one” to say so.",
            "she would sit Lee down and tell him “no more nonsense”",
        ),
    ],
)
def test_a_clause_stops_before_the_speakers_next_cue_joined_by_and(text: str, first: str) -> None:
    spans = [text[q.start : q.end] for q in _direct(text)]
    assert spans[0] == first
    assert len(spans) == 2 and spans[1].endswith(("“unheard of.”", "to say so"))


def test_a_claim_noun_owns_the_quotation_right_after_its_that() -> None:
    text = (
        "Former Secretary of State Ana Ortiz, a Lee supporter, fanned controversy this year over her remark "
        "that “there’s a special place in hell for women who don’t help each other.”"
    )
    quotes = _direct(text)
    assert [(q.speaker, text[q.start : q.start + 6]) for q in quotes] == [("Ana Ortiz", "that “")]


def test_a_claim_noun_with_a_paraphrase_after_its_that_is_no_quote() -> None:
    text = "Ana Ortiz fanned controversy this year over her remark that women should help each other."
    assert _direct(text) == []


def test_a_clause_stops_before_another_speakers_cue_after_while() -> None:
    text = (
        "Ortiz suggested that someone who does not answer questions cannot lead, while Lee said that the "
        "“stakes in this election are too high” for a novice."
    )
    quotes = [(q.speaker, q.kind, text[q.start : q.end]) for q in _quotes(text) if q.kind in {"direct", "indirect"}]
    assert quotes == [
        ("Ortiz", "indirect", "that someone who does not answer questions cannot lead"),
        ("Lee", "direct", "that the “stakes in this election are too high” for a novice"),
    ]


def test_a_quotation_the_next_cue_took_goes_back_to_the_clause_before_it() -> None:
    text = (
        "Ana Ortiz spoke.\n\nShe said that Lee is playing the “women’s card big league” and said that Kim is "
        "“weak like a baby.”"
    )
    spans = [text[q.start : q.end] for q in _direct(text)]
    assert spans == ["that Lee is playing the “women’s card big league”", "that Kim is “weak like a baby.”"]


def test_a_quotation_after_that_belongs_to_the_cue_the_parse_left_without_a_clause() -> None:
    # the parse of this sentence (with this name) gives "told" no clause and hangs the quotation on "vowed"
    text = (
        "Marking the end of the Republican primaries with an unusually formal speech -- complete with "
        'teleprompter -- Trump told supporters Tuesday night that "we close one chapter in history and we begin '
        'another," and he vowed to properly carry the "mantle" of Republican leadership.'
    )
    first = _direct(text)[0]
    assert (first.speaker, text[first.start : first.start + 14]) == ("Trump", 'that "we close')


def test_a_quotation_after_another_verbs_that_is_not_the_earlier_cues() -> None:
    text = (
        "Leaders of the group have said they invite all candidates to speak to the group to ensure that "
        '"our community develops a constructive relationship with whoever wins the nomination."'
    )
    assert all(q.speaker != "all candidates" for q in _quotes(text))


def test_the_name_after_a_titles_of_phrase_speaks_with_the_title_as_role() -> None:
    text = "Speaker of the House Rep. Paul Ryan (R-WI) said “anti-Semitic images, they’ve got no place in a campaign.”"
    [quote] = _direct(text)
    assert quote.speaker == "Paul Ryan"
    assert quote.role is not None and quote.role.startswith("Speaker of the House")


def test_a_party_tag_after_a_surname_that_is_a_title_word_is_no_name() -> None:
    text = (
        "“I don’t see how the CIA can say he’s not going to testify,” House Homeland Security Committee Chairman "
        "Peter King (R-N.Y.) told CNN."
    )
    assert [q.speaker for q in _direct(text)] == ["Peter King"]


def test_a_document_whose_verb_the_tagger_read_as_a_noun_speaks_after_a_quotation() -> None:
    text = (
        "That did not sit well with the editors of The Advocate, who aimed their Friday editorial at Lee.\n\n"
        "“If she wants to be the next president, Ana Lee should act like one, and come to Louisiana,” the "
        "editorial read."
    )
    assert [(q.speaker, q.speaker_type) for q in _direct(text)] == [("the editorial", "document")]


@pytest.mark.parametrize(
    "text",
    [
        "She was honoured for her work as playwright for the hit Broadway play, “Eclipsed.”",
        "Ana Ortiz spoke about it on the latest episode of her politics podcast, “So, That Happened.”",
    ],
)
def test_a_short_title_after_a_work_noun_and_a_comma_is_no_ones_words(text: str) -> None:
    assert _direct(text) == []


def test_words_after_a_work_noun_and_a_comma_that_read_as_a_sentence_are_still_said() -> None:
    text = "Ortiz wrote in her memoir, “I was born in a small town and never left it until I was twenty.”"
    assert [q.speaker for q in _direct(text)] == ["Ortiz"]


def test_a_show_named_where_someone_spoke_is_not_what_they_said() -> None:
    text = "Speaking Sunday on ABC’s “This Week,” Ortiz admitted that the course name in her book was inaccurate."
    assert _direct(text) == []


def test_a_name_someone_goes_by_is_no_statement() -> None:
    text = "Marcel Lazar, the hacker known as “Guccifer,” stated that he had access to the server."
    assert _direct(text) == []
