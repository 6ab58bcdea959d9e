"""Recruiting, managing or deciding about a relative or partner."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, not_covered, ref

TEMPLATE = "recruitment"


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    line_manage = ctx.p("recruitment.line_manage")
    decisions = ctx.p("recruitment.relative_decisions")
    appointment = ctx.p("recruitment.relative_appointment")
    canvassing = ctx.p("recruitment.canvassing")
    if canvassing and ctx.mentions("canvass", "canvassing", "put in a word", "put a word in", "lobby"):
        d.rule_from("not_allowed", "canvassing", canvassing, f"You must not {canvassing.value}")
        return d
    manage_words = ("line manage", "line-manage", "manage my", "manage her", "manage him", "report to me",
                    "reporting to me", "be my manager", "supervise", "into my team", "in my team")
    colleague = ctx.p("relationships.colleague")
    discipline_or_pay = ctx.mentions("discipline", "disciplinary", "pay", "promotion", "promote", "appraisal", "pay rise", "grievance")
    if line_manage and ctx.mentions(*manage_words):
        chosen, rule, text = line_manage, "line_manage", f"You are not permitted to {line_manage.value}"
    elif (ctx.mentions(*manage_words) and colleague and not discipline_or_pay
          and not ctx.mentions("interview", "panel", "appoint", "recruit", "hire", "applied", "applying")):
        d.rule_from("required", "declare_and_step_back", colleague, f"you must {colleague.value}", lead="Tell your manager first: ")
        d.because(decisions, f"you must not {decisions.value}" if decisions else "")
        return d
    elif decisions and ctx.mentions("discipline", "disciplinary", "pay", "promotion", "promote", "appraisal", "pay rise", "grievance"):
        chosen, rule, text = decisions, "relative_decisions", f"You must not {decisions.value}"
    elif appointment:
        chosen, rule, text = appointment, "relative_appointment", f"You must not {appointment.value}"
    elif decisions or line_manage:
        chosen = decisions or line_manage
        rule = "relative_decisions" if decisions else "line_manage"
        text = f"You must not {chosen.value}" if decisions else f"You are not permitted to {chosen.value}"
    else:
        return not_covered(ctx, TEMPLATE, "recruiting or managing relatives")
    d.decide("not_allowed", rule, f"{text} ({ref(chosen)})", chosen)
    d.because(chosen, text)
    advice = ctx.p("recruitment.advice")
    d.then(advice, f"Seek the advice of {advice.value}" if advice else "")
    declare = ctx.p("interests.declare")
    d.then(declare, f"Declare the relationship to {declare.value} and step aside from the decision" if declare else "")
    return d
