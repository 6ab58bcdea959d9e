"""Record this and the Register screen, driven as an officer would: ask, press one key, fill two fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import ask, settle

from tui.app import ConductApp
from tui.screens.record import RecordScreen
from tui.screens.register import RegisterScreen

SIZE = (100, 40)
QUESTION = "I was offered a £30 bottle of wine by Acme Ltd, a contractor, and I declined it"


@pytest.fixture(autouse=True)
def own_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONDUCT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CONDUCT_DATABASE_URL", raising=False)
    monkeypatch.setenv("CONDUCT_USER", "alice")
    return tmp_path / "home"


def field(app: ConductApp, name: str):
    from textual.widgets import Input

    return app.screen.query_one(f"#record-{name}", Input)


async def test_one_key_opens_the_form_filled_from_the_answer(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, QUESTION)
        assert app.screen.query(".record-this")  # the button under the answer
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        assert field(app, "giver").value == "Acme Ltd"
        assert field(app, "value").value == "£30"
        assert field(app, "outcome").value == "declined"
        assert field(app, "description").value == "Bottle of wine"
        assert field(app, "approver").value == ""
        assert app.focused is field(app, "approver")  # the one thing left to fill
        intro = str(app.screen.query_one("#record-intro").render())
        assert "relevant Director" in intro and "thurrock:14.3" in intro


async def test_fill_the_approver_and_it_is_in_the_register_for_them_only(app: ConductApp, monkeypatch) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, QUESTION)
        await pilot.press("ctrl+r")
        await settle(pilot)
        field(app, "approver").value = "dana"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordScreen)
        notes = " ".join(str(n.render()) for n in app.screen.query(".-saved"))
        assert "Recorded entry" in notes and "submitted to dana" in notes
    from assistant.register.store import Store

    assert [e.giver for e in Store(user="dana").entries(waiting_for_me=True)] == ["Acme Ltd"]
    assert Store(user="bob").entries() == []


async def test_problems_are_shown_in_the_form_and_nothing_is_saved(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, QUESTION)
        await ask(pilot, "/record")
        assert isinstance(app.screen, RecordScreen)
        field(app, "approver").value = "dana"
        field(app, "offered_on").value = "2099-01-01"
        field(app, "giver").value = "[bold]Acme\x1b[2J"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        problems = str(app.screen.query_one("#record-problems").render())
        assert "future" in problems and "control character" in problems
    from assistant.register.history import register_exists

    assert not register_exists()  # checked before any database was touched: nothing written anywhere


async def test_an_unreachable_register_keeps_the_draft_and_the_answer_stays(app: ConductApp, monkeypatch) -> None:
    monkeypatch.setenv("CONDUCT_DATABASE_URL", "postgresql://alice@127.0.0.1:1/conduct")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, QUESTION)
        await pilot.press("ctrl+r")
        await settle(pilot)
        field(app, "approver").value = "dana"
        await pilot.click("#record-submit")
        await settle(pilot)
        notes = " ".join(str(n.render()) for n in app.screen.query(".-error"))
        assert "cannot be reached" in notes and "kept on this computer" in notes
        from tui.widgets.answer_card import AnswerCard

        assert app.screen.query(AnswerCard)  # the answer is still there
    from assistant.register.outbox import pending

    assert [k.draft.giver for k in pending()] == ["Acme Ltd"]


async def test_the_register_screen_lists_entries_and_shows_markup_literally(app: ConductApp) -> None:
    from assistant.register.model import Draft
    from assistant.register.store import Store

    Store(user="alice").record(Draft(giver="[red]Acme[/red]", description="Wine", value="£30", offered_on="today",
                                     outcome="declined", approver="dana", summary="No: not a token gift."))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        table = app.screen.query_one("#register-table")
        assert table.row_count == 1
        assert "[red]Acme[/red]" in str(table.get_row_at(0)[6])
        assert "alice (officer) — 1 entry" in str(app.screen.query_one("#register-who").render())
        assert "not a token gift" in str(app.screen.query_one("#register-detail").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, RegisterScreen)


async def test_no_record_offer_without_something_to_record(app: ConductApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(pilot, "/record")
        assert not isinstance(app.screen, RecordScreen)


def _recorded(user: str = "alice", **changes):
    from assistant.register.model import Draft
    from assistant.register.store import Store

    fields = dict(giver="Acme Ltd", description="Wine", value="£30", offered_on="today", outcome="declined",
                  approver="dana", summary="No: gifts from contractors must be refused.",
                  citations=("thurrock:14.5",))
    fields.update(changes)
    return Store(user=user).record(Draft(**fields))


async def test_the_approver_sees_what_waits_and_decides_with_a_comment(app: ConductApp, monkeypatch) -> None:
    from assistant.register.store import Store
    from tui.screens.decide import DecideScreen

    first = _recorded()
    second = _recorded(giver="Bolt plc")
    _recorded(giver="Crane", approver="mo")  # addressed to someone else: dana never sees it
    monkeypatch.setenv("CONDUCT_USER", "dana")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RegisterScreen) and screen.waiting
        assert "waiting for your decision — 2 entries" in str(screen.query_one("#register-who").render())
        order = [e.id for e in screen.entries]
        assert set(order) == {first.id, second.id}
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, DecideScreen)
        shown = str(app.screen.query_one("#decide-entry").render())
        assert "gifts from contractors must be refused" in shown and "thurrock:14.5" in shown
        await pilot.press(*"Right to refuse", "enter")
        await settle(pilot)
        assert app.screen is screen and [e.id for e in screen.entries] == order[1:]  # one left waiting
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#decide-comment").value = "Should have been reported sooner"
        await pilot.click("#decide-confirm")
        await settle(pilot)
        assert screen.entries == []
    decided = {e.id: e for e in Store(user="alice").entries()}
    assert (decided[order[0]].status, decided[order[0]].decided_by, decided[order[0]].decision_comment) == \
        ("approved", "dana", "Right to refuse")
    assert (decided[order[1]].status, decided[order[1]].decision_comment) == \
        ("declined", "Should have been reported sooner")


async def test_an_officer_cannot_decide_their_own_entry_but_can_correct_it(app: ConductApp) -> None:
    from assistant.register.store import Store
    from tui.screens.decide import DecideScreen

    entry = _recorded()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen) and not isinstance(app.screen, DecideScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.correcting.id == entry.id
        assert field(app, "value").value == "£30" and field(app, "giver").value == "Acme Ltd"
        assert not app.screen.query("#record-draft")  # a correction is never a draft
        field(app, "value").value = "£45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RegisterScreen)
        assert "corrected by alice: value £45" in str(screen.query_one("#register-detail").render())
    events = Store(user="alice").events(entry.id)
    assert [e.type for e in events] == ["submitted", "corrected"]
    assert events[0].payload["entry"]["value_pence"] == 3000 and Store(user="alice").get(entry.id).value_pence == 4500
