"""One person, one row: which speaker mentions of a story are the same person (compare.people)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from compare.model import Article, Quote
from compare.named_people import PeopleFinder
from compare.people import DESCRIPTOR_WORDS, identify, is_group, resolve_speakers, split_name
from compare.quotes import extract_quotes
from compare.speakers import single_outlet_speakers, speaker_outlet_table


def _keys(*speakers: str, kind: str = "other") -> list[str]:
    return [i.key for i in identify([(s, kind) for s in speakers])]


def _quote(outlet: str, speaker: str, speaker_type: str = "other", role: str | None = None) -> Quote:
    words = "we will rebuild"
    return Quote(
        article_id=outlet.lower(),
        outlet=outlet,
        quote=words,
        speaker=speaker,
        role=role,
        speaker_type=speaker_type,
        start=0,
        end=len(words),
        cue="said",
    )


@pytest.mark.parametrize(
    ("written", "title", "name"),
    [
        ("Fisherman Tomas Reyes", "Fisherman", "Tomas Reyes"),
        ("local fisherman Tomas Reyes", "local fisherman", "Tomas Reyes"),
        ("President Trump", "President", "Trump"),
        ("Sen. Bill de Blasio", "Sen.", "Bill de Blasio"),
        ("Nancy Pelosi, D-Calif.", "", "Nancy Pelosi"),
        ("Mr. Trump's", "Mr.", "Trump"),
        ("Tomas Reyes", "", "Tomas Reyes"),
        ("Dr. Paul Farmer", "Dr.", "Paul Farmer"),
        ("Robert Farmer Jr.", "", "Robert Farmer Jr."),
        ("Prime Minister John Major", "Prime Minister", "John Major"),
        ("the general", "", "the general"),
        ("Scott's family", "", "Scott's family"),
        ("Secretary of State John Kerry", "Secretary of State", "John Kerry"),
        ("a friend of Tomas Reyes", "", "a friend of Tomas Reyes"),
        ("His former business partner at Lenox", "", "His former business partner at Lenox"),
    ],
)
def test_people_split_name_drops_the_title_or_descriptor(written: str, title: str, name: str) -> None:
    assert split_name(written) == (title, name)


def test_people_descriptors_are_a_word_list() -> None:
    assert "fisherman" in DESCRIPTOR_WORDS and all(w == w.lower() for w in DESCRIPTOR_WORDS)


@pytest.mark.parametrize(
    "variants",
    [
        ("Fisherman Tomas Reyes", "Tomas Reyes", "Reyes", "tomas reyes", "TOMAS REYES", "reyes"),
        ("Secretary of State John Kerry", "John Kerry", "Kerry"),
        ("President Trump", "Donald Trump", "Trump", "Donald J. Trump"),
        ("Sen. Bill de Blasio", "de Blasio"),
        ("T. Reyes", "Tomas Reyes"),
    ],
)
def test_people_merge_by_case_title_and_surname(variants: tuple[str, ...]) -> None:
    assert len(set(_keys(*variants))) == 1


def test_people_display_name_is_the_fullest_proper_form_without_title() -> None:
    names = {i.name for i in identify([(s, "other") for s in ("Fisherman Tomas Reyes", "reyes", "Tomas Reyes")])}
    assert names == {"Tomas Reyes"}


@pytest.mark.parametrize(
    "people",
    [("Joe Biden", "Hunter Biden"), ("Nancy Pelosi", "Paul Pelosi"), ("Donald Trump", "Donald Trump Jr.")],
)
def test_people_two_first_names_one_surname_never_merge(people: tuple[str, str]) -> None:
    first, second = _keys(*people)
    assert first != second


def test_people_ambiguous_bare_surname_stays_a_row_of_its_own() -> None:
    joe, hunter, bare = identify([("Joe Biden", "politician"), ("Hunter Biden", "other"), ("Biden", "other")])
    assert bare.key not in {joe.key, hunter.key} and bare.name == "Biden"


def test_people_groups_merge_on_case_only() -> None:
    officials, capitalised, us, senior = _keys("officials", "Officials", "U.S. officials", "a senior official")
    assert officials == capitalised
    assert len({officials, us, senior}) == 3
    assert is_group(officials) and not is_group(_keys("Tomas Reyes")[0])
    assert not is_group(_keys("An Nguyen")[0])  # a name that opens like "an official"


def test_people_a_lower_case_phrase_keeps_all_its_words() -> None:
    # "the truck story" is no "First Middle Last" name: dropping its middle word would merge it with others
    truck, campaign = _keys("the truck story", "the tax story")
    assert truck != campaign


def test_people_organisations_merge_without_the_article() -> None:
    assert len(set(_keys("the Pentagon", "Pentagon", kind="organisation"))) == 1


def test_people_resolve_gives_the_title_as_role_when_no_role_is_known() -> None:
    resolved = resolve_speakers(
        [_quote("A", "Fisherman Tomas Reyes"), _quote("B", "Reyes"), _quote("C", "tomas reyes")]
    )
    assert {(q.speaker_id, q.speaker, q.role) for q in resolved} == {("tomas-reyes", "Tomas Reyes", "Fisherman")}


def test_people_resolve_prefers_a_role_an_outlet_gave_over_the_title() -> None:
    resolved = resolve_speakers(
        [_quote("A", "President Trump"), _quote("B", "Donald Trump", "politician", "the 45th president")]
    )
    assert {q.role for q in resolved} == {"the 45th president"}
    assert {q.speaker_type for q in resolved} == {"politician"}


def test_people_tables_have_one_row_per_person_and_outlet() -> None:
    quotes = resolve_speakers(
        [
            _quote("A", "Fisherman Tomas Reyes"),
            _quote("A", "Reyes"),
            _quote("B", "Tomas Reyes"),
            _quote("A", "officials", "anonymous"),
            _quote("B", "Officials", "anonymous"),
            _quote("B", "Hunter Biden"),
            _quote("A", "Joe Biden"),
        ]
    )
    table = speaker_outlet_table(quotes)
    assert sorted(table["speaker"].unique()) == ["Hunter Biden", "Joe Biden", "Tomas Reyes", "officials"]
    reyes = table[table["speaker"] == "Tomas Reyes"].set_index("outlet")["quotes"]
    assert reyes.to_dict() == {"A": 2, "B": 1}
    # unnamed sources are not one person: never "quoted by one outlet only"
    assert sorted(single_outlet_speakers(quotes)["speaker"]) == ["Hunter Biden", "Joe Biden"]


class _Story:
    """The two things the quoted-officials tab reads of a corpus, for one small hand-built story."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes

    def story_articles(self, story_id: str) -> list[Article]:
        outlets = sorted({q.outlet for q in self.quotes})
        return [Article(id=o.lower(), outlet=o, title=f"{o} story", text="we will rebuild", file="x") for o in outlets]

    def story_quotes(self, story_id: str) -> list[Quote]:
        return resolve_speakers(self.quotes)  # as Corpus.story_quotes does


def test_people_quoted_officials_matrix_shows_one_row_per_person() -> None:
    from compare.story import quoted_officials

    story = _Story(
        [
            _quote("A", "Fisherman Tomas Reyes"),
            _quote("B", "Tomas Reyes"),
            _quote("C", "Reyes"),
            _quote("A", "officials", "anonymous"),
            _quote("C", "Officials", "anonymous"),
            _quote("A", "President Trump", "politician"),
            _quote("B", "Donald Trump", "politician"),
            _quote("C", "Trump", "politician"),
            _quote("A", "Joe Biden", "politician"),
            _quote("B", "Hunter Biden"),
        ]
    )
    panels = {p.key: p for p in quoted_officials.build(story, "s")}  # type: ignore[arg-type]
    heatmap = panels["speaker_matrix"].figure.data[0]
    rows = dict(zip(heatmap.y, heatmap.z.tolist(), strict=True))
    assert sorted(rows) == ["Donald Trump", "Hunter Biden", "Joe Biden", "Tomas Reyes", "officials"]
    assert rows["Tomas Reyes"] == [1, 1, 1] and rows["Donald Trump"] == [1, 1, 1]
    speakers = panels["speakers"].table
    assert sorted(speakers["speaker"]) == sorted(rows)
    assert speakers.set_index("speaker").loc["Tomas Reyes", "role"] == "Fisherman"
    listing = panels["speaker_quotes"].table  # the quotes CSV: one name per person
    assert set(listing.loc[listing["speaker_id"] == "tomas-reyes", "speaker"]) == {"Tomas Reyes"}
    single = panels["single_outlet"].table  # shown to readers: names, never the internal id
    assert "speaker_id" not in single.columns and sorted(single["speaker"]) == ["Hunter Biden", "Joe Biden"]


def test_people_matrix_keeps_two_people_of_one_name_apart() -> None:
    from compare.story.quoted_officials import _matrix_panel

    quotes = [_quote("A", "John Smith", role="mayor"), _quote("B", "John Smith", role="farmer")]
    quotes = [resolve_speakers([quotes[0]])[0], replace(resolve_speakers([quotes[1]])[0], speaker_id="john-smith-2")]
    heatmap = _matrix_panel(speaker_outlet_table(quotes), ["A", "B"], 2).figure.data[0]
    assert sorted(heatmap.y) == ["John Smith (farmer)", "John Smith (mayor)"]


def test_people_card_lists_each_person_once_per_outlet() -> None:
    from compare.render.card import _card_speakers

    quotes = resolve_speakers(
        [_quote("A", "Fisherman Tomas Reyes"), _quote("A", "Reyes"), _quote("A", "tomas reyes"), _quote("B", "Reyes")]
    )
    assert _card_speakers(speaker_outlet_table(quotes), "A") == ["Tomas Reyes (Fisherman) ×3"]


@pytest.mark.parametrize(
    ("written", "kind", "shown"),
    [
        ("the Pentagon", "organisation", "Pentagon"),  # "the" before a name is no part of it
        ("the White House", "organisation", "White House"),
        ("the letter", "document", "the letter"),  # a bare "letter" reads as a label, not a speaker
        ("the statement", "document", "the statement"),
        ("The Hill", "journalist", "The Hill"),  # a capital "The" is the title's
    ],
)
def test_people_shown_name_drops_the_only_before_a_name(written: str, kind: str, shown: str) -> None:
    assert [i.name for i in identify([(written, kind)])] == [shown]
    assert identify([(written, kind)])[0].key == identify([(written.removeprefix("the "), kind)])[0].key


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a word before a known first name in a run of capitals describes the person, it is no part of the name
        ("Secretary of State Hillary Clinton called it “a virtual tie” on Monday.", "Hillary Clinton"),
    ],
)
def test_people_a_descriptive_word_before_a_first_name_is_dropped(text: str, speaker: str) -> None:
    quotes = extract_quotes(Article(id="a", outlet="O", title="", text=text, file=""))
    assert [q.speaker for q in quotes if q.kind == "direct"] == [speaker]


def test_people_a_place_keeps_its_opener() -> None:
    # "San Pedro Sula" is a city, not a person "Pedro Sula" described as "San"
    people = PeopleFinder("The bus left San Pedro Sula at dawn. Sula was quiet.", []).finish()
    assert "sula" not in people.full_name


def test_people_a_relative_named_in_full_speaks_as_written() -> None:
    text = (
        "Melania Trump spoke in Ohio. Then Melania Trump spoke in Iowa.\n\n"
        "Several weeks ago, Donald Trump stated that Melania would discuss her history “in a few weeks.”"
    )
    quotes = extract_quotes(Article(id="a", outlet="O", title="", text=text, file=""))
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Donald Trump"]
