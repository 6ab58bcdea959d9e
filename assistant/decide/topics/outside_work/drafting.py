"""Drafting the outside work parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import (
    GIFT,
    HOSPITALITY,
    OUTSIDE_WORK,
    Draft,
    Found,
    Sentence,
    approval_value,
    first,
    heading,
    must_not,
)

_OUTSIDE_WORK_HEADING = re.compile(r"outside|secondary|other employment|additional employment|private work|second job", re.I)


def _outside_work_permission(s: Sentence) -> Found | None:
    about = OUTSIDE_WORK.search(s.text) or (_OUTSIDE_WORK_HEADING.search(heading(s)) and re.search(r"\bwork|employment|job", s.text, re.I))
    if not about or HOSPITALITY.search(s.text) or GIFT.search(s.text):
        return None
    if re.search(r"\bsick|\billness|\bsickness", s.text, re.I):
        return None  # a sick-leave rule, not the general one
    return approval_value(s)


_COUNCIL_TIME = re.compile(r"\b(?:council|working|work|office|contracted)\s+(?:time|hours)\b", re.I)


_COUNCIL_KIT = re.compile(r"\b(?:equipment|resources|premises|facilities|vehicles?|laptops?|phones?|computers?|materials)\b", re.I)


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    found.take("outside_work.permission", first(sentences, _outside_work_permission))
    found.take("outside_work.working_hours", first(sentences, must_not(OUTSIDE_WORK, _COUNCIL_TIME)))
    found.take("outside_work.equipment", first(sentences, must_not(OUTSIDE_WORK, _COUNCIL_KIT)))
    return found
