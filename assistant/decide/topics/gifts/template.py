"""Gifts: may I keep it? Decided by value limits, token-only rules, cash bans and barred givers."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, Slot, asks_must_i_tell, forbids, in_procurement, pounds, ref

TEMPLATE = "gifts"
TOKEN_ITEMS = {"pen", "diary", "calendar", "notebook", "mug", "keyring", "promotional_item", "token_item", "stationery"}
MONEY_ITEMS = {"cash", "voucher", "fee"}
PUBLIC_GIVERS = {"customer", "service_user", "resident", "member_of_public", "client"}
NOT_TOKEN = MONEY_ITEMS | {"bequest", "loan", "fee", "event_tickets", "travel", "accommodation", "hospitality_event"}
PERSONAL_ITEMS = ("wine", "whisky", "whiskey", "champagne", "prosecco", "gin", "beer", "bottle", "chocolates", "chocs",
                  "perfume", "flowers", "hamper", "jewellery", "watch", "spa", "voucher", "gift card", "cash", "money")
"""Gifts plainly for personal use, which a 'functional business items only' rule excludes."""
PLAINLY_PERSONAL = ("wine", "whisky", "whiskey", "champagne", "prosecco", "gin", "vodka", "rum", "beer", "lager",
                    "fizz", "bubbly", "perfume", "aftershave", "hamper", "jewellery", "watch", "spa", "gift card")
"""Gifts no one would call a token of the pen-and-diary kind, whatever they cost."""
ITEM_WORDS = {"cash": "cash", "voucher": "a voucher", "fee": "a fee", "bequest": "a bequest", "loan": "a loan",
              "event_tickets": "tickets", "travel": "travel", "accommodation": "accommodation",
              "hospitality_event": "an event"}
PLAINLY_NOT_TOKEN = 1000
"""Conduct's reading, not a council's rule: a gift worth £10 or more is not of the
pen-and-diary kind that a token-only code allows. Shown in the trace as such."""


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    f = ctx.facts
    amount = f.amount.pence if f.amount is not None else None
    if f.amount is None and f.foreign_amount is not None:
        return d.ask(
            f"What is {f.foreign_amount.describe()} in pounds, roughly?",
            "The code's rules are in pounds, and Conduct will not guess an exchange rate",
            "foreign_currency", slot=Slot("amount"),
        )
    if f.item == "reward_points":
        return _reward_points(ctx, d)
    if ctx.has("refusal_difficult") and (hard := _when_refusal_is_hard(ctx, d)) is not None:
        return hard
    if ctx.has("declined") and asks_must_i_tell(ctx) and (record := ctx.p("gifts.record")) is not None:
        # turned down, and asking whether it still goes anywhere: the duty to record, not whether to keep it
        d.rule_from("required", "declined_still_recorded", record, f"you must {record.value}", lead="Yes: ")
        _keeper(ctx, d, record)
        return d
    if f.item in MONEY_ITEMS and (banned := ctx.p("gifts.cash_banned")):
        d.decide("not_allowed", "cash_banned", f"{ctx.name}'s code says {banned.value} must be refused ({ref(banned)})", banned)
        d.because(banned, f"{banned.value} must be refused")
        return _after_refusal(ctx, d)
    barred = ctx.p("gifts.barred_givers")
    if barred and f.giver in barred.value:
        d.decide("not_allowed", "barred_giver",
                 f"{ctx.name}'s code bars personal gifts from {_giver_words(f.giver)}s, whatever their value ({ref(barred)})", barred)
        d.because(barred, f"personal gifts from {_givers_list(barred.value)} may not be accepted")
        return _after_refusal(ctx, d)
    if f.giver in PUBLIC_GIVERS and (refuse := ctx.p("gifts.report_refusal")):
        d.decide("not_allowed", "public_thanks",
                 f"{ctx.name}'s code says gifts from customers must be refused politely ({ref(refuse)})", refuse)
        d.because(refuse, f"you must {refuse.value}")
        return _after_refusal(ctx, d)
    procurement = ctx.p("gifts.procurement")
    if procurement and in_procurement(ctx):
        if "inappropriate" in procurement.value or forbids(procurement.value):
            d.decide("not_allowed", "procurement",
                     f"While a procurement or regulatory decision involves the giver, {procurement.value} ({ref(procurement)})", procurement)
            d.because(procurement, procurement.value)
            return _after_refusal(ctx, d)
        d.because(procurement, procurement.value)  # a caution, not a bar: the value rules still decide
    if (limit := ctx.p("gifts.limit")) is not None:
        return _by_limit(ctx, d, limit, amount)
    if (token := ctx.p("gifts.token_only")) is not None:
        return _by_token(ctx, d, token, amount)
    if barred and f.giver is None:
        return d.ask(
            "Who is offering the gift?",
            f"{ctx.name}'s code bars personal gifts from {_givers_list(barred.value)} ({ref(barred)}), so who offers it decides",
            "giver_unknown", barred, slot=Slot("giver"),
        )
    return _left_to_someone(ctx, d)


def _when_refusal_is_hard(ctx: Context, d: Decision) -> Decision | None:
    """Refusing would offend, or it cannot be given back: the code's own instruction for that case decides."""
    hard, back = ctx.p("gifts.refusal_difficult"), ctx.p("gifts.return")
    if hard is not None:
        d.rule_from("refer", "refusal_difficult", hard, f"where refusing is difficult or might offend, you must {hard.value}")
    elif back is not None and "cannot be returned" in back.value:
        d.rule_from("required", "cannot_return", back, f"you should {back.value}")
    else:
        return None
    return _record(ctx, d)


def _by_limit(ctx: Context, d: Decision, limit, amount: int | None) -> Decision:
    f = ctx.facts
    business = ctx.p("gifts.business_items")
    if f.item in TOKEN_ITEMS and business and not ctx.mentions(*PERSONAL_ITEMS) and (amount is None or amount < limit.value):
        # a pen, a diary, a calendar: the code's own example of what may be kept
        d.decide("allowed", "business_item",
                 f"Yes: small gifts that are {business.value} may be kept ({ref(business)})", business)
        d.because(business, f"small gifts may only be {business.value}")
        d.because(limit, f"and worth less than {pounds(limit.value)}")
        return _record(ctx, d)
    if amount is None and f.item in TOKEN_ITEMS:
        amount = 0  # a pen or a diary is the code's own example of a small gift
    if amount is None and business and ctx.mentions(*PERSONAL_ITEMS) and f.item not in TOKEN_ITEMS:
        # over the limit it must go back, under it only business items may be kept: no need to ask its value
        d.decide("not_allowed", "personal_item",
                 f"Small gifts may only be {business.value} ({ref(business)}), and anything worth "
                 f"{pounds(limit.value)} or more may not be kept either ({ref(limit)}); this is for personal use", business, limit)
        d.because(business, f"small gifts may only be {business.value}")
        d.because(limit, f"gifts worth {pounds(limit.value)} or more may not be kept")
        return _after_refusal(ctx, d)
    if amount is None:
        missing = "What is it worth" + (", and who is offering it?" if f.giver is None else "?")
        return d.ask(missing, f"{ctx.name}'s limit is {pounds(limit.value)} ({ref(limit)}), so the value decides", "amount_unknown", limit, slot=Slot("amount"))
    if amount >= limit.value:
        worth = pounds(amount) if amount else "It"
        d.decide("not_allowed", "over_limit",
                 f"{worth} is at or over {ctx.name}'s {pounds(limit.value)} limit for gifts ({ref(limit)})", limit)
        d.because(limit, f"gifts worth {pounds(limit.value)} or more may not be kept")
        return _after_refusal(ctx, d)
    business = ctx.p("gifts.business_items")
    if business and ctx.mentions(*PERSONAL_ITEMS):
        d.decide("not_allowed", "personal_item",
                 f"Small gifts may only be {business.value} ({ref(business)}); this is for personal use", business)
        d.because(business, f"small gifts may only be {business.value}")
        return _after_refusal(ctx, d)
    d.decide("allowed_with_conditions", "under_limit",
             f"A gift under {pounds(limit.value)} may be accepted ({ref(limit)})" + (f", but only {business.value}" if business else ""), limit)
    d.because(limit, f"gifts under {pounds(limit.value)} are within {ctx.name}'s limit")
    d.because(business, f"small gifts may only be {business.value}" if business else "")
    if business and f.item not in TOKEN_ITEMS | {None}:
        d.then(business, f"If it is not {business.value}, return it instead")
    return _record(ctx, d)


def _by_token(ctx: Context, d: Decision, token, amount: int | None) -> Decision:
    f = ctx.facts
    if f.item in TOKEN_ITEMS:
        d.decide("allowed_with_conditions", "token_item", f"Token gifts such as {token.value} may be accepted ({ref(token)})", token)
        d.because(token, f"only gifts of token value, such as {token.value}, may be accepted")
        return _record(ctx, d)
    personal = amount is None and ctx.mentions(*PLAINLY_PERSONAL) and not ctx.has("team")
    if f.item in NOT_TOKEN or personal or (amount is not None and amount >= PLAINLY_NOT_TOKEN):
        what = pounds(amount) if amount is not None else ITEM_WORDS.get(f.item, "this")
        d.decide("not_allowed", "not_token",
                 f"At {ctx.name} only gifts of token value such as {token.value} may be accepted ({ref(token)}); {what} is more than that",
                 token)
        d.because(token, f"only gifts of token value, such as {token.value}, may be accepted")
        if f.amount is not None:
            d.readings.append({"name": "conduct.plainly_not_token", "value": PLAINLY_NOT_TOKEN, "citation": None,
                               "quote": "Conduct's reading, not the code's: a gift worth £10 or more is not of the token kind the code allows."})
        return _after_refusal(ctx, d)
    if amount is None:
        question = "What is the gift, and roughly what is it worth?" if f.item is None else "Roughly what is it worth?"
        return d.ask(question,
                     f"{ctx.name} allows only token-value gifts such as {token.value} ({ref(token)}), so what it is decides",
                     "item_unknown", token, slot=Slot("item"))
    d.decide("refer", "maybe_token",
             f"{ctx.name} allows only token-value gifts such as {token.value} ({ref(token)}) and gives no figure; ask {ctx.contact()} whether this counts",
             token)
    d.because(token, f"only gifts of token value, such as {token.value}, may be accepted")
    d.then(ctx.p("contact"), f"Ask {ctx.contact()} whether it counts as token value")
    return _record(ctx, d)


def _left_to_someone(ctx: Context, d: Decision) -> Decision:
    rule, decider, record = ctx.p("gifts.rule"), ctx.p("gifts.decider"), ctx.p("gifts.record")
    if record is not None and asks_must_i_tell(ctx):
        d.rule_from("required", "declare", record, f"you must {record.value}", lead="Yes: ")
        d.then(decider, f"Ask {decider.value} whether you may keep it" if decider else "")
        return d
    who = decider.value if decider else ctx.contact()
    d.decide("refer", "left_to_manager",
             f"{ctx.name}'s code sets no value limit; declare the gift and ask {who}"
             + (f" ({ref(decider)})" if decider else ""), decider or record or rule)
    d.because(rule, f"you {rule.value}" if rule else "")
    d.then(decider, f"Ask {who} before you accept it")
    return _record(ctx, d)


def _reward_points(ctx: Context, d: Decision) -> Decision:
    points = ctx.p("gifts.reward_points") or ctx.p("purchases.discounts")
    if points is None:
        return _left_to_someone(ctx, d)
    d.decide("not_allowed", "reward_points", f"Collecting reward points on council purchases {points.value} ({ref(points)})", points)
    d.because(points, f"collecting them {points.value}")
    return d


def _record(ctx: Context, d: Decision) -> Decision:
    record = ctx.p("gifts.record")
    d.then(record, f"You must {record.value}" if record else "")
    _keeper(ctx, d, record)
    return d


def _keeper(ctx: Context, d: Decision, record) -> None:
    """Name the register's keeper, unless the recording instruction already does."""
    keeper = ctx.p("gifts.register_keeper")
    if keeper is not None and not (record is not None and keeper.value[:25].lower() in record.value.lower()):
        d.then(keeper, f"The register is kept by {keeper.value}")


def _after_refusal(ctx: Context, d: Decision) -> Decision:
    for name, text in (
        ("gifts.return", "You should {}"),
        ("gifts.redirect", "Point the giver to {}"),
        ("gifts.refusal_difficult", "If refusing is difficult or might offend, you must {}"),
        ("gifts.report_refusal", "You must {}"),
    ):
        param = ctx.p(name)
        if param is not None and param not in d.decisive:
            d.then(param, text.format(param.value))
    record = ctx.p("gifts.record")
    d.then(record, f"Even though you decline it, you must {record.value}" if record else "")
    _keeper(ctx, d, record)
    return d


def _giver_words(giver: str | None) -> str:
    return (giver or "giver").replace("_", " ")


def _givers_list(givers: tuple[str, ...]) -> str:
    words = [f"{g.replace('_', ' ')}s" for g in givers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
