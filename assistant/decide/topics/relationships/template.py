"""Personal relationships at work: with a colleague, a councillor, a service user or a contractor."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, asks_must_i_tell, forbids, not_covered, ref

TEMPLATE = "relationships"
TARGETS = (
    ("councillor", ("councillor", "councillors", "cllr", "elected member", "member", "members", "politician")),
    ("service_user", ("service user", "service users", "client", "resident", "tenant", "patient", "someone i care for")),
    ("contractor", ("contractor", "supplier", "consultant", "contractors")),
    ("colleague", ("colleague", "colleagues", "co-worker", "coworker", "workmate", "officer", "team", "boss", "manager")),
)
WORDS = {"councillor": "a councillor", "service_user": "a service user", "contractor": "a contractor", "colleague": "a colleague"}
PLURALS = {"councillor": "councillors", "service_user": "service users", "contractor": "contractors", "colleague": "colleagues"}


def decide(ctx: Context) -> Decision:
    target = _target(ctx)
    param = ctx.p(f"relationships.{target}")
    contracts = ctx.p("interests.contracts")
    if param is None and target == "contractor" and contracts is not None:
        d = Decision(TEMPLATE)  # the code's rule for this is the one on interests in contracts
        d.rule_from("required", "contract_interest", contracts, f"you must {contracts.value}", lead="Yes — ")
        return d
    if param is None:
        return not_covered(ctx, TEMPLATE, f"personal relationships with {PLURALS[target]}")
    d = Decision(TEMPLATE)
    declares = any(w in param.value.lower() for w in ("declare", "disclose", "tell", "notify", "inform", "made known", "make known", "advise"))
    if asks_must_i_tell(ctx) and not declares and not forbids(param.value):
        d.decide("not_required", f"{target}_no_declaration",
                 f"{ctx.name}'s code does not ask you to declare it; it asks you to {param.value} ({ref(param)})", param)
        d.because(param, f"with {WORDS[target]}, you must {param.value}")
        return d
    if forbids(param.value):
        d.decide("not_allowed", f"{target}_barred", f"You must {param.value} ({ref(param)})", param)
    elif declares:
        d.decide("required", f"{target}_declare", f"Yes — you must {param.value} ({ref(param)})", param)
    else:
        d.decide("allowed_with_conditions", f"{target}_professional", f"Yes, but you must {param.value} ({ref(param)})", param)
    d.because(param, f"with {WORDS[target]}, you must {param.value}")
    management = ctx.p("relationships.management")
    d.because(management, f"the council {management.value}" if management else "")
    return d


def _target(ctx: Context) -> str:
    giver = ctx.facts.giver
    if giver in {"councillor", "service_user", "contractor", "colleague"}:
        return giver
    for target, words in TARGETS:
        if ctx.mentions(*words):
            return target
    return "colleague"
