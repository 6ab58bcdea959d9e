"""Training dilemmas for running code-of-conduct sessions: a story, its question, and each code's answer.

The scenarios live in assistant/data/training.toml. Each gives, per council,
the verdict its own code reaches and the clause that decides it, so a trainer
can put the question to the room, then reveal what the code says and check
that Conduct says the same (`check`). No user-interface code is imported here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from assistant.answer import VERDICTS
from assistant.decide.topics import TOPICS

if TYPE_CHECKING:
    from assistant.answer import Answer

__all__ = ["Expected", "Scenario", "load_scenarios", "parse_scenarios", "check"]

TEXT_FIELDS = ("id", "title", "topic", "text", "question")
SCENARIO_KEYS = frozenset((*TEXT_FIELDS, "expected"))
EXPECTED_KEYS = frozenset(("verdict", "clause"))


@dataclass(frozen=True)
class Expected:
    """What one council's code says: the verdict and the id of the clause that decides it.

    `clause` is empty when the code is silent (verdict ``not_covered``): there is no clause to cite.
    """

    verdict: str
    clause: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    topic: str
    text: str
    """The story to read out: two to four sentences."""
    question: str
    """What is put to Conduct."""
    expected: dict[str, Expected] = field(hash=False)
    """Council slug to the code's answer, in the file's order."""


def load_scenarios() -> tuple[Scenario, ...]:
    """Every bundled scenario, in file order. Raises ValueError naming the scenario if one is malformed."""
    path = resources.files("assistant") / "data" / "training.toml"
    return parse_scenarios(path.read_text(encoding="utf-8"), "assistant/data/training.toml")


def parse_scenarios(text: str, source: str = "training scenarios", councils: frozenset[str] | None = None) -> tuple[Scenario, ...]:
    """Scenarios from TOML text. `councils` limits the slugs allowed (default: the bundled councils)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{source}: not valid TOML: {exc}") from None
    entries = data.get("scenario")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{source}: no [[scenario]] entries")
    unknown_top = sorted(set(data) - {"scenario"})
    if unknown_top:
        raise ValueError(f"{source}: unknown top-level keys {unknown_top}")
    slugs = councils if councils is not None else _bundled_slugs()
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        scenario = _scenario(entry, index, slugs, source)
        if scenario.id in seen:
            raise ValueError(f"{source}: scenario {scenario.id!r}: id is used twice")
        seen.add(scenario.id)
        scenarios.append(scenario)
    return tuple(scenarios)


def check(scenario: Scenario, answer: "Answer") -> bool:
    """Whether Conduct's answer is what the answering council's code says for this scenario.

    The verdict must match and, where the code has a deciding clause, the answer must cite it.
    False for a council the scenario gives no expectation for.
    """
    expected = scenario.expected.get(answer.council or "")
    if expected is None or answer.verdict != expected.verdict:
        return False
    return not expected.clause or expected.clause in {c.id for c in answer.citations}


# -- validation ----------------------------------------------------------------


def _scenario(entry: Any, index: int, slugs: frozenset[str], source: str) -> Scenario:
    given = entry.get("id") if isinstance(entry, dict) else None
    name = f"scenario {given!r}" if isinstance(given, str) and given.strip() else f"scenario #{index}"

    def fail(problem: str) -> ValueError:
        return ValueError(f"{source}: {name}: {problem}")

    if not isinstance(entry, dict):
        raise fail("is not a table")
    missing = [k for k in (*TEXT_FIELDS, "expected") if k not in entry]
    if missing:
        raise fail(f"missing {missing}")
    unknown = sorted(set(entry) - SCENARIO_KEYS)
    if unknown:
        raise fail(f"unknown keys {unknown}")
    for key in TEXT_FIELDS:
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise fail(f"{key} must be a non-empty string")
    if entry["topic"] not in TOPICS:
        raise fail(f"topic {entry['topic']!r} is not one of {', '.join(TOPICS)}")
    raw = entry["expected"]
    if not isinstance(raw, dict) or not raw:
        raise fail("expected must be a table with at least one council")
    expected: dict[str, Expected] = {}
    for council, value in raw.items():
        expected[council] = _expected(council, value, slugs, fail)
    return Scenario(entry["id"].strip(), entry["title"].strip(), entry["topic"], entry["text"].strip(),
                    entry["question"].strip(), expected)


def _expected(council: str, value: Any, slugs: frozenset[str], fail) -> Expected:
    if council not in slugs:
        raise fail(f"unknown council {council!r} (councils: {', '.join(sorted(slugs))})")
    if not isinstance(value, dict) or set(value) != EXPECTED_KEYS:
        raise fail(f"expected.{council} must be {{ verdict = ..., clause = ... }}")
    verdict, clause = value["verdict"], value["clause"]
    if verdict not in VERDICTS:
        raise fail(f"expected.{council}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    if not isinstance(clause, str):
        raise fail(f"expected.{council}: clause must be a string")
    if clause and not clause.startswith(f"{council}:"):
        raise fail(f"expected.{council}: clause {clause!r} is not one of {council}'s clauses")
    if not clause and verdict != "not_covered":
        raise fail(f"expected.{council}: only a not_covered verdict may have no clause")
    return Expected(verdict, clause)


def _bundled_slugs() -> frozenset[str]:
    from corpus.manifest import bundled_councils

    return frozenset(c.slug for c in bundled_councils())
