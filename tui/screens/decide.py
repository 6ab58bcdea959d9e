"""Approve or decline: the approver reads the entry with the answer that came with it, and gives a comment."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from assistant.register.model import KIND_LABELS, Entry

LABELS = {"approved": "Approve", "declined": "Decline"}


class DecideScreen(ModalScreen["tuple[str, str] | None"]):
    """Dismissed with (outcome, comment), or None when cancelled; the register is written by the caller."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, entry: Entry, outcome: str) -> None:
        super().__init__()
        self.entry, self.outcome = entry, outcome

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(id="decide-dialog", classes="dialog") as dialog:
            dialog.border_title = f"{LABELS[self.outcome]} entry {e.id}"
            dialog.border_subtitle = "Enter confirm · Esc cancel"
            lines = [f"{e.officer}: {KIND_LABELS.get(e.kind, e.kind)} on {e.offered_on.isoformat()}, {e.outcome}"
                     + (f", {e.value_text}" if e.value_text else ""),
                     f"Offered by: {e.giver}" if e.giver else "", f"What: {e.description}",
                     f"Circumstances: {e.circumstances}" if e.circumstances else "",
                     f"The answer: {e.summary}" if e.summary else "",
                     f"Clauses: {', '.join(e.citations)}" if e.citations else ""]
            yield Static(Content("\n".join(line for line in lines if line)), id="decide-entry", markup=False)
            yield Label("Comment (kept with your decision)", classes="record-label")
            yield Input(id="decide-comment", placeholder="your reasons, e.g. 'declined correctly'", max_length=4000)
            with Horizontal(id="decide-buttons"):
                yield Button(LABELS[self.outcome], id="decide-confirm",
                             variant="success" if self.outcome == "approved" else "error")
                yield Button("Cancel", id="decide-cancel")

    def on_mount(self) -> None:
        self.query_one("#decide-comment", Input).focus()

    @on(Input.Submitted, "#decide-comment")
    @on(Button.Pressed, "#decide-confirm")
    def _confirm(self) -> None:
        self.dismiss((self.outcome, self.query_one("#decide-comment", Input).value))

    @on(Button.Pressed, "#decide-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
