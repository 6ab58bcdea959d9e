"""Reporting concerns, fraud and wrongdoing."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "whistleblowing"
FRAUD = ("fraud", "fraudulent", "fiddling", "fiddle", "stealing", "theft", "bribe", "bribery", "corruption", "embezzle", "money laundering")


def decide(ctx: Context) -> Decision:
    report_to, fraud = ctx.p("whistleblowing.report_to"), ctx.p("whistleblowing.fraud")
    policy, protection = ctx.p("whistleblowing.policy"), ctx.p("whistleblowing.protection")
    d = Decision(TEMPLATE)
    if fraud and ctx.mentions(*FRAUD):
        d.decide("required", "fraud", f"Yes — report suspected fraud to {fraud.value} ({ref(fraud)})", fraud)
        d.then(fraud, f"Report it to {fraud.value}")
    elif report_to:
        d.decide("required", "concern", f"Yes — raise it with {report_to.value} ({ref(report_to)})", report_to)
        d.then(report_to, f"Raise it with {report_to.value}")
    elif policy:
        d.decide("required", "policy", f"Yes — you can use {policy.value} ({ref(policy)})", policy)
    else:
        return not_covered(ctx, TEMPLATE, "reporting concerns")
    d.then(policy, f"You can also use {policy.value}" if policy and d.rule != "policy" else "")
    d.because(protection, protection.value if protection else "")
    return d
