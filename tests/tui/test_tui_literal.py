"""Hostile text: markup-like questions, escape sequences and huge pastes are shown literally and never crash."""

from __future__ import annotations

import pytest
from pilot_helpers import ask, last_answer, settle, shown

from tui.app import ConductApp
from tui.literal import ECHO_LIMIT, clip, literal
from tui.widgets.bubbles import QuestionBubble

HOSTILE = ["[bold]x", "[/", "[link=http://x]y[/link]", "[red", "[/bold] and [@click=app.quit]q[/]", "\\[b]"]


async def test_markup_like_questions_appear_literally(app: ConductApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for text in HOSTILE:
            await ask(pilot, f"Can I accept a gift {text}")
            bubble = app.screen.query(QuestionBubble).last()
            assert f"Can I accept a gift {text}" in shown(bubble)
            assert last_answer(pilot).answer.question  # an answer came back
        await pilot.resize_terminal(80, 24)  # layout again, where markup errors would surface
        await settle(pilot)
        assert app.is_running


async def test_escape_sequences_are_made_visible(app: ConductApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await ask(pilot, "a gift \x1b[31mred\x1b[0m \x07 from a contractor")
        text = shown(app.screen.query(QuestionBubble).last())
        assert "\x1b" not in text and "␛[31mred␛[0m" in text and "␇" in text


async def test_a_huge_question_is_capped_with_a_note(app: ConductApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await ask(pilot, "Can I accept a gift from a contractor? " + "blah " * 1000)
        text = shown(app.screen.query(QuestionBubble).last())
        assert len(text) < ECHO_LIMIT + 200
        assert "5,039 characters pasted: showing the start; Conduct reads the first 2,000." in text
        assert last_answer(pilot) is not None


@pytest.mark.parametrize("text", HOSTILE + ["\x1b[31m", "tab\there", "x" * 5000])
def test_literal_helpers_keep_text_and_drop_control_codes(text: str) -> None:
    shown_text, note = clip(literal(text))
    assert not any(ord(c) < 32 and c not in "\n" for c in shown_text)
    assert (note is None) == (len(text) <= ECHO_LIMIT)


@pytest.mark.parametrize("emoji", ["👍🏽", "👨‍👩‍👧", "❤️", "🧑🏿‍💻"])
def test_joined_emoji_are_drawn_as_wide_as_they_are_counted(emoji: str) -> None:
    """A terminal draws a joined emoji as one picture; Textual counts each part. Without the joiners
    and modifiers every part is both drawn and counted, so the column divider stays put."""
    shown_text = literal(f"ok {emoji} ok")
    assert not any(0x1F3FB <= ord(c) <= 0x1F3FF or c in "\u200d\ufe0f\ufe0e" for c in shown_text)
    assert shown_text.startswith("ok ") and shown_text.endswith(" ok") and len(shown_text) > 6
