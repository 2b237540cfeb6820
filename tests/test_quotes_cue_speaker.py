"""The speaker is whoever the cue attributes the words to, never a name inside what was said (issue #18)."""

from __future__ import annotations

import pytest

from compare.model import Article
from compare.named_people import SUBJECT, PeopleFinder
from compare.quotes import extract_quotes


def _speakers(text: str) -> list[str | None]:
    article = Article(id="a", outlet="o", title="", text=text, file="")
    return [q.speaker for q in extract_quotes(article) if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "continue to be" is no speech: the words are Cruz's, not Rubio's
        ("Cruz said he’s certain Rubio will continue to be “a strong voice for conservatives.”", "Cruz"),
        # the name after the verb is what was called disgusting, not who called it
        (
            "Stuart Stevens, who served as Mitt Romney's chief strategist during the 2012 campaign, called "
            "Trump's statements and actions on Sunday “disgusting.”",
            "Stuart Stevens",
        ),
        # a letter's words are its writer's, not its addressee's
        (
            "Phoenix Mayor Greg Stanton wrote a letter to Attorney General Loretta E. Lynch asking the Justice "
            "Department to investigate the “unacceptable” lines.",
            "Greg Stanton",
        ),
        # a party tag or a dateline in brackets is never the speaker
        ("Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”", "John Kasich"),
        (
            "RENO, Nev. (AP) — Republican presidential hopeful Donald Trump says he doesn’t watch football "
            "“as much as I used to.”",
            "Donald Trump",
        ),
        # after a quotation the name after the verb still speaks
        ("“We will win,” said retired general Lloyd Newton.", "Lloyd Newton"),
        # a cue the tagger misreads as a noun ("notes") still attributes the quotation before it
        ("“Look at the statement he put out,” Conway notes.", "Conway"),
    ],
)
def test_quotes_cue_speaker_not_a_name_in_the_words(text: str, speaker: str) -> None:
    found = _speakers(text)
    assert found and all(s is not None and s.endswith(speaker) for s in found)


def test_quotes_cue_speaker_party_tag_is_no_role() -> None:
    article = Article(id="a", outlet="o", title="", text="“We will win,” said Rep. Jim Jordan (R-Ohio).", file="")
    quote = extract_quotes(article)[0]
    assert (quote.speaker, quote.role, quote.speaker_type) == ("Jim Jordan", "Representative", "politician")


@pytest.mark.parametrize("lead", ["Reid said that", "Reid said", "Song said Democratic candidate"])
def test_quotes_cue_speaker_a_name_in_reported_words_is_no_subject(lead: str) -> None:
    # "Reid said that Clinton has energized people. He added": "He" should not go back to Clinton
    text = f"{lead} Hillary Clinton has energized a lot of people. He added more."
    people = PeopleFinder(text, []).finish()
    assert all(tier != SUBJECT for offset, key, tier in people.mentions if key == "clinton")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Pentagon said the strike was legal. “We acted in self-defence,” it said.", "Pentagon"),
        ("Protesters said the curfew was unfair. “We will march again,” they said.", "Protesters"),
    ],
)
def test_quotes_cue_speaker_it_and_they_stand_for_a_body(text: str, speaker: str) -> None:
    # "it" and "they" go back to the body or group that spoke just before, never to a person
    assert _speakers(text)[-1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Sanders campaign on Monday doubled down, saying she is experienced “on paper” but not enough.",
            "The Sanders campaign",
        ),
        ("Trump at the time said he’d asked his “people” to “look into” paying the fees.", "Trump"),
    ],
)
def test_quotes_cue_speaker_when_is_not_who(text: str, speaker: str) -> None:
    assert _speakers(text)[0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a part of a document speaks for the document, never "line" or "paragraph"
        ("The memo’s final paragraph warned that the plan was “unworkable and costly.”", "The memo", "document"),
        ("The closing section of the report concluded the dam was “beyond repair.”", "the report", "document"),
        # a capital "The" inside a sentence belongs to a publication's title
        ("“The rule is a mistake,” wrote The Clarion on Friday.", "The Clarion", None),
    ],
)
def test_quotes_cue_speaker_documents_and_titles(text: str, speaker: str, kind: str | None) -> None:
    article = Article(id="a", outlet="o", title="", text=text, file="")
    quote = next(q for q in extract_quotes(article) if q.kind == "direct")
    assert quote.speaker == speaker
    if kind is not None:
        assert quote.speaker_type == kind


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We respect your sovereign authority,” the letter’s last line declared.", "the letter"),
        ("“We will respond in kind,” a statement said.", "a statement"),
        ("“The talks are over,” the memo said.", "the memo"),
    ],
)
def test_quotes_a_document_with_no_author_speaks_with_its_article(text: str, speaker: str) -> None:
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [(q.speaker, q.speaker_type) for q in quotes if q.kind == "direct"] == [(speaker, "document")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Bernie Sanders and Hillary Clinton campaigned in Iowa on Monday.\n\n"
            "Unlike Clinton, Sanders stayed in the state overnight. “We like to work,” he told me.",
            "Bernie Sanders",
        ),
        (
            "Elizabeth Warren and Hillary Clinton spoke on Monday.\n\n"
            "Like Clinton, Warren praised the plan. “It is a good plan,” she told me.",
            "Elizabeth Warren",
        ),
    ],
)
def test_quotes_a_preposition_opening_a_sentence_is_no_part_of_a_name(text: str, speaker: str) -> None:
    """ "Like Clinton, Warren praised": the sentence's subject is Warren, and no one is called "Like Clinton"."""
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [q.speaker for q in quotes if q.kind == "direct"] == [speaker]


@pytest.mark.parametrize("opener", ["Like", "Unlike", "Despite", "Amid", "Without", "Against"])
def test_quotes_no_speaker_is_named_by_a_sentence_opening_preposition(opener: str) -> None:
    text = f"{opener} Allen, their days begin at 4:30 a.m. and are filled with calls.\n\n“We like to work,” he told me."
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert not any((q.speaker or "").startswith(opener) for q in quotes)


def test_quotes_the_name_set_off_right_before_a_subjectless_verb_speaks() -> None:
    """The parse hangs the adviser and his name off "the Observer" and gives "said" no subject: the name next
    to the verb spoke, with the description as the role, and the cue stops at the comma."""
    text = (
        "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “Hillary Clinton "
        "believes that transatlantic cooperation is essential.”"
    )
    (quote,) = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert (quote.speaker, quote.role) == ("Jake Sullivan", "senior policy adviser")
    assert "Sullivan" not in (quote.cue or "")


def test_quotes_the_sentence_before_a_lone_quotation_is_read_whole() -> None:
    """A long sentence without marks is parsed only around its cue; when a lone quotation follows, it is read
    whole, since its subject (far from the verb here) is whose the quotation is."""
    text = (
        "On the other side, Sen. Ted Cruz (R-Tex.), a Republican candidate for president who has made protecting "
        'religious liberties a centerpiece of his campaign, tweeted a warning. "Missouri: Remember in November '
        'the Democrats who filibustered over 30 hours to fight against religious liberty."'
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Ted Cruz"]


def test_quotes_who_after_a_noun_named_by_named_is_that_name() -> None:
    text = (
        "The senator was rallying for a 70-year-old academic named Eric Kingson, who is running for Congress and "
        'who worked the crowd, praising "Bernie\'s genuineness and indisputable integrity" as he spoke.'
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Eric Kingson"]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        (
            'Sitting down with MSNBC\'s "The Rachel Maddow Show" on Thursday, during which she also touched on the '
            'idea of a female running mate, Clinton remarked that she was "a little surprised" to be debating '
            "health care in her race against Sanders.",
            'that she was "a little surprised" to be debating health care in her race against Sanders',
        ),
        (
            "Hillary Clinton isn’t rattled about the string of losses she’s faced in the Democratic primary — in "
            "fact, she said it “humanizes” her.",
            "it “humanizes” her",
        ),
        (
            "More than nine of 10 Republicans in Tennessee and Georgia were worried about the economy; most said "
            'they were "very worried."',
            'they were "very worried."',
        ),
    ],
)
def test_quotes_the_clause_after_the_verb_is_what_was_said(text: str, reported: str) -> None:
    """When the parse gives a speech verb a clause on each side, the one after it holds the quoted words; the
    one before is the scene ("Sitting down with ...") or a sentence of its own ("... were worried; most said")."""
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [text[q.start : q.end] for q in quotes if q.kind == "direct"] == [reported]


def test_quotes_an_idiom_with_a_speech_verb_reports_nothing() -> None:
    text = (
        "Bernie Sanders has no such endorsements. Sanders said that fact speaks volumes about which candidate is "
        '"prepared to take on the establishment."'
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert "fact" not in {q.speaker for q in quotes}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed the media for making an issue out of the "
            "remark, saying they were “nitpicking” at the wording.",
            "Mike Pence",
        ),
        ("WASHINGTON — The FBI said on Monday that it had “no evidence” of a crime.", "FBI"),
    ],
)
def test_quotes_a_dateline_is_never_the_speaker(text: str, speaker: str) -> None:
    """The parse may make the dateline's place the subject; the person after the dash speaks, and a name in
    capitals outside a dateline ("The FBI said") still does."""
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    speakers = {q.speaker for q in quotes if q.speaker}
    assert speaker in " ".join(speakers) and not any(s.isupper() and len(s) > 3 for s in speakers)


def test_quotes_a_word_for_unnamed_people_is_no_one_later_mentions_go_back_to() -> None:
    """ "Another said" quotes an unnamed reader; "Another" is no person's name, so a later description or "he"
    does not resolve to it."""
    text = (
        '"Trump is very cute with a big mouth," one user wrote.\n\n'
        'Another said he hoped with his "whole heart" that Trump wins: "That way I can watch the comedy."\n\n'
        "But as the nationalist Global Times tabloid noted in an op-ed Thursday, the leading GOP candidate "
        '"has surprisingly earned himself a few fans in China."\n\n'
        'As the paper noted, it is surprising. Although he says he "loves China," he also accuses it of stealing jobs.'
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    later = [q for q in quotes if q.start > text.index("But as the")]
    assert later and all(q.speaker != "Another" for q in later)
    assert later[0].speaker == "the nationalist Global Times tabloid"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "In a national CNN/ORC poll released Monday, 31% of Republicans and Republican-leaning voters said "
            'they were "extremely enthusiastic" about voting.',
            "31% of Republicans",
        ),
        (
            'Only 29 percent (and 43 percent of Republicans) said they were "very confident" in the count.',
            "Only 29 percent",
        ),
    ],
)
def test_quotes_a_description_never_ends_on_a_conjunction_or_an_open_bracket(text: str, speaker: str) -> None:
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [q.speaker for q in quotes if q.kind == "direct"] == [speaker]


def test_quotes_a_lone_quotation_takes_the_subject_of_a_sentence_with_marks_of_its_own() -> None:
    """The sentence before a lone quotation names whose it is even when it quotes a show's title itself."""
    text = (
        'On "Face the Nation," Sen. Bernie Sanders (Vt.), who lost the Democratic primaries to Clinton, identified '
        "young voters' exhaustion with bigotry as one of the reasons that they should get excited about Clinton's "
        'candidacy. "The younger people are sick and tired of discrimination and racism."'
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Bernie Sanders"]


def test_quotes_a_title_in_marks_the_parse_made_a_subject_never_speaks() -> None:
    text = (
        "Former prosecutor and New York City Mayor Rudy Giuliani, who backs Trump, trashed Comey on MSNBC’s "
        "“Morning Joe,” calling it a “no-brainer” to prosecute under the statutory definition of the law."
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert "Morning Joe" not in {q.speaker for q in quotes}


def test_quotes_a_name_the_parse_made_the_subject_of_an_aside_speaks() -> None:
    """ "Clinton, exasperated, famously responded:" is parsed with Clinton as the subject of "exasperated"."""
    text = (
        'Sen. Ron Johnson pressed her on the protests. Clinton, exasperated, famously responded: "What '
        'difference - at this point, what difference does it make?" Her critics cited it.'
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [q.speaker for q in quotes if q.kind == "direct" and q.start > text.index("Clinton")] == ["Clinton"]


def test_quotes_a_participle_after_a_comma_read_as_a_noun_still_cues_the_clause_subject() -> None:
    """With the quotation collapsed the tagger reads "remarking" as a noun hung on "reference": it still
    reports the quotation, for the subject of the clause's verb."""
    text = (
        'Clinton ended a Democratic debate last December with a reference to the blockbuster "Star Wars" sequel '
        "hitting the theaters, remarking, “Thank you, and may The Force be with you.”\n\n"
        "On television, Axelrod has argued that Clinton's use of a personal email server did not show judgment."
    )
    quotes = extract_quotes(Article(id="a", outlet="o", title="", text=text, file="f.txt"))
    assert [(q.speaker, q.cue) for q in quotes if q.kind == "direct"] == [("Clinton", "remarking")]
