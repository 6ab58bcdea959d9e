"""Social media posts and public criticism of the council."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "social_media"


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    rule, reputation = ctx.p("social_media.rule"), ctx.p("social_media.reputation")
    if rule is not None:
        d.rule_from("not_allowed", "rule", rule, f"You must not {rule.value}")
        d.because(reputation, f"the code treats {reputation.value}" if reputation else "")
        return d
    if reputation is not None:
        d.decide("guidance", "reputation_only",
                 f"{ctx.name}'s code has no social media rule as such, but it treats {reputation.value} ({ref(reputation)})", reputation)
        d.because(reputation, f"the code treats {reputation.value}")
        d.then(ctx.p("contact"), f"If unsure, ask {ctx.contact()}")
        return d
    return not_covered(ctx, TEMPLATE, "social media or criticising the council in public")
