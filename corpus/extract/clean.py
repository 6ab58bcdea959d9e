"""Text helpers every reader shares: decoding, invisible characters, bullets, the final shape of the text."""

from __future__ import annotations

import codecs
import re

from corpus.extract import ExtractError

LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
ODD_SPACES = re.compile(r"[\u00a0\u2007\u202f]")
BLANK_RUN = re.compile(r"\n{3,}")
BULLET_GLYPH = re.compile(r"^[ \t]*[\u2022\u25cf\u25aa\u25a0\u25e6\u25cb\u2023\u2043\u2219\uf0b7\uf0a7\uf0d8\uf076\uf0fc]+[ \t]*")
TERMINAL = re.compile(r"[.!?:;][\"'\u2019\u201d)\]]*$")
NUMBER_TAB = re.compile(r"^((?:- )?(?:\d{1,3}(?:\.\d{1,3})*\.?|\(\d{1,3}\)|\(?[a-z]{1,2}[.)]|"
                         r"\([ivx]{1,6}\)|[ivx]{1,6}[.)]))\t+(?=[^\t]+$)")


def clean_chars(text: str) -> str:
    """Make line endings "\\n" and drop characters that are invisible on the
    page (soft hyphens, zero-width spaces, stray controls) but would split words
    for search."""
    from corpus.safe_text import clean_text

    text = clean_text(LINE_BREAKS.sub("\n", text))  # escapes whole, their remains, bidi overrides
    text = INVISIBLE.sub("", text)
    text = CONTROL.sub("", text)
    return ODD_SPACES.sub(" ", text)


def bullet_to_dash(line: str) -> str:
    """Word and PDFs mark list items with glyphs ("•", Symbol-font ""); the
    parser expects "- "."""
    match = BULLET_GLYPH.match(line)
    if not match:
        return line
    rest = line[match.end():]
    return f"- {rest}" if rest else "-"


def number_then_text(line: str) -> str:
    """ "1.1<tab>Employees must" is a clause number and its text at a tab stop,
    not a two-cell table row: make the tab a space so the number leads the
    clause as in the bundled codes."""
    return NUMBER_TAB.sub(r"\1 ", line)


def tidy(text: str) -> str:
    """Final, format-independent shape: no trailing spaces (tabs are kept: an
    empty last cell is still a cell), at most one blank line in a row, one
    final newline."""
    lines = []
    for line in clean_chars(text).split("\n"):
        line = number_then_text(line.rstrip(" "))
        lines.append("" if not line.strip() else line)
    text = BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


def assemble(blocks: list[tuple[str, str]]) -> str:
    """Join blocks into text. Consecutive list items and consecutive table rows
    stay on adjacent lines (the shape of the bundled codes); everything else
    is separated by a blank line."""
    out: list[str] = []
    previous = ""
    for kind, text in blocks:
        if not text.strip():
            continue
        if out:
            out.append("\n" if kind == previous and kind in ("item", "numbered", "row", "line") else "\n\n")
        out.append(text)
        previous = kind
    return "".join(out)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """UTF-8 first (what every modern editor writes), then the Windows code
    page councils' older files use, then latin-1, which cannot fail."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise ExtractError(f"{name} says it is UTF-16 text but is damaged. "
                               "Save it again as UTF-8 text.") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        raise ExtractError(f"{name} looks like a binary file, not text. "
                           "Open it in the program that made it and save it as .txt or .docx.")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    return text, [f"The file is not UTF-8, so it was read as {encoding} text; "
                  "check that £ signs and quotation marks look right."]
