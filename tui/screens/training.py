"""Training: show a scenario, the trainee picks a verdict, reveal the council's answer and the rule that fired, keep score."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from assistant.answer import VERDICT_LABELS, Answer
from tui import render, scenarios
from tui.widgets.answer_card import AnswerCard
from tui.widgets.citation_card import CitationCard

if TYPE_CHECKING:
    from tui.app import ConductApp

CHOICES = ("allowed", "allowed_with_conditions", "not_allowed", "refer", "required", "not_required", "needs_info",
           "guidance", "not_covered")
"""The verdicts a trainee can pick, in key order 1–9 (every verdict a scenario's key may hold)."""
NO_SCENARIOS = "No training scenarios are installed (assistant/data/training.toml)."


class TrainingScreen(Screen[None]):
    """Scenarios on the left; the current one, the verdict choices and the reveal on the right."""

    BINDINGS = [
        *[Binding(str(n), f"pick({n - 1})", VERDICT_LABELS[v], show=False) for n, v in enumerate(CHOICES, 1)],
        Binding("n", "step(1)", "Next", show=False),
        Binding("p", "step(-1)", "Previous", show=False),
        Binding("c", "cycle_council", "Council", show=False),
        Binding("l", "present", "Large text", show=False),
        Binding("escape", "app.switch_mode('chat')", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scenarios: tuple[Any, ...] = ()
        self.index = 0
        self.slug: str | None = None
        self.results: dict[tuple[str, str], bool] = {}
        self.wanted: str | None = None
        """A scenario asked for before the screen was mounted."""
        self.title = "Conduct: training"

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    @property
    def scenario(self) -> Any | None:
        return self.scenarios[self.index] if self.scenarios else None

    def compose(self) -> ComposeResult:
        yield Header(icon=render.ICON)
        with Horizontal(id="train-main"):
            yield OptionList(id="scenario-list")
            with Vertical(id="stage-pane"):
                # The heading stays put; the scenario, the choices and the reveal scroll under it.
                yield Static(id="scenario-head", markup=False)
                with VerticalScroll(id="stage"):
                    yield Static(id="scenario-text", markup=False)
                    yield Static(id="scenario-question", markup=False)
                    yield OptionList(*self._choice_options(None), id="choices")
                    yield Vertical(id="reveal")
        yield Static(id="score", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            self.scenarios = scenarios.load()
        except Exception as exc:  # a broken scenario file must not take the app down
            self._no_scenarios(f"The training scenarios could not be read: {exc}")
            return
        listing = self.query_one("#scenario-list", OptionList)
        listing.add_options([Option(render.text(s.title), id=s.id) for s in self.scenarios])
        if not self.scenarios:
            self._no_scenarios(NO_SCENARIOS)
            return
        ids = [s.id for s in self.scenarios]
        self.show(ids.index(self.wanted) if self.wanted in ids else 0)
        self.query_one("#choices", OptionList).focus()

    def _no_scenarios(self, why: str) -> None:
        self.query_one("#scenario-head", Static).update(render.text(why))
        self.query_one("#choices").display = False

    # -- choosing a scenario -----------------------------------------------------------
    def start(self, scenario_id: str) -> None:
        """Go to a scenario by id (the command palette calls this, perhaps before the screen is mounted)."""
        if not self.is_mounted:
            self.wanted = scenario_id
            return
        ids = [s.id for s in self.scenarios]
        if scenario_id in ids:
            self.show(ids.index(scenario_id))

    def show(self, index: int, slug: str | None = None) -> None:
        self.index = index
        scenario = self.scenarios[index]
        self.slug = slug or self._council_for(scenario)
        name = self.conduct.backend.council_name(self.slug)
        self.sub_title = f"Scenario for {name}"
        self.query_one("#scenario-head", Static).update(Content.assemble(
            (f"Scenario {index + 1} of {len(self.scenarios)}: ", "bold"), render.text(scenario.title, "bold"),
            "\n", ("For: ", render.MUTED), render.text(name, render.MUTED), (" (c: another council)", render.MUTED)))
        self.query_one("#scenario-text", Static).update(render.text(scenario.text))
        self.query_one("#scenario-question", Static).update(
            Content.assemble(("Question: ", "bold"), render.text(scenario.question, "italic")))
        self._reset_choices(None)
        choices = self.query_one("#choices")
        choices.display = True
        if self.focused is None or self.focused not in (self.query_one("#scenario-list"), choices):
            choices.focus()
        self.query_one("#reveal", Vertical).remove_children()
        self.query_one("#stage", VerticalScroll).scroll_home(animate=False)
        self.query_one("#scenario-list", OptionList).highlighted = index
        self._update_score()

    def _council_for(self, scenario: Any) -> str | None:
        expected = list(scenario.expected)
        current = self.conduct.backend.council
        if current in expected or not expected:
            return current
        return expected[0]

    @on(OptionList.OptionSelected, "#scenario-list")
    def _scenario_chosen(self, event: OptionList.OptionSelected) -> None:
        self.show(event.option_index)
        self.query_one("#choices", OptionList).focus()

    def action_step(self, step: int) -> None:
        if self.scenarios:
            self.show((self.index + step) % len(self.scenarios))

    def action_cycle_council(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        slugs = list(scenario.expected) or (self.conduct.backend.library.slugs if self.conduct.backend.library else [])
        if slugs:
            position = slugs.index(self.slug) + 1 if self.slug in slugs else 0
            self.show(self.index, slugs[position % len(slugs)])

    def action_present(self) -> None:
        self.toggle_class("-presenting")

    # -- picking and revealing ------------------------------------------------------------
    @staticmethod
    def _choice_options(picked: str | None) -> list[Option]:
        options = []
        for number, verdict in enumerate(CHOICES, 1):
            mark = "▶ " if verdict == picked else "  "
            options.append(Option(Content.assemble(mark, (f"{number}", "bold"), "  ",
                                                   render.badge_text(verdict, VERDICT_LABELS[verdict])), id=verdict))
        return options

    def _reset_choices(self, picked: str | None) -> None:
        choices = self.query_one("#choices", OptionList)
        highlighted = choices.highlighted
        choices.clear_options()
        choices.add_options(self._choice_options(picked))
        choices.highlighted = CHOICES.index(picked) if picked else (highlighted or 0)

    @on(OptionList.OptionSelected, "#choices")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option_index)

    def action_pick(self, choice: int) -> None:
        scenario = self.scenario
        if scenario is None:
            self.notify(NO_SCENARIOS)
            return
        if not self.conduct.backend.ready:
            self.notify("Still loading; try again in a moment.")
            return
        if self.slug is None:
            self.notify("Choose a council first (ctrl+o), or press c.")
            return
        picked = CHOICES[choice]
        self._reset_choices(picked)
        self._reveal(scenario, self.slug, picked)

    @work(thread=True, group="training", exit_on_error=False)
    def _reveal(self, scenario: Any, slug: str, picked: str) -> None:
        try:
            answer = self.conduct.backend.answer_alone(scenario.question, slug)
        except Exception as exc:  # show the failure; keep the session going
            self.app.call_from_thread(self.notify, f"Could not answer this scenario: {exc}", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self._show_reveal, scenario, slug, picked, answer)

    async def _show_reveal(self, scenario: Any, slug: str, picked: str, answer: Answer) -> None:
        expected = scenario.expected.get(slug)
        key = expected.verdict if expected is not None else answer.verdict
        correct = picked == key
        self.results.setdefault((scenario.id, slug), correct)
        reveal = self.query_one("#reveal", Vertical)
        await reveal.remove_children()
        await reveal.mount_all(self._reveal_widgets(picked, key, expected, answer, correct))
        self._update_score()
        # The reveal takes the choices' place under the question, so the scenario stays in view;
        # 1-9 still re-pick, n or p show the choices again with the next scenario.
        choices = self.query_one("#choices")
        if choices.has_focus:
            reveal.query_one(AnswerCard).focus(scroll_visible=False)
        choices.display = False
        self.query_one("#stage", VerticalScroll).scroll_home(animate=False)

    def _reveal_widgets(self, picked: str, key: str, expected: Any, answer: Answer, correct: bool) -> list[Any]:
        said = render.badge_text(picked, VERDICT_LABELS[picked])
        verdict = render.badge_text(key, VERDICT_LABELS.get(key, key))
        if correct:
            result = Content.assemble(("✔ Correct", "bold"), f": the code says {verdict}.")
        else:
            result = Content.assemble(("✘ Not quite", "bold"), f": you said {said}; the code says {verdict}.")
        widgets: list[Any] = [Static(result, classes="result -correct" if correct else "result -wrong", markup=False)]
        widgets.append(AnswerCard(answer))
        rule = Content.assemble(("Rule that fired: ", "bold"), (answer.trace.template, render.ID_STYLE), " → ",
                                (answer.trace.rule, render.ID_STYLE))
        if expected is not None and getattr(expected, "clause", None):
            rule = Content.assemble(rule, "   ", ("Key clause: ", "bold"), (str(expected.clause), render.ID_STYLE))
        widgets.append(Static(rule, classes="rule", markup=False))
        widgets += [CitationCard(c) for c in answer.citations]
        return widgets

    def _update_score(self) -> None:
        right = sum(self.results.values())
        self.query_one("#score", Static).update(Content.assemble(
            ("Score: ", "bold"), (f"{right} of {len(self.results)} correct", "bold"),
            ("  1–9 pick · n next · p back · c council · l large", render.MUTED)))

    @property
    def score(self) -> tuple[int, int]:
        return sum(self.results.values()), len(self.results)

    @on(CitationCard.Selected)
    def _open(self, event: CitationCard.Selected) -> None:
        self.conduct.open_clause(event.clause_id, event.highlight)

    @on(AnswerCard.WhyRequested)
    def _why(self, event: AnswerCard.WhyRequested) -> None:
        self.conduct.show_why(event.answer)
