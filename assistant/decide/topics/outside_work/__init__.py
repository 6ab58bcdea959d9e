"""The outside work topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "outside work and second jobs"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "outside_work.permission": ("phrase", "Before taking other work: 'Get {value} before you start'."),
    "outside_work.notify": ("phrase", "Before taking other work, tell or declare it (no consent needed): 'First tell {value}'."),
    "outside_work.senior_permission": ("phrase", "Extra permission for senior staff: 'If {value}'."),
    "outside_work.sick_leave": ("phrase", "Other work while off sick: 'You must not {value}'."),
    "outside_work.working_hours": ("phrase", "Outside work in council time: 'You must not {value}'."),
    "outside_work.equipment": ("phrase", "Council equipment for outside work: 'You must not {value}'."),
    "outside_work.conflict": ("phrase", "Conflicts with the council: 'The work must not {value}'."),
    "outside_work.volunteering": ("phrase", "What the code says of voluntary work: 'The code {value}'."),
    "outside_work.competition": ("phrase", "Outside work in competition with the council: 'You must not {value}'."),
    "outside_work.same_duties": ("phrase", "Private work your own service does or would do: 'You must not {value}'."),
    "outside_work.trustee": ("phrase", "Trustee or board roles with funded bodies: 'You may not {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
