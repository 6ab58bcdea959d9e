"""The bequests topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "bequests and gifts from people you care for"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = "gifts"
"""A code with no bequest rule of its own is decided by its gifts rules."""
OVERVIEW_FALLS_BACK = True
"""An overview of a code with no bequest rule gives its gifts rules, which are what applies."""

SCHEMA: dict[str, tuple[str, str]] = {
    "bequests.rule": ("phrase", "Bequests and money from people you care for: 'You should {value}'."),
    "bequests.report": ("phrase", "Who to tell: 'Tell {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
