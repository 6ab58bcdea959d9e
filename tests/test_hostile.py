"""Hostile names, files and terminals (issue 15): each shape is made at test time, run through the
real `conduct` command, and must give a clear message in bounded time and memory, never a
traceback, and nothing raw on the terminal.

Memory-hungry shapes run in a child process under resource.setrlimit (see `limited`), so a
regression fails the test instead of exhausting the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

try:
    from tests.test_added import write_txt
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from test_added import write_txt  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
ESC_NAME = "Evil\x1b]0;pwned\x07\x1b[2J Council"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "[2J", "]0;")


def conduct(home: Path, *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    environment = {**os.environ, "CONDUCT_HOME": str(home), **(env or {})}
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=environment, input=data,
                          capture_output=True, timeout=timeout)


def text_of(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")


def assert_clean(result: subprocess.CompletedProcess) -> None:
    shown = text_of(result)
    assert "Traceback" not in shown, shown[-2000:]
    for raw in RAW:
        assert raw not in shown, (raw, shown[-2000:])


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """One added council whose text carries escapes, their remains and a bidi override."""
    home = tmp_path_factory.mktemp("hostile-home")
    source = write_txt(tmp_path_factory.mktemp("src"))
    text = source.read_text(encoding="utf-8")
    text = text.replace("1.1 ", "1.1 \x1b[2J\x1b[HEmployees \u202eetirw\u202c and ESC-less [2J[H remains ", 1)
    source.write_text(text, encoding="utf-8")
    result = conduct(home, "add", str(source), "--name", "Anytown Borough Council")
    assert result.returncode == 0, text_of(result)
    return home


# --------------------------------------------------------------------------- 3: escapes never reach the terminal


def test_a_name_with_escapes_is_refused(home: Path, tmp_path: Path) -> None:
    result = conduct(home, "add", str(write_txt(tmp_path)), "--name", ESC_NAME, "--slug", "evil")
    assert result.returncode == 2
    assert "control character" in result.stderr.decode()
    assert_clean(result)
    assert not (home / "councils" / "evil").exists()


def test_clause_text_keeps_no_escape_remains_nor_bidi_overrides(home: Path) -> None:
    result = conduct(home, "show", "anytown:1.1")
    assert result.returncode == 0
    assert_clean(result)
    assert "Employees" in result.stdout.decode() and "remains" in result.stdout.decode()


def test_a_hand_edited_record_with_escapes_is_shown_clean(home: Path, tmp_path: Path) -> None:
    import shutil

    edited = tmp_path / "home"
    shutil.copytree(home, edited)
    record = edited / "councils" / "anytown" / "council.toml"
    text = record.read_text(encoding="utf-8")
    text = text.replace('name = "Anytown Borough Council"', 'name = "Any\\u001b]0;pwned\\u0007\\u001b[2Jtown \\u202eCouncil"')
    record.write_text(text, encoding="utf-8")
    for args in (["councils"], ["show", "anytown:1.1"], ["clauses", "anytown"], ["profile", "anytown"],
                 ["ask", "--council", "anytown", "can I accept a gift?"]):
        result = conduct(edited, *args)
        assert result.returncode == 0, (args, text_of(result))
        assert_clean(result)
    assert "Anytown Council" in conduct(edited, "councils").stdout.decode()


def test_a_file_name_with_escapes_is_echoed_clean(home: Path, tmp_path: Path) -> None:
    source = write_txt(tmp_path, name="ev\x1b]0;x\x07il\x1b[2J.txt")
    result = conduct(home, "add", str(source), "--name", "Eviltown Council")
    assert result.returncode == 0, text_of(result)
    assert_clean(result)
    assert_clean(conduct(home, "remove", "eviltown"))


def test_an_unknown_command_with_escapes_is_echoed_clean_and_clipped(home: Path) -> None:
    result = conduct(home, "ask", stdin="/\x1b]0;pwned\x07\x1b[2Jfoo\n/council " + "x\x1b[2J" * 200_000 + "\n")
    assert result.returncode == 0
    assert_clean(result)
    assert "unknown command /foo" in result.stdout.decode()
    assert len(result.stdout) < 5_000  # a 1 MB line does not get a 1 MB reply


def test_the_chat_header_and_markdown_export_are_clean(home: Path, tmp_path: Path) -> None:
    """The chat's header shows Council.name; the export shows it, the question and the cited clause text."""
    from datetime import datetime

    from assistant.engine import Assistant
    from assistant.session import Session
    from corpus.library import load_library
    from corpus.safe_text import has_control
    from tui.backend import Turn
    from tui.export import transcript_markdown

    library = load_library(home)
    document = library.document("anytown")
    council = document.council
    assert not has_control(council.name + council.title + council.source)
    assert not any(has_control(c.text.replace("\n", "").replace("\t", "")) for c in document.clauses)
    session = Session(Assistant(library), "anytown")
    question = "What must employees \u202edo\u202c about [2J gifts\x1b[2J?"
    markdown = transcript_markdown([Turn(question, session.handle(question))], council.name, datetime(2026, 1, 1))
    for raw in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert raw not in markdown, raw
    assert "\u241b[2J" in markdown  # the typed ESC is shown as its picture, as the chat echoes it


# --------------------------------------------------------------------------- 15: terminals that are not UTF-8


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp850"])
def test_a_terminal_that_is_not_utf8_gets_what_it_can_show(home: Path, encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding}
    for args in (["ask", "--council", "thurrock", "Can I accept a £30 gift from a contractor?"], ["councils"],
                 ["show", "thurrock:14.5"], ["profile", "thurrock"], ["clauses", "town"],
                 ["compare", "a £30 gift"]):
        result = conduct(home, *args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert b"Traceback" not in result.stderr
        result.stdout.decode(encoding)  # strictly what the terminal can show
    ask = conduct(home, "ask", "--council", "thurrock", "Can I accept this £30 gift from a contractor?", env=env)
    assert "30" in ask.stdout.decode(encoding) and "NO" in ask.stdout.decode(encoding)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_lines_stay_ascii_safe_and_lossless(home: Path, encoding: str) -> None:
    result = conduct(home, "ask", "--council", "thurrock", "--json",
                     stdin="Can I accept a £30 gift?\n/councils\n", env={"PYTHONIOENCODING": encoding})
    lines = result.stdout.decode("ascii").splitlines()  # strictly ASCII
    assert len(lines) == 2
    replies = [json.loads(line) for line in lines]
    assert all("internal error" not in json.dumps(r) for r in replies)
    assert "£30" in json.dumps(replies[0], ensure_ascii=False)
