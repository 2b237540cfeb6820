"""Each framing panel's table for one story, computed on first use and kept.

The tables are compare.framing's own; their ``evidence`` columns hold Evidence records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from types import MappingProxyType

import pandas as pd

from compare import framing
from compare.ahead import Once
from compare.framing import StoryText
from compare.pipeline import Corpus

#: How each table is computed from the story's text and the corpus, in the order the Framing tab shows them.
#: The one list of tables: ``FramingTables.NAMES`` and the Framing tab's background steps come from it.
BUILDERS: Mapping[str, Callable[[StoryText, Corpus], pd.DataFrame]] = MappingProxyType(
    {
        "lede": lambda story, corpus: framing.headline_and_lede(story),
        "distinctive": lambda story, corpus: framing.distinctive_words(story, corpus.term_prior),
        "naming": lambda story, corpus: framing.naming(story, corpus.stored_entities),
        "loaded": lambda story, corpus: framing.loaded_language(story, corpus.term_prior),
        "verbs": lambda story, corpus: framing.attribution_verbs(story),
        "tone": lambda story, corpus: framing.tone(story),
        "markers": lambda story, corpus: framing.opinion_markers(story),
        "aspects": lambda story, corpus: framing.aspects(story, corpus.sentence_embedder),
        "frames": lambda story, corpus: framing.frames(story, corpus.sentence_embedder),
    }
)

#: The tables that read sentence vectors, so the sentence model (the others need none).
MODEL_TABLES = frozenset({"aspects", "frames"})


class FramingTables:
    """The framing tables of one story, each computed on first use and kept.

    Lazy, because the side-by-side view needs only the cheap ones (no sentence vectors);
    safe to fill from the dashboard's background worker while the reader asks for one.
    A table is read by its name: ``tables["tone"]``.
    """

    #: Every table, in the order the tab shows them.
    NAMES: tuple[str, ...] = tuple(BUILDERS)

    def __init__(self, corpus: Corpus, story_id: str) -> None:
        self.corpus = corpus
        self.story = framing.story_text(corpus.story_articles(story_id))
        self._tables: Once[str, pd.DataFrame] = Once()

    def __getitem__(self, name: str) -> pd.DataFrame:
        """The table ``name`` (one of ``NAMES``), computed now unless it already was."""
        return self._tables.get(name, partial(BUILDERS[name], self.story, self.corpus))

    def __contains__(self, name: object) -> bool:
        """Whether the table ``name`` is computed already."""
        return name in self._tables
