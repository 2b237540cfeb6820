"""Dates read from an article's text and address when no metadata gives one (issue #17)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from compare.dates import date_in_text, date_in_url, find_date
from compare.ingest import load_corpus

NOW = datetime(2024, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erbil strikes\nPosted at 4:45 PM, Jan 06, 2020\nMissiles hit the base.", "2020-01-06"),
        ("Headline\nJanuary 9, 2020\nBody.", "2020-01-09"),
        (" date 2020-01-06 Headline of the crawl", "2020-01-06"),
        ("Headline\nBy Lena Park | 9th of March, 2022\nBody.", "2022-03-09"),
        ("Headline\nUpdated March 28, 2022 | Published March 27, 2022\nBody.", "2022-03-27"),
        ("Headline\nLast updated 04 Jun 2020, originally created 17 Jun 2019\nBody.", "2019-06-17"),
        ("Headline\nUpdated March 28, 2022\nBody.", "2022-03-28"),  # only a revision date: still the best known
        ("Headline\n25/12/2020\nBody.", "2020-12-25"),
    ],
)
def test_dates_text_reads_bylines_and_datelines(text: str, expected: str) -> None:
    assert date_in_text(text, NOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Headline\nPosted Jan 6, 2099\nBody.",  # after the fetch
        "Headline\nThe treaty of May 3, 1815 still stands.",  # an absurd year for a publication
        "Headline\n04/12/2020\nBody.",  # April in Britain, December in the US: not guessed
        "Headline\n2021-13-45\nBody.",  # no day of the calendar
        "FILE - In this March 25, 2015 file photo, protesters march.\nBody.",  # a caption's date is the photo's
        "No date at all here.",
        "",
    ],
)
def test_dates_text_refuses_what_is_no_publication_date(text: str) -> None:
    assert date_in_text(text, NOW) is None


def test_dates_text_body_dates_need_a_cue() -> None:
    """Far from the top only a cued date is the article's; a date the story mentions is not."""
    body = "Headline\n" + "Words of the story. " * 300
    assert date_in_text(body + "The vote is on May 2, 2023.", NOW) is None
    assert date_in_text(body + "This article was published on May 2, 2023.", NOW) == "2023-05-02"


def test_dates_text_top_beats_body() -> None:
    text = "Headline\nMay 1, 2023\n" + "On April 3, 2021 the council met. " * 3
    assert date_in_text(text, NOW) == "2023-05-01"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2020/01/06/erbil-strikes/", "2020-01-06"),
        ("https://example.com/news/2020-01-06-erbil", "2020-01-06"),
        ("https://example.com/2020/jan/06/erbil", "2020-01-06"),
        ("https://example.com/hacklab/20190110/python", "2019-01-10"),
        ("https://example.com/2018/september/story", None),  # no day
        ("https://example.com/2099/01/06/story", None),  # after the fetch
        ("https://example.com/story-12345", None),
        (None, None),
    ],
)
def test_dates_url_path(url: str | None, expected: str | None) -> None:
    assert date_in_url(url, NOW) == expected


def test_dates_find_prefers_the_address() -> None:
    found = find_date("Headline\nFriday, May 31, 2024 | Today's paper\nBody.", "https://x.org/2024/05/20/a", NOW)
    assert found is not None and (found.day, found.source) == ("2024-05-20", "url")
    found = find_date("Headline\nMay 31, 2024\nBody.", "https://x.org/a", NOW)
    assert found is not None and (found.day, found.source) == ("2024-05-31", "text")
    assert find_date("Headline\nBody.", None, NOW) is None


def test_dates_ingest_records_where_each_date_came_from(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Missiles hit Erbil\nPosted at 4:45 PM, Jan 06, 2020\nMissiles hit the base.\n")
    (tmp_path / "b.txt").write_text("Erbil attacked again\nMissiles hit the city.\n")
    (tmp_path / "c.txt").write_text("Erbil strikes\nMissiles hit the base at night. Officials said so.\n")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"title": "Meta", "text": "Body of the record.", "published": "2020-01-07"})
        + "\n"
        + json.dumps({"title": "Addr", "text": "Body of another record.", "url": "https://ex.com/2020/01/08/x"})
        + "\n"
    )
    (tmp_path / "manifest.csv").write_text(
        "file,url,published\nb.txt,https://ex.com/2022/03/13/erbil,\nc.txt,,2020-01-09\n"
    )
    articles = load_corpus(tmp_path).articles
    found = {a.title: (a.published, a.published_source) for a in articles}
    assert found["Missiles hit Erbil"] == ("2020-01-06", "text")
    assert found["Erbil attacked again"] == ("2022-03-13", "url")
    assert ("2020-01-09", "metadata") in found.values()  # the manifest's date
    assert found["Meta"] == ("2020-01-07", "metadata")
    assert found["Addr"] == ("2020-01-08", "url")


def test_dates_ingest_no_date_has_no_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A headline\nA body without any date in it.\n")
    (article,) = load_corpus(tmp_path).articles
    assert (article.published, article.published_source) == (None, None)


def test_dates_rules_key_the_ingest_stage() -> None:
    """Kept drafts carry dates: a change to the date rules or DATE_ settings must rebuild, never reuse them."""
    import compare.dates
    from compare import settings, stage_code, store

    assert Path(compare.dates.__file__).resolve() in {p.resolve() for p in stage_code.module_closure("compare.ingest")}
    names = {name for name in vars(settings) if name.startswith("DATE_")} | {"GROUP_MAX_SPAN_DAYS"}
    assert names <= store.settings_snapshot().keys()
