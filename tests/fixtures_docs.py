"""Builders for the documents `corpus.extract` is tested on, made at test time.

Nothing binary is committed: each helper writes a .docx or .pdf into a
directory the test owns (normally ``tmp_path``), so a reader can see exactly
what the document contains. python-docx cannot author tracked changes, and
pypdf cannot lay out text, so those parts are written as raw XML and raw PDF
operators here.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REVISION_ATTRS = f'w:author="Reviewer" w:date="2024-01-01T00:00:00Z" xmlns:w="{W_NS}"'


# --------------------------------------------------------------------------- docx


def build_policy_docx(path: Path) -> Path:
    """A code laid out the way councils write them: a title, headings,
    clause numbers typed as text, a "List Bullet" list and a table."""
    import docx

    document = docx.Document()
    document.add_paragraph("Officers' Code of Conduct", style="Title")
    document.add_heading("1. Introduction", level=1)
    document.add_paragraph(
        "1.1 The public is entitled to expect the highest standards of conduct from all employees."
    )
    document.add_paragraph("1.2 Employees must declare:")
    document.add_paragraph("any gift worth £25 or more;", style="List Bullet")
    document.add_paragraph("any hospitality from a contractor.", style="List Bullet")
    document.add_heading("2. Gifts and hospitality", level=1)
    paragraph = document.add_paragraph("2.1 Refuse cash")
    paragraph.add_run(" in any amount").bold = True
    paragraph.add_run(".\tAlways.")
    table = document.add_table(rows=3, cols=2)
    rows = [("Situation", "Action required"),
            ("Offered a gift", "Declare it\nwithin 28 days"),
            ("Offered cash", "Refuse it")]
    for row, (left, right) in zip(table.rows, rows):
        row.cells[0].text = left
        row.cells[1].text = right
    document.add_paragraph("")  # an empty paragraph, which must not leave a trace
    document.add_paragraph("2.2\tRecord every offer in the register.")  # number at a tab stop
    document.save(path)
    return path


def build_tracked_changes_docx(path: Path) -> Path:
    """A draft with tracked changes: one insertion, one deletion, a moved
    phrase, and a paragraph whose only text was deleted."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("3. Declarations", level=1)
    clause = document.add_paragraph("3.1 Employees must declare gifts")
    clause._p.append(parse_xml(
        f'<w:ins w:id="1" {_REVISION_ATTRS}><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>'
    ))
    clause._p.append(parse_xml(
        f'<w:del w:id="2" {_REVISION_ATTRS}><w:r><w:delText xml:space="preserve"> deleted</w:delText></w:r></w:del>'
    ))
    clause.add_run(" within 28 days.")

    moved = document.add_paragraph("3.2 Ask your manager")
    moved._p.append(parse_xml(
        f'<w:moveFrom w:id="3" w:name="move1" {_REVISION_ATTRS}><w:r><w:t xml:space="preserve"> oldplace</w:t></w:r></w:moveFrom>'
    ))
    moved._p.append(parse_xml(
        f'<w:moveTo w:id="4" w:name="move1" {_REVISION_ATTRS}><w:r><w:t xml:space="preserve"> newplace</w:t></w:r></w:moveTo>'
    ))
    moved.add_run(".")

    gone = document.add_paragraph()
    gone._p.append(parse_xml(
        f'<w:del w:id="5" {_REVISION_ATTRS}><w:r><w:delText>3.3 A clause that was deleted.</w:delText></w:r></w:del>'
    ))
    document.add_paragraph("3.4 The last clause.")
    document.save(path)
    return path


def build_auto_numbered_docx(path: Path) -> Path:
    """Clause numbers made by Word's automatic numbering ("List Number"),
    which python-docx's paragraph.text leaves out."""
    import docx

    document = docx.Document()
    document.add_paragraph("Gifts", style="Heading 1")
    document.add_paragraph("Declare every gift.", style="List Number")
    document.add_paragraph("Refuse cash.", style="List Number")
    document.save(path)
    return path


def build_multilevel_numbering_docx(path: Path) -> Path:
    """Clauses numbered "1.", "1.1", "(a)" by a multi-level Word list, plus a
    second list that restarts at 5 and a paragraph whose list is missing."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)")]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">{lvl_xml}</w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="90"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))

    def numbered(text: str, num_id: int, level: int, style: str | None = None) -> None:
        paragraph = document.add_paragraph(text, style=style)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))

    numbered("Introduction", 90, 0, "Heading 1")
    numbered("The public expects high standards.", 90, 1)
    numbered("Employees must declare:", 90, 1)
    numbered("gifts;", 90, 2)
    numbered("hospitality.", 90, 2)
    numbered("Gifts", 90, 0, "Heading 1")
    numbered("Refuse cash.", 90, 1)
    numbered("Restarted list.", 91, 0)
    numbered("A list that does not exist.", 77, 0)
    document.save(path)
    return path


def build_revised_structure_docx(path: Path) -> Path:
    """Tracked changes beyond runs: a deleted paragraph mark (two paragraphs
    become one), a deleted table row, plus hidden text and merged cells."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    first = document.add_paragraph("4.1 Employees must ")
    first._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr xmlns:w="{W_NS}"><w:del w:id="7" w:author="Reviewer" w:date="2024-01-01T00:00:00Z"/></w:rPr>'))
    document.add_paragraph("report every gift.")
    hidden = document.add_paragraph("4.2 Visible text.")
    hidden.add_run(" Secret note.").font.hidden = True
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Merged heading"
    table.cell(0, 2).text = "Notes"
    for index, value in enumerate(("Kept row", "a", "b")):
        table.cell(1, index).text = value
    for index, value in enumerate(("Deleted row", "c", "d")):
        table.cell(2, index).text = value
    table.rows[2]._tr.get_or_add_trPr().append(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="8" w:author="Reviewer" w:date="2024-01-01T00:00:00Z"/>'))
    document.save(path)
    return path


def build_docx_with_bad_xml(path: Path) -> Path:
    """A zip that looks like a .docx but whose document.xml is not XML."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Override PartName="/word/document.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.'
                         'wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                         'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                         'Target="word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml", "<w:document this is not xml")
    return path


# --------------------------------------------------------------------------- pdf


@dataclass(frozen=True)
class PdfLine:
    """One line of text placed at (x, y) points from the bottom-left corner."""

    text: str
    x: float = 72.0
    y: float = 720.0
    size: float = 11.0


def flow_paragraphs(paragraphs: list[str], *, top: float = 700.0, leading: float = 14.0,
                    gap: float = 10.0, width: int = 80, size: float = 11.0) -> list[PdfLine]:
    """Wrap each paragraph at ``width`` characters, as a word processor would,
    leaving ``gap`` extra points between paragraphs."""
    lines: list[PdfLine] = []
    y = top
    for paragraph in paragraphs:
        for text in _wrap(paragraph, width):
            lines.append(PdfLine(text, 72.0, y, size))
            y -= leading
        y -= gap
    return lines


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def write_pdf(path: Path, pages: list[list[PdfLine]], *, image_only: bool = False,
              word_style: bool = False) -> Path:
    """Write a minimal, valid PDF: Helvetica with WinAnsi encoding, one Tj per
    line, compressed content streams and a correct xref table. With
    ``image_only`` each page is a grey image and no text, like a scan. With
    ``word_style`` the page is drawn the way Word exports do: a flipped
    coordinate system, TJ arrays with kerning, footer drawn before the body."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: (b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length 64 >>\nstream\n" + bytes([128]) * 64 + b"\nendstream"),
    }
    page_ids = []
    for index, lines in enumerate(pages):
        page_id, content_id = 5 + 2 * index, 6 + 2 * index
        page_ids.append(page_id)
        if image_only:
            stream = _image_stream()
        elif word_style:
            stream = _word_style_stream(lines)
        else:
            stream = _text_stream(lines)
        packed = zlib.compress(stream)
        objects[content_id] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
                               + packed + b"\nendstream")
        objects[page_id] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> "
                            b"/Contents %d 0 R >>" % content_id)
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    path.write_bytes(_serialise(objects))
    return path


def _text_stream(lines: list[PdfLine]) -> bytes:
    out = []
    for line in lines:
        out.append(b"BT /F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET"
                   % (line.size, line.x, line.y, _pdf_string(line.text)))
    return b"\n".join(out)


def _pdf_string(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _word_style_stream(lines: list[PdfLine]) -> bytes:
    footer_first = sorted(lines, key=lambda line: line.y > 60)
    out = [b"1 0 0 -1 0 792 cm"]
    for line in footer_first:
        words = line.text.split(" ")
        parts = b" ".join(b"(%s) -10" % _pdf_string(w + (" " if i < len(words) - 1 else ""))
                          for i, w in enumerate(words))
        out.append(b"BT /F1 %.2f Tf 1 0 0 -1 %.2f %.2f Tm [%s] TJ ET"
                   % (line.size, line.x, 792 - line.y, parts))
    return b"\n".join(out)


def _image_stream() -> bytes:
    return b"q 500 0 0 700 56 46 cm /Im1 Do Q"


def _serialise(objects: dict[int, bytes]) -> bytes:
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(body)
        body += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref_at = len(body)
    count = max(objects) + 1
    body += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        body += b"%010d 00000 n \n" % offsets[number]
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref_at)
    return bytes(body)


POLICY_PAGES = [
    [
        "Officers' Code of Conduct",
        "1. Gifts and hospitality",
        "1.1 Employees must not accept any gift or hospitality from a contractor who is "
        "bidding for council work, whatever its value, and must report the offer to their manager.",
        "1.2 Gifts of token value, such as pens and diaries, may be accepted and",
    ],
    [
        "need not be declared in the register.",
        "1.3 Employees must declare:",
        "- any gift worth £25 or more;",
        "- any hospitality from a supplier.",
    ],
    [
        "2. Outside work",
        "2.1 Employees must ask their manager before taking outside work that could conflict "
        "with their council duties.",
    ],
]
"""Paragraphs of a three-page code; 1.2 runs over the break between pages 1 and 2."""


def build_policy_pdf(path: Path, *, word_style: bool = False, paragraph_gap: float = 10.0) -> Path:
    """Three pages of clauses with a running header, a "Page N of 3" footer and
    a sentence that runs across a page break."""
    pages = []
    for number, paragraphs in enumerate(POLICY_PAGES, start=1):
        lines = [PdfLine("Thurrock Council - Officers' Code", 72, 770, 9)]
        lines += flow_paragraphs(paragraphs, gap=paragraph_gap)
        lines.append(PdfLine(f"Page {number} of {len(POLICY_PAGES)}", 280, 30, 9))
        pages.append(lines)
    return write_pdf(path, pages, word_style=word_style)


def build_layout_pdf(path: Path) -> Path:
    """What Word draws as separate pieces on one line: a clause number with its
    text at a tab stop, bullet glyphs apart from their text, and a two-column
    table."""
    lines = [
        PdfLine("1.1", 72, 700), PdfLine("Employees must not accept any gift or hospitality from a", 130, 700),
        PdfLine("contractor who is bidding for work.", 130, 686),
        PdfLine("\u2022", 90, 660), PdfLine("a gift worth more than twenty-five pounds;", 108, 660),
        PdfLine("\u2022", 90, 646), PdfLine("any hospitality.", 108, 646),
        PdfLine("Situation", 72, 620), PdfLine("Action required", 300, 620),
        PdfLine("Offered a gift", 72, 606), PdfLine("Declare it", 300, 606),
    ]
    return write_pdf(path, [lines])


def build_encrypted_pdf(path: Path, user_password: str) -> Path:
    """The policy PDF encrypted (RC4, which pypdf can do without extra
    libraries); an empty user password means anyone may open it."""
    import pypdf

    plain = build_policy_pdf(path.with_name(path.stem + "-plain.pdf"))
    writer = pypdf.PdfWriter(clone_from=plain)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def build_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages that hold only an image, as a scanner produces."""
    return write_pdf(path, [[] for _ in range(pages)], image_only=True)
