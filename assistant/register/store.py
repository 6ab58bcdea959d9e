"""The register itself: record, submit, withdraw, approve, decline, correct, list, verify.

Every change is one transaction: the entry row and its event are written
together or not at all, and each event is chained to the one before it under a
lock on the chain's head, so two officers recording at once take turns and a
crash mid-write leaves nothing half-written. On PostgreSQL the person is the
database login (`current_user`) and the database itself limits what they see;
Conduct's own checks here say the same thing earlier and more kindly.
"""

from __future__ import annotations

import getpass
import json
import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterator

from assistant.register.chain import Break, canonical, check_chain, event_hash
from assistant.register.database import (NotAllowed, NotFound, RegisterError, Unavailable, database_url,
                                         explain, make_engine)
from assistant.register.model import Draft, Entry, Event
from assistant.register.replay import CORRECTABLE, compare_entries
from assistant.register.validate import InvalidEntry, Problem, check

ROLES = ("officer", "approver", "monitoring_officer")
ENV_USER = "CONDUCT_USER"
ENV_ROLE = "CONDUCT_REGISTER_ROLE"


@dataclass(frozen=True)
class Verification:
    events: int
    entries: int
    breaks: tuple[Break, ...]

    @property
    def ok(self) -> bool:
        return not self.breaks

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "events": self.events, "entries": self.entries,
                "breaks": [b.to_json() for b in self.breaks]}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Store:
    """One person's view of one register database."""

    def __init__(self, url: str | None = None, user: str | None = None, role: str | None = None,
                 clock: Callable[[], str] = _now, today: Callable[[], date] = date.today):
        from assistant.register.migrate import ensure_current

        self.url = database_url(url)
        self.engine = make_engine(self.url)
        self.clock, self.today = clock, today
        self.dialect = self.engine.dialect.name
        try:
            ensure_current(self.engine)
            self.user, self.role = self._who(user, role)
        except RegisterError:
            self.engine.dispose()
            raise
        except Exception as exc:  # noqa: BLE001 - any driver error becomes a sentence
            self.engine.dispose()
            raise explain(exc, self.url) from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- who -----------------------------------------------------------------
    def _who(self, user: str | None, role: str | None) -> tuple[str, str]:
        if self.dialect == "postgresql":
            with self.engine.connect() as conn:
                login = conn.exec_driver_sql("SELECT current_user").scalar()
                flags = conn.exec_driver_sql(
                    "SELECT pg_has_role(current_user, 'conduct_monitoring_officer', 'MEMBER'),"
                    " pg_has_role(current_user, 'conduct_approver', 'MEMBER'),"
                    " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
                    " OR pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'entries'"
                    "   AND schemaname = current_schema()), 'MEMBER')").one()
            found = "monitoring_officer" if flags[0] or flags[2] else "approver" if flags[1] else "officer"
            if user and user != login:
                raise NotAllowed(f"you are connected to the register as {login!r}, not {user!r}")
            return login, found
        who = user or os.environ.get(ENV_USER) or _login()
        chosen = role or os.environ.get(ENV_ROLE) or "officer"
        if chosen not in ROLES:
            raise RegisterError(f"{ENV_ROLE} must be one of {', '.join(ROLES)}, not {chosen!r}")
        return who, chosen

    def can_read(self, entry: Entry) -> bool:
        if self.role == "monitoring_officer":
            return True
        return entry.officer == self.user or entry.approver == self.user

    # -- transactions -----------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Any]:
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(write=True)
                with conn.begin():
                    yield conn
        except RegisterError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise explain(exc, self.url) from None

    @contextmanager
    def _read(self) -> Iterator[Any]:
        try:
            with self.engine.connect() as conn:
                with conn.begin():
                    yield conn
        except RegisterError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise explain(exc, self.url) from None

    def _append(self, conn: Any, entry_id: str, type_: str, officer: str, approver: str,
                payload: dict[str, Any]) -> Event:
        from sqlalchemy import select, update

        from assistant.register.schema import chain_head, events

        head = conn.execute(select(chain_head.c.seq, chain_head.c.hash).where(chain_head.c.id == 1)
                            .with_for_update()).one()
        seq, at, payload_json = head.seq + 1, self.clock(), canonical(payload)
        digest = event_hash(seq, entry_id, type_, self.user, officer, approver, at, payload_json, head.hash)
        conn.execute(events.insert().values(seq=seq, entry_id=entry_id, type=type_, actor=self.user, officer=officer,
                                            approver=approver, at=at, payload=payload_json, prev_hash=head.hash,
                                            hash=digest))
        conn.execute(update(chain_head).where(chain_head.c.id == 1).values(seq=seq, hash=digest))
        return Event(seq, entry_id, type_, self.user, officer, approver, at, payload, head.hash, digest)

    # -- recording ----------------------------------------------------------------
    def record(self, draft: Draft, submit: bool = True) -> Entry:
        """Check the draft and add it to the register, as submitted (or as a draft to finish later)."""
        from assistant.register.schema import entries

        checked = check(draft, self.today())
        if submit and not checked.approver:
            raise InvalidEntry([Problem("approver", "say whose login it goes to (the person your code names"
                                        + (f": {draft.approver_role}" if draft.approver_role else "") + ")")])
        entry_id = uuid.uuid4().hex[:12]
        fields = {
            "kind": checked.kind, "giver": checked.giver, "description": checked.description,
            "value_pence": checked.value_pence, "offered_on": checked.offered_on.isoformat(),
            "outcome": checked.outcome, "circumstances": checked.circumstances,
            "approver_role": checked.approver_role, "council": draft.council, "question": draft.question[:4000],
            "verdict": draft.verdict, "summary": draft.summary[:4000], "citations": list(draft.citations),
            "fingerprint": draft.fingerprint,
        }
        with self._write() as conn:
            event = self._append(conn, entry_id, "submitted" if submit else "drafted", self.user, checked.approver,
                                 {"entry": fields})
            row = dict(fields, id=entry_id, officer=self.user, approver=checked.approver,
                       offered_on=checked.offered_on, citations=json.dumps(list(draft.citations)),
                       status="submitted" if submit else "draft", created_at=event.at, updated_at=event.at,
                       submitted_at=event.at if submit else None, decided_by=None, decision_comment="",
                       last_seq=event.seq)
            conn.execute(entries.insert().values(**row))
        return _entry(row)  # exactly what was written: no second round trip to read it back

    def submit(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        self._own(entry, "submit")
        if entry.status != "draft":
            raise RegisterError(f"entry {entry.id} is {entry.status}, not a draft: it cannot be submitted again")
        if not entry.approver:
            raise InvalidEntry([Problem("approver", "say whose login it goes to before submitting")])
        return self._change(entry, "submitted", {}, status="submitted", submitted_at=True)

    def withdraw(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        self._own(entry, "withdraw")
        if entry.status != "draft":
            raise RegisterError(f"entry {entry.id} is {entry.status}: only a draft can be withdrawn; "
                                "a submitted entry stays in the register (record a correction instead)")
        return self._change(entry, "withdrawn", {}, status="withdrawn")

    def approve(self, entry_id: str, comment: str = "") -> Entry:
        return self._decide(entry_id, "approved", comment)

    def decline(self, entry_id: str, comment: str = "") -> Entry:
        return self._decide(entry_id, "declined", comment)

    def _decide(self, entry_id: str, outcome: str, comment: str) -> Entry:
        from assistant.register.validate import MAX_LONG, _text

        problems: list[Problem] = []
        comment = _text(comment, "comment", MAX_LONG, problems)
        if problems:
            raise InvalidEntry(problems)
        entry = self.get(entry_id)
        if entry.officer == self.user:
            raise NotAllowed("you cannot approve or decline your own entry")
        if entry.approver != self.user and self.role != "monitoring_officer":
            raise NotAllowed(f"entry {entry.id} is addressed to {entry.approver or 'no one yet'}, not to you")
        if entry.status != "submitted":
            raise RegisterError(f"entry {entry.id} is {entry.status}: only an entry waiting for approval can be "
                                f"{outcome}")
        return self._change(entry, outcome, {"comment": comment}, status=outcome, decided_by=self.user,
                            decision_comment=comment)

    def correct(self, entry_id: str, draft: Draft) -> Entry:
        """A correction is a new event: the changed fields, checked as a whole entry would be."""
        entry = self.get(entry_id)
        self._own(entry, "correct")
        if entry.status == "withdrawn":
            raise RegisterError(f"entry {entry.id} was withdrawn")
        checked = check(draft, self.today())
        new = {"kind": checked.kind, "giver": checked.giver, "description": checked.description,
               "value_pence": checked.value_pence, "offered_on": checked.offered_on.isoformat(),
               "outcome": checked.outcome, "circumstances": checked.circumstances, "approver": checked.approver,
               "approver_role": checked.approver_role}
        old = entry.to_json()
        changes = {k: v for k, v in new.items() if k in CORRECTABLE and old.get(k) != v}
        if not changes:
            return entry
        values: dict[str, Any] = dict(changes)
        values["offered_on"] = checked.offered_on
        if entry.status in ("approved", "declined"):
            values.update(status="submitted", decided_by=None, decision_comment="")
        return self._change(entry, "corrected", {"changes": changes}, approver=checked.approver, **values)

    def _own(self, entry: Entry, action: str) -> None:
        if entry.officer != self.user:
            raise NotAllowed(f"entry {entry.id} is {entry.officer}'s: only they can {action} it")

    def _change(self, entry: Entry, type_: str, payload: dict[str, Any], submitted_at: bool = False,
                approver: str | None = None, **values: Any) -> Entry:
        from sqlalchemy import update

        from assistant.register.schema import entries

        approver = entry.approver if approver is None else approver
        with self._write() as conn:
            current = conn.execute(entries.select().where(entries.c.id == entry.id).with_for_update()).mappings().one_or_none()
            if current is None or current["last_seq"] != entry.last_seq:
                raise RegisterError(f"entry {entry.id} was changed by someone else just now; look at it again")
            event = self._append(conn, entry.id, type_, entry.officer, approver, payload)
            values.update(updated_at=event.at, last_seq=event.seq)
            if submitted_at:
                values["submitted_at"] = event.at
            if "approver" in values or approver != entry.approver:
                values["approver"] = approver
            conn.execute(update(entries).where(entries.c.id == entry.id).values(**values))
        return self.get(entry.id)

    # -- reading -------------------------------------------------------------------
    def get(self, entry_id: str) -> Entry:
        from sqlalchemy import select

        from assistant.register.schema import entries

        wanted = (entry_id or "").strip().lower()
        if not wanted or len(wanted) > 36 or not all(c in "0123456789abcdef" for c in wanted):
            raise NotFound(f"no entry {entry_id[:40]!r}: an entry's id is the hex shown by `conduct register list`")
        with self._read() as conn:
            rows = conn.execute(select(entries).where(entries.c.id.like(wanted + "%")).limit(2)).mappings().all()
        visible = [e for e in (_entry(r) for r in rows) if self.can_read(e)]
        if not visible:
            raise NotFound(f"no entry {wanted} that you can see")
        if len(visible) > 1:
            raise NotFound(f"{wanted} matches more than one entry: give more of its id")
        return visible[0]

    def entries(self, status: str | None = None, mine: bool = False, waiting_for_me: bool = False,
                since: date | None = None, until: date | None = None, limit: int | None = None) -> list[Entry]:
        """The entries this person may see, newest first; the database filters them too on PostgreSQL."""
        from sqlalchemy import or_, select

        from assistant.register.schema import entries

        query = select(entries)
        if self.role != "monitoring_officer":
            query = query.where(or_(entries.c.officer == self.user, entries.c.approver == self.user))
        if mine:
            query = query.where(entries.c.officer == self.user)
        if waiting_for_me:
            query = query.where(entries.c.approver == self.user, entries.c.status == "submitted")
        if status:
            query = query.where(entries.c.status == status)
        if since:
            query = query.where(entries.c.offered_on >= since)
        if until:
            query = query.where(entries.c.offered_on <= until)
        query = query.order_by(entries.c.offered_on.desc(), entries.c.created_at.desc(), entries.c.id)
        if limit:
            query = query.limit(limit)
        with self._read() as conn:
            return [_entry(r) for r in conn.execute(query).mappings()]

    def events(self, entry_id: str | None = None) -> list[Event]:
        """The events this person may see (their own, and those addressed to them), oldest first.

        Filtered here as well as by row-level security, so SQLite, which has no roles, shows each
        person the same as PostgreSQL would."""
        from sqlalchemy import or_, select

        from assistant.register.schema import events

        query = select(events).order_by(events.c.seq)
        if self.role != "monitoring_officer":
            query = query.where(or_(events.c.officer == self.user, events.c.approver == self.user))
        if entry_id:
            query = query.where(events.c.entry_id == entry_id)
        with self._read() as conn:
            return [_event(r)[0] for r in conn.execute(query).mappings()]

    def history(self, officer: str | None = None, since: date | None = None) -> list[Entry]:
        """An officer's gifts and hospitality since a date, for 'you recorded two gifts from Acme Ltd…'."""
        rows = self.entries(mine=True, since=since)
        return [e for e in rows if e.kind in ("gift", "hospitality") and e.status not in ("withdrawn",)
                and (officer is None or e.officer == officer)]

    # -- verifying -------------------------------------------------------------------
    def verify(self) -> Verification:
        """Every event's hash and link, and every entry against its events."""
        from sqlalchemy import func, select

        from assistant.register.schema import chain_head, entries, events

        if self.dialect == "postgresql" and self.role != "monitoring_officer":
            raise NotAllowed("verifying the whole register needs the Monitoring Officer's role "
                             "(conduct_monitoring_officer): you can see only your own part of it")
        with self._read() as conn:
            pairs = [_event(r) for r in conn.execute(select(events).order_by(events.c.seq)).mappings()]
            head = conn.execute(select(chain_head.c.seq, chain_head.c.hash).where(chain_head.c.id == 1)).one_or_none()
            rows = [dict(r) for r in conn.execute(select(entries).order_by(entries.c.id)).mappings()]
            count = conn.execute(select(func.count()).select_from(events)).scalar()
        breaks = check_chain(pairs, tuple(head) if head is not None else (0, ""))
        breaks += compare_entries(rows, [e for e, _ in pairs if _payload_ok(e)], head[0] if head is not None else 0)
        if self.role != "monitoring_officer":
            breaks = self._only_mine(breaks, rows, [e for e, _ in pairs])
        return Verification(count or 0, len(rows), tuple(breaks))

    def _only_mine(self, breaks: list[Break], rows: list[dict[str, Any]], events: list[Event]) -> list[Break]:
        """On SQLite anyone may check the whole chain, but a break in someone else's entry is named, not shown."""
        mine = {r["id"] for r in rows if r.get("officer") == self.user or r.get("approver") == self.user}
        mine |= {e.entry_id for e in events if e.officer == self.user or e.approver == self.user}
        kept = []
        for b in breaks:
            if b.entry_id is None or b.entry_id in mine:
                kept.append(b)
            else:
                kept.append(Break(b.seq, None, "someone else's entry does not match its record; the Monitoring "
                                               "Officer can see which and how"))
        return kept


def _payload_ok(event: Event) -> bool:
    return isinstance(event.payload, dict)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "officer"


def _entry(row: Any) -> Entry:
    try:
        citations = tuple(json.loads(row["citations"] or "[]"))
    except (TypeError, ValueError):
        citations = ()
    offered = row["offered_on"]
    if isinstance(offered, str):
        offered = date.fromisoformat(offered)
    return Entry(
        id=row["id"], officer=row["officer"], approver=row["approver"] or "", kind=row["kind"], giver=row["giver"] or "",
        description=row["description"], value_pence=row["value_pence"], offered_on=offered, outcome=row["outcome"],
        circumstances=row["circumstances"] or "", approver_role=row["approver_role"] or "", council=row["council"],
        question=row["question"] or "", verdict=row["verdict"] or "", summary=row["summary"] or "",
        citations=citations, fingerprint=row["fingerprint"] or "", status=row["status"],
        created_at=row["created_at"], updated_at=row["updated_at"], submitted_at=row["submitted_at"],
        decided_by=row["decided_by"], decision_comment=row["decision_comment"] or "", last_seq=row["last_seq"],
    )


def _event(row: Any) -> tuple[Event, str]:
    raw = row["payload"]
    try:
        payload = json.loads(raw)
    except (TypeError, ValueError):
        payload = {"unreadable": True}
    return Event(row["seq"], row["entry_id"], row["type"], row["actor"], row["officer"], row["approver"] or "",
                 row["at"], payload, row["prev_hash"], row["hash"]), raw


def open_store(url: str | None = None, user: str | None = None, role: str | None = None) -> Store:
    return Store(url, user=user, role=role)


__all__ = ["Store", "open_store", "Verification", "RegisterError", "Unavailable", "NotAllowed", "NotFound",
           "InvalidEntry", "replace"]
