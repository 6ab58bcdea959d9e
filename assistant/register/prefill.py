"""The Record this form, filled from an Answer and the conversation: the officer completes only what is missing.

Everything here is read from the answer's own facts and the council's
policy parameters, never guessed: the giver's name is taken from the
question's words only where the officer wrote one ("from Acme Ltd"); the
value from the amount the answer used; accepted or declined from what the
officer said; whom it goes to from the parameter the answer cited.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from assistant.register.model import Draft

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.decide.policy import Policy

RECORDABLE_TOPICS = {
    "gifts": "gift", "hospitality": "hospitality", "bequests": "gift", "purchases": "gift",
    "interests": "interest", "outside_work": "outside_work", "relationships": "relationship",
}
_ACTION = re.compile(r"\b(record|register|declare|declaration|tell|inform|notify|report|permission|approval)\b", re.I)
_NAMED_GIVER = re.compile(
    r"\b(?:from|by|with)\s+(?:a\s+|an\s+|the\s+)?(?P<name>(?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|&|and|of))*"
    r"(?:\s+(?:Ltd|Limited|plc|PLC|LLP|Inc|Group|Council))?)")
_NOT_NAMES = frozenset({"I", "My", "The", "A", "An", "Council", "Christmas", "Monday", "Tuesday", "Wednesday",
                        "Thursday", "Friday", "Saturday", "Sunday"})
_KEEPER_PARAMS = ("{topic}.register_keeper", "{topic}.decider", "{topic}.declare_to", "{topic}.permission",
                  "gifts.register_keeper", "gifts.decider", "contact")
_RECORD_PARAMS = ("{topic}.record", "{topic}.declare", "gifts.record")


def offers_record(answer: "Answer") -> bool:
    """After an answer whose actions include recording or declaring (or a topic that is always declared)."""
    if answer.council is None or answer.verdict in ("needs_info", "not_covered") and not answer.actions:
        return False
    if answer.topic in RECORDABLE_TOPICS:
        return True
    return any(_ACTION.search(p.text) for p in answer.actions)


def prefill(answer: "Answer", policy: "Policy | None" = None, said: str = "", today: date | None = None) -> Draft:
    """A draft entry from the answer; `said` is the conversation's questions so far, for the giver's name."""
    facts = answer.facts or {}
    kind = RECORDABLE_TOPICS.get(answer.topic or "", "other")
    words = f"{said} {answer.question}".strip()
    amount = facts.get("amount") or {}
    value = amount.get("text", "") if amount.get("currency") == "GBP" else ""
    contexts = set(facts.get("context") or ())
    outcome = "declined" if "declined" in contexts else "accepted" if "accepted" in contexts else ""
    if kind not in ("gift", "hospitality"):
        outcome = "declared"
    giver = named_giver(words) or _giver_words(facts.get("giver"))
    item = (facts.get("item") or "").replace("_", " ")
    description = _description(words, item)
    role, record_cite = "", None
    if policy is not None and answer.topic:
        role = _first_value(policy, _KEEPER_PARAMS, answer.topic)
        record_cite = _first_citation(policy, _RECORD_PARAMS, answer.topic)
    required = ("giver", "description", "value", "offered_on", "outcome", "approver") \
        if kind in ("gift", "hospitality") else ("description", "offered_on", "approver")
    return Draft(
        kind=kind, giver=giver, description=description, value=value,
        offered_on=(today or date.today()).isoformat() if words else "", outcome=outcome,
        circumstances=answer.question[:4000], approver="", approver_role=role, council=answer.council,
        question=answer.question[:4000], verdict=answer.verdict, summary=answer.summary,
        citations=tuple(c.id for c in answer.citations), fingerprint=answer.fingerprint,
        required=required, required_by=record_cite,
    )


def named_giver(text: str) -> str:
    """A giver's proper name written in the question ('from Acme Ltd'), or ''."""
    for match in _NAMED_GIVER.finditer(text or ""):
        name = match.group("name").strip(" .")
        if name.split()[0] not in _NOT_NAMES and len(name) <= 120:
            return name
    return ""


def _giver_words(giver: str | None) -> str:
    return (giver or "").replace("_", " ")


_WHAT = re.compile(r"(?:£\s?[\d.,]+k?|\b(?:a|an)\b)\s+(?P<what>[a-z][a-z' -]{2,60}?)\s+(?:from|by|off|for|to|at|worth|which|that)\b",
                   re.I)
_VAGUE = frozenset({"gift", "present", "offer", "thing", "item", "gift item"})


def _description(words: str, item: str) -> str:
    """What was offered, in the officer's words ('bottle of wine'); the item's kind if nothing better."""
    for match in _WHAT.finditer(words):
        what = match.group("what").strip()
        if what.lower() not in _VAGUE and not what.lower().startswith(("gift from", "lot ")):
            return what[:1].upper() + what[1:]
    if item and item not in ("gift item", "gift"):
        return item[:1].upper() + item[1:]
    return words.strip()[:200]


def _first_value(policy: "Policy", names: tuple[str, ...], topic: str) -> str:
    for name in names:
        param = policy.get(name.format(topic=topic))
        if param is not None and isinstance(param.value, str):
            return param.value
    return ""


def _first_citation(policy: "Policy", names: tuple[str, ...], topic: str) -> str | None:
    for name in names:
        param = policy.get(name.format(topic=topic))
        if param is not None:
            return param.citation
    return None


def draft_for(answer: "Answer", said: str = "") -> Draft:
    """`prefill` with the answer's council's policy loaded (without it if it cannot be read)."""
    from assistant.decide.policy import policy_for

    policy = None
    if answer.council:
        try:
            policy = policy_for(answer.council)
        except Exception:  # noqa: BLE001 - an added council's policy may be unreadable: prefill without it
            policy = None
    return prefill(answer, policy, said)
