"""Drafting the interests parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import INTEREST, NUMBER, PERSONS, Draft, Found, Sentence, first, number, persons

_DECLARE_TO = re.compile(r"\b(?:declare|disclose|register|notify|report|declared|disclosed|registered|notified|reported|known)\b[^.]{0,120}?\bto\s+(" + PERSONS + ")", re.I)


_INFORM = re.compile(r"\b(?:inform|tell|advise|notify)\s+(" + PERSONS + r")", re.I)


_WITHIN_DAYS = re.compile(r"\bwithin\s+(" + NUMBER + r")\s+(?:\(\d+\)\s+)?(calendar\s+|working\s+|clear\s+)?days?\b", re.I)


def _interests_declare(s: Sentence) -> Found | None:
    if not INTEREST.search(s.text) or re.search(r"public\s+interest|interests?\s+of\s+the\s+(?:council|public)", s.text, re.I):
        return None
    m = _DECLARE_TO.search(s.text) or _INFORM.search(s.text)
    if m is None:
        return None
    value = persons(m.group(1))
    if re.search(r"\bin\s+writing\b", s.text, re.I):
        value += ", in writing"
    return Found(value, s, m)


def _interests_deadline(s: Sentence) -> Found | None:
    if not (INTEREST.search(s.text) and re.search(r"\b(?:declar|disclos|regist|notif|inform|tell|report)", s.text, re.I)):
        return None
    m = _WITHIN_DAYS.search(s.text)
    if m is None or (m.group(2) or "").strip().lower() in {"working", "clear"}:
        return None
    days = number(m.group(1))
    return Found(days, s, m) if days else None


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    declare = found.take("interests.declare", first(sentences, _interests_declare))
    found.take("interests.deadline", (_interests_deadline(declare.sentence) if declare else None)
               or first(sentences, _interests_deadline))
    return found
