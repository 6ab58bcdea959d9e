"""The Register: the entries this person may see, their status, and each one's detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from assistant.register.model import STATUS_LABELS

if TYPE_CHECKING:
    from assistant.register.model import Entry
    from tui.app import ConductApp


class RegisterScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close"), Binding("r", "reload", "Reload")]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="register-dialog", classes="dialog") as dialog:
            dialog.border_title = "Register of gifts, hospitality and interests"
            dialog.border_subtitle = "Enter details · r reload · Esc close"
            yield Static("Reading the register…", id="register-who", markup=False)
            table: DataTable[str] = DataTable(id="register-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Id", "Date", "Status", "Officer", "Goes to", "Value", "Offered by", "What")
            yield table
            yield Static("", id="register-detail", markup=False)

    def on_mount(self) -> None:
        self.action_reload()

    @work(thread=True, exclusive=True, group="register")
    def action_reload(self) -> None:
        entries, who = self.conduct.backend.register_entries()
        self.app.call_from_thread(self._show, entries, who)

    def _show(self, entries: list["Entry"], who: str) -> None:
        self.entries = entries
        count = f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}" if entries else "no entries"
        self.query_one("#register-who", Static).update(Content(f"{who} — {count}" if entries else who))
        table = self.query_one(DataTable)
        table.clear()
        for e in entries:
            table.add_row(e.id, e.offered_on.isoformat(), STATUS_LABELS.get(e.status, e.status), e.officer,
                          e.approver, e.value_text, Content(e.giver), Content(e.description[:60]), key=e.id)
        if entries:
            table.focus()
            self._detail(entries[0])

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        for entry in self.entries:
            if event.row_key is not None and entry.id == event.row_key.value:
                self._detail(entry)

    def _detail(self, entry: "Entry") -> None:
        lines = [f"{entry.id}: {STATUS_LABELS.get(entry.status, entry.status)}",
                 f"{entry.kind} on {entry.offered_on.isoformat()}, {entry.outcome}"
                 + (f", {entry.value_text}" if entry.value_text else "")]
        if entry.summary:
            lines.append(f"Answer: {entry.summary}")
        if entry.citations:
            lines.append("Clauses: " + ", ".join(entry.citations))
        if entry.decided_by:
            lines.append(f"Decided by {entry.decided_by}" + (f": {entry.decision_comment}" if entry.decision_comment else ""))
        self.query_one("#register-detail", Static).update(Content("\n".join(lines)))
