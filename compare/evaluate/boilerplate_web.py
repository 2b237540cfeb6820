"""Score the plain-text cleaner on real web pages it has never seen, beside trafilatura on their HTML.

The dev set (``../shared/data/boilerplate-web/dev.jsonl.gz``, from trafilatura's evaluation corpus)
gives, per page, its raw HTML, ``with`` strings the main text must keep and ``without`` strings of
boilerplate it must drop. Each page is rendered as a naive scraper would render it
(:func:`render_page`: every visible text node, block elements as separate lines, menus, teasers and
footers kept; on a fixed share of pages short inline scripts leak through as text, as they do in
real scrapes) and that plain text goes through :func:`compare.clean.clean_text`. In the same run
trafilatura extracts the main text from the HTML itself, twice: with its defaults (the figure
trafilatura reports) and as Parallax's own HTML ingest calls it (``compare.ingest.html``).

Scoring is trafilatura's: TP = a ``with`` string found in the output, FN = not found, FP = a
``without`` string found; precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean,
summed over pages. Strings are compared after folding curly quotes and whitespace. The output
scored is what a reader sees: the headline and the body.

Pages are split by a hash of their id into a ``train`` half (for developing the cleaner) and a
``held-out`` half (checked at the end only), so the held-out figure says how the cleaner does on
pages nobody tuned it on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import lxml.html

from compare.clean import clean_text
from compare.evaluate import SHARED_DATA, read_jsonl

DEFAULT_DATASET = SHARED_DATA / "boilerplate-web" / "dev.jsonl.gz"
SPLITS = ("train", "held-out")
#: One page in this many (by id hash) leaks its short inline scripts into the text.
SCRIPT_PAGE_EVERY = 3
#: An inline script this short (characters) leaks as text on those pages; longer ones are left out.
SCRIPT_MAX_CHARS = 400
SYSTEMS = ("parallax", "trafilatura", "parallax_html")

#: Elements whose end (and start) ends a line of text: what a browser lays out as a block.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "label", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
#: Elements with no visible text (a script leaks only on the pages chosen for it).
_INVISIBLE_TAGS = frozenset(
    {"head", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video"}
)
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "′": "'"})
_SPACE = re.compile(r"\s+")


def _hash(page_id: str) -> int:
    return int(hashlib.sha256(page_id.encode("utf-8")).hexdigest(), 16)


def split_of(page_id: str) -> str:
    """``train`` or ``held-out``, fixed by the page's id (its hash's parity), whatever else is in the set."""
    return SPLITS[_hash(page_id) % 2]


def leaks_scripts(page_id: str) -> bool:
    """Whether this page's scrape keeps its short inline scripts as text (one page in SCRIPT_PAGE_EVERY)."""
    return (_hash(page_id) >> 8) % SCRIPT_PAGE_EVERY == 0


def render_page(html: str, *, keep_scripts: bool = False) -> str:
    """The page as a naive scraper's plain text: every visible text node, one line per block element.

    "Visible" as scrapers mean it: outside the head, scripts, styles and embedded media; like them it
    runs no CSS, so text a stylesheet hides (collapsed menus, gallery slides) is kept. Navigation,
    teasers, footers and forms are all kept; nothing is judged. With ``keep_scripts``,
    inline scripts of at most SCRIPT_MAX_CHARS characters are kept as text, line by line.
    """
    from compare.ingest.html import parse_html

    tree = parse_html(html)
    if tree is None:
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "script":
            source = (element.text or "").strip()
            kind = (element.get("type") or "").strip().lower()
            leaks = keep_scripts and element.get("src") is None and kind in _SCRIPT_TYPES
            if leaks and 0 < len(source) <= SCRIPT_MAX_CHARS:
                flush()
                lines.extend(line.strip() for line in source.splitlines() if line.strip())
        elif tag and tag not in _INVISIBLE_TAGS:
            block = tag in _BLOCK_TAGS
            if block:
                flush()
            if tag == "pre":
                lines.extend(line.strip() for line in element.text_content().splitlines() if line.strip())
            else:
                current.append(element.text or "")
                for child in element:
                    walk(child)
            if block:
                flush()
        current.append(element.tail or "")  # the tail is outside the element: it shows even after a script

    body = tree.find("body") if tree.tag == "html" else None
    walk(body if body is not None else tree)
    flush()
    return "\n".join(lines)


def normalise(text: str) -> str:
    """Curly quotes folded to straight ones, runs of whitespace (line breaks included) to one space."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def _counts(output: str, record: dict[str, Any]) -> dict[str, int]:
    text = normalise(output)
    tp = sum(normalise(s) in text for s in record["with"])
    fp = sum(normalise(s) in text for s in record["without"])
    return {"tp": tp, "fn": len(record["with"]) - tp, "fp": fp, "tn": len(record["without"]) - fp}


def _scores(counts: Iterable[dict[str, int]]) -> dict[str, float]:
    total = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    for count in counts:
        for key in total:
            total[key] += count[key]
    tp, fn, fp = total["tp"], total["fn"], total["fp"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, **total}


def scrape(record: dict[str, Any]) -> str:
    """A record's page as the scraper renders it (scripts leak on the pages ``leaks_scripts`` picks)."""
    return render_page(record["html"], keep_scripts=leaks_scripts(str(record["id"])))


def _parallax(record: dict[str, Any]) -> str:
    cleaned = clean_text(scrape(record))
    return cleaned.title + "\n" + cleaned.text


def _trafilatura(record: dict[str, Any]) -> str:
    import trafilatura

    return trafilatura.extract(record["html"], url=record.get("url")) or ""


def _parallax_html(record: dict[str, Any]) -> str:
    from compare.ingest.html import read_html

    draft = read_html(str(record.get("file") or "page.html"), record["html"], url=record.get("url"))
    return (draft.title or "") + "\n" + draft.text


_RUNNERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "parallax": _parallax,
    "trafilatura": _trafilatura,
    "parallax_html": _parallax_html,
}


def page_counts(records: Iterable[dict[str, Any]], systems: Iterable[str] = SYSTEMS) -> list[dict[str, Any]]:
    """Per page: its id, split and each system's TP / FN / FP / TN."""
    chosen = tuple(systems)
    return [
        {
            "id": str(record["id"]),
            "split": split_of(str(record["id"])),
            **{system: _counts(_RUNNERS[system](record), record) for system in chosen},
        }
        for record in records
    ]


def evaluate(dataset: Path | None = None, *, systems: Iterable[str] = SYSTEMS) -> dict[str, Any]:
    """Each system's precision, recall and F1 on the whole set and on each split.

    Returns ``{"skipped": reason}`` instead when the dev data is not on this machine.
    """
    path = dataset or DEFAULT_DATASET
    if not path.is_file():
        return {
            "task": "boilerplate-web",
            "dataset": str(path),
            "skipped": f"dev data not found at {path} (pass its path, or set PARALLAX_SHARED_DATA)",
        }
    chosen = tuple(systems)
    pages = page_counts(read_jsonl(path), chosen)
    result: dict[str, Any] = {"task": "boilerplate-web", "dataset": str(path), "pages": len(pages)}
    for split in ("all", *SPLITS):
        subset = [page for page in pages if split in ("all", page["split"])]
        result[split] = {"pages": len(subset), **{s: _scores(page[s] for page in subset) for s in chosen}}
    return result


def render(result: dict[str, Any]) -> str:
    """The scores as a small table for people (or why there are none)."""
    if "skipped" in result:
        return f"boilerplate-web skipped: {result['skipped']}"
    lines = [f"boilerplate removal on {result['pages']} web pages ({result['dataset']})"]
    lines.append(f"{'split':<9} {'system':<14} {'pages':>5} {'precision':>9} {'recall':>7} {'f1':>6}")
    for split in ("all", *SPLITS):
        for system in SYSTEMS:
            if system in result[split]:
                s = result[split][system]
                lines.append(
                    f"{split:<9} {system:<14} {result[split]['pages']:>5} "
                    f"{s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f}"
                )
    lines.append("parallax: the plain-text cleaner on a naive scrape; trafilatura: its defaults on the HTML;")
    lines.append("parallax_html: Parallax's HTML ingest (trafilatura, favouring precision)")
    return "\n".join(lines)
