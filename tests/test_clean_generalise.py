"""The cleaner's rules as shapes, not strings (issue #17): furniture in other languages, appeals after an
offer, and article text that must survive rules aimed at furniture. Short synthetic scrapes."""

from __future__ import annotations

import pytest

from compare.clean import clean_text, is_call_to_action
from compare.clean_lines import is_form_field, is_legal, is_navigation, is_prose, is_section_header, line_words

BODY = (
    "The city council approved the budget on Tuesday after a long debate about road repairs and schools.\n\n"
    "Members argued for hours over the cost of repairs to the main bridge, which engineers say is unsafe.\n\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "Geben Sie Ihre E-Mail-Adresse an, um diesen Blog zu abonnieren und Benachrichtigungen zu erhalten.",
        "Abonnez-vous à notre lettre d'information pour recevoir nos articles chaque semaine.",
        "Suscríbete a nuestro boletín",
        "Nos siga no",
        "Seguici su Facebook",
        "For the latest stories and breaking news updates download the Example apps for iOS and Android.",
        "To receive weekly updates like this in your inbox, subscribe to the Morning Letter here.",
    ],
)
def test_clean_appeals_in_other_languages_or_after_an_offer_are_calls_to_action(line: str) -> None:
    assert is_call_to_action(line)


@pytest.mark.parametrize(
    "line",
    [
        # "sie" is "she": only the capitalised pronoun addresses the reader
        "Viele Leser haben die Zeitung abonniert, sagte sie am Dienstag in Berlin vor den Journalisten.",
        "For years the council refused to subscribe to the regional water scheme, officials said on Monday.",
    ],
)
def test_clean_reporting_with_appeal_words_is_no_call_to_action(line: str) -> None:
    assert not is_call_to_action(line)


@pytest.mark.parametrize("line", ["Artículos relacionados", "Notizie correlate", "Meistgelesen", "Lo más leído"])
def test_clean_section_headers_in_other_languages(line: str) -> None:
    assert is_section_header(line)


def test_clean_inline_read_also_label_does_not_end_the_article() -> None:
    """ "Leggi anche:" / "Read also:" over one link inside the body is a label, not a list header."""
    rest = "Engineers told the meeting that the work on the main bridge would take two summers to finish."
    page = f"Council approves new budget\n\n{BODY}Leggi anche:\n\nStorm leaves one dead in the north\n\n{rest}"
    assert rest in clean_text(page).text


def test_clean_timestamp_between_paragraphs_is_not_a_subheading() -> None:
    """A post's or an answer's stamp between two paragraphs ("asked Feb 6, 2014 at 20:37") is page."""
    stamp = "asked Feb 6, 2014 at 20:37 user5105"
    rest = "Engineers told the meeting that the work on the main bridge would take two summers to finish."
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{stamp}\n\n{rest}")
    assert rest in cleaned.text
    assert stamp not in cleaned.text
    assert stamp in cleaned.removed


def test_clean_labelled_teaser_inside_the_body_is_dropped_and_the_body_goes_on() -> None:
    """ "WATCH:" over a video's title: both are page, and the paragraph after them is the article's."""
    rest = "Engineers told the meeting that the work on the main bridge would take two summers to finish."
    page = f"Council approves new budget\n\n{BODY}WATCH:\n\nInside the fight over the bridge repairs\n\n{rest}"
    cleaned = clean_text(page)
    assert rest in cleaned.text
    assert "Inside the fight over the bridge repairs" not in cleaned.text
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))["WATCH:"] == "teaser link"


def test_clean_rail_of_teasers_between_section_labels_is_dropped() -> None:
    """Other articles' headlines, each under its section's name, are a rail even though labels part them."""
    teasers = [
        f"Minister {name} says the new harbour plan for the island will not be ready before next summer"
        for name in ("Wever", "Molina", "Croes", "Eman", "Arends")
    ]
    rail = "".join(f"Politics\n\n{teaser}\n\n" for teaser in teasers)
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{rail}")
    assert cleaned.text.startswith("The city council approved")
    assert not any(teaser in cleaned.text for teaser in teasers)
    assert {reason for line, reason in zip(cleaned.removed, cleaned.reasons, strict=True) if line in teasers} == {
        "headline rail"
    }


def test_clean_truncated_blurbs_are_no_sentences_in_a_rail() -> None:
    teasers = [f"Police in the {town} district arrest two men after a night of violence against…" for town in "ABCDE"]
    rail = "".join(f"News\n\n{teaser}\n\n" for teaser in teasers)
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{rail}")
    assert not any(teaser in cleaned.text for teaser in teasers)


def test_clean_later_section_on_the_headlines_topic_joins_the_body() -> None:
    """A short section after a few labels that shares no words with the first section but names the
    headline's topic is the article going on (the headline is part of what the article is about)."""
    title = "Council approves new budget for harbour ferries and island passengers"
    section = (
        "The harbour ferries carry some four thousand passengers a day between the islands, "
        "and their owners had warned of cuts."
    )
    page = f"{title}\n\n{BODY}Gallery\n\nPhotos\n\nMap\n\n{section}"
    assert section in clean_text(page).text


SECTION = (
    "Ferry owners had warned the council for months that fuel prices would force them to cut the winter "
    "timetable from the budget."
)
LATER = (
    "Engineers told the meeting that the work on the main bridge would take two summers to finish, and that the "
    "road repairs near the schools would start first. Members of the council asked for a timetable of the works "
    "and for the cost of each stage before the vote next month."
)


def test_clean_section_between_two_parts_of_the_article_is_kept() -> None:
    """A section sharing few of the first section's words, with only labels before it and the article going
    on after it, lies inside the article's span."""
    page = (
        f"Council approves new budget\n\n{BODY}Gallery\n\nPhotos\n\nMap\n\n{SECTION}\n\nOne\n\nTwo\n\nThree\n\n{LATER}"
    )
    text = clean_text(page).text
    assert SECTION in text
    assert LATER in text


def test_clean_loosely_related_block_after_the_article_is_not_kept() -> None:
    """The smaller share is no evidence on its own: with nothing of the article after it, the block is dropped."""
    page = f"Council approves new budget\n\n{BODY}Gallery\n\nPhotos\n\nMap\n\n{SECTION}"
    assert SECTION not in clean_text(page).text


def test_clean_footnoted_list_items_are_no_form_fields() -> None:
    """ "Licensing portal*" (a feature with a footnote) does not open a form: the article after it stays;
    "Name *" still does, and the form's fields are dropped."""
    assert is_form_field("Name *") and is_form_field("Your Email *")
    assert not is_form_field("Licensing portal*") and not is_form_field("32 vCPUs and 128 GB vRAM*")
    features = "Features\n\nLinked clones for VMs*\n\nVagrant provider*\n\nLicensing portal*\n\n"
    page = f"Council approves new budget\n\n{BODY}{features}{LATER}"
    assert LATER in clean_text(page).text


def test_clean_shortest_items_of_a_long_list_are_kept_between_other_items() -> None:
    """A two-word item between two items of a long list is an item too; a capitalised label there is not."""
    items = ["2 cups of flour", "1 tsp dried yeast", "Some salt", "3 tbsp olive oil", "Warm Water Print"]
    items += ["250 ml warm water", "1 handful of olives", "a little pepper"]
    raw = (
        "Olive bread for a weekend\n\n" + BODY + "You will need the following for one loaf\n\n"
        + "\n\n".join(items) + "\n\n" + BODY.replace("council", "bakery")
    )  # fmt: skip
    text = clean_text(raw).text
    assert "Some salt" in text.split("\n\n")
    assert "3 tbsp olive oil" in text
    assert "Warm Water Print" not in text


@pytest.mark.parametrize(
    "line", ["Harbour Weekly on Facebook.", "GARDEN NOTES AUF INSTAGRAM", "The Daily Ledger on YouTube"]
)
def test_clean_social_widget_headings_are_calls_to_action(line: str) -> None:
    assert is_call_to_action(line)


def test_clean_a_social_widget_ends_the_article_and_takes_the_sidebar_above_it_along() -> None:
    raw = (
        "The ledger: council budget and the bridge repairs\n\n" + BODY + "The Ledger\n\n"
        "A small journal about the council and its budget\n\n"
        "The Ledger on Instagram.\n\n"
        "Copyright 2024 The Ledger"
    )  # fmt: skip
    text = clean_text(raw).text
    assert "unsafe" in text
    assert "small journal" not in text and "Instagram" not in text
    assert not is_call_to_action("She announced the decision on Twitter late on Monday evening.")


@pytest.mark.parametrize("lead_in", ["The mayor wrote on Facebook:", "She said it on Twitter."])
def test_clean_a_lead_in_naming_a_network_is_no_social_widget(lead_in: str) -> None:
    """A line ending with a colon before a quotation, or a short sentence, names a network but is reporting."""
    assert not is_call_to_action(lead_in)
    raw = (
        "Council approves the bridge budget\n\n" + BODY + lead_in + "\n\n"
        '"We did it, and the bridge will be safe again before the winter comes," she told her followers.\n\n'
        "Related stories\n\nCity opens new library"
    )  # fmt: skip
    assert lead_in in clean_text(raw).text


def test_clean_a_quotation_after_a_photo_caption_is_no_appeal_to_the_reader() -> None:
    """After a caption, "our" and "us" in the next paragraph are a speaker's, not the site talking to its reader."""
    raw = (
        "Council approves the bridge budget\n\n" + BODY + "Workers inspect the bridge. Photo: Jane Doe / Example\n\n"
        '"We owe it to our children to fix this bridge before winter," the mayor told us after the vote.\n\n'
        "The repairs will begin in March and last until the autumn, the council said in a statement.\n\n"
        "Related stories\n\nCity opens new library"
    )  # fmt: skip
    text = clean_text(raw).text
    assert "We owe it to our children" in text
    assert "The repairs will begin in March" in text
    assert "Photo:" not in text and "new library" not in text


def test_clean_headlines_after_labels_are_not_several_sentences_of_article() -> None:
    """A long block after a few labels is more article only when it is sentences: other articles' headlines
    (no full stop) after "Politics" labels are page, however many words they add up to."""
    headlines = [
        "Farmers in the northern valley protest against the new water tax at a busy market",
        "Police detain two men after a late night robbery at a petrol station near the airport",
        "Opposition leader promises free school meals for every child if elected in the spring",
    ]
    raw = (
        "Council approves the bridge budget\n\n" + BODY + "Opinion\n\nPolitics\n\nMore by the author\n\n"
        + "\n\nPolitics\n\n".join(headlines) + "\n\nPopular posts\n\nCity opens new library"
    )  # fmt: skip
    text = clean_text(raw).text
    assert "unsafe" in text
    assert "Farmers" not in text and "Police detain" not in text and "free school meals" not in text


@pytest.mark.parametrize(
    "sentence",
    ["Video-sharing sites must now check the age of every user, the regulator said.", "More-or-less all agreed."],
)
def test_clean_a_sentence_opening_with_a_hyphenated_teaser_word_is_no_teaser_link(sentence: str) -> None:
    """ "Watch - ..." and "Video: ..." label a link; "Video-sharing ..." opens a sentence of the article."""
    raw = "Council approves the bridge budget\n\n" + BODY + sentence + "\n\n" + BODY.replace("council", "city")
    assert sentence in clean_text(raw).text


@pytest.mark.parametrize(
    "sentence",
    [
        "The opinions expressed by residents at the hearing were overwhelmingly negative, the clerk said.",
        "Critics say the review site hides its affiliate links among genuine reviews of the products.",
        "The firm pays affiliate commissions to hundreds of bloggers, the regulator's report found.",
    ],
)
def test_clean_a_report_using_a_disclaimers_words_is_no_legal_notice(sentence: str) -> None:
    """Disclaimers say what the views are or what the post contains; a report of views or links is article."""
    assert not is_legal(sentence)
    raw = "Council approves the bridge budget\n\n" + BODY + sentence + "\n\n" + BODY.replace("council", "city")
    assert sentence in clean_text(raw).text


@pytest.mark.parametrize(
    "notice",
    ["The views expressed here are the author's own.", "This post may contain affiliate links.",
     "We may earn a small affiliate commission when you buy through our links."],
)  # fmt: skip
def test_clean_disclaimers_are_still_legal_notices(notice: str) -> None:
    assert is_legal(notice)


# --- scripts without spaces, menu paths in sentences, licences, "Read more" over a list -----------------

JAPANESE = "日本では電車内での痴漢が長年の問題になっており、被害者は声を上げにくいと言われている。"
CHINESE = "市议会星期二在就道路维修和学校问题进行长时间辩论后批准了新的预算案。"


@pytest.mark.parametrize("sentence", [JAPANESE, CHINESE])
def test_clean_sentences_in_scripts_without_spaces_have_words_and_are_body(sentence: str) -> None:
    """A run of Chinese or Japanese characters was one "word": every such sentence read as a short label."""
    assert len(line_words(sentence)) >= 12
    assert is_prose(sentence)
    assert clean_text(f"Headline of the day\n\n{sentence}").text == sentence


def test_clean_words_of_mixed_scripts_stay_apart() -> None:
    assert line_words("city 市议会 don’t") == ["city", "市议", "会", "don’t"]
    assert line_words("・必ず") == ["必ず"]  # a katakana middle dot is punctuation, no part of a word


@pytest.mark.parametrize(
    "line",
    [
        "You are able to customise and adjust the settings in the game by going to CUSTOMISE > GAME SETTINGS "
        "screen. Here is the complete list of options available in the game, with what each one does.",
        "To turn it off on a phone, the company says, users should open Settings | Privacy and location and "
        "then switch off the option that lets the app follow them between other websites.",
    ],
)
def test_clean_menu_path_inside_a_long_sentence_is_prose(line: str) -> None:
    assert not is_navigation(line)
    assert line in clean_text(f"How to change the settings\n\n{BODY}{line}").text


@pytest.mark.parametrize(
    "line",
    [
        "Home > News > World",
        "Reporting by Jane Doe | Editing by John Smith",
        "Politics » Congress » Senate votes to extend the budget deal for another year.",
        "Skip to content",
        "Zum Inhalt springen",
        "Aller au contenu principal",
        "Saltar al contenido",
        "Vai al contenuto",
        "Pular para o conteúdo",
    ],
)
def test_clean_menus_breadcrumbs_and_skip_links_are_navigation(line: str) -> None:
    assert is_navigation(line)


def test_clean_skip_link_in_another_language_is_never_the_headline() -> None:
    cleaned = clean_text(f"Zum Inhalt springen\n\nCouncil approves new budget\n\n{BODY}")
    assert cleaned.title == "Council approves new budget"


@pytest.mark.parametrize(
    ("line", "legal"),
    [
        ("This work is licensed under a Creative Commons Attribution 4.0 International License.", True),
        ("Text is available under the Creative Commons Attribution-ShareAlike License.", True),
        ("Photo: CC BY-SA 3.0", True),
        (
            "With a network of staff and affiliates around the world, Creative Commons provides free, "
            "easy-to-use licenses that give the public permission to share and use creative work.",
            False,
        ),
        ("Creative Commons was founded in 2001 by a group of lawyers and academics in California.", False),
    ],
)
def test_clean_licence_notices_not_prose_about_the_organisation(line: str, legal: bool) -> None:
    assert is_legal(line) is legal


def test_clean_read_more_over_a_list_of_headlines_leaves_the_paragraph_above_it() -> None:
    """ "Read more" heading a box of headlines inside the article is no teaser's link: the paragraph above it
    is the article's (a rail of teasers has a blurb with each link, and those still go)."""
    above = "But officials said the ban would also catch people who left out a contact in the hope of helping them."
    headlines = [
        "Why a vaccine may give better immunity than infection",
        "Brussels imposes curfew on bars as cases soar",
        "Infections in food industry could be higher than reported",
    ]
    box = "Read more\n\n" + "\n\n".join(headlines)
    after = "Employees could face a fine if they fail to tell their bosses that they have been told to stay home."
    page = f"Council approves new fines\n\n{BODY}{above}\n\n{box}\n\n{after}\n\nRead more\n\n{box}"
    cleaned = clean_text(page)
    assert above in cleaned.text
    assert not any(headline in cleaned.text for headline in headlines)


def test_clean_headline_is_looked_for_above_the_article_not_above_a_disclosure() -> None:
    """A long affiliate disclosure above the article was taken for its first paragraph, so the headline under
    it was never a candidate and the site's tagline became the headline."""
    page = (
        "Skip to main content\n\nCouncil Weekly THE VOICE OF LOCAL GOVERNMENT\n\nOpen menu\n\n"
        "When you purchase through links on our site, we may earn an affiliate commission. Here's how it works.\n\n"
        "Council approves budget for bridge repairs\n\nBy Jane Porter\n\n"
        f"{BODY}"
    )
    cleaned = clean_text(page)
    assert cleaned.title == "Council approves budget for bridge repairs"
    assert cleaned.text.startswith("The city council approved the budget")


def test_clean_headline_is_the_line_sharing_most_topic_words_not_a_menu_item_sharing_one() -> None:
    page = f"Best Budget Calculators\n\nLocal News Today\n\nCouncil approves budget for road repairs\n\n{BODY}"
    assert clean_text(page).title == "Council approves budget for road repairs"
