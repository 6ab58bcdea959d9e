"""Declarations of interest: financial interests, contracts, memberships, family firms."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "interests"
CONTRACT_WORDS = ("contract", "tender", "tendering", "bid", "bidding", "procurement", "supplier", "contractor", "quote")
MEMBERSHIP_WORDS = ("freemason", "freemasons", "mason", "masons", "lodge", "society", "club", "governor", "member of", "membership", "trustee")


def decide(ctx: Context) -> Decision:
    declare, contracts = ctx.p("interests.declare"), ctx.p("interests.contracts")
    if declare is None and contracts is None:
        return not_covered(ctx, TEMPLATE, "declaring interests")
    d = Decision(TEMPLATE)
    deadline = ctx.p("interests.deadline")
    when = f" within {deadline.value} days of becoming aware" if deadline else ""
    about_contract = ctx.has("procurement") or ctx.mentions(*CONTRACT_WORDS)
    if about_contract and contracts:
        d.decide("required", "contract_interest", f"Yes — you must {contracts.value} ({ref(contracts)})", contracts)
        d.because(contracts, f"you must {contracts.value}")
        d.then(declare, f"Declare it to {declare.value}{when}" if declare else "")
    else:
        main = declare or contracts
        text = f"Yes — declare it to {declare.value}{when}" if declare else f"Yes — you must {contracts.value}"
        d.decide("required", "declare", f"{text} ({ref(main)})", main)
        d.then(declare, f"Declare it to {declare.value}{when}" if declare else "")
    d.because(deadline, f"declarations are due within {deadline.value} days" if deadline else "")
    memberships = ctx.p("interests.memberships")
    if memberships and ctx.mentions(*MEMBERSHIP_WORDS):
        d.because(memberships, f"the interests the code lists include {memberships.value}")
    senior = ctx.p("interests.senior")
    d.then(senior, f"If {senior.value}" if senior else "")
    withdraw = ctx.p("interests.withdraw")
    d.then(withdraw, f"You must {withdraw.value}" if withdraw else "")
    return d
