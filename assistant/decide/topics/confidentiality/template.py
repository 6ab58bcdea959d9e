"""Confidential information and access to records."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "confidentiality"
LOOK_UP = ("look up", "looked up", "check", "access", "accessed", "search", "snoop", "nosy", "peek", "see the file",
           "look at", "records", "record", "system", "database")


def decide(ctx: Context) -> Decision:
    rule, access = ctx.p("confidentiality.rule"), ctx.p("confidentiality.access")
    password, doubt = ctx.p("confidentiality.password"), ctx.p("confidentiality.doubt")
    d = Decision(TEMPLATE)
    if password and ctx.mentions("password", "passwords", "login", "log in", "log-in", "pin"):
        d.rule_from("not_allowed", "password", password, f"You must not {password.value}")
        return d
    if access and ctx.mentions(*LOOK_UP):
        verdict = "not_allowed"
        d.decide(verdict, "access", f"Only for your work: you must {access.value} ({ref(access)})", access)
        d.because(access, f"you must {access.value}")
        d.because(rule, f"you must not {rule.value}" if rule else "")
        return d
    if rule is not None:
        d.rule_from("not_allowed", "disclosure", rule, f"you must not {rule.value}", lead="Not without authority: ")
        d.then(doubt, f"If in doubt, you must {doubt.value}" if doubt else "")
        return d
    if doubt is not None:
        d.decide("refer", "doubt", f"You must {doubt.value} ({ref(doubt)})", doubt)
        return d
    if access is not None:
        d.decide("not_allowed", "access", f"You must {access.value} ({ref(access)})", access)
        return d
    return not_covered(ctx, TEMPLATE, "confidential information")
