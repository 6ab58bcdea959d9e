"""The confidentiality topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "confidential information"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "confidentiality.rule": ("phrase", "Confidential information: 'You must not {value}'."),
    "confidentiality.access": ("phrase", "Looking up records: 'You must {value}'."),
    "confidentiality.doubt": ("phrase", "When unsure whether to disclose: 'You must {value}'."),
    "confidentiality.password": ("phrase", "Passwords: 'You must not {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
