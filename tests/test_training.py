"""The training dilemmas (assistant/data/training.toml): well formed, varied, and answered as each code says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.training import Expected, Scenario, check, load_scenarios, parse_scenarios
from corpus.library import Library, bundled_library

SCENARIOS = load_scenarios()
CASES = [(s, council) for s in SCENARIOS for council in s.expected]
SLUGS = frozenset({"thurrock", "county", "town", "gloucester", "essex"})


# -- the collection ----------------------------------------------------------------


def test_there_are_at_least_20_scenarios() -> None:
    assert len(SCENARIOS) >= 20


def test_ids_are_unique() -> None:
    ids = [s.id for s in SCENARIOS]
    assert len(ids) == len(set(ids))


def test_topics_are_varied() -> None:
    assert len({s.topic for s in SCENARIOS}) >= 10


def test_most_scenarios_cover_several_councils() -> None:
    assert sum(1 for s in SCENARIOS if len(s.expected) >= 4) >= len(SCENARIOS) // 2


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_scenario_is_well_formed(scenario: Scenario, library: Library) -> None:
    assert scenario.id == scenario.id.lower() and " " not in scenario.id
    assert 2 <= scenario.text.count(".") + scenario.text.count("?") + scenario.text.count("!"), "a story of a few sentences"
    assert scenario.question.endswith("?")
    for council, expected in scenario.expected.items():
        if expected.clause:
            clause = library.clause(expected.clause)
            assert clause is not None, f"{council}: no clause {expected.clause}"
            assert clause.council == council


# -- each scenario, answered ------------------------------------------------------------


@pytest.mark.parametrize(("scenario", "council"), CASES, ids=[f"{s.id}-{c}" for s, c in CASES])
def test_conduct_gives_the_codes_answer(scenario: Scenario, council: str, assistant: Assistant) -> None:
    answer = assistant.ask(scenario.question, council)
    expected = scenario.expected[council]
    ids = [c.id for c in answer.citations]
    got = f"got {answer.verdict} citing {ids} via {answer.trace.template}/{answer.trace.rule}: {answer.summary}"
    assert answer.council == council, got
    assert answer.verdict == expected.verdict, got
    if expected.clause:
        assert expected.clause in ids, got
    else:
        contact = assistant.policy(council).get("contact")
        assert set(ids) <= ({contact.citation} if contact else set()), got
    assert check(scenario, answer)


def test_check_rejects_a_wrong_answer(assistant: Assistant) -> None:
    scenario = next(s for s in SCENARIOS if s.id == "christmas-whisky")
    right = assistant.ask(scenario.question, "thurrock")
    assert check(scenario, right)
    other = next(s for s in SCENARIOS if s.id != scenario.id and s.expected.get("thurrock")
                 and s.expected["thurrock"].verdict != right.verdict)
    assert not check(other, right)
    unlisted = Scenario("x", "x", "gifts", "x. y.", "x?", {"county": Expected(right.verdict, "county:10.2")})
    assert not check(unlisted, right), "no expectation for the answering council"


# -- malformed files ----------------------------------------------------------------------

GOOD = '''
[[scenario]]
id = "pen"
title = "A pen"
topic = "gifts"
text = "A rep gives Sam a pen. Can Sam keep it?"
question = "Can I keep a pen from a supplier?"
[scenario.expected]
thurrock = { verdict = "allowed_with_conditions", clause = "thurrock:14.5" }
'''


def test_a_good_entry_parses() -> None:
    (scenario,) = parse_scenarios(GOOD, councils=SLUGS)
    assert scenario.expected == {"thurrock": Expected("allowed_with_conditions", "thurrock:14.5")}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('topic = "gifts"', 'topic = "gossip"'), "topic 'gossip'"),
        (('verdict = "allowed_with_conditions"', 'verdict = "maybe"'), "verdict 'maybe'"),
        (("thurrock = {", "narnia = {"), "unknown council 'narnia'"),
        (('clause = "thurrock:14.5"', 'clause = "county:10.2"'), "not one of thurrock's clauses"),
        (('clause = "thurrock:14.5"', 'clause = ""'), "only a not_covered verdict"),
        (('question = "Can I keep a pen from a supplier?"\n', ""), "missing ['question']"),
        (('title = "A pen"', 'title = ""'), "title must be a non-empty string"),
        (('title = "A pen"', 'title = "A pen"\ncolour = "red"'), "unknown keys ['colour']"),
    ],
)
def test_malformed_entries_name_the_scenario(change: tuple[str, str], message: str) -> None:
    text = GOOD.replace(*change)
    with pytest.raises(ValueError, match="scenario 'pen'") as error:
        parse_scenarios(text, councils=SLUGS)
    assert message in str(error.value)


def test_duplicate_ids_and_bad_toml_are_reported() -> None:
    with pytest.raises(ValueError, match="scenario 'pen': id is used twice"):
        parse_scenarios(GOOD + GOOD, councils=SLUGS)
    with pytest.raises(ValueError, match="not valid TOML"):
        parse_scenarios("[[scenario]\nid = 1", councils=SLUGS)
    with pytest.raises(ValueError, match="no \\[\\[scenario\\]\\] entries"):
        parse_scenarios("", councils=SLUGS)


def test_the_training_module_does_not_import_textual() -> None:
    code = "import sys, assistant.training as t; t.load_scenarios(); print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"
