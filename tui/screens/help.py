"""Help (F1): every key, the chat's commands, the screens, and what each verdict means."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant.answer import VERDICT_LABELS
from tui.render import badge_text

INTRO = ("Ask about your council's code of conduct in your own words. Every answer has a verdict, the reasons "
         "and what to do, each with the clause that says so.")

KEYS = (
    ("Enter", "send the question"),
    ("Up / Down", "earlier questions (in the question box)"),
    ("Tab / Shift+Tab", "Tab: the newest answer, then its cited clauses; Shift+Tab: older answers"),
    ("Enter on a clause", "read it in context (p / n: previous / next clause)"),
    ("w, ctrl+y", "Why? how the answer was decided (w when not typing: the answer in focus, or the newest)"),
    ("ctrl+o", "choose your council"),
    ("F2 F3 F4 F5", "chat / browse a code / compare councils / training"),
    ("ctrl+s", "export the conversation as Markdown (the path is shown)"),
    ("ctrl+t", "light or dark theme"),
    ("F6", "hide or show the cited clauses beside the chat"),
    ("ctrl+r", "Record this: the last answer as a register entry, filled in (ctrl+s in the form records it)"),
    ("F7", "your register: entries, their status, history and answer; v waiting for you, "
           "a/d approve or decline, c correct, w withdraw a draft"),
    ("ctrl+p", "command palette: councils, clauses by id (type thurrock:14), scenarios, topics"),
    ("F1", "this help"),
    ("Esc", "close a dialog; go back to the chat; in the chat, back to the question box and the newest answer"),
    ("typing anywhere", "goes into the question box (or the screen's search box)"),
    ("ctrl+q", "quit"),
)

COMMANDS = (
    ("/council NAME", "answer from another council's code (typos forgiven)"),
    ("/councils", "list the councils"),
    ("/compare TOPIC", "every council side by side (F4 shows a table)"),
    ("/why", "how the last answer was decided"),
    ("/reset", "forget this conversation's facts"),
    ("/record, /register", "Record this (ctrl+r); your register (F7)"),
    ("/help, /quit", "this help; leave"),
)

SCREENS = (
    ("Browse (F3)", "one council's code as an outline; type to search it, Enter opens a clause in context."),
    ("Compare (F4)", "pick a topic, and optionally describe a situation, to see every council's verdict "
                     "side by side."),
    ("Training (F5)", "read a scenario, pick a verdict with 1–9 to reveal the council's answer and the rule "
                      "that fired; n next scenario, c another council, l larger presenting layout (for a "
                      "projector, also enlarge the terminal's or browser's font)."),
)


def table(title: str, rows: tuple[tuple[str, str], ...]) -> Vertical:
    """A heading, then a two-column grid: the key in bold, what it does wrapped in its own column."""
    cells = []
    for key, text in rows:
        cells += [Static(Content.styled(key, "bold $text-accent"), classes="help-key"),
                  Static(Content(text), classes="help-text")]
    return Vertical(Static(Content.styled(title, "bold underline"), classes="help-title"),
                    Grid(*cells, classes="help-table"), classes="help-section")


def verdicts() -> Vertical:
    rows = tuple((badge_text(v, label), v.replace("_", " ")) for v, label in VERDICT_LABELS.items())
    return table("Verdicts", rows)


class HelpScreen(ModalScreen[None]):
    """A scrollable page of help over the current screen."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog") as dialog:
            dialog.border_title = "Help"
            dialog.border_subtitle = "Esc to close"
            with VerticalScroll(id="help-scroll"):
                yield Static(INTRO, classes="help-section", markup=False)
                yield table("Keys", KEYS)
                yield table("Chat commands", COMMANDS)
                yield table("Screens", SCREENS)
                yield verdicts()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
