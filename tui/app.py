"""The Conduct app: modes (chat, browse, compare, training), app-wide keys, loading, exporting.

`make_app` builds it; tests pass in a ready `Assistant` so nothing slow happens twice.
The assistant layer is imported lazily, in the loading worker, so the first frame
appears before spaCy or the index are touched.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tui.backend import Backend
from corpus.safe_text import shown

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.engine import Assistant
    from tui.screens.chat import ChatScreen

READY_FILE_ENV = "CONDUCT_TUI_READY_FILE"
"""If set, the app appends `frame TIME` at its first frame and `ready TIME` once it can answer
(benchmarks/tui_first_frame.py)."""
DARK, LIGHT = "textual-dark", "textual-light"


def _chat() -> Screen[Any]:
    from tui.screens.chat import ChatScreen

    return ChatScreen()


def _browser() -> Screen[Any]:
    from tui.screens.browser import BrowserScreen

    return BrowserScreen()


def _compare() -> Screen[Any]:
    from tui.screens.compare import CompareScreen

    return CompareScreen()


def _training() -> Screen[Any]:
    from tui.screens.training import TrainingScreen

    return TrainingScreen()


def _commands() -> Any:
    from tui.commands import ConductCommands

    return ConductCommands


class ConductApp(App[None]):
    """Conduct's chat app; one `Backend` shared by every screen."""

    TITLE = "Conduct"
    CSS_PATH = ["app.tcss", "chat.tcss", "browser.tcss", "compare.tcss", "training.tcss", "dialogs.tcss", "register.tcss"]
    SCREENS = {"chat": _chat, "browse": _browser, "compare": _compare, "train": _training}
    MODES = {"chat": "chat", "browse": "browse", "compare": "compare", "train": "train"}
    DEFAULT_MODE = "chat"
    COMMANDS = App.COMMANDS | {_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (150, "-very-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+o", "pick_council", "Council"),
        Binding("f2", "switch_mode('chat')", "Chat"),
        Binding("f3", "switch_mode('browse')", "Browse"),
        Binding("f4", "switch_mode('compare')", "Compare"),
        Binding("f5", "switch_mode('train')", "Train"),
        Binding("ctrl+y", "why", "Why?"),
        Binding("ctrl+s", "export", "Export"),
        Binding("f7", "register", "Register", show=False),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.theme = DARK

    # -- start-up -------------------------------------------------------------
    def on_mount(self) -> None:
        self.council_changed()
        self._load()

    def mark(self, event: str) -> None:
        """Record when the first frame was drawn, or when answering became possible, for the benchmark."""
        marker = os.environ.get(READY_FILE_ENV)
        if marker:
            with open(marker, "a", encoding="utf-8") as handle:
                handle.write(f"{event} {time.time():.6f}\n")

    @work(thread=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        try:
            self.backend.load(lambda stage, done, total: self.call_from_thread(self._progress, stage, done, total))
        except Exception as exc:  # a broken cache or document must show as a message, not a traceback
            self.call_from_thread(self._failed, exc)
            return
        self.call_from_thread(self._loaded)

    @property
    def chat(self) -> "ChatScreen":
        from tui.screens.chat import ChatScreen

        screen = self.get_screen("chat")
        assert isinstance(screen, ChatScreen)
        return screen

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.chat.is_mounted:
            self.chat.show_progress(stage, done, total)

    def _failed(self, exc: Exception) -> None:
        self.backend.warnings.append(f"Conduct could not load: {exc}")
        if self.chat.is_mounted:
            self.chat.show_progress("Could not load the codes (see above)", 1, 1)
            self.chat.note(self.backend.warnings[-1], "error")

    def _loaded(self) -> None:
        """Tell the screens that can now answer; a screen mounted later checks for itself."""
        self.mark("ready")
        self.council_changed()
        for screen in self.screen_stack:
            if screen.is_mounted and hasattr(screen, "backend_ready"):
                screen.backend_ready()
        if self.chat.is_mounted and self.chat not in self.screen_stack:
            self.chat.backend_ready()

    # -- the council ------------------------------------------------------------
    def council_changed(self) -> None:
        """Show the chat's council in the header."""
        backend = self.backend
        if backend.council:
            self.sub_title = f"Council: {backend.council_name()}"
        elif not backend.ready and backend.wanted_council:
            self.sub_title = f"Council: {shown(backend.wanted_council, 60)} (loading…)"
        else:
            self.sub_title = "No council chosen (ctrl+o)"

    def action_pick_council(self) -> None:
        if self.backend.library is None or not self.backend.ready:
            self.notify("Still loading the codes; try again in a moment.")
            return
        self._look_for_added_councils()

    @work(thread=True, exclusive=True, group="councils", exit_on_error=False)
    def _look_for_added_councils(self) -> None:
        """A council added with `conduct add` while the chat was open is offered too."""
        try:
            added = self.backend.councils_added_since_loading()
        except Exception as exc:  # a damaged added council must not stop the picker opening
            self.backend.warnings.append(f"Could not load the councils added since Conduct opened: {exc}")
            added = []
        self.call_from_thread(self._open_picker, added)

    def _open_picker(self, added: list[str]) -> None:
        from tui.screens.council_picker import CouncilPicker

        if added:
            self.chat.note("Added since Conduct opened: " + ", ".join(added) + ".")
        library = self.backend.library
        if library is not None:
            self.push_screen(CouncilPicker(library.councils, self.backend.council), self._council_picked)

    def _council_picked(self, slug: str | None) -> None:
        if slug:
            self.switch_council(slug)

    def switch_council(self, slug: str) -> None:
        message = self.backend.switch_council(slug)
        self.council_changed()
        self.chat.note(message)
        self.notify(message, markup=False)

    # -- dialogs ----------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_why(self) -> None:
        last = self.backend.last_answer()
        if last is None:
            self.notify("Nothing asked yet: ask a question first.")
            return
        self.show_why(last)

    def action_register(self) -> None:
        from tui.screens.register import RegisterScreen

        if not isinstance(self.screen, RegisterScreen):
            self.push_screen(RegisterScreen())

    def action_record(self) -> None:
        """Record this: the form, filled from the last answer."""
        from tui.screens.record import RecordScreen

        if not self.backend.can_record():
            self.notify("Nothing to record yet: ask about a gift, hospitality or an interest first.", markup=False)
            return
        if not isinstance(self.screen, RecordScreen):
            self.push_screen(RecordScreen(self.backend.record_draft()))

    def show_why(self, answer: "Answer") -> None:
        from tui.screens.why import WhyScreen

        self.push_screen(WhyScreen(answer))

    def action_open_clause(self, clause_id: str) -> None:
        """A clause id was clicked: open it, highlighting the words that last decided an answer."""
        self.open_clause(clause_id, self.backend.highlight_for(clause_id))

    def open_clause(self, clause_id: str, highlight: str | None = None) -> None:
        from tui.screens.clause import ClauseScreen

        library = self.backend.library
        if library is None or library.clause(clause_id) is None:
            self.notify(f"No clause {clause_id}", severity="error", markup=False)
            return
        self.push_screen(ClauseScreen(clause_id, highlight))

    # -- everywhere ---------------------------------------------------------------
    def action_export(self) -> None:
        if not self.backend.turns:
            self.notify("Nothing to export yet: ask a question first.")
            return
        try:
            path = self.backend.export()
        except OSError as exc:
            self.notify(f"Could not save the conversation: {exc}", severity="error", markup=False)
            return
        self.chat.note(f"Conversation saved to {path}", "saved")
        self.notify(f"Saved to {path}", title="Exported", markup=False)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key for the mode already showing."""
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return False
        return True

    def go(self, mode: str) -> Screen[Any]:
        """Switch to a mode and return its screen."""
        self.switch_mode(mode)
        return self.get_screen(mode)

    def compare_topic(self, topic: str) -> None:
        screen = self.go("compare")
        screen.set_topic(topic)  # type: ignore[attr-defined]

    def start_scenario(self, scenario_id: str) -> None:
        screen = self.go("train")
        screen.start(scenario_id)  # type: ignore[attr-defined]


def make_app(assistant: "Assistant | None" = None, council: str | None = None, home: Path | None = None,
             verbose: bool = False) -> ConductApp:
    """The app, answering from `assistant` (built and loaded in a worker if None) for `council`;
    `verbose` also shows internal notes such as an index cache being rebuilt."""
    return ConductApp(Backend(assistant=assistant, wanted_council=council, home=home, verbose=verbose))
