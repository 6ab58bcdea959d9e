"""Drafts kept on this computer when the register cannot take them, to submit later.

One JSON file per draft under CONDUCT_HOME/register/outbox, written to a
temporary name and renamed, so a crash never leaves half a draft. Nothing is
deleted until the register has accepted the entry.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.register.database import RegisterError, Unavailable, register_home
from assistant.register.model import Draft

if TYPE_CHECKING:
    from assistant.register.model import Entry
    from assistant.register.store import Store


@dataclass(frozen=True)
class Kept:
    path: Path
    draft: Draft
    reason: str
    submit: bool = True


def outbox_dir() -> Path:
    return register_home() / "outbox"


def keep(draft: Draft, reason: str, submit: bool = True) -> Kept:
    """Save the draft locally; raises RegisterError only if this computer cannot write either."""
    folder = outbox_dir()
    data = {"draft": draft.to_json(), "reason": reason, "submit": submit}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{uuid.uuid4().hex[:12]}.json"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".draft-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise RegisterError(f"the draft could not be kept on this computer either ({exc.strerror}); "
                            "copy your answers before closing") from None
    return Kept(path, draft, reason, submit)


def pending() -> list[Kept]:
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    kept = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            kept.append(Kept(path, Draft.from_json(data["draft"]), str(data.get("reason", "")),
                             bool(data.get("submit", True))))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # an unreadable file is left where it is, for a person to look at
    return kept


def send(store: "Store") -> tuple[list["Entry"], list[tuple[Kept, str]]]:
    """Submit every kept draft; each one leaves the outbox only once the register has it."""
    from assistant.register.validate import InvalidEntry

    sent, failed = [], []
    for item in pending():
        try:
            entry = store.record(item.draft, submit=item.submit)
        except Unavailable:
            raise
        except (InvalidEntry, RegisterError) as exc:
            failed.append((item, str(exc)))
            continue
        item.path.unlink(missing_ok=True)
        sent.append(entry)
    return sent, failed


@dataclass(frozen=True)
class Outcome:
    """What happened to a Record this: in the register, or kept here and why."""

    entry: "Entry | None"
    kept: Kept | None
    message: str

    def to_json(self) -> dict:
        return {"recorded": self.entry is not None, "entry": self.entry.to_json() if self.entry else None,
                "kept": str(self.kept.path) if self.kept else None, "message": self.message}


def record_or_keep(draft: Draft, url: str | None = None, user: str | None = None, submit: bool = True) -> Outcome:
    """Record the draft; if the register cannot take it, keep it locally and say so.

    A draft with problems (InvalidEntry) is raised, not kept: the officer fixes it in the form.
    """
    from assistant.register.store import Store
    from assistant.register.validate import check

    check(draft)  # the form's problems first, before touching any database
    try:
        with Store(url, user=user) as store:
            entry = store.record(draft, submit=submit)
    except RegisterError as exc:  # InvalidEntry is a ValueError, so it is raised to the form
        kept = keep(draft, str(exc), submit)
        return Outcome(None, kept, f"Not recorded: {exc}. Your draft is kept on this computer ({kept.path}); "
                                   "`conduct register send` submits it later.")
    state = "submitted to " + entry.approver if entry.status == "submitted" else "saved as a draft"
    return Outcome(entry, None, f"Recorded entry {entry.id}, {state}.")
