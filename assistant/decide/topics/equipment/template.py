"""Council equipment, phones, vehicles and IT used for personal purposes."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, forbids, not_covered, ref

TEMPLATE = "equipment"
PHONES = ("phone", "phones", "call", "calls", "mobile", "ring", "text")
VEHICLES = ("van", "vehicle", "car", "pool car", "lorry", "fleet")
GAMBLING = ("gambling", "gamble", "betting", "bet", "bets", "bookies", "bookmaker", "bet365", "paddy power", "william hill",
            "betfair", "sky bet", "accumulator", "acca", "odds", "bingo", "casino", "poker", "slots", "roulette",
            "lottery", "lotto", "scratchcard", "fantasy football", "game", "games", "gaming")
"""Betting, gaming and games, which codes name among the misuses of council IT."""
INTERNET = ("internet", "online", "browse", "browsing", "netflix", "iplayer", "shopping", "youtube", "software",
            "download", "install", "website", "websites", "site", "sites", "streaming", "stream", "facebook", "tiktok",
            "instagram", "ebay", "amazon", *GAMBLING)
LOSS = ("lost", "lose", "losing", "left my", "left the", "stolen", "nicked", "pinched", "theft", "broke", "broken",
        "smashed", "cracked", "damaged", "damage", "dropped", "scratch", "scratched", "dented", "dent", "clipped",
        "bumped", "prang", "pranged", "missing", "can't find", "cant find", "spilt", "spilled")
"""Words that say council property was lost, stolen or damaged, which codes say must be reported."""


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
    report = ctx.p("equipment.report")
    if report and ctx.mentions(*LOSS):
        d.rule_from("required", "report_loss", report, f"you must {report.value}", lead="Yes, report it now: ")
        return d
    if internet and ctx.mentions(*GAMBLING):  # betting or games on council kit, wherever the laptop is
        d.rule_from("not_allowed", "internet", internet, f"The code forbids {internet.value}")
        d.because(rule, f"you must {rule.value}" if rule else "")
        return d
    if vehicles and (ctx.has("official_vehicle") or ctx.mentions(*VEHICLES)) and ctx.has("permission_given") and (
            "unauthorised" in vehicles.value or "permission" in vehicles.value):
        # the bar is on use without authority, and the authority has been given
        d.rule_from("allowed_with_conditions", "vehicle_authorised", vehicles, f"the code only says you must not {vehicles.value}",
                    lead="With that authority, yes: ")
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
