"""The command line explains itself: help with examples everywhere, --version, `conduct help`, clear
council handling, one-line typed JSON, a documented exit status. Every test runs the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["councils", "clauses", "show", "search", "ask", "compare", "chat", "serve", "add", "remove", "profile",
            "record", "register", "help"]


def conduct(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "100"})


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description_and_examples(command: str) -> None:
    result = conduct(command, "--help")
    assert result.returncode == 0, result.stderr
    usage, _, rest = result.stdout.partition("\n\n")
    assert usage.startswith(f"usage: conduct {command}")
    description = rest.split("\n\n")[0]
    assert len(description) > 30 and not description.startswith(("positional", "options"))
    examples = result.stdout.split("examples:\n", 1)[1].split("\n\n")[0].splitlines()
    assert examples and all(line.startswith("  conduct") or line.startswith("  printf") for line in examples)
    assert conduct("help", command).stdout == result.stdout  # `conduct help COMMAND` is the same text


def test_ask_help_explains_conversations_and_commands() -> None:
    text = conduct("ask", "--help").stdout
    assert "With no QUESTION, `conduct ask` is a conversation" in text
    assert "every line is one turn of the SAME" in text and "conversation" in text
    for command in ("/council NAME", "/compare TOPIC", "/reset", "/why", "/quit"):
        assert command in text
    assert "exit status:" in text and "1  a question or line got an error reply" in text


def test_version_and_help_without_a_command() -> None:
    version = conduct("--version")
    assert version.returncode == 0 and version.stdout.startswith("conduct ") and version.stdout.strip() != "conduct"
    top = conduct("help")
    assert top.returncode == 0 and "COMMAND" in top.stdout and "exit status:" in top.stdout
    unknown = conduct("help", "nonsense")
    assert unknown.returncode == 2 and "no command 'nonsense'" in unknown.stderr and "ask" in unknown.stderr


def test_a_question_with_no_council_lists_the_slugs_and_fails(retriever) -> None:
    result = conduct("ask", "Can I accept a £30 gift?")
    assert result.returncode == 2 and result.stdout == ""
    assert "Pass --council with one of: thurrock, county, town, gloucester, essex" in result.stderr
    as_json = conduct("ask", "--json", "Can I accept a £30 gift?")
    assert as_json.returncode == 2
    line = json.loads(as_json.stdout)
    assert line["type"] == "error" and line["councils"] == ["thurrock", "county", "town", "gloucester", "essex"]
    named = conduct("ask", "Can I accept a £30 gift at Thurrock?")
    assert named.returncode == 0 and named.stdout.startswith("NO:")  # the question itself said which council


def test_a_corrected_council_is_said_on_stderr(retriever) -> None:
    result = conduct("ask", "--council", "thurock", "Can I accept a £30 gift from a contractor?")
    assert result.returncode == 0 and result.stdout.startswith("NO:")
    assert "conduct: taking 'thurock' to mean thurrock (Thurrock Council)" in result.stderr
    exact = conduct("ask", "--council", "Thurrock Council", "Can I accept a £30 gift from a contractor?")
    assert "taking" not in exact.stderr


def test_json_is_one_typed_line_unless_pretty(retriever) -> None:
    one = conduct("ask", "--council", "thurrock", "--json", "Can I accept a £30 gift from a contractor?")
    assert one.returncode == 0 and one.stdout.count("\n") == 1
    answer = json.loads(one.stdout)
    assert list(answer)[0] == "type" and answer["type"] == "answer" and answer["verdict"] == "not_allowed"
    pretty = conduct("ask", "--council", "thurrock", "--json", "--pretty", "Can I accept a £30 gift from a contractor?")
    assert pretty.stdout.count("\n") > 10 and json.loads(pretty.stdout) == answer
    compare = conduct("compare", "--json", "gifts")
    assert compare.stdout.count("\n") == 1 and json.loads(compare.stdout)["type"] == "answer"


def test_stdin_lines_are_typed_and_an_error_line_sets_the_exit_status(retriever) -> None:
    good = conduct("ask", "--json", stdin="/council essex\nCan I accept a £30 gift from a supplier?\n")
    assert good.returncode == 0
    assert [json.loads(line)["type"] for line in good.stdout.splitlines()] == ["command", "answer"]
    bad = conduct("ask", "--json", stdin="/council essex\n\n/nonsense\nCan I accept a gift?\n")
    assert bad.returncode == 1
    assert [json.loads(line)["type"] for line in bad.stdout.splitlines()] == ["command", "error", "error", "answer"]
    plain = conduct("ask", "--council", "essex", stdin="\nCan I accept a gift?\n")
    assert plain.returncode == 1 and plain.stdout.count("Conduct: ") == 2


def test_serve_checks_the_council_before_starting() -> None:
    result = conduct("serve", "--council", "nowhere", "--port", "1")
    assert result.returncode == 2 and "no council called 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
