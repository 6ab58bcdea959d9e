"""What the register holds: a `Draft` (the form, as typed), an `Entry` (checked and stored) and an `Event`.

An entry is never edited in place once submitted: each change (submitted,
approved, declined, withdrawn, corrected) is an `Event` appended to a hash chain,
and the entry row is only the latest state those events add up to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

KINDS = ("gift", "hospitality", "interest", "outside_work", "relationship", "other")
KIND_LABELS = {
    "gift": "Gift", "hospitality": "Hospitality", "interest": "Interest", "outside_work": "Outside work",
    "relationship": "Close relationship", "other": "Other declaration",
}
OUTCOMES = ("accepted", "declined", "declared")
"""A gift or hospitality is accepted or declined; an interest, outside work or relationship is declared."""
STATUSES = ("draft", "submitted", "approved", "declined", "withdrawn")
STATUS_LABELS = {
    "draft": "Draft", "submitted": "Waiting for approval", "approved": "Approved", "declined": "Declined",
    "withdrawn": "Withdrawn",
}
EVENT_TYPES = ("drafted", "submitted", "approved", "declined", "withdrawn", "corrected")

FIELDS = ("kind", "giver", "description", "value", "offered_on", "outcome", "circumstances", "approver")
"""The fields an officer fills in, in form order."""
FIELD_LABELS = {
    "kind": "Kind", "giver": "Offered by", "description": "What was offered or declared", "value": "Value",
    "offered_on": "Date", "outcome": "Accepted or declined", "circumstances": "Circumstances",
    "approver": "Goes to (login of the approver)",
}


@dataclass(frozen=True)
class Draft:
    """The form as the officer left it: every field a string as typed, plus what the answer said."""

    kind: str = "gift"
    giver: str = ""
    description: str = ""
    value: str = ""
    offered_on: str = ""
    outcome: str = ""
    circumstances: str = ""
    approver: str = ""
    approver_role: str = ""
    """Whom the council's code sends it to, in its words ('the relevant Director')."""
    council: str | None = None
    question: str = ""
    verdict: str = ""
    summary: str = ""
    citations: tuple[str, ...] = ()
    fingerprint: str = ""
    required: tuple[str, ...] = ()
    """The fields this council's code needs, for the form to mark."""
    required_by: str | None = None
    """The clause that says the offer must be recorded, when the code has one."""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = list(self.citations)
        data["required"] = list(self.required)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Draft":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("citations", "required"):
            if key in known:
                known[key] = tuple(str(v) for v in known[key] or ())
        for key, value in list(known.items()):
            if key not in ("citations", "required", "council", "required_by") and not isinstance(value, str):
                known[key] = "" if value is None else str(value)
        return cls(**known)


@dataclass(frozen=True)
class Entry:
    """One register entry as stored: checked values, its status, and the answer it came with."""

    id: str
    officer: str
    approver: str
    kind: str
    giver: str
    description: str
    value_pence: int | None
    offered_on: date
    outcome: str
    circumstances: str = ""
    approver_role: str = ""
    council: str | None = None
    question: str = ""
    verdict: str = ""
    summary: str = ""
    citations: tuple[str, ...] = ()
    fingerprint: str = ""
    status: str = "submitted"
    created_at: str = ""
    updated_at: str = ""
    submitted_at: str | None = None
    decided_by: str | None = None
    decision_comment: str = ""
    last_seq: int = 0

    @property
    def value_text(self) -> str:
        return format_pence(self.value_pence)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["offered_on"] = self.offered_on.isoformat()
        data["citations"] = list(self.citations)
        data["value"] = self.value_text
        data["status_label"] = STATUS_LABELS.get(self.status, self.status)
        return data


@dataclass(frozen=True)
class Event:
    """One appended change. `hash` covers every other field and the previous event's hash."""

    seq: int
    entry_id: str
    type: str
    actor: str
    officer: str
    approver: str
    at: str
    payload: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def draft_of(entry: Entry) -> Draft:
    """An entry as the form shows it, to correct: a correction is then recorded as a new event."""
    return Draft(kind=entry.kind, giver=entry.giver, description=entry.description,
                 value=format_pence(entry.value_pence) or ("unknown" if entry.value_pence is None else ""),
                 offered_on=entry.offered_on.isoformat(), outcome=entry.outcome, circumstances=entry.circumstances,
                 approver=entry.approver, approver_role=entry.approver_role, council=entry.council,
                 question=entry.question, verdict=entry.verdict, summary=entry.summary, citations=entry.citations,
                 fingerprint=entry.fingerprint)


def describe_event(event: Event) -> str:
    """'approved by dana: fine', 'corrected by alice: value £45; offered by Acme Ltd', for any front end."""
    payload = event.payload if isinstance(event.payload, dict) else {}
    text = f"{event.type} by {event.actor}"
    if payload.get("comment"):
        text += f": {payload['comment']}"
    changes = payload.get("changes") if event.type == "corrected" else None
    if isinstance(changes, dict) and changes:
        shown = []
        for key, value in changes.items():
            name = "value" if key == "value_pence" else key
            label = FIELD_LABELS.get(name, name.replace("_", " ")).split(" (")[0].lower()
            value = format_pence(value) if key == "value_pence" and isinstance(value, int) else value
            shown.append(f"{label} {value if value not in (None, '') else '(none)'}")
        text += ": " + "; ".join(shown)
    return text


def format_pence(pence: int | None) -> str:
    if pence is None:
        return ""
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}" if rest == 0 else f"£{pounds:,}.{rest:02d}"
