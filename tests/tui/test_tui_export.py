"""Export: the conversation as Markdown with its citations, written atomically under home/exports."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pilot_helpers import ask, settle

from tui.app import ConductApp
from tui.export import export_path
from tui.widgets.bubbles import Note


async def test_export_writes_the_transcript_and_shows_the_path(app: ConductApp, tmp_path: Path) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a gift from a contractor? [bold]x")
        await ask(pilot, "£30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        files = list((tmp_path / "exports").glob("conduct-*.md"))
        assert len(files) == 1
        note = str(app.screen.query(Note).last().render())
        assert str(files[0]) in note
    text = files[0].read_text(encoding="utf-8")
    assert text.startswith("# Conduct conversation")
    assert "Answers from: Thurrock Council." in text
    assert text.count("_Council: Thurrock Council_") == 2
    assert "> Can I accept a gift from a contractor? [bold]x" in text
    assert "**No** — At Thurrock only gifts of token value" in text
    assert "- **thurrock:14.5** (Hospitality): Employees must not solicit" in text
    assert "Deciding words: \u201cother than ones of a token value such as pens and diaries\u201d" in text
    assert not list((tmp_path / "exports").glob(".*.tmp"))


async def test_nothing_to_export_says_so(app: ConductApp, tmp_path: Path) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not (tmp_path / "exports").exists()


def test_export_names_never_collide(tmp_path: Path) -> None:
    when = datetime(2024, 5, 1, 12, 30, 5)
    first = export_path(tmp_path, when)
    first.write_text("x")
    assert first.name == "conduct-2024-05-01-123005.md"
    assert export_path(tmp_path, when).name == "conduct-2024-05-01-123005-2.md"


async def test_each_exported_answer_names_its_own_council(app: ConductApp, tmp_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await ask(pilot, "/council essex")
        await ask(pilot, "Can I accept a £30 gift from a contractor?")
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = next((tmp_path / "exports").glob("conduct-*.md")).read_text(encoding="utf-8")
    assert "Answers from: Thurrock Council; Essex County Council." in text
    first, second = text.index("_Council: Thurrock Council_"), text.index("_Council: Essex County Council_")
    assert first < text.index("thurrock:14.5") < text.index("## 3. You") < second < text.rindex("essex:")
