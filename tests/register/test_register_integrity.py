"""The audit trail on both databases: verify names a tampered row; concurrent officers and a crash
mid-write lose nothing and leave nothing half-written; migrations run from every earlier version."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from conftest import open_as
from test_register_store import gift

ROOT = Path(__file__).resolve().parents[2]


def tamper(register, *statements: str) -> None:
    """Change the database behind Conduct's back, as someone with the file or superuser would."""
    if register.kind == "sqlite":
        conn = sqlite3.connect(register.url.removeprefix("sqlite:///"))
        conn.execute("DROP TRIGGER IF EXISTS events_no_update")
        conn.execute("DROP TRIGGER IF EXISTS events_no_delete")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()
    else:
        with psycopg.connect(register.admin_url, autocommit=True) as conn:
            for table in ("events", "entries"):
                conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            for statement in statements:
                conn.execute(statement)
            for table in ("events", "entries"):
                conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def three(register):
    alice = open_as(register, "alice")
    entries = [alice.record(gift(giver=f"Giver {n}")) for n in range(3)]
    return alice, entries


def verifier(register):
    return open_as(register, "mo")


def test_an_untouched_register_verifies(register) -> None:
    three(register)
    result = verifier(register).verify()
    assert result.ok and (result.events, result.entries) == (3, 3)


def test_an_altered_event_is_named(register) -> None:
    _, entries = three(register)
    tamper(register, "UPDATE events SET payload = replace(payload, 'Giver 1', 'Someone else') WHERE seq = 2")
    breaks = verifier(register).verify().breaks
    assert any(b.seq == 2 and "altered" in b.problem for b in breaks), breaks


def test_a_removed_event_is_named(register) -> None:
    _, entries = three(register)
    tamper(register, "DELETE FROM events WHERE seq = 2")
    breaks = verifier(register).verify().breaks
    assert any(b.seq == 2 and "removed" in b.problem for b in breaks), breaks
    assert any(b.entry_id == entries[1].id and "removed" in b.problem for b in breaks), breaks


def test_the_last_event_removed_is_named(register) -> None:
    three(register)
    tamper(register, "DELETE FROM events WHERE seq = 3")
    breaks = verifier(register).verify().breaks
    assert any(b.seq == 3 and "missing" in b.problem for b in breaks), breaks


def test_an_altered_entry_row_is_named(register) -> None:
    _, entries = three(register)
    tamper(register, f"UPDATE entries SET value_pence = 100, status = 'approved' WHERE id = '{entries[0].id}'")
    breaks = verifier(register).verify().breaks
    assert [(b.entry_id, "value_pence" in b.problem and "status" in b.problem) for b in breaks] == [(entries[0].id, True)]


def test_a_removed_or_added_entry_row_is_named(register) -> None:
    _, entries = three(register)
    tamper(register, f"DELETE FROM entries WHERE id = '{entries[2].id}'",
           "INSERT INTO entries (id, officer, kind, description, offered_on, outcome, status, created_at,"
           " updated_at, last_seq) VALUES ('beef', 'alice', 'gift', 'x', '2026-01-01', 'accepted', 'approved',"
           " 'now', 'now', 9)")
    problems = {b.entry_id: b.problem for b in verifier(register).verify().breaks}
    assert "removed" in problems[entries[2].id] and "added" in problems["beef"]


def test_two_officers_recording_at_once_lose_nothing(register) -> None:
    def work(user: str) -> list[str]:
        store = open_as(register, user)
        try:
            return [store.record(gift(giver=f"{user} giver {n}")).id for n in range(20)]
        finally:
            store.close()

    with ThreadPoolExecutor(2) as pool:
        ids = [i for batch in pool.map(work, ["alice", "bob"]) for i in batch]
    mo = verifier(register)
    assert len(set(ids)) == 40
    assert sorted(e.id for e in mo.entries()) == sorted(ids)
    result = mo.verify()
    assert result.ok and result.events == 40
    assert [e.seq for e in mo.events()] == list(range(1, 41))


CRASH = textwrap.dedent("""
    import os, sys
    from assistant.register import store as S
    from assistant.register.model import Draft
    original = S.Store._append
    def crash(self, *args, **kwargs):
        original(self, *args, **kwargs)
        os._exit(3)   # the process dies after the event is written, before the entry and the commit
    S.Store._append = crash
    kwargs = {} if sys.argv[1].startswith("postgresql") else {"user": "alice"}
    S.Store(sys.argv[1], **kwargs).record(Draft(giver="Acme", description="wine", value="£30",
        offered_on="today", outcome="declined", approver="dana"))
""")


def test_a_crash_mid_write_leaves_no_half_written_entry(register) -> None:
    alice, entries = three(register)
    url = register.url_for("alice")
    done = subprocess.run([sys.executable, "-c", CRASH, url], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    mo = verifier(register)
    assert sorted(e.id for e in mo.entries()) == sorted(e.id for e in entries)
    result = mo.verify()
    assert result.ok and result.events == 3
    assert alice.record(gift()).last_seq == 4  # the chain carries on where it was


def test_schema_matches_the_models_and_the_version_constant(register) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from assistant.register.database import make_engine
    from assistant.register.migrate import head_revision
    from assistant.register.schema import SCHEMA_VERSION, metadata

    assert head_revision() == SCHEMA_VERSION
    open_as(register, "alice").close()
    engine = make_engine(register.url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []


def _revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from assistant.register.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@pytest.mark.parametrize("start", _revisions()[:-1])
def test_migrations_run_forwards_from_every_earlier_version(tmp_path, start) -> None:
    """A register left at an earlier version, with entries in it, opens at the newest and keeps them."""
    from assistant.register.database import make_engine
    from assistant.register.migrate import current_version, upgrade
    from assistant.register.schema import SCHEMA_VERSION
    from assistant.register.store import Store

    source = f"sqlite:///{tmp_path / 'new.db'}"
    made = [Store(source, user="alice").record(gift(giver=f"Giver {n}")) for n in range(2)]
    old_path = tmp_path / "old.db"
    upgrade(make_engine(f"sqlite:///{old_path}"), start)
    conn = sqlite3.connect(old_path)
    conn.execute(f"ATTACH DATABASE '{tmp_path / 'new.db'}' AS new")
    for table in ("entries", "events", "chain_head"):
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} SELECT * FROM new.{table}")
    conn.commit()
    conn.close()
    store = Store(f"sqlite:///{old_path}", user="alice")
    with store.engine.connect() as c:
        assert current_version(c) == SCHEMA_VERSION
    assert sorted(e.id for e in store.entries()) == sorted(e.id for e in made)
    assert store.verify().ok
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw = sqlite3.connect(old_path)
        raw.execute("DELETE FROM events")


def test_postgres_migrates_from_every_earlier_version(pg_cluster) -> None:
    import register_pg as pg

    from assistant.register.database import make_engine
    from assistant.register.migrate import upgrade
    from assistant.register.store import Store

    for n, start in enumerate(_revisions()[:-1]):
        name = f"mig_{os.getpid()}_{n}"
        pg_cluster.sql(f"CREATE DATABASE {name} OWNER {pg.OWNER}")
        upgrade(make_engine(pg_cluster.url(pg.OWNER, name)), start)
        owner = Store(pg_cluster.url(pg.OWNER, name))  # migrates to the newest on open
        owner.close()
        alice = Store(pg_cluster.url("alice", name))
        entry = alice.record(gift())
        assert [e.id for e in alice.entries()] == [entry.id]
        assert Store(pg_cluster.url("bob", name)).entries() == []


def test_on_sqlite_an_officer_s_verify_names_but_does_not_show_another_s_tampered_entry(sqlite_register) -> None:
    a = open_as(sqlite_register, "alice").record(gift(giver="Alice's giver"))
    b = open_as(sqlite_register, "bob").record(gift(giver="Bob's giver"))
    tamper(sqlite_register, f"UPDATE entries SET value_pence = 1 WHERE id = '{a.id}'")
    bob = open_as(sqlite_register, "bob").verify()
    assert not bob.ok and [b_.entry_id for b_ in bob.breaks] == [None]
    assert "someone else's entry" in bob.breaks[0].problem and "value_pence" not in str(bob.breaks[0])
    alice = open_as(sqlite_register, "alice").verify()
    assert [x.entry_id for x in alice.breaks] == [a.id] and "value_pence is 1" in alice.breaks[0].problem
    assert [x.entry_id for x in open_as(sqlite_register, "mo").verify().breaks] == [a.id]
    assert b.id not in str(bob.breaks)
