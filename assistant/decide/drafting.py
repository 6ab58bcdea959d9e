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

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from assistant.decide.policy import Param
from assistant.decide.schema import SCHEMA
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

CAP = r"(?-i:[A-Z])"
"""A capital letter even inside a case-insensitive pattern: names of offices are capitalised."""
_FUNCTION = r"(?:to|from|of|for|by|with|in|on|at|and|or|before|after|who|whom|which|that|if|within|the|your|their|his|her|a|an|any|all|this|these|is|are|be|must|should|will|may|can|not|as|such)"
_ROLE = (r"(?:managers?|officers?|directors?|head|heads|executive|chief|supervisors?|team|unit|office|department|"
         r"service|adviser|advisor|lead|leader|partner|committee|hr|human\s+resources|clerk|secretary|auditors?|"
         r"audit|board|panel|group|governance|representative|section|desk|mayor|solicitor|controller)")
_OF_TAIL = rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:{CAP}[\w'’&-]*|service|department|section|paid\s+service|hr|human\s+resources)(?:\s+(?:and\s+)?{CAP}[\w'’&-]*)*)?"
_ONE_PERSON = (rf"(?:(?:your|the|their)\s+(?:(?!{_FUNCTION}\b)[\w'’&-]+\s+){{0,4}}?{_ROLE}\b{_OF_TAIL}"
               rf"|(?:{CAP}[\w'’&-]*\s+){{0,3}}(?-i:Officer|Manager|Director|Head|Team|Unit|Office|Department|Resources|Audit|Executive|Service){_OF_TAIL})")
PERSONS = rf"{_ONE_PERSON}(?:(?:\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and(?:/or)?\s+){_ONE_PERSON})*"
_PERSONS_RE = re.compile(PERSONS, re.I)

GIFT = re.compile(r"\b(?:gifts?|presents?|gratuit(?:y|ies))\b", re.I)
HOSPITALITY = re.compile(r"\b(?:hospitality|invitations?|entertainment|meals?|tickets?|events?)\b", re.I)
OUTSIDE_WORK = re.compile(
    r"\b(?:(?:outside|other|secondary|second|additional|private|paid|external|further)\s+(?:paid\s+)?"
    r"(?:work|employment|jobs?|business(?:es)?|occupations?|appointments?|interests?)|self[- ]employ\w*|second\s+job|moonlight\w*)\b",
    re.I)
INTEREST = re.compile(r"\binterests?\b", re.I)
_DOUBT = re.compile(r"\b(?:unclear|unsure|not\s+sure|doubt|questions?|clarification|uncertain|queries|query)\b", re.I)

PROHIBIT = re.compile(
    r"\b(?:must|should|shall|may|can|will)\s+not\s+(?:\w+\s+(?:or|and)\s+)?(?:be\s+)?(?:accept|receiv|kept|keep|retain|take)"
    r"|\b(?:must|should|shall|will)\s+(?:always\s+|politely\s+|be\s+|therefore\s+)*(?:declin|refus|return)"
    r"|\b(?:is|are)\s+not\s+(?:to\s+be\s+)?(?:accepted|permitted|allowed|acceptable)"
    r"|\bcannot\s+(?:be\s+)?(?:accept|kept|keep)|\bnever\s+(?:be\s+)?(?:accept|receiv|take)"
    r"|\bunder\s+no\s+circumstances|\b(?:strictly\s+)?(?:prohibited|forbidden)\b"
    r"|\bnot\s+(?:be\s+)?(?:regarded|considered|viewed|seen|treated)\s+as\s+(?:a\s+)?['‘’\"]?token"
    r"|\bunlikely\s+to\s+be\s+(?:regarded|considered|viewed|seen|treated)\s+as"
    r"|\boffence\s+(?:for\s+(?:an?\s+)?\w+\s+)?to\s+accept",
    re.I)
PERMIT = re.compile(
    r"\b(?:may|can|could)\s+(?:normally\s+|usually\s+|generally\s+|only\s+)?(?:be\s+)?(?:accept|kept|keep|retain|receiv)"
    r"|\b(?:is|are)\s+(?:normally\s+|usually\s+|generally\s+)?(?:acceptable|allowed|permitted)\b",
    re.I)
EXCEPTION = re.compile(r"\b(?:unless|except|other\s+than|apart\s+from|without|until|token|small|modest|nominal|minor|low[- ](?:value|cost)|worth|value)\b", re.I)

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21, "twenty-eight": 28,
    "thirty": 30, "thirty-one": 31, "a": 1,
}
NUMBER = r"(?:\d{1,3}|" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS if w != "a"), key=len, reverse=True)) + r")"


def number(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text)


def clean_phrase(text: str) -> str:
    """A verbatim phrase tidied to complete a sentence: lower-case start, no closing full stop."""
    text = " ".join(text.split()).strip().rstrip(".;:,").strip()
    return lower_first(text)


def second_person(text: str) -> str:
    """'employees must not use their …' reads as 'you must not use your …' in an answer."""
    swaps = {"their": "your", "they": "you", "themselves": "yourself", "them": "you"}
    return re.sub(r"\b(their|they|themselves|them)\b", lambda m: swaps[m.group(1).lower()], text)


def persons(match_text: str) -> str:
    """Tidy a captured list of people, as the reader would say it: 'their manager' -> 'your manager'."""
    text = " ".join(match_text.split()).strip(" ,")
    text = re.sub(r"\s+(?:or|and)$", "", text)
    text = second_person(text)
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


def first(all_sentences: list[Sentence], *rules: Rule) -> Found | None:
    """The first sentence (in document order) the first rule accepts; later rules are fallbacks."""
    for rule in rules:
        for sentence in all_sentences:
            found = rule(sentence)
            if found is not None and len(found.quote) >= 8:
                return found
    return None


def heading(sentence: Sentence) -> str:
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
        return Found(persons(m.group(1)), s, m) if m else None
    return rule


# -- approval: outside work and hospitality ----------------------------------------

_ADJ = r"(?:(?:prior|advance|written|express|formal|explicit|the)\s+(?:and\s+)?)*"
_NOUN = r"(?:approval|permission|consent|authori[sz]ation|agreement)"
_APPROVAL = [
    re.compile(r"(" + _ADJ + r")(" + _NOUN + r")\s+(of|from)\s+(" + PERSONS + ")", re.I),
    re.compile(r"(" + PERSONS + r")['’]s?\s+(" + _ADJ + _NOUN + r")", re.I),
    re.compile(r"\b(?:approved|authori[sz]ed|agreed)\s+(in\s+writing\s+|in\s+advance\s+)?by\s+(" + PERSONS + ")", re.I),
]


def approval_value(s: Sentence) -> Found | None:
    text = s.text
    m = _APPROVAL[0].search(text)
    if m:
        adjectives = " ".join(w for w in m.group(1).lower().split() if w not in {"the", "and"})
        article = "the " if m.group(3).lower() == "of" else ""
        noun = f"{adjectives} {m.group(2).lower()}".strip()
        return Found(f"{article}{noun} {m.group(3).lower()} {persons(m.group(4))}", s, m)
    m = _APPROVAL[1].search(text)
    if m:
        return Found(clean_phrase(m.group(0)), s, m)
    m = _APPROVAL[2].search(text)
    if m:
        written = "written " if m.group(1) and "writing" in m.group(1).lower() else ""
        return Found(f"{written}approval from {persons(m.group(2))}", s, m)
    return None


# -- "you must not …" rules --------------------------------------------------------

_MUST_NOT = re.compile(
    r"\b(you|employees|staff|officers|an?\s+employee|an?\s+officer|members\s+of\s+staff|no\s+employee)\s+"
    r"(?:must|should|shall|may|are\s+not\s+to|is\s+not\s+to)(?:\s+not|\s+never)?\s+(?!be\b)(?:not\s+)?(?:ever\s+)?", re.I)


def must_not(topic: re.Pattern[str], also: re.Pattern[str] | None = None, in_heading: bool = False) -> Rule:
    def rule(s: Sentence) -> Found | None:
        if not (topic.search(s.text) or (in_heading and topic.search(heading(s)))):
            return None
        if also is not None and not also.search(s.text):
            return None
        m = _MUST_NOT.search(s.text)
        if m is None or not re.search(r"\bnot\b|\bnever\b|\bno\s+employee\b", m.group(0), re.I):
            return None
        rest = s.text[m.end() :]
        rest = re.split(r"\s+unless\b|;", rest, maxsplit=1)[0]
        value = clean_phrase(rest)
        if m.group(1).lower() != "you":
            value = second_person(value)
        if len(value.split()) < 2 or len(value) > 200:
            return None
        return Found(value, s, m)
    return rule


# --------------------------------------------------------------------------- drafting


class Draft(dict[str, Found]):
    """What one topic's drafting found: parameter name -> the sentence it was read from."""

    def take(self, name: str, result: Found | None) -> Found | None:
        if result is not None:
            self[name] = result
        return result


def draft_policy(document: Document) -> list[Param]:
    """The parameters this code's clauses support, in schema order, each citing and quoting its clause.

    The contact is read here; each topic's own parameters by its drafting.py
    (assistant/decide/topics/<topic>/drafting.py)."""
    from assistant.decide.topics import TOPICS

    all_sentences = _sentences(document)
    found = Draft()
    found.take("contact", first(all_sentences, _contact(True), _contact(False)))
    for topic in TOPICS:
        found.update(import_module(f"assistant.decide.topics.{topic}.drafting").draft(all_sentences))
    for name, result in by_rule(all_sentences).items():
        if name not in found and not _topic_drafted(found, name):
            found[name] = result
    params = []
    for name in SCHEMA:
        if name in found:
            f = found[name]
            value = tuple(f.value) if isinstance(f.value, list) else f.value
            params.append(Param(name, value, f.sentence.unit.clause.id, f.quote, f.note))
    return params


# --------------------------------------------------------------------------- rules in a code's own words

_MEDIA_WORDS = re.compile(r"(?<!social\s)\b(?:media|press|journalists?|newspapers?|reporters?|broadcasters?|radio|television)\b"
                          r"(?!\s+release)", re.I)
_HOSPITALITY_WORDS = re.compile(r"\b(?:hospitality|entertainment|entertained|meals?|dinners?|lunch(?:es)?|invitations?|tickets?|"
                                r"drinks|outings?|functions?|events?)\b", re.I)
_PROCUREMENT_WORDS = re.compile(r"\b(?:tenders?|tendering|bids?|bidders?|bidding|procurement|contract\s+award|quotations?|"
                                r"purchasing\s+decisions?|letting\s+of\s+contracts?)\b", re.I)
_CONFLICT_WORDS = re.compile(r"\b(?:family|relatives?|relations|partners?|spouses?|friends?|(?:conflicts?|declarations?)\s+of\s+interests?|"
                             r"(?:personal|financial|private|business)\s+interests?|shareholdings?)\b", re.I)
_NO_DUTY = re.compile(r"\b(?:do|does|will)\s+not\s+(?:need|have)\s+to\b|\bneed\s+not\b", re.I)
_WITHDRAW = re.compile(r"\b(?:withdraw|take\s+no\s+part|not\s+take\s+part|stand\s+aside|step\s+aside|absent\s+yourself)\b"
                       r"[^.;]*", re.I)


def _verb_phrase(act: str) -> str:
    """'shall accept entertainment ...' -> 'accept entertainment ...': the act without its modal."""
    text = re.sub(r"^(?:must|shall|should|will|may|is\s+to|are\s+to|can)\s+(?:not\s+|never\s+)?", "", act.strip(), flags=re.I)
    return clean_phrase(second_person(text))


def _found_at(sentence: Sentence, words: str, value: object) -> Found | None:
    match = re.search(re.escape(words), sentence.text)
    return Found(value, sentence, match) if match else None


def by_rule(all_sentences: list[Sentence]) -> dict[str, Found]:
    """Parameters read from the clause reader's rules, for a code that words them its own way.

    The topic patterns look for the bundled codes' phrasing ('must not accept', 'refer ... to');
    the clause reader knows a rule by its modality whatever its wording: 'No officer shall
    accept entertainment from a firm while a tender exercise is under way' is a procurement
    rule on hospitality, 'Statements to the media are the responsibility of the Press Office
    alone' sends journalists to the Press Office, 'Where a member of your family works for a
    bidder, inform the Director without delay and withdraw from the decision' says whom an
    interest is declared to and that you step back. Each is quoted from its sentence."""
    from assistant.decide.clause_rules import MUST, MUST_NOT, ONLY_WITH, SHOULD, read_sentence

    out: dict[str, Found] = {}
    for sentence in all_sentences:
        if sentence.unit.is_list:
            continue
        rule = read_sentence(sentence.unit.clause.id, sentence.text)
        if rule is None:
            continue
        text = rule.sentence
        if rule.modality == ONLY_WITH and rule.person and _MEDIA_WORDS.search(text) and "media.refer_to" not in out:
            got = _found_at(sentence, rule.person, persons(rule.person))
            if got is not None:
                out["media.refer_to"] = got
        if (rule.modality == MUST_NOT and _HOSPITALITY_WORDS.search(text) and _PROCUREMENT_WORDS.search(text)
                and "hospitality.procurement" not in out):
            value = _verb_phrase(rule.act)
            if len(value.split()) >= 2 and len(value) <= 200:
                got = _found_at(sentence, rule.act, "not " + value)
                if got is not None:
                    out["hospitality.procurement"] = got
        if (rule.modality in {MUST, SHOULD} and rule.duty and _CONFLICT_WORDS.search(text) and not _MEDIA_WORDS.search(text)
                and not _NO_DUTY.search(text)):
            told = re.search(r"\b(?:inform|tell|notify|advise|declare\s+(?:it|this|the\s+interest)?\s*to|report\s+(?:it|this)?\s*to)\s+("
                             + PERSONS + ")", text, re.I)
            if told and "interests.declare" not in out:
                got = _found_at(sentence, told.group(0), persons(told.group(1)))
                if got is not None:
                    out["interests.declare"] = got
            withdraw = _WITHDRAW.search(text)
            if withdraw and "interests.withdraw" not in out:
                got = _found_at(sentence, withdraw.group(0), clean_phrase(second_person(withdraw.group(0))))
                if got is not None:
                    out["interests.withdraw"] = got
    return out


def _topic_drafted(found: Draft, name: str) -> bool:
    """A topic whose own patterns already drafted its main rule keeps it: the reader only fills gaps."""
    return name == "media.refer_to" and "media.rule" in found


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
        lines += ["", _toml_table(param).rstrip("\n")]
    return "\n".join(lines) + "\n"


def _toml_table(param: Param) -> str:
    """One parameter as a TOML table, written by a TOML writer (tomli-w), never by string formatting."""
    import tomli_w

    entry: dict[str, object] = {"value": list(param.value) if isinstance(param.value, tuple) else param.value,
                                "citation": param.citation, "quote": param.quote}
    if param.note:
        entry["note"] = param.note
    nested: dict[str, object] = entry
    for key in reversed(param.name.split(".")):
        nested = {key: nested}
    text = tomli_w.dumps(nested)
    # tomli-w may write a parent table header ("[gifts]" before "[gifts.limit]"): keep only the leaf's
    return "\n".join(line for line in text.split("\n") if not (line.startswith("[") and line != f"[{param.name}]")
                     ).strip("\n") + "\n"


_LABELS = {"alcohol_drugs": "alcohol and drugs"}


def _comment_wrap(text: str, width: int = 78) -> list[str]:
    import textwrap

    return ["# " + line for line in textwrap.wrap(text, width - 2)]
