"""The Monitoring Officer's (or audit committee's) report for a quarter or a year, from the register's entries.

Counts by kind and outcome, accepted against declined, the most frequent
givers, and entries waiting longer than the deadline. Pure: it takes the
entries a store returned, so what a report counts is exactly what its reader
may see.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Iterable

from assistant.register.model import KIND_LABELS, Entry, format_pence

DEFAULT_WAITING_DAYS = 28
"""Used when no code sets a deadline for deciding an entry: Conduct's choice, and the report says so."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def read_period(text: str, today: date | None = None) -> Period:
    """'2026', '2026-Q3', 'Q3 2026', 'last-quarter', 'this-year'."""
    today = today or date.today()
    value = (text or "this-year").strip().lower().replace(" ", "-")
    if value in ("this-year", "year"):
        value = str(today.year)
    if value in ("this-quarter", "quarter"):
        value = f"{today.year}-q{(today.month - 1) // 3 + 1}"
    if value == "last-quarter":
        q = (today.month - 1) // 3
        value = f"{today.year - 1}-q4" if q == 0 else f"{today.year}-q{q}"
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        year = int(m.group(1))
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year}")
    m = re.fullmatch(r"(\d{4})-?q([1-4])|q([1-4])-?(\d{4})", value)
    if m:
        year = int(m.group(1) or m.group(4))
        quarter = int(m.group(2) or m.group(3))
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
        return Period(start, date.fromordinal(end.toordinal() - 1), f"Q{quarter} {year}")
    raise ValueError(f"could not read {text[:40]!r} as a period: write 2026, 2026-Q3, this-quarter or last-quarter")


@dataclass(frozen=True)
class Report:
    period: Period
    total: int
    by_kind: dict[str, int]
    by_outcome: dict[str, int]
    by_status: dict[str, int]
    accepted_value_pence: int
    declined_value_pence: int
    top_givers: list[tuple[str, int, int]]
    overdue: list[tuple[Entry, int]]
    waiting_days: int
    waiting_basis: str

    def to_json(self) -> dict[str, Any]:
        return {
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat(),
                       "label": self.period.label},
            "total": self.total, "by_kind": self.by_kind, "by_outcome": self.by_outcome, "by_status": self.by_status,
            "accepted_value_pence": self.accepted_value_pence, "declined_value_pence": self.declined_value_pence,
            "top_givers": [{"giver": g, "count": n, "value_pence": v} for g, n, v in self.top_givers],
            "overdue": [{"id": e.id, "officer": e.officer, "approver": e.approver, "days_waiting": d,
                         "giver": e.giver, "submitted_at": e.submitted_at} for e, d in self.overdue],
            "waiting_days": self.waiting_days, "waiting_basis": self.waiting_basis,
        }

    def text(self) -> str:
        lines = [f"Register report, {self.period.label} ({self.period.start} to {self.period.end}): "
                 f"{self.total} entr{'y' if self.total == 1 else 'ies'}"]
        if self.by_kind:
            lines.append("By kind: " + ", ".join(f"{KIND_LABELS.get(k, k)} {n}" for k, n in self.by_kind.items()))
        if self.by_outcome:
            lines.append("Offers: " + ", ".join(f"{k} {n}" for k, n in self.by_outcome.items())
                         + f" (accepted {format_pence(self.accepted_value_pence) or '£0'}, "
                           f"declined {format_pence(self.declined_value_pence) or '£0'})")
        if self.by_status:
            lines.append("Decisions: " + ", ".join(f"{k} {n}" for k, n in self.by_status.items()))
        if self.top_givers:
            lines.append("Most frequent givers:")
            lines += [f"  {g}: {n} ({format_pence(v) or 'no value given'})" for g, n, v in self.top_givers]
        lines.append(f"Waiting longer than {self.waiting_days} days ({self.waiting_basis}): {len(self.overdue)}")
        lines += [f"  {e.id} {e.officer} -> {e.approver}: {d} days" for e, d in self.overdue]
        return "\n".join(lines)


def build(entries: Iterable[Entry], period: Period, now: datetime | None = None,
          waiting_days: int | None = None, waiting_basis: str | None = None, top: int = 5) -> Report:
    now = now or datetime.now(timezone.utc)
    live = [e for e in entries if e.status not in ("draft", "withdrawn") and period.start <= e.offered_on <= period.end]
    givers: dict[str, list[Entry]] = {}
    for e in live:
        if e.giver:
            givers.setdefault(e.giver.casefold(), []).append(e)
    ranked = sorted(givers.values(), key=lambda es: (-len(es), -sum(x.value_pence or 0 for x in es), es[0].giver))
    days = waiting_days if waiting_days is not None else DEFAULT_WAITING_DAYS
    basis = waiting_basis or "no code sets a deadline for deciding; Conduct's default"
    overdue = []
    for e in live:
        if e.status == "submitted" and e.submitted_at:
            waited = (now - datetime.fromisoformat(e.submitted_at)).days
            if waited > days:
                overdue.append((e, waited))
    overdue.sort(key=lambda pair: (-pair[1], pair[0].id))
    return Report(
        period=period, total=len(live),
        by_kind=dict(sorted(Counter(e.kind for e in live).items())),
        by_outcome=dict(sorted(Counter(e.outcome for e in live).items())),
        by_status=dict(sorted(Counter(e.status for e in live).items())),
        accepted_value_pence=sum(e.value_pence or 0 for e in live if e.outcome == "accepted"),
        declined_value_pence=sum(e.value_pence or 0 for e in live if e.outcome == "declined"),
        top_givers=[(es[0].giver, len(es), sum(x.value_pence or 0 for x in es)) for es in ranked[:top]],
        overdue=overdue, waiting_days=days, waiting_basis=basis,
    )
