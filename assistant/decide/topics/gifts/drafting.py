"""Drafting the gifts parameters from an added council's code: its own patterns and rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.decide.drafting import (
    EXCEPTION,
    GIFT,
    INTEREST,
    PERMIT,
    PERSONS,
    PROHIBIT,
    Draft,
    Found,
    Rule,
    Sentence,
    first,
    heading,
    persons,
)
from assistant.decide.schema import GIVERS
from corpus.text import lower_first

_MONEY = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?")


_FILLER = r"(?:\s*(?:the|a|an|total|combined|value|amount|of|pounds|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+-[a-z]+|\())*\s*$"


_BEFORE = [
    ("le", re.compile(r"(?:(?:not|no)\s+more\s+than|not\s+exceeding|does\s+not\s+exceed|do\s+not\s+exceed|up\s+to|maximum(?:\s+value)?\s+of|not\s+over|to\s+the\s+value\s+of|at\s+most)" + _FILLER)),
    ("lt", re.compile(r"(?:(?:less|lower)\s+than|under|below|beneath)" + _FILLER)),
    ("ge", re.compile(r"(?:at\s+least|not\s+less\s+than|minimum(?:\s+value)?\s+of)" + _FILLER)),
    ("gt", re.compile(r"(?:(?:more|greater|higher)\s+than|over|exceeding|exceeds?|above|in\s+excess\s+of)" + _FILLER)),
]


_AFTER_GE = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:or|and)\s+(?:more|over|above|greater|upwards|higher)\b")


_AFTER_LE = re.compile(r"^\s*(?:\([^)]*\)\s*)?or\s+(?:less|under|below|lower)\b")


_SEGMENT = re.compile(r";|,?\s+(?:but|whereas|while|however)\s+|\.\s")


def _pence(match: re.Match[str]) -> int:
    return int(match.group(1).replace(",", "")) * 100 + int(match.group(2) or 0)


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"


def _segments(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SEGMENT.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


_TOTAL = re.compile(
    r"\b(?:in\s+total|in\s+aggregate|a\s+total\s+(?:value\s+)?of|total(?:ling|led)?|cumulative(?:ly)?|combined"
    r"|in\s+any\s+(?:one\s+)?(?:year|calendar\s+year|financial\s+year|(?:12|twelve)[- ]months?(?:\s+period)?)"
    r"|per\s+(?:year|annum|calendar\s+year|financial\s+year)|(?:a|each)\s+year"
    r"|(?:over|within|during)\s+(?:a|any|one|the\s+same)\s+(?:year|(?:12|twelve)[- ]months?)"
    r"|(?:the\s+)?same\s+(?:source|giver|donor|person|organisation|company|supplier|contractor))\b", re.I)
"""Words that make an amount a limit in total or over a period, not the value of one gift."""
_PERIOD = re.compile(r"\b(?:year|annum|(?P<n>\d{1,2}|twelve|six|three)[- ]months?)\b", re.I)
_ONE_SOURCE = re.compile(r"\b(?:same|one|single|any\s+one)\s+(?:source|giver|donor|person|organisation|company|"
                         r"supplier|contractor|individual|body)\b", re.I)
_MONTH_WORDS = {"twelve": 12, "six": 6, "three": 3}


def _is_total(segment: str, start: int, end: int) -> bool:
    """Whether the amount at segment[start:end] is a total ('£40 in total', 'totalling £40', 'in any year')."""
    return bool(_TOTAL.search(segment[max(0, start - 40):start]) or _TOTAL.search(segment[end:end + 60]))


def total_max(subject: re.Pattern[str]) -> Rule:
    """A limit in total, read as the most the offers may come to: 'not exceeding £40 in total' is £40."""

    def rule(s: Sentence) -> Found | None:
        if not subject.search(s.text):
            return None
        for seg_start, seg_end in _segments(s.text):
            segment = s.text[seg_start:seg_end]
            prohibit, permit = bool(PROHIBIT.search(segment)), bool(PERMIT.search(segment))
            for money in _MONEY.finditer(segment):
                if not _is_total(segment, money.start(), money.end()):
                    continue
                before, after = segment[: money.start()].lower(), segment[money.end():].lower()
                kind = "ge" if _AFTER_GE.search(after) else "le" if _AFTER_LE.search(after) else None
                if kind is None:
                    kind = next((k for k, pattern in _BEFORE if pattern.search(before)), None)
                amount = _pence(money)
                most = {"le": amount, "lt": amount - 1, "gt": amount, "ge": amount - 1}.get(kind or "")
                if most is None or most <= 0 or not (prohibit or permit or kind in ("le", "lt")):
                    continue
                if prohibit and kind in ("le", "lt") and not permit:
                    continue  # 'must not accept gifts up to £40 in total' is not a limit Conduct can read
                whole = re.compile(re.escape(segment[max(0, money.start() - 40): money.end()]))
                return Found(most, s, whole.search(s.text, seg_start),
                             f"Read as: the offers may come to at most {_pounds(most)} in total.")
        return None

    return rule


def total_months(subject: re.Pattern[str]) -> Rule:
    def rule(s: Sentence) -> Found | None:
        if total_max(subject)(s) is None:
            return None
        m = _PERIOD.search(s.text)
        if m is None:
            return None
        n = m.group("n")
        months = 12 if n is None else int(n) if n.isdigit() else _MONTH_WORDS[n.lower()]
        return Found(months, s, m) if 0 < months <= 60 else None

    return rule


def total_any_giver(subject: re.Pattern[str]) -> Rule:
    def rule(s: Sentence) -> Found | None:
        found = total_max(subject)(s)
        if found is None or _ONE_SOURCE.search(s.text):
            return None
        return Found(True, s, found.match, "The code does not say the total is from one giver, so every giver's "
                                           "offers are counted together; delete this entry if it means one giver.")

    return rule


def draft_totals(found: Draft, sentences: list[Sentence], subject: re.Pattern[str], prefix: str) -> None:
    """prefix.total_max, and its period and scope from the same sentence."""
    limit = found.take(f"{prefix}.total_max", first(sentences, total_max(subject)))
    if limit is not None:
        found.take(f"{prefix}.total_months", total_months(subject)(limit.sentence))
        found.take(f"{prefix}.total_any_giver", total_any_giver(subject)(limit.sentence))


def _gift_limit(s: Sentence) -> Found | None:
    if not GIFT.search(s.text):
        return None
    text = s.text
    for seg_start, seg_end in _segments(text):
        segment = text[seg_start:seg_end]
        prohibit, permit = bool(PROHIBIT.search(segment)), bool(PERMIT.search(segment))
        if not (prohibit or permit):
            continue
        for money in _MONEY.finditer(segment):
            if _is_total(segment, money.start(), money.end()):
                continue  # a limit in total is gifts.total_max, not the value of one gift
            before, after = segment[: money.start()].lower(), segment[money.end() :].lower()
            kind = "ge" if _AFTER_GE.search(after) else "le" if _AFTER_LE.search(after) else None
            if kind is None:
                kind = next((k for k, pattern in _BEFORE if pattern.search(before)), None)
            amount = _pence(money)
            limit, reading = None, ""
            if prohibit and kind == "ge":
                limit, reading = amount, f"gifts worth {_pounds(amount)} or more may not be kept"
            elif prohibit and kind == "gt":
                limit, reading = amount + 1, f"gifts worth more than {_pounds(amount)} may not be kept"
            elif permit and not prohibit and kind == "lt":
                limit, reading = amount, f"gifts worth less than {_pounds(amount)} may be kept"
            elif permit and not prohibit and kind == "le":
                limit, reading = amount + 1, f"gifts worth up to {_pounds(amount)} may be kept"
            if limit is not None:
                whole = re.compile(re.escape(segment[max(0, money.start() - 40) : money.end()]))
                m = whole.search(text, seg_start)
                return Found(limit, s, m, f"Read as: {reading}; the value is the amount from which a gift may not "
                                          f"be kept ({_pounds(limit)} or more).")
    return None


_TOKENISH = re.compile(r"\b(?:token|small|modest|nominal|low[- ]value|low[- ]cost|minor|inexpensive|trivial|promotional)\b", re.I)


_EXAMPLES = re.compile(r"\b(?:such\s+as|e\.\s?g\.?,?|eg\.?,?|for\s+example,?|for\s+instance,?|like|including)\s+", re.I)


_EXAMPLES_END = re.compile(r"\s*(?:[.;:)]|,\s*(?=(?:which|that|but|may|are|is|can|will|should|must)\b)|\s(?=(?:may|are|is|can|must|which|that|will|should|would|could)\b)|,\s*(?:etc\.?|and\s+so\s+on)|$)", re.I)


def _token_only(s: Sentence) -> Found | None:
    if not (GIFT.search(s.text) and _TOKENISH.search(s.text)) or _MONEY.search(s.text):
        return None
    allowed = PERMIT.search(s.text) and not PROHIBIT.search(s.text)
    excepted = PROHIBIT.search(s.text) and re.search(r"\b(?:other\s+than|except|apart\s+from|unless)\b", s.text, re.I)
    if not (allowed or excepted):
        return None
    m = _EXAMPLES.search(s.text)
    if m is None:
        return None
    end = _EXAMPLES_END.search(s.text, m.end())
    examples = s.text[m.end() : end.start() if end else len(s.text)]
    examples = re.sub(r",?\s*(?:etc\.?|and\s+so\s+on)$", "", examples.strip()).strip(" ,")
    if not examples or len(examples) > 80 or len(examples.split()) > 12 or not examples[0].isalpha():
        return None
    whole = re.compile(re.escape(s.text[m.start() : m.end() + len(examples)]))
    return Found(lower_first(examples), s, whole.search(s.text))


_MONEY_WORDS = re.compile(r"\b(?:cash|money|vouchers?|gift\s+cards?|gift\s+vouchers?|cheques?)\b", re.I)


def _cash_banned(s: Sentence) -> Found | None:
    if not PROHIBIT.search(s.text):
        return None
    if re.search(r"value\s+for\s+money|public\s+money|council\s+money", s.text, re.I):
        return None
    words = [m.group(0).lower() for m in _MONEY_WORDS.finditer(s.text)]
    if not words:
        return None
    if re.search(r"\bfrom\b", s.text, re.I) and any(p.search(s.text) for _, p in _GIVER_WORDS):
        return None  # only from some givers: a barred-givers rule, not a ban on cash
    if not (GIFT.search(s.text) or re.search(r"\b(?:accept|receiv|offer)", s.text, re.I) or GIFT.search(heading(s))):
        return None
    words = list(dict.fromkeys(words))
    value = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return Found(value, s, _MONEY_WORDS.search(s.text))


_GIVER_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("potential_contractor", re.compile(r"\b(?:potential|prospective|would-be)\s+(?:contractors?|suppliers?|providers?)|\b(?:bidding|tendering)\b", re.I)),
    ("contractor", re.compile(r"\b(?:sub-?)?contractors?\b", re.I)),
    ("supplier", re.compile(r"\bsuppliers?\b", re.I)),
    ("consultant", re.compile(r"\bconsultants?\b", re.I)),
    ("service_user", re.compile(r"\bservice\s+users?\b", re.I)),
    ("customer", re.compile(r"\bcustomers?\b", re.I)),
    ("client", re.compile(r"\bclients?\b", re.I)),
    ("resident", re.compile(r"\bresidents?\b", re.I)),
    ("member_of_public", re.compile(r"\bmembers?\s+of\s+the\s+public\b", re.I)),
    ("councillor", re.compile(r"\bcouncillors?\b|\belected\s+members?\b", re.I)),
]


def _barred_givers(s: Sentence) -> Found | None:
    text = s.text
    if not (PROHIBIT.search(text) and GIFT.search(text)):
        return None
    if _MONEY.search(text) or EXCEPTION.search(text):
        return None
    if re.search(r"\bfrom\b", text, re.I) is None:
        return None
    found = [name for name, pattern in _GIVER_WORDS if pattern.search(text)]
    if not found:
        return None
    note = ""
    if ("contractor" in found or "supplier" in found) and "potential_contractor" not in found:
        found.append("potential_contractor")
        note = "Potential contractors are included with contractors and suppliers; delete them if the code means only current ones."
    givers = [g for g in GIVERS if g in found]
    first = min((p.search(text).start() for name, p in _GIVER_WORDS if name in found and p.search(text)), default=0)
    return Found(givers, s, re.compile(re.escape(text[max(0, first - 60) : first + 40])).search(text), note)


_REGISTER = (r"(?:the\s+)?(?:(?:council'?s|officers'?|employees'?|staff|departmental|corporate|central|service)\s+)?"
             r"(?:register\s+of\s+(?:officers'?\s+|employees'?\s+)?(?:gifts(?:,?\s+(?:and\s+)?hospitality)?|hospitality|interests)"
             r"|(?:gifts?|gifts?\s+and\s+hospitality|hospitality)\s+(?:register|book|log)|register)")


_REGISTER_RE = re.compile(_REGISTER, re.I)


_KEEPER = [
    re.compile(_REGISTER + r"\b[^.]{0,80}?\b(?:is|are|will\s+be)?\s*(?:held|kept|maintained|managed|administered|looked\s+after)\s+by\s+(" + PERSONS + ")", re.I),
    re.compile(r"(" + PERSONS + r")\s+(?:holds|keeps|maintains|manages|administers)\s+" + _REGISTER, re.I),
]


_RECORD_PASSIVE = re.compile(r"\b(?:must|should|shall|will|are\s+to|is\s+to)\s+(?:also\s+|always\s+)?be\s+(recorded|registered|declared|entered|logged|notified|reported)\b", re.I)


_RECORD_ACTIVE = re.compile(r"\b(?:must|should|shall)\s+(?:also\s+|always\s+)?(record|register|declare|enter|log|notify|report)\b", re.I)


_BASE = {"recorded": "record", "registered": "record", "declared": "declare", "entered": "enter", "logged": "log",
         "notified": "report", "reported": "report", "record": "record", "register": "record", "declare": "declare",
         "enter": "enter", "log": "log", "notify": "report", "report": "report"}


_EVERY = re.compile(r"accepted\s+or\s+not|whether\s+(?:or\s+not\s+)?(?:it\s+is\s+|they\s+are\s+)?accepted|accepted\s+or\s+(?:declined|refused)|whether\s+accepted", re.I)


def _register_keeper(gifts_only: bool) -> Rule:
    def rule(s: Sentence) -> Found | None:
        if gifts_only and not (GIFT.search(s.text) or re.search(r"hospitality", s.text, re.I)):
            return None
        for pattern in _KEEPER:
            m = pattern.search(s.text)
            if m:
                return Found(persons(m.group(1)), s, m)
        return None
    return rule


def _gift_record(s: Sentence) -> Found | None:
    outside_register = _REGISTER_RE.sub(" ", s.text)
    if not (GIFT.search(outside_register) or (GIFT.search(heading(s)) and re.search(r"\boffers?\b", s.text, re.I))):
        return None
    m = _RECORD_PASSIVE.search(s.text) or _RECORD_ACTIVE.search(s.text)
    if m is None or (INTEREST.search(s.text[: m.start()]) and not GIFT.search(s.text[: m.start()])):
        return None
    verb = _BASE[m.group(1).lower()]
    what = "every offer, accepted or not," if _EVERY.search(s.text) else "the offer"
    register = _REGISTER_RE.search(s.text, m.end()) or _REGISTER_RE.search(s.text)
    person = re.search(r"\bto\s+(" + PERSONS + ")", s.text[m.end() :], re.I)
    if person is not None and verb in {"report", "declare"}:
        return Found(f"{verb} {what} to {persons(person.group(1))}", s, m)
    if register is not None:
        name = register.group(0).strip()
        if not name.lower().startswith("the "):
            name = "the " + name
        return Found(f"{verb} {what} in {name}", s, m)
    if person is not None:
        verb = "declare" if verb in {"record", "enter", "log"} else verb
        return Found(f"{verb} {what} to {persons(person.group(1))}", s, m)
    return None


def draft(sentences: list[Sentence]) -> Draft:
    """The topic's parameters this code supports, each from the first sentence that states it."""
    found = Draft()
    found.take("gifts.limit", first(sentences, _gift_limit))
    found.take("gifts.token_only", first(sentences, _token_only))
    found.take("gifts.cash_banned", first(sentences, _cash_banned))
    found.take("gifts.barred_givers", first(sentences, _barred_givers))
    found.take("gifts.record", first(sentences, _gift_record))
    found.take("gifts.register_keeper", first(sentences, _register_keeper(True), _register_keeper(False)))
    draft_totals(found, sentences, GIFT, "gifts")
    return found
