""" "Manage my articles": correct an article's outlet, date or headline, remove it, replace it with
another file, and undo — for the user's own corpus only (a bundled or other folder is never
changed from the dashboard). What is saved, and how undo works, is compare.article_changes'.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from compare import article_changes
from compare.article_changes import Entry, Outcome
from compare.highlight import markdown_escape
from compare.ui.add_articles import EDITABLE
from compare.workspace import signature

MANAGE_TABLE = "manage_table"
MANAGE_COLUMNS = {
    "file": st.column_config.TextColumn("File", disabled=True),
    "line": st.column_config.TextColumn("Line", disabled=True, width="small", help="Row inside a multi-article file"),
    "outlet": st.column_config.TextColumn("Outlet"),
    "date": st.column_config.TextColumn("Date", help="YYYY-MM-DD; empty when not known"),
    "headline": st.column_config.TextColumn("Headline"),
    "problem": st.column_config.TextColumn("Problem", disabled=True),
    "remove": st.column_config.CheckboxColumn("Remove", help="Leave this article (or unreadable file) out"),
}


def manage_frame(rows: Sequence[Entry]) -> pd.DataFrame:
    """One row per article, then one per file that could not be read."""
    return pd.DataFrame(
        [
            {
                "file": e.file,
                "line": str(e.line) if e.line is not None else "",
                "outlet": e.outlet,
                "date": e.published,
                "headline": e.title,
                "problem": e.problem,
                "remove": False,
            }
            for e in rows
        ],
        columns=list(MANAGE_COLUMNS),
    )


def changes_of(
    rows: Sequence[Entry], edited: dict[Any, dict[str, Any]]
) -> tuple[dict[article_changes.Target, dict[str, str]], list[article_changes.Target]]:
    """The corrections (changed cells of article rows) and removals (ticked rows) the table's edits ask for."""
    corrections: dict[article_changes.Target, dict[str, str]] = {}
    removals: list[article_changes.Target] = []
    for index, entry in enumerate(rows):
        changed = edited.get(index) or edited.get(str(index)) or {}
        if changed.get("remove"):
            removals.append(entry.target)
            continue
        if entry.problem:
            continue
        found = {"outlet": entry.outlet, "date": entry.published, "headline": entry.title}
        wanted = {
            fact: str(changed.get(column) or "").strip()
            for column, fact in EDITABLE.items()
            if column in changed and str(changed.get(column) or "").strip() != found[column]
        }
        if wanted.get("outlet") == "" or wanted.get("title") == "":  # an empty outlet or headline is no correction
            wanted = {k: v for k, v in wanted.items() if v or k == "published"}
        if wanted:
            corrections[entry.target] = wanted
    return corrections, removals


def _entries(folder: Path) -> list[Entry]:
    """The folder's rows, read again only when a file in it changed: Streamlit runs the manager on every
    click anywhere on the page, and reading a workspace of thousands of articles each time stalled it."""
    return list(_entries_of(str(folder), signature(folder)))


@st.cache_data(show_spinner=False, max_entries=4)
def _entries_of(folder: str, marker: str) -> tuple[Entry, ...]:
    """``article_changes.entries`` of ``folder`` as it was at ``marker`` (``workspace.signature``: names,
    sizes and times of every input file, the edits file included)."""
    return tuple(article_changes.entries(Path(folder)))


def _save_table(folder: Path) -> None:
    rows = st.session_state.get("_manage_rows") or []
    edits = (st.session_state.get(MANAGE_TABLE) or {}).get("edited_rows") or {}
    corrections, removals = changes_of(rows, edits)
    st.session_state["_managed"] = article_changes.correct(folder, corrections, removals)
    _fresh_table()


def _fresh_table() -> None:
    """Forget the table's edits: the rows are read again from what is saved now."""
    st.session_state.pop(MANAGE_TABLE, None)


def _replace(folder: Path) -> None:
    upload = st.session_state.get("replace_upload")
    target = st.session_state.get("replace_target")
    if upload is None or target is None:
        return
    st.session_state["_managed"] = article_changes.replace(folder, target.target, upload.name, upload.getvalue())
    _fresh_table()


def _undo(folder: Path) -> None:
    st.session_state["_managed"] = article_changes.undo(folder)
    _fresh_table()


def _said(outcome: Outcome) -> None:
    (st.warning if outcome.refused else st.success)(markdown_escape(outcome.said))
    for record in outcome.refused:
        st.warning(f"{markdown_escape(record.file)}: {markdown_escape(record.message)}", icon=":material/warning:")


def manage(folder: Path) -> None:
    """The manager: the table of articles (edit cells, tick Remove, then save), replace one, undo."""
    if "_managed" in st.session_state:
        _said(st.session_state.pop("_managed"))
    rows = _entries(folder)
    st.session_state["_manage_rows"] = rows
    if not rows:
        st.caption("Nothing here yet.")
        return
    st.caption("Change an outlet, date or headline, or tick Remove, then save. Files stay as you gave them.")
    st.data_editor(
        manage_frame(rows),
        column_config=MANAGE_COLUMNS,
        hide_index=True,
        num_rows="fixed",
        key=MANAGE_TABLE,
        width="stretch",
    )
    left, right = st.columns(2)
    left.button("Save changes", key="manage_save", on_click=_save_table, args=(folder,), type="primary")
    last = article_changes.last_action(folder)
    right.button(
        f"Undo: {markdown_escape(last)}" if last else "Undo",
        key="manage_undo",
        disabled=last is None,
        on_click=_undo,
        args=(folder,),
    )
    articles = [e for e in rows if not e.problem]
    if articles:
        st.selectbox(
            "Replace an article with another file",
            articles,
            format_func=lambda e: f"{e.outlet} — {e.title} ({e.file}{f', line {e.line}' if e.line else ''})",
            key="replace_target",
        )
        st.file_uploader("Its new file", type=["txt", "html", "htm", "json", "jsonl", "csv"], key="replace_upload")
        st.button(
            "Replace",
            key="manage_replace",
            disabled=st.session_state.get("replace_upload") is None,
            on_click=_replace,
            args=(folder,),
        )
