"""Drafting the media parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import (
    PERSONS,
    Draft,
    Found,
    Sentence,
    clean_phrase,
    first,
    must_not,
    persons,
    second_person,
)

_MEDIA = re.compile(r"(?<!social\s)\b(?:media|press|journalists?|newspapers?|reporters?|broadcasters?)\b(?!\s+release)", re.I)


_UNLESS = re.compile(r"\bunless\s+([^.;]+)|^\s*unless\s+([^,]+),", re.I)


def _media_authoriser(rule_found: Found) -> Found | None:
    s = rule_found.sentence
    m = _UNLESS.search(s.text)
    if m is None:
        return None
    value = clean_phrase(m.group(1) or m.group(2))
    if not value or len(value) > 150:
        return None
    subject = rule_found.match.group(1).lower() if rule_found.match is not None else "you"
    return Found(value if subject == "you" else second_person(value), s, m)


_REFER = re.compile(r"\b(?:refer|pass|direct|forward|send|redirect|put)\b[^.]{0,80}?\bto\s+(" + PERSONS + ")", re.I)


def _media_refer(s: Sentence) -> Found | None:
    if not _MEDIA.search(s.text):
        return None
    m = _REFER.search(s.text)
    return Found(persons(m.group(1)), s, m) if m else None


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    media = found.take("media.rule", first(sentences, must_not(_MEDIA)))
    if media is not None:
        found.take("media.authoriser", _media_authoriser(media))
    found.take("media.refer_to", first(sentences, _media_refer))
    return found
