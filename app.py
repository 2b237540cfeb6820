"""Parallax dashboard: `streamlit run app.py`.

Layout and widgets only. Opening and building corpora is compare.pipeline's job, every
tab's content comes from compare.story (the same content as the HTML report; the page
loops over its ``TABS``), and files to download come from compare.export and
compare.render. Article text is untrusted: it reaches the page only as escaped HTML
from compare.highlight / compare.story, as table cells or plain
option text (selectbox and multiselect options are not Markdown), or through
``markdown_escape`` wherever Streamlit reads Markdown (labels, alerts, captions, help).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from compare import address, export, group, highlight, images, pipeline, regroup, settings, story, workspace
from compare.errors import ParallaxError
from compare.highlight import escape, markdown_escape
from compare.pipeline import Corpus
from compare.progress import Update
from compare.render import bundle, card, report
from compare.story import Layout, Panel, Tab, Widget, listing
from compare.story.common import filter_note, main_articles, outlets_of
from compare.story.content import StoryContent, model_loaded
from compare.story.quoted_officials import speaker_quotes_html
from compare.story.side_by_side import EXPLAIN_SIDE_BY_SIDE, SIDE_BY_SIDE_OUTLETS, column_html
from compare.text_format import counted
from compare.ui import add_articles, my_articles

_ICON = Path(__file__).resolve().parent / "assets" / "parallax-icon.png"

log = logging.getLogger("parallax.app")

MY_ARTICLES = add_articles.MY_ARTICLES
OTHER_FOLDER = address.OTHER_FOLDER
SORTS = {
    "Most outlets": (["outlets", "articles"], False),
    "Most articles": (["articles", "outlets"], False),
    "Newest first": (["last_published"], False),
    "Oldest first": (["first_published"], True),
    "Title": (["title"], True),
}
STORY_LIST_CONFIG = {
    "title": st.column_config.TextColumn("Story", width="large"),
    "outlets": st.column_config.NumberColumn("Outlets", width="small"),
    "articles": st.column_config.NumberColumn("Articles", width="small"),
    "independent_reports": st.column_config.NumberColumn(
        "Independent reports", help="Outlets not explained by shared copy; outlets carrying the same copy count once."
    ),
    "first": st.column_config.TextColumn("First"),
    "last": st.column_config.TextColumn("Last"),
}
APP_STYLE = """
.stMainBlockContainer h3{font-size:1.2rem;padding-top:0.8rem}
.px-title{font-size:1.9rem;font-weight:700;margin:0;line-height:1.2}
.px-sub{color:#475569;margin:0.2rem 0 0.4rem}
.px-story{font-size:1.45rem;font-weight:700;margin:0.4rem 0 0.1rem;line-height:1.25}
"""


# ---------------------------------------------------------------------------------------
# Opening corpora (cached: a built corpus opens once per process, with no recomputation)


@st.cache_resource(show_spinner=False, max_entries=4)
def _opened(path: str, signature: str) -> Corpus:
    """The built corpus, read from its cache once per process (a new signature means it changed)."""
    return pipeline.open_corpus(Path(path))


@st.cache_resource(show_spinner=False, max_entries=8)
def _regrouped(path: str, signature: str, sensitivity: float) -> Corpus:
    """The corpus with its stories at another grouping sensitivity (vectors reused, nothing re-embedded)."""
    base = _opened(path, signature)
    return dataclasses.replace(base, stories=base.regroup(sensitivity))


@st.cache_resource(show_spinner=False, max_entries=32)
def _content(_corpus: Corpus, key: tuple[Any, ...], story_id: str) -> StoryContent:
    """One story's tabs, computed on first visit and kept: revisits and exports reuse them."""
    return StoryContent(_corpus, story_id)


@st.cache_data(show_spinner=False, max_entries=8)
def _story_list(_corpus: Corpus, key: tuple[Any, ...]) -> Any:
    return listing.story_list(_corpus)


def _open(path: Path, sensitivity: float) -> tuple[Corpus, tuple[Any, ...]]:
    """The corpus at ``path``, building it first (with a progress bar) when its cache is stale."""
    signature = workspace.signature(path)
    if st.session_state.get("_opened") != (str(path), signature) and not pipeline.is_built(path):
        bar = st.progress(0.0, text="Building the corpus: reading articles…")

        def progress(update: Update) -> None:
            bar.progress(update.share, text=f"Building the corpus: {update.describe()}…")

        pipeline.build(path, progress=progress)
        bar.empty()
        signature = workspace.signature(path)
    st.session_state["_opened"] = (str(path), signature)
    if abs(sensitivity - settings.GROUPING_SENSITIVITY) < 1e-9:
        return _opened(str(path), signature), (str(path), signature, None)
    return _regrouped(str(path), signature, sensitivity), (str(path), signature, sensitivity)


# ---------------------------------------------------------------------------------------
# Small layout helpers


def _guard(what: str, draw: Callable[..., None], *args: Any) -> None:
    """Draw one part of the page; a failure shows a message there instead of a traceback."""
    try:
        draw(*args)
    except ParallaxError as exc:
        st.error(markdown_escape(exc))
    except Exception as exc:  # the page must never show a traceback
        log.exception("%s failed", what)
        st.error(
            f"{what} could not be shown ({type(exc).__name__}: {markdown_escape(exc)}). "
            "The rest of the page still works."
        )


def _download(
    place: Any,
    label: str,
    data: Callable[[], bytes | str],
    file_name: str,
    key: str,
    icon: str,
    *,
    help: str | None = None,
    disabled: bool = False,
) -> None:
    """One download button: the file is made only when clicked (``data`` is called then), its type follows its
    name's extension, and clicking it does not re-run the page."""
    place.download_button(
        label,
        data,
        file_name,
        export.MIME[file_name.rsplit(".", 1)[1]],
        key=key,
        help=help,
        icon=icon,
        on_click="ignore",
        disabled=disabled,
    )


def _download_row(name: str, figure: Any, key: str) -> None:
    """Server-side PNG, SVG and standalone HTML of one chart (made only when clicked; the button spins meanwhile).
    The image renderer is started in the background as soon as a chart is shown, so the first click finds it
    warm."""
    chromium = settings.CHROMIUM_PATH.is_file()
    if chromium:
        images.RENDERER.warm()
    reason = None if chromium else f"Needs Chromium at {settings.CHROMIUM_PATH}; the chart's camera button works."
    stem = export.file_stem(name)
    row = st.container(horizontal=True)
    icons = {"png": ":material/image:", "svg": ":material/draw:"}
    for fmt in export.IMAGE_FORMATS:
        _download(
            row,
            fmt.upper(),
            partial(export.figure_image, figure, fmt),
            f"{stem}.{fmt}",
            f"{key}-{fmt}",
            icons[fmt],
            help=reason,
            disabled=not chromium,
        )
    _download(
        row,
        "HTML",
        lambda: export.figure_html(figure, name),
        f"{stem}.html",
        f"{key}-html",
        ":material/code:",
        help="The interactive chart in one offline file",
    )


def _speaker_picker(panel: Panel, key: str, outlets: list[str]) -> None:
    """Choose a speaker; their quotes appear in one column per outlet."""
    quotes = panel.table
    assert quotes is not None
    names = quotes.drop_duplicates("speaker_id").set_index("speaker_id")["speaker"].to_dict()
    ranked = list(quotes["speaker_id"].value_counts().index)
    chosen = st.selectbox("Speaker", ranked, format_func=lambda s: names.get(s, s), key=f"{key}-speaker")
    st.html(speaker_quotes_html(quotes, chosen, outlets))


#: The controls panels ask for (``Panel.widget``), each drawn with the panel, its key and the story's outlets.
_WIDGETS: dict[Widget, Callable[[Panel, str, list[str]], None]] = {Widget.SPEAKER_PICKER: _speaker_picker}


def _show_panel(panel: Panel, key: str, outlets: list[str]) -> None:
    """One panel: title, teacher explanation beside it, chart/table/HTML and their downloads."""
    teacher = st.session_state.get("teacher", False)
    body, aside = st.columns([3, 1], gap="medium") if teacher else (st.container(), None)
    if aside is not None:
        aside.info(panel.explain, icon=":material/school:")
    with body:
        if panel.figure is None:  # a chart carries its own title (kept in every export)
            st.subheader(panel.title, help=None if teacher else panel.explain)
        if panel.note:
            (st.info if panel.empty else st.caption)(panel.note)
        if panel.figure is not None:
            fmt = st.session_state.get("toolbar_format", "png")
            st.plotly_chart(panel.figure, config=export.toolbar_config(panel.title, fmt), key=f"{key}-chart")
            _download_row(panel.title, panel.figure, key)
        if panel.widget is not None:
            _WIDGETS[panel.widget](panel, key, outlets)
        elif panel.html:
            st.html(panel.html)
        if panel.table is not None and not panel.table.empty:
            # Beside a chart or a laid-out view, the table is the detail: folded away until asked for.
            folded = panel.figure is not None or bool(panel.html)
            place = st.expander(f"Table ({len(panel.table):,} rows)", icon=":material/table:") if folded else body
            _table(place, panel.table, panel.title, key)


def _table(place: Any, table: Any, name: str, key: str) -> None:
    """A table with its CSV download (made only when clicked)."""
    place.dataframe(table, hide_index=True, key=f"{key}-table")
    _download(
        place, "CSV", lambda: export.table_csv(table), f"{export.file_stem(name)}.csv", f"{key}-csv", ":material/table:"
    )


# ---------------------------------------------------------------------------------------
# The view in the address (compare.address): read once per session, written on every run


def _address_read() -> None:
    """A session's first run: the address's corpus and teacher mode go into their widgets before those
    are drawn; its outlets, story and tab wait for the corpus (``_address_in_corpus``)."""
    if st.session_state.get("_address_read"):
        return
    view = address.read(st.query_params.get_all)
    state, notes = address.corpus_state(view, _corpus_choices())
    st.session_state.update(state, _address_read=True, _address_notes=notes, _address_pending=view)


def _address_in_corpus(corpus: Corpus, key: tuple[Any, ...]) -> None:
    """Once the corpus is open: the address's outlets, story and tab, each checked against it; what names
    nothing here is left out and said once, in one short note."""
    view: address.View | None = st.session_state.pop("_address_pending", None)
    notes: list[str] = st.session_state.pop("_address_notes", [])
    if view is not None:
        stories = (s.story_id for s in corpus.stories)
        state, more = address.story_state(view, _facets(corpus, key)[0], stories, [t.name for t in story.TABS])
        st.session_state.update(state)
        notes += more
    if notes:
        st.info(markdown_escape(" ".join(notes)), icon=":material/link:")


def _address_write(story_id: str | None) -> None:
    """The address follows the view on every run, so a reload or a copied link shows the same view."""
    wanted = address.params(address.shown(st.session_state.to_dict(), story_id))
    if not address.same({k: st.query_params.get_all(k) for k in st.query_params}, wanted):
        st.query_params.from_dict(wanted)


def _menu_label() -> str:
    """The corpus as the corpus menu names it (a folder of the user's by its name), for the browser tab."""
    choice = st.session_state.get("corpus_source") or _corpus_choices()[0]
    if choice == OTHER_FOLDER:
        folder = (st.session_state.get("folder") or "").strip()
        return Path(folder).name or folder or "Parallax"
    return str(choice)


# ---------------------------------------------------------------------------------------
# Sidebar


def _corpus_choices() -> list[str]:
    bundled = sorted(p.name for p in settings.CORPORA_DIR.iterdir() if p.is_dir() and not p.name.startswith("."))
    return [*bundled, MY_ARTICLES, OTHER_FOLDER]


def _chosen_path(choice: str) -> Path | None:
    if choice == MY_ARTICLES:
        return settings.WORKSPACE_DIR
    if choice == OTHER_FOLDER:
        folder = st.session_state.get("folder", "").strip()
        return Path(folder).expanduser() if folder else None
    return settings.CORPORA_DIR / choice


def _sidebar() -> tuple[Path | None, DeltaGenerator]:
    """The sidebar; returns the chosen corpus folder and the place where the story filters go."""
    with st.sidebar:
        st.html('<p class="px-title">Parallax</p><p class="px-sub">How outlets cover the same event</p>')
        choices = _corpus_choices()
        st.selectbox("Corpus", choices, key="corpus_source")
        if st.session_state.get("corpus_source") == OTHER_FOLDER:
            st.text_input("Folder", key="folder", placeholder="/path/to/articles")
        with st.expander("Add articles", icon=":material/add:"):
            _guard("Adding articles", add_articles.add_articles)
        st.slider(
            "Grouping sensitivity",
            0.0,
            1.0,
            step=0.05,
            key="sensitivity",
            help="Higher splits coverage into more, narrower stories; lower merges related coverage.",
        )
        st.toggle("Teacher mode", key="teacher", help="Plain-language explanations beside every panel.")
        st.radio(
            "Chart camera button saves",
            ["png", "svg"],
            key="toolbar_format",
            horizontal=True,
            format_func=str.upper,
            help="The camera icon in each chart's toolbar saves this format in the browser.",
        )
        filters = st.container()
    return _chosen_path(st.session_state["corpus_source"]), filters


@st.cache_data(show_spinner=False, max_entries=8)
def _facets(_corpus: Corpus, key: tuple[Any, ...]) -> tuple[list[str], tuple[dt.date, dt.date] | None]:
    """The corpus's outlets and first and last publication day (None without dates), for the filters."""
    facets = _corpus.facets
    dates = [d for d in (facets.first_day, facets.last_day) if d]
    return list(facets.outlet_articles), listing.date_bounds(dates) if dates else None


def _filters(corpus: Corpus, key: tuple[Any, ...], box: DeltaGenerator) -> tuple[list[str], Any]:
    """Outlet and date filters for the story list (dates only when the corpus has them)."""
    outlets, bounds = _facets(corpus, key)
    chosen = box.multiselect("Outlets", outlets, key="outlet_filter", placeholder="All outlets")
    if bounds is None:
        box.caption("No publication dates in this corpus, so there is no date filter.")
        return chosen, None
    first, last = bounds
    span = box.date_input("Published between", (first, last), min_value=first, max_value=last, key="date_filter")
    return chosen, span


# ---------------------------------------------------------------------------------------
# Story list and story view


def _story_picker(corpus: Corpus, key: tuple[Any, ...], filters: DeltaGenerator) -> str | None:
    """The story list with search, sort and filters; returns the chosen story's id."""
    table = _story_list(corpus, key)
    outlets, span = _filters(corpus, key, filters)
    st.markdown("#### Stories")
    search, sort = st.columns([3, 1])
    query = search.text_input("Search stories", key="story_search", placeholder="Words in the headline or key terms")
    order = sort.selectbox("Sort by", list(SORTS), key="story_sort")
    shown = listing.filter_story_list(table, query=query, outlets=outlets, span=span)
    columns, ascending = SORTS[order]
    shown = shown.sort_values(columns, ascending=ascending, na_position="last").reset_index(drop=True)
    if shown.empty:
        st.info("No story matches the search and filters. Clear them to see every story.")
        return None
    ids = shown["story_id"].tolist()  # not list(): iterating an Arrow column item by item is slow
    if st.session_state.get("story") not in ids:
        st.session_state["story"] = ids[0]

    def picked_row() -> None:
        rows = st.session_state["story_table"].selection.rows
        if rows:
            st.session_state["story"] = ids[rows[0]]

    st.dataframe(
        shown[listing.STORY_LIST_COLUMNS],
        hide_index=True,
        on_select=picked_row,
        selection_mode="single-row",
        key="story_table",
        height=min(400, 38 + 35 * len(shown)),
        column_config=STORY_LIST_CONFIG,
    )
    labels = dict(zip(ids, shown["title"].tolist(), strict=True))
    pick, csv = st.columns([4, 1])
    pick.selectbox("Story", ids, key="story", format_func=lambda i: labels.get(i, i))
    _download(csv, "Story list CSV", lambda: export.table_csv(shown), "stories.csv", "stories-csv", ":material/table:")
    return str(st.session_state["story"])


@dataclasses.dataclass(frozen=True)
class _StoryFile:
    """One of the story's own files, offered beside its title."""

    label: str
    make: Callable[[Corpus, str, StoryContent], bytes | str]  # from the corpus, the story id and its content
    ending: str  # of the file name, after the story's title
    key: str
    icon: str
    photographed: bool  # made by Chromium: disabled without it
    help: str


_STORY_FILES = (
    _StoryFile(
        "Story report (HTML)",
        report.report_html,
        ".html",
        "report-html",
        ":material/description:",
        False,
        "Every tab of this story in one offline HTML file.",
    ),
    _StoryFile(
        "Comparison card (PNG)",
        card.comparison_card_png,
        "-card.png",
        "card-png",
        ":material/print:",
        True,
        "One printable page for class: headlines, quoted officials, three framing highlights per outlet.",
    ),
    _StoryFile(
        "All charts and tables (zip)",
        bundle.story_bundle,
        ".zip",
        "bundle-zip",
        ":material/folder_zip:",
        True,
        "Every chart as PNG, SVG and HTML, every table as CSV, the story report and the printable card.",
    ),
)


def _story_header(corpus: Corpus, key: tuple[Any, ...], story_id: str) -> None:
    title = corpus.story(story_id).title
    content = _content(corpus, key, story_id)
    meta = content.meta + filter_note(corpus, story_id, st.session_state.get("outlet_filter") or [])
    st.html(f'<p class="px-story">{escape(title)}</p><p class="px-sub">{escape(meta)}</p>')
    row = st.container(horizontal=True)
    stem = export.file_stem(title)
    chromium = settings.CHROMIUM_PATH.is_file()
    for file in _STORY_FILES:
        _download(
            row,
            file.label,
            partial(file.make, corpus, story_id, content),
            f"{stem}{file.ending}",
            file.key,
            file.icon,
            disabled=file.photographed and not chromium,
            help=file.help,
        )


def _regroup(corpus: Corpus, story_id: str) -> None:
    """Merge this story with another, move an article out, or undo; saved in the corpus folder. Each says
    what it did, and the view stays on the story the change leaves (a changed story gets a new id)."""
    if "_regroup_said" in st.session_state:
        kind, message = st.session_state.pop("_regroup_said")
        getattr(st, kind)(markdown_escape(message))
    current = corpus.story(story_id)
    articles = corpus.story_articles(story_id)
    move, merge = st.columns(2)
    titles = {a.id: f"{a.outlet}: {a.title}" for a in articles}
    chosen = move.selectbox("Article", list(titles), format_func=titles.__getitem__, key=f"move-{story_id}")
    left = [a for a in current.article_ids if a != chosen]
    move.button(
        "Move it out of this story",
        key="move_out",
        disabled=chosen is None or len(articles) < 2,
        on_click=_regroup_change,
        args=(
            partial(regroup.move_out, corpus.path, str(chosen)),
            f"Moved “{titles.get(str(chosen), '')}” out of this story: it is now a story of its own.",
            group.story_id(left),
        ),
    )
    others = {s.story_id: s.title for s in corpus.stories if s.story_id != story_id}
    target = merge.selectbox("Other story", list(others), format_func=others.__getitem__, key=f"merge-{story_id}")
    joined = [*current.article_ids, *(corpus.story(str(target)).article_ids if target else ())]
    merge.button(
        "Merge it into this story",
        key="merge",
        disabled=target is None,
        on_click=_regroup_change,
        args=(
            partial(regroup.merge_stories, corpus.path, current.article_ids[0], joined[-1]),
            f"Merged “{others.get(str(target), '')}” into this story: it now has {counted(len(joined), 'article')}.",
            group.story_id(joined),
        ),
    )
    st.button(
        "Undo the last change",
        key="undo",
        icon=":material/undo:",
        on_click=_regroup_change,
        args=(partial(regroup.undo, corpus.path), "Undid the last change to this corpus's stories.", None),
    )


def _regroup_change(change: Callable[[], object], said: str, then: str | None) -> None:
    """Button callback: make one regrouping change, then show the story ``then`` (callbacks run before the
    widgets exist, so the story choice can still change) and say what was done."""
    try:
        done = change()
    except Exception as exc:  # the page must never show a traceback
        log.exception("regrouping failed")
        st.session_state["_regroup_said"] = ("error", f"The change could not be saved ({type(exc).__name__}: {exc}).")
        return
    if done is False:  # undo with nothing to undo
        st.session_state["_regroup_said"] = ("info", "Nothing to undo.")
        return
    if then is not None:
        st.session_state["story"] = then
    st.session_state["_regroup_said"] = ("success", said)


def _columns_tab(corpus: Corpus, key: tuple[Any, ...], story_id: str, tab: Tab) -> None:
    """A tab laid out in columns: the reader picks outlets (and, where an outlet has several, articles)."""
    _guard(tab.name, _side_by_side, corpus, key, story_id, tab)


def _side_by_side(corpus: Corpus, key: tuple[Any, ...], story_id: str, tab: Tab) -> None:
    articles = corpus.story_articles(story_id)
    outlets = outlets_of(articles)
    if len(outlets) < 2:
        st.info("Only one outlet covered this story, so there is nothing to set beside it. Its article is below.")
    most = SIDE_BY_SIDE_OUTLETS
    chosen = st.multiselect(
        f"Outlets side by side (2 to {most})",
        outlets,
        default=outlets[:most],
        max_selections=most,
        key=f"sbs-{story_id}",
    )
    if not chosen:
        st.info("Pick at least one outlet.")
        return
    main = main_articles(articles)
    picks: list[str] = []
    for outlet in chosen:
        own = {a.id: f"{outlet}: {a.title}" for a in articles if a.outlet == outlet}
        if len(own) > 1:
            label = f"{markdown_escape(outlet)} article"  # a label is Markdown; the outlet name is not ours
            first = list(own).index(main[outlet].id)  # the fullest, as the report and the card show
            choice = st.selectbox(
                label, list(own), index=first, format_func=own.__getitem__, key=f"sbs-{story_id}-{outlet}"
            )
            picks.append(str(choice))
        else:
            picks.append(main[outlet].id)
    if st.session_state.get("teacher"):
        st.info(EXPLAIN_SIDE_BY_SIDE, icon=":material/school:")
    st.html(highlight.legend_html())
    columns = _content(corpus, key, story_id).columns(tab, picks)
    for column, slot in zip(columns, st.columns(len(picks)), strict=True):
        slot.html(column_html(column))


def _panels_tab(corpus: Corpus, key: tuple[Any, ...], story_id: str, tab: Tab) -> None:
    """A tab laid out as panels, computed now unless the background worker computed it already."""
    outlets = list(corpus.story(story_id).outlets)
    content = _content(corpus, key, story_id)
    if not content.ready(tab):
        # Work queued for a story left behind would slow this one down; compute_ahead (after the
        # tabs) queues this story's other tabs again.
        content.cancel_ahead()
    first = " (loading the sentence model, once)" if tab.needs_model and not model_loaded() else ""
    with st.spinner(f"Working out the {tab.name} tab{first}…") if not content.ready(tab) else nullcontext():
        panels = content.panels(tab)
    for i, panel in enumerate(panels):
        _guard(panel.title, _show_panel, panel, f"{story_id}-{tab.name}-{i}", outlets)


#: How the page draws a tab of each layout.
_LAYOUTS: dict[Layout, Callable[[Corpus, tuple[Any, ...], str, Tab], None]] = {
    Layout.PANELS: _panels_tab,
    Layout.COLUMNS: _columns_tab,
}


def _story_view(corpus: Corpus, key: tuple[Any, ...], story_id: str) -> None:
    _story_header(corpus, key, story_id)
    fixing = st.expander("Fix this story's grouping", icon=":material/call_split:", key="fixing", on_change="rerun")
    if fixing.open:  # built only when opened: a big corpus has thousands of stories to merge with
        with fixing:
            _guard("Regrouping", _regroup, corpus, story_id)
    tabs = story.TABS
    for tab, place in zip(tabs, st.tabs([t.name for t in tabs], key="tab", on_change="rerun"), strict=True):
        if not place.open:
            continue  # only the open tab is computed: switching stays fast on big corpora
        with place:
            _LAYOUTS[tab.layout](corpus, key, story_id, tab)
    if settings.COMPUTE_AHEAD:
        _content(corpus, key, story_id).compute_ahead()  # the other tabs, while this one is read


def _corpus_header(corpus: Corpus) -> None:
    info = corpus.info
    # The filter's state is already this run's (a widget's new value is in session state before the rerun).
    counts = listing.corpus_counts(corpus, st.session_state.get("outlet_filter") or ())
    st.html(
        f'<p class="px-title">{escape(info.name)}</p><p class="px-sub">{escape(counts)}'
        f"{' · ' + escape(info.description) if info.description else ''}</p>"
    )
    if st.session_state.get("corpus_source") == MY_ARTICLES:
        manager = st.expander(
            "Manage my articles: correct, remove, replace, undo",
            icon=":material/edit:",
            key="managing",
            on_change="rerun",
        )
        if manager.open:
            with manager:
                _guard("Managing your articles", my_articles.manage, corpus.path)
    problems = corpus.tables.problems()
    if problems:
        with st.expander(f"{len(problems)} input file(s) merged or not loaded — see why", icon=":material/warning:"):
            _table(st.container(), listing.ingest_table(problems), "ingest report", "ingest")
    browser = st.expander(
        "Articles by outlet, their clean text, and what cleaning removed",
        icon=":material/article:",
        key="browsing",
        on_change="rerun",
    )
    if browser.open:  # built only when opened: listing 10,000 articles on every rerun slowed every click
        with browser:
            _articles_browser(corpus)


def _articles_browser(corpus: Corpus) -> None:
    """Every article by outlet with its clean text and the boilerplate lines removed from it (for audit)."""
    _table(st.container(), listing.ingest_table(corpus.report), "ingest report (all files)", "ingest-all")
    articles = sorted(corpus.articles, key=lambda a: (a.outlet.lower(), a.title.lower()))
    chosen = st.selectbox(
        "Article",
        articles,
        format_func=lambda a: f"{a.outlet} — {a.title}",
        key="browse-article",
    )
    if chosen is None:
        return
    text_column, removed_column = st.columns([3, 2])
    text_column.html(
        f"<p><b>{escape(chosen.title)}</b><br><small>{escape(chosen.outlet)} · {escape(chosen.file)}"
        f"{' · via ' + escape(chosen.declared_source) if chosen.declared_source else ''}</small></p>"
        + "".join(f"<p>{escape(p)}</p>" for p in chosen.text.split("\n\n"))
    )
    if not chosen.removed:
        removed_column.caption("Cleaning removed nothing from this article.")
        return
    removed_column.caption(f"Removed by cleaning ({len(chosen.removed)} lines), each with the rule that removed it")
    removed_column.html(listing.removed_lines_html(chosen.removed, chosen.removal_reasons))


def main() -> None:
    """The page, then the address made to name what it shows."""
    _address_read()
    _address_write(_page())


def _page() -> str | None:
    """Sidebar, corpus header, story list and the chosen story; returns the story shown, if any."""
    # a local file: a Material icon as the page icon is fetched from an outside font server by the browser
    st.set_page_config(page_title=f"{_menu_label()} · Parallax", page_icon=str(_ICON), layout="wide")
    st.html(f"<style>{highlight.STYLE}{APP_STYLE}</style>")
    st.session_state.setdefault("sensitivity", settings.GROUPING_SENSITIVITY)
    path, filters = _sidebar()
    _guard("Checking the files to add", add_articles.upload_review)
    if path is None:
        st.info("Type the path of a folder of articles in the sidebar.")
        return None
    if not path.exists():
        if path == settings.WORKSPACE_DIR:
            st.info("Your own corpus is empty. Add articles with **Add articles** in the sidebar.")
        else:
            st.error(f"The folder {markdown_escape(path)} does not exist. Check the path.")
        return None
    corpus, key = _open(path, float(st.session_state["sensitivity"]))
    _address_in_corpus(corpus, key)
    _corpus_header(corpus)
    if not corpus.articles:
        st.info("This corpus has no articles yet. Add some with **Add articles** in the sidebar.")
        return None
    story_id = _story_picker(corpus, key, filters)
    if story_id is not None:
        st.divider()
        _story_view(corpus, key, story_id)
    return story_id


if __name__ == "__main__":
    _guard("Parallax", main)
