"""Dress, uniform and appearance."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "appearance"
RELIGION = ("religious", "religion", "cultural", "culture", "hijab", "turban", "headscarf", "niqab", "kippah", "faith")


def decide(ctx: Context) -> Decision:
    rule, decider, religion = ctx.p("appearance.rule"), ctx.p("appearance.decider"), ctx.p("appearance.religion")
    if rule is None and decider is None:
        return not_covered(ctx, TEMPLATE, "dress or appearance")
    d = Decision(TEMPLATE)
    if religion and ctx.mentions(*RELIGION):
        d.decide("allowed_with_conditions", "religion", f"{religion.value[:1].upper()}{religion.value[1:]} ({ref(religion)})", religion)
        d.because(religion, religion.value)
        return d
    if decider:
        d.decide("refer", "manager_decides", f"{decider.value[:1].upper()}{decider.value[1:]} decides what is appropriate ({ref(decider)})", decider)
        d.because(rule, f"you must {rule.value}" if rule else "")
    else:
        d.rule_from("allowed_with_conditions", "standard", rule, f"You must {rule.value}")
    return d
