"""Bytes to text: BOMs, UTF-8, UTF-16, cp1252/latin-1, binary detection, mojibake repair."""

from __future__ import annotations

import codecs

import ftfy
from charset_normalizer import from_bytes

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
    """NUL bytes or many control characters in the first 8 KB (after any UTF-16/32 BOM check)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and controls / len(sample) > 0.05


def decode(data: bytes) -> str | None:
    """The text of ``data``, or None when it is binary or cannot be decoded."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return fix_text(data.decode(encoding))
            except UnicodeDecodeError:
                return None
    if looks_binary(data):
        # UTF-16 written without a byte-order mark is full of NULs too; take it when the detector is sure.
        guess = from_bytes(data[:8192]).best()
        if guess is None or not guess.encoding.startswith(("utf_16", "utf_32")):
            return None
        try:
            return fix_text(data.decode(guess.encoding))
        except UnicodeDecodeError:
            return None
    try:
        return fix_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding not in {"utf_16", "utf_32"}:
        return fix_text(str(best))
    return fix_text(data.decode("cp1252", errors="replace"))


def undecodable_code(data: bytes) -> Code:
    """Why ``decode`` gave up on ``data``: its byte-order mark declares an encoding the bytes then
    break (P103: re-save as UTF-8), or the content is not text at all (P101)."""
    return Code.P103 if data.startswith(tuple(bom for bom, _ in _BOMS)) else Code.P101


def fix_text(text: str) -> str:
    """Repair mojibake ("Ã©" for "é", "â€™" for "’") and normalise line ends."""
    return ftfy.fix_text(text, _FTFY).replace("\r\n", "\n").replace("\r", "\n")
