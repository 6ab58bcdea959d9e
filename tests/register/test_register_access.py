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


# --------------------------------------------------------------------------- every role, reading and deciding

@pytest.fixture
def three(pg_register):
    """alice's entry for dana, bob's for mo, dana's own for herself: one of each kind of reader."""
    a = open_as(pg_register, "alice").record(gift(approver="dana"))
    b = open_as(pg_register, "bob").record(gift(giver="Bolt plc", approver="mo"))
    d = open_as(pg_register, "dana").record(gift(giver="Crane & Co", approver="dana"))
    return pg_register, {"a": a.id, "b": b.id, "d": d.id}


@pytest.mark.parametrize("user, sees", [
    ("alice", {"a"}), ("bob", {"b"}), ("dana", {"a", "d"}), ("mo", {"a", "b", "d"}),
])
def test_each_role_reads_exactly_its_own_and_addressed_rows(three, user, sees) -> None:
    register, ids = three
    wanted = {ids[k] for k in sees}
    with raw(register, user) as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM entries")} == wanted
        assert {r[0] for r in conn.execute("SELECT entry_id FROM events")} == wanted
    store = open_as(register, user)
    assert {e.id for e in store.entries()} == wanted and {e.entry_id for e in store.events()} == wanted


def _decide_raw(conn, entry_id: str, user: str, status: str = "approved"):
    return conn.execute("UPDATE entries SET status = %s, decided_by = %s WHERE id = %s", (status, user, entry_id))


@pytest.mark.parametrize("user", ["alice", "bob", "dana", "mo"])
def test_no_one_approves_their_own_entry_even_by_raw_sql(three, user) -> None:
    register, ids = three
    own = {"alice": "a", "bob": "b", "dana": "d"}.get(user)
    if own is None:
        own_entry = open_as(register, "mo").record(gift(giver="Drake", approver="dana")).id
    else:
        own_entry = ids[own]
    with raw(register, user) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _decide_raw(conn, own_entry, user)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO events (seq, entry_id, type, actor, officer, approver, at, payload, prev_hash,"
                         " hash) VALUES (999, %s, 'approved', %s, %s, %s, 'now', '{}', '', '')",
                         (own_entry, user, user, user))
    with raw(register, "mo") as conn:
        assert conn.execute("SELECT status FROM entries WHERE id = %s", (own_entry,)).fetchone()[0] == "submitted"


def test_an_officer_cannot_decide_an_entry_addressed_to_someone_else(three) -> None:
    register, ids = three
    with raw(register, "alice") as conn:  # alice is no approver: nothing of bob's or dana's is hers to touch
        assert _decide_raw(conn, ids["b"], "alice").rowcount == 0
        assert _decide_raw(conn, ids["d"], "alice").rowcount == 0
    with raw(register, "dana") as conn:  # dana approves for herself only what is addressed to her
        assert _decide_raw(conn, ids["b"], "dana").rowcount == 0


def test_the_approver_decides_what_is_addressed_to_them_but_cannot_rewrite_it(three) -> None:
    register, ids = three
    with raw(register, "dana") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE entries SET description = 'nothing much', value_pence = 1 WHERE id = %s", (ids["a"],))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a decision in someone else's name
            _decide_raw(conn, ids["a"], "mo")
    decided = open_as(register, "dana").approve(ids["a"], "Fine")
    assert (decided.status, decided.decided_by) == ("approved", "dana")
    alice = open_as(register, "alice")
    assert alice.get(ids["a"]).status == "approved" and alice.get(ids["a"]).description == "A bottle of wine"


def test_the_monitoring_officer_decides_any_entry_but_their_own(three) -> None:
    register, ids = three
    mo = open_as(register, "mo")
    assert mo.decline(ids["a"], "Over the limit").status == "declined"
    assert mo.approve(ids["d"]).status == "approved"  # dana's own entry, addressed to herself
    assert open_as(register, "mo").verify().ok


def test_an_officer_corrects_their_own_entry_after_a_decision(three) -> None:
    register, ids = three
    open_as(register, "dana").approve(ids["a"])
    alice = open_as(register, "alice")
    corrected = alice.correct(ids["a"], gift(approver="dana", value="£45"))
    assert (corrected.status, corrected.value_pence, corrected.decided_by) == ("submitted", 4500, None)
    with raw(register, "alice") as conn:  # but setting a decision on it herself is refused
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _decide_raw(conn, ids["a"], "dana")
    assert open_as(register, "mo").verify().ok
