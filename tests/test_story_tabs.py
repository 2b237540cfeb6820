"""story: the tabs' content (panels, columns, story list), the tab registry, and the offline HTML report and card
made of them (compare.render)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from compare import embed, heap, settings, story
from compare.highlight import escape
from compare.model import Article, CorpusInfo, IngestRecord, Passage, Quote, Story
from compare.pipeline import Corpus
from compare.render import card, report
from compare.story import Layout, Panel, framing, listing, overview, side_by_side
from compare.story import content as content_module
from compare.story.common import main_articles
from compare.story.content import StoryContent
from compare.story.framing_tables import FramingTables

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
    return Corpus.in_memory(
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


def test_story_overview_has_one_line_per_outlet(corpus: Corpus) -> None:
    panels = {p.key: p for p in overview.build(corpus, "s1")}
    lines = panels["outlets"].table
    assert lines is not None and sorted(lines["outlet"]) == sorted({a.outlet for a in corpus.articles})
    assert panels["timeline"].figure is not None  # two of three articles are dated
    assert panels["timeline"].note == "1 article without a publication date is not drawn."
    assert np.array(panels["similarity"].figure.data[0].z).shape == (3, 3)


def test_story_side_by_side_says_when_more_text_follows(corpus: Corpus) -> None:
    """The column's text box scrolls; a text longer than it shows says so under it, a short one does not."""
    column = side_by_side.build(corpus, "s1")[0]
    article = next(a for a in corpus.articles if a.id == column.article_id)
    assert column.words == len(article.text.split())
    long = dataclasses.replace(column, words=side_by_side.FITS_WORDS + 1)
    assert "More text follows" in side_by_side.column_html(long)
    assert f"{side_by_side.FITS_WORDS + 1:,} words in all" in side_by_side.column_html(long)
    short = dataclasses.replace(column, words=side_by_side.FITS_WORDS)
    assert "More text follows" not in side_by_side.column_html(short)


def test_story_side_by_side_marks_shared_passage_and_quotes(corpus: Corpus) -> None:
    columns = {c.outlet: c for c in side_by_side.build(corpus, "s1")}
    wire = columns["Wire Daily"].body_html
    assert f'title="shared with {escape(HOSTILE)}' in wire
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
def test_story_filter_story_list(
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
    shown = listing.filter_story_list(table, query=query, outlets=outlets, span=span)
    assert list(shown["story_id"]) == kept


def test_render_write_report_is_standalone_and_escaped(corpus: Corpus, tmp_path: Path) -> None:
    out = report.write_report(corpus, "s1", tmp_path / "story.html")
    page = out.read_text(encoding="utf-8")
    for tab in story.TABS:
        assert f"<h2>{tab.name}</h2>" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.search(r"<script[^>]+src=", page), "no external script: the report works offline"
    assert page.count("Plotly.newPlot") >= 3 and page.count("plotly.js v") == 1  # plotly.js embedded once


def test_render_card_lists_speakers_per_outlet(corpus: Corpus) -> None:
    page = card.card_html(corpus, "s1")
    assert "Jane Alvarez" in page and "<img src=x" not in page


def test_render_report_and_card_describe_tone_in_bands(corpus: Corpus) -> None:
    """Every outlet's tone is read out as its band with the number beside it, in the report, the card and the
    side-by-side chips; the card ranks nobody "the most positive"."""
    from compare.labels import tone_words

    tones = FramingTables(corpus, "s1")["tone"].set_index("outlet")["mean"]
    page, card_page = report.report_html(corpus, "s1"), card.card_html(corpus, "s1")
    for mean in tones:
        assert escape(tone_words(float(mean))) in page and escape(tone_words(float(mean))) in card_page
    assert "the most positive" not in card_page and "the most negative" not in card_page
    assert "kind of speaker" in page and "speaker_type" not in page
    chips = dict(side_by_side.build(corpus, "s1")[0].chips)
    assert chips["tone"] in {tone_words(float(m)) for m in tones}


@pytest.mark.skipif(not settings.CHROMIUM_PATH.is_file(), reason="the card is photographed by /usr/bin/chromium")
def test_render_comparison_card_is_a_png(corpus: Corpus) -> None:
    assert card.comparison_card_png(corpus, "s1").startswith(b"\x89PNG")


def test_story_list_counts_independent_reports_like_the_story_view(corpus: Corpus) -> None:
    from compare.passages import story_reuse

    table = listing.story_list(corpus)
    expected = story_reuse(corpus.story_articles("s1"), corpus.story_passages("s1")).independent_reports
    assert table["independent_reports"].tolist() == [expected]
    assert expected == 2  # the wire copy and its copier count once, Metro Times once
    uncopied = Corpus.in_memory(  # no shared passage: each outlet its own report
        corpus.path, corpus.info, corpus.articles, corpus.report, corpus.stories, corpus.quotes, [], [], corpus.vectors
    )
    assert listing.story_list(uncopied)["independent_reports"].tolist() == [3]


def test_story_list_with_dated_and_undated_stories(corpus: Corpus) -> None:
    """Found on the 10,000-article sample: a date column with gaps holds NaN, which must read as no date."""
    undated = Story("s2", "An undated story", ("a1",), ("Metro Times",), None, None)
    mixed = dataclasses.replace(corpus, stories=[*corpus.stories, undated])
    table = listing.story_list(mixed).set_index("story_id")
    assert table.loc["s1", "first"] == "2024-03-05" and table.loc["s2", "first"] == ""
    span = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert set(listing.filter_story_list(table.reset_index(), span=span)["story_id"]) == {"s1", "s2"}


def _tab(name: str) -> story.Tab:
    return next(tab for tab in story.TABS if tab.name == name)


def test_story_content_computes_the_other_tabs_ahead(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard hands a story's other tabs to the background worker; a later visit finds them ready.
    Then, with the corpus's tables loaded, the heap is settled for the corpus."""
    settled: list[object] = []
    monkeypatch.setattr(heap, "settle", settled.append)
    monkeypatch.setattr(content_module, "model_loaded", lambda: True)  # else the model's tabs wait for a reader
    content = StoryContent(corpus, "s1")
    picks = side_by_side.default_side_by_side(corpus.story_articles("s1"))
    assert len(picks) == 3 and picks == [a.id for a in main_articles(corpus.story_articles("s1")).values()]
    framing_tab, columns_tab = _tab("Framing"), _tab("Side by side")
    assert not content.ready(framing_tab)
    content.compute_ahead()
    panels = content.panels(framing_tab)  # asked while the worker may be computing it: waits, never twice
    assert StoryContent.wait_ahead(120)
    assert all(content.ready(tab) for tab in story.TABS if tab.layout is Layout.PANELS)
    assert content.ready(columns_tab, picks) and not content.ready(columns_tab)
    assert content.panels(framing_tab) is panels
    assert content.columns(columns_tab, picks) is content.columns(columns_tab, picks)  # computed ahead, kept
    assert settled == [corpus]


def test_story_a_tab_failing_in_the_background_is_left_to_the_foreground(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tab whose computation fails ahead of time is not handed to the worker again on every rerun."""
    monkeypatch.setattr(content_module, "model_loaded", lambda: True)
    content = StoryContent(corpus, "s1")
    calls: list[str] = []

    def counted(tab: story.Tab) -> story.Tab:
        def build(corpus: Corpus, story_id: str, tables: FramingTables) -> list[Panel]:
            calls.append(tab.name)
            if tab.name == "Framing":
                raise RuntimeError("no spaCy here")
            return tab.build(corpus, story_id, tables)  # type: ignore[call-arg]

        return dataclasses.replace(tab, build=build) if tab.layout is Layout.PANELS else tab

    monkeypatch.setattr(story, "TABS", tuple(counted(tab) for tab in story.TABS))
    content.compute_ahead()
    assert StoryContent.wait_ahead(120)
    assert calls.count("Framing") == 1 and content.ready(_tab("Overview"))  # the other tabs still computed
    content.compute_ahead()
    assert StoryContent.wait_ahead(120)
    assert calls.count("Framing") == 1
    with pytest.raises(RuntimeError):
        content.panels(_tab("Framing"))  # the foreground tries again and sees the error itself


def test_story_ahead_never_loads_the_sentence_model(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before anything needed it, the background computes only what needs no sentence model: loading it
    took both cores for seconds while the first page was being sent. Opening such a tab loads it."""
    loads: list[str] = []
    real = embed.default_embedder
    monkeypatch.setattr(embed, "default_embedder", lambda: loads.append("model") or real())
    monkeypatch.setattr(content_module, "model_loaded", lambda: bool(loads))
    content = StoryContent(corpus, "s1")
    content.compute_ahead()
    assert StoryContent.wait_ahead(120)
    assert loads == [], "the model was loaded ahead of any need"
    assert content.ready(_tab("Overview")) and content.ready(_tab("Quoted officials"))
    assert not content.ready(_tab("Shared passages")) and not content.ready(_tab("Framing"))
    assert {"tone", "loaded", "lede"} <= {n for n in FramingTables.NAMES if n in content.framing}
    assert not any(n in content.framing for n in story.framing_tables.MODEL_TABLES)
    content.panels(_tab("Framing"))  # a reader opens it: now the model is needed, and loaded
    assert loads or "sentence_embedder" in vars(corpus), "(an earlier test may have given the corpus its model)"


def test_story_framing_tab_computes_ahead_every_table_it_reads(corpus: Corpus) -> None:
    """The background worker computes the Framing tab table by table, from its ``tables``: the build must
    find every table it reads computed already (one mapping of builders names them all)."""
    assert _tab("Framing").tables == FramingTables.NAMES == tuple(story.framing_tables.BUILDERS)
    tables = FramingTables(corpus, "s1")
    framing.build(corpus, "s1", tables)
    assert [name for name in FramingTables.NAMES if name in tables] == list(FramingTables.NAMES)


def test_story_tabs_are_named_once_and_ranked_for_the_background() -> None:
    """Tabs are told apart by their names (the page's tab state holds one) and computed ahead in a fixed order."""
    names = [tab.name for tab in story.TABS]
    assert len(set(names)) == len(names)
    ranks = sorted(story.TABS, key=lambda tab: tab.ahead_rank)
    assert ranks[0].name == "Framing" and ranks[-1].layout is Layout.COLUMNS
    assert len({tab.ahead_rank for tab in story.TABS}) == len(names)


def test_story_emphasis_chart_keeps_the_most_covered_aspects(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found on the 10k sample: a 16-outlet story's chart had hundreds of aspect rows (a 21,728 px tall PNG)."""
    full = next(p for p in framing.build(corpus, "s1") if p.key == "aspects")
    assert full.figure is not None and not full.note
    rows = list(full.figure.data[0].y)
    monkeypatch.setattr(framing, "_MATRIX_ASPECTS", 1)
    cut = next(p for p in framing.build(corpus, "s1") if p.key == "aspects")
    assert cut.figure is not None
    assert len(rows) > 1 and list(cut.figure.data[0].y) == rows[:1]  # the most widely covered first
    assert f"of {len(rows)}" in cut.note and cut.table is not None and len(cut.table) == len(full.table)


def test_story_side_by_side_says_where_a_date_was_read(corpus: Corpus) -> None:
    """A date read from the text or the address says so beside it; a metadata date needs no note."""
    column = dataclasses.replace(side_by_side.build(corpus, "s1")[0], published="2020-01-06")
    assert "(date read from the text)" in side_by_side.column_html(dataclasses.replace(column, published_source="text"))
    assert "(date read from the address)" in side_by_side.column_html(
        dataclasses.replace(column, published_source="url")
    )
    assert "date read" not in side_by_side.column_html(dataclasses.replace(column, published_source="metadata"))
