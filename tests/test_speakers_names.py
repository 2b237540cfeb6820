"""Speaker names, titles, types, one speaker per person across outlets, and the per-story tables."""

from __future__ import annotations

import pytest

from compare.gender import first_name_gender
from compare.model import Article, Quote
from compare.people import resolve_speakers
from compare.quotes import extract_quotes
from compare.speakers import (
    glued_words,
    is_anonymous,
    looks_like_person,
    name_key,
    normalise_role,
    single_outlet_speakers,
    speaker_outlet_table,
    split_title,
)


@pytest.mark.parametrize(
    ("words", "title", "name"),
    [
        ("Defense Secretary Mark Esper", "Defense Secretary", "Mark Esper"),
        ("Army General Mark Milley", "Army General", "Mark Milley"),
        ("Gen. Milley", "Gen.", "Milley"),
        ("White House press secretary Josh Earnest", "White House press secretary", "Josh Earnest"),
        ("Mark Milley", "", "Mark Milley"),
        ("the Defense Secretary", "the Defense Secretary", ""),
    ],
)
def test_speakers_split_title(words: str, title: str, name: str) -> None:
    assert split_title(words.split()) == (title, name)


@pytest.mark.parametrize(
    ("role", "normalised"),
    [
        ("Gen.", "General"),
        ("Sen.", "Senator"),
        ("Former Rep.", "Former Representative"),
        ("Mr.", None),
        ("the Beirut bureau chief for the Washington Post,", "Beirut bureau chief for the Washington Post"),
        (None, None),
    ],
)
def test_speakers_normalise_role(role: str | None, normalised: str | None) -> None:
    assert normalise_role(role) == normalised


@pytest.mark.parametrize(
    "variant", ["Gen. Milley", "Mark Milley", "Army General Mark Milley", "Milley", "Gen. Mark Milley Jr."]
)
def test_speakers_name_key_is_the_surname(variant: str) -> None:
    assert name_key(variant) == "milley"


@pytest.mark.parametrize(
    ("words", "person"),
    [
        ("Mark Milley", True),
        ("Gen. Milley", True),
        ("New Hampshire", False),
        ("Middle East", False),
        ("White America", False),
        ("The Washington Post", False),
        ("CNN", False),
        ("Milley", False),
        ("Affordable Care Act", False),
        ("Paris Accord", False),
        ("Democratic National Convention", False),
        ("Latinos Feel", False),
        ("Three Amigos Summit", False),
        # a headline's run of capitals holds words no name does
        ("Clinton Wades In", False),
        ("John Leguizamo On How", False),
        ("Remain In The Union", False),
        ("Look How Trey Gowdy", False),
        # particles and initials are name words
        ("Charles de Gaulle", True),
        ("Ursula von der Leyen", True),
        ("Gen. Mark A. Milley", True),
        ("Mark A Milley", True),
    ],
)
def test_speakers_looks_like_person(words: str, person: bool) -> None:
    assert looks_like_person(words) is person


@pytest.mark.parametrize(
    ("description", "anonymous"),
    [
        ("a senior official", True),
        ("officials", True),
        ("two people familiar with the talks", True),
        ("the general", False),
        ("the Pentagon", False),
    ],
)
def test_speakers_is_anonymous(description: str, anonymous: bool) -> None:
    assert is_anonymous(description) is anonymous


def _quote(
    outlet: str, speaker: str | None, role: str | None = None, words: str = "we are staying", **kw: object
) -> Quote:
    fields: dict[str, object] = {
        "article_id": outlet.lower(),
        "outlet": outlet,
        "quote": words,
        "speaker": speaker,
        "role": role,
        "speaker_type": "official",
        "start": 0,
        "end": len(words),
        "cue": "said",
    }
    fields.update(kw)
    return Quote(**fields)  # type: ignore[arg-type]


def test_speakers_resolve_one_person_across_outlets() -> None:
    quotes = [
        _quote("A", "Milley", "General"),
        _quote("B", "Mark Milley"),
        _quote("C", "Mark Milley", "Army General, chairman of the Joint Chiefs of Staff"),
        _quote("D", "Milley"),
    ]
    resolved = resolve_speakers(quotes)
    assert {q.speaker_id for q in resolved} == {"mark-milley"}
    assert {q.speaker for q in resolved} == {"Mark Milley"}
    assert len({q.role for q in resolved}) == 1


def test_speakers_shared_surname_leaves_a_bare_surname_on_its_own() -> None:
    # Two people share the surname: "Trump" could be either, so it is not credited to the most named one.
    quotes = [_quote("A", "Donald Trump"), _quote("B", "Donald Trump"), _quote("C", "Eric Trump"), _quote("D", "Trump")]
    ids = [q.speaker_id for q in resolve_speakers(quotes)]
    assert ids == ["donald-trump", "donald-trump", "eric-trump", "trump"]


def test_speakers_organisations_and_anonymous_sources() -> None:
    quotes = [
        _quote("A", "the Pentagon", speaker_type="official"),
        _quote("B", "Pentagon", speaker_type="official"),
        _quote("C", "a senior official", speaker_type="anonymous"),
    ]
    resolved = resolve_speakers(quotes)
    assert resolved[0].speaker_id == resolved[1].speaker_id == "pentagon"
    assert resolved[2].speaker_id == "anonymous:a-senior-official" and resolved[2].speaker == "a senior official"
    assert resolved[2].speaker_type == "anonymous"


def test_speakers_tables_count_quotes_and_words_per_outlet() -> None:
    quotes = resolve_speakers(
        [
            _quote("A", "Mark Esper", words="one two three"),
            _quote("A", "Esper", words="four five"),
            _quote("B", "Mark Esper", words="six"),
            _quote("A", "Liz Sly", kind="indirect", speaker_type="journalist"),
            _quote("B", None, words="phony", kind="scare", speaker_type="other"),
        ]
    )
    table = speaker_outlet_table(quotes)
    esper = table[table["speaker_id"] == "mark-esper"].set_index("outlet")
    assert esper.loc["A", "quotes"] == 2 and esper.loc["A", "words"] == 5
    assert esper.loc["B", "quotes"] == 1
    assert "phony" not in set(table["speaker"])  # scare quotes are not statements
    single = single_outlet_speakers(quotes)
    assert list(single["speaker"]) == ["Liz Sly"] and list(single["outlet"]) == ["A"]


def test_speakers_tables_are_empty_frames_without_statements() -> None:
    assert speaker_outlet_table([]).empty
    assert list(single_outlet_speakers([]).columns)[:2] == ["speaker_id", "speaker"]


@pytest.mark.parametrize(
    ("first_name", "gender"),
    [
        ("Hillary", "f"),
        ("Ivanka", "f"),
        ("Jeff", "m"),
        ("Mark", "m"),
        ("José", "m"),
        ("Jordan", None),
        ("Leslie", None),
        ("Wells", None),
        ("Gen.", None),
        ("J.", None),
    ],
)
def test_first_name_gender_answers_only_for_clearly_gendered_common_names(first_name: str, gender: str | None) -> None:
    assert first_name_gender(first_name) == gender


@pytest.mark.parametrize(
    ("written", "title", "name"),
    [
        # capitalised words before a known first name describe the person: they become the title
        ("Senate Minority Whip Dick Durbin", "Senate Minority Whip", "Dick Durbin"),
        ("Maricopa County Recorder Helen Purcell", "Maricopa County Recorder", "Helen Purcell"),
        ("Comedian George Lopez", "Comedian", "George Lopez"),
        # two first names, an initial, a place: all name
        ("Mary Ann Smith", "", "Mary Ann Smith"),
        ("A.E. Dick Howard", "", "A.E. Dick Howard"),
        ("San Pedro Sula", "", "San Pedro Sula"),
        ("Lee Harvey Oswald", "", "Lee Harvey Oswald"),
        ("Rep. Jo Ann Emerson", "Rep.", "Jo Ann Emerson"),
        ("New Jersey Steve Lonegan", "New Jersey", "Steve Lonegan"),
        # a title word after a first name is a surname
        ("Rep. Peter King", "Rep.", "Peter King"),
    ],
)
def test_speakers_words_before_a_first_name_are_the_title(written: str, title: str, name: str) -> None:
    assert split_title(written.split()) == (title, name)


def test_speakers_a_capitalised_headline_word_before_a_name_is_no_person() -> None:
    assert not looks_like_person("Look How Trey Gowdy")
    assert looks_like_person("Secretary of State John Kerry")


@pytest.mark.parametrize(
    ("name", "glued"),
    [
        ("FlagShareLikeReplyAni Vrabel", True),  # a comment box's buttons run into a name
        ("Kevin McCarthy", False),
        ("Ron DeSantis", False),
        ("Sam DiMaggio", False),
        ("Mary McKenzie-DeLong", False),
    ],
)
def test_a_word_with_buttons_run_together_is_no_persons_name(name: str, glued: bool) -> None:
    assert glued_words(name) is glued
    assert looks_like_person(name) is not glued


def test_the_people_index_learns_no_one_from_a_comment_boxs_buttons() -> None:
    from compare.named_people import OTHER, PeopleFinder

    text = "Amanda TerkelFlagShareLikeReplyAni Vrabel 5pts. Ana Ortiz spoke."
    finder = PeopleFinder(text, [], [])
    assert finder.add(text.index("FlagShare"), "FlagShareLikeReplyAni Vrabel", OTHER) is None
    assert finder.add(text.index("Ana"), "Ana Ortiz", OTHER) == "ortiz"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Secretary of State Ana Ortiz said “we will not endorse anyone this year at all.”", "Secretary of State"),
        (
            "Secretary of Defense Leon Panetta said “we will not endorse anyone this year at all.”",
            "Secretary of Defense",
        ),
    ],
)
def test_a_title_with_its_of_phrase_before_the_name_is_the_role(text: str, role: str) -> None:
    [quote] = [
        q for q in extract_quotes(Article(id="a", outlet="o", title="", text=text, file="")) if q.kind == "direct"
    ]
    assert quote.role == role


def test_a_department_alone_is_no_role() -> None:
    assert normalise_role("State") is None
    assert normalise_role("Secretary of State") == "Secretary of State"
