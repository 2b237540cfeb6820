"""The boilerplate-web harness: the naive scrape, trafilatura's scoring, the fixed split, the skip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from compare.cli import main
from compare.evaluate.boilerplate_web import (
    SCRIPT_MAX_CHARS,
    SPLITS,
    _counts,
    _scores,
    evaluate,
    normalise,
    render,
    render_page,
    split_of,
)

PAGE = """<html><head><title>Head title</title><style>p {color: red}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<h1>Council approves budget</h1>
<p>The council <b>approved</b> the <a href="#">budget</a> on Tuesday.</p>
<div>First block<br>after a break</div>
<script>var tracker = 1;</script>
<script>{long}</script>
<div style="display:none">Hidden by a stylesheet</div>
<footer>© 2023 Example Times</footer>
</body></html>""".replace("{long}", "x = 1;" * (SCRIPT_MAX_CHARS // 5))


def test_render_page_is_a_naive_scrape() -> None:
    lines = render_page(PAGE).split("\n")
    assert lines == [
        "Home",
        "News",
        "Council approves budget",
        "The council approved the budget on Tuesday.",  # inline markup joins its line
        "First block",
        "after a break",
        "Hidden by a stylesheet",  # no CSS runs in a naive scraper
        "© 2023 Example Times",
    ]


def test_render_page_leaks_only_short_inline_scripts() -> None:
    text = render_page(PAGE, keep_scripts=True)
    assert "var tracker = 1;" in text.split("\n")
    assert "x = 1;" not in text
    assert "Head title" not in text and "color: red" not in text


def test_scoring_is_trafilaturas() -> None:
    record = {"with": ["approved the budget", "“quoted” words", "missing"], "without": ["Home", "absent"]}
    counts = _counts('Home\nThe council approved the\n  budget. "quoted" words', record)
    assert counts == {"tp": 2, "fn": 1, "fp": 1, "tn": 1}
    scores = _scores([counts])
    assert (round(scores["precision"], 3), round(scores["recall"], 3)) == (0.667, 0.667)
    assert normalise("a\u00a0 “b”\n\nc") == 'a "b" c'


def test_split_is_fixed_by_id_and_halves_the_set() -> None:
    ids = [f"{n:012x}" for n in range(400)]
    assert [split_of(i) for i in ids] == [split_of(i) for i in ids]
    share = sum(split_of(i) == SPLITS[0] for i in ids) / len(ids)
    assert 0.4 < share < 0.6


def test_evaluate_skips_with_a_message_without_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = evaluate(tmp_path / "absent.jsonl.gz")
    assert "dev data not found" in result["skipped"]
    assert "skipped" in render(result)
    # a path the user names that does not exist is an error on the command line (P164), like every command's
    assert main(["evaluate", "boilerplate-web", str(tmp_path / "absent.jsonl.gz")], out=io.StringIO()) == 2
    assert "P164" in capsys.readouterr().err
