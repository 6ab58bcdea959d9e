"""Score Conduct on question sets written blind: by people given only the five codes.

Each case is a conversation of one or more turns, run through `Session` exactly
as the chat and `conduct ask` run it. A turn is right when the answer's verdict
is one the writer said the code allows AND the answer cites the clause that
decides (a writer may list alternatives). A cited clause matches an expected one
when it is the same clause, or one holds the other as a list item or row
("strict" counts only the same id). `not_covered` turns expect no citation.

    python -m benchmarks.blind tests/data/blind/dev_*.toml          # score, per kind
    python -m benchmarks.blind FILE --failures                      # and list what was wrong
    python -m benchmarks.blind FILE --json                          # machine-readable

The development sets under tests/data/blind/ are for finding and fixing kinds of
failure. The held-out set is measured once, untouched, and never tuned on.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERDICTS = {
    "allowed", "allowed_with_conditions", "not_allowed", "required", "not_required",
    "refer", "needs_info", "guidance", "not_covered",
}


@dataclass(frozen=True)
class Turn:
    say: str
    verdicts: tuple[str, ...]
    cite: tuple[str, ...]
    why: str = ""
    assumes: str = ""


@dataclass(frozen=True)
class Case:
    id: str
    council: str
    kind: str
    turns: tuple[Turn, ...]

    @property
    def conversation(self) -> bool:
        return len(self.turns) > 1


@dataclass
class TurnResult:
    case: Case
    index: int
    verdict: str
    cited: tuple[str, ...]
    verdict_ok: bool
    cite_ok: bool
    strict_ok: bool
    summary: str
    topic: str | None
    follow_up: str | None

    @property
    def ok(self) -> bool:
        return self.verdict_ok and self.cite_ok


@dataclass
class Score:
    turns: list[TurnResult] = field(default_factory=list)
    repeated_questions: int = 0
    """Turns whose clarifying question was the same as the one just asked."""

    def cases_ok(self) -> dict[str, bool]:
        out: dict[str, bool] = {}
        for r in self.turns:
            out[r.case.id] = out.get(r.case.id, True) and r.ok
        return out


def load_cases(paths: list[Path]) -> list[Case]:
    cases: list[Case] = []
    seen: set[str] = set()
    for path in paths:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for raw in data.get("case", []):
            turns = tuple(
                Turn(t["say"], tuple(t["verdicts"]), tuple(t.get("cite", [])), t.get("why", ""), t.get("assumes", ""))
                for t in raw["turn"]
            )
            case = Case(raw["id"], raw["council"], raw.get("kind", ""), turns)
            if case.id in seen:
                raise ValueError(f"{path}: duplicate case id {case.id}")
            bad = {v for t in turns for v in t.verdicts} - VERDICTS
            if bad:
                raise ValueError(f"{path}: {case.id}: unknown verdicts {sorted(bad)}")
            seen.add(case.id)
            cases.append(case)
    return cases


def related(cited: str, expected: str) -> bool:
    """Same clause, or one is a list item / row of the other (county:24.2 and county:24.2(c))."""
    if cited == expected:
        return True
    for a, b in ((cited, expected), (expected, cited)):
        if a.startswith(b) and a[len(b)] in "(/":
            return True
    return False


def judge(turn: Turn, verdict: str, cited: tuple[str, ...]) -> tuple[bool, bool, bool]:
    verdict_ok = verdict in turn.verdicts
    if not turn.cite:
        return verdict_ok, True, True
    cite_ok = any(related(c, e) for c in cited for e in turn.cite)
    strict_ok = any(c in turn.cite for c in cited)
    return verdict_ok, cite_ok, strict_ok


def run(cases: list[Case], session_factory) -> Score:
    score = Score()
    for case in cases:
        session = session_factory(case.council)
        last_follow_up = None
        for i, turn in enumerate(case.turns):
            reply = session.handle(turn.say)
            answer = reply.answer
            if answer is None:
                verdict, cited, summary, topic, follow = "error", (), reply.error or reply.message, None, None
            else:
                verdict = answer.verdict
                cited = tuple(c.id for c in answer.citations)
                summary, topic, follow = answer.summary, answer.topic, answer.follow_up
            if follow and follow == last_follow_up:
                score.repeated_questions += 1
            last_follow_up = follow if verdict == "needs_info" else None
            v_ok, c_ok, s_ok = judge(turn, verdict, cited)
            score.turns.append(TurnResult(case, i, verdict, cited, v_ok, c_ok, s_ok, summary, topic, follow))
    return score


def default_session_factory():
    from assistant.engine import Assistant
    from assistant.session import Session
    from corpus.library import bundled_library

    assistant = Assistant(bundled_library())
    return lambda council: Session(assistant, council)


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.1f}%" if d else "0/0"


def summarise(score: Score) -> dict[str, Any]:
    turns = score.turns
    singles = [r for r in turns if not r.case.conversation]
    convo = [r for r in turns if r.case.conversation]
    cases = score.cases_ok()
    by_council: dict[str, list[bool]] = defaultdict(list)
    for r in turns:
        by_council[r.case.council].append(r.ok)
    return {
        "turns": len(turns),
        "right": sum(r.ok for r in turns),
        "single_right": sum(r.ok for r in singles),
        "single_turns": len(singles),
        "conversation_right": sum(r.ok for r in convo),
        "conversation_turns": len(convo),
        "cases": len(cases),
        "cases_right": sum(cases.values()),
        "verdict_right": sum(r.verdict_ok for r in turns),
        "cite_right": sum(r.cite_ok for r in turns),
        "strict_right": sum(r.verdict_ok and r.strict_ok for r in turns),
        "repeated_questions": score.repeated_questions,
        "by_council": {k: [sum(v), len(v)] for k, v in sorted(by_council.items())},
        "failure_kinds": dict(Counter(failure_kind(r) for r in turns if not r.ok).most_common()),
    }


def failure_kind(r: TurnResult) -> str:
    """A rough first sort of what went wrong, for the report; the real diagnosis is by reading."""
    expected = set(r.case.turns[r.index].verdicts)
    if "not_covered" in expected and r.verdict != "not_covered":
        return "forced onto a topic (should be not_covered)"
    if r.verdict == "not_covered" and "not_covered" not in expected:
        return "said not_covered where the code speaks"
    if r.verdict == "guidance" and "guidance" not in expected:
        return "guidance where a clause decides"
    if r.verdict == "needs_info" and "needs_info" not in expected:
        return "asked where the code already decides" if r.index == 0 else "asked again in a conversation"
    if r.verdict_ok and not r.cite_ok:
        return "right verdict, wrong clause"
    return "wrong verdict"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--failures", action="store_true", help="list every wrong turn")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    cases = load_cases(args.files)
    score = run(cases, default_session_factory())
    summary = summarise(score)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        s = summary
        print(f"turns right (verdict and clause): {_pct(s['right'], s['turns'])}")
        print(f"  single questions: {_pct(s['single_right'], s['single_turns'])}")
        print(f"  conversation turns: {_pct(s['conversation_right'], s['conversation_turns'])}")
        print(f"  whole cases right: {_pct(s['cases_right'], s['cases'])}")
        print(f"  verdict right: {_pct(s['verdict_right'], s['turns'])}; clause right: {_pct(s['cite_right'], s['turns'])};"
              f" strict (same id): {_pct(s['strict_right'], s['turns'])}")
        print(f"  clarifying question repeated straight after itself: {s['repeated_questions']}")
        for council, (ok, n) in s["by_council"].items():
            print(f"  {council}: {_pct(ok, n)}")
        print("failures by kind:")
        for kind, n in s["failure_kinds"].items():
            print(f"  {n:4d}  {kind}")
    if args.failures:
        for r in score.turns:
            if r.ok:
                continue
            t = r.case.turns[r.index]
            print(f"\n{r.case.id} [{r.case.council}] turn {r.index + 1}/{len(r.case.turns)} ({failure_kind(r)})")
            for prev in r.case.turns[: r.index]:
                print(f"    earlier: {prev.say}")
            print(f"  Q: {t.say}")
            print(f"  expected {list(t.verdicts)} citing {list(t.cite)}  -- {t.why}")
            print(f"  got {r.verdict} ({r.topic}) citing {list(r.cited)}: {r.summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
