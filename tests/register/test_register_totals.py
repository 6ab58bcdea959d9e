"""A code's limit in total or over a period, read against the officer's own register (assistant.decide.totals).

A council is added from a plain-text code whose clause 1.2 sets "not exceeding £40 in total in any 12
months" from the same source; entries go into a real SQLite register; the answers come through the
same Session and lookup the chat and `conduct ask` use. Where a code sets no such limit (the bundled
codes), the history is information only and cites nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from assistant.cli import add as add_command
from assistant.decide import totals
from assistant.decide.policy import parse_policy
from assistant.register.model import Draft
from assistant.register.store import Store
from corpus.library import load_library

CODE = """Anytown Borough Council

Employee Code of Conduct

Introduction

If anything in this code is unclear, raise it with your line manager.

1. Gifts and hospitality

1.1 Gifts worth less than £25, such as pens and diaries, may be accepted.

1.2 Gifts from the same source may be accepted only if they do not exceed £40 in total in any 12 months.

1.3 Every offer of a gift or hospitality, accepted or not, must be recorded in the register of gifts and hospitality, which is held by the Monitoring Officer.
"""
TODAY = date.today()


@pytest.fixture
def anytown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path / "home"
    monkeypatch.setenv("CONDUCT_HOME", str(home))
    monkeypatch.setattr(add_command, "_index", lambda: None)  # gift answers are decided, not searched
    source = tmp_path / "anytown.txt"
    source.write_text(CODE, encoding="utf-8")
    code = add_command.cmd_add(load_library(home), argparse.Namespace(
        path=str(source), name="Anytown Borough Council", slug=None, json=False))
    assert code == 0
    from assistant.engine import Assistant

    return Assistant(load_library(home))


@pytest.fixture
def register(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'register.db'}"


def record(url: str, giver: str, value: str, outcome: str = "accepted", days_ago: int = 0, kind: str = "gift",
           user: str = "alice") -> None:
    with Store(url, user=user) as store:
        store.record(Draft(kind=kind, giver=giver, description="Wine", value=value,
                           offered_on=(TODAY - timedelta(days=days_ago)).isoformat(), outcome=outcome,
                           approver="dana"))


def ask(assistant, url: str, question: str, user: str = "alice"):
    from assistant.register.history import register_lookup
    from assistant.session import Session

    session = Session(assistant, "anytown",
                      lookup=register_lookup(lambda: Store(url, user=user), assistant=assistant))
    return session.handle(question).answer


def test_the_drafted_policy_reads_the_total_apart_from_the_per_gift_limit(anytown) -> None:
    policy = anytown.policy("anytown")
    assert policy.get("gifts.limit").value == 2500 and policy.get("gifts.limit").citation == "anytown:1.1"
    assert (policy.get("gifts.total_max").value, policy.get("gifts.total_max").citation) == (4000, "anytown:1.2")
    assert policy.get("gifts.total_months").value == 12
    assert policy.get("gifts.total_any_giver") is None  # "from the same source"


def test_going_over_the_total_is_a_no_citing_the_clause(anytown, register) -> None:
    record(register, "Acme Ltd", "£20")
    record(register, "Acme Ltd", "£15")
    record(register, "Acme Ltd", "£100", outcome="declined")  # declined: never received, not counted
    answer = ask(anytown, register, "Can I accept a £10 gift from Acme Ltd?")
    assert (answer.verdict, answer.trace.rule) == ("not_allowed", "over_total")
    assert answer.citations[0].id == "anytown:1.2" and "£40 in total" in answer.citations[0].highlight
    assert answer.summary == ("With this one, gifts from Acme Ltd would come to £45 in the last 12 months, "
                              "over the £40 in total the code allows (1.2).")
    first = answer.reasons[0]
    assert first.citation == "anytown:1.2" and "you accepted two gifts from Acme Ltd" in first.text
    assert answer.actions[0].text.startswith("Decline it") and answer.actions[0].citation == "anytown:1.2"
    assert {"name": "register.total", "value": 3500}.items() <= answer.trace.parameters[-1].items()


def test_within_the_total_the_code_s_own_verdict_stands_with_the_total_cited(anytown, register) -> None:
    record(register, "Acme Ltd", "£20")
    record(register, "Acme Ltd", "£15")
    answer = ask(anytown, register, "Can I accept a £3 pen from Acme Ltd?")
    assert (answer.verdict, answer.trace.rule) == ("allowed_with_conditions", "under_limit")
    reason = next(r for r in answer.reasons if "Your register" in r.text)
    assert reason.citation == "anytown:1.2" and "with this one, £38, within the £40 in total" in reason.text
    assert "anytown:1.2" in [c.id for c in answer.citations]


def test_without_a_value_the_room_left_is_said(anytown, register) -> None:
    record(register, "Acme Ltd", "£35")
    answer = ask(anytown, register, "Can I accept a gift from Acme Ltd?")
    assert answer.verdict == "needs_info"
    assert any("so this one may be worth at most £5" in r.text and r.citation == "anytown:1.2" for r in answer.reasons)


def test_only_this_giver_this_officer_and_this_period_count(anytown, register) -> None:
    record(register, "Acme Ltd", "£35", days_ago=400)  # before the last 12 months
    record(register, "Bolt plc", "£35")  # another giver
    record(register, "Acme Ltd", "£35", user="bob")  # another officer's register
    answer = ask(anytown, register, "Can I accept a £10 gift from Acme Ltd?")
    assert (answer.verdict, answer.trace.rule) == ("allowed_with_conditions", "under_limit")
    assert not any("Your register" in r.text for r in answer.reasons)
    assert ask(anytown, register, "Can I accept a £10 gift from Bolt plc?").verdict == "not_allowed"
    assert ask(anytown, register, "Can I accept a £10 gift from Acme Ltd?", user="bob").verdict == "not_allowed"


def test_the_same_history_gives_the_same_bytes_and_a_new_entry_a_new_fingerprint(anytown, register) -> None:
    record(register, "Acme Ltd", "£20")
    question = "Can I accept a £10 gift from Acme Ltd?"
    one, two = ask(anytown, register, question), ask(anytown, register, question)
    assert one.to_json() == two.to_json() and one.verdict == "allowed_with_conditions"
    record(register, "Acme Ltd", "£15")
    three = ask(anytown, register, question)
    assert three.verdict == "not_allowed" and three.fingerprint != one.fingerprint


def test_a_code_without_a_total_shows_the_history_uncited(register) -> None:
    from assistant.engine import Assistant

    record(register, "Acme Ltd", "£30", outcome="declined")
    assistant = Assistant(load_library())
    from assistant.register.history import register_lookup
    from assistant.session import Session

    session = Session(assistant, "thurrock", lookup=register_lookup(lambda: Store(register, user="alice"),
                                                                    assistant=assistant))
    plain = Session(assistant, "thurrock").handle("Can I accept a £20 gift from Acme Ltd?").answer
    answer = session.handle("Can I accept a £20 gift from Acme Ltd?").answer
    assert answer.verdict == plain.verdict and answer.citations == plain.citations
    extra = answer.reasons[-1]
    assert extra.citation is None and "for your information only" in extra.text
    assert "you recorded one gift from Acme Ltd in the last 12 months, £30 in total; with this one, £50" in extra.text


# --------------------------------------------------------------------------- the rule, alone

@dataclass(frozen=True)
class Earlier:
    giver: str
    value_pence: int | None
    kind: str = "gift"
    outcome: str = "accepted"
    status: str = "submitted"
    offered_on: date = TODAY


POLICY = """
[gifts.total_max]
value = 10000
citation = "x:1.2"
quote = "gifts and hospitality must not exceed £100 in total in any year"
[hospitality.total_max]
value = 10000
citation = "x:1.2"
quote = "gifts and hospitality must not exceed £100 in total in any year"
[gifts.total_any_giver]
value = true
citation = "x:1.2"
quote = "gifts and hospitality must not exceed £100 in total in any year"
"""


def answer(verdict: str = "allowed_with_conditions", pence: int | None = 3000, topic: str = "gifts"):
    from assistant.answer import Answer

    facts = {"amount": {"currency": "GBP", "pence": pence, "text": "£30"}} if pence is not None else {}
    return Answer("Can I accept a £30 gift from Acme?", "x", topic, verdict, "Yes.", facts=facts)


def test_one_clause_for_gifts_and_hospitality_counts_both_from_every_giver() -> None:
    policy = parse_policy("x", POLICY, "test")
    history = [Earlier("Bolt", 5000), Earlier("Crane", 2500, kind="hospitality"), Earlier("Acme", 9000, status="draft")]
    out = totals.apply(answer(), policy, None, "", history, TODAY)
    assert out.verdict == "not_allowed" and out.trace.rule == "over_total"
    assert "from every giver together" in out.reasons[0].text and "£105" in out.reasons[0].text
    assert totals.apply(answer(pence=2000), policy, None, "", history, TODAY).verdict == "allowed_with_conditions"
    assert totals.apply(answer(verdict="required"), policy, None, "", history, TODAY).verdict == "required"


def test_a_total_with_no_period_counts_every_earlier_entry() -> None:
    policy = parse_policy("x", POLICY, "test")  # no gifts.total_months: "in total", whenever
    old = [Earlier("Bolt", 9000, offered_on=TODAY - timedelta(days=3000))]
    assert totals.apply(answer(), policy, None, "", old, TODAY).verdict == "not_allowed"


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 3, 31), 1, date(2026, 2, 28)), (date(2026, 12, 2), 12, date(2025, 12, 2)),
    (date(2024, 2, 29), 12, date(2023, 2, 28)), (date(2026, 1, 15), 3, date(2025, 10, 15)),
])
def test_months_before(day, months, expected) -> None:
    assert totals.months_before(day, months) == expected


def test_conduct_record_records_the_verdict_the_total_gave(anytown, register, monkeypatch, capsys) -> None:
    import json

    from assistant.cli import main

    monkeypatch.setenv("CONDUCT_DATABASE_URL", register)
    monkeypatch.setenv("CONDUCT_USER", "alice")
    record(register, "Acme Ltd", "£35")
    code = main(["record", "--council", "anytown", "--approver", "dana", "--json",
                 "I accepted a £10 bottle of wine from Acme Ltd"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["answer"]["verdict"] == "not_allowed" and data["answer"]["trace"]["rule"] == "over_total"
    assert data["entry"]["verdict"] == "not_allowed" and data["entry"]["citations"][0] == "anytown:1.2"
