"""Word (.docx): paragraphs, lists with Word's own numbering, tables and tracked changes, via python-docx."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from corpus.extract import ExtractError
from corpus.extract.clean import assemble

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
MAX_LIST_NUMBER = 10_000
"""Word's own limit is 32,767; no code of conduct numbers a list past a few hundred. A number
taken from the file is bounded before its text is built: letter style repeats a letter once
per 26, so a list starting at 10^11 made 7.5 GB of text."""
MAX_SPAN = 64
"""Word tables have at most 63 columns; a cell spanning 10^9 of them made 7.8 GB of tabs."""
MAX_LEVEL = 8
MAX_ENTRY_BYTES = 200 * 1024 * 1024
"""The most any one part of a .docx may inflate to (a real document.xml is a few MB)."""
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200
"""Compression ratio above which a large part is taken for a zip bomb (XML compresses 10-30x)."""


def read_docx(data: bytes, name: str) -> tuple[str, list[str]]:
    """Walk the body XML in document order, paragraphs and tables interleaved,
    reading run text ourselves so that tracked changes come out as the
    revised text rather than python-docx's mixture of neither version."""
    document = _open_docx(data, name)
    body = document.element.body
    reader = _DocxReader(document)
    try:
        blocks = reader.blocks(body)
    except ExtractError as exc:  # a bound on a value read from the file: say which file
        raise ExtractError(f"{name}: {exc}") from None
    notes = []
    if any(element.tag in _REVISIONS for element in body.iter()):
        notes.append(_TRACKED_NOTE)
    if reader.numbering.reconstructed:
        notes.append(_NUMBERING_MADE_NOTE)
    if reader.numbering.lost:
        notes.append(_NUMBERING_LOST_NOTE)
    if reader.shapes_with_text:
        notes.append(_SHAPES_NOTE)
    return assemble(blocks), notes


def _open_docx(data: bytes, name: str) -> Any:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractError(f"{name} is an old-style Word file or is password-protected. "
                           "Open it in Word and save it as an unprotected .docx, then add that.")
    if not data.startswith(b"PK"):
        raise ExtractError(f"{name} is not a valid .docx file. "
                           "Open it in Word and save it again as .docx, then add that.")
    import docx

    _check_zip(data, name)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:
        raise ExtractError(f"{name} is damaged or is not a Word document, so it cannot be read. "
                           "Open it in Word and save it again as .docx, then add that.") from None


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip bomb before anything is inflated: every entry's declared size, the total and the
    ratio. zipfile never inflates an entry past its declared size (it stops at file_size and checks
    the CRC), so checking what is declared bounds what is actually read."""
    import zipfile

    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says it is damaged, in the usual words
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(1, entry.compress_size)
        if entry.file_size > MAX_ENTRY_BYTES or (entry.file_size > 10 * 1024 * 1024 and ratio > MAX_RATIO):
            raise ExtractError(f"{name} holds a part ({entry.filename[:60]}) that would inflate to "
                               f"{entry.file_size / 1024 ** 2:,.0f} MB from {entry.compress_size / 1024 ** 2:,.1f} MB; "
                               "no Word document is like that, so it was not read (a zip bomb?).")
        if total > MAX_TOTAL_BYTES:
            raise ExtractError(f"{name} would inflate to more than {MAX_TOTAL_BYTES // 1024 ** 2} MB; "
                               "no Word document is like that, so it was not read (a zip bomb?).")


class _DocxReader:
    """Turns body elements into (kind, text) blocks for `assemble`."""

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
                        if span > MAX_SPAN:
                            raise ExtractError(f"a table cell in this document spans {span:,} columns (Word allows "
                                               f"{MAX_SPAN - 1}); the file is damaged or not made by Word, so it was "
                                               "not read.")
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
                    if not 0 <= index <= MAX_LEVEL:
                        raise IndexError(index)  # an unreadable level: the item becomes a bullet
                    pending[index] = _bounded(int(_val(start)))
                    counters[index] = None

        def start_of(index: int) -> int:
            if index in pending:
                return pending[index]
            value = _val(levels[index].find(f"{_W}start")) if index in levels else None
            return _bounded(int(value)) if value and value.isdigit() else 1

        if counters[level] is None:
            counters[level] = start_of(level)
            pending.pop(level, None)
        else:
            counters[level] = _bounded(counters[level] + 1)
        for deeper in range(level + 1, 9):
            restart = _val(levels[deeper].find(f"{_W}lvlRestart")) if deeper in levels else None
            if restart != "0":
                counters[deeper] = None
        return [value if value is not None else start_of(i) for i, value in enumerate(counters)]


def _bounded(number: int) -> int:
    if number > MAX_LIST_NUMBER:
        raise ExtractError(f"this document's automatic list numbering reaches {number:,} (no code numbers a list "
                           f"past {MAX_LIST_NUMBER:,}); the file is damaged or not made by Word, so it was not read. "
                           "Open it in Word and save it again, then add that.")
    return number


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
