"""Drafting the convictions parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re

from assistant.decide.drafting import (
    NUMBER,
    PERSONS,
    Draft,
    Found,
    Sentence,
    clean_phrase,
    first,
    heading,
    number,
    persons,
    second_person,
)
from corpus.text import lower_first

_CRIME = re.compile(r"\b(?:arrest\w*|charged|charges?|convict\w*|caution\w*|criminal|offences?|police)\b", re.I)


_REPORT_ACTIVE = re.compile(
    r"\b(?:you|employees|staff|officers|an?\s+employee)\s+(?:must|should|shall|are\s+required\s+to|is\s+required\s+to|will\s+need\s+to|need\s+to)\s+"
    r"(?:also\s+|immediately\s+|always\s+)?((?:tell|inform|notify|report|advise|disclose|declare|let)\b[^.]*)", re.I)


_REPORT_PASSIVE = re.compile(
    r"\b((?:any|all|an?)\s+[^.]{0,80}?\b(?:arrests?|charges?|cautions?|convictions?|offences?)[^.]{0,40}?)\s+"
    r"(?:must|should|shall)\s+be\s+(?:immediately\s+)?(?:reported|notified|disclosed|declared)\s+(?:immediately\s+)?(?:to\s+(" + PERSONS + "))?", re.I)


_THRESHOLD = [
    re.compile(r"(?:imprisonment|prison\s+sentence|custodial\s+sentence|sentence\s+of\s+imprisonment|jail)\s+(?:term\s+)?(?:of\s+)?"
               r"(at\s+least|not\s+less\s+than|more\s+than|over|exceeding|in\s+excess\s+of|)\s*(" + NUMBER + r")\s+(months?|years?)", re.I),
    re.compile(r"(" + NUMBER + r")\s+(months?|years?)['’]?s?\s+(or\s+more\s+|or\s+longer\s+)?(?:imprisonment|in\s+prison|custod)", re.I),
]


def _convictions_report(s: Sentence) -> Found | None:
    if not _CRIME.search(s.text):
        return None
    if re.search(r"\b(?:applying|applicants?|applications?|prospective|recruitment|DBS|disclosure\s+and\s+barring)\b", s.text, re.I):
        return None  # declaring convictions when applying is recruitment, not reporting
    m = _REPORT_ACTIVE.search(s.text)
    if m is not None:
        value = clean_phrase(m.group(1))
        if m.group(0).split()[0].lower() != "you":
            value = second_person(value)
        if len(value) <= 300 and _CRIME.search(s.text):
            return Found(value, s, m)
    m = _REPORT_PASSIVE.search(s.text)
    if m is not None and m.group(2):
        subject = lower_first(" ".join(m.group(1).split()))
        return Found(f"report {subject} to {persons(m.group(2))}", s, m)
    return None


def _threshold(s: Sentence) -> Found | None:
    if not _CRIME.search(s.text) and not _CRIME.search(heading(s)):
        return None
    m = _THRESHOLD[0].search(s.text)
    if m:
        n = number(m.group(2))
        if not n:
            return None
        months = n * 12 if m.group(3).lower().startswith("year") else n
        strictly = m.group(1).strip().lower() in {"more than", "over", "exceeding", "in excess of"}
        note = f"The code says more than {n} {m.group(3)}; read as at least {months + 1} months." if strictly else ""
        return Found(months + 1 if strictly else months, s, m, note)
    m = _THRESHOLD[1].search(s.text)
    if m:
        n = number(m.group(1))
        if not n:
            return None
        return Found(n * 12 if m.group(2).lower().startswith("year") else n, s, m)
    return None


def _without(value: str, condition: str) -> str:
    """The reporting rule without its imprisonment condition, which convictions.threshold_months states."""
    index = value.find(condition)
    if index <= 0:
        return value
    head = value[:index]
    relative = re.search(r"\s*,?\s*\b(?:that|which|where|if\s+it)\b[^,]*$", head)
    cut = relative.start() if relative and index - relative.start() < 60 else index
    shorter = clean_phrase(value[:cut].rstrip(" ,") + value[index + len(condition) :])
    return shorter if len(shorter.split()) >= 3 else value


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    report = found.take("convictions.report", first(sentences, _convictions_report))
    if report is not None:
        arrest = re.search(r"\barrest(?:ed|s)?\b", report.sentence.text, re.I)
        if arrest:
            found["convictions.arrest"] = Found(True, report.sentence, arrest)
        threshold = found.take("convictions.threshold_months", _threshold(report.sentence) or first(sentences, _threshold))
        if threshold is not None and threshold.sentence == report.sentence and threshold.match is not None:
            found["convictions.report"] = Found(_without(str(report.value), threshold.match.group(0)),
                                                report.sentence, report.match, report.note)
    return found
