"""Drafting the social media parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import Draft, Sentence, first, must_not

_SOCIAL = re.compile(r"\b(?:social\s+media|facebook|twitter|instagram|tiktok|linkedin|blogs?|online\s+forums?)\b", re.I)


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    found.take("social_media.rule", first(sentences, must_not(_SOCIAL)))
    return found
