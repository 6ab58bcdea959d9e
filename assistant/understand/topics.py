"""Which topic a question is about, and whether it asks for guidance, a comparison or neither.

Rules, not a model: phrases per topic from assistant/decide/topics/<topic>/words.toml
(intents from assistant/data/intents.toml), plus
the facts already understood (an amount and a giver point to gifts; a will to
bequests). Deterministic, and a phrase list anyone can read and extend.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from assistant.decide.topics import TOPICS, words

if TYPE_CHECKING:
    from assistant.understand.facts import Facts

STRONG_WEIGHT = 2.0
DECISIVE_WEIGHT = 5.0
"""For phrases that settle the topic whatever else is said: vaping in a van is about smoking."""
_PASSERS_BY = {None, "member_of_public", "unknown", "business"}
"""Givers that name no one in particular ("the visitor bays", "a company"): they do not make an HR question a conduct one."""
HOSPITALITY_ITEMS = {"meal", "drinks", "refreshments", "event_tickets", "hospitality_event", "travel", "accommodation"}
GIFT_ITEMS = {"gift_item", "cash", "voucher", "promotional_item", "raffle_prize", "fee", "loan"}


@dataclass(frozen=True)
class Reading:
    topic: str | None
    intent: str
    """``ask`` (a dilemma), ``guidance`` (what does the code say), ``compare`` or ``out_of_scope``."""
    scores: tuple[tuple[str, float], ...]
    outside: str | None = None
    """The family of ordinary HR or workplace question matched (intents.toml [out_of_scope.*]), if any."""


@dataclass(frozen=True)
class Outside:
    """A kind of question no code of conduct covers, and where such things usually live."""

    family: str
    name: str
    where: str


@dataclass(frozen=True)
class _Vocabulary:
    topics: dict[str, list[tuple[re.Pattern[str], float]]]
    unless: dict[str, re.Pattern[str]]
    """Per topic, the phrases in which its words mean something else ('petty cash', 'the tip'): blanked before it is scored."""
    lexicon: dict[str, str]
    lexicon_weight: float
    guidance: re.Pattern[str]
    compare: re.Pattern[str]
    out_of_scope: tuple[tuple[str, re.Pattern[str]], ...]
    outside: dict[str, Outside]
    decisive_outside: frozenset[str]
    """Families whose words settle it unless a topic's own decisive words say otherwise (maternity pay, pensions)."""


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(p.strip().lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?:s|es)?(?![a-z0-9])")


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    path = resources.files("assistant") / "data" / "intents.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    topics, lexicon, unless = {}, {}, {}
    for topic in TOPICS:
        entry = tomllib.loads(words(topic))["topic"]
        if entry.get("unless"):
            unless[topic] = _pattern(entry["unless"])
        strong, decisive = set(entry.get("strong", ())), set(entry.get("decisive", ()))
        topics[topic] = [
            (_pattern([phrase]), DECISIVE_WEIGHT if phrase in decisive else STRONG_WEIGHT if phrase in strong else 1.0)
            for phrase in dict.fromkeys([*entry["phrases"], *strong, *decisive])
        ]
        for name in entry.get("lexicon", ()):
            if name in lexicon:
                raise ValueError(f"lexicon entry {name!r} is claimed by both {lexicon[name]} and {topic} (words.toml)")
            lexicon[name] = topic
    return _Vocabulary(
        topics,
        unless,
        lexicon,
        float(data["lexicon"]["weight"]),
        _pattern(data["intent"]["guidance"]),
        _pattern([p.strip() for p in data["intent"]["compare"]]),
        tuple((family, _pattern(entry["phrases"])) for family, entry in data["out_of_scope"].items()),
        {family: Outside(family, entry["name"], entry["where"]) for family, entry in data["out_of_scope"].items()},
        frozenset(family for family, entry in data["out_of_scope"].items() if entry.get("decisive")),
    )


def outside_family(family: str | None) -> Outside | None:
    """What intents.toml says about a family of out-of-scope questions (for the answer's wording)."""
    return _vocabulary().outside.get(family) if family else None


def _text(question: str) -> str:
    return " ".join(question.lower().replace("’", "'").split())


def read_question(question: str, facts: "Facts | None" = None, entries: Sequence[str] | None = None) -> Reading:
    """The topic and intent of a question. `entries` are the lexicon entries it matches, when the
    caller has them already (a `Question` does); otherwise they are read here."""
    vocab = _vocabulary()
    text = _text(question)
    scores = {topic: sum(weight for pattern, weight in pats if pattern.search(_senses(vocab, topic, text)))
              for topic, pats in vocab.topics.items()}
    for entry in (_lexicon_entries(question) if entries is None else entries):
        if entry in vocab.lexicon:
            scores[vocab.lexicon[entry]] += vocab.lexicon_weight
    if facts is not None:
        _boost(scores, facts, text)
    ranked = sorted(((t, s) for t, s in scores.items() if s > 0), key=lambda ts: (-ts[1], TOPICS.index(ts[0])))
    topic = ranked[0][0] if ranked else None
    if vocab.compare.search(text):
        intent = "compare"
    elif vocab.guidance.search(text):
        intent = "guidance"
    else:
        intent = "ask"
    outside = next((family for family, pattern in vocab.out_of_scope if pattern.search(text)), None)
    involved = facts is not None and (facts.relation is not None or facts.giver not in _PASSERS_BY)
    ceiling = DECISIVE_WEIGHT if outside in vocab.decisive_outside else STRONG_WEIGHT
    if outside is not None and intent != "compare" and not involved and (not ranked or ranked[0][1] < ceiling):
        # An ordinary HR question ("how much sick pay do I get?", "what does the code say about
        # parking permits?") is outside the codes even when a word of it brushes a topic; one that
        # names someone else (a councillor, a mate, a partner) is a conduct situation that
        # merely mentions leave or pay.
        intent = "out_of_scope"
    return Reading(topic, intent, tuple(ranked), outside if intent == "out_of_scope" else None)


def _senses(vocab: _Vocabulary, topic: str, text: str) -> str:
    """The text with the phrases in which this topic's words mean something else blanked out."""
    other = vocab.unless.get(topic)
    return other.sub(" ", text) if other is not None else text


def _lexicon_entries(question: str) -> list[str]:
    """The retrieval lexicon's entries that the question matches (spaCy is loaded for facts anyway)."""
    from index.analyse import get_analyser

    return get_analyser().matched_entries(question)


_OFFER = re.compile(
    r"\b(offer(s|ed|ing)?|invit\w*|treat(s|ed)?|pa(y|id|ying) for|bought|buy(ing)? me|take me out|took me out|"
    r"hosted|free|gave|give[sn]?|giving|sent|left|leave me|accept\w*|keep)\b"
)


_JOB = re.compile(r"\b(jobs?|interview\w*|candidates?|vacanc\w+|recruit\w*|hir(e|ed|ing)|appoint\w*|post|role|cv)\b")
_OWNS = re.compile(r"\b(shares?|shareholder|stake|own(s|ed)?|director of|my (wife|husband|partner|brother|sister|son|daughter|dad|mum|cousin)'?s?)\b")


_COUNCILLOR = re.compile(r"\b(councillors?|cllr|elected members?|ward member)\b")
_NAMES_HOSPITALITY = re.compile(r"\b(hospitality|invit\w*|tickets?|conferences?|events?|corporate)\b")


def _boost(scores: dict[str, float], facts: "Facts", text: str = "") -> None:
    """Facts are evidence too: a will points to bequests, tickets to hospitality, an amount to gifts.

    Food, drink and money only point to gifts or hospitality when someone offers them:
    'a pint at lunch' is about alcohol, 'betting at lunch' about equipment.
    """
    offered = facts.giver is not None or bool(_OFFER.search(text))
    if not offered and not _NAMES_HOSPITALITY.search(text):
        scores["hospitality"] = max(0.0, scores["hospitality"] - 2)
    if facts.item == "bequest":
        scores["bequests"] += 4
    elif facts.item in HOSPITALITY_ITEMS and offered:
        scores["hospitality"] += 2 + (2 if facts.giver else 0)
    elif facts.item == "reward_points":
        scores["purchases"] += 3
    elif facts.item == "discount":
        scores["purchases"] += 2
    elif facts.item in GIFT_ITEMS and offered:
        scores["gifts"] += 2
    if facts.amount is not None and facts.item not in HOSPITALITY_ITEMS and offered:
        scores["gifts"] += 1.5
    if "vulnerable" in facts.context and facts.item in {"bequest", "cash", "gift_item"}:
        scores["bequests"] += 2
    if facts.relation is not None and _COUNCILLOR.search(text):
        scores["relationships"] += 4  # a partner, a relative or a mate who is a councillor: a relationship to declare
    if facts.relation in {"spouse", "partner", "relative", "child", "parent", "sibling"} and scores["outside_work"]:
        scores["interests"] += scores["outside_work"]  # a relative's job or board seat is an interest to declare
    if "traffic_offence" in facts.context:
        scores["convictions"] += 3  # "on my phone while driving the council van" is an offence, not equipment
    if facts.context & {"procurement", "regulatory"} and not _JOB.search(text):
        # A tender's evaluation panel, a planning or licence application: not a job's panel or application.
        scores["recruitment"] = 0.0
        if facts.relation is not None:
            scores["interests"] += 2
    if "procurement" in facts.context and facts.relation is None and not _OWNS.search(text) and (
            facts.item in HOSPITALITY_ITEMS | GIFT_ITEMS or (offered and scores["hospitality"] + scores["gifts"] > 0)):
        # Hospitality or a gift from a firm in a tender is hospitality during procurement, not an interest of one's own.
        scores["interests"] = max(0.0, scores["interests"] - 3)
    if "sick_leave" in facts.context:
        scores["outside_work"] += 0.5
    if "politically_restricted" in facts.context:
        scores["political"] += 2
