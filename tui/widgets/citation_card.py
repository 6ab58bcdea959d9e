"""One cited clause: its id, section and full text, with the words that decided the answer highlighted."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from assistant.answer import Citation
from tui import render

PANEL_TEXT_LIMIT = 1500
"""Longer clauses are cut in the panel; opening one shows it whole, in context."""


class CitationCard(Static, can_focus=True):
    """A citation; Enter or a click opens the clause in context."""

    BINDINGS = [Binding("enter", "open", "Open in context")]

    class Selected(Message):
        """Open this clause in context."""

        def __init__(self, clause_id: str, highlight: str | None) -> None:
            super().__init__()
            self.clause_id = clause_id
            self.highlight = highlight

    def __init__(self, citation: Citation, limit: int | None = PANEL_TEXT_LIMIT) -> None:
        super().__init__(self._content(citation, limit), classes="citation", markup=False)
        self.citation = citation

    @staticmethod
    def _content(citation: Citation, limit: int | None) -> Content:
        parts = [render.citation_title(citation), render.highlighted(citation.text, citation.highlight, limit=limit)]
        if citation.highlight and render.find_span(citation.text, citation.highlight) is None:
            parts.append(render.text(f"Deciding words: \u201c{citation.highlight}\u201d", "italic"))
        return render.lines(parts)

    def action_open(self) -> None:
        self.post_message(self.Selected(self.citation.id, self.citation.highlight))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()
