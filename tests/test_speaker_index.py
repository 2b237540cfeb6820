"""Speaker rules on hand-built parse trees, and the speaker index that cannot be read half-built (#18).

The trees are written out here (words, heads, dependency labels, tags) the way spaCy's own tests build
``Doc(vocab, words, heads, deps)``, so a rule is tested on the parse it is about, whatever a model
version would make of the sentence.
"""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from spacy.tokens import Doc

from compare.model import Article
from compare.named_people import SPEAKER, Named, PeopleFinder
from compare.quotes.parsed import ParsedSnippet
from compare.quotes.plan import Snippet, plan_article
from compare.quotes.reader import AttributionReader
from compare.quotes.speaker_words import speaker_mention
from compare.speaker_resolver import SpeakerIndexBuilder
from compare.speakers import Mention

_VOCAB = spacy.blank("en").vocab  # lexical attributes (lower case, is_punct) without a model
Tree = list[tuple[str, int, str, str]]  # (word, head index, dependency, fine-grained tag), in text order


def _parsed(text: str, tree: Tree) -> ParsedSnippet:
    """The plan of ``text`` and a parse of its one snippet built by hand from ``tree``: the words of the
    text the parser reads, where a quotation stands as one placeholder word (“Yes,”)."""
    plan = plan_article(Article(id="a", outlet="o", title="", text=text, file=""))
    read = plan.frame.text
    words = [word for word, _, _, _ in tree]
    spaces, at = [], 0
    for word in words:
        at = read.index(word, at) + len(word)
        spaces.append(read[at : at + 1] == " ")
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=[head for _, head, _, _ in tree],
        deps=[dep for _, _, dep, _ in tree],
        tags=[tag for _, _, _, tag in tree],
    )
    assert doc.text == read
    return ParsedSnippet(doc, plan, Snippet(0, len(read), 0, len(read)))


def test_speaker_index_a_part_of_a_document_speaks_for_it() -> None:
    text = "The memo’s last line warned."
    tree: Tree = [
        ("The", 1, "det", "DT"),
        ("memo", 4, "poss", "NN"),
        ("’s", 1, "case", "POS"),
        ("last", 4, "amod", "JJ"),
        ("line", 5, "nsubj", "NN"),
        ("warned", 5, "ROOT", "VBD"),
        (".", 5, "punct", "."),
    ]
    parsed = _parsed(text, tree)
    mention = speaker_mention(parsed, parsed.doc[4])
    assert (mention.text, mention.kind, mention.head) == ("The memo", "description", "memo")


@pytest.mark.parametrize(
    ("text", "determiner", "shown"),
    [
        # a capital "The" inside a sentence is the publication's own word
        ("Critics of The Clarion spoke.", "The", "The Clarion"),
        # a lower-case one is not part of the name
        ("Critics of the Pentagon spoke.", "the", "Pentagon"),
    ],
)
def test_speaker_index_a_capital_the_inside_a_sentence_is_a_title(text: str, determiner: str, shown: str) -> None:
    tree: Tree = [
        ("Critics", 4, "nsubj", "NNS"),
        ("of", 0, "prep", "IN"),
        (determiner, 3, "det", "DT"),
        (shown.split()[-1], 1, "pobj", "NNP"),
        ("spoke", 4, "ROOT", "VBD"),
        (".", 4, "punct", "."),
    ]
    parsed = _parsed(text, tree)
    assert speaker_mention(parsed, parsed.doc[3]).text == shown


def test_speaker_index_a_sentence_opening_the_is_dropped() -> None:
    text = "The Pentagon said so."
    tree: Tree = [
        ("The", 1, "det", "DT"),
        ("Pentagon", 2, "nsubj", "NNP"),
        ("said", 2, "ROOT", "VBD"),
        ("so", 2, "advmod", "RB"),
        (".", 2, "punct", "."),
    ]
    parsed = _parsed(text, tree)
    assert speaker_mention(parsed, parsed.doc[1]).text == "Pentagon"


def _attributions(text: str, tree: Tree) -> list[tuple[str, str | None, str | None, bool]]:
    parsed = _parsed(text, tree)
    reader = AttributionReader(parsed.doc, parsed.plan, parsed.snippet)
    found = reader.attributions()
    return [(a.cue, a.speaker and a.speaker.text, a.speaker and a.speaker.kind, bool(a.quotations)) for a in found]


def test_speaker_index_a_cue_the_tagger_read_as_a_noun() -> None:
    # "Conway notes" read as an adjective and a plural noun: still a name and its speech verb
    tree: Tree = [
        ("“", 1, "punct", "``"),
        ("Yes", 5, "intj", "UH"),
        (",", 5, "punct", ","),
        ("”", 5, "punct", "''"),
        ("Conway", 5, "compound", "JJ"),
        ("notes", 5, "ROOT", "NNS"),
        (".", 5, "punct", "."),
    ]
    assert _attributions("“We will win,” Conway notes.", tree) == [("notes", "Conway", "name", True)]


def test_speaker_index_a_plural_noun_that_goes_on_is_no_cue() -> None:
    # "claims" heads the subject of "are", with no quotation before it: a noun, not a misread cue
    tree: Tree = [
        ("Senators", 1, "compound", "NNP"),
        ("claims", 1, "ROOT", "NNS"),
        ("are", 1, "dep", "VBP"),
        ("false", 2, "acomp", "JJ"),
        (".", 1, "punct", "."),
    ]
    assert _attributions("Senators claims are false.", tree) == []


def test_speaker_index_a_participle_after_a_quotation_is_the_cue() -> None:
    # “...?” the 43-year-old asked: parsed as "asked" describing "old", the quotation hung on "old"
    tree: Tree = [
        ("“", 9, "punct", "``"),
        ("Yes", 0, "prep", "UH"),
        ("?", 1, "punct", "."),
        ("”", 1, "punct", "''"),
        ("the", 9, "det", "DT"),
        ("43", 7, "nummod", "CD"),
        ("-", 7, "punct", "HYPH"),
        ("year", 9, "npadvmod", "NN"),
        ("-", 9, "punct", "HYPH"),
        ("old", 9, "ROOT", "JJ"),
        ("asked", 9, "acl", "VBN"),
        (".", 9, "punct", "."),
    ]
    found = _attributions("“Is that so?” the 43-year-old asked.", tree)
    assert found == [("asked", "the 43-year-old", "description", True)]


_TEXT = "Gen. Mark Milley spoke first. Later he said the plan would work. Milley left."


def test_speaker_index_resolves_only_after_it_is_built() -> None:
    index = SpeakerIndexBuilder(_TEXT, [Named(5, "Mark Milley", subject=True)])
    index.register(Mention("Gen. Mark Milley", 0, 16, "name"))
    assert not hasattr(index, "resolve")  # a builder cannot resolve ...
    resolver = index.build()
    assert not hasattr(resolver, "register")  # ... and a resolver cannot learn
    he = Mention("he", _TEXT.index("he said"), _TEXT.index("he said") + 2, "pronoun")
    speaker = resolver.resolve(he)
    assert speaker is not None and (speaker.name, speaker.role) == ("Mark Milley", "General")


def test_speaker_index_people_are_frozen_once_finished() -> None:
    finder = PeopleFinder(_TEXT, [Named(5, "Mark Milley", subject=True)])
    people = finder.finish()
    # the later bare "Milley" was found by surname; mentions are in text order
    offsets = [offset for offset, key, _ in people.mentions if key == "milley"]
    assert _TEXT.index("Milley left") in offsets and offsets == sorted(offsets)
    assert finder.finish() is people
    with pytest.raises(RuntimeError, match="after finish"):
        finder.add(0, "Mark Milley", SPEAKER)
    with pytest.raises(dataclasses.FrozenInstanceError):
        people.mentions = ()  # type: ignore[misc]


@pytest.mark.parametrize(
    ("before", "speaker", "kind"),
    [
        ("The Pentagon issued a statement on Monday.", "Pentagon", "organisation"),
        ("The Pentagon press office issued a statement.", "Pentagon press office", "organisation"),
        ("Acme Corp. said late on Friday in a brief statement that it would appeal.", "Acme Corp.", "organisation"),
        ("But the Holocaust Museum’s statement came first.", "Holocaust Museum", "organisation"),
        ("A statement from Senator Maria Lopez came first.", "Maria Lopez", "politician"),
        ("There was this statement out of the Pentagon policy office: “No.”", "Pentagon policy office", "organisation"),
        # a joint text has no one author; an author named after it is no antecedent
        ("Trump and Ryan issued a statement.", "That early statement", "document"),
        ("Nobody had read it.", "That early statement", "document"),
    ],
)
def test_speaker_index_a_statement_pointed_back_to_speaks_for_its_author(before: str, speaker: str, kind: str) -> None:
    later = "The Pentagon issued a statement later."
    text = f"{before}\n\nThat early statement called the strike “a defensive act.”\n\n{later}"
    at = text.index("That early")
    mention = Mention("That early statement", at, at + len("That early statement"), "description", head="statement")
    found = SpeakerIndexBuilder(text, []).build().resolve(mention)
    assert found is not None and (found.name, found.speaker_type) == (speaker, kind)


def test_speaker_index_a_name_ending_a_sentence_has_no_full_stop() -> None:
    text = "The debate was about banks and Hillary Clinton. Later came Martin Luther King Jr. and Gen. Mark A. Milley."
    people = PeopleFinder(text, []).finish()
    assert people.full_name["clinton"] == "Hillary Clinton"
    assert people.full_name["milley"] == "Mark A. Milley"


def test_speaker_index_a_speech_verb_joined_to_a_reported_clause_goes_on_with_its_reporter() -> None:
    # "Kyi said it was early but added, “...”" parsed with "added" joined to "was": Kyi added it, not "it"
    tree: Tree = [
        ("Kyi", 1, "nsubj", "NNP"),
        ("said", 1, "ROOT", "VBD"),
        ("it", 3, "nsubj", "PRP"),
        ("was", 1, "ccomp", "VBD"),
        ("early", 3, "acomp", "JJ"),
        ("but", 3, "cc", "CC"),
        ("added", 3, "conj", "VBD"),
        (",", 6, "punct", ","),
        ("“", 6, "punct", "``"),
        ("Yes", 6, "intj", "UH"),
        (".", 6, "punct", "."),
        ("”", 6, "punct", "''"),
    ]
    found = _attributions("Kyi said it was early but added, “We will win this race.”", tree)
    assert ("added", "Kyi", "name", True) in found
    assert all(speaker == "Kyi" for _, speaker, _, _ in found)


@pytest.mark.parametrize(
    ("link", "role"),
    [("conj", "Vice President for news and talk"), ("appos", "Vice President for news and talk")],
)
def test_speaker_index_a_title_the_parser_made_the_head_gives_way_to_the_name(link: str, role: str) -> None:
    # "Vice President for news and talk Dave Gorab said" parsed with the title as the subject and the name
    # hung off it: the name speaks, the title is the role
    tree: Tree = [
        ("Vice", 1, "compound", "NNP"),
        ("President", 8, "nsubj", "NNP"),
        ("for", 1, "prep", "IN"),
        ("news", 2, "pobj", "NN"),
        ("and", 1, "cc", "CC"),
        ("talk", 7, "compound", "VB"),
        ("Dave", 7, "compound", "NNP"),
        ("Gorab", 1, link, "NNP"),
        ("said", 8, "ROOT", "VBD"),
        ("so", 8, "advmod", "RB"),
        (".", 8, "punct", "."),
    ]
    parsed = _parsed("Vice President for news and talk Dave Gorab said so.", tree)
    mention = speaker_mention(parsed, parsed.doc[1])
    assert (mention.text, mention.kind, mention.role) == ("Dave Gorab", "name", role)


def test_speaker_index_of_two_subjects_the_one_next_to_the_verb_speaks() -> None:
    # "In Berea, OH, Gov. John Kasich said" parsed with both "OH" and "Kasich" as subjects of "said"
    tree: Tree = [
        ("In", 8, "prep", "IN"),
        ("Berea", 0, "pobj", "NNP"),
        (",", 8, "punct", ","),
        ("OH", 8, "nsubj", "NNP"),
        (",", 8, "punct", ","),
        ("Gov.", 7, "compound", "NNP"),
        ("John", 7, "compound", "NNP"),
        ("Kasich", 8, "nsubj", "NNP"),
        ("said", 8, "ROOT", "VBD"),
        (",", 8, "punct", ","),
        ("“", 8, "punct", "``"),
        ("Yes", 8, "intj", "UH"),
        (".", 8, "punct", "."),
        ("”", 8, "punct", "''"),
    ]
    found = _attributions("In Berea, OH, Gov. John Kasich said, “We will win this race.”", tree)
    assert found == [("said", "Gov. John Kasich", "name", True)]


@pytest.mark.parametrize(
    "middle",
    [
        # a name after a pronoun in its clause is the clause's object, not whom the paragraph is about
        "He had phoned Gov. Martin Ortega at dawn.",
        "Then he met Martin Ortega.",
        # the second of two joined names is what the first is: here both are objects
        "Though he never named Anna Kowalski or Martin Ortega, his target was clear.",
        # a name and its verb before another name: the other is the verb's object
        "Adeyemi also attacked Martin Ortega.",
        "Adeyemi mocked Anna Kowalski and Martin Ortega.",
    ],
)
def test_speaker_index_a_pronoun_goes_back_past_a_name_that_is_no_subject(middle: str) -> None:
    text = f"Senator Paul Adeyemi spoke in Dayton. {middle} He said: “We will win.”"
    at = text.index("He said")
    resolver = SpeakerIndexBuilder(text, [Named(8, "Paul Adeyemi", subject=True)]).build()
    speaker = resolver.resolve(Mention("He", at, at + 2, "pronoun"))
    assert speaker is not None and speaker.name == "Paul Adeyemi"


def test_speaker_index_two_joined_names_opening_a_sentence_are_both_its_subject() -> None:
    text = "Ruth Adeyemi spoke first. Then Paul Okafor and Martin Ortega walked out. He said: “Never.”"
    people = PeopleFinder(text, []).finish()
    tiers = {key: tier for offset, key, tier in people.mentions if offset > text.index("Then")}
    assert tiers["ortega"] == tiers["okafor"] == 1  # SUBJECT


def test_speaker_index_a_name_after_a_quotation_and_its_comma_is_its_sentences_subject() -> None:
    # the sentence splitter keeps "“…,” Ortega wrote" one sentence; the name after the quotation's comma
    # still opens its clause, however many prepositions the quotation holds
    text = "Paul Adeyemi met Martin Ortega first. “A war in the heart of a city is a warning to us all,” Ortega wrote."
    people = PeopleFinder(text, []).finish()
    tiers = {key: tier for offset, key, tier in people.mentions if offset > text.index("first")}
    assert tiers == {"ortega": 1}  # SUBJECT


def test_speaker_index_a_time_the_parser_made_the_subject_gives_way_to_the_name_before_the_verb() -> None:
    # "Friday evening in Erie, Ortega said: “...”" parsed with "evening" the subject and Ortega its conjunct
    tree: Tree = [
        ("Friday", 1, "compound", "NNP"),
        ("evening", 6, "nsubj", "NN"),
        ("in", 1, "prep", "IN"),
        ("Erie", 2, "pobj", "NNP"),
        (",", 3, "punct", ","),
        ("Ortega", 3, "conj", "NNP"),
        ("said", 6, "ROOT", "VBD"),
        (":", 6, "punct", ":"),
        ("“", 6, "punct", "``"),
        ("Yes", 6, "dobj", "UH"),
        (".", 6, "punct", "."),
        ("”", 6, "punct", "''"),
    ]
    found = _attributions("Friday evening in Erie, Ortega said: “We will win.”", tree)
    assert [(cue, speaker) for cue, speaker, _, _ in found][:1] == [("said", "Ortega")]


@pytest.mark.parametrize(
    ("text", "written", "speaker"),
    [
        # a title alone after "the" stands for the person the article gives it
        ("President Barack Obama met donors. Later the President said no.", "President", "Barack Obama"),
        # a surname that is also a title word is the person of that name
        ("Rep. Peter King met Ali. Later King said no.", "King", "Peter King"),
        # an abbreviated title the parse cut from its name
        ("Sen. Ruth Adeyemi spoke in Ohio. Later Sen. said no.", "Sen.", "Ruth Adeyemi"),
    ],
)
def test_speaker_index_a_title_alone_is_the_person_holding_it(text: str, written: str, speaker: str) -> None:
    at = text.rindex(written)
    people = [Named(text.index(speaker), speaker, subject=True)]
    found = SpeakerIndexBuilder(text, people).build().resolve(Mention(written, at, at + len(written), "name"))
    assert found is not None and found.name == speaker and found.speaker_type != "organisation"


def test_speaker_index_a_long_run_of_joined_names_is_read_without_recursion() -> None:
    # untrusted text: thousands of "X and" before a name once recursed past Python's stack
    text = "Alpha and " * 3000 + "Donald Trump said it."
    people = PeopleFinder(text, []).finish()
    assert "trump" in people.full_name


def test_speaker_index_a_company_named_with_a_title_word_is_the_company() -> None:
    text = "General Motors cut jobs. Later General Motors said no."
    at = text.rindex("General")
    found = SpeakerIndexBuilder(text, []).build().resolve(Mention("General Motors", at, at + 14, "name"))
    assert found is not None and (found.name, found.speaker_type) == ("General Motors", "organisation")
