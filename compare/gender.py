"""A first name's usual gender: lets "she" skip "Jeff Merkley" when the article gives no other sign.

The data is nomquamgender's (Van Buskirk et al. 2022, MIT licence): for each first name,
the share of women among its bearers across 36 name-gender sources. Only names that are
common and clearly gendered answer; "Jordan" or "Leslie" give no answer, and a pronoun
then falls back to the article's own evidence (titles, "spokeswoman", "her").
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from compare import settings
from compare.errors import Code, ParallaxError


def _data_file() -> Path:
    """nomquamgender's table, found without importing the package (its import loads the table into pandas)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or spec.origin is None:
        raise ParallaxError(Code.P131, package="nomquamgender")
    return Path(spec.origin).with_name("name_data.json")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Common first names -> "f" / "m" when their bearers are clearly of one gender, else "" (loaded once per
    process, ~1 s): one table for both questions this module answers."""
    with _data_file().open(encoding="utf-8") as file:
        rows: dict[str, list] = json.load(file)
    table = {}
    confident, common = settings.SPEAKER_GENDER_SHARE, settings.SPEAKER_GENDER_MIN_BEARERS
    for name, (_, bearers, share_female, *_) in rows.items():
        if bearers >= common:
            clear = share_female >= confident or share_female <= 1 - confident
            table[name] = ("f" if share_female >= confident else "m") if clear else ""
    return table


def _folded(word: str) -> str | None:
    """A first name as the table holds it (plain lower-case ASCII letters), or None for no name at all."""
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower().strip(".")
    return folded if len(folded) >= 2 and folded.isalpha() else None


def first_name_gender(first_name: str) -> str | None:
    """ "f" or "m" when the first name is common and clearly gendered ("Hillary", "Jeff"), else None."""
    folded = _folded(first_name)
    return (_table().get(folded) or None) if folded else None


def is_first_name(word: str) -> bool:
    """True for a common first name of either gender or both ("Lee", "Jean", "Jordan"): no description to drop."""
    folded = _folded(word)
    return folded is not None and folded in _table()
