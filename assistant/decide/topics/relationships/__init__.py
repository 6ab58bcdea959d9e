"""The relationships topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "personal relationships at work"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "relationships.colleague": ("phrase", "A close relationship with a colleague: 'You must {value}'."),
    "relationships.councillor": ("phrase", "A close relationship with a councillor: 'You must {value}'."),
    "relationships.service_user": ("phrase", "Personal relationships with service users: 'You must {value}'."),
    "relationships.contractor": ("phrase", "A private relationship with a contractor: 'You must {value}'."),
    "relationships.management": ("phrase", "What the council may do about a relationship at work: 'The council {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
