"""The media topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "contact with the media"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "media.rule": ("phrase", "Speaking to the media: 'You must not {value}'."),
    "media.refer_to": ("phrase", "Where to send journalists: 'Refer the enquiry to {value}'."),
    "media.authoriser": ("phrase", "Who can authorise you to speak: 'unless {value}'."),
    "media.professional_writing": ("phrase", "Writing for professional publications: 'You should {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
