"""The equipment topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "council equipment, phones and IT"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "equipment.rule": ("phrase", "Using council property: 'You must {value}'."),
    "equipment.phones": ("phrase", "Private calls: '{value}'."),
    "equipment.vehicles": ("phrase", "Council vehicles: 'You must not {value}'."),
    "equipment.internet": ("phrase", "Internet and IT misuse: 'The code forbids {value}'."),
    "equipment.personal_gain": ("phrase", "Council equipment for private gain: 'You must not {value}'."),
    "equipment.others_use": ("phrase", "Letting others use council IT: 'You must not {value}'."),
    "equipment.live_tv": ("phrase", "Live TV and iPlayer on council equipment: 'You must not {value}'."),
    "equipment.remove": ("phrase", "Taking council property off the premises: 'You must {value}'."),
    "equipment.report": ("phrase", "Loss, theft or damage to council property: 'You must {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
