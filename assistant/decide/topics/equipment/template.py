"""Council equipment, phones, vehicles and IT used for personal purposes."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, forbids, not_covered, ref

TEMPLATE = "equipment"
PHONES = ("phone", "phones", "call", "calls", "mobile", "ring", "text")
VEHICLES = ("van", "vehicle", "car", "pool car", "lorry", "fleet")
INTERNET = ("internet", "online", "browse", "browsing", "netflix", "iplayer", "games", "gaming", "gambling", "betting",
            "shopping", "youtube", "software", "download", "install")


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    phones, vehicles, internet, rule = (ctx.p(f"equipment.{n}") for n in ("phones", "vehicles", "internet", "rule"))
    if phones and ctx.mentions(*PHONES):
        if "occasional" not in phones.value and (forbids(phones.value) or "exclusively" in phones.value or "must not" in phones.value):
            d.decide("not_allowed", "phones", f"{_cap(phones.value)} ({ref(phones)})", phones)
        else:
            d.decide("allowed_with_conditions", "phones", f"Only occasionally: {phones.value} ({ref(phones)})", phones)
        d.because(phones, phones.value)
        return d
    if vehicles and (ctx.has("official_vehicle") or ctx.mentions(*VEHICLES)) and "permission" in vehicles.value:
        d.rule_from("refer", "vehicle_permission", vehicles, f"you must not {vehicles.value}", lead="Only with permission: ")
        d.then(ctx.p("contact"), f"Ask {ctx.contact()} first")
        return d
    if vehicles and (ctx.has("official_vehicle") or ctx.mentions(*VEHICLES)):
        d.rule_from("not_allowed", "vehicles", vehicles, f"You must not {vehicles.value}")
        return d
    if internet and ctx.mentions(*INTERNET):
        d.rule_from("not_allowed", "internet", internet, f"The code forbids {internet.value}")
        d.because(rule, f"you must {rule.value}" if rule else "")
        return d
    if rule is None:
        return not_covered(ctx, TEMPLATE, "using council equipment for personal purposes")
    if "permission" in rule.value or "payment" in rule.value:
        d.rule_from("refer", "permission_or_payment", rule, f"you must {rule.value}", lead="Only with permission: ")
        d.then(ctx.p("contact"), f"Ask {ctx.contact()} first")
        return d
    d.rule_from("not_allowed", "business_only", rule, f"you must {rule.value}", lead="Not for personal use: ")
    return d


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
