"""Drafting the alcohol drugs parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import Draft, Sentence, first, must_not

_ALCOHOL = re.compile(r"\b(?:alcohol|drugs?|drunk|intoxicat\w*|under\s+the\s+influence)\b", re.I)


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    found.take("alcohol_drugs.rule", first(sentences, must_not(_ALCOHOL)))
    return found
