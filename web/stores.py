"""Open registers kept for a few minutes, per person, in each worker: opening one costs a new engine and a
schema check (20-100 ms), and an ask page may look in the officer's register once per answer it replays.

Only the connection is kept, never anything read through it: each page still asks
the register afresh, so what a person sees is always the register's current answer.
Keyed by the register's address and the person, as resolved at the time, so a change
of CONDUCT_DATABASE_URL or CONDUCT_USER is honoured at once.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.register.store import Store

MAX_OPEN = 256
"""One per person a worker has served lately: an engine with its pool, a few kB and a file handle or two."""
MAX_AGE_S = 300.0
"""A person's role can change (made an approver, a Monitoring Officer): an open register is reopened after this."""


class Stores:
    def __init__(self, max_open: int = MAX_OPEN, max_age: float = MAX_AGE_S):
        self.max_open, self.max_age = max_open, max_age
        self._open: OrderedDict[tuple[str, str, str], tuple[float, "Store"]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, user: str | None, role: str | None) -> "Store":
        """The register as this person (None, None: the register's own default person, as the chat)."""
        from assistant.register.database import database_url
        from assistant.register.store import ENV_ROLE, ENV_USER, Store

        key = (database_url(), user or os.environ.get(ENV_USER, ""), role or os.environ.get(ENV_ROLE, ""))
        now = time.monotonic()
        with self._lock:
            found = self._open.pop(key, None)
            if found is not None and now - found[0] <= self.max_age:
                self._open[key] = found
                return _Borrowed(found[1])  # type: ignore[return-value]
            if found is not None:
                found[1].close()
        store = Store(user=user, role=role)
        with self._lock:
            self._open[key] = (now, store)
            while len(self._open) > self.max_open:
                _, (_, oldest) = self._open.popitem(last=False)
                oldest.close()
        return _Borrowed(store)  # type: ignore[return-value]

    def close(self) -> None:
        with self._lock:
            for _, store in self._open.values():
                store.close()
            self._open.clear()


class _Borrowed:
    """The kept Store, for `with` and `close()` as usual; closing it hands it back instead."""

    def __init__(self, store: "Store"):
        self._store = store

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def __enter__(self) -> "Store":
        return self._store

    def __exit__(self, *_exc: object) -> None:
        pass

    def close(self) -> None:
        pass
