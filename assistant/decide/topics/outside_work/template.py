"""Outside work and secondary employment: whose permission, and when it is never allowed."""

from __future__ import annotations

import re

from assistant.decide.decision import Context, Decision, asks_must_i_tell, ref

TEMPLATE = "outside_work"
ASKS_WHAT_IS_NEEDED = ("do i need permission", "need permission", "do i need consent", "need consent", "need approval",
                       "need sign off", "need signing off", "need it signed off", "do i have to ask", "do i need to ask",
                       "have to get permission", "need to get permission", "need to get consent", "have to get consent",
                       "what do i have to do", "what do i need to do",
                       "need to fill", "fill anything in", "fill in a form", "a form to fill",
                       "what's the process", "whats the process", "what is the process", "who do i ask",
                       "who do i need to ask", "who has to agree", "who has to sign")
"""'Do I need permission?', 'what do I have to do?': asking about a duty, which the code answers with one."""
COUNCIL_BUSINESS = ("contract with the council", "contracts with the council", "contracts for the council",
                    "contract for the council", "council contract", "council contracts", "contracts with us",
                    "contract with us", "has contracts with", "have contracts with", "does contracts for",
                    "do contracts for", "does work for the council", "works for the council", "work for the council",
                    "on council houses", "council houses", "council properties", "supplies the council",
                    "supplier to the council", "supply the council", "council supplier", "council contractor",
                    "our contractor", "our contractors", "our supplier", "our suppliers", "quotes for the council",
                    "quote for the council", "bids for council", "bid for council", "tenders for council",
                    "the council's cleaning contract", "contract i manage", "contract i help manage",
                    "contracts i manage", "whose contract", "commissioned by the council", "funded by the council",
                    "council funds", "we fund", "gets funding from us", "grant from us", "the council uses",
                    "we use them", "we buy from")
"""Words that say the outside employer or client does business with the council: a conflict to weigh."""
IN_COMPETITION = ("in competition with", "compete with the council", "competing with the council", "rival firm",
                  "rival business", "rival company", "bidding against the council", "bid against the council",
                  "same work the council does", "the same work as the council", "work the council does",
                  "take work off the council", "undercut the council", "bid for the council's", "bid for the councils",
                  "go for the council's", "go for the councils", "a bid in for the council", "putting in a bid for the council",
                  "tender for the council's", "compete for the council", "quote for the council's")
SAME_DUTIES = ("same sort of thing my team does", "same thing my team does", "what my team does", "same work my team",
               "same as my job", "same as my day job", "my normal duties", "part of my normal duties",
               "part of my job", "part of my duties", "what i do at work", "what i do for the council",
               "the same work i do", "same work i do", "same kind of work i do", "my own caseload", "on my caseload",
               "our waiting list", "on our waiting list", "the waiting list", "skip the queue", "jump the queue",
               "our clients", "our service users", "our customers", "people we work with")
"""Words that say the private work is work the officer's own service does or would do."""


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    sick, hours, equipment = ctx.p("outside_work.sick_leave"), ctx.p("outside_work.working_hours"), ctx.p("outside_work.equipment")
    if ctx.has("sick_leave") and sick and ctx.has("permission_given") and " without " in f" {sick.value} " and (
            "line manager" in sick.value):
        # the rule bars it only without the line manager's approval, and that approval is there (a rule naming
        # someone else, an Assistant Director, is not met by a manager's say-so)
        d.decide("allowed_with_conditions", "sick_leave_approved",
                 f"Yes, now it is approved: the code only bars it without that approval — you must not {sick.value} ({ref(sick)})", sick)
        d.because(sick, f"you must not {sick.value}")
        return d
    if ctx.has("sick_leave") and sick:
        d.decide("not_allowed", "sick_leave", f"While off sick you must not {sick.value} ({ref(sick)})", sick)
        d.because(sick, f"you must not {sick.value}")
        return d
    if ctx.has("working_hours") and hours:
        d.rule_from("not_allowed", "working_hours", hours, f"You must not {hours.value}")
        return d
    if ctx.mentions("work laptop", "council laptop", "work phone", "council equipment", "work van", "council van") and equipment:
        d.rule_from("not_allowed", "equipment", equipment, f"You must not {equipment.value}")
        return d
    competition = ctx.p("outside_work.competition")
    if competition and ctx.mentions(*IN_COMPETITION):
        d.rule_from("not_allowed", "competition", competition, f"you must not {competition.value}")
        return d
    same = ctx.p("outside_work.same_duties")
    if same and ctx.mentions(*SAME_DUTIES):
        d.rule_from("not_allowed", "same_duties", same, f"you must not {same.value}")
        return d
    trustee = ctx.p("outside_work.trustee")
    if trustee and ctx.mentions("trustee", "trustees", "board of trustees", "board member", "director of a charity", "on the board",
                                "management committee", "committee member"):
        d.rule_from("refer", "trustee", trustee, f"You may not {trustee.value}")
        return d
    permission, notify = ctx.p("outside_work.permission"), ctx.p("outside_work.notify")
    volunteering = ctx.p("outside_work.volunteering")
    unpaid = ctx.mentions("volunteer", "voluntary", "volunteering", "food bank", "charity shop") and not ctx.mentions("paid", "job", "employer")
    if unpaid and volunteering and "encourage" in volunteering.value:
        d.rule_from("allowed", "volunteering", volunteering, f"the code {volunteering.value}", lead="Yes: ")
        conflict = ctx.p("outside_work.conflict")
        d.because(conflict, f"it must not {conflict.value}" if conflict else "")
        return d
    conflict = ctx.p("outside_work.conflict")
    if conflict is not None and (ctx.mentions(*COUNCIL_BUSINESS) or ctx.has("procurement")):
        # the outside work is for someone the council does business with: whether it conflicts is the manager's call
        d.decide("refer", "possible_conflict",
                 f"Only if your manager agrees it does not conflict: the work must not {conflict.value} ({ref(conflict)})", conflict)
        d.because(conflict, f"the work must not {conflict.value}")
        d.then(permission, f"Get {permission.value} before you start" if permission else "")
        d.then(notify, f"First tell {notify.value}" if notify else "")
        return d
    asks = asks_must_i_tell(ctx) or ctx.mentions(*ASKS_WHAT_IS_NEEDED)
    if permission is not None and asks:
        d.decide("required", "permission", f"Yes — get {permission.value} before you start ({ref(permission)})", permission)
    elif permission is not None:
        d.decide("allowed_with_conditions", "permission", f"Yes, but get {permission.value} before you start ({ref(permission)})", permission)
    elif notify is not None and asks:
        d.decide("required", "notify", f"Yes — first tell {notify.value} ({ref(notify)})", notify)
    elif notify is not None:
        d.decide("allowed_with_conditions", "notify", f"Yes, but first tell {notify.value} ({ref(notify)})", notify)
    else:
        conflict = ctx.p("outside_work.conflict")
        if conflict is None:
            from assistant.decide.decision import not_covered

            return not_covered(ctx, TEMPLATE, "outside work")
        d.decide("allowed_with_conditions", "no_conflict", f"Yes, but the work must not {conflict.value} ({ref(conflict)})", conflict)
    if ctx.mentions("volunteer", "voluntary", "volunteering", "charity", "unpaid"):
        d.because(volunteering, f"the code {volunteering.value}" if volunteering else "")
    for param, text in (
        (ctx.p("outside_work.conflict"), "the work must not {}"),
        (hours, "you must not {}"),
        (equipment, "you must not {}"),
        (sick, "while off sick, you must not {}"),
    ):
        if param is not None:
            d.because(param, text.format(param.value))
    d.then(permission, f"Get {permission.value} before you start" if permission else "")
    d.then(notify, f"First tell {notify.value}" if notify else "")
    senior = ctx.p("outside_work.senior_permission")
    point = _pay_point(ctx.question)
    if senior is not None and point is not None and (threshold := _threshold(senior.value)) is not None and point >= threshold:
        # the person has said their pay point, and it is at or above the one the code names
        d.decide("allowed_with_conditions", "senior_permission",
                 f"Yes, but on pay point {point}: if {senior.value} ({ref(senior)})", senior)
    d.then(senior, f"If {senior.value}" if senior else "")
    return d


_POINT = re.compile(r"\b(?:spinal(?:\s+column)?\s+point|scp|pay\s+point|point|sp)\s*(\d{1,2})\b", re.I)


def _pay_point(text: str) -> int | None:
    found = _POINT.findall(text)
    return int(found[-1]) if found else None


def _threshold(value: str) -> int | None:
    found = re.search(r"point\s+(\d{1,2})\s+or\s+above", value)
    return int(found.group(1)) if found else None
