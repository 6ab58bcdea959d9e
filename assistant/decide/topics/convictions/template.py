"""Arrest, charge, caution, conviction and bail: must I tell anyone, and whom?"""

from __future__ import annotations

import re

from assistant.decide.decision import Context, Decision, Slot, not_covered, ref

TEMPLATE = "convictions"
TRAFFIC = ("speeding", "speed camera", "parking", "traffic", "points on my licence", "points on my license",
           "penalty points", "driving offence", "careless driving", "mot", "bus lane", "red light")
SERIOUS_TRAFFIC = ("drink driving", "drink-driving", "drunk driving", "drug driving", "disqualified", "disqualification",
                   "driving ban", "banned from driving", "lose my licence", "lose my license", "prison", "jail")
CHARGED = ("charged", "convicted", "conviction", "cautioned", "caution", "sentenced", "court", "pleaded", "guilty", "fined")

CHARGED_OR_BAILED = Slot("charged_or_bailed", yes="I was charged",
                         no="I was released without charge and without bail conditions")
"""A bare yes or no to 'Were you charged, or released on bail with conditions?': either yes must be reported."""


def decide(ctx: Context) -> Decision:
    report = ctx.p("convictions.report")
    if report is None:
        return not_covered(ctx, TEMPLATE, "being arrested, charged or convicted")
    d = Decision(TEMPLATE)
    traffic = ctx.p("convictions.traffic")
    if traffic and ctx.mentions(*TRAFFIC) and not ctx.mentions(*SERIOUS_TRAFFIC):
        if ctx.has("official_vehicle") or ctx.mentions("service users", "service user", "pool car", "council vehicle", "work van"):
            d.decide("required", "traffic_reportable", f"Yes — a traffic offence must be reported when {traffic.value} ({ref(traffic)})", traffic)
        else:
            d.rule_from("not_required", "traffic_minor", traffic, f"you need not report a traffic offence unless {traffic.value}", lead="Not usually: ")
        return _failure(ctx, d)
    bail = ctx.p("convictions.bail")
    released = ctx.mentions("no further action", "nfa", "released without charge", "without charge", "de-arrested")
    if released and not ctx.p("convictions.arrest"):
        d.decide("not_required", "no_further_action",
                 f"Not as things stand: {ctx.name}'s rule covers {_covers(report, bail)}, and you were released with no further action",
                 report, bail)
        d.because(report, f"you must {report.value}")
        d.because(bail, f"you must {bail.value}" if bail else "")
        d.then(ctx.p("contact"), f"If anything changes (a charge, a caution, bail conditions), tell {ctx.contact()}")
        return d
    arrest_only = ctx.mentions("arrested", "arrest", "nicked", "bail", "bailed") and not ctx.mentions(*CHARGED)
    if arrest_only and not ctx.p("convictions.arrest") and bail:
        if ctx.mentions("bail", "bailed", "conditions"):
            d.decide("required", "bail_conditions", f"Yes — you must {bail.value} ({ref(bail)})", bail)
            d.because(bail, f"you must {bail.value}")
            return _failure(ctx, d)
        return d.ask("Were you charged, or released on bail with conditions?",
                     f"{ctx.name} requires you to report charges, cautions and convictions ({ref(report)}) and bail conditions that could affect your work ({ref(bail)})",
                     "arrest_unclear", report, bail, slot=CHARGED_OR_BAILED)
    threshold = ctx.p("convictions.threshold_months")
    months = sentence_months(ctx.question)
    if threshold and months is not None and months < threshold.value:  # "what if the maximum were two months?"
        d.decide("not_required", "below_threshold",
                 f"Not under this rule: it covers offences that could lead to at least {threshold.value} months' "
                 f"imprisonment ({ref(threshold)}), and this one could lead to {months} months' at most", threshold)
        d.because(report, f"you must {report.value}")
        d.then(ctx.p("contact"), f"If the charge or the possible sentence changes, tell {ctx.contact()}")
        return d
    condition = ""
    if threshold and "imprisonment" not in report.value:  # the reporting rule may already state it
        condition = f", if the offence could lead to at least {threshold.value} months' imprisonment ({ref(threshold)})"
    d.decide("required", "report", f"Yes — you must {report.value} ({ref(report)}){condition}", report, threshold)
    d.because(report, f"you must {report.value}")
    if threshold and not condition:
        d._use(threshold)
    else:
        d.because(threshold, f"this applies to offences that could lead to at least {threshold.value} months' imprisonment" if threshold else "")
    d.because(bail, f"you must also {bail.value}" if bail and ctx.mentions("bail", "bailed") else "")
    return _failure(ctx, d)


_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
_LENGTH = r"(\d{1,3}|" + "|".join(sorted(_COUNT, key=len, reverse=True)) + r")\s+(month|year|week)s?'?"
_SENTENCE = re.compile(
    r"\b(?:maximum|max|at most|up to|carries|carry|carrying|could get|could lead to|could result in|sentence of|"
    r"sentenced to|faces?|facing)\b(?:[^.?!\d]{0,30}?)\b" + _LENGTH + r"|\b" + _LENGTH +
    r"\s*(?:in prison|imprisonment|in jail|inside|prison|jail|custod\w*|sentence|maximum|max)\b", re.I)


def sentence_months(text: str) -> int | None:
    """The longest sentence the offence could bring, in months, as last said ('what if the maximum were two months?')."""
    found = None
    for match in _SENTENCE.finditer(text):
        number, unit = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        count = int(number) if number.isdigit() else _COUNT[number.lower()]
        unit = unit.lower()
        found = count * 12 if unit == "year" else (count + 3) // 4 if unit == "week" else count
    return found


def _covers(report, bail) -> str:
    what = f"what it says in {ref(report)}"
    return what + (f" and bail conditions that affect your work ({ref(bail)})" if bail else "")


def _failure(ctx: Context, d: Decision) -> Decision:
    failure = ctx.p("convictions.failure")
    d.because(failure, f"failure to report {failure.value}" if failure else "")
    return d
