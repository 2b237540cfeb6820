"""Bytes to text: BOMs, UTF-8, UTF-16, cp1252/latin-1, binary detection, mojibake repair."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from compare import settings
from compare.errors import Code

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Keep typographic quotes and dashes: they are evidence (quotes, passages), not noise.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)


def looks_binary(data: bytes) -> bool:
    """Control bytes (NUL included) make up more than ``settings.TEXT_MAX_CONTROL_SHARE`` of the first 8 KB.

    A share, not "any NUL": a stray NUL or two (a bad copy-paste, a text editor's padding) must not
    cost a good article, while real binary formats are full of them.
    """
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and controls / len(sample) > settings.TEXT_MAX_CONTROL_SHARE


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes; ``guess`` names the encoding when it was only a guess (P115)."""

    text: str
    guess: str | None = None


def decode(data: bytes) -> str | None:
    """The text of ``data``, or None when it is binary or cannot be decoded."""
    decoded = decode_checked(data)
    return decoded.text if decoded else None


def decode_checked(data: bytes) -> Decoded | None:
    """The text of ``data`` and whether its encoding was a guess, or None when it is binary or undecodable.

    Order: a byte-order mark, UTF-8, then cp1252 (Windows' superset of Latin-1) when it decodes
    cleanly into plausible Western text. Only then the statistical detector, whose guesses on short
    Latin-1 texts are often wrong ("città" read as cp1250 gives "cittą"), so its answer is flagged.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(fix_text(data.decode(encoding)))
            except UnicodeDecodeError:
                return None
    if looks_binary(data):
        # UTF-16 written without a byte-order mark is full of NULs too; take it when the detector is sure.
        guess = from_bytes(data[:8192]).best()
        if guess is None or not guess.encoding.startswith(("utf_16", "utf_32")):
            return None
        try:
            return Decoded(fix_text(data.decode(guess.encoding)))
        except UnicodeDecodeError:
            return None
    try:
        return Decoded(fix_text(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and plausible_western(western):
        return Decoded(fix_text(western))
    best = from_bytes(data).best()
    if best is not None and best.encoding not in {"utf_16", "utf_32"}:
        return Decoded(fix_text(str(best)), guess=best.encoding)
    if western is not None:
        return Decoded(fix_text(western), guess="cp1252")
    return Decoded(fix_text(data.decode("latin-1")), guess="latin-1")


#: Letters of the Western European alphabets (the letters cp1252 adds to ASCII).
_WESTERN_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŠšŽžŒœŸ]")


def plausible_western(text: str) -> bool:
    """Whether ``text`` (decoded as cp1252) reads like a Western European language.

    In those languages accented letters sit inside mostly-ASCII words ("señor", "città", "été");
    Cyrillic or Central European bytes read as cp1252 give words made of accented letters and
    symbols ("Ïðèâåò", "za¿ó³æ"), which is the sign that another code page was meant.
    """
    odd = total = 0
    for word in re.findall(r"\S*[^\x00-\x7f]\S*", text):
        word = word.strip(".,;:!?\"'()[]«»“”‘’…–—-")
        if not word or all(c < "\x80" for c in word):
            continue  # punctuation such as “ ” or – beside a word
        total += 1
        letters = [c for c in word if c.isalpha()]
        foreign = sum(1 for c in letters if c >= "\x80")
        symbols = any(c >= "\x80" and not c.isalpha() for c in word.strip("€%°"))  # "za¿ó³æ"
        mostly_accented = len(letters) >= 4 and foreign * 2 > len(letters)  # "Ïðèâåò"
        if symbols or mostly_accented or not all(_WESTERN_LETTER.match(c) for c in letters):
            odd += 1
    return total == 0 or odd <= settings.ENCODING_MAX_ODD_WORD_SHARE * total


def undecodable_code(data: bytes) -> Code:
    """Why ``decode`` gave up on ``data``: its byte-order mark declares an encoding the bytes then
    break (P103: re-save as UTF-8), or the content is not text at all (P101)."""
    return Code.P103 if data.startswith(tuple(bom for bom, _ in _BOMS)) else Code.P101


def fix_text(text: str) -> str:
    """Repair mojibake ("Ã©" for "é", "â€™" for "’") and normalise line ends."""
    return ftfy.fix_text(text, _FTFY).replace("\r\n", "\n").replace("\r", "\n")
