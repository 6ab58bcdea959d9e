"""The command palette's Conduct commands: switch council, open a clause by id, start a scenario, compare a topic."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from tui import scenarios
from tui.literal import literal

if TYPE_CHECKING:
    from tui.app import ConductApp

MAX_CLAUSE_HITS = 30


@dataclass(frozen=True)
class Command:
    """One palette entry: what it shows (plain text, shown literally), what it does, a hint."""

    text: str
    action: Callable[[], object]
    help: str


class ConductCommands(Provider):
    """Councils, topics and scenarios are listed; clauses are found by typing an id such as thurrock:14.5."""

    @property
    def conduct(self) -> "ConductApp":
        return cast("ConductApp", self.app)

    def _commands(self) -> Iterator[Command]:
        from assistant.decide.topics import TOPIC_NAMES, TOPICS

        app = self.conduct
        library = app.backend.library
        if library is not None and app.backend.ready:
            for council in library.councils:
                yield Command(f"Council: {literal(council.name)}", partial(app.switch_council, council.slug),
                              f"Answer from the {escape(council.slug)} code")
        for topic in TOPICS:
            yield Command(f"Compare: {TOPIC_NAMES[topic]}", partial(app.compare_topic, topic),
                          "Every council's rule side by side")
        for scenario in scenarios.load():
            yield Command(f"Scenario: {literal(scenario.title)}", partial(app.start_scenario, scenario.id),
                          "Start this training scenario")

    def _clauses(self, query: str) -> Iterator[Command]:
        library = self.conduct.backend.library
        wanted = query.strip().lower()
        if library is None or len(wanted) < 2:
            return
        found = 0
        for clause in library.all_clauses():
            if wanted in clause.id.lower():
                yield Command(f"Open clause {clause.id}", partial(self.conduct.open_clause, clause.id),
                              "Read it in context")
                found += 1
                if found >= MAX_CLAUSE_HITS:
                    return

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(command.text), command.action, text=command.text, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.text)
            if score > 0:
                yield Hit(score, _highlight(matcher, command.text), command.action, text=command.text,
                          help=command.help)
        for command in self._clauses(query):
            yield Hit(0.9, Content(command.text), command.action, text=command.text, help=command.help)


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """Like `Matcher.highlight`, but the candidate is never read as markup."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
