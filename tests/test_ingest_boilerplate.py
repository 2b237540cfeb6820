"""Site boilerplate across one outlet's pages goes; reused copy and syndication stay."""

from __future__ import annotations

from pathlib import Path

from compare.ingest import load_corpus

BACKGROUND = (
    "The letter, leaked to Iraqi media on Monday, said American forces would be repositioned in the coming days "
    "and weeks to prepare for onward movement, and it thanked the Iraqi government for its cooperation."
)
FOOTER = "Support independent news: become a patron for 5 dollars a month"


STOCK = "Officials in Washington declined to comment on the report."


def _page(headline: str, sentence: str) -> str:
    return f"{headline}\n\n{sentence}\n\n{STOCK}\n\n{BACKGROUND}\n\n{FOOTER}"


def _corpus(tmp_path: Path, folder: str, pages: dict[str, str]) -> Path:
    (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
    return tmp_path


STORIES = {
    "a.txt": _page("Pentagon denies pullout", "The Pentagon said on Tuesday that no decision had been made."),
    "b.txt": _page("Iraq votes on troops", "Iraq's parliament voted on Sunday to ask foreign troops to leave."),
    "c.txt": _page("Milley calls letter a draft", "General Mark Milley said the letter was an unsigned draft."),
}


def test_ingest_outlet_footer_removed_but_reused_paragraph_kept(tmp_path: Path) -> None:
    pages = dict(list(STORIES.items())[:2])  # the background paragraph is reused in two stories only
    articles = load_corpus(_corpus(tmp_path, "Daily Example", pages)).articles
    assert len(articles) == 2
    for article in articles:
        assert BACKGROUND in article.text  # reused copy: the shared-passages panel reports it
        assert STOCK in article.text
        assert FOOTER not in article.text
        assert FOOTER in article.removed


def test_ingest_paragraph_repeated_in_many_pages_is_site_boilerplate(tmp_path: Path) -> None:
    articles = load_corpus(_corpus(tmp_path, "Daily Example", STORIES)).articles
    assert [BACKGROUND in a.text for a in articles] == [False, False, False]
    own_lines = {page.split("\n\n")[1] for page in STORIES.values()}
    assert {a.text.split("\n\n")[0] for a in articles} == own_lines  # each story keeps its own body


def test_ingest_lines_shared_by_unknown_outlets_are_kept(tmp_path: Path) -> None:
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    articles = load_corpus(tmp_path).articles  # no manifest, no outlet folders: maybe three outlets
    assert all(BACKGROUND in a.text for a in articles)
