"""What each clause of a code decides: its rules, read from its own sentences.

A template knows seventeen topics; a code has rules on many more (expense claims,
gambling sites, copyright, protective equipment, smoking in vans...). This reads
every sentence of every clause, bundled or added, into a `Rule`: its modality
(must / must not / only with / should / may), whom it binds, the act, the
condition it holds under, the exception written inside it and the person it names.
A list item takes its modality from the clause or heading that introduces it
("Some examples of misuse are:", "When working on behalf of ECC you must:").

Plain patterns, no model: the same clause always reads the same way, and a code no
one here wrote ("No officer shall accept entertainment...", "Inform the Director
without delay...", "... are the responsibility of the Press Office alone") reads
as well as the five bundled ones. Rules are read once per document and kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.clause import Clause, Document

MUST_NOT = "must_not"
MUST = "must"
ONLY_WITH = "only_with"
"""The act needs someone's consent, authorisation or approval first, or is theirs alone."""
SHOULD = "should"
MAY = "may"
ENCOURAGED = "encouraged"

DUTY_VERBS = (
    "tell", "inform", "notify", "report", "declare", "disclose", "advise", "register", "record", "raise",
    "consult", "let", "make known", "made known", "alert", "refer", "seek advice", "seek the advice", "discuss",
)
CONSENT_WORDS = r"(?:consent|permission|approval|authori[sz]ation|agreement|clearance|say-so)"

_SENTENCES = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\"'‘“])|\n+|(?<=[;])\s*")
_PROHIBIT = re.compile(
    r"\b(?:must\s+not|mustn'?t|shall\s+not|shan'?t|should\s+not|shouldn'?t|(?<!or\s)may\s+not|cannot|can\s*not|"
    r"are\s+not\s+(?:permitted|allowed)|is\s+not\s+(?:permitted|allowed)|not\s+(?:be\s+)?permitted|"
    r"(?:is|are)\s+(?:strictly\s+)?(?:prohibited|forbidden|banned)|will\s+not\s+be\s+tolerated|never|"
    r"under\s+no\s+circumstances|is\s+(?:a|an)\s+(?:disciplinary|criminal)\s+offence|"
    r"(?:are|is)\s+(?:smoke|alcohol|drug)[\s-]free)\b",
    re.I,
)
_NO_ONE = re.compile(r"^\s*(?:no|none\s+of\s+the)\s+(?:officer|employee|member\s+of\s+staff|staff|one|person|officers|employees)\b"
                     r".*?\b(?:shall|should|must|may|will|is\s+to|are\s+to|can)\b", re.I)
_DO_NOT = re.compile(r"^\s*(?:do\s+not|don'?t|never|not\s+to|avoid)\b", re.I)
_MUST = re.compile(
    r"\b(?:must|shall|will\s+need\s+to|need\s+to|needs\s+to|have\s+to|has\s+to|(?:is|are)\s+(?:required|expected|obliged)\s+to|"
    r"(?:is|are)\s+responsible\s+for|it\s+is\s+(?:your|the\s+\w+'?s?)\s+(?:duty|responsibility)\s+to|we\s+expect\s+you\s+to)\b",
    re.I,
)
_SHOULD = re.compile(r"\b(?:should|ought\s+to|are\s+(?:asked|advised)\s+to|is\s+advised)\b", re.I)
_MAY = re.compile(r"(?<!which )(?<!that )(?<!who )(?<!it )(?<!this )\b(?:may|can|are\s+(?:allowed|permitted)\s+to|is\s+(?:allowed|permitted))\b"
                  r"(?!\s+(?:be\s+(?:relevant|regarded|considered|treated|seen|perceived|found|viewed|deemed|dealt)|result|lead|"
                  r"constitute|amount|affect|arise|occur|include|also|not|be\s+or\s+become|become|give\s+rise))", re.I)
_META = re.compile(r"\b(?:if|where|when)\s+(?:you\s+are|you're|in)\s+(?:any\s+)?(?:doubt|unsure|unclear|not\s+sure|uncertain)|"
                   r"\bfurther\s+(?:information|guidance|advice)\b|\bcan\s+be\s+found\b|\bsee\s+(?:the|our|also)\b|"
                   r"\bshould\s+be\s+read\s+(?:in\s+conjunction|alongside|with)\b|^\s*should\s+there\b", re.I)
_ENCOURAGED = re.compile(r"\b(?:encourage[sd]?|welcome[sd]?|is\s+supported|supports)\b", re.I)
_ONLY = re.compile(
    rf"\b(?:only\s+(?:with|after|if|when|where)\b[^.;]*?\b{CONSENT_WORDS}|without\s+(?:the\s+)?(?:prior\s+|express\s+|written\s+|formal\s+)*"
    rf"(?:\w+\s+){{0,3}}?{CONSENT_WORDS}|(?:obtain|get|seek|have|receive|gain)\s+(?:the\s+)?(?:prior\s+|express\s+|written\s+|formal\s+|advance\s+)*"
    rf"(?:\w+\s+){{0,3}}?{CONSENT_WORDS}|(?:must|should|shall|will)\s+be\s+(?:approved|authori[sz]ed|agreed|cleared|sanctioned)\b|"
    rf"unless\s+(?:you\s+are\s+|they\s+are\s+|expressly\s+|specifically\s+)*(?:authori[sz]ed|permitted|approved)|"
    rf"(?:is|are)\s+the\s+(?:sole\s+)?responsibility\s+of\s+[^.;]*?\b(?:alone|only|solely)\b|"
    rf"only\s+(?:be\s+)?(?:made|given|issued|handled|dealt\s+with)\s+by)",
    re.I,
)
_EXCEPTION = re.compile(
    r"\b(?:unless|except(?:\s+(?:where|when|for|that|in))?|other\s+than|apart\s+from|with\s+the\s+exception\s+of|"
    r"(?:this|it|which)\s+does\s+not\s+(?:include|apply\s+to|cover)|does\s+not\s+include|"
    r"would\s+not\s+be\s+considered|is\s+not\s+considered|are\s+not\s+considered|not\s+(?:be\s+)?considered\s+(?:a|to\s+be))\b",
    re.I,
)
_CONDITION = re.compile(r"\b(?:if|where|when|whilst|while|during|before|prior\s+to|provided(?:\s+that)?|in\s+accordance\s+with|as\s+long\s+as)\b", re.I)
_DUTY = re.compile(
    r"\b(?:tell|inform|notify|report|declare|disclose|advise|register|record(?:ed)?\s+(?:in|on|it|this|them)|raise|consult|alert|let\s+\w+\s+know|"
    r"make\s+(?:\w+\s+){0,3}known|be\s+made\s+known|made\s+known|seek\s+(?:the\s+)?advice|discuss|"
    r"submit\s+a\s+declaration|complete\s+a\s+declaration|withdraw|absent)\w*\b",
    re.I,
)
_PERSON = re.compile(
    r"\b(?:(?:your|their|his|her|the|an?|appropriate|relevant|own)\s+)*"
    r"(?:(?:line|senior|appropriate|relevant|service|area|group|hr|duty)\s+)?"
    r"(?:manager|supervisor|director(?:\s+of\s+[A-Z][\w&]*(?:\s+(?:and\s+)?[A-Z][\w&]*)*)?|"
    r"assistant\s+director(?:\s+of\s+[A-Z][\w&]*(?:\s+(?:and\s+)?[A-Z][\w&]*)*)?|head\s+of\s+(?:service|department|[A-Z]\w+)|"
    r"chief\s+executive|managing\s+director|monitoring\s+officer|chief\s+officer|section\s+151\s+officer|"
    r"press\s+office|communications\s+team|comms\s+team|media\s+team|internal\s+audit|audit\s+team|human\s+resources|"
    r"hr(?:\s+team)?|ict|it\s+services|information\s+governance\s+team|data\s+protection\s+officer|town\s+clerk|clerk|"
    r"management\s+team)\b",
    re.I,
)
_BINDS = re.compile(
    r"^\s*(?:all\s+)?(?P<who>(?:members\s+of\s+(?:the\s+)?[\w ]+?|(?:senior\s+|chief\s+|assistant\s+)?(?:officers?|employees?|staff|managers?|"
    r"directors?|you|we|employees\s+who\s+[^,]+|officers\s+who\s+[^,]+|those\s+who\s+[^,]+|anyone\s+who\s+[^,]+)))\s+"
    r"(?:must|shall|should|may|are|is|will|have|has|need|cannot|can)\b",
    re.I,
)
_ITEM_PARENT_PROHIBITS = re.compile(
    r"(?:unacceptable|misuse|misconduct|not\s+(?:be\s+)?(?:permitted|allowed|acceptable)|prohibited|must\s+not|should\s+not|"
    r"never|(?:is|are)\s+not\s+to|forbidden|breach(?:es)?\s+of)[^.]*?[:.]?\s*$",
    re.I,
)
_ITEM_PARENT_REQUIRES = re.compile(r"\b(?:must|should|required\s+to|expected\s+to|need\s+to|shall)\b[^.]*:\s*$", re.I)


@dataclass(frozen=True)
class Rule:
    """One sentence of a clause read as what it decides."""

    clause_id: str
    sentence: str
    """The governing sentence, as the clause prints it (a quote the clause really holds)."""
    modality: str
    """MUST_NOT, MUST, ONLY_WITH, SHOULD, MAY or ENCOURAGED."""
    duty: bool
    """The act is telling someone (report, declare, inform, notify, make known...) or stepping back (withdraw)."""
    binds: str | None
    """Whom it binds when the sentence says so ('Members of the Management Team'); None for everyone."""
    act: str
    """What is required, barred or allowed: the sentence from its modal on."""
    condition: str | None
    """When it holds ('while a tender exercise is under way'), if the sentence says."""
    exception: str | None
    """When it does not apply ('unless...', 'this does not include...'), if the sentence says."""
    person: str | None
    """Whom the rule names: to tell, to ask, or whose the decision is."""
    negative_exception: bool = False
    """The exception is written as a list item's NOTE ('this does not include ...')."""


def split_sentences(text: str) -> list[str]:
    return [s.strip(" ;") for s in _SENTENCES.split(text) if s and len(s.strip(" ;")) > 3]


def _tail(pattern: re.Pattern[str], sentence: str) -> str | None:
    match = pattern.search(sentence)
    if not match:
        return None
    return sentence[match.start():].strip(" .;,")


def read_sentence(clause_id: str, sentence: str, inherited: str | None = None) -> Rule | None:
    """The rule a sentence states, or None when it states none (a definition, a heading)."""
    text = _LABEL.sub("", sentence.strip(), count=1)
    if not text:
        return None
    exception_match = _EXCEPTION.search(text)
    main = text[: exception_match.start()] if exception_match else text
    exception = text[exception_match.start():].strip(" .;,()") if exception_match else None
    modality: str | None = None
    if _META.search(text):
        return None
    if inherited == MUST_NOT and not _ONLY.search(text):
        modality = MUST_NOT
    elif _ONLY.search(text):
        modality = ONLY_WITH
    elif _NO_ONE.search(main) or _DO_NOT.search(main):
        modality = MUST_NOT
    elif (first := _first_modal(main)) is not None:
        modality = first
    elif inherited:
        modality = inherited
    elif _imperative(text):
        modality = MUST
    if modality is None:
        return None
    binds_match = _BINDS.match(text)
    binds = binds_match.group("who").strip() if binds_match else None
    if binds and binds.lower() in {"you", "we", "officers", "officer", "employees", "employee", "staff", "all officers"}:
        binds = None
    modal = re.search(r"\b(must|shall|should|may|will|need|are required|is required|required|expected|are responsible|is responsible)\b", main, re.I)
    act = main[modal.start():].strip(" .;,") if modal else main.strip(" .;,")
    condition = _tail(_CONDITION, main)
    person = _person(text)
    return Rule(clause_id, text, modality, bool(_DUTY.search(main)), binds, act, condition, exception, person,
                bool(exception_match and re.search(r"does\s+not\s+include|not\s+be\s+considered", exception or "", re.I)))


_MODALS = ((_PROHIBIT, MUST_NOT), (_MUST, MUST), (_SHOULD, SHOULD), (_ENCOURAGED, ENCOURAGED), (_MAY, MAY))


def _first_modal(text: str) -> str | None:
    """The modality of the sentence's first modal: 'X may be claimed when an officer is required to
    work away' is a permission, whatever its condition says. 'must not' wins over the 'must' it starts with."""
    best: tuple[int, int] | None = None
    for order, (pattern, _) in enumerate(_MODALS):
        match = pattern.search(text)
        if match and (best is None or (match.start(), order) < best):
            best = (match.start(), order)
    return _MODALS[best[1]][1] if best is not None else None


_LABEL = re.compile(r"^\s*[A-Z][\w ]{2,30}:\s+")
_TO_PERSON = re.compile(r"\b(?:to|from|of|by|with)\s+$", re.I)


def _person(text: str) -> str | None:
    """The person a rule names, preferring one it sends you to ('to your manager', 'of the Director')."""
    found = [m for m in _PERSON.finditer(text)]
    for m in found:
        if _TO_PERSON.search(text[: m.start()]):
            return m.group(0).strip()
    return found[0].group(0).strip() if found else None


_IMPERATIVE_VERBS = frozenset(
    "act adhere arrange avoid check comply consider declare disclose discuss ensure follow inform keep let make "
    "notify obtain observe promote protect raise record refer refrain register remember report respect return "
    "seek submit take tell treat use withdraw wear work".split()
)


def _imperative(text: str) -> bool:
    """'Inform the Director...', or after a leading condition: 'Where ..., inform the Director...'."""
    first = text.split(None, 1)[0].lower().strip(",;:")
    if first in _IMPERATIVE_VERBS:
        return True
    after = re.search(r"^(?:if|where|when|whenever|should|once|before|after|as\s+soon\s+as)\b[^,]{3,160},\s+(?:you\s+must\s+|please\s+)?([a-z]+)", text, re.I)
    return bool(after and after.group(1).lower() in _IMPERATIVE_VERBS)


def item_modality(parent_text: str, heading: str) -> str | None:
    """What a list item inherits from the words that introduce it."""
    for intro in (parent_text.strip(), heading.strip()):
        if not intro:
            continue
        last = split_sentences(intro)[-1] if split_sentences(intro) else intro
        if _ITEM_PARENT_PROHIBITS.search(last) or re.search(r"(?:misconduct|unacceptable|misuse)", last, re.I):
            return MUST_NOT
        if _ITEM_PARENT_REQUIRES.search(last if last.endswith(":") else last + ":"):
            return MUST_NOT if re.search(r"\bnot\b", last, re.I) else MUST
    return None


def read_clause(clause: Clause, parent: Clause | None = None) -> tuple[Rule, ...]:
    """Every rule a clause states, in the order it states them."""
    inherited = None
    if parent is not None:
        inherited = item_modality(parent.body, parent.section)
    elif clause.section.rstrip().endswith(":"):
        inherited = item_modality("", clause.section)
    rules = []
    for sentence in split_sentences(clause.body):
        rule = read_sentence(clause.id, sentence, inherited)
        if rule is not None:
            rules.append(rule)
    return tuple(rules)


_READ: dict[int, tuple[Document, dict[str, tuple[Rule, ...]]]] = {}
_CLAUSES: dict[tuple[str, str, str], tuple[Rule, ...]] = {}


def rules_of(clause: Clause, parent: Clause | None = None) -> tuple[Rule, ...]:
    """One clause's rules, read once and kept: answering reads only the clauses it retrieved."""
    key = (clause.id, clause.body, parent.body if parent is not None else "")
    rules = _CLAUSES.get(key)
    if rules is None:
        if len(_CLAUSES) > 20_000:
            _CLAUSES.clear()
        rules = _CLAUSES[key] = read_clause(clause, parent)
    return rules


def rules_for(document: Document) -> dict[str, tuple[Rule, ...]]:
    """Every clause's rules, read once per document (a few milliseconds for a whole code)."""
    held = _READ.get(id(document))
    if held is not None and held[0] is document:
        return held[1]
    out = {}
    for clause in document.clauses:
        parent = document.get(clause.parent) if clause.parent else None
        out[clause.id] = rules_of(clause, parent)
    if len(_READ) > 64:
        _READ.clear()
    _READ[id(document)] = (document, out)
    return out
