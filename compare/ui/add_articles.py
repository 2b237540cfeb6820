"""The sidebar's "Add articles": upload files (checked in a table first), paste a text, fetch addresses.

Uploaded files are read as soon as they are chosen and shown one row each, with the outlet,
date and headline found in them (credit lines, datelines, metadata, the file's name), so
four files from four outlets are seen as four outlets before anything is saved, and any
of them can be corrected in the table. Everything added goes to the user's own corpus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from compare import settings, workspace
from compare.errors import Code
from compare.highlight import markdown_escape
from compare.ingest.draft import iso_date
from compare.model import IngestRecord
from compare.text_format import counted

log = logging.getLogger("parallax.app")

MY_ARTICLES = "My articles"
UPLOAD_TABLE = "upload_table"
#: The upload table's columns a user may change, and the fact each one sets.
EDITABLE = {"outlet": "outlet", "date": "published", "headline": "title"}
UPLOAD_COLUMNS = {
    "file": st.column_config.TextColumn("File", disabled=True),
    "articles": st.column_config.NumberColumn("Articles", disabled=True, width="small"),
    "outlet": st.column_config.TextColumn("Outlet", help="Found in the text or the file name; change it if wrong."),
    "date": st.column_config.TextColumn("Date", help="YYYY-MM-DD. Only for one-article files."),
    "headline": st.column_config.TextColumn("Headline", help="Only for one-article files."),
    "problem": st.column_config.TextColumn("Problem", disabled=True),
}


def show_records(records: Sequence[IngestRecord]) -> None:
    """What happened to each added input: a count of the articles added, a note on each one saved
    differently from what was sent (renamed) or merged with one already kept, and a warning per input not added."""
    loaded = [r for r in records if r.status == "loaded"]
    problems = [r for r in records if r.status == "rejected"]
    if loaded:
        st.success(f"Added {counted(len(loaded), 'article')} to {MY_ARTICLES}.")
    for record in (r for r in records if r.message and r.status != "rejected"):  # notes and merges
        st.info(f"{markdown_escape(record.file)}: {markdown_escape(record.message)}", icon=":material/info:")
    for record in problems:
        st.warning(f"{markdown_escape(record.file)}: {markdown_escape(record.message)}", icon=":material/warning:")
    if not records:
        st.info("Nothing to add.")


def _adding(action: Callable[[], list[Any]]) -> None:
    """Button callback: save new articles, then show the user's own corpus (callbacks run before widgets
    exist, so the corpus choice can still change). A failure becomes a message, not a traceback."""
    try:
        records = action()
    except Exception as exc:  # the page must never show a traceback
        log.exception("adding articles failed")
        st.session_state["_add_failed"] = f"{type(exc).__name__}: {exc}"
        return
    st.session_state["_added"] = records
    if action is _save_pasted and not any(r.status == "rejected" for r in records):
        for key in ("paste_text", "paste_title", "paste_url"):  # the form is done; the outlet stays for the next
            st.session_state[key] = ""
    if any(r.status == "loaded" for r in records):
        st.session_state["corpus_source"] = MY_ARTICLES
    if action is _save_uploads and not any(r.status == "rejected" for r in records):
        st.session_state["_upload_round"] = st.session_state.get("_upload_round", 0) + 1  # an empty uploader


def upload_key() -> str:
    """The uploader's key: a new one after files were added empties it (Streamlit cannot clear an uploader)."""
    round_ = st.session_state.get("_upload_round", 0)
    return "uploads" if not round_ else f"uploads-{round_}"


def _uploads() -> list[tuple[str, bytes]]:
    return [(f.name, f.getvalue()) for f in st.session_state.get(upload_key()) or []]


def _previews(files: list[tuple[str, bytes]]) -> list[workspace.Preview]:
    """The upload table's rows, read once per set of chosen files (a rerun does not read them again)."""
    marker = tuple((name, len(data), hash(data)) for name, data in files)
    if st.session_state.get("_preview_of") != marker:
        st.session_state["_preview"] = workspace.preview(files)
        st.session_state["_preview_of"] = marker
    return list(st.session_state["_preview"])


def upload_frame(rows: Sequence[workspace.Preview]) -> pd.DataFrame:
    """The table a user checks before adding: one row per file, found values filled in."""
    return pd.DataFrame(
        [
            {
                "file": row.file,
                "articles": row.articles,
                "outlet": row.outlet,
                "date": row.published if row.single else "",
                "headline": row.title if row.single else "",
                "problem": row.problem,
            }
            for row in rows
        ],
        columns=list(UPLOAD_COLUMNS),
    )


def table_facts(
    rows: Sequence[workspace.Preview], edited: dict[Any, dict[str, Any]], default_outlet: str | None
) -> dict[str, dict[str, str]]:
    """The facts to save per file: each cell the user changed (date and headline only for one-article
    files, whose records cannot differ), and the default outlet for files whose outlet is still unknown."""
    facts: dict[str, dict[str, str]] = {}
    for index, row in enumerate(rows):
        changed = edited.get(index) or edited.get(str(index)) or {}
        found = {"outlet": row.outlet, "date": row.published, "headline": row.title}
        wanted: dict[str, str] = {}
        for column, fact in EDITABLE.items():
            value = str(changed.get(column) or "").strip()
            if column in changed and value != found[column] and (row.single or column == "outlet"):
                wanted[fact] = value
        outlet = wanted.get("outlet", row.outlet)
        if default_outlet and outlet in ("", "unknown"):
            wanted["outlet"] = default_outlet
        if wanted:
            facts[row.file] = wanted
    return facts


def _unreadable_dates(facts: dict[str, dict[str, str]]) -> list[IngestRecord]:
    """A date typed in the table that cannot be read is dropped (the file is still added) and said (P167)."""
    said = []
    for file, wanted in facts.items():
        value = wanted.get("published", "")
        if value and iso_date(value) is None:
            del wanted["published"]
            said.append(
                IngestRecord(file, "rejected", code=Code.P167.name, message=Code.P167.format(file=file, value=value))
            )
    return said


def _save_uploads() -> list[IngestRecord]:
    files = _uploads()
    default = st.session_state.get("upload_outlet", "").strip() or None
    edits = (st.session_state.get(UPLOAD_TABLE) or {}).get("edited_rows") or {}
    facts = table_facts(_previews(files), edits, default)
    said = _unreadable_dates(facts)
    return [*workspace.add_files(settings.WORKSPACE_DIR, files, facts=facts), *said]


def _save_pasted() -> list[IngestRecord]:
    return workspace.add_pasted(
        settings.WORKSPACE_DIR,
        st.session_state["paste_text"],
        st.session_state["paste_outlet"].strip(),
        st.session_state.get("paste_title", "").strip() or None,
        st.session_state.get("paste_url", "").strip() or None,
    )


def _addresses() -> list[str]:
    return [u.strip() for u in st.session_state.get("url_text", "").splitlines() if u.strip()]


def _save_fetched() -> list[IngestRecord]:
    return workspace.add_urls(settings.WORKSPACE_DIR, _addresses())


def _upload_form() -> None:
    files = st.file_uploader(
        "Articles (txt, html, json, jsonl, csv, or a zip of these)",
        type=["txt", "html", "htm", "json", "jsonl", "csv", "zip"],
        accept_multiple_files=True,
        key=upload_key(),
    )
    if files:
        st.caption("Check them in **Files to add**, on the page, then add them.")


def upload_review() -> None:
    """What the last adding did, then the chosen files, one row each, on the page (the sidebar is too
    narrow for the table), with the outlet, date and headline found in each, to correct before saving."""
    if "_added" in st.session_state:
        show_records(st.session_state.pop("_added"))
    if "_add_failed" in st.session_state:
        st.error(f"The articles could not be added ({markdown_escape(st.session_state.pop('_add_failed'))}).")
    files = _uploads()
    if not files:
        return
    with st.container(border=True):
        st.subheader(f"Files to add ({len(files)})", anchor=False)
        st.caption(
            "Each file's outlet, date and headline as found in its text (credit lines, datelines, metadata) and its "
            "name. Correct any cell, then add them. Date and headline apply to one-article files; the records of a "
            "JSON or CSV file keep their own."
        )
        st.data_editor(
            upload_frame(_previews(files)),
            column_config=UPLOAD_COLUMNS,
            hide_index=True,
            num_rows="fixed",
            key=UPLOAD_TABLE,
            width="stretch",
        )
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input("Outlet for files whose outlet is unknown", key="upload_outlet")
        right.button("Add files", key="add_files", type="primary", on_click=_adding, args=(_save_uploads,))


def add_articles() -> None:
    """Upload files, paste a text, or fetch addresses into the user's own corpus."""
    upload, paste, urls = st.tabs(["Upload", "Paste", "URLs"])
    with upload:
        _upload_form()
    with paste:
        st.text_area("Article text", key="paste_text", height=160)
        st.text_input("Outlet", key="paste_outlet")
        st.text_input("Headline (optional)", key="paste_title")
        st.text_input("Address (optional)", key="paste_url")
        ready = bool(
            st.session_state.get("paste_text", "").strip() and st.session_state.get("paste_outlet", "").strip()
        )
        st.button("Add pasted article", key="add_paste", disabled=not ready, on_click=_adding, args=(_save_pasted,))
    with urls:
        st.text_area("Addresses, one per line", key="url_text", height=120)
        st.caption("Pages are fetched now, from this computer; without a connection you get a message per address.")
        st.button("Fetch and add", key="add_urls", disabled=not _addresses(), on_click=_adding, args=(_save_fetched,))
