"""The gifts topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "gifts"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "gifts.rule": ("phrase", "The code's basic gifts rule, as 'You {value}' (e.g. 'must not accept personal gifts other than ones of token value')."),
    "gifts.limit": ("pence", "Gifts worth this much or more may not be kept (county: £25 or more is not a token; Gloucester: under £25 only)."),
    "gifts.token_only": ("phrase", "Only token-value gifts may be kept; the value is the code's examples: 'Only gifts of token value, such as {value}, may be accepted'."),
    "gifts.business_items": ("phrase", "Small gifts must also be of this kind: 'Small gifts may only be {value}' (e.g. functional items suitable for business use)."),
    "gifts.cash_banned": ("phrase", "Cash, vouchers or money may not be accepted: '{value} must be refused' (e.g. gifts, vouchers, fees, special discounts and rewards)."),
    "gifts.barred_givers": ("givers", "Personal gifts from these givers may never be accepted, whatever their value."),
    "gifts.procurement": ("phrase", "Gifts while a procurement or regulatory decision involves the giver: 'In procurement or regulatory matters, {value}'."),
    "gifts.record": ("phrase", "Record or declare the offer: 'You must {value}' (e.g. 'record every gift offered, accepted or not, in the register of gifts and hospitality')."),
    "gifts.register_keeper": ("phrase", "Who keeps the register or receives the declaration: 'The register is kept by {value}'."),
    "gifts.return": ("phrase", "What to do with a gift that may not be kept: 'You should {value}'."),
    "gifts.redirect": ("phrase", "Where goodwill gestures should be pointed: 'Point the giver to {value}'."),
    "gifts.refusal_difficult": ("phrase", "When refusing is difficult or might offend: 'You must {value}'."),
    "gifts.decider": ("phrase", "Who decides whether a gift may be accepted: '{value} decides' (e.g. 'your line manager')."),
    "gifts.report_refusal": ("phrase", "After refusing a gift: 'You must {value}' (e.g. 'report the offer to your line manager')."),
    "gifts.total_max": ("pence", "Gifts from one giver may come to at most this much in total ('not exceeding £40 in total'); read against the officer's own register, over gifts.total_months when the code sets a period."),
    "gifts.total_months": ("months", "A total limit on gifts counts the gifts of the last this many months."),
    "gifts.total_any_giver": ("flag", "A total limit on gifts counts gifts from every giver together, not from one giver."),
    "gifts.reward_points": ("phrase", "What the code says of collecting reward points on council purchases: 'Collecting them {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
