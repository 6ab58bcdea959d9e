"""Contact with journalists and the media, and writing for publications."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "media"


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    writing = ctx.p("media.professional_writing")
    if writing and ctx.mentions("article", "journal", "publication", "write a piece", "magazine", "book"):
        d.decide("allowed_with_conditions", "professional_writing", f"Yes, but you should {writing.value} ({ref(writing)})", writing)
        d.because(writing, f"you should {writing.value}")
        return d
    rule, refer_to, authoriser = ctx.p("media.rule"), ctx.p("media.refer_to"), ctx.p("media.authoriser")
    if rule is None and refer_to is None:
        return not_covered(ctx, TEMPLATE, "contact with the media")
    unless = f" unless {authoriser.value}" if authoriser else ""
    if rule is not None:
        d.decide("not_allowed", "not_authorised", f"Not unless you are authorised: you must not {rule.value}{unless} ({ref(rule)})", rule, authoriser)
        d.because(rule, f"you must not {rule.value}{unless}")
    else:
        d.decide("refer", "refer_enquiry", f"Refer the enquiry to {refer_to.value} ({ref(refer_to)})", refer_to)
    d.then(refer_to, f"Refer the journalist to {refer_to.value}" if refer_to else "")
    return d
