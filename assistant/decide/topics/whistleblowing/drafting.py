"""Drafting the whistleblowing parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import CAP, PERSONS, Draft, Found, Rule, Sentence, first, heading, persons

_WRONGDOING = r"concerns?|wrongdoing|malpractice|whistle-?\s?blow\w*|impropriety|improper|illegal|unlawful|unethical|breach\w*|dangerous"


_CONCERN = re.compile(r"\b(?:" + _WRONGDOING + r"|suspect\w*|suspicions?|fraud\w*|corrupt\w*|irregularit\w*)\b", re.I)


_RAISE = re.compile(r"\b(?:raise|report|discuss|take|bring)\b.{0,200}?\b(?:with|to)\s+(?:the\s+attention\s+of\s+)?(" + PERSONS + ")", re.I)


_TELL = re.compile(r"\b(?:tell|inform|contact|speak\s+to|talk\s+to|approach|notify|alert)\s+(" + PERSONS + ")", re.I)


_WB_POLICY = re.compile(r"(?:the\s+)?(?:council['’]?s\s+)?(?:" + CAP + r"[\w-]*\s+){0,3}?(?:whistle-?\s?blowing|confidential\s+reporting|raising\s+concerns|speak(?:ing)?\s+up)(?:\s+" + CAP + r"[\w-]*){0,3}?\s+(?:policy|procedure|code|charter)", re.I)


_FRAUD = re.compile(r"\b(?:fraud\w*|corrupt\w*|bribe\w*|brib\w*|theft|financial\s+irregularit\w*)\b", re.I)


def _fraud_to(pattern: re.Pattern[str], only: bool) -> Rule:
    """Whom to tell about fraud: sentences about fraud alone first, then any that name it."""
    def rule(s: Sentence) -> Found | None:
        if not _FRAUD.search(s.text):
            return None
        if only and re.search(r"\b(?:wrongdoing|malpractice|impropriety|improper|illegal|unlawful|unethical|breach\w*|dangerous)\b", s.text, re.I):
            return None
        m = pattern.search(s.text)
        return Found(persons(m.group(1)), s, m) if m else None
    return rule


def _report_to(pattern: re.Pattern[str]) -> Rule:
    def rule(s: Sentence) -> Found | None:
        if not (_CONCERN.search(s.text) or re.search(r"concern|whistle|wrongdoing|improper|illegal", heading(s), re.I)):
            return None
        if _FRAUD.search(s.text) and not re.search(r"\b(?:" + _WRONGDOING + r")\b", s.text, re.I):
            return None  # a rule about fraud only: whistleblowing.fraud
        if re.search(r"\b(?:you\s+are|if\s+you\s+(?:are|have\s+been))\s+(?:arrested|charged|convicted)", s.text, re.I):
            return None  # reporting your own arrest is convictions.report
        m = pattern.search(s.text)
        return Found(persons(m.group(1)), s, m) if m else None
    return rule


def _wb_policy(s: Sentence) -> Found | None:
    m = _WB_POLICY.search(s.text)
    if m is None:
        return None
    value = " ".join(m.group(0).split())
    value = "the " + value[4:] if value.lower().startswith("the ") else "the " + value
    return Found(value, s, m)


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    found.take("whistleblowing.report_to", first(sentences, _report_to(_RAISE), _report_to(_TELL)))
    found.take("whistleblowing.fraud", first(sentences, _fraud_to(_RAISE, True), _fraud_to(_TELL, True),
                                              _fraud_to(_RAISE, False), _fraud_to(_TELL, False)))
    found.take("whistleblowing.policy", first(sentences, _wb_policy))
    return found
