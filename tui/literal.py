"""Showing untrusted text literally: control characters made visible, long text capped.

Questions and document text are never parsed as markup anywhere in the app (they
go into `Content` objects or `Static(..., markup=False)`); this module handles
what markup-off rendering does not: escape sequences that would reach the
terminal, and text long enough to slow layout down.
"""

from __future__ import annotations

from corpus.safe_text import BIDI

ECHO_LIMIT = 2000
"""The most characters of a question the chat echoes back (the assistant reads the same amount)."""

_PICTURES = {code: chr(0x2400 + code) for code in range(32)}
_PICTURES[0x7F] = "\u2421"
_KEEP = {ord("\n"), ord("\t")}


def literal(text: str) -> str:
    """The text with control characters shown as their Unicode pictures (ESC becomes ␛)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
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
    """The text cut to `limit` characters, and a note saying so when it was cut."""
    if len(text) <= limit:
        return text, None
    return text[:limit] + " …", f"Showing the first {limit:,} of {len(text):,} characters."


def one_line(text: str) -> str:
    """Pasted text as one line: line breaks become spaces, so a pasted paragraph stays whole."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())
