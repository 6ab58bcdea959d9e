"""corpus.added: storing, loading and removing the councils a user adds, all or nothing.

The documents are made here, in every supported format, from one outline of a
code ("Anytown Borough Council") numbered in the styles councils use: sections
1, clauses 1.1, a 1.1.1 sub-paragraph, (a) items, (i) items, bullets and
unnumbered headings. Nothing binary is committed. The builders are shared with
test_drafting.py and test_add_cli.py.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from corpus.added import (
    AddError, add_council, added_dir, check_slug, default_slug, load_added, remove_council,
)
from corpus.extract import ExtractError
from corpus.library import load_library

try:
    from tests.fixtures_docs import W_NS, build_docx_with_bad_xml, build_scanned_pdf, flow_paragraphs, write_pdf
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from fixtures_docs import W_NS, build_docx_with_bad_xml, build_scanned_pdf, flow_paragraphs, write_pdf  # type: ignore[no-redef]


# --------------------------------------------------------------------------- the code, in every format

LIMITS = {
    # format: (the clause 1.1 sentence, the gifts.limit it means in pence)
    "txt": ("Gifts worth less than £25, such as pens and diaries, may be accepted.", 2500),
    "md": ("Gifts worth up to £50 may be accepted.", 5001),
    "docx": ("Gifts worth £50 or more must be declined.", 5000),
    "pdf": ("Gifts worth over £20 must be refused.", 2001),
}
BARRED = {
    "txt": "(a) contractors or suppliers bidding for council work;",
    "md": "(a) contractors bidding for council work;",
    "docx": "(a) contractors bidding for council work;",
    "pdf": "(a) contractors bidding for council work;",
}


def outline(kind: str) -> list[tuple[str, str]]:
    """The code as (block kind, text): title, heading, para, item (typed label), bullet."""
    return [
        ("title", "Anytown Borough Council"),
        ("para", "Employee Code of Conduct"),
        ("heading", "Introduction"),
        ("para", "This code sets out the standards expected of all employees."),
        ("para", "If anything in this code is unclear, raise it with your line manager."),
        ("heading", "1. Gifts and hospitality"),
        ("para", "1.1 " + LIMITS[kind][0]),
        ("para", "1.2 You must not accept cash or vouchers in any amount."),
        ("para", "1.3 You must not accept any gift from:"),
        ("item", BARRED[kind]),
        ("item", "(b) service users or their families."),
        ("para", "1.4 Every offer of a gift or hospitality, accepted or not, must be recorded in the register "
                 "of gifts and hospitality, which is held by the Monitoring Officer."),
        ("para", "1.5 You must get the written approval of your Head of Service before accepting any hospitality."),
        ("heading", "2. Outside work"),
        ("para", "2.1 You must get the written permission of your line manager before taking any other paid work."),
        ("para", "2.1.1 This includes self-employment."),
        ("para", "2.2 You must not do outside work in council time."),
        ("heading", "3. Declaring interests"),
        ("para", "3.1 You must declare any interest that may conflict with your duties to your Head of Service "
                 "within 14 days of becoming aware of it."),
        ("heading", "4. Media"),
        ("para", "4.1 You must not speak to the media about council business unless authorised. "
                 "Refer all media enquiries to the Communications Team."),
        ("heading", "5. Criminal offences"),
        ("para", "5.1 You must tell your line manager straight away if you are arrested for, charged with or "
                 "convicted of any offence that could lead to imprisonment of at least 6 months."),
        ("heading", "6. Raising concerns"),
        ("para", "6.1 If you suspect wrongdoing, raise it with your line manager or the Monitoring Officer. You may also:"),
        ("bullet", "use the Whistleblowing Policy;"),
        ("bullet", "contact the external auditor."),
        ("para", "6.2 When you report a concern:"),
        ("item", "(i) keep a note of what you saw;"),
        ("item", "(ii) do not investigate it yourself."),
    ]


def write_txt(directory: Path, kind: str = "txt", name: str = "anytown.txt") -> Path:
    lines = []
    for block, text in outline(kind):
        lines.append(f"- {text}" if block == "bullet" else text)
        if block not in {"item", "bullet"}:
            lines.append("")
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_md(directory: Path, name: str = "anytown.md") -> Path:
    out = []
    for block, text in outline("md"):
        if block == "title":
            out.append(f"# {text}\n")
        elif block == "heading":
            out.append(f"## {text}\n")
        elif block == "bullet":
            out.append(f"- {text}")
        elif block == "item":
            out.append(text)
        else:
            out.append(f"{text}\n")
    path = directory / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def write_docx(directory: Path, name: str = "anytown.docx", tracked: bool = False) -> Path:
    """Word: Title and Heading 1 styles, typed clause numbers, List Bullet bullets.

    With ``tracked``, clause 1.1 is a tracked revision: "£25" deleted, "£50" inserted.
    """
    import docx
    from docx.oxml import parse_xml

    attrs = f'w:author="Reviewer" w:date="2024-01-01T00:00:00Z" xmlns:w="{W_NS}"'
    document = docx.Document()
    for block, text in outline("docx"):
        if block == "title":
            document.add_paragraph(text, style="Title")
        elif block == "heading":
            document.add_heading(text, level=1)
        elif block == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif tracked and text.startswith("1.1 "):
            paragraph = document.add_paragraph("1.1 Gifts worth ")
            paragraph._p.append(parse_xml(f'<w:del w:id="1" {attrs}><w:r><w:delText>£25</w:delText></w:r></w:del>'))
            paragraph._p.append(parse_xml(f'<w:ins w:id="2" {attrs}><w:r><w:t>£50</w:t></w:r></w:ins>'))
            paragraph.add_run(" or more must be declined.")
        else:
            document.add_paragraph(text)
    path = directory / name
    document.save(path)
    return path


def write_pdf_code(directory: Path, name: str = "anytown.pdf") -> Path:
    """A two-page PDF, wrapped as a word processor would, bullets drawn as glyphs."""
    paragraphs = [("• " + text if block == "bullet" else text) for block, text in outline("pdf")]
    split = next(i for i, p in enumerate(paragraphs) if p.startswith("3. "))
    pages = [flow_paragraphs(paragraphs[:split], top=740, leading=13, gap=6),
             flow_paragraphs(paragraphs[split:], top=740, leading=13, gap=6)]
    return write_pdf(directory / name, pages)


WRITERS = {"txt": write_txt, "md": write_md, "docx": write_docx, "pdf": write_pdf_code}

EXPECTED_IDS = [
    "anytown:introduction/1", "anytown:introduction/2",
    "anytown:1.1", "anytown:1.2", "anytown:1.3", "anytown:1.3(a)", "anytown:1.3(b)", "anytown:1.4", "anytown:1.5",
    "anytown:2.1", "anytown:2.2", "anytown:3.1", "anytown:4.1", "anytown:5.1",
    "anytown:6.1", "anytown:6.1(1)", "anytown:6.1(2)", "anytown:6.2", "anytown:6.2(i)", "anytown:6.2(ii)",
]


def add_anytown(home: Path, source: Path, **kwargs):
    return add_council(source, "Anytown Borough Council", home=home, **kwargs)


# --------------------------------------------------------------------------- adding and loading


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_every_format_adds_with_the_same_clauses(tmp_path: Path, kind: str) -> None:
    source = WRITERS[kind](tmp_path)
    home = tmp_path / "home"
    result = add_anytown(home, source)
    assert result.slug == "anytown" and result.slug_was_derived
    assert result.kind == kind
    document = result.document
    assert [c.id for c in document.clauses] == EXPECTED_IDS
    assert not document.council.bundled
    get = document.get
    assert get("anytown:1.1").text == LIMITS[kind][0]
    assert get("anytown:1.3").children == ("anytown:1.3(a)", "anytown:1.3(b)")
    assert get("anytown:1.3(a)").text == BARRED[kind][4:]
    assert get("anytown:1.3(a)").parent == "anytown:1.3"
    assert get("anytown:1.3").section == "Gifts and hospitality"
    # a 1.1.1 sub-paragraph is not a clause of its own: it stays, with its number, in 2.1
    assert get("anytown:2.1").text.endswith("\n2.1.1 This includes self-employment.")
    assert get("anytown:6.1(1)").text == "use the Whistleblowing Policy;"
    assert get("anytown:6.2(ii)").text == "do not investigate it yourself."
    assert get("anytown:introduction/2").section == "Introduction"
    assert [s.heading for s in document.sections][1:] == [
        "Gifts and hospitality", "Outside work", "Declaring interests", "Media", "Criminal offences", "Raising concerns"]

    loaded = load_added(home, warn=pytest.fail)
    assert [d.council.slug for d in loaded] == ["anytown"]
    assert loaded[0].clauses == document.clauses
    folder = home / "councils" / "anytown"
    assert sorted(p.name for p in folder.iterdir()) == sorted(["council.toml", "text.txt", f"source.{kind}"])
    assert (folder / f"source.{kind}").read_bytes() == source.read_bytes()


def test_the_record_says_who_it_is(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    council = load_added(home, warn=pytest.fail)[0].council
    assert council.name == "Anytown Borough Council"
    assert council.aliases == ("Anytown", "Anytown Borough Council")
    assert council.title == "Employee Code of Conduct"
    assert council.source == "anytown.txt"
    assert council.date.startswith("added 20")
    assert council.dialect == "numbered" and council.bundled is False


def test_added_councils_join_the_library_after_the_bundled_ones(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_council(write_txt(tmp_path), "Zed District Council", home=home)
    add_council(write_md(tmp_path), "Bee Town Council", slug="bee", home=home)
    library = load_library(home, warn=pytest.fail)
    assert library.slugs[-2:] == ["bee", "zed"]  # bundled first, then added sorted by slug
    assert library.clause("zed:1.1").text == LIMITS["txt"][0]
    assert library.clause("bee:1.1").text == LIMITS["md"][0]


def test_tracked_changes_are_read_as_revised_and_said(tmp_path: Path) -> None:
    result = add_anytown(tmp_path / "home", write_docx(tmp_path, tracked=True))
    assert result.document.get("anytown:1.1").text == "Gifts worth £50 or more must be declined."
    assert any("tracked changes" in w for w in result.warnings)
    record = (result.directory / "council.toml").read_text(encoding="utf-8")
    assert "tracked changes" in record


def test_headings_without_numbers_are_structure_enough(tmp_path: Path) -> None:
    source = tmp_path / "plain.md"
    source.write_text(
        "# Code of Conduct\n\n## Gifts\n\nYou must not accept cash.\n\nGifts worth £25 or more must be declined.\n\n"
        "## Outside work\n\nAsk your manager before taking another job.\n", encoding="utf-8")
    result = add_council(source, "Plainville Council", home=tmp_path / "home")
    assert result.slug == "plainville"
    assert [c.id for c in result.document.clauses] == ["plainville:gifts/1", "plainville:gifts/2", "plainville:outside-work/1"]


# --------------------------------------------------------------------------- slugs and names


@pytest.mark.parametrize(("name", "slug"), [
    ("Anytown Borough Council", "anytown"),
    ("City of Westford Council", "westford"),
    ("North Anytown District Council", "north-anytown"),
    ("Royal Borough of Kingsford and Maidley", "kingsford-maidley"),
    ("St. Mary's Parish Council", "st-marys"),
    ("County Council", "county-council"),
    ("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Town Council", ""),
])
def test_default_slug(name: str, slug: str) -> None:
    assert default_slug(name) == slug


@pytest.mark.parametrize("slug", ["a", "Anytown", "any town", "-anytown", "anytown-", "any--town", "1town", "x" * 31, "all", "any_town", "../etc"])
def test_invalid_slugs_are_refused(tmp_path: Path, slug: str) -> None:
    assert check_slug(slug) is not None
    with pytest.raises(AddError, match="slug"):
        add_council(write_txt(tmp_path), "Anytown Borough Council", slug=slug, home=tmp_path / "home")
    assert not (tmp_path / "home" / "councils").exists()


def test_the_derived_slug_is_told_apart_from_a_given_one(tmp_path: Path) -> None:
    result = add_council(write_txt(tmp_path), "Anytown Borough Council", slug="any-2", home=tmp_path / "home")
    assert result.slug == "any-2" and not result.slug_was_derived


def test_a_name_with_no_usable_slug_asks_for_one(tmp_path: Path) -> None:
    with pytest.raises(AddError, match="--slug"):
        add_council(write_txt(tmp_path), "Ⅻ Council ✓", home=tmp_path / "home")


@pytest.mark.parametrize("slug", ["county", "thurrock", "essex"])
def test_a_bundled_slug_can_never_be_taken(tmp_path: Path, slug: str) -> None:
    with pytest.raises(AddError, match="ships with Conduct .*, which cannot be replaced"):
        add_council(write_txt(tmp_path), "Anytown Borough Council", slug=slug, home=tmp_path / "home")


def test_an_existing_slug_is_refused_and_the_first_is_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    before = (home / "councils" / "anytown" / "text.txt").read_bytes()
    with pytest.raises(AddError, match="already been added.*conduct remove anytown"):
        add_council(write_md(tmp_path), "Anytown Town Council", slug="anytown", home=home)
    assert (home / "councils" / "anytown" / "text.txt").read_bytes() == before
    assert sorted(p.name for p in (home / "councils").iterdir()) == ["anytown"]


@pytest.mark.parametrize("name", ["Thurrock Council", "THURROCK", "Gloucester City Council", "county council", "Essex County Council"])
def test_a_name_used_by_a_bundled_council_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(AddError, match="already used by the council"):
        add_council(write_txt(tmp_path), name, slug="newcouncil", home=tmp_path / "home")


def test_a_name_used_by_an_added_council_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    with pytest.raises(AddError, match="'anytown borough council' is already used by the council 'anytown'"):
        add_council(write_md(tmp_path), "anytown borough council", slug="other", home=home)
    with pytest.raises(AddError, match="'Anytown' is already used"):
        add_council(write_md(tmp_path), "Anytown City Council", slug="other", home=home)


def test_an_empty_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AddError, match="needs a name"):
        add_council(write_txt(tmp_path), "   ", home=tmp_path / "home")


# --------------------------------------------------------------------------- files that cannot be added


def test_unreadable_files_are_refused_and_leave_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    rtf = tmp_path / "code.rtf"
    rtf.write_text("{\\rtf1 1.1 Gifts}", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    cases = [
        (rtf, "which Conduct cannot read"),
        (build_scanned_pdf(tmp_path / "scanned.pdf"), "scan|image|no text"),
        (build_docx_with_bad_xml(tmp_path / "damaged.docx"), "damaged"),
        (empty, "is empty"),
        (tmp_path / "missing.txt", "was not found"),
        (tmp_path, "is a folder"),
    ]
    for path, message in cases:
        with pytest.raises(ExtractError, match=message):
            add_anytown(home, path)
    assert not home.exists()


def test_a_document_without_clause_structure_is_refused(tmp_path: Path) -> None:
    prose = tmp_path / "letter.txt"
    prose.write_text(
        "Dear colleague,\n\nPlease be honest and careful with gifts. Thank you for your hard work this year, "
        "which has been noticed by everyone.\n\nWe hope you have a restful break.\n\nYours, the Chief Executive\n",
        encoding="utf-8")
    with pytest.raises(AddError, match=r"no numbered paragraphs \(1, 1\.1, \(a\)\) or headings were found in letter\.txt; "
                                       "Conduct needs the code's own paragraph numbers to cite it"):
        add_anytown(tmp_path / "home", prose)
    assert not (tmp_path / "home").exists()


@pytest.mark.parametrize(("text", "number"), [
    ("Code\n\n1. Gifts\n\n1.1 One.\n\n1.1 Again.\n\n1.2 Two.\n\n1.3 Three.\n", "1.1"),
    ("Code\n\n1. Gifts\n\n1.1 One:\n(a) x\n(b) y\n(a) z\n\n1.2 Two.\n\n1.3 Three.\n", "1.1(a)"),
])
def test_a_paragraph_number_used_twice_is_refused(tmp_path: Path, text: str, number: str) -> None:
    source = tmp_path / "dup.txt"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(AddError, match=rf"the paragraph number {re.escape(number)} appears twice in dup.txt"):
        add_anytown(tmp_path / "home", source)
    assert not (tmp_path / "home").exists()


# --------------------------------------------------------------------------- all or nothing


def _listing(home: Path) -> list[str]:
    root = home / "councils"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


@pytest.mark.parametrize("fail_at_write", [1, 2, 3])
def test_an_add_interrupted_midway_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at_write: int) -> None:
    import corpus.added as added

    home = tmp_path / "home"
    add_council(write_md(tmp_path), "Bee Town Council", slug="bee", home=home)
    before = _listing(home)
    real_write, calls = added._write, []

    def interrupted(path: Path, text: str) -> None:
        calls.append(path.name)
        if len(calls) == fail_at_write:
            raise KeyboardInterrupt
        real_write(path, text)

    monkeypatch.setattr(added, "_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_anytown(home, write_txt(tmp_path), extra_files=lambda document: {"policy.toml": "# drafted\n"})
    assert _listing(home) == before == ["bee"]
    monkeypatch.setattr(added, "_write", real_write)
    assert [d.council.slug for d in load_added(home, warn=pytest.fail)] == ["bee"]
    add_anytown(home, write_txt(tmp_path))  # and the same add then succeeds
    assert _listing(home) == ["anytown", "bee"]


def test_an_add_interrupted_while_drafting_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"

    def drafting(document):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        add_anytown(home, write_txt(tmp_path), extra_files=drafting)
    assert not home.exists()


def test_an_interrupted_rename_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.added as added

    home = tmp_path / "home"

    def no_rename(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(added.os, "rename", no_rename)
    with pytest.raises(KeyboardInterrupt):
        add_anytown(home, write_txt(tmp_path))
    assert not home.exists() or _listing(home) == []


def test_a_failed_save_is_an_add_error_and_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.added as added

    home = tmp_path / "home"
    add_council(write_md(tmp_path), "Bee Town Council", slug="bee", home=home)
    real_write = added._write

    def full_disk(path: Path, text: str) -> None:
        if path.name == "council.toml":
            raise OSError(28, "No space left on device")
        real_write(path, text)

    monkeypatch.setattr(added, "_write", full_disk)
    with pytest.raises(AddError, match="could not be saved in .*No space left on device.*nothing was added"):
        add_anytown(home, write_txt(tmp_path))
    assert _listing(home) == ["bee"]


def test_leftover_temporary_folders_are_ignored(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    shutil.copytree(home / "councils" / "anytown", home / "councils" / ".adding-other-123")
    (home / "councils" / "stray.txt").write_text("not a council", encoding="utf-8")
    assert [d.council.slug for d in load_added(home, warn=pytest.fail)] == ["anytown"]


# --------------------------------------------------------------------------- damaged folders


def _damage(folder: Path, how: str) -> None:
    if how == "no council.toml":
        (folder / "council.toml").unlink()
    elif how == "corrupt council.toml":
        (folder / "council.toml").write_text("slug = 'anytown\n[[[", encoding="utf-8")
    elif how == "incomplete council.toml":
        text = (folder / "council.toml").read_text(encoding="utf-8")
        (folder / "council.toml").write_text("\n".join(l for l in text.split("\n") if not l.startswith("sha256")), encoding="utf-8")
    elif how == "no text":
        (folder / "text.txt").unlink()
    elif how == "text changed":
        (folder / "text.txt").write_text("1. Gifts\n\n1.1 Anything goes.\n", encoding="utf-8")
    elif how == "source changed":
        (folder / "source.txt").write_text("something else", encoding="utf-8")
    elif how == "no source":
        (folder / "source.txt").unlink()
    elif how == "renamed folder":
        folder.rename(folder.with_name("elsewhere"))


DAMAGE = ["no council.toml", "corrupt council.toml", "incomplete council.toml", "no text", "text changed",
          "source changed", "no source", "renamed folder"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_council_is_skipped_with_one_warning(tmp_path: Path, how: str) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    add_council(write_md(tmp_path), "Bee Town Council", slug="bee", home=home)
    _damage(home / "councils" / "anytown", how)
    warnings: list[str] = []
    documents = load_added(home, warn=warnings.append)
    assert [d.council.slug for d in documents] == ["bee"]
    assert len(warnings) == 1
    assert "skipped the added council in" in warnings[0] and "conduct remove" in warnings[0]
    library = load_library(home, warn=lambda message: None)
    assert "bee" in library.slugs and "anytown" not in library.slugs and "thurrock" in library.slugs


@pytest.mark.parametrize("how", DAMAGE)
def test_damage_after_a_council_was_trusted_is_still_found(tmp_path: Path, how: str) -> None:
    """Once checked, a council is not hashed or parsed again at start (corpus/parsed.py's manifest);
    any change to its files must still have it checked in full, and skipped."""
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    add_council(write_md(tmp_path), "Bee Town Council", slug="bee", home=home)
    first = load_added(home, warn=pytest.fail)
    assert (home / "cache" / "added" / "manifest.json").is_file()
    assert load_added(home, warn=pytest.fail) == first  # trusted: the same clauses, from the cache
    _damage(home / "councils" / "anytown", how)
    warnings: list[str] = []
    assert [d.council.slug for d in load_added(home, warn=warnings.append)] == ["bee"]
    assert len(warnings) == 1 and "skipped the added council in" in warnings[0]
    assert "anytown" not in load_library(home, warn=lambda message: None).slugs


def test_a_trusted_council_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.added as added

    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    library = load_library(home, warn=pytest.fail)
    expected = library.document("anytown")
    monkeypatch.setattr(added, "_check_one", lambda *a: pytest.fail("read again"))
    again = load_library(home, warn=pytest.fail)
    assert again.clause_count("anytown") == len(expected.clauses)
    assert again.document("anytown") == expected


@pytest.mark.parametrize("what", ["manifest.json", "anytown.json"])
@pytest.mark.parametrize("how", ["truncated", "tampered", "garbage", "other format"])
def test_a_corrupt_parsed_cache_is_rebuilt_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         what: str, how: str) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    expected = load_library(home, warn=pytest.fail).document("anytown")
    path = home / "cache" / "added" / what
    raw = path.read_bytes()
    path.write_bytes({"truncated": raw[: len(raw) // 2], "tampered": raw.replace(b"\"digest\":\"", b"\"digest\":\"0"),
                      "garbage": b"\x00\xff" * 40, "other format": raw.replace(b"CONDUCT-PARSED 1", b"CONDUCT-PARSED 0", 1)}[how])
    capsys.readouterr()
    warnings: list[str] = []
    library = load_library(home, warn=warnings.append)
    assert library.document("anytown") == expected
    said = " ".join(warnings) + capsys.readouterr().err
    if how == "other format":
        assert said == ""  # another version's cache is simply rebuilt
    else:
        assert str(path) in said and "rebuilding" in said
    assert load_library(home, warn=pytest.fail).document("anytown") == expected  # and rebuilt for next time


def test_damage_is_reported_on_stderr_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    (home / "councils" / "anytown" / "source.txt").write_text("changed", encoding="utf-8")
    assert load_added(home) == []
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("conduct: skipped the added council")
    assert "does not match the SHA-256" in err


def test_a_folder_named_like_a_bundled_council_is_skipped(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    shutil.copytree(home / "councils" / "anytown", home / "councils" / "county")
    warnings: list[str] = []
    assert [d.council.slug for d in load_added(home, warn=warnings.append)] == ["anytown"]
    assert len(warnings) == 1


def test_no_councils_folder_means_no_added_councils(tmp_path: Path) -> None:
    assert load_added(tmp_path / "nowhere", warn=pytest.fail) == []


# --------------------------------------------------------------------------- removing


def test_remove_deletes_the_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    result = remove_council("anytown", home=home)
    assert result.name == "Anytown Borough Council"
    assert _listing(home) == []
    assert load_added(home, warn=pytest.fail) == []
    add_anytown(home, write_txt(tmp_path))  # the slug is free again
    assert _listing(home) == ["anytown"]


def test_a_damaged_council_can_still_be_removed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    (home / "councils" / "anytown" / "council.toml").unlink()
    assert remove_council("anytown", home=home).name == "anytown"
    assert _listing(home) == []


@pytest.mark.parametrize("slug", ["county", "Thurrock", "essex"])
def test_bundled_councils_cannot_be_removed(tmp_path: Path, slug: str) -> None:
    with pytest.raises(AddError, match="ships with Conduct .*; it cannot be removed"):
        remove_council(slug, home=tmp_path)


@pytest.mark.parametrize("slug", ["nowhere", "../home", "", ".adding-x"])
def test_unknown_councils_cannot_be_removed(tmp_path: Path, slug: str) -> None:
    home = tmp_path / "home"
    add_anytown(home, write_txt(tmp_path))
    with pytest.raises(AddError, match=r"there is no added council .* \(added councils: anytown\)"):
        remove_council(slug, home=home)
    assert _listing(home) == ["anytown"]


def test_conduct_home_decides_where_councils_live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCT_HOME", str(tmp_path / "elsewhere"))
    add_council(write_txt(tmp_path), "Anytown Borough Council")
    assert added_dir() == tmp_path / "elsewhere" / "councils"
    assert (tmp_path / "elsewhere" / "councils" / "anytown" / "council.toml").is_file()
    assert os.listdir(tmp_path / "elsewhere" / "councils") == ["anytown"]
