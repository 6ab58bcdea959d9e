"""Before a gift or hospitality answer is shown: what the officer's own register already holds from that giver.

"You recorded 2 gifts from Acme Ltd in the last 12 months, £45 in total; with
this one, £75." Where the council's code sets a limit in total or over a period
(gifts.total_max, hospitality.total_max), the decision in assistant.decide.totals
reads the history against it and cites the clause; where it sets none, the
history is information only: a reason with no citation, and the verdict is the
code's own. A giver matches when its name, as recorded, is written in the
conversation's words, so "Acme" in a question finds "Acme Ltd" only if that is
how it was recorded ("Acme Ltd" finds "Acme Ltd").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Callable

from assistant.answer import Answer, Point
from assistant.decide import totals

if TYPE_CHECKING:
    from assistant.decide.policy import Policy
    from assistant.engine import Assistant
    from assistant.register.model import Entry
    from corpus.library import Library

PERIOD_DAYS = totals.INFORMATION_DAYS
TOPICS = totals.HISTORY_TOPICS


def history_point(answer: Answer, said: str, entries: list["Entry"], today: date | None = None) -> Point | None:
    """The information-only sentence about this giver's earlier entries, or None when there are none."""
    if answer.topic not in TOPICS or answer.verdict == "needs_info" and not answer.facts.get("amount"):
        return None
    shown = totals.information(answer, said, entries, today or date.today())
    return shown.reasons[-1] if len(shown.reasons) > len(answer.reasons) else None


def with_history(answer: Answer, said: str, entries: list["Entry"], today: date | None = None,
                 policy: "Policy | None" = None, library: "Library | None" = None) -> Answer:
    """The answer read against the register: by the code's total limit if `policy` sets one, else for information."""
    if answer.topic not in TOPICS:
        return answer
    if totals.limit_for(policy, answer.topic) is None and answer.verdict == "needs_info" \
            and not answer.facts.get("amount"):
        return answer
    return totals.apply(answer, policy, library, said, entries, today or date.today())


def register_lookup(open_store: Callable[[], object] | None = None,
                    assistant: "Assistant | None" = None) -> Callable[[Answer, str], Answer]:
    """The Session's hook: reads the officer's history; a register out of reach changes nothing.

    Give it the session's `assistant` so a council's total limit (and its clause) can be read;
    without one the history is shown as information only."""

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
                entries = store.history()
            finally:
                store.close()  # type: ignore[attr-defined]
        except RegisterError:
            return answer
        policy, library = _policy(assistant, answer.council)
        return with_history(answer, said, entries, policy=policy, library=library)

    return lookup


def _policy(assistant: "Assistant | None", council: str | None) -> tuple["Policy | None", "Library | None"]:
    if assistant is None or council is None:
        return None, None
    try:
        return assistant.policy(council), assistant.library
    except Exception:  # noqa: BLE001 - an unreadable added policy already gave its own message; no limit here
        return None, assistant.library


def register_exists() -> bool:
    from assistant.register.database import RegisterError, database_url, register_home

    try:
        url = database_url()
    except RegisterError:
        return False
    default = f"sqlite:///{register_home() / 'register.db'}"
    return url != default or (register_home() / "register.db").is_file()
