"""My articles: correct, remove, replace and undo, saved in edits.json; a re-upload is never counted twice."""

from __future__ import annotations

import json
from pathlib import Path

from compare import article_changes, workspace
from compare.ingest import load_corpus
from compare.ingest.edits import EDITS_FILE

STORY = (
    "Harbor Point floods\n\nFloodwaters rose overnight in Harbor Point after the river burst its banks, forcing "
    "the evacuation of about four hundred homes along the eastern shore, officials said on Tuesday.\n"
)
OTHER = (
    "Council approves budget\n\nThe city council approved a budget of four million dollars on Wednesday after a "
    "long debate about road repairs, school buses and the harbor wall, the mayor's office said.\n"
)


def _outlets(folder: Path) -> list[str]:
    return sorted(a.outlet for a in load_corpus(folder).articles)


def test_reupload_with_the_right_outlet_corrects_the_kept_article(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())])
    assert _outlets(tmp_path) == ["unknown"]
    records = workspace.add_files(tmp_path, [("flood.txt", STORY.encode())], outlet="Coast Herald")
    assert [(r.status, r.code) for r in records] == [("merged", "P168")]
    assert "unknown" in records[0].message and "Coast Herald" in records[0].message
    assert _outlets(tmp_path) == ["Coast Herald"], "one article, now with its outlet: not counted twice"
    assert not (tmp_path / "flood-2.txt").exists()
    assert article_changes.undo(tmp_path).said.startswith("Undid: set the outlet")
    assert _outlets(tmp_path) == ["unknown"]


def test_identical_reupload_is_merged_not_stored(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())], outlet="Coast Herald")
    for outlet in ("Coast Herald", None):  # a copy that names no outlet never takes the outlet away
        records = workspace.add_files(tmp_path, [("copy.txt", STORY.encode())], outlet=outlet)
        assert [(r.status, r.code) for r in records] == [("merged", "P108")]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["flood.txt", "manifest.csv"]
    assert _outlets(tmp_path) == ["Coast Herald"]


def test_correct_remove_and_undo_one_action_at_a_time(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode()), ("budget.txt", OTHER.encode())])
    rows = {e.file: e for e in article_changes.entries(tmp_path)}
    flood, budget = rows["flood.txt"], rows["budget.txt"]
    done = article_changes.correct(
        tmp_path, {flood.target: {"outlet": "Coast Herald", "published": "2024-05-02", "title": "Floods"}}
    )
    assert done.said == "Corrected 1 article." and not done.refused
    article = next(a for a in load_corpus(tmp_path).articles if a.file == "flood.txt")
    assert (article.outlet, article.published, article.title) == ("Coast Herald", "2024-05-02", "Floods")
    assert article_changes.correct(tmp_path, {}, [budget.target]).said == "Removed 1."
    assert [a.file for a in load_corpus(tmp_path).articles] == ["flood.txt"]
    assert article_changes.last_action(tmp_path) == "removed 1"
    article_changes.undo(tmp_path)
    assert len(load_corpus(tmp_path).articles) == 2, "undo brings the removed article back"
    article_changes.undo(tmp_path)
    assert _outlets(tmp_path) == ["unknown", "unknown"]
    assert article_changes.undo(tmp_path).said == "Nothing to undo."
    assert (tmp_path / "flood.txt").read_text() == STORY, "the user's file itself is never rewritten"


def test_a_date_that_cannot_be_read_changes_nothing(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())])
    (entry,) = article_changes.entries(tmp_path)
    outcome = article_changes.correct(tmp_path, {entry.target: {"outlet": "Coast Herald", "published": "soon"}})
    assert [r.code for r in outcome.refused] == ["P167"] and "flood.txt" in outcome.refused[0].message
    assert not (tmp_path / EDITS_FILE).exists() and _outlets(tmp_path) == ["unknown"]


def test_a_broken_file_is_listed_and_removed_with_its_warning(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())])
    (tmp_path / "scan.txt").write_bytes(b"")  # emptied after upload: read as no article
    problems = [e for e in article_changes.entries(tmp_path) if e.problem]
    assert [(e.file, e.problem[:4]) for e in problems] == [("scan.txt", "P102")]
    article_changes.correct(tmp_path, {}, [problems[0].target])
    assert not [r for r in load_corpus(tmp_path).report if r.status == "rejected"], "its warning is gone"
    assert (tmp_path / "scan.txt").exists(), "removal keeps the file, so undo can bring it back"


def test_one_record_of_a_jsonl_file_is_corrected_and_removed_by_its_line(tmp_path: Path) -> None:
    lines = [{"title": t, "text": x, "outlet": "Wire"} for t, x in (("Floods", STORY), ("Budget", OTHER))]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    workspace.add_files(tmp_path, [("feed.jsonl", data)])
    rows = {e.title: e for e in article_changes.entries(tmp_path)}
    assert {e.line for e in rows.values()} == {1, 2}
    article_changes.correct(tmp_path, {rows["Floods"].target: {"outlet": "Coast Herald"}}, [rows["Budget"].target])
    assert [(a.title, a.outlet) for a in load_corpus(tmp_path).articles] == [("Floods", "Coast Herald")]


def test_replace_swaps_the_article_and_undo_deletes_the_new_file(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())], outlet="Coast Herald")
    (entry,) = article_changes.entries(tmp_path)
    fixed = STORY.replace("four hundred", "four hundred and twenty")
    outcome = article_changes.replace(tmp_path, entry.target, "flood.txt", fixed.encode())
    assert outcome.said.startswith("Replaced flood.txt with flood-2.txt") and not outcome.refused
    assert ["four hundred and twenty" in a.text for a in load_corpus(tmp_path).articles] == [True]
    article_changes.undo(tmp_path)
    assert not (tmp_path / "flood-2.txt").exists()
    assert ["four hundred and twenty" in a.text for a in load_corpus(tmp_path).articles] == [False]


def test_replace_with_an_unreadable_file_keeps_the_article(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())])
    (entry,) = article_changes.entries(tmp_path)
    outcome = article_changes.replace(tmp_path, entry.target, "scan.txt", bytes(range(256)) * 4)
    assert outcome.said == "Nothing was replaced." and [r.code for r in outcome.refused] == ["P101"]
    assert len(load_corpus(tmp_path).articles) == 1


def test_a_damaged_edits_file_loses_nothing_and_says_how_to_fix_it(tmp_path: Path) -> None:
    workspace.add_files(tmp_path, [("flood.txt", STORY.encode())])
    (tmp_path / EDITS_FILE).write_text('{"changes": [{"file": 3}]}')
    result = load_corpus(tmp_path)
    assert len(result.articles) == 1
    assert [r.code for r in result.report if r.status == "rejected"] == ["P166"]
    (entry,) = [e for e in article_changes.entries(tmp_path) if not e.problem]
    outcome = article_changes.correct(tmp_path, {entry.target: {"outlet": "Coast Herald"}})
    assert [r.code for r in outcome.refused] == ["P151"], "a damaged file is not overwritten"
    assert (tmp_path / EDITS_FILE).read_text() == '{"changes": [{"file": 3}]}'
