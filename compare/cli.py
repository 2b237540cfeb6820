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

from compare.errors import ParallaxError
from compare.evaluate import TASKS
from compare.progress import TerminalBars
from compare.text_format import counted, short

if TYPE_CHECKING:
    from compare.model import Indicator, Passage, Quote, Story

INGEST_FIELDS = ("id", "outlet", "title", "published", "url", "text", "file")
STORY_FIELDS = ("story_id", "title", "article_ids", "outlets", "first_published", "last_published")
QUOTE_FIELDS = ("article_id", "outlet", "quote", "speaker", "role", "speaker_type", "start", "end", "cue")
PASSAGE_FIELDS = ("passage_id", "article_ids", "outlets", "text", "words", "spans", "in_quote")
FRAMING_FIELDS = ("outlet", "indicator", "value", "evidence")

T = TypeVar("T")


def _emit_json(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _emit(
    items: Iterable[T], out: TextIO, as_json: bool, record: Callable[[T], dict[str, Any]], line: Callable[[T], str]
) -> None:
    """Each item as one JSON line (``--json``, the stable contract) or as its line of text: the choice every
    listing subcommand makes, in one place."""
    if as_json:
        _emit_json((record(item) for item in items), out)
    else:
        for item in items:
            out.write(line(item) + "\n")


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    from compare.ingest import load_corpus

    result = load_corpus(Path(args.path), fetch_urls=args.fetch)
    _emit(
        result.articles,
        out,
        args.json,
        lambda a: {k: a.to_dict()[k] for k in (*INGEST_FIELDS, "author", "declared_source")},
        lambda a: f"{a.id}  {a.outlet:<20}  {a.published or '-':<10}  {short(a.title, 60)}",
    )
    if not args.json:
        _write_report_summary(result.report, out)
    return 0


def _write_report_summary(report: Sequence[Any], out: TextIO) -> None:
    counts: dict[str, int] = {}
    for record in report:
        counts[record.status] = counts.get(record.status, 0) + 1
    out.write("ingest report: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) + "\n")
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
    out.write(f"{len(corpus.articles)} articles from {len({a.outlet for a in corpus.articles})} outlets\n")
    _write_report_summary(corpus.report, out)
    return 0


def cmd_stories(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open(args.corpus)

    def line(story: Story) -> str:
        dates = f"{story.first_published or '?'} – {story.last_published or '?'}"
        return (
            f"{story.story_id}  {len(story.article_ids):>3} articles  {len(story.outlets):>2} outlets  "
            f"{dates:<23}  {short(story.title, 60)}"
        )

    _emit(
        corpus.stories,
        out,
        args.json,
        lambda s: {**{k: s.to_dict()[k] for k in STORY_FIELDS}, "key_terms": list(s.key_terms)},
        line,
    )
    return 0


def cmd_quotes(args: argparse.Namespace, out: TextIO) -> int:
    from compare.quotes import resolve_speakers

    path = Path(args.path)
    if path.is_dir():
        corpus = _open(args.path)
        quotes = [q for s in corpus.stories for q in corpus.story_quotes(s.story_id)]
    else:
        from compare.ingest import load_corpus
        from compare.quotes import extract_quotes_many

        quotes = resolve_speakers(extract_quotes_many(load_corpus(path).articles))

    def line(quote: Quote) -> str:
        who = quote.speaker or "unattributed"
        role = f" ({quote.role})" if quote.role else ""
        return f"{quote.outlet:<16} {quote.kind:<9} {who}{role}: “{short(quote.quote, 80)}”"

    _emit(
        quotes,
        out,
        args.json,
        lambda q: {**{k: q.to_dict()[k] for k in QUOTE_FIELDS}, "kind": q.kind, "speaker_id": q.speaker_id},
        line,
    )
    return 0


def cmd_passages(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open(args.corpus)

    def line(passage: Passage) -> str:
        quoted = " (inside a quote)" if passage.in_quote else ""
        return (
            f"{passage.passage_id}  {passage.words:>4} words  {', '.join(passage.outlets)}{quoted}\n"
            f"    {short(passage.text, 90)}"
        )

    _emit(
        corpus.passages,
        out,
        args.json,
        lambda p: {**{k: p.to_dict()[k] for k in PASSAGE_FIELDS}, "verbatim": p.verbatim, "source": p.source},
        line,
    )
    return 0


def cmd_framing(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open(args.corpus)
    indicators = corpus.story_framing(args.story)

    def line(indicator: Indicator) -> str:
        proof = f"  — “{short(indicator.evidence[0].text, 70)}”" if indicator.evidence else ""
        detail = f" [{indicator.detail}]" if indicator.detail else ""
        return f"{indicator.outlet:<16} {indicator.indicator:<20} {indicator.value}{detail}{proof}"

    def record(indicator: Indicator) -> dict[str, Any]:
        return {**{k: indicator.to_dict()[k] for k in FRAMING_FIELDS}, "detail": indicator.detail}

    _emit(indicators, out, args.json, record, line)
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from compare.render.report import write_report

    corpus = _open(args.corpus)
    target = write_report(corpus, args.story, Path(args.out))
    out.write(f"wrote {target}\n")
    return 0


def cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    module = importlib.import_module(f"compare.evaluate.{args.task.replace('-', '_')}")
    result = module.evaluate(Path(args.dataset) if args.dataset else None)
    _emit([result], out, args.json, lambda r: r, module.render)
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
