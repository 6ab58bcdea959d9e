"""The convictions topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "arrest, charges and convictions"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "convictions.report": ("phrase", "What must be reported: 'You must {value}'."),
    "convictions.arrest": ("flag", "The reporting rule covers being arrested (not only charge or conviction)."),
    "convictions.bail": ("phrase", "Bail conditions: 'You must {value}'."),
    "convictions.threshold_months": ("months", "Only offences that could lead to at least this many months' imprisonment must be reported."),
    "convictions.traffic": ("phrase", "Traffic offences: 'You need not report one unless {value}'."),
    "convictions.failure": ("phrase", "Failing to report: 'Failure to report {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
