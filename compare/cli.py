"""`python -m compare ...`: every analysis without the UI.

Human-readable output by default, JSON Lines with ``--json``. The subcommand and field
names are a stable contract (see DESIGN.md): extend them, don't rename them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from compare.errors import Code, ParallaxError
from compare.evaluate import TASKS
from compare.progress import TerminalBars
from compare.text_format import aligned, counted, noun_for, short

if TYPE_CHECKING:
    from compare.ingest import IngestResult
    from compare.model import Article, Indicator, Passage, Quote, Record, Story

INGEST_FIELDS = ("id", "outlet", "title", "published", "url", "text", "file")
#: ``ingest --json``: the fields above, where the date and credit came from, and the input's own id and fields.
INGEST_JSON_FIELDS = (*INGEST_FIELDS, "published_source", "author", "declared_source", "source_id", "extra")
STORY_FIELDS = ("story_id", "title", "article_ids", "outlets", "first_published", "last_published")
QUOTE_FIELDS = ("article_id", "outlet", "quote", "speaker", "role", "speaker_type", "start", "end", "cue")
PASSAGE_FIELDS = ("passage_id", "article_ids", "outlets", "text", "words", "spans", "in_quote")
FRAMING_FIELDS = ("outlet", "indicator", "value", "evidence")

T = TypeVar("T")
#: One item of a listing as text: its cells (lined up in columns) and, optionally, an indented line below.
Cells = tuple[str, ...]


def _fields(record: Record, names: Sequence[str]) -> dict[str, Any]:
    """These fields of a record as JSON-ready values (the record is turned into a dict once, not per field)."""
    values = record.to_dict()
    return {k: values[k] for k in names}


def _emit_json(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _emit(
    items: Iterable[T],
    out: TextIO,
    as_json: bool,
    record: Callable[[T], dict[str, Any]],
    cells: Callable[[T], Cells],
    *,
    below: Callable[[T], str] | None = None,
    none: str = "",
) -> None:
    """Each item as one JSON line (``--json``, the stable contract) or as a row of text in lined-up columns
    (with ``below`` an indented line under it; ``none`` said when there are no items): the choice every
    listing subcommand makes, in one place."""
    if as_json:  # streamed: a large build's listing starts at once and is never all in memory
        _emit_json((record(item) for item in items), out)
        return
    items = list(items)
    if not items and none:
        out.write(none + "\n")
    for item, line in zip(items, aligned([cells(item) for item in items]), strict=True):
        out.write(line + "\n")
        if below is not None:
            out.write(f"    {below(item)}\n")


def _count(n: int, noun: str, plural: str | None = None) -> Cells:
    """A count as two cells, the number and its noun in the right number, so numbers line up in a column."""
    return str(n), noun_for(n, noun, plural)


def _existing(path: str) -> Path:
    """``path`` when it exists; otherwise the coded error (P164) instead of an empty listing that exits 0."""
    found = Path(path)
    if not found.exists():
        raise ParallaxError(Code.P164, path=found)
    return found


def _read(path: Path, fetch: bool = False) -> IngestResult:
    """The articles of a folder or one file; when none could be read, the ingest report (on stderr, so JSON
    output stays clean) and the coded error (P165), because an empty result is a failed step, not a listing."""
    from compare.ingest import load_corpus

    result = load_corpus(path, fetch_urls=fetch)
    if not result.articles:
        _write_report_summary(result.report, sys.stderr)
        raise ParallaxError(Code.P165, path=path, outcome=_outcome(result.report) or "no article files")
    return result


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    result = _read(_existing(args.path), args.fetch)

    def cells(a: Article) -> Cells:
        return a.id, a.outlet, a.published or "-", short(a.title, 60)

    _emit(
        result.articles,
        out,
        args.json,
        lambda a: _fields(a, INGEST_JSON_FIELDS),
        cells,
    )
    if not args.json:
        _write_report_summary(result.report, out)
    return 0


def _outcome(report: Sequence[Any]) -> str:
    """ "2 loaded, 1 rejected": how many files ended in each status of the ingest report."""
    counts: dict[str, int] = {}
    for record in report:
        counts[record.status] = counts.get(record.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))


def _write_report_summary(report: Sequence[Any], out: TextIO) -> None:
    out.write(f"ingest report: {_outcome(report) or 'no files'}\n")
    for record in report:
        if record.status != "loaded" or record.message:  # loaded with a warning (a guessed encoding, a rename)
            out.write(f"  {record.status:<8} {record.file}: {record.message}\n")


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from compare.pipeline import build

    corpus = build(Path(args.corpus), progress=TerminalBars(), fetch_urls=args.fetch, scheduler=args.scheduler)
    counts = [
        counted(len(corpus.articles), "article", grouped=False),
        counted(len(corpus.stories), "story", "stories", grouped=False),
        counted(len(corpus.quotes), "quote", grouped=False),
        counted(len(corpus.passages), "shared passage", grouped=False),
    ]
    out.write(f"built {corpus.info.name}: {', '.join(counts)}\n")
    _write_report_summary(corpus.report, out)
    return 0


def _open(corpus: str) -> Any:
    from compare.pipeline import open_corpus

    return open_corpus(Path(corpus), progress=TerminalBars())


def cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open(args.corpus)
    if args.json:
        _emit_json((r.to_dict() for r in corpus.report), out)
        return 0
    out.write(f"{corpus.info.name}\n{corpus.info.description}\n")
    outlets = len(corpus.facets.outlet_articles)
    out.write(f"{counted(corpus.facets.articles, 'article', grouped=False)} from {counted(outlets, 'outlet')}\n")
    _write_report_summary(corpus.report, out)
    return 0


def cmd_stories(args: argparse.Namespace, out: TextIO) -> int:
    from compare.story.listing import independent_reports

    corpus = _open(args.corpus)
    reports = dict(zip((s.story_id for s in corpus.stories), independent_reports(corpus), strict=True))

    def cells(story: Story) -> Cells:
        dates = f"{story.first_published or '?'} – {story.last_published or '?'}"
        return (
            story.story_id,
            *_count(len(story.article_ids), "article"),
            *_count(len(story.outlets), "outlet"),
            *_count(reports[story.story_id], "independent report"),
            dates,
            short(story.title, 60),
        )

    def record(story: Story) -> dict[str, Any]:
        row = _fields(story, STORY_FIELDS)
        return {**row, "independent_reports": reports[story.story_id], "key_terms": list(story.key_terms)}

    _emit(corpus.stories, out, args.json, record, cells, none="no stories")
    return 0


def cmd_quotes(args: argparse.Namespace, out: TextIO) -> int:
    from compare.quotes import resolve_speakers

    path = _existing(args.path)
    if path.is_dir():
        corpus = _open(args.path)
        quotes: Iterable[Quote] = (q for _, story_quotes in corpus.quotes_by_story() for q in story_quotes)
    else:
        from compare.quotes import extract_quotes_many

        quotes = resolve_speakers(extract_quotes_many(_read(path).articles))

    def cells(quote: Quote) -> Cells:
        who = quote.speaker or "unattributed"
        role = f" ({quote.role})" if quote.role else ""
        return quote.outlet, quote.kind, f"{who}{role}: “{short(quote.quote, 80)}”"

    _emit(
        quotes,
        out,
        args.json,
        lambda q: {**_fields(q, QUOTE_FIELDS), "kind": q.kind, "speaker_id": q.speaker_id},
        cells,
        none="no quotes found",
    )
    return 0


def cmd_passages(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open(args.corpus)

    def cells(passage: Passage) -> Cells:
        quoted = " (inside a quote)" if passage.in_quote else ""
        return passage.passage_id, *_count(passage.words, "word"), f"{', '.join(passage.outlets)}{quoted}"

    _emit(
        corpus.passages,
        out,
        args.json,
        lambda p: {**_fields(p, PASSAGE_FIELDS), "verbatim": p.verbatim, "source": p.source},
        cells,
        below=lambda p: short(p.text, 90),
        none="no shared passages: no outlet's text repeats another's",
    )
    return 0


def cmd_framing(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open(args.corpus)
    indicators = corpus.story_framing(args.story)

    def cells(indicator: Indicator) -> Cells:
        proof = f"  — “{short(indicator.evidence[0].text, 70)}”" if indicator.evidence else ""
        detail = f" [{indicator.detail}]" if indicator.detail else ""
        return indicator.outlet, indicator.indicator, f"{indicator.value}{detail}{proof}"

    def record(indicator: Indicator) -> dict[str, Any]:
        row = indicator.to_dict()  # an aspect row also carries its fact, ``label`` (#19)
        return {
            **{k: row[k] for k in FRAMING_FIELDS},
            "detail": indicator.detail,
            **{k: row[k] for k in row.keys() & {"label"}},
        }

    _emit(indicators, out, args.json, record, cells, none="no framing indicators for this story")
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from compare.render.report import write_report

    corpus = _open(args.corpus)
    target = Path(args.out)
    try:
        write_report(corpus, args.story, target)
    except OSError as exc:  # a missing or read-only folder: say which, not a traceback
        raise ParallaxError(Code.P151, file=target.name, folder=target.parent, reason=exc.strerror or exc) from exc
    out.write(f"wrote {target}\n")
    return 0


def cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    module = importlib.import_module(f"compare.evaluate.{args.task.replace('-', '_')}")
    result = module.evaluate(_existing(args.dataset) if args.dataset else None)
    if args.json:
        _emit_json([result], out)
    else:
        out.write(module.render(result) + "\n")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser; its subcommands are the documented contract."""
    top = argparse.ArgumentParser(
        prog="python -m compare", description="Parallax: compare how outlets cover the same event."
    )
    sub = top.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Any, help_text: str, *, json_flag: bool = True) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            command.add_argument("--json", action="store_true", help="print JSON Lines instead of text")
        command.set_defaults(handler=handler)
        return command

    command = add("ingest", cmd_ingest, "read a corpus folder or one file; one record per article")
    command.add_argument("path")
    command.add_argument("--fetch", action="store_true", help="fetch the addresses listed in *.urls files")
    command = add(
        "build", cmd_build, "ingest, clean, embed, group and analyse a corpus into its cache", json_flag=False
    )
    command.add_argument("corpus")
    command.add_argument("--fetch", action="store_true", help="fetch the addresses listed in *.urls files")
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on Dask: local:N starts N worker processes here; tcp://host:8786 uses a running scheduler "
        "(default: PARALLAX_SCHEDULER, else in this process)",
    )
    command = add("info", cmd_info, "the corpus's ingest report: every file loaded, merged or rejected")
    command.add_argument("corpus")
    command = add("stories", cmd_stories, "the stories (groups of articles on one event)")
    command.add_argument("corpus")
    command = add("quotes", cmd_quotes, "quotes with speaker, role and type, for a corpus or one file")
    command.add_argument("path")
    command = add("passages", cmd_passages, "passages shared across outlets (wire copy, syndication)")
    command.add_argument("corpus")
    command = add("framing", cmd_framing, "framing indicators per outlet for one story, with evidence")
    command.add_argument("corpus")
    command.add_argument("--story", required=True, help="a story_id from `python -m compare stories`")
    command = add("report", cmd_report, "write one story as a standalone offline HTML report", json_flag=False)
    command.add_argument("corpus")
    command.add_argument("--story", required=True)
    command.add_argument("--out", required=True, help="the HTML file to write")
    command = add("evaluate", cmd_evaluate, "score Parallax on labelled data, beside a baseline")
    command.add_argument("task", choices=TASKS)
    command.add_argument("dataset", nargs="?", help="a JSONL dataset (default: the task's dev set)")
    return top


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one subcommand; coded errors print their message and exit 2 instead of a traceback."""
    args = parser().parse_args(argv)
    try:
        return int(args.handler(args, out or sys.stdout))
    except ParallaxError as exc:
        sys.stderr.write(f"error {exc}\n")
        return 2
    except BrokenPipeError:  # `... | head` closed the pipe: not an error
        return 0
