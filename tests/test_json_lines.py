"""`conduct ask --json` as other programs drive it: exactly one JSON line out for every line in,
whatever the line holds, exit code 0 and never a traceback; and a conversation that keeps its facts.

Each test runs the real command (`python -m assistant ask --council thurrock --json`) as a
subprocess fed raw bytes on stdin, with the session's CONDUCT_HOME (its index already built).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "assistant", "ask", "--council", "thurrock", "--json"]

NASTY: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("spaces", b"   \t  "),
    ("question", "Can I accept a £30 gift from a contractor?".encode()),
    ("long", ("can I accept a gift from a contractor " * 2700)[:100_000].encode()),
    ("long-no-spaces", b"x" * 100_000),
    ("nul-and-controls", b"can I\x00 accept\x01\x02 a gift\x07\x08 from\x0b\x0c a \x1c\x1d\x1e\x1fcontractor\x7f"),
    ("only-controls", bytes(range(1, 10)) + bytes(range(11, 32))),
    ("carriage-return", b"can I accept a gift\rfrom a contractor"),
    ("c1-controls", "gift\u0085from\u0090a\u009b31mcontractor\u009c".encode()),
    ("ansi", b"\x1b[1;31mcan I accept\x1b[0m a \x1b]8;;https://example.org\x1b\\gift\x1b]8;;\x1b\\ worth \x1b[4m\xc2\xa330\x1b[24m"),
    ("ansi-broken", b"\x1b[31\x1b]0;title\x07\x1b(B\x1b7\x1b"),
    ("rich-markup", b"[bold]can I[/bold] accept [link=https://x.org]a gift[/link] from a [red]contractor[/] [/ [b"),
    ("rich-markup-only", b"[/][bold][/bold][link=x][/link]["),
    ("right-to-left", "\u0647\u0644 \u064a\u0645\u0643\u0646\u0646\u064a \u0642\u0628\u0648\u0644 \u0647\u062f\u064a\u0629 \u05de\u05ea\u05e0\u05d4 \u202egift\u202c \u200fcontractor\u200e".encode()),
    ("emoji", "\U0001F381\U0001F381 can I keep a \u00a330 \U0001F377 from a supplier? \U0001F44D\U0001F3FD\u200d\u2642\ufe0f".encode()),
    ("combining", ("g\u0301i\u0308f\u0327t" * 50).encode()),
    ("unknown-command", b"/foo"),
    ("unknown-command-args", b"/foo bar baz"),
    ("unknown-council", b"/council atlantis"),
    ("council-no-name", b"/council"),
    ("council-long", b"/council " + b"atlantis " * 5000),
    ("slash-only", b"/"),
    ("why", b"/why"),
    ("help", b"/help"),
    ("councils", b"/councils"),
    ("compare", b"/compare gifts"),
    ("reset", b"/reset"),
    ("json-looking", b'{"question": "gift", "council": "essex"}'),
    ("bom", "\ufeffcan I accept a gift".encode()),
    ("unicode-separators", "gift\u2028from\u2029a\u0085contractor\u000bworth\u000c\u00a330".encode()),
    ("file-separators", "gift\x1c\x1d\x1econtractor".encode()),
    ("back-to-thurrock", b"/council thurrock"),
]


def run_lines(lines: list[bytes], env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    payload = b"".join(line + b"\n" for line in lines)
    return subprocess.run(COMMAND, input=payload, capture_output=True, cwd=ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})})


def parsed(result: subprocess.CompletedProcess) -> list[dict]:
    text = result.stdout.decode("utf-8")  # strict: the output must be valid UTF-8
    assert text.endswith("\n") or not text
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def nasty_run(retriever) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """All the nasty lines through one process, so one bad line cannot hide behind a fresh start."""
    result = run_lines([line for _, line in NASTY])
    return result, parsed(result)


def test_exactly_one_json_line_out_per_line_in(nasty_run) -> None:
    result, replies = nasty_run
    errors = [r for r in replies if r["type"] == "error"]
    assert result.returncode == (1 if errors else 0), result.stderr.decode(errors="replace")  # 1: some line was an error
    assert not any("internal error" in r["error"] for r in errors), errors
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert len(replies) == len(NASTY)
    assert all(isinstance(reply, dict) for reply in replies)


def test_no_line_is_an_internal_error(nasty_run) -> None:
    _, replies = nasty_run
    failed = [(name, reply) for (name, _), reply in zip(NASTY, replies) if "internal error" in str(reply.get("error"))]
    assert failed == []


def test_each_kind_of_line_gets_the_right_kind_of_reply(nasty_run) -> None:
    _, replies = nasty_run
    by_name = {name: reply for (name, _), reply in zip(NASTY, replies)}
    assert by_name["empty"]["error"].startswith("empty line")
    assert by_name["spaces"]["error"].startswith("empty line")
    assert by_name["question"]["verdict"] == "not_allowed"
    assert "thurrock:14.5" in [c["id"] for c in by_name["question"]["citations"]]
    for name in ("unknown-command", "unknown-command-args"):
        assert by_name[name]["command"] == "foo" and "unknown command /foo" in by_name[name]["error"]
    assert by_name["slash-only"]["error"].startswith("unknown command")
    assert by_name["unknown-council"]["command"] == "council" and "atlantis" in by_name["unknown-council"]["error"]
    assert by_name["council-no-name"]["command"] == "council" and "error" in by_name["council-no-name"]
    assert by_name["councils"]["command"] == "councils" and len(by_name["councils"]["councils"]) >= 5
    assert by_name["why"]["command"] == "why"
    assert by_name["help"]["command"] == "help"
    assert by_name["reset"]["command"] == "reset" and by_name["reset"]["council"] == "thurrock"
    assert by_name["back-to-thurrock"]["council"] == "thurrock"
    assert by_name["compare"]["verdict"] == "guidance" and by_name["compare"]["councils"]


def test_long_lines_are_cut_with_a_notice(nasty_run) -> None:
    _, replies = nasty_run
    by_name = {name: reply for (name, _), reply in zip(NASTY, replies)}
    for name in ("long", "long-no-spaces"):
        assert "2,000 characters" in by_name[name]["notice"]
        assert len(by_name[name]["question"]) <= 2000, f"{name}: {len(by_name[name]['question'])} characters echoed"


def test_escapes_markup_and_controls_never_reach_the_answer(nasty_run) -> None:
    _, replies = nasty_run
    for (name, _), reply in zip(NASTY, replies):
        if "question" not in reply:
            continue
        blob = json.dumps({k: reply[k] for k in ("question", "facts", "summary")}, ensure_ascii=False)
        assert "\x1b" not in blob and "\x00" not in blob and "\x9b" not in blob, name
        assert not any(ord(ch) < 32 for ch in reply["question"]), name
        facts = json.dumps(reply["facts"], ensure_ascii=False)
        assert "[bold" not in facts and "[link" not in facts and "[/" not in facts, name
    by_name = {name: reply for (name, _), reply in zip(NASTY, replies)}
    assert by_name["ansi"]["facts"]["amount"]["pence"] == 3000
    assert by_name["rich-markup"]["facts"]["giver"] == "contractor"


def test_a_carriage_return_does_not_split_the_line(nasty_run) -> None:
    _, replies = nasty_run
    by_name = {name: reply for (name, _), reply in zip(NASTY, replies)}
    assert by_name["carriage-return"]["question"] == "can I accept a gift from a contractor"


def test_windows_line_endings_are_one_line_each(retriever) -> None:
    payload = b"can I accept a gift\r\n/why\r\n\r\n"
    result = subprocess.run(COMMAND, input=payload, capture_output=True, cwd=ROOT, timeout=60)
    replies = parsed(result)
    assert result.returncode == 1 and len(replies) == 3  # 1: the blank line got an error reply
    assert replies[0]["question"] == "can I accept a gift" and replies[1]["command"] == "why"
    assert replies[2]["error"].startswith("empty line")


INVALID_UTF8 = [
    b"can I accept \xff\xfe a gift \xc3\x28 worth \xe2\x82 \xa330 from a contractor",
    b"\xed\xa0\x80 lone surrogate encoded",
    b"\xc0\xaf overlong slash",
    b"\x80\x81\x82",
]


def test_invalid_utf8_is_answered_like_any_other_line(retriever) -> None:
    result = run_lines(INVALID_UTF8 + [b"/why"])
    replies = parsed(result)
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert len(replies) == len(INVALID_UTF8) + 1
    assert not any("internal error" in str(r.get("error")) for r in replies), replies
    assert replies[0]["facts"]["giver"] == "contractor"


def test_invalid_utf8_with_a_strict_stdin_does_not_end_the_conversation(retriever) -> None:
    result = run_lines([INVALID_UTF8[0], b"can I accept a gift"], env={"PYTHONIOENCODING": "utf-8:strict"})
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 0
    assert len(parsed(result)) == 2


@pytest.mark.parametrize("strict", [False, True], ids=["surrogateescape-stdin", "strict-stdin"])
def test_the_plain_conversation_survives_invalid_utf8(retriever, strict: bool) -> None:
    env = {**os.environ, **({"PYTHONIOENCODING": "utf-8:strict"} if strict else {})}
    result = subprocess.run([sys.executable, "-m", "assistant", "ask", "--council", "thurrock"], cwd=ROOT, env=env,
                            input=INVALID_UTF8[0] + b"\n/help\n", capture_output=True, timeout=60)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")[-400:]
    assert result.returncode == 0 and result.stdout.count(b"Conduct: ") == 2


def test_a_question_argument_with_invalid_utf8_is_answered(retriever) -> None:
    result = subprocess.run([sys.executable, "-m", "assistant", "ask", "--council", "thurrock", "--json",
                             os.fsdecode(b"can I accept a \xff gift from a contractor")],
                            cwd=ROOT, capture_output=True, timeout=60)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")[-400:]
    assert result.returncode == 0 and json.loads(result.stdout)["facts"]["giver"] == "contractor"


def test_a_conversation_keeps_its_facts_from_turn_to_turn_until_reset(retriever) -> None:
    whisky = "a \u00a340 bottle of whisky from a supplier".encode()
    result = run_lines([b"Can I accept a gift?", whisky, b"/why", b"/reset", whisky])
    first, second, why, reset, after = parsed(result)
    assert result.returncode == 0
    assert first["verdict"] == "needs_info" and first["topic"] == "gifts" and first["follow_up"]
    assert second["topic"] == "gifts"
    assert second["verdict"] not in ("needs_info", "guidance", "not_covered")
    assert second["facts"]["amount"]["pence"] == 4000 and second["facts"]["giver"] == "supplier"
    assert second["facts"]["item"] == first["facts"]["item"]  # the first turn's facts were kept
    assert "thurrock:14.5" in [c["id"] for c in second["citations"]]
    assert why["command"] == "why" and why["facts"] == second["facts"]
    assert reset["command"] == "reset" and reset["council"] == "thurrock"
    assert after["council"] == "thurrock" and after["facts"]["amount"]["pence"] == 4000


def test_no_input_gives_no_output_and_exit_code_zero(retriever) -> None:
    result = subprocess.run(COMMAND, input=b"", capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and result.stdout == b"" and b"Traceback" not in result.stderr


def test_a_last_line_without_a_newline_is_still_answered(retriever) -> None:
    result = subprocess.run(COMMAND, input=b"/help\ncan I accept a gift", capture_output=True, cwd=ROOT, timeout=60)
    replies = parsed(result)
    assert [r.get("command") for r in replies] == ["help", None] and replies[1]["question"] == "can I accept a gift"


def test_each_line_its_own_question_with_each(retriever) -> None:
    """`--each`: every line is its own question, so no fact of one line reaches the next; by default
    one conversation, where a new question still starts with fresh facts."""
    lines = [b"/council county", "Can I accept a £40 gift from a supplier?".encode(), b"what if it were from a resident?"]
    each = parsed(subprocess.run([*COMMAND, "--each"], input=b"\n".join(lines) + b"\n", capture_output=True, cwd=ROOT,
                                 timeout=60, env=dict(os.environ)))
    assert each[0]["command"] == "council"
    assert each[1]["verdict"] == "not_allowed" and each[1]["facts"]["amount"]["pence"] == 4000
    assert each[2]["facts"]["amount"] is None and each[2]["council"] == "county"
    together = parsed(run_lines([*lines[:2], "Can I accept a gift from a resident?".encode(), lines[2]]))
    assert together[2]["verdict"] == "needs_info" and together[2]["facts"]["amount"] is None
    assert together[3]["facts"]["giver"] is not None
