"""Read a council's own code of conduct file into plain text lines, or refuse.

Provides `extract(path)` -> `Extracted`, `ExtractError` and `SUPPORTED`.

`conduct add` hands the text to the clause parser, which expects the shape of
the bundled documents: one paragraph per line, blank lines between
paragraphs, list items as lines starting "- ", numbered paragraphs such as
"14.5 Employees must...", and table rows as tab-separated cells. This module
produces that shape from .txt, .md, .docx and .pdf files. It prefers refusing
to guessing: a clause citation is only worth something if the words behind it
are the document's, so a file that cannot be read faithfully (scanned,
encrypted, damaged) raises `ExtractError` with a message the user can act on.

python-docx and pypdf are imported only inside the functions that need them,
so importing this module stays cheap for the CLI.
"""

from __future__ import annotations

import codecs
import html
import io
import logging
import math
import re
import stat
import warnings as _warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

__all__ = ["SUPPORTED", "MAX_BYTES", "ExtractError", "Extracted", "extract"]

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused: no code of conduct is that big, and reading one
would stall the CLI."""


class ExtractError(Exception):
    """A document we cannot read faithfully; its message is shown to the user as is (one or two plain sentences, saying what to do)."""


@dataclass(frozen=True)
class Extracted:
    """The plain text of one source file, ready for the clause parser."""

    text: str
    """Plain text, "\\n" line endings, paragraphs separated by blank lines."""
    kind: str
    """"txt" | "md" | "docx" | "pdf"."""
    sha256: str
    """Of the source file's bytes, so a re-added file can be recognised."""
    warnings: tuple[str, ...]
    """Things the user should know about the reading, e.g. tracked changes."""


def extract(path: Path | str) -> Extracted:
    """Read ``path`` into plain text lines, or raise `ExtractError`."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _kind_of(path)
    reader = _READERS[kind]
    text, notes = reader(data, str(path))
    text = _tidy(text)
    if not text.strip():
        raise ExtractError(f"{path} contains no text to read. Check it is the right file.")
    return Extracted(text=text, kind=kind, sha256=sha256(data).hexdigest(),
                     warnings=tuple(dict.fromkeys(notes)))


# --------------------------------------------------------------------------- the file


def _read_bytes(path: Path) -> bytes:
    """Check the path before reading so each failure gets its own plain message
    rather than an OSError the user would have to decode."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ExtractError(f"{path} was not found. Check the path and try again.") from None
    except PermissionError:
        raise ExtractError(f"{path} cannot be opened: permission denied. "
                           "Copy it somewhere you can read, then add the copy.") from None
    except OSError as exc:
        raise ExtractError(f"{path} cannot be opened ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise ExtractError(f"{path} is a folder, not a document. Give the path of one file.")
    if not stat.S_ISREG(info.st_mode):
        raise ExtractError(f"{path} is not an ordinary file. Give the path of a saved document.")
    _kind_of(path)  # refuse an unsupported type before reading it
    if info.st_size > MAX_BYTES:
        raise ExtractError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB, too big for a "
                           "code of conduct. Save the code on its own as a smaller file.")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ExtractError(f"{path} cannot be read: permission denied. "
                           "Copy it somewhere you can read, then add the copy.") from None
    except OSError as exc:
        raise ExtractError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if not data.strip():
        raise ExtractError(f"{path} is empty. Check it is the right file.")
    return data


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in SUPPORTED:
        return suffix[1:]
    supported = ", ".join(SUPPORTED[:-1]) + " or " + SUPPORTED[-1]
    what = f"a {suffix} file" if suffix else "a file without an extension"
    raise ExtractError(f"{path} is {what}, which Conduct cannot read. "
                       f"Save it as {supported} and add that instead.")


# --------------------------------------------------------------------------- shared text helpers

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_ODD_SPACES = re.compile(r"[\u00a0\u2007\u202f]")
_BLANK_RUN = re.compile(r"\n{3,}")
_BULLET_GLYPH = re.compile(r"^[ \t]*[\u2022\u25cf\u25aa\u25a0\u25e6\u25cb\u2023\u2043\u2219\uf0b7\uf0a7\uf0d8\uf076\uf0fc]+[ \t]*")
_TERMINAL = re.compile(r"[.!?:;][\"'\u2019\u201d)\]]*$")
_NUMBER_TAB = re.compile(r"^((?:- )?(?:\d{1,3}(?:\.\d{1,3})*\.?|\(\d{1,3}\)|\(?[a-z]{1,2}[.)]|"
                         r"\([ivx]{1,6}\)|[ivx]{1,6}[.)]))\t+(?=[^\t]+$)")


def _clean_chars(text: str) -> str:
    """Make line endings "\\n" and drop characters that are invisible on the
    page (soft hyphens, zero-width spaces, stray controls) but would split words
    for search."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _ODD_SPACES.sub(" ", text)


def _bullet_to_dash(line: str) -> str:
    """Word and PDFs mark list items with glyphs ("•", Symbol-font ""); the
    parser expects "- "."""
    match = _BULLET_GLYPH.match(line)
    if not match:
        return line
    rest = line[match.end():]
    return f"- {rest}" if rest else "-"


def _number_then_text(line: str) -> str:
    """ "1.1<tab>Employees must" is a clause number and its text at a tab stop,
    not a two-cell table row: make the tab a space so the number leads the
    clause as in the bundled codes."""
    return _NUMBER_TAB.sub(r"\1 ", line)


def _tidy(text: str) -> str:
    """Final, format-independent shape: no trailing spaces (tabs are kept: an
    empty last cell is still a cell), at most one blank line in a row, one
    final newline."""
    lines = []
    for line in _clean_chars(text).split("\n"):
        line = _number_then_text(line.rstrip(" "))
        lines.append("" if not line.strip() else line)
    text = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


def _assemble(blocks: list[tuple[str, str]]) -> str:
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


# --------------------------------------------------------------------------- .txt


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
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


def _read_txt(data: bytes, name: str) -> tuple[str, list[str]]:
    """Plain text is taken as written: its line structure is the author's."""
    text, notes = _decode(data, name)
    lines = [_bullet_to_dash(line) for line in _clean_chars(text).split("\n")]
    return "\n".join(lines), notes


# --------------------------------------------------------------------------- .md

_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_QUOTE = re.compile(r"^ {0,3}>[ ]?")
_MD_BULLET = re.compile(r"^[ \t]*[-*+](?:[ \t]+(.*))?$")
_MD_ORDERED = re.compile(r"^[ \t]*(\d{1,9}[.)])[ \t]+(.*)$")
_MD_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S+")
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_MD_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_MD_CLAUSE = re.compile(r"^[ \t]*(?:\d{1,3}(?:\.\d{1,3})+\.?|\(\d{1,3}\)|\(?[a-z]\)|\([ivx]{1,6}\))[ \t]")
"""A line opening with a clause number ("14.5", "(a)") starts a paragraph
even without a blank line before it: Markdown would run it into the line
above, and the clause would lose its number's place at the start of a line."""

_MD_ESCAPABLE = "\\`*_{}[]()#+-.!|~<>&"
_PROTECT = {c: chr(0xE000 + ord(c)) for c in _MD_ESCAPABLE}
_UNPROTECT = str.maketrans({v: k for k, v in _PROTECT.items()})
_MD_INLINE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),            # image -> alt text
    (re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),             # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                           # [text][ref]
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^@<>\s]+@[^@<>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),           # other HTML tags
    # Emphasis. The text inside must not be only markers, so that a blank to
    # fill in ("[_____]") or a rule of stars survives.
    (re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=[^\s_])(.+?)(?<=[^\s_])__(?!\w)"), r"\1"),
    (re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
]
_MD_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_CODE = re.compile(r"(`+)(.+?)\1")
_MD_ESCAPE = re.compile(r"\\([" + re.escape(_MD_ESCAPABLE) + r"])")
_MD_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_STRIKE_NOTE = ("Struck-through text (~~like this~~) was taken to be deleted and left out; "
                "check the document does not use it for anything else.")


def _read_md(data: bytes, name: str) -> tuple[str, list[str]]:
    """Markdown keeps its words and list structure; markup that is only
    formatting goes, since the parser and the citations show plain text."""
    text, notes = _decode(data, name)
    text = _MD_COMMENT.sub("", _clean_chars(text))
    blocks = _MarkdownBlocks(notes).parse(_without_front_matter(text.split("\n")))
    return _assemble(blocks), notes


def _without_front_matter(lines: list[str]) -> list[str]:
    """YAML front matter is metadata for a site generator, not the code's text."""
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 60)):
            if lines[end].strip() in ("---", "..."):
                return lines[end + 1:]
    return lines


class _MarkdownBlocks:
    """A small line-based reader for the Markdown councils actually write:
    headings, paragraphs (re-joined when hard-wrapped, as Markdown renders
    them), lists, pipe tables, quotes and fenced blocks."""

    def __init__(self, notes: list[str]) -> None:
        self.notes = notes
        self.blocks: list[tuple[str, str]] = []
        self.paragraph: list[str] = []
        self.item_open = False

    def parse(self, lines: list[str]) -> list[tuple[str, str]]:
        fence: str | None = None
        index = 0
        while index < len(lines):
            raw = lines[index]
            index += 1
            if fence is not None:
                if raw.strip().startswith(fence):
                    fence = None
                else:
                    self._add("line", raw.rstrip())
                continue
            if match := _MD_FENCE.match(raw):
                self._flush()
                fence = match.group(1)
                continue
            line = raw
            while _MD_QUOTE.match(line):
                line = _MD_QUOTE.sub("", line, count=1)
            index = self._line(line, lines, index)
        self._flush()
        return self.blocks

    def _line(self, line: str, lines: list[str], index: int) -> int:
        """Handle one source line; returns the index of the next line to read
        (a table consumes several)."""
        if not line.strip():
            self._flush()
            return index
        if match := _MD_HEADING.match(line):
            self._flush()
            self._add("heading", self._inline(match.group(1) or ""))
            return index
        if self.paragraph and _MD_SETEXT.match(line):
            heading = " ".join(self.paragraph)
            self.paragraph = []
            self._add("heading", heading)
            return index
        if _MD_RULE.match(line) or _MD_LINK_DEF.match(line):
            self._flush()
            return index
        if "|" in line and index < len(lines) and _MD_TABLE_RULE.match(lines[index]):
            self._flush()
            self._add("row", self._row(line))
            index += 1
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                self._add("row", self._row(lines[index]))
                index += 1
            return index
        if (match := _MD_BULLET.match(line)) or (match := _MD_ORDERED.match(line)):
            self._flush()
            marker, text = ("-", match.group(1)) if match.re is _MD_BULLET else match.groups()
            if text := self._inline(text or ""):  # an empty item is not a clause
                self._add("item" if marker == "-" else "numbered", f"{marker} {text}")
                self.item_open = True
            return index
        if "\t" in line:
            # A tab-separated line is a table row or a contents line: keep it whole.
            self._flush()
            self._add("row", "\t".join(self._inline(cell) for cell in line.strip(" ").split("\t")))
            return index
        if _MD_CLAUSE.match(line):
            self._flush()
        text = self._inline(line.strip())
        if self.item_open:
            kind, previous = self.blocks[-1]
            self.blocks[-1] = (kind, f"{previous} {text}")
            return index
        self.paragraph.append(text)
        if line.endswith(("  ", "\\")):
            self._flush()
        return index

    def _row(self, line: str) -> str:
        line = line.strip()
        line = line[1:] if line.startswith("|") else line
        line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
        return "\t".join(self._inline(cell.strip()) for cell in _MD_CELL_SPLIT.split(line))

    def _add(self, kind: str, text: str) -> None:
        self.item_open = False
        self.blocks.append((kind, text))

    def _flush(self) -> None:
        if self.paragraph:
            self._add("para", " ".join(p for p in self.paragraph if p))
            self.paragraph = []
        self.item_open = False

    def _inline(self, text: str) -> str:
        """Strip formatting-only markup. Escaped characters and code spans are
        protected first so that, say, `\\*` or `a_b` survive literally."""
        text = _MD_ESCAPE.sub(lambda m: _PROTECT[m.group(1)], text)
        text = _MD_CODE.sub(lambda m: m.group(2).strip().translate(str.maketrans(_PROTECT)), text)
        if _MD_STRIKE.search(text):
            text = _MD_STRIKE.sub("", text)
            self.notes.append(_STRIKE_NOTE)
        for pattern, replacement in _MD_INLINE:
            text = pattern.sub(replacement, text)
        text = _MD_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        text = text.rstrip("\\").translate(_UNPROTECT)
        return re.sub(r"[ ]{2,}", " ", text).strip(" ")


# --------------------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r"))
_T, _TAB, _PTAB, _BR, _CR = (f"{_W}{t}" for t in ("t", "tab", "ptab", "br", "cr"))
_NB_HYPHEN = f"{_W}noBreakHyphen"
_VAL = f"{_W}val"
_WRAPPERS = {f"{_W}{t}" for t in ("sdt", "sdtContent", "customXml", "smartTag")}
_SKIPPED_IN_RUNS = {f"{_W}{t}" for t in (
    "pPr", "rPr", "del", "moveFrom", "delText", "delInstrText", "instrText",
    "footnoteReference", "endnoteReference", "commentReference", "sdtPr", "sdtEndPr",
)}
_SHAPES = {f"{_W}drawing", f"{_W}pict", f"{_W}object", f"{_MC}AlternateContent"}
_REVISIONS = {f"{_W}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "delText")}
_TRACKED_NOTE = ("This document has tracked changes; the revised text "
                 "(insertions kept, deletions removed) was read.")
_NUMBERING_LOST_NOTE = ("Some automatic (Word) list numbering could not be worked out and "
                        "those items were read as \"- \" bullets; check clause numbers.")
_NUMBERING_MADE_NOTE = ("Clause numbers made by Word's automatic numbering were worked out "
                        "from the list settings; check they match the document.")
_SHAPES_NOTE = "Text inside text boxes or shapes was not read."
_BULLET = "-"


def _read_docx(data: bytes, name: str) -> tuple[str, list[str]]:
    """Walk the body XML in document order, paragraphs and tables interleaved,
    reading run text ourselves so that tracked changes come out as the
    revised text rather than python-docx's mixture of neither version."""
    document = _open_docx(data, name)
    body = document.element.body
    reader = _DocxReader(document)
    blocks = reader.blocks(body)
    notes = []
    if any(element.tag in _REVISIONS for element in body.iter()):
        notes.append(_TRACKED_NOTE)
    if reader.numbering.reconstructed:
        notes.append(_NUMBERING_MADE_NOTE)
    if reader.numbering.lost:
        notes.append(_NUMBERING_LOST_NOTE)
    if reader.shapes_with_text:
        notes.append(_SHAPES_NOTE)
    return _assemble(blocks), notes


def _open_docx(data: bytes, name: str) -> Any:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractError(f"{name} is an old-style Word file or is password-protected. "
                           "Open it in Word and save it as an unprotected .docx, then add that.")
    if not data.startswith(b"PK"):
        raise ExtractError(f"{name} is not a valid .docx file. "
                           "Open it in Word and save it again as .docx, then add that.")
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:
        raise ExtractError(f"{name} is damaged or is not a Word document, so it cannot be read. "
                           "Open it in Word and save it again as .docx, then add that.") from None


class _DocxReader:
    """Turns body elements into (kind, text) blocks for `_assemble`."""

    def __init__(self, document: Any) -> None:
        self.numbering = _Numbering(document)
        self.shapes_with_text = False

    def blocks(self, container: Any) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        carried = ""  # text of paragraphs whose paragraph mark was deleted
        for element in _block_children(container):
            if element.tag == _TBL:
                if carried.strip():
                    out.append(("para", carried))
                carried = ""
                out.extend(("row", row) for row in self._table_rows(element))
                continue
            text = carried + self._paragraph_text(element)
            if _mark_deleted(element):
                carried = text
                continue
            carried = ""
            if text.strip():
                out.append(self._paragraph_block(element, text.strip()))
        if carried.strip():
            out.append(("para", carried))
        return out

    def _paragraph_block(self, p: Any, text: str) -> tuple[str, str]:
        label = self.numbering.label(p)
        if label == _BULLET:
            return "item", f"- {text}"
        if label:
            return "para", f"{label} {text}"
        return "para", text

    def _paragraph_text(self, p: Any) -> str:
        out: list[str] = []
        self._collect(p, out)
        return "".join(out)

    def _collect(self, element: Any, out: list[str]) -> None:
        """Text of the revised document: insertions and moved-to text count,
        deletions, moved-from text, field codes and hidden runs do not."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED_IN_RUNS:
                continue
            if tag == _T:
                out.append(child.text or "")
            elif tag in (_TAB, _PTAB):
                out.append("\t")
            elif tag in (_BR, _CR):
                out.append("\n")
            elif tag == _NB_HYPHEN:
                out.append("-")
            elif tag in _SHAPES:
                self.shapes_with_text = self.shapes_with_text or any(
                    (t.text or "").strip() for t in child.iter(_T))
            elif tag == _R and _hidden(child):
                continue
            else:
                self._collect(child, out)

    def _table_rows(self, tbl: Any) -> Iterator[str]:
        """One line per row, cells joined by tabs. A merged cell keeps its
        grid columns (empty) so columns still line up; a deleted row is gone."""
        for tr in _children(tbl, _TR):
            if _row_deleted(tr):
                continue
            cells: list[str] = []
            for tc in _children(tr, _TC):
                tc_pr = tc.find(f"{_W}tcPr")
                span, continued = 1, False
                if tc_pr is not None:
                    grid_span = tc_pr.find(f"{_W}gridSpan")
                    if grid_span is not None and (grid_span.get(_VAL) or "1").isdigit():
                        span = max(1, int(grid_span.get(_VAL)))
                    merge = tc_pr.find(f"{_W}vMerge")
                    continued = merge is not None and merge.get(_VAL) != "restart"
                cells.append("" if continued else self._cell_text(tc))
                cells.extend([""] * (span - 1))
            if any(cell.strip() for cell in cells):
                yield "\t".join(cells)

    def _cell_text(self, tc: Any) -> str:
        """A cell is one field of its row: its paragraphs (and any nested
        table) run together on one line."""
        return " ".join(" ".join(text for _, text in self.blocks(tc)).split())


def _block_children(container: Any) -> Iterator[Any]:
    """Paragraphs and tables in order, looking through content controls and
    custom XML, which wrap blocks without being text themselves."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _block_children(child)


def _children(element: Any, tag: str) -> Iterator[Any]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _mark_deleted(p: Any) -> bool:
    """A deleted paragraph mark joins this paragraph to the next one in the
    revised text."""
    mark = p.find(f"{_W}pPr/{_W}rPr/{_W}del")
    return mark is not None


def _row_deleted(tr: Any) -> bool:
    return tr.find(f"{_W}trPr/{_W}del") is not None


def _hidden(run: Any) -> bool:
    return _on(run.find(f"{_W}rPr/{_W}vanish"))


class _Numbering:
    """Reconstructs the labels of Word's automatic numbering, which
    python-docx's text leaves out, so "14.5" survives as the clause number.

    Handles the common cases (decimal, letters, roman, multi-level "%1.%2",
    start overrides, numbering set by a paragraph style); anything it cannot
    resolve becomes a "- " bullet and is reported."""

    def __init__(self, document: Any) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        self.reconstructed = False
        self.lost = False
        self._nums: dict[str, Any] = {}
        self._abstracts: dict[str, Any] = {}
        self._styles: dict[str, Any] = {}
        self._default_style: str | None = None
        self._counters: dict[str, list[int | None]] = {}
        self._pending_starts: dict[str, dict[int, int]] = {}
        self._seen_nums: set[str] = set()
        part = document.part
        try:
            numbering = part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError):
            numbering = None
        if numbering is not None:
            self._nums = {n.get(f"{_W}numId"): n for n in numbering.findall(f"{_W}num")}
            self._abstracts = {a.get(f"{_W}abstractNumId"): a
                               for a in numbering.findall(f"{_W}abstractNum")}
        try:
            styles = part.part_related_by(RT.STYLES).element
        except (KeyError, AttributeError):
            styles = None
        if styles is not None:
            for style in styles.findall(f"{_W}style"):
                if style.get(f"{_W}type") == "paragraph":
                    self._styles[style.get(f"{_W}styleId")] = style
                    if style.get(f"{_W}default") in ("1", "true", "on"):
                        self._default_style = style.get(f"{_W}styleId")

    def label(self, p: Any) -> str | None:
        """The number text Word would show before ``p``, `_BULLET` for a
        bulleted item, or None when it is not a list paragraph."""
        style_id = _val(p.find(f"{_W}pPr/{_W}pStyle")) or self._default_style
        num_id, level = self._num_pr(p, style_id)
        if num_id == "0":  # numbering switched off for this paragraph
            return None
        if num_id is None:
            return _BULLET if self._list_style(style_id) else None
        try:
            return self._format(num_id, level, style_id)
        except (KeyError, ValueError, IndexError, TypeError, AttributeError):
            self.lost = True
            return _BULLET

    def _num_pr(self, p: Any, style_id: str | None) -> tuple[str | None, int | None]:
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        num_id = _val(num_pr.find(f"{_W}numId")) if num_pr is not None else None
        level = _val(num_pr.find(f"{_W}ilvl")) if num_pr is not None else None
        seen: set[str] = set()
        while (num_id is None or level is None) and style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            style_pr = style.find(f"{_W}pPr/{_W}numPr")
            if style_pr is not None:
                num_id = num_id or _val(style_pr.find(f"{_W}numId"))
                level = level or _val(style_pr.find(f"{_W}ilvl"))
            style_id = _val(style.find(f"{_W}basedOn"))
        return num_id, int(level) if level and level.isdigit() else None

    def _list_style(self, style_id: str | None) -> bool:
        style = self._styles.get(style_id or "")
        name = (_val(style.find(f"{_W}name")) or "") if style is not None else ""
        return name.lower().startswith(("list bullet", "list number", "list paragraph"))

    def _format(self, num_id: str, level: int | None, style_id: str | None) -> str | None:
        num = self._nums[num_id]
        abstract_id = _val(num.find(f"{_W}abstractNumId"))
        abstract = self._resolve_abstract(abstract_id)
        if level is None:
            level = self._level_for_style(abstract, style_id)
        levels = {int(lvl.get(f"{_W}ilvl")): lvl for lvl in abstract.findall(f"{_W}lvl")}
        for override in num.findall(f"{_W}lvlOverride"):
            lvl = override.find(f"{_W}lvl")
            if lvl is not None:
                levels[int(override.get(f"{_W}ilvl"))] = lvl
        definition = levels[level]
        if _val(definition.find(f"{_W}numFmt")) == "bullet":
            return _BULLET
        counters = self._advance(num_id, num, abstract_id, levels, level)
        legal = _on(definition.find(f"{_W}isLgl"))
        template = _val(definition.find(f"{_W}lvlText")) or ""

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            fmt = "decimal" if legal else (_val(levels[index].find(f"{_W}numFmt")) or "decimal")
            return _format_number(counters[index], fmt)

        text = re.sub(r"%([1-9])", number, template).strip()
        self.reconstructed = True
        return text or None

    def _resolve_abstract(self, abstract_id: str | None) -> Any:
        """Follow a numStyleLink (numbering defined through a list style)."""
        abstract = self._abstracts[abstract_id or ""]
        link = _val(abstract.find(f"{_W}numStyleLink"))
        if link and link in self._styles:
            style_num = self._styles[link].find(f"{_W}pPr/{_W}numPr/{_W}numId")
            if style_num is not None:
                target = self._nums[_val(style_num) or ""]
                abstract = self._abstracts[_val(target.find(f"{_W}abstractNumId")) or ""]
        return abstract

    @staticmethod
    def _level_for_style(abstract: Any, style_id: str | None) -> int:
        for lvl in abstract.findall(f"{_W}lvl"):
            if style_id and _val(lvl.find(f"{_W}pStyle")) == style_id:
                return int(lvl.get(f"{_W}ilvl"))
        return 0

    def _advance(self, num_id: str, num: Any, abstract_id: str | None,
                 levels: dict[int, Any], level: int) -> list[int]:
        """Count as Word does: lists sharing an abstract definition continue
        one another unless a num restarts a level with startOverride."""
        key = abstract_id or ""
        counters = self._counters.setdefault(key, [None] * 9)
        pending = self._pending_starts.setdefault(key, {})
        if num_id not in self._seen_nums:
            self._seen_nums.add(num_id)
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None and (_val(start) or "").isdigit():
                    index = int(override.get(f"{_W}ilvl"))
                    pending[index] = int(_val(start))
                    counters[index] = None

        def start_of(index: int) -> int:
            if index in pending:
                return pending[index]
            value = _val(levels[index].find(f"{_W}start")) if index in levels else None
            return int(value) if value and value.isdigit() else 1

        if counters[level] is None:
            counters[level] = start_of(level)
            pending.pop(level, None)
        else:
            counters[level] += 1
        for deeper in range(level + 1, 9):
            restart = _val(levels[deeper].find(f"{_W}lvlRestart")) if deeper in levels else None
            if restart != "0":
                counters[deeper] = None
        return [value if value is not None else start_of(i) for i, value in enumerate(counters)]


def _val(element: Any) -> str | None:
    return None if element is None else element.get(_VAL)


def _on(element: Any) -> bool:
    """A Word on/off property: present means on unless its val says off."""
    return element is not None and _val(element) not in ("0", "false", "off")


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def _roman(value: int) -> str:
    if value <= 0:
        return str(value)
    out = []
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                            (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


# --------------------------------------------------------------------------- .pdf

_FURNITURE_EDGE = 3
"""How many lines at the top and bottom of a page may be running headers/footers."""
_MARGIN_BAND = 0.08
"""Headers and footers sit in the top and bottom 8% of a page (Word's default
1-inch margin is 9%); a line known to be outside that band is body text."""
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-\u2013\u2014(]?\s*\d{1,4}\s*[-\u2013\u2014)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_CLAUSE_START = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+|\([a-z]{1,2}\)|"
                           r"[a-z]\)|\([ivx]{1,6}\)|[ivx]{1,6}\.)\s")
_MIN_TEXT_CHARS = 20
_UNDECODABLE = re.compile(r"[\ue000-\uf8ff\ufffd]")


@dataclass(frozen=True)
class _Line:
    """One line of a PDF page, with where it sits when pypdf told us."""

    text: str
    y: float | None = None
    size: float | None = None
    in_margin: bool | None = None
    """Whether it lies in the top or bottom band of the page where headers
    and footers live; None when its position is unknown."""


def _read_pdf(data: bytes, name: str) -> tuple[str, list[str]]:
    """Page by page: drop running headers/footers and page numbers, re-flow
    the visual lines into paragraphs, and re-join a sentence a page break
    split."""
    if b"%PDF-" not in data[:1024]:
        raise ExtractError(f"{name} is not a PDF file (it does not start like one). "
                           "Export the code from Word as PDF or .docx, then add that.")
    pages = _pdf_pages(data, name)
    if not pages:
        raise ExtractError(f"{name} has no pages. Check it is the right file.")
    pages = _drop_furniture(pages)
    notes = _check_text_layer(pages, name)
    width = _reference_width(pages)
    paragraphs = _join_pages([_page_paragraphs(page, width) for page in pages])
    blocks = [("row" if "\t" in p else "item" if p.startswith("- ") else "para", p) for p in paragraphs]
    return _assemble(blocks), notes


def _check_text_layer(pages: list[list[_Line]], name: str) -> list[str]:
    """Refuse a scan rather than ingest the little text it carries (a footer,
    a typed cover page); warn about a few pages without text."""
    scanned = ExtractError(f"{name} has no text layer (it looks scanned), so its words cannot be read. "
                           "Export it from Word as PDF or .docx, or run OCR on it first.")
    visible = "".join("".join(line.text.split()) for page in pages for line in page)
    if len(visible) < _MIN_TEXT_CHARS:
        raise scanned
    empty = [number for number, page in enumerate(pages, 1) if not page]
    if len(empty) > len(pages) / 2:
        raise scanned
    if len(_UNDECODABLE.findall(visible)) > 0.1 * len(visible):
        raise ExtractError(f"{name} stores its text in a way that cannot be decoded. "
                           "Export it again from Word as PDF or .docx, or run OCR on it.")
    if not empty:
        return []
    if len(empty) == 1:
        return [f"Page {empty[0]} had no text and was skipped; if it is scanned, run OCR on the PDF first."]
    return [f"Pages {_page_ranges(empty)} had no text and were skipped; "
            "if they are scanned, run OCR on the PDF first."]


def _page_ranges(numbers: list[int]) -> str:
    """"2, 5-7" rather than a long list of every page."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def _pdf_pages(data: bytes, name: str) -> list[list[_Line]]:
    """All pypdf work happens here, inside one broad except: pypdf signals a
    damaged file with many exception types, and the user must never see them."""
    import pypdf

    _quiet(logging.getLogger("pypdf"))
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            _unlock(reader, name)
            return [_page_lines(page) for page in reader.pages]
    except ExtractError:
        raise
    except Exception:
        raise ExtractError(f"{name} is damaged or is not a readable PDF. "
                           "Open it and save or export a fresh copy, then add that.") from None


def _quiet(logger: logging.Logger) -> None:
    """pypdf logs every oddity of a damaged file; with no handler configured,
    Python would print them over the terminal UI. A NullHandler stops that
    and still lets an application that configures logging see them."""
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _unlock(reader: Any, name: str) -> None:
    """Many council PDFs are "encrypted" only to stop editing, with an empty
    password for reading; those open. Anything else is refused."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except Exception:
        unlocked = 0
    if not unlocked:
        raise ExtractError(f"{name} is password-protected or encrypted, so it cannot be read. "
                           "Save a copy without protection, then add that.")


def _page_lines(page: Any) -> list[_Line]:
    """pypdf's own text for the page, with each line's height on the page taken
    from the text-drawing calls it reports, which paragraph breaks need."""
    pieces: list[tuple[str, Any, Any, Any]] = []
    raw = page.extract_text(visitor_text=lambda text, cm, tm, font, size: pieces.append((text, cm, tm, size)))
    if "".join(piece[0] for piece in pieces) == raw:
        lines = _lines_from_pieces(pieces)
    else:  # positions cannot be matched to the text: fall back to text alone
        lines = [_Line(text) for text in raw.split("\n")]
    in_margin = _margin_test(page)
    out: list[_Line] = []
    for line in lines:
        cells = (" ".join(cell.split()) for cell in _clean_chars(line.text).split("\t"))
        text = _number_then_text(_bullet_to_dash("\t".join(cells).strip()))
        if not text:
            continue
        margin = None if line.y is None or in_margin is None else in_margin(line.y)
        if out and out[-1].text == "-":  # a bullet drawn apart from its text
            out[-1] = _Line(f"- {text}", line.y, line.size, margin)
        else:
            out.append(_Line(text, line.y, line.size, margin))
    return out


def _margin_test(page: Any) -> Callable[[float], bool] | None:
    try:
        bottom, top = float(page.mediabox.bottom), float(page.mediabox.top)
    except Exception:
        return None
    band = abs(top - bottom) * _MARGIN_BAND
    if band <= 0:
        return None
    low, high = min(bottom, top) + band, max(bottom, top) - band
    return lambda y: y < low or y > high


_CELL_GAP_EMS = 3.0
"""Two pieces of text on one line further apart than this many font sizes are
cells of a table row (a clause number and its text sit closer)."""
_CHAR_EMS = 0.6
"""A generous average character width: overestimating a piece's width can
only hide a gap, never invent one."""


def _lines_from_pieces(pieces: list[tuple[str, Any, Any, Any]]) -> list[_Line]:
    """Split pypdf's text pieces into lines, keeping each line's position and
    marking wide horizontal gaps between pieces as tab-separated cells."""
    lines: list[_Line] = []
    text: list[str] = []
    first: tuple[float, float, float] | None = None
    end_x: float | None = None
    for piece, cm, tm, size in pieces:
        for index, segment in enumerate(piece.split("\n")):
            if index:
                lines.append(_line_from(text, first))
                text, first, end_x = [], None, None
            if not segment.strip():
                text.append(segment)
                continue
            where = _position(cm, tm, size)
            if where is not None:
                x, _, em = where
                if end_x is not None and em > 0 and x - end_x > _CELL_GAP_EMS * em:
                    text = ["".join(text).rstrip(" ")]
                    segment = "\t" + segment.lstrip(" ")
                end_x = x + len(segment.strip()) * _CHAR_EMS * em
            first = first or where
            text.append(segment)
    lines.append(_line_from(text, first))
    return lines


def _line_from(text: list[str], where: tuple[float, float, float] | None) -> _Line:
    return _Line("".join(text)) if where is None else _Line("".join(text), where[1], where[2])


def _position(cm: Any, tm: Any, size: Any) -> tuple[float, float, float] | None:
    """Where a text piece starts on the page, and its effective font size."""
    try:
        a, b, c, d, e, f = (float(v) for v in cm)
        tx, ty = float(tm[4]), float(tm[5])
        scale = math.hypot(float(tm[2]), float(tm[3])) * math.hypot(c, d)
        return tx * a + ty * c + e, tx * b + ty * d + f, abs(float(size)) * scale
    except (TypeError, ValueError, IndexError):
        return None


def _furniture_key(text: str) -> str:
    """Page numbers vary from page to page; the rest of a footer does not."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Lines at the top or bottom of most pages, with digits ignored, are
    running headers and footers; bare page numbers there go too."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = lines[:_FURNITURE_EDGE] + lines[-_FURNITURE_EDGE:]
        counts.update({_furniture_key(line.text) for line in edges if line.in_margin is not False})
    repeated = {key for key, count in counts.items() if count >= 2 and count > len(pages) / 2}

    def furniture(line: _Line) -> bool:
        if line.in_margin is False:
            return False
        return _furniture_key(line.text) in repeated or bool(_PAGE_NUMBER.match(line.text))

    result = []
    for lines in pages:
        start, end = 0, len(lines)
        while start < min(_FURNITURE_EDGE, end) and furniture(lines[start]):
            start += 1
        while end > max(start, len(lines) - _FURNITURE_EDGE) and furniture(lines[end - 1]):
            end -= 1
        result.append(lines[start:end])
    return result


def _reference_width(pages: list[list[_Line]]) -> int:
    """The length of a full line of body text, in characters: lines much
    shorter than this end a paragraph or are headings."""
    lengths = sorted(len(line.text) for page in pages for line in page)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _base_gap(lines: list[_Line]) -> float | None:
    """The distance between lines inside a paragraph on this page."""
    gaps = sorted(prev.y - line.y for prev, line in zip(lines, lines[1:])
                  if prev.y is not None and line.y is not None and prev.y - line.y > 0.5)
    return gaps[len(gaps) // 4] if gaps else None


def _page_paragraphs(lines: list[_Line], width: int) -> list[str]:
    gap = _base_gap(lines)
    paragraphs: list[str] = []
    for previous, line in zip([None, *lines], lines):
        if previous is None or _starts_paragraph(previous, line, gap, width):
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _join_words(paragraphs[-1], line.text)
    return paragraphs


def _starts_paragraph(previous: _Line, line: _Line, gap: float | None, width: int) -> bool:
    """Whether ``line`` begins a new paragraph rather than continuing the one
    above. Spacing decides when positions are known; the text decides too,
    since many documents put no space between list items."""
    if line.text.startswith("- ") or "\t" in line.text or "\t" in previous.text:
        return True
    if gap is not None and previous.y is not None and line.y is not None:
        step = previous.y - line.y
        if step <= 0.5 or step > gap * 1.3 + 0.5:
            return True
        if previous.size and line.size and abs(previous.size - line.size) > 0.15 * previous.size:
            return True
    ends_sentence = bool(_TERMINAL.search(previous.text))
    short = len(previous.text) < 0.6 * width
    if short:
        return True
    if _CLAUSE_START.match(line.text) and ends_sentence:
        return True
    starts_sentence = line.text[:1].isupper() or line.text[:1].isdigit()
    return ends_sentence and starts_sentence and len(previous.text) < 0.8 * width


def _join_words(left: str, right: str) -> str:
    """A word hyphenated at the end of a line keeps its hyphen but loses the
    space, which is right for "well-being" and harmless otherwise."""
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].islower():
        return left + right
    return f"{left} {right}"


def _join_pages(pages: list[list[str]]) -> list[str]:
    """A page that ends mid-sentence, followed by one starting in lower case,
    is one paragraph cut by the page break."""
    out: list[str] = []
    for paragraphs in pages:
        if (out and paragraphs and not _TERMINAL.search(out[-1]) and paragraphs[0][:1].islower()
                and "\t" not in out[-1] + paragraphs[0]):
            out[-1] = _join_words(out[-1], paragraphs[0])
            paragraphs = paragraphs[1:]
        out.extend(paragraphs)
    return out


_READERS: dict[str, Callable[[bytes, str], tuple[str, list[str]]]] = {
    "txt": _read_txt,
    "md": _read_md,
    "docx": _read_docx,
    "pdf": _read_pdf,
}
