"""Bequests and gifts from people you care for: a will, money, or a present from a service user."""

from __future__ import annotations

from assistant.decide.topics.gifts import template as gifts
from assistant.decide.decision import Context, Decision, ref

TEMPLATE = "bequests"


def decide(ctx: Context) -> Decision:
    rule, report = ctx.p("bequests.rule"), ctx.p("bequests.report")
    if rule is None:
        decision = gifts.decide(ctx)  # the code has no bequest rule of its own: its gifts rule applies
        decision.template = f"{TEMPLATE}->gifts"
        return decision
    d = Decision(TEMPLATE)
    if report is not None and ctx.mentions("do i have to tell", "do i need to tell", "should i tell", "have to report",
                                            "need to report", "tell my manager", "tell anyone"):
        d.decide("required", "report", f"Yes — tell {report.value} ({ref(report)})", report)
        d.because(rule, f"you should {rule.value}")
        return d
    d.rule_from("not_allowed", "decline", rule, f"You should {rule.value}")
    d.then(report, f"Tell {report.value}" if report else "")
    return d
