"""Showing untrusted text literally: control characters made visible, long text capped.

Questions and document text are never parsed as markup anywhere in the app (they
go into `Content` objects or `Static(..., markup=False)`); this module handles
what markup-off rendering does not: escape sequences that would reach the
terminal, and text long enough to slow layout down.
"""

from __future__ import annotations

import re

from corpus.safe_text import BIDI

ECHO_LIMIT = 280
"""The most characters of a question the chat echoes back: enough to recognise a paste, short
enough that the answer below it stays in view (the assistant itself reads the first 2,000)."""
READ_LIMIT = 2000
"""How much of a question the assistant reads (assistant.engine.MAX_QUESTION_CHARS), for the echo's note."""

_PICTURES = {code: chr(0x2400 + code) for code in range(32)}
_PICTURES[0x7F] = "\u2421"
_KEEP = {ord("\n"), ord("\t")}
_JOINERS = {0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)}
"""Zero-width joiners, variation selectors and skin-tone modifiers. Terminals draw a joined
emoji as one picture but Textual counts every part's width, so a row holding one came out
wider than its column; without them each emoji is drawn and counted alike."""
_HAS_JOINER = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def literal(text: str) -> str:
    """The text with control characters shown as their Unicode pictures (ESC becomes ␛)."""
    if text.isprintable() and not _HAS_JOINER.search(text):
        return text
    out = []
    for char in text:
        code = ord(char)
        if code in _JOINERS:
            continue
        if code in _KEEP:
            out.append("    " if char == "\t" else char)
        elif code < 32 or code == 0x7F:
            out.append(_PICTURES[code])
        elif 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif char in BIDI:
            continue  # an override would make the echo read differently from what was typed
        else:
            out.append(char)
    return "".join(out)


def clip(text: str, limit: int = ECHO_LIMIT) -> tuple[str, str | None]:
    """The text cut to `limit` characters (at a word where there is one), and a note saying so when it was cut."""
    if len(text) <= limit:
        return text, None
    cut = text[:limit]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    read = f"; Conduct reads the first {READ_LIMIT:,}" if len(text) > READ_LIMIT else ""
    return cut + " …", f"{len(text):,} characters pasted: showing the start{read}."


def one_line(text: str) -> str:
    """Pasted text as one line: line breaks become spaces, so a pasted paragraph stays whole."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())
