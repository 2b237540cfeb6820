"""``clear_caches``: it knows every process-level memo, and empties them."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections import Counter
from typing import Any

import numpy as np

import compare
from compare import caches, gender, stage_code

# the modules, not the panel functions compare.framing exports under the same names
distinctive = importlib.import_module("compare.framing.distinctive")
naming = importlib.import_module("compare.framing.naming")
text = importlib.import_module("compare.framing.text")
tone = importlib.import_module("compare.framing.tone")


def _size(memo: Any) -> int:
    return memo.cache_info().currsize if hasattr(memo, "cache_info") else len(memo)


def _listed() -> list[tuple[str, str]]:
    return [
        (module, name)
        for listing in (caches.MEMOS, caches.MODELS)
        for module, names in listing.items()
        for name in names
    ]


def test_caches_lists_every_memo_in_compare() -> None:
    """A new ``functools`` cache or ``_..._CACHE`` dict anywhere in compare/ must be listed in compare/caches.py."""
    for info in pkgutil.walk_packages(compare.__path__, "compare."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found = {
        (module.__name__, name)
        for module_name, module in list(sys.modules.items())
        if module_name.startswith("compare.")
        for name, value in vars(module).items()
        if (hasattr(value, "cache_clear") and getattr(value, "__module__", None) == module_name)
        or (name.endswith("_CACHE") and isinstance(value, dict))
    }
    assert found - set(_listed()) == set(), "list these memos in compare/caches.py"
    missing = [(m, n) for m, n in _listed() if not hasattr(importlib.import_module(m), n)]
    assert not missing, f"compare/caches.py names memos that do not exist: {missing}"


def test_caches_clear_empties_memos_and_keeps_models() -> None:
    text.term_pattern(("word",))
    tone._compound("A good day.")
    stage_code.code_digest("compare.clean")
    distinctive._CORPUS_CACHE["key"] = distinctive.TermPrior(Counter(), frozenset())
    naming._ENTITY_CACHE["text"] = ()
    text._VECTOR_CACHE[("model", "text")] = np.zeros(3)
    gender._table()
    assert _size(text.term_pattern) and _size(tone._compound) and _size(stage_code.code_digest)

    caches.clear_caches()

    sizes = {(m, n): _size(getattr(importlib.import_module(m), n)) for m, names in caches.MEMOS.items() for n in names}
    assert set(sizes.values()) == {0}, sizes
    assert _size(gender._table) == 1  # loaded tables and models stay unless asked

    caches.clear_caches(models=True)
    assert _size(gender._table) == 0
    assert all(_size(getattr(importlib.import_module(m), n)) == 0 for m, names in caches.MODELS.items() for n in names)
