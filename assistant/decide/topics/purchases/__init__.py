"""The purchases topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "personal purchases and discounts"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = "gifts"
"""A code with no rule on discounts is read by its gifts rules (a discount from a barred supplier is an
advantage the gifts rule bars)."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "purchases.discounts": ("phrase", "Discounts because of your job: 'You must not {value}'."),
    "purchases.staff_schemes": ("phrase", "Allowed schemes: 'This does not apply to {value}'."),
    "purchases.council_account": ("phrase", "Ordering through the council: 'You must not {value}'."),
    "purchases.contractors": ("phrase", "Using council contractors privately: 'You should not {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
