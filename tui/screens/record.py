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
    from assistant.register.model import Entry
    from tui.app import ConductApp

HINTS = {
    "kind": "gift, hospitality, interest, outside_work, relationship, other",
    "value": "any form: £30, about forty quid, unknown",
    "offered_on": "2026-11-30, 30/11/2026, today, yesterday",
    "outcome": "accepted or declined",
    "approver": "their login, e.g. jsmith",
}


class RecordScreen(ModalScreen[None]):
    """The form; on Record it goes to the register (or is kept locally, saying why).

    With `correcting`, the same form corrects that entry: what changes is appended to its history
    as a correction, and the values it replaces stay there."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel"), Binding("ctrl+s", "record", "Record", priority=True)]

    def __init__(self, draft: Draft, correcting: "Entry | None" = None) -> None:
        super().__init__()
        self.draft = draft
        self.correcting = correcting

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(id="record-dialog", classes="dialog") as dialog:
            dialog.border_title = f"Correct entry {self.correcting.id}" if self.correcting else \
                "Record this in the register"
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
                yield Button("Record correction" if self.correcting else "Record", id="record-submit",
                             variant="primary")
                if self.correcting is None:
                    yield Button("Save as draft", id="record-draft")
                yield Button("Cancel", id="record-cancel")

    def _intro(self) -> Content:
        draft = self.draft
        if self.correcting is not None:
            note = "Change what was wrong: the correction is added to the entry's history and the values it " \
                   "replaces stay there."
            if self.correcting.status in ("approved", "declined"):
                note += " The entry then goes back to its approver for a new decision."
            return Content(note)
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

        from assistant.register.database import RegisterError

        draft = self.current()
        try:
            if self.correcting is not None:
                entry = self.conduct.backend.register_correct(self.correcting.id, draft)
                self.app.call_from_thread(self._corrected, entry)
                return
            outcome = self.conduct.backend.record(draft, submit)
        except InvalidEntry as exc:
            self.app.call_from_thread(self._problems, exc)
            return
        except RegisterError as exc:  # only a correction gets here: a new entry is kept locally instead
            self.app.call_from_thread(self._refused, str(exc))
            return
        self.app.call_from_thread(self._done, outcome)

    def _corrected(self, entry) -> None:
        unchanged = self.correcting is not None and entry.last_seq == self.correcting.last_seq
        self.dismiss()
        self.app.notify(f"Entry {entry.id}: nothing changed." if unchanged else
                        f"Entry {entry.id} corrected ({entry.status}).", title="Register", markup=False)

    def _refused(self, message: str) -> None:
        box = self.query_one("#record-problems", Static)
        box.update(Content(f"Not corrected: {message}"))
        box.add_class("-shown")

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
