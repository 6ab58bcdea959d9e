"""The panel beside the conversation listing the clauses the focused answer cites."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.widgets import Static

from assistant.answer import Answer, Citation
from tui.widgets.citation_card import CitationCard

EMPTY = "The clauses an answer cites appear here. Tab to one and press Enter to read it in context."


class CitationsPanel(VerticalScroll, can_focus=False):
    """Cited clauses, newest answer first; replaced whenever another answer is shown or focused.

    The panel itself never takes focus (its cards do), so focus always shows on something."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Clauses cited"
        self.answer: Answer | None = None
        """The answer whose clauses are shown."""

    def on_mount(self) -> None:
        self.show([])

    def show(self, citations: Sequence[Citation], answer: Answer | None = None) -> None:
        self.answer = answer
        self.remove_children()
        self.border_title = f"Clauses cited ({len(citations)})" if citations else "Clauses cited"
        if citations:
            self.mount_all([CitationCard(c) for c in citations])
        else:
            self.mount(Static(EMPTY, classes="empty", markup=False))
        self.scroll_home(animate=False)

    @property
    def ids(self) -> list[str]:
        return [card.citation.id for card in self.query(CitationCard)]
