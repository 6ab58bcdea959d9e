"""Hospitality: meals, drinks, tickets and events offered by outside parties."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, Slot, asks_must_i_tell, in_procurement, ref

TEMPLATE = "hospitality"
EVENTS = {"event_tickets", "hospitality_event", "travel", "accommodation"}
MEALS = {"meal", "drinks", "refreshments"}
TRADE = {"contractor", "potential_contractor", "supplier", "consultant"}
VISITS = ("visit", "visits", "trip to", "factory", "exhibition", "trade show", "trade fair", "expo", "demonstration",
          "demo", "showroom", "site tour", "tour of", "see the kit", "inspect", "inspection", "conference",
          "see their", "visit their", "look round", "look around", "show me round", "show us round", "their depot",
          "their site", "their premises", "their works", "their plant", "their offices", "their headquarters")
HOST_PAYS = ("pay for", "pay my", "pay our", "paid for", "paying for", "they'd pay", "theyd pay", "they would pay",
             "they'll pay", "theyll pay", "cover the cost", "cover my", "covering", "foot the bill", "on them",
             "their expense", "their cost", "all expenses", "expenses paid", "free", "fly me", "put me up", "his shout",
             "their shout", "treat")
"""Words that say the host meets the cost of a work visit, which some codes say the council must meet."""
NOTHING_FOR_THE_COUNCIL = ("purely social", "just social", "only social", "social only", "no business",
                           "nothing to do with work", "not work related", "not work-related", "nothing work related",
                           "no work reason", "no real business reason", "no business reason", "just a jolly",
                           "a jolly", "just for fun", "just to say thanks", "just a thank you", "as a thank you")
"""Words that say an invitation is for the guest's pleasure, not for the council's benefit."""


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    f = ctx.facts
    record = ctx.p("hospitality.record") or ctx.p("gifts.record")
    if ctx.has("declined") and asks_must_i_tell(ctx) and record is not None and "offered" in record.quote + record.value:
        # turned down, and asking whether it still goes anywhere: the code records offers, not only acceptances
        d.rule_from("required", "declined_still_recorded", record, f"you must {record.value}", lead="Yes: ")
        keeper = ctx.p("gifts.register_keeper")
        d.then(keeper, f"The register is kept by {keeper.value}" if keeper else "")
        return d
    procurement = ctx.p("hospitality.procurement")
    if procurement and in_procurement(ctx):
        d.decide("not_allowed", "procurement",
                 f"With a purchasing or contract decision involving the host, you must {procurement.value} ({ref(procurement)})", procurement)
        d.because(procurement, f"you must {procurement.value}")
        return _record(ctx, d, declined=True)
    social = ctx.p("hospitality.supplier_social")
    if social and f.item == "drinks" and f.giver in TRADE:
        d.rule_from("not_allowed", "supplier_social", social, f"you must {social.value}", lead="Informal social contact with suppliers: ")
        return _record(ctx, d, declined=True)
    conference = ctx.p("hospitality.conference")
    if conference and (ctx.has("conference") or ctx.mentions("conference", "conferences", "course", "seminar", "training day")):
        d.decide("allowed_with_conditions", "conference",
                 f"Hospitality at conferences and courses is acceptable where {conference.value} ({ref(conference)})", conference)
        d.because(conference, f"it is acceptable where {conference.value}")
        return _record(ctx, d)
    visits = ctx.p("hospitality.visits")
    if visits and ctx.mentions(*VISITS) and (f.giver is not None or ctx.mentions(*HOST_PAYS)) and (
            f.item in {"travel", "accommodation"} or ctx.mentions(*HOST_PAYS)):
        # someone other than the council is paying for a work visit
        d.rule_from("not_allowed", "visit_at_council_cost", visits, f"{visits.value}",
                    lead="No: the council pays for work visits, not the host: ")
        return _record(ctx, d, declined=True)
    events, meal = ctx.p("hospitality.social_events"), ctx.p("hospitality.business_meal")
    if f.item in EVENTS and events and ctx.mentions(*NOTHING_FOR_THE_COUNCIL) and "benefit" in events.value:
        d.decide("not_allowed", "no_benefit_to_council",
                 f"No: accept invitations like this only {events.value} ({ref(events)}), and this one is not", events)
        d.because(events, f"accept them only {events.value}")
        return _record(ctx, d, declined=True)
    if f.item in EVENTS and events:
        d.decide("allowed_with_conditions", "social_event", f"Accept invitations like this only {events.value} ({ref(events)})", events)
        d.because(events, f"accept them only {events.value}")
        return _approval(ctx, d)
    if f.item in MEALS and meal:
        d.decide("allowed_with_conditions", "business_meal", f"A meal or drinks are acceptable where {meal.value} ({ref(meal)})", meal)
        d.because(meal, f"acceptable where {meal.value}")
        return _approval(ctx, d)
    if f.item is None and events and meal:
        return d.ask("What is being offered — a meal or drinks at a meeting, or an invitation to an event?",
                     f"{ctx.name} treats working meals ({ref(meal)}) and social or sporting invitations ({ref(events)}) differently",
                     "item_unknown", meal, events, slot=Slot("item"))
    rule = ctx.p("hospitality.rule")
    approval = ctx.p("hospitality.approval")
    if rule is None and approval is None and events is None:
        d.decide("refer", "left_to_manager", f"{ctx.name}'s code sets no rule beyond declaring it; ask {ctx.contact()}", ctx.p("contact"))
        d.then(ctx.p("contact"), f"Ask {ctx.contact()} before you accept")
        return _record(ctx, d)
    decisive = rule or approval or events
    text = f"You {rule.value}" if rule else f"Get {approval.value}" if approval else f"Accept only {events.value}"
    d.decide("allowed_with_conditions", "general_rule", f"{text} ({ref(decisive)})", decisive)
    d.because(rule, f"you {rule.value}" if rule else "")
    d.because(events if f.item in EVENTS else None, f"accept them only {events.value}" if events else "")
    return _approval(ctx, d)


def _approval(ctx: Context, d: Decision) -> Decision:
    approval = ctx.p("hospitality.approval")
    d.then(approval, f"Get {approval.value}" if approval else "")
    return _record(ctx, d)


def _record(ctx: Context, d: Decision, declined: bool = False) -> Decision:
    record = ctx.p("hospitality.record") or ctx.p("gifts.record")
    if record is not None:
        d.then(record, ("Even though you decline it, you must " if declined else "You must ") + record.value)
    keeper = ctx.p("gifts.register_keeper")
    d.then(keeper, f"The register is kept by {keeper.value}" if keeper else "")
    return d
