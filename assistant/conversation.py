"""A conversation's state, and what kind of turn each line is.

A turn is one of four things, decided explicitly before anything is answered:

- ``reply``: an answer to the clarifying question Conduct just asked ("no", "I think so",
  "not sure", "about fifteen quid", "a parent"); it fills the slot that question asked for;
- ``what_if``: the same situation with one fact changed ("what if it were £20?");
- ``detail``: more about the same situation ("they're bidding for the contract I manage");
- ``new``: a new question, with fresh facts (and so is input Conduct cannot read at all).

The state is bounded: the words kept for the templates are the situation's opening question
and its last few lines, so a reply costs the same at line 10 and at line 20,000.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.decide.decision import Slot
    from assistant.understand.facts import Facts
    from assistant.understand.topics import Reading

REPLY, WHAT_IF, DETAIL, NEW = "reply", "what_if", "detail", "new"
RECENT_LINES = 3
"""Lines after the opening question whose words the templates still read."""
MAX_LINE_CHARS = 600
HISTORY = 100
"""Answers kept for /why and the chat's highlights; older ones are dropped."""


@dataclass
class Pending:
    """The clarifying question Conduct asked last, and the slot a reply fills."""

    slot: "Slot"
    question: str
    topic: str | None


@dataclass
class Conversation:
    """What a chat remembers between turns: council, topic, facts, the question awaiting a reply."""

    council: str | None = None
    topic: str | None = None
    facts: "Facts | None" = None
    opening: str = ""
    """The question that opened the current situation."""
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=RECENT_LINES))
    pending: Pending | None = None
    asked: str | None = None
    """The clarifying question of the last answer, so it is never asked twice in a row."""
    history: deque["Answer"] = field(default_factory=lambda: deque(maxlen=HISTORY))

    @property
    def said(self) -> str:
        """The words of the current situation the templates read: bounded, whatever the length."""
        return " ".join(part for part in (self.opening, *self.recent) if part)

    def start(self, text: str) -> None:
        self.opening = text[:MAX_LINE_CHARS * 2]
        self.recent.clear()

    def add(self, text: str) -> None:
        if not self.opening:
            self.start(text)
        else:
            self.recent.append(text[:MAX_LINE_CHARS])

    def deny(self, contexts: frozenset[str], line: str) -> str:
        """Forget the words that said what a later line denies; returns the line without its denials.

        "No, they're not involved in any tender" takes the tender out of what the templates read,
        from earlier lines too, so the words cannot bring back what the facts no longer hold.
        """
        if not contexts:
            return line
        from assistant.understand.facts import extract_facts

        def keep(text: str, negated_too: bool) -> str:
            parts = [p for p in _PARTS.split(text) if p.strip()]
            kept = [p for p in parts
                    if not (extract_facts(p).context & contexts and (negated_too or not _NEGATION.search(p.lower())))]
            return ", ".join(p.strip() for p in kept)

        self.opening = keep(self.opening, False)
        self.recent = deque((keep(r, False) for r in self.recent), maxlen=RECENT_LINES)
        return keep(line, True)

    def reset(self, keep_council: bool = True) -> None:
        council = self.council if keep_council else None
        self.__init__()  # type: ignore[misc]
        self.council = council


# -- replies -------------------------------------------------------------------

_UNKNOWN = ("i don't know", "i dont know", "i do not know", "don't know", "dont know", "dunno", "not sure",
            "i'm not sure", "im not sure", "i am not sure", "no idea", "i have no idea", "i've no idea", "not a clue",
            "no clue", "unsure", "i'm unsure", "not certain", "i'm not certain", "can't remember", "i can't remember",
            "cant remember", "couldn't tell you", "couldn't say", "can't say", "how do i find out", "how would i know",
            "how can i find out", "how do i check", "how do i know", "who knows", "haven't a clue", "no one has told me",
            "nobody has told me", "i'm not too sure", "not too sure", "not 100% sure", "not 100 percent sure")
_NO = ("no", "nope", "nah", "na", "not really", "i don't think so", "i dont think so", "i do not think so",
       "it isn't", "it's not", "its not", "it is not", "i'm not", "im not", "i am not", "they aren't", "they're not",
       "they are not", "i wasn't", "i was not", "it wasn't", "it was not", "not at all", "negative", "never",
       "not that i know of", "not as far as i know", "definitely not", "certainly not", "no way", "i don't",
       "i didn't", "it doesn't", "they don't", "not me", "none")
_YES = ("yes", "yeah", "yep", "yup", "yea", "aye", "ya", "correct", "that's right", "thats right", "it is", "i am",
        "they are", "i do", "it does", "i was", "it was", "we are", "sure", "i think so", "i believe so", "probably",
        "definitely", "absolutely", "of course", "affirmative", "true", "indeed", "certainly", "i reckon so",
        "think so", "believe so", "i'm pretty sure it is", "pretty sure", "i guess so", "i suppose so", "yes it is")


def _phrases(words: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    lead = ("well|um+|er+|erm|hmm+|oh|ah|ok|okay|so|honestly|to be honest|tbh|actually|apparently|sorry|"
            "(?:it )?turns out|i(?:'ve| have)? (?:just )?(?:checked|asked)(?: and)?|just checked(?: and)?|i found out")
    return re.compile(rf"^(?:(?:{lead})[,.!]?\s+)*(?:{body})(?![a-z0-9'])")


_UNKNOWN_RE, _NO_RE, _YES_RE = _phrases(_UNKNOWN), _phrases(_NO), _phrases(_YES)


_MARKUP = re.compile(r"\[/?[A-Za-z#@][^\[\]\n]{0,60}\]")
_NUMBER = re.compile(r"^[£$€]?\d+(?:[.,]\d+)*[kp]?[.,!?]?$")


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub(" ", text).lower().replace("’", "'").split())


def answer_word(text: str) -> tuple[str, str] | None:
    """('yes' | 'no' | 'unknown', the rest of the line) when the line opens with an answer."""
    plain = _plain(text)
    for kind, pattern in (("unknown", _UNKNOWN_RE), ("no", _NO_RE), ("yes", _YES_RE)):
        match = pattern.match(plain)
        if match:
            return kind, plain[match.end():].lstrip(" ,.;:!-")
    return None


def fills(slot: "Slot", facts: "Facts") -> bool:
    """Whether a line supplies the fact a value slot asked for."""
    if slot.name == "amount":
        return facts.amount is not None or facts.foreign_amount is not None
    if slot.name == "giver":
        return facts.giver is not None or facts.relation is not None
    if slot.name == "item":
        return facts.item is not None or facts.amount is not None
    return False


# -- what kind of turn ---------------------------------------------------------

_NEW = re.compile(
    r"\b((different|separate|unrelated|another|other|new|random|second|next)\s+(question|thing|one|matter|topic|issue|q|query|subject)|"
    r"totally different|completely different|something else|forget (that|it|about that|about it)|never mind( that)?|"
    r"changing the subject|change of subject|on another note|while i'?ve got you|while i have you|unrelated)\b")
_WHAT_IF = re.compile(
    r"(^|[.!?,;]\s*|\b(and|but|ok|okay|so|fair|right)\s+)(what|how)\s+(if|about)\b|\bwhat if\b|\bsuppos(e|ing)\b|"
    r"\bwhat about\b|\bhow about\b|\binstead\b|\b(if|say) (it|they|he|she|the \w+) (was|were|had been|is|are)\b|"
    r"\bwould it (be )?(any )?different\b|\bdoes it (make a|change)\b")
_LEAD = re.compile(r"^(?:(?:ok|okay|right|so|and|also|but|cheers|thanks|thank you|fair|great|hi|hello|sorry|one more thing|quick one)[,.!]?\s+)+")
_QUESTION = re.compile(r"^(can|could|may|am|do|does|did|should|shall|is|are|was|were|would|will|must|what|how|who|whom|"
                       r"where|when|which|why|have|has|any|anything|i'd like to know|i want to know)\b")
_OK_PHRASE = re.compile(r"\b(is|would|will) (it|that|this) be (ok|okay|alright|all right|fine|allowed|acceptable|a problem)\b|"
                        r"\b(is|would) it (ok|okay|alright|all right|fine|allowed|acceptable|a problem)\b|\bit's (ok|fine)\b")
_ANAPHORA = re.compile(r"\b(it|that|this|them|they|they're|he|she|him|her|his|hers|their|the same|still|then|either|also|too)\b")
_UNKNOWN_WORD = re.compile(r"[a-z']+")


def turn_kind(text: str, reading: "Reading", facts: "Facts", convo: Conversation) -> str:
    """Which of the four kinds a line is, given what Conduct is waiting for (module docstring)."""
    plain = _plain(text)
    if _NEW.search(plain) or convo.topic is None:
        return NEW
    if convo.pending is not None:
        if answer_word(plain) is not None:
            return REPLY
        if fills(convo.pending.slot, facts) and len(plain.split()) <= 12 and not _question(plain):
            return REPLY
    if unreadable(plain, reading, facts):
        return NEW
    top = reading.scores[0][1] if reading.scores else 0.0
    current = dict(reading.scores).get(convo.topic, 0.0)
    other = reading.topic is not None and reading.topic != convo.topic and current == 0
    if _WHAT_IF.search(plain):
        return NEW if other and top >= 5 else WHAT_IF
    if _question(plain) and reading.topic is not None and top >= 2:
        if other:
            return NEW
        if reading.topic == convo.topic and not _ANAPHORA.search(_OK_PHRASE.sub(" ", _LEAD.sub("", plain))) and _restates(facts):
            return NEW
    if other and top >= 4:
        return NEW
    return DETAIL


def _question(plain: str) -> bool:
    return bool(_QUESTION.match(_LEAD.sub("", plain)))


def _restates(facts: "Facts") -> bool:
    """A same-topic question that names its own situation (a giver, an item, a relation) starts afresh."""
    return facts.giver is not None or facts.relation is not None or facts.item is not None


def unreadable(plain: str, reading: "Reading", facts: "Facts") -> bool:
    """No topic, no fact and not one ordinary English word ('asdf'): never read as a follow-up."""
    if reading.topic is not None or not facts.is_empty() or answer_word(plain) is not None:
        return False
    if any(_NUMBER.match(token) for token in plain.split()):
        return False  # a bare figure answers something: "spinal point 31"
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _UNKNOWN_WORD.findall(plain)
    return not any(w in STOP_WORDS or w.replace("'", "") in STOP_WORDS for w in words)


# -- negated detail ----------------------------------------------------------

_PARTS = re.compile(r"[,.;:!?]+|\b(?:but|though|although|however|whereas|and)\b", re.I)
_CLAUSE = re.compile(r"[,.;:!?]+|\b(?:but|though|although|however|whereas)\b")
_NEGATION = re.compile(r"\b(not|no|never|nothing|none|nor|neither|without|isn't|aren't|wasn't|weren't|don't|doesn't|"
                       r"didn't|haven't|hasn't|won't|can't|cannot|shouldn't|wouldn't|isnt|arent|dont|doesnt|didnt)\b|n't\b")


def negated_contexts(text: str) -> frozenset[str]:
    """Circumstances a line says do NOT hold: 'they're not involved in any contract' negates procurement.

    A circumstance counts as negated when its clause has a negation and the circumstance is still
    read with the negation taken out; one whose own words are negative ('I said no' = declined) is not.
    """
    from assistant.understand.facts import extract_facts

    out: set[str] = set()
    for clause in _CLAUSE.split(_plain(text)):
        if not clause or not _NEGATION.search(clause):
            continue
        found = extract_facts(clause).context
        if found:
            out |= found & extract_facts(_NEGATION.sub(" ", clause)).context
    return frozenset(out)


def without(facts: "Facts", contexts: frozenset[str]) -> "Facts":
    if not contexts or not (facts.context & contexts):
        return facts
    from dataclasses import replace

    return replace(facts, context=frozenset(facts.context - contexts))

