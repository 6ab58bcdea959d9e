"""The plain "You:/Conduct:" conversation (for screen readers): wrapped to the real width, words whole, a clean end.

Each test runs the real command; the Ctrl+D test runs it on a pseudo-terminal, as a person would.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "Can I accept this £30 gift from a contractor?",
    "Do I need permission for a second job?",
    "/help",
    "/compare gifts",
    "A supplier has offered me Christmas tickets, what should I do?",
]


def converse(lines: list[str], columns: int, council: str = "essex") -> str:
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40"}
    result = subprocess.run([sys.executable, "-m", "assistant", "ask", "--council", council], cwd=ROOT, env=env,
                            input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-400:]
    return result.stdout


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w'’£.-]+", text))


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("council", ["thurrock", "essex"])
def test_replies_fit_the_terminal_and_never_split_a_word(retriever, columns: int, council: str) -> None:
    out = converse(QUESTIONS, columns, council)
    lines = out.splitlines()
    assert sum(line.startswith("Conduct: ") for line in lines) == len(QUESTIONS)
    long_ids = [w for w in words(out) if len(w) > columns - 10]  # only an unbreakable id may overflow
    assert all(len(line) <= columns or any(w in line for w in long_ids) for line in lines), \
        [line for line in lines if len(line) > columns]
    assert not [line for line in lines if line.strip() in {".", ",", ";", ")", "(14.5);"}]
    unwrapped = " ".join(line.strip() for line in lines)
    single = converse(QUESTIONS, 400, council)  # wide enough that nothing wraps: the words as written
    assert words(unwrapped) == words(" ".join(line.strip() for line in single.splitlines()))


def test_ctrl_d_ends_the_prompt_line(retriever) -> None:
    """Ctrl+D at "You: " ends that line, so the shell's next prompt starts on a line of its own."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command on a terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "assistant", "ask", "--council", "thurrock"])
    output = b""
    deadline = time.monotonic() + 60
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not sent and output.rstrip().endswith(b"You:"):
            os.write(fd, b"\x04")
            sent = True
    _, status = os.waitpid(pid, 0)
    assert sent and os.waitstatus_to_exitcode(status) == 0
    assert output.endswith(b"You: \r\n"), output[-80:]
