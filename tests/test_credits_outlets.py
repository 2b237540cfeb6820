"""Outlets named by credit lines, used when nothing else names one (issue #17); invented examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.credits import credited_outlet, outlet_in_file_name, outlet_name
from compare.ingest import load_bytes, load_corpus


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("By Lena Park, Valley Courier", "Valley Courier"),
        ("By Lena Park | Valley Courier staff", "Valley Courier"),
        ("By Lena Park for The Valley Courier", "Valley Courier"),
        ("MILLBROOK (Northern Ledger) – The council voted on Tuesday.", "Northern Ledger"),
        ("PARADISE, Calif. (AP) — The fire spread overnight.", "AP"),
        ("Posted by the Riverside Times staff", "Riverside Times"),
        ("By the Harbor Gazette newsroom", "Harbor Gazette"),
        ("By Jane Porter, Reuters", "Reuters"),
    ],
)
def test_credits_name_the_outlet(line: str, outlet: str) -> None:
    assert credited_outlet(["A headline about the council", line, "The body begins here."]) == outlet


@pytest.mark.parametrize(
    "line",
    [
        "By Lena Park",  # a person only
        "By Lena Park and Tom Wu",
        "By Lena Park, Staff Writer",  # a role, not a workplace
        "By Lena Park, News Editor",
        "Posted by admin",
        "MILLBROOK (Tom Wu) – The council voted.",  # a person in the dateline's brackets
        "The Valley Courier reported on Tuesday that the council voted.",  # prose mentioning an outlet
    ],
)
def test_credits_person_or_role_is_no_outlet(line: str) -> None:
    assert credited_outlet(["A headline about the council", line, "The body begins here."]) is None


def test_credits_only_the_page_top_counts() -> None:
    lines = ["Headline", *[f"Paragraph {k} of the story." for k in range(20)], "By Lena Park, Valley Courier"]
    assert credited_outlet(lines) is None


def test_credits_outlet_name_rules() -> None:
    assert outlet_name("the Riverside Times staff") == "Riverside Times"
    assert outlet_name("Lena Park") is None
    assert outlet_name("") is None


def test_credits_four_uploads_four_outlets() -> None:
    """Four files from four outlets, with nothing but their credit lines to tell them apart."""
    pages = {
        "a.txt": "Council votes on the bridge\nBy Lena Park, Valley Courier\nThe council voted to rebuild the bridge.",
        "b.txt": "Bridge vote passes\nMILLBROOK (Northern Ledger) – The council voted to rebuild the bridge today.",
        "c.txt": "A new bridge for Millbrook\nPosted by the Riverside Times staff\nThe council voted for a new bridge.",
        "d.txt": "Millbrook bridge approved\nBy Tom Wu\nThe council approved the bridge after a long debate.",
    }
    outlets = {name: load_bytes(name, text.encode()).articles[0].outlet for name, text in pages.items()}
    assert outlets == {
        "a.txt": "Valley Courier",
        "b.txt": "Northern Ledger",
        "c.txt": "Riverside Times",
        "d.txt": "unknown",
    }


def test_credits_never_override_what_names_the_outlet(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Council votes\nBy Lena Park, Valley Courier\nThe council voted on the bridge.\n")
    (tmp_path / "b.txt").write_text("Council votes again\nBy Lena Park, Valley Courier\nThe council voted once more.\n")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,url\na.txt,Example Times,\nb.txt,,https://www.ledger.example/x\n"
    )
    outlets = {a.file: a.outlet for a in load_corpus(tmp_path).articles}
    assert outlets == {"a.txt": "Example Times", "b.txt": "ledger.example"}


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Valley Courier - bridge vote.txt", "Valley Courier"),
        ("valley-courier_bridge.txt", "Valley Courier"),
        ("reuters-bridge-vote.txt", "Reuters"),
        ("bbc_bridge.html", "BBC"),
        ("nytimes.com_bridge.html", "nytimes.com"),
        ("The Northern Ledger (bridge).txt", "Northern Ledger"),
        # a file name that is only the story names no outlet, even with an outlet word in it
        ("fire-at-the-post.txt", None),
        ("bridge-news-update.txt", None),
        ("bridge_news.txt", None),
        ("story.txt", None),
    ],
)
def test_credits_file_names_name_the_outlet(name: str, outlet: str | None) -> None:
    assert outlet_in_file_name(name) == outlet


def test_credits_file_names_give_outlet_and_date_to_a_folder_and_an_upload(tmp_path: Path) -> None:
    """The same detection for ``ingest`` of a folder and for an upload; a credit line wins over a file name."""
    body = "The council voted to rebuild the bridge after a long debate about its cost and the river's depth."
    (tmp_path / "valley-courier_2024-05-02_bridge.txt").write_text(f"Bridge vote\n{body}\n")
    (tmp_path / "reuters_bridge.txt").write_text(f"Bridge vote passes\nBy Lena Park, Northern Ledger\n{body} Again.\n")
    (tmp_path / "bridge.txt").write_text(f"Bridge approved\n{body} Once more.\n")
    found = {a.file: (a.outlet, a.published, a.published_source) for a in load_corpus(tmp_path).articles}
    assert found == {
        "valley-courier_2024-05-02_bridge.txt": ("Valley Courier", "2024-05-02", "file"),
        "reuters_bridge.txt": ("Northern Ledger", None, None),
        "bridge.txt": ("unknown", None, None),
    }
    upload = load_bytes("valley-courier_2024-05-02_bridge.txt", f"Bridge vote\n{body}\n".encode()).articles[0]
    assert (upload.outlet, upload.published) == ("Valley Courier", "2024-05-02")
