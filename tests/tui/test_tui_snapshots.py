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
    @pytest.mark.xfail(strict=False, reason="known flaky: the chat's scroll position after an answer and its "
                       "Record offer mount differs between runs on a loaded machine; to fix next (see issue 16 note)")
    def test_answer_with_citations(self, snap_compare: Any, tui_assistant: Any, tmp_path: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await ask(pilot, "Can I accept a £30 gift from a contractor?")

        assert snap_compare(app_for(tui_assistant, tmp_path), terminal_size=SIZE, run_before=run_before)

    @pytest.mark.xfail(strict=False, reason="known flaky: the chat's scroll position after an answer and its "
                       "Record offer mount differs between runs on a loaded machine; to fix next (see issue 16 note)")
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
