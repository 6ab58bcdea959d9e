"""The Register: the entries this person may see, their status and history; the approver's waiting list.

An approver presses `v` for what waits for them, then `a` or `d` to approve or decline with a comment;
an officer presses `c` to correct an entry (appended to its history, never an edit in place) and `w`
to withdraw a draft. What each person may do is the register's to decide (assistant.register.store,
and on PostgreSQL the database itself): this screen only offers it and says the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from assistant.register.model import KIND_LABELS, STATUS_LABELS, describe_event

if TYPE_CHECKING:
    from assistant.register.model import Entry, Event
    from tui.app import ConductApp

KEYS = "v waiting for me · a approve · d decline · c correct · w withdraw draft · r reload · Esc close"


class RegisterScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close"), Binding("r", "reload", "Reload"),
                Binding("v", "toggle_waiting", "Waiting for me"), Binding("a", "decide('approved')", "Approve"),
                Binding("d", "decide('declined')", "Decline"), Binding("c", "correct", "Correct"),
                Binding("w", "withdraw", "Withdraw draft")]

    def __init__(self, waiting: bool = False) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.waiting = waiting

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="register-dialog", classes="dialog") as dialog:
            dialog.border_title = "Register of gifts, hospitality and interests"
            dialog.border_subtitle = KEYS
            yield Static("Reading the register…", id="register-who", markup=False)
            table: DataTable[str] = DataTable(id="register-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Id", "Date", "Status", "Officer", "Goes to", "Value", "Offered by", "What")
            yield table
            yield Static("", id="register-detail", markup=False)

    def on_mount(self) -> None:
        self.action_reload()

    @work(thread=True, exclusive=True, group="register")
    def action_reload(self) -> None:
        entries, who = self.conduct.backend.register_entries(waiting=self.waiting)
        events = self.conduct.backend.register_events(entries[0].id) if entries else []
        self.app.call_from_thread(self._show, entries, who, events)

    def action_toggle_waiting(self) -> None:
        self.waiting = not self.waiting
        self.action_reload()

    def _show(self, entries: list["Entry"], who: str, events: list["Event"]) -> None:
        self.entries = entries
        count = f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}" if entries else "no entries"
        self.query_one("#register-who", Static).update(Content(f"{who} — {count}"))
        table = self.query_one(DataTable)
        table.clear()
        for e in entries:
            table.add_row(e.id, e.offered_on.isoformat(), STATUS_LABELS.get(e.status, e.status), e.officer,
                          e.approver, e.value_text, Content(e.giver), Content(e.description[:60]), key=e.id)
        if entries:
            table.focus()
            self._detail(entries[0], events)
        else:
            self.query_one("#register-detail", Static).update(Content(""))

    def selected(self) -> "Entry | None":
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row is None or not 0 <= table.cursor_row < len(self.entries):
            return None
        return self.entries[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        for entry in self.entries:
            if event.row_key is not None and entry.id == event.row_key.value:
                self._detail(entry, None)
                self._load_history(entry)

    @work(thread=True, exclusive=True, group="register-history")
    def _load_history(self, entry: "Entry") -> None:
        events = self.conduct.backend.register_events(entry.id)
        self.app.call_from_thread(self._history_loaded, entry, events)

    def _history_loaded(self, entry: "Entry", events: list["Event"]) -> None:
        current = self.selected()
        if current is not None and current.id == entry.id:
            self._detail(entry, events)

    def _detail(self, entry: "Entry", events: "list[Event] | None") -> None:
        lines = [f"{entry.id}: {STATUS_LABELS.get(entry.status, entry.status)}",
                 f"{KIND_LABELS.get(entry.kind, entry.kind)} on {entry.offered_on.isoformat()}, {entry.outcome}"
                 + (f", {entry.value_text}" if entry.value_text else "")
                 + (f" · goes to {entry.approver}" if entry.approver else "")
                 + (f" ({entry.approver_role})" if entry.approver_role else "")]
        if entry.summary:
            lines.append(f"Answer: {entry.summary}")
        if entry.citations:
            lines.append("Clauses: " + ", ".join(entry.citations))
        if entry.decided_by:
            lines.append(f"Decided by {entry.decided_by}" + (f": {entry.decision_comment}" if entry.decision_comment else ""))
        if events:
            lines.append("History: " + " · ".join(f"{ev.at[:10]} {describe_event(ev)}" for ev in events))
        self.query_one("#register-detail", Static).update(Content("\n".join(lines)))

    # -- acting on the selected entry ----------------------------------------------
    def action_decide(self, outcome: str) -> None:
        from tui.screens.decide import DecideScreen

        entry = self.selected()
        if entry is None:
            self.app.notify("No entry selected.", markup=False)
            return
        me = self.conduct.backend.register_user
        if entry.status != "submitted" or entry.officer == me:
            why = "it is your own entry" if entry.officer == me else \
                f"it is {STATUS_LABELS.get(entry.status, entry.status).lower()}, not waiting for approval"
            self.app.notify(f"Entry {entry.id} cannot be decided: {why}.", severity="warning", markup=False)
            return

        def decided(result: "tuple[str, str] | None") -> None:
            if result is not None:
                self._decide(entry.id, *result)

        self.app.push_screen(DecideScreen(entry, outcome), decided)

    @work(thread=True, exclusive=True, group="register-act")
    def _decide(self, entry_id: str, outcome: str, comment: str) -> None:
        self._act(lambda: self.conduct.backend.register_decide(entry_id, outcome, comment),
                  lambda e: f"Entry {e.id} {e.status}" + (f": {e.decision_comment}" if e.decision_comment else "."))

    def action_correct(self) -> None:
        from assistant.register.model import draft_of
        from tui.screens.record import RecordScreen

        entry = self.selected()
        if entry is None:
            self.app.notify("No entry selected.", markup=False)
            return
        if entry.officer != self.conduct.backend.register_user:
            self.app.notify(f"Entry {entry.id} is {entry.officer}'s: only they can correct it.", severity="warning",
                            markup=False)
            return
        self.app.push_screen(RecordScreen(draft_of(entry), correcting=entry), lambda _: self.action_reload())

    def action_withdraw(self) -> None:
        entry = self.selected()
        if entry is None:
            self.app.notify("No entry selected.", markup=False)
            return
        self._withdraw(entry.id)

    @work(thread=True, exclusive=True, group="register-act")
    def _withdraw(self, entry_id: str) -> None:
        self._act(lambda: self.conduct.backend.register_withdraw(entry_id), lambda e: f"Entry {e.id} withdrawn.")

    def _act(self, do, said) -> None:
        """Run one register action in this worker thread; say the result, or the register's reason, and reload."""
        from assistant.register.database import RegisterError
        from assistant.register.validate import InvalidEntry

        try:
            entry = do()
        except (RegisterError, InvalidEntry) as exc:
            self.app.call_from_thread(self.app.notify, str(exc), title="Register", severity="warning", markup=False)
            return
        self.app.call_from_thread(self.app.notify, said(entry), title="Register", markup=False)
        self.app.call_from_thread(self.action_reload)
