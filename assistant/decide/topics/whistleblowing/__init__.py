"""The whistleblowing topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "reporting concerns and fraud"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "whistleblowing.report_to": ("phrase", "Raising a concern: 'Raise it with {value}'."),
    "whistleblowing.fraud": ("phrase", "Suspected fraud: 'Report it to {value}'."),
    "whistleblowing.policy": ("phrase", "The policy to use: 'You can use {value}'."),
    "whistleblowing.protection": ("phrase", "Protection for those who report: '{value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
