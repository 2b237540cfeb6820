"""report: the story's content (panels, columns, story list) and the offline HTML report and card."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from compare import heap, report, settings
from compare.model import Article, CorpusInfo, IngestRecord, Passage, Quote, Story
from compare.pipeline import Corpus

HOSTILE = "<img src=x onerror=alert(1)>"
SHARED = "the regional emergency agency said four hundred homes were evacuated overnight along the eastern shore"


def _article(i: int, outlet: str, title: str, text: str, published: str | None) -> Article:
    return Article(id=f"a{i}", outlet=outlet, title=title, text=text, file=f"{i}.txt", published=published)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Three outlets on one story (one with a hostile name and title), a shared passage, two quotes."""
    articles = [
        _article(
            0,
            "Wire Daily",
            "Floods force evacuations",
            f"Rain fell. {SHARED}. “We acted fast,” Alvarez said.",
            "2024-03-05",
        ),
        _article(1, HOSTILE, f"Flood {HOSTILE}", f"Shops shut. {SHARED}. Critics blamed the levees.", "2024-03-06"),
        _article(
            2, "Metro Times", "Mayor defends response", "“Our teams did heroic work,” Mayor Jane Alvarez said.", None
        ),
    ]
    start = [a.text.index(SHARED) for a in articles[:2]]
    passage = Passage(
        "p1",
        ("a0", "a1"),
        ("Wire Daily", HOSTILE),
        SHARED,
        len(SHARED.split()),
        {"a0": (start[0], start[0] + len(SHARED)), "a1": (start[1], start[1] + len(SHARED))},
        source="a0",
    )

    def quote(article: Article, words: str, speaker: str) -> Quote:
        at = article.text.index(words)
        return Quote(article.id, article.outlet, words, speaker, "mayor", "official", at, at + len(words), "said")

    quotes = [
        quote(articles[0], "We acted fast", "Alvarez"),
        quote(articles[2], "Our teams did heroic work", "Jane Alvarez"),
    ]
    story = Story(
        "s1",
        "Floods force evacuations",
        ("a0", "a1", "a2"),
        tuple(sorted(a.outlet for a in articles)),
        "2024-03-05",
        "2024-03-06",
    )
    vectors = np.random.default_rng(1).normal(size=(3, 8)).astype(np.float32)
    return Corpus(
        path=tmp_path_factory.mktemp("hand-built"),
        info=CorpusInfo("Hand-built"),
        articles=articles,
        report=[IngestRecord(f"{i}.txt", "loaded", f"a{i}") for i in range(3)],
        stories=[story],
        quotes=quotes,
        passages=[passage],
        internal_reuse=[],
        vectors=vectors,
    )


def test_report_overview_has_one_line_per_outlet(corpus: Corpus) -> None:
    panels = {p.key: p for p in report.overview(corpus, "s1")}
    lines = panels["outlets"].table
    assert lines is not None and sorted(lines["outlet"]) == sorted({a.outlet for a in corpus.articles})
    assert panels["timeline"].figure is not None  # two of three articles are dated
    assert np.array(panels["similarity"].figure.data[0].z).shape == (3, 3)


def test_report_side_by_side_marks_shared_passage_and_quotes(corpus: Corpus) -> None:
    columns = {c.outlet: c for c in report.side_by_side(corpus, "s1")}
    wire = columns["Wire Daily"].body_html
    assert f'title="shared with {report.escape(HOSTILE)}' in wire
    assert "px-quote" in wire and "Jane Alvarez" in wire  # the speaker is resolved across outlets
    assert "<img" not in columns[HOSTILE].body_html + columns[HOSTILE].title.replace(HOSTILE, "")


@pytest.mark.parametrize(
    ("query", "outlets", "span", "kept"),
    [
        ("", (), None, ["s1", "s2", "s3"]),
        ("flood", (), None, ["s1"]),
        ("flood evacuations", (), None, ["s1"]),
        ("", ("Metro Times",), None, ["s1", "s3"]),
        ("", (), (dt.date(2024, 4, 1), dt.date(2024, 4, 30)), ["s2", "s3"]),  # s3 has no dates: kept
        ("", (), (dt.date(2024, 4, 1),), ["s1", "s2", "s3"]),  # half-picked range: no filter yet
    ],
)
def test_report_filter_story_list(
    query: str, outlets: tuple[str, ...], span: tuple[dt.date, ...] | None, kept: list[str]
) -> None:
    table = pd.DataFrame(
        {
            "story_id": ["s1", "s2", "s3"],
            "title": ["Floods force evacuations", "Budget vote", "Mayor profile"],
            "key_terms": ["river, rain", "council", ""],
            "outlet_names": ["Wire Daily, Metro Times", "Coast Herald", "Metro Times"],
            "first_published": ["2024-03-05", "2024-04-10T10:00:00", None],
            "last_published": ["2024-03-06", "2024-04-11", None],
        }
    )
    shown = report.filter_story_list(table, query=query, outlets=outlets, span=span)
    assert list(shown["story_id"]) == kept


def test_report_write_report_is_standalone_and_escaped(corpus: Corpus, tmp_path: Path) -> None:
    out = report.write_report(corpus, "s1", tmp_path / "story.html")
    page = out.read_text(encoding="utf-8")
    for name in report.SECTIONS:
        assert f"<h2>{name}</h2>" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.search(r"<script[^>]+src=", page), "no external script: the report works offline"
    assert page.count("Plotly.newPlot") >= 3 and page.count("plotly.js v") == 1  # plotly.js embedded once


def test_report_card_lists_speakers_per_outlet(corpus: Corpus) -> None:
    page = report.card_html(corpus, "s1")
    assert "Jane Alvarez" in page and "<img src=x" not in page


@pytest.mark.skipif(not settings.CHROMIUM_PATH.is_file(), reason="the card is photographed by /usr/bin/chromium")
def test_report_comparison_card_is_a_png(corpus: Corpus) -> None:
    assert report.comparison_card_png(corpus, "s1").startswith(b"\x89PNG")


def test_report_story_list_counts_independent_reports_like_the_story_view(corpus: Corpus) -> None:
    from compare.passages import story_reuse

    table = report.story_list(corpus)
    expected = story_reuse(corpus.story_articles("s1"), corpus.story_passages("s1")).independent_reports
    assert table["independent_reports"].tolist() == [expected]
    assert expected == 2  # the wire copy and its copier count once, Metro Times once
    uncopied = dataclasses.replace(corpus, passages=[])  # no shared passage: each outlet its own report
    assert report.story_list(uncopied)["independent_reports"].tolist() == [3]


def test_report_story_list_with_dated_and_undated_stories(corpus: Corpus) -> None:
    """Found on the 10,000-article sample: a date column with gaps holds NaN, which must read as no date."""
    undated = Story("s2", "An undated story", ("a1",), ("Metro Times",), None, None)
    mixed = dataclasses.replace(corpus, stories=[*corpus.stories, undated])
    table = report.story_list(mixed).set_index("story_id")
    assert table.loc["s1", "first"] == "2024-03-05" and table.loc["s2", "first"] == ""
    span = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert set(report.filter_story_list(table.reset_index(), span=span)["story_id"]) == {"s1", "s2"}


def test_report_story_content_computes_the_other_tabs_ahead(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard hands a story's other tabs to the background worker; a later visit finds them ready.
    Then, with the corpus's tables loaded, the heap is settled for the corpus."""
    settled: list[object] = []
    monkeypatch.setattr(heap, "settle", settled.append)
    content = report.StoryContent(corpus, "s1")
    picks = report.default_side_by_side(corpus.story_articles("s1"))
    assert len(picks) == 3 and picks == [a.id for a in report.main_articles(corpus.story_articles("s1")).values()]
    assert not content.has_panels("Framing")
    content.compute_ahead()
    framing = content.panels("Framing")  # asked while the worker may be computing it: waits, never twice
    assert report.BACKGROUND.wait_idle(120)
    assert all(content.has_panels(name) for name in report.SECTIONS if name != "Side by side")
    assert content.panels("Framing") is framing
    assert content.columns(picks) is content.columns(picks)  # computed ahead, kept
    assert settled == [corpus]


def test_report_a_tab_failing_in_the_background_is_left_to_the_foreground(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tab whose computation fails ahead of time is not handed to the worker again on every rerun."""
    content = report.StoryContent(corpus, "s1")
    calls: list[str] = []
    real = report.section

    def flaky(corpus: Corpus, story_id: str, name: str, tables: object = None) -> list[report.Panel]:
        calls.append(name)
        if name == "Framing":
            raise RuntimeError("no spaCy here")
        return real(corpus, story_id, name, tables)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "section", flaky)
    content.compute_ahead()
    assert report.BACKGROUND.wait_idle(120)
    assert calls.count("Framing") == 1 and content.has_panels("Overview")  # the other tabs still computed
    content.compute_ahead()
    assert report.BACKGROUND.wait_idle(120)
    assert calls.count("Framing") == 1
    with pytest.raises(RuntimeError):
        content.panels("Framing")  # the foreground tries again and sees the error itself


def test_report_framing_tables_lists_every_table() -> None:
    """The background worker computes the Framing tab table by table, from this list: none may be missing."""
    tables = {name for name, value in vars(report.FramingTables).items() if isinstance(value, property)}
    assert set(report.FramingTables.NAMES) == tables


def test_report_emphasis_chart_keeps_the_most_covered_aspects(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found on the 10k sample: a 16-outlet story's chart had hundreds of aspect rows (a 21,728 px tall PNG)."""
    full = next(p for p in report.framing(corpus, "s1") if p.key == "aspects")
    assert full.figure is not None and not full.note
    rows = list(full.figure.data[0].y)
    monkeypatch.setattr(report, "_MATRIX_ASPECTS", 1)
    cut = next(p for p in report.framing(corpus, "s1") if p.key == "aspects")
    assert cut.figure is not None
    assert len(rows) > 1 and list(cut.figure.data[0].y) == rows[:1]  # the most widely covered first
    assert f"of {len(rows)}" in cut.note and cut.table is not None and len(cut.table) == len(full.table)
