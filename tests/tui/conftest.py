"""Fixtures for the TUI tests: one loaded Assistant for the session, stand-in scenarios, a settle helper."""

from __future__ import annotations

import os
from collections.abc import Iterator

from pathlib import Path
from typing import Any

import pytest

from tui.app import ConductApp, make_app


from assistant.training import Expected, Scenario  # the real types; only the data below is a stand-in


SCENARIOS = (
    Scenario("whisky", "A bottle of whisky at Christmas", "gifts",
             "A contractor leaves a £40 bottle of whisky on Jo's desk. Can Jo keep it?",
             "Can I keep a £40 bottle of whisky from a contractor?",
             {"thurrock": Expected("not_allowed", "thurrock:14.5"), "town": Expected("refer", "town:12")}),
    Scenario("pen", "A pen from the sales rep", "gifts",
             "A supplier's rep hands Sam a branded pen after a demonstration. Can Sam keep it?",
             "A supplier gave me a branded pen at a meeting. Can I keep it?",
             {"thurrock": Expected("allowed_with_conditions", "thurrock:14.5")}),
)


@pytest.fixture(scope="session")
def conduct_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private CONDUCT_HOME for the index cache, never the user's own."""
    home = tmp_path_factory.mktemp("tui-home")
    previous = os.environ.get("CONDUCT_HOME")
    os.environ["CONDUCT_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("CONDUCT_HOME", None)
    else:
        os.environ["CONDUCT_HOME"] = previous


@pytest.fixture(scope="session")
def tui_assistant(conduct_home: Path) -> Any:
    """One Assistant with its index loaded and spaCy warmed up, shared by every app in the session."""
    from assistant.engine import Assistant, Conversation
    from corpus.library import load_library
    from index.retriever import load_retriever

    library = load_library(conduct_home)
    assistant = Assistant(library, retriever=load_retriever(library, home=conduct_home, warn=lambda _: None))
    assistant.ask("Can I accept a gift?", council="thurrock", conversation=Conversation())
    return assistant


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor never blinks in tests, so a snapshot cannot catch it half-way."""
    monkeypatch.setattr("textual.widgets._input.Input._toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def stand_in_scenarios(monkeypatch: pytest.MonkeyPatch) -> tuple[Scenario, ...]:
    monkeypatch.setattr("tui.scenarios.load", lambda: SCENARIOS)
    return SCENARIOS


@pytest.fixture
def app(tui_assistant: Any, tmp_path: Path) -> ConductApp:
    """The app for Thurrock, exporting under a fresh home."""
    return make_app(assistant=tui_assistant, council="thurrock", home=tmp_path)

