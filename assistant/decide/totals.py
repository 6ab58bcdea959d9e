"""A limit in total or over a period ("not exceeding £40 in total from one source in any year"),
read against the officer's own register.

Pure and deterministic: an answer, its council's policy and the officer's earlier entries go in,
and the answer comes out with one more reason, citing the clause that sets the limit; when this
offer would take the total over that limit, the verdict becomes a no. Where the code sets no such
limit the earlier entries are shown as information only, with no citation: Conduct never makes up
a rule on totals. Only offers the officer accepted count towards a total (a declined gift was
never received), and only entries submitted or approved (not drafts, withdrawn or declined ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Protocol, Sequence

from assistant.answer import Answer, Point, Trace
from assistant.decide.decision import pounds, ref, sentence

if TYPE_CHECKING:
    from assistant.decide.policy import Param, Policy
    from corpus.library import Library

TOPIC_PARAMS = {"gifts": "gifts", "bequests": "gifts", "hospitality": "hospitality"}
"""Which topic's total limit an answer on this topic is read against."""
TOPIC_KINDS = {"gifts": ("gift",), "hospitality": ("hospitality",)}
HISTORY_TOPICS = ("gifts", "hospitality", "bequests", "purchases")
"""Answers that show the officer's history from a giver (with or without a limit)."""
INFORMATION_DAYS = 365
"""With no limit in the code, the history shown is the last 12 months': Conduct's choice, not a rule."""
COUNTED = ("submitted", "approved")
YES_VERDICTS = ("allowed", "allowed_with_conditions", "refer")
"""Verdicts a total over the code's limit turns into a no; any other verdict keeps its own words."""


class Earlier(Protocol):
    """What the decision reads of one earlier register entry (assistant.register.model.Entry has it)."""

    kind: str
    giver: str
    value_pence: int | None
    offered_on: date
    outcome: str
    status: str


@dataclass(frozen=True)
class Limit:
    """A council's total limit for a topic: the most in total, over how many months, from one giver or all."""

    maximum: "Param"
    months: "Param | None"
    any_giver: "Param | None"
    kinds: tuple[str, ...]

    @property
    def params(self) -> tuple["Param", ...]:
        return tuple(p for p in (self.maximum, self.months, self.any_giver) if p is not None)


def limit_for(policy: "Policy | None", topic: str | None) -> Limit | None:
    prefix = TOPIC_PARAMS.get(topic or "")
    if policy is None or prefix is None or (maximum := policy.get(f"{prefix}.total_max")) is None:
        return None
    kinds = TOPIC_KINDS[prefix]
    other = "hospitality" if prefix == "gifts" else "gifts"
    twin = policy.get(f"{other}.total_max")
    if twin is not None and twin.citation == maximum.citation:
        kinds = ("gift", "hospitality")  # one clause sets one total for gifts and hospitality together
    return Limit(maximum, policy.get(f"{prefix}.total_months"), policy.get(f"{prefix}.total_any_giver"), kinds)


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    return date(year, month, 28)


def mentions(words: str, giver: str) -> bool:
    """Whether the giver's name, as recorded, is written in the conversation's words."""
    name = giver.casefold().strip()
    return len(name) >= 3 and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", words.casefold()) is not None


def _this_amount(answer: Answer) -> int | None:
    amount = (answer.facts or {}).get("amount") or {}
    if amount.get("currency") == "GBP" and isinstance(amount.get("pence"), int):
        return int(amount["pence"])
    return None


def _count_words(n: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(n, str(n))


def _noun(found: Sequence[Earlier], n: int) -> str:
    kinds = {e.kind for e in found}
    if kinds == {"gift"}:
        return "gift" if n == 1 else "gifts"
    if kinds == {"hospitality"}:
        return "offer of hospitality" if n == 1 else "offers of hospitality"
    return "gift or hospitality" if n == 1 else "gifts and hospitality"


def _by_giver(answer: Answer, said: str, entries: Sequence[Earlier]) -> tuple[str, list[Earlier]] | None:
    words = f"{said} {answer.question}"
    groups: dict[str, list[Earlier]] = {}
    for entry in entries:
        if entry.giver and mentions(words, entry.giver):
            groups.setdefault(entry.giver, []).append(entry)
    if not groups:
        return None
    return max(groups.items(), key=lambda kv: (len(kv[1]), kv[0]))


def information(answer: Answer, said: str, entries: Sequence[Earlier], today: date) -> Answer:
    """No code limit: 'you recorded two gifts from Acme Ltd in the last 12 months, £45 in total', uncited."""
    since = today - timedelta(days=INFORMATION_DAYS)
    recent = [e for e in entries if e.offered_on >= since and e.status != "withdrawn"]
    found = _by_giver(answer, said, recent)
    if found is None:
        return answer
    giver, rows = found
    total = sum(e.value_pence or 0 for e in rows)
    text = (f"Your register: you recorded {_count_words(len(rows))} {_noun(rows, len(rows))} from {giver} in the last "
            f"12 months, {pounds(total)} in total")
    amount = _this_amount(answer)
    if amount is not None:
        text += f"; with this one, {pounds(total + amount)}"
    text += ". No clause of this code sets a limit on totals, so this is for your information only."
    return replace(answer, reasons=(*answer.reasons, Point(text, None)))


def apply(answer: Answer, policy: "Policy | None", library: "Library | None", said: str,
          entries: Sequence[Earlier], today: date) -> Answer:
    """The answer read against the officer's register: by the code's total limit where it sets one."""
    if answer.topic not in HISTORY_TOPICS or answer.council is None:
        return answer
    limit = limit_for(policy, answer.topic)
    if limit is None:
        return information(answer, said, entries, today)
    return _by_limit(answer, limit, library, said, entries, today)


def _by_limit(answer: Answer, limit: Limit, library: "Library | None", said: str, entries: Sequence[Earlier],
              today: date) -> Answer:
    since = months_before(today, limit.months.value) if limit.months is not None else None
    counted = [e for e in entries if e.kind in limit.kinds and e.outcome == "accepted" and e.status in COUNTED
               and (since is None or e.offered_on >= since)]
    period = f"in the last {limit.months.value} months" if limit.months is not None else "so far"
    if limit.any_giver is not None:
        giver, rows = "", counted
        source = "from every giver together"
    else:
        found = _by_giver(answer, said, counted)
        if found is None:
            return answer  # nothing accepted from this giver: the offer is judged by the code's other rules
        giver, rows = found
        source = f"from {giver}"
    if not rows:
        return answer
    maximum = limit.maximum
    prior = sum(e.value_pence or 0 for e in rows)
    amount = _this_amount(answer)
    cap = f"{pounds(maximum.value)} in total"
    recorded = (f"Your register: you accepted {_count_words(len(rows))} {_noun(rows, len(rows))} {source} {period}, "
                f"{pounds(prior)} in total")
    verdict, summary, rule = answer.verdict, answer.summary, answer.trace.rule
    actions = answer.actions
    if amount is None:
        room = maximum.value - prior
        text = recorded + (f"; the code allows at most {cap} ({ref(maximum)}), so you are already at its limit"
                           if room <= 0 else
                           f"; the code allows at most {cap} ({ref(maximum)}), so this one may be worth at most "
                           f"{pounds(room)}")
    elif prior + amount > maximum.value:
        text = recorded + (f"; with this one, {pounds(prior + amount)}, over the {cap} the code allows "
                           f"({ref(maximum)})")
        if answer.verdict in YES_VERDICTS:
            verdict, rule = "not_allowed", "over_total"
            what = f"gifts and hospitality {source}" if len(limit.kinds) > 1 else \
                f"{'gifts' if limit.kinds == ('gift',) else 'hospitality'} {source}"
            summary = sentence(f"With this one, {what} would come to {pounds(prior + amount)} {period}, over "
                               f"the {cap} the code allows ({ref(maximum)})")
            actions = (Point(sentence(f"Decline it, or return it: accepting it would go over the code's limit of "
                                      f"{cap}"), maximum.citation), *answer.actions)
    else:
        text = recorded + (f"; with this one, {pounds(prior + amount)}, within the {cap} the code allows "
                           f"({ref(maximum)})")
    reason = Point(sentence(text), maximum.citation)
    reasons = (reason, *answer.reasons) if verdict != answer.verdict else (*answer.reasons, reason)
    reading: dict[str, Any] = {
        "name": "register.total", "value": prior, "citation": None,
        "quote": f"{len(rows)} accepted {source} {period} in the officer's register"
                 + (f", since {since.isoformat()}" if since else ""),
    }
    parameters = (*answer.trace.parameters, *(p.to_json() for p in limit.params), reading)
    return replace(answer, verdict=verdict, summary=summary, reasons=reasons, actions=actions,
                   citations=_with_citation(answer, library, limit, first=verdict != answer.verdict),
                   trace=Trace(answer.trace.template, rule, parameters))


def _with_citation(answer: Answer, library: "Library | None", limit: Limit, first: bool) -> tuple:
    """The limit's clause among the answer's citations: first when it decided the verdict."""
    from assistant.decide.render import citations_for

    if library is None:
        return answer.citations
    highlights = {p.citation: p.quote for p in limit.params}
    ids = [p.citation for p in limit.params]
    mine = citations_for(library, ids, highlights)
    others = tuple(c for c in answer.citations if c.id not in set(ids))
    kept = tuple(c for c in answer.citations if c.id in set(ids))
    if first:
        return (*mine, *others)
    return (*answer.citations, *(c for c in mine if c.id not in {k.id for k in kept}))
