"""Article text with marks (shared passages, quotes, loaded words) as safe HTML.

Article text, titles and outlet names come from the open web, so every piece of them
goes through ``html.escape`` here; callers receive HTML that can only contain the tags
this module writes. Marks may overlap (a loaded word inside a quote inside a shared
passage), so the text is cut at every mark boundary and each piece carries the classes
of all marks covering it; each kind uses its own visual channel (background, underline,
text colour) so overlapping marks stay readable.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

MarkKind = Literal["passage", "quote", "loaded"]

#: What each mark means, in the words shown in the legend.
LEGEND: dict[MarkKind, str] = {
    "passage": "shared passage (same words in another outlet)",
    "quote": "quotation",
    "loaded": "loaded word",
}

#: Styles for everything this module writes; include once per page (the app and the report both do).
#: A scrolling box is shaded at an edge while more text lies beyond it (shadows that scroll with the
#: box, covered by white that scrolls with the text), so a clipped article shows that it goes on.
STYLE = """
.px-article{white-space:pre-wrap;line-height:1.55;font-size:0.95rem;overflow-wrap:anywhere}
.px-scroll{max-height:34rem;overflow-y:auto;padding-right:0.4rem;
  background:linear-gradient(#fff 30%,#fff0) top,linear-gradient(#fff0,#fff 70%) bottom,
  radial-gradient(farthest-side at 50% 0,#0003,#0000) top,radial-gradient(farthest-side at 50% 100%,#0003,#0000) bottom;
  background-repeat:no-repeat;background-size:100% 2.5rem,100% 2.5rem,100% 0.9rem,100% 0.9rem;
  background-attachment:local,local,scroll,scroll}
.px-more{color:#64748b;font-size:0.82rem;margin:0.3rem 0 0}
mark.px{background:transparent;color:inherit;padding:0}
mark.px-passage{background:#fde68a}
mark.px-quote{border-bottom:2px solid #2563eb}
mark.px-loaded{color:#b91c1c;font-weight:600;text-decoration:underline wavy #ef4444;text-underline-offset:3px}
.px-legend{display:flex;flex-wrap:wrap;gap:0.9rem;font-size:0.85rem;margin:0.3rem 0 0.6rem}
.px-chip{display:inline-block;border:1px solid #cbd5e1;border-radius:999px;padding:0.05rem 0.55rem;
  margin:0 0.25rem 0.25rem 0;font-size:0.8rem;background:#f8fafc;color:#0f172a}
.px-chip-label{color:#64748b;margin-right:0.25rem}
.px-tag{font-size:0.72rem;color:#92400e;background:#fef3c7;border-radius:4px;padding:0 0.3rem;margin-left:0.2rem;
  white-space:nowrap;vertical-align:super}
.px-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:1rem}
.px-col{border:1px solid #e2e8f0;border-radius:8px;padding:0.8rem;min-width:0}
.px-outlet{text-transform:uppercase;letter-spacing:0.05em;font-size:0.78rem;color:#475569;font-weight:700;margin:0}
.px-headline{font-weight:700;font-size:1.05rem;margin:0.25rem 0;line-height:1.3}
.px-date{color:#64748b;font-size:0.85rem;margin:0 0 0.3rem}
.px-lede{font-style:italic;color:#334155;font-size:0.92rem;margin:0.3rem 0 0.6rem}
.px-none{color:#94a3b8;font-style:italic}
.px-col ul{padding-left:1.1rem;margin:0.4rem 0} .px-col li{margin-bottom:0.35rem}
.px-stack{display:flex;flex-direction:column;gap:0.8rem}
.px-diff{color:#475569;font-size:0.88rem}
.px-diff del{background:#fee2e2;color:#991b1b}
.px-diff ins{background:#dcfce7;color:#166534;text-decoration:none}
"""


# CommonMark's escapable ASCII punctuation, plus "$" (Streamlit renders LaTeX between dollars).
_MARKDOWN_META = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~$:\"'&=^]")
# Spaces around a line break: the next line's indentation would make it a code block.
_INDENT = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


@dataclass(frozen=True)
class Mark:
    """A highlighted span of an article's clean text; ``note`` becomes the hover text.

    ``tag``, when given, is printed small right after the span, for what must be visible
    without hovering (which outlets share a passage) and in print.
    """

    start: int
    end: int
    kind: MarkKind
    note: str = ""
    tag: str = ""


def escape(text: object) -> str:
    """Untrusted text as HTML text (quotes escaped too, so it is also safe inside attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def _pieces(length: int, marks: Sequence[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """The text cut at every mark boundary; each piece with the marks that cover it."""
    valid = [m for m in marks if 0 <= m.start < m.end <= length]
    cuts = sorted({0, length, *(m.start for m in valid), *(m.end for m in valid)})
    return [(a, b, [m for m in valid if m.start <= a and b <= m.end]) for a, b in itertools.pairwise(cuts)]


def markdown_escape(text: object) -> str:
    """Untrusted text for every place Streamlit renders Markdown (widget labels, help, alerts, captions,
    st.markdown, tab and expander titles): every Markdown, HTML, LaTeX and Streamlit-directive
    metacharacter is backslash-escaped, so an outlet name like ``![x](http://…)`` or ``:red[x]``
    stays text and fetches nothing. Indentation is dropped (four spaces or a tab would start a code
    block); Streamlit shows runs of spaces as one anyway.

    The one helper for this: app.py uses it for all article-derived text it puts in Markdown.
    Plain-text places (selectbox and multiselect options, table cells) must not use it.
    """
    plain = _INDENT.sub("\n", ("" if text is None else str(text)).replace("\t", " ")).lstrip(" ")
    return _MARKDOWN_META.sub(r"\\\g<0>", plain)


def marked_html(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, with ``<mark>`` around every marked piece; marks outside the text are ignored."""
    out = []
    for start, end, covering in _pieces(len(text), marks):
        piece = escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in covering})
        classes = " ".join(["px", *(f"px-{k}" for k in kinds)])
        note = " · ".join(dict.fromkeys(m.note for m in covering if m.note))
        out.append(f'<mark class="{classes}" title="{escape(note)}">{piece}</mark>')
        out.extend(f'<span class="px-tag">{escape(m.tag)}</span>' for m in covering if m.tag and m.end == end)
    return "".join(out)


def article_html(text: str, marks: Sequence[Mark], *, scroll: bool = True) -> str:
    """The full article body with its marks, keeping paragraph breaks."""
    classes = "px-article px-scroll" if scroll else "px-article"
    return f'<div class="{classes}">{marked_html(text, marks)}</div>'


def legend_html(kinds: Iterable[MarkKind] = ("passage", "quote", "loaded")) -> str:
    """A legend showing each mark kind in its own style."""
    items = [f'<mark class="px px-{kind}">{escape(LEGEND[kind])}</mark>' for kind in kinds]
    return f'<div class="px-legend">{"".join(items)}</div>'


def chips_html(chips: Iterable[tuple[str, str]]) -> str:
    """Small labelled badges (label, value), e.g. ("tone", "negative")."""
    return "".join(
        f'<span class="px-chip"><span class="px-chip-label">{escape(label)}</span>{escape(value)}</span>'
        for label, value in chips
    )
