"""Helpers for driving the app in Pilot tests: wait for workers, ask, read what a widget shows."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget

from tui.widgets.answer_card import AnswerCard
from tui.widgets.chat_input import ChatInput
from tui.widgets.verdict_badge import VerdictBadge


async def settle(pilot: Any) -> None:
    """Wait until every worker has finished and what it posted has been shown (never a sleep)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def ask(pilot: Any, text: str) -> None:
    """Put `text` in the question box exactly as given and press Enter."""
    box = pilot.app.screen.query_one(ChatInput)
    box.focus()
    box.value = text
    await pilot.press("enter")
    await settle(pilot)


def shown(widget: Widget) -> str:
    """The plain text a widget renders."""
    return str(widget.render())


def last_answer(pilot: Any) -> AnswerCard:
    return pilot.app.screen.query(AnswerCard).last()


def badge_of(card: AnswerCard) -> str:
    return shown(card.query_one(VerdictBadge))


def card_text(card: AnswerCard) -> str:
    return "\n".join(shown(w) for w in card.query("Static"))
