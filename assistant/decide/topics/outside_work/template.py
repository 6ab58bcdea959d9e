"""Outside work and secondary employment: whose permission, and when it is never allowed."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, asks_must_i_tell, ref

TEMPLATE = "outside_work"


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    sick, hours, equipment = ctx.p("outside_work.sick_leave"), ctx.p("outside_work.working_hours"), ctx.p("outside_work.equipment")
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
    trustee = ctx.p("outside_work.trustee")
    if trustee and ctx.mentions("trustee", "board member", "director of a charity", "on the board"):
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
    if permission is not None:
        d.decide("allowed_with_conditions", "permission", f"Yes, but get {permission.value} before you start ({ref(permission)})", permission)
    elif notify is not None and asks_must_i_tell(ctx):
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
    d.then(senior, f"If {senior.value}" if senior else "")
    return d
