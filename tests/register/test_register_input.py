"""Checking the form: money in any form the answers read, dates, sizes and characters; prefill from a real Answer;
the report and the published register."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from test_register_store import gift

from assistant.register import export, reports
from assistant.register.model import Entry
from assistant.register.prefill import named_giver, offers_record, prefill
from assistant.register.validate import InvalidEntry, check, read_value

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("typed", "pence"), [
    ("£30", 3000), ("30", 3000), ("30.50", 3050), ("thirty quid", 3000), ("a tenner", 1000), ("£1.5k", 150000),
    ("about £40", 4000), ("£30-£40", 4000), ("GBP 25", 2500), ("1,250", 125000), ("unknown", None), ("", None),
    ("0", 0), ("25p", 25),
])
def test_money_in_any_form_the_answers_read(typed, pence) -> None:
    assert read_value(typed) == pence


@pytest.mark.parametrize(("typed", "says"), [
    ("-£5", "negative"), ("-30", "negative"), ("minus 30 quid", "negative"), ("$30", "pounds"),
    ("€30", "pounds"), ("lots", "could not read"), ("£30 and £40", "one amount"), ("£5,000,000", "over"),
])
def test_money_that_is_not_a_value_in_pounds(typed, says) -> None:
    with pytest.raises(InvalidEntry, match=says):
        read_value(typed)


@pytest.mark.parametrize(("typed", "day"), [
    ("2026-11-30", date(2026, 11, 30)), ("30/11/2026", date(2026, 11, 30)), ("30/11/26", date(2026, 11, 30)),
    ("30 November 2026", date(2026, 11, 30)), ("Nov 30, 2026", date(2026, 11, 30)), ("today", TODAY),
    ("yesterday", date(2026, 11, 30)),
])
def test_dates(typed, day) -> None:
    assert check(gift(offered_on=typed), TODAY).offered_on == day


@pytest.mark.parametrize(("typed", "says"), [
    ("2026-12-02", "future"), ("31/02/2026", "could not read"), ("1850-01-01", "too long ago"), ("soon", "could not read"),
    ("", "say when"),
])
def test_bad_dates(typed, says) -> None:
    with pytest.raises(InvalidEntry, match=says):
        check(gift(offered_on=typed), TODAY)


def test_a_ten_megabyte_description_is_refused_quickly() -> None:
    with pytest.raises(InvalidEntry, match="characters long"):
        check(gift(description="a" * 10_000_000), TODAY)


@pytest.mark.parametrize("field", ["giver", "description", "circumstances", "approver"])
@pytest.mark.parametrize("bad", ["\x1b[2J", "\x00", "\x07", "\x9b31m"])
def test_control_characters_in_any_field(field, bad) -> None:
    with pytest.raises(InvalidEntry, match="control character|login name"):
        check(gift(**{field: f"Acme{bad}Ltd"}), TODAY)


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(InvalidEntry) as caught:
        check(gift(giver="", description="", value="", offered_on="", outcome="maybe", approver="j smith"), TODAY)
    assert sorted(p.field for p in caught.value.problems) == \
        ["approver", "description", "giver", "offered_on", "outcome", "value"]


def test_prefill_from_a_real_answer(assistant) -> None:
    from assistant.decide.policy import policy_for

    answer = assistant.ask("I was offered a £30 bottle of wine by Acme Ltd, a contractor, and I declined it",
                           council="thurrock")
    assert offers_record(answer)
    draft = prefill(answer, policy_for("thurrock"), today=TODAY)
    assert (draft.kind, draft.giver, draft.value, draft.outcome, draft.offered_on) == \
        ("gift", "Acme Ltd", "£30", "declined", "2026-12-01")
    assert draft.approver_role == "the relevant Director (the monitoring officer for officers at or above the level of Assistant Director)" \
        or "Director" in draft.approver_role
    assert draft.required_by == "thurrock:14.3"
    assert "thurrock:14.3" in draft.citations and draft.verdict == answer.verdict
    assert draft.approver == ""  # the one thing the officer must say: whose login it goes to


def test_no_record_offered_where_nothing_is_to_be_recorded(assistant) -> None:
    assert not offers_record(assistant.ask("Can I accept a gift?", council=None))


@pytest.mark.parametrize(("text", "name"), [
    ("a gift from Acme Ltd", "Acme Ltd"), ("hospitality by Bolt & Sons plc at lunch", "Bolt & Sons plc"),
    ("a gift from a contractor", ""), ("from Christmas", ""),
])
def test_named_giver(text, name) -> None:
    assert named_giver(text) == name


def _entry(n: int, **changes) -> Entry:
    base = dict(id=f"{n:04x}", officer="alice", approver="dana", kind="gift", giver="Acme Ltd", description="Wine",
                value_pence=3000, offered_on=date(2026, 8, n), outcome="declined", status="approved",
                created_at=f"2026-08-{n:02d}T10:00:00+00:00", submitted_at=f"2026-08-{n:02d}T10:00:00+00:00")
    base.update(changes)
    return Entry(**base)


def test_report_counts_givers_and_overdue() -> None:
    rows = [_entry(1), _entry(2, outcome="accepted", value_pence=1500), _entry(3, giver="Bolt plc", status="submitted"),
            _entry(4, status="draft"), _entry(5, status="withdrawn"), _entry(6, offered_on=date(2026, 1, 1))]
    report = reports.build(rows, reports.read_period("2026-Q3"), now=datetime(2026, 10, 1, tzinfo=timezone.utc))
    assert report.total == 3 and report.by_outcome == {"accepted": 1, "declined": 2}
    assert report.top_givers[0] == ("Acme Ltd", 2, 4500)
    assert [(e.id, d) for e, d in report.overdue] == [("0003", 58)]
    assert "Conduct's default" in report.text()


def test_periods() -> None:
    assert reports.read_period("2026-Q4").end == date(2026, 12, 31)
    assert reports.read_period("q1 2026").start == date(2026, 1, 1)
    assert reports.read_period("last-quarter", TODAY).label == "Q3 2026"
    with pytest.raises(ValueError):
        reports.read_period("someday")


def test_export_escapes_and_leaves_out_officers_unless_asked() -> None:
    rows = [_entry(1, giver="=HYPERLINK(\"x\")", description="<b>wine</b>"), _entry(2, status="draft")]
    csv_text = export.to_csv(rows)
    assert "alice" not in csv_text and "'=HYPERLINK" in csv_text and csv_text.count("\n") == 2
    assert "alice" in export.to_csv(rows, officers=True)
    page = export.to_html(rows)
    assert "&lt;b&gt;wine&lt;/b&gt;" in page and "<b>wine" not in page and '<html lang="en">' in page
    assert '<th scope="col">Offered by</th>' in page
