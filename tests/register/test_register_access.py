"""Who sees what, enforced by PostgreSQL itself: each role connects and queries the tables directly."""

from __future__ import annotations

import psycopg
import pytest
from conftest import open_as
from test_register_store import gift

pytestmark = pytest.mark.usefixtures("pg_cluster")


def raw(register, user: str) -> psycopg.Connection:
    return psycopg.connect(register.url_for(user), autocommit=True)


@pytest.fixture
def filled(pg_register):
    alice, bob = open_as(pg_register, "alice"), open_as(pg_register, "bob")
    a = alice.record(gift(approver="dana"))
    b = bob.record(gift(giver="Bolt plc", approver="mo"))
    return pg_register, a, b


def test_an_officer_reads_only_their_own_entries_and_events(filled) -> None:
    register, a, b = filled
    with raw(register, "bob") as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM entries")] == [b.id]
        assert {r[0] for r in conn.execute("SELECT officer FROM events")} == {"bob"}
        assert conn.execute("SELECT count(*) FROM entries WHERE officer = 'alice'").fetchone()[0] == 0


def test_an_approver_reads_what_is_addressed_to_them(filled) -> None:
    register, a, b = filled
    with raw(register, "dana") as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM entries")] == [a.id]


def test_the_monitoring_officer_reads_everything(filled) -> None:
    register, a, b = filled
    with raw(register, "mo") as conn:
        assert sorted(r[0] for r in conn.execute("SELECT id FROM entries")) == sorted([a.id, b.id])
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2


@pytest.mark.parametrize("user", ["alice", "bob", "dana", "mo", "conduct_owner"])
def test_no_role_can_update_or_delete_an_event(filled, user) -> None:
    register, a, b = filled
    with raw(register, user) as conn:
        for statement in ("UPDATE events SET payload = '{}'", "DELETE FROM events", "TRUNCATE events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with raw(register, "mo") as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2


def test_an_officer_cannot_record_in_anothers_name_or_decide_for_them(filled) -> None:
    register, a, b = filled
    with raw(register, "bob") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO entries (id, officer, kind, description, offered_on, outcome, status,"
                         " created_at, updated_at, last_seq) VALUES ('f00d', 'alice', 'gift', 'x', '2026-01-01',"
                         " 'accepted', 'submitted', 'now', 'now', 0)")
        # alice's entry is invisible to bob, so his update touches no row at all
        assert conn.execute("UPDATE entries SET status = 'approved' WHERE id = %s", (a.id,)).rowcount == 0
    with raw(register, "mo") as conn:
        assert conn.execute("SELECT status FROM entries WHERE id = %s", (a.id,)).fetchone()[0] == "submitted"


def test_the_store_reports_the_databases_answer_plainly(filled) -> None:
    register, a, b = filled
    bob = open_as(register, "bob")
    assert bob.role == "officer" and [e.id for e in bob.entries()] == [b.id]
    from assistant.register.store import NotAllowed, NotFound

    with pytest.raises(NotFound):
        bob.get(a.id)
    with pytest.raises(NotAllowed, match="Monitoring Officer"):
        bob.verify()
    assert open_as(register, "mo").role == "monitoring_officer"
    assert open_as(register, "dana").role == "approver"
