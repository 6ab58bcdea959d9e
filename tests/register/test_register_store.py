"""The register against real SQLite and a real PostgreSQL: recording, deciding, correcting, reading back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import open_as

from assistant.register.model import Draft
from assistant.register.store import InvalidEntry, NotAllowed, RegisterError


def gift(**changes) -> Draft:
    base = dict(giver="Acme Ltd", description="A bottle of wine", value="£30", offered_on="yesterday",
                outcome="declined", approver="dana", council="thurrock", approver_role="the relevant Director",
                citations=("thurrock:14.3", "thurrock:14.5"), verdict="not_allowed")
    base.update(changes)
    return Draft(**base)


def test_record_reads_back_every_field(register) -> None:
    alice = open_as(register, "alice")
    entry = alice.record(gift(value="thirty quid", circumstances="At the site meeting"))
    again = alice.get(entry.id)
    assert again == entry
    assert (entry.officer, entry.approver, entry.giver, entry.value_pence, entry.outcome) == \
        ("alice", "dana", "Acme Ltd", 3000, "declined")
    assert entry.offered_on == date.today() - timedelta(days=1)
    assert entry.citations == ("thurrock:14.3", "thurrock:14.5")
    assert entry.status == "submitted" and entry.last_seq == 1
    assert [e.type for e in alice.events(entry.id)] == ["submitted"]


def test_approver_sees_it_waiting_and_decides_with_a_comment(register) -> None:
    entry = open_as(register, "alice").record(gift())
    dana = open_as(register, "dana")
    assert [e.id for e in dana.entries(waiting_for_me=True)] == [entry.id]
    decided = dana.approve(entry.id[:5], "Declined correctly; thank you")
    assert (decided.status, decided.decided_by, decided.decision_comment) == \
        ("approved", "dana", "Declined correctly; thank you")
    assert dana.entries(waiting_for_me=True) == []
    with pytest.raises(RegisterError, match="only an entry waiting"):
        dana.decline(entry.id)


def test_only_the_named_approver_or_the_monitoring_officer_decides(register) -> None:
    entry = open_as(register, "alice").record(gift())
    with pytest.raises((NotAllowed, RegisterError)):
        open_as(register, "bob").approve(entry.id)
    with pytest.raises(NotAllowed, match="your own"):
        open_as(register, "alice").approve(entry.id)
    assert open_as(register, "mo").decline(entry.id, "Should have been refused").status == "declined"


def test_a_draft_is_withdrawn_but_a_submitted_entry_stays(register) -> None:
    alice = open_as(register, "alice")
    draft = alice.record(gift(approver=""), submit=False)
    assert draft.status == "draft"
    assert alice.withdraw(draft.id).status == "withdrawn"
    submitted = alice.record(gift())
    with pytest.raises(RegisterError, match="only a draft"):
        alice.withdraw(submitted.id)


def test_a_draft_is_submitted_later(register) -> None:
    alice = open_as(register, "alice")
    draft = alice.record(gift(), submit=False)
    assert open_as(register, "dana").entries(waiting_for_me=True) == []
    alice.submit(draft.id)
    assert [e.id for e in open_as(register, "dana").entries(waiting_for_me=True)] == [draft.id]


def test_a_correction_is_a_new_event_and_asks_again(register) -> None:
    alice = open_as(register, "alice")
    entry = alice.record(gift())
    open_as(register, "dana").approve(entry.id)
    fixed = alice.correct(entry.id, gift(value="£45"))
    assert (fixed.value_pence, fixed.status) == (4500, "submitted")
    assert [e.type for e in alice.events(entry.id)] == ["submitted", "approved", "corrected"]
    assert alice.events(entry.id)[-1].payload == {"changes": {"value_pence": 4500}}
    assert alice.verify().ok if register.kind == "sqlite" else open_as(register, "mo").verify().ok


def test_bad_input_is_refused_whole_and_nothing_is_saved(register) -> None:
    alice = open_as(register, "alice")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(InvalidEntry) as caught:
        alice.record(gift(giver="  ", value="-£5", offered_on=tomorrow, description="x" * 10_000_000))
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["description", "giver", "offered_on", "value"]
    assert "future" in str(caught.value) and "negative" in str(caught.value)
    with pytest.raises(InvalidEntry, match="control character"):
        alice.record(gift(giver="Acme\x1b[31m Ltd"))
    assert alice.entries() == [] and alice.events() == []


def test_markup_is_kept_as_the_literal_text_typed(register) -> None:
    alice = open_as(register, "alice")
    entry = alice.record(gift(giver="[bold red]Acme[/] Ltd", description="<script>alert(1)</script>"))
    assert alice.get(entry.id).giver == "[bold red]Acme[/] Ltd"
    assert alice.get(entry.id).description == "<script>alert(1)</script>"


def test_lists_filter_by_status_and_date(register) -> None:
    alice = open_as(register, "alice")
    old = alice.record(gift(offered_on="2025-01-10"))
    new = alice.record(gift(offered_on="today", giver="Bolt plc"))
    assert [e.id for e in alice.entries()] == [new.id, old.id]
    assert [e.id for e in alice.entries(since=date(2025, 6, 1))] == [new.id]
    assert alice.entries(status="approved") == []


def test_each_person_sees_only_their_own_and_addressed_entries_and_events(register) -> None:
    """The same on SQLite (Conduct's own checks: it has no roles) as on PostgreSQL (row-level security)."""
    from assistant.register.store import NotFound

    a = open_as(register, "alice").record(gift(approver="dana"))
    b = open_as(register, "bob").record(gift(giver="Bolt plc", approver="mo"))
    bob, dana, mo = open_as(register, "bob"), open_as(register, "dana"), open_as(register, "mo")
    assert [e.id for e in bob.entries()] == [b.id]
    assert {e.entry_id for e in bob.events()} == {b.id} and bob.events(a.id) == []
    with pytest.raises(NotFound):
        bob.get(a.id)
    assert [e.id for e in dana.entries()] == [a.id] and {e.entry_id for e in dana.events()} == {a.id}
    assert {e.id for e in mo.entries()} == {a.id, b.id} and len(mo.events()) == 2
    assert bob.history() == [] or all(e.officer == "bob" for e in bob.history())
