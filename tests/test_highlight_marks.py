"""highlight: untrusted article text becomes safe HTML; marks land on the right characters."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from compare.highlight import Mark, article_html, chips_html, escape, legend_html, markdown_escape, marked_html
from tests.injection import EVERY_PAYLOAD, OUTLETS, markdown_problems

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "Fox & Friends <b>bold</b>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_highlight_article_text_is_escaped(text: str) -> None:
    out = marked_html(text, [Mark(0, len(text), "passage", note=text)])
    assert "<script" not in out and "<img" not in out and "<svg" not in out and "<b>" not in out
    # The only tags left are the ones the module writes.
    assert set(re.findall(r"<(/?\w+)", out)) <= {"mark", "/mark"}


@pytest.mark.parametrize("text", HOSTILE)
def test_highlight_chips_escape_labels_and_values(text: str) -> None:
    out = chips_html([(text, text)])
    assert set(re.findall(r"<(/?\w+)", out)) <= {"span", "/span"}


def test_highlight_marks_cover_exact_characters() -> None:
    text = "Esper said the letter was a mistake."
    start = text.index("mistake")
    out = marked_html(text, [Mark(0, 5, "quote", "Mark Esper"), Mark(start, start + 7, "loaded", "emotional")])
    assert out.startswith('<mark class="px px-quote" title="Mark Esper">Esper</mark> said')
    assert '<mark class="px px-loaded" title="emotional">mistake</mark>.' in out


def test_highlight_overlapping_marks_combine_classes_and_notes() -> None:
    text = "one two three four"
    out = marked_html(text, [Mark(0, 13, "passage", "shared with AP"), Mark(4, 18, "quote", "Milley")])
    assert '<mark class="px px-passage" title="shared with AP">one </mark>' in out
    assert '<mark class="px px-passage px-quote" title="shared with AP · Milley">two three</mark>' in out
    assert '<mark class="px px-quote" title="Milley"> four</mark>' in out


@pytest.mark.parametrize(
    "mark", [Mark(-3, 2, "quote"), Mark(5, 500, "quote"), Mark(4, 4, "quote"), Mark(6, 2, "quote")]
)
def test_highlight_ignores_marks_outside_the_text(mark: Mark) -> None:
    assert marked_html("plain text", [mark]) == "plain text"


def test_highlight_keeps_text_and_paragraphs() -> None:
    text = "First para.\n\nSecond <para>."
    out = article_html(text, [Mark(0, 5, "passage")])
    assert re.sub(r"<[^>]+>", "", out) == escape(text)


def test_highlight_legend_names_each_kind() -> None:
    out = legend_html(["passage", "loaded"])
    assert "px-passage" in out and "px-loaded" in out and "px-quote" not in out


@pytest.mark.parametrize(
    "text",
    [
        "![x](http://example.com/pixel.png)",
        "<img src=x onerror=alert(1)>",
        "$x^2$",
        "**bold** _it_ [link](javascript:x)",
    ],
)
def test_highlight_markdown_escape_leaves_no_live_syntax(text: str) -> None:
    out = markdown_escape(text)
    # Every metacharacter is preceded by a backslash, so Markdown shows it literally.
    assert re.search(r"(?<!\\)[!\[\]()<>$*_]", out) is None
    assert out.replace("\\", "") == text


def test_highlight_tag_follows_the_end_of_its_mark_once() -> None:
    text = "alpha beta gamma delta"
    marks = [Mark(0, 16, "passage", "shared with <AP>", tag="↔ <AP>"), Mark(6, 22, "quote", "Esper")]
    out = marked_html(text, marks)
    assert out.count('class="px-tag"') == 1
    assert 'gamma</mark><span class="px-tag">↔ &lt;AP&gt;</span>' in out


@pytest.mark.parametrize("text", [*EVERY_PAYLOAD, *OUTLETS, "a\n    indented code", "\t\ttabbed", "50% off; 3 < 4"])
def test_highlight_markdown_escape_renders_every_payload_as_its_own_text(text: str) -> None:
    """Through a CommonMark renderer and Streamlit's own extension triggers, the escaped text is just text."""
    out = markdown_escape(text)
    assert markdown_problems(out) == []
    shown = html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(out)))
    assert " ".join(shown.split()) == " ".join(text.split())


# Tokens that Markdown, HTML, KaTeX or Streamlit give a meaning to, and words around them.
_TOKENS = [*"ab :[]()!*_~`$#<>&\\|=+-.'\"\n\t/1", "    ", "http://", "www.", "red", "smile", "material/", "&lt;"]
_MARKDOWNISH = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWNISH)
def test_highlight_markdown_escape_leaves_any_text_literal(text: str) -> None:
    """Any mix of Markdown, HTML and Streamlit metacharacters renders as the text itself, nothing more."""
    out = markdown_escape(text)
    assert markdown_problems(out) == []
    shown = html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(out)))
    assert " ".join(shown.split()) == " ".join(text.split())
