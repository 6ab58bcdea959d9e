"""Text from users and files made safe to show: the one helper every echo goes through.

A council name, a file name, a typed command or a document's own text can carry terminal
escape sequences (which retitle the window or clear the screen), other control characters,
the printable remains of an escape whose ESC byte was stripped somewhere ("[2J[H"), and
bidirectional overrides (U+202E), which make displayed text read differently from what it
is. None of them is ever shown.

Standard library only, with linear-time patterns: this runs over whole documents.
"""

from __future__ import annotations

import re

__all__ = ["BIDI", "clean_text", "has_control", "shown", "ECHO_LIMIT"]

ECHO_LIMIT = 120
"""The most of an unknown input an error message repeats back (a 1 MB line gets a short reply)."""

# Whole escape sequences go first, so their parameters do not survive as text. Each
# alternative is a run of one character class after a fixed opening: no backtracking.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"                            # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]?"                             # 8-bit CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, … to BEL/ST
    r"|\x1b[ -/]*[0-~]?"                                   # charset designation, ESC 7, any other ESC
)
# The printable remains of a CSI sequence whose ESC was removed by an earlier step:
# "[2J", "[H", "[0;31m", "[?25l". A bracketed label such as "[H]" or "[2]" is left alone.
_ESCAPE_REMAINS = re.compile(r"\[(?:\??[0-9]{1,4}(?:;[0-9]{1,4}){0,8}[A-HJKSTfhlmsu]|[HJK])(?![\]\w])")
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
_CONTROLS = "".join(map(chr, [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]))
BIDI = _BIDI
_DROP = {ord(c): None for c in _BIDI + _CONTROLS}
_KEEP_LINES = {**_DROP, ord("\n"): "\n", ord("\t"): "\t"}
_ONE_LINE = {**_DROP, **{ord(c): " " for c in "\n\t\r\x0b\x0c\x85\u2028\u2029"}}
_HAS_CONTROL = re.compile(f"[{re.escape(_CONTROLS + _BIDI)}\u2028\u2029]")


def has_control(text: str) -> bool:
    """Whether a name holds a control character or a bidi override (such names are refused, not cleaned)."""
    return bool(_HAS_CONTROL.search(text))


def clean_text(text: str) -> str:
    """Document text with escapes, their remains, controls and bidi overrides removed; lines and tabs kept."""
    if not text:
        return ""
    text = _ESCAPE.sub("", text)
    if "[" in text:
        text = _ESCAPE_REMAINS.sub("", text)
    return text.translate(_KEEP_LINES)


def shown(value: object, limit: int | None = ECHO_LIMIT) -> str:
    """Anything user- or file-supplied, as one safe line for a terminal, a page or a log (clipped with '…')."""
    text = str(value)
    if limit is not None and len(text) > 4 * limit:
        text = text[: 4 * limit]  # escapes are removed after clipping: bounded work for a huge input
    text = _ESCAPE.sub("", text)
    if "[" in text:
        text = _ESCAPE_REMAINS.sub("", text)
    text = text.translate(_ONE_LINE).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
