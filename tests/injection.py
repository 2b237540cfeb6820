"""The injection corpus (tests/data/injection/payloads.json) and the checks every surface must pass.

A surface passes when hostile article text stays text there: in HTML no element or attribute
from it exists (no script, no handler, no ``javascript:`` address, nothing loaded from another
host); in Streamlit Markdown nothing renders as an image, link, emphasis, directive, emoji or
math; in CSV no cell is a live formula, counted the way a spreadsheet splits rows.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from tests.conftest import REPO

PAYLOADS: dict[str, list[str]] = {
    kind: items
    for kind, items in json.loads((REPO / "tests" / "data" / "injection" / "payloads.json").read_text("utf-8")).items()
    if not kind.startswith("_")
}
EVERY_PAYLOAD = [p for items in PAYLOADS.values() for p in items]
#: Outlet names are the sharpest vector: they become labels, headers, legends and file names.
OUTLETS = (
    "![pixel](http://evil.example/pixel.png) :red[Daily] **Bold** $x$ :smile:",
    '=HYPERLINK("http://evil.example","open") Post',
    '<img src="http://evil.example/img.png" onerror="alert(\'px-img\')"> Times',
)
_WIRE = (
    "Floodwaters rose more than two metres overnight in Harbor Point after the river burst its banks, "
    "forcing the evacuation of about four hundred homes along the eastern shore, the regional emergency "
    "agency said on Tuesday. Rescue crews used boats to reach families stranded on rooftops near the old "
    "cannery district, and two shelters opened at the municipal sports hall and the high school."
)
#: How each article names the mayor: the outlets describe her differently, so the naming panel (which lists
#: only actors named differently) has a row, and its outlet-name headers are checked like every table's.
_MAYOR = (
    "Mayor Jane Alvarez",
    "Acting Mayor Jane Alvarez",
    "Jane Alvarez, the veteran mayor of Harbor Point,",
    "Mayor Jane Alvarez",
)
#: Fragments only the payloads carry: a page text holding one (escapes aside) was built from them.
MARKERS = ("evil.example", "HYPERLINK", "px-", "red[", "smile", "Bold**", "SUM(")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def write_corpus(folder: Path) -> Path:
    """A flood story told by three outlets with hostile names, headlines, bodies and quotes; the first
    outlet has two articles, so the Side by side tab shows its article picker (a Markdown label)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n, outlet in enumerate([*OUTLETS, OUTLETS[0]]):
        hostile = [p for i, p in enumerate(EVERY_PAYLOAD) if i % 4 == n]
        title = f"Harbor Point flood {hostile[0]} {PAYLOADS['formula'][n]}".replace("\r", " ")
        quote = f"“{hostile[1]} is what we saw on the shore,” said {_MAYOR[n]} {PAYLOADS['html'][n]}."
        body = f"{_WIRE}\n\n{quote}\n\n" + "\n\n".join(f"Residents wrote: {p}" for p in hostile[2:])
        name = f"article-{n}.txt"
        (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        rows.append([name, outlet, f"2024-03-0{5 + n}T09:00:00", title])
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "published", "title"])
        writer.writerows(rows)
    return folder


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every script and style element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.raw: list[tuple[str, str]] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in {"script", "style"}:
            self._inside = tag
            self.raw.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside:
            tag, text = self.raw[-1]
            self.raw[-1] = (tag, text + data)


_NEVER_WRITTEN = {"img", "iframe", "object", "embed", "svg", "link", "base", "form", "input", "video", "audio", "b"}
_ADDRESS_ATTRS = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background"}


def html_problems(page: str, *, own_scripts: bool = True) -> list[str]:
    """What in ``page`` came alive from the payloads (empty when nothing did).

    ``own_scripts``: the page may carry scripts of its own (the report embeds plotly.js), which are
    recognised by being plotly's; any other script is a problem.
    """
    parser = _Elements()
    parser.feed(page)
    problems = []
    for tag, attrs in parser.tags:
        if tag in _NEVER_WRITTEN:
            problems.append(f"<{tag}> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…> handler")
            lowered = re.sub(r"\s", "", value).lower()
            scheme = lowered.startswith(("javascript:", "data:", "vbscript:"))
            if name in _ADDRESS_ATTRS and (scheme or "evil" in lowered):
                problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "url(" in lowered:
                problems.append(f"<{tag} style with url()>")
        if tag == "script" and attrs.get("src"):
            problems.append(f"<script src={attrs['src']!r}>")
        if tag == "meta" and "http-equiv" in attrs:
            problems.append("<meta http-equiv>")
    for tag, text in parser.raw:
        if tag == "style" and "evil" in text:
            problems.append("<style> from article text")
        if tag == "script" and not (own_scripts and ("Plotly" in text or "plotly" in text)):
            problems.append(f"<script> not ours: {text[:60]!r}")
    return problems


_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Streamlit's own extensions, as its frontend detects them (StreamlitMarkdown: directives, emoji, math).
_STREAMLIT_LIVE = {
    "directive": re.compile(r"(?<!\\):[a-z]+(?:-[a-z]+)?\["),
    "icon": re.compile(r"(?<!\\):(?:material/[\w]+|streamlit):"),
    "emoji": re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:"),
    "math": re.compile(r"(?<!\\)\$"),
}
_MARKUP = re.compile(r"<(img|a|strong|em|del|s|code|h[1-6]|table|pre|blockquote|li|script|b)\b")


def from_payloads(text: str) -> bool:
    """True when ``text`` (its Markdown escapes taken out) carries a payload fragment."""
    plain = text.replace("\\", "")
    return any(marker in plain for marker in MARKERS)


def markdown_problems(text: str) -> list[str]:
    """What of ``text`` Streamlit would render as anything but its literal characters."""
    problems = [f"renders <{m.group(1)}>" for m in _MARKUP.finditer(_MARKDOWN.render(text))]
    problems += [f"Streamlit {kind}" for kind, pattern in _STREAMLIT_LIVE.items() if pattern.search(text)]
    if "http://" in text or "www." in text:
        problems.append("autolink")
    return problems


def csv_rows(data: bytes) -> list[list[str]]:
    """The cells as a spreadsheet splits them: a bare CR or LF outside quotes ends a row."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), strict=True))


def live_formulas(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run: text (not a number) starting, after spaces, with a formula character."""
    live = []
    for cell in (c for row in rows for c in row):
        try:
            float(cell)
            continue
        except ValueError:
            pass
        if cell.lstrip(" \t\r\n").startswith(_FORMULA_START):
            live.append(cell)
    return live
