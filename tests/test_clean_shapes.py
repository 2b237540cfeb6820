"""The cleaner on page shapes the seeds do not show: headlines, calls to action, credits, re-scrapes."""

from __future__ import annotations

import pytest

from compare.clean import clean_text, declared_source, is_call_to_action, is_code, repeated_lines
from compare.evaluate import read_jsonl
from compare.evaluate.boilerplate import DEFAULT_DATASET
from tests.conftest import SEED_ASKTRUTH, SEED_DURAN

BODY = (
    "The city council approved the budget on Tuesday after a long debate about road repairs and schools.\n\n"
    "Members argued for hours over the cost of repairs to the main bridge, which engineers say is unsafe.\n\n"
)
PAGES = [record["text"] for record in read_jsonl(DEFAULT_DATASET)] + [
    SEED_DURAN.read_text(encoding="utf-8"),
    SEED_ASKTRUTH.read_text(encoding="utf-8"),
]


def test_clean_headline_is_first_headline_not_standfirst() -> None:
    page = "Opinion\n\nCouncil approves new budget\n\nAnd why the bridge matters more than you think\n\n" + BODY
    assert clean_text(page).title == "Council approves new budget"


def test_clean_text_without_headline_keeps_first_paragraph() -> None:
    cleaned = clean_text(BODY)
    assert cleaned.title == ""
    assert cleaned.text.startswith("The city council approved the budget")


@pytest.mark.parametrize(
    "line",
    [
        "The mayor declined to comment.",
        "The newsletter, which has 40,000 subscribers, first reported the plan.",
        "Trump wrote on Twitter that the talks had gone well and that a deal was close.",
    ],
)
def test_clean_keeps_reporting_that_mentions_site_words(line: str) -> None:
    assert line in clean_text(f"Council approves new budget\n\n{BODY}{line}").text


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("Subscribe to our newsletter", True),
        ("Follow us on Facebook, Twitter and Instagram for the latest news.", True),
        ("Thanks for reading The Ledger! Subscribe for free to receive new posts and support my work.", True),
        ("The Duran Audio Podcast:", True),
        ("We use cookies to improve your experience. By continuing you accept our use of cookies.", True),
        ("We rely on your support to make local news available to all", True),
        ("Help us continue to spread the magic of words to readers everywhere", True),
        ("If you enjoyed reading this post, would you consider supporting our work? Just click here.", True),
        ("The mayor thanked voters for their support and said the bridge would be safe by spring.", False),
        ("The newsletter has 40,000 readers.", False),
        ("Officials said fresh talks could begin on Friday.", False),
    ],
)
def test_clean_call_to_action_shape(line: str, action: bool) -> None:
    assert is_call_to_action(line) is action


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("PARADISE, Calif. (AP) — A fast-moving wildfire forced the evacuation of a town.", "AP"),
        ("WASHINGTON, Jan 5 (Reuters) - The Senate voted on Tuesday.", "Reuters"),
        ("(With inputs from PTI)", "PTI"),
        ("This article was originally published on The Conversation. Read the original article.", "The Conversation"),
        ("He said (and repeated) - twice - that nothing had changed.", None),
    ],
)
def test_clean_declared_source_general_credit_lines(line: str, source: str | None) -> None:
    assert declared_source([line]) == source


def test_clean_rescraped_article_keeps_its_body() -> None:
    """Two scrapes of one article (the later one with more comments) share their body: it is not boilerplate."""
    first = "Council approves new budget\n\n" + BODY + "Comments\n\nGreat news for the town at last."
    second = first + "\n\nI disagree, the bridge should come first."
    other = "Library to open on Sundays\n\nThe library will open on Sundays from March, the council said."
    footer = "\n\nCopyright Example Times, sign up for our newsletter"
    shared = repeated_lines([first + footer, second + footer, other + footer])
    cleaned = clean_text(first + footer, boilerplate=shared)
    assert "Members argued for hours" in cleaned.text
    assert "sign up for our newsletter" not in cleaned.text


@pytest.mark.parametrize("page", PAGES, ids=range(len(PAGES)))
def test_clean_is_idempotent(page: str) -> None:
    """Stored clean text (pasted articles, exports) read back again loses nothing."""
    cleaned = clean_text(page)
    assert clean_text(cleaned.text, title=cleaned.title).text == cleaned.text


def test_clean_list_introduced_by_colon_is_body() -> None:
    page = (
        "Report lists rights problems\n\n"
        + BODY
        + "The problems cited in the report include the following:\n\n"
        + "Police brutality in several cities\n\nVoter identification laws\n\n"
        + "Critics said the report was one-sided and would be used by rival governments."
    )
    text = clean_text(page).text
    assert "Voter identification laws" in text
    assert text.endswith("used by rival governments.")


def test_clean_prose_after_ad_slot_and_captions_is_body() -> None:
    """Several sentences after a run of captions or ad labels continue the article even on a new subject."""
    profile = (
        "Marco Rubio is the son of Cuban immigrants and the youngest candidate in the race. He was elected "
        "to the Senate from Florida in 2010 and has campaigned on a hawkish foreign policy and tax reform. "
        "His critics say he lacks experience."
    )
    page = f"Meet the candidates\n\n{BODY}Advertisement\n\nMarco Rubio\n\nEnlarge this image\n\n{profile}"
    assert profile in clean_text(page).text


@pytest.mark.parametrize(
    "line",
    [
        "Filed under the Freedom of Information Act, the complaint says the agency failed to respond for years.",
        "The company said it uses cookies to track visitors across its news sites and apps.",
    ],
)
def test_clean_sentences_that_start_like_labels_are_kept(line: str) -> None:
    assert line in clean_text(f"Agency sued over records\n\n{BODY}{line}").text


def test_clean_teasers_under_section_header_dropped_even_with_blurbs() -> None:
    blurb = "Researchers followed 2,000 students over three years and found that later starts helped grades."
    page = (
        f"Council approves new budget\n\n{BODY}Related Coverage\n\n"
        f"Later school start times linked to better grades\n{blurb}\n\n"
        "Bus driver shortage forces route cuts\nThe district has cut 14 routes this year and more cuts are planned."
    )
    cleaned = clean_text(page)
    assert blurb not in cleaned.text
    assert cleaned.text.endswith("which engineers say is unsafe.")


def test_clean_related_box_inside_article_does_not_end_it() -> None:
    rest = (
        "The mayor said work on the bridge would start in the spring.\n\n"
        "Opponents said they would challenge the budget in court."
    )
    page = f"Council approves new budget\n\n{BODY}Related stories\n\nLibrary opens on Sundays\n\n{rest}"
    assert clean_text(page).text.endswith(rest)


def test_clean_long_reader_comments_never_become_the_article() -> None:
    comment = (
        "This council has lost all legitimacy and everybody in town knows it. I was at the meeting and the "
        "mood was angry, whatever the local paper says about the residents who turned up to complain."
    )
    page = f"Council approves new budget\n\n{BODY}Comments (2)\n\nmark_t\n{comment}\n\nelena.v\n{comment} Twice."
    cleaned = clean_text(page)
    assert comment not in cleaned.text
    assert cleaned.text.startswith("The city council approved the budget")


def test_clean_membership_appeal_after_call_to_action_dropped() -> None:
    appeal = (
        "Independent journalism costs money. Our reporters spend weeks on stories that other outlets ignore. "
        "If you value what we do, please consider becoming a member today."
    )
    page = f"Council approves new budget\n\n{BODY}Become a member\n{appeal}\n\nJoin now"
    assert appeal not in clean_text(page).text


@pytest.mark.parametrize("divider", ["* * *", "The Moderator Mattered In The Discussion"])
def test_clean_dividers_and_subheads_do_not_open_a_comment_section(divider: str) -> None:
    more = "Members also voted to open the library on Sundays from March, after a petition from parents."
    page = f"Council approves new budget\n\n{BODY}{divider}\n\n{more}"
    assert clean_text(page).text.endswith(more)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Jane Porter", "Jane Porter"),
        ("By JAMES FIELD, POLITICAL EDITOR FOR MAILONLINE", "JAMES FIELD"),
        ("Posted on February 11, 2020 by Karen Liu", "Karen Liu"),
        ("By Sune Engel Rasmussen and Isabel Coles", "Sune Engel Rasmussen and Isabel Coles"),
        ("Stand by your man", None),
    ],
)
def test_clean_author_from_byline_above_the_body(byline: str, author: str | None) -> None:
    assert clean_text(f"Council approves new budget\n\n{byline}\n\n{BODY}").author == author


def test_clean_author_never_taken_from_the_body() -> None:
    assert clean_text(f"Council approves new budget\n\n{BODY}The plan was drafted by Jones.").author is None


@pytest.mark.parametrize(("raw", "title"), [("", ""), ("", None), (" \n\n ", ""), ("One line only", "")])
def test_clean_empty_input_never_raises(raw: str, title: str | None) -> None:
    """``clean_text("", title="")`` raised IndexError (issue 21, item 14)."""
    cleaned = clean_text(raw, title=title)
    assert cleaned.text in ("", "One line only") or cleaned.title == "One line only"


@pytest.mark.parametrize(
    "body",
    [
        "Городской совет утвердил новый бюджет во вторник после долгих споров о ремонте дорог и школ.",
        "Το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό την Τρίτη μετά από μακρά συζήτηση για τους δρόμους.",
        "Il consiglio comunale ha approvato il bilancio: la città è pronta, dicono, e la società è d'accordo.",
    ],
)
def test_clean_prose_in_any_script_is_body(body: str) -> None:
    """Words were ``[A-Za-z]`` only, so Cyrillic or Greek prose had no words and the body was dropped."""
    assert clean_text(f"Headline of the day\n\n{body}").text == body


def _long_page(size: int, *, wrapped: bool) -> str:
    """A generated page of about ``size`` characters: paragraphs, or one hard-wrapped paragraph (single
    newlines, lower-case line starts, no sentence end: each line continues the one before)."""
    words = [
        "the",
        "council",
        "approved",
        "new",
        "budget",
        "after",
        "long",
        "debate",
        "about",
        "road",
        "repairs",
        "schools",
        "mayor",
        "said",
        "vote",
    ]
    lines, total, n = ["Budget passes after a long debate"], 0, 0
    while total < size:
        line = " ".join(words[(n * 7 + i) % len(words)] for i in range(12)) + ("" if wrapped else ".")
        lines.append(line)
        total, n = total + len(line) + 1, n + 1
    return lines[0] + "\n\n" + ("\n" if wrapped else "\n\n").join(lines[1:])


@pytest.mark.parametrize("wrapped", [False, True])
def test_clean_time_is_linear_in_text_length(wrapped: bool) -> None:
    """Joining hard-wrapped lines grew one string piece by piece and searched it again each time, so a
    long wrapped paragraph cleaned in quadratic time (issue 21, item 13). 4x the text must take about 4x
    the time: the bound (10x) is loose for noisy machines and well below the 16x of quadratic time."""
    import time

    def seconds(size: int) -> float:
        page = _long_page(size, wrapped=wrapped)
        started = time.perf_counter()
        clean_text(page)
        return time.perf_counter() - started

    small, large = seconds(2**20), seconds(4 * 2**20)
    assert large < 10 * small + 1.0, (small, large)


# --- rules added without tests before (issue #17): each test fails when its rule is taken out ------------

MORE = "Members said the budget would pay for repairs to the bridge and to schools across the city."


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("var googletag = googletag || {}; googletag.cmd = googletag.cmd || [];", True),
        ("googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });", True),
        ("window.dataLayer = window.dataLayer || []; gtag('js', new Date());", True),
        ("The index rose 2.5% (its best week since March), analysts said.", False),
        ("Officials said the ratio of staff to pupils (1:30) was too high.", False),
    ],
)
def test_clean_is_code_shape(line: str, code: bool) -> None:
    assert is_code(line) is code


def test_clean_leaked_script_between_paragraphs_is_dropped_and_does_not_split_the_body() -> None:
    script = (
        "function gtag(){dataLayer.push(arguments);}\ngoogletag.cmd.push(function() { googletag.display('ad-1'); });"
    )
    page = f"Council approves new budget\n\n{BODY}{script}\n\n{MORE}"
    cleaned = clean_text(page)
    assert "gtag" not in cleaned.text
    assert cleaned.text.endswith(MORE)
    why = {reason for line, reason in zip(cleaned.removed, cleaned.reasons, strict=True) if "gtag" in line}
    assert why == {"script code"}


def test_clean_subheading_between_paragraphs_is_kept() -> None:
    page = f"Council approves new budget\n\n{BODY}What happens next\n\n{MORE}"
    text = clean_text(page).text
    assert "\n\nWhat happens next\n\n" in text
    assert text.endswith(MORE)


@pytest.mark.parametrize(
    "run",
    [
        ["Photos"],  # a one-word label
        ["Home", "World news", "Local politics", "Sport results", "Weather today"],  # too long a run: a menu
    ],
)
def test_clean_inner_short_lines_that_are_no_subheading_are_dropped(run: list[str]) -> None:
    page = f"Council approves new budget\n\n{BODY}" + "\n\n".join(run) + f"\n\n{MORE}"
    text = clean_text(page).text
    assert text.endswith(MORE)
    assert not any(line in text.split("\n\n") for line in run)


@pytest.mark.parametrize(
    "slot", ["Story continues below advertisement", "Continue reading the main story", "ADVERTISEMENT"]
)
def test_clean_ad_slot_label_inside_the_body_is_dropped(slot: str) -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{slot}\n\n{MORE}")
    assert slot not in cleaned.text
    assert cleaned.text.endswith(MORE)
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))[slot] == "ad slot"


@pytest.mark.parametrize(
    "teaser",
    ["RELATED: Bus driver shortage forces route cuts", "Watch: the mayor explains the budget in two minutes"],
)
def test_clean_teaser_link_inside_the_body_is_dropped(teaser: str) -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{teaser}\n\n{MORE}")
    assert teaser not in cleaned.text
    assert cleaned.text.endswith(MORE)
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))[teaser] == "teaser link"


def test_clean_sentence_opening_like_a_teaser_link_is_kept() -> None:
    line = "More than 200 residents attended the meeting, which ran past midnight."
    assert line in clean_text(f"Council approves new budget\n\n{BODY}{line}").text


def test_clean_large_block_after_a_comment_link_is_the_article() -> None:
    """A "View comments" link above the article puts it after a comment cue: a block that dwarfs the
    prose before it is still the article, not reader comments."""
    promo = (
        "The city has spent years arguing about its old bridge, and this week the argument finally reached "
        "the council chamber, where members met late into the night to settle the budget for next year."
    )
    article = [
        "The council approved a budget of 40 million dollars on Tuesday, with a quarter of it for the bridge "
        "over the river that engineers have called unsafe since the spring floods damaged its piers.",
        "Work is due to start in March and to last two years, during which traffic will be sent through the "
        "old town, a plan that shop owners there say will bring them customers as well as noise.",
        "Members who voted against the budget said the schools had been forgotten, and that the money for "
        "new roofs and heating had been pushed back to a later year once again without any debate.",
        "The mayor answered that the schools would get their share once the bridge was safe, and that no "
        "town could ask its children to cross a bridge its own engineers would not drive across.",
        "A second vote on the schools plan is expected in the autumn, after the state says how much it "
        "will give towns of this size for buildings, a figure that has fallen for five years in a row.",
    ]
    page = f"Council approves new budget\n\n{promo}\n\nView comments\n\n" + "\n\n".join(article)
    text = clean_text(page).text
    assert all(paragraph in text for paragraph in article)
    assert "View comments" not in text


def test_clean_reasons_say_why_each_removed_line_went() -> None:
    page = (
        "Home\n\nCouncil approves new budget\n\nMarch 3, 2024\n\nPhoto: Jane Doe/Reuters\n\n"
        f"{BODY}Subscribe to our newsletter"
    )
    cleaned = clean_text(page)
    assert len(cleaned.reasons) == len(cleaned.removed)
    why = dict(zip(cleaned.removed, cleaned.reasons, strict=True))
    assert why == {
        "Home": "before the headline",
        "March 3, 2024": "date line",
        "Photo: Jane Doe/Reuters": "caption",
        "Subscribe to our newsletter": "call to action",
    }


# --- rules added for issue #17 (boilerplate-web train pages) -----------------------------------------


@pytest.mark.parametrize(
    "notice",
    [
        "Advertising disclosure: We may receive compensation for some of the links in our stories.",
        "We are a participant in the Amazon Services LLC Associates Program, an affiliate advertising program.",
        "Disclaimer: " + "the views of the authors are theirs and the site takes no position on them at all " * 8,
        "By registering, you agree to our terms and conditions and privacy policy",
        "Boing Boing is published under a Creative Commons license except where otherwise noted.",
        "By submitting your information, you're agreeing to receive communications from the station.",
    ],
)
def test_clean_disclosures_and_long_labelled_disclaimers_are_dropped(notice: str) -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{notice}")
    assert notice.strip() not in cleaned.text
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))[notice.strip()] == "legal notice"


@pytest.mark.parametrize(
    "line",
    [
        "The retailer said its affiliate programme had paid bloggers more than a million pounds last year.",
        "By using the new tool, the agency said, officials agreed to cut the cost of repairs by a third.",
    ],
)
def test_clean_reporting_that_looks_like_a_notice_is_kept(line: str) -> None:
    assert line in clean_text(f"Retailer pays bloggers\n\n{BODY}{line}").text


def test_clean_share_label_between_paragraphs_is_dropped() -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}Social Share\n\n{MORE}")
    assert "Social Share" not in cleaned.text
    assert cleaned.text.endswith(MORE)


@pytest.mark.parametrize("stamp", ["17 April 2012 • 2:54pm", "March 3, 2024, 10:15 am"])
def test_clean_date_with_time_after_a_bullet_is_a_date_line(stamp: str) -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{stamp}\n\n{BODY}")
    assert stamp not in cleaned.text
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))[stamp] == "date line"


def test_clean_notify_is_a_comment_cue_only_as_a_checkbox_label() -> None:
    """ "We will notify you via email" in a policy's list is text; "Notify me of follow-up comments" is a widget."""
    page = (
        "Privacy policy\n\nShould a data breach occur, we will take the following responsive action:\n\n"
        "We will notify you via email\n\nWithin seven business days\n\n"
        "We also agree to the individual redress principle, which lets users pursue their rights in court."
    )
    text = clean_text(page).text
    assert "We will notify you via email" in text
    assert text.endswith("pursue their rights in court.")
    widget = clean_text(f"Council approves new budget\n\n{BODY}Notify me of follow-up comments by email")
    assert "Notify me" not in widget.text


def test_clean_teasers_with_their_own_read_more_links_are_dropped() -> None:
    article = (
        "Cartoonist Jane Bors got a spot on the radio for her sharp critique of the way people talk about "
        "young workers, which has gone well beyond grumbling into open contempt. Click through for the rest."
    )
    teasers = [
        (
            "Choir sings with two old rock stars",
            "The choir is still doing its thing, and now two famous guests "
            "have joined in to sing along with hundreds of fans in a packed hall downtown.",
        ),
        (
            "A graphic novel about growing up",
            "The artist is several kinds of excellent: from her first book to "
            "her bestselling novels, she keeps finding new ways to tell stories about identity and loyalty.",
        ),
    ]
    rail = "\n\n".join(f"{title}\n\n{blurb}\n\nREAD THE REST" for title, blurb in teasers)
    cleaned = clean_text(f"Hating the young\n\n{article}\n\nSHARE / TWEET / 82 COMMENTS\n\n{rail}")
    assert cleaned.text == article
    why = dict(zip(cleaned.removed, cleaned.reasons, strict=True))
    assert why[teasers[0][1]] == why[teasers[1][0]] == "teaser with a read-more link"


def test_clean_single_read_more_link_leaves_the_article_alone() -> None:
    assert clean_text(f"Council approves new budget\n\n{BODY}Continue reading").text == BODY.strip()


@pytest.mark.parametrize(
    ("name", "bio"),
    [
        ("Jane Porter", "Jane Porter is a reporter covering city hall for the Ledger. She has worked in local news."),
        ("Heiko Sauer", "Heiko Sauer is a Professor of Public Law at the University of Bonn."),
        ("Amy Motroni", "I'm Amy and I'm so glad you've stopped by! My blog is full of tips for new parents."),
    ],
)
def test_clean_author_bio_beside_the_authors_name_is_dropped(name: str, bio: str) -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{name}\n\nFull Bio\n\n{bio}\n\n{MORE}")
    assert bio not in cleaned.text
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))[bio] == "author bio"


def test_clean_person_presented_in_the_article_is_kept() -> None:
    """The same shape in running text, with no line naming the person alone nearby, is reporting."""
    line = "Jane Porter is a professor of economics at the state university and has studied the bridge for years."
    assert line in clean_text(f"Council approves new budget\n\n{BODY}{line}").text


def test_clean_small_block_between_two_parts_of_the_body_is_kept() -> None:
    """A block too small to show its topic goes with the body when the block after it does."""
    small = "Here is the other version:"
    intro = (
        "Map applies a function to the elements of an iterable and gives a new iterable with the results. "
        "A loop that appends to a list does the same work, and map is faster than a loop in most cases."
    )
    rest = (
        "Loops are slower than map when the function is small, because each call to append is looked up again. "
        "Map is faster than a loop, but only when its result is not turned into a list at once."
    )
    labels = "Output one\n\nOutput two\n\nOutput three"
    page = f"Faster Python\n\n{intro}\n\n{labels}\n\n{small}\n\n{labels.replace('Output', 'Result')}\n\n{rest}"
    text = clean_text(page).text
    assert small in text
    assert text.endswith(rest)


def test_clean_long_paragraph_under_a_section_header_is_the_article_going_on() -> None:
    long_paragraph = " ".join(
        ["The council's budget debate has also become an argument about how the town plans its future."] * 5
    )
    page = (
        f"Council approves new budget\n\n{BODY}Related Posts\n\nLibrary opens on Sundays\n\n"
        f"{long_paragraph}\n\nWhat comes next\n\n{MORE}"
    )
    text = clean_text(page).text
    assert long_paragraph in text
    assert "Library opens on Sundays" not in text


def test_clean_list_after_a_colon_runs_across_long_items() -> None:
    items = [
        "Tuples save a bit of memory when replacing lists",
        "Generators save memory only for large tuples, but are faster to iterate over",
        "Map and filter are sometimes faster than comprehensions",
    ]
    page = (
        "Performant Python\n\n"
        + "Python offers several ways to save memory and time, and this article measured each of them with care. "
        "The measurements were taken on one machine.\n\nThere are many graphs, so here is a summary of them:\n\n"
        + "\n\n".join(items)
        + "\n\nAuthor: Jacopo Cascioli"
    )
    text = clean_text(page).text
    assert all(item in text for item in items)
    assert "Author:" not in text


def test_clean_long_list_between_paragraphs_keeps_its_items_not_its_labels() -> None:
    ingredients = ["1/2 block of tofu, diced", "120g yellow noodles", "1 tbsp minced garlic", "Some green vegetables"]
    labels = ["Pin", "Print", "Servings", "Prep Time Ten Minutes Total"]
    page = f"Council approves new budget\n\n{BODY}" + "\n\n".join(labels + ingredients) + f"\n\n{MORE}"
    text = clean_text(page).text.split("\n\n")
    assert all(item in text for item in ingredients)
    assert not any(label in text for label in labels)
    assert text[-1] == MORE


def test_clean_short_line_before_a_closing_credit_line_is_kept() -> None:
    page = f"Council approves new budget\n\n{BODY}The bridge the town loves to hate\n\n(via Valley Courier)\n\nShare"
    cleaned = clean_text(page)
    assert cleaned.text.endswith("\n\nThe bridge the town loves to hate")
    assert cleaned.declared_source == "Valley Courier"


QUOTE = "“We will fix the bridge before the winter comes, whatever it costs the town.”"


@pytest.mark.parametrize("intro", ["In a statement released on Tuesday, the mayor said,", "The mayor said:"])
@pytest.mark.parametrize("where", ["first", "inside", "last"])
def test_clean_sentence_introducing_a_quotation_is_never_dropped(intro: str, where: str) -> None:
    """A line ending with a comma or colon before a quotation is the article's, wherever it stands."""
    quoted = f"{intro}\n\n{QUOTE}"
    page = {
        "first": f"Council approves new budget\n\n{quoted}\n\n{BODY}",
        "inside": f"Council approves new budget\n\n{BODY}{quoted}\n\n{MORE}",
        "last": f"Council approves new budget\n\n{BODY}{quoted}",
    }[where]
    assert f"{intro}\n\n{QUOTE}" in clean_text(page).text


def test_clean_rail_of_long_headlines_is_dropped() -> None:
    """Headlines long enough to pass for prose, one after another and none ending as a sentence."""
    rail = [
        "Pedro Castillo was summoned to testify by the money laundering prosecutor next Monday in Lima",
        "Opposition presents a second motion to question the prime minister over the early elections bill",
        "Congress makes the vacancy of the office of the ombudsman official after months of delay",
        "Former minister cleared of all charges in the bribery case after a trial lasting two years",
        "Storm leaves thousands without power across the north as rivers burst their banks overnight",
    ]
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}You may be interested\n\n" + "\n\n".join(rail))
    assert cleaned.text == BODY.strip()
    assert {dict(zip(cleaned.removed, cleaned.reasons, strict=True))[line] for line in rail} == {"headline rail"}


def test_clean_sentence_split_after_a_comma_is_kept_whole() -> None:
    """Markup can split one sentence over two lines; the short first half ends with a comma."""
    page = (
        "Council approves new budget\n\nWhile the mayor has the final word on the bridge,\n\n"
        f"the council decides how much money goes to the schools each year, and it voted on that too.\n\n{BODY}"
    )
    assert "While the mayor has the final word on the bridge," in clean_text(page).text


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Image copyright Reuters", "caption"),
        ("Media captionDrone footage shows burials", "caption"),  # label glued to the caption in the scrape
        ("Improve this answer", "call to action"),
    ],
)
def test_clean_caption_credits_and_answer_widgets_are_furniture(line: str, rule: str) -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{line}\n\n{MORE}")
    assert line not in cleaned.text
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))[line] == rule


def test_clean_headline_shares_the_articles_topic_not_a_menu_item_above_it() -> None:
    page = "Crime and Public Safety\n\nSearch the site\n\nCouncil approves new budget for the bridge\n\n" + BODY
    assert clean_text(page).title == "Council approves new budget for the bridge"


def test_clean_headline_repeated_inside_the_body_does_not_end_it() -> None:
    """A recipe card or share box repeats the headline; the article goes on after it."""
    page = f"Council approves new budget\n\n{BODY}Council approves new budget\n\n{MORE}"
    cleaned = clean_text(page)
    assert cleaned.text.endswith(MORE)
    assert "Council approves new budget" not in cleaned.text


@pytest.mark.parametrize("script", ["ga.src = '//google-analytics.com/ga.js';", "RUM.mark( 'js_load_ui' );"])
def test_clean_leaked_script_line_is_never_the_headline(script: str) -> None:
    # a headline sharing no topic word with the body, so that the first headline-like line is taken
    assert clean_text(f"{script}\n\nTempers fray over roadworks\n\n{BODY}").title == "Tempers fray over roadworks"


def test_clean_prose_after_a_video_caption_is_more_article() -> None:
    """A caption is no appeal to the reader: several sentences after captions continue the article."""
    profile = (
        "He championed reform of immigration, campaign finance and environmental laws, and was outspoken in "
        "criticising those who advocated torture. His pallbearers reflected his wish to reach across divides: "
        "an actor, a former mayor of New York and two senators from the other party carried his coffin."
    )
    page = (
        f"Council approves new budget\n\n{BODY}Media caption The mayor on the bridge vote\n\nMaverick\n\n"
        f"Image copyright EPA Image caption The council chamber\n\n{profile}"
    )
    assert clean_text(page).text.endswith(profile)


def test_clean_few_highlights_without_full_stops_are_no_rail() -> None:
    """Three or four bullet points above the body ("Story highlights") are the article's own summary."""
    highlights = [
        "The outbreak of the disease has become a wild card issue in the midterm elections this autumn",
        "Two candidates in high-profile Senate races sat on the panel holding the hearing on Thursday",
        "Several House Democrats in competitive races have come out supporting travel restrictions",
    ]
    text = clean_text("Council approves new budget\n\n" + "\n\n".join(highlights) + f"\n\n{BODY}").text
    assert all(line in text for line in highlights)


# --- issue #17, recall: classes of article lines the cleaner used to drop ---------------------------


@pytest.mark.parametrize(
    "line",
    [
        "“I call on all patriots to join us,” Le Pen said. “France will need you more than ever.”",
        "'Follow us to the border and see for yourselves,' the sheriff told reporters on Monday.",
        "Amazon isn't taking pre-orders either, but you can sign up to be notified when products become available.",
        "Signing up is quick: if you already have an account you must use the same email address for both.",
    ],
)
def test_clean_quotes_and_reported_account_words_are_no_call_to_action(line: str) -> None:
    """A speaker's "join us" is news, and a review telling its reader "you can sign up" is reporting."""
    assert not is_call_to_action(line)
    assert line in clean_text(f"Council approves new budget\n\n{BODY}{line}\n\n{MORE}").text


@pytest.mark.parametrize(
    "line",
    [
        "Sign up to receive our biggest stories as soon as they are published in your inbox.",
        "We use cookies to give you the best experience on our website, as our policy explains.",
        "Log in to your account to read the rest of this story and all of our archive today.",
    ],
)
def test_clean_account_appeals_in_the_site_voice_stay_calls_to_action(line: str) -> None:
    assert is_call_to_action(line)


@pytest.mark.parametrize(
    "line",
    [
        "Zudem wurde der Begriff der »Wissensgesellschaft« geprägt, eine Welt voller Information.",
        "Le maire a répondu « pas question » aux élus de l'opposition réunis lundi soir.",
    ],
)
def test_clean_guillemets_are_quotation_marks_not_menu_separators(line: str) -> None:
    cleaned = clean_text(f"Council approves new budget\n\n{BODY}{line}\n\n{MORE}")
    assert line in cleaned.text


def test_clean_breadcrumbs_are_still_navigation() -> None:
    cleaned = clean_text(f"Home » News » Local\n\nCouncil approves new budget\n\n{BODY}Sport | Weather | Contact")
    assert "Home » News » Local" not in cleaned.text and "Sport | Weather | Contact" not in cleaned.text


def test_clean_subheading_about_comments_does_not_end_the_article() -> None:
    """ "Replies from the ministry" is a subheading; "Load more comments" or "24 comments" open a comment section."""
    page = f"Council approves new budget\n\n{BODY}Replies from the ministry\n\n{MORE}"
    assert MORE in clean_text(page).text
    assert MORE not in clean_text(f"Council approves new budget\n\n{BODY}24 comments\n\n{MORE}").text


@pytest.mark.parametrize("line", ["He was right.", "Nobody came forward.", "Hard to disagree."])
def test_clean_three_word_sentence_is_a_paragraph(line: str) -> None:
    """A paragraph of three words that ends like a sentence is the article's, even as its last line."""
    assert clean_text(f"Council approves new budget\n\n{BODY}{MORE}\n\n{line}").text.endswith(line)


def test_clean_leaked_script_statement_is_no_short_sentence() -> None:
    page = f"ads.sticky = true;\n\nRUM.mark( 'js_load_ui' );\n\nCouncil approves new budget\n\n{BODY}"
    cleaned = clean_text(page)
    assert cleaned.title == "Council approves new budget"
    assert "ads.sticky" not in cleaned.text and "RUM.mark" not in cleaned.text


def test_clean_one_word_labels_ending_with_a_colon_lead_into_the_body() -> None:
    """ "Background:" or "USAGE:" over a paragraph is a subheading; "WATCH:" over a video link is a teaser label."""
    page = f"Council approves new budget\n\nBackground:\n\n{BODY}Results:\n\n{MORE}\n\nWATCH:\n\n{MORE} Again."
    text = clean_text(page).text
    assert "Background:" in text and "Results:" in text and "WATCH:" not in text


def test_clean_short_list_intro_keeps_its_items() -> None:
    items = [
        "ban cars from the old bridge",
        "hire more inspectors for the roads",
        "publish the audit every spring",
        "open the depot to the public",
        "repaint the schools before the winter",
        "fix the lights on the river path",
    ]
    page = f"Council approves new budget\n\n{BODY}Her demands include:\n\n" + "\n\n".join(items) + f"\n\n{MORE}"
    text = clean_text(page).text
    assert all(item in text for item in items)


def test_clean_line_first_seen_in_a_menu_is_kept_in_the_body() -> None:
    """A subheading that is also a menu item above the article: its copy in the body is the one a reader sees."""
    menu = "Home\n\nFinal verdict\n\nContact\n\nAbout us\n\nArchive\n\n"
    page = f"Council approves new budget\n\n{menu}{BODY}Final verdict\n\n{MORE}"
    cleaned = clean_text(page)
    assert "Final verdict" in cleaned.text.split("\n\n")
    assert dict(zip(cleaned.removed, cleaned.reasons, strict=True))["Contact"] != "kept"


def test_clean_repeat_of_a_kept_line_is_still_dropped() -> None:
    page = f"Council approves new budget\n\n{BODY}{QUOTE}\n\n{MORE}\n\n{QUOTE}\n\n{MORE} Again."
    assert clean_text(page).text.count(QUOTE) == 1


@pytest.mark.parametrize(
    "line",
    ["Enlarge this image toggle caption Bruce Smith/AP Bruce Smith/AP", "Media playback is unsupported on your device"],
)
def test_clean_media_widget_captions_are_furniture(line: str) -> None:
    assert line not in clean_text(f"Council approves new budget\n\n{BODY}{line}\n\n{MORE}").text


def test_clean_deck_restating_the_headline_is_kept() -> None:
    """A subtitle right under the headline that restates it is the article's; a byline or a menu item there is not."""
    deck = "Budget approved · Council vote (2024)"
    assert deck in clean_text(f"Council approves new budget\n\n{deck}\n\n{BODY}").text
    assert "Jump to recipe" not in clean_text(f"Council approves new budget\n\nJump to recipe\n\n{BODY}").text
    # with the headline known, the deck stands under the text's own copy of it
    assert (
        deck in clean_text(f"Council approves new budget\n\n{deck}\n\n{BODY}", title="Council approves new budget").text
    )


def test_clean_leaked_script_does_not_glue_onto_headline_or_credit_line() -> None:
    """A naive scrape puts a script's lines right under the text; lower-case code is no wrapped sentence."""
    page = (
        "Council approves new budget\nfreestar.queue.push(function () { googletag.display('slot_1'); });\n"
        f"{BODY.strip()}\nThe bridge the town loves to hate\n(via Valley Courier)\n"
        "freestar.initCallback = function () { freestar.newAdSlots([{ placementName: 'slot_2' }]); };\nShare"
    )
    cleaned = clean_text(page)
    assert cleaned.title == "Council approves new budget"
    assert cleaned.declared_source == "Valley Courier"
    assert cleaned.text.endswith("The bridge the town loves to hate")


def test_clean_long_intro_above_image_links_joins_the_body() -> None:
    """A long opening paragraph that only image links or labels part from the body below it is the article's."""
    intro = (
        "Two former owners of the country's largest lender took loans from their own bank and moved the money "
        "abroad through a web of shell firms, according to the central bank's chairwoman, who spoke on Friday "
        "after a three-year inquiry into where the funds went."
    )
    links = "i.redd.it/whs5mnaxwft31.jpg\n\ni.redd.it/pqzrz4hexft31.jpg\n\nclarityofsignal.com/2017/01/21/a-post\n\n"
    rest = "Engineers told the meeting that the work on the main bridge would take two summers to finish. " * 4
    share = "Facebook Twitter Email Subscribe To Our Newsletter\n\n"  # no label: the intro joins by what follows it
    page = f"Council approves new budget\n\n{share}{intro}\n\n{links}{BODY}{MORE}\n\n{rest}\n\n{MORE} {rest}"
    assert clean_text(page).text.startswith(intro)
