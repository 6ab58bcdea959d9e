"""The conversation's simple entries: the user's question and Conduct's notes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.literal import clip, literal


class QuestionBubble(Static):
    """What the user typed, shown literally; a long paste shows only its start, so the answer stays in view."""

    def __init__(self, question: str) -> None:
        shown, note = clip(literal(question))
        parts: list[Content | str | tuple[str, str]] = [("You  ", "bold"), Content(shown)]
        if note:
            parts += ["\n", (note, "italic $text-muted")]
        super().__init__(Content.assemble(*parts), classes="question")
        self.question = question


class Note(Static):
    """A line from Conduct that is not an answer: a command's result, an error, a saved path."""

    def __init__(self, message: str, kind: str = "info") -> None:
        super().__init__(Content(literal(message)), classes=f"note -{kind}", markup=False)
