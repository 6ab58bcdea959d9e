"""Drafting the hospitality parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import OUTSIDE_WORK, Draft, Found, Sentence, approval_value, first
from assistant.decide.topics.gifts.drafting import draft_totals


def _hospitality_approval(s: Sentence) -> Found | None:
    if not re.search(r"\bhospitality\b|\binvitations?\b", s.text, re.I):
        return None
    if OUTSIDE_WORK.search(s.text):
        return None
    return approval_value(s)


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    found.take("hospitality.approval", first(sentences, _hospitality_approval))
    draft_totals(found, sentences, re.compile(r"\bhospitality\b", re.I), "hospitality")
    return found
