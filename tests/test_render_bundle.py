"""render.bundle: a 10-outlet story's zip stays small (one shared plotly.js) and holds what its name promises —
every chart and table, the story report and the printable card."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from compare import export, settings
from compare.highlight import escape
from compare.model import Article, CorpusInfo, IngestRecord, Passage, Quote, Story
from compare.pipeline import Corpus
from compare.render import bundle

pytestmark = pytest.mark.skipif(
    not settings.CHROMIUM_PATH.is_file(), reason="chart images and the card need Chromium at /usr/bin/chromium"
)

HOSTILE = "<img src=x onerror=alert(1)>"
SHARED = "the regional emergency agency said four hundred homes were evacuated overnight along the eastern shore"
OUTLETS = [HOSTILE, *(f"Outlet {letter}" for letter in "ABCDEFGHI")]  # ten outlets, one with a hostile name
MAX_ZIP_BYTES = 5_000_000


def _corpus(path: Path) -> Corpus:
    """Ten outlets on one story; four carry the same wire passage, all quote the mayor."""
    articles, quotes = [], []
    for i, outlet in enumerate(OUTLETS):
        text = (
            f"Rain fell for day {i}. {SHARED}. “We acted fast,” Mayor Jane Alvarez said. "
            "Critics blamed the levees and the slow response of officials. " * 3
        )
        article = Article(
            f"a{i}",
            outlet,
            f"Floods force evacuations ({outlet})",
            text,
            f"{i}.txt",
            f"2024-03-{i + 1:02d}",
            source_id=f"rec-{i}",
            extra={"desk": '=HYPERLINK("http://x")'} if i == 0 else None,
        )
        articles.append(article)
        at = text.index("We acted fast")
        quotes.append(
            Quote(article.id, outlet, "We acted fast", "Jane Alvarez", "mayor", "official", at, at + 13, "said")
        )
    starts = {a.id: a.text.index(SHARED) for a in articles[:4]}
    passage = Passage(
        "p1",
        tuple(starts),
        tuple(OUTLETS[:4]),
        SHARED,
        len(SHARED.split()),
        {article_id: (start, start + len(SHARED)) for article_id, start in starts.items()},
        source="a0",
    )
    story = Story(
        "s1", f"Floods {HOSTILE}", tuple(a.id for a in articles), tuple(sorted(OUTLETS)), "2024-03-01", "2024-03-10"
    )
    return Corpus.in_memory(
        path=path,
        info=CorpusInfo("Ten outlets"),
        articles=articles,
        report=[IngestRecord(f"{i}.txt", "loaded", f"a{i}") for i in range(len(articles))],
        stories=[story],
        quotes=quotes,
        passages=[passage],
        internal_reuse=[],
        vectors=np.random.default_rng(1).normal(size=(len(articles), 8)).astype(np.float32),
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return bundle.story_bundle(_corpus(tmp_path_factory.mktemp("ten")), "s1")


def test_render_bundle_of_ten_outlets_is_at_most_5_mb(made: bytes) -> None:
    assert len(made) <= MAX_ZIP_BYTES, f"{len(made) / 1e6:.1f} MB"


def test_render_bundle_holds_the_report_and_the_card(made: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(made))
    names = set(archive.namelist())
    assert {bundle.REPORT, bundle.CARD_PNG, bundle.CARD_HTML, bundle.README, export.PLOTLY_JS} <= names
    assert archive.read(bundle.CARD_PNG).startswith(b"\x89PNG")
    report = archive.read(bundle.REPORT).decode()
    card = archive.read(bundle.CARD_HTML).decode()
    for page in (report, card):  # article text and outlet names are untrusted: escaped in both
        assert HOSTILE not in page and escape(HOSTILE) in page
    assert "Plotly.newPlot" in report and '<script src="https://cdn' not in report  # the report stays standalone


def test_render_bundle_ships_plotly_js_once_for_every_chart_page(made: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(made))
    pages = [n for n in archive.namelist() if n.endswith(".html") and n not in (bundle.REPORT, bundle.CARD_HTML)]
    assert len(pages) >= 10  # the story's charts
    big = sorted(info.filename for info in archive.infolist() if info.file_size > 1_000_000)
    assert big == sorted([export.PLOTLY_JS, bundle.REPORT])  # plotly.js itself, and the standalone report
    for name in pages:
        assert f'src="{export.PLOTLY_JS}"' in archive.read(name).decode()
    charts = {n.rsplit(".", 1)[0] for n in pages}
    assert all({f"{c}.png", f"{c}.svg"} <= set(archive.namelist()) for c in charts)


def test_render_bundle_articles_table_joins_back_to_the_users_records(made: bytes) -> None:
    """The story's articles CSV carries each input's own id and unread fields, with no formula left live."""
    archive = zipfile.ZipFile(io.BytesIO(made))
    (name,) = [n for n in archive.namelist() if n.endswith(".csv") and "articles" in n]
    rows = list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
    assert sorted(r["source_id"] for r in rows) == sorted(f"rec-{i}" for i in range(10))
    (first,) = [r for r in rows if r["source_id"] == "rec-0"]
    assert "HYPERLINK" in first["extra"] and not first["extra"].startswith("=")
