"""Declarations of interest: financial interests, contracts, memberships, family firms."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref
from assistant.decide.topics.outside_work.template import IN_COMPETITION

TEMPLATE = "interests"
CONTRACT_WORDS = ("contract", "tender", "tendering", "bid", "bidding", "procurement", "supplier", "contractor", "quote")
ACTING_ON_IT = ("can i process", "process it", "processing it", "deal with it", "deal with the", "handle it", "handle the",
                "decide it", "decide on", "make the decision", "sign it off", "sign off", "approve it", "assess it",
                "score", "scoring", "scores the", "come to me", "assigned to me", "landed on my desk", "on my desk",
                "give it to", "give the job to", "give the work to", "give them the", "award it to", "award the",
                "move her up", "move him up", "up the list", "bump her", "bump him", "prioritise", "fast track",
                "fast-track", "pointers", "heads up", "a few tips", "tip her off", "tip him off", "help her with her bid",
                "help him with his bid", "i'm the one who", "im the one who", "i'm the one organising",
                "i'm one of the people", "im one of the people", "on the panel", "picking the", "choose the",
                "choosing the", "pick the")
"""Words that say the officer would act on a matter where a relative, partner or friend stands to gain."""
OWN_FIRM = ("my own firm", "my own company", "my own business", "setting up a firm", "setting up my own", "set up my own",
            "start my own", "a firm of my own", "me and a mate are setting up", "setting up a")
MEMBERSHIP_WORDS = ("freemason", "freemasons", "mason", "masons", "lodge", "society", "club", "governor", "member of", "membership", "trustee")


def decide(ctx: Context) -> Decision:
    declare, contracts = ctx.p("interests.declare"), ctx.p("interests.contracts")
    if declare is None and contracts is None:
        return not_covered(ctx, TEMPLATE, "declaring interests")
    d = Decision(TEMPLATE)
    competition = ctx.p("outside_work.competition")
    if competition and ctx.mentions(*OWN_FIRM) and ctx.mentions(*IN_COMPETITION):
        d.rule_from("not_allowed", "competition", competition, f"you must not {competition.value}", lead="No: ")
        return d
    no_part = ctx.p("interests.no_part") or _taking_no_part(ctx.p("interests.withdraw"))
    if no_part and (ctx.facts.relation is not None or ctx.mentions("my mate", "best mate", "a friend", "my friend")) and (
            ctx.mentions(*ACTING_ON_IT)):
        d.rule_from("not_allowed", "take_no_part", no_part, f"you must {no_part.value}", lead="No: ")
        d.then(declare, f"Declare the interest to {declare.value}" if declare else "")
        return d
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


def _taking_no_part(withdraw):
    """A withdrawal rule that bars acting on the matter at all ('take no part', 'avoid being involved')."""
    if withdraw is not None and withdraw.value.lower().startswith(("take no part", "avoid being involved", "not be involved")):
        return withdraw
    return None
