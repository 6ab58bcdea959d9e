"""The social media topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "social media and public criticism"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "social_media.rule": ("phrase", "Posting about the council: 'You must not {value}'."),
    "social_media.reputation": ("phrase", "Conduct that harms the council's reputation: 'The code treats {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
