"""A clause shown whole: id, section and text, with chosen words highlighted."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from corpus.clause import Clause
from tui import render


class ClauseView(Static):
    """One clause of a code; `-target` marks the clause being looked at."""

    def __init__(self, clause: Clause, *phrases: str | None, target: bool = False) -> None:
        super().__init__(self.content_for(clause, *phrases, target=target),
                         classes="clause -target" if target else "clause", markup=False)
        self.clause = clause

    @staticmethod
    def content_for(clause: Clause, *phrases: str | None, target: bool = False) -> Content:
        title = render.clause_title(clause)
        if target:
            title = Content.assemble(("▶ ", "bold"), title)
        return render.lines([title, render.highlighted(clause.text, *phrases)])
