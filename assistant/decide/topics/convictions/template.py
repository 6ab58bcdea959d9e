"""Arrest, charge, caution, conviction and bail: must I tell anyone, and whom?"""

from __future__ import annotations

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


def _covers(report, bail) -> str:
    what = f"what it says in {ref(report)}"
    return what + (f" and bail conditions that affect your work ({ref(bail)})" if bail else "")


def _failure(ctx: Context, d: Decision) -> Decision:
    failure = ctx.p("convictions.failure")
    d.because(failure, f"failure to report {failure.value}" if failure else "")
    return d
