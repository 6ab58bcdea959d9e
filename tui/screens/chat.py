"""The chat: the conversation, the clauses cited beside it, and the question box."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.scrollbar import ScrollDown, ScrollTo, ScrollUp
from textual.widget import Widget
from textual.widgets import Button, Footer, Header

from assistant.session import Reply
from tui.render import ICON
from tui.typing import redirect_key, redirect_paste
from tui.widgets.answer_card import AnswerCard
from tui.widgets.bubbles import Note, QuestionBubble
from tui.widgets.chat_input import ChatInput
from tui.widgets.citation_card import CitationCard
from tui.widgets.citations_panel import CitationsPanel
from tui.widgets.loading_line import LoadingLine

if TYPE_CHECKING:
    from tui.app import ConductApp


class RecordOffer(Horizontal):
    """'Record this' under an answer whose actions include recording or declaring."""

    def compose(self) -> ComposeResult:
        yield Button("Record this (ctrl+r)", classes="record-this", compact=True)

WELCOME = ("Ask about your council's code of conduct in your own words, for example "
           "\u201cCan I accept a £30 gift from a contractor?\u201d. F1 shows every key and command.")
PLACEHOLDER = "Ask a question, or /help"
MAX_ENTRIES = 120
"""The conversation keeps this many entries on screen (the transcript keeps everything), so it never slows."""


class Conversation(VerticalScroll, can_focus=False):
    """The questions and answers; it never takes focus itself (its answers do), so focus always shows.

    Where it is scrolled to is kept as an intent, `pin`: the bottom, or an entry (the question of a
    long answer) held at the top. The intent is applied again every time the conversation's layout
    changes, until the user scrolls. A one-off scroll after a refresh depended on timing: an answer,
    its scrollbar and the Record offer under it are laid out over several frames, and whether the
    scroll saw the last of them depended on how busy the machine was.
    """

    BOTTOM = object()
    """`pin` value: keep the newest entry in view."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pin: object | Widget | None = self.BOTTOM

    def keep_in_view(self, entry: Widget | None = None) -> None:
        """Hold `entry` at the top (as far as the end allows), or the bottom when None, from now on."""
        self.pin = self.BOTTOM if entry is None else entry
        self.apply_pin()

    def release(self) -> None:
        """The user has scrolled or moved through the answers: leave the position to them."""
        self.pin = None

    def apply_pin(self) -> None:
        if self.pin is None:
            return
        if self.pin is self.BOTTOM:
            self.scroll_end(animate=False, immediate=True)
            return
        entry = cast(Widget, self.pin)
        if not entry.is_attached or entry.parent is not self:
            self.pin = self.BOTTOM  # trimmed from the top of a long conversation
            self.scroll_end(animate=False, immediate=True)
            return
        self.scroll_to(y=min(entry.virtual_region.y, self.max_scroll_y), animate=False, immediate=True)

    def watch_virtual_size(self) -> None:
        # An entry mounted, grew, wrapped anew or was trimmed. This runs in the middle of the layout,
        # before the scrollbar that the new size needs exists (and without one a scroll is refused),
        # so the intent is applied as the next thing the conversation does.
        self.call_next(self.apply_pin)

    def on_resize(self) -> None:
        self.apply_pin()  # the width changed (the citations panel, a scrollbar), so everything rewrapped

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.release()
        super()._on_mouse_scroll_down(event)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.release()
        super()._on_mouse_scroll_up(event)

    def _on_scroll_to(self, message: ScrollTo) -> None:
        self.release()  # the scrollbar dragged or clicked
        super()._on_scroll_to(message)

    def _on_scroll_up(self, event: ScrollUp) -> None:
        self.release()
        super()._on_scroll_up(event)

    def _on_scroll_down(self, event: ScrollDown) -> None:
        self.release()
        super()._on_scroll_down(event)


class ChatScreen(Screen[None]):
    """Questions in, answers out; the slow work happens in a worker thread."""

    BINDINGS = [
        Binding("pageup", "scroll_conversation(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_conversation(1)", "Scroll down", show=False),
        Binding("f6", "toggle_citations", "Citations", show=False),
        Binding("ctrl+r", "record", "Record this", show=False),
        Binding("escape", "back_to_bottom", "Back to the question box", show=False),
        Binding("tab", "cycle(1)", "Next", show=False),
        Binding("shift+tab", "cycle(-1)", "Previous", show=False),
        Binding("w", "why_latest", "Why?", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pending: deque[str] = deque()
        self.busy = False

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon=ICON)
        with Horizontal(id="chat-main"):
            with Conversation(id="conversation"):
                yield Note(WELCOME, "welcome")
            yield CitationsPanel(id="citations")
        yield LoadingLine(id="loading")
        yield ChatInput(placeholder=PLACEHOLDER, id="prompt")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ChatInput).focus()
        self.call_after_refresh(self.conduct.mark, "frame")
        if self.conduct.backend.ready:
            self.backend_ready()

    # -- loading ------------------------------------------------------------
    def show_progress(self, stage: str, done: int, total: int) -> None:
        self.query_one(LoadingLine).update_progress(stage, done, total)

    def backend_ready(self) -> None:
        """Conduct has loaded: report problems, say which council, answer what was typed meanwhile."""
        self.show_progress("Ready", 1, 1)
        for warning in self.conduct.backend.warnings:
            self.add(Note(warning, "warning"))
        if self.conduct.backend.council is None:
            self.add(Note("Which council do you work for? Press ctrl+o to choose, or type /council and its name.",
                          "info"))
        self._next()

    # -- asking ---------------------------------------------------------------
    @on(ChatInput.Submitted)
    def _submitted(self, event: ChatInput.Submitted) -> None:
        event.input.clear()
        self.ask(event.value)

    def ask(self, line: str) -> None:
        """Echo a line and queue it for an answer, exactly as if it had been typed."""
        if not line.strip():
            return
        if line.strip().lower() in ("/record", "/register"):
            self.query_one(ChatInput).remember(line)
            self.conduct.action_record() if line.strip().lower() == "/record" else self.conduct.action_register()
            return
        self.query_one(ChatInput).remember(line)
        self.add(QuestionBubble(line))
        self.pending.append(line)
        if not self.conduct.backend.ready:
            self.add(Note("Still loading the codes; this will be answered as soon as they are ready.", "info"))
        self._next()

    def _next(self) -> None:
        if self.busy or not self.pending or not self.conduct.backend.ready:
            return
        self.busy = True
        self._answer(self.pending.popleft())

    @work(thread=True, group="ask")
    def _answer(self, line: str) -> None:
        reply = self.conduct.backend.ask(line)
        self.app.call_from_thread(self._show, reply)

    def _show(self, reply: Reply) -> None:
        self.busy = False
        if reply.answer is not None:
            self.add(AnswerCard(reply.answer), keep_question_in_view=True)
            self.query_one(CitationsPanel).show(reply.answer.citations, reply.answer)
            if self.conduct.backend.can_record(reply.answer):
                self.add(RecordOffer(classes="record-offer"), keep_question_in_view=True)
        elif reply.error is not None:
            self.add(Note(reply.error, "error"))
        else:
            self._command_done(reply)
        self.conduct.council_changed()
        self._next()

    def _command_done(self, reply: Reply) -> None:
        if reply.command == "why":
            last = self.conduct.backend.last_answer()
            if last is not None:
                self.conduct.show_why(last)
            return
        if reply.command == "help":
            self.conduct.action_help()
            return
        if reply.command == "reset":
            self.query_one(CitationsPanel).show([])
        if reply.quit:
            self.app.exit()
            return
        self.add(Note(reply.message, "info"))

    # -- the conversation -------------------------------------------------------
    def add(self, widget: Widget, keep_question_in_view: bool = False) -> None:
        """Append to the conversation and keep it in view; a long answer scrolls only as far as its question."""
        conversation = self.query_one("#conversation", Conversation)
        conversation.mount(widget)
        excess = len(conversation.children) - MAX_ENTRIES
        if excess > 0:
            conversation.remove_children(list(conversation.children)[:excess])
        questions = conversation.query(QuestionBubble)
        conversation.keep_in_view(questions.last() if keep_question_in_view and questions else None)

    def note(self, message: str, kind: str = "info") -> None:
        self.add(Note(message, kind))

    @on(AnswerCard.Focused)
    def _answer_focused(self, event: AnswerCard.Focused) -> None:
        self.query_one("#conversation", Conversation).release()  # focus scrolls it into view; leave it there
        self.query_one(CitationsPanel).show(event.answer.citations, event.answer)

    @on(AnswerCard.WhyRequested)
    def _why(self, event: AnswerCard.WhyRequested) -> None:
        self.conduct.show_why(event.answer)

    @on(CitationCard.Selected)
    def _open_citation(self, event: CitationCard.Selected) -> None:
        self.conduct.open_clause(event.clause_id, event.highlight)

    def action_scroll_conversation(self, direction: int) -> None:
        conversation = self.query_one("#conversation", Conversation)
        conversation.release()
        conversation.scroll_page_down() if direction > 0 else conversation.scroll_page_up()

    def action_toggle_citations(self) -> None:
        panel = self.query_one(CitationsPanel)
        panel.display = not panel.display

    def action_record(self) -> None:
        self.conduct.action_record()

    @on(Button.Pressed, ".record-this")
    def _record_pressed(self) -> None:
        self.conduct.action_record()

    def action_focus_input(self) -> None:
        self.query_one(ChatInput).focus()

    def action_back_to_bottom(self) -> None:
        """Esc: the newest entry in view and the question box focused, wherever you had got to."""
        self.query_one("#conversation", Conversation).keep_in_view(None)
        self.query_one(ChatInput).focus()

    # -- focus: the question box, the answers, the clauses they cite ------------------
    def action_cycle(self, step: int) -> None:
        """Tab: box -> newest answer -> its clauses -> box. Shift+Tab from an answer walks back through older ones."""
        target = self._next_focus(self.focused, step)
        target.focus()
        if isinstance(target, AnswerCard):
            self.query_one("#conversation", Conversation).release()
            target.scroll_visible(top=True, animate=False)

    def _next_focus(self, focused: Widget | None, step: int) -> Widget:
        box = self.query_one(ChatInput)
        cards = list(self.query_one("#conversation").query(AnswerCard))
        cited = list(self.query_one(CitationsPanel).query(CitationCard))
        if isinstance(focused, AnswerCard) and focused in cards:
            if step > 0:
                return cited[0] if cited else box
            position = cards.index(focused)
            return cards[position - 1] if position > 0 else box
        if isinstance(focused, CitationCard) and focused in cited:
            position = cited.index(focused) + step
            if 0 <= position < len(cited):
                return cited[position]
            return box if step > 0 else (self._cards_shown(cards) or box)
        if cards:
            return cards[-1]
        return cited[0] if cited and step > 0 else box

    def _cards_shown(self, cards: list[AnswerCard]) -> AnswerCard | None:
        """The answer whose clauses the panel is showing."""
        shown = self.query_one(CitationsPanel).answer
        for card in reversed(cards):
            if card.answer is shown:
                return card
        return cards[-1] if cards else None

    def action_why_latest(self) -> None:
        """`w` away from the question box: how the focused answer, or else the newest, was decided."""
        focused = self.focused
        if isinstance(focused, AnswerCard):
            self.conduct.show_why(focused.answer)
        else:
            self.conduct.action_why()

    # -- nothing typed is lost ------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        redirect_key(self, event, self.query_one(ChatInput))

    def on_paste(self, event: events.Paste) -> None:
        redirect_paste(self, event, self.query_one(ChatInput))
