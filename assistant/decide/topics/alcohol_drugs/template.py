"""Alcohol, drugs and smoking at work."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "alcohol_drugs"
SMOKING = ("smoke", "smoking", "vape", "vaping", "e-cigarette", "e-cig", "cigarette", "cigarettes", "fag", "fags")


def decide(ctx: Context) -> Decision:
    rule, smoking = ctx.p("alcohol_drugs.rule"), ctx.p("alcohol_drugs.smoking")
    d = Decision(TEMPLATE)
    if ctx.mentions(*SMOKING):
        if smoking is None:
            return not_covered(ctx, TEMPLATE, "smoking or vaping")
        d.decide("not_allowed", "smoking", f"{smoking.value[:1].upper()}{smoking.value[1:]} ({ref(smoking)})", smoking)
        d.because(smoking, smoking.value)
        return d
    if rule is None:
        return not_covered(ctx, TEMPLATE, "alcohol or drugs")
    d.rule_from("not_allowed", "impaired", rule, f"You must not {rule.value}")
    d.then(ctx.p("contact"), f"If you or a colleague cannot work safely because of this, tell {ctx.contact()}")
    return d
