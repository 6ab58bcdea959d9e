"""The hash chain: each event's hash covers its fields and the previous hash, so a row altered,
removed or inserted behind Conduct's back breaks the chain at that row.

Pure functions over plain values, so the same code checks SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

from assistant.register.model import Event
from assistant.register.schema import GENESIS


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(seq: int, entry_id: str, type_: str, actor: str, officer: str, approver: str, at: str,
               payload_json: str, prev_hash: str) -> str:
    basis = canonical([seq, entry_id, type_, actor, officer, approver, at, payload_json, prev_hash])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def hash_of(event: Event, payload_json: str) -> str:
    return event_hash(event.seq, event.entry_id, event.type, event.actor, event.officer, event.approver,
                      event.at, payload_json, event.prev_hash)


@dataclass(frozen=True)
class Break:
    """One place where the stored register does not match its own record."""

    seq: int | None
    entry_id: str | None
    problem: str

    def __str__(self) -> str:
        where = f"event {self.seq}" if self.seq is not None else f"entry {self.entry_id}"
        if self.seq is not None and self.entry_id:
            where += f" (entry {self.entry_id})"
        return f"{where}: {self.problem}"

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "entry_id": self.entry_id, "problem": self.problem}


def check_chain(rows: Iterable[tuple[Event, str]], head: tuple[int, str] | None) -> list[Break]:
    """Walk the events in order; `rows` pairs each event with its payload exactly as stored."""
    breaks: list[Break] = []
    expected_seq, prev = 1, GENESIS
    last_seq, last_hash = 0, GENESIS
    for event, payload_json in rows:
        if event.seq > expected_seq:
            missing = f"{expected_seq}" if event.seq == expected_seq + 1 else f"{expected_seq}-{event.seq - 1}"
            breaks.append(Break(expected_seq, None, f"missing: event {missing} was removed"))
        elif event.seq < expected_seq:
            breaks.append(Break(event.seq, event.entry_id, "out of order or duplicated"))
        if event.prev_hash != prev and event.seq == expected_seq:
            breaks.append(Break(event.seq, event.entry_id, "does not follow the event before it (an event before it was altered or removed)"))
        if hash_of(event, payload_json) != event.hash:
            breaks.append(Break(event.seq, event.entry_id, "altered: its contents no longer match its hash"))
        expected_seq, prev = event.seq + 1, event.hash
        last_seq, last_hash = event.seq, event.hash
    if head is not None:
        head_seq, head_hash = head
        if head_seq > last_seq:
            breaks.append(Break(last_seq + 1, None, f"missing: the register recorded {head_seq} events, only {last_seq} remain"))
        elif head_seq < last_seq or head_hash != last_hash:
            breaks.append(Break(last_seq, None, "the chain's recorded end does not match its last event"))
    return breaks
