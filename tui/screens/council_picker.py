"""The council picker: a list of the councils; Enter chooses, Esc keeps the current one."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from corpus.clause import Council
from tui import render


class CouncilPicker(ModalScreen[str | None]):
    """Dismisses with the chosen council's slug, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, councils: Sequence[Council], current: str | None) -> None:
        super().__init__()
        self.councils = list(councils)
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(self._prompt(c), id=c.slug) for c in self.councils]
        with Vertical(id="picker-dialog", classes="dialog") as dialog:
            dialog.border_title = "Which council's code?"
            dialog.border_subtitle = "Enter to choose · Esc to cancel"
            yield OptionList(*options, id="council-options")

    def _prompt(self, council: Council) -> Content:
        mark = "● " if council.slug == self.current else "  "
        return Content.assemble(mark, render.text(council.name, "bold"), "  ",
                                render.text(f"({council.slug})", render.MUTED), "\n  ",
                                render.text(council.title, "italic"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        slugs = [c.slug for c in self.councils]
        options.highlighted = slugs.index(self.current) if self.current in slugs else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
