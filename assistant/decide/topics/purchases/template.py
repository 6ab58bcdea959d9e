"""Personal purchases, discounts and using the council's suppliers privately."""

from __future__ import annotations

from assistant.decide.topics.gifts import template as gifts
from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "purchases"
SCHEMES = ("staff discount scheme", "employee discount", "staff scheme", "discount scheme", "staff benefits",
           "perks scheme", "for all staff", "everyone gets")


def decide(ctx: Context) -> Decision:
    if ctx.facts.item == "reward_points":
        if ctx.p("gifts.reward_points") or ctx.p("purchases.discounts"):
            return gifts.decide(ctx)
        return not_covered(ctx, TEMPLATE, "collecting reward points")
    d = Decision(TEMPLATE)
    discounts, schemes = ctx.p("purchases.discounts"), ctx.p("purchases.staff_schemes")
    account, contractors = ctx.p("purchases.council_account"), ctx.p("purchases.contractors")
    if account and ctx.mentions("council account", "work account", "order", "through the council", "council's account"):
        d.rule_from("not_allowed", "council_account", account, f"You must not {account.value}")
        return d
    if schemes and ctx.mentions(*SCHEMES):
        d.decide("allowed", "staff_scheme", f"Yes: the rule does not apply to {schemes.value} ({ref(schemes)})", schemes)
        d.because(schemes, f"the rule on discounts does not apply to {schemes.value}")
        return d
    if contractors and ctx.mentions("contractor", "contractors", "builder", "trade price", "at cost", "supplier"):
        d.rule_from("not_allowed", "council_contractors", contractors, f"You should not {contractors.value}")
        return d
    barred = ctx.p("gifts.barred_givers")
    if discounts is None and barred is not None and ctx.facts.giver in barred.value:
        decision = gifts.decide(ctx)  # a discount from a barred giver is an 'advantage' the gifts rule bars
        decision.template = f"{TEMPLATE}->gifts"
        return decision
    if discounts is None:
        return not_covered(ctx, TEMPLATE, "personal purchases or discounts")
    d.rule_from("not_allowed", "discount", discounts, f"You must not {discounts.value}")
    d.because(schemes, f"this does not apply to {schemes.value}" if schemes else "")
    return d
