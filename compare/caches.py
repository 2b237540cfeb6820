"""The process-level memos results depend on, and one ``clear_caches`` that empties them.

Several modules keep what they computed for the life of the process (``functools``
caches, module-level dicts). Benchmarks that time a "fresh" run and tests that change
what those memos were computed from need them emptied; doing it here keeps them from
reaching into each module's private names, and the test that every memo is listed
here keeps the list whole.

Modules are looked up in ``sys.modules`` rather than imported: a module never imported
has nothing cached, and importing it (spaCy, torch) only to clear it would be slow.
"""

from __future__ import annotations

import sys
from typing import Any

#: Memos of computed values, by module: emptied by every ``clear_caches()``.
MEMOS: dict[str, tuple[str, ...]] = {
    "compare.stage_code": ("_closure", "_imported", "_providers", "library_versions", "code_digest"),
    "compare.model": ("_field_names",),
    "compare.parallel": ("_malloc_trim",),
    "compare.passages": ("_shared_text",),
    "compare.framing.text": ("_VECTOR_CACHE", "term_pattern"),
    "compare.framing.naming": ("_ENTITY_CACHE",),
    "compare.framing.distinctive": ("_CORPUS_CACHE",),
    "compare.framing.frames": ("_frame_matrix",),
    "compare.framing.tone": ("_compound",),
    "compare.framing.lede": ("_furniture",),
    "compare.framing.loaded": ("_loaded_index", "_literal_senses", "_attribution_index", "_CORPUS_WORDS"),
    "compare.nlp": ("lexicon",),
    "compare.speaker_resolver": ("_authored",),
}
#: Loaded models and tables, by module: emptied only by ``clear_caches(models=True)``, because reloading them
#: costs seconds and a benchmark of a fresh dashboard starts with the model already loaded.
MODELS: dict[str, tuple[str, ...]] = {
    "compare.nlp": ("spacy_model",),
    "compare.embed": ("default_embedder", "_worker_embedder", "_cuda_device"),
    "compare.gender": ("_table",),
    "compare.framing.tone": ("_analyzer",),
}


def _clear(memo: Any) -> None:
    """Empty one memo: a ``functools`` cache or a dict (anything else, e.g. a test's stand-in, is left alone)."""
    if hasattr(memo, "cache_clear"):
        memo.cache_clear()
    elif isinstance(memo, dict):
        memo.clear()


def clear_caches(models: bool = False) -> None:
    """Empty every process-level memo, as in a freshly started process.

    Args:
        models: also drop the loaded spaCy pipeline, embedding model and word tables (they are loaded again,
            taking seconds, when next used).
    """
    for listing in (MEMOS, MODELS) if models else (MEMOS,):
        for module_name, names in listing.items():
            module = sys.modules.get(module_name)
            if module is not None:
                for name in names:
                    _clear(getattr(module, name))
