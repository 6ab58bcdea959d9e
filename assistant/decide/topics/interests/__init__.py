"""The interests topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "declaring interests"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "interests.no_part": ("phrase", "Acting on a matter where a relative, partner or friend stands to gain: 'You must {value}'."),
    "interests.declare": ("phrase", "Declare a conflicting interest: 'Declare it to {value}'."),
    "interests.deadline": ("days", "Declare within this many days of becoming aware."),
    "interests.senior": ("phrase", "Senior officers declare differently: 'If {value}'."),
    "interests.contracts": ("phrase", "An interest in a contract: 'You must {value}'."),
    "interests.memberships": ("phrase", "Memberships the code treats as interests: 'This includes {value}'."),
    "interests.withdraw": ("phrase", "Taking part in decisions you have an interest in: 'You must {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
