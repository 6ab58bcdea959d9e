"""What every decision template works with: the context it reads and the decision it builds.

A template reads facts and its council's parameters and says what the code
decides. It never names a council's rule in code: every sentence it writes
comes from a parameter, so every reason cites the clause that parameter quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.answer import Point
from assistant.decide.policy import Param, Policy
from corpus.clause import Council

if TYPE_CHECKING:
    from assistant.understand.facts import Facts


@dataclass(frozen=True)
class Context:
    council: Council
    policy: Policy
    facts: "Facts"
    question: str

    def p(self, name: str) -> Param | None:
        return self.policy.get(name)

    @property
    def name(self) -> str:
        return self.council.short_name

    def contact(self) -> str:
        param = self.p("contact")
        return param.value if param else "your line manager or HR"

    def has(self, *context: str) -> bool:
        return any(c in self.facts.context for c in context)

    def mentions(self, *phrases: str) -> bool:
        """Whether the question (or the conversation so far) uses any of these words, as whole words."""
        text = f" {_words(self.question)} "
        return any(f" {_words(p)} " in text for p in phrases)


def ref(param: Param) -> str:
    """The short clause reference used inside sentences: '14.5', 'gifts-and-hospitality/3'."""
    return param.citation.split(":", 1)[1]


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


@dataclass(frozen=True)
class Slot:
    """The fact a clarifying question asks for, so the conversation knows what a reply fills.

    ``name`` is a fact field (``amount``, ``giver``, ``item``) or a yes/no question of the
    template's own. For a yes/no slot, ``yes`` and ``no`` are the words the template itself
    reads for each answer: a bare "no" is read as if the person had said ``no``.
    """

    name: str
    yes: str = ""
    no: str = ""

    @property
    def yes_no(self) -> bool:
        return bool(self.yes and self.no)


@dataclass
class Decision:
    """A template's verdict, built up point by point; params used are kept for the trace."""

    template: str
    verdict: str = "guidance"
    summary: str = ""
    rule: str = ""
    reasons: list[Point] = field(default_factory=list)
    actions: list[Point] = field(default_factory=list)
    used: list[Param] = field(default_factory=list)
    follow_up: str | None = None
    follow_up_why: str | None = None
    decisive: list[Param] = field(default_factory=list)
    """Params whose quote decided the verdict: the chat highlights those words."""
    readings: list[dict[str, object]] = field(default_factory=list)
    """Conduct's own readings that took part (not the code's words), for the trace after the params."""
    slot: Slot | None = None
    """What a clarifying question waits for: the conversation fills it from the reply."""

    def _use(self, param: Param) -> None:
        if param not in self.used:
            self.used.append(param)

    def because(self, param: Param | None, text: str) -> "Decision":
        if param is not None and text.strip():
            self._use(param)
            self.reasons.append(Point(sentence(text), param.citation))
        return self

    def then(self, param: Param | None, text: str) -> "Decision":
        if param is not None and text.strip():
            self._use(param)
            self.actions.append(Point(sentence(text), param.citation))
        return self

    def decide(self, verdict: str, rule: str, summary: str, *decisive: Param | None) -> "Decision":
        self.verdict, self.rule, self.summary = verdict, rule, sentence(summary)
        for param in decisive:
            if param is not None:
                self._use(param)
                self.decisive.append(param)
        return self

    def rule_from(self, verdict: str, rule: str, param: Param, text: str, lead: str = "") -> "Decision":
        """Decide from one parameter: the summary and the reason say the same thing, citing it."""
        self.decide(verdict, rule, f"{lead}{text} ({ref(param)})", param)
        return self.because(param, text)

    def ask(self, question: str, why: str, rule: str, *decisive: Param | None, slot: Slot | None = None) -> "Decision":
        self.decide("needs_info", rule, question, *decisive)
        self.follow_up, self.follow_up_why = question, sentence(why)
        self.slot = slot
        return self

    @property
    def decided(self) -> bool:
        return bool(self.rule)


def not_covered(ctx: Context, template: str, what: str) -> Decision:
    """The code is silent: say so, cite nothing about the topic, and name whom to ask."""
    d = Decision(template)
    contact = ctx.p("contact")
    d.decide(
        "not_covered",
        "code_silent",
        f"{ctx.name}'s code of conduct does not say anything about {what}. Ask {ctx.contact()}",
    )
    d.then(contact, f"Ask {contact.value} ({ref(contact)})" if contact else "")
    return d


PROCUREMENT_WORDS = ("tender", "tendering", "bidding", "bid for", "bidder", "bidders", "renegotiating", "renegotiate",
                     "evaluating", "evaluation panel", "procurement", "contract award", "awarding the contract",
                     "quote for", "quotes for")


def in_procurement(ctx: "Context") -> bool:
    """A purchasing or regulatory decision involving the giver is under way (facts, or the words used)."""
    return ctx.has("procurement", "regulatory") or ctx.mentions(*PROCUREMENT_WORDS)


MUST_I_TELL = ("do i need to declare", "do i have to declare", "should i declare", "must i declare",
               "do i need to tell", "do i have to tell", "should i tell", "must i tell", "do i need to report",
               "do i have to report", "do i need to record", "do i have to record", "need to tell anyone",
               "have to tell anyone", "need to let", "do i need to inform", "do i have to inform",
               # the other verbs of a duty to tell: log it, register it, write it down, mention it
               "need logging", "need to log", "have to log", "should i log", "log it", "need recording",
               "need registering", "need to register", "have to register", "register it", "put it in the register",
               "put it anywhere", "put it down", "write it down", "note it", "need to mention", "have to mention",
               "should i mention", "still need to", "still have to", "still need declaring", "need declaring",
               "fill anything in", "fill in a form", "need to disclose", "have to disclose", "should i disclose")


def asks_must_i_tell(ctx: "Context") -> bool:
    """'Do I need to declare it?' asks about a duty to tell, not whether something is allowed."""
    return ctx.mentions(*MUST_I_TELL)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9£']+", " ", text.lower().replace("’", "'")).split())


def forbids(value: str) -> bool:
    """Whether a rule phrase is a prohibition ('not disclose…', 'never…'), which makes the verdict a no."""
    lowered = value.lower()
    return lowered.startswith(("not ", "never ", "no ")) or " must not " in f" {lowered} "


def pounds(pence: int) -> str:
    return f"£{pence // 100:,}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"
