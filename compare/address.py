"""The dashboard's view in the page address, so a reload keeps the view and a link opens it.

The address carries the corpus (``corpus``, or ``folder`` for a folder of the user's), the story, the
tab, the outlet filter (``outlet``, repeated) and teacher mode. This module translates between query
parameters, a ``View`` and the dashboard's widget state (``STATE``, the widgets' keys), and checks each
value against what is there; ``app.py`` only reads and writes ``st.query_params`` and session state.
A link may be old or hand-written, so a value that names nothing here (a story a rebuild regrouped, an
outlet the corpus lacks) is dropped with a short note, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Every query parameter the dashboard reads and writes.
PARAMS = ("corpus", "folder", "story", "tab", "outlet", "teacher")


#: The dashboard's widget keys each part of the view is kept in.
STATE = {
    "corpus": "corpus_source",
    "folder": "folder",
    "story": "story",
    "tab": "tab",
    "outlets": "outlet_filter",
    "teacher": "teacher",
}
#: The corpus menu's entry for a folder typed by the user (its path goes in ``folder``).
OTHER_FOLDER = "Another folder…"


@dataclass(frozen=True)
class View:
    """What the reader is looking at, as the address names it (every part optional)."""

    corpus: str | None = None  # a corpus menu entry, as ``slug`` writes it
    folder: str | None = None  # the path of "Another folder…"
    story: str | None = None  # a story id
    tab: str | None = None  # a tab name, as ``slug`` writes it
    outlets: tuple[str, ...] = ()  # the outlet filter
    teacher: bool = False


def slug(name: str) -> str:
    """A name as an address writes it: "Side by side" -> "side-by-side" (readable, nothing to escape)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def read(get_all: Callable[[str], list[str]]) -> View:
    """The view named by the address (``st.query_params.get_all``); empty values count as absent."""

    def first(name: str) -> str | None:
        values = [v.strip() for v in get_all(name) if v.strip()]
        return values[0] if values else None

    outlets = tuple(dict.fromkeys(v for v in get_all("outlet") if v.strip()))
    teacher = (first("teacher") or "").lower() in {"1", "true", "yes", "on"}
    return View(first("corpus"), first("folder"), first("story"), first("tab"), outlets, teacher)


def params(view: View) -> dict[str, str | list[str]]:
    """The address's query parameters for ``view``; absent parts are left out, so addresses stay short."""
    found: dict[str, str | list[str] | None] = {
        "corpus": None if view.folder else view.corpus,
        "folder": view.folder,
        "story": view.story,
        "tab": view.tab,
        "outlet": list(view.outlets) or None,
        "teacher": "1" if view.teacher else None,
    }
    return {name: value for name, value in found.items() if value}


def match(value: str | None, names: Iterable[str]) -> str | None:
    """The one of ``names`` that ``value`` writes (as itself or as its ``slug``), or None."""
    if value is None:
        return None
    by_slug = {slug(name): name for name in names}
    return value if value in by_slug.values() else by_slug.get(slug(value))


def known(values: Iterable[str], present: Iterable[str]) -> tuple[list[str], list[str]]:
    """``values`` split into those ``present`` has and those it lacks, each in the given order."""
    here = set(present)
    values = list(values)
    return [v for v in values if v in here], [v for v in values if v not in here]


def stale_note(what: str, value: str, instead: str) -> str:
    """The short note for a part of a link that names nothing here, and what is shown instead."""
    return f"The link's {what} “{value}” is not here, so {instead} is shown."


def same(current: Mapping[str, str | list[str]], wanted: Mapping[str, str | list[str]]) -> bool:
    """Whether the address already says ``wanted`` (a one-item list and its item are the same)."""

    def listed(mapping: Mapping[str, str | list[str]]) -> dict[str, list[str]]:
        return {k: [v] if isinstance(v, str) else list(v) for k, v in mapping.items() if k in PARAMS}

    return listed(current) == listed(wanted)


def corpus_state(view: View, choices: Iterable[str]) -> tuple[dict[str, Any], list[str]]:
    """Widget state for the parts of ``view`` known before a corpus opens (corpus menu, folder, teacher
    mode), among the menu's ``choices``; and the notes for what names nothing there."""
    state: dict[str, Any] = {STATE["teacher"]: True} if view.teacher else {}
    if view.folder:
        return state | {STATE["corpus"]: OTHER_FOLDER, STATE["folder"]: view.folder}, []
    choice = match(view.corpus, [c for c in choices if c != OTHER_FOLDER])
    if choice is not None:
        state[STATE["corpus"]] = choice
    notes = [stale_note("corpus", view.corpus, "the first corpus")] if view.corpus and choice is None else []
    return state, notes


def story_state(
    view: View, outlets: Iterable[str], stories: Iterable[str], tabs: Iterable[str]
) -> tuple[dict[str, Any], list[str]]:
    """Widget state for the parts of ``view`` checked against the open corpus (its ``outlets``, story ids,
    the story view's ``tabs``); and the notes for what names nothing there."""
    state: dict[str, Any] = {}
    notes = []
    if view.outlets:
        state[STATE["outlets"]], gone = known(view.outlets, outlets)
        if gone:
            notes.append(f"The link's outlet filter names {', '.join(gone)}, not in this corpus: left out.")
    if view.story in set(stories):
        state[STATE["story"]] = view.story
    elif view.story:
        notes.append(stale_note("story", view.story, "the first story"))
    tab = match(view.tab, tabs)
    if tab is not None:
        state[STATE["tab"]] = tab
    elif view.tab:
        notes.append(stale_note("tab", view.tab, "the first tab"))
    return state, notes


def shown(state: Mapping[str, Any], story: str | None) -> View:
    """The view the dashboard's widget ``state`` shows, with ``story`` open (None: no story shown)."""
    choice = state.get(STATE["corpus"])
    other = choice == OTHER_FOLDER
    tab = state.get(STATE["tab"]) if story else None
    return View(
        corpus=slug(choice) if choice and not other else None,
        folder=(str(state.get(STATE["folder"]) or "").strip() or None) if other else None,
        story=story,
        tab=slug(tab) if tab else None,
        outlets=tuple(state.get(STATE["outlets"]) or ()),
        teacher=bool(state.get(STATE["teacher"])),
    )
