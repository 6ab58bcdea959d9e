"""assistant.understand.question: a question is read once, the same way by every path that takes one."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.engine import Assistant
from assistant.understand.question import MAX_QUESTION_CHARS, read_plain, read_question
from index.analyse import Analyser

CHOICES = [("thurrock", ["Thurrock Council"]), ("essex", ["Essex County Council", "Essex"])]


def test_a_question_is_normalised_cut_and_made_analysable() -> None:
    run = "x" * 130
    question = read_question("\x1b[31mCan I keep a £30 gift from a supplier? " + run + " y" * 2000, CHOICES)
    assert "\x1b" not in question.text and len(question.text) == MAX_QUESTION_CHARS
    assert question.notice is not None and f"{MAX_QUESTION_CHARS:,}" in question.notice
    assert "x" * 60 + " " in question.plain and "x" * 61 not in question.plain
    assert question.facts.amount is not None and question.facts.amount.pence == 3000
    assert question.facts.giver == "supplier"
    assert question.reading.topic == "gifts"
    assert {"gift", "supplier"} <= set(question.query_tokens)


def test_a_question_is_immutable_and_names_its_councils() -> None:
    question = read_question("At Essex, not Thurrock, can I keep a pen?", CHOICES)
    assert question.named == ["essex", "thurrock"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.text = ""  # type: ignore[misc]


def test_an_empty_question_reads_as_nothing() -> None:
    for typed in ("", "   ", "\x00\x1b[0m"):
        question = read_question(typed, CHOICES)
        assert question.empty and question.query_tokens == () and question.reading.topic is None


def test_plain_text_is_read_without_cutting() -> None:
    long = "gift " * 500
    assert read_plain(long).text == long


def test_asking_analyses_the_question_once(assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    """Topic scoring and clause search share one analyser pass (the question has no template, so it is searched)."""
    calls: list[str] = []
    original = Analyser.analyse_query

    def counted(self: Analyser, text: str):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(Analyser, "analyse_query", counted)
    answer = assistant.ask("Is fishing on the council's pond allowed at lunchtime?", council="thurrock")
    assert answer.trace.template in {"clauses", "none"}, answer.trace
    assert len(calls) == 1, calls


def test_the_compare_screen_reads_a_situation_as_the_chat_does(assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compare screen used to skip breaking unbroken runs: spaCy got a 1,500-character run (slow)."""
    import assistant.understand.facts as facts_module
    from tui.backend import Backend

    read: list[str] = []
    original = facts_module.extract_facts

    def recorded(text: str):
        read.append(text)
        return original(text)

    monkeypatch.setattr(facts_module, "extract_facts", recorded)
    situation = "a £40 bottle of wine from a contractor " + "=" * 1500
    compared = Backend(assistant=assistant).compare("gifts", situation)
    assert read and all("=" * 61 not in text for text in read), [len(t) for t in read]
    assert compared.facts["amount"] == assistant.ask("compare " + situation).facts["amount"]
