"""Before a gift or hospitality answer is shown: what the officer's own register already holds from that giver.

"You recorded 2 gifts from Acme Ltd in the last 12 months, £45 in total; with
this one, £75." No bundled code sets a limit in total or over a period, so the
history is information only: a reason with no citation, and the verdict is the
code's own. A giver matches when its name, as recorded, is written in the
conversation's words, so "Acme" in a question finds "Acme Ltd" only if that is
how it was recorded ("Acme Ltd" finds "Acme Ltd").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

from assistant.answer import Answer, Point
from assistant.register.model import format_pence

if TYPE_CHECKING:
    from assistant.register.model import Entry

PERIOD_DAYS = 365
TOPICS = ("gifts", "hospitality", "bequests", "purchases")


def history_point(answer: Answer, said: str, entries: list["Entry"], today: date | None = None) -> Point | None:
    """The sentence about this giver's earlier entries, or None when there are none."""
    if answer.topic not in TOPICS or answer.verdict == "needs_info" and not answer.facts.get("amount"):
        return None
    today = today or date.today()
    since = today - timedelta(days=PERIOD_DAYS)
    words = f"{said} {answer.question}".casefold()
    by_giver: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.offered_on >= since and entry.giver and _mentions(words, entry.giver):
            by_giver.setdefault(entry.giver, []).append(entry)
    if not by_giver:
        return None
    giver, found = max(by_giver.items(), key=lambda kv: (len(kv[1]), kv[0]))
    total = sum(e.value_pence or 0 for e in found)
    kinds = "gift" if all(e.kind == "gift" for e in found) else "gift or hospitality" if len(found) == 1 \
        else "gifts and hospitality"
    noun = kinds if len(found) == 1 else ("gifts" if kinds == "gift" else kinds)
    count = "one" if len(found) == 1 else ("two" if len(found) == 2 else str(len(found)))
    text = f"Your register: you recorded {count} {noun} from {giver} in the last 12 months, {format_pence(total) or '£0'} in total"
    amount = answer.facts.get("amount") or {}
    if amount.get("currency") == "GBP" and amount.get("pence") is not None:
        text += f"; with this one, {format_pence(total + int(amount['pence']))}"
    text += ". Conduct has no rule on totals from this code, so this is for your information only."
    return Point(text, None)


def _mentions(words: str, giver: str) -> bool:
    name = giver.casefold().strip()
    return len(name) >= 3 and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", words) is not None


def with_history(answer: Answer, said: str, entries: list["Entry"], today: date | None = None) -> Answer:
    point = history_point(answer, said, entries, today)
    if point is None:
        return answer
    return replace(answer, reasons=(*answer.reasons, point))


def register_lookup(open_store: Callable[[], object] | None = None) -> Callable[[Answer, str], Answer]:
    """The Session's hook: reads the officer's history; a register out of reach changes nothing."""

    def lookup(answer: Answer, said: str) -> Answer:
        if answer.topic not in TOPICS:
            return answer
        from assistant.register.database import RegisterError

        if open_store is None and not register_exists():
            return answer  # no register yet: do not create one just to find it empty
        try:
            from assistant.register.store import Store

            store = open_store() if open_store else Store()
            try:
                entries = store.history(since=date.today() - timedelta(days=PERIOD_DAYS))
            finally:
                store.close()
        except RegisterError:
            return answer
        return with_history(answer, said, entries)

    return lookup


def register_exists() -> bool:
    from assistant.register.database import RegisterError, database_url, register_home

    try:
        url = database_url()
    except RegisterError:
        return False
    default = f"sqlite:///{register_home() / 'register.db'}"
    return url != default or (register_home() / "register.db").is_file()
