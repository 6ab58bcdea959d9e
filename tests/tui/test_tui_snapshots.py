"""SVG snapshots of the main screens at a fixed size (update with --snapshot-update and review the diff)."""

from __future__ import annotations

from typing import Any

import pytest

from pilot_helpers import ask, settle

from tui.app import make_app

SIZE = (100, 32)


def app_for(assistant: Any, tmp_path: Any) -> Any:
    return make_app(assistant=assistant, council="thurrock", home=tmp_path)


class TestChat:
    def test_answer_with_citations(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await ask(pilot, "Can I accept a £30 gift from a contractor?")

        assert snap_compare(app_for(tui_assistant, tmp_path), terminal_size=SIZE, run_before=run_before)

    def test_follow_up_question(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await ask(pilot, "Can I accept a gift from a contractor? [bold]x[/bold]")

        assert snap_compare(app_for(tui_assistant, tmp_path), terminal_size=(80, 24), run_before=run_before)


class TestScreens:
    def test_browser(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f3")
            await settle(pilot)
            await pilot.press("down", "down", "down", "down", "down")

        assert snap_compare(app_for(tui_assistant, tmp_path), terminal_size=SIZE, run_before=run_before)

    def test_compare(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            pilot.app.screen.query_one("#situation").value = "a £30 gift from a contractor"
            pilot.app.screen.query_one("#situation").focus()
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(app_for(tui_assistant, tmp_path), terminal_size=SIZE, run_before=run_before)

    def test_training_reveal(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)

        assert snap_compare(app_for(tui_assistant, tmp_path), terminal_size=SIZE, run_before=run_before)

    def test_clause_in_context(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            pilot.app.open_clause("thurrock:14.5", "other than ones of a token value such as pens and diaries")
            await settle(pilot)

        assert snap_compare(app_for(tui_assistant, tmp_path), terminal_size=SIZE, run_before=run_before)


SMALL = (80, 24)
"""The smallest terminal every screen must be usable at."""


class TestEveryScreenAt80x24:
    """Each screen at 80x24, driven as a person would (review the SVG diff when one changes)."""

    def _snap(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any, run_before: Any) -> bool:
        return snap_compare(app_for(tui_assistant, tmp_path), terminal_size=SMALL, run_before=run_before)

    def test_chat_answer(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await ask(pilot, "Can I accept a £30 gift from a contractor?")

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_chat_tab_to_the_newest_answer_then_type(self, snap_compare: Any, tui_assistant: Any,
                                                     tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await ask(pilot, "Can I accept a £30 gift from a contractor?")
            await ask(pilot, "Do I need permission for a second job? 👍🏽")
            await pilot.press("tab", *"/council county")
            await pilot.pause()

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_chat_long_paste(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await ask(pilot, ("Can I accept a £30 gift from a contractor who has been very kind to us? " * 80)[:5000])

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_help(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f1")
            await pilot.pause()

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_why(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await ask(pilot, "Can I accept a £30 gift from a contractor?")
            await pilot.press("ctrl+y")
            await pilot.pause()

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_council_picker(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("ctrl+o")
            await settle(pilot)

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_browse(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f3")
            await settle(pilot)
            await pilot.press("down", "down", "down")

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_compare_typed_situation(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            await pilot.press(*"a 30 pound gift from a contractor", "enter")
            await settle(pilot)

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_training_scenario(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot)

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_training_reveal_for_another_council(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f5")
            await settle(pilot)
            await pilot.press("c", "4")
            await settle(pilot)

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)

    def test_clause_in_context(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            pilot.app.open_clause("thurrock:14.5", "other than ones of a token value such as pens and diaries")
            await settle(pilot)

        assert self._snap(snap_compare, tui_assistant, tmp_path, run_before)
