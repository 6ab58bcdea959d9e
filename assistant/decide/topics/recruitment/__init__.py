"""The recruitment topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "recruiting or managing relatives"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "recruitment.relative_appointment": ("phrase", "Recruiting someone you are related to or close to: 'You must not {value}'."),
    "recruitment.relative_decisions": ("phrase", "Discipline, pay or promotion of a relative or partner: 'You must not {value}'."),
    "recruitment.line_manage": ("phrase", "Line managing a partner or relative: 'You are not permitted to {value}'."),
    "recruitment.advice": ("phrase", "Who to ask: 'Seek the advice of {value}'."),
    "recruitment.canvassing": ("phrase", "Canvassing for appointments: 'You must not {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
