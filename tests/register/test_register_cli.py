"""`conduct record` and `conduct register …` as an officer, an approver and the Monitoring Officer use them."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from assistant.cli import main

SESSION_HOME = Path(os.environ["CONDUCT_HOME"])  # the test session's, set by tests/conftest.py
QUESTION = "I was offered a £30 bottle of wine by Acme Ltd, a contractor, and I declined it"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CONDUCT_HOME", str(tmp_path))
    monkeypatch.delenv("CONDUCT_DATABASE_URL", raising=False)
    monkeypatch.setenv("CONDUCT_USER", "alice")
    cache = SESSION_HOME / "cache"
    if cache.is_dir():  # reuse the session's built index instead of building one per test
        (tmp_path / "cache").symlink_to(cache)
    return tmp_path


def run(capsys, monkeypatch, *argv: str, user: str = "alice", stdin: str | None = None) -> tuple[int, str, str]:
    monkeypatch.setenv("CONDUCT_USER", user)
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_record_from_a_question_then_the_approver_decides(capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, "record", "--council", "thurrock", QUESTION)
    assert code == 2 and "--approver" in err and "relevant Director" in err  # the one field the answer cannot know
    code, out, err = run(capsys, monkeypatch, "record", "--council", "thurrock", QUESTION, "--approver", "dana",
                         "--json")
    data = json.loads(out)
    assert code == 0 and data["recorded"] and data["answer"]["verdict"] == "not_allowed"
    entry = data["entry"]
    assert (entry["giver"], entry["value"], entry["outcome"], entry["description"]) == \
        ("Acme Ltd", "£30", "declined", "Bottle of wine")
    assert entry["citations"] == ["thurrock:14.5", "thurrock:14.3"]
    code, out, _ = run(capsys, monkeypatch, "register", "list", "--waiting", "--json", user="dana")
    assert [e["id"] for e in json.loads(out)["entries"]] == [entry["id"]]
    code, out, _ = run(capsys, monkeypatch, "register", "list", "--json", user="bob")
    assert json.loads(out)["entries"] == []
    code, out, _ = run(capsys, monkeypatch, "register", "approve", entry["id"], "--comment", "Right to refuse",
                       user="dana")
    assert code == 0 and "approved" in out
    code, out, _ = run(capsys, monkeypatch, "register", "show", entry["id"][:6])
    assert "Decided by: dana" in out and "approved by dana: Right to refuse" in out


def test_record_json_in_and_out(capsys, monkeypatch) -> None:
    fields = {"giver": "Bolt plc", "description": "Lunch", "value": "about forty quid", "offered_on": "yesterday",
              "outcome": "accepted", "approver": "dana", "kind": "hospitality"}
    code, out, _ = run(capsys, monkeypatch, "record", "--json", stdin=json.dumps(fields))
    assert code == 0 and json.loads(out)["entry"]["value_pence"] == 4000
    code, out, _ = run(capsys, monkeypatch, "record", "--json", stdin="[not json")
    assert code == 2 and "JSON object" in json.loads(out)["error"]
    code, out, _ = run(capsys, monkeypatch, "record", "--json", stdin=json.dumps({**fields, "value": "-5"}))
    assert code == 2 and json.loads(out)["problems"] == [{"field": "value", "message": "cannot be negative"}]


def test_ask_can_record_its_answer_and_a_later_question_sees_the_history(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "ask", "--council", "thurrock", QUESTION, "--record", "--approver", "dana")
    assert code == 0 and "Why:" in out and "Recorded entry" in out
    code, out, _ = run(capsys, monkeypatch, "ask", "--council", "thurrock", "Can I accept a £20 gift from Acme Ltd?")
    assert "you recorded one gift from Acme Ltd in the last 12 months, £30 in total; with this one, £50" in \
        " ".join(out.split())
    code, out, _ = run(capsys, monkeypatch, "ask", "--council", "thurrock", "Can I accept a £20 gift from Bolt plc?")
    assert "Your register" not in out


def test_verify_names_a_tampered_row_and_fails(capsys, monkeypatch, home) -> None:
    fields = {"giver": "Acme", "description": "Wine", "value": "£30", "offered_on": "today", "outcome": "declined",
              "approver": "dana"}
    run(capsys, monkeypatch, "record", "--json", stdin=json.dumps(fields))
    code, out, _ = run(capsys, monkeypatch, "register", "verify")
    assert code == 0 and "chain unbroken" in out
    conn = sqlite3.connect(home / "register" / "register.db")
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET payload = replace(payload, '3000', '300')")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, monkeypatch, "register", "verify", "--json")
    breaks = json.loads(out)["breaks"]
    assert code == 1 and breaks[0]["seq"] == 1 and "altered" in breaks[0]["problem"]


def test_report_and_export(capsys, monkeypatch, tmp_path) -> None:
    for giver in ("Acme", "Acme", "Bolt"):
        run(capsys, monkeypatch, "record", "--json", stdin=json.dumps(
            {"giver": giver, "description": "Wine", "value": "£30", "offered_on": "today", "outcome": "declined",
             "approver": "dana"}))
    code, out, _ = run(capsys, monkeypatch, "register", "report", "--json", user="mo")
    assert code == 0  # on SQLite the Monitoring Officer's view needs the role: mo sees only what is hers
    monkeypatch.setenv("CONDUCT_REGISTER_ROLE", "monitoring_officer")
    code, out, _ = run(capsys, monkeypatch, "register", "report", "--json", user="mo")
    report = json.loads(out)
    assert report["total"] == 3 and report["top_givers"][0] == {"giver": "Acme", "count": 2, "value_pence": 6000}
    page = tmp_path / "register.html"
    code, out, _ = run(capsys, monkeypatch, "register", "export", "--format", "html", "-o", str(page), user="mo")
    assert code == 0 and page.read_text().count("<tr><td>") == 3 and "alice" not in page.read_text()
    code, out, _ = run(capsys, monkeypatch, "register", "export", "--officers", user="mo")
    assert out.count("alice") == 3


def test_an_unreachable_register_keeps_the_draft_and_send_submits_it(capsys, monkeypatch, home) -> None:
    monkeypatch.setenv("CONDUCT_DATABASE_URL", "postgresql://alice@127.0.0.1:1/conduct")
    fields = {"giver": "Acme", "description": "Wine", "value": "£30", "offered_on": "today", "outcome": "declined",
              "approver": "dana"}
    code, out, _ = run(capsys, monkeypatch, "record", "--json", stdin=json.dumps(fields))
    data = json.loads(out)
    assert code == 3 and not data["recorded"] and "cannot be reached" in data["message"] and Path(data["kept"]).is_file()
    monkeypatch.delenv("CONDUCT_DATABASE_URL")
    code, out, _ = run(capsys, monkeypatch, "register", "send")
    assert code == 0 and "Sent 1 kept draft" in out
    code, out, _ = run(capsys, monkeypatch, "register", "list", "--json")
    assert len(json.loads(out)["entries"]) == 1


def test_bad_ids_and_actions_get_a_sentence(capsys, monkeypatch) -> None:
    code, _, err = run(capsys, monkeypatch, "register", "show", "\x1b[2Jzz")
    assert code == 2 and "no entry" in err and "\x1b" not in err
    code, _, err = run(capsys, monkeypatch, "register", "report", "--period", "someday")
    assert code == 2 and "could not read" in err


def test_a_correction_is_a_new_event_shown_in_the_history(capsys, monkeypatch) -> None:
    fields = {"giver": "Acme Ltd", "description": "Wine", "value": "£30", "offered_on": "today",
              "outcome": "accepted", "approver": "dana"}
    code, out, _ = run(capsys, monkeypatch, "record", "--json", stdin=json.dumps(fields))
    entry = json.loads(out)["entry"]
    run(capsys, monkeypatch, "register", "approve", entry["id"], user="dana")
    code, out, err = run(capsys, monkeypatch, "register", "correct", entry["id"][:6], "--value", "about £45",
                         "--giver", "Acme Holdings Ltd")
    assert code == 0 and "corrected (submitted)" in out and "new decision" in out, err
    code, out, _ = run(capsys, monkeypatch, "register", "show", entry["id"], "--json")
    data = json.loads(out)
    assert [e["type"] for e in data["events"]] == ["submitted", "approved", "corrected"]
    assert data["events"][0]["payload"]["entry"]["value_pence"] == 3000  # the first values stay as they were
    assert (data["entry"]["value_pence"], data["entry"]["giver"], data["entry"]["status"]) == \
        (4500, "Acme Holdings Ltd", "submitted")
    code, out, _ = run(capsys, monkeypatch, "register", "show", entry["id"])
    assert "corrected by alice: offered by Acme Holdings Ltd; value £45" in " ".join(out.split())
    code, out, _ = run(capsys, monkeypatch, "register", "list", "--waiting", "--json", user="dana")
    assert [e["id"] for e in json.loads(out)["entries"]] == [entry["id"]]  # back for a new decision
    code, out, _ = run(capsys, monkeypatch, "register", "correct", entry["id"], "--value", "£45")
    assert code == 0 and "nothing changed" in out
    code, _, err = run(capsys, monkeypatch, "register", "correct", entry["id"], "--value", "-3")
    assert code == 2 and "cannot be negative" in err
    code, _, err = run(capsys, monkeypatch, "register", "correct", entry["id"], "--value", "£1", user="bob")
    assert code == 2 and "no entry" in err
    code, out, _ = run(capsys, monkeypatch, "register", "verify", user="dana")
    assert code == 0 and "chain unbroken" in out
