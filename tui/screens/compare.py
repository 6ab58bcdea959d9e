"""Compare: one topic (and optionally a situation), every council's verdict, summary and citations side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from assistant.answer import Answer
from assistant.decide.topics import TOPIC_NAMES, TOPICS
from tui import render
from tui.literal import literal
from tui.typing import redirect_key, redirect_paste
from tui.widgets.citation_card import CitationCard

if TYPE_CHECKING:
    from tui.app import ConductApp

VERDICT_COLOURS = {
    "allowed": "green", "allowed_with_conditions": "green", "not_allowed": "red", "required": "yellow",
    "not_required": "cyan", "refer": "yellow", "needs_info": "magenta", "guidance": "blue", "not_covered": "bright_black",
}
FIXED_COLUMNS = {"council": 12, "verdict": 16, "cited": 10}
SITUATION_HINT = "Situation, e.g. a £30 gift from a contractor"


def verdict_cell(verdict: str, label: str) -> Text:
    return Text(render.badge_text(verdict, label), style=f"bold {VERDICT_COLOURS.get(verdict, '')}".strip())


def row_summaries(answer: Answer) -> list[str]:
    """Each council's summary; for plain guidance, its first rule instead ("What X's code says" tells nothing).

    The comparison's reasons are in the same order as its councils, each "Name: text".
    """
    out = []
    rows = list((answer.councils or {}).values())
    reasons = list(answer.reasons) if len(answer.reasons) == len(rows) else [None] * len(rows)
    for row, reason in zip(rows, reasons):
        summary = str(row["summary"])
        if row["verdict"] == "guidance" and reason is not None:
            summary = reason.text.removeprefix(f"{row['name']}: ")
        out.append(summary)
    return out


class CompareScreen(Screen[None]):
    """A topic picker, a situation box, and one row per council."""

    BINDINGS = [
        Binding("escape", "app.switch_mode('chat')", "Back", show=False),
        Binding("ctrl+n", "focus_situation", "Situation", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.topic = "gifts"
        self.answer: Answer | None = None
        self.title = "Conduct: compare councils"
        self.sub_title = "every council"
        """Not the chat's council: this screen shows them all (and a long name cut the title at 80 columns)."""

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon=render.ICON)
        with Horizontal(id="compare-controls"):
            options = [(Content(TOPIC_NAMES[t].capitalize()), t) for t in TOPICS]
            yield Select[str](options, value=self.topic, allow_blank=False, id="topic", compact=True)
            yield Input(placeholder=SITUATION_HINT, id="situation", compact=True, select_on_focus=False)
        yield Static(Content("Loading the codes…"), id="agreement", markup=False)
        table: DataTable[Text] = DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield VerticalScroll(id="compare-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#compare-table", DataTable).focus()
        self.backend_ready()

    def on_screen_resume(self) -> None:
        self.backend_ready()

    def backend_ready(self) -> None:
        if self.conduct.backend.ready and self.answer is None:
            self.run_compare()

    def set_topic(self, topic: str) -> None:
        """Compare another topic (the command palette calls this, perhaps before the screen is mounted)."""
        self.topic = topic
        if self.is_mounted:
            self.query_one("#topic", Select).value = topic
            self.run_compare()

    @on(Select.Changed, "#topic")
    def _topic_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.topic:
            self.topic = event.value
            self.run_compare()

    @on(Input.Submitted, "#situation")
    def _situation(self) -> None:
        self.run_compare()
        self.query_one("#compare-table", DataTable).focus()

    def run_compare(self) -> None:
        if not self.conduct.backend.ready:
            return
        situation = self.query_one("#situation", Input).value.strip()
        self.query_one("#agreement", Static).update(Content(f"Comparing {TOPIC_NAMES[self.topic]}…"))
        self._compare(self.topic, situation)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, topic: str, situation: str) -> None:
        try:
            answer = self.conduct.backend.compare(topic, situation)
        except Exception as exc:  # show the failure; keep the session going
            self.app.call_from_thread(self._failed, exc)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, answer)

    def _failed(self, exc: Exception) -> None:
        self.query_one("#agreement", Static).update(render.text(f"Could not compare: {exc}", "$text-error"))

    # -- showing ------------------------------------------------------------------
    def show(self, answer: Answer) -> None:
        self.answer = answer
        self.query_one("#agreement", Static).update(render.text(answer.summary, "bold"))
        # Fill the table once the agreement line has taken its height, so the rows are laid out
        # against the table's final size (filled earlier, a stale scrollbar could stay behind).
        self.call_after_refresh(self._fill_table, answer)

    def _fill_table(self, answer: Answer) -> None:
        table = self.query_one("#compare-table", DataTable)
        table.clear(columns=True)
        cited_width = self._cited_width(answer, table.size.width)
        summary_width = max(24, table.size.width - FIXED_COLUMNS["council"] - FIXED_COLUMNS["verdict"] - cited_width - 10)
        table.add_column("Council", width=FIXED_COLUMNS["council"], key="council")
        table.add_column("Verdict", width=FIXED_COLUMNS["verdict"], key="verdict")
        table.add_column("Summary", width=summary_width, key="summary")
        table.add_column("Clauses", width=cited_width, key="cited")
        for (slug, row), summary in zip((answer.councils or {}).items(), row_summaries(answer)):
            table.add_row(
                Text(literal(str(row["name"])), style="bold"),
                verdict_cell(str(row["verdict"]), str(row["label"])),
                Text(literal(summary)),
                Text("\n".join(cid.partition(":")[2] for cid in row["citations"]) or "none"),
                height=None, key=slug,
            )
        if table.row_count:
            table.move_cursor(row=0)
            self._show_detail(next(iter(answer.councils or {})))

    @staticmethod
    def _cited_width(answer: Answer, table_width: int) -> int:
        """Wide enough for the longest clause number, within reason for the terminal's width."""
        numbers = [cid.partition(":")[2] for row in (answer.councils or {}).values() for cid in row["citations"]]
        longest = max((len(n) for n in numbers), default=0)
        return max(FIXED_COLUMNS["cited"], min(longest, 24 if table_width >= 120 else FIXED_COLUMNS["cited"]))

    def on_resize(self) -> None:
        if self.answer is not None:
            self.call_after_refresh(self._fill_table, self.answer)

    @on(DataTable.RowHighlighted, "#compare-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self._show_detail(event.row_key.value)

    def _show_detail(self, slug: str) -> None:
        if self.answer is None or not self.answer.councils or slug not in self.answer.councils:
            return
        row = self.answer.councils[slug]
        detail = self.query_one("#compare-detail", VerticalScroll)
        detail.remove_children()
        detail.border_title = f"{literal(str(row['name']))}: clauses cited"
        cited = [c for c in self.answer.citations if c.id in row["citations"]]
        detail.mount_all([CitationCard(c) for c in cited] or [Static(Content("No clauses cited."))])

    @on(DataTable.RowSelected, "#compare-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        cards = self.query_one("#compare-detail").query(CitationCard)
        if cards:
            cards.first().focus()

    @on(CitationCard.Selected)
    def _open(self, event: CitationCard.Selected) -> None:
        self.conduct.open_clause(event.clause_id, event.highlight)

    def action_focus_situation(self) -> None:
        self.query_one("#situation", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing while the table has focus describes the situation, rather than being lost."""
        redirect_key(self, event, self.query_one("#situation", Input))

    def on_paste(self, event: events.Paste) -> None:
        redirect_paste(self, event, self.query_one("#situation", Input))
