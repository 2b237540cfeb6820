"""Quality harness: score Parallax on labelled real data.

One module per task (``grouping``, ``quotes``, ``passages``, ``framing``,
``boilerplate``, ``boilerplate-web`` in ``boilerplate_web``, ``dates``), each with ``evaluate(dataset) -> dict``
(figures for Parallax and a baseline measured in the same run) and ``render(result) -> str`` for people. The dev
data lives outside the repository (``../shared/data``); nothing here copies it.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TASKS = ("grouping", "quotes", "speaker-types", "passages", "framing", "boilerplate", "boilerplate-web", "dates")

#: Labelled dev data; override with PARALLAX_SHARED_DATA.
SHARED_DATA = Path(
    os.environ.get("PARALLAX_SHARED_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data")
)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a (possibly gzipped) JSON Lines file, skipping blank lines."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
