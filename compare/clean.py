"""Boilerplate removal for scraped plain text.

Scraped pages arrive as lines: crawler stamps, the headline, captions, share and
subscribe prompts, the body, disclaimers, comment widgets, reader comments, teasers.
We keep the body by its *shape*, not by lists of known strings, because the same
code meets sites it has never seen:

* a line is **prose** when it reads like a sentence (enough words, sentence-final
  punctuation) and **short** otherwise (menus, widgets, captions, teaser headlines);
* the page is cut into blocks at runs of short lines, at date-only lines (comment
  headers) and at lines that repeat (disclaimers, the site's own boilerplate);
* some lines are judged by their neighbours: a run of long lines none of which ends as a
  sentence is a rail of other articles' headlines, a paragraph just above a "Read more"
  link (when the page has several) is a teaser, a bio beside a line naming its author
  alone is an author box;
* the body is the block holding most prose, plus neighbouring prose blocks that share
  its vocabulary and are not cut off by a comment or widget zone; short lines inside it
  (subheadings, list items, a line that a comma or colon carries on into the next) are
  kept with it.

Every removed line is kept for audit, and credit lines ("Via Zerohedge", "(Reuters) -")
become the article's declared source instead of being lost.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from compare import clean_lines as shape
from compare import clean_patterns as patterns
from compare import settings
from compare.clean_inline import LINK_RAIL, cut_link_rails_all
from compare.clean_lines import is_call_to_action, is_code, is_prose, normalise_line


@dataclass(frozen=True)
class CleanedText:
    """The result of cleaning one scraped page."""

    title: str
    text: str
    removed: list[str] = field(default_factory=list)
    declared_source: str | None = None
    author: str | None = None  # from a byline above the body ("By Jane Porter, Reuters")
    #: Why each line of ``removed`` was removed (same order): the rule, for audit and for tuning the rules.
    reasons: list[str] = field(default_factory=list)


def _headline_score(line: str) -> float:
    """How much a line looks like a headline: a few words, no full stop, no menu, byline or date."""
    words = shape.line_words(line)
    if (
        len(words) < 2
        or patterns.DATE_LINE.match(line)
        or shape.is_stamp(line)
        or is_code(line)
        or patterns.SCRIPT_LIKE.search(line)
    ):
        return float("-inf")
    score = min(len(words), 12) / 12
    if len(words) < 3:
        score -= 1
    if len(words) > 25:
        score -= 3
    if line.rstrip().endswith("."):
        score -= 1  # headlines rarely end with a full stop; standfirsts and labels do
    if (
        shape.is_navigation(line)
        or shape.is_legal(line)
        or patterns.CAPTION.search(line)
        or is_call_to_action(line)
        or shape.is_meta(line)
        or re.match(r"^\s*by\s", line, re.I)
    ):
        score -= 5
    if patterns.DATE_INSIDE.search(line):
        score -= 2  # "Posted on 3 May 2022 by admin", "Published 14 March 2023"
    return score


def _headline_index(lines: Sequence[str]) -> int | None:
    """The headline: the first headline-like line before the body's first long paragraph.

    The first one, not the best-scoring one, because a standfirst or a caption under
    the headline often looks just as much like a headline. Lines that look like no
    headline at all (kickers such as "Opinion", stamps, menus) are skipped; when
    nothing qualifies the best-scoring line is taken.
    """
    first_paragraph = next(
        (
            i
            for i, line in enumerate(lines)
            # a long disclosure or appeal above the article ("When you purchase through links on our site ...")
            # is no paragraph of it: the headline is looked for above the article's own first paragraph
            if len(shape.line_words(line)) >= settings.CLEAN_PROSE_WORDS
            and is_prose(line)
            and not shape.is_legal(line)
            and not is_call_to_action(line)
        ),
        len(lines),
    )
    candidates = range(min(max(first_paragraph, 1), len(lines)))
    scores = [_headline_score(lines[i]) for i in candidates]
    # a menu item or the site's name can come first: the headline shares the article's topic words
    opening = shape.content_words(lines[first_paragraph : first_paragraph + settings.CLEAN_HEADLINE_TOPIC_LINES])
    # the first of the lines sharing most of them: a menu item, a teaser or a subscription blurb above the
    # headline may share a word with the article too (and a standfirst under it as many: it comes second)
    shared = {i: len(shape.content_words([lines[i]]) & opening) for i in candidates if scores[i] > 0}
    on_topic = max((i for i in shared if shared[i]), key=lambda i: (shared[i], -i), default=None)
    first = next((i for i in candidates if scores[i] > 0), None)
    if on_topic is not None:
        return on_topic
    if first is not None:
        return first
    best = max(candidates, key=lambda i: (scores[i], -i), default=None)
    if best is None or scores[best] == float("-inf"):
        return None
    return best


def repeated_lines(texts: Iterable[str]) -> frozenset[str]:
    """Lines (normalised) that recur across *different* pages of one outlet: that outlet's own boilerplate.

    Two scrapes of one article (an update, a copy taken later with more comments) share
    their whole body, so a line counts only when it recurs in pages that otherwise differ.
    A sentence must recur in several pages: an outlet that reuses a background paragraph
    or a stock phrase in two stories is reusing copy (which the shared-passages panel
    reports), not printing a footer.
    """
    pages: list[frozenset[str]] = []
    sentences: set[str] = set()
    for text in set(texts):  # an exact duplicate page is merged later, not evidence of boilerplate
        lines = {normalise_line(line): line for line in text.splitlines()}
        lines.pop("", None)
        pages.append(frozenset(lines))
        sentences.update(key for key, line in lines.items() if is_prose(line.strip()))
    holders: defaultdict[str, list[int]] = defaultdict(list)
    for index, page in enumerate(pages):
        for line in page:
            if len(line.split()) <= settings.CLEAN_REPEATED_LINE_MAX_WORDS:
                holders[line].append(index)
    overlap_cache: dict[tuple[int, int], float] = {}

    def overlap(a: int, b: int) -> float:
        if (a, b) not in overlap_cache:
            overlap_cache[a, b] = len(pages[a] & pages[b]) / len(pages[a] | pages[b])
        return overlap_cache[a, b]

    def is_boilerplate(line: str, found: list[int]) -> bool:
        needed = settings.CLEAN_REPEAT_MIN_PAGES_PROSE if line in sentences else 2
        sample = found[: settings.CLEAN_REPEAT_SAMPLE_PAGES]
        return len(found) >= needed and any(
            overlap(a, b) < settings.CLEAN_SAME_PAGE_OVERLAP for a, b in combinations(sample, 2)
        )

    return frozenset(line for line, found in holders.items() if is_boilerplate(line, found))


def byline_author(lines: Iterable[str]) -> str | None:
    """The author named by the first byline: "By Jane Porter" or "Posted on 3 May 2022 by Jane Porter"."""
    for line in lines:
        sentence = line.rstrip().endswith((".", "!", "?")) and not re.match(r"\W*by\s", line, re.IGNORECASE)
        if len(shape.line_words(line)) <= settings.CLEAN_BYLINE_MAX_WORDS and not sentence:
            match = patterns.BYLINE.search(line)
            if match:
                return match.group("name")
    return None


def declared_source(lines: Iterable[str]) -> str | None:
    """The first credit line's source: "Via Zerohedge…" -> "Zerohedge", "LONDON (Reuters) -" -> "Reuters"."""
    for line in lines:
        for pattern in (patterns.VIA_LINE, patterns.WIRE_DATELINE):
            match = pattern.match(line)
            if match:
                return match.group("src").strip(" .…")
    return None


def _unwrapped_lines(raw: str) -> list[str]:
    """The page's non-blank lines, with hard-wrapped sentences joined again.

    A line that stops mid-sentence and is followed, in the same paragraph, by a line
    starting in lower case continues on it (text copied from e-mails, PDFs, terminals).
    Leaked script is never a sentence's continuation, nor continued: "freestar.queue.push(...)"
    glued to a headline or a credit line hid them from the rules that recognise them.
    """
    # Pieces are joined once at the end: growing the joined line piece by piece (and searching it
    # again each time) made a long hard-wrapped paragraph quadratic (a 19 MB upload took minutes).
    lines: list[list[str]] = []
    after_blank = True
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            after_blank = True
            continue
        # the joined line ends with its last piece, so the end-of-sentence test needs only that piece
        if (
            lines
            and not after_blank
            and line[0].islower()
            and not patterns.SENTENCE_END.search(lines[-1][-1])
            and not (patterns.SCRIPT_LIKE.search(line) or patterns.SCRIPT_LIKE.search(lines[-1][-1]))
        ):
            lines[-1].append(line)
        else:
            lines.append([line])
        after_blank = False
    return [" ".join(pieces) for pieces in lines]


def clean_text(raw: str, *, boilerplate: frozenset[str] = frozenset(), title: str | None = None) -> CleanedText:
    """Split a scraped page into headline and body, dropping page furniture.

    Args:
        raw: the page as plain text, one paragraph or widget per line.
        boilerplate: normalised lines known to repeat across this outlet's pages.
        title: the headline when it is known from elsewhere (manifest, metadata, a
            paste form); every line is then a body candidate, and a line repeating the
            headline is dropped.
    """
    # rails glued into sentences first: a sentence carrying one reads as a menu ("... | ... MORE") to the line rules
    lines, rails = cut_link_rails_all(_unwrapped_lines(raw))
    removed: list[str] = []
    known = bool(title)  # an empty title is no title: the text's own headline is looked for
    start = 0 if known else _headline_index(lines)
    title = title or ""
    if start is None:
        start = 0  # no headline in the text: every line is a body candidate
    elif not known:
        removed.extend(lines[:start])
        # A sentence-like first line that does not look like a headline opens the body (pasted text).
        if not (is_prose(lines[start]) and _headline_score(lines[start]) <= 0):
            title = lines[start]
            start += 1
    body_lines = lines[start:]

    declared = declared_source(body_lines)
    seen_in_page: set[str] = set()  # filled by _classify: later copies of a line are dropped
    every = [_classify(line, title, boilerplate, seen_in_page) for line in body_lines]
    for index in _author_bios(body_lines):
        every[index] = ("break", "author bio")
    for index in _headline_rails(body_lines, every):
        every[index] = ("short", "headline rail")
    for index in _labelled_teasers(body_lines, every):
        every[index] = ("short", "teaser link")
    topic = shape.content_words([title])  # the headline names the article's topic
    shown, why = _judge(body_lines, every, topic)
    again = _second_copies(body_lines, every, shown, title, boilerplate)
    if again:  # a line first met in a menu or teaser and then in the body: its body copy is judged on its own
        every = [again.get(index, classes) for index, classes in enumerate(every)]
        shown, why = _judge(body_lines, every, topic)
    for index in _decks(body_lines, shown, why, title):
        shown[index] = True
    kept_lines = shown
    reasons = [rule for rule, kept in zip(why, shown, strict=True) if not kept]
    # bylines stand above the body: before the headline or between it and the first kept line
    head = lines[: start + next((i for i, kept in enumerate(kept_lines) if kept), len(kept_lines))]
    return CleanedText(
        title=title,
        text="\n\n".join(line for line, kept in zip(body_lines, kept_lines, strict=True) if kept),
        removed=removed + [line for line, kept in zip(body_lines, kept_lines, strict=True) if not kept] + rails,
        declared_source=declared,
        author=byline_author(head),
        reasons=["before the headline"] * len(removed) + reasons + [LINK_RAIL] * len(rails),
    )


def _decks(lines: Sequence[str], shown: Sequence[bool], why: Sequence[str], title: str) -> list[int]:
    """A subtitle (deck) standing between the headline and a kept paragraph, with at least
    CLEAN_DECK_TOPIC_SHARE of its topic words in the headline ("The Garden · Derek Jarman (1990)" under
    "Derek Jarman · The Garden"): it restates the headline, so it is the article's, not a menu or a byline.
    The first line counts as under the headline: the headline was taken from the text just above it, or was
    given (clean text read back) and the text starts where it ends."""
    heading = shape.content_words([title])
    decks = []
    for index in range(len(lines) - 1):
        after_headline = index == 0 or why[index - 1] == "repeats the headline"
        if not (after_headline and not shown[index] and why[index] == "short line" and shown[index + 1]):
            continue
        if patterns.NAME_LINE.match(lines[index]):
            continue  # a name alone under the headline is a photo's caption or a byline
        words = shape.content_words([lines[index]])
        if words and len(words & heading) >= settings.CLEAN_DECK_TOPIC_SHARE * len(words):
            decks.append(index)
    return decks


def _judge(
    lines: Sequence[str], classes: Sequence[tuple[str, str]], topic: frozenset[str] | set[str] = frozenset()
) -> tuple[list[bool], list[str]]:
    """Whether each body candidate is kept, and why it is removed (the rule) when it is not.

    Leaked script is no part of the page's layout: the body is looked for as if it were not there, so
    a snippet between two paragraphs (an ad slot's loader) neither splits the body nor counts as a label.
    """
    content = [index for index, (_, rule) in enumerate(classes) if rule != "script code"]
    shown = [False] * len(lines)
    why = ["script code"] * len(lines)
    found = _body_lines([lines[i] for i in content], [classes[i] for i in content], topic)
    for index, (rule, kept) in zip(content, found, strict=True):
        shown[index], why[index] = kept, rule
    return shown, why


def _second_copies(
    lines: Sequence[str],
    classes: Sequence[tuple[str, str]],
    shown: Sequence[bool],
    title: str,
    boilerplate: frozenset[str],
) -> dict[int, tuple[str, str]]:
    """The first later copy of each line whose earlier copies were all removed, classified on its own.

    A repeat is dropped so that the reader does not see a line twice (a pull quote, "Advertisement");
    when the earlier copy stood in a menu or a teaser above the article, the copy in the body is the
    only one the reader would see (a subheading that is also a menu item, a lede also used as a teaser).
    """
    kept: set[str] = set()
    tried: set[str] = set()
    again: dict[int, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        key = normalise_line(line)
        if classes[index][1] == "repeated in page" and key not in kept and key not in tried:
            tried.add(key)
            again[index] = _classify(line, title, boilerplate, set())
        if shown[index]:
            kept.add(key)
    return again


def _headline_rails(lines: Sequence[str], classes: Sequence[tuple[str, str]]) -> list[int]:
    """Other articles' headlines listed one after another: a run of at least CLEAN_RAIL_MIN_LINES lines
    long enough to pass for prose, each of at most CLEAN_RAIL_MAX_WORDS words and none ending as a
    sentence ends (headlines carry no full stop, the article's paragraphs do; a blurb cut off with "…" ends
    no sentence either). They are labels. Short lines
    between them (a section's name over each teaser, a date) do not end the run: only other prose does."""
    rails: list[int] = []
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        headline = (
            index < len(lines)
            and classes[index][0] == "prose"
            and len(shape.line_words(line)) <= settings.CLEAN_RAIL_MAX_WORDS
            and not (patterns.SENTENCE_END.search(line.rstrip()) and not patterns.TRUNCATED.search(line))
        )
        if headline:
            run.append(index)
            continue
        if index < len(lines) and classes[index][0] == "short":
            continue
        if len(run) >= settings.CLEAN_RAIL_MIN_LINES:
            rails.extend(run)
        run = []
    return rails


def _labelled_teasers(lines: Sequence[str], classes: Sequence[tuple[str, str]]) -> list[int]:
    """A teaser label alone on its line ("WATCH:", "Leggi anche:") and the link under it: a headline of at
    most CLEAN_RAIL_MAX_WORDS words that does not end as a sentence ends. Both are page, and the body goes
    on after them (a paragraph after the label is the article's: "More:" may close a lead-in). A label that
    heads a list of links ("Read more:" as a section header) is left to the teasers-under-a-header rule."""
    teasers: list[int] = []
    for index in range(len(lines) - 1):
        link = lines[index + 1]
        if (
            classes[index][0] != "header"
            and patterns.TEASER_LABEL.match(lines[index])
            and len(shape.line_words(link)) <= settings.CLEAN_RAIL_MAX_WORDS
            and not patterns.SENTENCE_END.search(link.rstrip())
        ):
            teasers.extend((index, index + 1))
    return teasers


def _author_bios(lines: Sequence[str]) -> list[int]:
    """Author boxes' bios: a line of at most CLEAN_BIO_MAX_WORDS words presenting someone as a writer,
    scholar or the like ("Heiko Sauer is a Professor of Public Law ..."), within CLEAN_BIO_WINDOW lines
    of a line giving that person's name alone (the box's heading, or the byline).

    A name of its own near the line is what makes it a box: an article presenting a professor it
    quotes does so in running text, with no name line beside it.
    """
    firsts: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        match = patterns.NAME_LINE.match(line) if len(line) <= 60 else None
        if match:
            firsts[match.group("first").lower()].append(index)
    bios = []
    for index, line in enumerate(lines):
        if len(shape.line_words(line)) > settings.CLEAN_BIO_MAX_WORDS:
            continue
        match = patterns.BIO.match(line)
        name = (match.group("first") or match.group("me")) if match else ""
        if not name[:1].isupper():  # the pattern ignores case for "I'm" and "is a": a name is capitalised
            continue
        if any(0 < abs(index - near) <= settings.CLEAN_BIO_WINDOW for near in firsts.get(name.lower(), [])):
            bios.append(index)
    return bios


def _body_lines(
    lines: Sequence[str], classes: Sequence[tuple[str, str]], topic: frozenset[str] | set[str] = frozenset()
) -> list[tuple[str, bool]]:
    """For each line of the body candidates: why it is removed (or "kept") and whether it is kept
    (``topic``: the headline's topic words, which a block continuing the article may share)."""
    kinds = _mark_teasers(lines, [kind for kind, _ in classes])
    linked = _linked_teasers(lines, kinds)
    for index in linked:
        kinds[index] = "furniture"
    keep = _body_mask(lines, kinds, topic)
    items = _list_items(lines, kinds, keep)
    kept_prose = [kept and kind == "prose" for kind, kept in zip(kinds, keep, strict=True)]
    items |= _inner_lines(lines, [rule for _, rule in classes], kinds, kept_prose)
    items |= _lead_ins(lines, [rule for _, rule in classes], kept_prose)
    result = []
    for index, ((first, rule), kind, kept) in enumerate(zip(classes, kinds, keep, strict=True)):
        shown = kept_prose[index] or index in items
        why = "teaser with a read-more link" if index in linked else _reason(rule, first, kind, kept)
        result.append(("kept" if shown else why, shown))
    return result


def _lead_ins(lines: Sequence[str], rules: Sequence[str], kept: Sequence[bool]) -> set[int]:
    """A short line ending with a comma or colon just above a kept paragraph ("The mayor said:", "In a
    statement, she said,", a sentence the page's markup split, a one-word label such as "Background:")
    begins what follows: it is the article's, wherever it stands (even first)."""
    return {
        index
        for index in range(len(lines) - 1)
        if not kept[index]
        and kept[index + 1]
        and rules[index] == "short line"
        and lines[index].rstrip().endswith((",", ":"))
        and (len(shape.line_words(lines[index])) >= 2 or lines[index].rstrip().endswith(":"))
        and not patterns.TEASER_LABEL.match(lines[index])
    }


def _linked_teasers(lines: Sequence[str], kinds: Sequence[str]) -> set[int]:
    """Teasers of other articles, each with its own "Read more" link (a rail of them, as on blog pages).

    Where a page has at least CLEAN_READ_MORE_TEASERS_MIN read-more links, the lines just above each
    link (a teaser's title and blurb: at most CLEAN_TEASER_MAX_LINES) are furniture. A single link is
    left alone: it may close the article itself ("Continue reading"). A "Read more" with a list of
    headlines under it heads that list: the paragraph above it is the article's, no teaser's blurb.
    """

    def heads_a_list(link: int) -> bool:
        # headlines end no sentence; a rail's teaser has a blurb that does, under or above its link
        below = range(link + 1, min(len(lines), link + 1 + settings.CLEAN_READ_MORE_LIST_MIN_LINES))
        return len(below) == settings.CLEAN_READ_MORE_LIST_MIN_LINES and not any(
            kinds[i] == "prose" or patterns.SENTENCE_END.search(lines[i].rstrip()) for i in below
        )

    links = [index for index, line in enumerate(lines) if patterns.READ_MORE_LINK.match(line)]
    if len(links) < settings.CLEAN_READ_MORE_TEASERS_MIN:
        return set()
    teasers: set[int] = set()
    for link in links:
        if heads_a_list(link):
            continue
        index = link - 1
        while index >= max(0, link - settings.CLEAN_TEASER_MAX_LINES) and kinds[index] in ("prose", "short"):
            teasers.add(index)
            index -= 1
    return teasers


def _reason(rule: str, first: str, kind: str, kept: bool) -> str:
    """Why a body line was removed: its own rule, a teaser under a section header, or outside the body."""
    if first in ("prose", "short") and kind == "furniture":
        return "teaser under a section header"
    if kind == "prose" and not kept:
        return "prose outside the body"
    return rule


def _classify(line: str, title: str, boilerplate: frozenset[str], seen: set[str]) -> tuple[str, str]:
    """What a line is, for the body search, and the rule that says so.

    "prose" (a body candidate), "short" (a label, subheading or ad slot: dropped, but the
    body may go on after it), "furniture" (a caption or call to action), "header" (over a
    list of other articles), "comments" (a comment widget: what follows is readers, not
    the article) or "break" (a date line, credit, legal notice or site boilerplate that
    ends a stretch of body).
    """
    key = normalise_line(line)
    repeated = key in seen
    seen.add(key)
    if shape.is_comment_widget(line):
        return "comments", "comment widget"
    if shape.is_form_field(line):
        return "comments", "form field"
    breaks = (
        ("credit line", bool(patterns.VIA_LINE.match(line) or patterns.REPORTING_BY.match(line))),
        ("meta label", shape.is_meta(line)),
        ("date line", bool(patterns.DATE_LINE.match(line))),
        ("legal notice", shape.is_legal(line)),
        ("site boilerplate", key in boilerplate),
    )
    for rule, hit in breaks:
        if hit:
            return "break", rule
    if title and key == normalise_line(title):
        return "short", "repeats the headline"  # a recipe card or a share box names the article: it may go on
    if shape.is_section_header(line):
        return "header", "section header"
    if repeated:
        return "short", "repeated in page"  # a later copy ("Advertisement", a pull quote): the body goes on
    if shape.is_furniture(line):
        return "furniture", _furniture_rule(line)
    if is_code(line):
        return "short", "script code"  # like an ad slot: the body may go on after it
    if patterns.AD_SLOT.match(line):
        return "short", "ad slot"
    if len(shape.line_words(line)) <= settings.CLEAN_META_MAX_WORDS and patterns.TEASER_LINK.match(line):
        return "short", "teaser link"
    if is_prose(line):
        return "prose", "prose"
    return "short", "short line"


def _furniture_rule(line: str) -> str:
    """Which furniture rule a line met (for the audit of what was removed)."""
    if patterns.CAPTION.search(line):
        return "caption"
    if patterns.READ_MORE.search(line):
        return "read more"
    if shape.is_navigation(line):
        return "navigation"
    return "call to action"


def _mark_teasers(lines: Sequence[str], kinds: list[str]) -> list[str]:
    """Under a section header ("Related stories"), teaser titles and their one-paragraph blurbs
    are furniture until two paragraphs of prose in a row, or one paragraph too long for a blurb,
    show the article going on."""
    marked = list(kinds)
    index = 0
    while index < len(marked):
        if marked[index] != "header":
            index += 1
            continue
        index += 1
        while index < len(marked) and not (
            marked[index] == "prose"
            and (
                (index + 1 < len(marked) and marked[index + 1] == "prose")
                or len(shape.line_words(lines[index])) > settings.CLEAN_TEASER_BLURB_MAX_WORDS
            )
        ):
            if marked[index] in ("prose", "short"):
                marked[index] = "furniture"
            index += 1
    return marked


def _list_items(lines: Sequence[str], kinds: Sequence[str], keep: Sequence[bool]) -> set[int]:
    """Short lines listed after a kept sentence that ends with a colon ("The report cites:") are body too,
    up to the first line that is neither such an item nor a long item (a kept line of prose that, like
    an item, does not end as a sentence)."""
    items: set[int] = set()
    for index, line in enumerate(lines):
        if not (keep[index] and kinds[index] == "prose" and line.endswith(":")):
            continue
        if len(shape.line_words(line)) < settings.CLEAN_LIST_INTRO_MIN_WORDS:
            continue
        following = index + 1
        while following < len(lines) and (
            kinds[following] == "short"
            or (keep[following] and kinds[following] == "prose" and not patterns.SENTENCE_END.search(lines[following]))
        ):
            if kinds[following] == "short":
                items.add(following)
            following += 1
    return items


def _inner_lines(lines: Sequence[str], rules: Sequence[str], kinds: Sequence[str], kept: Sequence[bool]) -> set[int]:
    """Subheadings and list items inside the body: short lines standing between two kept paragraphs.

    A run of short lines with article text on both sides is part of the article (a subheading,
    a list, a table of figures), unless something in it ends or interrupts the body (a date line,
    a comment widget, a section header over teasers). After the last paragraph, a credit line
    ("(via Geeks Are Sexy)") closes the article like a paragraph. Within a run of at most
    CLEAN_INNER_RUN_MAX_LINES, plain short lines are kept: captions, calls to action, repeated lines
    ("Advertisement") and script code stay out, and so do one-word labels and timestamps (a post's or an
    answer's "asked Feb 6, 2014 at 20:37"). A longer run (up to
    CLEAN_LIST_RUN_MAX_LINES) is a list or a menu: only its item-like lines (``_is_item``) are kept.
    """
    items: set[int] = set()
    index = 0
    while index < len(lines):
        if not kept[index]:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not kept[end]:
            end += 1
        run = range(index + 1, end)
        if end == len(lines):  # after the last paragraph: up to a credit line that closes the article
            run = range(index + 1, next((i for i in run if rules[i] == "credit line"), index + 1))
            end = run.stop
        inside = len(run) > 0 and end < len(lines)
        if inside and all(kinds[i] in ("short", "furniture") for i in run):
            plain = [i for i in run if kinds[i] == "short" and rules[i] == "short line"]
            plain = [i for i in plain if not patterns.TIMESTAMP.search(lines[i])]
            if len(run) <= settings.CLEAN_INNER_RUN_MAX_LINES:
                items.update(i for i in plain if len(shape.line_words(lines[i])) >= 2)
            elif len(run) <= settings.CLEAN_LIST_RUN_MAX_LINES:
                items.update(_list_run_items(lines, plain))
        index = max(end, index + 1)
    return items


def _list_run_items(lines: Sequence[str], plain: Sequence[int]) -> set[int]:
    """The items of a long run of plain short lines (``_is_item``), and any plain line of a few words
    standing between two of them: a list's shortest item ("Some salt", "1/2 tsp honey") is still one of
    its items when the lines on both sides are. A line of two or more words all capitalised is a label
    ("Print Recipe", "Product Review") even there."""
    found = {i for i in plain if _is_item(lines[i])}
    for i in plain:
        words = shape.line_words(lines[i])
        label = all(word[0].isupper() for word in words)
        if i - 1 in found and i + 1 in found and 2 <= len(words) <= patterns.LIST_ITEM_SANDWICH_MAX_WORDS and not label:
            found.add(i)
    return found


def _is_item(line: str) -> bool:
    """An item of a long list inside the body (a recipe's ingredients, a product's features): a few words
    or a quantity, not a menu's title-case label nor a headline of another article (a rail of those runs
    as long, but its lines are longer and have no figures)."""
    words = shape.line_words(line)
    short = len(words) <= settings.CLEAN_LIST_ITEM_MAX_WORDS or bool(re.search(r"\d", line))
    return len(words) >= settings.CLEAN_LIST_ITEM_MIN_WORDS and short and not shape.title_case(words)


@dataclass(frozen=True)
class _Block:
    """A stretch of prose lines (with at most a couple of short lines inside it)."""

    start: int
    end: int
    hard: bool  # cut off from the previous block by a break or a comment widget
    neutral: bool  # only labels, ad slots or captions stand before it (no calls to action, breaks)
    in_tail: bool  # a comment widget or section header stands between the first prose and this block


def _blocks(lines: Sequence[str], kinds: Sequence[str]) -> list[_Block]:
    """The prose blocks of a page and what separates each from the one before."""
    blocks: list[_Block] = []
    index = 0
    hard, neutral, in_tail, seen_prose = False, True, False, False
    while index < len(kinds):
        if kinds[index] == "prose":
            end = index
            while end < len(kinds):
                if kinds[end] == "prose":
                    end += 1
                    continue
                run = end
                while run < len(kinds) and kinds[run] in ("short", "furniture", "header"):
                    run += 1
                # a subheading, "Advertisement" or a caption does not end a block; but prose that
                # talks to the reader right after a call to action is that appeal going on (after a
                # photo's caption, "our" and "us" are a speaker's: "We owe it to our children," she said)
                bridged = run - end < settings.CLEAN_SEPARATOR_RUN and run < len(kinds) and kinds[run] == "prose"
                appeal = (
                    any(kinds[i] == "furniture" and not patterns.CAPTION.search(lines[i]) for i in range(end, run))
                    and run < len(lines)
                    and bool(patterns.READER.search(lines[run]))
                )
                if bridged and not appeal:
                    end = run
                    continue
                break
            blocks.append(_Block(index, end, hard, neutral, in_tail))
            words = sum(len(shape.line_words(lines[i])) for i in range(index, end) if kinds[i] == "prose")
            seen_prose = seen_prose or words >= settings.CLEAN_TAIL_AFTER_WORDS
            index = end
            hard, neutral = False, True
        else:
            hard = hard or kinds[index] in ("break", "comments")
            # a caption is no appeal to the reader: prose after it (a video's, a photo's) may be more article
            neutral = neutral and (
                kinds[index] == "short" or (kinds[index] == "furniture" and bool(patterns.CAPTION.search(lines[index])))
            )
            in_tail = in_tail or (seen_prose and kinds[index] in ("comments", "header"))
            index += 1
    return blocks


def _main_block(blocks: Sequence[_Block], sizes: Sequence[int]) -> int:
    """The index of the article's main block: the first block at least a share as long as the longest.

    Blocks in the tail (after a comment section or a list of other articles) are left out, unless
    one dwarfs everything before it: a "View comments" link or a "Most read" box above the article
    puts all of it in the tail, and then that block is the article, not reader comments.
    """
    front = [b for b in range(len(blocks)) if not blocks[b].in_tail]
    largest_front = max((sizes[b] for b in front), default=0)
    candidates = front + [
        b
        for b in range(len(blocks))
        if blocks[b].in_tail and sizes[b] >= settings.CLEAN_TAIL_MAIN_RATIO * largest_front
    ]
    candidates = sorted(candidates) or list(range(len(blocks)))
    largest = max(sizes[b] for b in candidates)
    return next(b for b in candidates if sizes[b] >= settings.CLEAN_MAIN_BLOCK_SHARE * largest)


def _body_mask(
    lines: Sequence[str], kinds: Sequence[str], topic: frozenset[str] | set[str] = frozenset()
) -> list[bool]:
    """Which lines belong to the article body: the main block and the blocks that continue it.

    The main block is the first long stretch of prose (at least half as long as the
    longest) before any comment section or list of other articles: long reader comments
    or a membership appeal must not pass for the article. Neighbours join it when they
    share its topic, or when they are long and only an ad slot or a label stands between.
    """
    blocks = _blocks(lines, kinds)
    if not blocks:
        return [False] * len(lines)

    def prose(block: _Block) -> list[str]:
        return [lines[i] for i in range(block.start, block.end) if kinds[i] == "prose"]

    main = _main_block(blocks, [sum(len(shape.line_words(line)) for line in prose(block)) for block in blocks])
    chosen = {main}
    # the article's words so far, and its headline's: a later section may name the topic only as the headline does
    vocabulary = shape.content_words(prose(blocks[main])) | set(topic)

    def joins(block: _Block, share: float = settings.CLEAN_CONTINUATION_OVERLAP) -> bool:
        # after an ad slot or a subheading, several sentences of prose are more article (lines that end no
        # sentence, such as a list of other articles' headlines, do not count towards "several")
        sentences = [line for line in prose(block) if patterns.SENTENCE_END.search(line.rstrip())]
        if block.neutral and sum(len(shape.line_words(line)) for line in sentences) >= settings.CLEAN_LONG_BLOCK_WORDS:
            return True
        words = shape.content_words(prose(block))
        shared = len(words & vocabulary)
        # a share for short blocks; a count for long ones, whose many words dilute any share
        return bool(words) and (shared / len(words) >= share or shared >= settings.CLEAN_CONTINUATION_MIN_SHARED)

    def long(block: _Block) -> bool:
        return sum(len(shape.line_words(line)) for line in prose(block)) >= settings.CLEAN_LONG_BLOCK_WORDS

    def small(block: _Block) -> bool:
        return sum(len(shape.line_words(line)) for line in prose(block)) < settings.CLEAN_BRIDGE_BLOCK_MAX_WORDS

    def bridge(block: _Block) -> bool:
        """Too few words to show a topic, or (only labels before it, no comment section or teaser list yet)
        a smaller share of the body's words: a section between two parts of the article."""
        loose = block.neutral and not block.in_tail and joins(block, settings.CLEAN_BRIDGE_CONTINUATION_OVERLAP)
        return small(block) or loose

    # After the body: extend until the first hard break (comments, widgets, disclaimers) or off-topic block.
    # A block that may bridge (``bridge``) goes on the body when the block after it does.
    b = main + 1
    while b < len(blocks) and not blocks[b].hard:
        if joins(blocks[b]):
            taken = [b]
        elif bridge(blocks[b]) and b + 1 < len(blocks) and not blocks[b + 1].hard and joins(blocks[b + 1]):
            taken = [b, b + 1]
        else:
            break
        for t in taken:
            chosen.add(t)
            vocabulary |= shape.content_words(prose(blocks[t]))
        b = taken[-1] + 1
    # Before the body: intro paragraphs on the same topic, even across a share bar; and, like a long block
    # after the body, a long one that only labels (image links, a subheading) part from the body below it.
    for b in range(main - 1, -1, -1):
        lead = b + 1 in chosen and blocks[b + 1].neutral and not small(blocks[b]) and long(blocks[b])
        if joins(blocks[b]) or lead:
            chosen.add(b)
    mask = [False] * len(lines)
    for b in chosen:
        for i in range(blocks[b].start, blocks[b].end):
            mask[i] = True
    return mask
