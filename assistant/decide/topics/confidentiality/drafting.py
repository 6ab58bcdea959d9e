"""Drafting the confidentiality parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import Draft, Sentence, first, must_not

_CONFIDENTIAL = re.compile(r"\b(?:confidential|personal\s+(?:data|information)|sensitive\s+information)\b", re.I)


_DISCLOSE = re.compile(r"\b(?:disclose|divulge|share|pass|release|reveal|discuss|use|give)\b", re.I)


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    found.take("confidentiality.rule", first(sentences, must_not(_CONFIDENTIAL, _DISCLOSE)))
    return found
