"""Every per-council parameter a decision template may read: its name, kind and meaning.

A council's policy file (assistant/data/policies/<slug>.toml) sets the
parameters its code supports; each one names the clause it comes from and
quotes it. A parameter left out means the code is silent on that point, and
the templates say so rather than borrow another council's rule. The loader
checks every file against this schema, so a hand-edited file fails with a
clear message instead of a wrong answer.

Kinds: ``phrase`` is words that complete the sentence given in the meaning
(lower-case start, no full stop); ``pence`` an amount in pence; ``months`` and
``days`` whole numbers; ``givers`` a list of giver names from GIVERS; ``flag``
true (present means the code says it).
"""

from __future__ import annotations

GIVERS = (
    "contractor", "potential_contractor", "supplier", "consultant", "service_user", "customer",
    "client", "resident", "member_of_public", "colleague", "councillor",
)

SCHEMA: dict[str, tuple[str, str]] = {
    # who to ask when the code leaves it to a person or says nothing
    "contact": ("phrase", "The person the code sends general questions to: 'If in doubt, ask {value}' (e.g. your line manager)."),
    # gifts
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
    "gifts.reward_points": ("phrase", "What the code says of collecting reward points on council purchases: 'Collecting them {value}'."),
    # bequests and gifts from vulnerable people
    "bequests.rule": ("phrase", "Bequests and money from people you care for: 'You should {value}'."),
    "bequests.report": ("phrase", "Who to tell: 'Tell {value}'."),
    # hospitality
    "hospitality.rule": ("phrase", "The basic hospitality rule: 'You {value}'."),
    "hospitality.business_meal": ("phrase", "When a meal or drinks are acceptable: 'acceptable where {value}'."),
    "hospitality.social_events": ("phrase", "Invitations to social, sporting or cultural events: 'accept only {value}'."),
    "hospitality.approval": ("phrase", "Who must agree before you accept: 'Get {value}'."),
    "hospitality.record": ("phrase", "Record or declare it: 'You must {value}'."),
    "hospitality.procurement": ("phrase", "Hospitality around purchasing or contract decisions: 'You must {value}'."),
    "hospitality.conference": ("phrase", "Conference hospitality: 'Hospitality at conferences and courses is acceptable where {value}'."),
    "hospitality.supplier_social": ("phrase", "Informal social contact with suppliers: 'You must {value}'."),
    # outside work
    "outside_work.permission": ("phrase", "Before taking other work: 'Get {value} before you start'."),
    "outside_work.notify": ("phrase", "Before taking other work, tell or declare it (no consent needed): 'First tell {value}'."),
    "outside_work.senior_permission": ("phrase", "Extra permission for senior staff: 'If {value}'."),
    "outside_work.sick_leave": ("phrase", "Other work while off sick: 'You must not {value}'."),
    "outside_work.working_hours": ("phrase", "Outside work in council time: 'You must not {value}'."),
    "outside_work.equipment": ("phrase", "Council equipment for outside work: 'You must not {value}'."),
    "outside_work.conflict": ("phrase", "Conflicts with the council: 'The work must not {value}'."),
    "outside_work.volunteering": ("phrase", "What the code says of voluntary work: 'The code {value}'."),
    "outside_work.trustee": ("phrase", "Trustee or board roles with funded bodies: 'You may not {value}'."),
    # interests
    "interests.declare": ("phrase", "Declare a conflicting interest: 'Declare it to {value}'."),
    "interests.deadline": ("days", "Declare within this many days of becoming aware."),
    "interests.senior": ("phrase", "Senior officers declare differently: 'If {value}'."),
    "interests.contracts": ("phrase", "An interest in a contract: 'You must {value}'."),
    "interests.memberships": ("phrase", "Memberships the code treats as interests: 'This includes {value}'."),
    "interests.withdraw": ("phrase", "Taking part in decisions you have an interest in: 'You must {value}'."),
    # personal relationships
    "relationships.colleague": ("phrase", "A close relationship with a colleague: 'You must {value}'."),
    "relationships.councillor": ("phrase", "A close relationship with a councillor: 'You must {value}'."),
    "relationships.service_user": ("phrase", "Personal relationships with service users: 'You must {value}'."),
    "relationships.contractor": ("phrase", "A private relationship with a contractor: 'You must {value}'."),
    "relationships.management": ("phrase", "What the council may do about a relationship at work: 'The council {value}'."),
    # recruitment and managing relatives
    "recruitment.relative_appointment": ("phrase", "Recruiting someone you are related to or close to: 'You must not {value}'."),
    "recruitment.relative_decisions": ("phrase", "Discipline, pay or promotion of a relative or partner: 'You must not {value}'."),
    "recruitment.line_manage": ("phrase", "Line managing a partner or relative: 'You are not permitted to {value}'."),
    "recruitment.advice": ("phrase", "Who to ask: 'Seek the advice of {value}'."),
    "recruitment.canvassing": ("phrase", "Canvassing for appointments: 'You must not {value}'."),
    # media
    "media.rule": ("phrase", "Speaking to the media: 'You must not {value}'."),
    "media.refer_to": ("phrase", "Where to send journalists: 'Refer the enquiry to {value}'."),
    "media.authoriser": ("phrase", "Who can authorise you to speak: 'unless {value}'."),
    "media.professional_writing": ("phrase", "Writing for professional publications: 'You should {value}'."),
    # social media and public criticism
    "social_media.rule": ("phrase", "Posting about the council: 'You must not {value}'."),
    "social_media.reputation": ("phrase", "Conduct that harms the council's reputation: 'The code treats {value}'."),
    # political activity
    "political.restricted": ("phrase", "Politically restricted posts: 'If your post is politically restricted, {value}'."),
    "political.restricted_activities": ("phrase", "What a restricted post may not do: 'You must not {value}'."),
    "political.workplace": ("phrase", "Politics at work: 'You must not {value}'."),
    "political.badges": ("phrase", "Political badges and displays: 'You must not {value}'."),
    "political.advice": ("phrase", "Who to ask: 'Seek advice from {value}'."),
    # arrest, charge, conviction and bail
    "convictions.report": ("phrase", "What must be reported: 'You must {value}'."),
    "convictions.arrest": ("flag", "The reporting rule covers being arrested (not only charge or conviction)."),
    "convictions.bail": ("phrase", "Bail conditions: 'You must {value}'."),
    "convictions.threshold_months": ("months", "Only offences that could lead to at least this many months' imprisonment must be reported."),
    "convictions.traffic": ("phrase", "Traffic offences: 'You need not report one unless {value}'."),
    "convictions.failure": ("phrase", "Failing to report: 'Failure to report {value}'."),
    # confidentiality and access to records
    "confidentiality.rule": ("phrase", "Confidential information: 'You must not {value}'."),
    "confidentiality.access": ("phrase", "Looking up records: 'You must {value}'."),
    "confidentiality.doubt": ("phrase", "When unsure whether to disclose: 'You must {value}'."),
    "confidentiality.password": ("phrase", "Passwords: 'You must not {value}'."),
    # council equipment, phones and IT
    "equipment.rule": ("phrase", "Using council property: 'You must {value}'."),
    "equipment.phones": ("phrase", "Private calls: '{value}'."),
    "equipment.vehicles": ("phrase", "Council vehicles: 'You must not {value}'."),
    "equipment.internet": ("phrase", "Internet and IT misuse: 'The code forbids {value}'."),
    # personal purchases and discounts
    "purchases.discounts": ("phrase", "Discounts because of your job: 'You must not {value}'."),
    "purchases.staff_schemes": ("phrase", "Allowed schemes: 'This does not apply to {value}'."),
    "purchases.council_account": ("phrase", "Ordering through the council: 'You must not {value}'."),
    "purchases.contractors": ("phrase", "Using council contractors privately: 'You should not {value}'."),
    # reporting concerns and fraud
    "whistleblowing.report_to": ("phrase", "Raising a concern: 'Raise it with {value}'."),
    "whistleblowing.fraud": ("phrase", "Suspected fraud: 'Report it to {value}'."),
    "whistleblowing.policy": ("phrase", "The policy to use: 'You can use {value}'."),
    "whistleblowing.protection": ("phrase", "Protection for those who report: '{value}'."),
    # alcohol, drugs and smoking
    "alcohol_drugs.rule": ("phrase", "Alcohol and drugs at work: 'You must not {value}'."),
    "alcohol_drugs.smoking": ("phrase", "Smoking: '{value}'."),
    # appearance and dress
    "appearance.rule": ("phrase", "Dress and appearance: 'You must {value}'."),
    "appearance.decider": ("phrase", "Who decides what is appropriate: '{value} decides'."),
    "appearance.religion": ("phrase", "Cultural and religious dress: '{value}'."),
}

KINDS = {"phrase", "pence", "months", "days", "givers", "flag"}
TOPICS = sorted({name.split(".")[0] for name in SCHEMA if "." in name})
