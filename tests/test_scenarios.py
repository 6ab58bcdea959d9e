"""The scenario table (tests/data/scenarios.toml): questions staff really ask, answered as each code says.

Each row's expected verdict and clause come from reading the council's own
code. A row is run as a conversation (earlier `turns` first, commands such as
`/council` and `/reset` included), and its last answer must have the expected
topic and verdict and cite the expected clause. Every answer given along the
way must cite only real clauses, and highlight only words those clauses contain.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from assistant.answer import VERDICTS, Answer
from assistant.engine import Assistant
from assistant.session import Session
from assistant.decide.topics import TOPICS
from corpus.library import Library, bundled_library

TABLE = Path(__file__).parent / "data" / "scenarios.toml"
ROW_KEYS = {"council", "question", "topic", "verdict", "cite", "turns"}
REQUIRED_KEYS = {"council", "question", "topic", "verdict", "cite"}


def load_rows() -> list[dict[str, Any]]:
    with TABLE.open("rb") as handle:
        return tomllib.load(handle)["row"]


ROWS = load_rows()


def row_id(index: int, row: dict[str, Any]) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", row["question"].lower()).strip("-")
    turns = f"{len(row['turns'])}turns-" if row.get("turns") else ""
    return f"{index:03d}-{row['council']}-{turns}{words[:48].rstrip('-')}"


IDS = [row_id(i, row) for i, row in enumerate(ROWS)]


@pytest.fixture(scope="module")
def conversations(assistant: Assistant) -> dict[int, list[Any]]:
    """Each row's replies, computed once and shared by the tests of this module."""
    return {}


def converse(assistant: Assistant, row: dict[str, Any]) -> list[Any]:
    """Every reply of the row's conversation: the earlier turns', then the question's."""
    session = Session(assistant, row["council"])
    return [session.handle(line) for line in [*row.get("turns", []), row["question"]]]


def replies_for(index: int, assistant: Assistant, cache: dict[int, list[Any]]) -> list[Any]:
    if index not in cache:
        cache[index] = converse(assistant, ROWS[index])
    return cache[index]


def describe(answer: Answer) -> str:
    return (f"got {answer.verdict} on topic {answer.topic} via {answer.trace.template}/{answer.trace.rule}, "
            f"citing {[c.id for c in answer.citations]}: {answer.summary}")


# -- the table itself ----------------------------------------------------------


def test_table_has_at_least_200_rows() -> None:
    assert len(ROWS) >= 200


def test_table_covers_every_topic_and_council() -> None:
    topics = {row["topic"] for row in ROWS}
    assert set(TOPICS) <= topics, f"no rows for {sorted(set(TOPICS) - topics)}"
    councils = {row["council"] for row in ROWS}
    assert set(bundled_library().slugs) <= councils, f"no rows for {sorted(set(bundled_library().slugs) - councils)}"


def test_table_has_multi_turn_rows() -> None:
    assert sum(1 for row in ROWS if row.get("turns")) >= 10


@pytest.mark.parametrize("index", range(len(ROWS)), ids=IDS)
def test_row_is_well_formed(index: int, library: Library) -> None:
    row = ROWS[index]
    assert REQUIRED_KEYS <= row.keys() <= ROW_KEYS, f"keys {sorted(row)}"
    assert row["council"] in library.slugs
    assert row["verdict"] in VERDICTS
    assert row["topic"] in (*TOPICS, ""), f"unknown topic {row['topic']!r}"
    assert isinstance(row.get("turns", []), list) and all(isinstance(t, str) for t in row.get("turns", []))
    if row["cite"]:
        assert library.clause(row["cite"]) is not None, f"no clause {row['cite']}"
    else:
        assert row["verdict"] == "not_covered", "only a not_covered answer may have cite = ''"


def test_questions_are_not_repeated() -> None:
    seen = [(row["council"], tuple(row.get("turns", [])), row["question"].lower()) for row in ROWS]
    assert len(seen) == len(set(seen))


# -- each row, answered --------------------------------------------------------


@pytest.mark.parametrize("index", range(len(ROWS)), ids=IDS)
def test_row(index: int, assistant: Assistant, conversations: dict[int, list[Any]]) -> None:
    row = ROWS[index]
    answer = replies_for(index, assistant, conversations)[-1].answer
    assert answer is not None, "the question got no answer"
    assert answer.verdict == row["verdict"], describe(answer)
    assert (answer.topic or "") == row["topic"], describe(answer)
    ids = [c.id for c in answer.citations]
    if row["cite"]:
        assert row["cite"] in ids, describe(answer)
    else:
        # Silent or out of scope: at most the clause naming whom to ask, nothing about the topic.
        contact = assistant.policy(answer.council).get("contact") if answer.council else None
        allowed = {contact.citation} if contact else set()
        assert set(ids) <= allowed, describe(answer)


@pytest.mark.parametrize("index", range(len(ROWS)), ids=IDS)
def test_every_citation_is_real_and_highlights_its_own_words(
    index: int, assistant: Assistant, conversations: dict[int, list[Any]], library: Library
) -> None:
    for reply in replies_for(index, assistant, conversations):
        if reply.answer is None:
            continue
        for citation in reply.answer.citations:
            clause = library.clause(citation.id)
            assert clause is not None, f"{citation.id} is not a clause"
            assert citation.text == clause.text, f"{citation.id}: cited text differs from the clause"
            if citation.highlight:
                assert citation.highlight in clause.text, f"{citation.id}: highlight {citation.highlight!r} not in the clause"
        for point in (*reply.answer.reasons, *reply.answer.actions):
            if point.citation:
                assert point.citation in {c.id for c in reply.answer.citations}, f"{point.citation} backs a point but is not cited"


CONVERSATIONS = tomllib.loads(TABLE.read_text(encoding="utf-8")).get("conversation", [])
TURN_KEYS = {"say", "verdict", "topic", "cite", "amount"}


def test_table_has_conversations_as_data() -> None:
    assert len(CONVERSATIONS) >= 8
    for convo in CONVERSATIONS:
        assert len(convo["turn"]) >= 2
        for turn in convo["turn"]:
            assert {"say", "verdict", "topic", "cite"} <= turn.keys() <= TURN_KEYS, sorted(turn)


@pytest.mark.parametrize("index", range(len(CONVERSATIONS)),
                         ids=[f"{i:02d}-{c['council']}-" + re.sub(r"[^a-z0-9]+", "-", c["turn"][0]["say"].lower())[:40]
                              for i, c in enumerate(CONVERSATIONS)])
def test_conversation(index: int, assistant: Assistant, library: Library) -> None:
    """Every turn right where it happens; and a clarifying question is never asked twice in a row."""
    convo = CONVERSATIONS[index]
    session = Session(assistant, convo["council"])
    asked = None
    for number, turn in enumerate(convo["turn"], 1):
        answer = session.handle(turn["say"]).answer
        assert answer is not None, f"turn {number}: no answer"
        where = f"turn {number} ({turn['say']!r}): {describe(answer)}"
        assert answer.verdict == turn["verdict"], where
        assert (answer.topic or "") == turn["topic"], where
        ids = [c.id for c in answer.citations]
        if turn["cite"]:
            assert turn["cite"] in ids, where
        else:
            contact = assistant.policy(answer.council).get("contact") if answer.council else None
            assert set(ids) <= ({contact.citation} if contact else set()), where
        if "amount" in turn:
            held = (answer.facts.get("amount") or {}).get("pence", 0)
            assert held == turn["amount"], f"{where}; amount {held}"
        for cid in ids:
            assert library.clause(cid) is not None, where
        assert not (answer.verdict == "needs_info" and answer.follow_up == asked), f"asked twice: {where}"
        asked = answer.follow_up if answer.verdict == "needs_info" else None


def test_the_whole_table_twice_is_byte_identical(assistant: Assistant) -> None:
    def run(helper: Assistant) -> str:
        return "\n".join(
            json.dumps([reply.to_json() for reply in converse(helper, row)], ensure_ascii=False)
            for row in ROWS
        )

    first = run(assistant)
    second = run(Assistant(bundled_library()))
    assert first == second
