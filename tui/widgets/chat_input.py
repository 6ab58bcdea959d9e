"""The question box: Enter sends, up and down walk back through what was asked before."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from tui.literal import literal, one_line

MAX_INPUT = 20_000
"""Enough for any pasted question; the assistant reads the first 2,000 characters."""


class ChatInput(Input):
    """An `Input` with history. Posts `ChatInput.Submitted` when Enter is pressed."""

    BINDINGS = [
        Binding("up", "history(-1)", "Previous question", show=False),
        Binding("down", "history(1)", "Next question", show=False),
    ]

    class Submitted(Input.Submitted):
        """A line was sent: `value` is exactly what was typed."""

    def __init__(self, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, max_length=MAX_INPUT, select_on_focus=False)
        self.history: list[str] = []
        self._position = 0
        self._draft = ""

    def remember(self, line: str) -> None:
        """Add a sent line to the history (not twice in a row) and go back to a blank draft."""
        if line.strip() and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self._position = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.value
        self._position = max(0, min(len(self.history), self._position + step))
        self.value = self._draft if self._position == len(self.history) else self.history[self._position]
        self.cursor_position = len(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted paragraph arrives whole, on one line, with control characters made visible."""
        event.prevent_default()  # the base Input would paste the first line again
        pasted = literal(one_line(event.text))
        if pasted:
            self.insert_text_at_cursor(pasted)
        event.stop()
