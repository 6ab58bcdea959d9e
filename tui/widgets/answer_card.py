"""One answer in the conversation: verdict badge, summary, reasons and actions with their clause ids."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from assistant.answer import Answer, Point
from tui import render
from tui.widgets.verdict_badge import VerdictBadge


class AnswerCard(Vertical, can_focus=True):
    """An answer; focus it to show its citations beside the conversation, `w` for why."""

    BINDINGS = [Binding("w", "why", "Why?")]

    class Focused(Message):
        """The card was focused: show this answer's citations."""

        def __init__(self, answer: Answer) -> None:
            super().__init__()
            self.answer = answer

    class WhyRequested(Message):
        """The user asked how this answer was decided."""

        def __init__(self, answer: Answer) -> None:
            super().__init__()
            self.answer = answer

    def __init__(self, answer: Answer, classes: str = "") -> None:
        super().__init__(classes=f"answer {classes}".strip())
        self.answer = answer

    def compose(self) -> ComposeResult:
        answer = self.answer
        with Horizontal(classes="answer-head"):
            yield VerdictBadge(answer.verdict, answer.label)
            if answer.summary and answer.summary != answer.follow_up:
                yield Static(render.text(answer.summary), classes="summary")
        yield from self._body()
        with Horizontal(classes="answer-foot"):
            yield Static(self._cited(), classes="cited")
            yield Button("Why?", compact=True, classes="why-button")

    def _body(self) -> ComposeResult:
        answer = self.answer
        if answer.councils:
            yield from self._rows("Council by council (F4 shows a table)", render.council_rows(answer), "councils")
        elif answer.reasons:
            yield from self._points("Why", answer.reasons, "reasons")
        if answer.actions:
            yield from self._points("What to do", answer.actions, "actions")
        if answer.follow_up:
            yield Static(render.follow_up(answer), classes="follow-up")
        if answer.notice:
            yield Static(render.text(answer.notice, "italic"), classes="notice")

    @classmethod
    def _points(cls, title: str, points: tuple[Point, ...], kind: str) -> ComposeResult:
        """Reasons or actions, each with its clause id."""
        yield from cls._rows(title, [render.point(p) for p in points], kind)

    @staticmethod
    def _rows(title: str, rows: list[Content], kind: str) -> ComposeResult:
        """A heading, then one bulleted row each, wrapped with a hanging indent."""
        with Vertical(classes=f"points {kind}"):
            yield Static(Content.styled(title, "bold"), classes="points-title")
            for row in rows:
                with Horizontal(classes="point"):
                    yield Static("•", classes="bullet", markup=False)
                    yield Static(row, classes="point-text")

    def _cited(self) -> Content:
        ids = [c.id for c in self.answer.citations]
        if not ids:
            return Content.styled("No clauses cited", "$text-muted")
        return Content.assemble(("Cited: ", "$text-muted"), (", ".join(ids), render.ID_STYLE))

    def on_focus(self) -> None:
        self.post_message(self.Focused(self.answer))

    def action_why(self) -> None:
        self.post_message(self.WhyRequested(self.answer))

    @on(Button.Pressed, ".why-button")
    def _why_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_why()
