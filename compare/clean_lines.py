"""What one line of a scraped page is, judged on its own: prose, a call to action, a caption, a menu ...

The plain-text cleaner (``compare.clean``) asks these questions of every line and then decides from
the answers and the line's neighbours what is article and what is page. The patterns they test are
data in ``compare.clean_patterns``; the thresholds are ``CLEAN_*`` settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from compare import clean_patterns as patterns
from compare import settings


def normalise_line(line: str) -> str:
    """A line reduced to its words, for spotting repeats regardless of spacing and punctuation."""
    return " ".join(re.findall(r"\w+", line.lower()))


def line_words(line: str) -> list[str]:
    return patterns.WORD.findall(line)


def is_code(line: str) -> bool:
    """True for a line of script (an inline ad or tracking snippet leaked into the scrape): at least
    CLEAN_CODE_MIN_TOKENS code tokens, and at least one for every CLEAN_CODE_WORDS_PER_TOKEN words."""
    tokens = len(patterns.CODE_TOKEN.findall(line))
    return tokens >= settings.CLEAN_CODE_MIN_TOKENS and tokens * settings.CLEAN_CODE_WORDS_PER_TOKEN >= len(
        line_words(line)
    )


def is_prose(line: str) -> bool:
    """True when a line reads like part of an article body rather than page furniture."""
    words = line_words(line)
    if is_furniture(line) or is_code(line):
        return False
    sentence = bool(patterns.SENTENCE_END.search(line.strip()))
    # Capitalised words make a short line a teaser or a menu, but a long sentence full of names is prose.
    if title_case(words) and not (sentence and len(words) >= settings.CLEAN_PROSE_WORDS):
        return False
    if len(words) >= settings.CLEAN_PROSE_WORDS:
        return True
    # a short line is prose only as a sentence, and a statement of leaked script ("ads.sticky = true;") is none
    return len(words) >= settings.CLEAN_MIN_SENTENCE_WORDS and sentence and not patterns.SCRIPT_LIKE.search(line)


def is_call_to_action(line: str) -> bool:
    """True for the site talking to its reader ("Subscribe to our newsletter", "Follow us on X", cookie notices).

    A cue alone is not enough in a full sentence (news reports mention newsletters and
    subscribers); the line must also address the reader, open with an imperative, or be
    a short label without a full stop. Quotations do not count (a speaker's "join us" is
    news), and account words (sign up, log in, e-mail address) make a full sentence a call to
    action only when the site speaks as "we" or commands.
    """
    words = line_words(line)
    if len(words) > settings.CLEAN_FURNITURE_MAX_WORDS:
        return False
    said = patterns.QUOTED.sub(" ", line)  # a speaker's words are reported, not the site's ("Join us," she said)
    if len(words) <= patterns.SOCIAL_WIDGET_MAX_WORDS and patterns.SOCIAL_WIDGET.match(said):
        return True  # "Example News on Facebook": a widget's heading, sentence or not
    site_cue = bool(patterns.ACTION_CUE.search(said))
    if not (site_cue or patterns.ACCOUNT_CUE.search(said)):
        return False
    if patterns.IMPERATIVE.match(said):
        return True
    if not site_cue and is_sentence(line, words) and not patterns.SITE_VOICE.search(said):
        return False  # a review telling its reader "you can sign up to be notified" is reporting
    if patterns.READER.search(said):
        return True
    return len(words) <= 8 and not line.rstrip().endswith(".")


def is_sentence(line: str, words: Sequence[str]) -> bool:
    """A full sentence: long enough to be prose and ending as a sentence ends."""
    return len(words) >= settings.CLEAN_PROSE_WORDS and bool(patterns.SENTENCE_END.search(line.strip()))


def is_comment_widget(line: str) -> bool:
    """A comment-section label ("Show Comments", "Leave a Reply", "0 Comments"): short, about comments,
    and not a sentence ("The mayor declined to comment." is reporting, not a widget); beyond a few words
    it must also look like a widget (a count, "Leave a ...", "Load more ...") rather than a subheading."""
    stripped = line.rstrip()
    is_sentence = (stripped.endswith((".", "!", "?", '"', "”", "’")) and not stripped.endswith("..")) or (
        stripped.endswith(":")
        and len(line_words(line)) > settings.CLEAN_COMMENT_LABEL_MAX_WORDS  # "Sanders made the following comment:"
    )
    words = len(line_words(line))
    return (
        not is_sentence
        and words <= settings.CLEAN_COMMENT_WIDGET_MAX_WORDS
        and bool(patterns.COMMENT_CUE.search(line))
        # a subheading about comments ("Replies from the ministry") must not end the article
        and (words <= settings.CLEAN_COMMENT_LABEL_MAX_WORDS or bool(patterns.COMMENT_WIDGET.search(line)))
    )


def is_meta(line: str) -> bool:
    """A filing label, tag list, post navigation or note about the article.

    Labels are short and are not sentences, unlike "Filed under the Act, the complaint says ...".
    """
    if len(line_words(line)) > settings.CLEAN_META_MAX_WORDS:
        return False
    return bool(patterns.META_NOTE.search(line)) or (
        bool(patterns.META_LABEL.search(line)) and not line.rstrip().endswith(".")
    )


def is_furniture(line: str) -> bool:
    """A caption, "Read more", form field, call to action or menu: never body, wherever it stands."""
    return len(line_words(line)) <= settings.CLEAN_FURNITURE_MAX_WORDS and bool(
        patterns.CAPTION.search(line)
        or patterns.READ_MORE.search(line)
        or is_form_field(line)
        or is_navigation(line)
        or is_call_to_action(line)
    )


def is_form_field(line: str) -> bool:
    """A field of a comment or sign-up form ("Name *", "Your Email *"): a short label with an asterisk that
    asks for the reader's details. It opens a form, so what follows is no article."""
    return bool(patterns.FORM_FIELD.match(line) and patterns.FORM_FIELD_WORD.search(line))


def is_navigation(line: str) -> bool:
    """A menu or breadcrumb line: separators such as "»" or "|" outside quotations (German prose quotes
    »so«, French « ainsi »: those guillemets are no menu).

    A sentence with a menu path inside it ("by going to CUSTOMISE > GAME SETTINGS screen. Here is ...")
    is prose: a menu's items are short, while that sentence runs on for many words on both sides.
    """
    unquoted = patterns.QUOTED.sub(" ", line)
    if patterns.SKIP_LINK.search(unquoted):
        return True
    if not patterns.NAVIGATION.search(unquoted):
        return False
    parts = [len(line_words(part)) for part in patterns.NAVIGATION.split(unquoted)]
    in_prose = (
        bool(patterns.SENTENCE_END.search(line.strip()))
        and sum(1 for words in parts if words >= settings.CLEAN_PROSE_WORDS) >= 2
    )
    return not in_prose


def is_section_header(line: str) -> bool:
    """ "Related stories", "Most popular", "More from Reuters": the start of a list of other articles."""
    return len(line_words(line)) <= settings.CLEAN_SECTION_HEADER_MAX_WORDS and bool(
        patterns.SECTION_HEADER.match(line)
    )


def is_legal(line: str) -> bool:
    """A copyright line, disclaimer or legal notice (one that opens with its label may be longer)."""
    words = len(line_words(line))
    if words <= settings.CLEAN_LEGAL_MAX_WORDS and patterns.LEGAL.search(line):
        return True
    return words <= settings.CLEAN_LEGAL_LABELLED_MAX_WORDS and bool(patterns.LEGAL_LABEL.match(line))


def title_case(words: Sequence[str]) -> bool:
    """Headline- or menu-like: nearly every word capitalised (teasers, navigation)."""
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) / len(long_words) > 0.8


def is_stamp(line: str) -> bool:
    return len(line_words(line)) < 3 and (bool(patterns.STAMP.match(line)) or len(line.strip()) <= 3)


def content_words(lines: Iterable[str]) -> set[str]:
    """Topic words of some lines: lowercased, function words ignored, cut to a common stem."""
    words = set()
    for line in lines:
        for word in line_words(line):
            word = word.lower().removesuffix("'s").removesuffix("’s")
            if len(word) > 3 and word not in patterns.FUNCTION_WORDS:
                words.add(word[: settings.CLEAN_STEM_LETTERS])
    return words
