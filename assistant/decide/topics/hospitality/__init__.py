"""The hospitality topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "hospitality"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = "gifts"
"""A code with no hospitality rule of its own is read by its gifts rules (a meal is an advantage too)."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "hospitality.rule": ("phrase", "The basic hospitality rule: 'You {value}'."),
    "hospitality.business_meal": ("phrase", "When a meal or drinks are acceptable: 'acceptable where {value}'."),
    "hospitality.social_events": ("phrase", "Invitations to social, sporting or cultural events: 'accept only {value}'."),
    "hospitality.approval": ("phrase", "Who must agree before you accept: 'Get {value}'."),
    "hospitality.record": ("phrase", "Record or declare it: 'You must {value}'."),
    "hospitality.procurement": ("phrase", "Hospitality around purchasing or contract decisions: 'You must {value}'."),
    "hospitality.conference": ("phrase", "Conference hospitality: 'Hospitality at conferences and courses is acceptable where {value}'."),
    "hospitality.visits": ("phrase", "Work visits (to inspect equipment, exhibitions, conferences) are paid by the council: '{value}'."),
    "hospitality.total_max": ("pence", "Hospitality from one giver may come to at most this much in total ('not exceeding £100 in any year'); read against the officer's own register, over hospitality.total_months when the code sets a period."),
    "hospitality.total_months": ("months", "A total limit on hospitality counts the hospitality of the last this many months."),
    "hospitality.total_any_giver": ("flag", "A total limit on hospitality counts hospitality from every giver together, not from one giver."),
    "hospitality.supplier_social": ("phrase", "Informal social contact with suppliers: 'You must {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
