"""Drafting the appearance parameters from an added council's code: none are drafted yet."""

from __future__ import annotations

from assistant.decide.drafting import Draft, Sentence


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    return Draft()
