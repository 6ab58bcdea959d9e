"""The same questions give the same bytes: across processes with different hash seeds (one of them
building the index from scratch), and when asked again in one process.

Python randomises str hashing per process, so any answer that depended on set or dict-of-set
iteration order, or an index whose order did, would differ between PYTHONHASHSEED=0 and 12345.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COUNCILS = ("thurrock", "county", "town", "gloucester", "essex")
PER_COUNCIL = 6


def gold_questions() -> list[tuple[str, str]]:
    """30 questions, six per council, spread over the gold set (its order is fixed)."""
    rows = tomllib.loads((ROOT / "tests/data/gold_retrieval.toml").read_text(encoding="utf-8"))["q"]
    chosen = []
    for council in COUNCILS:
        mine = [row["question"] for row in rows if row["council"] == council]
        step = max(1, len(mine) // PER_COUNCIL)
        chosen += [(council, q) for q in mine[::step][:PER_COUNCIL]]
    assert len(chosen) == len(COUNCILS) * PER_COUNCIL
    return chosen


QUESTIONS = gold_questions()
# Lines besides the gold questions: decisions with money, a follow-up, a comparison and
# questions that fall back on the retriever, so every path that builds an answer is covered.
EXTRA = [
    "/council thurrock", "/reset", "can I accept a £30 gift from a contractor", "what if it was £5?", "/why",
    "/council essex", "/reset", "what happens if I break the code", "a resident gave me a tenner",
    "/compare hospitality", "/compare gifts worth about £40 from a supplier", "/councils",
    "can I accept a gift?", "compare the councils on second jobs",
]


def script() -> bytes:
    lines = []
    for council, question in QUESTIONS:
        lines += [f"/council {council}", "/reset", question]
    return "".join(line + "\n" for line in [*lines, *EXTRA]).encode("utf-8")


def run(seed: str, home: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed, "CONDUCT_HOME": home}
    return subprocess.Popen([sys.executable, "-m", "assistant", "ask", "--json"], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def two_runs(retriever, tmp_path_factory) -> tuple[tuple[bytes, bytes], tuple[bytes, bytes], Path]:
    """Seed 0 with the session's cached index; seed 12345 building its own index from scratch."""
    fresh = tmp_path_factory.mktemp("fresh-home")
    payload = script()
    first, second = run("0", os.environ["CONDUCT_HOME"]), run("12345", str(fresh))
    one = first.communicate(payload, timeout=180)
    two = second.communicate(payload, timeout=180)
    assert first.returncode == 0, one[1].decode(errors="replace")
    assert second.returncode == 0, two[1].decode(errors="replace")
    return one, two, fresh


def test_two_processes_with_different_hash_seeds_give_identical_bytes(two_runs) -> None:
    (out_a, err_a), (out_b, _), _ = two_runs
    assert b"Traceback" not in err_a
    lines_a, lines_b = out_a.splitlines(), out_b.splitlines()
    assert len(lines_a) == len(lines_b) == 3 * len(QUESTIONS) + len(EXTRA)
    for number, (a, b) in enumerate(zip(lines_a, lines_b), start=1):
        assert a == b, f"line {number} differs"
    assert out_a == out_b


def test_the_runs_really_answered(two_runs) -> None:
    (out, _), _, _ = two_runs
    replies = [json.loads(line) for line in out.splitlines()]
    answers = [r for r in replies if "verdict" in r]
    assert len(answers) >= len(QUESTIONS) + 8
    assert {a["council"] for a in answers} >= set(COUNCILS)
    assert len({a["fingerprint"] for a in answers}) > len(QUESTIONS) // 2
    assert any(a.get("councils") for a in answers)  # a comparison was made
    assert any(a["trace"]["template"] == "clauses" for a in answers)  # and the retriever was used


def test_an_index_built_under_another_hash_seed_is_the_same_file(two_runs) -> None:
    _, _, fresh = two_runs
    built = (fresh / "cache" / "index.bin").read_bytes()
    assert built == (Path(os.environ["CONDUCT_HOME"]) / "cache" / "index.bin").read_bytes()


def test_repeated_answers_in_one_process_are_identical(library, retriever, assistant) -> None:
    from assistant.engine import Assistant

    again = Assistant(library, retriever)  # fresh policy cache, same index
    for council, question in QUESTIONS:
        first = json.dumps(assistant.ask(question, council).to_json(), ensure_ascii=False)
        assert json.dumps(assistant.ask(question, council).to_json(), ensure_ascii=False) == first
        assert json.dumps(again.ask(question, council).to_json(), ensure_ascii=False) == first


def test_a_conversation_replayed_gives_identical_replies(assistant) -> None:
    from assistant.session import Session

    lines = [line.decode() for line in script().splitlines()]

    def replay() -> list[str]:
        session = Session(assistant)
        return [json.dumps(session.handle(line).to_json(), ensure_ascii=False) for line in lines]

    assert replay() == replay()


def test_fingerprints_depend_on_the_basis_not_the_wording(assistant) -> None:
    a = assistant.ask("can I accept a £30 gift from a contractor", "thurrock")
    b = assistant.ask("Can I accept a £30 gift from a contractor?", "thurrock")
    c = assistant.ask("can I accept a £5 gift from a contractor", "thurrock")
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != c.fingerprint
