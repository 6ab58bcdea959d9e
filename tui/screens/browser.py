"""The clause browser: one council's code as an outline, searchable with the same BM25 search as answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Select, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from corpus.clause import Clause, Document, Section
from tui import render
from tui.literal import literal
from tui.widgets.clause_view import ClauseView

if TYPE_CHECKING:
    from tui.app import ConductApp

SEARCH_HITS = 20
HINT = "Enter opens the clause in context · / searches · Esc goes back"


def section_label(section: Section) -> Text:
    number = section.number if section.number and not section.number[0].isalpha() else ""
    return Text.assemble((f"{number} " if number else "", "bold"), literal(section.heading))


def clause_label(clause: Clause) -> Text:
    number = clause.number.rsplit("/", 1)[-1]
    number = f"¶{number}" if "/" in clause.number else number
    return Text.assemble((number, "bold"), " ", render.opening(clause.text, 8))


class BrowserScreen(Screen[None]):
    """Outline on the left (or search results), the highlighted clause in full on the right."""

    BINDINGS = [
        Binding("slash", "search", "Search", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.slug: str | None = None
        self.title = "Conduct: browse a code"

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon=render.ICON)
        with Horizontal(id="browser-main"):
            with Vertical(id="browser-side"):
                yield Select[str]([], id="browser-council", allow_blank=True, prompt="Council", compact=True)
                yield Input(placeholder="Search this code… (/)", id="browser-search", compact=True)
                yield Tree[str]("Code", id="outline")
                yield OptionList(id="results")
            with VerticalScroll(id="browser-detail"):
                yield Static(Content("Loading the codes…"), id="detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#results").display = False
        tree = self.query_one("#outline", Tree)
        tree.show_root = False
        tree.auto_expand = False
        self.backend_ready()

    def on_screen_resume(self) -> None:
        if self.slug is None:
            self.backend_ready()

    def backend_ready(self) -> None:
        library = self.conduct.backend.library
        if library is None or self.slug is not None:
            return
        select = self.query_one("#browser-council", Select)
        select.set_options([(Content(literal(c.name)), c.slug) for c in library.councils])
        self.show_council(self.conduct.backend.council or library.slugs[0])
        self.query_one("#outline", Tree).focus()

    # -- the outline ------------------------------------------------------------
    def show_council(self, slug: str) -> None:
        library = self.conduct.backend.library
        if library is None:
            return
        self.slug = slug
        select = self.query_one("#browser-council", Select)
        if select.value != slug:
            select.value = slug
        self._fill_tree(library.document(slug))
        self.query_one("#browser-search", Input).value = ""

    def _fill_tree(self, document: Document) -> None:
        tree = self.query_one("#outline", Tree)
        tree.clear()
        tree.root.expand()
        for section in document.sections:
            node = tree.root.add(section_label(section), data=section.id, expand=True)
            for clause_id in section.clause_ids:
                clause = document.get(clause_id)
                if clause is not None and clause.parent is None:
                    self._add_clause(node, clause, document)
        tree.cursor_line = 0
        if document.sections:
            self.show_detail(document.sections[0].id)
        self.sub_title = f"Browsing {literal(document.council.name)}"

    def _add_clause(self, node: TreeNode[str], clause: Clause, document: Document) -> None:
        if not clause.children:
            node.add_leaf(clause_label(clause), data=clause.id)
            return
        branch = node.add(clause_label(clause), data=clause.id, expand=False)
        for child_id in clause.children:
            child = document.get(child_id)
            if child is not None:
                branch.add_leaf(clause_label(child), data=child.id)

    @on(Select.Changed, "#browser-council")
    def _council_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.slug:
            self.show_council(event.value)

    @on(Tree.NodeHighlighted)
    def _node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data:
            self.show_detail(event.node.data)

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[str]) -> None:
        data = event.node.data
        library = self.conduct.backend.library
        if data and library is not None and library.clause(data) is not None:
            self.conduct.open_clause(data)
        else:
            event.node.toggle()

    # -- the detail pane -----------------------------------------------------------
    def show_detail(self, item_id: str) -> None:
        library = self.conduct.backend.library
        if library is None:
            return
        detail = self.query_one("#detail", Static)
        clause = library.clause(item_id)
        if clause is not None:
            detail.update(render.lines([ClauseView.content_for(clause), Content.styled(HINT, render.MUTED)]))
            return
        section = library.section(item_id)
        if section is not None:
            ids = ", ".join(section.clause_ids) or "no clauses"
            detail.update(render.lines([render.text(section.heading, "bold"), render.text(ids, render.ID_STYLE)]))

    # -- searching ----------------------------------------------------------------
    @on(Input.Changed, "#browser-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#browser-search")
    def _search_submitted(self) -> None:
        self.action_to_results()

    def search(self, text: str) -> None:
        """Show the best clauses of this code for `text` (an exact clause number first), or the outline."""
        searching = bool(text.strip())
        self.query_one("#outline").display = not searching
        results = self.query_one("#results", OptionList)
        results.display = searching
        results.clear_options()
        if not searching or self.slug is None:
            return
        if not self.conduct.backend.ready:
            results.add_option(Option(Content("The search index is still loading…"), disabled=True))
            return
        hits = self._exact(text) + [h.clause for h in self.conduct.backend.search(text, self.slug, SEARCH_HITS).hits]
        unique = list(dict.fromkeys(hits))
        if not unique:
            results.add_option(Option(Content("No clause matches those words."), disabled=True))
            return
        results.add_options([Option(self._result_prompt(c), id=c.id) for c in unique])
        results.highlighted = 0

    def _exact(self, text: str) -> list[Clause]:
        library = self.conduct.backend.library
        wanted = text.strip().lower()
        if library is None or self.slug is None:
            return []
        clause = library.clause(wanted) or library.clause(f"{self.slug}:{wanted}")
        return [clause] if clause is not None else []

    @staticmethod
    def _result_prompt(clause: Clause) -> Content:
        return Content.assemble((clause.id, render.ID_STYLE), "  ", render.text(clause.section, "italic"), "\n  ",
                                render.text(render.opening(clause.text, 10), render.MUTED))

    @on(OptionList.OptionHighlighted, "#results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_detail(event.option.id)

    @on(OptionList.OptionSelected, "#results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.conduct.open_clause(event.option.id)

    # -- keys -------------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#browser-search", Input).focus()

    def action_to_results(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.display and results.option_count:
            results.focus()

    def action_back(self) -> None:
        search = self.query_one("#browser-search", Input)
        if search.value:
            search.value = ""
            self.query_one("#outline", Tree).focus()
        else:
            self.app.switch_mode("chat")
