"""The political topic: its parameters, words (words.toml), decision (template.py) and drafting."""

from __future__ import annotations

TITLE = "political activity"
"""How the topic is named in a sentence: 'What the code says about …'."""

FALLS_BACK_ON: str | None = None
"""The topic whose rules decide when the code has none on this one: none, the code is silent."""
OVERVIEW_FALLS_BACK = False
"""Whether an overview ('what does the code say') also falls back: no."""

SCHEMA: dict[str, tuple[str, str]] = {
    "political.restricted": ("phrase", "Politically restricted posts: 'If your post is politically restricted, {value}'."),
    "political.restricted_activities": ("phrase", "What a restricted post may not do: 'You must not {value}'."),
    "political.workplace": ("phrase", "Politics at work: 'You must not {value}'."),
    "political.badges": ("phrase", "Political badges and displays: 'You must not {value}'."),
    "political.councillors": ("phrase", "Own employment matters taken to councillors: 'You must not {value}'."),
    "political.canvass_members": ("phrase", "Canvassing councillors for personal advantage: 'The code lists as gross misconduct {value}'."),
    "political.advice": ("phrase", "Who to ask: 'Seek advice from {value}'."),
}
"""Each parameter a council's policy file may set for this topic: name -> (kind, meaning); see decide/schema.py."""
