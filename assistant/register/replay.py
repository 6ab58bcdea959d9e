"""An entry's state as its events add it up, and the check that the stored rows say the same.

`verify` is what `conduct register verify` runs: the chain (chain.check_chain),
then every entry row against the replay of its events, so an entry altered,
removed or added behind Conduct's back is named.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from assistant.register.chain import Break
from assistant.register.model import Event

STATE_FIELDS = (
    "officer", "approver", "approver_role", "kind", "giver", "description", "value_pence", "offered_on",
    "outcome", "circumstances", "council", "question", "verdict", "summary", "citations", "fingerprint",
    "status", "created_at", "updated_at", "submitted_at", "decided_by", "decision_comment", "last_seq",
)
CORRECTABLE = ("kind", "giver", "description", "value_pence", "offered_on", "outcome", "circumstances",
               "approver", "approver_role")


def apply(state: dict[str, Any] | None, event: Event) -> dict[str, Any]:
    """The state after one event (a new dict: events are never edited, nor are states)."""
    if state is None:
        first = dict(event.payload.get("entry", {}))
        first.update(status="draft" if event.type == "drafted" else "submitted", created_at=event.at,
                     submitted_at=None if event.type == "drafted" else event.at, decided_by=None,
                     decision_comment="")
        state = first
    else:
        state = dict(state)
        if event.type == "submitted":
            state.update(status="submitted", submitted_at=event.at)
        elif event.type in ("approved", "declined"):
            state.update(status=event.type, decided_by=event.actor,
                         decision_comment=event.payload.get("comment", ""))
        elif event.type == "withdrawn":
            state.update(status="withdrawn")
        elif event.type == "corrected":
            state.update({k: v for k, v in event.payload.get("changes", {}).items() if k in CORRECTABLE})
            if state["status"] in ("approved", "declined"):
                state.update(status="submitted", decided_by=None, decision_comment="")
    state.update(officer=event.officer, approver=event.approver, updated_at=event.at, last_seq=event.seq)
    return state


def replay(events: Iterable[Event]) -> dict[str, dict[str, Any]]:
    states: dict[str, dict[str, Any]] = {}
    for event in events:
        states[event.entry_id] = apply(states.get(event.entry_id), event)
    return states


def row_state(row: dict[str, Any]) -> dict[str, Any]:
    """A stored entry row in the form the replay produces."""
    state = {k: row.get(k) for k in STATE_FIELDS}
    offered = state["offered_on"]
    state["offered_on"] = offered.isoformat() if hasattr(offered, "isoformat") else offered
    try:
        state["citations"] = json.loads(row.get("citations") or "[]")
    except (TypeError, ValueError):
        state["citations"] = row.get("citations")
    return state


def compare_entries(rows: list[dict[str, Any]], events: list[Event], head_seq: int = 0) -> list[Break]:
    expected = replay(events)
    present = {e.seq for e in events}
    breaks: list[Break] = []
    seen = set()
    for row in rows:
        entry_id = row["id"]
        seen.add(entry_id)
        if entry_id not in expected:
            if row.get("last_seq") and row["last_seq"] not in present and row["last_seq"] <= max(head_seq, *present, 0):
                breaks.append(Break(None, entry_id, f"its events were removed (its last was event {row['last_seq']})"))
            else:
                breaks.append(Break(None, entry_id, "has no events: it was added behind Conduct's back"))
            continue
        stored, want = row_state(row), expected[entry_id]
        differ = [k for k in STATE_FIELDS if _norm(stored.get(k)) != _norm(want.get(k))]
        if differ:
            shown = ", ".join(f"{k} is {stored.get(k)!r}, its events say {want.get(k)!r}" for k in differ[:3])
            breaks.append(Break(None, entry_id, f"altered: {shown}"))
    for entry_id in sorted(set(expected) - seen):
        breaks.append(Break(None, entry_id, "removed: its events remain but the entry is gone"))
    return breaks


def _norm(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if value == "" or value is None:
        return None
    return value
