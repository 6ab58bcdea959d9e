"""Text normalisation shared by clause text and questions.

Provides :func:`normalise`, the first step of analysis for both sides of
retrieval. Questions arrive from a terminal (pasted text, terminal escapes,
smart quotes from Word or Outlook) and clause text arrives from converted
documents (curly quotes, en dashes, zero-width joiners). Unless both sides are
folded to the same plain form, "officer’s" and "officer's" are different
words to the analyser and "gift\u200b" never matches "gift".

Standard library only, and pure: the same input always gives the same output.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

# Terminal escape sequences are removed whole, before control characters are
# stripped, so that their parameters ("[31m") do not survive as text.
_ANSI_RE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                 # CSI: ESC [ params intermediates final
  | \x9b[0-?]*[ -/]*[@-~]                   # 8-bit CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])  # OSC, DCS, SOS, PM, APC ...
    [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)    # ... up to BEL or ST
  | \x1b[()*+\-./][0-~]                     # charset designation, e.g. ESC ( B
  | \x1b[78=>]                              # save/restore cursor, keypad modes
  | \x1b                                    # any other (lone) ESC
    """,
    re.VERBOSE,
)

_ESCAPE_START_RE = re.compile(r"[\x1b\x90\x98\x9b\x9d-\x9f]")

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02bb\u00b4\u275b\u275c\u2039\u203a\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u2034\u2037\u275d\u275e\u301d\u301e\u301f\u00ab\u00bb\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\u2e3a\u2e3b\ufe58\ufe63\uff0d"
# Invisible characters that split or disguise words: zero-width space/joiners,
# word joiner, BOM, soft hyphen and the invisible maths operators.
_INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"
# Bidirectional controls can make displayed text differ from what is matched.
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
# Control characters that separate words become spaces; the rest are dropped.
_SPACING_CONTROLS = "\t\n\r\x0b\x0c\x85\u2028\u2029"


def _build_table() -> dict[int, str | None]:
    """One str.translate table: a single C-level pass is much faster than regexes."""
    table: dict[int, str | None] = {}
    for ch in _SINGLE_QUOTES:
        table[ord(ch)] = "'"
    for ch in _DOUBLE_QUOTES:
        table[ord(ch)] = '"'
    for ch in _DASHES:
        table[ord(ch)] = "-"
    for ch in _INVISIBLE + _BIDI:
        table[ord(ch)] = None
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
        table[code] = None
    for ch in _SPACING_CONTROLS:
        table[ord(ch)] = " "
    # Lone surrogates: what Python makes of an invalid byte in argv or a surrogateescape stdin.
    # They are not text, cannot be encoded, and make spaCy's string hashing raise.
    for code in range(0xD800, 0xE000):
        table[code] = None
    return table


_TABLE = _build_table()


def normalise(text: str) -> str:
    """Fold ``text`` to the plain form that analysis and matching rely on.

    Escape sequences go first (their parameters would otherwise survive as
    text). Quotes and dashes are folded both before NFKC, because NFKC turns
    "″" into two primes and "´" into a combining accent, and after it, because
    NFKC produces em dashes from compatibility forms such as U+FE58.
    Whitespace is collapsed last so that removed characters never leave
    doubled spaces behind.
    """
    if not text:
        return ""
    if _ESCAPE_START_RE.search(text):
        text = _ANSI_RE.sub("", text)
    text = text.translate(_TABLE)
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    return " ".join(text.split())
