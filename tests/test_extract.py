"""corpus.extract: each supported format comes out as the plain-text shape the
clause parser reads, and every unreadable file is refused with ExtractError."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import corpus.extract as extract_module
from corpus.extract import SUPPORTED, ExtractError, Extracted, extract

try:
    from tests.fixtures_docs import (
        PdfLine, build_auto_numbered_docx, build_docx_with_bad_xml, build_encrypted_pdf, build_layout_pdf,
        build_multilevel_numbering_docx, build_policy_docx, build_policy_pdf,
        build_revised_structure_docx, build_scanned_pdf, build_tracked_changes_docx,
        flow_paragraphs, write_pdf,
    )
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from fixtures_docs import (  # type: ignore[no-redef]
        PdfLine, build_auto_numbered_docx, build_docx_with_bad_xml, build_encrypted_pdf, build_layout_pdf,
        build_multilevel_numbering_docx, build_policy_docx, build_policy_pdf,
        build_revised_structure_docx, build_scanned_pdf, build_tracked_changes_docx,
        flow_paragraphs, write_pdf,
    )

TRACKED_NOTE = ("This document has tracked changes; the revised text "
                "(insertions kept, deletions removed) was read.")

POLICY_PDF_TEXT = """\
Officers' Code of Conduct

1. Gifts and hospitality

1.1 Employees must not accept any gift or hospitality from a contractor who is bidding for council work, whatever its value, and must report the offer to their manager.

1.2 Gifts of token value, such as pens and diaries, may be accepted and need not be declared in the register.

1.3 Employees must declare:

- any gift worth £25 or more;
- any hospitality from a supplier.

2. Outside work

2.1 Employees must ask their manager before taking outside work that could conflict with their council duties.
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --------------------------------------------------------------------------- .txt


def test_txt_utf8_with_bom_and_crlf_is_read_as_written(tmp_path: Path) -> None:
    data = "\ufeff1. Introduction\r\n\r\n- 1.1 Be honest.\r\n- 1.2 Be fair.\r\nSituation\tAction\r\n".encode()
    path = write(tmp_path, "code.txt", data)
    result = extract(path)
    assert result == Extracted(
        text="1. Introduction\n\n- 1.1 Be honest.\n- 1.2 Be fair.\nSituation\tAction\n",
        kind="txt", sha256=hashlib.sha256(data).hexdigest(), warnings=())


def test_txt_keeps_tabs_and_trailing_empty_cells_but_collapses_blank_runs(tmp_path: Path) -> None:
    path = write(tmp_path, "code.txt", "2023\t\t\t\n\n\n\n14.5 Employees must   \n")
    assert extract(path).text == "2023\t\t\t\n\n14.5 Employees must\n"


def test_txt_clause_number_at_a_tab_stop_is_not_a_table_row(tmp_path: Path) -> None:
    path = write(tmp_path, "code.txt", "1.1\tBe honest.\n(a)\tAlways.\nSituation\tAction\n1\tIntro\t4\n")
    assert extract(path).text == "1.1 Be honest.\n(a) Always.\nSituation\tAction\n1\tIntro\t4\n"


def test_txt_bullet_glyphs_become_dashes(tmp_path: Path) -> None:
    path = write(tmp_path, "code.txt", "You must:\n•\tdeclare gifts\n\u25aa refuse cash\n")
    assert extract(path).text == "You must:\n- declare gifts\n- refuse cash\n"


def test_txt_in_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "code.txt", "Gifts over £25 – declare them “promptly”.\r\n".encode("cp1252"))
    result = extract(path)
    assert result.text == "Gifts over £25 – declare them “promptly”.\n"
    assert len(result.warnings) == 1 and "Windows-1252" in result.warnings[0]


def test_txt_that_is_not_even_cp1252_falls_back_to_latin1(tmp_path: Path) -> None:
    path = write(tmp_path, "code.txt", b"Caf\xe9\x81 rules\n")
    result = extract(path)
    assert result.text == "Café rules\n"  # U+0081 is a control character and is dropped
    assert "Latin-1" in result.warnings[0]


def test_txt_in_utf16_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "code.txt", "1.1 Declare gifts over £25.\r\n".encode("utf-16"))
    assert extract(path).text == "1.1 Declare gifts over £25.\n"


def test_binary_file_named_txt_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "code.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ExtractError, match="binary"):
        extract(path)


# --------------------------------------------------------------------------- .md

MARKDOWN = """\
---
title: Officers' code
---
# Code of Conduct

The **Code** applies to *all* staff, __agency__ workers and
_interims_ alike; see [the intranet](https://example.org/code "Code") or
<https://example.org/help>.

## 1. Gifts

<b>Contents</b>\t<b>2</b>

- **Selflessness** – act in the public interest
* Integrity - avoid obligations
  that might influence you
+ Keep `snake_case` and my_file_name as written, and 5 * 3 * 2.

1. Declare gifts over &pound;25 &amp; hospitality.
2. Ask your manager.

Setext heading
--------------

| Situation | Action required |
|-----------|:---------------:|
| Offered a gift | Declare it |
| Escaped \\| pipe | Refuse |

> Quoted guidance text.

***

```
literal **not bold**
```
Line with an escaped \\*star\\* and a hard break\\
next line.
<!-- a comment that is not content -->
"""

MARKDOWN_TEXT = """\
Code of Conduct

The Code applies to all staff, agency workers and interims alike; see the intranet or https://example.org/help.

1. Gifts

Contents\t2

- Selflessness – act in the public interest
- Integrity - avoid obligations that might influence you
- Keep snake_case and my_file_name as written, and 5 * 3 * 2.

1. Declare gifts over £25 & hospitality.
2. Ask your manager.

Setext heading

Situation\tAction required
Offered a gift\tDeclare it
Escaped | pipe\tRefuse

Quoted guidance text.

literal **not bold**

Line with an escaped *star* and a hard break

next line.
"""


def test_markdown_markup_is_stripped_and_structure_kept(tmp_path: Path) -> None:
    result = extract(write(tmp_path, "code.md", MARKDOWN))
    assert result.kind == "md"
    assert result.text == MARKDOWN_TEXT
    assert result.warnings == ()


def test_markdown_strikethrough_is_treated_as_deleted_with_a_warning(tmp_path: Path) -> None:
    result = extract(write(tmp_path, "draft.md", "10.2 Gifts under ~~£50~~ £25 may be kept.\n"))
    assert result.text == "10.2 Gifts under £25 may be kept.\n"
    assert len(result.warnings) == 1 and "Struck-through" in result.warnings[0]


def test_markdown_empty_list_items_are_dropped(tmp_path: Path) -> None:
    assert extract(write(tmp_path, "code.md", "- one\n- \n-\n- two\n")).text == "- one\n- two\n"


def test_markdown_fill_in_blanks_survive(tmp_path: Path) -> None:
    path = write(tmp_path, "draft.md", "Adopted on [_____] 2024 by ****.\n")
    assert extract(path).text == "Adopted on [_____] 2024 by ****.\n"


def test_markdown_clause_numbers_keep_their_own_lines(tmp_path: Path) -> None:
    """Markdown would run these into one paragraph; a clause number must stay
    at the start of its line."""
    path = write(tmp_path, "code.md", "14.5 Employees must declare gifts\nover £25.\n14.6 Refuse cash.\n(a) always\n")
    assert extract(path).text == ("14.5 Employees must declare gifts over £25.\n\n"
                                  "14.6 Refuse cash.\n\n(a) always\n")


# --------------------------------------------------------------------------- .docx


def test_docx_headings_clauses_bullets_and_table_in_document_order(tmp_path: Path) -> None:
    result = extract(build_policy_docx(tmp_path / "code.docx"))
    assert result.kind == "docx"
    assert result.warnings == ()
    assert result.text == (
        "Officers' Code of Conduct\n"
        "\n"
        "1. Introduction\n"
        "\n"
        "1.1 The public is entitled to expect the highest standards of conduct from all employees.\n"
        "\n"
        "1.2 Employees must declare:\n"
        "\n"
        "- any gift worth £25 or more;\n"
        "- any hospitality from a contractor.\n"
        "\n"
        "2. Gifts and hospitality\n"
        "\n"
        "2.1 Refuse cash in any amount.\tAlways.\n"
        "\n"
        "Situation\tAction required\n"
        "Offered a gift\tDeclare it within 28 days\n"
        "Offered cash\tRefuse it\n"
        "\n"
        "2.2 Record every offer in the register.\n"
    )


def test_docx_tracked_changes_give_the_revised_text_only(tmp_path: Path) -> None:
    result = extract(build_tracked_changes_docx(tmp_path / "draft.docx"))
    assert result.text == (
        "3. Declarations\n"
        "\n"
        "3.1 Employees must declare gifts inserted within 28 days.\n"
        "\n"
        "3.2 Ask your manager newplace.\n"
        "\n"
        "3.4 The last clause.\n"
    )
    assert "inserted" in result.text and "newplace" in result.text
    assert "deleted" not in result.text and "oldplace" not in result.text
    assert "3.3" not in result.text  # its paragraph held only deleted text
    assert result.warnings == (TRACKED_NOTE,)


def test_docx_deleted_paragraph_mark_row_hidden_text_and_merged_cells(tmp_path: Path) -> None:
    result = extract(build_revised_structure_docx(tmp_path / "draft.docx"))
    assert result.text == (
        "4.1 Employees must report every gift.\n"
        "\n"
        "4.2 Visible text.\n"
        "\n"
        "Merged heading\t\tNotes\n"
        "Kept row\ta\tb\n"
    )
    assert result.warnings == (TRACKED_NOTE,)


def test_docx_without_revisions_has_no_tracked_changes_warning(tmp_path: Path) -> None:
    assert TRACKED_NOTE not in extract(build_policy_docx(tmp_path / "code.docx")).warnings


def test_docx_word_automatic_numbering_is_reconstructed(tmp_path: Path) -> None:
    result = extract(build_multilevel_numbering_docx(tmp_path / "numbered.docx"))
    assert result.text == (
        "1. Introduction\n"
        "\n"
        "1.1 The public expects high standards.\n"
        "\n"
        "1.2 Employees must declare:\n"
        "\n"
        "(a) gifts;\n"
        "\n"
        "(b) hospitality.\n"
        "\n"
        "2. Gifts\n"
        "\n"
        "2.1 Refuse cash.\n"
        "\n"
        "5. Restarted list.\n"
        "\n"
        "- A list that does not exist.\n"
    )
    assert len(result.warnings) == 2
    assert "worked out from the list settings" in result.warnings[0]
    assert "could not be worked out" in result.warnings[1]


def test_docx_list_number_style_gets_its_numbers(tmp_path: Path) -> None:
    result = extract(build_auto_numbered_docx(tmp_path / "numbered.docx"))
    assert result.text == "Gifts\n\n1. Declare every gift.\n\n2. Refuse cash.\n"
    assert any("automatic numbering" in warning for warning in result.warnings)


@pytest.mark.parametrize(("data", "message"), [
    (b"this is not a zip file at all", "not a valid .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Word file"),
    (b"PK\x03\x04 truncated zip", "damaged"),
])
def test_corrupt_docx_is_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ExtractError, match=message) as caught:
        extract(write(tmp_path, "broken.docx", data))
    assert "broken.docx" in str(caught.value)


def test_docx_with_bad_xml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="damaged"):
        extract(build_docx_with_bad_xml(tmp_path / "bad.docx"))


def test_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(ExtractError, match="not a Word document"):
        extract(path)


# --------------------------------------------------------------------------- .pdf


def test_pdf_drops_furniture_and_rejoins_a_sentence_split_by_a_page(tmp_path: Path) -> None:
    result = extract(build_policy_pdf(tmp_path / "code.pdf"))
    assert result.kind == "pdf"
    assert result.warnings == ()
    assert result.text == POLICY_PDF_TEXT
    assert "Page 1" not in result.text and "Thurrock Council -" not in result.text


def test_pdf_drawn_like_a_word_export_reads_the_same(tmp_path: Path) -> None:
    """Flipped coordinates, TJ arrays and a footer drawn before the body."""
    assert extract(build_policy_pdf(tmp_path / "code.pdf", word_style=True)).text == POLICY_PDF_TEXT


def test_pdf_without_space_between_paragraphs_is_split_by_the_text(tmp_path: Path) -> None:
    assert extract(build_policy_pdf(tmp_path / "code.pdf", paragraph_gap=0)).text == POLICY_PDF_TEXT


def test_pdf_clause_numbers_bullets_and_table_cells_drawn_apart(tmp_path: Path) -> None:
    assert extract(build_layout_pdf(tmp_path / "layout.pdf")).text == (
        "1.1 Employees must not accept any gift or hospitality from a contractor who is bidding for work.\n"
        "\n"
        "- a gift worth more than twenty-five pounds;\n"
        "- any hospitality.\n"
        "\n"
        "Situation\tAction required\n"
        "Offered a gift\tDeclare it\n"
    )


def test_pdf_bare_page_numbers_go_even_on_a_single_page(tmp_path: Path) -> None:
    lines = flow_paragraphs(["1.1 Declare every gift you are offered, whatever its value."])
    path = write_pdf(tmp_path / "one.pdf", [[*lines, PdfLine("- 7 -", 300, 30)]])
    assert extract(path).text == "1.1 Declare every gift you are offered, whatever its value.\n"


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match=r"no text layer \(it looks scanned\)") as caught:
        extract(build_scanned_pdf(tmp_path / "scan.pdf"))
    assert "OCR" in str(caught.value) and "scan.pdf" in str(caught.value)


def test_pdf_with_one_page_without_text_warns(tmp_path: Path) -> None:
    text_page = flow_paragraphs(["1.1 Declare every gift you are offered, whatever its value."])
    result = extract(write_pdf(tmp_path / "mixed.pdf", [text_page, []]))
    assert result.text == "1.1 Declare every gift you are offered, whatever its value.\n"
    assert result.warnings == ("Page 2 had no text and was skipped; if it is scanned, run OCR on the PDF first.",)


def test_pdf_with_a_few_pages_without_text_lists_them(tmp_path: Path) -> None:
    page = flow_paragraphs(["1.1 Declare every gift you are offered, whatever its value."])
    result = extract(write_pdf(tmp_path / "mixed.pdf", [page, [], [], page, page]))
    assert result.warnings == ("Pages 2-3 had no text and were skipped; "
                               "if they are scanned, run OCR on the PDF first.",)


def test_scan_whose_only_text_is_a_footer_or_a_cover_page_is_refused(tmp_path: Path) -> None:
    footer = [PdfLine("Scanned by the Records Team on 01/02/2024", 72, 30, 8)]
    with pytest.raises(ExtractError, match="looks scanned"):
        extract(write_pdf(tmp_path / "footers.pdf", [footer] * 4))
    cover = flow_paragraphs(["Officers' Code of Conduct, adopted by the council in May 2023."])
    with pytest.raises(ExtractError, match="looks scanned"):
        extract(write_pdf(tmp_path / "cover.pdf", [cover, [], [], []]))


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.4\nthis is not really a pdf\n%%EOF\n", "damaged|no pages"),
    (b"just some words in a file called pdf", "not a PDF"),
])
def test_corrupt_pdf_is_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ExtractError, match=message):
        extract(write(tmp_path, "broken.pdf", data))


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    whole = build_policy_pdf(tmp_path / "whole.pdf").read_bytes()
    with pytest.raises(ExtractError, match="damaged"):
        extract(write(tmp_path, "half.pdf", whole[: len(whole) // 2]))


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="password-protected"):
        extract(build_encrypted_pdf(tmp_path / "locked.pdf", user_password="secret"))


def test_pdf_encrypted_with_an_empty_password_is_read(tmp_path: Path) -> None:
    assert extract(build_encrypted_pdf(tmp_path / "open.pdf", user_password="")).text == POLICY_PDF_TEXT


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_damaged_files_never_raise_anything_but_extract_error(tmp_path: Path, kind: str) -> None:
    """Seeded byte flips and truncations: pypdf and python-docx raise many
    exception types on bad input, and the user must see none of them."""
    source = (build_policy_pdf(tmp_path / "s.pdf") if kind == "pdf"
              else build_policy_docx(tmp_path / "s.docx")).read_bytes()
    rng = random.Random(20240101)
    for attempt in range(150):
        data = bytearray(source)
        if attempt % 3 == 0:
            data = data[: rng.randrange(1, len(data))]
        else:
            for _ in range(rng.randint(1, 12)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path = write(tmp_path, f"fuzz.{kind}", bytes(data))
        try:
            result = extract(path)
        except ExtractError:
            continue
        assert result.text.strip()


# --------------------------------------------------------------------------- refusals common to all


def test_unsupported_extension_names_the_supported_ones(tmp_path: Path) -> None:
    with pytest.raises(ExtractError) as caught:
        extract(write(tmp_path, "code.rtf", r"{\rtf1 hello}"))
    message = str(caught.value)
    assert "code.rtf" in message and ".rtf" in message
    assert all(suffix in message for suffix in SUPPORTED)


def test_file_without_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="without an extension"):
        extract(write(tmp_path, "code", "text"))


def test_upper_case_extension_is_accepted(tmp_path: Path) -> None:
    assert extract(write(tmp_path, "CODE.TXT", "1.1 Be honest.\n")).kind == "txt"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="was not found") as caught:
        extract(tmp_path / "nowhere.docx")
    assert "nowhere.docx" in str(caught.value)


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "codes.pdf"
    folder.mkdir()
    with pytest.raises(ExtractError, match="is a folder"):
        extract(folder)


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.docx", "empty.pdf"])
def test_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExtractError, match="is empty"):
        extract(write(tmp_path, name, b""))


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="is empty"):
        extract(write(tmp_path, "blank.txt", " \r\n\t\n"))


def test_markup_only_markdown_has_no_text(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="contains no text"):
        extract(write(tmp_path, "rules.md", "---\n\n***\n<!-- nothing -->\n"))


def test_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "MAX_BYTES", 10)
    with pytest.raises(ExtractError, match="larger than"):
        extract(write(tmp_path, "big.txt", "x" * 11))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read files without permission")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", "1.1 Be honest.\n")
    path.chmod(0)
    try:
        with pytest.raises(ExtractError, match="permission denied"):
            extract(path)
    finally:
        path.chmod(0o600)


def test_permission_error_while_reading_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as above, for runs as root (where chmod 0 does not stop reads)."""
    path = write(tmp_path, "secret.txt", "1.1 Be honest.\n")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ExtractError, match="permission denied") as caught:
        extract(path)
    assert "secret.txt" in str(caught.value)


# --------------------------------------------------------------------------- the record


def test_result_is_frozen_deterministic_and_hashes_the_source(tmp_path: Path) -> None:
    path = build_policy_docx(tmp_path / "code.docx")
    first, second = extract(path), extract(str(path))
    assert first == second
    assert first.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.text = ""  # type: ignore[misc]


def test_importing_the_module_is_light() -> None:
    code = ("import sys, corpus.extract; "
            "print(sorted(m for m in ('docx', 'pypdf', 'spacy', 'textual') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"
