"""A conversation carried in a signed cookie: the lines typed, replayed through a fresh `Session`.

Answers are deterministic, so the lines typed are the whole state: any worker
rebuilds the conversation by handing them to a new `Session` one by one, as
the chat does with each line, and gets the same replies byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from web.signing import MAX_COOKIE_CHARS, Signer

if TYPE_CHECKING:
    from assistant.engine import Assistant
    from assistant.session import Reply, Session

MAX_LINES = 16
"""The most lines a conversation keeps: past this it starts afresh, and says so."""
MAX_LINE_CHARS = 2000
"""What the assistant reads of a question; more is cut, with a notice, as in the chat."""
MAX_AGE = 12 * 3600
PURPOSE = "conversation"
RESTARTED = ("This conversation had grown too long to keep, so Conduct started a new one with your last "
             "question. Ask again anything it needs from before.")


@dataclass
class Turn:
    line: str
    reply: "Reply"


@dataclass
class State:
    council: str | None = None
    """The council the conversation started with."""
    lines: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"c": self.council, "l": self.lines}

    @classmethod
    def from_json(cls, data: Any) -> "State":
        if not isinstance(data, dict):
            return cls()
        council = data.get("c") if isinstance(data.get("c"), str) else None
        lines = [line for line in data.get("l", []) if isinstance(line, str)] if isinstance(data.get("l"), list) else []
        return cls(council, lines[:MAX_LINES])


class Conversations:
    """Reads, extends and replays conversation state for one signed-in person."""

    def __init__(self, assistant: "Assistant", signer: Signer, default_council: str | None = None):
        self.assistant = assistant
        self.signer = signer
        self.default_council = default_council

    def load(self, subject: str, cookie: str | None) -> State:
        data = self.signer.loads(f"{PURPOSE}:{subject}", cookie, MAX_AGE)
        if data is None:
            return State(self.default_council)
        state = State.from_json(data)
        if state.council is not None and state.council not in self.assistant.library.documents:
            return State(self.default_council)
        return state

    def dump(self, subject: str, state: State) -> str:
        return self.signer.dumps(f"{PURPOSE}:{subject}", state.to_json())

    def session(self, council: str | None, lookup: Any = None) -> "Session":
        from assistant.session import Session

        return Session(self.assistant, council, lookup=lookup)

    def replay(self, state: State, lookup: Any = None) -> tuple["Session", list[Turn]]:
        """The conversation rebuilt; `lookup` is the register's hook for this person, as the chat's Session has.

        It is given to the last line only: that answer is the one just asked (and the one Record this
        fills the form from), and the register is asked once per page rather than once per line.
        """
        session = self.session(state.council)
        turns = []
        for number, line in enumerate(state.lines):
            if number == len(state.lines) - 1:
                session.lookup = lookup
            turns.append(Turn(line, handle(session, line)))
        return session, turns

    def extend(self, subject: str, state: State, lines: list[str]) -> tuple[State, bool]:
        """The state with these lines added, and whether it had to start afresh to stay within bounds."""
        longer = State(state.council, [*state.lines, *lines])
        if len(longer.lines) <= MAX_LINES and len(self.dump(subject, longer)) <= MAX_COOKIE_CHARS:
            return longer, False
        session, _ = self.replay(state)
        for line in lines[:-1]:
            handle(session, line)
        fresh = State(session.council, list(lines[-1:]))
        while fresh.lines and len(self.dump(subject, fresh)) > MAX_COOKIE_CHARS:
            # Text that does not compress (thousands of random characters) is kept only as far as fits.
            fresh.lines[-1] = fresh.lines[-1][: len(fresh.lines[-1]) * 3 // 4]
        return fresh, True


def handle(session: "Session", line: str) -> "Reply":
    """One line through the session; one bad line must never take the page down."""
    from assistant.session import Reply

    try:
        return session.handle(line)
    except Exception as exc:  # noqa: BLE001 - shown to the user as the chat shows it
        return Reply(error=f"Sorry, something went wrong answering that ({type(exc).__name__}).")


def clean_line(text: str) -> str:
    """A question as typed, on one line and cut to what the assistant reads (it adds the notice)."""
    joined = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return joined[: MAX_LINE_CHARS + 1]
