"""Turning a template's Decision into an Answer: citations in full, highlights, trace."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Citation, Point, Trace
from assistant.decide.policy import Param
from assistant.decide.schema import SCHEMA

if TYPE_CHECKING:
    from assistant.decide.decision import Decision
    from corpus.library import Library

_SENTENCE_IN_MEANING = re.compile(r"'([^']*\{value\}[^']*)'")


def citations_for(library: "Library", ids: list[str], highlights: dict[str, str]) -> tuple[Citation, ...]:
    out = []
    for clause_id in dict.fromkeys(ids):
        clause = library.clause(clause_id)
        if clause is None:
            continue  # never cite what does not exist; policy tests keep this from happening
        out.append(Citation(clause.id, clause.council, clause.number, clause.section, clause.text, highlights.get(clause.id)))
    return tuple(out)


def answer_from_decision(
    library: "Library", decision: "Decision", question: str, council: str, topic: str,
    facts: dict[str, Any], notice: str | None = None, extra_trace: tuple[dict[str, Any], ...] = (),
) -> Answer:
    ids = [p.citation for p in decision.decisive] + [p.citation for p in decision.used]
    ids += [pt.citation for pt in (*decision.reasons, *decision.actions) if pt.citation]
    highlights: dict[str, str] = {}
    for param in [*decision.decisive, *decision.used]:
        highlights.setdefault(param.citation, param.quote)
    return Answer(
        question=question,
        council=council,
        topic=topic,
        verdict=decision.verdict,
        summary=decision.summary,
        reasons=tuple(decision.reasons),
        actions=tuple(decision.actions),
        citations=citations_for(library, ids, highlights),
        follow_up=decision.follow_up,
        follow_up_why=decision.follow_up_why,
        facts=facts,
        trace=Trace(decision.template, decision.rule, tuple(p.to_json() for p in decision.used) + tuple(decision.readings) + extra_trace),
        notice=notice,
        slot=decision.slot,
    )


def param_sentence(param: Param) -> str:
    """A parameter as a plain sentence, for guidance answers: the schema says how it reads."""
    kind, meaning = SCHEMA[param.name]
    if kind == "pence":
        pounds = param.value / 100
        amount = f"£{pounds:,.0f}" if param.value % 100 == 0 else f"£{pounds:,.2f}"
        return meaning.split("(")[0].replace("this much", amount).strip().rstrip(".") + "."
    if kind in {"days", "months"}:
        return meaning.replace("this many", str(param.value))
    if kind == "givers":
        names = [g.replace("_", " ") + "s" for g in param.value]
        return f"Personal gifts from {', '.join(names)} may never be accepted, whatever their value."
    if kind == "flag":
        return meaning
    match = _SENTENCE_IN_MEANING.search(meaning)
    template = match.group(1) if match else "{value}"
    text = template.replace("{value}", param.value)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?")) else ".")


def guidance_points(params: list[Param]) -> tuple[Point, ...]:
    return tuple(Point(param_sentence(p), p.citation) for p in params)
