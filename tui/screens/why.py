"""Why?: how an answer was decided: the facts understood, the parameters used with their quotes, the rule that fired."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant.answer import Answer
from tui import render
from tui.widgets.verdict_badge import VerdictBadge


class WhyScreen(ModalScreen[None]):
    """The trace of one answer, over whatever screen asked for it."""

    BINDINGS = [Binding("escape,q,w", "dismiss", "Close")]

    def __init__(self, answer: Answer) -> None:
        super().__init__()
        self.answer = answer

    def compose(self) -> ComposeResult:
        answer = self.answer
        with Vertical(id="why-dialog", classes="dialog") as dialog:
            dialog.border_title = "Why? How this answer was decided"
            dialog.border_subtitle = "Esc to close"
            yield VerdictBadge(answer.verdict, answer.label)
            with VerticalScroll(id="why-body"):
                yield Static(Content.assemble(("Question: ", "bold"), render.text(answer.question)), markup=False)
                yield Static(self._rule(), id="why-rule", markup=False)
                yield Static(self._facts(), id="why-facts", markup=False)
                yield from self._parameters()

    def _rule(self) -> Content:
        trace = self.answer.trace
        return Content.assemble(("Rule that fired: ", "bold"), (trace.template, render.ID_STYLE), " → ",
                                (trace.rule, render.ID_STYLE))

    def _facts(self) -> Content:
        facts = {k: v for k, v in self.answer.facts.items() if v not in (None, [], {}, "")}
        if not facts:
            return Content.assemble(("Facts understood: ", "bold"), ("none", render.MUTED))
        lines = [Content.styled("Facts understood", "bold")]
        lines += [Content.assemble("• ", (name, "bold"), ": ", render.text(fact_text(value)))
                  for name, value in facts.items()]
        return render.lines(lines)

    def _parameters(self) -> ComposeResult:
        params = self.answer.trace.parameters
        if not params:
            yield Static(Content.assemble(("Parameters used: ", "bold"), ("none", render.MUTED)), markup=False)
            return
        yield Static(Content.styled("Parameters used", "bold"), classes="why-heading", markup=False)
        for param in params:
            yield Static(self._parameter(param), classes="why-parameter", markup=False)

    @staticmethod
    def _parameter(param: dict[str, Any]) -> Content:
        """One parameter: name = value [clause], then the clause's own words that set it."""
        head: list[Content | str | tuple[str, str]] = [(str(param.get("name")), "bold"), " = ",
                                                       render.text(fact_text(param.get("value")))]
        if param.get("citation"):
            head += ["  ", (f"[{param['citation']}]", render.ID_STYLE)]
        lines = [Content.assemble(*head)]
        if param.get("quote"):
            lines.append(render.text(f"\u201c{param['quote']}\u201d", "italic"))
        return render.lines(lines)


def fact_text(value: Any) -> str:
    """A fact or parameter value in words: money by its written form, lists joined."""
    if isinstance(value, dict) and "text" in value:
        return str(value["text"])
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)
