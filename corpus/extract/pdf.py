"""PDF (.pdf): lines from the text layer, page furniture dropped, paragraphs rebuilt, via pypdf."""

from __future__ import annotations

import io
import logging
import math
import re
import warnings as _warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from corpus.extract import ExtractError
from corpus.extract.clean import TERMINAL, assemble, bullet_to_dash, clean_chars, number_then_text

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


def read_pdf(data: bytes, name: str) -> tuple[str, list[str]]:
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
    return assemble(blocks), notes


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
        cells = (" ".join(cell.split()) for cell in clean_chars(line.text).split("\t"))
        text = number_then_text(bullet_to_dash("\t".join(cells).strip()))
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
    ends_sentence = bool(TERMINAL.search(previous.text))
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
        if (out and paragraphs and not TERMINAL.search(out[-1]) and paragraphs[0][:1].islower()
                and "\t" not in out[-1] + paragraphs[0]):
            out[-1] = _join_words(out[-1], paragraphs[0])
            paragraphs = paragraphs[1:]
        out.extend(paragraphs)
    return out
