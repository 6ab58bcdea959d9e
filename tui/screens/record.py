"""Record this: the register entry, filled from the conversation; the officer completes only what is missing."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from assistant.register.model import FIELD_LABELS, FIELDS, Draft
from tui import render

if TYPE_CHECKING:
    from tui.app import ConductApp

HINTS = {
    "kind": "gift, hospitality, interest, outside_work, relationship, other",
    "value": "any form: £30, about forty quid, unknown",
    "offered_on": "2026-11-30, 30/11/2026, today, yesterday",
    "outcome": "accepted or declined",
    "approver": "their login, e.g. jsmith",
}


class RecordScreen(ModalScreen[None]):
    """The form; on Record it goes to the register (or is kept locally, saying why)."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel"), Binding("ctrl+s", "record", "Record", priority=True)]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(id="record-dialog", classes="dialog") as dialog:
            dialog.border_title = "Record this in the register"
            dialog.border_subtitle = "ctrl+s record · Esc cancel"
            with VerticalScroll(id="record-body"):
                yield Static(self._intro(), id="record-intro", markup=False)
                for name in FIELDS:
                    value = draft.offered_on if name == "offered_on" else getattr(draft, name)
                    mark = " *" if name in draft.required else ""
                    yield Label(Content(FIELD_LABELS[name] + mark), classes="record-label")
                    yield Input(value=value, placeholder=HINTS.get(name, ""), id=f"record-{name}",
                                classes="record-field", max_length=4000 if name in ("description", "circumstances") else 200)
                yield Static("", id="record-problems", markup=False)
            with Horizontal(id="record-buttons"):
                yield Button("Record", id="record-submit", variant="primary")
                yield Button("Save as draft", id="record-draft")
                yield Button("Cancel", id="record-cancel")

    def _intro(self) -> Content:
        draft = self.draft
        parts = [Content.assemble(("Verdict: ", "bold"), render.text(draft.summary or "none"))]
        if draft.approver_role:
            parts.append(Content.assemble(("It goes to: ", "bold"), render.text(draft.approver_role)))
        if draft.required_by:
            parts.append(Content.assemble(("Fields marked * are needed: the code requires the record ", "bold"),
                                          (f"({draft.required_by})", render.ID_STYLE)))
        else:
            parts.append(Content.styled("Fields marked * are needed.", "bold"))
        return Content("\n").join(parts)

    def on_mount(self) -> None:
        missing = [n for n in FIELDS if not self.query_one(f"#record-{n}", Input).value.strip()]
        self.query_one(f"#record-{missing[0] if missing else 'approver'}", Input).focus()

    def current(self) -> Draft:
        values = {n: self.query_one(f"#record-{n}", Input).value for n in FIELDS}
        return replace(self.draft, **values)

    @on(Button.Pressed, "#record-submit")
    def action_record(self) -> None:
        self._send(True)

    @on(Button.Pressed, "#record-draft")
    def _as_draft(self) -> None:
        self._send(False)

    @on(Button.Pressed, "#record-cancel")
    def _cancel(self) -> None:
        self.dismiss()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        self.focus_next()

    @work(thread=True, exclusive=True, group="record")
    def _send(self, submit: bool) -> None:
        from assistant.register.validate import InvalidEntry

        draft = self.current()
        try:
            outcome = self.conduct.backend.record(draft, submit)
        except InvalidEntry as exc:
            self.app.call_from_thread(self._problems, exc)
            return
        self.app.call_from_thread(self._done, outcome)

    def _problems(self, exc) -> None:
        lines = ["Not recorded yet; please check:"] + [f"• {p}" for p in exc.problems]
        box = self.query_one("#record-problems", Static)
        box.update(Content("\n".join(lines)))
        box.add_class("-shown")
        first = exc.problems[0].field
        if first in FIELDS:
            self.query_one(f"#record-{first}", Input).focus()

    def _done(self, outcome) -> None:
        kind = "saved" if outcome.entry is not None else "error"
        self.dismiss()
        self.conduct.chat.note(outcome.message, kind)
        self.app.notify(outcome.message, title="Register", markup=False,
                        severity="information" if outcome.entry is not None else "warning")
