"""The register's fixtures: a fresh SQLite file per test, and a fresh database per test on one
PostgreSQL cluster started for the whole session.

`db` runs a test on both. Without PostgreSQL binaries its tests are skipped
with a message saying so, except when CONDUCT_REQUIRE_POSTGRES=1 (set by
.ci/run), where that is a failure: CI never passes by skipping them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

import register_pg as pg

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    try:
        cluster = pg.start_cluster()
    except FileNotFoundError as exc:
        if os.environ.get("CONDUCT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"CONDUCT_REQUIRE_POSTGRES=1 but PostgreSQL cannot be started: {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc} (install Debian's postgresql package)")
    try:
        pg.prepare_roles(cluster)
        cluster.sql(f"CREATE DATABASE conduct_template OWNER {pg.OWNER}")
        from assistant.register.database import make_engine
        from assistant.register.migrate import upgrade

        engine = make_engine(cluster.url(pg.OWNER, "conduct_template"))
        upgrade(engine)
        engine.dispose()
        yield cluster
    finally:
        cluster.stop()


@dataclass
class Register:
    """One empty register database, and how to open it as a given person."""

    kind: str
    url: str
    url_for: Callable[[str], str]
    admin_url: str

    def open(self, user: str, role: str | None = None):
        from assistant.register.store import Store

        if self.kind == "postgresql":
            return Store(self.url_for(user))
        return Store(self.url, user=user, role=role)


@pytest.fixture
def sqlite_register(tmp_path) -> Register:
    url = f"sqlite:///{tmp_path / 'register.db'}"
    return Register("sqlite", url, lambda user: url, url)


@pytest.fixture
def pg_register(pg_cluster: pg.Cluster) -> Register:
    name = f"reg_{os.getpid()}_{next(_counter)}"
    pg_cluster.sql(f"CREATE DATABASE {name} TEMPLATE conduct_template OWNER {pg.OWNER}")
    return Register("postgresql", pg_cluster.url(pg.OWNER, name), lambda user: pg_cluster.url(user, name),
                    pg_cluster.url("postgres", name))


@pytest.fixture(params=["sqlite", "postgresql"])
def register(request) -> Register:
    return request.getfixturevalue("sqlite_register" if request.param == "sqlite" else "pg_register")


def open_as(register: Register, user: str):
    """On SQLite the role comes from the person's job; on PostgreSQL from their login's groups."""
    role = {"mo": "monitoring_officer", "dana": "approver"}.get(user, "officer")
    return register.open(user, role)
