"""Drafting an added council's decision parameters from its clauses, by rule, with citations.

`draft_policy(document)` reads the clauses of a council added with `conduct add`
and fills in the parameters of assistant/decide/schema.py that it can read with
confidence: gift value limits, cash bans, barred givers, token-only rules, who
approves outside work and hospitality, the register and who keeps it,
declaration deadlines, media rules, conviction reporting, whom to raise
concerns with and whom to ask. Each parameter names the clause it was read
from and quotes the words it was read from (copied from that clause, found by
the same match), so every drafted rule can be checked against the code.

It prefers leaving a parameter out to guessing: for a topic with no drafted
parameter the assistant quotes the closest clauses instead of deciding.
Same clauses in, same draft out, byte for byte.

`policy_toml(document, params)` writes the draft as a readable policy file that
can be edited by hand; assistant.decide.policy checks it on load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.decide.policy import Param
from assistant.decide.schema import GIVERS, SCHEMA
from corpus.clause import Clause, Document
from corpus.text import lower_first

__all__ = ["draft_policy", "policy_toml", "Unit", "units"]

MAX_QUOTE = 240
"""Longer sentences are quoted as the words around the match."""

# --------------------------------------------------------------------------- the text, cut up


@dataclass(frozen=True)
class Unit:
    """A piece of one clause that a rule reads: a paragraph, a list item, or a lead-in with its list."""

    clause: Clause
    text: str
    heading: str
    is_list: bool = False


def units(document: Document) -> list[Unit]:
    """Every paragraph of the code in document order, each citing the most specific clause that holds it.

    A parent's own paragraphs come first, then its items (each citing itself),
    then, if it has a lead-in ending in a colon, the lead-in with its items as one
    unit citing the parent, for rules whose subject and list are split
    ("must not accept gifts from: (a) contractors; (b) ...").
    """
    out: list[Unit] = []
    children: dict[str, list[Clause]] = {}
    for clause in document.clauses:
        if clause.parent is not None:
            children.setdefault(clause.parent, []).append(clause)
    for clause in document.clauses:
        if clause.parent is not None:
            continue
        items = children.get(clause.id, [])
        item_texts = {child.text for child in items}
        lines = [line for line in clause.text.split("\n") if line.strip()]
        own = [line for line in lines if not _is_item_line(line, item_texts)]
        out.extend(Unit(clause, line, clause.section) for line in own)
        out.extend(Unit(child, child.text, child.section) for child in items)
        if items and any(line.rstrip().endswith(":") for line in own):
            out.append(Unit(clause, " ".join(line.strip() for line in lines), clause.section, is_list=True))
    return out


def _is_item_line(line: str, item_texts: set[str]) -> bool:
    if line in item_texts:
        return True
    marker, _, rest = line.partition(" ")
    return rest in item_texts and (marker == "•" or (marker.startswith("(") and marker.endswith(")")))


_ABBREVIATIONS = ("e.g.", "i.e.", "eg.", "ie.", "etc.", "no.", "para.", "paras.", "mr.", "mrs.", "ms.", "dr.", "cf.", "approx.", "st.")
_BOUNDARY = re.compile(r"[.!?]['\"’”)]*\s+(?=[A-Z(\"'‘“])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in a paragraph (abbreviations such as e.g. do not end one)."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start() + 1].rsplit(None, 1)
        last_word = before[-1].lower() if before else ""
        if last_word.endswith(_ABBREVIATIONS) or re.fullmatch(r"\(?(?:[a-z]\.)+", last_word):
            continue
        spans.append((start, match.start() + 1))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class Sentence:
    unit: Unit
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]

    @property
    def lower(self) -> str:
        return self.text.lower()

    def quote(self, match: re.Match[str] | None = None) -> str:
        """The sentence, or the words around the match in a long one: always a substring of the clause's text."""
        text = self.text
        start, end = 0, len(text)
        if match is not None and end > MAX_QUOTE:
            middle = (match.start() + match.end()) // 2
            start = max(0, min(match.start(), middle - MAX_QUOTE // 2))
            end = min(len(text), max(match.end(), start + MAX_QUOTE))
            if start > 0:
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < match.start() else start
            if end < len(text):
                space = text.rfind(" ", match.end(), end)
                end = space if space > 0 else end
        return text[start:end].strip().rstrip(".;:,").strip()


def _sentences(document: Document) -> list[Sentence]:
    out = []
    for unit in units(document):
        spans = [(0, len(unit.text))] if unit.is_list else sentences(unit.text)
        out.extend(Sentence(unit, s, e) for s, e in spans if unit.text[s:e].strip())
    return out


# --------------------------------------------------------------------------- shared patterns

_CAP = r"(?-i:[A-Z])"
"""A capital letter even inside a case-insensitive pattern: names of offices are capitalised."""
_FUNCTION = r"(?:to|from|of|for|by|with|in|on|at|and|or|before|after|who|whom|which|that|if|within|the|your|their|his|her|a|an|any|all|this|these|is|are|be|must|should|will|may|can|not|as|such)"
_ROLE = (r"(?:managers?|officers?|directors?|head|heads|executive|chief|supervisors?|team|unit|office|department|"
         r"service|adviser|advisor|lead|leader|partner|committee|hr|human\s+resources|clerk|secretary|auditors?|"
         r"audit|board|panel|group|governance|representative|section|desk|mayor|solicitor|controller)")
_OF_TAIL = rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:{_CAP}[\w'’&-]*|service|department|section|paid\s+service|hr|human\s+resources)(?:\s+(?:and\s+)?{_CAP}[\w'’&-]*)*)?"
_ONE_PERSON = (rf"(?:(?:your|the|their)\s+(?:(?!{_FUNCTION}\b)[\w'’&-]+\s+){{0,4}}?{_ROLE}\b{_OF_TAIL}"
               rf"|(?:{_CAP}[\w'’&-]*\s+){{0,3}}(?-i:Officer|Manager|Director|Head|Team|Unit|Office|Department|Resources|Audit|Executive|Service){_OF_TAIL})")
PERSONS = rf"{_ONE_PERSON}(?:(?:\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and(?:/or)?\s+){_ONE_PERSON})*"
_PERSONS_RE = re.compile(PERSONS, re.I)

_GIFT = re.compile(r"\b(?:gifts?|presents?|gratuit(?:y|ies))\b", re.I)
_HOSPITALITY = re.compile(r"\b(?:hospitality|invitations?|entertainment|meals?|tickets?|events?)\b", re.I)
_OUTSIDE_WORK = re.compile(
    r"\b(?:(?:outside|other|secondary|second|additional|private|paid|external|further)\s+(?:paid\s+)?"
    r"(?:work|employment|jobs?|business(?:es)?|occupations?|appointments?|interests?)|self[- ]employ\w*|second\s+job|moonlight\w*)\b",
    re.I)
_OUTSIDE_WORK_HEADING = re.compile(r"outside|secondary|other employment|additional employment|private work|second job", re.I)
_MEDIA = re.compile(r"(?<!social\s)\b(?:media|press|journalists?|newspapers?|reporters?|broadcasters?)\b(?!\s+release)", re.I)
_INTEREST = re.compile(r"\binterests?\b", re.I)
_CRIME = re.compile(r"\b(?:arrest\w*|charged|charges?|convict\w*|caution\w*|criminal|offences?|police)\b", re.I)
_WRONGDOING = r"concerns?|wrongdoing|malpractice|whistle-?\s?blow\w*|impropriety|improper|illegal|unlawful|unethical|breach\w*|dangerous"
_CONCERN = re.compile(r"\b(?:" + _WRONGDOING + r"|suspect\w*|suspicions?|fraud\w*|corrupt\w*|irregularit\w*)\b", re.I)
_DOUBT = re.compile(r"\b(?:unclear|unsure|not\s+sure|doubt|questions?|clarification|uncertain|queries|query)\b", re.I)

_PROHIBIT = re.compile(
    r"\b(?:must|should|shall|may|can|will)\s+not\s+(?:\w+\s+(?:or|and)\s+)?(?:be\s+)?(?:accept|receiv|kept|keep|retain|take)"
    r"|\b(?:must|should|shall|will)\s+(?:always\s+|politely\s+|be\s+|therefore\s+)*(?:declin|refus|return)"
    r"|\b(?:is|are)\s+not\s+(?:to\s+be\s+)?(?:accepted|permitted|allowed|acceptable)"
    r"|\bcannot\s+(?:be\s+)?(?:accept|kept|keep)|\bnever\s+(?:be\s+)?(?:accept|receiv|take)"
    r"|\bunder\s+no\s+circumstances|\b(?:strictly\s+)?(?:prohibited|forbidden)\b"
    r"|\bnot\s+(?:be\s+)?(?:regarded|considered|viewed|seen|treated)\s+as\s+(?:a\s+)?['‘’\"]?token"
    r"|\bunlikely\s+to\s+be\s+(?:regarded|considered|viewed|seen|treated)\s+as"
    r"|\boffence\s+(?:for\s+(?:an?\s+)?\w+\s+)?to\s+accept",
    re.I)
_PERMIT = re.compile(
    r"\b(?:may|can|could)\s+(?:normally\s+|usually\s+|generally\s+|only\s+)?(?:be\s+)?(?:accept|kept|keep|retain|receiv)"
    r"|\b(?:is|are)\s+(?:normally\s+|usually\s+|generally\s+)?(?:acceptable|allowed|permitted)\b",
    re.I)
_EXCEPTION = re.compile(r"\b(?:unless|except|other\s+than|apart\s+from|without|until|token|small|modest|nominal|minor|low[- ](?:value|cost)|worth|value)\b", re.I)

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21, "twenty-eight": 28,
    "thirty": 30, "thirty-one": 31, "a": 1,
}
_NUMBER = r"(?:\d{1,3}|" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS if w != "a"), key=len, reverse=True)) + r")"


def _number(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text)


def _clean_phrase(text: str) -> str:
    """A verbatim phrase tidied to complete a sentence: lower-case start, no closing full stop."""
    text = " ".join(text.split()).strip().rstrip(".;:,").strip()
    return lower_first(text)


def _second_person(text: str) -> str:
    """'employees must not use their …' reads as 'you must not use your …' in an answer."""
    swaps = {"their": "your", "they": "you", "themselves": "yourself", "them": "you"}
    return re.sub(r"\b(their|they|themselves|them)\b", lambda m: swaps[m.group(1).lower()], text)


def _persons(match_text: str) -> str:
    """Tidy a captured list of people, as the reader would say it: 'their manager' -> 'your manager'."""
    text = " ".join(match_text.split()).strip(" ,")
    text = re.sub(r"\s+(?:or|and)$", "", text)
    text = _second_person(text)
    return "the" + text[3:] if text.startswith("The ") else text


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Found:
    value: object
    sentence: Sentence
    match: re.Match[str] | None = None
    note: str = ""

    @property
    def quote(self) -> str:
        return self.sentence.quote(self.match)


Rule = Callable[[Sentence], Found | None]


def _first(all_sentences: list[Sentence], *rules: Rule) -> Found | None:
    """The first sentence (in document order) the first rule accepts; later rules are fallbacks."""
    for rule in rules:
        for sentence in all_sentences:
            found = rule(sentence)
            if found is not None and len(found.quote) >= 8:
                return found
    return None


def _heading(sentence: Sentence) -> str:
    return sentence.unit.heading


# -- contact ------------------------------------------------------------------

_ASK = re.compile(
    r"\b(?:raise\s+(?:it|this|them|the\s+matter|any\s+questions?|questions?|queries)?\s*with|discuss\s+(?:it|this|them|the\s+matter)?\s*with"
    r"|ask|speak\s+to|talk\s+to|contact|consult|check\s+with|refer\s+(?:it|them|questions?|queries)\s+to"
    r"|(?:advice|guidance|clarification|help)\s+(?:from|of))\s+(" + PERSONS + r")",
    re.I)


def _contact(about_code: bool) -> Rule:
    def rule(s: Sentence) -> Found | None:
        if not _DOUBT.search(s.text):
            return None
        if about_code and not re.search(r"\b(?:this|the)\s+(?:code|policy|guidance|standards?|document)\b", s.text, re.I):
            return None
        m = _ASK.search(s.text)
        return Found(_persons(m.group(1)), s, m) if m else None
    return rule


# -- gifts: the value limit -----------------------------------------------------

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


def _gift_limit(s: Sentence) -> Found | None:
    if not _GIFT.search(s.text):
        return None
    text = s.text
    for seg_start, seg_end in _segments(text):
        segment = text[seg_start:seg_end]
        prohibit, permit = bool(_PROHIBIT.search(segment)), bool(_PERMIT.search(segment))
        if not (prohibit or permit):
            continue
        for money in _MONEY.finditer(segment):
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


# -- gifts: token only, cash, barred givers ---------------------------------------

_TOKENISH = re.compile(r"\b(?:token|small|modest|nominal|low[- ]value|low[- ]cost|minor|inexpensive|trivial|promotional)\b", re.I)
_EXAMPLES = re.compile(r"\b(?:such\s+as|e\.\s?g\.?,?|eg\.?,?|for\s+example,?|for\s+instance,?|like|including)\s+", re.I)
_EXAMPLES_END = re.compile(r"\s*(?:[.;:)]|,\s*(?=(?:which|that|but|may|are|is|can|will|should|must)\b)|\s(?=(?:may|are|is|can|must|which|that|will|should|would|could)\b)|,\s*(?:etc\.?|and\s+so\s+on)|$)", re.I)


def _token_only(s: Sentence) -> Found | None:
    if not (_GIFT.search(s.text) and _TOKENISH.search(s.text)) or _MONEY.search(s.text):
        return None
    allowed = _PERMIT.search(s.text) and not _PROHIBIT.search(s.text)
    excepted = _PROHIBIT.search(s.text) and re.search(r"\b(?:other\s+than|except|apart\s+from|unless)\b", s.text, re.I)
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
    if not _PROHIBIT.search(s.text):
        return None
    if re.search(r"value\s+for\s+money|public\s+money|council\s+money", s.text, re.I):
        return None
    words = [m.group(0).lower() for m in _MONEY_WORDS.finditer(s.text)]
    if not words:
        return None
    if re.search(r"\bfrom\b", s.text, re.I) and any(p.search(s.text) for _, p in _GIVER_WORDS):
        return None  # only from some givers: a barred-givers rule, not a ban on cash
    if not (_GIFT.search(s.text) or re.search(r"\b(?:accept|receiv|offer)", s.text, re.I) or _GIFT.search(_heading(s))):
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
    if not (_PROHIBIT.search(text) and _GIFT.search(text)):
        return None
    if _MONEY.search(text) or _EXCEPTION.search(text):
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


# -- gifts: the register ---------------------------------------------------------

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
        if gifts_only and not (_GIFT.search(s.text) or re.search(r"hospitality", s.text, re.I)):
            return None
        for pattern in _KEEPER:
            m = pattern.search(s.text)
            if m:
                return Found(_persons(m.group(1)), s, m)
        return None
    return rule


def _gift_record(s: Sentence) -> Found | None:
    outside_register = _REGISTER_RE.sub(" ", s.text)
    if not (_GIFT.search(outside_register) or (_GIFT.search(_heading(s)) and re.search(r"\boffers?\b", s.text, re.I))):
        return None
    m = _RECORD_PASSIVE.search(s.text) or _RECORD_ACTIVE.search(s.text)
    if m is None or (_INTEREST.search(s.text[: m.start()]) and not _GIFT.search(s.text[: m.start()])):
        return None
    verb = _BASE[m.group(1).lower()]
    what = "every offer, accepted or not," if _EVERY.search(s.text) else "the offer"
    register = _REGISTER_RE.search(s.text, m.end()) or _REGISTER_RE.search(s.text)
    person = re.search(r"\bto\s+(" + PERSONS + ")", s.text[m.end() :], re.I)
    if person is not None and verb in {"report", "declare"}:
        return Found(f"{verb} {what} to {_persons(person.group(1))}", s, m)
    if register is not None:
        name = register.group(0).strip()
        if not name.lower().startswith("the "):
            name = "the " + name
        return Found(f"{verb} {what} in {name}", s, m)
    if person is not None:
        verb = "declare" if verb in {"record", "enter", "log"} else verb
        return Found(f"{verb} {what} to {_persons(person.group(1))}", s, m)
    return None


# -- approval: outside work and hospitality ----------------------------------------

_ADJ = r"(?:(?:prior|advance|written|express|formal|explicit|the)\s+(?:and\s+)?)*"
_NOUN = r"(?:approval|permission|consent|authori[sz]ation|agreement)"
_APPROVAL = [
    re.compile(r"(" + _ADJ + r")(" + _NOUN + r")\s+(of|from)\s+(" + PERSONS + ")", re.I),
    re.compile(r"(" + PERSONS + r")['’]s?\s+(" + _ADJ + _NOUN + r")", re.I),
    re.compile(r"\b(?:approved|authori[sz]ed|agreed)\s+(in\s+writing\s+|in\s+advance\s+)?by\s+(" + PERSONS + ")", re.I),
]


def _approval_value(s: Sentence) -> Found | None:
    text = s.text
    m = _APPROVAL[0].search(text)
    if m:
        adjectives = " ".join(w for w in m.group(1).lower().split() if w not in {"the", "and"})
        article = "the " if m.group(3).lower() == "of" else ""
        noun = f"{adjectives} {m.group(2).lower()}".strip()
        return Found(f"{article}{noun} {m.group(3).lower()} {_persons(m.group(4))}", s, m)
    m = _APPROVAL[1].search(text)
    if m:
        return Found(_clean_phrase(m.group(0)), s, m)
    m = _APPROVAL[2].search(text)
    if m:
        written = "written " if m.group(1) and "writing" in m.group(1).lower() else ""
        return Found(f"{written}approval from {_persons(m.group(2))}", s, m)
    return None


def _outside_work_permission(s: Sentence) -> Found | None:
    about = _OUTSIDE_WORK.search(s.text) or (_OUTSIDE_WORK_HEADING.search(_heading(s)) and re.search(r"\bwork|employment|job", s.text, re.I))
    if not about or _HOSPITALITY.search(s.text) or _GIFT.search(s.text):
        return None
    if re.search(r"\bsick|\billness|\bsickness", s.text, re.I):
        return None  # a sick-leave rule, not the general one
    return _approval_value(s)


def _hospitality_approval(s: Sentence) -> Found | None:
    if not re.search(r"\bhospitality\b|\binvitations?\b", s.text, re.I):
        return None
    if _OUTSIDE_WORK.search(s.text):
        return None
    return _approval_value(s)


# -- "you must not …" rules --------------------------------------------------------

_MUST_NOT = re.compile(
    r"\b(you|employees|staff|officers|an?\s+employee|an?\s+officer|members\s+of\s+staff|no\s+employee)\s+"
    r"(?:must|should|shall|may|are\s+not\s+to|is\s+not\s+to)(?:\s+not|\s+never)?\s+(?!be\b)(?:not\s+)?(?:ever\s+)?", re.I)


def _must_not(topic: re.Pattern[str], also: re.Pattern[str] | None = None, in_heading: bool = False) -> Rule:
    def rule(s: Sentence) -> Found | None:
        if not (topic.search(s.text) or (in_heading and topic.search(_heading(s)))):
            return None
        if also is not None and not also.search(s.text):
            return None
        m = _MUST_NOT.search(s.text)
        if m is None or not re.search(r"\bnot\b|\bnever\b|\bno\s+employee\b", m.group(0), re.I):
            return None
        rest = s.text[m.end() :]
        rest = re.split(r"\s+unless\b|;", rest, maxsplit=1)[0]
        value = _clean_phrase(rest)
        if m.group(1).lower() != "you":
            value = _second_person(value)
        if len(value.split()) < 2 or len(value) > 200:
            return None
        return Found(value, s, m)
    return rule


_UNLESS = re.compile(r"\bunless\s+([^.;]+)|^\s*unless\s+([^,]+),", re.I)


def _media_authoriser(rule_found: Found) -> Found | None:
    s = rule_found.sentence
    m = _UNLESS.search(s.text)
    if m is None:
        return None
    value = _clean_phrase(m.group(1) or m.group(2))
    if not value or len(value) > 150:
        return None
    subject = rule_found.match.group(1).lower() if rule_found.match is not None else "you"
    return Found(value if subject == "you" else _second_person(value), s, m)


_REFER = re.compile(r"\b(?:refer|pass|direct|forward|send|redirect|put)\b[^.]{0,80}?\bto\s+(" + PERSONS + ")", re.I)


def _media_refer(s: Sentence) -> Found | None:
    if not _MEDIA.search(s.text):
        return None
    m = _REFER.search(s.text)
    return Found(_persons(m.group(1)), s, m) if m else None


# -- interests --------------------------------------------------------------------

_DECLARE_TO = re.compile(r"\b(?:declare|disclose|register|notify|report|declared|disclosed|registered|notified|reported|known)\b[^.]{0,120}?\bto\s+(" + PERSONS + ")", re.I)
_INFORM = re.compile(r"\b(?:inform|tell|advise|notify)\s+(" + PERSONS + r")", re.I)
_WITHIN_DAYS = re.compile(r"\bwithin\s+(" + _NUMBER + r")\s+(?:\(\d+\)\s+)?(calendar\s+|working\s+|clear\s+)?days?\b", re.I)


def _interests_declare(s: Sentence) -> Found | None:
    if not _INTEREST.search(s.text) or re.search(r"public\s+interest|interests?\s+of\s+the\s+(?:council|public)", s.text, re.I):
        return None
    m = _DECLARE_TO.search(s.text) or _INFORM.search(s.text)
    if m is None:
        return None
    value = _persons(m.group(1))
    if re.search(r"\bin\s+writing\b", s.text, re.I):
        value += ", in writing"
    return Found(value, s, m)


def _interests_deadline(s: Sentence) -> Found | None:
    if not (_INTEREST.search(s.text) and re.search(r"\b(?:declar|disclos|regist|notif|inform|tell|report)", s.text, re.I)):
        return None
    m = _WITHIN_DAYS.search(s.text)
    if m is None or (m.group(2) or "").strip().lower() in {"working", "clear"}:
        return None
    days = _number(m.group(1))
    return Found(days, s, m) if days else None


# -- convictions ------------------------------------------------------------------

_REPORT_ACTIVE = re.compile(
    r"\b(?:you|employees|staff|officers|an?\s+employee)\s+(?:must|should|shall|are\s+required\s+to|is\s+required\s+to|will\s+need\s+to|need\s+to)\s+"
    r"(?:also\s+|immediately\s+|always\s+)?((?:tell|inform|notify|report|advise|disclose|declare|let)\b[^.]*)", re.I)
_REPORT_PASSIVE = re.compile(
    r"\b((?:any|all|an?)\s+[^.]{0,80}?\b(?:arrests?|charges?|cautions?|convictions?|offences?)[^.]{0,40}?)\s+"
    r"(?:must|should|shall)\s+be\s+(?:immediately\s+)?(?:reported|notified|disclosed|declared)\s+(?:immediately\s+)?(?:to\s+(" + PERSONS + "))?", re.I)
_THRESHOLD = [
    re.compile(r"(?:imprisonment|prison\s+sentence|custodial\s+sentence|sentence\s+of\s+imprisonment|jail)\s+(?:term\s+)?(?:of\s+)?"
               r"(at\s+least|not\s+less\s+than|more\s+than|over|exceeding|in\s+excess\s+of|)\s*(" + _NUMBER + r")\s+(months?|years?)", re.I),
    re.compile(r"(" + _NUMBER + r")\s+(months?|years?)['’]?s?\s+(or\s+more\s+|or\s+longer\s+)?(?:imprisonment|in\s+prison|custod)", re.I),
]


def _convictions_report(s: Sentence) -> Found | None:
    if not _CRIME.search(s.text):
        return None
    if re.search(r"\b(?:applying|applicants?|applications?|prospective|recruitment|DBS|disclosure\s+and\s+barring)\b", s.text, re.I):
        return None  # declaring convictions when applying is recruitment, not reporting
    m = _REPORT_ACTIVE.search(s.text)
    if m is not None:
        value = _clean_phrase(m.group(1))
        if m.group(0).split()[0].lower() != "you":
            value = _second_person(value)
        if len(value) <= 300 and _CRIME.search(s.text):
            return Found(value, s, m)
    m = _REPORT_PASSIVE.search(s.text)
    if m is not None and m.group(2):
        subject = lower_first(" ".join(m.group(1).split()))
        return Found(f"report {subject} to {_persons(m.group(2))}", s, m)
    return None


def _threshold(s: Sentence) -> Found | None:
    if not _CRIME.search(s.text) and not _CRIME.search(_heading(s)):
        return None
    m = _THRESHOLD[0].search(s.text)
    if m:
        n = _number(m.group(2))
        if not n:
            return None
        months = n * 12 if m.group(3).lower().startswith("year") else n
        strictly = m.group(1).strip().lower() in {"more than", "over", "exceeding", "in excess of"}
        note = f"The code says more than {n} {m.group(3)}; read as at least {months + 1} months." if strictly else ""
        return Found(months + 1 if strictly else months, s, m, note)
    m = _THRESHOLD[1].search(s.text)
    if m:
        n = _number(m.group(1))
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
    shorter = _clean_phrase(value[:cut].rstrip(" ,") + value[index + len(condition) :])
    return shorter if len(shorter.split()) >= 3 else value


# -- reporting concerns --------------------------------------------------------------

_RAISE = re.compile(r"\b(?:raise|report|discuss|take|bring)\b.{0,200}?\b(?:with|to)\s+(?:the\s+attention\s+of\s+)?(" + PERSONS + ")", re.I)
_TELL = re.compile(r"\b(?:tell|inform|contact|speak\s+to|talk\s+to|approach|notify|alert)\s+(" + PERSONS + ")", re.I)
_WB_POLICY = re.compile(r"(?:the\s+)?(?:council['’]?s\s+)?(?:" + _CAP + r"[\w-]*\s+){0,3}?(?:whistle-?\s?blowing|confidential\s+reporting|raising\s+concerns|speak(?:ing)?\s+up)(?:\s+" + _CAP + r"[\w-]*){0,3}?\s+(?:policy|procedure|code|charter)", re.I)


_FRAUD = re.compile(r"\b(?:fraud\w*|corrupt\w*|bribe\w*|brib\w*|theft|financial\s+irregularit\w*)\b", re.I)


def _fraud_to(pattern: re.Pattern[str], only: bool) -> Rule:
    """Whom to tell about fraud: sentences about fraud alone first, then any that name it."""
    def rule(s: Sentence) -> Found | None:
        if not _FRAUD.search(s.text):
            return None
        if only and re.search(r"\b(?:wrongdoing|malpractice|impropriety|improper|illegal|unlawful|unethical|breach\w*|dangerous)\b", s.text, re.I):
            return None
        m = pattern.search(s.text)
        return Found(_persons(m.group(1)), s, m) if m else None
    return rule


def _report_to(pattern: re.Pattern[str]) -> Rule:
    def rule(s: Sentence) -> Found | None:
        if not (_CONCERN.search(s.text) or re.search(r"concern|whistle|wrongdoing|improper|illegal", _heading(s), re.I)):
            return None
        if _FRAUD.search(s.text) and not re.search(r"\b(?:" + _WRONGDOING + r")\b", s.text, re.I):
            return None  # a rule about fraud only: whistleblowing.fraud
        if re.search(r"\b(?:you\s+are|if\s+you\s+(?:are|have\s+been))\s+(?:arrested|charged|convicted)", s.text, re.I):
            return None  # reporting your own arrest is convictions.report
        m = pattern.search(s.text)
        return Found(_persons(m.group(1)), s, m) if m else None
    return rule


def _wb_policy(s: Sentence) -> Found | None:
    m = _WB_POLICY.search(s.text)
    if m is None:
        return None
    value = " ".join(m.group(0).split())
    value = "the " + value[4:] if value.lower().startswith("the ") else "the " + value
    return Found(value, s, m)


# --------------------------------------------------------------------------- drafting


_ALCOHOL = re.compile(r"\b(?:alcohol|drugs?|drunk|intoxicat\w*|under\s+the\s+influence)\b", re.I)
_CONFIDENTIAL = re.compile(r"\b(?:confidential|personal\s+(?:data|information)|sensitive\s+information)\b", re.I)
_DISCLOSE = re.compile(r"\b(?:disclose|divulge|share|pass|release|reveal|discuss|use|give)\b", re.I)
_SOCIAL = re.compile(r"\b(?:social\s+media|facebook|twitter|instagram|tiktok|linkedin|blogs?|online\s+forums?)\b", re.I)
_COUNCIL_TIME = re.compile(r"\b(?:council|working|work|office|contracted)\s+(?:time|hours)\b", re.I)
_COUNCIL_KIT = re.compile(r"\b(?:equipment|resources|premises|facilities|vehicles?|laptops?|phones?|computers?|materials)\b", re.I)


def draft_policy(document: Document) -> list[Param]:
    """The parameters this code's clauses support, in schema order, each citing and quoting its clause."""
    all_sentences = _sentences(document)
    found: dict[str, Found] = {}

    def take(name: str, result: Found | None) -> Found | None:
        if result is not None:
            found[name] = result
        return result

    take("contact", _first(all_sentences, _contact(True), _contact(False)))
    take("gifts.limit", _first(all_sentences, _gift_limit))
    take("gifts.token_only", _first(all_sentences, _token_only))
    take("gifts.cash_banned", _first(all_sentences, _cash_banned))
    take("gifts.barred_givers", _first(all_sentences, _barred_givers))
    take("gifts.record", _first(all_sentences, _gift_record))
    take("gifts.register_keeper", _first(all_sentences, _register_keeper(True), _register_keeper(False)))
    take("hospitality.approval", _first(all_sentences, _hospitality_approval))
    take("outside_work.permission", _first(all_sentences, _outside_work_permission))
    take("outside_work.working_hours", _first(all_sentences, _must_not(_OUTSIDE_WORK, _COUNCIL_TIME)))
    take("outside_work.equipment", _first(all_sentences, _must_not(_OUTSIDE_WORK, _COUNCIL_KIT)))
    declare = take("interests.declare", _first(all_sentences, _interests_declare))
    take("interests.deadline", (_interests_deadline(declare.sentence) if declare else None)
         or _first(all_sentences, _interests_deadline))
    media = take("media.rule", _first(all_sentences, _must_not(_MEDIA)))
    if media is not None:
        take("media.authoriser", _media_authoriser(media))
    take("media.refer_to", _first(all_sentences, _media_refer))
    take("social_media.rule", _first(all_sentences, _must_not(_SOCIAL)))
    report = take("convictions.report", _first(all_sentences, _convictions_report))
    if report is not None:
        arrest = re.search(r"\barrest(?:ed|s)?\b", report.sentence.text, re.I)
        if arrest:
            found["convictions.arrest"] = Found(True, report.sentence, arrest)
        threshold = take("convictions.threshold_months", _threshold(report.sentence) or _first(all_sentences, _threshold))
        if threshold is not None and threshold.sentence == report.sentence and threshold.match is not None:
            found["convictions.report"] = Found(_without(str(report.value), threshold.match.group(0)),
                                                report.sentence, report.match, report.note)
    take("confidentiality.rule", _first(all_sentences, _must_not(_CONFIDENTIAL, _DISCLOSE)))
    take("alcohol_drugs.rule", _first(all_sentences, _must_not(_ALCOHOL)))
    take("whistleblowing.report_to", _first(all_sentences, _report_to(_RAISE), _report_to(_TELL)))
    take("whistleblowing.fraud", _first(all_sentences, _fraud_to(_RAISE, True), _fraud_to(_TELL, True),
                                                  _fraud_to(_RAISE, False), _fraud_to(_TELL, False)))
    take("whistleblowing.policy", _first(all_sentences, _wb_policy))

    params = []
    for name in SCHEMA:
        if name in found:
            f = found[name]
            value = tuple(f.value) if isinstance(f.value, list) else f.value
            params.append(Param(name, value, f.sentence.unit.clause.id, f.quote, f.note))
    return params


# --------------------------------------------------------------------------- the file


def policy_toml(document: Document, params: list[Param]) -> str:
    """The draft as a policy file a person can read, check and edit; parse_policy reads it back."""
    council = document.council
    slug = council.slug
    topics = sorted({name.split(".")[0] for name in SCHEMA if "." in name})
    drafted = {p.name.split(".")[0] for p in params if "." in p.name}
    silent = [_LABELS.get(t, t.replace("_", " ")) for t in topics if t not in drafted]
    example = params[0].citation if params else f"{slug}:1.1"
    lines = [f"# {council.name} — decision parameters, drafted automatically by `conduct add`.", "#"]
    lines += _comment_wrap(
        f"Conduct read {slug}'s code clause by clause and filled in the parameters below that it could read "
        "with confidence. Each entry names the clause it comes from (citation) and the words it was read from "
        "(quote, copied from that clause). A machine can misread a rule: check each one against its clause "
        f"(`conduct show {example}`).")
    lines.append("#")
    lines += _comment_wrap(
        "You can edit this file by hand: correct a value, delete an entry the code does not support, or add one "
        f"(the names and what they mean are listed by `conduct profile {slug}` and in "
        "assistant/decide/schema.py). Conduct checks this file whenever it loads it, and stops with a message "
        "naming the file, the parameter and the problem if something is wrong.")
    lines.append("#")
    lines += _comment_wrap("For a topic with no entry here, Conduct does not decide: it quotes the closest clauses "
                           "of the code instead.")
    lines.append(f"# Drafted: {len(params)} parameter{'s' if len(params) != 1 else ''}.")
    if silent:
        lines += _comment_wrap("Nothing drafted on: " + ", ".join(silent) + ".")
    current = None
    for param in params:
        topic = param.name.split(".")[0] if "." in param.name else "contact"
        if topic != current:
            current = topic
            label = _LABELS.get(topic, topic.replace("_", " "))
            lines += ["", f"# --- {label} " + "-" * max(3, 70 - len(label))]
        lines += ["", f"[{param.name}]", f"value = {_toml_value(param.value)}",
                  f"citation = {_toml_str(param.citation)}", f"quote = {_toml_str(param.quote)}"]
        if param.note:
            lines.append(f"note = {_toml_str(param.note)}")
    return "\n".join(lines) + "\n"


_LABELS = {"alcohol_drugs": "alcohol and drugs"}


def _comment_wrap(text: str, width: int = 78) -> list[str]:
    import textwrap

    return ["# " + line for line in textwrap.wrap(text, width - 2)]


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_str(str(v)) for v in value) + "]"
    return _toml_str(str(value))
