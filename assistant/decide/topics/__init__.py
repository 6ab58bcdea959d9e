"""The topics Conduct decides, one folder each, all of the same shape.

    topics/<topic>/__init__.py   TITLE, FALLS_BACK_ON, OVERVIEW_FALLS_BACK and the topic's SCHEMA
                                 (the parameters a council's policy file may set for it)
    topics/<topic>/words.toml    the words that say a question is about it
    topics/<topic>/template.py   decide(ctx) -> Decision, from the council's parameters and the facts
    topics/<topic>/drafting.py   draft(...): how its parameters are read from an added council's code

Adding or changing a topic touches its folder (and the list below). This module stays light: it
imports a topic's package (a few constants) only when asked, and a template only to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from importlib.resources import files
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.decide.decision import Context, Decision

TOPICS = (
    "gifts", "hospitality", "bequests", "outside_work", "interests", "relationships", "recruitment", "media",
    "social_media", "political", "convictions", "confidentiality", "equipment", "purchases", "whistleblowing",
    "alcohol_drugs", "appearance",
)
"""In this order a question's topic scores are read, and ties go to the topic listed first."""


def topic(name: str) -> ModuleType:
    """The topic's package: TITLE, FALLS_BACK_ON, OVERVIEW_FALLS_BACK, SCHEMA."""
    if name not in TOPICS:
        raise KeyError(name)
    return import_module(f"assistant.decide.topics.{name}")


TOPIC_NAMES = {name: topic(name).TITLE for name in TOPICS}


def template_for(name: str) -> Callable[["Context"], "Decision"]:
    if name not in TOPICS:
        raise KeyError(name)
    return import_module(f"assistant.decide.topics.{name}.template").decide


def falls_back_on(name: str) -> str | None:
    """The topic whose rules a template reads when the code has none of this topic's own."""
    return topic(name).FALLS_BACK_ON


def overview_falls_back_on(name: str) -> str | None:
    return topic(name).FALLS_BACK_ON if topic(name).OVERVIEW_FALLS_BACK else None


@cache
def words(name: str) -> str:
    """The text of the topic's words.toml."""
    return (files("assistant.decide.topics") / name / "words.toml").read_text(encoding="utf-8")
