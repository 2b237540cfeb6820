"""The user's manual regrouping: merge two stories, move an article out, undo.

Changes are saved as a list of actions in ``regroup.json`` inside the corpus folder,
expressed in article ids (never story ids, which change with the members), so they
survive rebuilds and sensitivity changes and are replayed on whatever the automatic
grouping produced. Undo drops the last action. The file is left out of the cache
fingerprint (see ``compare.store``), so editing it never triggers a rebuild.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from compare.errors import Code, ParallaxError
from compare.group import key_terms, make_story, story_order
from compare.model import Article, Story
from compare.store import atomic_write_bytes

log = logging.getLogger(__name__)

REGROUP_FILE = "regroup.json"
_VERSION = 1
_WORD = re.compile(r"\w+")

Action = dict[str, Any]


def regroup_path(corpus_dir: Path) -> Path:
    return corpus_dir / REGROUP_FILE


def load_actions(corpus_dir: Path) -> list[Action]:
    """The saved actions, oldest first; none when the file is absent.

    Raises:
        ParallaxError: P141 when the file exists but is not a valid action list.
    """
    path = regroup_path(corpus_dir)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ParallaxError(Code.P141, reason=f"{path} is unreadable ({exc}); fix or delete it") from exc
    actions = data.get("actions") if isinstance(data, dict) else None
    if not isinstance(actions, list) or not all(_valid(action) for action in actions):
        raise ParallaxError(Code.P141, reason=f"{path} is not a list of merge/move_out actions; fix or delete it")
    return actions


def _valid(action: Any) -> bool:
    if not isinstance(action, dict):
        return False
    if action.get("op") == "merge":
        ids = action.get("articles")
        return isinstance(ids, list) and len(ids) == 2 and all(isinstance(i, str) for i in ids)
    return action.get("op") == "move_out" and isinstance(action.get("article"), str)


def _save(corpus_dir: Path, actions: list[Action]) -> None:
    payload = json.dumps({"version": _VERSION, "actions": actions}, indent=1, ensure_ascii=False)
    try:
        atomic_write_bytes(regroup_path(corpus_dir), payload.encode("utf-8"))
    except OSError as exc:
        raise ParallaxError(Code.P141, reason=f"cannot write {regroup_path(corpus_dir)} ({exc})") from exc


def merge_stories(corpus_dir: Path, article_id_a: str, article_id_b: str) -> None:
    """Put the stories holding these two articles together (saved at once)."""
    if article_id_a == article_id_b:
        raise ParallaxError(Code.P141, reason="pick articles from two different stories to merge")
    _save(corpus_dir, [*load_actions(corpus_dir), {"op": "merge", "articles": [article_id_a, article_id_b]}])


def move_out(corpus_dir: Path, article_id: str) -> None:
    """Take one article out of its story; it becomes a story of its own (saved at once)."""
    _save(corpus_dir, [*load_actions(corpus_dir), {"op": "move_out", "article": article_id}])


def undo(corpus_dir: Path) -> bool:
    """Drop the last merge or move; False when there is nothing to undo."""
    actions = load_actions(corpus_dir)
    if not actions:
        return False
    _save(corpus_dir, actions[:-1])
    return True


def replay(groups: list[set[str]], actions: Sequence[Action]) -> list[set[str]]:
    """Member sets after the actions, in order; ids no longer in the corpus are skipped."""
    groups = [set(g) for g in groups]
    where = {article_id: k for k, group in enumerate(groups) for article_id in group}
    for action in actions:
        if action["op"] == "merge":
            a, b = (where.get(i) for i in action["articles"])
            if a is None or b is None or a == b:
                continue
            groups[a] |= groups[b]
            groups[b] = set()
            where.update(dict.fromkeys(groups[a], a))
        else:
            k = where.get(action["article"])
            if k is None or len(groups[k]) == 1:
                continue
            groups[k].discard(action["article"])
            groups.append({action["article"]})
            where[action["article"]] = len(groups) - 1
    return [g for g in groups if g]


def _headline(members: Sequence[Article], terms: Sequence[str]) -> str:
    """The member headline holding most of the story's key-term words (first id on ties)."""
    words = {w for term in terms for w in _WORD.findall(term.lower())}
    return min(members, key=lambda a: (-len(words & set(_WORD.findall(a.title.lower()))), a.id)).title


def apply_overrides(stories: list[Story], articles: Sequence[Article], corpus_dir: Path) -> list[Story]:
    """The automatic stories with the saved merges and moves applied.

    Stories the user did not touch are returned as they are; changed ones get fresh
    ids, outlets, dates, key terms and a headline. A damaged ``regroup.json`` is
    reported in the log and ignored, so a corpus always opens.
    """
    try:
        actions = load_actions(corpus_dir)
    except ParallaxError as exc:
        log.warning("%s", exc)
        return stories
    if not actions:
        return stories
    original = {frozenset(s.article_ids): s for s in stories}
    groups = replay([set(s.article_ids) for s in stories], actions)
    changed = [g for g in groups if frozenset(g) not in original]
    if not changed:
        return stories
    row = {a.id: k for k, a in enumerate(articles)}
    member_rows = [sorted(row[i] for i in g) for g in changed]
    terms = key_terms(member_rows, articles)
    result = [original[frozenset(g)] for g in groups if frozenset(g) in original]
    for rows, group_terms in zip(member_rows, terms, strict=True):
        members = [articles[k] for k in rows]
        result.append(make_story(members, _headline(members, group_terms), group_terms))
    return sorted(result, key=story_order)
