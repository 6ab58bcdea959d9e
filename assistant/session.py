"""A conversation driven line by line: questions and `/commands`, as the chat and scripts use it.

Every line in gets exactly one reply out, so other programs can drive Conduct
over standard input and output (`conduct ask --json`), and the plain-text
mode for screen readers shares the same commands as the chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from assistant.answer import Answer
from assistant.engine import Assistant, Conversation
from corpus.safe_text import shown

HELP = (
    "Ask a question in your own words, e.g. 'Can I accept a £30 gift from a contractor?'. Commands: "
    "/council NAME (switch council), /councils (list them), /compare TOPIC (every council side by side), "
    "/reset (forget this conversation), /why (how the last answer was decided), /help, /quit."
)


@dataclass(frozen=True)
class Reply:
    """What one line produced: an answer, a command's result, or an error."""

    answer: Answer | None = None
    command: str | None = None
    message: str = ""
    error: str | None = None
    data: dict[str, Any] | None = None
    quit: bool = False

    def to_json(self) -> dict[str, Any]:
        if self.answer is not None:
            return self.answer.to_json()
        if self.error is not None:
            return {"error": self.error, **({"command": self.command} if self.command else {})}
        return {"command": self.command, "message": self.message, **(self.data or {})}


class Session:
    def __init__(self, assistant: Assistant, council: str | None = None,
                 lookup: "Callable[[Answer, str], Answer] | None" = None):
        self.assistant = assistant
        self.conversation = Conversation(council=council)
        self.lookup = lookup
        """Adds what the officer's own register holds to a gift answer (assistant.register.history)."""

    @property
    def council(self) -> str | None:
        return self.conversation.council

    def handle(self, line: str) -> Reply:
        stripped = line.strip()
        if stripped.startswith("/"):
            return self._command(stripped)
        if not stripped:
            return Reply(error="empty line: type a question, or /help")
        answer = self.assistant.ask(line, conversation=self.conversation)
        if self.lookup is not None:
            answer = self.lookup(answer, self.conversation.said)
        return Reply(answer=answer)

    def _command(self, line: str) -> Reply:
        name, _, arg = line[1:].partition(" ")
        name, arg = name.lower(), arg.strip()
        if name in {"council", "c"}:
            return self._switch(arg)
        if name == "councils":
            rows = [{"slug": c.slug, "name": c.name} for c in self.assistant.library.councils]
            return Reply(command="councils", message="Councils: " + ", ".join(f"{r['slug']} ({r['name']})" for r in rows),
                         data={"councils": rows})
        if name == "reset":
            self.conversation.reset()
            return Reply(command="reset", message="Forgotten. Ask a new question.", data={"council": self.council})
        if name == "compare":
            return self._compare(arg)
        if name == "why":
            last = self.conversation.history[-1] if self.conversation.history else None
            if last is None:
                return Reply(command="why", error="nothing asked yet")
            return Reply(command="why", message=why_text(last), data={"trace": last.trace.to_json(), "facts": last.facts})
        if name in {"help", "h", "?"}:
            return Reply(command="help", message=HELP)
        if name in {"quit", "exit", "q"}:
            return Reply(command="quit", message="Goodbye.", quit=True)
        return Reply(command=shown(name, 40), error=f"unknown command /{shown(name, 40)}. {HELP}")

    def _switch(self, wanted: str) -> Reply:
        if not wanted:
            return Reply(command="council", error="say which council, e.g. /council essex")
        match = self.assistant.library.find_council(wanted)
        slug = match.slug
        if slug is None:
            names = ", ".join(self.assistant.library.slugs)
            hint = f"did you mean {' or '.join(match.suggestions)}? " if match.suggestions else ""
            return Reply(command="council", error=f"no council called {shown(wanted)!r}; {hint}councils: {names}")
        self.conversation.council = slug
        name = self.assistant.library.document(slug).council.name
        taken = "" if match.exact else f"Taking {shown(wanted)!r} to mean {name}. "
        return Reply(command="council", message=f"{taken}Now answering from {name}'s code.", data={"council": slug})

    def _compare(self, arg: str) -> Reply:
        request = read_compare(arg, fallback=self.conversation.said or "")
        topic, facts = request.topic or self.conversation.topic, request.facts
        if not request.asked and self.conversation.facts is not None:
            facts = self.conversation.facts
        text = request.text or (topic or "")
        return Reply(answer=self.assistant.compare(text, topic, facts, notice=request.notice))


@dataclass(frozen=True)
class CompareRequest:
    """What '/compare …' and 'conduct compare …' ask for: read the same way by both."""

    asked: str
    """The argument as typed, normalised and cut ('' for a bare /compare)."""
    text: str
    """What facts and topic were read from: the argument, or the conversation so far."""
    topic: str | None
    facts: Any
    notice: str | None


def read_compare(arg: str, fallback: str = "") -> CompareRequest:
    """A topic named outright ('gifts') is an overview, not a gift; anything else is read as a question
    (a bare /compare reads the conversation so far, `fallback`)."""
    from assistant.understand.facts import Facts
    from assistant.understand.question import read_plain, read_question

    question = read_question(arg)
    asked = question.plain
    named = _topic_named(asked)
    if named:
        return CompareRequest(asked, asked, named, Facts(), question.notice)
    if not asked:
        question = read_plain(fallback)
    return CompareRequest(asked, question.plain, question.reading.topic, question.facts, question.notice)


def _topic_named(text: str) -> str | None:
    from assistant.decide.topics import TOPIC_NAMES, TOPICS

    wanted = text.strip().lower().replace(" ", "_").replace("-", "_")
    if wanted in TOPICS:
        return wanted
    for topic, words in TOPIC_NAMES.items():
        if text.strip().lower() and text.strip().lower() in words:
            return topic
    return None


def why_text(answer: Answer) -> str:
    """The trace in words: facts understood, parameters used with their quotes, the rule that fired."""
    lines = [f"Template: {answer.trace.template}; rule: {answer.trace.rule}."]
    facts = {k: v for k, v in answer.facts.items() if v not in (None, [], {})}
    if facts:
        lines.append("Facts understood: " + "; ".join(f"{k} = {_fact(v)}" for k, v in facts.items()) + ".")
    for param in answer.trace.parameters:
        cite = f" ({param['citation']})" if param.get("citation") else ""
        lines.append(f"- {param['name']} = {param['value']}{cite}: \"{param['quote']}\"")
    return "\n".join(lines)


def _fact(value: Any) -> str:
    if isinstance(value, dict) and "text" in value:
        return str(value["text"])
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
