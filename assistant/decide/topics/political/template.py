"""Political activity: badges, politics at work, and politically restricted posts."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, Slot, not_covered, ref

TEMPLATE = "political"
ACTIVITIES = ("stand", "standing", "candidate", "election", "elections", "canvass", "canvassing", "campaign",
              "campaigning", "leaflet", "leafleting", "party office", "become a councillor", "be a councillor",
              "stand as a councillor", "councillor myself", "run for", "parish council",
              "treasurer", "chair of", "party member", "join a party", "join the party", "speak publicly")
NOT_RESTRICTED = ("not politically restricted", "isn't politically restricted", "not restricted", "isn't restricted",
                  "is not restricted", "unrestricted", "not a restricted", "not in a restricted", "not in a politically",
                  "not a politically", "isn't a restricted", "isn't a politically", "not in restricted")
AT_WORK = ("in the office", "at work", "at my desk", "in work time", "during work", "work email", "my work email",
           "work phone", "work laptop", "staff room", "colleagues", "my colleagues", "people in the office",
           "at the depot", "workplace", "on shift", "in my work", "on council premises", "council building",
           # the places of a workplace, named as staff name them
           "staff kitchen", "kitchen", "canteen", "staff canteen", "noticeboard", "notice board", "notice boards",
           "staffroom", "staff room", "break room", "tea room", "rest room", "mess room", "reception", "front desk",
           "meeting room", "the depot", "depot", "civic offices", "civic centre", "town hall", "council offices",
           "our office", "the office", "my office", "the yard", "team meeting", "team meetings", "intranet",
           "staff newsletter", "all staff email", "team chat", "teams chat", "work whatsapp", "in uniform",
           "council lanyard", "my desk", "our desks", "office wall", "car park", "work car park")

COUNCILLOR = ("councillor", "councillors", "cllr", "elected member", "elected members", "ward member", "my mp")
OWN_EMPLOYMENT = ("my regrading", "my grading", "my grade", "regrading", "my pay", "my salary", "pay rise", "my appeal",
                  "appeal", "grievance", "my grievance", "my contract", "my hours", "my job", "my post", "my manager",
                  "my boss", "my team leader", "disciplinary", "my disciplinary", "my redundancy", "restructure",
                  "my role", "my review", "my appraisal", "a colleague", "my colleague", "another officer",
                  "complain about", "complaint about", "allegation", "allegations")
"""An officer's own employment, or claims about colleagues: matters some codes say must not go straight to councillors."""
PERSONAL_ADVANTAGE = ("put a word in", "a word in for me", "good word", "put in a word", "recommend me", "back me for",
                      "support my application", "help me get", "help me with my", "help with my", "for the job",
                      "for promotion", "my promotion", "get me the job", "pull some strings", "pull strings",
                      "my housing application", "my planning application", "my own application", "jump the queue",
                      "personal advantage", "a favour", "do me a favour")
"""Asking a councillor for appointment, promotion or another personal advantage."""

RESTRICTED = Slot("politically_restricted", yes="my post is politically restricted", no="my post is not politically restricted")
"""A bare yes or no to 'Is your post politically restricted?', in words this template reads."""


def decide(ctx: Context) -> Decision:
    if not any(ctx.p(n) for n in ("political.restricted", "political.restricted_activities", "political.workplace", "political.badges")):
        return not_covered(ctx, TEMPLATE, "political activity")
    d = Decision(TEMPLATE)
    badges, workplace = ctx.p("political.badges"), ctx.p("political.workplace")
    if badges and ctx.mentions("badge", "badges", "rosette", "pin", "sticker", "t-shirt", "poster", "wear"):
        d.rule_from("not_allowed", "badges", badges, f"you must not {badges.value}", lead="Not while on council business: ")
        return d
    restricted = ctx.p("political.restricted")
    activities = ctx.p("political.restricted_activities")
    canvass, councillors = ctx.p("political.canvass_members"), ctx.p("political.councillors")
    if ctx.mentions(*COUNCILLOR) and not ctx.mentions(*ACTIVITIES):
        if councillors and ctx.mentions(*OWN_EMPLOYMENT):
            d.rule_from("not_allowed", "councillors", councillors, f"you must not {councillors.value}", lead="No: ")
            return d
        if canvass and ctx.mentions(*PERSONAL_ADVANTAGE):
            d.rule_from("not_allowed", "canvass_members", canvass, f"the code lists as gross misconduct {canvass.value}", lead="No: ")
            return d
    if workplace and ctx.mentions(*AT_WORK):  # politics at work is barred for every post: no need to ask
        d.rule_from("not_allowed", "workplace", workplace, f"you must not {workplace.value}", lead="Not at work: ")
        d.because(restricted, f"if your post is politically restricted, {restricted.value}" if restricted else "")
        return d
    if ctx.mentions(*ACTIVITIES) and (restricted or activities):
        decisive = activities or restricted
        if ctx.mentions(*NOT_RESTRICTED):
            d.decide("allowed_with_conditions", "unrestricted_post",
                     f"The restrictions apply to politically restricted posts ({ref(decisive)}); yours is not, so keep politics out of work",
                     decisive)
            d.because(workplace, f"you must not {workplace.value}" if workplace else "")
            return d
        if not ctx.has("politically_restricted"):
            return d.ask("Is your post politically restricted?",
                         f"{ctx.name}'s code restricts political activity for politically restricted posts ({ref(decisive)}), so that decides",
                         "restricted_unknown", decisive, slot=RESTRICTED)
        if activities and "parish council" in activities.value.lower() and ctx.mentions("parish council", "parish"):
            d.decide("allowed_with_conditions", "parish_exception",
                     f"Yes: the restriction on standing for elected office excludes a Parish Council ({ref(activities)})", activities)
            d.because(activities, f"in a politically restricted post you must not {activities.value}")
            d.because(workplace, f"you must not {workplace.value}" if workplace else "")
            return d
        if activities:
            d.decide("not_allowed", "restricted_post", f"In a politically restricted post you must not {activities.value} ({ref(activities)})", activities)
        else:
            d.decide("refer", "restricted_post", f"If your post is politically restricted, {restricted.value} ({ref(restricted)})", restricted)
        d.because(restricted, f"if your post is politically restricted, {restricted.value}" if restricted else "")
        advice = ctx.p("political.advice")
        d.then(advice, f"Seek advice from {advice.value}" if advice else "")
        return d
    if workplace:
        d.rule_from("not_allowed", "workplace", workplace, f"you must not {workplace.value}", lead="Not at work: ")
        d.because(restricted, f"if your post is politically restricted, {restricted.value}" if restricted else "")
        return d
    decisive = restricted or activities
    d.decide("guidance", "restricted_only", f"If your post is politically restricted, {restricted.value if restricted else 'you must not ' + activities.value} ({ref(decisive)})", decisive)
    return d
