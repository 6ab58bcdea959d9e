"""A clause in context: its neighbours in the code around it, the clause marked, its deciding words highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from corpus.clause import Clause
from tui.widgets.clause_view import ClauseView

if TYPE_CHECKING:
    from corpus.library import Library
    from tui.app import ConductApp

CONTEXT = 2
"""How many top-level clauses to show before and after."""


class ClauseScreen(ModalScreen[None]):
    """One clause among its neighbours; `p` and `n` move through the code."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close"),
        Binding("p", "step(-1)", "Previous clause"),
        Binding("n", "step(1)", "Next clause"),
    ]

    def __init__(self, clause_id: str, highlight: str | None = None) -> None:
        super().__init__()
        self.clause_id = clause_id
        self.highlight = highlight

    @property
    def library(self) -> "Library":
        library = cast("ConductApp", self.app).backend.library
        assert library is not None
        return library

    def compose(self) -> ComposeResult:
        with Vertical(id="clause-dialog", classes="dialog"):
            yield VerticalScroll(id="clause-context")

    def on_mount(self) -> None:
        self.show(self.clause_id)

    def show(self, clause_id: str) -> None:
        clause = self.library.clause(clause_id)
        if clause is None:
            self.notify(f"No clause {clause_id}", severity="error", markup=False)
            return
        self.clause_id = clause_id
        dialog = self.query_one("#clause-dialog")
        dialog.border_title = f"{clause.id} in context"
        dialog.border_subtitle = "p previous · n next · Esc close"
        body = self.query_one("#clause-context", VerticalScroll)
        body.remove_children()
        body.mount_all(self._views(clause))
        target = body.query(".-target")
        if target:
            self.call_after_refresh(body.scroll_to_center, target.first(), animate=False)

    def _views(self, clause: Clause) -> list[Static]:
        council = self.library.document(clause.council).council
        views: list[Static] = [Static(f"{council.name} · {council.title}", classes="context-source", markup=False)]
        anchor = clause.parent or clause.id
        phrases = (clause.text if clause.parent else None, self.highlight)
        for neighbour in self.library.neighbours(clause.id, CONTEXT, CONTEXT):
            if neighbour.id == anchor:
                views.append(ClauseView(neighbour, *phrases, target=True))
            else:
                views.append(ClauseView(neighbour))
        return views

    def action_step(self, step: int) -> None:
        clause = self.library.clause(self.clause_id)
        if clause is None:
            return
        clauses = self.library.document(clause.council).clauses
        index = clauses.index(clause) + step
        if 0 <= index < len(clauses):
            self.highlight = None
            self.show(clauses[index].id)
